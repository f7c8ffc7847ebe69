"""Our own checks of converted outputs, on top of Arelle's validation and the JSON Schema.

Each check is a function over ``FactRecord``s (read by ``validate``) that returns ``Message``s
with a stable ``legacy2xbrl:`` code:

    balance_sheet        legacy2xbrl:balanceSheetDoesNotBalance     Assets = Liabilities and equity
    calculations         legacy2xbrl:calculationDoesNotFoot         each Calc 1.1 total adds up
    duplicate_facts      legacy2xbrl:inconsistentDuplicateFacts     same fact, different values
    provenance           legacy2xbrl:numericFactHidden, factWithoutId
    problems_file        legacy2xbrl:problemsFileMissing, problemsFileInvalid
    same_facts           legacy2xbrl:jsonFactValueDiffers, jsonFactMissing, jsonFactNotInInlineXbrl

Numbers are compared as Calculations 1.1 does (round to nearest): a fact with ``decimals`` d
stands for the interval value +/- 10**-d / 2, and two amounts agree when their intervals meet.
``validate_output`` runs Arelle once per converted filing and every check that applies.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from .errors import ConverterError, ValidationFailed
from .read_filing import stem_of
from .render import check_json
from .validate import CalcArc, FactRecord, InstanceData, Message, ValidationReport, inspect_ixbrl, read_json_report

PREFIX = "legacy2xbrl:"
_US_GAAP = "http://fasb.org/us-gaap/"
_ASSETS, _LIABILITIES_AND_EQUITY = "Assets", "LiabilitiesAndStockholdersEquity"
Interval = tuple[Decimal, Decimal]


def message(level: str, code: str, text: str, refs: Iterable[str] = ()) -> Message:
    return Message(level, PREFIX + code, text, tuple(refs))


def _ref(where: str, fact: FactRecord) -> str:
    return f"{where}#{fact.id}"


def _amount(value: Decimal) -> str:
    return f"{value:,}"


# --- numbers as intervals ---------------------------------------------------------------------

def interval(fact: FactRecord) -> Interval:
    value = Decimal(fact.value)
    if fact.decimals is None:
        return value, value
    half = Decimal(10) ** -fact.decimals / 2
    return value - half, value + half


def _numbers(facts: Iterable[FactRecord]) -> dict[tuple, list[FactRecord]]:
    """Non-nil numeric facts with a context, grouped by their duplicate key."""
    groups: dict[tuple, list[FactRecord]] = defaultdict(list)
    for fact in facts:
        if fact.numeric and fact.value is not None and fact.period:
            groups[fact.key].append(fact)
    return groups


def _meet(intervals: Iterable[Interval]) -> Interval | None:
    """The intersection of intervals; None when they do not all meet."""
    low, high = None, None
    for lo, hi in intervals:
        low = lo if low is None else max(low, lo)
        high = hi if high is None else min(high, hi)
    return None if low is None or low > high else (low, high)


def _bind(facts: Iterable[FactRecord]) -> dict[tuple, Interval | None]:
    """Duplicate key -> the interval all its facts agree on (None: inconsistent duplicates)."""
    return {key: _meet(interval(f) for f in group) for key, group in _numbers(facts).items()}


def _local(concept: str) -> tuple[str, str]:
    namespace, _, local = concept[1:].partition("}")
    return namespace, local


# --- the checks -------------------------------------------------------------------------------

def duplicate_facts(facts: Iterable[FactRecord], where: str) -> list[Message]:
    """Facts with the same concept, entity, period and unit must carry the same value."""
    out = []
    groups: dict[tuple, list[FactRecord]] = defaultdict(list)
    for fact in facts:
        if fact.period:
            groups[fact.key].append(fact)
    for group in groups.values():
        if len(group) < 2:
            continue
        values = [f for f in group if f.value is not None]
        if group[0].numeric:
            consistent = _meet(interval(f) for f in values) is not None if values else True
        else:
            consistent = len({" ".join(f.value.split()) for f in values}) <= 1
        if not consistent:
            shown = ", ".join(f"{f.value} ({f.id})" for f in group)
            out.append(message("error", "inconsistentDuplicateFacts",
                               f"{group[0].label}: the same fact is reported with different values: {shown}",
                               [_ref(where, f) for f in group]))
    return out


def balance_sheet(facts: Iterable[FactRecord], where: str) -> list[Message]:
    """Assets = LiabilitiesAndStockholdersEquity for every instant where both are reported."""
    facts = tuple(facts)
    bound = _bind(facts)
    out = []
    for key, assets in bound.items():
        namespace, local = _local(key[0])
        if local != _ASSETS or not namespace.startswith(_US_GAAP):
            continue
        other_key = (f"{{{namespace}}}{_LIABILITIES_AND_EQUITY}",) + key[1:]
        other = bound.get(other_key)
        if assets is None or other is None or _meet((assets, other)) is not None:
            continue
        involved = [f for f in facts if f.key in (key, other_key)]
        a = next(f for f in involved if f.key == key)
        b = next(f for f in involved if f.key == other_key)
        out.append(message("error", "balanceSheetDoesNotBalance",
                           f"{a.label}: total assets {_amount(Decimal(a.value))} differ from total liabilities "
                           f"and stockholders' equity {_amount(Decimal(b.value))} beyond their rounding",
                           [_ref(where, f) for f in involved]))
    return out


def calculations(facts: Iterable[FactRecord], arcs: Iterable[CalcArc], where: str) -> list[Message]:
    """Each calculation total foots: its items, weighted, add up to it within the facts' decimals."""
    facts = tuple(facts)
    bound = _bind(facts)
    by_key = _numbers(facts)
    trees: dict[tuple[str, str], list[CalcArc]] = defaultdict(list)
    for arc in arcs:
        trees[(arc.role, arc.total)].append(arc)
    keys_of: dict[str, list[tuple]] = defaultdict(list)
    for key in bound:
        keys_of[key[0]].append(key)
    out = []
    for (role, total), items in trees.items():
        for key in keys_of.get(total, ()):
            reported = bound[key]
            if reported is None:
                continue
            computed = _sum_items(bound, key, items)
            if computed is None or _meet((reported, computed)) is not None:
                continue
            fact = by_key[key][0]
            item_facts = [f for arc in items for f in by_key.get((arc.item,) + key[1:], ())]
            out.append(message("error", "calculationDoesNotFoot",
                               f"{fact.label}: the total {_amount(Decimal(fact.value))} does not equal the sum of its "
                               f"items, {_range(computed)} (calculation role {role})",
                               [_ref(where, f) for f in by_key[key] + item_facts]))
    return out


def _sum_items(bound: dict[tuple, Interval | None], key: tuple, items: list[CalcArc]) -> Interval | None:
    """The interval of the weighted items present for ``key``; None when none is or one conflicts."""
    low = high = Decimal(0)
    present = False
    for arc in items:
        item_key = (arc.item,) + key[1:]
        if item_key not in bound:
            continue
        value = bound[item_key]
        if value is None:
            return None  # inconsistent duplicates: reported by duplicate_facts, not here
        ends = sorted((value[0] * arc.weight, value[1] * arc.weight))
        low, high, present = low + ends[0], high + ends[1], True
    return (low, high) if present else None


def _range(value: Interval) -> str:
    low, high = value
    middle = (low + high) / 2
    return _amount(middle) if low == high else f"{_amount(middle)} (+/- {_amount((high - low) / 2)})"


def provenance(facts: Iterable[FactRecord], where: str) -> list[Message]:
    """Every number stands in the visible text it came from: an id, and not in ix:hidden."""
    out = []
    for fact in facts:
        if fact.numeric and fact.hidden:
            out.append(message("error", "numericFactHidden",
                               f"{fact.label}: a number is hidden (ix:hidden) instead of tagged where it is printed",
                               [_ref(where, fact)]))
        if not fact.id:
            out.append(message("error", "factWithoutId",
                               f"{fact.label} = {fact.value}: the fact has no id; the JSON cannot point back to it"))
    return out


def problems_file(path: Path) -> list[Message]:
    """``<stem>.problems.json`` exists beside the outputs and matches schemas/problems.schema.json."""
    if not path.is_file():
        return [message("error", "problemsFileMissing", f"{path.name} is missing: the conversion's doubts are lost")]
    try:
        check_json(json.loads(path.read_text(encoding="utf-8")), "problems.schema.json", path.name)
    except (OSError, ValueError, ConverterError) as exc:
        return [message("error", "problemsFileInvalid", str(exc), [path.name])]
    return []


def same_facts(ixbrl: Iterable[FactRecord], jsonf: Iterable[FactRecord], ix_name: str,
               json_name: str) -> list[Message]:
    """The xBRL-JSON carries exactly the iXBRL's facts (concept, entity, period, unit, value, decimals)."""
    def signature(f: FactRecord) -> tuple:
        return f.key + (f.value if f.numeric or f.value is None else " ".join(f.value.split()), f.decimals)

    ix_facts, js_facts = tuple(ixbrl), tuple(jsonf)
    only_ix = Counter(map(signature, ix_facts)) - Counter(map(signature, js_facts))
    only_js = Counter(map(signature, js_facts)) - Counter(map(signature, ix_facts))
    ix_by_sig = _by_signature(ix_facts, signature)
    js_by_sig = _by_signature(js_facts, signature)
    out = []
    unmatched_js = list(only_js.elements())
    for sig in only_ix.elements():
        ix_fact = ix_by_sig[sig].pop()
        twin = next((s for s in unmatched_js if s[:5] == sig[:5]), None)
        if twin is None:
            out.append(message("error", "jsonFactMissing", f"{ix_fact.label} = {ix_fact.value}: in {ix_name} "
                               f"but not in {json_name}", [_ref(ix_name, ix_fact)]))
            continue
        unmatched_js.remove(twin)
        js_fact = js_by_sig[twin].pop()
        out.append(message("error", "jsonFactValueDiffers",
                           f"{ix_fact.label}: {json_name} has {js_fact.value} (decimals {js_fact.decimals}), "
                           f"{ix_name} has {ix_fact.value} (decimals {ix_fact.decimals})",
                           [_ref(json_name, js_fact), _ref(ix_name, ix_fact)]))
    for sig in unmatched_js:
        js_fact = js_by_sig[sig].pop()
        out.append(message("error", "jsonFactNotInInlineXbrl", f"{js_fact.label} = {js_fact.value}: in {json_name} "
                           f"but not in {ix_name}, so it has no source", [_ref(json_name, js_fact)]))
    return out


def _by_signature(facts: tuple[FactRecord, ...], signature) -> dict[tuple, list[FactRecord]]:
    out: dict[tuple, list[FactRecord]] = defaultdict(list)
    for fact in reversed(facts):  # pop() then yields them in document order
        out[signature(fact)].append(fact)
    return out


# --- one converted filing ---------------------------------------------------------------------

@dataclass(frozen=True)
class Output:
    """The files of one converted filing: ``<stem>.xhtml`` and ``<stem>.json`` and which to report."""

    ixbrl: Path | None
    json: Path | None
    report_ixbrl: bool = True
    report_json: bool = True

    @property
    def stem(self) -> str:
        path = self.ixbrl or self.json
        return stem_of(path) if path else ""


def validate_output(output: Output, packages: list[str] | None = None) -> list[ValidationReport]:
    """Validate one filing's outputs: one Arelle run for the iXBRL, the checks on both files."""
    reports = []
    data = None
    if output.ixbrl is not None:
        try:
            ix_report, data = inspect_ixbrl(output.ixbrl, packages)
        except ValidationFailed as exc:
            ix_report = ValidationReport(str(output.ixbrl), 0, (message("error", "arelleFailed", str(exc)),), False)
        if output.report_ixbrl:
            reports.append(_with(ix_report, ixbrl_checks(output, data, ix_report.taxonomy_loaded)))
    if output.json is not None and output.report_json:
        reports.append(json_checks(output, data))
    return reports


def ixbrl_checks(output: Output, data: InstanceData, loaded: bool) -> list[Message]:
    where = output.ixbrl.name
    out = problems_file(output.ixbrl.with_name(f"{output.stem}.problems.json"))
    if output.json is None:
        out.append(message("warning", "jsonMissing", f"no {output.stem}.json beside {where}"))
    if not loaded:
        return out  # facts whose concepts did not load cannot be added up or compared
    out += provenance(data.facts, where)
    out += duplicate_facts(data.facts, where)
    out += balance_sheet(data.facts, where)
    out += calculations(data.facts, data.calc_arcs, where)
    return out


def json_checks(output: Output, data: InstanceData | None) -> ValidationReport:
    report, facts = read_json_report(output.json)
    if not report.ok:
        return report
    where = output.json.name
    if output.ixbrl is None:
        extra = [message("error", "inlineXbrlMissing", f"no {output.stem}.xhtml beside {where}: its facts have "
                         f"no source to check against")]
        extra += duplicate_facts(facts, where) + balance_sheet(facts, where)
    elif data is None or not data.loaded:
        extra = [message("error", "inlineXbrlNotLoaded", f"{output.ixbrl.name} could not be loaded with its "
                         f"taxonomy: the facts of {where} were not compared with it")]
    else:
        extra = same_facts(data.facts, facts, output.ixbrl.name, where)
    return _with(report, extra)


def _with(report: ValidationReport, messages: list[Message]) -> ValidationReport:
    return replace(report, messages=report.messages + tuple(messages))
