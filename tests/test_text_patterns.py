"""Layouts of legacy plain-text statements, one small hand-written excerpt per pattern.

Expected values are read off each excerpt by hand: printed number x the scale note, XBRL signs.
"""
from __future__ import annotations

import textwrap
from decimal import Decimal

from conftest import facts_of

D = Decimal


def test_weeks_in_the_title_over_a_year_row(tmp_path):
    facts = facts_of(tmp_path, """
                      CONSOLIDATED STATEMENTS OF INCOME
            For the 13 Weeks Ended July 3, 2004 and June 28, 2003
                   (in thousands, except per share data)

                                              2004          2003

    Net sales                              $ 52,300      $ 48,100
    Cost of sales                            31,200        29,000
    Gross profit                             21,100        19,100
    Net income                             $  4,100      $  3,900
    Net income per share - diluted         $    .41      $    .39
    """)
    assert facts[("Revenues", "D3:2004-07-03")] == D("52300000")
    assert facts[("Revenues", "D3:2003-06-28")] == D("48100000")
    assert facts[("EarningsPerShareDiluted", "D3:2004-07-03")] == D("0.41")


def test_balance_sheet_with_three_dates(tmp_path):
    facts = facts_of(tmp_path, """
                         CONDENSED CONSOLIDATED BALANCE SHEETS
                                    (In thousands)

                                 June 30,     December 31,     June 30,
                                   2004           2003           2003
                               (unaudited)                   (unaudited)
    Cash and cash equivalents    $ 5,000        $ 4,000        $ 3,000
    Accounts receivable, net       2,000          1,500          1,000
    Total current assets           7,000          5,500          4,000
    """)
    assert facts[("CashAndCashEquivalentsAtCarryingValue", "I:2004-06-30")] == D("5000000")
    assert facts[("CashAndCashEquivalentsAtCarryingValue", "I:2003-12-31")] == D("4000000")
    assert facts[("AssetsCurrent", "I:2003-06-30")] == D("4000000")


FISCAL_HEAD = ("FORM 10-K\nFor the fiscal year ended June 28, 1997\nACME WIDGET CORP\n"
               "(Exact name of registrant as specified in its charter)\n\n")


def test_fiscal_year_columns_take_the_period_ends_the_filing_shows(tmp_path):
    facts = facts_of(tmp_path, """
                             CONSOLIDATED BALANCE SHEETS
                                 ($000 omitted)

                                            June 28,       June 29,
                                              1997           1996
    Cash                                    $   800        $   700
    Inventories                               1,200          1,100
    Total current assets                      2,000          1,800


                          CONSOLIDATED STATEMENTS OF OPERATIONS
                                 ($000 omitted)

                                            Fiscal         Fiscal
                                             1997           1996
    Net sales                               $ 9,000        $ 8,000
    Cost of sales                             6,000          5,500
    Gross profit                              3,000          2,500
    """, head=FISCAL_HEAD)
    assert facts[("Cash", "I:1996-06-29")] == D("700000")
    assert facts[("Revenues", "D12:1997-06-28")] == D("9000000")
    assert facts[("Revenues", "D12:1996-06-29")] == D("8000000")  # the balance sheet's date


def test_year_to_date_columns(tmp_path):
    facts = facts_of(tmp_path, """
                     CONSOLIDATED STATEMENTS OF OPERATIONS
                                (In thousands)

                                  Quarter Ended             Year to Date
                              June 30,     June 30,     June 30,     June 30,
                                2004         2003         2004         2003
    Revenues                   $ 3,000      $ 2,500      $ 5,800      $ 4,900
    Operating expenses           2,000        1,900        3,900        3,700
    Operating income             1,000          600        1,900        1,200
    """, head="FORM 10-Q\nFor the quarterly period ended June 30, 2004\nACME WIDGET CORP\n"
              "(Exact name of registrant as specified in its charter)\n\n")
    assert facts[("Revenues", "D3:2004-06-30")] == D("3000000")
    assert facts[("Revenues", "D6:2004-06-30")] == D("5800000")
    assert facts[("OperatingIncomeLoss", "D6:2003-06-30")] == D("1200000")


def test_percent_and_change_columns_are_not_tagged(tmp_path):
    facts = facts_of(tmp_path, """
                       CONSOLIDATED STATEMENTS OF OPERATIONS
                                  (In thousands)

                                   Year Ended December 31,
                                  1999      % of      1998      % Inc
                                            Sales               (Dec)
    Net sales                   $10,000     100.0%   $ 8,000      25.0%
    Cost of sales                 6,000      60.0%     5,000      20.0%
    Gross profit                  4,000      40.0%     3,000      33.3%
    """)
    assert facts[("Revenues", "D12:1999-12-31")] == D("10000000")
    assert facts[("GrossProfit", "D12:1998-12-31")] == D("3000000")
    assert not [v for v in facts.values() if v in (D("100.0"), D("25.0"), D("60000"), D("100000"))]
    assert len(facts) == 6


def test_footnote_markers_and_not_available(tmp_path):
    facts = facts_of(tmp_path, """
                       CONSOLIDATED STATEMENTS OF OPERATIONS
                                  (In thousands)

                                        Year Ended December 31,
                                       2001        2000        1999
    Net sales (1)                    $ 9,500     $ 9,000     $ 8,100
    Cost of sales                      5,500(a)    5,200       4,900
    Gross profit                       4,000       3,800       3,200
    Restructuring charge *               N/A         300         nil
    """)
    assert facts[("Revenues", "D12:2001-12-31")] == D("9500000")
    assert facts[("CostOfGoodsAndServicesSold", "D12:2001-12-31")] == D("5500000")
    assert facts[("RestructuringCharges", "D12:2000-12-31")] == D("300000")
    assert facts[("RestructuringCharges", "D12:1999-12-31")] == D("0")
    assert ("RestructuringCharges", "D12:2001-12-31") not in facts  # N/A: no value
    assert D("-1000") not in facts.values()  # "(1)" is a footnote, not minus one thousand


def test_contra_line_gross_and_net(tmp_path):
    facts = facts_of(tmp_path, """
                              CONSOLIDATED BALANCE SHEETS
                                    (In thousands)
                                               December 31,
                                            2002          2001
    Accounts receivable                    $ 5,000       $ 4,000
    Less allowance for doubtful accounts      (200)         (150)
                                           -------       -------
                                             4,800         3,850
    Inventories                              3,200         3,150
                                           -------       -------
      Total current assets                   8,000         7,000
    """)
    assert facts[("AccountsReceivableGrossCurrent", "I:2002-12-31")] == D("5000000")
    assert facts[("AllowanceForDoubtfulAccountsReceivableCurrent", "I:2002-12-31")] == D("200000")
    assert facts[("AccountsReceivableNetCurrent", "I:2001-12-31")] == D("3850000")
    assert facts[("AssetsCurrent", "I:2002-12-31")] == D("8000000")


def test_side_by_side_entities_tag_only_the_consolidated_column(tmp_path):
    facts = facts_of(tmp_path, """
                       CONSOLIDATED STATEMENTS OF OPERATIONS
                          Year Ended December 31, 2003
                                 (In thousands)

                              Parent     Finance                   Consol-
                              Company    Subsidiary  Eliminations   idated
    Revenues                 $ 1,000     $   500     $  (100)    $ 1,400
    Costs and expenses           800         300        (100)      1,000
    Net income               $   200     $   200     $    --     $   400
    """)
    assert facts[("Revenues", "D12:2003-12-31")] == D("1400000")
    assert facts[("NetIncomeLoss", "D12:2003-12-31")] == D("400000")
    assert D("500000") not in facts.values() and D("800000") not in facts.values()


def test_equity_statement_is_skipped_and_reported(tmp_path):
    from conftest import DATA  # noqa: F401 - only to show the fixture module is shared

    from converter.pipeline import convert

    path = tmp_path / "equity.txt"
    path.write_text("""FORM 10-K
ACME WIDGET CORP
(Exact name of registrant as specified in its charter)

           CONSOLIDATED STATEMENTS OF STOCKHOLDERS' EQUITY
                         (In thousands)

                               Common     Paid-in    Retained
                               Stock      Capital    Earnings      Total
Balance, December 31, 2002    $  100     $ 2,000    $ 5,000     $ 7,100
Net income                        --          --      1,200       1,200
Balance, December 31, 2003    $  100     $ 2,000    $ 6,200     $ 8,300
""", encoding="utf-8")
    conversion = convert(path, render=False)
    assert not conversion.report.facts
    assert any(p.code == "table.skipped.equity" for p in conversion.problems)


def test_narrative_numbers_are_never_tagged(tmp_path):
    facts = facts_of(tmp_path, """
    Net sales for fiscal 2003 increased to $83.1 million compared to  $29.6
    million in the prior year period, a 181% increase, and gross profit rose to
    $13.0 million in fiscal 2003 from $9.5 million  in  fiscal  2002,  or  37
    percent, as a result of an increase in net sales during  the  year  of  2003
    """)
    assert facts == {}


def test_table_split_by_a_page_break_is_one_table(tmp_path):
    from converter.pipeline import convert

    path = tmp_path / "split.txt"
    path.write_text("""FORM 10-K
ACME WIDGET CORP
(Exact name of registrant as specified in its charter)

                      CONSOLIDATED BALANCE SHEETS
                            (In thousands)
                                              December 31,
                                           2003          2002
    Cash                                  $ 1,000       $   800
    Inventories                             2,000         1,900
                                          -------       -------
                                            3,000         2,700
                                          =======       =======
                                  12
<PAGE>
                 CONSOLIDATED BALANCE SHEETS (Continued)
                            (In thousands)
                                              December 31,
                                           2003          2002
    Accounts payable                      $ 1,200       $ 1,000
    Stockholders' equity                    1,800         1,700
                                          -------       -------
                                          $ 3,000       $ 2,700
""", encoding="utf-8")
    conversion = convert(path, render=False)
    assert len([t for t in conversion.statements if t.statement == "balance"]) == 1
    names = {f.concept.name for f in conversion.report.facts}
    assert {"Assets", "LiabilitiesAndStockholdersEquity"} <= names


def test_years_on_the_first_label_line(tmp_path):
    facts = facts_of(tmp_path, """
                         CONSOLIDATED BALANCE SHEETS
                              (In thousands)

    ASSETS                                      1997         1996
    Current assets:
      Cash                                     $ 600        $ 500
      Receivables                                400          300
        Total current assets                   1,000          800
    """, head="FORM 10-K\nFor the fiscal year ended December 31, 1997\nACME WIDGET CORP\n"
              "(Exact name of registrant as specified in its charter)\n\n")
    assert facts[("Cash", "I:1997-12-31")] == D("600000")
    assert facts[("AssetsCurrent", "I:1996-12-31")] == D("800000")
    assert D("1997000") not in facts.values()


def test_period_words_on_the_year_line(tmp_path):
    facts = facts_of(tmp_path, """
                       CONSOLIDATED STATEMENTS OF INCOME
                              (In thousands)

    Years Ended June 30,                        1998         1997
    Revenues                                  $ 6,000      $ 5,000
    Costs and expenses                          4,000        3,500
    Net income                                $ 2,000      $ 1,500
    """)
    assert facts[("Revenues", "D12:1998-06-30")] == D("6000000")
    assert facts[("NetIncomeLoss", "D12:1997-06-30")] == D("1500000")


def test_per_share_sections(tmp_path):
    facts = facts_of(tmp_path, """
                       CONSOLIDATED STATEMENTS OF INCOME
                  (In thousands, except per share amounts)
                                           Year Ended December 31,
                                             2000          1999
    Income from continuing operations       $ 3,000       $ 2,400
    Loss from discontinued operations          (600)           --
    Net income                              $ 2,400       $ 2,400

    Earnings per share - basic:
      Continuing operations                 $  1.50       $  1.20
      Discontinued operations                  (.30)           --
      Net income                            $  1.20       $  1.20
    Earnings per share - diluted:
      Continuing operations                 $  1.45       $  1.18
      Discontinued operations                  (.29)           --
      Net income                            $  1.16       $  1.18
    """)
    assert facts[("IncomeLossFromContinuingOperationsPerBasicShare", "D12:2000-12-31")] == D("1.50")
    assert facts[("IncomeLossFromDiscontinuedOperationsNetOfTaxPerDilutedShare", "D12:2000-12-31")] == D("-0.29")
    assert facts[("EarningsPerShareBasic", "D12:2000-12-31")] == D("1.20")
    assert facts[("EarningsPerShareDiluted", "D12:2000-12-31")] == D("1.16")
    assert facts[("NetIncomeLoss", "D12:2000-12-31")] == D("2400000")


def test_ims_header_ex13_table_with_dot_leaders():
    """1995 layout: <IMS-HEADER>, statements in EX-13, '(Dollars in thousands ...)  1994  1993
    1992' as the year line, dot leaders, an unlabelled costs total with other income netted in."""
    from conftest import DATA

    from converter.pipeline import convert

    conversion = convert(DATA / "widgetco-10k405-1995-synthetic.txt", render=False)
    cover = dict(conversion.cover.values)
    assert cover["DocumentType"] == "10-K405" and cover["EntityCentralIndexKey"] == "0000012345"
    assert cover["EntityTaxIdentificationNumber"] == "13-1234567"
    facts = {(f.concept.name, f.context): f.value
             for f in conversion.report.facts}
    y94 = "d19940101_19941231"
    assert facts[("Revenues", y94)] == D("412300000")
    assert facts[("CostsAndExpenses", y94)] == D("365800000")
    assert facts[("OtherNonoperatingIncomeExpense", y94)] == D("1800000")  # "(1,800)" other income
    assert facts[("EarningsPerShareBasic", y94)] == D("2.40")
    assert facts[("WeightedAverageNumberOfSharesOutstandingBasic", y94)] == D("12000000")  # "(000)"


def test_press_release_quarter_columns(tmp_path):
    facts = facts_of(tmp_path, """
                              ACME WIDGET CORP
              CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS
                   (In thousands, except per share data)
                                 (Unaudited)

                              Third Quarter          Nine Months
                           --------------------  --------------------
                              2001       2000       2001       2000
                           ---------  ---------  ---------  ---------
    Revenues               $  12,345  $  11,000  $  36,000  $  33,000
    Cost of revenues           7,000      6,500     21,000     19,800
    Gross profit               5,345      4,500     15,000     13,200
    Net income             $   1,200  $   1,000  $   3,500  $   3,100
    Diluted earnings per share $ .12  $     .10  $     .35  $     .31
    """, head="FORM 8-K\nDate of Report (Date of earliest event reported): October 20, 2001\n"
              "ACME WIDGET CORP\n(Exact name of registrant as specified in its charter)\n\n")
    assert facts[("Revenues", "D3:2001-09-30")] == D("12345000")
    assert facts[("Revenues", "D9:2000-09-30")] == D("33000000")
    assert facts[("GrossProfit", "D3:2000-09-30")] == D("4500000")


def test_ex27_schedule_cross_checks_the_facts(tmp_path):
    """An EX-27 that agrees on total assets and disagrees on net income: one warning, one count."""
    from conftest import DATA

    from converter.pipeline import convert

    text = (DATA / "widgetco-10k405-1995-synthetic.txt").read_text(encoding="utf-8").replace(
        "</SEC-DOCUMENT>", "")
    text += """<DOCUMENT>
<TYPE>EX-27
<SEQUENCE>3
<TEXT>
<ARTICLE> 5
<MULTIPLIER> 1,000
<PERIOD-TYPE>                   YEAR
<FISCAL-YEAR-END>                          DEC-31-1994
<PERIOD-END>                               DEC-31-1994
<TOTAL-REVENUES>                               412,300
<NET-INCOME>                                    28,000
<EPS-PRIMARY>                                     2.40
</TEXT>
</DOCUMENT>
"""
    path = tmp_path / "with-ex27.txt"
    path.write_text(text, encoding="utf-8")
    problems = convert(path, render=False).problems
    mismatches = [p for p in problems if p.code == "check.ex27_mismatch"]
    assert len(mismatches) == 1 and "28000000" in mismatches[0].message and "NetIncomeLoss" in mismatches[0].message
    assert any(p.code == "check.ex27" and p.message.startswith("2 of 3") for p in problems)


def test_long_scale_note_share_sections_and_a_value_glued_to_its_label(tmp_path):
    facts = facts_of(tmp_path, """
    CONDENSED CONSOLIDATED BALANCE SHEETS (Unaudited)
    (In millions, except number of shares which are reflected in thousands and par value)

                                                  March 31,   December 31,
                                                    2005         2004
    Current assets:
      Cash and cash equivalents                    $ 1,000       $   900
      Marketable securities                            400           300
        Total current assets                         1,400         1,200
    Non-current assets:
      Marketable securities                            700           650
      Other non-current assets                         300           250
        Total non-current assets                     1,000           900
    Total assets                                   $ 2,400       $ 2,100
    Current liabilities:
      Accounts payable                             $   500       $   450
      Term debt                                        100           100
        Total current liabilities                      600           550
    Non-current liabilities:
      Term debt                                        800           700
        Total non-current liabilities                  800           700
    Total liabilities                                1,400         1,250
    Shareholders' equity:
      Retained earnings and other shareholders' equity accounts 1,000 850
        Total shareholders' equity                   1,000           850
    Total liabilities and shareholders' equity     $ 2,400       $ 2,100
    """)
    assert facts[("MarketableSecuritiesNoncurrent", "I:2005-03-31")] == D("700000000")
    assert facts[("OtherAssetsNoncurrent", "I:2004-12-31")] == D("250000000")
    assert facts[("LongTermDebtCurrent", "I:2005-03-31")] == D("100000000")
    assert facts[("LongTermDebtNoncurrent", "I:2005-03-31")] == D("800000000")
    assert facts[("Liabilities", "I:2004-12-31")] == D("1250000000")
    assert facts[("StockholdersEquity", "I:2005-03-31")] == D("1000000000")


def test_basic_and_diluted_under_a_share_count_heading_are_share_counts(tmp_path):
    facts = facts_of(tmp_path, """
                    CONSOLIDATED STATEMENTS OF OPERATIONS
      (In millions, except number of shares which are reflected in thousands
                        and per share amounts)
                                           Year Ended December 31,
                                             2006          2005
    Net income                              $ 1,200       $ 1,000
    Earnings per share:
      Basic                                 $  1.20       $  1.00
      Diluted                               $  1.18       $  0.99
    Shares used in computing earnings per share:
      Basic                               1,000,000       999,000
      Diluted                             1,017,000     1,010,000
    """)
    assert facts[("EarningsPerShareDiluted", "D12:2006-12-31")] == D("1.18")
    assert facts[("WeightedAverageNumberOfSharesOutstandingBasic", "D12:2006-12-31")] == D("1000000000")
    assert facts[("WeightedAverageNumberOfDilutedSharesOutstanding", "D12:2005-12-31")] == D("1010000000")


def test_three_years_ended_and_dilutive_share_lines(tmp_path):
    facts = facts_of(tmp_path, """
                        Consolidated statements of income
                       Three years ended December 27, 1997
    (In millions-except per share amounts)        1997         1996         1995
    ----------------------------------------------------------------------------
    Net revenues                               $ 2,507      $ 2,085      $ 1,620
    Cost of sales                                  995          916          781
                                               -------      -------      -------
    Gross margin                                 1,512        1,169          839
    Net income                                 $   694      $   516      $   357
    Weighted average common shares
      outstanding                                  163          164          165
    Dilutive effect of:
      Employee stock options                        10            9            9
                                               -------      -------      -------
    Weighted average common shares
      outstanding, assuming dilution               173          173          174


                          Consolidated balance sheets
    December 27, 1997 and December 28, 1996
    (In millions)                                         1997         1996
    Cash and cash equivalents                          $   488      $   400
    Short-term investments                               1,000          900
      Total current assets                               1,488        1,300
    """)
    assert facts[("Revenues", "D12:1997-12-27")] == D("2507000000")
    assert facts[("Revenues", "D12:1996-12-28")] == D("2085000000")  # the balance sheet's date
    assert facts[("IncrementalCommonSharesAttributableToShareBasedPaymentArrangements", "D12:1997-12-27")] \
        == D("10000000")
    # Saturday December 27, 1997 and Saturday December 28, 1996: the last Saturday of December,
    # so fiscal 1995 ended Saturday December 30, 1995
    assert facts[("WeightedAverageNumberOfDilutedSharesOutstanding", "D12:1995-12-30")] == D("174000000")
    assert facts[("CashAndCashEquivalentsAtCarryingValue", "I:1996-12-28")] == D("400000000")


def test_cash_flow_hedge_reclassification_takes_the_concepts_sign(tmp_path):
    # "(gains) losses": a printed 120 is a loss moved into net income, which adds to OCI; the
    # us-gaap reclassification concept counts gains reclassified, so its value is -120,000
    facts = facts_of(tmp_path, """
                  CONSOLIDATED STATEMENTS OF COMPREHENSIVE INCOME
                                 (In thousands)

                                                      Year Ended December 31,
                                                        2007          2006

    Net income                                       $ 10,000      $  8,000
    Other comprehensive income (loss):
      Foreign currency translation adjustments            500          (200)
      Cash flow hedges:
        Net unrealized gains (losses)                    (300)           400
        Reclassification of net (gains) losses
          included in net income                          120            (50)
        Net change                                       (180)           350
    Total other comprehensive income (loss)               320            150
    Comprehensive income                             $ 10,320      $  8,150
    """)
    reclass = "OtherComprehensiveIncomeLossCashFlowHedgeGainLossReclassificationAfterTax"
    assert facts[(reclass, "D12:2007-12-31")] == D("-120000")
    assert facts[(reclass, "D12:2006-12-31")] == D("50000")
    assert facts[("OtherComprehensiveIncomeLossCashFlowHedgeGainLossBeforeReclassificationAfterTax",
                  "D12:2007-12-31")] == D("-300000")
    assert facts[("OtherComprehensiveIncomeLossCashFlowHedgeGainLossAfterReclassificationAndTax",
                  "D12:2006-12-31")] == D("350000")
    assert facts[("OtherComprehensiveIncomeLossNetOfTax", "D12:2007-12-31")] == D("320000")


STATEMENTS_SHARING_A_COMPANY_LINE = """
                      CONSOLIDATED STATEMENTS OF OPERATIONS
                                 (In thousands)

                                                      Year Ended December 31,
                                                        2007          2006

    Revenues                                         $ 50,000      $ 40,000
    Operating expenses                                 45,000        37,000
    Operating income                                    5,000         3,000
    Change in fair value of forward purchase pacts     (1,200)          800
    Income before income taxes                          3,800         3,800
    Income taxes                                        1,300         1,300
    Net income                                       $  2,500      $  2,500


                      CONSOLIDATED STATEMENTS OF CASH FLOWS
                                 (In thousands)

                                                      Year Ended December 31,
                                                        2007          2006

    Cash flows from operating activities:
      Net income                                     $  2,500      $  2,500
      Change in fair value of forward purchase pacts    1,200          (800)
      Increase in accounts receivable                    (700)         (300)
      Net cash provided by operating activities         3,000         1,400
"""


def test_a_company_line_deducted_in_the_cash_flow_statement_shares_the_income_statements_concept(tmp_path):
    # the income statement's loss of 1,200 is added back in the cash-flow statement: one
    # quantity, so one concept with the income statement's signs, and a -1 weight for cash
    from converter.pipeline import convert

    path = tmp_path / "case.txt"
    path.write_text("FORM 10-K\nACME WIDGET CORP\n(Exact name of registrant as specified in its charter)\n"
                    + textwrap.dedent(STATEMENTS_SHARING_A_COMPANY_LINE), encoding="utf-8")
    report = convert(path, render=False).report
    pacts = [e for e in report.extensions if "ForwardPurchasePacts" in e.name]
    assert len(pacts) == 1
    values = [(f.context, f.value) for f in report.facts if f.concept.qname == pacts[0].qname]
    assert sorted(set(values)) == [("d20060101_20061231", D("800000")), ("d20070101_20071231", D("-1200000"))]
    assert len(values) == 4  # tagged where printed in each statement, with the same values
    weights = {(a.parent, a.role.rsplit("/", 1)[-1].rstrip("0123456789")): a.weight
               for a in report.calc_arcs if a.child == pacts[0].qname}
    assert weights["us-gaap:NetCashProvidedByUsedInOperatingActivities", "cashflow"] == -1
    assert all(w == 1 for (parent, role), w in weights.items() if role == "income")


def test_warrant_fair_value_change_counts_a_gain_as_negative(tmp_path):
    # FairValueAdjustmentOfWarrants is a debit (expense-like) concept: the 900 gain in other
    # income is -900,000; the cash-flow statement deducts the same gain, so the same value
    facts = facts_of(tmp_path, """
                      CONSOLIDATED STATEMENTS OF OPERATIONS
                                 (In thousands)

                                                      Year Ended December 31,
                                                        2007          2006

    Revenues                                         $ 20,000      $ 18,000
    Operating expenses                                 21,000        18,500
    Loss from operations                               (1,000)         (500)
    Other income (expense):
      Change in fair value of warrant liability           900          (300)
      Interest expense                                   (400)         (200)
      Total other income (expense)                        500          (500)
    Net loss                                         $   (500)     $ (1,000)


                      CONSOLIDATED STATEMENTS OF CASH FLOWS
                                 (In thousands)

                                                      Year Ended December 31,
                                                        2007          2006

    Cash flows from operating activities:
      Net loss                                       $   (500)     $ (1,000)
      Change in fair value of warrant liability          (900)          300
      Increase in accounts payable                        200           100
      Net cash used in operating activities            (1,200)         (600)
    """)
    assert facts[("FairValueAdjustmentOfWarrants", "D12:2007-12-31")] == D("-900000")
    assert facts[("FairValueAdjustmentOfWarrants", "D12:2006-12-31")] == D("300000")
    assert facts[("NetCashProvidedByUsedInOperatingActivities", "D12:2007-12-31")] == D("-1200000")


def test_cash_flow_share_lines_are_money_and_working_capital_lines_follow_their_balance_sheet_side(tmp_path):
    # "Common shares purchased" in a cash-flow statement is the cash paid, not a share count;
    # a change in an asset no rule names counts the asset's increase (printed (1,494): 1,494)
    from converter.pipeline import convert

    path = tmp_path / "case.txt"
    path.write_text("FORM 10-K\nACME WIDGET CORP\n(Exact name of registrant as specified in its charter)\n"
                    + textwrap.dedent("""
                      CONSOLIDATED STATEMENTS OF CASH FLOWS
                               (Dollars in millions)

                                                      Year Ended December 31,
                                                        2001          2000

    Cash flows from operating activities:
      Net earnings                                   $  2,800      $  2,100
      Changes in assets and liabilities:
        Other acquired intangibles, net                (1,494)          (20)
        Accounts payable                                  300           150
      Net cash provided by operating activities         1,606         2,230
    Cash flows from financing activities:
      Common shares purchased                          (2,417)         (500)
      Net cash used by financing activities            (2,417)         (500)
    """), encoding="utf-8")
    report = convert(path, render=False).report
    facts = {(f.concept.name, f.context): f for f in report.facts}
    repurchase = facts[("PaymentsForRepurchaseOfCommonStock", "d20010101_20011231")]
    assert (repurchase.value, repurchase.unit) == (D("2417000000"), "usd")
    intangibles = facts[("OtherAcquiredIntangiblesNet", "d20010101_20011231")]
    assert intangibles.value == D("1494000000") and intangibles.concept.balance == "credit"
    assert facts[("OtherAcquiredIntangiblesNet", "d20000101_20001231")].value == D("20000000")
    assert facts[("IncreaseDecreaseInAccountsPayable", "d20010101_20011231")].value == D("300000000")
    weights = {a.child.split(":")[1]: a.weight for a in report.calc_arcs
               if a.parent == "us-gaap:NetCashProvidedByUsedInOperatingActivities"}
    assert weights["OtherAcquiredIntangiblesNet"] == -1 and weights["IncreaseDecreaseInAccountsPayable"] == 1


def test_a_gain_on_shares_is_money_and_a_share_count_is_shares(tmp_path):
    from converter.pipeline import convert

    path = tmp_path / "case.txt"
    path.write_text("FORM 10-K\nACME WIDGET CORP\n(Exact name of registrant as specified in its charter)\n"
                    + textwrap.dedent("""
                      CONSOLIDATED STATEMENTS OF INCOME
                     (In thousands, except per share data)

                                                      Year Ended December 31,
                                                        2001          2000

    Revenues                                         $ 10,000      $  9,000
    Costs and expenses                                  8,000         7,500
    Gain on sale of shares of subsidiary                  500            --
    Income before income taxes                          2,500         1,500
    Income taxes                                        1,000           600
    Net income                                       $  1,500      $    900
    Net income per share                             $   1.50      $    .90
    Average shares outstanding                          1,000         1,000
    """), encoding="utf-8")
    report = convert(path, render=False).report
    units = {f.source.text: (f.unit, f.value) for f in report.facts if f.context == "d20010101_20011231"}
    assert units["500"] == ("usd", D("500000"))
    assert units["1,000"] == ("shares", D("1000000"))
    assert units["1.50"] == ("usdPerShare", D("1.50"))


def test_trailing_minus_and_shares_printed_in_full_under_a_thousands_heading(tmp_path):
    # old print: "1,215-" is -1,215; the share counts are whole (net loss / shares = the EPS)
    facts = facts_of(tmp_path, """
                    CONSOLIDATED STATEMENTS OF OPERATIONS
                  (In thousands, except per share data)

                                                 Year Ended December 31,
                                                   1999          1998

    Revenues                                     $ 18,000      $ 9,000
    Costs and expenses                             39,000       23,400
    Operating loss                                (21,000)     (14,400)
    Other income (expense), net                     1,215-         830
    Net loss                                     $(22,215)     $(13,570)
    Basic and diluted net loss per share           $(1.11)      $(2.71)
    Weighted average shares outstanding        20,000,000    5,000,000
    """)
    assert facts[("OtherNonoperatingIncomeExpense", "D12:1999-12-31")] == D("-1215000")
    assert facts[("OtherNonoperatingIncomeExpense", "D12:1998-12-31")] == D("830000")
    assert facts[("WeightedAverageNumberOfSharesOutstandingBasic", "D12:1999-12-31")] == D("20000000")
    assert facts[("EarningsPerShareBasicAndDiluted", "D12:1998-12-31")] == D("-2.71")


def test_a_page_break_inside_statements_keeps_their_scale_and_sums(tmp_path):
    # the balance sheet resumes under a "(continued)" heading whose side caption differs; the
    # cash-flow statement resumes after <PAGE> with no heading at all
    facts = facts_of(tmp_path, """
                          CONSOLIDATED BALANCE SHEETS
                            (Dollars in thousands)

                                                    December 31,
                                               1994         1993
    ASSETS
    Cash                                      $ 5,000      $ 4,000
    Property, net                              15,000       14,000
    Total assets                              $20,000      $18,000

    <PAGE>
                    CONSOLIDATED BALANCE SHEETS (continued)

                                                    December 31,
                                               1994         1993
    LIABILITIES AND SHAREHOLDERS' EQUITY
    Accounts payable                          $ 3,000      $ 2,500
    Total shareholders' equity                 17,000       15,500
    Total liabilities and shareholders' equity $20,000     $18,000


                    CONSOLIDATED STATEMENTS OF CASH FLOWS
                                (In thousands)

                                               Year Ended December 31,
                                               1994         1993
    OPERATING ACTIVITIES
      Net income                              $ 2,000      $ 1,500
      Depreciation                              1,000          900
        Net cash provided by operations         3,000        2,400
    INVESTING ACTIVITIES
      Capital expenditures                     (2,400)      (2,000)
      Proceeds from property sales                400          100
    <PAGE>
        Net cash used by investing activities  (2,000)      (1,900)
    FINANCING ACTIVITIES
      Dividends paid                             (500)        (400)
        Net cash used by financing activities    (500)        (400)
    Increase in cash                              500          100
    """)
    assert facts[("AccountsPayableCurrent", "I:1994-12-31")] == D("3000000")
    assert facts[("LiabilitiesAndStockholdersEquity", "I:1993-12-31")] == D("18000000")
    assert facts[("NetCashProvidedByUsedInInvestingActivities", "D12:1994-12-31")] == D("-2000000")
    assert facts[("PaymentsOfDividends", "D12:1993-12-31")] == D("400000")


def test_a_loss_printed_without_parentheses_is_negative(tmp_path):
    # "Operating loss 1,200" and "Net loss 1,300": the captions say loss, the figures are bare
    facts = facts_of(tmp_path, """
                      CONSOLIDATED STATEMENTS OF OPERATIONS
                     (In thousands, except per share data)

                                                   Three Months Ended
                                                      September 30,
                                                   2004          2003

    Revenues                                     $ 5,000       $ 4,000
    Costs and expenses                             6,200         5,400
    Operating loss                                 1,200         1,400
    Interest expense                                 100            80
    Net loss                                     $ 1,300       $ 1,480
    Basic and diluted net loss per share         $  0.10       $  0.12
    """)
    assert facts[("Revenues", "D3:2004-09-30")] == D("5000000")
    assert facts[("CostsAndExpenses", "D3:2004-09-30")] == D("6200000")
    assert facts[("OperatingIncomeLoss", "D3:2004-09-30")] == D("-1200000")
    assert facts[("NetIncomeLoss", "D3:2003-09-30")] == D("-1480000")
    assert facts[("InterestExpense", "D3:2004-09-30")] == D("100000")
    assert facts[("EarningsPerShareBasicAndDiluted", "D3:2004-09-30")] == D("-0.10")


def test_a_loss_in_parentheses_under_a_loss_caption_stays_negative(tmp_path):
    facts = facts_of(tmp_path, """
                      CONSOLIDATED STATEMENTS OF OPERATIONS
                                (In thousands)

                                                   Year Ended December 31,
                                                   2004          2003

    Revenues                                     $ 5,000       $ 4,000
    Costs and expenses                             6,200         5,400
    Net loss                                     $(1,200)      $(1,400)
    """)
    assert facts[("NetIncomeLoss", "D12:2004-12-31")] == D("-1200000")
    assert facts[("Revenues", "D12:2004-12-31")] == D("5000000")


def test_memo_counts_are_not_money_and_balance_sheet_share_counts_are_shares(tmp_path):
    from converter.pipeline import convert

    path = tmp_path / "case.txt"
    path.write_text("FORM 10-Q\nACME WIDGET CORP\n(Exact name of registrant as specified in its charter)\n"
                    + textwrap.dedent("""
                      CONDENSED CONSOLIDATED BALANCE SHEETS
                     (In thousands, except share counts in thousands)

                                               June 30,     December 31,
                                                 2005           2004
    Cash                                       $  4,000       $  3,500
    Loans, net                                   96,000         91,500
    Total assets                               $100,000       $ 95,000
    Shares outstanding                            3,000          2,900

                    CONDENSED CONSOLIDATED STATEMENTS OF INCOME
                                 (In thousands)

                                             Three Months Ended June 30,
                                                 2005           2004
    Net sales                                  $ 25,000       $ 22,000
    Cost of sales                                15,000         13,500
    Net income                                 $ 10,000       $  8,500
    Stores open at end of period                    412            388
    """), encoding="utf-8")
    conversion = convert(path, render=False)
    facts = {(f.concept.name, f.context): (f.unit, f.value) for f in conversion.report.facts}
    assert facts[("CommonStockSharesOutstanding", "i20050630")] == ("shares", D("3000000"))
    assert facts[("Cash", "i20041231")] == ("usd", D("3500000"))
    assert not [k for k, (_, v) in facts.items() if v in (D("412000"), D("412"))]
    assert any(p.code == "row.not_money" and "Stores" in p.message for p in conversion.problems)


def test_selected_financial_data_is_not_a_balance_sheet(tmp_path):
    # five years of sales, income and total assets with no statement title: Item 6, not tagged
    from converter.pipeline import convert

    path = tmp_path / "case.txt"
    path.write_text("FORM 10-K\nACME WIDGET CORP\n(Exact name of registrant as specified in its charter)\n"
                    + textwrap.dedent("""
    ITEM 6.  SELECTED FINANCIAL DATA

         The following selected financial data should be read in conjunction
    with the consolidated financial statements and notes thereto.

                                  (In thousands, except per share data)

                                       1997      1996      1995      1994      1993
    Net sales                        $88,410   $81,235   $76,990   $70,115   $64,380
    Net income                         4,215     3,870     3,105     2,640     2,215
    Net income per share                1.42      1.31      1.05       .90       .76
    Total assets                      61,330    57,415    52,880    49,105    45,670
    """), encoding="utf-8")
    conversion = convert(path, render=False)
    assert not conversion.report.facts
    assert any(p.code == "table.skipped.other" for p in conversion.problems)


def test_share_counts_by_class_and_pro_forma_figures(tmp_path):
    from converter.pipeline import convert

    path = tmp_path / "case.txt"
    path.write_text("FORM 10-K\nACME WIDGET CORP\n(Exact name of registrant as specified in its charter)\n"
                    + textwrap.dedent("""
                         CONSOLIDATED STATEMENTS OF INCOME
                      (In thousands, except per share amounts)

                                                  Year Ended December 31,
                                                    1997          1996
    Revenues
      Rooms                                      $ 18,410      $ 16,200
      Food and beverage                             6,590         5,800
        Total revenues                             25,000        22,000
    Operating expenses                             19,000        17,000
    Net income                                   $  6,000      $  5,000
    Net income per share                         $   0.27      $   0.23
    Weighted average shares outstanding:
      Class A common stock                         14,210        14,105
      Class B common stock                          8,030         8,030
    Pro forma net income per share:
      Basic                                      $   0.22      $   0.19
    """), encoding="utf-8")
    conversion = convert(path, render=False)
    facts = {(f.concept.prefix, f.concept.name, f.context): (f.unit, f.value) for f in conversion.report.facts}
    assert ("us-gaap", "Revenues", "d19970101_19971231") in facts
    rooms = [v for (prefix, name, ctx), v in facts.items() if ctx == "d19970101_19971231" and v[1] == D("18410000")]
    assert rooms == [("usd", D("18410000"))]  # "Rooms" under "Revenues" is money, not a count
    class_a = [v for (_, name, ctx), v in facts.items() if "ClassA" in name and ctx == "d19970101_19971231"]
    assert class_a == [("shares", D("14210000"))]
    pro_forma = [(prefix, v) for (prefix, name, ctx), v in facts.items() if v == ("usdPerShare", D("0.22"))]
    assert pro_forma == [("acme", ("usdPerShare", D("0.22")))]  # a company concept, not us-gaap EPS
    assert any(p.code == "map.pro_forma" for p in conversion.problems)


def test_a_nine_month_ex27_schedule_is_compared_with_the_nine_month_column(tmp_path):
    from converter.pipeline import convert

    statement = textwrap.dedent("""
                  CONDENSED CONSOLIDATED STATEMENTS OF INCOME
                                 (In thousands)

                                        Three Months Ended        Nine Months Ended
                                           September 30,            September 30,
                                        1998         1997         1998         1997
    Net sales                         $ 10,000     $  9,000     $ 30,000     $ 27,000
    Cost of sales                        6,000        5,500       18,000       16,500
    Net income                        $  4,000     $  3,500     $ 12,000     $ 10,500
    """)
    path = tmp_path / "q.txt"
    path.write_text(f"""<SEC-DOCUMENT>
<DOCUMENT>
<TYPE>10-Q
<TEXT>
FORM 10-Q
For the quarterly period ended September 30, 1998
ACME WIDGET CORP
(Exact name of registrant as specified in its charter)
{statement}
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-27
<TEXT>
<MULTIPLIER> 1,000
<PERIOD-TYPE>                   9-MOS
<PERIOD-END>                               SEP-30-1998
<TOTAL-REVENUES>                                30,000
<NET-INCOME>                                    12,000
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
""", encoding="utf-8")
    problems = convert(path, render=False).problems
    assert not [p for p in problems if p.code == "check.ex27_mismatch"]
    assert any(p.code == "check.ex27" and p.message.startswith("2 of 2") for p in problems)


def test_an_untitled_bank_earnings_table_in_a_press_release_is_an_income_statement(tmp_path):
    facts = facts_of(tmp_path, """
    FIRST PRAIRIE BANCORP REPORTS FOURTH QUARTER EARNINGS
                                 (In thousands)
                                    Quarter Ended          Year Ended
                                   December 31,           December 31,
                                  1998       1997        1998       1997
    Interest income             $ 8,415    $ 7,930     $32,870    $30,615
    Interest expense              3,610      3,445      14,205     13,390
    Net interest income           4,805      4,485      18,665     17,225
    Income taxes                    600        550       2,400      2,200
    Net income                  $ 4,205    $ 3,935     $16,265    $15,025
    """, head="FORM 8-K\\nFIRST PRAIRIE BANCORP\\n(Exact name of registrant as specified in its charter)\\n\\n")
    assert facts[("InterestExpenseOperating", "D3:1998-12-31")] == D("3610000")
    assert facts[("NetIncomeLoss", "D12:1997-12-31")] == D("15025000")
