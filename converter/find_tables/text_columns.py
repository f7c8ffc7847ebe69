"""Plain-text finder, columns: where a region's values line up.

    region_to_columns   right edges of the values clustered into ``ColumnBand``s; a column needs
                        two values (or one in a short table)
    assign              the column a value belongs to: right-aligned with its figures, or (a dash)
                        set within its extent
    label_zone_only     a line that stays left of every column: row labels, never headings
"""
from __future__ import annotations

from dataclasses import dataclass

from .text_lines import Line, Token


@dataclass
class ColumnBand:
    edge: int  # typical right edge of the digits
    left: int  # leftmost start of a value
    right: int  # rightmost end of a value

    @property
    def center(self) -> float:
        return (self.left + self.right) / 2


def region_to_columns(lines: list[Line]) -> list[ColumnBand]:
    """Cluster the right edges of values; a column needs two values (or one in a short table)."""
    edges: dict[int, list[Token]] = {}
    for line in lines:
        for token in line.run:
            edges.setdefault(token.edge, []).append(token)
    clusters: list[list[int]] = []
    for edge in sorted(edges):
        if clusters and edge - clusters[-1][-1] <= 2:
            clusters[-1].append(edge)
        else:
            clusters.append([edge])
    min_support = 2 if sum(bool(line.run) for line in lines) > 3 else 1
    bands = []
    for cluster in clusters:
        tokens = [t for e in cluster for t in edges[e]]
        if len(tokens) < min_support:
            continue
        numeric = [t for t in tokens if any(ch.isdigit() for ch in t.text)]
        weights = numeric or tokens
        typical = max(cluster, key=lambda e: sum(1 for t in weights if t.edge == e))
        bands.append(ColumnBand(typical, min(t.start for t in tokens), max(t.end for t in tokens)))
    return bands


def assign(token: Token, bands: list[ColumnBand]) -> int | None:
    best, best_distance = None, 99
    for i, band in enumerate(bands):
        if any(ch.isdigit() for ch in token.text):
            distance = abs(token.edge - band.edge)
        else:  # a dash is centred or right-aligned within the column
            distance = 0 if band.left - 1 <= token.start and token.end <= band.right + 2 else \
                min(abs(token.end - band.right), abs(token.edge - band.edge))
        if distance < best_distance:
            best, best_distance = i, distance
    return best if best_distance <= 3 else None


def label_zone_only(line: Line, zone_left: int) -> bool:
    return len(line.text.rstrip()) <= zone_left
