"""Table layouts the finders must read column by column: a "Notes" reference column, columns
ruled with "|", a non-GAAP statement right above the GAAP one. One hand-written excerpt per
layout; expected values read off the excerpt by hand (printed number x the scale note)."""
from __future__ import annotations

import textwrap
from decimal import Decimal

from conftest import facts_of

from converter.find_tables import find_tables
from converter.pipeline import convert
from converter.records import Document

D = Decimal

HEAD = ("FORM 10-K\nFor the fiscal year ended December 31, 2003\nSIGMA SHIPPING LTD\n"
        "(Exact name of registrant as specified in its charter)\n\n")


def _html_tables(html: str):
    doc = Document(index=1, type="EX-99", sequence="1", filename="ex99.htm", description="", text=html,
                   first_line=1, is_html=True)
    return find_tables(doc)


def test_notes_column_is_not_a_period(tmp_path):
    facts = facts_of(tmp_path, """
                        CONSOLIDATED BALANCE SHEETS
                       AS OF DECEMBER 31, 2003 AND 2002
                  (Expressed in thousands of U.S. dollars)

                                              Notes         2003         2002
                                              -----     ---------    ---------
      Cash and cash equivalents                           18,420       12,115
      Trade accounts receivable, net              3        4,210        3,875
      Inventories                                          1,105          980
                                                       ---------    ---------
        Total current assets                              23,735       16,970
    VESSELS, NET                                  4      312,880      298,415
                                                       ---------    ---------
        Total assets                                     336,615      315,385
                                                       =========    =========
    """, head=HEAD)
    assert facts[("AccountsReceivableNetCurrent", "I:2003-12-31")] == D("4210000")
    assert facts[("AccountsReceivableNetCurrent", "I:2002-12-31")] == D("3875000")
    assert facts[("Assets", "I:2003-12-31")] == D("336615000")
    assert not {value for value in facts.values() if value in (D("3000"), D("4000"), D("3"), D("4"))}


def test_unheaded_note_numbers_before_the_first_column(tmp_path):
    facts = facts_of(tmp_path, """
                        CONSOLIDATED BALANCE SHEETS
                        (In thousands of U.S. dollars)

                                                            2003         2002
      Cash and cash equivalents                           18,420       12,115
      Trade accounts receivable, net              3        4,210        3,875
      Inventories                                          1,105          980
        Total current assets                              23,735       16,970
    VESSELS, NET                                  4      312,880      298,415
        Total assets                                     336,615      315,385
    """, head=HEAD)
    assert facts[("AccountsReceivableNetCurrent", "I:2003-12-31")] == D("4210000")
    assert facts[("AssetsCurrent", "I:2002-12-31")] == D("16970000")
    assert facts[("Assets", "I:2003-12-31")] == D("336615000")
    assert D("3000") not in facts.values() and D("4000") not in facts.values()


def test_html_note_column_is_dropped():
    html = """<HTML><BODY><P>ACME WIDGET CORP<BR>CONSOLIDATED BALANCE SHEETS<BR>(In thousands)</P>
    <TABLE>
    <TR><TD></TD><TD>Note</TD><TD>December 31, 2006</TD><TD>December 31, 2005</TD></TR>
    <TR><TD>Cash</TD><TD></TD><TD>14,000</TD><TD>11,000</TD></TR>
    <TR><TD>Accounts receivable</TD><TD>4</TD><TD>6,000</TD><TD>5,000</TD></TR>
    <TR><TD>Total current assets</TD><TD></TD><TD>20,000</TD><TD>16,000</TD></TR>
    </TABLE></BODY></HTML>"""
    [table] = _html_tables(html)
    assert table.n_columns == 2
    assert [[cell.text for cell in row] for row in table.header] == [["December 31, 2006", "December 31, 2005"]]
    receivable = next(row for row in table.rows if row.label == "Accounts receivable")
    assert [cell.text for cell in receivable.cells] == ["6,000", "5,000"]


def test_small_first_column_with_its_own_year_stays(tmp_path):
    # amounts in millions: small whole numbers with a year over them are a period, not notes
    facts = facts_of(tmp_path, """
                        CONSOLIDATED BALANCE SHEETS
                               (In millions)

                                                2003         2002
      Cash and cash equivalents                   18          120
      Trade accounts receivable, net               3          387
      Inventories                                             980
        Total current assets                      21        1,487
    """, head=HEAD)
    assert facts[("AccountsReceivableNetCurrent", "I:2003-12-31")] == D("3000000")
    assert facts[("AssetsCurrent", "I:2003-12-31")] == D("21000000")


PIPED = """
                       CONSOLIDATED STATEMENTS OF OPERATIONS
                              (Dollars in thousands)

                          Successor     |        Predecessor
                        -------------   |  -------------------------
                         Period from    |   Period from
                         July 22 to     |   January 1 to  Year Ended
                        December 31,    |     July 21,   December 31,
                            1997        |       1997         1996
                        -------------   |  ------------  -----------
Net sales                  $ 61,240     |     $ 80,115     $ 135,902
Cost of sales                44,810     |       57,330        98,415
                        -------------   |  ------------  -----------
Gross profit                 16,430     |       22,785        37,487
Interest expense              5,870 (a) |          920         1,615
                        =============   |  ============  ===========
"""


def test_vertical_bars_between_columns(tmp_path):
    facts = facts_of(tmp_path, PIPED, head=HEAD)
    # Jul 22 - Dec 31 is 163 days (5 months), Jan 1 - Jul 21 is 202 days (7 months)
    assert facts[("Revenues", "D5:1997-12-31")] == D("61240000")
    assert facts[("Revenues", "D7:1997-07-21")] == D("80115000")
    assert facts[("Revenues", "D12:1996-12-31")] == D("135902000")
    assert facts[("GrossProfit", "D5:1997-12-31")] == D("16430000")
    assert facts[("InterestExpense", "D5:1997-12-31")] == D("5870000")


def test_vertical_bars_keep_character_positions(tmp_path):
    path = tmp_path / "piped.txt"
    path.write_text(HEAD + textwrap.dedent(PIPED), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").split("\n")
    conversion = convert(path, render=False)
    sales = [f for f in conversion.report.facts if f.concept.name == "Revenues"]
    assert len(sales) == 3
    for fact in sales:
        span = fact.source
        assert lines[span.line - 1][span.start:span.end] == span.text
    assert "|" not in " ".join(row.label for table in conversion.statements for row in table.rows)


def test_box_drawn_with_bars_and_plus_corners(tmp_path):
    facts = facts_of(tmp_path, """
                      CONSOLIDATED STATEMENTS OF OPERATIONS
                               (In thousands)

    +-----------------------------+------------+------------+
    |                             |    2003    |    2002    |
    +-----------------------------+------------+------------+
    |Net sales                    |  $ 52,300  |  $ 48,100  |
    |Cost of sales                |    31,200  |    29,000  |
    +-----------------------------+------------+------------+
    |Gross profit                 |    21,100  |    19,100  |
    +-----------------------------+------------+------------+
    """, head=HEAD)
    assert facts[("Revenues", "D12:2003-12-31")] == D("52300000")
    assert facts[("CostOfGoodsAndServicesSold", "D12:2002-12-31")] == D("29000000")
    assert facts[("GrossProfit", "D12:2002-12-31")] == D("19100000")


def _statement(title: str, cost: str) -> str:
    return f"""<P>OMNI SOFTWARE, INC.<BR>{title}<BR>(In thousands)</P>
<TABLE>
<TR><TD></TD><TD COLSPAN=2>Three Months Ended September 30,</TD></TR>
<TR><TD></TD><TD>2006</TD><TD>2005</TD></TR>
<TR><TD>Revenue</TD><TD>30,000</TD><TD>26,000</TD></TR>
<TR><TD>Cost of revenue</TD><TD>{cost}</TD><TD>5,300</TD></TR>
<TR><TD>Net income</TD><TD>3,800</TD><TD>2,600</TD></TR>
</TABLE>"""


def _two_statements(first_title: str, second_title: str) -> str:
    return (f"<HTML><BODY>{_statement(first_title, '5,800')}\n"
            "<P>Non-GAAP results exclude stock-based compensation and amortization of acquired intangibles.</P>\n"
            f"{_statement(second_title, '6,000')}</BODY></HTML>")


def test_gaap_statement_is_not_merged_into_the_non_gaap_one():
    tables = _html_tables(_two_statements("NON-GAAP CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS",
                                          "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS"))
    assert len(tables) == 2
    assert [row.label for row in tables[1].rows] == ["Revenue", "Cost of revenue", "Net income"]
    assert [cell.text for cell in tables[1].rows[1].cells] == ["6,000", "5,300"]


def test_same_statement_repeated_after_a_page_break_still_joins():
    tables = _html_tables(_two_statements("CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS",
                                          "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS"))
    assert len(tables) == 1


def test_pro_forma_page_marked_continued_still_joins():
    tables = _html_tables(_two_statements("PRO FORMA CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS",
                                          "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS (Continued)"))
    assert len(tables) == 1
