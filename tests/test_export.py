"""``legacy2xbrl export``: facts and filings tables, checked against numbers read off the sample
8-K by hand (Total assets $46,365 thousand at November 29, 2003, on line 381 of the file;
Net sales $83,129 thousand for the twelve months ended November 29, 2003, on line 431)."""
from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE

from converter.cli import main
from converter.errors import ConverterError
from converter.export import export, oim_period_dates

STEM = SAMPLE.name.rsplit(".", 1)[0]


@pytest.fixture(scope="module")
def outdir(tmp_path_factory) -> Path:
    """The sample and an empty file, converted by ``batch`` (no validation: not the point here)."""
    folder = tmp_path_factory.mktemp("export")
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    out = folder / "out"
    assert main(["batch", str(SAMPLE), str(empty), "-o", str(out), "--jobs", "1", "--no-validate"]) == 1
    return out


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_facts_hold_hand_checked_values(outdir, tmp_path, capsys):
    assert main(["export", str(outdir), "-o", str(tmp_path / "edgar")]) == 0
    assert f"{tmp_path / 'edgar'}.facts.csv" in capsys.readouterr().out
    facts = read_csv(tmp_path / "edgar.facts.csv")
    assets = [f for f in facts if f["concept"] == "us-gaap:Assets" and f["period_end"] == "2003-11-29"]
    assert assets == [{"filing": STEM, "entity": "entity:INNOVO-GROUP-INC", "concept": "us-gaap:Assets",
                       "period_start": "", "period_end": "2003-11-29", "unit": "iso4217:USD",
                       "value": "46365000", "decimals": "-3", "source_line": "381",
                       "confidence": assets[0]["confidence"]}]
    assert 0.5 <= float(assets[0]["confidence"]) <= 1.0
    sales = [f for f in facts if f["concept"] == "us-gaap:Revenues" and f["value"] == "83129000"]
    assert [(f["period_start"], f["period_end"], f["source_line"]) for f in sales] == [
        ("2002-12-01", "2003-11-29", "431")]
    assert all(f["unit"] for f in facts)  # numeric facts only: the cover is in the filings table


def test_csv_filings_table(outdir, tmp_path):
    export(outdir, "csv", tmp_path / "edgar")
    filings = {row["filing"]: row for row in read_csv(tmp_path / "edgar.filings.csv")}
    n_facts = len(read_csv(tmp_path / "edgar.facts.csv"))
    assert filings[STEM] == {"filing": STEM, "entity": "entity:INNOVO-GROUP-INC",
                             "registrant_name": "INNOVO GROUP INC.", "form_type": "8-K",
                             "period_end": "2004-03-01", "facts": str(n_facts), "status": "ok"}
    assert filings["empty"] == {"filing": "empty", "entity": "", "registrant_name": "", "form_type": "",
                                "period_end": "", "facts": "0", "status": "failed"}


def test_parquet_has_the_same_rows_typed(outdir, tmp_path):
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    (facts_path, n_facts), (filings_path, n_filings) = export(outdir, "parquet", tmp_path / "edgar")
    facts = pq.read_table(facts_path).to_pylist()
    assert len(facts) == n_facts and n_filings == 2
    assets = [f for f in facts if f["concept"] == "us-gaap:Assets" and f["period_end"] == dt.date(2003, 11, 29)]
    assert [(f["period_start"], f["value"], f["decimals"], f["source_line"]) for f in assets] == [
        (None, "46365000", -3, 381)]
    filings = {row["filing"]: row for row in pq.read_table(filings_path).to_pylist()}
    assert filings[STEM]["period_end"] == dt.date(2004, 3, 1) and filings["empty"]["status"] == "failed"


def test_parquet_without_pyarrow_names_the_extra(outdir, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    with pytest.raises(ConverterError, match=r"legacy2xbrl\[parquet\]"):
        export(outdir, "parquet", tmp_path / "edgar")
    assert list(tmp_path.iterdir()) == []


def test_a_convert_folder_exports_without_provenance(sample_outputs, tmp_path):
    out, _ = sample_outputs
    (facts_path, n_facts), (filings_path, _) = export(out, "csv", tmp_path / "plain")
    facts = read_csv(facts_path)
    assert n_facts == len(facts) > 100 and {f["source_line"] for f in facts} == {""}
    assert [(row["filing"], row["status"]) for row in read_csv(filings_path)] == [(STEM, "")]


@pytest.mark.parametrize("period,expected", [
    ("2003-11-30T00:00:00", (None, dt.date(2003, 11, 29))),
    ("2002-12-01T00:00:00/2003-11-30T00:00:00", (dt.date(2002, 12, 1), dt.date(2003, 11, 29))),
    ("2004-03-01T00:00:00/2004-03-02T00:00:00", (dt.date(2004, 3, 1), dt.date(2004, 3, 1))),
])
def test_oim_periods_become_printed_dates(period, expected):
    assert oim_period_dates(period) == expected


def test_export_of_a_missing_folder_fails(tmp_path):
    assert main(["export", str(tmp_path / "nowhere")]) == 1
