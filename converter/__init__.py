"""legacy2xbrl: legacy SEC EDGAR filings (1993-2008) -> Inline XBRL and xBRL-JSON.

Public API::

    from converter import convert, write_outputs, Options
    conversion = convert("filing.txt")            # every stage's result, nothing written
    paths, validation = write_outputs(conversion, "out/")
"""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import ConverterError, FilingError, RenderError, TableError, TaxonomyError, ValidationFailed  # noqa: E402
from .pipeline import Conversion, convert, write_outputs  # noqa: E402
from .settings import Options  # noqa: E402
from .validate import ValidationReport, validate_ixbrl  # noqa: E402

__all__ = [
    "Conversion", "ConverterError", "FilingError", "Options", "RenderError", "TableError", "TaxonomyError",
    "ValidationFailed", "ValidationReport", "__version__", "convert", "validate_ixbrl", "write_outputs",
]
