"""`calc --xlsx`: the workbook's live formulas give the tool's own numbers.

Two checks of the same claim: the pure-Python evaluator of tests/xlsx_eval.py (always runs),
and a LibreOffice headless recalculation (skips where soffice, or its Calc, is absent).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from decimal import Decimal

import pytest

from conftest import SAMPLES
from subsidy_cli.cli import main
from subsidy_cli.engine import evaluate_profile
from subsidy_cli.profile import load_profile
from subsidy_cli.rules import load_round
from subsidy_cli.workbook import MONEY, SUMMARY, write_workbook
from test_cases import _params, build_profile
from xlsx_eval import Book

ALL = list(load_round())
SAMPLE_DIRS = sorted(p for p in SAMPLES.iterdir() if (p / "subsidy.toml").is_file())
FEN = Decimal("0.01")


def run(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def summary_rows(ws) -> dict[str, int]:
    return {ws.cell(r, 1).value: r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value in ALL}


def year_lines(book: Book, sheet: str) -> dict:
    """The award lines of a programme sheet: {year or "全部": evaluated award}."""
    ws = book.wb[sheet]
    for row in ws.iter_rows():
        for c in row:
            if c.value == "奖励（四舍五入到分）":
                col, out, r = c.column, {}, c.row + 1
                while ws.cell(r, 1).value not in (None, ""):
                    out[ws.cell(r, 1).value] = book._cell(sheet, r, col)
                    r += 1
                return out
    raise AssertionError(f"no award lines in {sheet}")


def check_book(book: Book, result) -> None:
    """Every formula evaluates; each programme's award and award lines equal the engine's."""
    for sheet, ref in book.formulas():
        book.value(sheet, ref)
    rows = summary_rows(book.wb[SUMMARY])
    for r in result.programmes:
        pid = r.programme.id
        got = book.value(SUMMARY, f"D{rows[pid]}")
        assert Decimal(got).quantize(FEN) == r.award and Decimal(got) == Decimal(got).quantize(FEN), (pid, got, r.award)
        if r.programme.award.split == "calendar_year" and r.status != "ineligible":
            lines = year_lines(book, pid)
            engine = {y["year"]: y["award"] for y in r.years}
            for year, value in lines.items():
                assert value == engine.get(year, Decimal(0)), (pid, year, value, engine)
    total = book.value(SUMMARY, f"D{max(rows.values()) + 1}")
    assert total == result.total


@pytest.mark.parametrize("folder", SAMPLE_DIRS, ids=lambda p: p.name)
def test_samples_every_programme_evaluates_to_the_engine_numbers(folder, tmp_path):
    prof = load_profile(folder / "subsidy.toml")
    result = evaluate_profile(prof, ALL)
    path = write_workbook(result, tmp_path / "calc.xlsx")
    check_book(Book(path), result)


def test_award_cases_evaluate_to_the_engine_numbers(tmp_path):
    """Every hand-computed award case of tests/cases: the workbook agrees with the engine."""
    n = 0
    for param in _params():
        data, case = param.values
        prof = build_profile(data, case, case["name"])
        result = evaluate_profile(prof, [data["programme"]])
        path = write_workbook(result, tmp_path / f"case{n}.xlsx")
        try:
            check_book(Book(path), result)
        except AssertionError as exc:
            raise AssertionError(f"{data['programme']}::{case['name']}: {exc}") from None
        n += 1
    assert n > 100


def test_changing_an_input_recomputes_the_award(tmp_path):
    """Raise the missing 2025 payment in the workbook and in the profile: both give the same award."""
    src = (SAMPLES / "sjs-compute" / "subsidy.toml").read_text("utf-8")
    path = write_workbook(evaluate_profile(load_profile(SAMPLES / "sjs-compute" / "subsidy.toml")), tmp_path / "a.xlsx")
    book = Book(path)
    ws = book.wb["sjs-compute"]
    [cell] = [c for row in ws.iter_rows() for c in row if c.column == 4 and c.value == 4_000_000
              and ws.cell(c.row, 1).value == "HT-2024-001"]
    assert book.value(SUMMARY, "D3") == Decimal("3725000.00")
    book.set("sjs-compute", cell.coordinate, 6_000_000)
    fixed = tmp_path / "subsidy.toml"
    fixed.write_text(src.replace('{ date = 2025-03-10, amount = "400万" }', '{ date = 2025-03-10, amount = "600万" }'), "utf-8")
    expected = evaluate_profile(load_profile(fixed)).programmes[0].award
    assert expected == Decimal("4275000.00")      # the gap.payment finding's "rise by 550,000"
    assert book.value(SUMMARY, "D3") == expected


def test_layout_chinese_headers_formats_freeze_and_clauses(tmp_path):
    prof = load_profile(SAMPLES / "bj-compute-voucher" / "subsidy.toml")
    path = write_workbook(evaluate_profile(prof), tmp_path / "bj.xlsx")
    from openpyxl import load_workbook
    wb = load_workbook(path)
    assert wb.sheetnames == [SUMMARY, "bj-compute-voucher"]
    summary = wb[SUMMARY]
    assert [c.value for c in summary[2]][:6] == ["方案编号", "方案名称", "状态", "预计最高可获", "工具计算值", "起约束作用的限额"]
    assert summary.freeze_panes == "A3"
    assert summary["D3"].value.startswith("='bj-compute-voucher'!") and summary["D3"].number_format == MONEY
    ws = wb["bj-compute-voucher"]
    assert ws.freeze_panes
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    for header in ("发票覆盖", "付款覆盖", "此前累计交付", "可证明基数", "单个合同上限", "条款"):
        assert header in texts
    assert "002 二(三)" in texts or any("002 二(三)" in t for t in texts)
    money_cells = [c for row in ws.iter_rows() for c in row if c.number_format == MONEY]
    assert len(money_cells) > 20
    assert all(ws.column_dimensions[col].width >= 10 for col in "ABCDEFGH")
    formulas = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert any(f.startswith("=MAX(0,MIN(") for f in formulas)          # FIFO coverage per delivery
    assert any("ROUND(" in f for f in formulas)
    assert not any("ROUND(" in f for f in formulas if "MAX(0,MIN(" in f)   # rounding only on award lines


def test_calc_xlsx_writes_and_refuses_to_overwrite(capsys, tmp_path):
    out = tmp_path / "calc.xlsx"
    code, stdout, err = run(capsys, "calc", str(SAMPLES / "sjs-compute"), "--xlsx", str(out), "-f", "json")
    assert code == 0, err
    assert json.loads(stdout)["total"] == "3725000.00" and str(out) in err
    before = out.read_bytes()
    code, _, err = run(capsys, "calc", str(SAMPLES / "sjs-compute"), "--xlsx", str(out))
    assert code == 2 and "已存在；如需覆盖请加 --force" in err and err.count("\n") == 1
    assert out.read_bytes() == before
    code, _, err = run(capsys, "calc", str(SAMPLES / "sjs-compute"), "--xlsx", str(out), "--force", "--lang", "en")
    assert code == 0 and "wrote" in err
    code, _, err = run(capsys, "calc", str(SAMPLES / "sjs-compute"), "--xlsx", str(tmp_path / "x.csv"))
    assert code == 2 and ".xlsx" in err


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_recalculation_equals_calc_json(capsys, tmp_path):
    """Recalculate with LibreOffice headless, read the cached values, compare with calc --format json."""
    from openpyxl import load_workbook
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    expected = {}
    for folder in SAMPLE_DIRS:
        args = ["calc", str(folder), "-f", "json", "--xlsx", str(src / f"{folder.name}.xlsx")]
        for pid in ALL:
            args += ["-p", pid]
        code, stdout, err = run(capsys, *args)
        assert code == 0, err
        expected[folder.name] = json.loads(stdout)
    env = dict(os.environ, HOME=str(tmp_path))
    try:
        subprocess.run([_soffice(), f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                        "--convert-to", "xlsx", "--outdir", str(out), *sorted(map(str, src.glob("*.xlsx")))],
                       capture_output=True, timeout=300, env=env, check=False)
    except subprocess.TimeoutExpired:
        pytest.skip("LibreOffice did not finish in time")
    if not out.is_dir() or len(list(out.glob("*.xlsx"))) != len(expected):
        pytest.skip("LibreOffice cannot open spreadsheets here (is its Calc component installed?)")
    compared = 0
    for name, data in expected.items():
        ws = load_workbook(out / f"{name}.xlsx", data_only=True)[SUMMARY]
        rows = summary_rows(ws)
        for prog in data["programmes"]:
            got = ws.cell(rows[prog["id"]], 4).value
            assert got is not None, (name, prog["id"], "not recalculated")
            assert f"{Decimal(repr(got)):.2f}" == prog["award"], (name, prog["id"], got, prog["award"])
            compared += 1
        total = ws.cell(max(rows.values()) + 1, 4).value
        assert f"{Decimal(repr(total)):.2f}" == data["total"]
    assert compared == len(SAMPLE_DIRS) * len(ALL)
