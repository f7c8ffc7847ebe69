"""Text layouts the table finder used to misread, one hand-written excerpt per defect.

Expected facts are read off each excerpt by hand: printed number x the scale note, XBRL signs.
Where the finder records its reading, ``RawTable.problems`` is checked too.
"""
from __future__ import annotations

import textwrap
from decimal import Decimal

import pytest
from conftest import facts_of

from converter.find_tables import find_tables
from converter.records import Document, RawTable

D = Decimal
PRESS_RELEASE = "FORM 8-K\nACME WIDGET CORP\n(Exact name of registrant as specified in its charter)\n\n"


def tables_of(body: str) -> list[RawTable]:
    text = textwrap.dedent(body)
    return find_tables(Document(0, "10-K", "1", "", "", text, first_line=1, is_html=False))


def problems_of(body: str) -> list:
    return [problem for table in tables_of(body) for problem in table.problems]


# --- 1. a value printed a few characters off its column ------------------------------------------

OFF_COLUMN = """
                      CONSOLIDATED STATEMENTS OF OPERATIONS
                     (In thousands, except per share amounts)

                                        Year Ended December 31,
                                    -------------------------------
                                      1998        1997        1996
                                    -------     -------     -------
    Net sales                       $98,400     $91,200     $85,700
    Cost of sales                    61,300      57,800      54,100
                                    -------     -------     -------
    Income before cumulative
      effect of accounting change    37,100      33,400      31,600
    Cumulative effect of change in
      accounting principle, net of tax   (1,100)     --          --
                                    -------     -------     -------
    Net income                       36,000      33,400      31,600
"""


def test_value_a_few_characters_right_of_its_column_is_read_in_it(tmp_path):
    facts = facts_of(tmp_path, OFF_COLUMN)
    assert facts[("CumulativeEffectOfChangeInAccountingPrincipleNetOfTax", "D12:1998-12-31")] == D("-1100000")
    assert facts[("CumulativeEffectOfChangeInAccountingPrincipleNetOfTax", "D12:1997-12-31")] == D("0")
    assert facts[("NetIncomeLoss", "D12:1998-12-31")] == D("36000000")


def test_value_read_off_its_column_is_recorded_with_its_line():
    problems = problems_of(OFF_COLUMN)
    assert [(p.level, p.code) for p in problems] == [("info", "table.value_misaligned")]
    assert problems[0].source.line == 15 and problems[0].source.text == "(1,100)"
    assert "line 15" in problems[0].message


def test_value_midway_between_two_columns_is_left_out_with_a_warning(tmp_path):
    body = """
                      CONSOLIDATED STATEMENTS OF OPERATIONS
                                 (In thousands)

                                        Year Ended December 31,
                                      1998        1997        1996
    Net sales                       $98,400     $91,200     $85,700
    Cost of sales                    61,300      57,800      54,100
    Restructuring charge                    2,100
    Gross profit                     37,100      33,400      31,600
    """
    problems = problems_of(body)
    assert [(p.level, p.code, p.source.text) for p in problems] == [("warning", "table.value_unassigned", "2,100")]
    facts = facts_of(tmp_path, body)
    assert D("2100000") not in facts.values()
    assert facts[("GrossProfit", "D12:1997-12-31")] == D("33400000")


# --- 2. a line of dates under rows heads a block of its own -------------------------------------

HIGHLIGHTS = """
                             ACME WIDGET CORP
                     CONSOLIDATED FINANCIAL HIGHLIGHTS
               (Unaudited, in thousands except per share data)

                              Quarter Ended          Twelve Months Ended
                          ---------------------    ---------------------
                          {q98:>8}     {q97:>8}    {q98:>8}     {q97:>8}
                          --------     --------    --------     --------
    Net sales               $ 8,415      $ 7,930    $ 32,870     $ 30,615
    Cost of sales             3,610        3,445      14,205       13,390
                          --------     --------    --------     --------
    Income before taxes       4,805        4,485      18,665       17,225
    Income taxes              1,805        1,685       7,065        6,525
                          --------     --------    --------     --------
    Net income              $ 3,000      $ 2,800    $ 11,600     $ 10,700
                          ========     ========    ========     ========
    Earnings per share:
      Basic                   $0.48        $0.41       $1.79        $1.50

    {balance_dates}
                                         --------        --------
    Total assets                         $452,310        $418,775
    Total deposits                        398,115         370,240
    Shareholders' equity                   38,905          34,610
"""


def highlights(q98: str, q97: str, b98: str, b97: str) -> str:
    """The highlights with its column dates right-aligned over the figures."""
    return HIGHLIGHTS.format(q98=q98, q97=q97, balance_dates=f"{b98:>45}{b97:>16}")


@pytest.mark.parametrize("q98,q97,b98,b97", [
    ("12/31/98", "12/31/97", "12/31/98", "12/31/97"),
    ("12/31/98", "12/31/97", "Dec. 31, 1998", "Dec. 31, 1997"),
])
def test_date_line_under_rows_starts_a_new_table(tmp_path, q98, q97, b98, b97):
    body = highlights(q98, q97, b98, b97)
    tables = tables_of(body)
    assert [table.n_columns for table in tables] == [4, 2]
    assert all(not row.label.startswith(("12/31", "Dec.")) for table in tables for row in table.rows)
    facts = facts_of(tmp_path, body, head=PRESS_RELEASE)
    assert facts[("Assets", "I:1998-12-31")] == D("452310000")
    assert facts[("Assets", "I:1997-12-31")] == D("418775000")
    assert facts[("StockholdersEquity", "I:1997-12-31")] == D("34610000")
    assert facts[("Revenues", "D3:1998-12-31")] == D("8415000")
    assert facts[("Revenues", "D3:1997-12-31")] == D("7930000")
    assert facts[("Revenues", "D12:1998-12-31")] == D("32870000")
    assert not [key for key in facts if key[0] in ("Revenues", "NetIncomeLoss") and key[1].startswith("I:")]


def test_year_line_under_rows_after_one_blank_line_starts_a_new_table():
    tables = tables_of("""
                              CONSOLIDATED STATEMENTS OF OPERATIONS
                                        (In thousands)

                                          Year Ended December 31,
                                        1998        1997        1996
    Net sales                         $ 9,000     $ 8,000     $ 7,000
    Net income                            900         800         700

                                        1998        1997
    Total assets                      $20,000     $18,000
    Total liabilities                  12,000      11,000
    """)
    assert [table.n_columns for table in tables] == [3, 2]
    assert [row.label for row in tables[1].rows] == ["Total assets", "Total liabilities"]


def test_block_under_another_keeps_the_scale_note_above_them_both():
    tables = tables_of(highlights("12/31/98", "12/31/97", "12/31/98", "12/31/97"))
    assert tables[1].title == ("(Unaudited, in thousands except per share data)",)


def test_heading_over_a_rule_of_its_own_heads_the_columns_under_the_rule():
    tables = tables_of(highlights("12/31/98", "12/31/97", "12/31/98", "12/31/97"))
    spans = {(cell.text, cell.first, cell.last) for cell in tables[0].header[0]}
    assert spans == {("Quarter Ended", 0, 1), ("Twelve Months Ended", 2, 3)}


# --- 3. headings cramped one space apart --------------------------------------------------------

def test_cramped_date_headings_are_split_where_the_columns_are(tmp_path):
    facts = facts_of(tmp_path, """
                             CONSOLIDATED STATEMENTS OF OPERATIONS
                                        (In thousands)

                                          Period from   Period from
                                            April 1,     January 1,
                              Year Ended    1997 to       1997 to
                             December 31, December 31,   March 31,
                                 1998        1997          1997
                             ----------- ------------  -----------
    Net sales                  $ 84,610     $ 58,205     $ 14,870
    Cost of sales                61,945       43,110       11,405
    Gross profit                 22,665       15,095        3,465
    """, head="FORM 10-K\nFor the fiscal year ended December 31, 1998\nACME WIDGET CORP\n"
              "(Exact name of registrant as specified in its charter)\n\n")
    assert facts[("Revenues", "D12:1998-12-31")] == D("84610000")
    assert facts[("Revenues", "D9:1997-12-31")] == D("58205000")
    assert facts[("Revenues", "D3:1997-03-31")] == D("14870000")
    assert facts[("GrossProfit", "D9:1997-12-31")] == D("15095000")


def test_repeated_year_heading_under_rows_resumes_the_same_table(tmp_path):
    facts = facts_of(tmp_path, """
                             CONSOLIDATED BALANCE SHEETS
                                   (In thousands)

                                                     December 31,
                                                  1998          1997
    ASSETS
    Cash                                       $ 1,200       $   900
    Accounts receivable                          3,300         2,800
    Total assets                               $ 4,500       $ 3,700

                                                  1998          1997
    LIABILITIES AND STOCKHOLDERS' EQUITY
    Accounts payable                           $ 1,000       $   800
    Common stock                                 2,000         2,000
    Retained earnings                            1,500           900
    Total stockholders' equity                   3,500         2,900
    Total liabilities and stockholders' equity $ 4,500       $ 3,700
    """)
    assert facts[("Assets", "I:1998-12-31")] == D("4500000")
    assert facts[("AccountsPayableCurrent", "I:1997-12-31")] == D("800000")
    assert facts[("LiabilitiesAndStockholdersEquity", "I:1998-12-31")] == D("4500000")
    assert D("1998000") not in facts.values()  # the repeated heading is no row
