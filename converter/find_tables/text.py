"""Plain-text table finder: aligned columns of numbers -> ``RawTable``.

    classify_lines      each line: blank / rule / tag / data (trailing run of values) / text;
                        "|" column separators and "+" corners of box rules read as spaces
    lines_to_regions    runs of data lines with small gaps, cut at <PAGE>, </TABLE> and prose
    region_to_columns   right edges of the values clustered into columns
    region_to_table     rows (label, indent, one cell per column), header lines, title lines

A line of column years or dates ("1998   1997", "12/31/98   12/31/97") below rows starts a new
block: one under headings of its own (balance-sheet dates under quarterly income) is a table with
its own columns and the display's scale note; one under the same headings resumes the table.
A value printed a few characters off its column goes to the one column whose figures it
overlaps (``table.value_misaligned``, info); one that fits no column is left out with a
``table.value_unassigned`` warning, never silently.

Values are only those at the end of a line, separated from the label by two or more spaces (or
"$", or dot leaders) and aligned with a column, so numbers inside labels ("Treasury stock, 71
(2003) and 58 (2002)") stay in the label.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..amounts import find_scale, parse_amount
from ..records import Document, HeaderCell, Problem, RawCell, RawRow, RawTable, SourceSpan

_TOKEN = re.compile(
    r"(?<![\w.,/:%-])(?P<num>(?:\(\s?)?[-\u2212]?\$?\(?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:(?<=\d)-)?\)?%?\)?)"
    r"(?P<note>\([a-z]\)|\(\d\)|\*{1,3})?(?=\s|$)"
    r"|(?<!\S)(?P<word>\$?(?:-{1,3}|[\u2013\u2014]{1,2}|nil|N/?A|n/?a|NM|n/?m))(?=\s|$)"
)
_FOOTNOTE = re.compile(r"\(\d\)|\([a-z]\)")
_RULE = re.compile(r"^[\s\-=_\u2014\u2013*.]*$")
_TAG = re.compile(r"^\s*</?(PAGE|TABLE|CAPTION|S|C|FN|F\d+|R|/R|PRE|DOCUMENT|TYPE|SEQUENCE|FILENAME|"
                  r"DESCRIPTION|TEXT)\b[^>]*>(\s*<[SCF]\w*>)*\s*$", re.I)
_PAGE_TAG = re.compile(r"^\s*<PAGE>", re.I)
_TABLE_END = re.compile(r"^\s*</TABLE>", re.I)
_TABLE_START = re.compile(r"^\s*<TABLE>", re.I)
_BAR_CHARS = "|\u2502\u00a6"  # "|", box-drawing "│", broken bar "¦"
_BAR = re.compile(rf"(?<![A-Za-z])[{_BAR_CHARS}]|[{_BAR_CHARS}](?![A-Za-z])")  # not "A|B" inside a word
_BOX_RULE = re.compile(rf"^[\s\-=_+{_BAR_CHARS}]*$")
MAX_BANDS = 250  # more value columns than this is not a statement table
_WORD = re.compile(r"[A-Za-z]{2,}")
MAX_GAP = 6  # non-data lines allowed inside one table
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY = re.compile(rf"{_MONTH}\s+\d{{1,2}}\b|\d{{1,2}}/\d{{1,2}}/\d", re.I)  # a column date's start
_DATE = re.compile(rf"\b(?:{_MONTH}\s+\d{{1,2}},?(?:\s+(?:19|20)\d\d)?|\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d\d)"
                   rf"|(?:19|20)\d\d)\b", re.I)
_STATEMENT_TITLE = re.compile(r"statements?\s+of\s+(?:consolidated\s+|condensed\s+)*(?:operations|income|earnings|"
                              r"cash\s+flows?|financial\s+(?:position|condition)|(?:stockholders|shareholders)|"
                              r"changes|comprehensive|retained)|balance\s+sheets?", re.I)
_TITLE_LIKE = re.compile(r"statements?\s+of|balance\s+sheets?|financial\s+position|\bin\s+(?:thousands|millions)\b|"
                         r"omitted|^\s*\(?unaudited\)?\s*$|^\s*[A-Z][A-Z&.,' ]+(?:INC|CORP|CORPORATION|COMPANY)\.?\s*$",
                         re.I)


@dataclass
class Token:
    start: int
    end: int
    text: str

    @property
    def edge(self) -> int:
        """Right edge of the digits (a closing parenthesis, % or trailing minus sticks out to the right)."""
        stripped = self.text.rstrip(")%-")
        return self.start + len(stripped)

    @property
    def is_year(self) -> bool:
        return bool(re.fullmatch(r"(?:19|20)\d\d", self.text))


@dataclass
class Line:
    number: int  # 0-based within the document
    text: str
    kind: str  # blank | rule | tag | page | data | text
    run: list[Token]
    label_end: int  # where the label stops (start of the first value)

    @property
    def label(self) -> str:
        return self.text[: self.label_end].rstrip()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))


def find_text_tables(doc: Document, start_index: int = 0) -> list[RawTable]:
    lines = classify_lines(doc.text.split("\n"))
    tables: list[RawTable] = []
    for region in lines_to_regions(lines):
        table = region_to_table(doc, lines, region, start_index + len(tables))
        if table is None:
            continue
        if tables and not table.title and _set_under(doc, lines, tables[-1], table):
            tables += _join_blocks(tables.pop(), table)
        else:
            tables.append(table)
    return tables


def _set_under(doc: Document, lines: list[Line], above: RawTable, table: RawTable) -> bool:
    """``table`` is a block set right under ``above``: nothing but blank lines and rules between."""
    between = lines[above.last_line - doc.first_line + 1: table.first_line - doc.first_line]
    return above.document == table.document and all(line.kind in ("blank", "rule") for line in between)


def _join_blocks(above: RawTable, table: RawTable) -> list[RawTable]:
    """A block under the same column headings as the block above ("1998  1997" repeated over the
    liabilities) resumes it: one table. A block with headings of its own (balance-sheet dates
    under quarterly income) stays apart, under the scale note of the display ("in thousands")."""
    if table.n_columns == above.n_columns and table.header and above.header and \
            [c.text for c in table.header[-1]] == [c.text for c in above.header[-1]]:
        return [replace(above, rows=above.rows + table.rows, last_line=table.last_line,
                        problems=above.problems + table.problems)]
    scale_notes = tuple(line for line in above.title if find_scale((line,)).text)
    return [above, replace(table, title=scale_notes)]


# --- lines ------------------------------------------------------------------------------------

def classify_lines(raw_lines: list[str]) -> list[Line]:
    out = []
    for number, raw in enumerate(raw_lines):
        text = blank_column_bars(raw.expandtabs(8)).rstrip()
        out.append(_classify(number, text))
    _mark_page_numbers(out)
    return out


def blank_column_bars(text: str) -> str:
    """Vertical bars drawn between columns ("61,240  |  80,115") and the "+" corners of a box
    rule ("------+------") become spaces, one for one, so character positions (and the spans
    of values) stay those of the filing."""
    if not any(ch in text for ch in _BAR_CHARS + "+"):
        return text
    if _BOX_RULE.match(text) and re.search(r"[-=_]{2,}", text):
        text = text.replace("+", " ")
    return _BAR.sub(" ", text)


def _classify(number: int, text: str) -> Line:
    if not text.strip():
        return Line(number, text, "blank", [], 0)
    if _PAGE_TAG.match(text):
        return Line(number, text, "page", [], 0)
    if _TAG.match(text):
        return Line(number, text, "tag", [], 0)
    if _RULE.match(text) and re.search(r"[-=_\u2014\u2013]{2,}", text):
        return Line(number, text, "rule", [], 0)
    run = trailing_run(text)
    if run:
        label_end = run[0].start
        label = strip_leaders(text[:label_end]).rstrip(" $")
        if len(_WORD.findall(label)) > 14:
            return Line(number, text, "text", [], len(text))  # prose ending in a number
        return Line(number, text, "data", run, len(label))
    return Line(number, text, "text", [], len(text))


def trailing_run(text: str) -> list[Token]:
    """Value tokens at the end of the line, right to left until a word or a glued number."""
    tokens = []
    for m in _TOKEN.finditer(text):
        group = "word" if m.group("word") else "num"
        if m.group(group) and m.group(group).strip():
            tokens.append(Token(m.start(group), m.end(group), m.group(group)))  # footnote marks left out
    tokens = [t for t in tokens if t.text not in ("$", "(", ")") and _is_value(t.text)]
    # "1,234 (1)": a footnote reference right after a value is not a value
    tokens = [t for i, t in enumerate(tokens) if not (i and _FOOTNOTE.fullmatch(t.text)
                                                     and t.start - tokens[i - 1].end <= 1)]
    run: list[Token] = []
    end = len(text)
    for token in reversed(tokens):
        between = text[token.end:end]
        if _FOOTNOTE.sub("", between).strip(" $.*") != "" or (run and between == ""):
            break
        before = text[:token.start]
        glued = before.endswith(" ") and not before.endswith("  ") and before.rstrip()[-1:] not in ("$", ".", "")
        if glued and before.rstrip() and not re.search(r"\.{2,}$", before.rstrip()):
            # one space after a word: part of the label ("and 58 (2002)") unless a value precedes
            prev = before.rstrip().split(" ")[-1]
            if not _is_value(prev.strip("$")):
                break
        run.insert(0, token)
        end = token.start
    return run


def strip_leaders(text: str) -> str:
    """Drop dot leaders ("Net sales.........") or a trailing underscore rule, in linear time."""
    stripped = text.rstrip()
    if stripped.endswith("__"):
        return stripped.rstrip("_").rstrip()
    without = stripped.rstrip(". ")
    return without if stripped[len(without):].count(".") >= 2 else text


def _is_value(text: str) -> bool:
    parsed = parse_amount(text)
    return parsed is not None


def _mark_page_numbers(lines: list[Line]) -> None:
    """A lone small number between blank lines (or next to <PAGE>) is a page number."""
    for i, line in enumerate(lines):
        if line.kind != "data" or line.label.strip() or len(line.run) != 1:
            continue
        token = line.run[0].text
        if not re.fullmatch(r"-?\s?\d{1,3}\s?-?|[ivxlc]+", token):
            continue
        prev_kind = lines[i - 1].kind if i else "blank"
        next_kind = lines[i + 1].kind if i + 1 < len(lines) else "blank"
        if prev_kind in ("blank", "page", "rule") and next_kind in ("blank", "page"):
            line.kind = "page"


# --- regions ----------------------------------------------------------------------------------

def lines_to_regions(lines: list[Line]) -> list[tuple[int, int]]:
    """(first, last) line numbers of runs of data lines that belong together."""
    regions = []
    start = last = None
    gap = 0
    has_rows = False  # the open region holds a row of figures, not only column years
    for i, line in enumerate(lines):
        hard_stop = line.kind == "page" or _TABLE_END.match(line.text) or _TABLE_START.match(line.text) \
            or (line.kind == "text" and _STATEMENT_TITLE.search(line.text) and len(line.text.strip()) < 90)
        prose = line.kind == "text" and _is_prose(line.text)
        # column years or dates under rows head the next block, which has columns of its own
        new_heading = (_is_year_line(line) and (has_rows or gap >= 2)) or \
            (has_rows and line.kind == "text" and is_date_line(line.text))
        if start is not None and new_heading:
            regions.append((start, last))
            start, has_rows = None, False
        if line.kind == "data":
            if start is None:
                start = i
            last, gap = i, 0
            has_rows = has_rows or not _is_year_line(line)
            continue
        if start is None:
            continue
        gap += line.kind != "rule"
        if hard_stop or prose or gap > MAX_GAP:
            regions.append((start, last))
            start = last = None
            gap, has_rows = 0, False
    if start is not None:
        regions.append((start, last))
    return [r for r in regions if sum(lines[i].kind == "data" for i in range(r[0], r[1] + 1)) >= 2]


def is_date_line(text: str) -> bool:
    """Two or more column dates and nothing else: "12/31/98   12/31/97", "Dec. 31, 1998  Dec. 31,
    1997", "December 31,   December 31,"."""
    dates = _DATE.findall(text)
    return len(dates) >= 2 and not _DATE.sub("", text).strip(" ,")


def _is_prose(text: str) -> bool:
    stripped = text.strip()
    if stripped.startswith("(") or stripped.endswith(")"):
        return False  # "(In millions, except number of shares which are reflected in thousands ...)"
    words = _WORD.findall(stripped)
    if len(words) >= 10 and "  " not in stripped.strip():
        return True
    return len(words) >= 14


# --- columns ----------------------------------------------------------------------------------

@dataclass
class ColumnBand:
    edge: int  # typical right edge of the digits
    left: int  # leftmost start of a value
    right: int  # rightmost end of a value

    @property
    def center(self) -> float:
        return (self.left + self.right) / 2


def region_to_columns(lines: list[Line]) -> list[ColumnBand]:
    """Cluster the right edges of values; a column needs two values (or one in a short table)."""
    edges: dict[int, list[Token]] = {}
    for line in lines:
        for token in line.run:
            edges.setdefault(token.edge, []).append(token)
    clusters: list[list[int]] = []
    for edge in sorted(edges):
        if clusters and edge - clusters[-1][-1] <= 2:
            clusters[-1].append(edge)
        else:
            clusters.append([edge])
    min_support = 2 if sum(bool(line.run) for line in lines) > 3 else 1
    bands = []
    for cluster in clusters:
        tokens = [t for e in cluster for t in edges[e]]
        if len(tokens) < min_support:
            continue
        numeric = [t for t in tokens if any(ch.isdigit() for ch in t.text)]
        weights = numeric or tokens
        typical = max(cluster, key=lambda e: sum(1 for t in weights if t.edge == e))
        bands.append(ColumnBand(typical, min(t.start for t in tokens), max(t.end for t in tokens)))
    return bands


def assign(token: Token, bands: list[ColumnBand]) -> int | None:
    best, best_distance = None, 99
    for i, band in enumerate(bands):
        if any(ch.isdigit() for ch in token.text):
            distance = abs(token.edge - band.edge)
        else:  # a dash is centred or right-aligned within the column
            distance = 0 if band.left - 1 <= token.start and token.end <= band.right + 2 else \
                min(abs(token.end - band.right), abs(token.edge - band.edge))
        if distance < best_distance:
            best, best_distance = i, distance
    return best if best_distance <= 3 else None


# --- table ------------------------------------------------------------------------------------

def region_to_table(doc: Document, lines: list[Line], region: tuple[int, int], index: int) -> RawTable | None:
    first, last = region
    year_lines = []
    while first <= last and (_is_year_line(lines[first]) or (not year_lines and _is_year_line(lines[first], True))):
        year_lines.append(lines[first])  # "2003   2002" over the columns is a heading
        first += 1
    data = [lines[i] for i in range(first, last + 1) if lines[i].kind == "data"]
    bands = region_to_columns(year_lines + data)
    if not bands or not data:
        return None
    if len(bands) > MAX_BANDS:  # reported as too large by the pipeline, never read cell by cell
        return RawTable(document=doc.id, kind="text", index=index, title=(), header=(), rows=(),
                        n_columns=len(bands), first_line=doc.first_line + first, last_line=doc.first_line + last)
    zone_left = min(b.left for b in bands) - 2
    top = first if year_lines else _section_labels_above(lines, first, zone_left, data)
    above = (year_lines[0].number if year_lines else top) - 1
    header_start, header_lines = _header_block(lines, above, zone_left)
    titled = [k for k, line in enumerate(header_lines[:-1]) if _TITLE_LIKE.search(line.text)]
    if titled:  # a centred statement title or scale note, and whatever is above it, is the title
        header_start = header_lines[titled[-1]].number + 1
        header_lines = header_lines[titled[-1] + 1:]
    rows, problems = _rows(doc, lines, top, last, bands)
    if sum(1 for r in rows if any(r.cells)) < 2:
        return None
    header = tuple(_header_cells(line.text, bands, _rule_below(lines, line)) for line in header_lines + year_lines)
    header += tuple((HeaderCell(line.label.strip(), 0, len(bands) - 1),) for line in year_lines if line.label.strip())
    header = tuple(h for h in header if h)
    title = _title_lines(lines, header_start)
    return RawTable(
        document=doc.id, kind="text", index=index, title=tuple(title), header=header, rows=tuple(rows),
        n_columns=len(bands), first_line=doc.first_line + min(header_start, top), last_line=doc.first_line + last,
        problems=tuple(problems),
    )


def _rule_below(lines: list[Line], line: Line) -> str:
    below = lines[line.number + 1] if line.number + 1 < len(lines) else None
    return below.text if below is not None and below.kind == "rule" else ""


def _section_labels_above(lines: list[Line], first: int, zone_left: int, data: list[Line]) -> int:
    """First line of the row labels right above the first data row ("ASSETS", "Current assets:").

    Only lines indented like the rows count: a centred title or scale note is not a row.
    """
    max_indent = max(line.indent for line in data) + 4
    top, j, blanks = first, first - 1, 0
    while j >= 0 and blanks <= 1:
        line = lines[j]
        if line.kind == "blank":
            blanks += 1
        elif line.kind == "text" and _label_zone_only(line, zone_left) and line.indent <= max_indent \
                and not _is_prose(line.text):
            top, blanks = j, 0
        else:
            break
        j -= 1
    return top


def _is_year_line(line: Line, labelled: bool = False) -> bool:
    """Column years ("1997   1996"); with ``labelled`` (the first row of a table), also
    "ASSETS   1997   1996", "Years Ended December 31,   1997   1996" or
    "(Dollars in thousands)   1994   1993": years without commas atop a table are headings."""
    if line.kind != "data" or not all(t.is_year for t in line.run):
        return False
    return not line.label.strip() or labelled


def _label_zone_only(line: Line, zone_left: int) -> bool:
    return len(line.text.rstrip()) <= zone_left


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
        elif line.kind == "text" and not _is_prose(line.text) and not _label_zone_only(line, zone_left):
            blanks = 0
            header.insert(0, line)
            start = j
        else:
            break
        j -= 1
    return start, header


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


def _title_lines(lines: list[Line], header_start: int) -> list[str]:
    """Headings above the column headings: statement title, company name, scale note."""
    out: list[str] = []
    j = header_start - 1
    blanks = 0
    while j >= 0 and header_start - j <= 14 and len(out) < 6:
        line = lines[j]
        if line.kind in ("data", "page") or (line.kind == "text" and _is_prose(line.text)):
            break
        if _TABLE_END.match(line.text):
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


def _rows(doc: Document, lines: list[Line], first: int, last: int,
          bands: list[ColumnBand]) -> tuple[list[RawRow], list[Problem]]:
    rows: list[RawRow] = []
    problems: list[Problem] = []
    rule_above = False
    for i in range(first, last + 1):
        line = lines[i]
        if line.kind in ("blank", "tag", "page"):
            continue
        if line.kind == "rule":
            rule_above = True
            continue
        cells: list[RawCell | None] = [None] * len(bands)
        label_end, strays = _place_aligned(doc, line, bands, cells) if line.kind == "data" else (len(line.text), [])
        for token in _glued_values(line, bands, cells):
            cells[assign(token, bands)] = _cell(doc, line, token)
            label_end = min(label_end, token.start)
        label_text = strip_leaders(line.text[:label_end]).rstrip(" $")
        label = label_text.strip()
        problems += [_place_stray(doc, line, label, token, bands, cells) for token in strays]
        span = _span(doc, i, len(label_text) - len(label_text.lstrip()), len(label_text), label) if label else None
        rows.append(RawRow(label=label, indent=len(label_text) - len(label_text.lstrip()), cells=tuple(cells),
                           line=doc.first_line + i, label_span=span, rule_above=rule_above))
        rule_above = False
    return rows, problems


def _place_aligned(doc: Document, line: Line, bands: list[ColumnBand], cells: list) -> tuple[int, list[Token]]:
    """Fill ``cells`` with the values aligned with a column; returns where the label ends and the
    values that fit no free column. A number left of every column's figures is label text
    ("Balance, December 31,  1997"), as is a year reaching into the first column."""
    label_end, strays = line.label_end, []
    for token in line.run:
        col = assign(token, bands)
        if col is not None and cells[col] is None:
            cells[col] = _cell(doc, line, token)
        elif col is None and token.start < bands[0].left and (token.end <= bands[0].left or token.is_year):
            label_end = max(label_end, token.end)
        else:
            strays.append(token)
    return label_end, strays


def _place_stray(doc: Document, line: Line, label: str, token: Token, bands: list[ColumnBand],
                 cells: list) -> Problem:
    """A value printed off its column ("net of tax       (1,100)" a few characters right of the
    1998 figures) goes to the one column whose figures it overlaps, when that column is the
    nearest and still empty on the row; otherwise it is left out. Either way it is recorded."""
    span = _span_of(doc, line, token)
    overlapped = [k for k, band in enumerate(bands) if token.start < band.right and band.left < token.end]
    nearest = min(range(len(bands)), key=lambda k: abs(token.edge - bands[k].edge))
    where = f"{token.text!r} on line {span.line} ({label!r})"
    if overlapped == [nearest] and cells[nearest] is None:
        cells[nearest] = RawCell(token.text, span)
        off = token.edge - bands[nearest].edge
        return Problem("info", "table.value_misaligned",
                       f"{where} stands {abs(off)} characters {'right' if off > 0 else 'left'} of column "
                       f"{nearest + 1}'s figures; read in that column", span)
    return Problem("warning", "table.value_unassigned",
                   f"{where} lines up with no free column of the table; left out", span)


def _cell(doc: Document, line: Line, token: Token) -> RawCell:
    return RawCell(token.text, _span_of(doc, line, token))


def _span_of(doc: Document, line: Line, token: Token) -> SourceSpan:
    return _span(doc, line.number, token.start, token.end, token.text)


def _glued_values(line: Line, bands: list[ColumnBand], cells: list) -> list[Token]:
    """A value a long label runs into with one space ("... marketable securities 22,854"): taken
    when it stands inside a column's extent, right-aligned with it, in a column still empty."""
    if line.kind not in ("data", "text"):
        return []
    taken = {(t.start, t.end) for t in line.run}
    found = []
    for match in _TOKEN.finditer(line.text):
        group = "num" if match.group("num") else None
        if group is None or not any(ch.isdigit() for ch in match.group(group)):
            continue
        token = Token(match.start(group), match.end(group), match.group(group))
        if (token.start, token.end) in taken or not _is_value(token.text):
            continue
        col = assign(token, bands)
        if col is not None and cells[col] is None and token.start >= bands[col].left - 2 \
                and abs(token.edge - bands[col].edge) <= 1 and token.end >= len(line.text.rstrip()) - 40:
            found.append(token)
    return found


def _span(doc: Document, i: int, start: int, end: int, text: str) -> SourceSpan:
    return SourceSpan(doc.id, doc.first_line + i, start, end, text)
