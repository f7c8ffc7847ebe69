"""Shared fixtures: the sample filing converted once per session, and helpers to read facts."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "innovo-8k-2004-03-01.txt"


def fact_set(oim: dict) -> set[tuple]:
    """(concept local name, period, unit, value) of every numeric fact of an xBRL-JSON report."""
    out = set()
    for fact in oim["facts"].values():
        dims = fact["dimensions"]
        if "unit" not in dims:
            continue
        out.add((dims["concept"].split(":")[-1], dims["period"], dims["unit"], Decimal(fact["value"])))
    return out


def text_facts(oim: dict) -> dict[str, str]:
    return {f["dimensions"]["concept"].split(":")[-1]: f["value"]
            for f in oim["facts"].values() if "unit" not in f["dimensions"]}


@pytest.fixture(scope="session")
def sample_outputs(tmp_path_factory) -> tuple[Path, dict]:
    """The sample 8-K converted and validated through the CLI: (output folder, stdout/exit)."""
    from converter.cli import main

    out = tmp_path_factory.mktemp("sample")
    code = main(["convert", str(SAMPLE), "-o", str(out)])
    return out, {"exit": code}


@pytest.fixture(scope="session")
def sample_json(sample_outputs) -> dict:
    out, _ = sample_outputs
    return json.loads((out / "innovo-8k-2004-03-01.json").read_text(encoding="utf-8"))
