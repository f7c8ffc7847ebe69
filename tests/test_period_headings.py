"""Column periods read from statement headings, one hand-written excerpt per defect.

Each expected period is derived by hand from the excerpt: the dates printed over the column, the
cover's period end, and for 52/53-week years the day after the prior year's end (the Saturday
closest to the month end: January 28, 2006 -> January 29, 2005 -> January 31, 2004 -> February 1,
2003).
"""
from __future__ import annotations

import datetime as dt
import textwrap
from decimal import Decimal

import pytest

D = Decimal

HEAD_10K = "FORM 10-K\nACME WIDGET CORP\n(Exact name of registrant as specified in its charter)\n\n"


def convert_excerpt(tmp_path, body: str, head: str = HEAD_10K):
    from converter.pipeline import convert

    path = tmp_path / "case.txt"
    path.write_text(head + textwrap.dedent(body), encoding="utf-8")
    return convert(path, render=False)


def dated_facts(conversion) -> dict[tuple[str, str], Decimal]:
    """{(concept local name, "I:end" or "start..end"): value}: the start is checked too."""
    contexts = {c.id: c.period for c in conversion.report.contexts}
    out = {}
    for fact in conversion.report.facts:
        period = contexts[fact.context]
        key = f"I:{period.end}" if period.is_instant else f"{period.start}..{period.end}"
        out[(fact.concept.name, key)] = fact.value
    return out


def codes(conversion) -> set[str]:
    return {p.code for p in conversion.problems}


def test_press_release_dateline_is_not_the_period_end(tmp_path):
    conversion = convert_excerpt(tmp_path, """
        OMNI SOFTWARE REPORTS THIRD QUARTER 2006 RESULTS

        SAN JOSE, Calif., October 19, 2006 -- Omni Software, Inc. today reported
        its results.

                              OMNI SOFTWARE, INC.
                 CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS
                     (In thousands, except per share data)

                                               Three Months Ended
                                                  September 30,
                                              2006            2005
        Revenue                             $ 30,000        $ 26,000
        Cost of revenue                        6,000           5,500
        Gross profit                          24,000          20,500
        Net income                          $  2,500        $  1,600
        """, head="FORM 8-K\nCURRENT REPORT\nOMNI SOFTWARE INC\n"
                  "(Exact name of registrant as specified in its charter)\n\n")
    facts = dated_facts(conversion)
    assert facts[("Revenues", "2006-07-01..2006-09-30")] == D("30000000")
    assert facts[("Revenues", "2005-07-01..2005-09-30")] == D("26000000")
    assert not any("2006-10-19" in period for _, period in facts)


SHARE_COUNT_10Q = """<HTML><BODY>
<P ALIGN=CENTER><B>FORM 10-Q</B></P>
<P ALIGN=CENTER>For the quarterly period ended June 30, 2005</P>
<P ALIGN=CENTER><B>ACME WIDGET CORP</B><BR>(Exact name of registrant as specified in its charter)</P>
<P ALIGN=CENTER><B>PART I. FINANCIAL INFORMATION</B></P>
<P>As of August 5, 2005, there were 20,150,000 shares of the registrant's common stock outstanding.</P>
<P><B>Item 1. Financial Statements</B></P>
<P ALIGN=CENTER><B>ACME WIDGET CORP<BR>CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS<BR>
(In thousands, except per share amounts)</B></P>
<TABLE>
<TR><TD>&nbsp;</TD><TD COLSPAN=2 ALIGN=CENTER>Three Months Ended</TD>
    <TD COLSPAN=2 ALIGN=CENTER>Six Months Ended</TD></TR>
<TR><TD>&nbsp;</TD><TD COLSPAN=2 ALIGN=CENTER>June 30,</TD><TD COLSPAN=2 ALIGN=CENTER>June 30,</TD></TR>
<TR><TD>&nbsp;</TD><TD>2005</TD><TD>2004</TD><TD>2005</TD><TD>2004</TD></TR>
<TR><TD>Net sales</TD><TD>$25,000</TD><TD>$22,000</TD><TD>$48,000</TD><TD>$43,000</TD></TR>
<TR><TD>Cost of sales</TD><TD>15,000</TD><TD>13,500</TD><TD>29,000</TD><TD>26,400</TD></TR>
<TR><TD>Gross profit</TD><TD>10,000</TD><TD>8,500</TD><TD>19,000</TD><TD>16,600</TD></TR>
<TR><TD>Net income</TD><TD>$1,457</TD><TD>$818</TD><TD>$2,700</TD><TD>$1,600</TD></TR>
</TABLE>
</BODY></HTML>
"""


def test_cover_share_count_date_is_not_the_period_end(tmp_path):
    from converter.pipeline import convert

    path = tmp_path / "case.htm"
    path.write_text(SHARE_COUNT_10Q, encoding="utf-8")
    facts = dated_facts(convert(path, render=False))
    assert facts[("Revenues", "2005-04-01..2005-06-30")] == D("25000000")
    assert facts[("Revenues", "2005-01-01..2005-06-30")] == D("48000000")
    assert facts[("NetIncomeLoss", "2004-01-01..2004-06-30")] == D("1600000")
    assert not any("2005-08-05" in period for _, period in facts)


RETAIL_HEAD = ("FORM 10-K\nFor the fiscal year ended January 28, 2006\nPSI DEPARTMENT STORES INC\n"
               "(Exact name of registrant as specified in its charter)\n\n"
               "PART II\n\nItem 8. Financial Statements and Supplementary Data\n\n"
               "The Company's fiscal year ends on the Saturday closest to January 31.\n\n\n\n")


def test_retail_fiscal_year_named_for_the_year_it_begins(tmp_path):
    conversion = convert_excerpt(tmp_path, """
                         PSI DEPARTMENT STORES INC.
                       CONSOLIDATED STATEMENTS OF INCOME
                   (In thousands, except per share amounts)

                                   Fiscal        Fiscal        Fiscal
                                    2005          2004          2003
        Net sales                $ 800,000     $ 760,000     $ 700,000
        Cost of sales              520,000       500,000       465,000
        Income before taxes         60,000        50,000        35,000
        Income taxes                22,800        19,000        13,300
        Net income               $  37,200     $  31,000     $  21,700
        """, head=RETAIL_HEAD)
    facts = dated_facts(conversion)
    # fiscal 2005 ended January 28, 2006 (the cover); 2004 and 2003 a year after their labels
    assert facts[("Revenues", "2005-01-30..2006-01-28")] == D("800000000")
    assert facts[("Revenues", "2004-02-01..2005-01-29")] == D("760000000")
    assert facts[("Revenues", "2003-02-02..2004-01-31")] == D("700000000")
    assert "period.fiscal_year_label" in codes(conversion)


def test_inception_to_date_column_spans_from_the_printed_inception(tmp_path):
    conversion = convert_excerpt(tmp_path, """
                            BETA GENOMICS CORP.
                       (A Development Stage Company)
                          STATEMENTS OF OPERATIONS

                                  Nine Months Ended      March 3, 1998
                                    September 30,       (Inception) to
                                  2004         2003   September 30, 2004
        Revenues               $    120     $     80       $    900
        Research and development  2,000        1,500         14,000
        Net loss               $ (1,880)    $ (1,420)      $(13,100)
        """, head="FORM 10-Q\nFor the quarterly period ended September 30, 2004\nBETA GENOMICS CORP\n"
                  "(Exact name of registrant as specified in its charter)\n\n")
    facts = dated_facts(conversion)
    assert facts[("NetIncomeLoss", "2004-01-01..2004-09-30")] == D("-1880")
    assert facts[("NetIncomeLoss", "1998-03-03..2004-09-30")] == D("-13100")
    assert not any(period == "2004-07-01..2004-09-30" for _, period in facts)


def test_cumulative_column_without_an_inception_date_is_not_tagged(tmp_path):
    conversion = convert_excerpt(tmp_path, """
                            BETA GENOMICS CORP.
                       (A Development Stage Company)
                          STATEMENTS OF OPERATIONS

                                      Year Ended            Cumulative
                                     December 31,              from
                                  2003         2002         Inception
        Revenues               $    150     $    100       $    900
        Research and development  2,600        2,100         12,000
        Net loss               $ (2,450)    $ (2,000)      $(11,100)
        """, head="FORM 10-K\nFor the fiscal year ended December 31, 2003\nBETA GENOMICS CORP\n"
                  "(Exact name of registrant as specified in its charter)\n\n")
    facts = dated_facts(conversion)
    assert facts[("NetIncomeLoss", "2003-01-01..2003-12-31")] == D("-2450")
    assert facts[("NetIncomeLoss", "2002-01-01..2002-12-31")] == D("-2000")
    assert D("-11100") not in facts.values()
    assert "period.cumulative" in codes(conversion)


LAMBDA_HEAD = ("FORM 10-Q\nFor the quarterly period ended August 2, 1997\nLAMBDA APPAREL STORES INC\n"
               "(Exact name of registrant as specified in its charter)\n\n")


def test_year_to_date_beside_second_quarter_is_26_weeks(tmp_path):
    conversion = convert_excerpt(tmp_path, """
                     LAMBDA APPAREL STORES INC
               CONSOLIDATED STATEMENTS OF EARNINGS
              (In thousands, except per share amounts)

                              Second Quarter             Year to Date
                          ----------------------   ----------------------
                           Aug. 2,     Aug. 3,      Aug. 2,     Aug. 3,
                            1997        1996         1997        1996
                          ---------   ---------    ---------   ---------
        Net sales         $ 98,412    $ 91,305     $190,220    $176,815
        Cost of sales       64,118      60,207      125,930     117,604
                          ---------   ---------    ---------   ---------
        Gross margin        34,294      31,098       64,290      59,211
        Net earnings      $  3,929    $  3,215     $  5,642    $  4,853
        """, head=LAMBDA_HEAD)
    facts = dated_facts(conversion)
    # 26 weeks: August 2, 1997 - 182 days + 1 = February 2, 1997 (the day after February 1, 1997)
    assert facts[("Revenues", "1997-02-02..1997-08-02")] == D("190220000")
    assert facts[("Revenues", "1996-02-04..1996-08-03")] == D("176815000")
    # the quarter is 13 weeks: May 4 (the day after the first quarter's May 3) to August 2
    assert facts[("Revenues", "1997-05-04..1997-08-02")] == D("98412000")


def test_earliest_53_week_year_starts_the_day_after_the_prior_year_end(tmp_path):
    conversion = convert_excerpt(tmp_path, """
                     ACME WIDGET CORP AND SUBSIDIARIES
                   CONSOLIDATED STATEMENTS OF OPERATIONS
                  ($000 omitted, except per share amounts)

                                              Fiscal Year Ended
                                   ---------------------------------------
                                   January 31,   February 1,   February 3,
                                      1998          1997          1996
                                   -----------   -----------   -----------
        Net sales                   $ 845,210     $ 790,112     $ 702,455
        Cost of sales                 601,330       566,870       510,004
                                   -----------   -----------   -----------
        Gross profit                  243,880       223,242       192,451
        Net income                  $  33,693     $  18,679     $  13,536
        """)
    facts = dated_facts(conversion)
    # fiscal 1995 (53 weeks) ended February 3, 1996; fiscal 1994 ended January 28, 1995
    assert facts[("Revenues", "1995-01-29..1996-02-03")] == D("702455000")
    assert facts[("Revenues", "1996-02-04..1997-02-01")] == D("790112000")
    assert facts[("Revenues", "1997-02-02..1998-01-31")] == D("845210000")


def test_inception_to_date_ends_with_the_latest_column(tmp_path):
    conversion = convert_excerpt(tmp_path, """
                            BETA GENOMICS CORP.
                       (A Development Stage Company)
                          STATEMENTS OF OPERATIONS

                                      Year Ended         Period from
                                     December 31,     Inception (March 3,
                                  2003         2002     1998) to Date
        Revenues               $    150     $    100       $    900
        Research and development  2,600        2,100         12,000
        Net loss               $ (2,450)    $ (2,000)      $(11,100)
        """, head="FORM 10-K\nFor the fiscal year ended December 31, 2003\nBETA GENOMICS CORP\n"
                  "(Exact name of registrant as specified in its charter)\n\n")
    facts = dated_facts(conversion)
    assert facts[("NetIncomeLoss", "1998-03-03..2003-12-31")] == D("-11100")
    assert facts[("NetIncomeLoss", "2003-01-01..2003-12-31")] == D("-2450")
    assert any(p.code == "period.cumulative" and p.level == "info" for p in conversion.problems)


@pytest.mark.parametrize("ends,year,expected", [
    # the last Saturday of December (Saturday December 27, 1997 and December 28, 1996)
    ((dt.date(1997, 12, 27), dt.date(1996, 12, 28)), 1995, dt.date(1995, 12, 30)),
    # the Saturday closest to January 31: fiscal 2006 is a 53-week year ending February 3, 2007
    ((dt.date(2006, 1, 28), dt.date(2005, 1, 29)), 2007, dt.date(2007, 2, 3)),
    ((dt.date(2006, 1, 28), dt.date(2005, 1, 29)), 2004, dt.date(2004, 1, 31)),
    # calendar month ends, or one end alone: no weekly calendar to extend
    ((dt.date(2004, 12, 31), dt.date(2003, 12, 31)), 2002, None),
    ((dt.date(1997, 12, 27),), 1995, None),
])
def test_a_weekly_calendar_extends_to_years_the_filing_does_not_date(ends, year, expected):
    from converter.periods import weekly_end_from

    assert weekly_end_from(ends, year) == expected


def test_nine_months_of_a_52_53_week_year_are_39_weeks(tmp_path):
    # September 26, 1998 is the last Saturday of September: 39 weeks back is December 28, 1997,
    # and the quarter's 13 weeks start June 28, 1998
    conversion = convert_excerpt(tmp_path, """
                  CONDENSED CONSOLIDATED STATEMENTS OF INCOME
                                 (In thousands)

                                        Three Months Ended        Nine Months Ended
                                     Sept. 26,    Sept. 27,    Sept. 26,    Sept. 27,
                                        1998         1997         1998         1997
    Net sales                         $ 10,000     $  9,000     $ 30,000     $ 27,000
    Cost of sales                        6,000        5,500       18,000       16,500
    Net income                        $  4,000     $  3,500     $ 12,000     $ 10,500
    """, head="FORM 10-Q\nACME WIDGET CORP\n(Exact name of registrant as specified in its charter)\n\n")
    facts = dated_facts(conversion)
    assert facts[("Revenues", "1997-12-28..1998-09-26")] == D("30000000")
    assert facts[("Revenues", "1996-12-29..1997-09-27")] == D("27000000")
    assert facts[("Revenues", "1998-06-28..1998-09-26")] == D("10000000")
