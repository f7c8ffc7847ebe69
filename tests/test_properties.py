"""Property-based tests (hypothesis): numbers, dates, labels and whole generated text tables.

Each property renders a value the way legacy filings print it and checks that parsing gives
the value back: an amount with separators, parentheses and "$"; a date in the styles filings
use; a row label with markup characters; a whole statement (scale note, 1-4 dated columns,
signs, labels wrapped over two lines, a total row) written into a minimal filing and run
through ``pipeline.convert``. A few whole tables are also rendered, and Arelle's reading of
our Inline XBRL must equal our xBRL-JSON.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from decimal import Decimal
from pathlib import Path

from conftest import fact_set
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from converter.amounts import parse_amount
from converter.periods import parse_date
from converter.read_filing import _HTML_TAG

QUICK = settings(max_examples=300, deadline=None)
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- amounts ----------------------------------------------------------------------------------

@st.composite
def printed_amounts(draw) -> tuple[Decimal, int, str]:
    """(value, decimals, text): a Decimal printed with or without thousands separators,
    negative in parentheses or with a minus, with "$" before the number or the parenthesis."""
    places = draw(st.integers(0, 4))
    units = draw(st.integers(0, 10**13))
    value = Decimal(units).scaleb(-places)
    negative = draw(st.booleans()) and value != 0
    digits = f"{value:,.{places}f}" if draw(st.booleans()) else f"{value:.{places}f}"
    if places and value < 1 and draw(st.booleans()):
        digits = digits[1:]  # ".50"
    dollar = draw(st.sampled_from(["", "$", "$ "]))
    if negative:
        text = draw(st.sampled_from([f"{dollar}({digits})", f"({dollar}{digits})", f"-{dollar}{digits}",
                                     f"{dollar}-{digits}", f"( {digits} )"]))
    else:
        text = dollar + digits
    padding = draw(st.sampled_from(["", " ", "  ", "\u00a0"]))
    return (-value if negative else value), places, padding + text + padding


@QUICK
@given(printed_amounts())
@example((Decimal("-1234"), 0, "$(1,234)"))
@example((Decimal("0.05"), 2, ".05"))
def test_a_printed_amount_parses_back(case):
    value, places, text = case
    parsed = parse_amount(text)
    assert parsed is not None, text
    assert (parsed.value, parsed.decimals, parsed.dash, parsed.percent) == (value, places, False, False), text


@QUICK
@given(printed_amounts())
def test_a_printed_percentage_is_marked(case):
    value, places, text = case
    parsed = parse_amount(text.strip() + "%")
    assume(")" not in text)  # "(5)%" and "(5%)" are both printed; checked in test_amounts.py
    assert parsed is not None and parsed.percent and parsed.value == value


@st.composite
def bad_groupings(draw) -> str:
    """Thousands separators that do not group by three: "0,12", "1,2345", "12,34,567"."""
    first = str(draw(st.integers(1, 999)))
    groups = draw(st.lists(st.integers(0, 99999).map(str), min_size=1, max_size=4))
    groups = [g.zfill(draw(st.integers(len(g), 5))) for g in groups]
    assume(any(len(g) != 3 for g in groups))
    return draw(st.sampled_from(["", "$", "("])) + ",".join([first, *groups])


WORDS_THAT_ARE_AMOUNTS = {"n/a", "na", "nm", "n/m", "none", "nil"}


@QUICK
@given(st.one_of(
    bad_groupings(),
    st.from_regex(r"\A0,\d{1,2}\Z"),
    st.from_regex(r"\A\d{1,3}(,\d{3})*\.\d*\.\d+\Z"),  # two decimal points
    st.from_regex(r"\A\d{1,6} \d{1,6}\Z"),  # two numbers
    st.from_regex(r"\A\$?\d{1,6}[A-Za-z]\w*\Z"),  # a number glued to a word
    st.text(alphabet=st.characters(codec="ascii", categories=["L", "N", "P", "S", "Zs"]), min_size=1, max_size=12)
      .filter(lambda s: re.search(r"[A-Za-z]", s) and s.strip().lower().strip("$") not in WORDS_THAT_ARE_AMOUNTS),
))
@example("0,12")
@example("1,2345")
@example("12,34,567")
def test_what_is_not_a_number_is_rejected(text):
    assert parse_amount(text) is None, text


@QUICK
@given(st.one_of(st.text(alphabet=st.characters(categories=["Nd"], exclude_characters="0123456789"), min_size=1,
                         max_size=6),
                 st.from_regex(r"\A0\d{0,2}(,\d{3})+\Z")))
@example("\u0661\u0662\u0663")  # Arabic-Indic 123
@example("0,123")
def test_non_ascii_digits_and_zero_led_groups_are_not_amounts(text):
    assert parse_amount(text) is None, text


# --- dates ------------------------------------------------------------------------------------

def _month(date: dt.date, style: str) -> str:
    name = date.strftime("%B")
    return {"long": name, "upper": name.upper(), "abbr": name[:3],
            "abbr.": ("Sept" if date.month == 9 else name[:3]) + "."}[style]


@st.composite
def printed_dates(draw) -> tuple[dt.date, str]:
    date = draw(st.dates(dt.date(1950, 1, 1), dt.date(2049, 12, 31)))
    style = draw(st.sampled_from(["mdy", "mdy-no-comma", "numeric", "numeric-2", "dmy-abbr", "dmy-abbr-4"]))
    month = _month(date, draw(st.sampled_from(["long", "upper", "abbr", "abbr."])))
    text = {"mdy": f"{month} {date.day}, {date.year}",
            "mdy-no-comma": f"{month} {date.day} {date.year}",
            "numeric": f"{date.month}/{date.day}/{date.year}",
            "numeric-2": f"{date.month:02d}/{date.day:02d}/{date.year % 100:02d}",
            "dmy-abbr": f"{date.day}-{date.strftime('%b')}-{date.year % 100:02d}",
            "dmy-abbr-4": f"{date.day:02d}-{date.strftime('%b').upper()}-{date.year}"}[style]
    before = draw(st.sampled_from(["", "As of ", "For the year ended ", "Three Months Ended\n"]))
    after = draw(st.sampled_from(["", " (unaudited)", ",", "   "]))
    return date, before + text + after


@QUICK
@given(printed_dates())
@example((dt.date(2004, 3, 1), "March 1, 2004"))
@example((dt.date(1997, 12, 31), "Dec. 31, 1997"))
@example((dt.date(1999, 9, 30), "Sept. 30, 1999"))
def test_a_printed_date_parses_back(case):
    date, text = case
    assert parse_date(text) == date, text


@QUICK
@given(st.dates(dt.date(1950, 1, 1), dt.date(2049, 12, 31)), st.booleans())
@example(dt.date(2004, 3, 1), True)
def test_day_month_year_and_month_year(date, with_day):
    if with_day:
        assert parse_date(f"{date.day} {date.strftime('%B')} {date.year}") == date
    else:
        assert parse_date(f"{date.strftime('%B')} {date.year}") is None


# --- labels -----------------------------------------------------------------------------------

_WORD = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzé<>&\"';:/]"), min_size=1, max_size=9)


@st.composite
def labels(draw) -> str:
    """A row label: words with markup characters ("<", "&", "]]>", quotes), no numbers."""
    words = draw(st.lists(_WORD, min_size=1, max_size=5))
    words = [w for w in words if parse_amount(w) is None and not re.fullmatch(r"\W+", w)] or ["x"]
    if draw(st.booleans()):
        words.insert(draw(st.integers(0, len(words))), "]]>")
    label = "Zq " + " ".join(words)
    assume(len(label) <= 40)  # fits the label column
    assume(not _HTML_TAG.search(label))  # three complete HTML tags make a document HTML
    return label


FILING_HEAD = "FORM 10-K\nACME WIDGET CORP\n(Exact name of registrant as specified in its charter)\n\n"


def _convert(text: str, render: bool = False):
    from converter.pipeline import convert

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.txt"
        path.write_text(text, encoding="utf-8")
        return convert(path, render=render)


@SLOW
@given(st.lists(labels(), min_size=2, max_size=4, unique_by=str.lower))
@example(["Zq x", "Zq <p"])  # "<p" once does not make a plain-text document HTML
@example(["Zq & <restricted>", "Zq ]]> \"quoted\" 'single'", "Zq <!-- x"])
def test_row_labels_come_back_verbatim(names):
    from lxml import etree

    rows = "".join(f"    {name:<44}{i + 1:>10,}{i + 2:>12,}\n" for i, name in enumerate(names))
    text = (FILING_HEAD + f"{'BALANCE SHEETS':^70}\n\n{'':48}December 31, December 31,\n{'':52}2003        2002\n"
            + rows)
    conversion = _convert(text, render=True)
    (table,) = conversion.statements
    assert [row.label for row in table.rows] == names
    lab = next(v for k, v in conversion.outputs.items() if k.endswith("_lab.xml"))
    printed = {el.text for el in etree.fromstring(lab.encode()).iter("{*}label")}
    assert set(names) <= printed


# --- whole tables -----------------------------------------------------------------------------

WORDS = ["cash", "receivables", "inventories", "prepaid", "deposits", "equipment", "notes", "accrued",
         "widgets", "royalties", "advances", "licenses", "deferred", "charges", "investments", "tooling"]
SCALES = {"": 0, "(In thousands)": 3, "(In millions)": 6, "(Dollars in thousands)": 3}


@st.composite
def statements(draw) -> dict:
    """A balance sheet: scale note, 1-4 dated columns, rows (some wrapped), a total row."""
    scale_note = draw(st.sampled_from(sorted(SCALES)))
    columns = draw(st.integers(1, 4))
    last = draw(st.dates(dt.date(1994, 1, 1), dt.date(2007, 12, 31)))
    dates = [last.replace(year=last.year - i) if not (last.month == 2 and last.day == 29) else
             dt.date(last.year - i, 2, 28) for i in range(columns)]
    names = draw(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3, unique=True).map(" ".join),
                          min_size=2, max_size=6, unique=True))
    values = draw(st.lists(st.lists(st.integers(-999_999, 9_999_999), min_size=columns, max_size=columns),
                           min_size=len(names), max_size=len(names)))
    return {"scale_note": scale_note, "dates": dates, "names": [n.capitalize() for n in names], "values": values,
            "wrapped": draw(st.lists(st.booleans(), min_size=len(names), max_size=len(names))),
            "parentheses": draw(st.booleans()), "one_line_dates": draw(st.booleans())}


def _cell(value: int, dollar: bool, parentheses: bool) -> str:
    text = f"{abs(value):,}"
    if value < 0:
        text = f"({text})" if parentheses else f"-{text}"
    return f"${text}" if dollar else text


def write_statement(spec: dict) -> tuple[str, dict[str, list[Decimal]]]:
    """The statement as printed in a minimal filing, and value x scale per row label."""
    label_width, width = 46, 20
    power = SCALES[spec["scale_note"]]
    out = [f"{'CONSOLIDATED BALANCE SHEETS':^70}", f"{spec['scale_note']:^70}" if spec["scale_note"] else "", ""]
    if spec["one_line_dates"]:
        out.append(" " * label_width + "".join(f"{d.strftime('%B')} {d.day}, {d.year}".rjust(width)
                                                for d in spec["dates"]))
    else:
        out.append(" " * label_width + "".join(f"{d.strftime('%B')} {d.day},".rjust(width) for d in spec["dates"]))
        out.append(" " * label_width + "".join(f"{d.year}".rjust(width) for d in spec["dates"]))
    out.append(" " * label_width + ("  " + "-" * (width - 2)) * len(spec["dates"]))
    expected = {}
    for i, (name, values, wrapped) in enumerate(zip(spec["names"], spec["values"], spec["wrapped"])):
        cells = "".join(_cell(v, i == 0, spec["parentheses"]).rjust(width) for v in values)
        if wrapped:
            out.append(f"    {name} and")
            tail = f"other {name.lower()}"
            out.append(f"      {tail}".ljust(label_width) + cells)
        else:
            out.append(f"    {name}".ljust(label_width) + cells)
        expected[f"{name} and {tail}" if wrapped else name] = [Decimal(v).scaleb(power) for v in values]
    totals = [sum(column) for column in zip(*spec["values"])]
    out.append(" " * label_width + ("  " + "-" * (width - 2)) * len(spec["dates"]))
    out.append("    Total assets".ljust(label_width)
               + "".join(_cell(v, True, spec["parentheses"]).rjust(width) for v in totals))
    expected["Total assets"] = [Decimal(v).scaleb(power) for v in totals]
    return FILING_HEAD + "\n".join(out) + "\n", expected


@SLOW
@given(statements())
def test_a_generated_statement_parses_back(spec):
    text, expected = write_statement(spec)
    conversion = _convert(text)
    (table,) = conversion.statements
    assert [c.period.end if c.period else None for c in table.columns] == spec["dates"]
    got = {row.label: [a.value.scaleb(row.scale) if a else None for a in row.values]
           for row in table.rows if not row.header_only}
    assert got == expected, text
    lines = text.split("\n")
    for fact in conversion.report.facts:  # every fact is a printed number x scale, on its row
        line = lines[fact.source.line - 1]
        printed = parse_amount(line[fact.source.start:fact.source.end])
        assert abs(fact.value) == abs(printed.value).scaleb(fact.scale)
    assert len(conversion.report.facts) == sum(len(v) for v in expected.values())


def test_abbreviated_december_headings_are_periods():
    text = (FILING_HEAD + f"{'BALANCE SHEETS':^70}\n\n{'':42}Dec. 31, 2003   Dec. 31, 2002\n"
            "    Cash                                    $ 1,200         $   900\n"
            "    Inventories                               2,500             300\n"
            "    Total assets                            $ 3,700         $ 1,200\n")
    (table,) = _convert(text).statements
    assert [c.period.end for c in table.columns] == [dt.date(2003, 12, 31), dt.date(2002, 12, 31)]


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(statements())
def test_arelle_reads_our_inline_xbrl_as_our_json(spec):
    from converter.pipeline import write_outputs
    from converter.validate import arelle_oim_json

    text, _ = write_statement(spec)
    conversion = _convert(text, render=True)
    with tempfile.TemporaryDirectory() as folder:
        paths, _ = write_outputs(conversion, folder, validate=False)
        ours = json.loads(next(p for p in paths if p.name == "generated.json").read_text(encoding="utf-8"))
        theirs = arelle_oim_json(Path(folder) / "generated.xhtml", Path(folder) / "arelle.json")
    assert fact_set(theirs) == fact_set(ours) and len(fact_set(ours)) == len(conversion.report.facts)
