"""Command line: ``legacy2xbrl convert|explain|concepts ...``.

Exit codes: 0 everything converted and valid, 1 a file failed (bad input, validation errors),
2 usage error, 3 internal error, 130 interrupted. Data goes to stdout, messages to stderr.
"""
from __future__ import annotations

import argparse
import logging
import sys
import traceback
from dataclasses import replace
from pathlib import Path

from . import __version__, cli_batch, cli_validate
from .errors import ConverterError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="legacy2xbrl", description=(
        "Convert legacy (1993-2008) SEC EDGAR filings into validated Inline XBRL and xBRL-JSON."))
    parser.add_argument("--version", action="version", version=f"legacy2xbrl {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    convert = sub.add_parser("convert", help="convert filings (.txt submissions, text or HTML documents)",
                             description="Convert each FILE and write OUTDIR/<stem>.xhtml (Inline XBRL), "
                                         "<stem>.json (xBRL-JSON), the extension taxonomy and <stem>.problems.json.")
    convert.add_argument("files", nargs="+", metavar="FILE", type=Path)
    convert.add_argument("-o", "--output", required=True, type=Path, metavar="OUTDIR", help="output folder")
    add_conversion_options(convert)
    convert.add_argument("--no-validate", action="store_true", help="skip the Arelle validation")
    convert.add_argument("--taxonomy-package", type=cli_validate.package_path, action="append", metavar="ZIP",
                         help="validate against this taxonomy package (e.g. the official us-gaap 2023 package) "
                              "instead of the shipped subset; repeat it for several packages")

    explain = sub.add_parser("explain", help="show each tagged row with its concept, confidence and reason")
    explain.add_argument("file", type=Path, metavar="FILE")
    add_conversion_options(explain)

    concepts = sub.add_parser("concepts", help="look up concepts by name or label")
    concepts.add_argument("query", nargs="+", metavar="SEARCH")
    concepts.add_argument("--limit", type=int, default=25)
    for module in (cli_validate, cli_batch):
        COMMANDS.update(module.register(sub))
    return parser


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive number")
    return value


LIMITS = ("max_input_bytes", "max_line_chars", "max_table_rows", "max_table_columns")


def add_conversion_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--mapping", type=Path, metavar="FILE",
                        help="mapping overrides (JSON, see schemas/mapping-rules.schema.json)")
    parser.add_argument("--max-input-bytes", type=positive_int, metavar="N", help="refuse inputs larger than N bytes")
    parser.add_argument("--max-line-chars", type=positive_int, metavar="N",
                        help="refuse plain-text documents with a line longer than N characters")
    parser.add_argument("--max-table-rows", type=positive_int, metavar="N", help="skip tables with more rows")
    parser.add_argument("--max-table-columns", type=positive_int, metavar="N", help="skip tables with more columns")


def conversion_options(args: argparse.Namespace):
    from .settings import Options

    options = Options()
    if getattr(args, "mapping", None):
        options = replace(options, mapping_file=str(args.mapping))
    limits = {name: getattr(args, name) for name in LIMITS if getattr(args, name, None)}
    return replace(options, **limits)


def cmd_convert(args: argparse.Namespace) -> int:
    from .pipeline import convert, write_outputs
    from .read_filing import stem_of

    options = conversion_options(args)
    packages = [str(p) for p in args.taxonomy_package] if args.taxonomy_package else None
    failed = done = 0
    stems: dict[str, Path] = {}
    for path in args.files:
        stem = stem_of(path)
        if stem in stems:
            print(f"{path}: error: same output name {stem!r} as {stems[stem]}; skipped", file=sys.stderr)
            failed += 1
            continue
        stems[stem] = path
        try:
            conversion = convert(path, options)
            written, report = write_outputs(conversion, args.output, validate=not args.no_validate,
                                            packages=packages)
        except ConverterError as exc:
            print(f"error: {exc}" if str(path) in str(exc) else f"{path}: error: {exc}", file=sys.stderr)
            failed += 1
            continue
        facts = len(conversion.report.facts) + len(conversion.report.text_facts)
        if report is None:
            print(f"{path}: {facts} facts, not validated -> {written[0]}")
        else:
            print(f"{path}: {report.summary()} -> {written[0]}")
            for message in report.errors[:20]:
                print(f"{path}: {message.code}: {message.text}", file=sys.stderr)
            if not report.ok:
                failed += 1
                continue
        done += 1
    print(f"{done} converted, {failed} failed", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from .pipeline import convert

    conversion = convert(args.file, conversion_options(args), render=False)
    for mapped in conversion.mapped:
        table = mapped.statement
        print(f"== {table.statement}: {table.title} (line {table.raw.first_line})")
        for m in mapped.rows:
            row = table.rows[m.row]
            sign = "" if m.sign > 0 else " [sign -]"
            alts = f" (also: {', '.join(m.alternatives)})" if m.alternatives else ""
            print(f"  L{row.line:<5} {row.label[:48]:48} -> {m.concept.qname} {m.confidence:.2f}{sign} "
                  f"{m.role}: {m.reason}{alts}")
    for problem in conversion.problems:
        if problem.code.startswith(("map.", "table.", "arith.", "period.")):
            print(f"  {problem.level}: {problem.code}: {problem.message}")
    return EXIT_OK


def cmd_concepts(args: argparse.Namespace) -> int:
    from .concepts import search

    found = search(" ".join(args.query), args.limit)
    for concept in found:
        balance = concept.balance or "-"
        print(f"{concept.qname:70} {concept.period_type:8} {balance:6} {concept.type:28} {concept.label}")
    return EXIT_OK if found else EXIT_FAILED


COMMANDS = {"convert": cmd_convert, "explain": cmd_explain, "concepts": cmd_concepts}
PARSER = None  # built on first use: subcommand modules register into COMMANDS then


def parser() -> argparse.ArgumentParser:
    global PARSER
    if PARSER is None:
        PARSER = _parser()
    return PARSER


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    if not args.command:
        parser().print_help(sys.stderr)
        return EXIT_USAGE
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        return COMMANDS[args.command](args)
    except ConverterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:  # noqa: BLE001 - the last line of defence: report, never a bare traceback exit
        print("internal error (please report it):", file=sys.stderr)
        traceback.print_exc()
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
