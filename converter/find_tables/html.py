"""HTML table finder: ``<table>`` grids and ``<pre>`` blocks -> ``RawTable``.

    document_blocks   the document in reading order: text lines, leaf tables, <pre> blocks
    table_grid        (html_cells) rows of cells with colspan/rowspan expanded to grid columns
    grid_rows         (html_rows) one row per statement line (cells stacked with <BR> split), each
                      with its label cell and value cells; a label spanning rows made the heading
                      of the rows it spans
    grid_to_table     logical columns from the values' right edges, header rows above the first
                      row of values, title lines from the text before the table
    <pre> blocks      read by the plain-text finder

Cells keep their element path so the Inline XBRL output can wrap the number where it stands.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..htmldoc import parse_html
from ..records import Document, HeaderCell, RawCell, RawRow, RawTable, SourceSpan
from .html_cells import BLOCK_TAGS, SKIP_TAGS, Cell, cell_indent, norm, table_grid
from .html_rows import STRAY, Analysed, Value, grid_rows, is_header_values
from .text import find_text_tables

PRE_MARK = "|pre:"


def grid_to_table(doc: Document, tree, table_el, grid, title: list[str], index: int) -> RawTable | None:
    analysed = grid_rows(grid)
    body = [i for i, (_, _, _, values) in enumerate(analysed) if values and not is_header_values(values)]
    if len(body) < 2:
        return None
    first, last = body[0], body[-1]
    while first > 0 and _label_only(analysed[first - 1]):
        first -= 1  # "Operating expenses:" right above the first figures is a section, not a heading
    ends = _columns([analysed[i][3] for i in body])
    if not ends:
        return None
    n = len(ends)
    header = _header(analysed[:first], ends, n)
    rows = _body_rows(doc, tree, analysed[first:last + 1], ends)
    if sum(1 for r in rows if any(r.cells)) < 2:
        return None
    return RawTable(document=doc.id, kind="html", index=index, title=tuple(title[-8:]), header=header,
                    rows=tuple(rows), n_columns=n, first_line=doc.first_line + (table_el.sourceline or 1) - 1,
                    last_line=rows[-1].line)


def _body_rows(doc: Document, tree, analysed: list[Analysed], ends: list[list[int]]) -> list[RawRow]:
    """A ``RawRow`` per row with a label or values, each value in the logical column of its right
    edge; a row of nothing but a rule (<HR>, a border) sets ``rule_above`` on the next row."""
    column_of = {end: k for k, group in enumerate(ends) for end in group}
    n = len(ends)
    rows = []
    rule = False
    for tr, cells, label, values in analysed:
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
        rows.append(RawRow(label=label_text, indent=cell_indent(label) if label else 0, cells=tuple(raw_cells),
                           line=doc.first_line + line - 1,
                           label_span=_span(doc, tree, label, label_text) if label else None,
                           rule_above=rule, bold=bool(label) and _bold(label.el)))
        rule = _bordered(cells, bottom=True)
    return rows


def _label_only(row) -> bool:
    _, cells, label, values = row
    return label is not None and not values and all(not c.text or c is label or c.text in STRAY for c in cells) \
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
            if not cell.text or cell.text in STRAY:
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
        text = norm("".join(line))
        line.clear()
        return text

    def walk(el):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in SKIP_TAGS:
            return
        if tag == "pre" or (tag == "table" and el.find(".//table") is None):
            text = flush()
            if text:
                yield "text", text
            yield ("pre" if tag == "pre" else "table"), el
            return
        if tag in BLOCK_TAGS:
            text = flush()
            if text:
                yield "text", text
        if el.text and tag:
            line.append(el.text)
        for child in el:
            yield from walk(child)
            if child.tail:
                line.append(child.tail)
        if tag in BLOCK_TAGS or tag in ("td", "th"):
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
