"""Lenient, safe parsing of legacy HTML documents (lxml), and their visible text as lines.

The parser never loads a DTD, never resolves external entities and never touches the network;
broken markup (unclosed tags, upper-case tags, ``<FONT>``) is recovered by libxml2.
"""
from __future__ import annotations

import re

import lxml.etree
import lxml.html

from .errors import FilingError

_BLOCK = {"p", "div", "br", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
          "hr", "pre", "center", "blockquote", "dl", "dt", "dd", "title", "caption", "body", "html"}
_CELL = {"td", "th"}
_SKIP = {"script", "style", "head", "noscript"}
_SPACES = re.compile(r"[ \t\xa0\u2007\u2009\u200b]+")


def parser() -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(recover=True, no_network=True, remove_comments=True,
                                remove_pis=True, default_doctype=False, huge_tree=False)


def parse_html(text: str, path: str = "") -> lxml.etree._Element:
    """Parse ``text`` into an element tree; raise ``FilingError`` when nothing can be read."""
    cleaned = _strip_declarations(text)
    if not cleaned.strip():
        raise FilingError("HTML document is empty", path=path)
    try:
        root = lxml.html.document_fromstring(cleaned, parser=parser())
    except (lxml.etree.ParserError, ValueError) as exc:
        raise FilingError(f"HTML cannot be parsed: {exc}", path=path) from exc
    if root is None:
        raise FilingError("HTML cannot be parsed: no elements", path=path)
    return root


_DECL = re.compile(r"<!DOCTYPE[^>\[]*(\[.*?\])?\s*>|<\?xml[^>]*\?>|<!ENTITY[^>]*>", re.I | re.S)


def _strip_declarations(text: str) -> str:
    """Drop DOCTYPE (with any internal subset), XML declarations and entity declarations."""
    return _DECL.sub("", text)


def visible_lines(root: lxml.etree._Element) -> list[str]:
    """The document's visible text, one line per block; table cells separated by 3 spaces.

    Leading and trailing spaces of a line are dropped; runs of spaces inside a cell become one."""
    out: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _SPACES.sub(" ", "".join(current))
        line = re.sub(r" ?\x1f ?", "   ", line).strip()
        out.append(line)
        current.clear()

    def walk(el: lxml.etree._Element, in_pre: bool) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            return
        pre = in_pre or tag == "pre"
        if tag in _BLOCK:
            flush()
        if tag in _CELL:
            current.append("\x1f")
        if el.text and isinstance(el.tag, str):
            _add(el.text, pre)
        for child in el:
            walk(child, pre)
            if child.tail:
                _add(child.tail, pre)
        if tag in _BLOCK:
            flush()

    def _add(text: str, pre: bool) -> None:
        if pre:
            parts = text.split("\n")
            for i, part in enumerate(parts):
                if i:
                    flush()
                current.append(part)
        else:
            current.append(text.replace("\n", " "))

    walk(root, False)
    flush()
    return [line for i, line in enumerate(out) if line or (i and out[i - 1])]
