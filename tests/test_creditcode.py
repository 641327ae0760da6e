import pytest

from subsidy_cli.creditcode import check_char, problem


@pytest.mark.parametrize("code", ["91110108MA01G0FB09", "91350100M000100Y43", "91110000802100433B"])
def test_real_codes_pass(code):
    assert problem(code) is None


def test_wrong_check_character_is_named():
    assert problem("91110108MA01G0FB08").render("en") == "check character is '8', GB 32100-2015 gives '9'"
    assert problem("91110108MA01G0FB08").render("zh") == "校验位为“8”，按 GB 32100-2015 应为“9”"


def test_length_and_charset():
    assert problem("91110108MA01G0FB0").render("zh") == "共 17 位，应为 18 位"
    assert "'I'" in problem("91110108MA01G0FBI9").render("en")


def test_check_char_uses_weights_3_pow_i_mod_31():
    # 0 everywhere but the first character (value 1, weight 1): 31 - 1 = 30 -> 'Y'
    assert check_char("1" + "0" * 16) == "Y"
