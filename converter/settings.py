"""Conversion options: one frozen dataclass whose checks name the bad field."""
from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Options:
    validate: bool = True
    max_input_bytes: int = 64 * 1024 * 1024
    max_table_rows: int = 3000
    max_table_columns: int = 40
    min_confidence: float = 0.5  # a row mapped below this becomes an extension concept
    mapping_file: str | None = None
    taxonomy_package: str | None = None
    time_budget_seconds: float = 0.0  # batch mode: 0 means no limit

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name.startswith("max_") and (not isinstance(value, int) or value <= 0):
                raise ValueError(f"Options.{f.name} must be a positive integer, got {value!r}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"Options.min_confidence must be in [0, 1], got {self.min_confidence!r}")
        if self.time_budget_seconds < 0:
            raise ValueError(f"Options.time_budget_seconds must be >= 0, got {self.time_budget_seconds!r}")
