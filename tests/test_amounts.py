"""Printed numbers and scale notes (table-driven)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from converter.amounts import find_scale, parse_amount, row_scale


@pytest.mark.parametrize("text,value,decimals,dash", [
    ("1,683", "1683", 0, False),
    ("(5,528)", "-5528", 0, False),
    ("$(5,794)", "-5794", 0, False),
    ("$ (5,794)", "-5794", 0, False),
    ("$41", "41", 0, False),
    ("(0.27)", "-0.27", 2, False),
    ("0.00", "0.00", 2, False),
    ("-447", "-447", 0, False),
    (".37", "0.37", 2, False),
    ("--", "0", 0, True),
    ("-", "0", 0, True),
    ("\u2014", "0", 0, True),
    ("nil", "0", 0, True),
])
def test_numbers(text, value, decimals, dash):
    parsed = parse_amount(text)
    assert parsed.value == Decimal(value) and parsed.decimals == decimals and parsed.dash == dash


@pytest.mark.parametrize("text", ["0,12", "12,34", "1,2345", "$", "abc", "12a", "1.2.3"])
def test_not_numbers(text):
    assert parse_amount(text) is None


def test_not_available_is_no_value():
    assert parse_amount("N/A").value is None


@pytest.mark.parametrize("note,amounts,shares", [
    ("(In thousands)", 3, 3),
    ("(Dollars in millions, except per share amounts)", 6, 0),
    ("(in thousands, except share data)", 3, 0),
    ("(Dollars in thousands, except share and per share data)", 3, 0),
    ("(In millions, except per share data)", 6, 6),
    ("$000 omitted", 3, 0),  # dollars: share counts are read as printed
    ("(000 omitted)", 3, 3),
    ("(Thousands of Dollars)", 3, 0),
    ("(Millions of dollars, except per share amounts)", 6, 0),
    ("(thousands)", 3, 3),
    ("(Thousands, except per share amounts)", 3, 3),
    ("(Amounts in thousands)", 3, 3),
    ("Thousands of dollars except per share", 3, 0),
    ("(in millions, shares in thousands)", 6, 3),
    ("Consolidated Balance Sheets", 0, 0),
])
def test_scale_notes(note, amounts, shares):
    scale = find_scale([note])
    assert (scale.amounts, scale.shares) == (amounts, shares)


def test_row_scale_in_label():
    assert row_scale("Common shares used in the calculations of basic earnings (loss) per share (in thousands)") == 3
    assert row_scale("Net sales") is None


def test_share_counts_stated_in_their_own_scale():
    note = "(In millions, except number of shares which are reflected in thousands and per share amounts)"
    scale = find_scale([note])
    assert (scale.amounts, scale.shares, scale.shares_stated) == (6, 3, True)
