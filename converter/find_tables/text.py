"""Plain-text table finder: aligned columns of numbers -> ``RawTable``.

    classify_lines        (text_lines) each line: blank / rule / tag / page / data / text
    lines_to_regions      runs of data lines with small gaps, cut at <PAGE>, </TABLE> and prose
    region_to_columns     (text_columns) right edges of the values clustered into columns
    region_to_table       rows (label, indent, one cell per column); column headings and title
                          lines (text_headings)

A line of column years or dates ("1998   1997", "12/31/98   12/31/97") below rows starts a new
block: one under headings of its own (balance-sheet dates under quarterly income) is a table with
its own columns and the display's scale note; one under the same headings resumes the table.
A value printed a few characters off its column goes to the one column whose figures it
overlaps (``table.value_misaligned``, info); one that fits no column is left out with a
``table.value_unassigned`` warning, never silently.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..amounts import find_scale
from ..records import Document, Problem, RawCell, RawRow, RawTable, SourceSpan
from .text_columns import ColumnBand, assign, label_zone_only, region_to_columns
from .text_headings import column_heading_lines, header_rows, is_date_line, is_year_line, title_lines
from .text_lines import TABLE_END, TABLE_START, TOKEN, Line, Token, classify_lines, is_prose, is_value, strip_leaders

MAX_BANDS = 250  # more value columns than this is not a statement table
MAX_GAP = 6  # non-data lines allowed inside one table
_STATEMENT_TITLE = re.compile(r"statements?\s+of\s+(?:consolidated\s+|condensed\s+)*(?:operations|income|earnings|"
                              r"cash\s+flows?|financial\s+(?:position|condition)|(?:stockholders|shareholders)|"
                              r"changes|comprehensive|retained)|balance\s+sheets?", re.I)


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


# --- regions ----------------------------------------------------------------------------------

def lines_to_regions(lines: list[Line]) -> list[tuple[int, int]]:
    """(first, last) line numbers of runs of data lines that belong together."""
    regions = []
    start = last = None
    gap = 0
    has_rows = False  # the open region holds a row of figures, not only column years
    for i, line in enumerate(lines):
        hard_stop = line.kind == "page" or TABLE_END.match(line.text) or TABLE_START.match(line.text) \
            or (line.kind == "text" and _STATEMENT_TITLE.search(line.text) and len(line.text.strip()) < 90)
        prose = line.kind == "text" and is_prose(line.text)
        # column years or dates under rows head the next block, which has columns of its own
        new_heading = (is_year_line(line) and (has_rows or gap >= 2)) or \
            (has_rows and line.kind == "text" and is_date_line(line.text))
        if start is not None and new_heading:
            regions.append((start, last))
            start, has_rows = None, False
        if line.kind == "data":
            if start is None:
                start = i
            last, gap = i, 0
            has_rows = has_rows or not is_year_line(line)
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


# --- table ------------------------------------------------------------------------------------

def region_to_table(doc: Document, lines: list[Line], region: tuple[int, int], index: int) -> RawTable | None:
    first, last = region
    year_lines = []
    while first <= last and (is_year_line(lines[first]) or (not year_lines and is_year_line(lines[first], True))):
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
    header_start, header_lines = column_heading_lines(lines, above, zone_left)
    rows, problems = _rows(doc, lines, top, last, bands)
    if sum(1 for r in rows if any(r.cells)) < 2:
        return None
    header = header_rows(lines, header_lines, year_lines, bands)
    title = title_lines(lines, header_start)
    return RawTable(
        document=doc.id, kind="text", index=index, title=tuple(title), header=header, rows=tuple(rows),
        n_columns=len(bands), first_line=doc.first_line + min(header_start, top), last_line=doc.first_line + last,
        problems=tuple(problems),
    )


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
        elif line.kind == "text" and label_zone_only(line, zone_left) and line.indent <= max_indent \
                and not is_prose(line.text):
            top, blanks = j, 0
        else:
            break
        j -= 1
    return top


# --- rows -------------------------------------------------------------------------------------

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
    for match in TOKEN.finditer(line.text):
        group = "num" if match.group("num") else None
        if group is None or not any(ch.isdigit() for ch in match.group(group)):
            continue
        token = Token(match.start(group), match.end(group), match.group(group))
        if (token.start, token.end) in taken or not is_value(token.text):
            continue
        col = assign(token, bands)
        if col is not None and cells[col] is None and token.start >= bands[col].left - 2 \
                and abs(token.edge - bands[col].edge) <= 1 and token.end >= len(line.text.rstrip()) - 40:
            found.append(token)
    return found


def _span(doc: Document, i: int, start: int, end: int, text: str) -> SourceSpan:
    return SourceSpan(doc.id, doc.first_line + i, start, end, text)
