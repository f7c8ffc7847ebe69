"""The sample filing end to end: facts read by hand from the printed statements of the Innovo
Group 8-K (Exhibit 99, "(In thousands)"), validation by Arelle, Arelle's own xBRL-JSON of our
iXBRL against ours, and the cover facts.

Expected values: printed number x 1,000 for amounts and share counts, per-share values as
printed; XBRL signs (accumulated deficit negative; treasury stock, the officer's note, interest
expense positive; the 2003 fourth-quarter tax line "(33)" is a benefit: -33,000, because the
column adds up as -5,827 - (-33) = -5,794).
"""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from conftest import SAMPLE, fact_set, text_facts

Q03, Q02, Y03, Y02 = "D3:2003-11-29", "D3:2002-11-30", "D12:2003-11-29", "D12:2002-11-30"
B03, B02 = "I:2003-11-29", "I:2002-11-30"

BALANCE = {  # concept: (2003, 2002) in thousands, XBRL sign
    "CashAndCashEquivalentsAtCarryingValue": (7248, 222),
    "AccountsReceivableNetCurrent": (1683, 2737),
    "InventoryNet": (7524, 5710),
    "PrepaidExpenseAndOtherAssetsCurrent": (2115, 279),
    "AssetsCurrent": (18570, 8948),
    "PropertyPlantAndEquipmentNet": (2067, 1419),
    "Goodwill": (12592, 4271),
    "IntangibleAssetsNetExcludingGoodwill": (13058, 487),
    "OtherAssetsNoncurrent": (78, 18),
    "Assets": (46365, 15143),
    "AccountsPayableAndAccruedLiabilitiesCurrent": (6128, 2438),
    "DueToRelatedPartiesCurrent": (579, 4250),
    "NotesPayableRelatedPartiesClassifiedCurrent": (500, 0),  # "Note payable to officer  500  --"
    "LongTermDebtCurrent": (168, 756),
    "LiabilitiesCurrent": (7707, 7444),
    "LongTermDebtNoncurrent": (22176, 2631),
    "CommonStockValue": (2579, 1491),
    "AdditionalPaidInCapital": (59077, 40343),
    "RetainedEarningsAccumulatedDeficit": (-41824, -33507),
    "AccumulatedOtherComprehensiveIncomeLossNetOfTax": (-59, -19),
    "StockholdersEquityNoteSubscriptionsReceivable": (703, 703),
    "TreasuryStockValue": (2588, 2537),
    "StockholdersEquity": (16482, 5068),
    "LiabilitiesAndStockholdersEquity": (46365, 15143),
}
INCOME = {  # concept: (Q4 2003, Q4 2002, FY 2003, FY 2002) in thousands
    "Revenues": (37295, 9458, 83129, 29609),
    "CostOfGoodsAndServicesSold": (34877, 6271, 70153, 20072),
    "GrossProfit": (2418, 3187, 12976, 9537),
    "SellingGeneralAndAdministrativeExpense": (7607, 2874, 19264, 8092),
    "DepreciationDepletionAndAmortization": (339, 78, 1227, 256),
    "OperatingExpenses": (7946, 2952, 20491, 8348),  # the unlabelled subtotal
    "OperatingIncomeLoss": (-5528, 235, -7515, 1189),
    "InterestExpense": (447, 156, 1216, 538),
    "OtherNonoperatingIncomeExpense": (148, -46, 458, 61),
    "IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest":
        (-5827, 33, -8273, 712),
    "IncomeTaxExpenseBenefit": (-33, -8, 44, 140),
    "NetIncomeLoss": (-5794, 41, -8317, 572),
}
PER_SHARE = {"EarningsPerShareBasic": ("-0.27", "0.00", "-0.49", "0.04"),
             "EarningsPerShareDiluted": ("-0.27", "0.00", "-0.49", "0.04")}
SHARES = {"WeightedAverageNumberOfSharesOutstandingBasic": (21274, 14847, 17009, 14856),
          "WeightedAverageNumberOfDilutedSharesOutstanding": (21274, 17769, 17009, 16109)}


CAPTIONS = {  # figures inside row captions, "(In thousands)" applied to shares as well
    ("AllowanceForDoubtfulAccountsReceivableCurrent", "USD"): (2158, 383),  # "$2,158 (2003) and $383 (2002)"
    ("CommonStockSharesIssued", "shares"): (25785, 14901),  # "25,785 (2003) and 14,901 (2002)"
    ("TreasuryStockShares", "shares"): (71, 58),  # "Treasury stock, 71 (2003) and 58 (2002)"
}


def expected_facts() -> set[tuple]:
    out = set()
    for (concept, unit), values in CAPTIONS.items():
        for period, value in zip((B03, B02), values):
            out.add((concept, period, unit, Decimal(value) * 1000))
    for concept, values in BALANCE.items():
        for period, value in zip((B03, B02), values):
            out.add((concept, period, "USD", Decimal(value) * 1000))
    for concept, values in INCOME.items():
        for period, value in zip((Q03, Q02, Y03, Y02), values):
            out.add((concept, period, "USD", Decimal(value) * 1000))
    for concept, values in PER_SHARE.items():
        for period, value in zip((Q03, Q02, Y03, Y02), values):
            out.add((concept, period, "USD/shares", Decimal(value)))
    for concept, values in SHARES.items():
        for period, value in zip((Q03, Q02, Y03, Y02), values):
            out.add((concept, period, "shares", Decimal(value) * 1000))
    return out


def period_key(oim_period: str) -> str:
    """'2003-08-31T00:00:00/2003-11-30T00:00:00' -> 'D3:2003-11-29' (the scorer's convention)."""
    def day(text: str) -> dt.date:
        return dt.date.fromisoformat(text[:10])
    if "/" in oim_period:
        start, end = oim_period.split("/")
        last = day(end) - dt.timedelta(days=1)
        months = round(((last - day(start)).days + 1) / 30.4375)
        return f"D{months}:{last.isoformat()}"
    return f"I:{(day(oim_period) - dt.timedelta(days=1)).isoformat()}"


def keyed(facts: set[tuple]) -> set[tuple]:
    units = {"iso4217:USD": "USD", "xbrli:shares": "shares", "iso4217:USD/xbrli:shares": "USD/shares"}
    return {(c, period_key(p), units.get(u, u), v) for c, p, u, v in facts}


def test_cli_exit_code_is_zero(sample_outputs):
    _, result = sample_outputs
    assert result["exit"] == 0


def test_every_hand_read_fact_is_present(sample_json):
    missing = expected_facts() - keyed(fact_set(sample_json))
    assert not missing, "\n".join(sorted(map(str, missing)))


def test_company_specific_line_is_an_extension(sample_json):
    """"Due to factor  332  --" has no us-gaap concept: a company extension, never a wrong one."""
    ns = sample_json["documentInfo"]["namespaces"]
    due = {(f["dimensions"]["period"], f["value"]) for f in sample_json["facts"].values()
           if f["dimensions"]["concept"].split(":")[-1] == "DueToFactor"}
    assert due == {("2003-11-30T00:00:00", "332000"), ("2002-12-01T00:00:00", "0")}
    prefix = next(f["dimensions"]["concept"].split(":")[0] for f in sample_json["facts"].values()
                  if f["dimensions"]["concept"].endswith(":DueToFactor"))
    assert prefix not in ("us-gaap", "dei") and ns[prefix].startswith("http")


def test_no_fact_outside_the_statements(sample_json):
    """Precision: every numeric fact is one of the printed statement figures (zeros aside)."""
    values_printed = {v for _, _, _, v in expected_facts()} | {Decimal(0), Decimal(332000)}
    stray = [f for f in keyed(fact_set(sample_json)) if f[3] not in values_printed]
    assert not stray, stray


def test_fourth_quarter_starts_after_the_prior_quarter_end(sample_json):
    """The release mentions "the quarter ended August 30, 2003": Q4 starts on August 31."""
    periods = {f[1] for f in fact_set(sample_json) if f[0] == "Revenues"}
    assert "2003-08-31T00:00:00/2003-11-30T00:00:00" in periods
    assert "2002-12-01T00:00:00/2003-11-30T00:00:00" in periods  # fiscal 2002 ended November 30


def test_cover_facts(sample_json):
    cover = text_facts(sample_json)
    assert cover["EntityRegistrantName"] == "INNOVO GROUP INC."
    assert cover["DocumentType"] == "8-K"
    assert cover["DocumentPeriodEndDate"] == "2004-03-01"
    assert cover["EntityIncorporationStateCountryCode"] == "DE"
    assert cover["EntityFileNumber"] == "0-18926"
    assert cover["EntityTaxIdentificationNumber"] == "11-2928178"
    assert "EntityCentralIndexKey" not in cover  # the 8-K has no SEC header: no CIK is invented


def test_arelle_finds_no_errors_and_no_calculation_inconsistency(sample_outputs):
    from converter.validate import validate_ixbrl

    out, _ = sample_outputs
    report = validate_ixbrl(out / "innovo-8k-2004-03-01.xhtml")
    assert report.taxonomy_loaded
    assert report.errors == (), report.errors
    assert not [m for m in report.messages if "calc" in m.code.lower()]
    assert report.facts >= len(expected_facts())


def test_calculation_linkbase_has_the_solved_weights(sample_outputs):
    out, _ = sample_outputs
    cal = (out / "innovo-8k-2004-03-01_cal.xml").read_text(encoding="utf-8")
    # interest expense is subtracted from operating income, the tax benefit from pre-tax income
    assert 'xlink:to="loc_us-gaap_InterestExpense" order=' in cal
    assert 'weight="-1"' in cal and "summation-item" in cal


def test_arelle_json_of_our_ixbrl_equals_our_json(sample_outputs, sample_json, tmp_path):
    from converter.validate import arelle_oim_json

    out, _ = sample_outputs
    theirs = arelle_oim_json(out / "innovo-8k-2004-03-01.xhtml", tmp_path / "arelle.json")
    assert fact_set(theirs) == fact_set(sample_json)
    assert text_facts(theirs) == text_facts(sample_json)


def test_every_fact_points_back_to_its_characters(sample_outputs):
    from converter.pipeline import convert

    conversion = convert(SAMPLE, render=False)
    lines = conversion.filing.documents[0].text.split("\n")
    for fact in conversion.report.facts:
        line = lines[fact.source.line - conversion.filing.documents[0].first_line].expandtabs(8)
        assert line[fact.source.start:fact.source.end] == fact.source.text
    problems = json.loads((sample_outputs[0] / "innovo-8k-2004-03-01.problems.json").read_text())
    assert problems["document"] == "innovo-8k-2004-03-01"


def test_presentation_follows_the_printed_statement(sample_outputs):
    """Rows nest under their printed headings, in printed order; labels are the printed ones."""
    from lxml import etree

    out, _ = sample_outputs
    ns = {"link": "http://www.xbrl.org/2003/linkbase", "xlink": "http://www.w3.org/1999/xlink"}
    pre = etree.parse(str(out / "innovo-8k-2004-03-01_pre.xml"))
    children: dict[str, list[tuple[int, str]]] = {}
    for arc in pre.iterfind(".//link:presentationArc", ns):
        parent = arc.get("{http://www.w3.org/1999/xlink}from").removeprefix("loc_")
        child = arc.get("{http://www.w3.org/1999/xlink}to").removeprefix("loc_")
        children.setdefault(parent, []).append((int(arc.get("order")), child))
    current = [c for _, c in sorted(children["innovo_CurrentAssetsAbstract"])]
    assert current == ["us-gaap_CashAndCashEquivalentsAtCarryingValue", "us-gaap_AccountsReceivableNetCurrent",
                       "us-gaap_InventoryNet", "us-gaap_PrepaidExpenseAndOtherAssetsCurrent", "us-gaap_AssetsCurrent"]
    labels = (out / "innovo-8k-2004-03-01_lab.xml").read_text(encoding="utf-8")
    assert ">Due to factor<" in labels and ">Net sales<" in labels
