"""Bad input gives one clear error naming the file, exit code 1, and no output left behind."""
from __future__ import annotations

import pytest

from converter.cli import main
from converter.errors import FilingError
from converter.read_filing import parse_filing

CASES = {
    "empty.txt": b"",
    "blank.txt": b"   \n\n  \n",
    "binary.txt": bytes(range(256)) * 40,
    "image.txt": b"\x89PNG\r\n\x1a\n" + b"\x00" * 200,
    "notes.txt": b"lorem ipsum dolor sit amet\nconsectetur adipiscing elit\n" * 20,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_fails_cleanly(tmp_path, capsys, name):
    path = tmp_path / name
    path.write_bytes(CASES[name])
    out = tmp_path / "out"
    assert main(["convert", str(path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert str(path) in err and "error" in err
    assert "Traceback" not in err
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("name,words", [("empty.txt", "empty"), ("image.txt", "PNG"),
                                        ("binary.txt", "binary"), ("notes.txt", "not an EDGAR filing")])
def test_error_says_what_is_wrong(name, words):
    with pytest.raises(FilingError) as info:
        parse_filing(CASES[name], name)
    assert words in str(info.value) and name in str(info.value)


def test_batch_goes_on_after_a_bad_file(tmp_path, capsys):
    from conftest import SAMPLE

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    assert main(["convert", str(bad), str(SAMPLE), "-o", str(out), "--no-validate"]) == 1
    assert (out / "innovo-8k-2004-03-01.json").exists()
    assert not (out / "bad.json").exists()
    assert "1 converted, 1 failed" in capsys.readouterr().err


def test_cp1252_bytes_are_read_not_rejected():
    text = ("SECURITIES AND EXCHANGE COMMISSION\nFORM 8-K\nACME CORP\n"
            "Caf\xe9 \x93quoted\x94 \x81\n").encode("latin-1")
    filing = parse_filing(text, "x.txt")
    assert filing.encoding == "cp1252"
    assert "\u201cquoted\u201d" in filing.documents[0].text and "Caf\u00e9" in filing.documents[0].text
