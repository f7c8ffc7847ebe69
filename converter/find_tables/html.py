"""HTML table finder: ``<table>`` grids and ``<pre>`` blocks -> ``RawTable``.

    document_blocks   the document in reading order: text lines, leaf tables, <pre> blocks
    table_grid        rows of cells with colspan/rowspan expanded to grid columns
    split_stacked     a row whose cells stack several statement lines with <BR> -> one row per line
    grid_to_table     label cell, value cells ("$" and ")" in cells of their own joined to their
                      number, footnote marks after a number left out), a label spanning rows made
                      the heading of the rows it spans, logical columns from the values' right
                      edges, header rows above the first row of values, title lines from the text
                      before the table
    <pre> blocks      read by the plain-text finder

Cells keep their element path so the Inline XBRL output can wrap the number where it stands.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

import lxml.etree

from ..amounts import parse_amount
from ..htmldoc import parse_html
from ..records import Document, HeaderCell, RawCell, RawRow, RawTable, SourceSpan
from .text import find_text_tables

_BLOCK = {"p", "div", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "li", "hr", "center", "blockquote",
          "dt", "dd", "title", "caption", "table", "ul", "ol", "body"}
_SKIP = {"script", "style", "head", "noscript"}
_SPACES = re.compile(r"[\s\xa0\u2007\u2009\u200b]+")
_STRAY = {"$", "(", ")", "%", ")%", "%)", "US$", "\u20ac"}
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# a footnote reference printed after a number: "11,940*", "1,240 (2)", "(0.08)*" (the text finder's
# marks); "(2)" alone is the value -2, so something must stand before the mark
_TRAILING_MARK = re.compile(r"(?<=[\d).%])\s*(?:\*{1,3}|\([1-9]\)|\([a-z]\))$")
_SUP_MARK = re.compile(r"\(?(?:\d{1,2}|[a-zA-Z])\)?|\*{1,3}|[\u2020\u2021]{1,2}")
_SUPER_STYLE = re.compile(r"vertical-align\s*:\s*super", re.I)
_RAISED = lxml.etree.XPath("boolean(.//sup | .//*[contains(translate(@style, 'SUPER', 'super'), 'super')])")
PRE_MARK = "|pre:"


def cell_text(el: lxml.etree._Element, marks: bool = True) -> str:
    """The cell's visible text on one line (``marks=False``: without superscript footnote marks)."""
    return _SPACES.sub(" ", " ".join(text for text, _ in cell_lines(el, marks))).strip()


def cell_lines(el: lxml.etree._Element, marks: bool = True) -> list[tuple[str, int]]:
    """The cell's text split at <BR>: (raw text, source line) per line."""
    texts, lines = [el.text or ""], [el.sourceline or 0]

    def walk(node) -> None:
        for child in node:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag == "br":
                texts.append("")
                lines.append(child.sourceline or lines[-1])
            elif tag and tag not in _SKIP and (marks or not _is_sup_mark(child)):
                if tag in _BLOCK:
                    texts[-1] += " "
                texts[-1] += child.text or ""
                walk(child)
            if child.tail:
                texts[-1] += child.tail

    walk(el)
    return list(zip(texts, lines))


def _is_sup_mark(el) -> bool:
    return _is_raised(el) and bool(_SUP_MARK.fullmatch(cell_text(el)))


def _is_raised(el) -> bool:
    """A superscript: <SUP> or a style raising the text."""
    return el.tag.lower() == "sup" or bool(_SUPER_STYLE.search(el.get("style") or ""))


def _without_mark(text: str) -> str:
    return _TRAILING_MARK.sub("", text)


@dataclass
class Cell:
    start: int
    end: int
    text: str
    el: lxml.etree._Element
    bare: str  # the text without superscript footnote marks: "9,770<SUP>(1)</SUP>" -> "9,770"
    rows: int = 1  # rowspan
    line: int = 0  # source line of one line of a stacked cell (0: the element's)
    indent: int | None = None  # set for a line of a stacked cell and a label under a spanning label
    part: int = 0  # which <BR>-separated line of a stacked cell, of ``parts``
    parts: int = 1


def table_grid(table: lxml.etree._Element) -> list[tuple[lxml.etree._Element, list[Cell]]]:
    rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    occupied: set[tuple[int, int]] = set()
    out = []
    for r, tr in enumerate(rows):
        c = 0
        cells = []
        for td in tr:
            if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                continue
            while (r, c) in occupied:
                c += 1
            span = _int(td.get("colspan"), 1, 100)
            rspan = min(_int(td.get("rowspan"), 1, 50), len(rows) - r)
            for rr in range(r, r + rspan):
                for cc in range(c, c + span):
                    occupied.add((rr, cc))
            text = cell_text(td)
            bare = cell_text(td, marks=False) if _has_raised(td) else text
            cells.append(Cell(c, c + span - 1, text, td, bare, rspan))
            c += span
        out.append((tr, cells))
    return out


def _has_raised(td) -> bool:
    """Does the cell hold a superscript (checked in libxml2: most cells hold none)?"""
    return bool(_RAISED(td))


def _int(value, default: int, cap: int) -> int:
    try:
        return max(1, min(int(str(value).strip().strip('"')), cap))
    except (TypeError, ValueError):
        return default


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
    if any(c.bare and c.bare not in _STRAY for c in cells if len(lines[id(c)]) != n):
        return []  # a figure beside the stack that belongs to no one line
    if not any(sum(parse_amount(_without_mark(bare)) is not None for _, bare, _ in lines[id(c)]) >= 2
               for c in stacked if c.start > label.end):
        return []
    style = _style_indent(label.el)
    return [[_line_cell(c, lines[id(c)][i], i, n, style if c is label else 0) for c in stacked] for i in range(n)]


def _trimmed_lines(cell: Cell) -> list[tuple[str, str, int]]:
    """(raw text, text without footnote marks, source line) per <BR> line; a <BR> ending the
    cell starts no line."""
    lines = [(text, _norm(bare), line) for (text, line), (bare, _) in
             zip(cell_lines(cell.el), cell_lines(cell.el, marks=False))]
    if len(lines) > 1 and not _norm(lines[-1][0]):
        lines.pop()
    return lines


def _line_cell(cell: Cell, line: tuple[str, str, int], part: int, parts: int, style: int) -> Cell:
    raw, bare, source_line = line
    visible = raw.lstrip(" \t\r\n")  # the source's line break after a <BR> is not indentation
    lead = len(visible) - len(visible.lstrip("\xa0 \t\n"))
    return Cell(cell.start, cell.end, _norm(raw), cell.el, bare, line=source_line, indent=max(0, style + lead),
                part=part, parts=parts)


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


@dataclass
class Value:
    end: int  # grid column of the number's right edge
    text: str
    cell: Cell


def _row_values(cells: list[Cell]) -> tuple[Cell | None, list[Value]]:
    """The label cell and the value cells after it ("$" and ")" cells folded into numbers)."""
    label = None
    values: list[Value] = []
    for i, cell in enumerate(cells):
        text = _without_mark(cell.bare)
        if not text or text in _STRAY:
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


def _is_header_values(values: list[Value]) -> bool:
    return bool(values) and all(_YEAR.match(v.text.strip()) for v in values)


Analysed = tuple  # (tr, cells, label cell or None, values)


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
            label = replace(label, indent=max(_indent(label), _indent(heading) + 2))
        out.append((tr, cells, label, values))
    return out


def _sub_label(cells: list[Cell], label: Cell | None, values: list[Value]) -> Cell | None:
    """The row's own label beside a label cell that spans rows."""
    if label is None or label.rows < 2 or not values or _is_header_values(values):
        return None
    first_value = min(v.cell.start for v in values)
    return next((c for c in cells if label.end < c.start and c.end < first_value and _has_letters(c.text)), None)


def grid_to_table(doc: Document, tree, table_el, grid, title: list[str], index: int) -> RawTable | None:
    analysed = carry_spanning_labels([(tr, cells, *_row_values(cells)) for tr, cells in split_stacked(grid)])
    body = [i for i, (_, _, _, values) in enumerate(analysed) if values and not _is_header_values(values)]
    if len(body) < 2:
        return None
    first, last = body[0], body[-1]
    while first > 0 and _label_only(analysed[first - 1]):
        first -= 1  # "Operating expenses:" right above the first figures is a section, not a heading
    ends = _columns([analysed[i][3] for i in body])
    if not ends:
        return None
    column_of = {end: k for k, group in enumerate(ends) for end in group}
    n = len(ends)
    header = _header(analysed[:first], ends, n)
    rows = []
    rule = False
    for tr, cells, label, values in analysed[first:last + 1]:
        if not label and not values:
            rule = rule or tr.find(".//hr") is not None or _bordered(cells)
            continue
        raw_cells: list[RawCell | None] = [None] * n
        for value in values:
            k = column_of.get(value.end)
            if k is None or raw_cells[k] is not None:
                continue
            raw_cells[k] = RawCell(value.text, _span(doc, tree, value.cell, value.text))
        label_text = label.text if label else ""
        line = label.line if label and label.line else tr.sourceline or 1
        rows.append(RawRow(label=label_text, indent=_indent(label) if label else 0, cells=tuple(raw_cells),
                           line=doc.first_line + line - 1,
                           label_span=_span(doc, tree, label, label_text) if label else None,
                           rule_above=rule, bold=bool(label) and _bold(label.el)))
        rule = _bordered(cells, bottom=True)
    if sum(1 for r in rows if any(r.cells)) < 2:
        return None
    return RawTable(document=doc.id, kind="html", index=index, title=tuple(title[-8:]), header=header,
                    rows=tuple(rows), n_columns=n, first_line=doc.first_line + (table_el.sourceline or 1) - 1,
                    last_line=rows[-1].line)


def _label_only(row) -> bool:
    _, cells, label, values = row
    return label is not None and not values and all(not c.text or c is label or c.text in _STRAY for c in cells) \
        and not re.search(r"(?:19|20)\d\d|ended|months|weeks|thousands|millions|unaudited", label.text, re.I)


def _columns(value_rows: list[list[Value]]) -> list[list[int]]:
    """Grid columns holding values, grouped into logical columns (a value may sit one or two
    grid columns off in some rows when "$" cells are merged)."""
    ends = sorted({v.end for values in value_rows for v in values})
    together = {(a, b) for values in value_rows for a in (v.end for v in values) for b in (v.end for v in values)}
    groups: list[list[int]] = []
    for end in ends:
        if groups and end - groups[-1][-1] <= 2 and not any((e, end) in together for e in groups[-1]):
            groups[-1].append(end)
        else:
            groups.append([end])
    return groups


def _header(rows, ends: list[list[int]], n: int) -> tuple[tuple[HeaderCell, ...], ...]:
    out = []
    for _, cells, label, _values in rows:
        header_cells = []
        for cell in cells:
            if not cell.text or cell.text in _STRAY:
                continue
            if cell is label and not any(cell.start <= e <= cell.end for group in ends for e in group):
                header_cells.append(HeaderCell(cell.text, 0, n - 1))  # "Year Ended December 31,"
                continue
            covered = [k for k, group in enumerate(ends) if any(cell.start <= e <= cell.end for e in group)]
            if not covered:
                near = [k for k, group in enumerate(ends) if any(abs(e - cell.end) <= 1 for e in group)]
                covered = near[:1]
            if covered:
                header_cells.append(HeaderCell(cell.text, min(covered), max(covered)))
        column_cells = [h for h in header_cells if h.last - h.first + 1 < n]
        if len(column_cells) == 1 and _PERIOD_PHRASE.search(column_cells[0].text) \
                and not re.search(r"(?:19|20)\d\d", column_cells[0].text):
            # the only heading in its row, "Year Ended December 31," reads over every column even
            # when its colspan stops short
            header_cells = [h if h is not column_cells[0] else HeaderCell(h.text, 0, n - 1) for h in header_cells]
        if header_cells:
            out.append(tuple(header_cells))
    return tuple(out)


_PERIOD_PHRASE = re.compile(r"\bended\b|\bending\b|months|weeks|\byears?\b|quarter", re.I)


_LENGTH = re.compile(r"(margin-left|padding-left|text-indent)\s*:\s*(-?[\d.]+)\s*(em|pt|px|in|%)?", re.I)


def _indent(cell: Cell) -> int:
    if cell.indent is not None:
        return cell.indent
    raw = "".join(cell.el.itertext())
    nbsp = len(raw) - len(raw.lstrip("\xa0 \t\n"))
    return max(0, _style_indent(cell.el) + nbsp)


def _style_indent(cell_el) -> int:
    """Indentation from margin-left, padding-left and text-indent styles (may be negative)."""
    total = 0.0
    for el in [cell_el] + list(cell_el.iterdescendants())[:3]:
        style = el.get("style") if isinstance(el.tag, str) else None
        for _, amount, unit in _LENGTH.findall(style or ""):
            value = float(amount)
            total += value * {"em": 2, "pt": 0.25, "px": 0.2, "in": 16, "%": 0}.get((unit or "px").lower(), 0.2)
    return int(round(total))


def _bold(el) -> bool:
    return el.find(".//b") is not None or el.find(".//strong") is not None or \
        "bold" in (el.get("style") or "").lower()


def _bordered(cells: list[Cell], bottom: bool = False) -> bool:
    side = "border-bottom" if bottom else "border-top"
    edge = [c for c in cells if c.part == (c.parts - 1 if bottom else 0)]  # a stacked cell's first/last line
    return any(side in (c.el.get("style") or "").lower() for c in edge)


def _span(doc: Document, tree, cell: Cell, text: str) -> SourceSpan:
    line = cell.line or cell.el.sourceline or 1
    return SourceSpan(doc.id, doc.first_line + line - 1, 0, len(text), text, tree.getpath(cell.el))


# --- reading order ----------------------------------------------------------------------------

def document_blocks(root):
    """Yield ("text", line), ("table", element) for leaf tables and ("pre", element)."""
    line: list[str] = []

    def flush():
        text = _SPACES.sub(" ", "".join(line)).strip()
        line.clear()
        return text

    def walk(el):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            return
        if tag == "pre" or (tag == "table" and el.find(".//table") is None):
            text = flush()
            if text:
                yield "text", text
            yield ("pre" if tag == "pre" else "table"), el
            return
        if tag in _BLOCK:
            text = flush()
            if text:
                yield "text", text
        if el.text and tag:
            line.append(el.text)
        for child in el:
            yield from walk(child)
            if child.tail:
                line.append(child.tail)
        if tag in _BLOCK or tag in ("td", "th"):
            if tag in ("td", "th"):
                line.append("   ")
            else:
                text = flush()
                if text:
                    yield "text", text

    yield from walk(root)
    text = flush()
    if text:
        yield "text", text


def find_html_tables(doc: Document) -> list[RawTable]:
    root = parse_html(doc.text)
    tree = root.getroottree()
    tables: list[RawTable] = []
    recent: list[str] = []
    for kind, item in document_blocks(root):
        if kind == "text":
            if len(re.findall(r"[A-Za-z]{2,}", item)) <= 16:  # headings and notes, not prose
                recent.append(item)
            continue
        if kind == "pre":
            found = _pre_tables(doc, tree, item, len(tables))
        else:
            table = grid_to_table(doc, tree, item, table_grid(item), recent[-8:], len(tables))
            found = [table] if table else []
            if not found:
                recent.extend(t for t in (" ".join(c.text for c in cells if c.text) for _, cells in
                                          table_grid(item)) if t)
        if found:
            tables.extend(found)
            recent = []
    return tables


def _pre_tables(doc: Document, tree, pre, start_index: int) -> list[RawTable]:
    text = "".join(pre.itertext())
    first_line = doc.first_line + (pre.sourceline or 1) - 1
    pseudo = Document(index=doc.index, type=doc.type, sequence=doc.sequence, filename=doc.filename,
                      description=doc.description, text=text, first_line=first_line, is_html=False)
    path = tree.getpath(pre)
    found = []
    for table in find_text_tables(pseudo, start_index):
        rows = tuple(replace(row, cells=tuple(
            None if c is None else replace(c, span=replace(
                c.span, path=f"{path}{PRE_MARK}{c.span.line - first_line}")) for c in row.cells))
            for row in table.rows)
        found.append(replace(table, kind="html", rows=rows))
    return found
