"""HTML table finder, rows: the grid's rows reshaped and read, one row per statement line.

    split_stacked           a row whose cells stack several statement lines with <BR> -> one row
                            per line
    row_values              a row's label cell and value cells ("$" and ")" in cells of their own
                            joined to their number, footnote marks after a number left out)
    carry_spanning_labels   a label spanning rows made the heading of the rows it spans
    grid_rows               the three in turn: the rows ``grid_to_table`` reads
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

import lxml.etree

from ..amounts import parse_amount
from .html_cells import Cell, cell_indent, cell_lines, norm, style_indent

STRAY = {"$", "(", ")", "%", ")%", "%)", "US$", "\u20ac"}  # a cell of these alone is part of a value beside it
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# a footnote reference printed after a number: "11,940*", "1,240 (2)", "(0.08)*" (the text finder's
# marks); "(2)" alone is the value -2, so something must stand before the mark
_TRAILING_MARK = re.compile(r"(?<=[\d).%])\s*(?:\*{1,3}|\([1-9]\)|\([a-z]\))$")

Analysed = tuple  # (tr, cells, label cell or None, values)


def grid_rows(grid: list[tuple[lxml.etree._Element, list[Cell]]]) -> list[Analysed]:
    """(tr, cells, label cell or None, values) for each statement line of the grid."""
    return carry_spanning_labels([(tr, cells, *row_values(cells)) for tr, cells in split_stacked(grid)])


def _without_mark(text: str) -> str:
    return _TRAILING_MARK.sub("", text)


# --- rows stacked with <BR> -------------------------------------------------------------------

def split_stacked(grid: list[tuple[lxml.etree._Element, list[Cell]]]) -> list[tuple[lxml.etree._Element, list[Cell]]]:
    """Each HTML row that stacks several statement lines ("Cash<BR>Receivables" beside
    "9,415<BR>3,870") becomes one row per line."""
    out = []
    for tr, cells in grid:
        out.extend((tr, line) for line in _stacked_lines(cells) or [cells])
    return out


def _stacked_lines(cells: list[Cell]) -> list[list[Cell]]:
    """One list of cells per line, or [] when the row is not stacked: the label's lines and
    each value cell's lines must agree in number (a heading line has empty values), and a value
    cell must hold at least two numbers."""
    label = next((c for c in cells if _has_letters(c.text)), None)
    if label is None or label.el.find(".//br") is None:
        return []
    lines = {id(c): _trimmed_lines(c) for c in cells}
    n = len(lines[id(label)])
    if n < 2:
        return []
    stacked = [c for c in cells if len(lines[id(c)]) == n]
    if any(c.bare and c.bare not in STRAY for c in cells if len(lines[id(c)]) != n):
        return []  # a figure beside the stack that belongs to no one line
    if not any(sum(parse_amount(_without_mark(bare)) is not None for _, bare, _ in lines[id(c)]) >= 2
               for c in stacked if c.start > label.end):
        return []
    style = style_indent(label.el)
    return [[_line_cell(c, lines[id(c)][i], i, n, style if c is label else 0) for c in stacked] for i in range(n)]


def _trimmed_lines(cell: Cell) -> list[tuple[str, str, int]]:
    """(raw text, text without footnote marks, source line) per <BR> line; a <BR> ending the
    cell starts no line."""
    lines = [(text, norm(bare), line) for (text, line), (bare, _) in
             zip(cell_lines(cell.el), cell_lines(cell.el, marks=False))]
    if len(lines) > 1 and not norm(lines[-1][0]):
        lines.pop()
    return lines


def _line_cell(cell: Cell, line: tuple[str, str, int], part: int, parts: int, style: int) -> Cell:
    raw, bare, source_line = line
    visible = raw.lstrip(" \t\r\n")  # the source's line break after a <BR> is not indentation
    lead = len(visible) - len(visible.lstrip("\xa0 \t\n"))
    return Cell(cell.start, cell.end, norm(raw), cell.el, bare, line=source_line, indent=max(0, style + lead),
                part=part, parts=parts)


# --- label and values -------------------------------------------------------------------------

@dataclass
class Value:
    end: int  # grid column of the number's right edge
    text: str
    cell: Cell


def row_values(cells: list[Cell]) -> tuple[Cell | None, list[Value]]:
    """The label cell and the value cells after it ("$" and ")" cells folded into numbers)."""
    label = None
    values: list[Value] = []
    for i, cell in enumerate(cells):
        text = _without_mark(cell.bare)
        if not text or text in STRAY:
            if text in (")", ")%", "%") and values and values[-1].cell.end < cell.start:
                if text.startswith(")") and "(" in values[-1].text and ")" not in values[-1].text:
                    values[-1].text += ")"
                if "%" in text:
                    values[-1].text += "%"
            continue
        parsed = parse_amount(text)
        if parsed is not None and (label is not None or i > 0):
            if parsed.value is not None or parsed.dash:
                values.append(Value(cell.end, text, cell))
            continue
        if label is None and _has_letters(cell.text):
            label = cell
    return label, values


def _has_letters(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]{2,}", text)) and not re.fullmatch(r"n/?a|nm|nil", text, re.I)


def is_header_values(values: list[Value]) -> bool:
    return bool(values) and all(_YEAR.match(v.text.strip()) for v in values)


# --- labels spanning rows ---------------------------------------------------------------------

def carry_spanning_labels(rows: list[Analysed]) -> list[Analysed]:
    """A label spanning rows beside labels of its own ("Weighted average shares" over "Basic"
    and "Diluted") becomes a heading row, and the rows it spans are indented under it."""
    out: list[Analysed] = []
    heading, until = None, -1
    for i, (tr, cells, label, values) in enumerate(rows):
        sub = _sub_label(cells, label, values)
        if sub is not None:
            out.append((tr, [label], label, []))
            heading, until, label = label, i + label.rows - 1, sub
        if heading is not None and i <= until and label is not None and label.start > heading.end:
            label = replace(label, indent=max(cell_indent(label), cell_indent(heading) + 2))
        out.append((tr, cells, label, values))
    return out


def _sub_label(cells: list[Cell], label: Cell | None, values: list[Value]) -> Cell | None:
    """The row's own label beside a label cell that spans rows."""
    if label is None or label.rows < 2 or not values or is_header_values(values):
        return None
    first_value = min(v.cell.start for v in values)
    return next((c for c in cells if label.end < c.start and c.end < first_value and _has_letters(c.text)), None)
