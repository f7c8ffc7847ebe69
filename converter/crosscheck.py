"""Cross-check the facts against the filing's EX-27 Financial Data Schedule (1993-2001).

An EX-27 lists key figures as tagged text (``<TOTAL-ASSETS>  13,873``, ``<MULTIPLIER> 1,000``,
``<PERIOD-END> DEC-31-1994``). They are an independent reading of the same statements: every
figure we tagged that the schedule also gives is compared, and a difference becomes a warning
naming both numbers. Nothing is tagged from the schedule itself.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from .amounts import parse_amount
from .records import Filing, Problem, Report

# schedule tag -> concepts that print the same figure (first found wins); "I" instant, "D" duration
TAGS = {
    "CASH": ("I", ("CashAndCashEquivalentsAtCarryingValue", "Cash")),
    "SECURITIES": ("I", ("ShortTermInvestments", "MarketableSecuritiesCurrent")),
    "INVENTORY": ("I", ("InventoryNet",)),
    "CURRENT-ASSETS": ("I", ("AssetsCurrent",)),
    "PP&E": ("I", ("PropertyPlantAndEquipmentGross",)),
    "DEPRECIATION": ("I", ("AccumulatedDepreciationDepletionAndAmortizationPropertyPlantAndEquipment",)),
    "TOTAL-ASSETS": ("I", ("Assets",)),
    "CURRENT-LIABILITIES": ("I", ("LiabilitiesCurrent",)),
    "TOTAL-LIABILITY-AND-EQUITY": ("I", ("LiabilitiesAndStockholdersEquity",)),
    "SALES": ("D", ("Revenues",)),
    "TOTAL-REVENUES": ("D", ("Revenues",)),
    "CGS": ("D", ("CostOfGoodsAndServicesSold", "CostOfRevenue")),
    "INTEREST-EXPENSE": ("D", ("InterestExpense",)),
    "INCOME-PRETAX": ("D", (
        "IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest",)),
    "INCOME-TAX": ("D", ("IncomeTaxExpenseBenefit",)),
    "INCOME-CONTINUING": ("D", ("IncomeLossFromContinuingOperations",)),
    "NET-INCOME": ("D", ("NetIncomeLoss",)),
    "EPS-PRIMARY": ("D", ("EarningsPerShareBasic",)),
    "EPS-BASIC": ("D", ("EarningsPerShareBasic",)),
    "EPS-DILUTED": ("D", ("EarningsPerShareDiluted",)),
}
_PER_SHARE = {"EPS-PRIMARY", "EPS-BASIC", "EPS-DILUTED"}
_LINE = re.compile(r"^\s*<([A-Z0-9&-]+)>\s+(\S.*?)\s*$", re.M)
_MONTHS = {m: i for i, m in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), start=1)}


@dataclass(frozen=True)
class Schedule:
    period_end: dt.date
    figures: dict[str, Decimal]
    months: int | None = None  # <PERIOD-TYPE> 9-MOS: the income figures are nine months'


def read_schedule(text: str) -> Schedule | None:
    fields = dict(_LINE.findall(text))
    end = _date(fields.get("PERIOD-END", ""))
    if end is None:
        return None
    multiplier = parse_amount(fields.get("MULTIPLIER", "1"))
    factor = multiplier.value if multiplier and multiplier.value else Decimal(1)
    figures = {}
    for tag in TAGS:
        parsed = parse_amount(fields.get(tag, ""))
        if parsed is not None and parsed.value is not None:
            figures[tag] = parsed.value if tag in _PER_SHARE else parsed.value * factor
    kind = fields.get("PERIOD-TYPE", "").strip().upper()
    months = 12 if kind in ("YEAR", "12-MOS") else int(kind.split("-")[0]) if re.fullmatch(r"\d{1,2}-MOS", kind) \
        else None
    return Schedule(end, figures, months)


def _date(text: str) -> dt.date | None:
    match = re.fullmatch(r"([A-Z]{3})-(\d{1,2})-(\d{4})", text.strip().upper())
    if not match or match.group(1) not in _MONTHS:
        return None
    try:
        return dt.date(int(match.group(3)), _MONTHS[match.group(1)], int(match.group(2)))
    except ValueError:
        return None


def cross_check(filing: Filing, report: Report) -> list[Problem]:
    schedules = [s for s in (read_schedule(d.text) for d in filing.documents if d.type.startswith("EX-27")) if s]
    if not schedules:
        return []
    contexts = {c.id: c.period for c in report.contexts}
    problems: list[Problem] = []
    agreed = compared = 0
    for schedule in schedules:
        for tag, value in schedule.figures.items():
            kind, names = TAGS[tag]
            fact = _find(report, contexts, names, kind, schedule.period_end, schedule.months)
            if fact is None:
                continue
            compared += 1
            if abs(fact.value) == abs(value):
                agreed += 1
                continue
            problems.append(Problem("warning", "check.ex27_mismatch",
                                    f"{fact.concept.qname} is {fact.value} but the EX-27 schedule's <{tag}> for "
                                    f"{schedule.period_end} is {value}", fact.source))
    if compared:
        problems.append(Problem("info", "check.ex27", f"{agreed} of {compared} figures agree with the EX-27 "
                                                        f"financial data schedule"))
    return problems


def _find(report: Report, contexts, names, kind: str, end: dt.date, months: int | None):
    """The fact the schedule's figure restates: same concept and end, and for income figures the
    schedule's period length (a 10-Q's 9-MOS schedule is not the quarter's figures)."""
    for name in names:
        for fact in report.facts:
            period = contexts[fact.context]
            if fact.concept.name != name or period.end != end or period.is_instant != (kind == "I"):
                continue
            if kind == "D" and months is not None and period.months != months:
                continue
            return fact
    return None
