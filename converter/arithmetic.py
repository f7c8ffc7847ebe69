"""The table's own arithmetic: which rows are totals of which rows above, and with what signs.

Rows are read top to bottom keeping a list of "open" rows (not yet part of a total). A row is a
total when a run of open rows just above it adds up to it in every column, each component
weighted +1 or -1 as printed. Components of a total are closed and the total stays open, so
totals nest (gross profit -> operating income -> net income). Few negative weights and short
runs are preferred; a labelled "Total" row that does not foot is reported, never forced.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from decimal import Decimal

from .records import Calc, Problem, Row

MAX_RUN = 24


_SUBTOTAL = re.compile(r"total|\bnet\b|gross|income|earnings|\bloss|profit|margin|provided|\bused\b|"
                       r"increase|decrease|change|balance|\bend\b|ending|before|after|operating|operations|"
                       r"available|attributable|applicable|generated|^$", re.I)


def _max_negatives(length: int, n_columns: int, label: str) -> int:
    """How many components may be subtracted: a line that does not read like a subtotal may be
    a plain sum, never a difference or a mix that could add up by chance."""
    if not _SUBTOTAL.search(label):
        return 0  # a plain line ("Inventories") may sum the lines above it, never net them
    if n_columns == 1:
        return 1
    return 4 if length <= 6 else 3 if length <= 10 else 2


def _values(row: Row, n_cols: int) -> tuple[Decimal | None, ...]:
    return tuple(row.values[c].value if row.values[c] else None for c in range(n_cols))


def solve_totals(rows: Sequence[Row], columns: Sequence[int], looks_total,
                 barrier=lambda row: False) -> tuple[list[Calc], list[Problem]]:
    """Find totals among ``rows`` (amount rows only) using the period ``columns``.

    ``looks_total(row)`` says whether a row is labelled like a total (it may then foot within
    rounding); other rows must foot exactly in every column where they have a value.
    ``barrier(row)``: no total reaches above this row (the liabilities side of a balance sheet
    starts afresh, or equity would be "assets minus liabilities").
    """
    calcs: list[Calc] = []
    problems: list[Problem] = []
    open_rows: list[Row] = []
    for row in rows:
        if barrier(row):
            open_rows = []
        if row.kind != "amount" or not any(row.values[c] for c in columns):
            continue
        calc = _explain(row, open_rows, columns, exact=True)
        if calc is None and looks_total(row):
            calc = _explain(row, open_rows, columns, exact=False)
            if calc is None:
                problems.append(Problem("warning", "arith.total_does_not_foot",
                                        f"{row.label or '(unlabelled total)'!r} is not the sum of the rows above it",
                                        row.values[columns[0]].raw.span if row.values[columns[0]] else None))
            else:
                problems.append(Problem("info", "arith.rounding",
                                        f"{row.label or '(unlabelled total)'!r} foots only within rounding"))
        if calc is not None:
            calcs.append(calc)
            consumed = set(calc.components)
            open_rows = [r for r in open_rows if r.index not in consumed]
        open_rows.append(row)
    return calcs, problems


def _explain(total: Row, open_rows: list[Row], columns: Sequence[int], exact: bool) -> Calc | None:
    target = [total.values[c].value if total.values[c] else None for c in columns]
    tolerance = [Decimal(0) if exact else _unit(total, c) for c in columns]
    if not _SUBTOTAL.search(total.label) and not total.rule_above and sum(1 for t in target if t) < 2:
        return None  # a plain line matching a sum in one column only is more likely chance
    best: Calc | None = None
    for length in range(2, min(len(open_rows), MAX_RUN) + 1):
        run = open_rows[-length:]
        if not any(r.values[c] for r in run[:1] for c in columns):
            continue  # a run starting with an empty row is the same as a shorter one
        matrix = [[(r.values[c].value if r.values[c] else Decimal(0)) for c in columns] for r in run]
        if not _comparable(run, total, columns):
            continue
        weights = _solve(matrix, target, tolerance, total.label)
        if weights is not None:
            calc = Calc(total.index, tuple(r.index for r in run), weights, exact)
            if best is None or _cost(calc) < _cost(best):
                best = calc
            if sum(w < 0 for w in weights) == 0:
                break
    return best


def _cost(calc: Calc) -> tuple[int, int]:
    return (sum(w < 0 for w in calc.weights), len(calc.components))


def _comparable(run: list[Row], total: Row, columns: Sequence[int]) -> bool:
    """Every column where the total has a value must be present in some component, and the
    total must have a value wherever a component does."""
    for c in columns:
        has_total = total.values[c] is not None
        has_any = any(r.values[c] is not None for r in run)
        if has_any and not has_total:
            return False
    return any(total.values[c] is not None for c in columns)


def _unit(row: Row, c: int) -> Decimal:
    amount = row.values[c]
    if amount is None:
        return Decimal(0)
    return Decimal(1).scaleb(-amount.decimals)


def _solve(matrix: list[list[Decimal]], target: list[Decimal | None], tolerance: list[Decimal],
           label: str) -> tuple[int, ...] | None:
    n = len(matrix)
    cols = [k for k, t in enumerate(target) if t is not None]
    if not cols:
        return None
    nonzero = [i for i in range(n) if any(matrix[i][k] for k in cols)]
    if not nonzero or (len(nonzero) == 1 and nonzero[0] != 0):
        return None  # one value and zeros: only "A, then dashes" can make a total
    totals = [sum(matrix[i][k] for i in range(n)) for k in range(len(target))]
    for negatives in range(0, min(_max_negatives(n, len(cols), label), len(nonzero)) + 1):
        for neg in itertools.combinations(nonzero, negatives):
            ok = True
            for k in cols:
                value = totals[k] - 2 * sum(matrix[i][k] for i in neg)
                if abs(value - target[k]) > tolerance[k] * max(1, len(nonzero) // 2):
                    ok = False
                    break
            if ok:
                weights = tuple(-1 if i in neg else 1 for i in range(n))
                return weights
    return None
