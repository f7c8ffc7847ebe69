"""The period of each column of a table: an instant or a duration, or none (percent, change,
another entity's figures).

    column_periods    headings over each column (its own, the ones spanning it) + the title
    _column_end       the date printed over the column, or its year completed from the headings,
                      the title, a sibling column of the same year, or the period ends the filing
                      shows elsewhere (52/53-week fiscal years)
    _length           months (or weeks) from the headings; year-to-date from the fiscal year start
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import periods as P
from .records import Column, Period, Problem, RawTable


@dataclass(frozen=True)
class FilingContext:
    """What the rest of the filing says about periods."""

    form_type: str = ""
    fiscal_year_end: str = ""  # MMDD
    period_end: dt.date | None = None
    known_ends: tuple[dt.date, ...] = ()


_NOT_PERIOD = re.compile(r"%|percent|\bchange\b|increase|decrease|\binc\b|\bdec\b(?!\.?\s*\d)|variance|favorable|"
                         r"\bpro\s*forma\b|\bpct\b|\bratio\b|\bbasis\s+points\b", re.I)


def column_periods(raw: RawTable, statement: str, context: FilingContext, problems: list[Problem]) -> list[Column]:
    title_text = " ".join(raw.title)
    # dates printed anywhere above the table: "Three years ended December 27, 1997" over one column
    around = " ".join(raw.title + tuple(cell.text for row in raw.header for cell in row))
    found: list[tuple[int, str, dt.date | None, tuple[int, int] | None]] = []
    for c in range(raw.n_columns):
        own = " ".join(cell.text for row in raw.header for cell in row if cell.first == cell.last == c)
        shared = " ".join(cell.text for row in raw.header for cell in row
                          if cell.first <= c <= cell.last and cell.first != cell.last)
        text = f"{shared} {own}".strip()
        if _NOT_PERIOD.search(own or text) or _percent_column(raw, c):
            found.append((c, text, None, None))
            continue
        span = _range(own, shared)
        if span and statement != "balance":
            found.append((c, text, span, None))  # "Successor July 22 to September 30" over "2023"
            continue
        end = _column_end(own, shared, around, context)
        found.append((c, text, end, _length(own, shared, title_text, end, statement, context)))
    found = _siblings_share_ends(raw, found)
    found = _consolidated_only(raw, found, problems)
    ends = tuple(sorted({e for _, _, e, _ in found if isinstance(e, dt.date)} | set(context.known_ends)))
    columns = []
    for c, text, end, length in found:
        if end is None:
            if text and not _NOT_PERIOD.search(text) and not _percent_column(raw, c):
                problems.append(Problem("warning", "period.unknown",
                                        f"table {raw.index} column {c + 1} ({text!r}): no date found; not tagged"))
            columns.append(Column(c, text, None))
            continue
        if isinstance(end, tuple):
            period = Period(end=end[1], start=end[0], months=P.months_between(*end))
        elif statement == "balance":
            period = Period(end=end)
        else:
            months, weeks = length or (12, 0)
            period = P.make_duration(end, months, weeks, ends)
        columns.append(Column(c, text, period))
    return columns


_ENTITY = re.compile(r"\bparent\b|guarantor|subsidiar|eliminat|\bissuer\b|registrant|consol-?\s*idat|"
                     r"\bcombined\b|\bcompany\b|\bcorporation\b|\bholdings?\b", re.I)
_CONSOLIDATED = re.compile(r"consol-?\s*idat|\btotal\b|\bcombined\b", re.I)


def _consolidated_only(raw: RawTable, found: list, problems: list[Problem]) -> list:
    """Side-by-side entity columns (parent / subsidiaries / eliminations / consolidated): only
    the consolidated column is a fact of the registrant."""
    heads = [text for _, text, _, _ in found]
    entity = [bool(_ENTITY.search(h)) and not P.YEAR.search(h) for h in heads]
    if sum(entity) < 2:
        return found
    keep = [i for i, h in enumerate(heads) if entity[i] and _CONSOLIDATED.search(h)]
    problems.append(Problem("info", "table.entity_columns",
                            f"table {raw.index} at line {raw.first_line} has columns per entity "
                            f"({'; '.join(h for h in heads if h)}): "
                            + ("only the consolidated column is tagged" if keep else "not tagged")))
    return [(c, text, end if c in keep[-1:] else None, length) for c, text, end, length in found]


def _range(own: str, shared: str) -> tuple[dt.date, dt.date] | None:
    years = P.YEAR.findall(own) or P.YEAR.findall(shared)
    return P.parse_range(own, int(years[-1]) if years else None)


def _length(own: str, shared: str, title: str, end: dt.date | None, statement: str,
            context: FilingContext) -> tuple[int, int] | None:
    """Months (and weeks) of a duration column: its own heading, the heading over it, the title."""
    for text in (own, shared, title):
        if P.YTD.search(text) and end is not None:
            return _months_since_fiscal_start(end, context), 0
        length = P.duration_months(text)
        if length:
            return length
    return _default_months(statement, context)


def _months_since_fiscal_start(end: dt.date, context: FilingContext) -> int:
    fye_month = _fiscal_year_end_month(context) or 12
    months = (end.month - fye_month) % 12
    if end.day < 15:  # a 52/53-week quarter ending early in the month closes the month before
        months = (months - 1) % 12
    return months or 12


def _fiscal_year_end_month(context: FilingContext) -> int | None:
    if len(context.fiscal_year_end) == 4 and context.fiscal_year_end.isdigit():
        return int(context.fiscal_year_end[:2])
    if context.period_end and context.form_type.upper().startswith("10-K"):
        return context.period_end.month
    return None


def _all_dates(text: str) -> list[dt.date]:
    dates = []
    for match in re.finditer(rf"\b{P._MONTH}\s*\d{{1,2}}\s*,?\s*(?:19|20)\d\d", text, re.I):
        date = P.parse_date(match.group(0))
        if date:
            dates.append(date)
    return dates


def _column_end(own: str, shared: str, title: str, context: FilingContext) -> dt.date | None:
    """The date a column ends: printed over it, or its year completed from the headings above,
    the title, or the period ends the filing shows elsewhere (fiscal years)."""
    for text in (own, shared):
        dates = _all_dates(text)
        if len(dates) == 1 or (dates and text is own):
            return dates[-1] if text is own else dates[0]
    years = P.YEAR.findall(own) or re.findall(r"\bfiscal\s+'?(\d\d)\b", own, re.I)
    if not years:
        in_title = _all_dates(title)
        return P.parse_date(own) or (P.parse_date(shared) if len(_all_dates(shared)) <= 1 else None) \
            or (in_title[0] if len(in_title) == 1 else None)
    year = P.two_digit_year(years[-1])
    for date in _all_dates(f"{shared} {title}"):
        if date.year == year:
            return date
    md = P.month_day(own) or P.month_day(shared) or P.month_day(title)
    if md:
        date = P._safe_date(year, *md) or P.end_of_month(year, md[0])
        # "Three years ended December 27, 1997" over 1996: the filing shows December 28, 1996
        near = [d for d in context.known_ends if d.year == year and 0 < abs((d - date).days) <= 7]
        return min(near, key=lambda d: abs((d - date).days)) if near else date
    month = P.month_only(own) or P.month_only(shared) or P.month_only(title) or _quarter_month(own, shared, context)
    return _fiscal_end(year, month, context)


_QUARTER = re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?quarter\b|\bq([1-4])\b", re.I)
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _quarter_month(own: str, shared: str, context: FilingContext) -> int | None:
    """"Third Quarter 2001" ends three months before the fiscal year's last quarter does."""
    match = _QUARTER.search(own) or _QUARTER.search(shared)
    if not match:
        return None
    quarter = _ORDINALS[match.group(1).lower()] if match.group(1) else int(match.group(2))
    fye_month = _fiscal_year_end_month(context) or 12
    return (fye_month - 3 * (4 - quarter) - 1) % 12 + 1


def _siblings_share_ends(raw: RawTable, found: list) -> list:
    """"Third Quarter / Nine Months" over "2001 2000 2001 2000": a column whose heading gives only
    a year ends where the column of the same year with a full date (or quarter) ends."""
    explicit: dict[int, dt.date] = {}
    guessed: dict[int, int] = {}  # column -> the year its heading prints
    for c, text, end, _ in found:
        if isinstance(end, dt.date) and (_all_dates(text) or P.month_day(text) or P.month_only(text)
                                         or _QUARTER.search(text)):
            explicit.setdefault(end.year, end)
        elif not isinstance(end, tuple) and P.YEAR.findall(text) and not _NOT_PERIOD.search(text):
            guessed[c] = int(P.YEAR.findall(text)[-1])
    return [(c, text, explicit.get(guessed.get(c), end) if c in guessed else end, length)
            for c, text, end, length in found]


def _fiscal_end(year: int, month: int | None, context: FilingContext) -> dt.date | None:
    """A year (and maybe a month) completed into a date: a period end the filing shows in that
    year and month (52/53-week years), else the fiscal year end of the SEC header or cover."""
    month = month or _fiscal_year_end_month(context) or (context.period_end.month if context.period_end else None)
    if month is None:
        return None
    shown = [d for d in context.known_ends + ((context.period_end,) if context.period_end else ())
             if d.year == year and min((d.month - month) % 12, (month - d.month) % 12) <= 1]
    if shown:
        return min(shown, key=lambda d: abs((d - P.end_of_month(year, month)).days))
    if len(context.fiscal_year_end) == 4 and context.fiscal_year_end.isdigit() \
            and int(context.fiscal_year_end[:2]) == month:
        return P._safe_date(year, month, int(context.fiscal_year_end[2:])) or P.end_of_month(year, month)
    return P.end_of_month(year, month)


def _default_months(statement: str, context: FilingContext) -> tuple[int, int] | None:
    form = context.form_type.upper()
    if form.startswith("10-K") or form.startswith("10K"):
        return 12, 0
    if form.startswith("10-Q"):
        return 3, 0
    return None


def _percent_column(raw: RawTable, c: int) -> bool:
    cells = [r.cells[c] for r in raw.rows if r.cells[c] is not None]
    return bool(cells) and sum("%" in cell.text for cell in cells) > len(cells) / 2
