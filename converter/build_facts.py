"""Stage 6: mapped tables + cover -> ``Report``: contexts, units, facts, extensions, linkbase arcs.

Entity: the CIK under ``http://www.sec.gov/CIK`` when the filing has one; otherwise the
registrant's name, upper-cased with runs of other characters as "-", under ``NO_CIK_SCHEME``
(see docs/entity-identifier.md). Values are ``Decimal`` in full units with the XBRL sign.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal

from . import concepts as C
from .captions import caption_figures
from .find_tables import CONTINUED
from .periods import add_months
from .records import (
    Amount,
    CalcArc,
    Concept,
    Context,
    CoverFacts,
    Fact,
    MappedTable,
    Period,
    PresentationArc,
    Problem,
    RawCell,
    Report,
    RoleDef,
    TextFact,
    Unit,
)

CIK_SCHEME = "http://www.sec.gov/CIK"
NO_CIK_SCHEME = "urn:legacy2xbrl:registrant-name"
EXT_BASE = "http://legacy2xbrl.invalid"
TAGGED_STATEMENTS = ("balance", "income", "cashflow")
UNITS = {
    C.MONETARY: Unit("usd", "iso4217:USD"),
    C.SHARES: Unit("shares", "xbrli:shares"),
    C.PER_SHARE: Unit("usdPerShare", "iso4217:USD", "xbrli:shares"),
}
_DEI_ORDER = ("DocumentType", "DocumentPeriodEndDate", "EntityRegistrantName", "EntityCentralIndexKey",
              "EntityFileNumber", "EntityTaxIdentificationNumber", "EntityIncorporationStateCountryCode")


def entity(cover: CoverFacts) -> tuple[str, str]:
    if cover.cik:
        return CIK_SCHEME, cover.cik
    name = cover.get("EntityRegistrantName") or cover.get("EntityFileNumber") or "UNKNOWN"
    return NO_CIK_SCHEME, re.sub(r"[^A-Z0-9]+", "-", name.upper()).strip("-") or "UNKNOWN"


def extension_prefix(cover: CoverFacts) -> str:
    name = (cover.get("EntityRegistrantName") or "").lower()
    words = [w for w in re.findall(r"[a-z]+", name) if w not in ("the", "inc", "corp", "co", "company")]
    prefix = (words[0] if words else "ext")[:12]
    return prefix if prefix not in ("xbrli", "xbrl", "link", "xlink", "dei", "ix", "ixt", "iso", "xml") else "ext"


class _Builder:
    def __init__(self, stem: str, cover: CoverFacts) -> None:
        self.stem = stem
        self.scheme, self.entity_id = entity(cover)
        self.prefix = extension_prefix(cover)
        slug = self.entity_id.lower() if self.scheme == CIK_SCHEME else self.entity_id.lower()[:40]
        self.namespace = f"{EXT_BASE}/{slug}/{re.sub(r'[^A-Za-z0-9._-]+', '-', stem)}"
        self.contexts: dict[tuple, Context] = {}
        self.units: dict[str, Unit] = {}
        self.facts: list[Fact] = []
        self.extensions: dict[tuple, Concept] = {}
        self.ext_names: set[str] = set()
        self.problems: list[Problem] = []
        self.seen: dict[tuple, Fact] = {}
        self.ext_values: dict[str, dict] = {}
        self.ext_lines: dict[str, tuple[str, Concept, dict]] = {}  # qname -> (statement, concept, figures)

    def context(self, period: Period) -> str:
        key = (period.start, period.end)
        if key not in self.contexts:
            if period.is_instant:
                cid = f"i{period.end:%Y%m%d}"
            else:
                cid = f"d{period.start:%Y%m%d}_{period.end:%Y%m%d}"
            self.contexts[key] = Context(cid, self.scheme, self.entity_id, period)
        return self.contexts[key].id

    def unit(self, concept: Concept, currency: str = "USD") -> str:
        unit = UNITS[concept.type]
        if currency != "USD" and unit.measure == "iso4217:USD":
            code = currency.lower()
            unit = Unit(code + ("PerShare" if unit.denominator else ""), f"iso4217:{currency}", unit.denominator)
        self.units.setdefault(unit.id, unit)
        return unit.id

    def extension(self, concept: Concept, where: str) -> Concept:
        """The extension concept for ``where`` (a heading, or a line's place); made once."""
        key = (re.sub(r"\W+", " ", concept.label.lower()).strip(), concept.name, concept.type,
               concept.period_type, concept.balance, where)
        if key not in self.extensions:
            name = C.extension_name(concept.name or concept.label, self.ext_names)
            self.extensions[key] = replace(concept, prefix=self.prefix, name=name, namespace=self.namespace)
        return self.extensions[key]

    def line_extension(self, concept: Concept, where: str, values: dict) -> tuple[Concept, int]:
        """A company line's concept and the sign its printed figures take under it.

        The same printed line in another copy of the statement (a 10-K and its EX-13) shares
        the concept, unless their figures differ somewhere. A line of another statement with
        the same caption shares it too when their common periods carry the same non-zero
        figures, or all the negated ones (a gain in the income statement that the cash-flow
        statement deducts), as filers tag one quantity with one concept.
        """
        for variant in range(1000):
            key = f"{where}#{variant}"
            known = self.ext_values.get(key)
            if known is None:
                shared = self._shared_line(concept, where, values)
                if shared is not None:
                    return shared
            if known is None or all(known.get(k, v) == v for k, v in values.items()):
                self.ext_values.setdefault(key, {}).update(values)
                extension = self.extension(concept, key)
                self.ext_lines.setdefault(extension.qname, (where.split(":")[0], extension, self.ext_values[key]))
                return extension, 1
        raise AssertionError("unreachable: a line cannot conflict with a thousand others")

    def _shared_line(self, concept: Concept, where: str, values: dict) -> tuple[Concept, int] | None:
        caption = re.sub(r"\W+", " ", concept.label.lower()).strip()
        for statement, extension, known in self.ext_lines.values():
            if statement == where.split(":")[0] or extension.type != concept.type \
                    or extension.period_type != concept.period_type \
                    or re.sub(r"\W+", " ", extension.label.lower()).strip() != caption:
                continue
            common = [k for k in values if k in known]
            if not any(values[k] for k in common):
                continue
            for flip in (1, -1):
                balance = concept.balance if flip == 1 or not concept.balance else _OPPOSITE[concept.balance]
                if all(known[k] == flip * values[k] for k in common) \
                        and (balance == extension.balance or not balance or not extension.balance):
                    known.update({k: flip * v for k, v in values.items()})
                    return extension, flip
        return None


_OPPOSITE = {"debit": "credit", "credit": "debit"}


def build_report(stem: str, cover: CoverFacts, tables: list[MappedTable],
                 problems: list[Problem] = ()) -> Report:
    b = _Builder(stem, cover)
    b.problems.extend(problems)
    calc_arcs: list[CalcArc] = []
    pres_arcs: list[PresentationArc] = []
    roles: list[RoleDef] = []
    labels: dict[str, str] = {}
    for t_index, mapped in enumerate(tables):
        table = mapped.statement
        if table.statement not in TAGGED_STATEMENTS:
            continue
        role = RoleDef(f"r{t_index + 1}", f"{EXT_BASE}/role/{table.statement}{t_index + 1}",
                       f"{t_index + 1:02d} - Statement - {table.title or table.statement}")
        concepts_by_row, flips = {}, {}
        for m in mapped.rows:
            concept, flips[m.row] = _line_concept(b, table, m)
            m = replace(m, sign=m.sign * flips[m.row])
            concepts_by_row[m.row] = concept
            labels.setdefault(concept.qname, table.rows[m.row].label or concept.label)
            _row_facts(b, table, m, concept, t_index)
        _caption_facts(b, table, t_index)
        if not concepts_by_row:
            continue
        roles.append(role)
        pres_arcs.extend(_presentation(b, role, table, concepts_by_row))
        calc_arcs.extend(_calculation(role, mapped, concepts_by_row, flips))
    calc_arcs = _consistent_calcs(b, calc_arcs)
    text_facts = _dei_facts(b, cover, tables)
    contexts = tuple(sorted(b.contexts.values(), key=lambda c: c.id))
    return Report(
        stem=stem, entity_scheme=b.scheme, entity_id=b.entity_id, contexts=contexts,
        units=tuple(sorted(b.units.values(), key=lambda u: u.id)), facts=tuple(b.facts),
        text_facts=tuple(text_facts), extensions=tuple(b.extensions.values()),
        calc_arcs=tuple(calc_arcs), presentation_arcs=tuple(pres_arcs), roles=tuple(roles),
        labels=tuple(sorted(labels.items())), extension_namespace=b.namespace,
        extension_prefix=b.prefix, problems=tuple(b.problems))


def _line_concept(b: _Builder, table, m) -> tuple[Concept, int]:
    """The row's concept and the factor (1 or -1) its solved sign takes under that concept."""
    if not m.concept.is_extension:
        return m.concept, 1
    row = table.rows[m.row]
    values = {}
    for column in table.columns:
        amount = row.values[column.index]
        period = fact_period(m.concept, column.period, row.label) if column.period and amount else None
        if period is not None:
            values[(period.start, period.end)] = amount.value * m.sign * Decimal(10) ** row.scale
    where = f"{table.statement}:{'/'.join(row.section)}"
    return b.line_extension(m.concept, where, values)


def fact_period(concept: Concept, column_period: Period, label: str) -> Period | None:
    if concept.period_type == "duration":
        return None if column_period.is_instant else column_period
    if column_period.is_instant:
        return column_period
    if re.search(r"beginning|start of", label, re.I):
        return Period(end=column_period.start - dt.timedelta(days=1))
    return Period(end=column_period.end)


def _row_facts(b: _Builder, table, m, concept: Concept, t_index: int) -> None:
    row = table.rows[m.row]
    for column in table.columns:
        amount = row.values[column.index]
        if column.period is None or amount is None:
            continue
        period = fact_period(concept, column.period, row.label)
        if period is None:
            b.problems.append(Problem("warning", "facts.period_type",
                                      f"{concept.qname} is a duration concept in an instant column; not tagged",
                                      amount.raw.span))
            continue
        fact = _fact(b, concept, amount, row.scale, m.sign, period, m.confidence, t_index, m.row, table.currency)
        key = (concept.qname, fact.context, fact.unit)
        previous = b.seen.get(key)
        if previous is not None and previous.value != fact.value:
            b.problems.append(Problem("warning", "facts.inconsistent_duplicate",
                                      f"{concept.qname} {fact.context} is {previous.value} at line "
                                      f"{previous.source.line} but {fact.value} here; this one is not tagged",
                                      amount.raw.span))
            continue
        b.seen.setdefault(key, fact)
        b.facts.append(fact)


def _caption_facts(b: _Builder, table, t_index: int) -> None:
    """Parenthetical figures printed in row captions (allowance, shares issued, treasury shares)."""
    for figure in caption_figures(table):
        column = table.columns[figure.column]
        amount = Amount(figure.value, figure.decimals, False, RawCell(figure.span.text, figure.span))
        fact = _fact(b, C.get(figure.concept), amount, figure.scale, 1, column.period, 0.8, t_index, figure.row,
                     table.currency)
        key = (fact.concept.qname, fact.context, fact.unit)
        if key in b.seen and b.seen[key].value != fact.value:
            continue
        b.seen.setdefault(key, fact)
        b.facts.append(fact)


def _fact(b: _Builder, concept: Concept, amount: Amount, scale: int, sign: int, period: Period,
          confidence: float, t_index: int, row: int, currency: str = "USD") -> Fact:
    value = amount.value * sign * Decimal(10) ** scale
    value = abs(value) if value == 0 else value  # no "-0"
    fmt = "fixed-zero" if amount.dash else "num-dot-decimal"
    return Fact(id=f"f{len(b.facts) + 1}", concept=concept, context=b.context(period), unit=b.unit(concept, currency),
                value=value, decimals=amount.decimals - scale, source=amount.raw.span, scale=scale,
                negated=value < 0, format=fmt, confidence=confidence, table=t_index, row=row)


_STATEMENT_NAMES = {"balance": "BalanceSheet", "income": "IncomeStatement", "cashflow": "CashFlowStatement"}


def _abstract(b: _Builder, name: str, label: str, where: str) -> str:
    heading = Concept(prefix="ext", name=name, namespace="", type="xbrli:stringItemType",
                      period_type="duration", label=label, abstract=True)
    return b.extension(heading, where).qname


def _presentation(b: _Builder, role: RoleDef, table, concepts_by_row) -> list[PresentationArc]:
    """Rows in printed order, nested under abstract headings for the table and its sections
    ("Current assets:"), so viewers show the statement as it was printed."""
    root = _abstract(b, f"{_STATEMENT_NAMES[table.statement]}Abstract", table.title or role.definition,
                     f"{table.statement}:{role.id}")
    headings: dict[tuple[str, ...], str] = {(): root}
    arcs: list[PresentationArc] = []
    placed: set[tuple[str, str]] = set()
    orders: dict[str, int] = {}

    def attach(parent: str, child: str) -> None:
        if (parent, child) in placed or parent == child:
            return
        placed.add((parent, child))
        orders[parent] = orders.get(parent, 0) + 1
        arcs.append(PresentationArc(role.uri, parent, child, orders[parent]))

    for row, concept in sorted(concepts_by_row.items()):
        path = tuple(s for s in table.rows[row].section if s != CONTINUED)
        for depth in range(1, len(path) + 1):
            if path[:depth] not in headings:
                name = C.extension_name(path[depth - 1], set()) + "Abstract"
                headings[path[:depth]] = _abstract(b, name, path[depth - 1], f"{role.id}:{'/'.join(path[:depth])}")
                attach(headings[path[:depth - 1]], headings[path[:depth]])
        attach(headings[path], concept.qname)
    return arcs


def _calculation(role: RoleDef, mapped: MappedTable, concepts_by_row, flips) -> list[CalcArc]:
    arcs = []
    seen = set()
    for order, (total, comp, weight) in enumerate(mapped.weights, start=1):
        weight *= flips.get(total, 1) * flips.get(comp, 1)  # a negated fact takes a negated weight
        parent, child = concepts_by_row.get(total), concepts_by_row.get(comp)
        if parent is None or child is None or parent.qname == child.qname:
            continue
        if parent.period_type != child.period_type or parent.type != C.MONETARY or child.type != C.MONETARY:
            continue
        if (parent.qname, child.qname) in seen:
            continue
        if parent.balance and child.balance and weight != (1 if parent.balance == child.balance else -1):
            continue  # XBRL 2.1 forbids it; the table's arithmetic said otherwise, so leave it out
        seen.add((parent.qname, child.qname))
        arcs.append(CalcArc(role.uri, parent.qname, child.qname, weight, order))
    return arcs


def _interval(fact: Fact) -> tuple[Decimal, Decimal]:
    half = Decimal(5) * Decimal(10) ** (-fact.decimals - 1)
    return fact.value - half, fact.value + half


def _consistent_calcs(b: _Builder, arcs: list[CalcArc]) -> list[CalcArc]:
    """Keep a total's arcs only if every context adds up with the facts Arelle will bind.

    A fact of a component can come from another table (the cash-flow statement's goodwill
    impairment in a year the income statement shows none); Calc 1.1 would then report the
    total as inconsistent. Such a total's arcs are left out and the reason recorded.
    """
    by_key: dict[tuple[str, str, str], Fact] = {}
    for fact in b.facts:
        by_key.setdefault((fact.concept.qname, fact.context, fact.unit), fact)
    groups: dict[tuple[str, str], list[CalcArc]] = {}
    for arc in arcs:
        groups.setdefault((arc.role, arc.parent), []).append(arc)
    kept = []
    for (_role, parent), group in groups.items():
        bad = next((fact for fact in b.facts if fact.concept.qname == parent and
                    not _foots(fact, group, by_key)), None)
        if bad is None:
            kept.extend(group)
            continue
        b.problems.append(Problem("warning", "calc.dropped_inconsistent",
                                  f"{parent} in {bad.context} does not equal its components as reported "
                                  f"elsewhere in the filing; its calculation arcs are left out", bad.source))
    return kept


def _foots(total: Fact, arcs: list[CalcArc], by_key) -> bool:
    low = high = Decimal(0)
    found = False
    for arc in arcs:
        child = by_key.get((arc.child, total.context, total.unit))
        if child is None:
            continue
        found = True
        a, z = _interval(child)
        low, high = (low + arc.weight * a, high + arc.weight * z) if arc.weight > 0 else \
            (low + arc.weight * z, high + arc.weight * a)
    if not found:
        return True
    t_low, t_high = _interval(total)
    return low <= t_high and t_low <= high


def document_period(cover: CoverFacts, tables: list[MappedTable]) -> Period | None:
    end = cover.period_end
    if end is None:
        ends = [c.period.end for t in tables for c in t.statement.columns if c.period]
        end = max(ends) if ends else cover.dateline
    if end is None:
        return None
    form = (cover.get("DocumentType") or "").upper()
    months = 12 if form.startswith("10-K") else 3 if form.startswith("10-Q") else 0
    start = add_months(end, -months) + dt.timedelta(days=1) if months else end
    return Period(end=end, start=start, months=months)


def _dei_facts(b: _Builder, cover: CoverFacts, tables: list[MappedTable]) -> list[TextFact]:
    period = document_period(cover, tables)
    if period is None:
        if cover.values:
            b.problems.append(Problem("warning", "cover.no_period",
                                      "no date in the filing for the cover facts' context; cover facts omitted"))
        return []
    context = b.context(period)
    values = dict(cover.values)
    dei = C.dei()
    return [TextFact(f"c{i + 1}", dei[name], context, values[name])
            for i, name in enumerate(n for n in _DEI_ORDER if n in values)]
