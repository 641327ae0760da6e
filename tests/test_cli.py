"""The commands as a user runs them: exit codes, one-line errors, every format."""

import json
import subprocess
import sys

import pytest

from subsidy_cli.cli import main
from conftest import ROOT, SAMPLES

SJS = SAMPLES / "sjs-compute" / "subsidy.toml"


def run(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def test_calc_json_is_the_public_contract(capsys):
    code, out, err = run(capsys, "calc", str(SJS), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == "subsidy.calc/1"
    assert data["company"]["name"] == "北京智算示例科技有限公司"
    [prog] = data["programmes"]
    assert set(prog) >= {"id", "name", "status", "award", "years", "criteria", "findings", "explain"}
    assert (prog["id"], prog["status"], prog["award"]) == ("sjs-compute", "eligible", "3725000.00")
    assert [y["award"] for y in prog["years"]] == ["1650000.00", "2075000.00"]
    assert data["total"] == "3725000.00"
    gap = next(f for f in prog["findings"] if f["code"] == "gap.payment")
    assert gap["severity"] == "warning" and gap["clause"] == "000 三(一)2"
    assert "550000" not in gap["message"] and "¥550,000.00" in gap["message"]
    assert all(set(f) >= {"code", "severity", "message", "clause"} for f in prog["findings"])


def test_calc_table_shows_award_and_explanation(capsys):
    code, out, _ = run(capsys, "calc", str(SJS), "--explain", "--lang", "en")
    assert code == 0
    assert "expected maximum award: ¥3,725,000.00 (372.5万元)" in out
    assert "30% × 5500000.00" in out
    assert "yearly cap" in out and "not binding" in out
    assert "Total: ¥3,725,000.00" in out


def test_calc_accepts_a_dossier_folder_and_a_programme_filter(capsys):
    code, out, _ = run(capsys, "calc", str(SJS.parent), "-p", "bj-compute-voucher", "-f", "json")
    data = json.loads(out)
    assert [p["id"] for p in data["programmes"]] == ["bj-compute-voucher"]
    prog = data["programmes"][0]
    assert prog["status"] == "pending"          # the profile names no bj_direction
    unknown = {c["id"] for c in prog["criteria"] if c["status"] == "unknown"}
    assert {"direction", "compute_minimum", "no_other_municipal_support"} <= unknown


def test_messages_are_chinese_by_default(capsys):
    _, out, _ = run(capsys, "calc", str(SJS))
    assert "预计最高可获" in out and "状态" in out


def test_unknown_programme_is_a_usage_error(capsys):
    code, _, err = run(capsys, "calc", str(SJS), "-p", "nope")
    assert code == 2
    assert err.startswith("subsidy: --programme: 未知项目 nope；已知：sjs-compute")   # Chinese by default
    assert err.count("\n") == 1
    code, _, err = run(capsys, "calc", str(SJS), "-p", "nope", "--lang", "en")
    assert code == 2 and err.startswith("subsidy: --programme: unknown programme 'nope'")


def test_broken_profile_is_one_line_exit_2(capsys, write_profile):
    path = write_profile("[company\nname = 1\n")
    code, out, err = run(capsys, "calc", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "subsidy.toml:1: TOML 无效" in err
    assert "Traceback" not in err


def test_missing_profile(capsys, tmp_path):
    code, _, err = run(capsys, "calc", str(tmp_path / "x.toml"))
    assert code == 2 and "x.toml: 文件不存在" in err
    code, _, err = run(capsys, "calc", str(tmp_path / "x.toml"), "--lang", "en")
    assert code == 2 and "x.toml: no such file" in err


def test_eligible_lists_criteria_with_clauses(capsys):
    code, out, _ = run(capsys, "eligible", str(SJS), "-f", "json")
    assert code == 0
    crit = {c["id"]: c for c in json.loads(out)["programmes"][0]["criteria"]}
    assert crit["tier"]["status"] == "pass" and crit["tier"]["clause"] == "000 二(一)2"
    code, out, _ = run(capsys, "eligible", str(SJS))
    assert "在石景山区注册或经营" in out and "000 二(一)1" in out


def test_programmes_lists_windows_and_open_state(capsys):
    code, out, _ = run(capsys, "programmes", "--today", "2025-09-16", "-f", "json")
    rows = {r["id"]: r for r in json.loads(out)["programmes"]}
    assert len(rows) == 6
    assert rows["bda-model-voucher"]["state"] == "closed"
    assert rows["sjs-compute"]["state"] == "open"
    assert rows["bj-compute-voucher"]["state"] == "unknown"
    _, out, _ = run(capsys, "programmes", "--today", "2025-09-01", "-f", "json")
    assert {r["id"]: r for r in json.loads(out)["programmes"]}["bda-model-voucher"]["state"] == "open"
    _, out, _ = run(capsys, "programmes", "--today", "2025-08-31", "-f", "json")
    assert {r["id"]: r for r in json.loads(out)["programmes"]}["bda-model-voucher"]["state"] == "upcoming"


def test_programmes_show_prints_rules_with_citations(capsys):
    code, out, _ = run(capsys, "programmes", "show", "bj-compute-voucher", "--lang", "en")
    assert code == 0
    assert "002 二(三)" in out and "0.20" in out and "Materials" in out
    code, out, _ = run(capsys, "programmes", "show", "bj-compute-voucher", "-f", "json")
    data = json.loads(out)
    assert data["award"]["total_cap"] == {"clause": "002 二(一); 002 二(二)", "amount": "30000000.00"}


def test_programmes_show_unknown_id(capsys):
    code, _, err = run(capsys, "programmes", "show", "nope")
    assert code == 2 and "未知项目 nope" in err


def test_python_m_entry_point():
    proc = subprocess.run([sys.executable, "-m", "subsidy_cli", "calc", str(SJS), "-f", "json"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["total"] == "3725000.00"


HEAVY = ('pypdf', 'openpyxl', 'docx', 'pypdfium2', 'zxingcpp', 'numpy', 'PIL', 'rapidocr', 'rapidocr_onnxruntime',
         'onnxruntime', 'cv2', 'markdown_it', 'rich.markdown', 'multiprocessing')


def _imported_heavy(argv: list[str], env: dict | None = None) -> str:
    """Run the CLI in a fresh interpreter; the heavy modules it imported, as repr of a list."""
    code = (
        "import sys\n"
        "from subsidy_cli.cli import main\n"
        "try:\n"
        "    main(sys.argv[2:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(repr(sorted(m for m in sys.argv[1].split(',') if m in sys.modules)))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, ",".join(HEAVY), *argv], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    return proc.stderr.strip()


def test_heavy_libraries_are_not_imported_by_help_or_calc():
    assert _imported_heavy(["--help"]).endswith("[]")
    assert _imported_heavy(["calc", str(SJS), "-f", "json", "--explain"]).endswith("[]")


def test_a_warm_check_imports_no_reader_ocr_or_pool(tmp_path):
    """A re-check served from the cache needs no PDF, Office or OCR library, no worker pool."""
    import os
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    cold = _imported_heavy(["check", str(SJS.parent), "-f", "json", "-j", "1"], env)
    assert "'pypdf'" in cold                     # the first check reads the files (and shows we would see it)
    assert _imported_heavy(["check", str(SJS.parent), "-f", "json"], env).endswith("[]")
    assert _imported_heavy(["check", str(SJS.parent)], env).endswith("[]")   # the table too


def test_every_binding_cap_is_named_per_award_line(capsys):
    code, out, _ = run(capsys, "calc", str(SAMPLES / "sjs-platform"), "-f", "json")
    years = {y["year"]: y for y in json.loads(out)["programmes"][0]["years"]}
    assert years[2024]["limits_binding"] == []
    assert years[2025]["limits_binding"] == ["operating: 001 二"]     # 643万 of operating costs, cap 500万
    code, out, _ = run(capsys, "calc", str(SAMPLES / "tz-model-voucher"), "-f", "json")
    [line] = json.loads(out)["programmes"][0]["years"]
    assert (line["award"], line["cap_binding"]) == ("300000.00", True)
    assert line["limits_binding"] == ["total_cap: 003 支持方式 模型劵"]
    code, out, _ = run(capsys, "calc", str(SAMPLES / "sjs-platform"), "--lang", "en")
    assert "limited by Operating funds (001 二)" in out


def test_subsidy_lang_sets_the_language_of_messages_and_errors(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("SUBSIDY_LANG", "en")
    code, _, err = run(capsys, "calc", str(tmp_path / "x.toml"))
    assert code == 2 and "x.toml: no such file" in err
    code, out, _ = run(capsys, "calc", str(SJS))
    assert "expected maximum award" in out
    code, _, err = run(capsys, "calc", str(tmp_path / "x.toml"), "--lang", "zh")   # the flag wins
    assert "文件不存在" in err


def test_ctrl_c_exits_130_in_one_line(capsys, monkeypatch):
    import subsidy_cli.engine as engine

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(engine, "evaluate_profile", interrupted)
    code, out, err = run(capsys, "calc", str(SJS))
    assert code == 130 and err == "subsidy: 已中断\n"


def test_user_text_is_never_console_markup_and_piped_tables_honour_columns(capsys, tmp_path, monkeypatch):
    """A company name with [/] in it is printed as written (it used to be an internal error);
    piped output is as wide as COLUMNS says; severities are words of the chosen language."""
    text = SJS.read_text("utf-8").replace('name = "北京智算示例科技有限公司"', 'name = "北京[/]智算[bold]科技有限公司"', 1)
    profile = tmp_path / "subsidy.toml"
    profile.write_text(text, "utf-8")
    monkeypatch.setenv("COLUMNS", "60")
    code, out, err = run(capsys, "calc", str(profile), "-p", "bj-compute-voucher")
    assert code == 0, err
    assert "北京[/]智算[bold]科技有限公司" in out
    assert max(len(line) for line in out.splitlines()) <= 60
    assert "提示" in out and "warning" not in out
    code, out, _ = run(capsys, "eligible", str(profile), "-p", "bj-compute-voucher")
    assert code == 0 and max(len(line) for line in out.splitlines()) <= 60
