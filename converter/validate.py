"""Stage 8: outputs -> ``ValidationReport``: Arelle in-process and offline, plus JSON Schema.

Arelle runs with the shipped taxonomy package (or a user's official package), Calculations 1.1
(``calcs="c11r"``), UTR checks and inconsistent-duplicate checks switched on. ``run()`` returns
True even when errors were logged, so the verdict comes from the messages' levels; a run whose
taxonomy could not be loaded (IOerror, missing references, no facts' concepts) is an error.
One Arelle Session at a time per process, a fresh one per document.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ValidationFailed
from .render import check_json
from .taxonomy_package import package_zip

_TAXONOMY_NOT_LOADED = ("IOerror", "ix11.12.1.2:missingReferences", "xbrl.5.1.1:schemaImportMissing",
                        "xmlSchema:elementUnexpected", "ix11.10.1.1:unknownConcept", "xbrl:schemaDefinitionMissing")
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Message:
    level: str  # error | warning | info
    code: str
    text: str
    refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class ValidationReport:
    path: str
    facts: int
    messages: tuple[Message, ...] = field(default=())
    taxonomy_loaded: bool = True

    @property
    def errors(self) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if m.level == "error")

    @property
    def warnings(self) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if m.level == "warning")

    @property
    def ok(self) -> bool:
        return self.taxonomy_loaded and not self.errors

    def summary(self) -> str:
        return f"{self.facts} facts, {len(self.errors)} errors, {len(self.warnings)} warnings"


def _level(name: str) -> str:
    name = (name or "").upper()
    if name in ("ERROR", "CRITICAL", "FATAL", "ERROR-SEMANTIC", "INCONSISTENCY"):
        return "error"
    if name in ("WARNING", "WARN"):
        return "warning"
    return "info"


def run_arelle(entry: Path, packages: list[str] | None = None, plugins: str | None = None,
               plugin_options: dict | None = None) -> tuple[list[dict], int]:
    """Run Arelle on ``entry``; return its structured messages and the number of facts loaded."""
    try:
        from arelle.api.Session import Session
        from arelle.RuntimeOptions import RuntimeOptions
    except ImportError as exc:  # pragma: no cover - arelle-release is a dependency
        raise ValidationFailed(f"Arelle is not installed: {exc}") from exc
    options = dict(entrypointFile=str(entry), validate=True, internetConnectivity="offline", calcs="c11r",
                   utrValidate=True, validateDuplicateFacts="inconsistent", keepOpen=True,
                   logFile="logToStructuredMessage", logPropagate=False,
                   packages=packages if packages is not None else [str(package_zip())])
    if plugins:
        options["plugins"] = plugins
    with _LOCK:
        try:
            runtime = RuntimeOptions(pluginOptions=plugin_options, **options)
            with Session() as session:
                session.run(runtime)
                messages = list(session.get_log_messages())
                facts = sum(len(model.facts) for model in session.get_models())
        except Exception as exc:  # noqa: BLE001 - Arelle raises many kinds; wrap them all
            raise ValidationFailed(f"Arelle could not run: {type(exc).__name__}: {exc}", path=str(entry)) from exc
    return messages, facts


def validate_ixbrl(entry: Path, packages: list[str] | None = None) -> ValidationReport:
    raw, facts = run_arelle(entry, packages)
    messages = []
    loaded = True
    for item in raw:
        level = _level(item.get("levelname", ""))
        code = item.get("messageCode", "")
        if level == "info":
            continue
        refs = tuple(str(r.get("href", "")) for r in item.get("refs", []) if isinstance(r, dict))
        messages.append(Message(level, code, str(item.get("msg", "")), refs))
        if code in _TAXONOMY_NOT_LOADED:
            loaded = False
    if not loaded:
        messages.append(Message("error", "legacy2xbrl:taxonomyNotLoaded",
                                "the taxonomy could not be loaded offline: this is not a pass"))
    return ValidationReport(str(entry), facts, tuple(messages), loaded)


def validate_json_file(path: Path) -> ValidationReport:
    """JSON Schema check of an xBRL-JSON file written by us."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        check_json(data, "xbrl-json.schema.json", str(path))
    except (OSError, ValueError) as exc:
        return ValidationReport(str(path), 0, (Message("error", "json:unreadable", str(exc)),))
    except Exception as exc:  # RenderError from check_json
        return ValidationReport(str(path), len(data.get("facts", {})),
                                (Message("error", "json:schema", str(exc)),))
    return ValidationReport(str(path), len(data["facts"]))


def arelle_oim_json(entry: Path, out: Path, packages: list[str] | None = None) -> dict:
    """Arelle's own xBRL-JSON conversion of an (inline) XBRL document."""
    run_arelle(entry, packages, plugins="saveLoadableOIM", plugin_options={"saveLoadableOIM": str(out)})
    try:
        return json.loads(out.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationFailed(f"Arelle wrote no xBRL-JSON: {exc}", path=str(entry)) from exc
