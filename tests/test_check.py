"""`subsidy check` on the bundled sample dossiers and on damaged copies of them."""

import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from subsidy_cli.cli import main
from conftest import SAMPLES

COMPLETE = ["sjs-compute", "sjs-platform", "bj-compute-voucher", "tz-compute-voucher",
            "tz-model-voucher", "bda-model-voucher"]


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def run(capsys, *args):
    with pytest.raises(SystemExit) as exc:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def check_json(capsys, dossier, *extra):
    code, out, err = run(capsys, "check", dossier, "-f", "json", *extra)
    data = json.loads(out)
    assert data["summary"]["exit_code"] == code, err
    return code, data


def errors(data):
    found = [(f["code"], f["file"]) for f in data["findings"] if f["severity"] == "error"]
    for p in data["programmes"]:
        found += [(f["code"], f["file"]) for f in p["findings"] if f["severity"] == "error"]
    return found


@pytest.mark.parametrize("name", COMPLETE)
def test_complete_sample_dossiers_pass(capsys, name):
    code, data = check_json(capsys, SAMPLES / name)
    assert code == 0, errors(data)
    [prog] = data["programmes"]
    assert prog["status"] == "eligible" and prog["award"] != "0.00"
    assert all(m["satisfied"] for m in prog["materials"]), [m for m in prog["materials"] if not m["satisfied"]]
    assert data["schema"] == "subsidy.check/1"


@pytest.mark.parametrize("name, expected", [
    ("sjs-compute-flawed-missing-settlement", {"settlement.missing"}),
    ("bj-compute-voucher-flawed-buyer-mismatch", {"invoice.buyer_mismatch", "invoice.buyer_code_mismatch"}),
    ("tz-compute-voucher-flawed-duplicate-invoice", {"invoice.duplicate"}),
    ("tz-model-voucher-flawed-undeclared-invoice", {"invoice.undeclared"}),
    ("bda-model-voucher-flawed-out-of-window", {"application.outside_window", "programme.ineligible"}),
])
def test_flawed_sample_dossiers_fail_with_the_flaw(capsys, name, expected):
    code, data = check_json(capsys, SAMPLES / name)
    assert code == 1
    assert {c for c, _ in errors(data)} == expected


def test_missing_stamp_is_a_warning_and_strict_makes_it_fail(capsys):
    dossier = SAMPLES / "sjs-platform-flawed-unstamped-undertaking"
    code, data = check_json(capsys, dossier)
    assert code == 0
    [stamp] = [f for f in data["programmes"][0]["findings"] if f["code"] == "material.no_stamp"]
    assert stamp["severity"] == "warning" and stamp["file"].endswith(".pdf") and stamp["clause"] == "001 四(一)7"
    code, data = check_json(capsys, dossier, "--strict")
    assert code == 1 and data["summary"]["strict"] is True


def test_materials_checklist_names_the_files(capsys):
    _, data = check_json(capsys, SAMPLES / "sjs-compute")
    mats = {m["type"]: m for m in data["programmes"][0]["materials"]}
    assert mats["undertaking"]["clause"] == "000 三(一)7"
    assert all(f.startswith("01_申报书/") or "承诺书" in f for f in mats["undertaking"]["files"])
    assert len(mats["invoice"]["files"]) == 3


@pytest.fixture
def copy_of(dossier_copy):
    return dossier_copy                # conftest's: a copy of a sample dossier


def _find(dossier: Path, pattern: str) -> Path:
    return next(p for p in sorted(dossier.rglob(pattern)) if p.is_file())


def test_removed_material_is_missing_with_its_clause(capsys, copy_of):
    dossier = copy_of("tz-compute-voucher")
    for p in dossier.rglob("*使用情况说明*"):
        p.unlink()
    code, data = check_json(capsys, dossier, "--lang", "en")
    assert code == 1
    [missing] = [f for f in data["programmes"][0]["findings"] if f["code"] == "material.missing"]
    assert missing["message"] == "missing material: Compute usage description" and missing["clause"] == "003 四(一)4"


def test_another_programmes_undertaking_is_refused(capsys, copy_of):
    dossier = copy_of("tz-compute-voucher")
    mine = _find(dossier, "*承诺书*.pdf")
    other = _find(SAMPLES / "sjs-compute", "*承诺书*.pdf")
    shutil.copyfile(other, mine)
    code, data = check_json(capsys, dossier)
    assert code == 1
    assert ("undertaking.wrong_template", str(mine.relative_to(dossier))) in errors(data)


def test_declared_invoice_without_a_file(capsys, copy_of):
    dossier = copy_of("bj-compute-voucher")
    victim = _find(dossier / "03_发票", "*.pdf")
    victim.unlink()
    code, data = check_json(capsys, dossier)
    assert code == 1
    assert any(c == "invoice.file_missing" for c, _ in errors(data))


def test_hostile_files_become_findings_not_tracebacks(capsys, copy_of):
    dossier = copy_of("sjs-compute")
    (dossier / "empty.pdf").write_bytes(b"")
    (dossier / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<\ngarbage")
    (dossier / "notes.docx").write_text("just text", "utf-8")
    os.symlink(dossier / "loop", dossier / "loop")
    code, out, err = run(capsys, "check", dossier, "-f", "json")
    assert "Traceback" not in err
    data = json.loads(out)
    codes = {(f["code"], f["file"]) for f in data["findings"]}
    assert ("file.empty", "empty.pdf") in codes
    assert any(c == "file.corrupt" and f == "broken.pdf" for c, f in codes)
    assert any(f == "notes.docx" for _, f in codes)


def test_check_leaves_the_dossier_untouched(capsys, copy_of):
    dossier = copy_of("bj-compute-voucher")
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in dossier.rglob("*") if p.is_file()}
    for args in (["-f", "json"], ["-f", "junit"], []):
        run(capsys, "check", dossier, *args)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in dossier.rglob("*") if p.is_file()}
    assert after == before


def test_junit_report_is_valid_and_counts_failures(capsys):
    code, out, _ = run(capsys, "check", SAMPLES / "tz-compute-voucher-flawed-duplicate-invoice", "-f", "junit")
    assert code == 1
    root = ET.fromstring(out)
    suites = {s.get("name"): s for s in root}
    assert set(suites) == {"dossier", "tz-compute-voucher"}
    assert int(suites["dossier"].get("failures")) == 1
    failure = suites["dossier"].find("testcase/failure")
    assert "24112000230000000001" in failure.get("message")
    code, out, _ = run(capsys, "check", SAMPLES / "tz-compute-voucher", "-f", "junit")
    assert code == 0 and all(s.get("failures") == "0" for s in ET.fromstring(out))


def test_table_report_groups_by_programme(capsys):
    code, out, _ = run(capsys, "check", SAMPLES / "sjs-compute-flawed-missing-settlement", "--lang", "en")
    assert code == 1
    assert "sjs-compute" in out and "Materials" in out and "settlement.missing" in out
    assert "FAIL  1 error(s)" in out


def test_recheck_uses_the_cache(capsys, copy_of, monkeypatch):
    dossier = copy_of("tz-compute-voucher")
    _, first = check_json(capsys, dossier)
    import pypdf
    monkeypatch.setattr(pypdf, "PdfReader", None)   # a second check must not need to read a PDF
    code, again = check_json(capsys, dossier, "--jobs", "1")
    assert again["files"] == first["files"]
    # the undertaking's template is still verified, from the cached text
    assert code == 0 and not any(f["code"].startswith("undertaking.") for f in again["programmes"][0]["findings"])


def _edit_profile(dossier: Path, old: str, new: str) -> None:
    toml = dossier / "subsidy.toml"
    text = toml.read_text("utf-8")
    assert old in text
    toml.write_text(text.replace(old, new, 1), "utf-8")


def _codes(data) -> set[str]:
    return {c for c, _ in errors(data)}


def test_seller_must_be_the_contracts_supplier(capsys, copy_of):
    dossier = copy_of("sjs-compute")
    _edit_profile(dossier, 'supplier = "北京云算力有限公司"', 'supplier = "北京另一家算力有限公司"')
    code, data = check_json(capsys, dossier)
    assert code == 1
    found = [f for f in data["programmes"][0]["findings"] if f["code"] == "invoice.seller_mismatch"]
    assert {f["file"] for f in found} == {"03_发票/24112000000000000001.pdf", "03_发票/25112000000000000002.pdf"}
    assert all(f["clause"] == "000 三(一)2" for f in found)


def test_declared_amount_and_date_must_match_the_invoice_file(capsys, copy_of):
    dossier = copy_of("sjs-compute")
    _edit_profile(dossier, '{ number = "24112000000000000001", date = 2024-07-05, amount = "600万" }',
                  '{ number = "24112000000000000001", date = 2024-07-06, amount = "590万" }')
    code, data = check_json(capsys, dossier, "--lang", "en")
    assert code == 1
    assert {"invoice.amount_mismatch", "invoice.date_mismatch"} <= _codes(data)
    msg = next(f["message"] for f in data["programmes"][0]["findings"] if f["code"] == "invoice.amount_mismatch")
    assert msg == "invoice 24112000000000000001: total ¥6,000,000.00 (600万元), the profile says ¥5,900,000.00 (590万元)"


def test_an_invoice_number_declared_twice(capsys, copy_of):
    dossier = copy_of("sjs-compute")
    _edit_profile(dossier, '"25112000000000000003"', '"24112000000000000001"')
    code, data = check_json(capsys, dossier)
    # Counted once, on the first contract; the repeat is an error naming both contracts.
    assert code == 1 and "profile.invoice_repeated" in _codes(data)
    [rep] = [f for f in data["findings"] if f["code"] == "profile.invoice_repeated"]
    assert "24112000000000000001" in rep["message"] and rep["severity"] == "error"


def test_each_contract_needs_its_file_and_each_payment_its_proof(capsys, copy_of):
    dossier = copy_of("sjs-compute")
    (dossier / "02_合同" / "合同_HT-2025-002.pdf").unlink()
    (dossier / "05_付款凭证" / "银行回单_HT-2024-001_2025-03-10.pdf").unlink()
    code, data = check_json(capsys, dossier, "--lang", "en")
    assert code == 1
    messages = {f["code"]: f["message"] for f in data["programmes"][0]["findings"] if f["severity"] == "error"}
    assert messages["contract.file_missing"] == "contract HT-2025-002 has no contract file"
    assert messages["payment.file_missing"] == ("contract HT-2024-001: payment of ¥4,000,000.00 (400万元) "
                                                "on 2025-03-10 has no proof file")


def test_the_application_form_is_needed_as_word_and_as_scan(capsys, copy_of):
    dossier = copy_of("sjs-compute")
    (dossier / "01_申报书" / "附2-1_石景山区支持算力应用项目申报书.docx").unlink()
    code, data = check_json(capsys, dossier)
    assert code == 1
    [fmt] = [f for f in data["programmes"][0]["findings"] if f["code"] == "material.format_missing"]
    assert fmt["clause"] == "000 三(一)1" and "docx" in fmt["message"]


def test_an_unreadable_file_satisfies_no_material(capsys, copy_of):
    dossier = copy_of("sjs-compute")
    (dossier / "07_企业证照" / "营业执照.pdf").write_bytes(b"")
    code, data = check_json(capsys, dossier)
    mats = {m["type"]: m for m in data["programmes"][0]["materials"]}
    assert mats["business_license"]["satisfied"] is False
    assert "material.missing" in _codes(data)


def test_a_scanned_invoice_without_a_number_is_flagged(capsys, copy_of, tmp_path):
    from reportlab.pdfgen import canvas
    dossier = copy_of("sjs-compute")
    c = canvas.Canvas(str(dossier / "03_发票" / "发票扫描件.pdf"))
    c.rect(100, 100, 300, 200, fill=1)          # a page with no text layer
    c.save()
    code, data = check_json(capsys, dossier)
    [f] = [f for f in data["findings"] if f["code"] == "invoice.unmatched"]
    assert f["severity"] == "warning" and f["file"] == "03_发票/发票扫描件.pdf"


def test_a_materials_entry_naming_no_file_is_reported(capsys, copy_of):
    dossier = copy_of("tz-compute-voucher")
    toml = dossier / "subsidy.toml"
    toml.write_text(toml.read_text("utf-8") + '\n[materials]\n"nope/missing.pdf" = "contract"\n', "utf-8")
    code, data = check_json(capsys, dossier, "--lang", "en")
    [f] = [f for f in data["findings"] if f["code"] == "materials.unknown_path"]
    assert f["message"] == "[materials] names nope/missing.pdf, which is not in the dossier"


def test_control_characters_in_file_names_stay_out_of_junit_and_terminal(capsys, copy_of):
    dossier = copy_of("tz-compute-voucher")
    shutil.copyfile(_find(dossier / "02_合同", "*.pdf"), dossier / "02_合同" / "合同\x01x\x1b[31mRED.pdf")
    code, out, _ = run(capsys, "check", dossier, "-f", "junit")
    ET.fromstring(out)                              # well-formed despite the name
    code, out, _ = run(capsys, "check", dossier)
    assert "\x1b[31m" not in out and "\\x1b[31mRED" in out


def test_an_internal_error_is_exit_3_in_one_line(capsys, monkeypatch):
    import subsidy_cli.check as check_core
    monkeypatch.setattr(check_core, "evaluate_profile", lambda *a, **k: 1 / 0)
    code, out, err = run(capsys, "check", SAMPLES / "tz-compute-voucher")
    assert code == 3 and out == ""
    assert err == "subsidy: 内部错误：ZeroDivisionError: division by zero（设置 SUBSIDY_DEBUG=1 查看详情）\n"


def test_json_and_junit_go_to_the_out_file_never_over_one_without_force(capsys, tmp_path):
    """`-o` was ignored for json and junit (found by review): CI scripts write the report to a file."""
    report, portfolio = tmp_path / "r.xml", tmp_path / "p.json"
    for args in ((SAMPLES / "sjs-compute", "-f", "junit", "-o", report),
                 (SAMPLES / "sjs-compute", SAMPLES / "tz-model-voucher", "-f", "json", "-o", portfolio)):
        with pytest.raises(SystemExit) as exc:
            main(["check", *map(str, args)])
        out, err = capsys.readouterr()
        assert exc.value.code == 0 and out == "" and "已写入" in err
    assert ET.parse(report).getroot().tag == "testsuites"
    assert json.loads(portfolio.read_text("utf-8"))["schema"] == "subsidy.check-portfolio/1"
    before = report.read_bytes()
    with pytest.raises(SystemExit) as exc:
        main(["check", str(SAMPLES / "sjs-compute"), "-f", "junit", "-o", str(report)])
    assert exc.value.code == 2 and "--force" in capsys.readouterr().err and report.read_bytes() == before
