"""HTML table layouts the finder must read line by line: footnote marks after numbers, several
statement lines stacked with <BR> in one <TR>, a label cell spanning rows over labels of its own.
One hand-written excerpt per layout; expected values read off the excerpt by hand (printed number
x the scale note)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import facts_of

from converter.find_tables import find_tables
from converter.records import Document

D = Decimal

COVER = ("<HTML><BODY><P ALIGN=CENTER>FORM 10-K<BR>For the fiscal year ended December 31, 2001<BR>"
         "<B>ORCHARD TOOL CORP</B><BR>(Exact name of registrant as specified in its charter)</P>\n")


def _raw_rows(html: str):
    doc = Document(index=1, type="10-K", sequence="1", filename="f10k.htm", description="", text=html,
                   first_line=1, is_html=True)
    (table,) = find_tables(doc)
    return table


def _facts(tmp_path, html: str):
    return facts_of(tmp_path, html, name="f10k.htm", head="")


# --- footnote marks -------------------------------------------------------------------------

def _one_cell_table(cell: str) -> str:
    return (COVER + "<TABLE><TR><TD></TD><TD>2001</TD><TD>2000</TD></TR>"
            "<TR><TD>Revenues</TD><TD>5,000</TD><TD>4,000</TD></TR>"
            f"<TR><TD>Other income (expense)</TD><TD>{cell}</TD><TD>7</TD></TR></TABLE></BODY></HTML>")


@pytest.mark.parametrize("cell, printed", [
    ("11,940*", "11,940"),
    ("11,940**", "11,940"),
    ("9,770<SUP>(1)</SUP>", "9,770"),
    ("770<SUP>1</SUP>", "770"),  # not "7701"
    ("1,240 (2)", "1,240"),
    ("1,240(a)", "1,240"),
    ("(1,240) (2)", "(1,240)"),
    ("(2)", "(2)"),  # the value -2, not a footnote
    ("(1,234)", "(1,234)"),
    ("12.5%*", "12.5%"),
])
def test_footnote_mark_after_a_number_is_left_out(cell, printed):
    table = _raw_rows(_one_cell_table(cell))
    other = table.rows[-1]
    assert other.cells[0].text == printed
    assert other.cells[0].span.text == printed and other.cells[0].span.path.endswith("/tr[3]/td[2]")


def test_superscript_mark_in_a_cell_of_its_own_is_not_a_value():
    html = _one_cell_table("6</TD><TD><SUP>(1)</SUP>")
    assert [c.text if c else None for c in _raw_rows(html).rows[-1].cells] == ["6", "7"]


FOOTNOTED = COVER + """<P ALIGN=CENTER>CONSOLIDATED STATEMENTS OF OPERATIONS<BR>
(In thousands, except per share data)</P>
<TABLE>
<TR><TD></TD><TD COLSPAN=5 ALIGN=CENTER>Year Ended December 31,</TD></TR>
<TR><TD></TD><TD COLSPAN=2 ALIGN=CENTER>2001</TD><TD></TD><TD COLSPAN=2 ALIGN=CENTER>2000</TD></TR>
<TR><TD>Revenues</TD><TD>$</TD><TD ALIGN=RIGHT>52,000</TD><TD></TD><TD>$</TD><TD ALIGN=RIGHT>48,000</TD></TR>
<TR><TD>Costs and expenses</TD><TD></TD><TD ALIGN=RIGHT>55,000</TD><TD></TD><TD></TD><TD ALIGN=RIGHT>50,000</TD></TR>
<TR><TD>Net loss</TD><TD>$</TD><TD ALIGN=RIGHT>(3,000</TD><TD>)</TD>
    <TD>$</TD><TD ALIGN=RIGHT>(2,000</TD><TD>)*</TD></TR>
<TR><TD>Net loss per share &#151; basic and diluted</TD><TD>$</TD><TD ALIGN=RIGHT>(0.30</TD><TD>)</TD>
    <TD>$</TD><TD ALIGN=RIGHT>(0.21</TD><TD>)*</TD></TR>
<TR><TD>Weighted average shares outstanding &#151; basic and diluted</TD><TD></TD><TD ALIGN=RIGHT>10,000</TD><TD></TD>
    <TD></TD><TD ALIGN=RIGHT>9,500<SUP>(1)</SUP></TD></TR>
</TABLE>
<P>* Restated. (1) Adjusted for the 2001 stock split.</P></BODY></HTML>
"""


def test_footnoted_figures_are_tagged(tmp_path):
    facts = _facts(tmp_path, FOOTNOTED)
    assert facts[("NetIncomeLoss", "D12:2000-12-31")] == D("-2000000")  # "(2,000" + ")*"
    assert facts[("EarningsPerShareBasicAndDiluted", "D12:2000-12-31")] == D("-0.21")
    assert facts[("WeightedAverageNumberOfShareOutstandingBasicAndDiluted", "D12:2000-12-31")] == D("9500000")
    assert facts[("WeightedAverageNumberOfShareOutstandingBasicAndDiluted", "D12:2001-12-31")] == D("10000000")


# --- rows stacked with <BR> -----------------------------------------------------------------

STACKED = COVER + """<P ALIGN=CENTER>CONSOLIDATED BALANCE SHEETS<BR>(In thousands)</P>
<TABLE>
<TR><TD></TD><TD ALIGN=CENTER>December 31,</TD><TD></TD></TR>
<TR><TD></TD><TD ALIGN=CENTER>2001</TD><TD ALIGN=CENTER>2000</TD></TR>
<TR VALIGN=TOP><TD>ASSETS<BR>Cash<BR>Accounts receivable, net<BR>Inventories:<BR>&nbsp;&nbsp;Raw materials
<BR>&nbsp;&nbsp;Finished goods</TD>
<TD ALIGN=RIGHT><BR>$ 1,200<BR>3,400<BR><BR>900<BR>1,200<BR></TD>
<TD ALIGN=RIGHT><BR>$ 1,000<BR>3,000<BR><BR>800<BR>1,100</TD></TR>
<TR><TD>Total current assets</TD><TD ALIGN=RIGHT>6,700</TD><TD ALIGN=RIGHT>5,900</TD></TR>
<TR><TD>Property and equipment, net<BR>Other assets</TD><TD ALIGN=RIGHT>4,100<BR>200</TD>
<TD ALIGN=RIGHT>3,900<BR>200</TD></TR>
<TR><TD>Total assets</TD><TD ALIGN=RIGHT>$ 11,000</TD><TD ALIGN=RIGHT>$ 10,000</TD></TR>
<TR><TD>Accounts payable and accrued<BR>liabilities</TD><TD ALIGN=RIGHT>4,000</TD><TD ALIGN=RIGHT>3,500</TD></TR>
<TR><TD>Stockholders' equity</TD><TD ALIGN=RIGHT>7,000</TD><TD ALIGN=RIGHT>6,500</TD></TR>
<TR><TD>Total liabilities and stockholders' equity</TD><TD ALIGN=RIGHT>$ 11,000</TD><TD ALIGN=RIGHT>$ 10,000</TD></TR>
</TABLE></BODY></HTML>
"""


def test_rows_stacked_with_br_are_one_row_per_line():
    table = _raw_rows(STACKED)
    rows = [(r.label, r.indent, [c.text if c else None for c in r.cells]) for r in table.rows]
    assert rows[:7] == [
        ("ASSETS", 0, [None, None]),
        ("Cash", 0, ["$ 1,200", "$ 1,000"]),
        ("Accounts receivable, net", 0, ["3,400", "3,000"]),
        ("Inventories:", 0, [None, None]),
        ("Raw materials", 2, ["900", "800"]),  # "&nbsp;&nbsp;" indents its own line only
        ("Finished goods", 2, ["1,200", "1,100"]),  # after a line break in the source
        ("Total current assets", 0, ["6,700", "5,900"]),
    ]
    assert [r.label for r in table.rows[7:9]] == ["Property and equipment, net", "Other assets"]
    # a label wrapped with <BR> beside one figure stays one row
    assert ("Accounts payable and accrued liabilities", ["4,000", "3,500"]) in \
        [(r.label, [c.text if c else None for c in r.cells]) for r in table.rows]
    # the stacked labels are rows, not column headings
    assert [[h.text for h in line] for line in table.header] == [["December 31,"], ["2001", "2000"]]


def test_stacked_lines_point_to_their_own_source_line():
    table = _raw_rows(STACKED)
    finished = next(r for r in table.rows if r.label == "Finished goods")
    raw = next(r for r in table.rows if r.label == "Raw materials")
    assert finished.line == raw.line + 1 and finished.cells[0].span.path.endswith("/tr[3]/td[2]")


def test_stacked_rows_are_tagged(tmp_path):
    facts = _facts(tmp_path, STACKED)
    assert facts[("Cash", "I:2001-12-31")] == D("1200000")
    assert facts[("AccountsReceivableNetCurrent", "I:2000-12-31")] == D("3000000")
    assert facts[("AssetsCurrent", "I:2001-12-31")] == D("6700000")
    assert facts[("OtherAssetsNoncurrent", "I:2001-12-31")] == D("200000")
    assert facts[("Assets", "I:2000-12-31")] == D("10000000")
    assert facts[("InventoryRawMaterials", "I:2001-12-31")] == D("900000")
    assert facts[("InventoryFinishedGoods", "I:2000-12-31")] == D("1100000")


# --- a label spanning rows ------------------------------------------------------------------

SPANNING = COVER + """<P ALIGN=CENTER>CONSOLIDATED STATEMENTS OF INCOME<BR>(In thousands, except per share data)</P>
<TABLE BORDER=1>
<TR><TD COLSPAN=2></TD><TD ALIGN=CENTER>2001</TD><TD ALIGN=CENTER>2000</TD></TR>
<TR><TD COLSPAN=2>Net sales</TD><TD ALIGN=RIGHT>$ 80,000</TD><TD ALIGN=RIGHT>$ 70,000</TD></TR>
<TR><TD COLSPAN=2>Cost of sales</TD><TD ALIGN=RIGHT>50,000</TD><TD ALIGN=RIGHT>45,000</TD></TR>
<TR><TD COLSPAN=2>Net income</TD><TD ALIGN=RIGHT>$ 6,000</TD><TD ALIGN=RIGHT>$ 5,000</TD></TR>
<TR><TD ROWSPAN=2>Net income per share</TD><TD>Basic</TD><TD ALIGN=RIGHT>$ 1.20</TD><TD ALIGN=RIGHT>$ 1.04</TD></TR>
<TR><TD>Diluted</TD><TD ALIGN=RIGHT>$ 1.15</TD><TD ALIGN=RIGHT>$ 1.00</TD></TR>
<TR><TD ROWSPAN=2>Weighted average shares</TD><TD>Basic</TD><TD ALIGN=RIGHT>5,000</TD><TD ALIGN=RIGHT>4,800</TD></TR>
<TR><TD>Diluted</TD><TD ALIGN=RIGHT>5,200</TD><TD ALIGN=RIGHT>5,000</TD></TR>
</TABLE></BODY></HTML>
"""


def test_label_spanning_rows_heads_the_rows_it_spans():
    rows = [(r.label, r.indent, any(r.cells)) for r in _raw_rows(SPANNING).rows]
    assert rows[3:] == [("Net income per share", 0, False), ("Basic", 2, True), ("Diluted", 2, True),
                        ("Weighted average shares", 0, False), ("Basic", 2, True), ("Diluted", 2, True)]


def test_rows_under_a_spanning_label_are_tagged_as_what_it_says(tmp_path):
    facts = _facts(tmp_path, SPANNING)
    assert facts[("EarningsPerShareBasic", "D12:2001-12-31")] == D("1.20")
    assert facts[("EarningsPerShareDiluted", "D12:2000-12-31")] == D("1.00")
    assert facts[("WeightedAverageNumberOfSharesOutstandingBasic", "D12:2001-12-31")] == D("5000000")
    assert facts[("WeightedAverageNumberOfDilutedSharesOutstanding", "D12:2001-12-31")] == D("5200000")
    assert facts[("WeightedAverageNumberOfDilutedSharesOutstanding", "D12:2000-12-31")] == D("5000000")


STACKED_SUFFIX = """<HTML><BODY><P>ACME WIDGET CORP<BR>CONSOLIDATED BALANCE SHEETS<BR>(In thousands)</P>
<TABLE>
<TR><TD></TD><TD ALIGN=RIGHT>December 31,<BR>1999</TD><TD ALIGN=RIGHT>December 31,<BR>1998</TD></TR>
<TR><TD>Cash<BR>Accounts receivable<BR>Total current assets</TD>
<TD ALIGN=RIGHT>3,870<BR>870<BR>4,740</TD><TD ALIGN=RIGHT>3,000<BR>800<BR>3,800</TD></TR>
</TABLE></BODY></HTML>
"""


def test_a_stacked_number_that_ends_another_is_wrapped_where_it_stands(tmp_path):
    # "870" must not be wrapped inside "3,870" on the line above
    from lxml import etree

    from converter.pipeline import convert

    path = tmp_path / "bs.htm"
    path.write_text("FORM 10-K\n" + STACKED_SUFFIX, encoding="utf-8")
    conversion = convert(path)
    root = etree.fromstring(conversion.outputs["bs.xhtml"].encode())
    ns = {"ix": "http://www.xbrl.org/2013/inlineXBRL"}
    wrapped = {(el.get("name").split(":")[1], el.get("contextRef")): el.text
               for el in root.xpath("//ix:nonFraction", namespaces=ns)}
    assert wrapped[("Cash", "i19991231")] == "3,870"
    assert wrapped[("AccountsReceivableNetCurrent", "i19991231")] == "870"
    assert wrapped[("AssetsCurrent", "i19981231")] == "3,800"
    assert not root.xpath("//ix:nonFraction//ix:nonFraction", namespaces=ns)
