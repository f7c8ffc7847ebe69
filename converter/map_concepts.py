"""Stage 5: ``StatementTable`` -> ``MappedTable``: a concept, sign, confidence and reason per row.

    context_paths   each row's side of the statement (assets / liabilities / equity, operating /
                    investing / financing) and its section headings, normalised
    choose          rules (taxonomy/mapping-rules/*.json, --mapping overrides first) scored on the
                    label, statement, section and arithmetic role; the unit the row needs filters
                    them; runner-ups are kept
    extensions      no rule, or a score below ``min_confidence``: a company extension concept
                    named from the printed label, never a wrong us-gaap concept
    signs           XBRL value = sign * printed value, solved from the table's totals and the
                    concepts' balance types (see ``signs``)
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import jsonschema

from . import concepts as C
from .errors import TaxonomyError
from .find_tables import CONTINUED
from .records import Concept, MappedRow, MappedTable, Problem, Row, StatementTable
from .resources import schemas_dir, taxonomy_dir
from .signs import solve_signs


@dataclass(frozen=True)
class Rule:
    concept: str
    label: re.Pattern
    statement: str
    section: re.Pattern | None
    not_section: re.Pattern | None
    role: str
    confidence: float
    company: re.Pattern | None
    origin: str  # "rules#12" or "overrides#3"


def normalize(text: str) -> str:
    text = re.sub(r"\((?:\d|[a-z])\)|\*+|\(?\bnotes?\s+\d+[a-z]?\)?", " ", text)  # footnote marks
    text = re.sub(r"\(\s*(?:in\s+)?(?:thousands|millions|000'?s?|000,000)(?:\s+omitted)?\s*\)", " ", text, flags=re.I)
    text = text.lower().replace("&", " and ").replace("\u2019", "'")
    text = re.sub(r"'s\b|'", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def load_rules(path: Path, origin: str) -> list[Rule]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TaxonomyError(f"cannot read mapping rules: {exc}", path=str(path)) from exc
    schema = json.loads((schemas_dir() / "mapping-rules.schema.json").read_text(encoding="utf-8"))
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path)
        raise TaxonomyError(f"mapping rules do not match the schema at {where or 'top'}: {exc.message}",
                            path=str(path)) from exc
    rules = []
    for i, item in enumerate(data["rules"]):
        try:
            rules.append(Rule(
                concept=item["concept"].removeprefix("us-gaap:"), label=re.compile(item["label"]),
                statement=item.get("statement", "any"),
                section=re.compile(item["section"]) if item.get("section") else None,
                not_section=re.compile(item["not_section"]) if item.get("not_section") else None,
                role=item.get("role", "any"), confidence=item.get("confidence", 0.9),
                company=re.compile(item["company"], re.I) if item.get("company") else None,
                origin=f"{origin}#{i + 1}"))
        except re.error as exc:
            raise TaxonomyError(f"rule {i + 1}: bad regular expression: {exc}", path=str(path)) from exc
        if not rules[-1].concept.startswith("ext:") and rules[-1].concept not in C.us_gaap():
            raise TaxonomyError(f"rule {i + 1} names us-gaap:{rules[-1].concept}, which is not declared",
                                path=str(path))
    return rules


@lru_cache(maxsize=None)
def shipped_rules() -> tuple[Rule, ...]:
    """Every rule file in ``taxonomy/mapping-rules/`` (one per statement or industry)."""
    rules: list[Rule] = []
    for path in sorted((taxonomy_dir() / "mapping-rules").glob("*.json")):
        rules.extend(load_rules(path, path.stem))
    return tuple(rules)


@lru_cache(maxsize=8)
def override_rules(path: str) -> tuple[Rule, ...]:
    return tuple(load_rules(Path(path), "overrides"))


@dataclass(frozen=True)
class MapSettings:
    min_confidence: float = 0.5
    overrides: tuple[Rule, ...] = ()
    company: str = ""  # registrant name and CIK, for company-specific overrides


# --- context ----------------------------------------------------------------------------------

_SIDE_WORDS = {
    "balance": (("liabilities", r"liabilities"),
                ("equity", r"(stockholders|shareholders|shareowners|partners|members) (equity|investment|deficit)|"
                           r"^(capital|equity|net worth)$|^commitments")),
    "cashflow": (("supplemental", r"supplement|cash paid|non ?cash (investing|financing)|^cash paid"),
                 ("financing", r"financing"), ("investing", r"investing"), ("operating", r"operating|operations")),
}


def context_paths(table: StatementTable) -> list[str]:
    """Per row: side, open section headings and the totals it adds up into, outermost first.

    e.g. "assets / current assets" for a row inside the current-assets total, whether or not a
    "Current assets:" heading is printed.
    """
    side = {"balance": "assets", "cashflow": "operating"}.get(table.statement, "")
    parent = {comp: calc.total for calc in table.calcs for comp in calc.components}
    paths = []
    seen_total = False
    for row in table.rows:
        words = normalize(row.label)
        if row.label == CONTINUED and table.statement == "balance" and side == "assets" and seen_total:
            side = "liabilities"  # the balance sheet resumes after the assets total
        seen_total = seen_total or row.index in parent.values()
        for name, pattern in _SIDE_WORDS.get(table.statement, ()):
            heading = row.header_only or (table.statement == "cashflow" and not any(row.values))
            if heading and re.search(pattern, words):
                side = name  # "LIABILITIES AND STOCKHOLDERS' EQUITY" opens the liabilities side
                break
        parts = [side] + [normalize(s) for s in row.section] + _ancestors(table, row.index, parent)
        paths.append(" / ".join(p for p in parts if p))
        if table.statement == "balance" and side == "assets" and normalize(row.label) == "total assets":
            side = "liabilities"
    return paths


def _ancestors(table: StatementTable, index: int, parent: dict[int, int]) -> list[str]:
    """Names of the totals a row adds into, up to the first that is about cash or the whole
    side (a cash-flow activity total, "total assets"): beyond that every row shares them."""
    names = []
    while index in parent and len(names) < 6:
        index = parent[index]
        row = table.rows[index]
        name = re.sub(r"^total ", "", normalize(row.label)) or (normalize(row.section[-1]) if row.section else "")
        if re.search(r"(beginning|end) of (the )?(period|year)|increase decrease in cash|^assets$|^liabilities and",
                     name):
            break
        if name:
            names.insert(0, name)
        if "cash" in name:
            break
    return names


# --- choosing ---------------------------------------------------------------------------------

def _unit_ok(concept: Concept, row: Row) -> bool:
    if row.kind == "per_share":
        return concept.type == C.PER_SHARE
    if row.kind == "shares":
        return concept.type == C.SHARES
    return concept.type == C.MONETARY


def _period_ok(concept: Concept, statement: str, label: str) -> bool:
    if statement == "balance":
        return concept.period_type == "instant"
    if concept.period_type == "instant":
        return statement == "cashflow" and bool(re.search(r"beginning|end of|start of|close of|ending", label))
    return True


def _candidates(rules, label: str, path: str, statement: str, role: str, row: Row,
                settings: MapSettings) -> list[tuple[float, Rule]]:
    found = []
    for rule in rules:
        if rule.statement not in ("any", statement) and not (rule.statement == "income" and statement == "other"):
            continue
        if rule.role != "any" and rule.role != ("total" if role == "total" else "component"):
            continue
        if rule.company and not rule.company.search(settings.company):
            continue
        if not rule.label.search(label):
            continue
        if rule.section and not rule.section.search(path):
            continue
        if rule.not_section and rule.not_section.search(path):
            continue
        if not rule.concept.startswith("ext:"):
            concept = C.us_gaap()[rule.concept]
            if not _unit_ok(concept, row) or not _period_ok(concept, statement, label):
                continue
        score = rule.confidence + (0.02 if rule.section else 0.0) + (0.01 if rule.label.pattern.endswith("$") else 0.0)
        found.append((min(score, 1.0), rule))
    return found


_CONTRA = {"AllowanceForDoubtfulAccountsReceivableCurrent": ("AccountsReceivableNetCurrent",
                                                             "AccountsReceivableGrossCurrent"),
           "AccumulatedDepreciationDepletionAndAmortizationPropertyPlantAndEquipment": (
               "PropertyPlantAndEquipmentNet", "PropertyPlantAndEquipmentGross"),
           "InventoryValuationReserves": ("InventoryNet", "InventoryGross")}


def synthesized_label(table: StatementTable, row: Row, components: list[MappedRow | None],
                      path: str, side_total: bool) -> str:
    """A label for an unlabelled total: its section's name, the side of the balance sheet it
    closes, or what its components add up to."""
    names = {m.concept.name for m in components if m and m.concept}
    sections = [s for s in row.section if s != CONTINUED]
    if sections:
        return "total " + normalize(sections[-1])
    if table.statement == "balance":
        contra = names & set(_CONTRA)
        if contra:
            return C.us_gaap()[_CONTRA[contra.pop()][0]].label.lower()
        if side_total:
            return "total assets" if path.startswith("assets") else "total liabilities and stockholders equity"
        if names & {"StockholdersEquity", "LiabilitiesCurrent", "Liabilities"} and "AssetsCurrent" not in names:
            return "total liabilities and stockholders equity"
        if names & {"AssetsCurrent", "PropertyPlantAndEquipmentNet", "Goodwill", "OtherAssetsNoncurrent"}:
            return "total assets"
    if table.statement == "income":
        if names & {"Revenues", "RevenueFromContractWithCustomerExcludingAssessedTax"} and \
                names & {"CostOfGoodsAndServicesSold", "CostOfRevenue"}:
            return "gross profit"
        debits = [n for n in names if C.us_gaap().get(n) and C.us_gaap()[n].balance == "debit"]
        if names and len(debits) >= 2 and len(debits) >= len(names) - 1 and not names & {"Revenues"}:
            return "total costs and expenses"  # expenses, perhaps with one income line netted in
    return ""


def map_table(table: StatementTable, settings: MapSettings) -> tuple[MappedTable, list[Problem]]:
    problems: list[Problem] = []
    paths = context_paths(table)
    totals = {calc.total: calc for calc in table.calcs}
    in_calc = {i for calc in table.calcs for i in calc.components}
    mapped: list[MappedRow | None] = [None] * len(table.rows)
    rules = list(settings.overrides) + list(shipped_rules())
    side_totals = _side_totals(table, totals)
    for row in table.rows:
        if row.header_only or row.kind in ("percent", "count", "header") or not any(row.values):
            continue
        role = "total" if row.index in totals else "component" if row.index in in_calc else "standalone"
        label = normalize(row.label)
        reason_prefix = ""
        if not label and row.index in totals:
            label = synthesized_label(table, row, [mapped[i] for i in totals[row.index].components],
                                      paths[row.index], row.index in side_totals)
            reason_prefix = f"unlabelled total read as {label!r}; " if label else "unlabelled total; "
        mapped[row.index] = _choose(table, row, label, paths[row.index], role, rules, settings,
                                    reason_prefix, problems)
    _refine_contra(table, mapped)
    _demote_duplicates(table, mapped, problems)
    solution = solve_signs(table, mapped, paths)
    problems.extend(solution.problems)
    rows = tuple(_with_sign(m, solution.signs.get(m.row, 1), solution.balances.get(m.row, ""))
                 for m in mapped if m is not None)
    weights = tuple((t, c, w) for (t, c), w in sorted(solution.weights.items()))
    return MappedTable(statement=table, rows=rows, weights=weights), problems


def _side_totals(table: StatementTable, totals: dict) -> set[int]:
    """Totals that are the last figures before the table resumes on its other side (or ends)."""
    out, last_total = set(), None
    for row in table.rows:
        if row.header_only and (row.label == CONTINUED or "liabilit" in row.label.lower()):
            if last_total is not None:
                out.add(last_total)
            last_total = None
        elif any(row.values) and row.kind == "amount":
            last_total = row.index if row.index in totals else None
    if last_total is not None:
        out.add(last_total)
    return out


def _refine_contra(table: StatementTable, mapped: list[MappedRow | None]) -> None:
    """"Accounts receivable  5,000 / Less allowance (200) / 4,800": the first line is the gross
    amount, the subtotal the net one."""
    for calc in table.calcs:
        parts = [mapped[i] for i in calc.components]
        contra = [m for m in parts if m and m.concept.name in _CONTRA]
        if len(contra) != 1 or len(parts) != 2:
            continue
        net, gross = _CONTRA[contra[0].concept.name]
        other = next(m for m in parts if m is not contra[0])
        if other and other.concept.name == net:
            mapped[other.row] = replace(other, concept=C.get(gross), reason=other.reason + "; gross: less " +
                                        contra[0].concept.name)
        total = mapped[calc.total]
        if total and (total.concept.is_extension or total.concept.name == gross):
            mapped[calc.total] = replace(total, concept=C.get(net), confidence=max(total.confidence, 0.85),
                                         reason=f"net of {contra[0].concept.name}")


def _with_sign(m: MappedRow, sign: int, balance: str) -> MappedRow:
    concept = m.concept
    if concept.is_extension and balance and concept.type == C.MONETARY:
        concept = replace(concept, balance=balance)
    return replace(m, concept=concept, sign=sign)


_PRO_FORMA = re.compile(r"\bpro ?forma\b")


def _choose(table, row, label, path, role, rules, settings, reason_prefix, problems) -> MappedRow:
    if _PRO_FORMA.search(label) or _PRO_FORMA.search(path):
        # "Pro forma net income per share: Basic 0.52": not the company's reported figure
        problems.append(Problem("info", "map.pro_forma", f"{row.label!r} is a pro forma figure: company extension "
                                                          f"concept", _span(row)))
        return MappedRow(row.index, _extension("", row, table), 0.0, f"{reason_prefix}pro forma figure", (), 1, role)
    overrides = [c for c in _candidates(settings.overrides, label, path, table.statement, role, row, settings)]
    found = overrides or _candidates(rules, label, path, table.statement, role, row, settings)
    found.sort(key=lambda item: -item[0])
    alternatives: list[str] = []
    for _, rule in found[1:]:
        if rule.concept != found[0][1].concept and rule.concept not in alternatives:
            alternatives.append(rule.concept)
    if found and (found[0][0] >= settings.min_confidence or found[0][1].origin.startswith("overrides")):
        score, rule = found[0]
        concept = _extension(rule.concept[4:], row, table) if rule.concept.startswith("ext:") else C.get(rule.concept)
        if score < 0.75:
            problems.append(Problem("info", "map.low_confidence",
                                    f"{row.label!r} -> {concept.qname} (confidence {score:.2f})", _span(row)))
        reason = f"{reason_prefix}{rule.origin}: label /{rule.label.pattern}/" + \
            (f" in section /{rule.section.pattern}/" if rule.section else "") + f" [{path or table.statement}]"
        return MappedRow(row.index, concept, round(score, 3), reason, tuple(alternatives[:3]), 1, role)
    why = f"best rule {found[0][1].origin} scored {found[0][0]:.2f}" if found else "no rule matched"
    problems.append(Problem("info", "map.extension",
                            f"{row.label or '(unlabelled total)'!r}: {why}; company extension concept", _span(row)))
    concept, why_balance = _extension("", row, table), ""
    held = _working_capital_item(table, row, label, path, rules, settings)
    if held:
        # the change in an asset counts its increase (a use of cash), in a liability as printed,
        # as for the us-gaap IncreaseDecreaseIn... concepts
        concept = replace(concept, balance="credit" if held == "debit" else "debit")
        why_balance = f"; a change in a balance-sheet {'asset' if held == 'debit' else 'liability'}"
    return MappedRow(row.index, concept, 0.0, f"{reason_prefix}extension: {why}{why_balance}",
                     tuple(alternatives[:3]), 1, role)


_WORKING_CAPITAL = re.compile(r"\bchang|\bincrease|\bdecrease|working capital")


def _working_capital_item(table, row, label, path, rules, settings) -> str:
    """The balance ("debit" for an asset, "credit" for a liability) of the balance-sheet item a
    cash-flow line under "Changes in assets and liabilities" names, or "" when unsure."""
    if table.statement != "cashflow" or row.kind != "amount" or not path.startswith("operating") \
            or not _WORKING_CAPITAL.search(path.split(" / ", 1)[-1]):
        return ""
    found = [(score, rule) for score, rule in _candidates(rules, label, "", "balance", "component", row, settings)
             if not rule.concept.startswith("ext:") and not rule.section and score >= 0.8]
    balances = {C.us_gaap()[rule.concept].balance for _, rule in found}
    return balances.pop() if len(balances) == 1 else ""


def _extension(name: str, row: Row, table: StatementTable) -> Concept:
    """A placeholder extension concept; build_facts names it and places it in the filing's namespace."""
    kind_type = {"per_share": C.PER_SHARE, "shares": C.SHARES}.get(row.kind, C.MONETARY)
    balance_line = table.statement == "cashflow" and re.search(r"\b(?:beginning|end|start)\s+of\s+(?:the\s+)?"
                                                                r"(?:period|year|quarter)", row.label, re.I)
    period = "instant" if table.statement == "balance" or balance_line else "duration"
    label = row.label or (f"Total {row.section[-1]}" if row.section else "Subtotal")
    sections = [s for s in row.section if s != CONTINUED]
    if not name and sections and len(normalize(label).split()) <= 2:
        # "Products" under "Net sales:" and under "Cost of sales:" are different lines
        name = C.extension_name(f"{sections[-1]} {label}", set())
    return Concept(prefix="ext", name=name, namespace="", type=kind_type, period_type=period, label=label)


def _span(row: Row):
    return row.label_spans[0] if row.label_spans else next((a.raw.span for a in row.values if a), None)


def _demote_duplicates(table: StatementTable, mapped: list[MappedRow | None], problems: list[Problem]) -> None:
    """Two rows of one table on the same us-gaap concept: the weaker one becomes an extension."""
    seen: dict[str, MappedRow] = {}
    for _i, m in enumerate(mapped):
        if m is None or m.concept is None or m.concept.is_extension:
            continue
        if _is_repeat(table, m, seen.get(m.concept.name)):
            continue
        other = seen.get(m.concept.name)
        if other is None:
            seen[m.concept.name] = m
            continue
        loser = m if m.confidence <= other.confidence else other
        if loser is other:
            seen[m.concept.name] = m
        row = table.rows[loser.row]
        problems.append(Problem("warning", "map.duplicate_concept",
                                f"{row.label!r} would repeat {loser.concept.qname} with other values; "
                                f"made a company extension concept", _span(row)))
        mapped[loser.row] = MappedRow(loser.row, _extension("", row, table), 0.0,
                                      f"extension: {loser.concept.qname} already used in this table",
                                      (loser.concept.name,) + loser.alternatives, 1, loser.role)


def _is_repeat(table: StatementTable, m: MappedRow, other: MappedRow | None) -> bool:
    """The same figure printed twice (net income, cash at the start and at the end) is one fact."""
    if other is None:
        return False
    a, b = table.rows[m.row].values, table.rows[other.row].values
    if m.concept.period_type == "instant" and table.statement == "cashflow":
        return True  # beginning and end balances sit at different instants
    return all((x.value if x else None) == (y.value if y else None) for x, y in zip(a, b))
