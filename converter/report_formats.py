"""Validation results as text, JSON and JUnit XML, and the verdict a pipeline acts on.

    text      one line per file (ok/FAILED, facts, errors, warnings), then its messages
    json      a list of per-file results: path, status, facts, counts, messages (level, code, text, refs)
    junit     one <testsuite>, one <testcase> per file named by its path, a <failure> per failing message

``fail_on`` is "error" (errors fail a file) or "warning" (warnings fail it too).
"""
from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.etree import ElementTree as ET

from .validate import Message, ValidationReport

FAIL_ON = ("error", "warning")
_TEXT_REFS = 5
_TEXT_PER_CODE = 10


def failing(report: ValidationReport, fail_on: str = "error") -> tuple[Message, ...]:
    """The messages that make ``report`` fail under ``fail_on``."""
    levels = ("error", "warning") if fail_on == "warning" else ("error",)
    return tuple(m for m in report.messages if m.level in levels)


def fails(report: ValidationReport, fail_on: str = "error") -> bool:
    return not report.taxonomy_loaded or bool(failing(report, fail_on))


def status(report: ValidationReport, fail_on: str = "error") -> str:
    return "FAILED" if fails(report, fail_on) else "ok"


def summary(reports: Sequence[ValidationReport], fail_on: str = "error") -> str:
    errors = sum(len(r.errors) for r in reports)
    warnings = sum(len(r.warnings) for r in reports)
    failed = sum(fails(r, fail_on) for r in reports)
    facts = sum(r.facts for r in reports)
    return (f"{len(reports)} files, {facts} facts, {errors} errors, {warnings} warnings: "
            f"{failed} failed (--fail-on {fail_on})")


# --- text -------------------------------------------------------------------------------------

def text_lines(report: ValidationReport, fail_on: str = "error") -> list[str]:
    """The file's verdict, then its messages (at most ``_TEXT_PER_CODE`` of each code; JSON has all)."""
    lines = [f"{report.path}: {status(report, fail_on)}: {report.summary()}"]
    shown: Counter[str] = Counter()
    for m in report.messages:
        shown[m.code] += 1
        if shown[m.code] > _TEXT_PER_CODE:
            continue
        refs = ", ".join(m.refs[:_TEXT_REFS]) + (", ..." if len(m.refs) > _TEXT_REFS else "")
        lines.append(f"  {m.level} {m.code}: {m.text}" + (f" [{refs}]" if refs else ""))
    for code, count in shown.items():
        if count > _TEXT_PER_CODE:
            lines.append(f"  ... and {count - _TEXT_PER_CODE} more {code} (see --format json)")
    return lines


# --- JSON -------------------------------------------------------------------------------------

def result_data(report: ValidationReport, fail_on: str = "error") -> dict:
    return {"path": report.path, "status": status(report, fail_on).lower(), "facts": report.facts,
            "errors": len(report.errors), "warnings": len(report.warnings),
            "taxonomyLoaded": report.taxonomy_loaded,
            "messages": [{"level": m.level, "code": m.code, "text": m.text, "refs": list(m.refs)}
                         for m in report.messages]}


def json_text(reports: Iterable[ValidationReport], fail_on: str = "error") -> str:
    return json.dumps([result_data(r, fail_on) for r in reports], indent=1, ensure_ascii=False) + "\n"


# --- JUnit XML --------------------------------------------------------------------------------

def junit_xml(reports: Sequence[ValidationReport], fail_on: str = "error",
              times: dict[str, float] | None = None) -> bytes:
    times = times or {}
    suite = ET.Element("testsuite", name="legacy2xbrl validate", tests=str(len(reports)),
                       failures=str(sum(fails(r, fail_on) for r in reports)), errors="0", skipped="0",
                       time=f"{sum(times.values()):.3f}")
    for report in reports:
        case = ET.SubElement(suite, "testcase", name=report.path, classname="legacy2xbrl.validate",
                             file=report.path, time=f"{times.get(report.path, 0.0):.3f}")
        bad = failing(report, fail_on)
        if fails(report, fail_on) and not bad:  # cannot happen with our reports; never a silent pass
            bad = (Message("error", "legacy2xbrl:taxonomyNotLoaded", "the taxonomy could not be loaded"),)
        for m in bad:
            failure = ET.SubElement(case, "failure", message=f"{m.code}: {m.text}"[:500], type=m.code)
            failure.text = "\n".join([f"{m.level} {m.code}: {m.text}", *m.refs])
        rest = [m for m in report.messages if m not in bad]
        if rest:
            ET.SubElement(case, "system-out").text = "\n".join(f"{m.level} {m.code}: {m.text}" for m in rest)
    ET.indent(suite)
    return ET.tostring(suite, encoding="utf-8", xml_declaration=True) + b"\n"


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it over ``path``."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; a report is for others to read
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
