"""Stage 8: outputs -> ``ValidationReport``: Arelle in-process and offline, plus JSON Schema.

Arelle runs with the shipped taxonomy package (or a user's official package), Calculations 1.1
(``calcs="c11r"``), UTR checks and inconsistent-duplicate checks switched on. ``run()`` returns
True even when errors were logged, so the verdict comes from the messages' levels; a run whose
taxonomy could not be loaded (IOerror, missing references, a package that does not load, facts
whose concepts are unknown) is an error. One Arelle Session at a time per process, a fresh one
per document.

``inspect_ixbrl`` also reads, in the same Arelle run, every fact (as a ``FactRecord``) and the
extension's Calculations 1.1 arcs (``CalcArc``); ``json_fact_records`` reads our xBRL-JSON into
the same records, so ``checks`` can compare the two and re-add the tables without Arelle.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .errors import ConverterError, ValidationFailed
from .render import check_json
from .taxonomy_package import package_zip

_TAXONOMY_NOT_LOADED = ("IOerror", "ix11.12.1.2:missingReferences", "xbrl.5.1.1:schemaImportMissing",
                        "xmlSchema:elementUnexpected", "ix11.10.1.1:unknownConcept", "xbrl:schemaDefinitionMissing",
                        "arelle:packageLoadingError")
_TAXONOMY_PACKAGE_ERRORS = "tpe:"
_IX_NS = "http://www.xbrl.org/2013/inlineXBRL"
_HIDDEN_TAGS = (f"{{{_IX_NS}}}hidden", f"{{{_IX_NS}}}header")
_SUMMATION_ITEM_11 = "https://xbrl.org/2023/arcrole/summation-item"
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Message:
    level: str  # error | warning | info
    code: str
    text: str
    refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class ValidationReport:
    path: str
    facts: int
    messages: tuple[Message, ...] = field(default=())
    taxonomy_loaded: bool = True

    @property
    def errors(self) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if m.level == "error")

    @property
    def warnings(self) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if m.level == "warning")

    @property
    def ok(self) -> bool:
        return self.taxonomy_loaded and not self.errors

    def summary(self) -> str:
        return f"{self.facts} facts, {len(self.errors)} errors, {len(self.warnings)} warnings"


@dataclass(frozen=True)
class FactRecord:
    """One fact in comparable form: Clark-notation names, xBRL-JSON periods, canonical numbers."""

    id: str
    concept: str  # {namespace}localName
    entity: str  # {scheme}identifier; "" when the fact has no context
    period: str  # "2003-11-30T00:00:00" or "start/end", as xBRL-JSON writes them; "" without a context
    unit: str | None = None  # "{ns}USD" or "{ns}USD/{ns}shares"; None for non-numeric facts
    value: str | None = None  # canonical decimal text for numbers; None when nil
    decimals: int | None = None  # None: INF or not numeric
    numeric: bool = False
    hidden: bool = False  # inside ix:hidden / ix:header
    dims: str = ""  # dimension=member pairs, sorted; our outputs have none
    name: str = field(default="", compare=False)  # prefixed QName for messages
    context: str = field(default="", compare=False)  # context id (iXBRL) for messages

    def __repr__(self) -> str:
        return f"<FactRecord {self.id} {self.name or self.concept} {self.period} {self.value}>"

    @property
    def key(self) -> tuple:
        """What makes two facts duplicates: concept, entity, period, unit and dimensions."""
        return (self.concept, self.entity, self.period, self.unit, self.dims)

    @property
    def label(self) -> str:
        return f"{self.name or self.concept} {self.context or self.period}"


@dataclass(frozen=True)
class CalcArc:
    """A Calculations 1.1 summation-item relationship of the extension taxonomy."""

    role: str
    total: str  # {namespace}localName
    item: str
    weight: Decimal
    total_name: str = field(default="", compare=False)


@dataclass(frozen=True)
class InstanceData:
    facts: tuple[FactRecord, ...] = ()
    calc_arcs: tuple[CalcArc, ...] = ()
    loaded: bool = True  # Arelle loaded the document and found every fact's concept


def _level(name: str) -> str:
    name = (name or "").upper()
    if name in ("ERROR", "CRITICAL", "FATAL", "ERROR-SEMANTIC", "INCONSISTENCY"):
        return "error"
    if name in ("WARNING", "WARN"):
        return "warning"
    return "info"


def _session(entry: Path, packages: list[str] | None, plugins: str | None = None,
             plugin_options: dict | None = None, inspect: Callable | None = None) -> tuple[list[dict], int, object]:
    """One Arelle run; ``inspect(models)`` reads the loaded models before the session closes."""
    try:
        from arelle.api.Session import Session
        from arelle.RuntimeOptions import RuntimeOptions
    except ImportError as exc:  # pragma: no cover - arelle-release is a dependency
        raise ValidationFailed(f"Arelle is not installed: {exc}") from exc
    options = dict(entrypointFile=str(entry), validate=True, internetConnectivity="offline", calcs="c11r",
                   utrValidate=True, validateDuplicateFacts="inconsistent", keepOpen=True,
                   logFile="logToStructuredMessage", logPropagate=False,
                   packages=packages if packages is not None else [str(package_zip())])
    if plugins:
        options["plugins"] = plugins
    with _LOCK:
        try:
            runtime = RuntimeOptions(pluginOptions=plugin_options, **options)
            with Session() as session:
                session.run(runtime)
                messages = list(session.get_log_messages())
                models = list(session.get_models())
                facts = sum(len(model.facts) for model in models)
                inspected = inspect(models) if inspect else None
        except ConverterError:
            raise
        except Exception as exc:  # noqa: BLE001 - Arelle raises many kinds; wrap them all
            raise ValidationFailed(f"Arelle could not run: {type(exc).__name__}: {exc}", path=str(entry)) from exc
    return messages, facts, inspected


def run_arelle(entry: Path, packages: list[str] | None = None, plugins: str | None = None,
               plugin_options: dict | None = None) -> tuple[list[dict], int]:
    """Run Arelle on ``entry``; return its structured messages and the number of facts loaded."""
    messages, facts, _ = _session(entry, packages, plugins, plugin_options)
    return messages, facts


def _report(entry: Path, raw: list[dict], facts: int, loaded: bool = True) -> ValidationReport:
    messages, causes = [], []
    for item in raw:
        level = _level(item.get("levelname", ""))
        code = str(item.get("messageCode", ""))
        if level == "info":
            continue
        refs = tuple(str(r.get("href", "")) for r in item.get("refs", []) if isinstance(r, dict) and r.get("href"))
        messages.append(Message(level, code, str(item.get("msg", "")), refs))
        if code in _TAXONOMY_NOT_LOADED or code.startswith(_TAXONOMY_PACKAGE_ERRORS):
            loaded = False
            causes.append(f"{code}: {' '.join(str(item.get('msg', '')).split())[:300]}")
    if not loaded:
        cause = f" ({causes[0]})" if causes else ""
        messages.append(Message("error", "legacy2xbrl:taxonomyNotLoaded",
                                f"the document or its taxonomy could not be loaded offline{cause}: this is not a pass"))
    return ValidationReport(str(entry), facts, tuple(messages), loaded)


def validate_ixbrl(entry: Path, packages: list[str] | None = None) -> ValidationReport:
    return inspect_ixbrl(entry, packages)[0]


def inspect_ixbrl(entry: Path, packages: list[str] | None = None) -> tuple[ValidationReport, InstanceData]:
    """Arelle's validation of an Inline XBRL document, plus its facts and calculation arcs."""
    raw, facts, data = _session(entry, packages, inspect=_instance_data)
    data = data if isinstance(data, InstanceData) else InstanceData(loaded=False)
    return _report(entry, raw, facts, data.loaded), data


# --- reading Arelle's model -------------------------------------------------------------------

def _instance_data(models: list) -> InstanceData:
    model = models[0] if models else None
    if model is None or getattr(model, "modelDocument", None) is None:
        return InstanceData(loaded=False)
    records = tuple(_arelle_fact(f) for f in model.facts)
    loaded = all(f.concept is not None for f in model.facts)
    return InstanceData(records, _calc_arcs(model), loaded)


def _arelle_period(context) -> str:
    if context.isInstantPeriod:
        return _oim_datetime(context.instantDatetime)
    if context.isStartEndPeriod:
        return f"{_oim_datetime(context.startDatetime)}/{_oim_datetime(context.endDatetime)}"
    return "forever"


def _oim_datetime(value) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%S") if value is not None else ""


def _arelle_unit(unit) -> str | None:
    if unit is None:
        return None
    numerators, denominators = unit.measures
    text = "*".join(sorted(q.clarkNotation for q in numerators))
    if denominators:
        text += "/" + "*".join(sorted(q.clarkNotation for q in denominators))
    return text


def _arelle_fact(fact) -> FactRecord:
    context = fact.context
    numeric = bool(fact.isNumeric)
    entity = period = dims = ""
    if context is not None:
        scheme, identifier = context.entityIdentifier
        entity, period = f"{{{scheme}}}{identifier}", _arelle_period(context)
        dims = ",".join(sorted(f"{d.clarkNotation}={getattr(v, 'memberQname', v)}"
                               for d, v in context.qnameDims.items()))
    if fact.isNil:
        value = None
    elif numeric:
        value = canonical_number(fact.xValue if fact.xValue is not None else fact.value)
    else:
        value = str(fact.value)
    hidden = any(a.tag in _HIDDEN_TAGS for a in fact.iterancestors())
    return FactRecord(id=fact.id or "", concept=fact.qname.clarkNotation if fact.qname is not None else "",
                      entity=entity, period=period, unit=_arelle_unit(fact.unit) if numeric else None,
                      value=value, decimals=parse_decimals(fact.decimals) if numeric else None,
                      numeric=numeric, hidden=hidden, dims=dims, name=str(fact.qname),
                      context=fact.contextID or "")


def _calc_arcs(model) -> tuple[CalcArc, ...]:
    arcs = []
    for rel in model.relationshipSet(_SUMMATION_ITEM_11).modelRelationships:
        total, item = rel.fromModelObject, rel.toModelObject
        if total is None or item is None or total.qname is None or item.qname is None:
            continue
        weight = rel.weightDecimal if rel.weightDecimal is not None else Decimal(str(rel.weight))
        arcs.append(CalcArc(rel.linkrole, total.qname.clarkNotation, item.qname.clarkNotation, weight,
                            str(total.qname)))
    return tuple(arcs)


def canonical_number(value) -> str | None:
    """``Decimal`` text without exponent or trailing zeros ("7524000", "-0.12"); None if not a number."""
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite():
        return None
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def parse_decimals(value) -> int | None:
    if value is None or str(value).strip().upper() in ("", "INF"):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None


# --- our xBRL-JSON ----------------------------------------------------------------------------

def validate_json_file(path: Path) -> ValidationReport:
    """JSON Schema check of an xBRL-JSON file written by us."""
    return read_json_report(path)[0]


def read_json_report(path: Path) -> tuple[ValidationReport, tuple[FactRecord, ...]]:
    """Schema check of our xBRL-JSON and its facts as records (none when it does not read)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return ValidationReport(str(path), 0, (Message("error", "json:unreadable", str(exc)),)), ()
    facts = data.get("facts") if isinstance(data, dict) else None
    count = len(facts) if isinstance(facts, dict) else 0
    try:
        check_json(data, "xbrl-json.schema.json", str(path))
    except ConverterError as exc:  # RenderError from check_json
        return ValidationReport(str(path), count, (Message("error", "json:schema", str(exc)),)), ()
    return ValidationReport(str(path), count), json_fact_records(data)


def json_fact_records(data: dict) -> tuple[FactRecord, ...]:
    """Facts of a schema-valid xBRL-JSON report in the same form as Arelle's (prefixes resolved)."""
    namespaces = data["documentInfo"]["namespaces"]

    def clark(qname: str) -> str:
        prefix, _, local = qname.partition(":")
        return f"{{{namespaces.get(prefix, prefix)}}}{local}"

    def unit(text: str | None) -> str | None:
        if text is None:
            return None
        parts = [("*".join(sorted(clark(m) for m in side.split("*")))) for side in text.split("/")]
        return "/".join(parts)

    records = []
    for fact_id, fact in data["facts"].items():
        dims = fact["dimensions"]
        numeric = "unit" in dims or "decimals" in fact
        value = fact.get("value")
        records.append(FactRecord(
            id=fact_id, concept=clark(dims["concept"]), entity=clark(dims["entity"]), period=dims["period"],
            unit=unit(dims.get("unit")), numeric=numeric, decimals=fact.get("decimals") if numeric else None,
            value=(canonical_number(value) if numeric else value) if value is not None else None,
            name=dims["concept"]))
    return tuple(records)


def arelle_oim_json(entry: Path, out: Path, packages: list[str] | None = None) -> dict:
    """Arelle's own xBRL-JSON conversion of an (inline) XBRL document."""
    run_arelle(entry, packages, plugins="saveLoadableOIM", plugin_options={"saveLoadableOIM": str(out)})
    try:
        return json.loads(out.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationFailed(f"Arelle wrote no xBRL-JSON: {exc}", path=str(entry)) from exc
