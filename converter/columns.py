"""The period of each column of a table: an instant or a duration, or none (percent, change,
another entity's figures).

    column_periods    headings over each column (its own, the ones spanning it) + the title
    _column_end       the date printed over the column, or its year completed from the headings
                      over it, the statement title's period ends (never a release dateline or a
                      cover's share count date), a sibling column of the same year, or the period
                      ends the filing shows elsewhere (52/53-week fiscal years)
    _fiscal_label_shift  "Fiscal 2005" for the year ended January 28, 2006 (the cover's period end)
    _inception_to_date   development-stage columns: inception date to the end, or not tagged
    _length           months (or weeks) from the headings; year-to-date from the quarter named
                      beside it ("Second Quarter": 6 months, 26 weeks) or the fiscal year start
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
    headings = " ".join(cell.text for row in raw.header for cell in row)
    # period ends printed above the table: "Three years ended December 27, 1997" over one column;
    # never a release dateline or a cover's share count date
    around = f"{P.statement_date_text(raw.title)} ; {headings}"
    shift = _fiscal_label_shift(raw, context, problems)
    found: list[tuple[int, str, dt.date | None, tuple[int, int] | None]] = []
    cumulative: dict[int, tuple[dt.date | None, dt.date | None]] = {}
    for c in range(raw.n_columns):
        own, shared = _own_and_shared(raw, c)
        text = f"{shared} {own}".strip()
        if _NOT_PERIOD.search(own or text) or _percent_column(raw, c):
            found.append((c, text, None, None))
            continue
        if statement != "balance" and P.CUMULATIVE.search(text):
            cumulative[c] = P.inception_span(text, raw.title)  # dated once every column is
            found.append((c, text, None, None))
            continue
        span = _range(own, shared)
        if span and statement != "balance":
            found.append((c, text, span, None))  # "Successor July 22 to September 30" over "2023"
            continue
        end = _column_end(own, shared, around, context, shift if _FISCAL.search(text) else 0)
        found.append((c, text, end, _length(own, shared, title_text, headings, end, statement, context)))
    found = _siblings_share_ends(raw, found)
    found = _consolidated_only(raw, found, problems)
    found = _inception_to_date(raw, found, cumulative, problems)
    ends = tuple(sorted({e for _, _, e, _ in found if isinstance(e, dt.date)} | set(context.known_ends)))
    columns = []
    for c, text, end, length in found:
        if end is None:
            if text and c not in cumulative and not _NOT_PERIOD.search(text) and not _percent_column(raw, c):
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
            if not weeks and months in (3, 6, 9) and _weekly_end(end):
                weeks = months // 3 * 13  # "Nine Months Ended Sept. 26, 1998" of a 52/53-week year: 39 weeks
            period = P.make_duration(end, months, weeks, ends)
        columns.append(Column(c, text, period))
    return columns


def _weekly_end(end: dt.date) -> bool:
    """A period end in a month's last week or first three days, not on its last day: a 52/53-week
    calendar ("the last Saturday of September", "the Saturday closest to September 30")."""
    last = P.end_of_month(end.year, end.month)
    return 0 < (last - end).days < 7 or end.day <= 3


def _own_and_shared(raw: RawTable, c: int) -> tuple[str, str]:
    """The heading cells over column ``c`` alone, and the ones spanning it with others."""
    own = " ".join(cell.text for row in raw.header for cell in row if cell.first == cell.last == c)
    shared = " ".join(cell.text for row in raw.header for cell in row
                      if cell.first <= c <= cell.last and cell.first != cell.last)
    return own, shared


_FISCAL = re.compile(r"\bfiscal\b", re.I)


def _label_years(own: str) -> list[str]:
    return P.YEAR.findall(own) or re.findall(r"\bfiscal\s+'?(\d\d)\b", own, re.I)


def _fiscal_label_shift(raw: RawTable, context: FilingContext, problems: list[Problem]) -> int:
    """Retail naming: "Fiscal 2005" is the year ended January 28, 2006. When the latest "Fiscal
    YYYY" column of an annual report is the year before the cover's period end (a year ending in
    January to March), every fiscal column ends a year after its label (1), else as labelled (0)."""
    end = context.period_end
    if end is None or end.month > 3 or not context.form_type.upper().startswith(("10-K", "10K")):
        return 0
    years = []
    for c in range(raw.n_columns):
        own, shared = _own_and_shared(raw, c)
        text = f"{shared} {own}"
        if _FISCAL.search(text) and _label_years(own) and not (P.month_day(text) or P.month_only(text)):
            years.append(P.two_digit_year(_label_years(own)[-1]))
    if not years or max(years) != end.year - 1:
        return 0
    problems.append(Problem("info", "period.fiscal_year_label",
                            f"table {raw.index} at line {raw.first_line}: 'Fiscal {max(years)}' read as the fiscal "
                            f"year ended {end.isoformat()} (the cover's period end); each fiscal column ends a year "
                            f"after its label"))
    return 1


def _inception_to_date(raw: RawTable, found: list, cumulative: dict, problems: list[Problem]) -> list:
    """Development-stage "March 3, 1998 (Inception) to September 30, 2004" columns: from the
    inception date printed to the end printed (or the table's latest end: "to date"); without an
    inception date the column is left untagged."""
    ends = [e[1] if isinstance(e, tuple) else e for c, _, e, _ in found if e is not None and c not in cumulative]
    latest = max(ends, default=None)
    out = []
    for c, text, end, length in found:
        if c in cumulative:
            start, last = cumulative[c]
            if start and not last and latest:
                last = latest
                problems.append(Problem("info", "period.cumulative",
                                        f"table {raw.index} column {c + 1} ({text!r}): inception to date, read as "
                                        f"ending {latest.isoformat()} like the table's latest column"))
            if start and last and start < last:
                end = (start, last)
            else:
                problems.append(Problem("warning", "period.cumulative",
                                        f"table {raw.index} column {c + 1} ({text!r}): cumulative since inception "
                                        f"but its inception date (or end) is not printed; not tagged"))
        out.append((c, text, end, length))
    return out


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


def _length(own: str, shared: str, title: str, headings: str, end: dt.date | None, statement: str,
            context: FilingContext) -> tuple[int, int] | None:
    """Months (and weeks) of a duration column: its own heading, the heading over it, the title."""
    for text in (own, shared, title):
        if P.YTD.search(text) and end is not None:
            return _year_to_date(end, headings, title, context)
        length = P.duration_months(text)
        if length:
            return length
    return _default_months(statement, context)


def _year_to_date(end: dt.date, headings: str, title: str, context: FilingContext) -> tuple[int, int]:
    """A "Year to Date" column beside "Second Quarter" spans two quarters; without a quarter
    named, the months since the fiscal year start. Off a month end (a 52/53-week year) each
    quarter is 13 weeks."""
    match = _QUARTER.search(headings) or _QUARTER.search(title)
    months = 3 * _quarter_number(match) if match else _months_since_fiscal_start(end, context)
    weeks = months // 3 * 13 if months % 3 == 0 and not P.is_month_end(end) else 0
    return months, weeks


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


def _column_end(own: str, shared: str, around: str, context: FilingContext, shift: int = 0) -> dt.date | None:
    """The date a column ends: printed over it, or its year completed from the headings over it,
    the period ends of the statement's title, or the period ends the filing shows elsewhere
    (fiscal years). ``shift`` moves a "Fiscal 2005" label to the year its fiscal year ends."""
    for text in (own, shared):
        dates = _all_dates(text)
        if len(dates) == 1 or (dates and text is own):
            return dates[-1] if text is own else dates[0]
    years = _label_years(own)
    if not years:
        in_around = _all_dates(around)
        return P.parse_date(own) or (P.parse_date(shared) if len(_all_dates(shared)) <= 1 else None) \
            or (in_around[0] if len(in_around) == 1 else None)
    year = P.two_digit_year(years[-1]) + shift
    for date in _all_dates(shared):
        if date.year == year:
            return date
    md = P.month_day(own) or P.month_day(shared)  # the column's own heading wins over the title's
    if md:
        return _near_known_end(P._safe_date(year, *md) or P.end_of_month(year, md[0]), context)
    for date in _all_dates(around):
        if date.year == year:
            return date
    date = _end_like_title(year, around)
    if date:
        return _near_known_end(date, context)
    month = P.month_only(own) or P.month_only(shared) or P.month_only(around) or _quarter_month(own, shared, context)
    return _fiscal_end(year, month, context)


def _end_like_title(year: int, around: str) -> dt.date | None:
    """The title's period end moved to ``year``: "For the fiscal year ended January 28, 2006" over
    2005 is January 29, 2005 (the same weekday of a 52/53-week year); "Years Ended June 30" is June
    30 of any year."""
    md = P.month_day(around)
    if not md:
        return None
    anchors = [d for d in _all_dates(around) if (d.month, d.day) == md]
    # only "the Saturday closest to January 31": a "last Saturday of the month" calendar is not
    # told apart from a fixed date by one anchor
    if anchors and not P.is_month_end(anchors[0]) and P.nominal_month_end(anchors[0]):
        return P.weekly_year_end(anchors[0], year - anchors[0].year)
    return P._safe_date(year, *md) or P.end_of_month(year, md[0])


def _near_known_end(date: dt.date, context: FilingContext) -> dt.date:
    """A period end the filing shows within a week of ``date`` (52/53-week years) wins; else the
    year end of the 52/53-week calendar the filing's period ends show, when it is that close."""
    near = [d for d in context.known_ends if d.year == date.year and 0 < abs((d - date).days) <= 7]
    if near:
        return min(near, key=lambda d: abs((d - date).days))
    weekly = P.weekly_end_from(context.known_ends, date.year)
    return weekly if weekly and 0 < abs((weekly - date).days) <= 7 else date


_QUARTER = re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?quarter\b|\bq([1-4])\b", re.I)
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _quarter_month(own: str, shared: str, context: FilingContext) -> int | None:
    """"Third Quarter 2001" ends three months before the fiscal year's last quarter does."""
    match = _QUARTER.search(own) or _QUARTER.search(shared)
    if not match:
        return None
    quarter = _quarter_number(match)
    fye_month = _fiscal_year_end_month(context) or 12
    return (fye_month - 3 * (4 - quarter) - 1) % 12 + 1


def _quarter_number(match: re.Match) -> int:
    return _ORDINALS[match.group(1).lower()] if match.group(1) else int(match.group(2))


def _siblings_share_ends(raw: RawTable, found: list) -> list:
    """"Third Quarter / Nine Months" over "2001 2000 2001 2000": a column whose heading gives only
    a year ends where the column of the same year with a full date (or quarter) ends."""
    explicit: dict[int, dt.date] = {}
    guessed: dict[int, int] = {}  # column -> the year its heading prints
    for c, text, end, _ in found:
        if isinstance(end, dt.date) and (_all_dates(text) or P.month_day(text) or P.month_only(text)
                                         or _QUARTER.search(text)):
            explicit.setdefault(end.year, end)
        elif not isinstance(end, tuple) and P.YEAR.findall(text) and not _NOT_PERIOD.search(text) \
                and not P.CUMULATIVE.search(text) and (end is None or end.year == int(P.YEAR.findall(text)[-1])):
            guessed[c] = int(P.YEAR.findall(text)[-1])  # not a "Fiscal 2005" that ends in 2006
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
    anchor = context.period_end
    if anchor and not P.is_month_end(anchor) and min((anchor.month - month) % 12, (month - anchor.month) % 12) <= 1:
        return P.weekly_year_end(anchor, year - anchor.year)  # the cover's 52/53-week year end, moved
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
