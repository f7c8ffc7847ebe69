"""Stage 3: ``Document`` -> ``RawTable`` blocks (text: aligned columns; HTML: <table>, <pre>).

Both finders produce the same ``RawTable``; a table split by a page break (a "(Continued)"
heading, a repeated heading with the same columns, or no heading at all right after the break)
is joined back into one here.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..records import Document, RawRow, RawTable
from .text import find_text_tables

__all__ = ["CONTINUED", "find_tables", "merge_continuations"]
CONTINUED = "(continued)"  # label of the heading row put where a table resumes after a page break


def find_tables(doc: Document) -> list[RawTable]:
    if doc.is_html:
        from .html import find_html_tables  # lxml-based; imported only for HTML documents

        tables = find_html_tables(doc)
    else:
        tables = find_text_tables(doc)
    return merge_continuations(tables)


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
    return (says_continued or same_statement or bare_rest) and same_header


def merge_continuations(tables: list[RawTable]) -> list[RawTable]:
    merged: list[RawTable] = []
    for table in tables:
        if merged and continues(merged[-1], table):
            head = merged[-1]
            marker = RawRow(label=CONTINUED, indent=0, cells=(None,) * head.n_columns, line=table.first_line)
            merged[-1] = replace(head, rows=head.rows + (marker,) + table.rows, last_line=table.last_line)
        else:
            merged.append(replace(table, index=len(merged)))
    return merged
