"""Shipped concept data: declarations as in the official schema, mapping rules naming declared
concepts, generated schema files in step with concepts.csv, and an offline taxonomy package."""
from __future__ import annotations

import zipfile

from converter import concepts as C
from converter.map_concepts import shipped_rules
from converter.resources import taxonomy_dir
from converter.taxonomy_package import generated_files, package_zip


def test_every_declared_concept_has_consistent_attributes():
    declared = C.us_gaap()
    assert len(declared) >= 500
    for concept in declared.values():
        assert C.check_concept(concept) is None
        if concept.type == C.PER_SHARE or concept.type == C.SHARES:
            assert concept.balance == ""
    # spot checks against accounting sense (assets debit, liabilities/revenues credit)
    assert (declared["Assets"].balance, declared["Assets"].period_type) == ("debit", "instant")
    assert (declared["Revenues"].balance, declared["Revenues"].period_type) == ("credit", "duration")
    assert declared["TreasuryStockValue"].balance == "debit"
    assert declared["IncomeTaxExpenseBenefit"].balance == "debit"
    assert declared["NetCashProvidedByUsedInOperatingActivities"].balance == ""
    assert declared["EarningsPerShareBasic"].type == "dtr-types:perShareItemType"


def test_removed_concepts_are_not_declared():
    for name in ("SalesRevenueNet", "SalesRevenueGoodsNet", "CostOfGoodsSold"):
        assert name not in C.us_gaap()


def test_every_rule_names_a_declared_concept():
    rules = shipped_rules()
    assert len(rules) > 100
    for rule in rules:
        assert rule.concept.startswith("ext:") or rule.concept in C.us_gaap(), rule.origin


def test_generated_schema_files_are_up_to_date():
    for name, text in generated_files().items():
        assert (taxonomy_dir() / name).read_text(encoding="utf-8") == text, \
            f"{name} is stale: run python -m converter.taxonomy_package --write"


def test_dei_concepts_come_from_the_official_schema():
    dei = C.dei()
    assert dei["EntityRegistrantName"].period_type == "duration"
    assert dei["DocumentPeriodEndDate"].type == "xbrli:dateItemType"


def test_package_is_a_zip_with_one_top_folder_and_a_catalog():
    with zipfile.ZipFile(package_zip()) as archive:
        names = archive.namelist()
        tops = {n.split("/")[0] for n in names}
        assert len(tops) == 1
        top = tops.pop()
        assert f"{top}/META-INF/catalog.xml" in names and f"{top}/META-INF/taxonomyPackage.xml" in names
        catalog = archive.read(f"{top}/META-INF/catalog.xml").decode()
        assert 'uriStartString="https://xbrl.fasb.org/us-gaap/2023/"' in catalog and "prefer" not in catalog


def test_concept_search():
    found = C.search("accounts receivable current")
    assert "AccountsReceivableNetCurrent" in [c.name for c in found]
