"""Figures printed inside balance-sheet row captions, captured as parenthetical facts.

    "net of allowance of $2,158 (2003) and $383 (2002)"       -> allowance per column
    "Common stock, $.01 par value; 10,000,000 shares authorized; 4,200,000 and 4,100,000 shares
     issued"                                                   -> par value, shares authorized, issued
    "Treasury stock, 71 (2003) and 58 (2002)"                  -> treasury shares per column

Only clear cases are taken: one figure per column, in column order or tied to the columns'
years or dates ("$150 and $210 at December 31, 2004 and June 30, 2005, respectively"). Share
counts printed small take the scale the heading gives share counts ("(In thousands)", not
"except share data"); a million or more is in full.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from .amounts import parse_amount
from .periods import YEAR, parse_date
from .records import SourceSpan, StatementTable

_NUM = r"\$?\s?\d[\d,]*(?:\.\d+)?"
_YEAR_TAG = r"(?:\s*\((?:19|20)\d\d\))?"


@dataclass(frozen=True)
class CaptionFigure:
    concept: str
    row: int
    column: int
    value: Decimal
    kind: str  # amount | shares | per_share
    scale: int
    decimals: int
    span: SourceSpan


_PATTERNS = (
    ("AllowanceForDoubtfulAccountsReceivableCurrent", "amount",
     re.compile(rf"(?:net\s+of|less)\s+(?:an?\s+)?allowances?(?:\s+for\s+[a-z ]+?)?(?:\s+and\s+[a-z ]+?)?\s+of\s+"
                rf"(?P<list>{_NUM}{_YEAR_TAG}(?:\s*(?:\(|and|,)\s*{_NUM}{_YEAR_TAG})?)", re.I)),
    ("CommonStockParOrStatedValuePerShare", "per_share",
     re.compile(r"(?:common|capital)\s+(?:stock|shares)[^;]*?(?:(?P<list>\$\s?\d*\.\d+|\$\s?\d+)\s+par\s+value|"
                r"par\s+value\s+(?P<list2>\$\s?\d*\.?\d+))", re.I)),
    ("CommonStockSharesAuthorized", "shares",
     re.compile(r"(?:common|capital)\s+(?:stock|shares)[^;]*?(?:(?P<list>\d[\d,]*)\s+shares\s+authorized|"
                r"authorized\s+(?:shares\s*)?[-:\u2013\u2014]?\s*(?P<list2>\d[\d,]*))", re.I)),
    ("CommonStockSharesIssued", "shares",
     re.compile(rf"(?:common|capital)\s+(?:stock|shares).*?(?:issued(?:\s+and\s+outstanding)?(?:\s+shares)?\s*[-:\u2013\u2014]?"
                rf"\s*(?P<list>\d[\d,]*{_YEAR_TAG}(?:\s*(?:and|,)\s*\d[\d,]*{_YEAR_TAG})?)(?![\d,]*\s+shares\s+authorized))",
                re.I)),
    ("TreasuryStockShares", "shares",
     re.compile(rf"treasury\s+(?:stock|shares)\D{{0,30}}?(?P<list>\d[\d,]*{_YEAR_TAG}\s*(?:and|,)\s*\d[\d,]*{_YEAR_TAG})"
                rf"(?!\s*\))", re.I)),
)


def caption_figures(table: StatementTable) -> list[CaptionFigure]:
    if table.statement != "balance":
        return []
    columns = [c for c in table.columns if c.period is not None]
    out: list[CaptionFigure] = []
    for row in table.rows:
        if not any(row.values) or not row.label_spans:
            continue
        text = " ".join(span.text for span in row.label_spans)
        for concept, kind, pattern in _PATTERNS:
            match = pattern.search(text)
            printed = match and (match.group("list") or match.groupdict().get("list2"))
            if not printed:
                continue
            figures = _figures(printed)
            tied = _respectively(text[text.find(printed) + len(printed):])
            if len(tied) == len(figures):
                figures = [(figure, when) for (figure, _), when in zip(figures, tied)]
            spans = _spans(row, [f for f, _ in figures], text.find(printed))
            chosen = _per_column(list(zip(figures, spans)), columns)
            for column, ((figure, _), span) in zip(columns, chosen or []):
                made = _figure(concept, kind, row, column.index, figure, table, span)
                if made:
                    out.append(made)
    return out


def _figures(text: str) -> list[tuple[str, int | None]]:
    """("2,158", 2003) pairs in printed order."""
    return [(m.group(1).rstrip(","), int(m.group(2)) if m.group(2) else None)
            for m in re.finditer(r"(\$?\s?\d[\d,]*(?:\.\d+)?)(?:\s*\(((?:19|20)\d\d)\))?", text)
            if not re.fullmatch(r"(?:19|20)\d\d", m.group(1).strip())]


def _respectively(after: str) -> list[dt.date | int]:
    """The dates (or years) a caption ties its figures to, in order: "... at December 31, 2004 and
    June 30, 2005, respectively". Empty when the caption does not say "respectively"."""
    end = re.search(r"\brespectively\b", after, re.I)
    if not end:
        return []
    between = after[:end.start()]
    dates = [parse_date(m.group(0)) for m in re.finditer(r"[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+(?:19|20)\d\d", between)]
    if dates and all(dates):
        return dates
    return [int(year) for year in YEAR.findall(between)]


def _per_column(items: list, columns) -> list | None:
    """One (figure, span) per column, following the years printed beside the figures or else the
    columns' order. A single figure ("40,000 shares authorized") is not spread over the columns:
    whether it holds at every date is the reader's guess, not the filing's."""
    if len(items) != len(columns) or len(items) < 2:
        return None
    whens = [figure[1] for figure, _ in items]
    if all(whens):
        by_when = {when: item for item, when in zip(items, whens)}
        chosen = [by_when.get(c.period.end if isinstance(whens[0], dt.date) else c.period.end.year) for c in columns]
        return chosen if all(chosen) else None
    return items


def _figure(concept: str, kind: str, row, column: int, printed: str, table: StatementTable,
            span: SourceSpan | None) -> CaptionFigure | None:
    parsed = parse_amount(printed.replace(" ", ""))
    if span is None or parsed is None or parsed.value is None:
        return None
    if kind == "per_share":
        scale = 0
    elif kind == "shares":
        scale = table.shares_scale if parsed.value < 1_000_000 else 0
    else:
        scale = table.scale
    return CaptionFigure(concept, row.index, column, parsed.value, kind, scale, parsed.decimals, span)


def _spans(row, printed: list[str], start_at: int) -> list[SourceSpan | None]:
    """Where each figure is printed, in order (the same number twice is two places)."""
    located: list[SourceSpan | None] = []
    offset = 0  # position in the caption's lines joined by one space, as in ``caption_figures``
    cursor = max(0, start_at)
    for figure in printed:
        needle = figure.strip().lstrip("$").strip()
        found = None
        offset = 0
        for span in row.label_spans:
            local = cursor - offset
            at = span.text.find(needle, max(0, local))
            if at >= 0 and offset + at >= cursor:
                cursor = offset + at + len(needle)
                found = (SourceSpan(span.document, span.line, 0, len(needle), needle, span.path) if span.path else
                         SourceSpan(span.document, span.line, span.start + at, span.start + at + len(needle), needle))
                break
            offset += len(span.text) + 1
        located.append(found)
    return located
