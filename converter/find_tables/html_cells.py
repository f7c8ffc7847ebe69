"""HTML table finder, cells: what a table cell shows and where it sits in the grid.

    cell_text / cell_lines   a cell's visible text on one line, or split at <BR>; with or without
                             superscript footnote marks ("9,770<SUP>(1)</SUP>")
    table_grid               rows of ``Cell``s with colspan/rowspan expanded to grid columns
    cell_indent              a cell's indentation: leading spaces plus margin, padding and
                             text-indent styles
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree

BLOCK_TAGS = {"p", "div", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "li", "hr", "center", "blockquote",
          "dt", "dd", "title", "caption", "table", "ul", "ol", "body"}
SKIP_TAGS = {"script", "style", "head", "noscript"}
_SPACES = re.compile(r"[\s\xa0\u2007\u2009\u200b]+")
_SUP_MARK = re.compile(r"\(?(?:\d{1,2}|[a-zA-Z])\)?|\*{1,3}|[\u2020\u2021]{1,2}")
_SUPER_STYLE = re.compile(r"vertical-align\s*:\s*super", re.I)
_RAISED = lxml.etree.XPath("boolean(.//sup | .//*[contains(translate(@style, 'SUPER', 'super'), 'super')])")
_LENGTH = re.compile(r"(margin-left|padding-left|text-indent)\s*:\s*(-?[\d.]+)\s*(em|pt|px|in|%)?", re.I)


def cell_text(el: lxml.etree._Element, marks: bool = True) -> str:
    """The cell's visible text on one line (``marks=False``: without superscript footnote marks)."""
    return norm(" ".join(text for text, _ in cell_lines(el, marks)))


def cell_lines(el: lxml.etree._Element, marks: bool = True) -> list[tuple[str, int]]:
    """The cell's text split at <BR>: (raw text, source line) per line."""
    texts, lines = [el.text or ""], [el.sourceline or 0]

    def walk(node) -> None:
        for child in node:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag == "br":
                texts.append("")
                lines.append(child.sourceline or lines[-1])
            elif tag and tag not in SKIP_TAGS and (marks or not _is_sup_mark(child)):
                if tag in BLOCK_TAGS:
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


def norm(text: str) -> str:
    """Runs of whitespace (no-break, thin and zero-width spaces too) as one space, trimmed."""
    return _SPACES.sub(" ", text).strip()


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


def cell_indent(cell: Cell) -> int:
    if cell.indent is not None:
        return cell.indent
    raw = "".join(cell.el.itertext())
    nbsp = len(raw) - len(raw.lstrip("\xa0 \t\n"))
    return max(0, style_indent(cell.el) + nbsp)


def style_indent(cell_el) -> int:
    """Indentation from margin-left, padding-left and text-indent styles (may be negative)."""
    total = 0.0
    for el in [cell_el] + list(cell_el.iterdescendants())[:3]:
        style = el.get("style") if isinstance(el.tag, str) else None
        for _, amount, unit in _LENGTH.findall(style or ""):
            value = float(amount)
            total += value * {"em": 2, "pt": 0.25, "px": 0.2, "in": 16, "%": 0}.get((unit or "px").lower(), 0.2)
    return int(round(total))
