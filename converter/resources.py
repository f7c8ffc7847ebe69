"""Locate the data folders shipped with the package (``taxonomy/``, ``templates/``, ``schemas/``).

In a wheel they live in ``converter/_data/``; in a source checkout at the top of the repository.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .errors import TaxonomyError

_HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def data_dir(name: str) -> Path:
    for candidate in (_HERE / "_data" / name, _HERE.parent / name):
        if candidate.is_dir():
            return candidate
    raise TaxonomyError(f"data folder {name!r} not found beside the package ({_HERE})")


def taxonomy_dir() -> Path:
    return data_dir("taxonomy")


def templates_dir() -> Path:
    return data_dir("templates")


def schemas_dir() -> Path:
    return data_dir("schemas")
