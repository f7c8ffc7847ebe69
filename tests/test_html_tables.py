"""HTML filings: legacy <TABLE> grids and <PRE> blocks, inside SGML envelopes or alone; the
output keeps the filing's HTML with each number tagged where it stands. Values by hand."""
from __future__ import annotations

from decimal import Decimal

from lxml import etree

from converter.pipeline import convert

D = Decimal

STATEMENT = """<HTML><HEAD><TITLE>ex99</TITLE></HEAD><BODY>
<P ALIGN=CENTER><FONT SIZE=2><B>ACME WIDGET CORP<BR>CONSOLIDATED STATEMENTS OF OPERATIONS</B></FONT></P>
<TABLE WIDTH="100%" BORDER=0 CELLPADDING=0>
<TR><TD WIDTH="60%"><FONT SIZE=1>(In thousands, except per share data)</FONT></TD><TD>&nbsp;</TD>
    <TD COLSPAN=3 ALIGN=CENTER>Year Ended December 31,</TD><TD>&nbsp;</TD></TR>
<TR><TD>&nbsp;</TD><TD>&nbsp;</TD><TD COLSPAN=2 ALIGN=RIGHT><B>2004</B></TD><TD>&nbsp;</TD>
    <TD COLSPAN=2 ALIGN=RIGHT>2003</TD></TR>
<TR><TD COLSPAN=7><HR></TD></TR>
<TR><TD>Net sales</TD><TD>&nbsp;</TD><TD>$</TD><TD ALIGN=RIGHT>10,500</TD><TD>&nbsp;</TD><TD>$</TD><TD ALIGN=RIGHT>9,800</TD></TR>
<TR><TD>Cost of sales</TD><TD>&nbsp;</TD><TD>&nbsp;</TD><TD ALIGN=RIGHT>(6,300</TD><TD>)</TD><TD>&nbsp;</TD><TD ALIGN=RIGHT>(5,900</TD><TD>)</TD></TR>
<TR><TD>&nbsp;&nbsp;&nbsp;Gross profit</TD><TD>&nbsp;</TD><TD>&nbsp;</TD><TD ALIGN=RIGHT>4,200</TD><TD>&nbsp;</TD><TD>&nbsp;</TD><TD ALIGN=RIGHT>3,900</TD></TR>
<TR><TD><FONT COLOR=red>Net income &amp; comprehensive income</FONT></TD><TD>&nbsp;</TD><TD>$</TD><TD ALIGN=RIGHT>2,100</TD><TD>&nbsp;</TD><TD>$</TD><TD ALIGN=RIGHT>1,950</TD></TR>
<TR><TD>Net income per share - basic</TD><TD>&nbsp;</TD><TD>$</TD><TD ALIGN=RIGHT>.42</TD><TD>&nbsp;</TD><TD>$</TD><TD ALIGN=RIGHT>.39</TD></TR>
</TABLE>
<CENTER><P>Amounts in the table are unaudited.</CENTER>
<PRE>
                       CONSOLIDATED BALANCE SHEETS
                             (In thousands)
                                          December 31,
                                       2004          2003
    Cash                             $ 1,000       $   900
    Receivables                          500           400
      Total current assets             1,500         1,300
</PRE>
</BODY></HTML>
"""

SUBMISSION = f"""<SEC-DOCUMENT>0000000000-05-000001.txt : 20050201
<SEC-HEADER>0000000000-05-000001.hdr.sgml : 20050201
ACCESSION NUMBER:		0000000000-05-000001
CONFORMED SUBMISSION TYPE:	8-K
CONFORMED PERIOD OF REPORT:	20050201
FILER:
	COMPANY DATA:
		COMPANY CONFORMED NAME:			ACME WIDGET CORP
		CENTRAL INDEX KEY:			0000099999
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<FILENAME>f8k.txt
<TEXT>
FORM 8-K
Item 12. Results of Operations: see the press release in Exhibit 99.1.
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<FILENAME>ex99.htm
<TEXT>
{STATEMENT}
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


def converted(tmp_path, text: str, name: str = "acme.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return convert(path)


def values(conversion) -> dict[tuple[str, str], Decimal]:
    contexts = {c.id: c.period for c in conversion.report.contexts}
    out = {}
    for fact in conversion.report.facts:
        p = contexts[fact.context]
        out[(fact.concept.name, f"I:{p.end}" if p.is_instant else f"D{p.months}:{p.end}")] = fact.value
    return out


def test_html_exhibit_in_a_submission(tmp_path):
    facts = values(converted(tmp_path, SUBMISSION))
    assert facts[("Revenues", "D12:2004-12-31")] == D("10500000")  # "$" in a cell of its own
    assert facts[("CostOfGoodsAndServicesSold", "D12:2003-12-31")] == D("5900000")  # "(5,900" + ")"
    assert facts[("GrossProfit", "D12:2004-12-31")] == D("4200000")
    assert facts[("EarningsPerShareBasic", "D12:2003-12-31")] == D("0.39")  # per share: not scaled


def test_pre_block_inside_html_is_a_text_table(tmp_path):
    facts = values(converted(tmp_path, SUBMISSION))
    assert facts[("Cash", "I:2004-12-31")] == D("1000000")
    assert facts[("AssetsCurrent", "I:2003-12-31")] == D("1300000")


def test_bare_html_file(tmp_path):
    facts = values(converted(tmp_path, STATEMENT, "ex99.htm"))
    assert facts[("Revenues", "D12:2003-12-31")] == D("9800000")


def test_output_keeps_the_html_and_tags_numbers_in_place(tmp_path):
    conversion = converted(tmp_path, SUBMISSION)
    page = conversion.outputs["acme.xhtml"]
    root = etree.fromstring(page.encode())
    ns = {"h": "http://www.w3.org/1999/xhtml", "ix": "http://www.xbrl.org/2013/inlineXBRL"}
    # the table is still a table, and the number sits in its own cell, "$" and ")" beside it
    cell = root.xpath("//h:td[ix:nonFraction[@name='us-gaap:CostOfGoodsAndServicesSold']]", namespaces=ns)[0]
    assert "".join(cell.itertext()).strip() == "(6,300"
    tagged = cell.xpath("ix:nonFraction", namespaces=ns)[0]
    assert tagged.text == "6,300" and tagged.get("scale") == "3"
    assert tagged.get("sign") is None  # a cost: positive in XBRL, shown in parentheses
    # legacy <FONT> became a styled span; the pre block keeps its layout with tags inside
    assert not root.xpath("//h:font", namespaces=ns)
    pre = root.xpath("//h:pre[ix:nonFraction]", namespaces=ns)[0]
    assert "CONSOLIDATED BALANCE SHEETS" in "".join(pre.itertext())


def test_html_facts_point_to_their_cells(tmp_path):
    conversion = converted(tmp_path, SUBMISSION)
    fact = next(f for f in conversion.report.facts if f.concept.name == "Revenues" and f.value == D("10500000"))
    assert fact.source.text == "10,500" and fact.source.path.endswith("/td[4]")
    assert fact.source.document == "d2"


FOREIGN = """<HTML><BODY>
<P ALIGN=CENTER><B>NORTHERN MAPLE MINES LTD.</B><BR>CONSOLIDATED STATEMENTS OF OPERATIONS<BR>
(Expressed in thousands of Canadian dollars, except per share amounts)</P>
<TABLE WIDTH="100%" BORDER=0>
<TR VALIGN="BOTTOM"><TD></TD><TD COLSPAN=3 ALIGN="CENTER">Year Ended December 31,</TD></TR>
<TR VALIGN="BOTTOM"><TD></TD><TD ALIGN="RIGHT">2006</TD><TD>&nbsp;</TD><TD ALIGN="RIGHT">2005</TD></TR>
<TR><TD>Revenues</TD><TD ALIGN="RIGHT">120,000</TD><TD></TD><TD ALIGN="RIGHT">95,000</TD></TR>
<TR><TD>Cost of sales</TD><TD ALIGN="RIGHT">70,000</TD><TD></TD><TD ALIGN="RIGHT">60,000</TD></TR>
<TR><TD>Gross profit</TD><TD ALIGN="RIGHT">50,000</TD><TD></TD><TD ALIGN="RIGHT">35,000</TD></TR>
<TR><TD>Net income per share</TD><TD ALIGN="RIGHT">1.25</TD><TD></TD><TD ALIGN="RIGHT">0.90</TD></TR>
</TABLE></BODY></HTML>
"""


def test_a_statement_in_canadian_dollars_is_tagged_in_cad_and_validates(tmp_path):
    # upper-case ALIGN/VALIGN values are legal HTML 4 but must be lower case in XHTML
    from converter.validate import validate_ixbrl

    conversion = converted(tmp_path, "FORM 10-K\n" + FOREIGN, "maple.htm")
    revenue = next(f for f in conversion.report.facts if f.concept.name == "Revenues" and f.value == D("120000000"))
    eps = next(f for f in conversion.report.facts if f.concept.name.startswith("EarningsPerShare"))
    units = {u.id: u for u in conversion.report.units}
    assert (units[revenue.unit].measure, units[eps.unit].measure, units[eps.unit].denominator) == \
        ("iso4217:CAD", "iso4217:CAD", "xbrli:shares")
    assert any(p.code == "table.currency" for p in conversion.problems)
    (tmp_path / "out").mkdir()
    for name, text in conversion.outputs.items():
        (tmp_path / "out" / name).write_text(text, encoding="utf-8")
    report = validate_ixbrl(tmp_path / "out" / "maple.xhtml")
    assert report.taxonomy_loaded and report.errors == (), report.errors


RESPECTIVELY = """<HTML><BODY><P ALIGN=CENTER>FORM 10-Q<BR>ACME WIDGET CORP<BR>CONDENSED CONSOLIDATED BALANCE SHEETS<BR>
(In thousands)</P>
<TABLE>
<TR><TD></TD><TD ALIGN=RIGHT>December 31,</TD><TD ALIGN=RIGHT>June 30,</TD></TR>
<TR><TD></TD><TD ALIGN=RIGHT>2004</TD><TD ALIGN=RIGHT>2005</TD></TR>
<TR><TD>Cash</TD><TD ALIGN=RIGHT>1,000</TD><TD ALIGN=RIGHT>1,200</TD></TR>
<TR><TD>Accounts receivable, net of allowances of $150 and $210 at December 31, 2004 and June 30, 2005,
respectively</TD><TD ALIGN=RIGHT>3,000</TD><TD ALIGN=RIGHT>3,500</TD></TR>
<TR><TD>Total current assets</TD><TD ALIGN=RIGHT>4,000</TD><TD ALIGN=RIGHT>4,700</TD></TR>
<TR><TD>Inventories, net of reserves of $40 and $55, respectively</TD><TD ALIGN=RIGHT>900</TD>
<TD ALIGN=RIGHT>950</TD></TR>
</TABLE></BODY></HTML>
"""


def test_caption_figures_follow_the_dates_they_are_said_to_belong_to(tmp_path):
    # the oldest date is the first column here, and "respectively" ties $150 to December 31, 2004
    facts = values(converted(tmp_path, RESPECTIVELY, "bs.htm"))
    assert facts[("AllowanceForDoubtfulAccountsReceivableCurrent", "I:2004-12-31")] == D("150000")
    assert facts[("AllowanceForDoubtfulAccountsReceivableCurrent", "I:2005-06-30")] == D("210000")
    assert facts[("AccountsReceivableNetCurrent", "I:2005-06-30")] == D("3500000")
