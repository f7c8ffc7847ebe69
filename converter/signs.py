"""Signs: XBRL value = sign * printed value, from the table's arithmetic and balance types.

For a total T = sum(s_k * p_k) (printed values p, printed weights s solved by ``arithmetic``),
the calculation weight of component k is w_k = +1 when its concept's balance equals T's and -1
otherwise. The XBRL values must satisfy v_T = sum(w_k * v_k); with v = sign * p this holds when
sign_k = s_k * w_k * sign_T. Roots (rows that are no component) take sign +1, except an amount
printed as a deduction (an expense in parentheses, a contra account, a cash payment) when its
concept's balance says it is one. Extension concepts follow their total (w_k = s_k) and get the
balance that weight implies.

In a cash-flow statement the net-cash totals act as debits (cash), and net income, the first
line of the reconciliation, counts as adding to cash.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .records import Concept, MappedRow, Problem, StatementTable

ADDS_TO_CASH = {"NetIncomeLoss", "ProfitLoss", "IncomeLossFromContinuingOperations",
                "NetIncomeLossAvailableToCommonStockholdersBasic"}
_SIDE_BALANCE = {"assets": "debit", "liabilities": "credit", "equity": "credit"}


@dataclass
class SignSolution:
    signs: dict[int, int]
    weights: dict[tuple[int, int], int]  # (total row, component row) -> calculation weight
    balances: dict[int, str]  # extension rows: the balance their weight implies
    problems: list[Problem] = field(default_factory=list)


def effective_balance(concept: Concept, statement: str, solution: SignSolution, row: int) -> str:
    if concept.is_extension:
        return solution.balances.get(row, "")
    if statement == "cashflow" and concept.name in ADDS_TO_CASH:
        return "debit"
    if concept.balance:
        return concept.balance
    if statement == "cashflow" and concept.type.endswith("monetaryItemType"):
        return "debit"  # NetCashProvidedByUsedInOperatingActivities has no balance: it moves cash
    return ""


def solve_signs(table: StatementTable, mapped: list[MappedRow | None], paths: list[str]) -> SignSolution:
    solution = SignSolution({}, {}, {})
    parent_of: dict[int, tuple[int, int]] = {}  # component -> (total, printed weight)
    for calc in table.calcs:
        for comp, s in zip(calc.components, calc.weights):
            parent_of[comp] = (calc.total, s)
    children: dict[int, list[tuple[int, int]]] = {}
    for comp, (total, s) in parent_of.items():
        children.setdefault(total, []).append((comp, s))
    roots = [m.row for m in mapped if m is not None and m.row not in parent_of]
    for root in roots:
        solution.signs[root] = _loss_sign(table, mapped[root], solution) or _root_sign(table, mapped[root], paths[root])
        if mapped[root].concept.is_extension and mapped[root].concept.type.endswith("monetaryItemType"):
            solution.balances[root] = _side_balance(table, paths[root], mapped[root])
        _descend(table, mapped, root, children, solution)
    return solution


def _descend(table, mapped, total: int, children, solution: SignSolution) -> None:
    parent = mapped[total]
    for comp, s in sorted(children.get(total, [])):
        child = mapped[comp]
        if child is None or parent is None:
            continue
        pb = effective_balance(parent.concept, table.statement, solution, total)
        if child.concept.is_extension and child.concept.balance and table.statement == "cashflow":
            # a company line whose balance mapping already knows (a change in an asset or a
            # liability) weighs against the cash it moves, like the us-gaap concepts beside it
            w = 1 if child.concept.balance == (pb or "debit") else -1
        elif child.concept.is_extension:
            # a company line printed as a deduction that names a cost or a payment keeps a
            # positive value (like the us-gaap concepts for such lines); its weight follows
            own = -1 if _deduction(table, comp) else 1
            w = own * s * solution.signs.get(total, 1)
            declared = solution.balances.get(total, "") if parent.concept.is_extension else parent.concept.balance
            if declared and child.concept.type.endswith("monetaryItemType"):
                # only a declared balance is passed on: XBRL checks weights against declared balances
                solution.balances[comp] = declared if w == 1 else ("credit" if declared == "debit" else "debit")
        else:
            cb = effective_balance(child.concept, table.statement, solution, comp)
            w = (1 if cb == pb else -1) if cb and pb else s
        solution.weights[(total, comp)] = w
        solution.signs[comp] = s * w * solution.signs.get(total, 1)
        _descend(table, mapped, comp, children, solution)


def _printed_negative(table: StatementTable, row: int) -> bool:
    values = [a.value for a in table.rows[row].values if a is not None]
    return bool(values) and all(v <= 0 for v in values) and any(v < 0 for v in values)


_OUTFLOW = re.compile(r"\b(?:expenses?|costs?|loss(?:es)?|charges?|provision|interest|payments?|purchases?|"
                      r"additions?|acquisitions?|repayments?|dividends|expenditures?|contributions?|"
                      r"investments? in|paid|retirements?|redemptions?)\b", re.I)


def _deduction(table: StatementTable, row: int) -> bool:
    """A company line printed in parentheses whose label names a cost or a cash outflow."""
    if table.statement not in ("income", "cashflow") or not _printed_negative(table, row):
        return False
    label = table.rows[row].label
    return bool(_OUTFLOW.search(label)) and not re.search(r"\bincome\b|\bgains?\b|\bproceeds\b", label, re.I)


_LOSS_LABEL = re.compile(r"^(?:basic |diluted |basic and diluted )*(?:net |operating |pre-?tax )?"
                         r"loss(?:es)?\b(?! on\b)", re.I)
_INCOME_OR_LOSS = re.compile(r"(?:Income|Earnings|Profit|GainLoss)Loss|ProfitLoss|^EarningsPerShare|PerShare")


def _loss_sign(table: StatementTable, m: MappedRow, solution: SignSolution) -> int:
    """-1 for an income-or-loss total captioned as a loss ("Net loss", "Operating loss", "Loss per
    share") and printed without parentheses: 1,300 there is a loss of 1,300. 0 when the caption
    does not say so; a loss caption over figures of both signs is ambiguous and is left as printed."""
    label = table.rows[m.row].label.strip()
    if table.statement not in ("income", "cashflow", "other") or not _LOSS_LABEL.match(label) \
            or not _INCOME_OR_LOSS.search(m.concept.name) or m.concept.balance == "debit":
        return 0
    values = [a.value for a in table.rows[m.row].values if a is not None and a.value]
    if not values or all(v < 0 for v in values):
        return 0
    if any(v < 0 for v in values):
        row = table.rows[m.row]
        solution.problems.append(Problem("warning", "sign.loss_caption_mixed",
                                         f"{label!r} is captioned as a loss but prints figures of both signs; "
                                         f"read as printed (negative = loss)",
                                         row.label_spans[0] if row.label_spans else None))
        return 0
    return -1


def _root_sign(table: StatementTable, m: MappedRow, path: str) -> int:
    concept = m.concept
    if not concept.type.endswith("monetaryItemType"):
        return 1
    printed_negative = _printed_negative(table, m.row)
    if concept.is_extension and not (concept.balance and table.statement == "cashflow"):
        return -1 if _deduction(table, m.row) else 1
    if table.statement == "cashflow":
        side = path.split(" / ")[0]
        if side in ("operating", "investing", "financing") and concept.name not in ADDS_TO_CASH \
                and concept.balance == "credit":
            return -1  # printed as its effect on cash: a payment or an increase in an asset
        return 1
    if table.statement == "income":
        return -1 if printed_negative and concept.balance == "debit" else 1
    if table.statement == "balance":
        natural = _SIDE_BALANCE.get(path.split(" / ")[0], "")
        if natural and concept.balance and concept.balance != natural and printed_negative:
            return -1  # a contra account printed as a deduction
    return 1


def _side_balance(table: StatementTable, path: str, m: MappedRow) -> str:
    if table.statement == "balance":
        return _SIDE_BALANCE.get(path.split(" / ")[0], "")
    return ""
