from decimal import Decimal

import pytest

from subsidy_cli.money import MoneyError, parse_money, round_fen, show, yuan


@pytest.mark.parametrize("text, expected", [
    (1200000, "1200000"),
    ("1,200,000.00", "1200000.00"),
    ("120万", "1200000"),
    ("120万元", "1200000"),
    ("1.2亿", "120000000.0"),
    ("１２０万", "1200000"),
    ("¥3,000.50", "3000.50"),
    ("0", "0"),
])
def test_parses_the_ways_people_write_money(text, expected):
    assert parse_money(text) == Decimal(expected)


def test_floats_keep_their_written_value():
    assert parse_money(0.1) == Decimal("0.1")


@pytest.mark.parametrize("text, fragment", [
    ("-5万", "negative"),
    ("", "empty"),
    ("  ", "empty"),
    ("12美元", "unknown unit"),
    ("12,34", "separator"),
    ("abc", "not an amount"),
    (True, "true/false"),
])
def test_rejects_bad_amounts_with_a_reason(text, fragment):
    with pytest.raises(MoneyError) as exc:
        parse_money(text)
    assert fragment in exc.value.render("en")
    assert exc.value.render("zh") != exc.value.render("en")      # Chinese by default, English on request


def test_rounds_half_up_to_the_fen():
    assert round_fen(Decimal("0.005")) == Decimal("0.01")
    assert round_fen(Decimal("2.675")) == Decimal("2.68")
    assert yuan(Decimal("18000000")) == "18000000.00"


def test_show_gives_yuan_with_separators_and_wan():
    assert show(Decimal("18000000")) == "¥18,000,000.00 (1,800万元)"
    assert show(Decimal("916666.666")) == "¥916,666.67 (91.6667万元)"
