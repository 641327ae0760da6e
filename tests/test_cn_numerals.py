"""Chinese money numerals: 大写 and lower-case words, mixed notations, round trips."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from subsidy_cli.scan.cn_numerals import format_cn_upper, parse_cn_amount, parse_cn_upper


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("壹佰贰拾万元整", "1200000"),
        ("贰佰壹拾玖元肆角柒分", "219.47"),
        ("壹拾万零伍佰元整", "100500"),
        ("壹亿贰仟万元整", "120000000"),
        ("壹亿零壹圆整", "100000001"),
        ("贰佰叁拾伍圆整", "235"),
        ("壹拾伍圆玖角肆分", "15.94"),
        ("壹仟叁佰零捌圆整", "1308"),
        ("叁圆零伍分", "3.05"),
        ("伍角", "0.5"),
        ("零圆整", "0"),
        ("人民币壹万元正", "10000"),
        ("ⓧ壹拾壹圆贰角", "11.2"),  # the ⓧ the tax bureau prints before the words
        ("负贰佰叁拾伍圆整", "-235"),
        ("拾万元整", "100000"),
        ("壹万贰仟亿元", "1200000000000"),
    ],
)
def test_upper_case(words: str, value: str) -> None:
    assert parse_cn_upper(words) == Decimal(value)


@pytest.mark.parametrize(
    ("words", "value"),
    [("一千二百万", "12000000"), ("两万", "20000"), ("十二", "12"), ("一百零五元", "105"), ("三千五百万元", "35000000")],
)
def test_lower_case(words: str, value: str) -> None:
    assert parse_cn_upper(words) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "1200", "壹壹", "伍零万", "零拾", "拾佰", "贰佰叁拾伍圆整x", "整"])
def test_not_an_amount(text: str) -> None:
    assert parse_cn_upper(text) is None


def test_result_is_decimal() -> None:
    assert isinstance(parse_cn_upper("贰佰壹拾玖元肆角柒分"), Decimal)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1200万元", "12000000"),
        ("12.5万元", "125000"),
        ("1.2亿元", "120000000"),
        ("¥1,000,000.00", "1000000"),
        ("人民币壹佰万元整（¥1,000,000.00）", "1000000"),
        ("人民币壹佰万元整", "1000000"),
        ("五十万元", "500000"),
        ("第一期资助 500万元", "5000000"),
        ("2024年合同金额 500万元", "5000000"),
        ("1500", "1500"),
        ("￥２３５．００", "235"),
        ("¥-235.00", "-235"),
    ],
)
def test_mixed_amounts(text: str, value: str) -> None:
    assert parse_cn_amount(text) == Decimal(value)


def test_mixed_amount_disagreement_raises() -> None:
    with pytest.raises(ValueError, match="disagrees"):
        parse_cn_amount("人民币壹佰万元整（¥1,100,000.00）")


def test_no_amount_is_none() -> None:
    assert parse_cn_amount("无") is None


@pytest.mark.parametrize(
    ("value", "words"),
    [("235", "贰佰叁拾伍圆整"), ("15.94", "壹拾伍圆玖角肆分"), ("100500", "壹拾万零伍佰圆整"), ("1005.05", "壹仟零伍圆零伍分")],
)
def test_format(value: str, words: str) -> None:
    assert format_cn_upper(Decimal(value)) == words


@given(st.integers(min_value=-(10**14) + 1, max_value=10**14 - 1))
def test_round_trip(cents: int) -> None:
    amount = Decimal(cents).scaleb(-2)
    assert parse_cn_upper(format_cn_upper(amount)) == amount


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_round_trip_integers(n: int) -> None:
    assert parse_cn_upper(format_cn_upper(Decimal(n))) == n
