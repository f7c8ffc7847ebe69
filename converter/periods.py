"""Dates and reporting periods as printed in legacy filings.

``parse_date`` reads one printed date; ``column_periods`` turns the header text of each column
(plus the table title) into instants or durations. Durations start the day after the prior
period's end when the filing shows it, otherwise ``end - n months + 1 day`` (52/53-week years:
``end - 52 weeks + 1 day`` when the header says weeks, and a year starts the day after the prior
year's end, found by ``weekly_year_end``). ``statement_date_text`` keeps the period ends of title
lines; ``inception_span`` reads development-stage "inception to date" headings.
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


_MONTH_WORD = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?(?!\s*\d)", re.I)


def month_only(text: str) -> int | None:
    """A month named without a day ("December" over "1997"); whole words only, so "Marketing" or
    "may" in a sentence is no month."""
    for match in _MONTH_WORD.finditer(text):
        word = match.group(1)
        if word.lower() != "may" or word[0].isupper():
            return MONTHS[word.lower()]
    return None


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


def is_month_end(date: dt.date) -> bool:
    return date == end_of_month(date.year, date.month)


def nominal_month_end(date: dt.date) -> dt.date | None:
    """The month end within three days of ``date`` (January 31 for Saturday, February 1)."""
    before = dt.date(date.year, date.month, 1) - dt.timedelta(days=1)
    nominal = min((end_of_month(date.year, date.month), before), key=lambda d: abs((d - date).days))
    return nominal if abs((nominal - date).days) <= 3 else None


def weekly_year_end(anchor: dt.date, years: int) -> dt.date:
    """Where a 52/53-week fiscal year that ended on ``anchor`` ends ``years`` years later (or
    earlier): on the same weekday, nearest the same point of the year. An anchor within three days
    of a month end reads as "the Saturday closest to January 31"; otherwise its own month and day
    count ("the last Saturday of June")."""
    nominal = nominal_month_end(anchor)
    if nominal:
        target = end_of_month(nominal.year + years, nominal.month)
    else:
        target = _safe_date(anchor.year + years, anchor.month, anchor.day) or \
            end_of_month(anchor.year + years, anchor.month)
    return target + dt.timedelta(days=(anchor.weekday() - target.weekday() + 3) % 7 - 3)


def weekly_end_from(ends: tuple[dt.date, ...] | list[dt.date], year: int) -> dt.date | None:
    """The year end in ``year`` of the 52/53-week calendar that ``ends`` show (two year ends on
    the same weekday 52 or 53 weeks apart): "the Saturday closest to January 31" when they sit
    within three days of a month end, else "the last Saturday of December" when they all fall in
    a month's last week (December 27, 1997 and December 28, 1996 give December 30, 1995). None
    for a calendar neither rule describes."""
    calendar = sorted({d for a in ends for d in (a,) for b in ends
                       if 364 <= abs((b - a).days) <= 371 and (b - a).days % 7 == 0
                       and not (is_month_end(a) and is_month_end(b))})
    if not calendar:
        return None
    nearest = min(calendar, key=lambda d: abs(d.year - year))
    if all(nominal_month_end(d) for d in calendar):
        return weekly_year_end(nearest, year - nearest.year)
    if len({d.month for d in calendar}) == 1 and all((end_of_month(d.year, d.month) - d).days < 7 for d in calendar):
        last = end_of_month(year, nearest.month)
        return last - dt.timedelta(days=(last.weekday() - nearest.weekday()) % 7)
    return None


def _weekly_calendar(end: dt.date, other_ends: tuple[dt.date, ...]) -> bool:
    """A year end 52 or 53 weeks from another, not both on a month end: a 52/53-week calendar."""
    return any(abs((d - end).days) in (364, 371) and not (is_month_end(d) and is_month_end(end))
               for d in other_ends)


def make_duration(end: dt.date, months: int, weeks: int = 0,
                  prior_ends: tuple[dt.date, ...] = ()) -> Period:
    """A duration ending ``end``; starts the day after a known prior period end when one fits."""
    if months == 12 and not weeks and _weekly_calendar(end, prior_ends):
        # a 52/53-week year starts the day after the prior year's end, a 53-week year a week early
        start = weekly_year_end(end, -1) + dt.timedelta(days=1)
    else:
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


_MONTH_DAY_YEAR = rf"{_MONTH}\s*\d{{1,2}}(?:st|nd|rd|th)?(?:\s*,?\s*(?:19|20)\d\d)?"
_DATE_LIST = rf"{_MONTH_DAY_YEAR}(?:\s*(?:,|and|&)\s*(?:{_MONTH_DAY_YEAR}|(?:19|20)\d\d\b))*|{_MONTH}(?![a-z])"
_AFTER_END_WORD = re.compile(rf"\b(?:ended|ending|end|as\s+of|at|through|thru|to)\s+({_DATE_LIST})", re.I)
_DATE_LINE = re.compile(rf"^\W*({_DATE_LIST})", re.I)
_SHARE_COUNT_LINE = re.compile(r"\boutstanding\b|\bshares\b|\bstock\b", re.I)


def statement_date_text(lines: tuple[str, ...]) -> str:
    """The period ends that title lines give a statement ("For the years ended December 31, 1997
    and 1996", "As of June 30, 2005", a line that is a date), joined: never a press release's
    dateline ("SAN JOSE, Calif., October 19, 2006") or a cover's share count date ("As of August
    5, 2005, there were 20,150,000 shares outstanding")."""
    phrases = []
    for line in lines:
        if _SHARE_COUNT_LINE.search(line):
            continue
        match = _DATE_LINE.match(line)
        phrases += [match.group(1)] if match else []
        phrases += [m.group(1) for m in _AFTER_END_WORD.finditer(line)]
    return " ; ".join(phrases)


CUMULATIVE = re.compile(r"\binception\b|\bcumulative\b|\b(?:since|from)\s+(?:the\s+)?(?:date\s+of\s+)?"
                        r"(?:organization|formation|incorporation|commencement)\b", re.I)
_CONNECTOR = re.compile(r"\b(?:to|through|thru)\b|[-\u2013\u2014]\s*(?=[A-Z])", re.I)
_INCEPTION_DATE = re.compile(rf"(?:inception|organization|formation|incorporation)\W{{0,3}}(?:on\s+|in\s+)?"
                             rf"({_MONTH}\s*\d{{1,2}}\s*,?\s*(?:19|20)\d\d)|"
                             rf"({_MONTH}\s*\d{{1,2}}\s*,?\s*(?:19|20)\d\d)\s*\(\s*(?:date\s+of\s+)?inception", re.I)


def inception_span(heading: str, lines: tuple[str, ...]) -> tuple[dt.date | None, dt.date | None]:
    """(start, end) of an inception-to-date heading ("March 3, 1998
    (Inception) to September 30, 2004", "Period from Inception (March 3, 1998) to December 31,
    2003"). The start may come from a title line that dates the inception; either may be None."""
    parts = list(_CONNECTOR.finditer(heading))
    before, after = (heading[:parts[-1].start()], heading[parts[-1].end():]) if parts else (heading, "")
    start = parse_date(before) if _DATE_MDY.search(before) else None
    for line in lines:
        match = start is None and _INCEPTION_DATE.search(line)
        if match:
            start = parse_date(match.group(1) or match.group(2))
    end = parse_date(after) if re.search(r"(?:19|20)\d\d", after) and month_day(after) else None
    return start, end
