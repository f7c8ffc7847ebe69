"""Stage 1: bytes of an EDGAR submission (or a bare document) -> ``Filing``.

Handles the PEM wrapper, the ``<SEC-HEADER>`` and 1993-95 ``<IMS-HEADER>`` envelopes, several
``<DOCUMENT>``s, bare text and HTML documents. Bytes that are not UTF-8 are read as cp1252 with
latin-1 for the five bytes cp1252 leaves undefined, so decoding never fails.
"""
from __future__ import annotations

import codecs
import datetime as dt
import re
from pathlib import Path

from .errors import FilingError
from .records import Document, Filing, HeaderFields, Problem
from .settings import Options

_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"%PDF": "a PDF document",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"MZ": "an executable",
}
_HTML_MARKER = re.compile(r"<(?:html|body|tr|td|p|div|font|br)\b", re.I)
_FILING_MARKER = re.compile(
    r"securities\s+and\s+exchange\s+commission|\bform\s+(?:10|8|20|6|40)-?[a-z0-9]*\b|"
    r"press\s+release|for\s+immediate\s+release|balance\s+sheets?|statements?\s+of\s+"
    r"(?:operations|income|earnings|cash\s+flows?|financial\s+position)|"
    r"\b(?:inc|corp|corporation|incorporated|company|ltd|llc|l\.p)\b\.?",
    re.I,
)
_HEADER_FIELDS = {
    "ACCESSION NUMBER": "accession",
    "CONFORMED SUBMISSION TYPE": "form_type",
    "CONFORMED PERIOD OF REPORT": "period",
    "FILED AS OF DATE": "filed",
    "COMPANY CONFORMED NAME": "company_name",
    "CENTRAL INDEX KEY": "cik",
    "IRS NUMBER": "irs_number",
    "STATE OF INCORPORATION": "state_of_incorporation",
    "SEC FILE NUMBER": "file_number",
    "FISCAL YEAR END": "fiscal_year_end",
}


def read_filing(path: str | Path, options: Options | None = None) -> Filing:
    """Read one input file; raise ``FilingError`` naming the file when it is not a filing."""
    options = options or Options()
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > options.max_input_bytes:
            raise FilingError(f"file is {size:,} bytes, over the limit of {options.max_input_bytes:,} "
                              f"(raise --max-input-bytes to convert it)", path=str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise FilingError(f"cannot read file: {exc.strerror or exc}", path=str(path)) from exc
    return parse_filing(data, str(path), options)


def parse_filing(data: bytes, path: str, options: Options | None = None) -> Filing:
    options = options or Options()
    problems: list[Problem] = []
    text, encoding = decode(data, path, problems)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    header = _parse_header(text)
    documents = _split_documents(text, problems)
    if not documents:
        if not _FILING_MARKER.search(text[:200_000]):
            raise FilingError("not an EDGAR filing: no SEC header, no <DOCUMENT> and no cover page, "
                              "company name or financial statement found", path=path)
        documents = [_bare_document(text)]
    stem = Path(path).name.rsplit(".", 1)[0] if "." in Path(path).name else Path(path).name
    return Filing(path=path, stem=stem, encoding=encoding, header=header,
                  documents=tuple(documents), problems=tuple(problems))


# --- bytes -> text ----------------------------------------------------------------------------

def decode(data: bytes, path: str, problems: list[Problem]) -> tuple[str, str]:
    if not data.strip():
        raise FilingError("empty file", path=path)
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise FilingError(f"binary file ({what}), not an EDGAR filing", path=path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        try:
            return _decode_utf16(data), "utf-16"
        except UnicodeDecodeError as exc:
            raise FilingError(f"UTF-16 text that does not decode: {exc.reason}", path=path) from exc
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32 and b != 27)
    if controls > len(sample) * 0.05:
        raise FilingError(f"binary file ({controls} control bytes in the first {len(sample)}), "
                          f"not an EDGAR filing", path=path)
    if b"\x00" in data:
        problems.append(Problem("warning", "input.nul_bytes",
                                f"{data.count(0)} NUL bytes removed from the input"))
        data = data.replace(b"\x00", b"")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    problems.append(Problem("info", "input.encoding", "not UTF-8: read as cp1252 (latin-1 fallback)"))
    return data.decode("cp1252", errors="latin1_fallback"), "cp1252"


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    if len(sample) < 8:
        return False
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) // 2
    return even_nul > half * 0.4 or odd_nul > half * 0.4


def _decode_utf16(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    return data.decode("utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be")


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return bad.decode("latin-1"), exc.end


codecs.register_error("latin1_fallback", _latin1_fallback)


# --- envelope ---------------------------------------------------------------------------------

_HEADER_RE = re.compile(r"<(SEC|IMS)-HEADER>(.*?)(?:</\1-HEADER>|(?=<DOCUMENT>)|\Z)", re.S | re.I)


def _parse_header(text: str) -> HeaderFields | None:
    match = _HEADER_RE.search(text[:200_000])
    if not match:
        return None
    values: dict[str, str] = {}
    for line in match.group(2).splitlines():
        key, sep, value = line.partition(":")
        field = _HEADER_FIELDS.get(key.strip().upper())
        if sep and field and field not in values and value.strip():
            values[field] = value.strip()
    return HeaderFields(
        accession=values.get("accession", ""),
        form_type=values.get("form_type", ""),
        period=_yyyymmdd(values.get("period", "")),
        filed=_yyyymmdd(values.get("filed", "")),
        company_name=values.get("company_name", ""),
        cik=values.get("cik", "").zfill(10) if values.get("cik", "").isdigit() else "",
        irs_number=values.get("irs_number", ""),
        state_of_incorporation=values.get("state_of_incorporation", ""),
        file_number=values.get("file_number", ""),
        fiscal_year_end=values.get("fiscal_year_end", ""),
    )


def _yyyymmdd(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value.strip()[:8], "%Y%m%d").date()
    except ValueError:
        return None


_DOC_RE = re.compile(r"<DOCUMENT>(.*?)(?:</DOCUMENT>|(?=<DOCUMENT>)|\Z)", re.S | re.I)
_TAG_LINE = re.compile(r"^<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[ \t]*([^\n<]*)", re.M | re.I)
_TEXT_RE = re.compile(r"<TEXT>\n?(.*?)(</TEXT>|\Z)", re.S | re.I)


def _split_documents(text: str, problems: list[Problem]) -> list[Document]:
    documents = []
    for index, match in enumerate(_DOC_RE.finditer(text), start=1):
        body = match.group(1)
        tags = {k.upper(): v.strip() for k, v in _TAG_LINE.findall(body[:4000])}
        text_match = _TEXT_RE.search(body)
        if text_match:
            content, content_start = text_match.group(1), match.start(1) + text_match.start(1)
            if not text_match.group(2):
                problems.append(Problem("warning", "input.truncated",
                                        f"document {index} has no </TEXT>: the file may be truncated"))
        else:
            content, content_start = body, match.start(1)
        first_line = text.count("\n", 0, content_start) + 1
        doc_type = tags.get("TYPE", "").upper()
        documents.append(Document(
            index=index, type=doc_type, sequence=tags.get("SEQUENCE", str(index)),
            filename=tags.get("FILENAME", ""), description=tags.get("DESCRIPTION", ""),
            text=content, first_line=first_line,
            is_html=bool(_HTML_MARKER.search(content[:20000]) or _HTML_MARKER.search(content)),
        ))
    return documents


def _bare_document(text: str) -> Document:
    return Document(index=1, type="", sequence="1", filename="", description="", text=text,
                    first_line=1, is_html=bool(_HTML_MARKER.search(text)))
