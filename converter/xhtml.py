"""Legacy HTML -> XHTML 1.1 that the Inline XBRL schema accepts, looking like the filing.

Elements XHTML 1.1 lacks become ``span`` or ``div`` with the same look in ``style`` (``<font
color>``, ``<center>``, ``<u>``); presentational attributes become CSS (``bgcolor``, ``width`` on
cells, ``nowrap``, ``align`` on paragraphs); content models are repaired where legacy markup breaks
them (a block inside an inline element, text directly in a table or list). ``ix:`` elements
already placed in the tree are kept as they are. Characters XML 1.0 cannot hold become spaces, so
the result is always well-formed; a tree nested deeper than ``MAX_OUTPUT_DEPTH`` is refused with
``RenderError`` rather than written where XML parsers would stop reading it.
"""
from __future__ import annotations

import re

from lxml import etree

from .errors import RenderError
from .htmldoc import XML_BAD, depth

XHTML = "http://www.w3.org/1999/xhtml"
IX = "http://www.xbrl.org/2013/inlineXBRL"
_CORE_ATTRS = {"class", "title", "style", "dir"}
_ATTRS = {
    "table": {"border", "cellpadding", "cellspacing", "frame", "rules", "summary", "width"},
    "td": {"align", "valign", "colspan", "rowspan", "abbr", "axis", "headers", "scope", "char", "charoff"},
    "tr": {"align", "valign", "char", "charoff"},
    "col": {"span", "width", "align", "valign"}, "colgroup": {"span", "width", "align", "valign"},
    "img": {"src", "alt", "height", "width"},
    "a": {"href"},
    "thead": {"align", "valign"}, "tbody": {"align", "valign"}, "tfoot": {"align", "valign"},
}
_ATTRS["th"] = _ATTRS["td"]
_BLOCK = {"div", "p", "pre", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "blockquote",
          "address", "dl", "center", "form", "fieldset", "menu", "dir"}
_INLINE = {"span", "b", "i", "em", "strong", "small", "big", "sub", "sup", "tt", "code", "cite", "dfn", "kbd",
           "samp", "var", "abbr", "acronym", "q", "a", "br", "img"}
_KEEP = _INLINE | {"div", "p", "pre", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "col",
                   "colgroup", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr"}
_INLINE_ONLY_PARENTS = {"p", "span", "b", "i", "em", "strong", "small", "big", "sub", "sup", "tt", "code", "a",
                        "h1", "h2", "h3", "h4", "h5", "h6", "pre", "caption", "cite", "dfn", "kbd", "samp",
                        "var", "abbr", "acronym", "q"}
_DROP = {"script", "style", "head", "meta", "link", "title", "object", "embed", "iframe", "applet", "input",
         "select", "textarea", "button", "option", "noscript", "frameset", "frame", "map", "area", "base"}
MAX_OUTPUT_DEPTH = 200  # libxml2 refuses deeper documents without its "huge" option
_FONT_SIZE = {"1": "8pt", "2": "10pt", "3": "12pt", "4": "14pt", "5": "18pt", "6": "24pt", "7": "36pt"}


def _xml(text: str | None) -> str | None:
    """``text`` with the characters XML 1.0 cannot hold replaced by spaces."""
    return XML_BAD.sub(" ", text) if text and XML_BAD.search(text) else text


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) and not el.tag.startswith("{") else ""


def _has_block(el) -> bool:
    return any(_tag(d) in _BLOCK or _tag(d) in ("table", "li", "tr") for d in el.iterdescendants())


def _style(el, tag: str) -> str:
    styles = []
    get = el.get
    if get("bgcolor"):
        styles.append(f"background-color:{get('bgcolor')}")
    if tag == "font":
        if get("color"):
            styles.append(f"color:{get('color')}")
        if get("face"):
            styles.append(f"font-family:{get('face')}")
        if get("size") in _FONT_SIZE:
            styles.append(f"font-size:{_FONT_SIZE[get('size')]}")
    if tag == "center":
        styles.append("text-align:center")
    if tag == "u":
        styles.append("text-decoration:underline")
    if tag in ("s", "strike"):
        styles.append("text-decoration:line-through")
    if get("align") and tag not in ("td", "th", "tr", "thead", "tbody", "tfoot", "col", "colgroup", "img"):
        styles.append(f"text-align:{get('align').lower()}")
    if tag in ("td", "th"):
        if get("width"):
            styles.append(f"width:{_length(get('width'))}")
        if get("nowrap") is not None:
            styles.append("white-space:nowrap")
    if get("height") and tag not in ("img",):
        styles.append(f"height:{_length(get('height'))}")
    own = (get("style") or "").strip().rstrip(";")
    return ";".join(s for s in ([own] if own else []) + styles if _safe_css(s))


def _length(value: str) -> str:
    value = value.strip()
    return f"{value}px" if value.isdigit() else value


def _safe_css(text: str) -> bool:
    return not re.search(r"expression|url\s*\(|javascript|[<>]", text, re.I)


def convert(el, parent_tag: str = "div") -> etree._Element | None:
    """A namespaced XHTML copy of ``el`` (None when it should disappear)."""
    if isinstance(el.tag, str) and el.tag.startswith("{"):
        return _copy_ix(el, parent_tag)
    tag = _tag(el)
    if not tag or tag in _DROP:
        return None
    new_tag = tag
    if tag not in _KEEP:
        new_tag = "div" if tag in _BLOCK or _has_block(el) else "span"
    if new_tag in _INLINE and new_tag not in ("br", "img") and _has_block(el):
        new_tag = "div"
    if new_tag == "p" and _has_block(el):
        new_tag = "div"
    if parent_tag in _INLINE_ONLY_PARENTS and new_tag not in _INLINE:
        new_tag = "span" if not _has_block(el) else new_tag
    if new_tag == "table" and not el.xpath(".//tr"):
        new_tag = "div"
    out = etree.Element(f"{{{XHTML}}}{new_tag}")
    allowed = _CORE_ATTRS | _ATTRS.get(new_tag, set())
    for name, value in el.attrib.items():
        name = name.lower()
        if name in allowed and name != "style" and _valid_attr(name, value):
            if name in ("align", "valign"):
                value = value.lower()  # ALIGN="RIGHT" in legacy HTML; XHTML enumerations are lower case
            out.set(name, _xml(value.strip() if name != "alt" else value))
    style = _style(el, tag)
    if style:
        out.set("style", _xml(style))
    if new_tag == "img" and "alt" not in out.attrib:
        out.set("alt", "")
    if new_tag == "img" and "src" not in out.attrib:
        return None
    out.text = _xml(el.text)
    for child in el:
        converted = convert(child, new_tag)
        if converted is not None:
            out.append(converted)
            converted.tail = _xml(child.tail)
        elif child.tail:
            _append_text(out, _xml(child.tail))
    return _repair(out, new_tag)


def _valid_attr(name: str, value: str) -> bool:
    if name in ("colspan", "rowspan", "border", "cellpadding", "cellspacing", "span"):
        return bool(re.fullmatch(r"\s*\d+%?\s*", value or ""))
    if name == "href":
        return not re.match(r"\s*(javascript|data|vbscript):", value or "", re.I)
    if name in ("valign",):
        return (value or "").strip().lower() in ("top", "middle", "bottom", "baseline")
    if name == "align":
        return (value or "").strip().lower() in ("left", "center", "right", "justify", "char")
    if name in ("frame", "rules", "scope", "dir"):
        return False  # rarely used in filings, and their values are enumerations
    return True


def _append_text(el, text: str) -> None:
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


def _copy_ix(el, parent_tag: str):
    out = etree.Element(el.tag, {k: _xml(v) for k, v in el.attrib.items()}, nsmap={"ix": IX})
    out.text = _xml(el.text)
    for child in el:
        converted = convert(child, parent_tag)
        if converted is not None:
            out.append(converted)
            converted.tail = _xml(child.tail)
    return out


def _wrap_strays(el, allowed: set[str], wrapper: str, inner: str | None = None) -> None:
    """Move text and elements a container may not hold into a wrapper element."""
    if el.text and el.text.strip():
        holder = _new_holder(wrapper, inner)
        _leaf(holder).text = el.text
        el.insert(0, holder)
    el.text = None
    for child in list(el):
        if child.tail and child.tail.strip():
            holder = _new_holder(wrapper, inner)
            _leaf(holder).text = child.tail
            child.addnext(holder)
        child.tail = None
        local = etree.QName(child).localname
        if local not in allowed:
            holder = _new_holder(wrapper, inner)
            child.addprevious(holder)
            _leaf(holder).append(child)


def _new_holder(wrapper: str, inner: str | None):
    holder = etree.Element(f"{{{XHTML}}}{wrapper}")
    if inner:
        etree.SubElement(holder, f"{{{XHTML}}}{inner}")
    return holder


def _leaf(holder):
    return holder[0] if len(holder) else holder


def _repair(out, tag: str):
    if tag == "table":
        _wrap_strays(out, {"tr", "thead", "tbody", "tfoot", "caption", "col", "colgroup"}, "tr", "td")
        sections = [c for c in out if etree.QName(c).localname in ("thead", "tbody", "tfoot")]
        if sections and any(etree.QName(c).localname == "tr" for c in out):
            for child in list(out):
                if etree.QName(child).localname in ("thead", "tbody", "tfoot"):
                    for row in list(child):
                        child.addprevious(row)
                    out.remove(child)
    elif tag in ("thead", "tbody", "tfoot"):
        _wrap_strays(out, {"tr"}, "tr", "td")
        if not len(out):
            etree.SubElement(etree.SubElement(out, f"{{{XHTML}}}tr"), f"{{{XHTML}}}td")
    elif tag == "tr":
        _wrap_strays(out, {"td", "th"}, "td")
        if not len(out):
            etree.SubElement(out, f"{{{XHTML}}}td")
    elif tag in ("ul", "ol"):
        _wrap_strays(out, {"li"}, "li")
        if not len(out):
            etree.SubElement(out, f"{{{XHTML}}}li")
    return out


def to_xhtml(body) -> str:
    """The children of ``body`` as XHTML markup (one ``div``), ready to embed in the iXBRL page."""
    container = etree.Element(f"{{{XHTML}}}div", nsmap={None: XHTML, "ix": IX})
    container.set("class", "filing-html")
    container.text = _xml(body.text)
    for child in body:
        converted = convert(child, "div")
        if converted is not None:
            container.append(converted)
            converted.tail = _xml(child.tail)
        elif child.tail:
            _append_text(container, _xml(child.tail))
    if depth(container) > MAX_OUTPUT_DEPTH:
        raise RenderError(f"the HTML document nests more than {MAX_OUTPUT_DEPTH} levels deep as XHTML")
    text = etree.tostring(container, encoding="unicode")
    return text.replace(f' xmlns="{XHTML}"', "", 1).replace(f' xmlns:ix="{IX}"', "", 1)

