"""Dates and reporting periods as printed in legacy filings.

``parse_date`` reads one printed date; ``column_periods`` turns the header text of each column
(plus the table title) into instants or durations. Durations start the day after the prior
period's end when the filing shows it, otherwise ``end - n months + 1 day`` (52/53-week years:
``end - 52 weeks + 1 day`` when the header says weeks).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from .records import Period

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_MDY = re.compile(rf"\b({_MONTH})\s*(?:(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,\s*|\s+))?((?:19|20)\d\d|'?\d\d)\b", re.I)
_DATE_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)?\d\d)\b")
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})[- ]({_MONTH})[- ,]*((?:19|20)\d\d|\d\d)\b", re.I)
YEAR = re.compile(r"(?<![\d,.$])((?:19|20)\d\d)(?![\d,.%])")
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fifteen": 15,
    "sixteen": 16, "twenty-four": 24, "twenty-six": 26, "thirty-nine": 39, "forty": 40,
    "fifty-two": 52, "fifty-three": 53, "twenty-eight": 28, "twenty-seven": 27,
}
_DURATION = re.compile(
    r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fifteen|"
    r"sixteen|twenty-four|twenty-six|twenty-seven|twenty-eight|thirty-nine|forty|fifty-two|"
    r"fifty-three)[\s-]+(months?|weeks?|mos?\.?|wks?\.?)\b", re.I)
_YEAR_WORDS = re.compile(r"\b(?:fiscal\s+)?years?\b|\bannual\b|\btwelve\s+months\b|\bfiscal\s+(?:19|20)\d\d", re.I)
_QUARTER_WORDS = re.compile(r"\bquarters?\b|\bthree\s+months\b|\b13\s+weeks\b", re.I)
YTD = re.compile(r"\byear[\s-]+to[\s-]+date\b|\bytd\b", re.I)


def two_digit_year(text: str) -> int:
    year = int(text.lstrip("'"))
    if year < 100:
        year += 1900 if year >= 50 else 2000
    return year


def parse_date(text: str) -> dt.date | None:
    """The first full date in ``text`` ("March 1, 2004", "Dec. 31, 1997", "12/31/97")."""
    for match in _DATE_MDY.finditer(text):
        month = MONTHS.get(match.group(1).lower().rstrip(".")[:3]) if match.group(1) else None
        if month and match.group(2):
            date = _safe_date(two_digit_year(match.group(3)), month, int(match.group(2)))
            if date:
                return date
    match = _DATE_NUMERIC.search(text)
    if match:
        return _safe_date(two_digit_year(match.group(3)), int(match.group(1)), int(match.group(2)))
    match = _DATE_DMY.search(text)
    if match:
        month = MONTHS.get(match.group(2).lower().rstrip(".")[:3])
        if month:
            return _safe_date(two_digit_year(match.group(3)), month, int(match.group(1)))
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_day(text: str) -> tuple[int, int] | None:
    """A month and day without a year ("December 31," / "Nov. 29")."""
    match = re.search(rf"\b({_MONTH})\s+(\d{{1,2}})\b", text, re.I)
    if not match:
        return None
    month = MONTHS.get(match.group(1).lower().rstrip(".")[:3])
    day = int(match.group(2))
    return (month, day) if month and 1 <= day <= 31 else None


def month_only(text: str) -> int | None:
    match = re.search(rf"\b({_MONTH})(?!\s*\d)", text, re.I)
    return MONTHS.get(match.group(1).lower().rstrip(".")[:3]) if match else None


def duration_months(text: str) -> tuple[int, int] | None:
    """(months, weeks) stated in text: "Three Months Ended" -> (3, 0), "13 Weeks" -> (3, 13)."""
    match = _DURATION.search(text)
    if match:
        raw = match.group(1).lower()
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        if match.group(2).lower().startswith("w"):
            return max(1, round(n * 12 / 52)), n
        return n, 0
    if YTD.search(text):
        return None
    if _QUARTER_WORDS.search(text):
        return 3, 0
    if _YEAR_WORDS.search(text):
        return 12, 0
    return None


def end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(date: dt.date, months: int) -> dt.date:
    month_index = date.year * 12 + date.month - 1 + months
    year, month = divmod(month_index, 12)
    day = min(date.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def duration_start(end: dt.date, months: int, weeks: int = 0) -> dt.date:
    """First day of a period of ``months`` (or ``weeks``) ending on ``end``."""
    if weeks:
        return end - dt.timedelta(weeks=weeks) + dt.timedelta(days=1)
    if end == end_of_month(end.year, end.month):
        start = add_months(dt.date(end.year, end.month, 1), -(months - 1))
        return start
    return add_months(end, -months) + dt.timedelta(days=1)


def make_duration(end: dt.date, months: int, weeks: int = 0,
                  prior_ends: tuple[dt.date, ...] = ()) -> Period:
    """A duration ending ``end``; starts the day after a known prior period end when one fits."""
    start = duration_start(end, months, weeks)
    # the closest prior period end within ten days of the computed start (52/53-week years)
    near = [p for p in prior_ends if p < end and abs((p + dt.timedelta(days=1) - start).days) <= 10]
    if near:
        start = min(near, key=lambda p: abs((p + dt.timedelta(days=1) - start).days)) + dt.timedelta(days=1)
    return Period(end=end, start=start, months=months)


_RANGE = re.compile(rf"\b({_MONTH})\s*(\d{{1,2}})(?:\s*,?\s*((?:19|20)\d\d))?\s*(?:to|through|thru|-|\u2013|\u2014)\s*"
                    rf"({_MONTH})\s*(\d{{1,2}})(?:\s*,?\s*((?:19|20)\d\d))?", re.I)


def parse_range(text: str, year: int | None = None) -> tuple[dt.date, dt.date] | None:
    """"July 1 to July 21" (with ``year`` when the range does not print it) -> (start, end)."""
    match = _RANGE.search(text)
    if not match:
        return None
    m1, d1, y1, m2, d2, y2 = match.groups()
    end_year = int(y2) if y2 else year
    if end_year is None:
        return None
    start_month, end_month = MONTHS[m1.lower().rstrip(".")[:3]], MONTHS[m2.lower().rstrip(".")[:3]]
    start_year = int(y1) if y1 else (end_year if start_month <= end_month else end_year - 1)
    start, end = _safe_date(start_year, start_month, int(d1)), _safe_date(end_year, end_month, int(d2))
    return (start, end) if start and end and start <= end else None


def months_between(start: dt.date, end: dt.date) -> int:
    return max(0, round(((end - start).days + 1) / 30.4375))


_ENDED = re.compile(rf"(?:quarter|period|year|months|weeks)\s+end(?:ed|ing)\s+({_MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d\d)",
                    re.I)


def ended_dates(text: str) -> set[dt.date]:
    """Period ends named in prose ("the quarter ended August 30, 2003")."""
    out = set()
    for match in _ENDED.finditer(text):
        date = parse_date(match.group(1))
        if date:
            out.add(date)
    return out
