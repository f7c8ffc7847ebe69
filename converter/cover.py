"""Stage 2: ``Filing`` -> cover (dei) facts.

The SEC header wins when there is one; otherwise the cover page of the main document is read
("(Exact name of registrant ...)", "(State or other jurisdiction ...)", "Commission File
Number", "I.R.S. Employer Identification No.", "For the fiscal year ended ..."). A press release
without a cover page yields the company named in its dateline or letterhead.
"""
from __future__ import annotations

import datetime as dt
import re

from .htmldoc import parse_html, visible_lines
from .periods import parse_date
from .records import CoverFacts, Document, Filing, Problem

STATES = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
    "colorado": "CO", "connecticut": "CT", "delaware": "DE", "district of columbia": "DC",
    "florida": "FL", "georgia": "GA", "hawaii": "HI", "idaho": "ID", "illinois": "IL",
    "indiana": "IN", "iowa": "IA", "kansas": "KS", "kentucky": "KY", "louisiana": "LA",
    "maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI", "minnesota": "MN",
    "mississippi": "MS", "missouri": "MO", "montana": "MT", "nebraska": "NE", "nevada": "NV",
    "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM", "new york": "NY",
    "north carolina": "NC", "north dakota": "ND", "ohio": "OH", "oklahoma": "OK", "oregon": "OR",
    "pennsylvania": "PA", "rhode island": "RI", "south carolina": "SC", "south dakota": "SD",
    "tennessee": "TN", "texas": "TX", "utah": "UT", "vermont": "VT", "virginia": "VA",
    "washington": "WA", "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY",
    "puerto rico": "PR", "bermuda": "D0", "cayman islands": "E9", "british virgin islands": "D8",
    "netherlands": "P7", "canada": "Z4", "united kingdom": "X0", "england": "X0",
}
_STATE_CODES = set(STATES.values())
_FORM = re.compile(r"\bFORM\s+(10-?K405|10-?KSB40|10-?KSB|10-?QSB|10-?KT|10-?QT|10-?K|10-?Q|8-?K|"
                   r"20-?F|40-?F|6-?K|11-?K|S-1|S-4)\b", re.I)
_PERIOD = re.compile(r"(?:fiscal\s+year|quarterly\s+period|period|year|quarter)\s+ended:?\s*(.{0,40})", re.I)
_EVENT = re.compile(r"date\s+of\s+(?:report|earliest\s+event\s+reported)[^:]*?:?\s*\)?:?\s*(.{0,60})", re.I)
_EIN = re.compile(r"\b(\d{2})[- ]?(\d{7})\b")
_FILE_NO = re.compile(r"\b(\d{1,3}-\d{3,8})\b")
_NAME_NEAR_TICKER = re.compile(
    r"([A-Z][\w.&'\-]*(?:\s+[A-Z&][\w.&'\-]*){0,5}?(?:\s*,\s+|\s+)(?:Inc|Corp|Corporation|Company|Co|Ltd|"
    r"Incorporated|L\.?P|LLC|plc)\.?)\s*\((?:NASDAQ|NYSE|AMEX|Nasdaq|OTC|Amex|Nyse)", re.S)
_LETTERHEAD = re.compile(r"^\s*<\s*(.+?)\s+(?:LETTERHEAD|LOGO)\s*>", re.I | re.M)
_COMPANY_SUFFIX = re.compile(r"\b(inc|corp|corporation|company|co|ltd|incorporated|lp|llc|plc)\.?$", re.I)


def extract_cover(filing: Filing) -> tuple[CoverFacts, tuple[Problem, ...]]:
    lines = cover_lines(filing)
    values: dict[str, str] = {}
    sources: dict[str, str] = {}

    def put(name: str, value: str | None, source: str) -> None:
        if value and name not in values:
            values[name] = value
            sources[name] = source

    header = filing.header
    if header:
        put("EntityRegistrantName", header.company_name, "SEC header")
        put("EntityCentralIndexKey", header.cik, "SEC header")
        put("DocumentType", header.form_type.upper(), "SEC header")
        put("DocumentPeriodEndDate", header.period.isoformat() if header.period else "", "SEC header")
        put("EntityFileNumber", _file_number(header.file_number), "SEC header")
        put("EntityTaxIdentificationNumber", _ein(header.irs_number), "SEC header")
        put("EntityIncorporationStateCountryCode", _state(header.state_of_incorporation), "SEC header")
    for name, value in _from_cover_page(lines, filing).items():
        put(name, value, "cover page")
    problems = [Problem("warning", "cover.missing", f"no {name} found in the header or cover page")
                for name in ("EntityRegistrantName", "DocumentType", "DocumentPeriodEndDate")
                if name not in values]
    if "EntityCentralIndexKey" not in values:
        problems.append(Problem("info", "cover.no_cik",
                                "no CIK in the filing: contexts use the registrant-name scheme"))
    period = dt.date.fromisoformat(values["DocumentPeriodEndDate"]) if "DocumentPeriodEndDate" in values else None
    cover = CoverFacts(values=tuple(values.items()), sources=tuple(sources.items()),
                       cik=values.get("EntityCentralIndexKey", ""), period_end=period,
                       fiscal_year_end=header.fiscal_year_end if header else "",
                       dateline=parse_date(" ".join(lines[:80])))
    return cover, tuple(problems)


def main_document(filing: Filing) -> Document:
    form = (filing.header.form_type if filing.header else "").upper()
    for doc in filing.documents:
        if form and doc.type == form:
            return doc
    return filing.documents[0]


def cover_lines(filing: Filing, limit: int = 400) -> list[str]:
    doc = main_document(filing)
    if doc.is_html:
        try:
            return visible_lines(parse_html(doc.text[:400_000]))[:limit]
        except Exception:  # noqa: BLE001 - a cover that cannot be parsed just yields no facts
            return []
    return doc.text.splitlines()[:limit]


def _from_cover_page(lines: list[str], filing: Filing) -> dict[str, str]:
    found: dict[str, str] = {}
    text = "\n".join(lines)
    for i, line in enumerate(lines):
        low = line.lower()
        if "exact name of registrant" in low and "EntityRegistrantName" not in found:
            found["EntityRegistrantName"] = _name_above(lines, i) or ""
        if "jurisdiction" in low and "EntityIncorporationStateCountryCode" not in found:
            state = _first_state(_values_above(lines, i) + [line])
            if state:
                found["EntityIncorporationStateCountryCode"] = state
        if ("employer" in low or "i.r.s." in low) and "EntityTaxIdentificationNumber" not in found:
            match = _EIN.search(" ".join(_values_above(lines, i) + [line]))
            if match:
                found["EntityTaxIdentificationNumber"] = f"{match.group(1)}-{match.group(2)}"
        if "file" in low and ("commission" in low or "number" in low) and "EntityFileNumber" not in found:
            match = _FILE_NO.search(line) or _FILE_NO.search(" ".join(_values_above(lines, i)))
            if match:
                found["EntityFileNumber"] = match.group(1)
    form = _FORM.search(text)
    doc_type = main_document(filing).type
    if form:
        found["DocumentType"] = form.group(1).upper().replace("10K", "10-K").replace("10Q", "10-Q") \
            .replace("8K", "8-K")
    elif re.fullmatch(r"(10-K|10-Q|8-K|10-K405|10-KSB|10-QSB)[A-Z0-9/]*", doc_type):
        found["DocumentType"] = doc_type
    period = _period(text, found.get("DocumentType", ""))
    if period:
        found["DocumentPeriodEndDate"] = period
    if "EntityRegistrantName" not in found or not found["EntityRegistrantName"]:
        found.pop("EntityRegistrantName", None)
        name = _press_release_name(filing)
        if name:
            found["EntityRegistrantName"] = name
    return found


def _period(text: str, doc_type: str) -> str | None:
    patterns = (_EVENT, _PERIOD) if doc_type.startswith("8-K") else (_PERIOD, _EVENT)
    for pattern in patterns:
        for match in pattern.finditer(text[:20000]):
            date = parse_date(match.group(1).replace("\n", " "))
            if date:
                return date.isoformat()
    return None


def _is_rule(line: str) -> bool:
    return not line.strip() or not re.search(r"[A-Za-z0-9]", line)


def _name_above(lines: list[str], i: int) -> str | None:
    for j in range(i - 1, max(-1, i - 6), -1):
        candidate = lines[j].strip()
        if _is_rule(candidate):
            continue
        candidate = re.sub(r"\s{2,}.*$", "", candidate) if len(candidate) > 80 else candidate
        candidate = re.sub(r"^[\s_\-]+|[\s_\-]+$", "", candidate)
        return re.sub(r"\s+", " ", candidate) or None
    return None


def _values_above(lines: list[str], i: int) -> list[str]:
    out = []
    for j in range(i - 1, max(-1, i - 12), -1):
        if _is_rule(lines[j]):
            continue
        out.append(lines[j])
        if len(out) == 3:
            break
    return out


def _first_state(candidates: list[str]) -> str | None:
    for line in candidates:
        for fragment in re.split(r"\s{2,}|\t", line.strip()):
            state = _state(fragment)
            if state:
                return state
    return None


def _state(text: str) -> str | None:
    key = re.sub(r"[^a-z ]", "", text.lower()).strip()
    key = re.sub(r"^(the )?state of ", "", key)
    if key in STATES:
        return STATES[key]
    if text.strip().upper() in _STATE_CODES:
        return text.strip().upper()
    return None


def _ein(value: str) -> str | None:
    match = _EIN.fullmatch(value.strip().replace(" ", "")) if value else None
    return f"{match.group(1)}-{match.group(2)}" if match else None


def _file_number(value: str) -> str | None:
    return value if value and re.fullmatch(r"[0-9]{1,3}-[0-9]{1,8}(-.{1,4})?", value) else None


def _press_release_name(filing: Filing) -> str | None:
    for doc in filing.documents:
        text = doc.text[:20000]
        if doc.is_html:
            try:
                text = "\n".join(visible_lines(parse_html(text)))
            except Exception:  # noqa: BLE001
                continue
        letterhead = _LETTERHEAD.search(text)
        if letterhead and _COMPANY_SUFFIX.search(letterhead.group(1)):
            return letterhead.group(1).strip()
        match = _NAME_NEAR_TICKER.search(text)
        if match:
            return re.sub(r"\s+", " ", match.group(1)).strip()
    return None
