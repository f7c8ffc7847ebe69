"""Batch conversion at scale: many filings into one OUTDIR, resumable, in parallel, measured.

    collect_inputs(paths, lists)     files, folders (recursive) and list files -> input paths
    plan_batch(inputs, settings)     OUTDIR/manifest.jsonl -> Tasks to run + "skipped" Records
    run_batch(inputs, settings)      runs the Tasks in-process, on a process pool or on Dask
    convert_one(task) -> Record      the per-file function every runner calls; never raises

Kill-safety: ``write_outputs`` stages a filing's files in a hidden folder inside OUTDIR and
renames them into place; only then does the parent append the filing's manifest line, with one
``write`` of the whole line and an ``fsync``. A line counts on resume only when every output it
names exists, so a run killed at any moment is finished by running it again.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from . import __version__
from .errors import ConverterError
from .progress import Progress
from .read_filing import stem_of
from .runners import run_in_pool, run_on_dask
from .settings import Options

try:  # one batch per OUTDIR at a time; Windows has no fcntl and goes without the lock
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

MANIFEST = "manifest.jsonl"
INPUT_SUFFIXES = (".txt", ".htm", ".html")
STATUSES = ("ok", "failed", "invalid", "skipped")
_STAGING = re.compile(r"^\.(?P<stem>.+)\.[a-z0-9_]{8}$")  # tempfile.mkdtemp(prefix=".<stem>.")


@dataclass(frozen=True)
class Task:
    input: str  # absolute path
    outdir: str
    options: Options
    packages: tuple[str, ...]  # taxonomy packages to validate with; () for the shipped subset
    options_hash: str

    @property
    def stem(self) -> str:
        return output_stem(Path(self.input))


@dataclass(frozen=True)
class Record:
    """One line of OUTDIR/manifest.jsonl: what became of one input in one run."""

    input: str
    sha256: str
    status: str  # ok | failed | invalid | skipped
    facts: int = 0
    errors: int = 0
    warnings: int = 0
    seconds: float = 0.0
    outputs: tuple[str, ...] = ()
    options: str = ""
    message: str = ""

    def to_line(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, data: object) -> Record | None:
        """The record a manifest line holds, or None when the line is not one of ours."""
        if not isinstance(data, dict) or data.get("status") not in STATUSES:
            return None
        try:
            values = {f.name: data[f.name] for f in fields(cls) if f.name in data}
            return cls(**{**values, "outputs": tuple(values.get("outputs", ()))})
        except TypeError:  # a field missing or of the wrong kind
            return None


@dataclass(frozen=True)
class BatchSettings:
    outdir: Path
    options: Options = Options()
    packages: tuple[str, ...] = ()
    jobs: int = 1
    dask_address: str | None = None


output_stem = stem_of  # the outputs' name, as read_filing names them


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def options_hash(options: Options, packages: tuple[str, ...] = ()) -> str:
    """What decides the outputs: converter version, options, and the content of the files they name."""
    described: dict = {f.name: getattr(options, f.name) for f in fields(options)}
    del described["time_budget_seconds"]  # how long we wait does not change what is written
    named = {"mapping_file": [options.mapping_file] if options.mapping_file else [], "packages": packages}
    for name, paths in named.items():
        try:
            described[name] = [file_sha256(path) for path in paths]
        except OSError as exc:
            raise ConverterError(f"cannot read {exc.filename}: {exc.strerror or exc}") from exc
    described["converter"] = __version__
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()[:16]


# --- inputs -------------------------------------------------------------------------------------

def collect_inputs(paths: Iterable[Path], lists: Iterable[Path] = (), outdir: Path | None = None) -> list[Path]:
    """Inputs in order, each once: files as given, folders searched for .txt/.htm/.html."""
    given = [*paths]
    for listing in lists:
        given.extend(read_input_list(listing))
    skip = outdir.resolve() if outdir else None
    found: dict[Path, None] = {}
    for path in given:
        for item in (_filings_under(path, skip) if path.is_dir() else [path]):
            found.setdefault(item.resolve(), None)
    return list(found)


def read_input_list(listing: Path) -> list[Path]:
    """One path a line, relative to the list's folder; blank lines and ``#`` comments ignored."""
    try:
        lines = listing.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConverterError(f"cannot read the input list: {exc}", path=str(listing)) from exc
    names = (line.strip() for line in lines)
    return [listing.parent / name for name in names if name and not name.startswith("#")]


def _filings_under(folder: Path, skip: Path | None) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if hidden or path.suffix.lower() not in INPUT_SUFFIXES or not path.is_file():
            continue
        if skip is None or not path.resolve().is_relative_to(skip):
            found.append(path)
    return sorted(found)


# --- manifest and resume ------------------------------------------------------------------------

def read_manifest(path: Path) -> list[Record]:
    """Every readable line; a line cut short by a kill (or any other unreadable line) is ignored."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    records = []
    for line in data.splitlines():
        try:
            record = Record.from_json(json.loads(line))
        except ValueError:  # JSONDecodeError and UnicodeDecodeError
            continue
        if record is not None:
            records.append(record)
    return records


def finished(records: Iterable[Record], outdir: Path) -> dict[tuple[str, str, str], Record]:
    """(stem, sha256, options) -> the last ok line whose outputs are all still there."""
    latest = {(output_stem(Path(r.input)), r.sha256, r.options): r
              for r in records if r.status in ("ok", "skipped") and r.outputs}
    return {key: r for key, r in latest.items() if all((outdir / name).is_file() for name in r.outputs)}


class ManifestWriter:
    """Appends records to OUTDIR/manifest.jsonl, each with one ``write`` and an ``fsync``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as exc:
            raise ConverterError(f"cannot write the manifest: {exc.strerror or exc}", path=str(path)) from exc
        if fcntl is not None:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(self.fd)
                raise ConverterError("another batch is writing to this folder; wait for it to finish",
                                     path=str(path.parent)) from None
        if _ends_mid_line(path):  # a line cut short by a kill must not swallow the next one
            self._write(b"\n")

    def append(self, record: Record) -> None:
        self._write(record.to_line().encode("utf-8"))

    def _write(self, data: bytes) -> None:
        while data:  # one write for a whole line on a local file; the loop only covers short writes
            data = data[os.write(self.fd, data):]
        os.fsync(self.fd)

    def close(self) -> None:
        os.close(self.fd)

    def __enter__(self) -> ManifestWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _ends_mid_line(path: Path) -> bool:
    with open(path, "rb") as handle:
        if handle.seek(0, os.SEEK_END) == 0:
            return False
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) != b"\n"


def plan_batch(inputs: list[Path], settings: BatchSettings) -> tuple[list[Task], list[Record]]:
    """Tasks still to run, and a record for each input that needs no run (done, or a name clash)."""
    outdir = settings.outdir
    digest_of_options = options_hash(settings.options, settings.packages)
    done = finished(read_manifest(outdir / MANIFEST), outdir)
    done_stems = {stem for stem, _, _ in done}
    tasks, records, stems = [], [], {}
    for path in inputs:
        stem = output_stem(path)
        if stem in stems:
            records.append(Record(str(path), "", "failed", options=digest_of_options,
                                  message=f"same output name {stem!r} as {stems[stem]}; not converted"))
            continue
        stems[stem] = path
        earlier = done.get((stem, _sha256_or_empty(path), digest_of_options)) if stem in done_stems else None
        if earlier:
            records.append(replace(earlier, input=str(path), status="skipped", seconds=0.0,
                                   message="unchanged since an earlier run (same content and options)"))
        else:
            tasks.append(Task(str(path), str(outdir), settings.options, settings.packages, digest_of_options))
    return tasks, records


def _sha256_or_empty(path: str | Path) -> str:
    try:
        return file_sha256(path)
    except OSError:
        return ""


def remove_stale_staging(outdir: Path, stems: set[str]) -> None:
    """Staging folders a killed run left behind (``write_outputs`` removes its own otherwise)."""
    for entry in outdir.iterdir():
        match = _STAGING.match(entry.name)
        if match and match["stem"] in stems and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)


# --- the per-file function ----------------------------------------------------------------------

def convert_one(task: Task) -> Record:
    """Convert one filing and write its outputs plus ``<stem>.provenance.json``; never raises."""
    from .pipeline import convert, write_outputs

    started = time.perf_counter()
    digest = _sha256_or_empty(task.input)
    packages = list(task.packages) or None
    try:
        conversion = convert(task.input, task.options)
        name = f"{conversion.report.stem}.provenance.json"
        conversion = replace(conversion, outputs={**conversion.outputs, name: provenance_json(conversion)})
        written, report = write_outputs(conversion, task.outdir, validate=task.options.validate, packages=packages)
    except ConverterError as exc:  # the line names the input already
        return failed(task, str(exc).removeprefix(f"{task.input}: "), time.perf_counter() - started, digest)
    except Exception as exc:  # noqa: BLE001 - a bug on one filing must not stop the others
        return failed(task, f"internal error (please report it): {type(exc).__name__}: {exc}",
                      time.perf_counter() - started, digest)
    facts = len(conversion.report.facts) + len(conversion.report.text_facts)
    errors, warnings = (report.errors, report.warnings) if report else ((), ())
    status = "ok" if report is None or report.ok else "invalid"
    message = "not validated" if report is None else "; ".join(f"{m.code}: {m.text}"[:300] for m in errors[:3])
    return Record(task.input, digest, status, facts, len(errors), len(warnings),
                  round(time.perf_counter() - started, 3), tuple(p.name for p in written), task.options_hash, message)


def failed(task: Task, message: str, seconds: float = 0.0, digest: str = "") -> Record:
    return Record(task.input, digest or _sha256_or_empty(task.input), "failed", seconds=round(seconds, 3),
                  options=task.options_hash, message=message)


def provenance_json(conversion) -> str:
    """Where each numeric fact came from and how sure the mapping was (not in xBRL-JSON)."""
    facts = {fact.id: {"document": fact.source.document, "line": fact.source.line, "start": fact.source.start,
                       "end": fact.source.end, "text": fact.source.text, "confidence": fact.confidence}
             for fact in conversion.report.facts}
    return json.dumps({"document": conversion.report.stem, "facts": facts}, indent=1, ensure_ascii=False) + "\n"


# --- running a batch ----------------------------------------------------------------------------

def run_batch(inputs: list[Path], settings: BatchSettings, stream=None) -> list[Record]:
    """Convert ``inputs`` into ``settings.outdir``; one manifest line per input; returns the records."""
    outdir = settings.outdir
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConverterError(f"cannot make the output folder: {exc.strerror or exc}", path=str(outdir)) from exc
    with ManifestWriter(outdir / MANIFEST) as manifest:
        tasks, records = plan_batch(inputs, settings)
        remove_stale_staging(outdir, {task.stem for task in tasks})
        progress = Progress(len(tasks), stream or sys.stderr)
        for record in records:
            manifest.append(record)
            if record.status == "failed":
                progress.say(f"failed: {record.input}: {record.message}")
        if records:
            progress.say(f"{len(inputs)} inputs: {len(tasks)} to convert, "
                         f"{sum(r.status == 'skipped' for r in records)} converted in an earlier run")

        def finish(record: Record) -> None:
            manifest.append(record)
            records.append(record)
            progress.update(record)

        budget = settings.options.time_budget_seconds
        if settings.dask_address:
            run_on_dask(tasks, convert_one, settings.dask_address, finish, failed)
        elif settings.jobs == 1 and not budget:  # a budget needs a worker process it can stop
            for task in tasks:
                finish(convert_one(task))
        elif tasks:
            run_in_pool(tasks, convert_one, min(settings.jobs, len(tasks)), budget, finish, failed)
        counts = Counter(r.status for r in records)
        progress.close({status: counts[status] for status in STATUSES})
    return records


def all_converted(records: Iterable[Record]) -> bool:
    """True when every input is converted and valid, in this run or an earlier one."""
    return all(r.status in ("ok", "skipped") for r in records)
