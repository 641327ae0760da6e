"""`subsidy ledger import|export`: the ledger workbook and the profile's [[contracts]]."""

from __future__ import annotations

import shutil
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import ROOT, SAMPLES, raises_msg
from subsidy_cli.cli import main
from subsidy_cli.errors import InputError
from subsidy_cli.ledger import (CONTRACT_COLUMNS, ENTRY_COLUMNS, SHEETS, contracts_toml, read_ledger, write_ledger)
from subsidy_cli.ledger_merge import merge_into
from subsidy_cli.profile import load_profile, profile_from_dict

TEMPLATE = ROOT / "templates" / "ledger.xlsx"
SAMPLE_DIRS = sorted(p for p in SAMPLES.iterdir() if (p / "subsidy.toml").is_file())


def run(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def ledger_of(tmp_path: Path, sample: str = "bj-compute-voucher") -> Path:
    path = tmp_path / "ledger.xlsx"
    write_ledger(load_profile(SAMPLES / sample / "subsidy.toml"), path, force=True)
    return path


def edit(path: Path, sheet: str, cell: str, value) -> Path:
    wb = load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)
    return path


# --- the template -----------------------------------------------------------------------------------

def test_template_has_the_four_sheets_with_chinese_headers(tmp_path):
    wb = load_workbook(TEMPLATE)
    assert wb.sheetnames == SHEETS == ["合同", "结算", "发票", "付款"]
    assert [c.value for c in wb["合同"][1]] == [h for _, h in CONTRACT_COLUMNS]
    for sheet in ("结算", "发票", "付款"):
        assert [c.value for c in wb[sheet][1]] == [h for _, h in ENTRY_COLUMNS]
    assert wb["合同"]["A1"].comment is not None and wb["合同"].freeze_panes == "A2"
    assert read_ledger(TEMPLATE) == []


def test_template_is_built_by_the_script(tmp_path):
    import importlib.util
    spec = importlib.util.spec_from_file_location("build_ledger", ROOT / "templates" / "build_ledger.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = module.build(tmp_path / "ledger.xlsx")
    a, b = load_workbook(out), load_workbook(TEMPLATE)
    assert a.sheetnames == b.sheetnames
    for ws in a.worksheets:
        assert [c.value for c in ws[1]] == [c.value for c in b[ws.title][1]]
        assert [c.comment.text if c.comment else None for c in ws[1]] == \
               [c.comment.text if c.comment else None for c in b[ws.title][1]]


def test_a_filled_template_imports(tmp_path):
    path = tmp_path / "filled.xlsx"
    shutil.copy(TEMPLATE, path)
    wb = load_workbook(path)
    wb["合同"].append(["C-1", "算力", "北京某云", None, "否", date(2024, 6, 1), date(2024, 6, 1), date(2025, 5, 31),
                      "120万", 1100000, None, None, "存储、网络", 100])
    wb["结算"].append(["C-1", date(2024, 12, 31), 600000, None, "半年结算"])
    wb["发票"].append(["C-1", date(2025, 1, 5), "600,000.00", "24112000000000000001"])
    wb["付款"].append(["C-1", "2025-01-10", 600000])
    wb.save(path)
    [c] = read_ledger(path)
    assert c["id"] == "C-1" and c["kind"] == "compute" and c["affiliated"] is False
    assert c["amount"] == Decimal(1_200_000) and c["other_services"] == ["存储", "网络"]
    assert c["deliveries"] == [{"date": date(2024, 12, 31), "amount": Decimal(600000), "note": "半年结算"}]
    assert c["invoices"][0]["number"] == "24112000000000000001" and c["invoices"][0]["amount"] == Decimal(600000)
    assert c["payments"][0]["date"] == date(2025, 1, 10)


# --- round trip -------------------------------------------------------------------------------------

@pytest.mark.parametrize("folder", SAMPLE_DIRS, ids=lambda p: p.name)
def test_export_then_import_gives_back_the_contracts(folder, tmp_path):
    prof = load_profile(folder / "subsidy.toml")
    path = write_ledger(prof, tmp_path / "l.xlsx")
    contracts = read_ledger(path)
    assert contracts == [c.data for c in prof.contracts]
    text = contracts_toml(contracts)
    again = profile_from_dict(tomllib.loads(text))
    assert [c.data for c in again.contracts] == [c.data for c in prof.contracts]
    assert not again.findings


# --- errors name sheet, row and column ------------------------------------------------------------

@pytest.mark.parametrize(("sheet", "cell", "value", "where", "message"), [
    ("结算", "C3", "-60万", "结算!C3 (金额)", "negative amount"),
    ("发票", "A2", "HT-NOPE", "发票!A2 (合同编号)", "no contract 'HT-NOPE' in sheet 合同"),
    ("合同", "A3", "SY-SL-2024-018", "合同!A3 (合同编号)", "used twice (first in row 2)"),
    ("合同", "B2", "gpu", "合同!B2 (类型)", "expected one of compute"),
    ("合同", "E2", "maybe", "合同!E2 (是否关联方)", "expected 是 or 否"),
    ("付款", "B4", "2025-13-40", "付款!B4 (日期)", "expected a date"),
    ("结算", "C2", None, "结算!C2 (金额)", "required"),
    ("合同", "J2", "7000万", "合同!J2 (其中算力金额)", "exceeds the contract amount"),
    ("合同", "H2", date(2024, 1, 1), "合同!H2 (执行结束)", "is before start"),
    ("合同", "W1", "备注列", "合同!W1 (备注列)", "unknown column"),
    ("合同", "I2", "12 dollars", "合同!I2 (合同金额)", "unknown unit"),
    ("发票", "D2", 24112000220000000001, "发票!D2 (号码)", "Excel keeps only 15 digits"),
])
def test_every_error_names_sheet_row_and_column(tmp_path, sheet, cell, value, where, message):
    path = edit(ledger_of(tmp_path), sheet, cell, value)
    with pytest.raises(InputError) as exc:
        read_ledger(path)
    text = exc.value.render("en")
    assert f"ledger.xlsx: {where}: " in text and message in text, text


def test_unreadable_ledgers(tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_text("not a zip")
    with raises_msg(InputError, "not an Excel .xlsx workbook"):
        read_ledger(bad)
    with raises_msg(InputError, "no such file"):
        read_ledger(tmp_path / "none.xlsx")
    path = ledger_of(tmp_path)
    wb = load_workbook(path)
    wb["合同"].title = "Contracts"
    wb.save(path)
    with raises_msg(InputError, "no sheet '合同'"):
        read_ledger(path)


# --- merging into a profile -----------------------------------------------------------------------

def test_into_appends_new_contracts_and_keeps_every_other_byte(tmp_path, capsys):
    target = tmp_path / "subsidy.toml"
    shutil.copy(SAMPLES / "sjs-compute" / "subsidy.toml", target)
    before = target.read_text("utf-8")
    ledger = ledger_of(tmp_path, "bj-compute-voucher")
    code, out, err = run(capsys, "ledger", "import", str(ledger), "--into", str(tmp_path))
    assert code == 0, err
    assert "新增 2，更新 0，未变 0" in err and out == ""
    after = target.read_text("utf-8")
    assert after.startswith(before.rstrip("\n"))
    prof = load_profile(target)
    assert [c.id for c in prof.contracts] == ["HT-2024-001", "HT-2025-002", "SY-SL-2024-018", "SY-SL-2024-031"]
    bj = load_profile(SAMPLES / "bj-compute-voucher" / "subsidy.toml")
    assert [c.data for c in prof.contracts[2:]] == [c.data for c in bj.contracts]
    # importing the same ledger again changes nothing
    code, _, err = run(capsys, "ledger", "import", str(ledger), "--into", str(target))
    assert code == 0 and "新增 0，更新 0，未变 2" in err
    assert target.read_text("utf-8") == after


def test_into_updates_a_contract_the_ledger_adds_to_and_keeps_other_text(tmp_path):
    target = tmp_path / "subsidy.toml"
    shutil.copy(SAMPLES / "bj-compute-voucher" / "subsidy.toml", target)
    before = target.read_text("utf-8")
    ledger = ledger_of(tmp_path, "bj-compute-voucher")
    wb = load_workbook(ledger)
    wb["结算"].append(["SY-SL-2024-031", date(2025, 8, 31), 2_500_000, None, "新增结算"])
    wb.save(ledger)
    text, counts = merge_into(target, read_ledger(ledger))
    assert counts == {"added": 0, "updated": 1, "unchanged": 1}
    prof = profile_from_dict(tomllib.loads(text))
    assert len(prof.contract("SY-SL-2024-031").deliveries) == 4
    # the first contract's block, the comments and the [[support]] table are untouched
    head = before[:before.index("# 2) Domestic compute")]
    assert text.startswith(head)
    assert before[before.index("# District support"):] in text


def test_into_refuses_to_overwrite_what_the_profile_holds(tmp_path, capsys):
    target = tmp_path / "subsidy.toml"
    shutil.copy(SAMPLES / "bj-compute-voucher" / "subsidy.toml", target)
    before = target.read_bytes()
    ledger = edit(ledger_of(tmp_path, "bj-compute-voucher"), "合同", "I2", "6500万")
    code, _, err = run(capsys, "ledger", "import", str(ledger), "--into", str(target))
    assert code == 2 and err.count("\n") == 1
    assert "contract SY-SL-2024-018: amount is 60000000 in the profile, 65000000 in the ledger" in err
    assert target.read_bytes() == before
    wb = load_workbook(ledger_of(tmp_path, "bj-compute-voucher"))
    wb["结算"].delete_rows(2)
    wb.save(tmp_path / "fewer.xlsx")
    with raises_msg(InputError, "deliveries: the profile's 2024-09-14 15000000 not in the ledger"):
        merge_into(target, read_ledger(tmp_path / "fewer.xlsx"))


def test_into_refuses_inline_contracts(tmp_path, write_profile):
    target = write_profile('schema = 1\ncontracts = [ { id = "A", kind = "compute" } ]\n')
    with raises_msg(InputError, "written inline"):
        merge_into(target, [{"id": "B", "kind": "compute"}])


def test_into_an_empty_profile(tmp_path, write_profile):
    target = write_profile("# 新公司\nschema = 1\n\n[company]\nname = \"甲\"\n")
    text, counts = merge_into(target, read_ledger(ledger_of(tmp_path, "tz-model-voucher")))
    assert counts["added"] == 2 and text.startswith("# 新公司\nschema = 1\n\n[company]\nname = \"甲\"\n")
    tz = load_profile(SAMPLES / "tz-model-voucher" / "subsidy.toml")
    merged = profile_from_dict(tomllib.loads(text))
    assert [c.data for c in merged.contracts] == [c.data for c in tz.contracts]
    assert merged.get("company.name") == "甲"


# --- the commands ----------------------------------------------------------------------------------

def test_import_prints_toml(capsys, tmp_path):
    code, out, err = run(capsys, "ledger", "import", str(ledger_of(tmp_path, "sjs-compute")))
    assert code == 0, err
    assert out.startswith("[[contracts]]\nid = \"HT-2024-001\"")
    assert [c["id"] for c in tomllib.loads(out)["contracts"]] == ["HT-2024-001", "HT-2025-002"]


def test_export_refuses_to_overwrite_without_force(capsys, tmp_path):
    out = tmp_path / "l.xlsx"
    code, _, err = run(capsys, "ledger", "export", str(SAMPLES / "sjs-compute"), "--out", str(out))
    assert code == 0 and out.is_file(), err
    wb = load_workbook(out)
    assert wb["合同"]["I2"].number_format == "¥#,##0.00" and wb["合同"]["I2"].value == 12_000_000
    before = out.read_bytes()
    code, _, err = run(capsys, "ledger", "export", str(SAMPLES / "sjs-compute"), "--out", str(out))
    assert code == 2 and "已存在；如需覆盖请加 --force" in err and out.read_bytes() == before
    code, _, err = run(capsys, "ledger", "export", str(SAMPLES / "sjs-compute"), "--out", str(out), "--force")
    assert code == 0


def test_ledger_help(capsys):
    for args in (["ledger", "--help"], ["ledger", "import", "--help"], ["ledger", "export", "--help"]):
        code, out, _ = run(capsys, *args)
        assert code == 0 and out.startswith("用法：")
    assert "[[contracts]]" in run(capsys, "ledger", "--help")[1]      # not read as markup


def test_into_refuses_an_ambiguous_layout_rather_than_touch_other_text(tmp_path, write_profile):
    target = write_profile('schema = 1\n[company]\nintro = """\n[[contracts]]\n"""\n\n'
                           '[[contracts]]\nid = "A"\nkind = "compute"\n')
    before = target.read_bytes()
    with raises_msg(InputError, "merge by hand"):
        merge_into(target, [{"id": "A", "kind": "compute", "amount": Decimal(5)}])
    assert target.read_bytes() == before


def test_into_keeps_the_profiles_comments_and_amount_wording(tmp_path):
    """Adding a payment rewrites nothing else of the contract: comments and "400万" stay."""
    import datetime

    import openpyxl

    from subsidy_cli.ledger_merge import merge_into
    src = Path(__file__).resolve().parents[1] / "sample_dossiers" / "sjs-compute" / "subsidy.toml"
    profile = tmp_path / "subsidy.toml"
    profile.write_text(src.read_text("utf-8"), "utf-8")
    ledger = tmp_path / "ledger.xlsx"
    from subsidy_cli.ledger import write_ledger
    from subsidy_cli.profile import load_profile
    write_ledger(load_profile(profile), ledger)
    wb = openpyxl.load_workbook(ledger)
    ws = wb["付款"]
    row = ws.max_row + 1
    ws.cell(row, 1, "HT-2024-001")
    ws.cell(row, 2, datetime.date(2025, 8, 1))
    ws.cell(row, 3, 2000000)
    wb.save(ledger)
    from subsidy_cli.ledger import read_ledger
    new_text, counts = merge_into(profile, read_ledger(ledger))
    assert counts == {"added": 0, "updated": 1, "unchanged": 1}
    before = src.read_text("utf-8")
    assert "# before the window opens on 2024-03-19" in new_text
    added = [line for line in new_text.splitlines() if line not in before.splitlines()]
    assert added == ["  { date = 2025-08-01, amount = 2000000 },"]


# --- hostile workbooks (issue 13) ---------------------------------------------------------------------

def test_a_zip_bomb_ledger_is_refused_by_the_bytes_it_inflates_to(tmp_path, monkeypatch):
    """The guard counts decompressed bytes as they come; no size header is trusted."""
    import zipfile

    import subsidy_cli.safezip as safezip
    monkeypatch.setattr(safezip, "MAX_UNZIPPED", 4 * 1024 * 1024)
    path = ledger_of(tmp_path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/padding.bin", b"\0" * (6 * 1024 * 1024))     # 6 MB of zeros, ~6 KB packed
    assert path.stat().st_size < 100_000
    with raises_msg(InputError, r"decompresses to more than 4 MB \(a zip bomb\?\); not opened"):
        read_ledger(path)


@pytest.mark.parametrize(("raw", "message"), [
    ("NaN", "row 2 holds a cell that cannot be read"), ("INF", "row 2 holds a cell that cannot be read"),
    ("1e400", r"合同!I2 \(合同金额\): not a finite amount"),
])
def test_nan_and_infinite_cells_are_one_line_errors(tmp_path, raw, message):
    """Numbers Excel never writes but a hostile workbook may: <v>NaN</v>, <v>INF</v>, <v>1e400</v>."""
    import zipfile
    path = edit(ledger_of(tmp_path), "合同", "I2", 987654321)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = next(n for n, data in parts.items() if b"<v>987654321</v>" in data)
    parts[sheet] = parts[sheet].replace(b"<v>987654321</v>", f"<v>{raw}</v>".encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    with raises_msg(InputError, message):
        read_ledger(path)


def test_a_sheet_formatted_to_its_last_row_is_read_quickly_to_its_data(tmp_path):
    path = ledger_of(tmp_path)
    wb = load_workbook(path)
    wb["结算"].cell(row=1_048_576, column=8).value = " "      # a blank in the sheet's last row
    wb.save(path)
    contracts = read_ledger(path)
    assert contracts and all("deliveries" in c for c in contracts)


@pytest.mark.parametrize("kind", ["symlink", "read-only"])
def test_into_refuses_a_linked_or_read_only_profile(capsys, tmp_path, kind):
    import shutil
    path = ledger_of(tmp_path)
    real = tmp_path / "real.toml"
    shutil.copy(SAMPLES / "bj-compute-voucher" / "subsidy.toml", real)
    target = tmp_path / "subsidy.toml"
    if kind == "symlink":
        target.symlink_to(real)
    else:
        shutil.copy(real, target)
        target.chmod(0o444)
    before = real.read_bytes()
    with pytest.raises(SystemExit) as exc:
        main(["ledger", "import", str(path), "--into", str(target), "--lang", "en"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and ("is a link" in err if kind == "symlink" else "is read-only" in err)
    assert real.read_bytes() == before and (kind != "symlink" or target.is_symlink())
