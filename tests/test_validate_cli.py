"""``legacy2xbrl validate``: a clean conversion passes; each kind of tampering fails with its code.

The sample 8-K is converted once per module; each test tampers with its own copy.
"""
from __future__ import annotations

import json
import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import SAMPLE

from converter.checks import balance_sheet, duplicate_facts, provenance, same_facts
from converter.cli import main
from converter.validate import FactRecord

STEM = SAMPLE.name.rsplit(".", 1)[0]
XHTML, JSON = f"{STEM}.xhtml", f"{STEM}.json"


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("converted")
    assert main(["convert", str(SAMPLE), "-o", str(out)]) == 0
    return out


@pytest.fixture
def outputs(converted, tmp_path) -> Path:
    """A private copy of the converted folder, to tamper with."""
    return Path(shutil.copytree(converted, tmp_path / "out"))


def validate(capsys, *args) -> tuple[int, list[dict], str]:
    """Run ``legacy2xbrl validate --format json ARGS``: exit code, per-file results, stderr."""
    code = main(["validate", "--format", "json", *map(str, args)])
    captured = capsys.readouterr()
    return code, (json.loads(captured.out) if captured.out.strip() else []), captured.err


def codes(results: list[dict], name: str) -> set[str]:
    return {m["code"] for r in results if Path(r["path"]).name == name for m in r["messages"]}


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def nonfraction(fact_id: str) -> str:
    """The opening tag of the ix:nonFraction with ``fact_id``, as rendered."""
    return f'id="{fact_id}" decimals="-3" scale="3" format="ixt:num-dot-decimal">'


# --- a clean conversion ----------------------------------------------------------------------

def test_clean_conversion_validates_with_exit_0_and_a_junit_report(outputs, tmp_path, capsys):
    junit = tmp_path / "report.xml"
    assert main(["validate", str(outputs), "--junit", str(junit)]) == 0
    captured = capsys.readouterr()
    assert f"{outputs / XHTML}: ok: " in captured.out and f"{outputs / JSON}: ok: " in captured.out
    assert re.search(r"2 files, \d+ facts, 0 errors, 0 warnings", captured.err)
    suite = ET.parse(junit).getroot()
    assert suite.tag == "testsuite" and suite.get("failures") == "0"
    assert sorted(case.get("name") for case in suite.iter("testcase")) == sorted(
        [str(outputs / JSON), str(outputs / XHTML)])
    assert not list(suite.iter("failure"))
    assert not list(tmp_path.glob(".report.xml.*"))  # written atomically: no temporary file left


def test_format_json_lists_each_file_with_its_facts(outputs, capsys):
    code, results, _ = validate(capsys, outputs / XHTML, outputs / JSON)
    assert code == 0
    assert [Path(r["path"]).name for r in results] == [XHTML, JSON]
    assert all(r["status"] == "ok" and r["facts"] > 100 and r["messages"] == [] for r in results)


# --- tampered outputs --------------------------------------------------------------------------

def test_changed_number_breaks_a_total(outputs, tmp_path, capsys):
    # prepaid expenses 2,115 -> 9,115 (thousands): total current assets 18,570 no longer foots
    edit(outputs / XHTML, nonfraction("f7") + "2,115<", nonfraction("f7") + "9,115<")
    junit = tmp_path / "report.xml"
    code, results, _ = validate(capsys, outputs, "--junit", junit)
    assert code == 1
    expected = {"calc11e:inconsistentCalculationUsingRounding", "legacy2xbrl:calculationDoesNotFoot"}
    assert expected <= codes(results, XHTML)
    assert "legacy2xbrl:jsonFactValueDiffers" in codes(results, JSON)  # the JSON still says 2,115
    cases = {case.get("name"): case for case in ET.parse(junit).getroot().iter("testcase")}
    assert set(cases) == {str(outputs / XHTML), str(outputs / JSON)}
    failures = [f.get("type") for f in cases[str(outputs / XHTML)].iter("failure")]
    assert "legacy2xbrl:calculationDoesNotFoot" in failures


def test_removed_context_is_an_error(outputs, capsys):
    text = (outputs / XHTML).read_text(encoding="utf-8")
    context = re.search(r'<xbrli:context id="i20021130">.*?</xbrli:context>\n', text).group(0)
    (outputs / XHTML).write_text(text.replace(context, ""), encoding="utf-8")
    code, results, _ = validate(capsys, outputs)
    assert code == 1
    assert "ix11.10.1.2:contextReference" in codes(results, XHTML)


def test_instant_concept_in_a_duration_context_is_an_error(outputs, capsys):
    edit(outputs / XHTML, 'contextRef="i20031129" unitRef="usd" id="f7"',
         'contextRef="d20021201_20031129" unitRef="usd" id="f7"')
    code, results, _ = validate(capsys, outputs)
    assert code == 1
    assert "xbrl.4.7.2:contextPeriodType" in codes(results, XHTML)


def test_edited_json_value_differs_from_the_ixbrl(outputs, capsys):
    data = json.loads((outputs / JSON).read_text(encoding="utf-8"))
    data["facts"]["f5"]["value"] = str(Decimal(data["facts"]["f5"]["value"]) + 1000)
    (outputs / JSON).write_text(json.dumps(data), encoding="utf-8")
    code, results, _ = validate(capsys, outputs)
    assert code == 1
    by_name = {Path(r["path"]).name: r for r in results}
    assert by_name[XHTML]["status"] == "ok" and by_name[JSON]["status"] == "failed"
    assert codes(results, JSON) == {"legacy2xbrl:jsonFactValueDiffers"}
    assert any(f"{JSON}#f5" in m["refs"] for m in by_name[JSON]["messages"])


def test_number_moved_into_ix_hidden_has_no_provenance(outputs, capsys):
    text = (outputs / XHTML).read_text(encoding="utf-8")
    element = re.search(r'<ix:nonFraction [^>]*id="f7"[^>]*>([^<]*)</ix:nonFraction>', text)
    text = text.replace(element.group(0), element.group(1)).replace("<ix:hidden>", "<ix:hidden>" + element.group(0))
    (outputs / XHTML).write_text(text, encoding="utf-8")
    code, results, _ = validate(capsys, outputs / XHTML)
    assert code == 1 and "legacy2xbrl:numericFactHidden" in codes(results, XHTML)


def test_missing_problems_file_is_an_error(outputs, capsys):
    (outputs / f"{STEM}.problems.json").unlink()
    code, results, _ = validate(capsys, outputs / XHTML)
    assert code == 1 and codes(results, XHTML) == {"legacy2xbrl:problemsFileMissing"}


# --- a taxonomy that does not load is never a pass ----------------------------------------------

def test_empty_taxonomy_package_is_an_error(outputs, tmp_path, capsys):
    empty = tmp_path / "empty.zip"
    zipfile.ZipFile(empty, "w").close()
    code, results, err = validate(capsys, outputs, "--taxonomy-package", empty)
    assert code == 1
    assert "legacy2xbrl:taxonomyNotLoaded" in codes(results, XHTML)
    assert "legacy2xbrl:inlineXbrlNotLoaded" in codes(results, JSON)
    assert all(r["status"] == "failed" for r in results)
    assert "taxonomy did not load" in err


def test_deleted_extension_schema_is_an_error(outputs, capsys):
    (outputs / f"{STEM}.xsd").unlink()
    code, results, _ = validate(capsys, outputs / XHTML)
    assert code == 1
    assert results[0]["taxonomyLoaded"] is False
    assert "legacy2xbrl:taxonomyNotLoaded" in codes(results, XHTML)


# --- exit codes ----------------------------------------------------------------------------------

def test_fail_on_warning_makes_warnings_fail(outputs, capsys):
    (outputs / JSON).unlink()  # the iXBRL alone: a warning that its JSON is missing
    code, results, _ = validate(capsys, outputs)
    assert code == 0 and codes(results, XHTML) == {"legacy2xbrl:jsonMissing"}
    code, results, _ = validate(capsys, outputs, "--fail-on", "warning")
    assert code == 1 and results[0]["status"] == "failed"


def test_usage_errors_exit_2(outputs, tmp_path, capsys):
    not_a_zip = tmp_path / "package.zip"
    not_a_zip.write_text("not a zip", encoding="utf-8")
    assert main(["validate", str(outputs), "--taxonomy-package", str(not_a_zip)]) == 2
    assert main(["validate", str(outputs), "--taxonomy-package", str(tmp_path / "missing.zip")]) == 2
    assert main(["validate", str(tmp_path / "no-such-file.xhtml")]) == 2
    assert main(["validate", str(outputs / f"{STEM}.xsd")]) == 2
    assert main(["validate", str(outputs), "--fail-on", "info"]) == 2
    assert main(["validate"]) == 2


def test_folder_with_nothing_to_validate_fails(tmp_path, capsys):
    code, results, _ = validate(capsys, tmp_path)
    assert code == 1 and codes(results, tmp_path.name) == {"legacy2xbrl:nothingToValidate"}


# --- the checks on their own -----------------------------------------------------------------

USD = "{http://www.xbrl.org/2003/iso4217}USD"
GAAP = "{http://fasb.org/us-gaap/2023}"


def fact(fact_id: str, concept: str, value: str, decimals: int | None = -3, hidden: bool = False) -> FactRecord:
    return FactRecord(fact_id, GAAP + concept, "{http://www.sec.gov/CIK}0000001", "2003-11-30T00:00:00", USD,
                      value, decimals, numeric=True, hidden=hidden)


@pytest.mark.parametrize("assets, liabilities, decimals, balances", [
    ("46365000", "46365000", -3, True),
    ("46365000", "46365400", -3, True),    # within the rounding of thousands
    ("46365000", "46366000", -3, True),    # 46,365 +/- 0.5 meets 46,366 +/- 0.5
    ("46365000", "46367000", -3, False),
    ("46365000", "46365001", None, False),  # exact (INF) amounts must be equal
])
def test_balance_sheet_balances_within_decimals(assets, liabilities, decimals, balances):
    facts = [fact("a", "Assets", assets, decimals),
             fact("l", "LiabilitiesAndStockholdersEquity", liabilities, decimals)]
    found = balance_sheet(facts, "x.xhtml")
    assert (found == []) is balances
    assert all(m.code == "legacy2xbrl:balanceSheetDoesNotBalance" and "x.xhtml#a" in m.refs for m in found)


def test_duplicates_with_different_values_are_reported():
    same = [fact("a", "Assets", "100000"), fact("b", "Assets", "100000")]
    different = [fact("a", "Assets", "100000"), fact("b", "Assets", "200000")]
    assert duplicate_facts(same, "x") == []
    assert [m.code for m in duplicate_facts(different, "x")] == ["legacy2xbrl:inconsistentDuplicateFacts"]


def test_hidden_numbers_have_no_provenance():
    found = provenance([fact("a", "Assets", "1", hidden=True), fact("b", "Assets", "1")], "x.xhtml")
    assert [(m.code, m.refs) for m in found] == [("legacy2xbrl:numericFactHidden", ("x.xhtml#a",))]


def test_json_facts_are_compared_by_meaning_not_by_id():
    ixbrl = [fact("f1", "Assets", "100000"), fact("f2", "Goodwill", "5000")]
    renamed = [fact("x9", "Goodwill", "5000"), fact("x8", "Assets", "100000")]
    assert same_facts(ixbrl, renamed, "x.xhtml", "x.json") == []
    missing_and_extra = [fact("f1", "Assets", "100000"), fact("f3", "Inventory", "1000")]
    found = {m.code for m in same_facts(ixbrl, missing_and_extra, "x.xhtml", "x.json")}
    assert found == {"legacy2xbrl:jsonFactMissing", "legacy2xbrl:jsonFactNotInInlineXbrl"}
