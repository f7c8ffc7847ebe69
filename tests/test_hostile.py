"""Hostile and broken input: fuzzed, bounded, safe; nothing lost, nothing half-written.

Every input below (built here from the sample filing, nothing downloaded) either converts
correctly or fails with one clear error naming the file and the problem: CLI exit 1 and one
``error:`` line, a ``ConverterError`` from the API. Never a traceback, never a hang (each run
happens in a forked child with a time limit), never an output that is not well-formed (every
written .xhtml/.xsd/.xml is parsed with lxml's default limits, every .json with ``json``), and
never a byte of a local file pulled in through an entity.
"""
from __future__ import annotations

import contextlib
import io
import json
import multiprocessing
import os
import random
import re
import time
import traceback
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SAMPLE, fact_set
from lxml import etree

from converter.cli import main

TIMEOUT = 60.0  # seconds for one conversion; every case here needs well under 2
SAMPLE_BYTES = SAMPLE.read_bytes()
SUFFIXES = (".xhtml", ".xsd", "_cal.xml", "_pre.xml", "_lab.xml", ".json", ".problems.json")
PASSWD = (Path("/etc/passwd").read_text(errors="replace").splitlines() or ["root:x:0:0"])[0] \
    if Path("/etc/passwd").exists() else "root:x:0:0"


# --- running a conversion in a child with a time limit ----------------------------------------

def in_child(function, *args, timeout: float = TIMEOUT):
    """``function(*args)`` in a forked child: its result, or ``("hang", seconds)`` when it runs
    past ``timeout`` (the child is killed), or ``("crash", traceback)``."""
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)

    def target() -> None:
        try:
            result = function(*args)
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, which fails the test
            result = ("crash", "".join(traceback.format_exception(exc)))
        writer.send(result)

    process = context.Process(target=target)
    process.start()
    writer.close()
    if not reader.poll(timeout):
        process.kill()
        process.join()
        return ("hang", timeout)
    try:
        result = reader.recv()
    except EOFError:  # the child died without a word (a signal, a crash in C)
        result = ("crash", f"the child ended with exit code {process.exitcode} and no result")
    process.join()
    return result


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if ": error: " in line or line.startswith("error:")]


def _cli(argv: list[str]) -> tuple:
    out, err = io.StringIO(), io.StringIO()
    start = time.monotonic()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return ("ok", code, out.getvalue(), err.getvalue(), time.monotonic() - start)


def run_cli(argv: list[str], timeout: float = TIMEOUT) -> Run:
    result = in_child(_cli, [str(a) for a in argv], timeout=timeout)
    if result[0] == "hang":
        pytest.fail(f"hang: {argv} still running after {timeout} s")
    if result[0] == "crash":
        pytest.fail(f"crash outside the CLI's error handling:\n{result[1]}")
    return Run(*result[1:])


def read_outputs(outdir: Path, stem: str) -> dict[str, bytes]:
    """The outputs of ``stem`` in ``outdir``, each checked: XML well-formed under lxml's default
    limits (no DTD, no entities, no network), JSON parsed; nothing else left in the folder."""
    expected = {stem + suffix for suffix in SUFFIXES}
    present = {p.name for p in outdir.iterdir()} if outdir.exists() else set()
    assert present <= expected, f"unexpected files or temporary folders left: {sorted(present - expected)}"
    safe = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    files = {}
    for name in sorted(present):
        path = outdir / name
        assert path.is_file() and path.resolve().parent == outdir.resolve()
        data = path.read_bytes()
        if name.endswith(".json"):
            json.loads(data.decode("utf-8"))
        else:
            tree = etree.fromstring(data, safe).getroottree()
            assert tree.docinfo.internalDTD is None, f"{name} carries a DTD"
        assert PASSWD.encode() not in data, f"{name} holds a line of /etc/passwd"
        files[name] = data
    return files


def convert_cli(tmp_path: Path, name: str, data: bytes, *options: str,
                timeout: float = TIMEOUT) -> tuple[Run, dict]:
    """Write ``data`` as ``name`` and convert it with the CLI (no validation unless asked)."""
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "out"
    args = ["convert", path, "-o", out, *options]
    if "--validate" in options:
        args.remove("--validate")
    else:
        args.append("--no-validate")
    run = run_cli(args, timeout)
    assert "Traceback" not in run.err and run.code in (0, 1), run.err
    files = read_outputs(out, name.rsplit(".", 1)[0] if "." in name else name)
    if run.code == 1 and not files:  # one clear error naming the file
        assert len(run.error_lines) == 1 and str(path) in run.error_lines[0], run.err
    return run, files


def facts(files: dict[str, bytes]) -> set[tuple]:
    report = next(json.loads(data) for name, data in files.items()
                  if name.endswith(".json") and not name.endswith(".problems.json"))
    return fact_set(report)


def problems(files: dict[str, bytes]) -> set[str]:
    report = next(json.loads(data) for name, data in files.items() if name.endswith(".problems.json"))
    return {p["code"] for p in report["problems"]}


@pytest.fixture(scope="module")
def sample_facts(sample_json) -> set[tuple]:
    return fact_set(sample_json)


# --- the corpus -------------------------------------------------------------------------------

def envelope(body: bytes, accession: bytes = b"0000950144-04-001234") -> bytes:
    """The document wrapped in an EDGAR submission (SEC header, one <DOCUMENT>)."""
    return (b"<SEC-DOCUMENT>" + accession + b".txt : 20040301\n<SEC-HEADER>" + accession + b".hdr.sgml : 20040301\n"
            b"ACCESSION NUMBER:\t\t" + accession + b"\nCONFORMED SUBMISSION TYPE:\t8-K\n"
            b"CONFORMED PERIOD OF REPORT:\t20040301\nFILED AS OF DATE:\t\t20040301\n"
            b"COMPANY CONFORMED NAME:\t\t\tINNOVO GROUP INC\nCENTRAL INDEX KEY:\t\t\t0000844143\n</SEC-HEADER>\n"
            b"<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<FILENAME>form8k.txt\n<TEXT>\n" + body +
            b"\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n")


TEXT = SAMPLE_BYTES.decode("ascii")
ENVELOPED = envelope(SAMPLE_BYTES)
_rng = random.Random(8)

SAME_FACTS = {  # the sample's bytes in another shape: the same facts
    "crlf.txt": SAMPLE_BYTES.replace(b"\n", b"\r\n"),
    "cr.txt": SAMPLE_BYTES.replace(b"\n", b"\r"),
    "cr-cr-lf.txt": SAMPLE_BYTES.replace(b"\n", b"\r\r\n"),
    "utf16-le-bom.txt": b"\xff\xfe" + TEXT.encode("utf-16-le"),
    "utf16-be-bom.txt": b"\xfe\xff" + TEXT.encode("utf-16-be"),
    "utf16-le.txt": TEXT.encode("utf-16-le"),
    "utf16-be.txt": TEXT.encode("utf-16-be"),
    "utf16-odd-byte.txt": TEXT.encode("utf-16-le") + b"\x00\xd8",  # cut mid-character
    "utf32-bom.txt": TEXT.encode("utf-32"),
    "utf8-bom.txt": b"\xef\xbb\xbf" + SAMPLE_BYTES,
    "cp1252.txt": TEXT.replace('"During', "\u201cDuring").replace("Innovo's", "Innovo\u2019s")
                      .replace("Fetish(TM)", "Fetish\u2122").encode("cp1252"),
    "utf8-with-stray-cp1252.txt": TEXT.replace("Outlook", "Outl\u00f6ok").encode().replace(b"Furrow", b"F\xfcrrow"),
    "utf8-cut-mid-character.txt": SAMPLE_BYTES + "caf\u00e9".encode()[:-1],
    "nul-bytes.txt": SAMPLE_BYTES.replace(b"Innovo", b"Inn\x00ovo").replace(b"Outlook", b"\x00\x00Outlook"),
    "control-characters.txt": SAMPLE_BYTES.replace(b"\n                                       1\n", b"\n\x0c\n")
                                          .replace(b"Outlook", b"\x1b[1mOutlook\x1b[0m")
                                          .replace(b"Conference Call", b"Conference\x07Call"),
    "enveloped.txt": ENVELOPED,
    "all-tags-stripped.txt": re.sub(rb"<[^>\n]*>", b"", ENVELOPED),
}

REFUSED = {  # name: (bytes, words the one-line error must contain)
    "empty.txt": (b"", "empty file"),
    "spaces.txt": (b" \r\n\t\n" * 100, "empty file"),
    "utf16-spaces.txt": ("  \n \n".encode("utf-16"), "empty file"),
    "random-bytes.txt": (bytes(_rng.randrange(256) for _ in range(20000)), "binary file"),
    "png-renamed.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(_rng.randrange(256) for _ in range(2000)),
                        "binary file (a PNG image)"),
    "pdf-renamed.txt": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n" + bytes(200), "binary file (a PDF document)"),
    "zip-renamed.txt": (b"PK\x03\x04" + bytes(_rng.randrange(256) for _ in range(500)), "binary file (a ZIP"),
    "lorem.txt": (b"lorem ipsum dolor sit amet\n" * 50, "not an EDGAR filing"),
    "one-mb-line.txt": (b"A" * (1 << 20), "not an EDGAR filing"),
    "one-mb-line-of-numbers.txt": (b"FORM 10-K\nACME CORP\n" + b"1,234   " * (1 << 17),
                                   "line 3 is 1,048,576 characters"),
    "sample-then-one-mb-line.txt": (SAMPLE_BYTES + b"\n" + b"x . " * (1 << 18), "over the limit of 10,000"),
    "two-submissions.txt": (ENVELOPED + envelope(SAMPLE_BYTES, b"0000950144-04-009999"),
                            "2 EDGAR submissions in one file"),
}


@pytest.mark.parametrize("name", sorted(SAME_FACTS))
def test_the_sample_in_another_shape_gives_the_same_facts(tmp_path, sample_facts, name):
    run, files = convert_cli(tmp_path, name, SAME_FACTS[name])
    assert run.code == 0, run.err
    assert facts(files) == sample_facts


def test_a_document_pasted_twice_repeats_its_facts(tmp_path, sample_facts):
    """Same numbers, same periods; a row no us-gaap concept fits gets one extension concept per
    printed line (build_facts), so the copy's extension facts are named apart ("DueToFactor2")."""
    run, files = convert_cli(tmp_path, "twice.txt", SAMPLE_BYTES + b"\n" + SAMPLE_BYTES, "--validate")
    assert run.code == 0 and "0 errors" in run.out, run.err
    assert {f[1:] for f in facts(files)} == {f[1:] for f in sample_facts}
    assert all(concept.endswith("2") for concept, *_ in facts(files) - sample_facts)


@pytest.mark.parametrize("name", ["crlf.txt", "utf16-le-bom.txt", "control-characters.txt"])
def test_reshaped_samples_validate(tmp_path, name):
    run, files = convert_cli(tmp_path, name, SAME_FACTS[name], "--validate")
    assert run.code == 0 and "0 errors" in run.out, run.out + run.err


def test_what_was_repaired_is_reported(tmp_path):
    for name, code in (("nul-bytes.txt", "input.nul_bytes"), ("control-characters.txt", "input.control_characters"),
                       ("cp1252.txt", "input.encoding"), ("utf8-with-stray-cp1252.txt", "input.encoding"),
                       ("utf16-odd-byte.txt", "input.encoding")):
        folder = tmp_path / name.replace(".", "-")
        folder.mkdir()
        _, files = convert_cli(folder, name, SAME_FACTS[name])
        assert code in problems(files), name


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_bad_input_is_refused_with_one_clear_error(tmp_path, name):
    data, words = REFUSED[name]
    run, files = convert_cli(tmp_path, name, data, timeout=20)
    assert run.code == 1 and not files
    assert words in run.error_lines[0], run.error_lines
    assert run.seconds < 5


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_the_api_raises_a_converter_error(tmp_path, name):
    from converter.errors import FilingError
    from converter.pipeline import convert

    path = tmp_path / name
    path.write_bytes(REFUSED[name][0])

    def api() -> tuple:
        try:
            convert(path)
        except FilingError as exc:
            return ("FilingError", str(exc))
        return ("converted", "")

    kind, message = in_child(api, timeout=20)
    assert kind == "FilingError" and str(path) in message and "\n" not in message, (kind, message)


def _mid(data: bytes, marker: bytes, into: int = 3) -> int:
    return data.index(marker) + into


TRUNCATIONS = {  # where to cut: inside SGML tags of the envelope, inside both tables
    "in <SEC-HEADER>": (ENVELOPED, _mid(ENVELOPED, b"<SEC-HEADER>")),
    "in </SEC-HEADER>": (ENVELOPED, _mid(ENVELOPED, b"</SEC-HEADER>")),
    "in <DOCUMENT>": (ENVELOPED, _mid(ENVELOPED, b"<DOCUMENT>")),
    "in <TYPE>": (ENVELOPED, _mid(ENVELOPED, b"<TYPE>")),
    "in <TEXT>": (ENVELOPED, _mid(ENVELOPED, b"<TEXT>")),
    "in </TEXT>": (ENVELOPED, _mid(ENVELOPED, b"</TEXT>")),
    "in </DOCUMENT>": (ENVELOPED, _mid(ENVELOPED, b"</DOCUMENT>", 5)),
    "in balance sheet heading": (SAMPLE_BYTES, _mid(SAMPLE_BYTES, b"November 29    November 30", 10)),
    "in balance sheet row": (SAMPLE_BYTES, _mid(SAMPLE_BYTES, b"Prepaid expenses", 30)),
    "in balance sheet number": (SAMPLE_BYTES, _mid(SAMPLE_BYTES, b"$46,365", 3)),
    "before balance sheet total": (SAMPLE_BYTES, _mid(SAMPLE_BYTES, b"    Total stockholders' equity", 0)),
    "in income statement heading": (SAMPLE_BYTES, _mid(SAMPLE_BYTES, b"Months Ended               Months", 5)),
    "in income statement row": (SAMPLE_BYTES, _mid(SAMPLE_BYTES, b"Interest expense          (447)", 28)),
    "in per share rows": (SAMPLE_BYTES, _mid(SAMPLE_BYTES, b"Diluted                (0.27)", 20)),
}


@pytest.mark.parametrize("where", sorted(TRUNCATIONS))
def test_truncated_input_converts_what_is_there(tmp_path, sample_facts, where):
    """A file cut anywhere converts what it holds: every fact is one of the whole file's
    (by period end, unit and value; a number cut in two on the last line is itself)."""
    data, at = TRUNCATIONS[where]
    run, files = convert_cli(tmp_path, "cut.txt", data[:at])
    if run.code == 1 and at < data.find(b"<DOCUMENT>"):  # only a few bytes of its header left
        assert "not an EDGAR filing" in run.error_lines[0]
        return
    assert run.code == 0, run.err
    whole = {(period.split("/")[-1], unit, value) for _, period, unit, value in sample_facts}
    last_line = data[:at].rsplit(b"\n", 1)[-1].decode()
    for _, period, unit, value in facts(files):
        printed = (f"{abs(value) / 1000:,f}".rstrip("0").rstrip("."), str(abs(value)))
        assert (period.split("/")[-1], unit, value) in whole or any(p in last_line for p in printed), (period, value)
    if b"<TEXT>" in data[:at] and b"</TEXT>" not in data[:at]:
        assert "input.truncated" in problems(files)


# --- HTML: entities, nesting, labels ----------------------------------------------------------

ROWS = [("Cash and cash equivalents", "$7,248", "$222"), ("Inventories", "7,524", "5,710"),
        ("Total current assets", "14,772", "5,932")]


def html(rows=ROWS, prolog: str = "", before: str = "") -> bytes:
    cells = "".join(f"<TR><TD>{label}</TD><TD ALIGN=right>{a}</TD><TD ALIGN=right>{b}</TD></TR>"
                    for label, a, b in rows)
    return envelope((f"{prolog}<HTML><BODY>{before}<P>INNOVO GROUP INC.</P><P>FORM 8-K</P>"
                     f"<P>Consolidated Balance Sheets</P><P>(In thousands)</P><TABLE><TR><TD></TD>"
                     f"<TD>November 29, 2003</TD><TD>November 30, 2002</TD></TR>{cells}</TABLE></BODY></HTML>"
                     ).encode())


XXE = '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{i} "{("&lol" + str(i - 1 if i > 1 else "") + ";") * 10}">' for i in range(1, 10)) + "]>"
EXTERNAL = '<!DOCTYPE html SYSTEM "http://127.0.0.1:9/evil.dtd"><?xml-stylesheet href="http://127.0.0.1:9/x.xsl"?>'
HTML_CASES = {
    "plain.txt": html(),
    "xxe.txt": html([ROWS[0], ("Inventories &xxe;", "7,524", "5,710"), ROWS[2]], XXE, "<P>&xxe;</P>"),
    "billion-laughs.txt": html([ROWS[0], ("Inventories &lol9;", "7,524", "5,710"), ROWS[2]], LAUGHS, "<P>&lol9;</P>"),
    "external-dtd.txt": html(prolog=EXTERNAL,
                             before='<IMG SRC="http://127.0.0.1:9/x.png"><LINK HREF="http://127.0.0.1:9/s.css">'),
    "nested-10000-divs.txt": html(before="<DIV>" * 10000 + "deep" + "</DIV>" * 10000),
    "unclosed-10000-fonts.txt": html(before="<DIV><FONT SIZE=2>" * 5000 + "deep"),
    "char-references.txt": html([("Cash&#1; and cash&#xFFFE; equivalents", "$7,248", "$222")] + ROWS[1:],
                                before='<P TITLE="a&#2;b">x&#0;y&#x1b;z&#55296;</P>'),
    "one-mb-line.txt": html(before="<P>" + "filler " * 150_000 + "</P>"),  # HTML may sit on one line
    "odd-labels.txt": html([("Cash &lt;restricted&gt; &amp; ]]&gt; \"quoted\" 'single'", "$7,248", "$222"),
                            ("Inventories & supplies < 1 year ]]> \"x\"", "7,524", "5,710"), ROWS[2]]),
}


@pytest.fixture(scope="module")
def html_facts(tmp_path_factory) -> set[tuple]:
    run, files = convert_cli(tmp_path_factory.mktemp("html"), "plain.txt", HTML_CASES["plain.txt"])
    assert run.code == 0 and len(facts(files)) == 6, run.err
    return facts(files)


@pytest.mark.parametrize("name", sorted(HTML_CASES))
def test_hostile_html_converts_safely(tmp_path, html_facts, name):
    run, files = convert_cli(tmp_path, name, HTML_CASES[name], "--validate")
    assert run.code == 0 and "0 errors" in run.out, run.out + run.err
    assert {f[1:] for f in facts(files)} == {f[1:] for f in html_facts}  # odd labels: extension concepts
    xhtml = files[name.replace(".txt", ".xhtml")]
    text = "".join(etree.fromstring(xhtml).itertext())
    if name == "billion-laughs.txt":
        assert "lollollollol" not in text and len(xhtml) < 100_000  # nothing expanded
    if name == "xxe.txt":
        assert "Inventories &xxe;" in text  # the reference stays literal text
    if name.startswith(("nested", "unclosed")):
        assert "input.html.too_deep" in problems(files) and "deep" in text


def test_odd_labels_come_back_verbatim(tmp_path):
    _, files = convert_cli(tmp_path, "odd.txt", HTML_CASES["odd-labels.txt"])
    labels = {el.text for el in etree.fromstring(files["odd_lab.xml"]).iter("{*}label")}
    assert "Cash <restricted> & ]]> \"quoted\" 'single'" in labels
    assert "Inventories & supplies < 1 year ]]> \"x\"" in labels


def test_a_text_node_over_10_mb_does_not_hide_the_rest():
    """libxml2 drops a whole document holding a text node over 10 MB unless told it may be huge."""
    from converter.htmldoc import parse_html

    root = parse_html("<html><body><pre>" + "x" * 10_500_000 + "</pre><p>after</p></body></html>")
    assert [p.text for p in root.iter("p")] == ["after"]


def test_html_with_every_tag_stripped_keeps_its_text(tmp_path):
    """No markup left: one run-on line with no columns; nothing to tag, nothing lost."""
    stripped = re.sub(rb"<[^>]*>", b"", HTML_CASES["plain.txt"])
    run, files = convert_cli(tmp_path, "stripped.txt", stripped)
    assert run.code == 0 and not facts(files)
    page = "".join(etree.fromstring(files["stripped.xhtml"]).itertext())
    assert "Cash and cash equivalents$7,248$222" in page


def test_tables_nested_too_deep_are_refused(tmp_path):
    data = html(before="<TABLE><TR><TD>" * 3000 + "x")
    run, files = convert_cli(tmp_path, "tables.txt", data)
    assert run.code == 1 and not files and "nested more than" in run.error_lines[0]


# --- plain text: odd labels, ragged columns, table limits -------------------------------------

def _relabel(text: str, old: str, new: str) -> str:
    assert len(new) <= len(old) and old in text
    return text.replace(old, new.ljust(len(old)))


def test_text_labels_with_markup_characters(tmp_path, sample_facts):
    odd = {"Prepaid expenses and other current assets": "Prepaid <exp> & \"other\" ]]> 'current'",
           "Other assets": "A&B <x> \"q\"", "Goodwill": "<!--G]]>"}
    text = TEXT
    for old, new in odd.items():
        text = _relabel(text, old, new)
    run, files = convert_cli(tmp_path, "odd.txt", text.encode(), "--validate")
    assert run.code == 0 and "0 errors" in run.out, run.err
    assert {(p, u, v) for _, p, u, v in facts(files)} == {(p, u, v) for _, p, u, v in sample_facts}
    labels = {el.text for el in etree.fromstring(files["odd_lab.xml"]).iter("{*}label")}
    assert set(odd.values()) <= labels
    page = "".join(etree.fromstring(files["odd.xhtml"]).itertext())
    assert all(label in page for label in odd.values())


RAGGED = """FORM 10-K
ACME WIDGET CORP
(Exact name of registrant as specified in its charter)

                         CONSOLIDATED BALANCE SHEETS
                               (In thousands)

                                           December 31,   December 31,   December 31,
                                               1999           1998           1997
    Cash                                   $ 1,200        $   900       $   800
    Accounts receivable                       3,300        2,800            2,100
    Inventories                              2,500            --
    Prepaid expenses                            100           90      80         70
    Deposits                                       7         6              5
    Total current assets                     7,107          3,796          2,985
"""


def test_ragged_columns_convert_without_inventing_numbers(tmp_path):
    run, files = convert_cli(tmp_path, "ragged.txt", RAGGED.encode(), "--validate")
    assert run.code == 0, run.err
    printed = {Decimal(n.replace(",", "")) * 1000 for n in re.findall(r"\d[\d,]*", RAGGED.split("(In thousands)")[1])}
    assert {abs(v) for *_, v in facts(files)} <= printed | {Decimal(0)}


def _long_table(rows: int, columns: int) -> bytes:
    head = "".join(f"{f'December 31, {2000 - c}':>20}" for c in range(columns))
    body = "".join(f"{f'    Item number {chr(65 + r % 26)}{r}':<40}"
                   + "".join(f"{r * 10 + c + 1:>20,}" for c in range(columns)) + "\n" for r in range(rows))
    return (f"FORM 10-K\nACME CORP\n\n{'CONSOLIDATED BALANCE SHEETS':^60}\n\n{'':40}{head}\n" + body).encode()


@pytest.mark.parametrize("rows,columns,limits", [(60, 2, {"max_table_rows": 50}), (5, 6, {"max_table_columns": 5})])
def test_tables_over_the_limits_are_skipped_and_reported(tmp_path, rows, columns, limits):
    from converter.pipeline import convert
    from converter.settings import Options

    path = tmp_path / "big-table.txt"
    path.write_bytes(_long_table(rows, columns))
    assert convert(path, Options(), render=False).report.facts  # within the default limits: tagged
    conversion = convert(path, Options(**limits), render=False)
    assert not conversion.report.facts
    assert any(p.code == "table.too_large" for p in conversion.problems)


def test_cli_sets_every_limit(tmp_path, capsys):
    path = tmp_path / "big-table.txt"
    path.write_bytes(_long_table(60, 2))
    assert main(["convert", str(path), "-o", str(tmp_path / "out"), "--no-validate", "--max-table-rows", "50",
                 "--max-table-columns", "5", "--max-line-chars", "20000"]) == 0


# --- size and kind of input -------------------------------------------------------------------

def test_a_100_mb_input_is_refused_before_it_is_read(tmp_path):
    import tracemalloc

    from converter.errors import FilingError
    from converter.read_filing import read_filing

    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: no disk used
    tracemalloc.start()
    start = time.monotonic()
    with pytest.raises(FilingError) as info:
        read_filing(big)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert time.monotonic() - start < 1.0 and peak < 1_000_000
    assert "104,857,600 bytes, over the limit of 67,108,864" in str(info.value) and str(big) in str(info.value)
    run = run_cli(["convert", big, "-o", tmp_path / "out"], timeout=20)
    assert run.code == 1 and len(run.error_lines) == 1 and "--max-input-bytes" in run.error_lines[0]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_100_mb_input_under_a_raised_limit_is_read_in_bounded_memory(tmp_path):
    import tracemalloc

    from converter.errors import FilingError
    from converter.read_filing import read_filing
    from converter.settings import Options

    big = tmp_path / "zeros.txt"
    with open(big, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    tracemalloc.start()
    with pytest.raises(FilingError, match="binary file"):
        read_filing(big, Options(max_input_bytes=200 * 1024 * 1024))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 4 * 100 * 1024 * 1024


def test_max_input_bytes_from_the_command_line(tmp_path):
    run = run_cli(["convert", SAMPLE, "-o", tmp_path / "out", "--max-input-bytes", "1000"], timeout=20)
    assert run.code == 1 and "over the limit of 1,000" in run.error_lines[0] and str(SAMPLE) in run.error_lines[0]


@pytest.mark.parametrize("value", ["0", "-5"])
def test_a_limit_that_is_not_positive_is_a_usage_error(tmp_path, value):
    run = run_cli(["convert", SAMPLE, "-o", tmp_path / "out", "--no-validate", "--max-input-bytes", value], timeout=20)
    assert run.code == 2 and "Traceback" not in run.err


@pytest.mark.parametrize("kind", ["folder", "fifo", "device", "missing"])
def test_what_is_not_a_file_is_refused_without_blocking(tmp_path, kind):
    path = tmp_path / f"{kind}.txt"
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)  # opening it for reading would block until a writer comes
    elif kind == "device":
        path = Path("/dev/zero")  # endless
    run = run_cli(["convert", path, "-o", tmp_path / "out"], timeout=10)
    words = "No such file" if kind == "missing" else "not a regular file"
    assert run.code == 1 and len(run.error_lines) == 1 and words in run.error_lines[0], run.err


def test_limits_are_checked_when_options_are_made():
    from converter.settings import Options

    for bad in ({"max_line_chars": 0}, {"max_input_bytes": True}, {"max_table_rows": 1.5}):
        with pytest.raises(ValueError, match=f"Options.{next(iter(bad))}"):
            Options(**bad)


def test_the_reader_skips_the_documents_the_pipeline_skips():
    from converter.pipeline import SKIPPED_DOCUMENT_TYPES
    from converter.read_filing import DATA_DOCUMENT_TYPES

    assert DATA_DOCUMENT_TYPES == SKIPPED_DOCUMENT_TYPES


# --- output names -----------------------------------------------------------------------------

@pytest.mark.parametrize("stem,validate", [("a b&c;'", True), ("ünïcødé 日本語", True), ("-starts-with-dash", True),
                                           ("..", False), (".hidden", False), ("", False), ("x" * 239, False)])
def test_outputs_are_named_from_the_stem_inside_outdir(tmp_path, stem, validate):
    run, files = convert_cli(tmp_path, f"{stem}.txt", SAMPLE_BYTES, *(["--validate"] if validate else []))
    assert run.code == 0 and (not validate or "0 errors" in run.out), run.err
    assert set(files) == {stem + suffix for suffix in SUFFIXES}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f"{stem}.txt", "out"])  # nothing beside


def test_a_name_too_long_for_its_outputs_is_refused(tmp_path):
    run, files = convert_cli(tmp_path, "x" * 240 + ".txt", SAMPLE_BYTES)
    assert run.code == 1 and not files and "file name too long" in run.error_lines[0]


@pytest.mark.parametrize("stem", ["#fragment", "a:b", "tab\tname", "new\nline"])
def test_names_that_need_uri_escaping_validate(tmp_path, stem):
    run, files = convert_cli(tmp_path, f"{stem}.txt", SAMPLE_BYTES, "--validate")
    assert run.code == 0 and "0 errors" in run.out, run.err


# --- no network, safe parsers -----------------------------------------------------------------

def test_conversion_and_validation_open_no_socket(tmp_path, monkeypatch):
    import socket

    from converter.pipeline import convert, write_outputs

    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted during an offline test")

    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, refuse)
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse)
    hostile = tmp_path / "external.txt"
    hostile.write_bytes(HTML_CASES["external-dtd.txt"])
    for path in (SAMPLE, hostile):
        _, report = write_outputs(convert(path), tmp_path / "out")
        assert report.ok and report.taxonomy_loaded and report.facts, report.errors
    assert attempts == []


PARSE_CALL = re.compile(r"\b((?:lxml\.)?(?:etree|html|ET|ElementTree|minidom|sax)\.(?:XMLParser|HTMLParser|fromstring|"
                        r"XML|HTML|parse|iterparse|document_fromstring|fragment_fromstring|parseString))\(")


def _call_text(source: str, start: int) -> str:
    depth, i = 0, start
    while i < len(source):
        depth += {"(": 1, ")": -1}.get(source[i], 0)
        if depth == 0 and source[i] == ")":
            return source[start:i + 1]
        i += 1
    return source[start:]


def test_every_xml_and_html_parser_is_offline_and_entity_free():
    """Each parser made in converter/ refuses the network and external entities; each parse
    call passes such a parser; nothing parses with the standard library's XML modules."""
    calls = 0
    for path in sorted((Path(__file__).parent.parent / "converter").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for match in PARSE_CALL.finditer(source):
            call, args = match.group(1), _call_text(source, match.end() - 1)
            calls += 1
            assert not call.startswith(("ET.", "ElementTree.", "minidom.", "sax.")), f"{path.name}: {call}"
            if call.endswith("XMLParser"):
                assert "resolve_entities=False" in args and "no_network=True" in args, f"{path.name}: {call}{args}"
            elif call.endswith("HTMLParser"):
                assert "no_network=True" in args, f"{path.name}: {call}{args}"
            else:
                assert "Parser(" in args or "parser=" in args, f"{path.name}: {call}{args} uses lxml's default parser"
    assert calls >= 4


def test_the_html_parser_leaves_entities_unresolved():
    from converter.htmldoc import parse_html, visible_lines

    text = f"{XXE}{LAUGHS}<html><body><p>&xxe;</p><p>&lol9;</p><p>AT&amp;T &lt;1&gt;</p></body></html>"
    lines = [line for line in visible_lines(parse_html(text)) if line]
    assert lines[:3] == ["&xxe;", "&lol9;", "AT&T <1>"] and PASSWD not in "".join(lines)


# --- nothing half-written ---------------------------------------------------------------------

def _left_in(outdir: Path) -> list[str]:
    return sorted(p.name for p in outdir.rglob("*")) if outdir.exists() else []


@pytest.mark.parametrize("stage,error", [("render_taxonomy", "RenderError"), ("render_json", "KeyboardInterrupt"),
                                         ("validate_ixbrl", "ValidationFailed"),
                                         ("validate_ixbrl", "KeyboardInterrupt")])
def test_an_interrupted_run_leaves_nothing_behind(tmp_path, monkeypatch, capsys, stage, error):
    import converter.errors
    import converter.pipeline

    original = getattr(converter.pipeline, stage)

    def interrupted(*args, **kwargs):
        original(*args, **kwargs)  # the stage does its work, then fails before returning
        raise KeyboardInterrupt() if error == "KeyboardInterrupt" else getattr(converter.errors, error)("stopped")

    monkeypatch.setattr(converter.pipeline, stage, interrupted)
    out = tmp_path / "out"
    code = main(["convert", str(SAMPLE), "-o", str(out)])
    assert code == (130 if error == "KeyboardInterrupt" else 1)
    assert _left_in(out) == [] and "Traceback" not in capsys.readouterr().err


def test_a_failed_move_leaves_no_temporary_file_and_only_complete_outputs(tmp_path, monkeypatch):
    import converter.pipeline
    from converter.errors import ConverterError
    from converter.pipeline import convert, write_outputs

    conversion = convert(SAMPLE)
    moved = []

    def flaky_replace(source, target):
        if len(moved) == 2:
            raise OSError(28, "No space left on device")
        os.rename(source, target)
        moved.append(Path(target).name)

    monkeypatch.setattr(converter.pipeline.os, "replace", flaky_replace)
    out = tmp_path / "out"
    with pytest.raises((OSError, ConverterError)):
        write_outputs(conversion, out, validate=False)
    assert _left_in(out) == sorted(moved)  # no staging folder, no temporary file
    for name in moved:
        assert (out / name).read_text(encoding="utf-8") == conversion.outputs[name]


def test_an_unwritable_outdir_is_one_clear_error(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should be")
    run = run_cli(["convert", SAMPLE, "-o", blocker, "--no-validate"], timeout=20)
    assert run.code == 1 and len(run.error_lines) == 1 and "Traceback" not in run.err


# --- deterministic ----------------------------------------------------------------------------

def test_same_input_same_options_same_bytes(tmp_path):
    """Two runs (other hash seeds, other input folders) write byte-identical files, no timestamps."""
    import datetime as dt
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        folder = tmp_path / f"in{seed}"
        folder.mkdir()
        (folder / SAMPLE.name).write_bytes(SAMPLE_BYTES)
        out = tmp_path / f"out{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "converter", "convert", str(folder / SAMPLE.name), "-o", str(out)],
                       check=True, capture_output=True, env=env, timeout=120)
        outputs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outputs[0] == outputs[1] and len(outputs[0]) == len(SUFFIXES)
    today = dt.date.today().isoformat().encode()
    assert not any(today in data or str(tmp_path).encode() in data for data in outputs[0].values())


# --- bounded time: known slow paths in modules this suite does not own ------------------------

SLOW = {
    "dot leaders": b"FORM 10-K\nACME CORP\n" + (b"Cash " + b"." * 9000 + b"x   1,234   5,678\n") * 5,
    "a blank run in the press-release name search": b"FORM 10-K\nACME CORP\nCash" + b"\n" * 19000 + b"1\n",
    "a row of 1,200 columns": b"FORM 10-K\nACME CORP\nBALANCE SHEETS\n" + (b"Cash   " + b"  1,234" * 1280 + b"\n") * 6,
}


@pytest.mark.parametrize("what", sorted(SLOW))
def test_inputs_within_the_limits_convert_in_bounded_time(tmp_path, what):
    path = tmp_path / "slow.txt"
    path.write_bytes(SLOW[what])
    run = in_child(_cli, ["convert", str(path), "-o", str(tmp_path / "out"), "--no-validate"], timeout=2.5)
    assert run[0] == "ok", f"{what}: still running after 2.5 s"
