"""``legacy2xbrl batch`` and ``legacy2xbrl export``: registered into the main parser by ``register``."""
from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

EXAMPLES = """examples:
  legacy2xbrl batch filings/ -o out                     # every .txt/.htm/.html under filings/
  legacy2xbrl batch --manifest todo.txt -o out --jobs 8 --time-budget 120
  legacy2xbrl batch filings/ -o /shared/out --dask tcp://scheduler:8786
  legacy2xbrl export out --format parquet -o warehouse/edgar
"""


def register(sub) -> dict:
    """Add this module's subcommands to ``sub``; return {name: handler(args) -> exit code}."""
    from .cli import add_conversion_options  # cli imports this module: import it once it is loaded
    from .cli_validate import package_path

    batch = sub.add_parser(
        "batch", help="convert many filings: resumable, in parallel, with a manifest",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXAMPLES,
        description="Convert every INPUT into OUTDIR as `convert` does, plus <stem>.provenance.json, and\n"
                    "append one JSON line per input to OUTDIR/manifest.jsonl. Run it again to resume:\n"
                    "inputs converted before with the same content and options are skipped.")
    batch.add_argument("inputs", nargs="*", type=Path, metavar="INPUT",
                       help="a filing, or a folder searched for .txt, .htm and .html filings")
    batch.add_argument("-o", "--output", required=True, type=Path, metavar="OUTDIR", help="output folder")
    batch.add_argument("--manifest", dest="lists", action="append", type=Path, default=[], metavar="FILE",
                       help="read inputs from FILE: one path a line (relative to FILE's folder), "
                            "# comments and blank lines ignored; may be repeated")
    batch.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                       help="worker processes (default: one per CPU, %(default)s here); 1 runs in this process")
    batch.add_argument("--time-budget", type=float, default=0.0, metavar="SECONDS",
                       help="stop a file that takes longer and report it failed (local workers only)")
    batch.add_argument("--dask", metavar="ADDRESS",
                       help="run on a Dask distributed scheduler (e.g. tcp://host:8786); OUTDIR must be "
                            "shared with the workers; needs legacy2xbrl[dask]")
    add_conversion_options(batch)
    batch.add_argument("--no-validate", action="store_true", help="skip the Arelle validation")
    batch.add_argument("--taxonomy-package", type=package_path, action="append", default=[], metavar="ZIP",
                       help="validate against this taxonomy package (e.g. the official us-gaap 2023 package) "
                            "instead of the shipped subset; repeat it for several packages")

    export = sub.add_parser(
        "export", help="write a batch's facts and filings as CSV or Parquet tables",
        description="Read OUTDIR (xBRL-JSON, provenance and manifest.jsonl) and write PREFIX.facts.FORMAT "
                    "(one row per numeric fact) and PREFIX.filings.FORMAT (one row per filing).")
    export.add_argument("outdir", type=Path, metavar="OUTDIR")
    export.add_argument("--format", choices=("csv", "parquet"), default="csv",
                        help="csv (default) or parquet (needs legacy2xbrl[parquet])")
    export.add_argument("-o", "--output", type=Path, metavar="FILE_PREFIX",
                        help="where to write (default: OUTDIR/export)")
    return {"batch": cmd_batch, "export": cmd_export}


def cmd_batch(args: argparse.Namespace) -> int:
    from .batch import BatchSettings, all_converted, collect_inputs, run_batch
    from .cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, conversion_options

    mistake = _usage_mistake(args)
    try:
        options = replace(conversion_options(args), validate=not args.no_validate, time_budget_seconds=args.time_budget)
    except ValueError as exc:  # Options names the bad field
        mistake = mistake or str(exc)
    inputs = [] if mistake else collect_inputs(args.inputs, args.lists, args.output)
    if not mistake and not inputs:
        mistake = "no input files found (looked for .txt, .htm and .html in folders)"
    if mistake:
        print(f"legacy2xbrl batch: error: {mistake}", file=sys.stderr)
        return EXIT_USAGE
    packages = tuple(str(path) for path in args.taxonomy_package)
    records = run_batch(inputs, BatchSettings(args.output, options, packages, args.jobs, args.dask))
    return EXIT_OK if all_converted(records) else EXIT_FAILED


def _usage_mistake(args: argparse.Namespace) -> str:
    if not args.inputs and not args.lists:
        return "give INPUT files or folders, or --manifest FILE"
    if args.jobs < 1:
        return f"--jobs must be 1 or more, got {args.jobs}"
    if args.time_budget and args.dask:
        return "--time-budget works with local workers only; on Dask, limit tasks with the cluster's own settings"
    return ""


def cmd_export(args: argparse.Namespace) -> int:
    from .cli import EXIT_OK
    from .export import export

    prefix = args.output or args.outdir / "export"
    for path, rows in export(args.outdir, args.format, prefix):
        print(f"{path}\t{rows} rows")
    return EXIT_OK
