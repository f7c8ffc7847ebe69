"""Errors raised by the converter.

    ConverterError            base: every error the converter raises on purpose
     +-- FilingError          the input cannot be read as a filing (empty, binary, too big, ...)
     +-- TableError           a table cannot be interpreted
     +-- TaxonomyError        concept data or the taxonomy package is missing or wrong
     +-- RenderError          an output could not be rendered or checked before writing
     +-- ValidationFailed     Arelle or a schema check could not run, or found errors

Messages name the file (and line where known) and quote bad text with ``!r``. Foreign
exceptions (lxml, Jinja, jsonschema, Arelle) are wrapped at the stage that calls the library.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator


class ConverterError(Exception):
    """Base class of the converter's own errors."""

    def __init__(self, message: str, *, path: str = "") -> None:
        super().__init__(message)
        self.path = path

    def __str__(self) -> str:
        msg = super().__str__()
        return f"{self.path}: {msg}" if self.path and not msg.startswith(self.path) else msg


class FilingError(ConverterError):
    """The input is not a readable EDGAR filing."""


class TableError(ConverterError):
    """A financial table could not be interpreted."""


class TaxonomyError(ConverterError):
    """Concept data or the offline taxonomy package is missing or inconsistent."""


class RenderError(ConverterError):
    """An output document could not be rendered or failed its pre-write check."""


class ValidationFailed(ConverterError):
    """Validation could not run or reported errors."""


@contextlib.contextmanager
def reading(path: str) -> Iterator[None]:
    """Attach ``path`` to converter errors raised inside the block that lack one."""
    try:
        yield
    except ConverterError as exc:
        if not exc.path:
            exc.path = path
        raise
