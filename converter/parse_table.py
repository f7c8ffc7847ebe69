"""Stage 4: ``RawTable`` -> ``StatementTable``: statement kind, a period per column, scale, rows.

    classify        title (closest heading first), then row labels -> balance / income / ...
    column_periods  (columns.py) headings over each column + title -> instant or duration
    join_rows       labels wrapped over lines joined; label-only lines become sections
    row kinds       amount / shares / per share / percent, each with its scale
    solve_totals    (arithmetic.py) totals and the printed weights that make them foot
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from .amounts import Scale, find_currency, find_scale, parse_amount, row_scale
from .arithmetic import solve_totals
from .columns import FilingContext, column_periods
from .find_tables import CONTINUED
from .records import Amount, Problem, RawRow, RawTable, Row, StatementTable

_TITLE_PATTERNS = (
    ("cashflow", re.compile(r"statements?\s+of\s+(?:consolidated\s+|condensed\s+|combined\s+)*cash\s+flows?|"
                            r"cash\s+flows?\s+statements?|statements?\s+of\s+changes\s+in\s+(?:cash|financial\s+"
                            r"position)", re.I)),
    ("income", re.compile(
        r"statements?\s+of\s+(?:consolidated\s+|condensed\s+|combined\s+)*(?:operations|income|earnings|"
        r"\(?loss\)?|net\s+(?:income|earnings|loss)|comprehensive\s+(?:income|loss))|income\s+statements?|"
        r"statements?\s+of\s+(?:consolidated\s+)?results\b", re.I)),
    ("equity", re.compile(
        r"statements?\s+of\s+(?:consolidated\s+)?(?:changes\s+in\s+)?(?:common\s+)?(?:stockholders|shareholders|"
        r"shareowners|partners|members|owners)['\u2019]?\s*(?:equity|investment|deficit|capital)|"
        r"statements?\s+of\s+(?:changes\s+in\s+)?(?:stockholders|shareholders)|"
        r"changes\s+in\s+(?:stockholders|shareholders|shareowners)['\u2019]?\s+(?:equity|investment)|"
        r"statements?\s+of\s+(?:consolidated\s+)?retained\s+earnings", re.I)),
    ("balance", re.compile(
        r"(?<!off-)(?<!off\s)\bbalance\s+sheets?|statements?\s+of\s+(?:consolidated\s+)?(?:financial\s+"
        r"(?:position|condition)|condition|assets\s+and\s+liabilities|net\s+assets)", re.I)),
)
# headings of tables that look like statements but are summaries, notes or other entities' figures
_NOT_A_STATEMENT = re.compile(
    r"\bnote\s+\d|selected\s+(?:consolidated\s+)?financial\s+data|\bsummary\b|quarterly|five[\s-]year|"
    r"consolidating|parent\s+company|guarantor|pro\s*forma|\bsegments?\b|unconsolidated\s+subsidiar|"
    r"\bcomponents\b|^\s*\d{1,2}\.\s+[A-Z]|supplemental|non[\s-]*gaap|\breconciliation\b", re.I)
_PER_SHARE = re.compile(r"per\s+(?:common\s+|ordinary\s+|basic\s+|diluted\s+)?(?:share|unit)|\beps\b|"
                        r"per\s+(?:weighted\s+)?(?:average\s+)?share", re.I)
_SHARES = re.compile(r"weighted[\s-]+average|shares?\s+(?:used|outstanding|issued)|number\s+of\s+(?:common\s+)?"
                     r"shares|average\s+(?:number\s+of\s+)?(?:common\s+)?shares|common\s+(?:and\s+common\s+"
                     r"equivalent\s+)?shares|\bshares\b", re.I)
_SHARE_COUNT = re.compile(r"shares\s+(?:used|outstanding)|weighted[\s-]+average\s+(?:number\s+of\s+)?(?:common\s+)?"
                          r"(?:and\s+common\s+equivalent\s+)?shares|number\s+of\s+(?:common\s+)?shares|"
                          r"common\s+(?:and\s+common\s+equivalent\s+)?shares|denominator", re.I)
_CASH_FLOW_COUNT = re.compile(r"number\s+of|weighted[\s-]+average|shares\s+(?:used|outstanding)|in\s+shares\b", re.I)
_MONEY_WORDS = re.compile(r"\$|dollars|amount|value|proceeds|dividends?\b|\b(?:gains?|loss(?:es)?|sales?|sold|"
                          r"purchas\w*|repurchas\w*|redemptions?|redeemed|income|expenses?|costs?|paid|payments?|"
                          r"cash|taxes|premium|discount)\b", re.I)
# things counted in a statement's memo lines: neither money nor shares. The label must say it
# counts ("Number of stores", "Stores open at end of period"): "Rooms" under "Revenues:" is money
_COUNTED = (r"stores|restaurants|units|locations|employees|associates|offices|branches|subscribers|customers|"
            r"members|clubs|theat(?:er|re)s|screens|hotels|rooms|beds|stations|outlets|franchises|properties")
_COUNT = re.compile(rf"^\s*(?:number\s+of\s+(?!(?:common\s+|preferred\s+|weighted\s+|average\s+)*shares)|"
                    rf"(?:total\s+)?(?:{_COUNTED})\s+(?:open|opened|closed|in\s+operation|operated|owned|"
                    rf"at\s+(?:the\s+)?end\b|(?:at|as\s+of)\s+(?:period|year)|served)|headcount\b)", re.I)
# a share count printed in a balance sheet's columns (a memo line), not a stock caption
_BALANCE_SHARE_COUNT = re.compile(r"^\s*(?:number\s+of\s+)?(?:common\s+)?shares\s+(?:issued\s+and\s+)?outstanding\b|"
                                  r"^\s*number\s+of\s+(?:common\s+)?shares\b", re.I)
_DILUTIVE = re.compile(r"dilutive\s+(?:effect|securities|potential)|incremental\s+shares|effect\s+of\s+dilutive", re.I)
_EARNINGS_START = re.compile(r"^\s*(?:net\s+)?(?:income|earnings|loss|dividends?|cash\s+dividends?|book\s+value|"
                             r"basic|diluted)\b", re.I)
_STOCK_CAPTION = re.compile(r"^\s*(?:\d+%?\s+)?(?:[\w\-]+\s+){0,4}(?:stock|shares?\s+of\s+beneficial|capital\s+stock)"
                            r"\b.*(?:par|authorized|issued|outstanding)", re.I)
_CONNECTOR = re.compile(r"(?:,|;|-|&|/|\b(?:and|or|of|for|to|in|on|from|the|at|by|with|less|net|including|"
                        r"before|after|per|into|under|over|than|its|a|an))\s*$", re.I)
_DETAIL_START = re.compile(r"^\s*(?:authorized|issued|outstanding|\d|shares\b|par\s+value|\(|net\s+of|less\b)", re.I)


_SMALL_WORDS = {"of", "and", "the", "in", "for", "to", "on", "at", "by", "except", "per", "share", "shares", "data",
                "amounts", "thousands", "millions", "dollars", "unaudited", "continued", "as", "a", "an", "or",
                # sentence-case statement titles ("Consolidated statements of income")
                "statements", "statement", "income", "operations", "earnings", "cash", "flows", "balance", "sheets",
                "sheet", "financial", "position", "condition", "changes", "equity", "comprehensive", "loss",
                "years", "year", "months", "ended", "three", "consolidated", "condensed"}


def _heading(line: str) -> bool:
    """A title, not a sentence: short, its words capitalised ("Consolidated Statements of
    Operations"), not "Purchase obligations recorded on the statement of financial position"."""
    words = re.findall(r"[A-Za-z][A-Za-z'\u2019]*", line)
    lower = [w for w in words if w[0].islower() and w.lower() not in _SMALL_WORDS]
    return len(words) <= 14 and len(lower) <= 1


def classify(raw: RawTable) -> tuple[str, float]:
    spanning = tuple(cell.text for row in raw.header for cell in row if cell.last - cell.first + 1 == raw.n_columns)
    for line in reversed(raw.title + raw.context + spanning):
        if not _heading(line):
            continue
        if _NOT_A_STATEMENT.search(line):
            return "other", 0.9
        for kind, pattern in _TITLE_PATTERNS:
            if pattern.search(line):
                return kind, 1.0
    labels = " | ".join(r.label.lower() for r in raw.rows)
    years = set(re.findall(r"\b(?:19|20)\d\d\b", " ".join(cell.text for row in raw.header for cell in row)))
    income_lines = re.search(r"net (?:sales|revenues?|income|earnings|loss)|per share", labels)
    if len(years) >= 4 or (income_lines and "total assets" in labels):
        return "other", 0.6  # untitled five-year or mixed figures: selected financial data, not a statement
    if "operating activities" in labels and ("investing activities" in labels or "financing activities" in labels):
        return "cashflow", 0.7
    if "total assets" in labels or ("total liabilities" in labels and "equity" in labels):
        return "balance", 0.7
    if re.search(r"net (income|earnings|loss)", labels) \
            and re.search(r"sales|revenue|interest income|premiums", labels) \
            and re.search(r"per share|income tax", labels):
        return "income", 0.6
    return "other", 0.5


def parse_table(raw: RawTable, context: FilingContext) -> tuple[StatementTable, list[Problem]]:
    problems: list[Problem] = list(raw.problems)  # what the table finder noticed
    statement, confidence = classify(raw)
    if confidence < 1.0 and statement != "other":
        problems.append(Problem("info", "table.classification.uncertain",
                                f"table {raw.index} at line {raw.first_line} read as {statement} from its row labels "
                                f"(no statement title)"))
    header_text = [" ".join(c.text for c in row) for row in raw.header]
    around = list(raw.title) + header_text + [r.label for r in raw.rows[:3]]
    scale = find_scale(around)
    currency = find_currency(around)
    columns = column_periods(raw, statement, context, problems)
    rows = join_rows(raw.rows, raw.n_columns, scale, problems, statement)
    period_cols = [c.index for c in columns if c.period is not None]
    calcs, arith_problems = solve_totals(rows, period_cols, looks_total, _side_barrier(statement, rows))
    problems.extend(arith_problems)
    title = next((t for t in reversed(raw.title) if _TITLE_PATTERNS_ANY.search(t)), " ".join(raw.title[-2:]))
    table = StatementTable(raw=raw, statement=statement, title=title.strip(), columns=tuple(columns),
                           rows=tuple(rows), scale=scale.amounts, calcs=tuple(calcs),
                           classification_confidence=confidence, shares_scale=scale.shares, currency=currency)
    if currency != "USD":
        problems.append(Problem("info", "table.currency", f"table {raw.index} at line {raw.first_line} is "
                                                          f"presented in {currency}"))
    return table, problems


_TITLE_PATTERNS_ANY = re.compile("|".join(f"(?:{p.pattern})" for _, p in _TITLE_PATTERNS), re.I)


def _side_barrier(statement: str, rows: list[Row]):
    """Rows where the liabilities side of a balance sheet (or a resumed table) begins."""
    starts = set()
    on_liabilities = False  # only the first liabilities heading starts the side afresh
    for i, row in enumerate(rows):
        label = row.label.lower()
        if row.header_only and label == CONTINUED and statement == "balance":
            starts.add(row.index)  # elsewhere a page break can fall inside a section and its total
        elif statement == "balance" and not on_liabilities and row.header_only and "liabilit" in label:
            starts.add(row.index)
            on_liabilities = True
        if statement == "balance" and re.match(r"^total assets\b", label) and i + 1 < len(rows):
            starts.add(rows[i + 1].index)
            on_liabilities = True
    return lambda row: row.index in starts


def looks_total(row: Row) -> bool:
    label = row.label.lower()
    return not label or label.startswith("total") or " total" in label


# --- rows -------------------------------------------------------------------------------------

def _continues(previous: str, following: RawRow) -> bool:
    """Does a label-only line run on into ``following``?"""
    if previous.rstrip().endswith(":") or previous == CONTINUED:
        return False
    if previous.count("(") > previous.count(")"):
        return True
    label = following.label
    if not label:
        return False
    first = label.lstrip()[0]
    return first.islower() or first in "(&" or bool(_CONNECTOR.search(previous))


def join_rows(raw_rows: tuple[RawRow, ...], n_columns: int, scale: Scale, problems: list[Problem],
              statement: str = "") -> list[Row]:
    """Join wrapped labels, track sections and give each row its kind and scale."""
    merged = _merge_wrapped(raw_rows)
    merged = _merge_captions(merged)
    rows: list[Row] = []
    sections: list[tuple[int, str]] = []
    for raw, label, spans in merged:
        if not any(raw.cells):
            resumed = label == CONTINUED and statement != "balance"  # the open section goes on
            while sections and sections[-1][0] >= raw.indent and not resumed:
                sections.pop()
            if not resumed:
                sections.append((raw.indent, label.rstrip(":").strip()))
            rows.append(Row(index=len(rows), label=label, section=tuple(s for _, s in sections[:-1]),
                            indent=raw.indent, values=(None,) * n_columns, kind="header", scale=0,
                            line=raw.line, label_spans=spans, rule_above=raw.rule_above, header_only=True))
            continue
        while label and sections and raw.indent <= sections[-1][0] < _child_indent(sections[-1], merged, raw) \
                and not (label.lower().startswith("total") and _closes(label, sections[-1][1])):
            sections.pop()  # back at the heading's own indentation: its block is over (its total stays in)
        section = tuple(s for _, s in sections)
        kind = _row_kind(label, section, raw, statement)
        if statement == "balance" and kind == "shares" and not _BALANCE_SHARE_COUNT.search(label):
            kind = "amount"  # "Common shares" on a balance sheet is money; its counts sit in captions
        if kind == "count":
            problems.append(Problem("info", "row.not_money",
                                    f"{label!r} counts things, not money or shares: not tagged",
                                    spans[0] if spans else None))
        values = tuple(_amount(cell) for cell in raw.cells)
        if kind == "per_share":
            row_power = 0
        else:
            stated = row_scale(label) if kind == "shares" else None
            row_power = stated if stated is not None else (scale.shares if kind == "shares" else scale.amounts)
            if kind == "shares" and stated is None and not scale.shares_stated and scale.amounts:
                problems.append(Problem("info", "scale.shares_assumed",
                                        f"share counts in {label!r} read {'in full' if not scale.shares else 'scaled'}"
                                        f" from the heading {scale.text!r}"))
        rows.append(Row(index=len(rows), label=label, section=section, indent=raw.indent, values=values,
                        kind=kind, scale=row_power, line=raw.line, label_spans=spans, rule_above=raw.rule_above))
        if sections and (not label or (looks_total(rows[-1]) and _closes(label, sections[-1][1]))):
            sections.pop()  # the section's total ends it
    return _shares_by_earnings(_per_share_by_precision(rows, scale, problems), scale, problems)


def _per_share_by_precision(rows: list[Row], scale: Scale, problems: list[Problem]) -> list[Row]:
    """An "amount" row printed with cents among per-share rows (or in a table in thousands) is a
    per-share line whose label does not say so ("Cumulative effect of accounting change")."""
    out = list(rows)
    for i, row in enumerate(rows):
        values = [a for a in row.values if a is not None and not a.dash]
        if row.kind != "amount" or not values or any(a.decimals != 2 or abs(a.value) >= 1000 for a in values):
            continue
        neighbours = [r.kind for r in rows[max(0, i - 2):i + 3] if r is not row and not r.header_only]
        if "per_share" in neighbours or scale.amounts >= 3:
            out[i] = replace(row, kind="per_share", scale=0)
            problems.append(Problem("info", "row.per_share_by_precision",
                                    f"{row.label!r} printed with cents: read as a per-share amount"))
    return out


def _shares_by_earnings(rows: list[Row], scale: Scale, problems: list[Problem]) -> list[Row]:
    """A share count whose scale the heading only implies ("In thousands, except per share data")
    takes the scale at which some earnings line divided by it gives a printed per-share figure,
    when that scale is the only one that does: counts printed in full are not multiplied."""
    amounts = [r for r in rows if r.kind == "amount"]
    per_share = [r for r in rows if r.kind == "per_share"]
    if scale.shares_stated or not amounts or not per_share:
        return rows
    out = list(rows)
    for i, row in enumerate(rows):
        if row.kind != "shares" or row_scale(row.label) is not None:
            continue
        fits = [power for power in (row.scale, 0, 3, 6) if _explains(row, power, amounts, per_share)]
        if not fits or fits[0] == row.scale or len(set(fits)) != 1:
            continue
        out[i] = replace(row, scale=fits[0])
        problems.append(Problem("info", "scale.shares_by_earnings",
                                f"share counts in {row.label!r} read at 10^{fits[0]}, not 10^{row.scale}: "
                                f"earnings divided by them give the printed per-share amounts"))
    return out


def _explains(shares: Row, power: int, amounts: list[Row], per_share: list[Row]) -> bool:
    """Some amount row / (shares x 10^power) matches some per-share row in every column they share."""
    for amount in amounts:
        for eps in per_share:
            checked = 0
            for a, n, e in zip(amount.values, shares.values, eps.values):
                if a is None or n is None or e is None or a.dash or n.dash or e.dash or not n.value \
                        or a.value is None or n.value is None or e.value is None or not e.value:
                    continue
                implied = abs(a.value) * Decimal(10) ** amount.scale / (abs(n.value) * Decimal(10) ** power)
                # cents rounding, or basic shares against a diluted figure; scales differ 1000-fold
                if abs(implied - abs(e.value)) > max(Decimal("0.015"), abs(e.value) / 10):
                    break
                checked += 1
            else:
                if checked:
                    return True
    return False


def _child_indent(section: tuple[int, str], merged: list, current: RawRow) -> int:
    """Indentation of the first row after the section heading (its first child)."""
    for i, (raw, label, _) in enumerate(merged):
        if raw.indent == section[0] and label.rstrip(":").strip() == section[1] and i + 1 < len(merged):
            return merged[i + 1][0].indent
    return section[0]


def _closes(label: str, section: str) -> bool:
    words = set(re.findall(r"[a-z]+", section.lower())) - {"and", "of", "the"}
    return bool(words) and words <= set(re.findall(r"[a-z]+", label.lower()))


def _merge_wrapped(raw_rows: tuple[RawRow, ...]) -> list[tuple[RawRow, str, tuple]]:
    out: list[tuple[RawRow, str, tuple]] = []
    pending: list[tuple[RawRow, str, tuple]] = []
    for raw in raw_rows:
        spans = (raw.label_span,) if raw.label_span else ()
        if pending and _continues(pending[-1][1], raw):
            head, text, head_spans = pending.pop()
            label = f"{text} {raw.label}".strip()
            raw = RawRow(label=label, indent=head.indent, cells=raw.cells, line=raw.line, label_span=raw.label_span,
                         rule_above=head.rule_above or raw.rule_above, bold=raw.bold)
            spans = head_spans + spans
        if any(raw.cells):
            out.extend(pending)
            pending = []
            out.append((raw, raw.label, spans))
        else:
            pending.append((raw, raw.label, spans))
    out.extend(pending)
    return out


def _merge_captions(items: list[tuple[RawRow, str, tuple]]) -> list[tuple[RawRow, str, tuple]]:
    """"Common stock, $0.10 par value:" over one row "Authorized shares - 40,000 ..." is one caption."""
    out: list[tuple[RawRow, str, tuple]] = []
    i = 0
    while i < len(items):
        raw, label, spans = items[i]
        if not any(raw.cells) and label.rstrip().endswith(":") and i + 1 < len(items):
            nxt_raw, nxt_label, nxt_spans = items[i + 1]
            after = items[i + 2] if i + 2 < len(items) else None
            single_child = after is None or after[0].indent <= raw.indent or not nxt_label
            if any(nxt_raw.cells) and _DETAIL_START.match(nxt_label) and single_child:
                merged = RawRow(label=f"{label} {nxt_label}", indent=raw.indent, cells=nxt_raw.cells,
                                line=nxt_raw.line, label_span=nxt_raw.label_span,
                                rule_above=nxt_raw.rule_above, bold=nxt_raw.bold)
                out.append((merged, merged.label, spans + nxt_spans))
                i += 2
                continue
        out.append((raw, label, spans))
        i += 1
    return out


def _row_kind(label: str, section: tuple[str, ...], raw: RawRow, statement: str = "") -> str:
    context = " ".join(section[-1:]) + " " + label
    texts = [c.text for c in raw.cells if c]
    if texts and sum("%" in t for t in texts) > len(texts) / 2:
        return "percent"
    if _COUNT.search(label) and not _MONEY_WORDS.search(label) and not any("$" in t for t in texts):
        return "count"  # "Stores open at end of period", "Number of employees"
    if statement == "cashflow" and not _CASH_FLOW_COUNT.search(label) and not _PER_SHARE.search(label):
        return "amount"  # "Common shares purchased" in a cash-flow statement is the money paid
    if _SHARE_COUNT.search(label) and not _EARNINGS_START.match(label):
        return "shares"  # "Common shares used in the calculations of basic earnings per share"
    if section and _SHARE_COUNT.search(section[-1]) and not _MONEY_WORDS.search(label) \
            and not _PER_SHARE.search(label):
        return "shares"  # "Basic", "Class A common stock" under "Weighted average shares outstanding:"
    if section and _DILUTIVE.search(section[-1]):
        return "shares"  # "Employee stock options" under "Dilutive effect of:"
    if _PER_SHARE.search(label) or (_PER_SHARE.search(context) and _is_basic_diluted(label)):
        return "per_share"
    if _STOCK_CAPTION.search(label) or re.match(r"^\s*(?:common|preferred|treasury|capital)\s+stock", label, re.I) \
            or re.search(r"\bpar\s+value\b|\bat\s+cost\b|\bauthorized\b", label, re.I):
        return "amount"  # "Common shares, par value $5.00 - 1,200,000,000 shares authorized" is money
    if _SHARES.search(label) and not _MONEY_WORDS.search(label):
        return "shares"
    if _is_basic_diluted(label) and _SHARES.search(context):
        return "shares"
    return "amount"


def _is_basic_diluted(label: str) -> bool:
    return bool(re.match(r"^\s*(?:basic|diluted|primary|fully\s+diluted|assuming\s+dilution)\b", label, re.I))


def _amount(cell) -> Amount | None:
    if cell is None:
        return None
    parsed = parse_amount(cell.text)
    if parsed is None or parsed.value is None:
        return None
    return Amount(value=parsed.value, decimals=parsed.decimals, dash=parsed.dash, raw=cell)
