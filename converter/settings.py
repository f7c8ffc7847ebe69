"""Conversion options: one frozen dataclass whose checks name the bad field.

The ``max_`` limits bound the work done on hostile input; each is refused with a clear error
(``FilingError``) or reported as a skipped table (``table.too_large``), never silently cut.
"""
from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Options:
    validate: bool = True
    max_input_bytes: int = 64 * 1024 * 1024  # checked with stat before a byte is read
    max_line_chars: int = 10_000  # longest line of a plain-text document or <pre> block
    max_table_rows: int = 3000
    max_table_columns: int = 40
    min_confidence: float = 0.5  # a row mapped below this becomes an extension concept
    mapping_file: str | None = None
    taxonomy_package: str | None = None
    time_budget_seconds: float = 0.0  # batch mode: 0 means no limit

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name.startswith("max_") and (not isinstance(value, int) or isinstance(value, bool) or value <= 0):
                raise ValueError(f"Options.{f.name} must be a positive integer, got {value!r}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"Options.min_confidence must be in [0, 1], got {self.min_confidence!r}")
        if self.time_budget_seconds < 0:
            raise ValueError(f"Options.time_budget_seconds must be >= 0, got {self.time_budget_seconds!r}")
