"""``legacy2xbrl validate PATH...``: registered into the main parser by ``register``.

A PATH is an Inline XBRL document (``<stem>.xhtml``, with ``<stem>.xsd`` and its linkbases beside
it), an xBRL-JSON report (``<stem>.json``) or a folder (every ``<stem>.xhtml`` and ``<stem>.json``
in it). Files are paired by stem: the JSON is compared with the iXBRL beside it. Exit codes: 0
clean, 1 a file failed (errors, or warnings with ``--fail-on warning``; a taxonomy that did not
load), 2 usage, 3 internal error. Results go to stdout, the summary line to stderr.
"""
from __future__ import annotations

import argparse
import sys
import time
import zipfile
from pathlib import Path

from .checks import Output, message, validate_output
from .errors import ValidationFailed
from .read_filing import stem_of
from .report_formats import FAIL_ON, fails, json_text, junit_xml, summary, text_lines, write_atomically
from .validate import ValidationReport

EXIT_OK, EXIT_FAILED = 0, 1
_TAXONOMY_REMEDY = ("--taxonomy-package must be taxonomy package zips (META-INF/taxonomyPackage.xml and "
                    "META-INF/catalog.xml) that together map https://xbrl.fasb.org/us-gaap/2023/ and "
                    "https://xbrl.sec.gov/dei/2023/; repeat the option for each package")
_EXTENSION_REMEDY = ("check that each <stem>.xhtml is well-formed and that <stem>.xsd and its _cal/_pre/_lab.xml "
                     "linkbases are beside it")


def register(sub) -> dict:
    """Add this module's subcommands to ``sub``; return {name: handler(args) -> exit code}."""
    parser = sub.add_parser(
        "validate", help="validate converted outputs (iXBRL, xBRL-JSON, folders) for CI",
        description="Validate Inline XBRL (<stem>.xhtml with its extension taxonomy), xBRL-JSON (<stem>.json) "
                    "and output folders offline with Arelle (XBRL 2.1, Inline XBRL 1.1, dimensions, "
                    "calculations 1.1), the JSON Schema and legacy2xbrl's own checks (balance sheet, "
                    "calculation totals, iXBRL = JSON, duplicates, provenance, problems file). "
                    "Exit 0 clean, 1 failed, 2 usage error, 3 internal error.")
    parser.add_argument("paths", nargs="+", type=_target, metavar="PATH",
                        help="a <stem>.xhtml, a <stem>.json or a folder of outputs")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="results on stdout: one line per file and its messages (text), or a JSON list")
    parser.add_argument("--junit", type=_junit_file, metavar="FILE",
                        help="also write a JUnit XML report: one testcase per file")
    parser.add_argument("--fail-on", choices=FAIL_ON, default="error",
                        help="what makes a file fail: errors (default), or warnings too")
    parser.add_argument("--taxonomy-package", type=package_path, action="append", metavar="ZIP",
                        help="validate against this taxonomy package (e.g. the official us-gaap 2023 package) "
                             "instead of the shipped subset; repeat it for several packages (us-gaap, dei)")
    return {"validate": cmd_validate}


# --- arguments --------------------------------------------------------------------------------

def output_kind(path: Path, in_folder: bool = False) -> str | None:
    """"ixbrl", "json" or None (not ours to validate). A folder's .htm files are inputs, not outputs."""
    name = path.name.lower()
    if name.endswith((".problems.json", ".provenance.json")):
        return None
    if name.endswith(".json"):
        return "json"
    if name.endswith(".xhtml") or (not in_folder and name.endswith((".htm", ".html"))):
        return "ixbrl"
    return None


def _target(text: str) -> Path:
    path = Path(text)
    if path.is_dir():
        return path
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{text!r} does not exist")
    if output_kind(path) is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not an Inline XBRL document (.xhtml), an xBRL-JSON "
                                         f"report (.json) or a folder")
    return path


def package_path(text: str) -> Path:
    path = Path(text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"taxonomy package {text!r} does not exist")
    if not zipfile.is_zipfile(path):
        raise argparse.ArgumentTypeError(f"taxonomy package {text!r} is not a zip file")
    return path


def _junit_file(text: str) -> Path:
    path = Path(text)
    if path.is_dir() or not path.parent.is_dir():
        raise argparse.ArgumentTypeError(f"cannot write the JUnit report to {text!r}: not a file in an existing folder")
    return path


# --- which files ------------------------------------------------------------------------------

def _stem(path: Path) -> str:
    return stem_of(path)


def collect_outputs(paths: list[Path]) -> tuple[list[Output], list[Path]]:
    """The filings to validate, paired by stem, and the folders that hold nothing to validate."""
    groups: dict[tuple[Path, str], dict[str, Path]] = {}
    empty = []
    for path in paths:
        if path.is_dir():
            files = [p for p in sorted(path.iterdir())
                     if p.is_file() and not p.name.startswith(".") and output_kind(p, in_folder=True)]
            if not files:
                empty.append(path)
        else:
            files = [path]
        for file in files:
            key = (file.resolve().parent, _stem(file))
            groups.setdefault(key, {})[output_kind(file)] = file
    return [_output(asked) for asked in groups.values()], empty


def _output(asked: dict[str, Path]) -> Output:
    some = asked.get("ixbrl") or asked["json"]
    beside_ixbrl, beside_json = some.with_name(f"{_stem(some)}.xhtml"), some.with_name(f"{_stem(some)}.json")
    ixbrl = asked.get("ixbrl") or (beside_ixbrl if beside_ixbrl.is_file() else None)
    jsonf = asked.get("json") or (beside_json if beside_json.is_file() else None)
    return Output(ixbrl, jsonf, report_ixbrl="ixbrl" in asked, report_json="json" in asked)


# --- the command ------------------------------------------------------------------------------

def cmd_validate(args: argparse.Namespace) -> int:
    packages = [str(p) for p in args.taxonomy_package] if args.taxonomy_package else None
    outputs, empty = collect_outputs(args.paths)
    reports: list[ValidationReport] = []
    times: dict[str, float] = {}
    for folder in empty:
        _emit(args, reports, [ValidationReport(str(folder), 0, (message(
            "error", "nothingToValidate", f"{folder} holds no <stem>.xhtml or <stem>.json"),))])
    for output in outputs:
        started = time.monotonic()
        done = validate_output(output, packages)
        for report in done:
            times[report.path] = (time.monotonic() - started) / len(done)
        _emit(args, reports, done)
    if args.format == "json":
        sys.stdout.write(json_text(reports, args.fail_on))
    if args.junit:
        try:
            write_atomically(args.junit, junit_xml(reports, args.fail_on, times))
        except OSError as exc:
            raise ValidationFailed(f"cannot write the JUnit report: {exc}", path=str(args.junit)) from exc
    unloaded = [r.path for r in reports if not r.taxonomy_loaded]
    if unloaded:
        print(f"error: {len(unloaded)} file(s) could not be validated because the taxonomy did not load: "
              f"{_TAXONOMY_REMEDY if packages else _EXTENSION_REMEDY}", file=sys.stderr)
    print(summary(reports, args.fail_on), file=sys.stderr)
    return EXIT_FAILED if any(fails(r, args.fail_on) for r in reports) else EXIT_OK


def _emit(args: argparse.Namespace, reports: list[ValidationReport], done: list[ValidationReport]) -> None:
    """Keep the results; in text format print each file's lines as soon as it is validated."""
    reports.extend(done)
    if args.format == "text":
        for report in done:
            print("\n".join(text_lines(report, args.fail_on)), flush=True)
