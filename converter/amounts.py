"""Printed amounts and scale notes.

``parse_amount`` is strict: thousands separators must group by three ("0,12" is not a number),
parentheses and a leading or trailing minus ("1,215-", old mainframe print) make a negative, a
dash or "nil" is zero, "N/A" is no value.
``find_scale`` reads "(In thousands)", "(Dollars in millions, except per share amounts)",
"$000 omitted", "(in thousands, except share data)", "(Thousands of Dollars)" and says what the
scale applies to.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

DASHES = {"-", "--", "---", "----", "\u2014", "\u2013", "\u2012", "\u2015", "-0-", "- 0 -", "nil", "Nil", "NIL",
          "\u2014\u2014", "\u2013\u2013", "- -", "\u2212"}
NOT_AVAILABLE = {"n/a", "na", "nm", "n/m", "*", "**", "none"}

_NUMBER = re.compile(
    r"""^(?P<open>\()?\s*(?P<minus>[-\u2212])?\s*\$?\s*(?P<open2>\()?\s*
        (?P<int>[1-9][0-9]{0,2}(?:,[0-9]{3})+|[0-9]+)?(?P<frac>\.[0-9]+)?(?P<tminus>[-\u2212])?
        \s*(?P<close>\))?\s*(?P<pct>%)?\s*(?P<close2>\))?$""",
    re.X,
)


@dataclass(frozen=True)
class ParsedAmount:
    value: Decimal | None  # None: "N/A" (no value)
    decimals: int
    dash: bool
    percent: bool


def parse_amount(text: str) -> ParsedAmount | None:
    """The number printed in ``text`` (a whole cell), or None when it is not one number."""
    cleaned = text.strip().replace("\u00a0", " ")
    cleaned = re.sub(r"^\$\s*", "", cleaned)
    if cleaned in DASHES or re.fullmatch(r"[-\u2013\u2014\u2012]{1,4}", cleaned):
        return ParsedAmount(Decimal(0), 0, True, False)
    if cleaned.lower() in NOT_AVAILABLE:
        return ParsedAmount(None, 0, False, False)
    cleaned = re.sub(r"^\(\s*\$", "(", cleaned)
    match = _NUMBER.match(cleaned)
    if not match or not (match.group("int") or match.group("frac")):
        return None
    opens = bool(match.group("open")) + bool(match.group("open2"))
    closes = bool(match.group("close")) + bool(match.group("close2"))
    if opens != closes and not (opens == 1 and closes == 0) and not (opens == 0 and closes == 1):
        return None
    digits = (match.group("int") or "0").replace(",", "") + (match.group("frac") or "")
    value = Decimal(digits)
    if match.group("minus") and match.group("tminus"):
        return None
    negative = opens > 0 or closes > 0 or bool(match.group("minus")) or bool(match.group("tminus"))
    decimals = len(match.group("frac")) - 1 if match.group("frac") else 0
    return ParsedAmount(-value if negative else value, decimals, False, bool(match.group("pct")))


@dataclass(frozen=True)
class Scale:
    amounts: int  # power of ten for money amounts
    shares: int  # power of ten for share counts
    text: str  # the words that said so ("" when nothing was found)
    shares_stated: bool  # the note speaks about shares explicitly


_SCALE = re.compile(
    r"(?P<words>(?:(?:u\.?s\.?\s+)?dollars?|amounts?|\$|figures|shares?)?)\s*(?:are\s+)?"
    r"(?:expressed\s+|stated\s+|presented\s+|shown\s+)?\bin\s+(?P<unit>thousands|millions|billions)\b"
    r"(?P<tail>[^)\n]{0,80})"
    r"|\$\s*\(?(?P<omit>000(?:,000)?)\)?(?:'?s)?"
    r"|\((?P<paren>000(?:,000)?)'?s?(?:\s+omitted)?\)"
    r"|\bin\s+(?P<unit2>000(?:,000)?)'?s\b"
    # "(Thousands of Dollars)", "(thousands, except per share amounts)", "Millions of dollars"
    r"|(?:\(\s*|^\s*)(?P<unit3>thousands|millions|billions)(?P<of>\s+of\s+(?:[a-z.$]+\s+){0,2}(?:dollars|euros|yen|pounds|francs|pesos|renminbi))?"
    r"(?P<tail3>(?:\s*,|\s+except\b)[^)\n]{0,80})?(?:\)|\s*$)",
    re.I,
)
_POWERS = {"thousands": 3, "millions": 6, "billions": 9, "000": 3, "000,000": 6}


def find_scale(lines: list[str] | tuple[str, ...]) -> Scale:
    """The scale stated in the lines around a table (first statement found wins)."""
    for line in lines:
        match = _SCALE.search(line)
        if not match:
            continue
        unit = match.group("unit") or match.group("omit") or match.group("paren") or match.group("unit2") \
            or match.group("unit3")
        power = _POWERS[unit.lower()]
        words = (match.group("words") or match.group("of") or "").lower()
        tail = (match.group("tail") or match.group("tail3") or "").lower()
        shares, shares_stated = power, False
        # "shares in thousands", "number of shares which are reflected in thousands"
        stated = re.search(r"shares?\s+(?:\w+\s+){0,4}?in\s+(thousands|millions)", tail)
        excepted = re.search(r"except\s+(?:for\s+)?(.*)", tail)
        if stated:
            shares, shares_stated = _POWERS[stated.group(1)], True
        elif excepted and re.search(r"\bshares?\b", re.sub(r"per[\s-]+shares?", "", excepted.group(1))):
            shares, shares_stated = 0, True  # "except share data": share counts printed in full
        elif "dollar" in words or "$" in words or match.group("omit") or match.group("of"):
            shares = 0  # "(Dollars in millions)", "$000 omitted" say nothing about share counts
        return Scale(power, shares, match.group(0).strip(), shares_stated)
    return Scale(0, 0, "", False)


def row_scale(label: str) -> int | None:
    """A scale stated in a row's own label ("Weighted average shares (in thousands)")."""
    match = re.search(r"\(\s*(?:in\s+)?(thousands|millions|000'?s?|000,000)\s*\)", label, re.I)
    if match:
        return _POWERS.get(match.group(1).lower().rstrip("'s"), 3)
    match = re.search(r"\bin\s+(thousands|millions)\b", label, re.I)
    return _POWERS[match.group(1).lower()] if match else None


# currencies a statement may be presented in, by the words of its heading; U.S. dollars otherwise
_CURRENCIES = (
    ("CAD", r"canadian\s+dollars?|\bcdn\s*\$|\bC\$|\bCAD\b"),
    ("EUR", r"\beuros?\b|\u20ac|\bEUR\b"),
    ("GBP", r"pounds?\s+sterling|\u00a3|\bGBP\b|british\s+pounds?"),
    ("JPY", r"\byen\b|\u00a5|\bJPY\b"),
    ("CHF", r"swiss\s+francs?|\bCHF\b"),
    ("AUD", r"australian\s+dollars?|\bA\$|\bAUD\b"),
    ("HKD", r"hong\s+kong\s+dollars?|\bHK\$|\bHKD\b"),
    ("MXN", r"mexican\s+pesos?|\bMXN\b"),
    ("CNY", r"\brenminbi\b|\bRMB\b|\bCNY\b"),
    ("TWD", r"new\s+taiwan\s+dollars?|\bNT\$"),
)
_CURRENCY = [(code, re.compile(pattern, re.I)) for code, pattern in _CURRENCIES]
_STATES_UNITS = re.compile(r"expressed|stated\s+in|presented\s+in|reporting\s+currency|amounts\s+in|"
                           r"\bin\s+(?:thousands|millions|billions)\b", re.I)


def find_currency(lines: list[str] | tuple[str, ...]) -> str:
    """The ISO 4217 code of the currency the lines around a table state ("(Expressed in thousands
    of Canadian dollars)"), or "USD". Only a line that states units counts: a company named
    "Euro Tech" says nothing about its currency."""
    for line in lines:
        if not (_STATES_UNITS.search(line) or _SCALE.search(line)):
            continue
        if re.search(r"\bu\.?\s?s\.?\s+dollars?\b|\bUS\$", line, re.I):
            return "USD"
        for code, pattern in _CURRENCY:
            if pattern.search(line):
                return code
    return "USD"
