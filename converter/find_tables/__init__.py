"""Stage 3: ``Document`` -> ``RawTable`` blocks (text: aligned columns; HTML: <table>, <pre>).

Both finders produce the same ``RawTable``; here, for both,

    drop_note_columns     a "Notes" reference column (3, 4, 6...) is not a column of amounts
    merge_continuations   a table split by a page break (a "(Continued)" heading, a repeated
                          heading with the same columns, or no heading at all right after the
                          break) is joined back into one, unless only one of the two is non-GAAP,
                          pro forma, adjusted or a reconciliation
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..records import Document, HeaderCell, Problem, RawRow, RawTable
from .text import find_text_tables

__all__ = ["CONTINUED", "drop_note_columns", "find_tables", "merge_continuations"]
CONTINUED = "(continued)"  # label of the heading row put where a table resumes after a page break


def find_tables(doc: Document) -> list[RawTable]:
    if doc.is_html:
        from .html import find_html_tables  # lxml-based; imported only for HTML documents

        tables = find_html_tables(doc)
    else:
        tables = find_text_tables(doc)
    return merge_continuations([drop_note_columns(table) for table in tables])


# --- note reference columns ---------------------------------------------------------------------

_NOTE_HEADING = re.compile(r"\(?(?:see\s+)?notes?(?:\s*(?:no|nos|number|ref|reference)s?)?\.?\)?", re.I)
_NOTE_REF = re.compile(r"\d{1,2}(?:\.\d{1,2})?")  # "3", "12", "2.4": never "4,210" or "(3)"
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
MAX_NOTE = 30  # highest note number an unheaded reference column is believed to carry


def drop_note_columns(table: RawTable) -> RawTable:
    """Without its note reference columns: no note number may become an amount of a period.
    Each dropped column is recorded (``table.note_column``, info) on the table."""
    for k in range(table.n_columns):
        if table.n_columns > 1 and is_note_column(table, k):
            problem = Problem("info", "table.note_column", f"table at line {table.first_line}: column {k + 1} holds "
                              f"note references, not amounts; left out")
            dropped = _without_column(table, k)
            return drop_note_columns(replace(dropped, problems=dropped.problems + (problem,)))
    return table


def is_note_column(table: RawTable, k: int) -> bool:
    """Column ``k`` holds note numbers: headed "Notes" ("Note No.", "See Note"), or, with no
    heading of its own, the first column, small whole numbers on some rows only, before a
    column headed by its year."""
    values = [row.cells[k].text.strip() for row in table.rows if row.cells[k] is not None]
    if not values or not all(_NOTE_REF.fullmatch(v) for v in values):
        return False
    # the whole heading: a column headed "Notes receivable" holds amounts
    if any(_NOTE_HEADING.fullmatch(text.strip()) for text in _own_headings(table, k)):
        return True
    return k == 0 and _unheaded_references(table)


def _own_headings(table: RawTable, k: int) -> list[str]:
    return [cell.text for cells in table.header for cell in cells if cell.first == cell.last == k]


def _has_year_heading(table: RawTable, k: int) -> bool:
    """A heading over column ``k`` alone naming one year ("2003", "December 31, 2003"); a title
    line set over it ("AS OF DECEMBER 31, 2003 AND 2002") names both years."""
    return any(len(set(_YEAR.findall(text))) == 1 for text in _own_headings(table, k))


def _unheaded_references(table: RawTable) -> bool:
    if table.n_columns < 2 or _has_year_heading(table, 0) or not _has_year_heading(table, 1):
        return False
    notes = [row.cells[0].text.strip() for row in table.rows if row.cells[0] is not None]
    # rows with amounts but no note: a real first period column is rarely blank where the next is not
    unreferenced = sum(1 for row in table.rows if row.cells[0] is None and row.cells[1] is not None)
    return all(n.isdigit() and 1 <= int(n) <= MAX_NOTE for n in notes) and unreferenced >= 2


def _without_column(table: RawTable, k: int) -> RawTable:
    """The table once column ``k`` is gone: columns right of it move one place left. A line set
    over the note column alone ("AS OF DECEMBER 31, 2003 AND 2002", "(In thousands)") is no
    column's heading: it joins the title."""
    rows = tuple(replace(row, cells=row.cells[:k] + row.cells[k + 1:]) for row in table.rows)
    header, title = [], list(table.title)
    for cells in table.header:
        kept = []
        for cell in cells:
            if cell.first <= k <= cell.last and _NOTE_HEADING.fullmatch(cell.text.strip()):
                continue
            if cell.first == cell.last == k:
                title.append(cell.text)
                continue
            kept.append(_shift_left(cell, k))
        if kept:
            header.append(tuple(kept))
    return replace(table, rows=rows, header=tuple(header), title=tuple(title), n_columns=table.n_columns - 1)


def _shift_left(cell: HeaderCell, k: int) -> HeaderCell:
    first = cell.first if cell.first <= k else cell.first - 1
    last = cell.last - 1 if cell.last >= k else cell.last
    return HeaderCell(cell.text, first, max(first, last))


# --- continuations ------------------------------------------------------------------------------

def _norm_title(title: tuple[str, ...]) -> str:
    text = " ".join(title).lower()
    text = re.sub(r"\(continued\)|continued|\(unaudited\)|unaudited", " ", text)
    return re.sub(r"[^a-z]+", " ", text).strip()


def _statement_words(title: tuple[str, ...]) -> str:
    match = re.search(r"(balance sheets?|financial (?:position|condition)|statements? of [a-z ,']+)",
                      _norm_title(title))
    return match.group(1) if match else ""


def _header_text(table: RawTable) -> list[str]:
    """The column headings that carry periods: a side caption set in the header row ("ASSETS",
    "LIABILITIES AND SHAREHOLDERS' EQUITY") changes from page to page."""
    rows = [" | ".join(cell.text for cell in row) for row in table.header]
    dated = [row for row in rows if re.search(r"\d", row)]
    return dated or rows


def continues(previous: RawTable, table: RawTable) -> bool:
    """``table`` is the rest of ``previous`` after a page break."""
    if previous.document != table.document or previous.n_columns != table.n_columns:
        return False
    says_continued = any("continued" in line.lower() for line in table.title + table.context)
    same_statement = bool(_statement_words(table.title)) and \
        _statement_words(table.title) == _statement_words(previous.title)
    same_header = _header_text(table) == _header_text(previous) or not table.header
    # the rest of a table cut by a <PAGE> with no heading repeated: no title, no column headings
    bare_rest = not table.title and not table.header and 0 < table.first_line - previous.last_line <= 8
    return (says_continued or same_statement or bare_rest) and same_header and not _differs_in_kind(previous, table)


_OTHER_BASIS = re.compile(r"non[-\s]?gaap|pro[-\s]?forma|\badjusted\b|reconciliation", re.I)


def _headings(table: RawTable) -> list[str]:
    """Title and context lines that are headings, not sentences ("Non-GAAP results exclude
    stock-based compensation." under one table is no title of the next)."""
    lines = [line.strip() for line in table.title + table.context]
    return [line for line in lines if not (line.endswith(".") and len(line.split()) >= 6) and len(line.split()) < 16]


def _differs_in_kind(previous: RawTable, table: RawTable) -> bool:
    """Only one of the two is a non-GAAP, pro forma, adjusted or reconciliation table: a GAAP
    statement with the same columns right after a non-GAAP one is not its continuation. A
    page with no heading of its own, or one that says "(Continued)", carries on whatever came
    before (a pro forma page 2 whose repeated title drops "Pro Forma" is still pro forma)."""
    own = _headings(table)
    if not any(_norm_title((line,)) for line in own) or any("continued" in line.lower() for line in own):
        return False
    return any(_OTHER_BASIS.search(line) for line in _headings(previous)) != \
        any(_OTHER_BASIS.search(line) for line in own)


def merge_continuations(tables: list[RawTable]) -> list[RawTable]:
    merged: list[RawTable] = []
    for table in tables:
        if merged and continues(merged[-1], table):
            head = merged[-1]
            marker = RawRow(label=CONTINUED, indent=0, cells=(None,) * head.n_columns, line=table.first_line)
            merged[-1] = replace(head, rows=head.rows + (marker,) + table.rows, last_line=table.last_line,
                                 problems=head.problems + table.problems)
        else:
            merged.append(replace(table, index=len(merged)))
    return merged
