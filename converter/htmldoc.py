"""Lenient, safe parsing of legacy HTML documents (lxml), and their visible text as lines.

The parser never loads a DTD, never resolves external entities and never touches the network:
DOCTYPEs (with any internal subset), XML declarations and ``<!ENTITY>`` declarations are cut out
before libxml2 sees the text, so ``&xxe;`` or a "billion laughs" reference stays literal text.
Broken markup (unclosed tags, upper-case tags, ``<FONT>``) is recovered by libxml2.

Bounded: a document nested deeper than ``MAX_DEPTH`` (libxml2 silently drops everything after
its own limit) is read again without its formatting tags; when even that nests too deep it is
refused with ``FilingError``. Characters XML cannot hold (``&#1;``) become spaces.
"""
from __future__ import annotations

import re

import lxml.etree
import lxml.html

from .errors import FilingError

MAX_DEPTH = 120  # nesting kept; the Inline XBRL page adds a few levels and XML parsers stop at 256
_BLOCK = {"p", "div", "br", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
          "hr", "pre", "center", "blockquote", "dl", "dt", "dd", "title", "caption", "body", "html"}
_CELL = {"td", "th"}
_SKIP = {"script", "style", "head", "noscript"}
_SPACES = re.compile(r"[ \t\xa0\u2007\u2009\u200b]+")
XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def parser() -> lxml.html.HTMLParser:
    # huge_tree: without it libxml2 silently drops a document holding a text node over 10 MB
    return lxml.html.HTMLParser(recover=True, no_network=True, remove_comments=True,
                                remove_pis=True, default_doctype=False, huge_tree=True)


def parse_html(text: str, path: str = "") -> lxml.etree._Element:
    """Parse ``text`` into an element tree; raise ``FilingError`` when nothing can be read."""
    return parse_html_checked(text, path)[0]


def parse_html_checked(text: str, path: str = "") -> tuple[lxml.etree._Element, bool]:
    """The element tree, and whether formatting tags were dropped because the markup nests
    deeper than ``MAX_DEPTH``."""
    cleaned = strip_declarations(text)
    if not cleaned.strip():
        raise FilingError("HTML document is empty", path=path)
    root = _parse(cleaned, path)
    if depth(root) <= MAX_DEPTH:
        return _clean_tree(root), False
    root = _parse(_flatten(cleaned), path)
    if depth(root) > MAX_DEPTH:
        raise FilingError(f"HTML elements nested more than {MAX_DEPTH} levels deep (tables inside tables) "
                          f"even without their formatting tags: the document cannot be read", path=path)
    return _clean_tree(root), True


def _parse(text: str, path: str) -> lxml.etree._Element:
    try:
        root = lxml.html.document_fromstring(text, parser=parser())
    except (lxml.etree.ParserError, ValueError) as exc:
        raise FilingError(f"HTML cannot be parsed: {exc}", path=path) from exc
    if root is None:
        raise FilingError("HTML cannot be parsed: no elements", path=path)
    return root


def depth(root: lxml.etree._Element) -> int:
    """How deep elements nest below ``root`` (without recursion)."""
    deepest = level = 0
    for event, _ in lxml.etree.iterwalk(root, events=("start", "end")):
        level += 1 if event == "start" else -1
        deepest = max(deepest, level)
    return deepest


_DECL_START = re.compile(r"<!DOCTYPE|<\?xml|<!ENTITY", re.I)
_SUBSET_END = re.compile(r"\][ \t\r\n]{0,64}>")


def strip_declarations(text: str) -> str:
    """Drop DOCTYPE (with any internal subset), XML declarations and entity declarations.

    One pass, linear in the text: a declaration with no ``>`` after it loses only its opening
    token, and a search that failed from one position is not repeated from a later one."""
    parts: list[str] = []
    pos = 0
    no_gt = no_subset_end = len(text) + 1
    while (match := _DECL_START.search(text, pos)) is not None:
        parts.append(text[pos:match.start()])
        end = match.end()
        gt = text.find(">", end) if end < no_gt else -1
        if gt < 0:
            no_gt = min(no_gt, end)
            pos = end
            continue
        token = match.group(0).lower()
        if token == "<!doctype":
            bracket = text.find("[", end, gt)
            if 0 <= bracket < no_subset_end:
                close = _SUBSET_END.search(text, bracket)
                if close:
                    gt = close.end() - 1
                else:
                    no_subset_end = bracket
        elif token == "<?xml":
            close = text.find("?>", end, gt + 1)
            gt = close + 1 if close >= 0 else gt
        pos = gt + 1
    parts.append(text[pos:])
    return "".join(parts)


_INLINE_TAGS = re.compile(r"</?(?:font|span|b|i|u|s|strike|em|strong|small|big|sup|sub|tt|a|ins|del|nobr|code|"
                          r"cite|[a-z]+:[a-z0-9]+)(?=[\s/>])[^<>]{0,2000}>", re.I)
_BLOCK_TAGS = re.compile(r"</?(?:div|center|blockquote|p|dl|dt|dd|ul|ol|li|h[1-6]|address)(?=[\s/>])[^<>]{0,2000}>",
                         re.I)


def _flatten(text: str) -> str:
    """The markup without formatting tags (inline ones dropped, block ones become line breaks)."""
    return _BLOCK_TAGS.sub("<br>", _INLINE_TAGS.sub("", text))


def _clean_tree(root: lxml.etree._Element) -> lxml.etree._Element:
    """Characters XML 1.0 cannot hold (from ``&#1;`` and the like) become spaces."""
    for el in root.iter():
        if el.text and XML_BAD.search(el.text):
            el.text = XML_BAD.sub(" ", el.text)
        if el.tail and XML_BAD.search(el.tail):
            el.tail = XML_BAD.sub(" ", el.tail)
        if isinstance(el.tag, str):
            for name, value in el.attrib.items():
                if XML_BAD.search(value):
                    el.set(name, XML_BAD.sub(" ", value))
    return root


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
