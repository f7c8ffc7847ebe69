"""``export``: a batch's OUTDIR as two warehouse tables, in CSV or Parquet.

    facts    filing, entity, concept, period_start, period_end, unit, value, decimals,
             source_line, confidence                       one row per numeric fact
    filings  filing, entity, registrant_name, form_type, period_end, facts, status

Read from ``<stem>.json`` (xBRL-JSON), ``<stem>.provenance.json`` (source line, confidence; written
by ``batch``) and the last line per input of ``manifest.jsonl`` (status). Periods are dates as
printed: an instant has no start, a duration runs from its first to its last day. Both tables
are written filing by filing to a temporary file next to the target and renamed at the end.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, astuple, dataclass, fields
from pathlib import Path

from .batch import MANIFEST, Record, output_stem, read_manifest
from .errors import ConverterError
from .render import OIM_DOCUMENT_TYPE

FORMATS = ("csv", "parquet")
_PARQUET_BATCH_ROWS = 100_000


@dataclass(frozen=True)
class FactRow:
    filing: str
    entity: str  # as in the xBRL-JSON: cik:0000320193, or entity:REGISTRANT-NAME without a CIK
    concept: str
    period_start: dt.date | None  # None for an instant
    period_end: dt.date
    unit: str
    value: str  # decimal text, full units, XBRL sign
    decimals: int | None
    source_line: int | None
    confidence: float | None


@dataclass(frozen=True)
class FilingRow:
    filing: str
    entity: str
    registrant_name: str
    form_type: str
    period_end: dt.date | None
    facts: int  # rows of this filing in the facts table
    status: str  # ok | invalid | failed (last batch run); empty when converted without batch


def export(outdir: Path, fmt: str, prefix: Path) -> tuple[tuple[Path, int], tuple[Path, int]]:
    """Write ``<prefix>.facts.<fmt>`` and ``<prefix>.filings.<fmt>``; return (path, rows) of each."""
    if not outdir.is_dir():
        raise ConverterError("not a folder of converted filings", path=str(outdir))
    if fmt not in FORMATS:
        raise ConverterError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    targets = (Path(f"{prefix}.facts.{fmt}"), Path(f"{prefix}.filings.{fmt}"))
    n_facts = n_filings = 0
    with _table(targets[0], FactRow, fmt) as facts_table, _table(targets[1], FilingRow, fmt) as filings_table:
        for filing, facts in read_outdir(outdir):
            facts_table.write(facts)
            filings_table.write([filing])
            n_facts, n_filings = n_facts + len(facts), n_filings + 1
    return (targets[0], n_facts), (targets[1], n_filings)


def read_outdir(outdir: Path) -> Iterator[tuple[FilingRow, list[FactRow]]]:
    """Each filing of OUTDIR in name order with its numeric facts (none for a failed one)."""
    latest = latest_records(outdir)
    stems = set(latest) | {path.name[:-len(".json")] for path in outdir.glob("*.json")
                           if not path.name.endswith((".problems.json", ".provenance.json"))}
    for stem in sorted(stems):
        record = latest.get(stem)
        status = "" if record is None else "ok" if record.status == "skipped" else record.status
        report = _xbrl_json(outdir / f"{stem}.json") if status != "failed" else None
        if report is None and record is None:
            continue  # some other JSON file
        if report is None:
            yield FilingRow(stem, "", "", "", None, 0, status or "failed"), []
            continue
        facts = fact_rows(stem, report, _provenance(outdir / f"{stem}.provenance.json"))
        yield filing_row(stem, report, len(facts), status), facts


def latest_records(outdir: Path) -> dict[str, Record]:
    """stem -> the last manifest line of the input behind it (one that wrote outputs wins a name clash)."""
    by_input = {record.input: record for record in read_manifest(outdir / MANIFEST)}
    by_stem: dict[str, Record] = {}
    for record in by_input.values():
        stem = output_stem(Path(record.input))
        if not (by_stem.get(stem) and by_stem[stem].outputs and not record.outputs):
            by_stem[stem] = record
    return by_stem


def fact_rows(stem: str, report: dict, provenance: dict) -> list[FactRow]:
    rows = []
    for fact_id, fact in report["facts"].items():
        dims = fact["dimensions"]
        if "unit" not in dims:
            continue  # cover (dei) text: in the filings table
        start, end = oim_period_dates(dims["period"])
        source = provenance.get(fact_id, {})
        rows.append(FactRow(stem, dims["entity"], dims["concept"], start, end, dims["unit"], fact["value"],
                            fact.get("decimals"), source.get("line"), source.get("confidence")))
    return rows


def filing_row(stem: str, report: dict, n_facts: int, status: str) -> FilingRow:
    cover = {f["dimensions"]["concept"]: f["value"] for f in report["facts"].values()
             if "unit" not in f["dimensions"]}
    entities = {f["dimensions"]["entity"] for f in report["facts"].values()}
    try:
        period_end = dt.date.fromisoformat(cover.get("dei:DocumentPeriodEndDate", ""))
    except ValueError:
        period_end = None
    return FilingRow(stem, min(entities, default=""), cover.get("dei:EntityRegistrantName", ""),
                     cover.get("dei:DocumentType", ""), period_end, n_facts, status)


def oim_period_dates(period: str) -> tuple[dt.date | None, dt.date]:
    """xBRL-JSON period -> (first day or None, last day): an instant at midnight is the day before's end."""
    start, _, end = period.rpartition("/")
    return (_moment(start, ends=False) if start else None), _moment(end, ends=True)


def _moment(text: str, ends: bool) -> dt.date:
    moment = dt.datetime.fromisoformat(text)
    if ends and moment.time() == dt.time(0):
        return moment.date() - dt.timedelta(days=1)
    return moment.date()


def _xbrl_json(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise ConverterError(f"cannot read the xBRL-JSON report: {exc}", path=str(path)) from exc
    is_oim = isinstance(data, dict) and data.get("documentInfo", {}).get("documentType") == OIM_DOCUMENT_TYPE
    return data if is_oim else None


def _provenance(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["facts"]
    except FileNotFoundError:
        return {}  # converted with ``convert``: no source lines or confidences
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConverterError(f"cannot read the provenance file: {exc}", path=str(path)) from exc


# --- writing ------------------------------------------------------------------------------------

@contextmanager
def _table(target: Path, row_type: type, fmt: str):
    """A writer of ``row_type`` rows into a temporary file renamed to ``target`` when all went well."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        writer = (CsvTable if fmt == "csv" else ParquetTable)(temp, row_type)
        try:
            yield writer
        finally:
            writer.close()
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


class CsvTable:
    """RFC 4180 CSV with a header line; dates ISO 8601, missing values empty."""

    def __init__(self, path: Path, row_type: type) -> None:
        self.handle = open(path, "w", encoding="utf-8", newline="")
        self.writer = csv.writer(self.handle)
        self.writer.writerow([f.name for f in fields(row_type)])

    def write(self, rows: list) -> None:
        self.writer.writerows([_csv_cell(v) for v in astuple(row)] for row in rows)

    def close(self) -> None:
        self.handle.close()


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else value


class ParquetTable:
    """Parquet through pyarrow: typed columns (dates as date32, missing values null)."""

    def __init__(self, path: Path, row_type: type) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as exc:
            raise ConverterError("Parquet export needs pyarrow: pip install 'legacy2xbrl[parquet]'") from exc
        types = {"str": pa.string(), "int": pa.int64(), "int | None": pa.int64(), "float | None": pa.float64(),
                 "dt.date": pa.date32(), "dt.date | None": pa.date32()}
        self.table = pa.Table
        self.schema = pa.schema([(f.name, types[f.type]) for f in fields(row_type)])
        self.writer = pq.ParquetWriter(str(path), self.schema)
        self.rows: list = []

    def write(self, rows: list) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= _PARQUET_BATCH_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            self.writer.write_table(self.table.from_pylist([asdict(row) for row in self.rows], schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self._flush()
        self.writer.close()
