from datetime import date
from decimal import Decimal

import pytest

from conftest import raises_msg

from subsidy_cli.errors import InputError
from subsidy_cli.profile import load_profile

GOOD = """schema = 1
[company]
name = "北京示例科技有限公司"
credit_code = "91110108MA01G0FB09"
registered_capital = "1000万"
operating_districts = ["石景山区"]

[company.finance.2024]
revenue = 12000
total_profit = -300

[application]
date = 2025-09-10

[[contracts]]
id = "HT-1"
kind = "compute"
amount = "1,200,000.00"
deliveries = [
  { date = 2024-06-30, amount = "60万" },
  { date = 2024-07-31, amount = "60万" },
]
"""


def test_loads_money_dates_and_contracts(write_profile):
    p = load_profile(write_profile(GOOD))
    assert p.get("company.registered_capital") == Decimal("10000000")
    assert p.get("application.date") == date(2025, 9, 10)
    assert p.get("company.finance.2024.total_profit") == Decimal("-300")
    c = p.contracts[0]
    assert c.get("amount") == Decimal("1200000.00")
    assert [d.amount for d in c.deliveries] == [Decimal("600000"), Decimal("600000")]
    assert p.findings == []


def _error(write_profile, text) -> str:
    with pytest.raises(InputError) as exc:
        load_profile(write_profile(text))
    return exc.value.render("en")


def test_bad_money_names_file_line_and_key(write_profile):
    msg = _error(write_profile, GOOD.replace('amount = "60万" },\n  { date = 2024-07-31', 'amount = "-60万" },\n  { date = 2024-07-31'))
    assert msg.endswith("subsidy.toml:20: contracts[0].deliveries[0].amount: negative amount '-60万': amounts are never negative")


def test_unknown_unit_is_an_error(write_profile):
    msg = _error(write_profile, GOOD.replace('registered_capital = "1000万"', 'registered_capital = "1000美元"'))
    assert ":5: company.registered_capital: unknown unit '美元'" in msg


def test_wrong_type_names_the_key(write_profile):
    msg = _error(write_profile, GOOD.replace('date = 2025-09-10', 'date = "next week"'))
    assert msg.endswith(":13: application.date: expected a date such as 2025-09-10, got 'next week'")


def test_broken_toml_gives_the_line(write_profile):
    msg = _error(write_profile, GOOD.replace('name = "北京示例科技有限公司"', 'name = "unterminated'))
    assert "subsidy.toml:3: invalid TOML" in msg


@pytest.mark.parametrize("content, fragment", [
    (b"", "empty file"),
    (b"   \n", "empty file"),
    (b"\xff\xfe\x00name", "not UTF-8"),
])
def test_unusable_files(tmp_path, content, fragment):
    path = tmp_path / "subsidy.toml"
    path.write_bytes(content)
    with raises_msg(InputError, fragment):
        load_profile(path)


def test_missing_file_and_folder(tmp_path):
    with raises_msg(InputError, "no such file"):
        load_profile(tmp_path / "nope.toml")
    with raises_msg(InputError, "is a folder"):
        load_profile(tmp_path)


def test_unknown_keys_are_reported_with_a_suggestion(write_profile):
    p = load_profile(write_profile(GOOD.replace("registered_capital", "registerd_capital")))
    [f] = p.findings
    assert f.code == "profile.unknown_key"
    assert f.message("en") == "line 5: unknown key company.registerd_capital (a likely typo; did you mean registered_capital?), ignored"


def test_bad_credit_code_is_a_warning_not_an_error(write_profile):
    p = load_profile(write_profile(GOOD.replace("91110108MA01G0FB09", "91110108MA01G0FB08")))
    [f] = p.findings
    assert (f.code, f.severity, f.clause) == ("profile.credit_code", "warning", "GB 32100-2015")
    assert "gives '9'" in f.message("en")
    # The consultant reads why in Chinese, not "check character is '8'" (issue 9).
    assert "校验位为“8”，按 GB 32100-2015 应为“9”" in f.message("zh") and "check" not in f.message("zh")


def test_duplicate_contract_ids_are_an_error(write_profile):
    text = GOOD + '\n[[contracts]]\nid = "HT-1"\nkind = "compute"\n'
    assert "contract id 'HT-1' is used twice" in _error(write_profile, text)


def test_support_must_name_a_known_contract(write_profile):
    text = GOOD + '\n[[support]]\ncontract = "HT-9"\nlevel = "district"\namount = "10万"\n'
    msg = _error(write_profile, text)
    assert "support[0].contract: no contract with id 'HT-9'" in msg


def test_contract_kind_must_be_known(write_profile):
    msg = _error(write_profile, GOOD.replace('kind = "compute"', 'kind = "gpu"'))
    assert ":17: contracts[0].kind: expected one of compute, model-api" in msg
