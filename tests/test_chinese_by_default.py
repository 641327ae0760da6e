"""Under the default language no command prints an English sentence (issue 9): each command's
typical errors run here without --lang, and what they print may hold paths, codes and ids but no
run of English words."""

from __future__ import annotations

import re

import pytest

from conftest import SAMPLES
from subsidy_cli.cli import main

ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,}){3,}\b")   # four English words in a row


def run(capsys, *args) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exc:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return exc.value.code, out + err


@pytest.fixture
def broken(tmp_path):
    (tmp_path / "bad.toml").write_text("[company\nname = 1\n", "utf-8")
    (tmp_path / "typed.toml").write_text('[application]\ndate = "next week"\n', "utf-8")
    (tmp_path / "afile").write_text("x", "utf-8")
    return tmp_path


CASES = [
    ("calc", "{tmp}/nowhere.toml"), ("calc", "{tmp}/bad.toml"), ("calc", "{tmp}/typed.toml"),
    ("calc", SAMPLES / "sjs-compute", "-p", "nope"), ("eligible", "{tmp}/nowhere.toml"), ("plan", "{tmp}/bad.toml"),
    ("check", "{tmp}/nowhere"), ("check", "{tmp}/afile"), ("scan", "{tmp}/nowhere"),
    ("fill", SAMPLES / "sjs-compute", "--out", "{tmp}/afile"), ("fill", SAMPLES / "sjs-compute"),
    ("ledger", "import", "{tmp}/nowhere.xlsx"), ("ledger", "import", "{tmp}/afile"),
    ("ledger", "export", SAMPLES / "sjs-compute", "--out", "{tmp}/afile"),
    ("init", "{tmp}/afile"), ("programmes", "show", "nope"), ("programmes", "--today", "tomorrow"),
    ("calc", "--bogus"), ("calc", SAMPLES / "sjs-compute", "-f", "pdf"),
    ("draft", "{tmp}/nowhere"), ("draft", "{tmp}/afile"), ("draft", SAMPLES / "sjs-compute", "-o", "{tmp}/afile"),
    ("draft", SAMPLES / "sjs-compute", "--into", "{tmp}/bad.toml"),
    # click's own usage errors, which it builds with ngettext and f-strings (found by review)
    ("check", SAMPLES / "sjs-compute", "--forc"), ("--versio",), ("check", SAMPLES / "sjs-compute", "-f", "xml"),
    ("calc", "{tmp}/x.toml", "--lang", "fr"), ("check", SAMPLES / "sjs-compute", "-f"), ("calc", "a", "b"),
    ("calc", "{tmp}/x.toml", "--explain=1"), ("check", SAMPLES / "sjs-compute", "-j", "abc"),
    ("check", SAMPLES / "sjs-compute", "-o", "{tmp}/t.txt"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: " ".join(str(x).split("/")[-1] for x in c))
def test_typical_errors_are_chinese(capsys, broken, case):
    args = [str(a).replace("{tmp}", str(broken)) for a in case]
    code, text = run(capsys, *args)
    assert code != 0, text
    found = [m.group(0) for m in ENGLISH.finditer(text.replace(str(broken), "").replace(str(SAMPLES), ""))]
    assert not found, f"English in: {text!r}"


@pytest.mark.parametrize("args", [("scan", SAMPLES / "sjs-compute-scanned", "-f", "json"),
                                  ("check", SAMPLES / "sjs-compute-scanned", "-f", "json"),
                                  ("check", SAMPLES / "sjs-compute-flawed-missing-settlement", "-f", "junit")],
                         ids=["scan json", "check json", "check junit"])
def test_machine_output_speaks_chinese_in_its_human_fields(capsys, args):
    """JSON and JUnit are read by people too: messages, reasons and notes in Chinese by default
    (codes, types and paths aside), in English under --lang en."""
    code, text = run(capsys, *args)
    assert code in (0, 1), text
    human = re.findall(r'"(?:message|reason|label|name)": "([^"]*)"|(?:message="|<system-out>|<failure[^>]*>)([^"<]*)', text)
    human = [a or b for a, b in human]
    assert human and not [h for h in human if ENGLISH.search(h)], [h for h in human if ENGLISH.search(h)][:3]
    assert not re.search(r"errors found|>(?:warning|info|error): |name contains|title contains", text)
    code, text = run(capsys, *args, "--lang", "en")
    assert ENGLISH.search(text)


@pytest.mark.parametrize("lang, hint", [("zh", "是否为 'check'？"), ("en", "Did you mean 'check'?")])
def test_a_mistyped_command_is_suggested_once_in_the_users_language(capsys, lang, hint):
    code, text = run(capsys, "chek", SAMPLES / "sjs-compute", "--lang", lang)
    assert code == 2 and text.count(hint) == 1
    assert lang == "en" or "Did you mean" not in text


def test_the_scan_table_names_types_as_people_do_and_keeps_the_code(capsys):
    code, text = run(capsys, "scan", SAMPLES / "sjs-compute")
    assert code == 0
    assert "结算单" in text and "settlement_sheet" in text and "付款凭证" in text
    code, text = run(capsys, "scan", SAMPLES / "sjs-compute", "-f", "json")
    assert "文件名含 结算单；标题含 结算单" in text                      # a Chinese semicolon


@pytest.mark.parametrize("reason, zh", [
    ("title contains 结算单 (name contains 合同: contract?)", "标题含 结算单（文件名含 合同：合同？）"),
    ("name contains 合同 (title contains 结算单: settlement_sheet?)", "文件名含 合同（标题含 结算单：结算单？）"),
    ("text has an invoice's number, date and total", "正文有发票的号码、日期和金额"),
    ("text contains 回单 with 付款人/收款人", "正文含 回单及付款人/收款人"),
    ("name contains 发票; text contains 价税合计", "文件名含 发票；正文含 价税合计"),
])
def test_every_kind_of_classification_reason_reads_in_chinese(reason, zh):
    from subsidy_cli.scan.classify import reason_text
    assert reason_text(reason, "zh") == zh
    assert reason_text(reason, "en") == reason


def test_a_drafts_to_check_list_names_material_types_in_chinese(tmp_path, capsys):
    from test_scan import pdf
    dossier = tmp_path / "d"
    (dossier / "05_付款凭证").mkdir(parents=True)
    pdf(dossier / "05_付款凭证" / "scan0001.pdf", [["2024-07-15", "100,000.00"]])   # typed by its folder only
    code, text = run(capsys, "draft", dossier, "--format", "json")
    assert "类型 付款凭证" in text and "payment_proof" not in text


def test_the_card_guess_is_said_in_words_with_the_value_written(capsys):
    code, text = run(capsys, "draft", SAMPLES / "sjs-compute", "--format", "json")
    assert "按卡型推断为自主算力（accelerator_domestic = true）" in text or "按卡型推断不是自主算力" in text
    assert "推断为 false" not in text and "推断为 true" not in text


def test_a_key_not_read_is_named_in_words_with_its_key(tmp_path, capsys):
    from test_scan import CONTRACT, pdf
    dossier = tmp_path / "d"
    dossier.mkdir()
    pdf(dossier / "合同_HT-2024-001.pdf", [[line for line in CONTRACT if "签订" not in line]])
    code, text = run(capsys, "draft", dossier, "--format", "json")
    assert "未读到 签订日期（signed_on）" in text
