"""Shared fixtures: the sample filing converted once per session, and helpers to read facts."""
from __future__ import annotations

import json
import textwrap
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


def facts_of(tmp_path, body: str, name: str = "case.txt", head: str | None = None) -> dict[tuple[str, str], Decimal]:
    """Convert a tiny filing made of ``body`` (a hand-written statement excerpt) and return
    {(concept local name, "I:date" or "D<months>:end"): value}."""
    from converter.pipeline import convert

    if head is None:
        head = "FORM 10-K\nACME WIDGET CORP\n(Exact name of registrant as specified in its charter)\n\n"
    path = tmp_path / name
    path.write_text(head + textwrap.dedent(body), encoding="utf-8")
    conversion = convert(path, render=False)
    contexts = {c.id: c.period for c in conversion.report.contexts}
    out = {}
    for fact in conversion.report.facts:
        period = contexts[fact.context]
        key = f"I:{period.end}" if period.is_instant else f"D{period.months}:{period.end}"
        out[(fact.concept.name, key)] = fact.value
    return out
