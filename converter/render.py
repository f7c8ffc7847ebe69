"""Stage 7: ``Report`` -> output documents (strings), each checked before anything is written.

    render_ixbrl       Inline XBRL 1.1: the original text with each tagged number wrapped in
                       place (ix:nonFraction), contexts, units and cover facts in ix:header
    render_taxonomy    per-filing extension schema + calculation (Calc 1.1), presentation and
                       label linkbases
    render_json        xBRL-JSON (OIM 1.0), checked against schemas/xbrl-json.schema.json

XML documents come from Jinja templates (autoescape on, StrictUndefined) and must parse with
lxml before they are returned; JSON is built as data and serialised with ``json``.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from urllib.parse import quote

import jinja2
import jsonschema
from lxml import etree
from markupsafe import Markup

from . import concepts as C
from .errors import RenderError
from .find_tables.html import PRE_MARK
from .htmldoc import parse_html
from .records import Document, Fact, Filing, Report
from .resources import schemas_dir, templates_dir
from .xhtml import IX as IX_NS
from .xhtml import to_xhtml

IXT_NS = "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12"
OIM_DOCUMENT_TYPE = "https://xbrl.org/2021/xbrl-json"
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CORE = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
_NS = {"xbrli": "http://www.xbrl.org/2003/instance", "iso4217": "http://www.xbrl.org/2003/iso4217",
       "us-gaap": C.US_GAAP_NS, "dei": C.DEI_NS, "xbrl": "https://xbrl.org/2021"}


@lru_cache(maxsize=None)
def environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir())), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)


def render_template(template: str, **values) -> str:
    try:
        return environment().get_template(template).render(**values)
    except jinja2.TemplateError as exc:
        raise RenderError(f"template {template}: {exc}") from exc


def check_xml(text: str, what: str) -> None:
    try:
        etree.fromstring(text.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True,
                                                               huge_tree=True))
    except etree.XMLSyntaxError as exc:
        raise RenderError(f"{what} is not well-formed XML: {exc}") from exc


# --- Inline XBRL ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Segment:
    text: str = ""
    before: str = ""
    core: str = ""
    after: str = ""
    fact: Fact | None = None


def clean_text(text: str) -> str:
    return _XML_BAD.sub(" ", text)


def document_segments(doc: Document, facts: list[Fact]) -> list[Segment]:
    """The document's text cut around each fact's characters (tabs expanded as the finder did)."""
    by_line: dict[int, list[Fact]] = {}
    for fact in facts:
        by_line.setdefault(fact.source.line - doc.first_line, []).append(fact)
    segments: list[Segment] = []
    pending: list[str] = []
    for number, raw in enumerate(doc.text.split("\n")):
        line_facts = sorted(by_line.get(number, []), key=lambda f: f.source.start)
        if not line_facts:
            pending.append(clean_text(raw.expandtabs(8)) + "\n")
            continue
        line = clean_text(raw.expandtabs(8))
        pos = 0
        for fact in line_facts:
            start, end = fact.source.start, fact.source.end
            if start < pos:
                continue  # overlapping spans cannot both be tagged
            token = line[start:end]
            match = None if fact.format == "fixed-zero" else _CORE.search(token)
            if match:
                core_start, core_end = match.start(), match.end()
            else:  # a dash: the whole token but a leading "$"
                core_start, core_end = len(token) - len(token.lstrip("$ ")), len(token)
            pending.append(line[pos:start + core_start])
            segments.append(Segment(text="".join(pending)))
            pending = []
            segments.append(Segment(core=token[core_start:core_end], fact=fact))
            pos = start + core_end
        pending.append(line[pos:] + "\n")
    segments.append(Segment(text="".join(pending)))
    return segments


def render_ixbrl(filing: Filing, report: Report) -> tuple[str, set[str]]:
    """The Inline XBRL page and the ids of facts that could not be placed in it."""
    by_doc: dict[str, list[Fact]] = {}
    for fact in report.facts:
        by_doc.setdefault(fact.source.document, []).append(fact)
    documents = []
    placed: set[str] = set()
    for doc in filing.documents:
        heading = " ".join(p for p in (doc.type or "document", doc.filename, doc.description) if p)
        facts = by_doc.get(doc.id, [])
        if doc.is_html:
            html, done = html_document(doc, facts, filing.path)
            documents.append({"id": doc.id, "heading": heading, "segments": [], "html": Markup(html)})
            placed |= done
        else:
            segments = document_segments(doc, facts)
            placed |= {s.fact.id for s in segments if s.fact}
            documents.append({"id": doc.id, "heading": heading, "segments": segments, "html": ""})
    title = f"{filing.stem}: Inline XBRL converted by legacy2xbrl"
    link = href_stem(report.stem)
    text = render_template("ixbrl.xhtml.j2", report=report, documents=documents, title=title,
                           schema_file=f"{link}.xsd", ixt_ns=IXT_NS, us_gaap_ns=C.US_GAAP_NS,
                           dei_ns=C.DEI_NS)
    check_xml(text, "the Inline XBRL document")
    return text, {f.id for f in report.facts} - placed


def ix_element(fact: Fact, text: str) -> etree._Element:
    el = etree.Element(f"{{{IX_NS}}}nonFraction", nsmap={"ix": IX_NS})
    for name, value in (("name", fact.concept.qname), ("contextRef", fact.context), ("unitRef", fact.unit),
                        ("id", fact.id), ("decimals", str(fact.decimals)), ("scale", str(fact.scale)),
                        ("format", f"ixt:{fact.format}")):
        el.set(name, value)
    if fact.negated:
        el.set("sign", "-")
    el.text = text
    return el


def _core(fact: Fact, text: str) -> tuple[int, int] | None:
    if fact.format == "fixed-zero":
        match = re.search(r"[-\u2012\u2013\u2014\u2015\u2212]+|nil", text, re.I)
    else:
        match = _CORE.search(text)
    return (match.start(), match.end()) if match else None


def _wrap_in_element(el: etree._Element, fact: Fact) -> bool:
    """Wrap the fact's number where it stands in ``el``'s text (one text node)."""
    wanted = _core(fact, fact.source.text)
    if wanted is None:
        return False
    core = fact.source.text[wanted[0]:wanted[1]]
    # the number standing alone: "870" is not the end of "3,870", nor a number already wrapped
    alone = re.compile(rf"(?<![\d,.]){re.escape(core)}(?![\d]|[,.]\d)")
    for node in el.iter():
        wrapped = node.tag == f"{{{IX_NS}}}nonFraction"  # only the text after it is free
        for attr in ("tail",) if wrapped else ("text", "tail") if node is not el else ("text",):
            value = getattr(node, attr)
            found = alone.search(value) if value else None
            if found is None:
                continue
            at = found.start()
            ix = ix_element(fact, core)
            ix.tail = value[at + len(core):]
            setattr(node, attr, value[:at])
            if attr == "text":
                node.insert(0, ix)
            else:
                node.addnext(ix)
            return True
    return False


def html_document(doc: Document, facts: list[Fact], path: str) -> tuple[str, set[str]]:
    """The HTML document as XHTML with each fact wrapped in place."""
    root = parse_html(doc.text, path)
    tree = root.getroottree()
    cells, pres = [], {}
    for fact in facts:
        if PRE_MARK in fact.source.path:
            pre_path = fact.source.path.split(PRE_MARK)[0]
            pres.setdefault(pre_path, []).append(fact)
        else:
            found = tree.xpath(fact.source.path) if fact.source.path else []
            if found:
                cells.append((found[0], fact))
    placed = {fact.id for el, fact in cells if _wrap_in_element(el, fact)}
    for pre_path, pre_facts in pres.items():
        found = tree.xpath(pre_path)
        if found:
            placed |= _fill_pre(doc, found[0], pre_facts)
    body = root.find("body")
    return to_xhtml(body if body is not None else root), placed


def _fill_pre(doc: Document, pre, facts: list[Fact]) -> set[str]:
    text = "".join(pre.itertext())
    pseudo = Document(index=doc.index, type=doc.type, sequence=doc.sequence, filename=doc.filename,
                      description=doc.description, text=text,
                      first_line=doc.first_line + (pre.sourceline or 1) - 1, is_html=False)
    segments = document_segments(pseudo, facts)
    for child in list(pre):
        pre.remove(child)
    pre.text = None
    last = None
    for segment in segments:
        if segment.fact is None:
            if last is None:
                pre.text = (pre.text or "") + segment.text
            else:
                last.tail = (last.tail or "") + segment.text
            continue
        last = ix_element(segment.fact, segment.core)
        pre.append(last)
    return {s.fact.id for s in segments if s.fact}


# --- extension taxonomy -----------------------------------------------------------------------

def href_stem(stem: str) -> str:
    """The stem as it appears inside links (file names keep it raw): '#', ':' or spaces escaped."""
    return quote(stem, safe="")


def _href(qname: str, report: Report, stem: str) -> str:
    prefix, name = qname.split(":", 1)
    if prefix == "us-gaap":
        return f"{C.US_GAAP_URL}#us-gaap_{name}"
    if prefix == "dei":
        return f"{C.DEI_URL}#dei_{name}"
    return f"{href_stem(stem)}.xsd#{prefix}_{name}"


def _links(report: Report, arcs, kind: str) -> list[dict]:
    links = []
    for role in report.roles:
        role_arcs = [a for a in arcs if a.role == role.uri]
        if not role_arcs:
            continue
        names = sorted({a.parent for a in role_arcs} | {a.child for a in role_arcs})
        locators = [{"href": _href(n, report, report.stem), "label": "loc_" + n.replace(":", "_")} for n in names]
        items = [{"parent": "loc_" + a.parent.replace(":", "_"), "child": "loc_" + a.child.replace(":", "_"),
                  "order": a.order, "weight": getattr(a, "weight", None), "label_role": getattr(a, "label_role", "")}
                 for a in role_arcs]
        links.append({"role": role, "locators": locators, "arcs": items})
    return links


def render_taxonomy(report: Report) -> dict[str, str]:
    """File name -> text for the extension schema and its three linkbases."""
    stem = report.stem
    common = {"report": report, "stem": href_stem(stem), "dtr_ns": C.DTR_TYPES_NS, "us_gaap_ns": C.US_GAAP_NS,
              "dei_ns": C.DEI_NS, "us_gaap_url": C.US_GAAP_URL, "dei_url": C.DEI_URL}
    labels = []
    for i, (qname, text) in enumerate(report.labels, start=1):
        prefix = qname.split(":", 1)[0]
        role = "http://www.xbrl.org/2003/role/terseLabel" if prefix in ("us-gaap", "dei") else \
            "http://www.xbrl.org/2003/role/label"
        labels.append({"id": f"{i}", "href": _href(qname, report, stem), "role": role, "text": text})
    files = {
        f"{stem}.xsd": render_template("extension.xsd.j2", **common),
        f"{stem}_cal.xml": render_template("calculation.xml.j2", links=_links(report, report.calc_arcs, "calc"),
                                           **common),
        f"{stem}_pre.xml": render_template("presentation.xml.j2", links=_links(report, report.presentation_arcs, "pre"),
                                   **common),
        f"{stem}_lab.xml": render_template("label.xml.j2", labels=labels, **common),
    }
    for name, text in files.items():
        check_xml(text, name)
    return files


# --- xBRL-JSON --------------------------------------------------------------------------------

def oim_instant(date: dt.date) -> str:
    """xBRL-JSON writes the end of a day as midnight of the next one."""
    return f"{(date + dt.timedelta(days=1)).isoformat()}T00:00:00"


def oim_period(period) -> str:
    if period.is_instant:
        return oim_instant(period.end)
    return f"{period.start.isoformat()}T00:00:00/{oim_instant(period.end)}"


def decimal_text(value: Decimal) -> str:
    return format(abs(value) if value == 0 else value, "f")


def entity_prefix(report: Report) -> str:
    return "cik" if report.entity_scheme == "http://www.sec.gov/CIK" else "entity"


def build_json(report: Report) -> dict:
    contexts = {c.id: c for c in report.contexts}
    units = {u.id: (f"{u.measure}/{u.denominator}" if u.denominator else u.measure) for u in report.units}
    ent_prefix = entity_prefix(report)
    namespaces = dict(_NS)
    namespaces[ent_prefix] = report.entity_scheme
    namespaces[report.extension_prefix] = report.extension_namespace
    facts: dict[str, dict] = {}
    for tf in report.text_facts:
        context = contexts[tf.context]
        facts[tf.id] = {"value": tf.value, "dimensions": {
            "concept": tf.concept.qname, "entity": f"{ent_prefix}:{context.entity_id}",
            "period": oim_period(context.period)}}
    for fact in report.facts:
        context = contexts[fact.context]
        facts[fact.id] = {"value": decimal_text(fact.value), "decimals": fact.decimals, "dimensions": {
            "concept": fact.concept.qname, "entity": f"{ent_prefix}:{context.entity_id}",
            "period": oim_period(context.period), "unit": units[fact.unit]}}
    return {"documentInfo": {"documentType": OIM_DOCUMENT_TYPE, "namespaces": namespaces,
                             "taxonomy": [f"{href_stem(report.stem)}.xsd"]},
            "facts": facts}


@lru_cache(maxsize=None)
def _schema(name: str) -> dict:
    return json.loads((schemas_dir() / name).read_text(encoding="utf-8"))


def check_json(data: dict, schema_name: str, what: str) -> None:
    try:
        jsonschema.validate(data, _schema(schema_name))
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path)
        raise RenderError(f"{what} does not match {schema_name} at {where or 'top'}: {exc.message}") from exc


def render_json(report: Report) -> str:
    data = build_json(report)
    check_json(data, "xbrl-json.schema.json", "the xBRL-JSON report")
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def render_problems(stem: str, problems) -> str:
    data = {"document": stem, "problems": [
        {"level": p.level, "code": p.code, "message": p.message,
         "source": None if p.source is None else {"document": p.source.document, "line": p.source.line,
                                                  "start": p.source.start, "end": p.source.end,
                                                  "text": p.source.text}}
        for p in problems]}
    check_json(data, "problems.schema.json", "the problems file")
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"
