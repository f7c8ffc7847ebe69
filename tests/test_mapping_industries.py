"""Industry statement lines (banks, insurers, utilities, real estate): small hand-written excerpts.

Each case converts a tiny plain-text filing and compares the us-gaap facts (concept, period, XBRL
value) with values worked out by hand from the excerpt; lines with no fitting us-gaap concept
must come out as company extension concepts, never as a wrong us-gaap concept.
"""
from __future__ import annotations

import textwrap
from decimal import Decimal

from converter.map_concepts import context_paths
from converter.pipeline import convert

D = Decimal


def convert_text(tmp_path, body: str, name: str = "case.txt"):
    text = "FORM 10-K\nACME HOLDING CORP\n(Exact name of registrant as specified in its charter)\n\n" + \
        textwrap.dedent(body)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    conversion = convert(path, render=False)
    facts = []
    for fact in conversion.report.facts:
        period = next(c for c in conversion.report.contexts if c.id == fact.context).period
        key = f"I:{period.end}" if period.is_instant else f"D{period.months}:{period.end}"
        facts.append((fact.concept, key, fact.value))
    return facts


def us_gaap(facts) -> dict[tuple[str, str], Decimal]:
    return {(c.name, key): value for c, key, value in facts if not c.is_extension}


def extension_values(facts, key: str) -> set[Decimal]:
    return {value for c, k, value in facts if c.is_extension and k == key}


# --- banks -----------------------------------------------------------------------------------

BANK_INCOME = """
                    CONSOLIDATED STATEMENTS OF INCOME
                    (In thousands, except per share data)

                                                   Years Ended December 31,
                                                     1997          1996
    Interest income:
      Interest and fees on loans                   $ 8,400       $ 7,600
      Interest on investment securities:
        Taxable                                      1,500         1,400
        Tax-exempt                                     400           350
      Interest on federal funds sold                   200           150
                                                   -------       -------
        Total interest income                       10,500         9,500
    Interest expense:
      Interest on deposits                           4,200         3,900
      Interest on short-term borrowings                300           250
      Interest on Federal Home Loan Bank advances      500           350
                                                   -------       -------
        Total interest expense                       5,000         4,500
                                                   -------       -------
    Net interest income                              5,500         5,000
    Provision for loan losses                          300           400
                                                   -------       -------
    Net interest income after provision
      for loan losses                                5,200         4,600
    Noninterest income:
      Service charges on deposit accounts              600           550
      Trust income                                     250           200
      Securities gains (losses), net                    50           (30)
      Other                                            100            80
                                                   -------       -------
        Total noninterest income                     1,000           800
    Noninterest expense:
      Salaries and employee benefits                 2,400         2,200
      Occupancy                                        400           380
      Equipment                                        300           280
      FDIC insurance                                    20           120
      Other                                            580           520
                                                   -------       -------
        Total noninterest expense                    3,700         3,500
                                                   -------       -------
    Income before income taxes                       2,500         1,900
    Income taxes                                       800           600
                                                   -------       -------
    Net income                                     $ 1,700       $ 1,300
                                                   =======       =======
"""


def test_bank_income_statement(tmp_path):
    facts = convert_text(tmp_path, BANK_INCOME)
    f = us_gaap(facts)
    y97, y96 = "D12:1997-12-31", "D12:1996-12-31"
    assert f[("InterestAndFeeIncomeLoansAndLeases", y97)] == D("8400000")
    assert f[("InterestIncomeSecuritiesTaxable", y97)] == D("1500000")
    assert f[("InterestIncomeSecuritiesTaxExempt", y96)] == D("350000")
    assert f[("InterestAndDividendIncomeOperating", y97)] == D("10500000")
    assert f[("InterestExpenseDeposits", y97)] == D("4200000")
    assert f[("InterestExpenseShortTermBorrowings", y97)] == D("300000")
    assert f[("InterestExpenseBorrowings", y97)] == D("500000")  # FHLB advances
    assert f[("InterestExpenseOperating", y97)] == D("5000000")
    # net interest income = interest income - interest expense
    assert f[("InterestIncomeExpenseNet", y97)] == D("5500000") == \
        f[("InterestAndDividendIncomeOperating", y97)] - f[("InterestExpenseOperating", y97)]
    assert f[("ProvisionForLoanLeaseAndOtherLosses", y97)] == D("300000")  # an expense: positive
    assert f[("InterestIncomeExpenseAfterProvisionForLoanLoss", y96)] == D("4600000") == \
        f[("InterestIncomeExpenseNet", y96)] - f[("ProvisionForLoanLeaseAndOtherLosses", y96)]
    assert f[("GainLossOnInvestments", y97)] == D("50000")
    assert f[("GainLossOnInvestments", y96)] == D("-30000")  # a loss is negative
    assert f[("NoninterestIncomeOther", y97)] == D("100000")
    assert f[("NoninterestIncome", y97)] == D("1000000")
    assert f[("LaborAndRelatedExpense", y97)] == D("2400000")
    assert f[("OccupancyNet", y97)] == D("400000")
    assert f[("EquipmentExpense", y96)] == D("280000")
    assert f[("FederalDepositInsuranceCorporationPremiumExpense", y96)] == D("120000")
    assert f[("OtherNoninterestExpense", y97)] == D("580000")
    assert f[("NoninterestExpense", y97)] == D("3700000")
    assert f[("NetIncomeLoss", y97)] == D("1700000")
    # no fitting us-gaap 2023 concept: company extensions, not a misleading us-gaap concept
    assert {D("600000"), D("250000"), D("200000")} <= extension_values(facts, y97)


BANK_BALANCE = """
                         CONSOLIDATED BALANCE SHEETS
                               (In thousands)

                                                        December 31,
                                                     1997          1996
    ASSETS
    Cash and due from banks                        $ 6,000       $ 5,500
    Interest-bearing deposits in banks                 500           400
    Federal funds sold                               2,000         1,600
                                                   -------       -------
        Total cash and cash equivalents              8,500         7,500
    Securities available for sale, at fair value   20,000        18,000
    Securities held to maturity (fair value
      $10,100 and $9,900)                           10,000        10,000
    Loans, net of unearned income                   90,000        85,000
    Less allowance for loan losses                  (1,200)       (1,100)
                                                   -------       -------
        Net loans                                   88,800        83,900
    Premises and equipment, net                      3,000         2,900
    Accrued interest receivable                        900           850
    Other assets                                     1,300         1,350
                                                   -------       -------
        Total assets                              $132,500      $124,500
                                                   =======       =======
    LIABILITIES AND STOCKHOLDERS' EQUITY
    Deposits:
      Noninterest-bearing                          $18,000       $17,000
      Interest-bearing                              90,000        85,000
                                                   -------       -------
        Total deposits                             108,000       102,000
    Federal funds purchased and securities sold
      under agreements to repurchase                 4,000         3,500
    Federal Home Loan Bank advances                  6,000         5,000
    Accrued interest payable                           700           650
    Other liabilities                                  800           850
                                                   -------       -------
        Total liabilities                          119,500       112,000
    Stockholders' equity:
      Common stock, $1 par value                     1,000         1,000
      Additional paid-in capital                     4,000         4,000
      Retained earnings                              8,000         7,500
                                                   -------       -------
        Total stockholders' equity                  13,000        12,500
                                                   -------       -------
    Total liabilities and stockholders' equity    $132,500      $124,500
                                                   =======       =======
"""


def test_bank_balance_sheet(tmp_path):
    f = us_gaap(convert_text(tmp_path, BANK_BALANCE))
    i97, i96 = "I:1997-12-31", "I:1996-12-31"
    assert f[("CashAndDueFromBanks", i97)] == D("6000000")
    assert f[("InterestBearingDepositsInBanks", i97)] == D("500000")
    assert f[("FederalFundsSold", i96)] == D("1600000")
    assert f[("AvailableForSaleSecuritiesDebtSecurities", i97)] == D("20000000")
    assert f[("DebtSecuritiesHeldToMaturityAmortizedCostAfterAllowanceForCreditLoss", i96)] == D("10000000")
    loans = f[("FinancingReceivableExcludingAccruedInterestBeforeAllowanceForCreditLoss", i97)]
    allowance = f[("FinancingReceivableAllowanceForCreditLossExcludingAccruedInterest", i97)]
    assert (loans, allowance) == (D("90000000"), D("1200000"))  # the contra asset stays positive
    assert f[("FinancingReceivableExcludingAccruedInterestAfterAllowanceForCreditLoss", i97)] == loans - allowance
    assert f[("PropertyPlantAndEquipmentNet", i97)] == D("3000000")
    assert f[("InterestReceivable", i96)] == D("850000")
    assert f[("NoninterestBearingDepositLiabilities", i97)] == D("18000000")
    assert f[("InterestBearingDepositLiabilities", i97)] == D("90000000")
    assert f[("Deposits", i97)] == D("108000000")
    assert f[("FederalFundsPurchasedAndSecuritiesSoldUnderAgreementsToRepurchase", i97)] == D("4000000")
    assert f[("AdvancesFromFederalHomeLoanBanks", i97)] == D("6000000")
    # an unclassified balance sheet: the interest payable is not called current
    assert f[("InterestPayableCurrentAndNoncurrent", i97)] == D("700000")
    assert ("InterestPayableCurrent", i97) not in f
    assert f[("Liabilities", i97)] == D("119500000")
    assert f[("Assets", i96)] == D("124500000")


BANK_CASH_FLOWS = """
                    CONSOLIDATED STATEMENTS OF CASH FLOWS
                               (In thousands)

                                                   Years Ended December 31,
                                                     1997          1996
    Operating activities:
      Net income                                   $ 1,700       $ 1,300
      Provision for loan losses                        300           400
      Depreciation                                     250           230
      Securities gains, net                            (50)           30
      Increase in accrued interest receivable          (50)          (40)
                                                   -------       -------
    Net cash provided by operating activities        2,150         1,920
    Investing activities:
      Purchases of securities available for sale    (8,000)       (6,000)
      Proceeds from sales of securities
        available for sale                           3,000         2,000
      Proceeds from maturities of securities
        available for sale                           3,100         2,500
      Net increase in loans                         (5,300)       (4,100)
                                                   -------       -------
    Net cash used in investing activities           (7,200)       (5,600)
    Financing activities:
      Net increase in deposits                       6,000         4,000
      Proceeds from FHLB advances                    2,000         1,500
      Repayments of FHLB advances                   (1,000)       (1,000)
      Cash dividends paid                             (950)       (1,020)
                                                   -------       -------
    Net cash provided by financing activities        6,050         3,480
                                                   -------       -------
    Increase (decrease) in cash and equivalents      1,000          (200)
    Cash and cash equivalents at beginning of year   7,500         7,700
                                                   -------       -------
    Cash and cash equivalents at end of year       $ 8,500       $ 7,500
                                                   =======       =======
"""


def test_bank_cash_flows(tmp_path):
    f = us_gaap(convert_text(tmp_path, BANK_CASH_FLOWS))
    y97, y96 = "D12:1997-12-31", "D12:1996-12-31"
    assert f[("ProvisionForLoanLeaseAndOtherLosses", y97)] == D("300000")  # added back: positive
    assert f[("GainLossOnInvestments", y97)] == D("50000")  # a gain, deducted from net income
    assert f[("GainLossOnInvestments", y96)] == D("-30000")  # a loss, added back
    assert f[("PaymentsToAcquireAvailableForSaleSecuritiesDebt", y97)] == D("8000000")
    assert f[("ProceedsFromSaleOfAvailableForSaleSecuritiesDebt", y97)] == D("3000000")
    assert f[("ProceedsFromMaturitiesPrepaymentsAndCallsOfAvailableForSaleSecurities", y96)] == D("2500000")
    assert f[("PaymentsForProceedsFromLoansAndLeases", y97)] == D("5300000")  # more loans made: a payment
    assert f[("IncreaseDecreaseInDeposits", y97)] == D("6000000")
    assert f[("ProceedsFromFederalHomeLoanBankBorrowings", y97)] == D("2000000")
    assert f[("RepaymentsOfFederalHomeLoanBankBorrowings", y97)] == D("1000000")
    assert f[("PaymentsOfDividends", y96)] == D("1020000")
    assert f[("NetCashProvidedByUsedInFinancingActivities", y96)] == D("3480000")


# --- insurers --------------------------------------------------------------------------------

INSURER_INCOME = """
                    CONSOLIDATED STATEMENTS OF INCOME
                               (In thousands)

                                                   Years Ended December 31,
                                                     2001          2000
    Revenues:
      Premiums earned                              $50,000       $46,000
      Net investment income                          8,000         7,500
      Realized investment gains (losses)               600          (200)
      Other income                                     400           700
                                                   -------       -------
        Total revenues                              59,000        54,000
    Losses and expenses:
      Losses and loss adjustment expenses           36,000        34,000
      Amortization of deferred policy
        acquisition costs                           10,000         9,500
      Other underwriting expenses                    6,000         5,500
                                                   -------       -------
        Total losses and expenses                   52,000        49,000
                                                   -------       -------
    Income before income taxes                       7,000         5,000
    Income taxes                                     2,000         1,400
                                                   -------       -------
    Net income                                     $ 5,000       $ 3,600
                                                   =======       =======
"""


def test_insurer_income_statement(tmp_path):
    f = us_gaap(convert_text(tmp_path, INSURER_INCOME))
    y01, y00 = "D12:2001-12-31", "D12:2000-12-31"
    assert f[("PremiumsEarnedNet", y01)] == D("50000000")
    assert f[("NetInvestmentIncome", y01)] == D("8000000")
    assert f[("RealizedInvestmentGainsLosses", y01)] == D("600000")
    assert f[("RealizedInvestmentGainsLosses", y00)] == D("-200000")  # a loss is negative
    assert f[("Revenues", y01)] == D("59000000")
    assert f[("PolicyholderBenefitsAndClaimsIncurredNet", y01)] == D("36000000")
    assert f[("DeferredPolicyAcquisitionCostAmortizationExpense", y00)] == D("9500000")
    assert f[("OtherUnderwritingExpense", y01)] == D("6000000")
    assert f[("BenefitsLossesAndExpenses", y01)] == D("52000000")
    assert f[("NetIncomeLoss", y00)] == D("3600000")


# --- utilities -------------------------------------------------------------------------------

UTILITY_INCOME = """
                    CONSOLIDATED STATEMENTS OF INCOME
                               (In thousands)

                                                   Years Ended December 31,
                                                     1995          1994
    Operating revenues                            $400,000      $380,000
    Operating expenses:
      Fuel                                          91,300        86,100
      Purchased power                               38,700        37,400
      Other operation and maintenance              114,200       108,900
      Depreciation and amortization                 44,600        42,800
      Taxes other than income taxes                 24,900        23,700
      Income taxes                                  21,300        18,100
                                                   -------       -------
        Total operating expenses                   335,000       317,000
                                                   -------       -------
    Operating income                                65,000        63,000
    Other income:
      Allowance for equity funds used
        during construction                          3,000         2,500
      Other, net                                     1,000           500
                                                   -------       -------
        Total other income                           4,000         3,000
                                                   -------       -------
    Income before interest charges                  69,000        66,000
    Interest charges:
      Interest on long-term debt                    30,000        29,000
      Other interest                                 2,400         2,100
      Allowance for borrowed funds used
        during construction                         (2,000)       (1,800)
                                                   -------       -------
        Net interest charges                        30,400        29,300
                                                   -------       -------
    Net income                                    $ 38,600      $ 36,700
                                                   =======       =======
"""


def test_utility_income_statement(tmp_path):
    f = us_gaap(convert_text(tmp_path, UTILITY_INCOME))
    y95, y94 = "D12:1995-12-31", "D12:1994-12-31"
    assert f[("Revenues", y95)] == D("400000000")
    assert f[("FuelCosts", y95)] == D("91300000")
    assert f[("CostOfPurchasedPower", y95)] == D("38700000")
    assert f[("UtilitiesOperatingExpenseMaintenanceAndOperations", y94)] == D("108900000")
    assert f[("TaxesExcludingIncomeAndExciseTaxes", y95)] == D("24900000")
    assert f[("OperatingExpenses", y95)] == D("335000000")
    assert f[("PublicUtilitiesAllowanceForFundsUsedDuringConstructionCapitalizedCostOfEquity", y95)] == D("3000000")
    assert f[("InterestExpenseLongTermDebt", y95)] == D("30000000")
    assert f[("InterestExpenseOther", y95)] == D("2400000")
    # AFUDC on borrowed funds reduces interest charges: a credit, positive
    afudc = f[("PublicUtilitiesAllowanceForFundsUsedDuringConstructionCapitalizedInterest", y95)]
    assert afudc == D("2000000")
    assert f[("InterestExpense", y95)] == D("30400000") == \
        f[("InterestExpenseLongTermDebt", y95)] + f[("InterestExpenseOther", y95)] - afudc
    assert f[("NetIncomeLoss", y94)] == D("36700000")


UTILITY_BALANCE = """
                         CONSOLIDATED BALANCE SHEETS
                               (In thousands)

                                                        December 31,
                                                     1995          1994
    ASSETS
    Utility plant, at original cost:
      Electric                                    $910,400      $874,300
      Gas                                          151,600       143,900
                                                 ---------     ---------
                                                 1,062,000     1,018,200
    Less accumulated depreciation                  371,500       344,600
                                                 ---------     ---------
                                                   690,500       673,600
    Construction work in progress                   42,300        37,900
                                                 ---------     ---------
        Net utility plant                          732,800       711,500
    Current assets:
      Cash                                           6,100         5,400
      Accounts receivable                           48,700        45,200
      Fuel, materials and supplies                  21,900        20,600
                                                 ---------     ---------
        Total current assets                        76,700        71,200
    Regulatory assets                               61,500        64,300
                                                 ---------     ---------
        Total assets                              $871,000      $847,000
                                                 =========     =========
    CAPITALIZATION AND LIABILITIES
    Common stock equity                            301,000       289,000
    Preferred stock of subsidiaries                 25,000        25,000
    Long-term debt                                 318,000       321,000
    Current liabilities:
      Accounts payable                              39,800        36,100
      Accrued taxes                                 12,200        11,900
                                                 ---------     ---------
        Total current liabilities                   52,000        48,000
    Accumulated deferred income taxes              128,400       119,700
    Accumulated deferred investment tax credits     18,300        19,400
    Regulatory liabilities                          28,300        24,900
                                                 ---------     ---------
        Total capitalization and liabilities      $871,000      $847,000
                                                 =========     =========
"""


def test_utility_balance_sheet(tmp_path):
    f = us_gaap(convert_text(tmp_path, UTILITY_BALANCE))
    i95 = "I:1995-12-31"
    plant = f[("PublicUtilitiesPropertyPlantAndEquipmentPlantInService", i95)]
    depreciation = f[("PublicUtilitiesPropertyPlantAndEquipmentAccumulatedDepreciation", i95)]
    cwip = f[("PublicUtilitiesPropertyPlantAndEquipmentConstructionWorkInProgress", i95)]
    assert (plant, depreciation, cwip) == (D("1062000000"), D("371500000"), D("42300000"))
    assert f[("PublicUtilitiesPropertyPlantAndEquipmentNet", i95)] == plant - depreciation + cwip
    assert f[("RegulatoryAssetsNoncurrent", i95)] == D("61500000")
    assert f[("RegulatoryLiabilityNoncurrent", i95)] == D("28300000")
    # preferred stock of subsidiaries held by others: a noncontrolling interest, not the parent's
    assert f[("MinorityInterest", i95)] == D("25000000")
    assert ("PreferredStockValue", i95) not in f
    assert f[("DeferredIncomeTaxLiabilitiesNet", i95)] == D("128400000")
    assert f[("AccumulatedDeferredInvestmentTaxCredit", i95)] == D("18300000")
    assert f[("LiabilitiesAndStockholdersEquity", i95)] == D("871000000")


# --- real estate -----------------------------------------------------------------------------

REIT_INCOME = """
                    CONSOLIDATED STATEMENTS OF OPERATIONS
                               (In thousands)

                                                   Years Ended December 31,
                                                     2003          2002
    Revenues:
      Rental income                                $42,300       $39,800
      Tenant reimbursements                          8,150         7,420
      Other                                            530           480
                                                   -------       -------
        Total revenues                              50,980        47,700
    Expenses:
      Property operating expenses                    9,870         9,210
      Real estate taxes                              5,430         5,060
      General and administrative                     2,640         2,380
      Depreciation and amortization                 10,920        10,150
      Interest                                      12,780        12,470
                                                   -------       -------
        Total expenses                              41,640        39,270
                                                   -------       -------
    Income before gain on sale of real estate        9,340         8,430
    Gain on sale of real estate                      1,260            --
                                                   -------       -------
    Net income                                     $10,600       $ 8,430
                                                   =======       =======
"""


def test_real_estate_income_statement(tmp_path):
    f = us_gaap(convert_text(tmp_path, REIT_INCOME))
    y03, y02 = "D12:2003-12-31", "D12:2002-12-31"
    assert f[("OperatingLeaseLeaseIncome", y03)] == D("42300000")
    assert f[("OperatingLeaseVariableLeaseIncome", y03)] == D("8150000")
    assert f[("Revenues", y02)] == D("47700000")
    assert f[("DirectCostsOfLeasedAndRentedPropertyOrEquipment", y03)] == D("9870000")
    assert f[("RealEstateTaxExpense", y03)] == D("5430000")
    assert f[("InterestExpense", y03)] == D("12780000")  # the general rule still applies
    assert f[("GainsLossesOnSalesOfInvestmentRealEstate", y03)] == D("1260000")
    assert f[("GainsLossesOnSalesOfInvestmentRealEstate", y02)] == D("0")
    assert f[("NetIncomeLoss", y03)] == D("10600000")


REIT_BALANCE = """
                         CONSOLIDATED BALANCE SHEETS
                               (In thousands)

                                                        December 31,
                                                     2003          2002
    ASSETS
    Real estate investments, at cost:
      Land                                         $61,200       $57,900
      Buildings and improvements                   284,700       265,300
                                                   -------       -------
                                                   345,900       323,200
    Less accumulated depreciation                  (52,400)      (43,100)
                                                   -------       -------
        Net real estate investments                293,500       280,100
    Cash and cash equivalents                        4,300         3,800
    Tenant receivables                               2,700         2,500
    Other assets                                     6,500         6,100
                                                   -------       -------
        Total assets                              $307,000      $292,500
                                                   =======       =======
    LIABILITIES AND SHAREHOLDERS' EQUITY
    Mortgage notes payable                        $168,400      $163,900
    Accounts payable and accrued expenses            5,600         5,100
    Distributions payable                            3,000         2,800
                                                   -------       -------
        Total liabilities                          177,000       171,800
    Shareholders' equity:
      Common shares                                    150           140
      Additional paid-in capital                   149,850       135,560
      Distributions in excess of net income        (20,000)      (15,000)
                                                   -------       -------
        Total shareholders' equity                 130,000       120,700
                                                   -------       -------
    Total liabilities and shareholders' equity    $307,000      $292,500
                                                   =======       =======
"""


def test_real_estate_balance_sheet(tmp_path):
    f = us_gaap(convert_text(tmp_path, REIT_BALANCE))
    i03 = "I:2003-12-31"
    cost = f[("RealEstateInvestmentPropertyAtCost", i03)]
    depreciation = f[("RealEstateInvestmentPropertyAccumulatedDepreciation", i03)]
    assert (cost, depreciation) == (D("345900000"), D("52400000"))  # contra asset positive
    assert f[("RealEstateInvestmentPropertyNet", i03)] == cost - depreciation
    assert ("AccumulatedDepreciationDepletionAndAmortizationPropertyPlantAndEquipment", i03) not in f
    assert f[("SecuredDebt", i03)] == D("168400000")
    assert f[("DividendsPayableCurrent", i03)] == D("3000000")
    assert f[("RetainedEarningsAccumulatedDeficit", i03)] == D("-20000000")  # a deficit is negative


# --- ordinary companies keep the general rules -------------------------------------------------

PLAIN_INCOME = """
                    CONSOLIDATED STATEMENTS OF OPERATIONS
                    (In thousands)

                                                   Years Ended December 31,
                                                     2000          1999
    Net sales                                      $10,000       $ 8,000
    Cost of sales                                    6,000         5,000
                                                   -------       -------
    Gross profit                                     4,000         3,000
    Selling, general and administrative expenses     1,500         1,200
                                                   -------       -------
    Operating income                                 2,500         1,800
    Other income (expense):
      Interest income                                  120            90
      Interest expense                                (300)         (260)
                                                   -------       -------
                                                      (180)         (170)
                                                   -------       -------
    Income before income taxes                       2,320         1,630
    Income taxes                                       928           652
                                                   -------       -------
    Net income                                     $ 1,392       $   978
                                                   =======       =======
"""


def test_ordinary_interest_lines_keep_the_general_concepts(tmp_path):
    f = us_gaap(convert_text(tmp_path, PLAIN_INCOME))
    y00 = "D12:2000-12-31"
    assert f[("InterestExpense", y00)] == D("300000")
    assert f[("InvestmentIncomeInterest", y00)] == D("120000")
    names = {name for name, _ in f}
    assert not names & {"InterestExpenseOperating", "InterestAndDividendIncomeOperating", "InterestIncomeExpenseNet",
                        "InterestExpenseDeposits"}


def test_liabilities_heading_after_total_assets_keeps_the_liabilities_side(tmp_path):
    path = tmp_path / "case.txt"
    path.write_text("FORM 10-K\nACME HOLDING CORP\n\n" + textwrap.dedent(BANK_BALANCE), encoding="utf-8")
    table = convert(path, render=False).mapped[0].statement
    paths = dict(zip((row.label for row in table.rows), context_paths(table)))
    assert paths["Federal Home Loan Bank advances"].startswith("liabilities")
