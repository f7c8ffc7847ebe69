"""Stage 1: bytes of an EDGAR submission (or a bare document) -> ``Filing``.

Handles the PEM wrapper, the ``<SEC-HEADER>`` and 1993-95 ``<IMS-HEADER>`` envelopes, several
``<DOCUMENT>``s, bare text and HTML documents. UTF-16 (with or without a byte order mark) is
recognised; bytes that are not UTF-8 are read as cp1252 with latin-1 for the five bytes cp1252
leaves undefined, so decoding never fails. CRLF, CR and CR CR LF line ends become LF; NUL bytes
are removed and other characters XML cannot hold become spaces (each reported as a problem).

Hostile input is refused with one ``FilingError`` naming the file and the problem, before any
work that grows with it: a file over ``Options.max_input_bytes`` (seen with ``fstat``, before a
byte is read), anything but a regular file, several submissions in one file, a plain-text line
over ``Options.max_line_chars``, HTML nested too deep to read (``htmldoc``).
"""
from __future__ import annotations

import codecs
import datetime as dt
import os
import re
import stat
from pathlib import Path

from .errors import FilingError
from .htmldoc import MAX_DEPTH, XML_BAD, parse_html_checked
from .records import Document, Filing, HeaderFields, Problem
from .settings import Options

MAX_NAME_BYTES = 255  # a file name in a folder (Linux, macOS, Windows)
LONGEST_OUTPUT_SUFFIX = ".provenance.json"  # the batch mode's ``<stem>.provenance.json``
# documents the pipeline never reads as text (same prefixes as ``pipeline.SKIPPED_DOCUMENT_TYPES``)
DATA_DOCUMENT_TYPES = ("EX-27", "GRAPHIC", "ZIP", "PDF", "XML", "JSON", "EXCEL", "XBRL", "EX-101")

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
_HTML_START = re.compile(r"<(?:!DOCTYPE\s+html|html|head|body)\b", re.I)
_HTML_TAG = re.compile(r"</?(?:html|body|tr|td|p|div|font|br)\b[^<>]{0,300}>", re.I)
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
    output_stem(path)  # a name too long for the outputs is refused before the file is read
    return parse_filing(read_bytes(path, options.max_input_bytes), str(path), options)


def stem_of(path: str | Path) -> str:
    """The input's file name without its last suffix: what every output is named after."""
    name = Path(path).name
    return name.rsplit(".", 1)[0] if "." in name else name


def output_stem(path: str | Path) -> str:
    """``stem_of(path)``; a name so long that ``<stem>.provenance.json`` would not fit in a
    folder entry is refused."""
    stem = stem_of(path)
    longest = len(os.fsencode(stem + LONGEST_OUTPUT_SUFFIX))
    if longest > MAX_NAME_BYTES:
        raise FilingError(f"file name too long: its outputs would be named with {longest} bytes, over the "
                          f"limit of {MAX_NAME_BYTES}; rename the file", path=str(path))
    return stem


def read_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes; a folder, device, pipe or file over ``limit`` bytes is refused before a
    byte is read (the file is opened without blocking and looked at with ``fstat``)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FilingError(f"cannot read file: {exc.strerror or exc}", path=str(path)) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FilingError("not a regular file (a folder, device or pipe)", path=str(path))
        if info.st_size > limit:
            raise FilingError(f"file is {info.st_size:,} bytes, over the limit of {limit:,} "
                              f"(raise --max-input-bytes to convert it)", path=str(path))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise FilingError(f"cannot read file: {exc.strerror or exc}", path=str(path)) from exc
    finally:
        os.close(fd)
    if len(data) > limit:
        raise FilingError(f"file grew over the limit of {limit:,} bytes while it was read", path=str(path))
    return data


def parse_filing(data: bytes, path: str, options: Options | None = None) -> Filing:
    options = options or Options()
    problems: list[Problem] = []
    text, encoding = decode(data, path, problems)
    text = text.replace("\r\r\n", "\n").replace("\r\n", "\n").replace("\r", "\n")
    text = _xml_characters(text, problems)
    _one_submission(text, path)
    header = _parse_header(text)
    documents = _split_documents(text, problems)
    if not documents:
        if not _FILING_MARKER.search(text[:200_000]):
            raise FilingError("not an EDGAR filing: no SEC header, no <DOCUMENT> and no cover page, "
                              "company name or financial statement found", path=path)
        documents = [_bare_document(text)]
    for doc in documents:
        problems.extend(check_document(doc, path, options))
    stem = output_stem(path)
    return Filing(path=path, stem=stem, encoding=encoding, header=header,
                  documents=tuple(documents), problems=tuple(problems))


# --- bytes -> text ----------------------------------------------------------------------------

def decode(data: bytes, path: str, problems: list[Problem]) -> tuple[str, str]:
    if not data.strip():
        raise FilingError("empty file", path=path)
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise FilingError(f"binary file ({what}), not an EDGAR filing", path=path)
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        text, encoding = _decode_wide(data, "utf-32", problems), "utf-32"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        text, encoding = _decode_utf16(data, problems), "utf-16"
    else:
        text, encoding = _decode_bytes(data, path, problems)
    sample = text[:65536]
    controls = sum(1 for ch in sample if ch < "\t" or "\r" < ch < " " and ch != "\x1b")
    if controls > len(sample) * 0.05:
        raise FilingError(f"binary file ({controls} control characters in the first {len(sample)}), "
                          f"not an EDGAR filing", path=path)
    if "\x00" in text:
        problems.append(Problem("warning", "input.nul_bytes",
                                f"{text.count(chr(0))} NUL bytes removed from the input"))
        text = text.replace("\x00", "")
    if not text.strip():
        raise FilingError("empty file (only spaces and line ends)", path=path)
    return text, encoding


def _decode_bytes(data: bytes, path: str, problems: list[Problem]) -> tuple[str, str]:
    """UTF-8 when it is; otherwise each byte that is not UTF-8 is read as cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="cp1252_fallback")
    if _UTF8_SEQUENCE.search(data):  # UTF-8 with a few stray (or truncated) bytes
        problems.append(Problem("warning", "input.encoding",
                                "UTF-8 with bytes that are not: those were read as cp1252"))
        return text, "utf-8"
    problems.append(Problem("info", "input.encoding", "not UTF-8: read as cp1252 (latin-1 fallback)"))
    return text, "cp1252"


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    if len(sample) < 8:
        return False
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) // 2
    return even_nul > half * 0.4 or odd_nul > half * 0.4


def _decode_utf16(data: bytes, problems: list[Problem]) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_wide(data, "utf-16", problems)
    return _decode_wide(data, "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be", problems)


def _decode_wide(data: bytes, codec: str, problems: list[Problem]) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        text = data.decode(codec, errors="replace")
    problems.append(Problem("warning", "input.encoding",
                            f"{codec.upper()} that does not all decode (a cut-off character or a lone surrogate): "
                            f"{text.count(chr(0xFFFD))} characters replaced by U+FFFD"))
    return text


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return bad.decode("latin-1"), exc.end


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return bad.decode("cp1252", errors="latin1_fallback"), exc.end


codecs.register_error("latin1_fallback", _latin1_fallback)
codecs.register_error("cp1252_fallback", _cp1252_fallback)


def _xml_characters(text: str, problems: list[Problem]) -> str:
    """Control characters XML 1.0 cannot hold (form feed, escape, ...) become spaces, so columns
    stay where they were printed."""
    count = len(XML_BAD.findall(text))
    if not count:
        return text
    problems.append(Problem("info", "input.control_characters",
                            f"{count} control characters (form feed, escape, ...) replaced by spaces"))
    return XML_BAD.sub(" ", text)


# --- limits -----------------------------------------------------------------------------------

_SUBMISSION = re.compile(r"^<(SEC|IMS)-HEADER>", re.M | re.I)


def _one_submission(text: str, path: str) -> None:
    """Two submissions pasted into one file would mix their documents: refuse them (a 1993-95
    file may carry one <IMS-HEADER> and one <SEC-HEADER>)."""
    starts: dict[str, list[int]] = {}
    for match in _SUBMISSION.finditer(text):
        starts.setdefault(match.group(1).upper(), []).append(match.start())
    repeated = max(starts.values(), key=len, default=[])
    if len(repeated) > 1:
        lines = ", ".join(str(text.count("\n", 0, at) + 1) for at in repeated[:5])
        raise FilingError(f"{len(repeated)} EDGAR submissions in one file (headers at lines {lines}): "
                          f"split it and convert each submission on its own", path=path)


_PRE = re.compile(r"<pre\b[^<>]{0,2000}>(.*?)(?:</pre\s*>|\Z)", re.S | re.I)
_TAGS = re.compile(r"<[^<>]{0,2000}>")


def check_document(doc: Document, path: str, options: Options) -> list[Problem]:
    """Refuse a document too long-lined or too deeply nested to read in bounded time."""
    if doc.type.startswith(DATA_DOCUMENT_TYPES):
        return []
    if not doc.is_html:
        _check_lines(doc.text, doc.first_line, path, options.max_line_chars, "plain-text document")
        return []
    line, counted = doc.first_line, 0
    for match in _PRE.finditer(doc.text):
        line += doc.text.count("\n", counted, match.start(1))
        counted = match.start(1)
        _check_lines(_TAGS.sub("", match.group(1)), line, path, options.max_line_chars, "<pre> block")
    _, flattened = parse_html_checked(doc.text, path)
    if flattened:
        return [Problem("warning", "input.html.too_deep",
                        f"document {doc.index} ({doc.type or 'HTML'}) nests elements more than {MAX_DEPTH} "
                        f"levels deep: read without its formatting tags (font, b, div, ...)")]
    return []


def _check_lines(text: str, first_line: int, path: str, limit: int, what: str) -> None:
    for number, line in enumerate(text.split("\n")):
        if len(line) > limit // 8 and len(line.expandtabs(8)) > limit:
            raise FilingError(f"line {first_line + number} is {len(line.expandtabs(8)):,} characters long, over "
                              f"the limit of {limit:,} for a {what}: not a filing's text", path=path)


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
    line, counted = 1, 0  # line number at offset ``counted``, counted forward once
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
        line += text.count("\n", counted, content_start)
        counted = content_start
        first_line = line
        doc_type = tags.get("TYPE", "").upper()
        documents.append(Document(
            index=index, type=doc_type, sequence=tags.get("SEQUENCE", str(index)),
            filename=tags.get("FILENAME", ""), description=tags.get("DESCRIPTION", ""),
            text=content, first_line=first_line,
            is_html=looks_html(content),
        ))
    return documents


def _bare_document(text: str) -> Document:
    return Document(index=1, type="", sequence="1", filename="", description="", text=text,
                    first_line=1, is_html=looks_html(text))


def looks_html(text: str) -> bool:
    """An <html>/<body> tag near the top, or at least three HTML tags: a plain-text document
    that prints "<p" or one "<br>" in a label stays plain text."""
    if _HTML_START.search(text[:20000]):
        return True
    tags = _HTML_TAG.finditer(text)
    return sum(1 for _ in zip(range(3), tags)) == 3
