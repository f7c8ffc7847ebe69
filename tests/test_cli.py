"""The command line: every subcommand has help and appears in the README; usage errors exit 2."""
from __future__ import annotations

from pathlib import Path

import pytest

from converter.cli import COMMANDS, main, parser

parser()  # subcommand modules register themselves into COMMANDS

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_subcommand_has_help_and_is_documented(command, capsys):
    assert main([command, "--help"]) == 0
    assert "usage:" in capsys.readouterr().out
    assert f"legacy2xbrl {command}" in README


def test_usage_errors_exit_2(capsys):
    assert main([]) == 2
    assert main(["convert"]) == 2
    assert main(["no-such-command"]) == 2


def test_concepts_command(capsys):
    assert main(["concepts", "goodwill"]) == 0
    assert "us-gaap:Goodwill" in capsys.readouterr().out


def test_explain_shows_concepts_and_reasons(capsys):
    from conftest import SAMPLE

    assert main(["explain", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "us-gaap:InterestExpense" in out and "balance#" in out or "income#" in out


def test_module_entry_point():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "converter", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and "legacy2xbrl" in result.stdout
