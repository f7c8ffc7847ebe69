"""Plain-text finder, first step: each line classified, the values at its end found.

    classify_lines      each line: blank / rule / tag / page / data (trailing run of values) / text;
                        "|" column separators and "+" corners of box rules read as spaces, a lone
                        small number between blank lines is a page number
    trailing_run        the value tokens ending a line, right to left until a word or a glued number
    strip_leaders       a label without its dot leaders ("Net sales.........")
    is_prose            running text, which no table holds

Values are only those at the end of a line, separated from the label by two or more spaces (or
"$", or dot leaders), so numbers inside labels ("Treasury stock, 71 (2003) and 58 (2002)") stay in
the label. ``Token`` and ``Line`` are the nouns the other steps of the text finder share.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..amounts import parse_amount

TOKEN = re.compile(
    r"(?<![\w.,/:%-])(?P<num>(?:\(\s?)?[-\u2212]?\$?\(?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:(?<=\d)-)?\)?%?\)?)"
    r"(?P<note>\([a-z]\)|\(\d\)|\*{1,3})?(?=\s|$)"
    r"|(?<!\S)(?P<word>\$?(?:-{1,3}|[\u2013\u2014]{1,2}|nil|N/?A|n/?a|NM|n/?m))(?=\s|$)"
)
_FOOTNOTE = re.compile(r"\(\d\)|\([a-z]\)")
_RULE = re.compile(r"^[\s\-=_\u2014\u2013*.]*$")
_TAG = re.compile(r"^\s*</?(PAGE|TABLE|CAPTION|S|C|FN|F\d+|R|/R|PRE|DOCUMENT|TYPE|SEQUENCE|FILENAME|"
                  r"DESCRIPTION|TEXT)\b[^>]*>(\s*<[SCF]\w*>)*\s*$", re.I)
_PAGE_TAG = re.compile(r"^\s*<PAGE>", re.I)
TABLE_END = re.compile(r"^\s*</TABLE>", re.I)
TABLE_START = re.compile(r"^\s*<TABLE>", re.I)
_BAR_CHARS = "|\u2502\u00a6"  # "|", box-drawing "│", broken bar "¦"
_BAR = re.compile(rf"(?<![A-Za-z])[{_BAR_CHARS}]|[{_BAR_CHARS}](?![A-Za-z])")  # not "A|B" inside a word
_BOX_RULE = re.compile(rf"^[\s\-=_+{_BAR_CHARS}]*$")
_WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass
class Token:
    start: int
    end: int
    text: str

    @property
    def edge(self) -> int:
        """Right edge of the digits (a closing parenthesis, % or trailing minus sticks out to the right)."""
        stripped = self.text.rstrip(")%-")
        return self.start + len(stripped)

    @property
    def is_year(self) -> bool:
        return bool(re.fullmatch(r"(?:19|20)\d\d", self.text))


@dataclass
class Line:
    number: int  # 0-based within the document
    text: str
    kind: str  # blank | rule | tag | page | data | text
    run: list[Token]
    label_end: int  # where the label stops (start of the first value)

    @property
    def label(self) -> str:
        return self.text[: self.label_end].rstrip()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))


def classify_lines(raw_lines: list[str]) -> list[Line]:
    out = []
    for number, raw in enumerate(raw_lines):
        text = blank_column_bars(raw.expandtabs(8)).rstrip()
        out.append(_classify(number, text))
    _mark_page_numbers(out)
    return out


def blank_column_bars(text: str) -> str:
    """Vertical bars drawn between columns ("61,240  |  80,115") and the "+" corners of a box
    rule ("------+------") become spaces, one for one, so character positions (and the spans
    of values) stay those of the filing."""
    if not any(ch in text for ch in _BAR_CHARS + "+"):
        return text
    if _BOX_RULE.match(text) and re.search(r"[-=_]{2,}", text):
        text = text.replace("+", " ")
    return _BAR.sub(" ", text)


def _classify(number: int, text: str) -> Line:
    if not text.strip():
        return Line(number, text, "blank", [], 0)
    if _PAGE_TAG.match(text):
        return Line(number, text, "page", [], 0)
    if _TAG.match(text):
        return Line(number, text, "tag", [], 0)
    if _RULE.match(text) and re.search(r"[-=_\u2014\u2013]{2,}", text):
        return Line(number, text, "rule", [], 0)
    run = trailing_run(text)
    if run:
        label_end = run[0].start
        label = strip_leaders(text[:label_end]).rstrip(" $")
        if len(_WORD.findall(label)) > 14:
            return Line(number, text, "text", [], len(text))  # prose ending in a number
        return Line(number, text, "data", run, len(label))
    return Line(number, text, "text", [], len(text))


def trailing_run(text: str) -> list[Token]:
    """Value tokens at the end of the line, right to left until a word or a glued number."""
    tokens = []
    for m in TOKEN.finditer(text):
        group = "word" if m.group("word") else "num"
        if m.group(group) and m.group(group).strip():
            tokens.append(Token(m.start(group), m.end(group), m.group(group)))  # footnote marks left out
    tokens = [t for t in tokens if t.text not in ("$", "(", ")") and is_value(t.text)]
    # "1,234 (1)": a footnote reference right after a value is not a value
    tokens = [t for i, t in enumerate(tokens) if not (i and _FOOTNOTE.fullmatch(t.text)
                                                     and t.start - tokens[i - 1].end <= 1)]
    run: list[Token] = []
    end = len(text)
    for token in reversed(tokens):
        between = text[token.end:end]
        if _FOOTNOTE.sub("", between).strip(" $.*") != "" or (run and between == ""):
            break
        before = text[:token.start]
        glued = before.endswith(" ") and not before.endswith("  ") and before.rstrip()[-1:] not in ("$", ".", "")
        if glued and before.rstrip() and not re.search(r"\.{2,}$", before.rstrip()):
            # one space after a word: part of the label ("and 58 (2002)") unless a value precedes
            prev = before.rstrip().split(" ")[-1]
            if not is_value(prev.strip("$")):
                break
        run.insert(0, token)
        end = token.start
    return run


def strip_leaders(text: str) -> str:
    """Drop dot leaders ("Net sales.........") or a trailing underscore rule, in linear time."""
    stripped = text.rstrip()
    if stripped.endswith("__"):
        return stripped.rstrip("_").rstrip()
    without = stripped.rstrip(". ")
    return without if stripped[len(without):].count(".") >= 2 else text


def is_value(text: str) -> bool:
    parsed = parse_amount(text)
    return parsed is not None


def _mark_page_numbers(lines: list[Line]) -> None:
    """A lone small number between blank lines (or next to <PAGE>) is a page number."""
    for i, line in enumerate(lines):
        if line.kind != "data" or line.label.strip() or len(line.run) != 1:
            continue
        token = line.run[0].text
        if not re.fullmatch(r"-?\s?\d{1,3}\s?-?|[ivxlc]+", token):
            continue
        prev_kind = lines[i - 1].kind if i else "blank"
        next_kind = lines[i + 1].kind if i + 1 < len(lines) else "blank"
        if prev_kind in ("blank", "page", "rule") and next_kind in ("blank", "page"):
            line.kind = "page"


def is_prose(text: str) -> bool:
    stripped = text.strip()
    if stripped.startswith("(") or stripped.endswith(")"):
        return False  # "(In millions, except number of shares which are reflected in thousands ...)"
    words = _WORD.findall(stripped)
    if len(words) >= 10 and "  " not in stripped.strip():
        return True
    return len(words) >= 14
