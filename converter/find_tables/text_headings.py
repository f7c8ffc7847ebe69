"""Plain-text finder, column headings: the lines above a table's rows, placed over its columns.

    is_year_line / is_date_line   a line of column years ("1997   1996") or dates ("12/31/98
                                  12/31/97") heads columns
    column_heading_lines          the lines above the rows that reach into the columns; a centred
                                  statement title or scale note, and whatever is above it, is title
    header_rows                   each heading line -> ``HeaderCell``s: a fragment underlined by a
                                  rule segment of its own heads the columns under it; otherwise it
                                  heads the column it stands over, the columns it spans, and empty
                                  neighbours when centred between them; a run set with one space
                                  ("December 31, December 31,") is split between two columns
    title_lines                   statement title, company name, scale note above the headings
"""
from __future__ import annotations

import re

from ..records import HeaderCell
from .text_columns import ColumnBand, label_zone_only
from .text_lines import TABLE_END, Line, is_prose

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY = re.compile(rf"{_MONTH}\s+\d{{1,2}}\b|\d{{1,2}}/\d{{1,2}}/\d", re.I)  # a column date's start
_DATE = re.compile(rf"\b(?:{_MONTH}\s+\d{{1,2}},?(?:\s+(?:19|20)\d\d)?|\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d\d)"
                   rf"|(?:19|20)\d\d)\b", re.I)
_TITLE_LIKE = re.compile(r"statements?\s+of|balance\s+sheets?|financial\s+position|\bin\s+(?:thousands|millions)\b|"
                         r"omitted|^\s*\(?unaudited\)?\s*$|^\s*[A-Z][A-Z&.,' ]+(?:INC|CORP|CORPORATION|COMPANY)\.?\s*$",
                         re.I)


def is_year_line(line: Line, labelled: bool = False) -> bool:
    """Column years ("1997   1996"); with ``labelled`` (the first row of a table), also
    "ASSETS   1997   1996", "Years Ended December 31,   1997   1996" or
    "(Dollars in thousands)   1994   1993": years without commas atop a table are headings."""
    if line.kind != "data" or not all(t.is_year for t in line.run):
        return False
    return not line.label.strip() or labelled


def is_date_line(text: str) -> bool:
    """Two or more column dates and nothing else: "12/31/98   12/31/97", "Dec. 31, 1998  Dec. 31,
    1997", "December 31,   December 31,"."""
    dates = _DATE.findall(text)
    return len(dates) >= 2 and not _DATE.sub("", text).strip(" ,")


def column_heading_lines(lines: list[Line], above: int, zone_left: int) -> tuple[int, list[Line]]:
    """Where the column headings start and their lines, from line ``above`` up; a centred
    statement title or scale note, and whatever is above it, is left to the title."""
    header_start, header_lines = _header_block(lines, above, zone_left)
    titled = [k for k, line in enumerate(header_lines[:-1]) if _TITLE_LIKE.search(line.text)]
    if titled:
        header_start = header_lines[titled[-1]].number + 1
        header_lines = header_lines[titled[-1] + 1:]
    return header_start, header_lines


def _header_block(lines: list[Line], j: int, zone_left: int) -> tuple[int, list[Line]]:
    """Column headings above the table: lines reaching into the columns, up to a gap or a tag."""
    header: list[Line] = []
    start = j + 1
    blanks = 0
    while j >= 0 and start - j <= 12:
        line = lines[j]
        if line.kind == "blank":
            blanks += 1
            if blanks >= 2 and header:
                break
            if blanks >= 4:
                break
        elif line.kind == "rule" or (line.kind == "tag" and re.match(r"\s*<[SC]>", line.text, re.I)):
            pass
        elif line.kind == "text" and not is_prose(line.text) and not label_zone_only(line, zone_left):
            blanks = 0
            header.insert(0, line)
            start = j
        else:
            break
        j -= 1
    return start, header


def header_rows(lines: list[Line], header_lines: list[Line], year_lines: list[Line],
                bands: list[ColumnBand]) -> tuple[tuple[HeaderCell, ...], ...]:
    """One row of ``HeaderCell``s per heading line (the column years last), then the label a line
    of years carries ("ASSETS   1997   1996") over every column; lines heading no column dropped."""
    header = tuple(_header_cells(line.text, bands, _rule_below(lines, line)) for line in header_lines + year_lines)
    header += tuple((HeaderCell(line.label.strip(), 0, len(bands) - 1),) for line in year_lines if line.label.strip())
    return tuple(h for h in header if h)


def _rule_below(lines: list[Line], line: Line) -> str:
    below = lines[line.number + 1] if line.number + 1 < len(lines) else None
    return below.text if below is not None and below.kind == "rule" else ""


def _header_cells(text: str, bands: list[ColumnBand], rule: str = "") -> tuple[HeaderCell, ...]:
    """Heading fragments over the columns. A fragment set over a rule segment of its own heads
    the columns under that segment. Otherwise it heads the column whose share of the line holds
    its centre, every column whose values it spans, and a neighbour with nothing of its own on
    the line when it is centred over the gap between them ("Three Months Ended" over two
    columns)."""
    zone_left = min(b.left for b in bands) - 2
    runs = re.finditer(r"\S+(?: \S+)*", text)
    fragments = [piece for m in runs for piece in _split_cramped(m.start(), m.group(0), bands)]
    fragments = [f for f in fragments if f[1] > zone_left and not re.fullmatch(r"<[SC]>|[-=_]+", f[2], re.I)]
    if not fragments:
        return ()
    centers = [b.center for b in bands]
    ruled = _ruled_columns(fragments, rule, centers, zone_left)
    owners = _owners_by_place([f if k not in ruled else None for k, f in enumerate(fragments)], centers,
                              {i for cols in ruled.values() for i in cols})
    for k, cols in ruled.items():
        for i in cols:
            owners[i].add(k)
    cells = []
    col = 0
    while col < len(bands):
        last = col
        while last + 1 < len(bands) and owners[last + 1] == owners[col]:
            last += 1
        if owners[col]:
            cells.append(HeaderCell(" ".join(fragments[k][2] for k in sorted(owners[col])), col, last))
        col = last + 1
    return tuple(cells)


def _owners_by_place(fragments: list[tuple[int, int, str] | None], centers: list[float],
                     headed: set[int]) -> list[set[int]]:
    """For each column, the fragments that head it by where they stand (``None``: placed by a
    rule); ``headed`` columns already have a heading of their own."""
    bounds = [(centers[i] + centers[i + 1]) / 2 for i in range(len(centers) - 1)]
    pitch = min((b - a for a, b in zip(centers, centers[1:])), default=20)

    def home(center: float) -> int:
        return sum(1 for b in bounds if center > b)

    placed = {k: f for k, f in enumerate(fragments) if f is not None}
    owners: list[set[int]] = [set() for _ in centers]
    homes = {home((f[0] + f[1]) / 2) for f in placed.values()} | headed
    for k, (start, end, _) in placed.items():
        center = (start + end) / 2
        own = home(center)
        owners[own].add(k)
        spanned = [i for i, c in enumerate(centers) if start <= c <= end and i != own]
        for i, b in enumerate(bounds):
            if abs(center - b) <= pitch * 0.25:
                spanned.extend(n for n in (i, i + 1) if n not in homes)
        for i in spanned:
            owners[i].add(k)
        if not spanned:
            continue
        # a spanning heading also reaches near neighbours that have no heading of their own
        for i, c in enumerate(centers):
            if i not in homes and (start - pitch * 0.75 <= c <= end + pitch * 0.75):
                owners[i].add(k)
    return owners


def _ruled_columns(fragments: list[tuple[int, int, str]], rule: str, centers: list[float],
                   zone_left: int) -> dict[int, set[int]]:
    """{fragment: columns} for headings underlined by a segment of their own ("Quarter Ended"
    over "---------------------" that covers both quarter columns). A rule reaching into the
    labels, or one under several fragments, says nothing about any one of them."""
    out: dict[int, set[int]] = {}
    for segment in re.finditer(r"[-=_\u2014\u2013]{2,}", rule):
        over = [k for k, (start, end, _) in enumerate(fragments)
                if segment.start() <= (start + end) / 2 < segment.end()]
        columns = {i for i, c in enumerate(centers) if segment.start() <= c < segment.end()}
        if segment.start() >= zone_left and len(over) == 1 and columns:
            out[over[0]] = columns
    return out


def _split_cramped(start: int, text: str, bands: list[ColumnBand]) -> list[tuple[int, int, str]]:
    """A heading run together with one space ("December 31, December 31,") is split where the
    figures leave a gap between two columns, when each part starts with a day ("Dec. 31, 1998 1997"
    is one date and a year)."""
    for left, right in zip(bands, bands[1:]):
        for cut in (m.start() for m in re.finditer(" ", text)):
            if left.right - 1 <= start + cut < right.left and _DAY.match(text) and _DAY.match(text[cut + 1:]):
                return [(start, start + cut, text[:cut])] + _split_cramped(start + cut + 1, text[cut + 1:], bands)
    return [(start, start + len(text), text)]


def title_lines(lines: list[Line], header_start: int) -> list[str]:
    """Headings above the column headings: statement title, company name, scale note."""
    out: list[str] = []
    j = header_start - 1
    blanks = 0
    while j >= 0 and header_start - j <= 14 and len(out) < 6:
        line = lines[j]
        if line.kind in ("data", "page") or (line.kind == "text" and is_prose(line.text)):
            break
        if TABLE_END.match(line.text):
            break
        if line.kind == "blank":
            blanks += 1
            if blanks >= 4:
                break
        elif line.kind == "text":
            blanks = 0
            out.insert(0, line.text.strip())
        j -= 1
    return out
