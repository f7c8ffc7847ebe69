"""Plain-text statement tables: small hand-written excerpts, one pattern each.

Each case converts a tiny filing and compares the facts (concept, period, value) with values
worked out by hand from the excerpt.
"""
from __future__ import annotations

from decimal import Decimal

from conftest import facts_of

STACKED = """
                    CONSOLIDATED STATEMENTS OF OPERATIONS
                    (In thousands, except per share data)

                                      Three                   Nine
                                   Months Ended            Months Ended
                                 June 30    June 30     June 30    June 30
                                   2004       2003        2004       2003

    Net sales                    $10,000    $ 8,000     $30,000    $24,000
    Cost of sales                  6,000      5,000      18,000     15,000
    Gross profit                   4,000      3,000      12,000      9,000
    Selling, general and
      administrative expenses      1,500      1,200       4,500      3,600
    Operating income               2,500      1,800       7,500      5,400
    Interest expense                (100)      (120)       (300)      (360)
    Income before income taxes     2,400      1,680       7,200      5,040
    Income taxes                     960        672       2,880      2,016
    Net income                   $ 1,440    $ 1,008     $ 4,320    $ 3,024

    Net income per share:
      Basic                         $.72       $.50       $2.16      $1.51
"""


def test_stacked_headers_scale_and_per_share(tmp_path):
    facts = facts_of(tmp_path, STACKED)
    assert facts[("Revenues", "D3:2004-06-30")] == Decimal("10000000")
    assert facts[("Revenues", "D9:2003-06-30")] == Decimal("24000000")
    assert facts[("SellingGeneralAndAdministrativeExpense", "D3:2004-06-30")] == Decimal("1500000")
    assert facts[("EarningsPerShareBasic", "D9:2004-06-30")] == Decimal("2.16")  # never scaled
    assert facts[("EarningsPerShareBasic", "D3:2004-06-30")] == Decimal("0.72")


def test_expense_in_parentheses_is_positive_and_taxes_follow_the_arithmetic(tmp_path):
    facts = facts_of(tmp_path, STACKED)
    assert facts[("InterestExpense", "D3:2004-06-30")] == Decimal("100000")
    assert facts[("IncomeTaxExpenseBenefit", "D9:2004-06-30")] == Decimal("2880000")


BALANCE = """
                         CONSOLIDATED BALANCE SHEETS
                               (In thousands)

                                              December 31,
                                           1998          1997
    Current assets:
      Cash                                $ 1,200       $   900
      Accounts receivable, less allowance
        of $50 and $40                      3,300         2,800
      Inventories                           2,500            --
                                          -------       -------
                                            7,000         3,700
    Property and equipment, net             5,000         4,300
                                          -------       -------
    Total assets                          $12,000       $ 8,000
                                          =======       =======
    Current liabilities:
      Accounts payable                    $ 2,000       $ 1,500
    Long-term debt                          4,000         3,000
    Stockholders' equity:
      Common stock, $.01 par value;
        10,000 shares authorized              100           100
      Retained earnings                     6,400         3,900
      Treasury stock, 25 shares at cost      (500)         (500)
                                          -------       -------
        Total stockholders' equity          6,000         3,500
                                          -------       -------
    Total liabilities and stockholders'
      equity                              $12,000       $ 8,000
"""


def test_balance_sheet_patterns(tmp_path):
    facts = facts_of(tmp_path, BALANCE)
    assert facts[("Cash", "I:1998-12-31")] == Decimal("1200000")  # date from "December 31," over years
    assert facts[("AccountsReceivableNetCurrent", "I:1997-12-31")] == Decimal("2800000")  # wrapped label
    assert facts[("InventoryNet", "I:1997-12-31")] == Decimal("0")  # "--" is zero
    assert facts[("AssetsCurrent", "I:1998-12-31")] == Decimal("7000000")  # unlabelled subtotal
    assert facts[("TreasuryStockValue", "I:1998-12-31")] == Decimal("500000")  # contra equity, positive
    assert facts[("LiabilitiesAndStockholdersEquity", "I:1997-12-31")] == Decimal("8000000")
    # numbers inside labels ("$50", "10,000 shares", "25 shares") never become column values;
    # the allowance printed per column in the caption is a parenthetical fact of its own
    assert {k for k, v in facts.items() if v in (Decimal("50000"), Decimal("40000"))} == {
        ("AllowanceForDoubtfulAccountsReceivableCurrent", "I:1998-12-31"),
        ("AllowanceForDoubtfulAccountsReceivableCurrent", "I:1997-12-31")}
    assert Decimal("25000") not in facts.values() and Decimal("10000000") not in facts.values()
