"""Concept mapping: sections, arithmetic roles, extensions, confidence and user overrides, on
small hand-written statements (concepts and values worked out by hand)."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from conftest import facts_of

from converter.cli import main
from converter.errors import TaxonomyError
from converter.map_concepts import load_rules

D = Decimal

SECTIONS = """
                         CONSOLIDATED BALANCE SHEETS
                               (In thousands)
                                              December 31,
                                           2001          2000
    Current assets:
      Cash                                $ 1,000       $   900
      Other                                   300           250
        Total                               1,300         1,150
    Property and equipment, net             2,700         2,850
                                          -------       -------
                                          $ 4,000       $ 4,000
                                          =======       =======
    Current liabilities:
      Accounts payable                    $   700       $   600
      Other                                   100           150
        Total                                 800           750
    Stockholders' equity:
      Common stock                            200           200
      Retained earnings                     3,000         3,050
                                          -------       -------
        Total stockholders' equity          3,200         3,250
                                          -------       -------
                                          $ 4,000       $ 4,000
"""


def test_other_and_total_read_by_section(tmp_path):
    facts = facts_of(tmp_path, SECTIONS)
    assert facts[("OtherAssetsCurrent", "I:2001-12-31")] == D("300000")
    assert facts[("AssetsCurrent", "I:2001-12-31")] == D("1300000")
    assert facts[("OtherLiabilitiesCurrent", "I:2000-12-31")] == D("150000")
    assert facts[("LiabilitiesCurrent", "I:2001-12-31")] == D("800000")


def test_unlabelled_totals_read_by_their_place(tmp_path):
    facts = facts_of(tmp_path, SECTIONS)
    assert facts[("Assets", "I:2001-12-31")] == D("4000000")
    assert facts[("LiabilitiesAndStockholdersEquity", "I:2000-12-31")] == D("4000000")


OPERATIONS = """
                    CONSOLIDATED STATEMENTS OF OPERATIONS
                               (In thousands)
                                           Year Ended December 31,
                                           2001          2000
    Net sales                             $ 9,000       $ 8,000
    Costs and expenses:
      Cost of sales                         6,000         5,500
      Selling and administrative            1,500         1,400
      Warranty reserve adjustments            100            --
                                          -------       -------
                                            7,600         6,900
                                          -------       -------
    Income before income taxes              1,400         1,100
    Income taxes                              500           400
                                          -------       -------
    Net income                            $   900       $   700


                   CONSOLIDATED STATEMENTS OF CASH FLOWS
                               (In thousands)
                                           Year Ended December 31,
                                           2001          2000
    Operating activities:
      Net income                          $   900       $   700
      Depreciation                            300           280
      Increase in accounts receivable        (200)         (100)
                                          -------       -------
      Net cash provided by operating
        activities                          1,000           880
    Investing activities:
      Capital expenditures                   (400)         (350)
      Other                                   (50)          (30)
                                          -------       -------
      Net cash used in investing
        activities                           (450)         (380)
"""


def test_arithmetic_role_names_the_unlabelled_subtotal(tmp_path):
    facts = facts_of(tmp_path, OPERATIONS)
    assert facts[("CostsAndExpenses", "D12:2001-12-31")] == D("7600000")


def test_net_income_in_the_cash_flow_is_the_same_fact(tmp_path):
    from converter.pipeline import convert

    path = tmp_path / "ops.txt"
    path.write_text("FORM 10-K\nACME WIDGET CORP\n(Exact name of registrant as specified in its charter)\n"
                    + OPERATIONS, encoding="utf-8")
    conversion = convert(path, render=False)
    net = {(f.context, f.value) for f in conversion.report.facts if f.concept.name == "NetIncomeLoss"}
    assert net == {("d20010101_20011231", D("900000")), ("d20000101_20001231", D("700000"))}
    assert len([f for f in conversion.report.facts if f.concept.name == "NetIncomeLoss"]) == 4


def test_cash_flow_signs_follow_the_concepts(tmp_path):
    facts = facts_of(tmp_path, OPERATIONS)
    assert facts[("IncreaseDecreaseInAccountsReceivable", "D12:2001-12-31")] == D("200000")
    assert facts[("PaymentsToAcquirePropertyPlantAndEquipment", "D12:2000-12-31")] == D("350000")
    assert facts[("PaymentsForProceedsFromOtherInvestingActivities", "D12:2001-12-31")] == D("50000")
    assert facts[("NetCashProvidedByUsedInInvestingActivities", "D12:2001-12-31")] == D("-450000")


def test_a_line_no_concept_fits_becomes_an_extension(tmp_path):
    from converter.pipeline import convert

    path = tmp_path / "ops.txt"
    path.write_text("FORM 10-K\nACME WIDGET CORP\n(Exact name of registrant as specified in its charter)\n"
                    + OPERATIONS, encoding="utf-8")
    conversion = convert(path)
    ext = [f for f in conversion.report.facts if f.concept.name == "WarrantyReserveAdjustments"]
    assert {f.value for f in ext} == {D("100000"), D("0")}
    concept = ext[0].concept
    assert concept.prefix == "acme" and concept.namespace.startswith("http://legacy2xbrl.invalid/")
    assert (concept.period_type, concept.balance) == ("duration", "debit")  # adds into costs and expenses
    assert ">Warranty reserve adjustments<" in conversion.outputs["ops_lab.xml"]
    assert any(p.code == "map.extension" for p in conversion.problems)


def test_every_mapped_row_has_confidence_reason_and_runner_ups(tmp_path):
    from converter.pipeline import convert

    path = tmp_path / "bs.txt"
    path.write_text("FORM 10-K\nACME WIDGET CORP\n(Exact name of registrant as specified in its charter)\n"
                    + SECTIONS, encoding="utf-8")
    conversion = convert(path, render=False)
    rows = [m for table in conversion.mapped for m in table.rows]
    assert rows and all(0.0 <= m.confidence <= 1.0 and m.reason for m in rows)
    cash = next(m for m in rows if m.concept.name == "Cash")
    assert "label /" in cash.reason and "assets" in cash.reason


def test_override_file_changes_a_mapping(tmp_path, capsys):
    overrides = tmp_path / "overrides.json"
    overrides.write_text(json.dumps({"rules": [
        {"concept": "OtherLiabilitiesCurrent", "label": "^warranty reserve adjustments$", "statement": "income"},
        {"concept": "ext:WarrantyCosts", "label": "^warranty", "company": "acme"},
    ]}), encoding="utf-8")
    from converter.pipeline import convert
    from converter.settings import Options

    path = tmp_path / "ops.txt"
    path.write_text("FORM 10-K\nACME WIDGET CORP\n(Exact name of registrant as specified in its charter)\n"
                    + OPERATIONS, encoding="utf-8")
    conversion = convert(path, Options(mapping_file=str(overrides)), render=False)
    names = {f.concept.name for f in conversion.report.facts}
    # the first override does not fit the row (a duration line, an instant concept): the next one wins
    assert "WarrantyCosts" in names and "OtherLiabilitiesCurrent" not in names
    assert main(["explain", str(path), "--mapping", str(overrides)]) == 0
    assert "overrides#2" in capsys.readouterr().out


@pytest.mark.parametrize("rules,words", [
    ({"rules": [{"concept": "NoSuchConcept", "label": "x"}]}, "not declared"),
    ({"rules": [{"concept": "Cash", "label": "(unclosed"}]}, "bad regular expression"),
    ({"rules": [{"label": "x"}]}, "schema"),
])
def test_bad_override_files_are_rejected_clearly(tmp_path, rules, words):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(rules), encoding="utf-8")
    with pytest.raises(TaxonomyError) as info:
        load_rules(path, "overrides")
    assert words in str(info.value) and "bad.json" in str(info.value)


def test_a_statement_printed_twice_shares_its_extension_concepts(tmp_path):
    """A 10-K and its EX-13 both print the statement: one company concept per line, not two."""
    from converter.pipeline import convert

    body = "FORM 10-K\nACME WIDGET CORP\n(Exact name of registrant as specified in its charter)\n"
    path = tmp_path / "twice.txt"
    path.write_text(f"<DOCUMENT>\n<TYPE>10-K\n<TEXT>\n{body}{OPERATIONS}</TEXT>\n</DOCUMENT>\n"
                    f"<DOCUMENT>\n<TYPE>EX-13\n<TEXT>\n{OPERATIONS}</TEXT>\n</DOCUMENT>\n", encoding="utf-8")
    conversion = convert(path, render=False)
    names = {f.concept.name for f in conversion.report.facts if f.concept.is_extension}
    assert names == {"WarrantyReserveAdjustments"}


def test_current_deferred_tax_assets_keep_their_historical_name_as_an_extension(tmp_path):
    """Before ASU 2015-17 deferred taxes were split current / non-current; the current asset's
    us-gaap concept is not in the 2023 release, so it is a company concept with that name."""
    from converter.pipeline import convert

    path = tmp_path / "bs.txt"
    path.write_text("FORM 10-K\nACME WIDGET CORP\n(Exact name of registrant as specified in its charter)\n" + """
                         CONSOLIDATED BALANCE SHEETS
                               (In thousands)
                                              December 31,
                                           2001          2000
    Current assets:
      Cash                                $ 1,000       $   900
      Deferred income taxes                   300           250
        Total current assets                1,300         1,150
    Deferred income taxes                     200           180
    Property and equipment, net             2,500         2,670
        Total assets                      $ 4,000       $ 4,000
""", encoding="utf-8")
    report = convert(path, render=False).report
    by_name = {(f.concept.prefix, f.concept.name, f.context): f.value for f in report.facts}
    assert by_name[("acme", "DeferredTaxAssetsNetCurrent", "i20011231")] == D("300000")
    assert by_name[("us-gaap", "DeferredIncomeTaxAssetsNet", "i20001231")] == D("180000")
    current = next(e for e in report.extensions if e.name == "DeferredTaxAssetsNetCurrent")
    assert (current.period_type, current.balance) == ("instant", "debit")
