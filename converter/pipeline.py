"""``convert(path, options)`` runs the stages in order and keeps every intermediate;
``write_outputs`` writes them atomically (temporary folder inside OUTDIR, validate, rename).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from .build_facts import TAGGED_STATEMENTS, build_report
from .columns import FilingContext
from .cover import extract_cover
from .crosscheck import cross_check
from .errors import ConverterError, reading
from .find_tables import find_tables
from .map_concepts import MapSettings, map_table, override_rules
from .parse_table import parse_table
from .periods import ended_dates
from .read_filing import DATA_DOCUMENT_TYPES, read_filing
from .records import CoverFacts, Filing, MappedTable, Problem, RawTable, Report, StatementTable
from .render import render_ixbrl, render_json, render_problems, render_taxonomy
from .settings import Options
from .validate import ValidationReport, validate_ixbrl

SKIPPED_DOCUMENT_TYPES = DATA_DOCUMENT_TYPES  # schedules and binaries: no statements to read


@dataclass(frozen=True)
class Conversion:
    filing: Filing
    cover: CoverFacts
    tables: tuple[RawTable, ...]
    statements: tuple[StatementTable, ...]
    mapped: tuple[MappedTable, ...]
    report: Report
    outputs: dict[str, str] = field(default_factory=dict)  # file name -> text
    validation: ValidationReport | None = None

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.report.problems

    @property
    def ixbrl_name(self) -> str:
        return f"{self.report.stem}.xhtml"


def filing_context(cover: CoverFacts, known_ends: tuple = ()) -> FilingContext:
    form = cover.get("DocumentType") or ""
    periodic = form.upper().startswith(("10-", "10K", "10Q", "20-F", "40-F", "11-K"))
    # an 8-K's date is the event's, not a period end
    return FilingContext(form_type=form, fiscal_year_end=cover.fiscal_year_end,
                         period_end=cover.period_end if periodic else None, known_ends=known_ends)


def extract_statements(filing: Filing, cover: CoverFacts,
                       options: Options) -> tuple[list[RawTable], list[StatementTable], list[Problem]]:
    problems: list[Problem] = []
    raw_tables: list[RawTable] = []
    for doc in filing.documents:
        if doc.type.startswith(SKIPPED_DOCUMENT_TYPES):
            continue
        for table in find_tables(doc):
            if len(table.rows) > options.max_table_rows or table.n_columns > options.max_table_columns:
                problems.append(Problem("warning", "table.too_large",
                                        f"table at line {table.first_line} has {len(table.rows)} rows and "
                                        f"{table.n_columns} columns, over the limits; skipped"))
                continue
            raw_tables.append(table)
    first = [parse_table(t, filing_context(cover)) for t in raw_tables]
    instants = {c.period.end for s, _ in first if s.statement == "balance" for c in s.columns if c.period}
    for doc in filing.documents:
        if not doc.is_html and not doc.type.startswith(SKIPPED_DOCUMENT_TYPES):
            instants |= ended_dates(doc.text)
    instants = tuple(sorted(instants))
    titled = {s.statement for s, _ in first if s.classification_confidence == 1.0}
    statements = []
    for (table, table_problems), raw in zip(first, raw_tables):
        if table.statement != "balance" and instants:
            table, table_problems = parse_table(raw, filing_context(cover, instants))
        if table.classification_confidence < 1.0 and table.statement in titled:
            # the filing titles its own statements: an untitled look-alike is a note or summary
            table = replace(table, statement="other")
            table_problems = [p for p in table_problems if p.code != "table.classification.uncertain"]
        statements.append(table)
        if table.statement in TAGGED_STATEMENTS:  # a skipped table is reported once, as skipped
            problems.extend(table_problems)
    return raw_tables, statements, problems


def convert(path: str | Path, options: Options | None = None, render: bool = True) -> Conversion:
    options = options or Options()
    with reading(str(path)):
        filing = read_filing(path, options)
        cover, cover_problems = extract_cover(filing)
        raw_tables, statements, problems = extract_statements(filing, cover, options)
        problems = list(filing.problems) + list(cover_problems) + problems
        overrides = override_rules(options.mapping_file) if options.mapping_file else ()
        settings = MapSettings(options.min_confidence, overrides,
                               f"{cover.get('EntityRegistrantName') or ''} {cover.cik}")
        mapped = []
        for table in statements:
            if table.statement not in TAGGED_STATEMENTS:
                problems.append(_skipped(table))
                continue
            if not any(c.period for c in table.columns):
                problems.append(Problem("warning", "table.skipped.no_periods",
                                        f"{table.statement} table at line {table.raw.first_line} ({table.title!r}): "
                                        f"no column has a period; not tagged"))
                continue
            result, map_problems = map_table(table, settings)
            mapped.append(result)
            problems.extend(map_problems)
        report = build_report(filing.stem, cover, mapped, problems)
        report = replace(report, problems=report.problems + tuple(cross_check(filing, report)))
        conversion = Conversion(filing, cover, tuple(raw_tables), tuple(statements), tuple(mapped), report)
        return with_outputs(conversion) if render else conversion


def _skipped(table: StatementTable) -> Problem:
    what = {"equity": "statement of stockholders' equity (columns are equity components)",
            "other": "not a primary financial statement"}.get(table.statement, table.statement)
    level = "info" if table.statement == "other" else "warning"
    return Problem(level, f"table.skipped.{table.statement}",
                   f"table at line {table.raw.first_line} ({table.title or 'untitled'!r}): {what}; not tagged")


def with_outputs(conversion: Conversion) -> Conversion:
    report = conversion.report
    page, unplaced = render_ixbrl(conversion.filing, report)
    if unplaced:  # a number we could not wrap where it stands is not reported anywhere
        report = drop_facts(report, unplaced)
        page, _ = render_ixbrl(conversion.filing, report)
    outputs = {conversion.ixbrl_name: page}
    outputs.update(render_taxonomy(report))
    outputs[f"{report.stem}.json"] = render_json(report)
    outputs[f"{report.stem}.problems.json"] = render_problems(report.stem, report.problems)
    return replace(conversion, report=report, outputs=outputs)


def drop_facts(report: Report, ids: set[str]) -> Report:
    dropped = [f for f in report.facts if f.id in ids]
    problems = [Problem("warning", "render.not_placed",
                        f"{f.concept.qname} {f.value}: the number could not be wrapped in place; not tagged",
                        f.source) for f in dropped]
    return replace(report, facts=tuple(f for f in report.facts if f.id not in ids),
                   problems=report.problems + tuple(problems))


def write_outputs(conversion: Conversion, outdir: str | Path, validate: bool = True,
                  packages: list[str] | None = None) -> tuple[list[Path], ValidationReport | None]:
    """Write every output into ``outdir`` atomically; validate them first when asked."""
    outdir = Path(outdir)
    source = Path(conversion.filing.path).resolve()
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{conversion.report.stem}.", dir=outdir))
    except OSError as exc:
        raise ConverterError(f"cannot write to {outdir}: {exc.strerror or exc}", path=str(source)) from exc
    try:
        for name, text in conversion.outputs.items():
            if (outdir / name).resolve() == source:
                raise ConverterError(f"output {name} would overwrite the input file", path=str(source))
            (staging / name).write_text(text, encoding="utf-8")
        report = validate_ixbrl(staging / conversion.ixbrl_name, packages) if validate else None
        if report is not None:
            report = replace(report, path=str(outdir / conversion.ixbrl_name))
        written = []
        for name in conversion.outputs:
            os.replace(staging / name, outdir / name)
            written.append(outdir / name)
        return written, report
    except OSError as exc:
        raise ConverterError(f"cannot write to {outdir}: {exc.strerror or exc}", path=str(source)) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
