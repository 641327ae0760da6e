"""`subsidy check` on what the files say: settlement sheets per delivery (copies count once),
the licence names the company, the contract's parties, the profile's file links."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import docgen
from test_check import SAMPLES, _edit_profile, check_json


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def sjs(tmp_path) -> Path:
    dest = tmp_path / "sjs-compute"
    shutil.copytree(SAMPLES / "sjs-compute", dest)
    return dest


def findings(data, code=None):
    out = list(data["findings"]) + [f for p in data["programmes"] for f in p["findings"]]
    return [f for f in out if code is None or f["code"] == code]


def test_a_copy_of_one_settlement_sheet_does_not_hide_a_missing_one(capsys, sjs):
    sheets = sjs / "04_结算单"
    (sheets / "结算单_HT-2024-001_2024-12-31.pdf").unlink()
    shutil.copyfile(sheets / "结算单_HT-2024-001_2024-06-30.pdf", sheets / "结算单_HT-2024-001_2024-06-30 - 副本.pdf")
    code, data = check_json(capsys, sjs, "--lang", "en")
    assert code == 1
    [missing] = findings(data, "settlement.missing")
    assert missing["message"] == ("contract HT-2024-001: the delivery of ¥3,000,000.00 (300万元) on 2024-12-31 "
                                  "has no settlement sheet")
    [copy] = findings(data, "file.duplicate_copy")
    assert copy["severity"] == "warning" and copy["file"] == "04_结算单/结算单_HT-2024-001_2024-06-30 - 副本.pdf"
    assert copy["message"].endswith("is an identical copy of 04_结算单/结算单_HT-2024-001_2024-06-30.pdf; counted once")


def test_the_missing_sample_settlement_names_its_date(capsys):
    code, data = check_json(capsys, SAMPLES / "sjs-compute-flawed-missing-settlement")
    [missing] = findings(data, "settlement.missing")
    assert "2024-12-31" in missing["message"] and missing["message"].startswith("合同 HT-2024-001：")


def test_another_companys_business_licence_is_an_error(capsys, sjs, tmp_path):
    other = docgen.credit_code("91110108MA02WXYR1")
    c = docgen._canvas(sjs / "07_企业证照" / "营业执照.pdf", "营业执照")
    for y, line in enumerate(["营 业 执 照", f"统一社会信用代码：{other}", "名称：北京别家科技有限公司",
                              "类型：有限责任公司", "法定代表人：李四"]):
        docgen._text(c, 80, 80 + 24 * y, line, 12)
    c.showPage()
    c.save()
    code, data = check_json(capsys, sjs, "--lang", "en")
    assert code == 1
    assert [f["message"] for f in findings(data, "license.company_mismatch")] == [
        "the business licence names 北京别家科技有限公司, not the applicant 北京智算示例科技有限公司"]
    assert len(findings(data, "license.code_mismatch")) == 1


def test_contract_parties_must_be_the_company_and_the_supplier(capsys, sjs):
    _edit_profile(sjs, 'supplier = "北京云算力有限公司"', 'supplier = "北京另一家算力有限公司"')
    code, data = check_json(capsys, sjs, "--lang", "en")
    msgs = [f["message"] for f in findings(data, "contract.party_mismatch")]
    assert "contract HT-2024-001's parties are 北京智算示例科技有限公司, 北京云算力有限公司: " \
           "the supplier 北京另一家算力有限公司 is not one of them" in msgs


def test_a_linked_photo_is_the_payment_proof(capsys, sjs):
    proof = sjs / "05_付款凭证" / "银行回单_HT-2024-001_2025-03-10.pdf"
    docgen.scan_image(proof, dpi=100, angle=2).save(sjs / "05_付款凭证" / "微信图片_20250314.png")
    proof.unlink()
    _edit_profile(sjs, '{ date = 2025-03-10, amount = "400万" }',
                  '{ date = 2025-03-10, amount = "400万", file = "05_付款凭证/微信图片_20250314.png" }')
    code, data = check_json(capsys, sjs, "--lang", "en")
    assert not findings(data, "payment.file_missing") and not findings(data, "payment.proof_mismatch")
    photo = {f["path"]: f for f in data["files"]}["05_付款凭证/微信图片_20250314.png"]
    assert photo["type"] == "payment_proof" and photo["reason"] == "file = link in subsidy.toml"
    from subsidy_cli.scan import ocr
    if ocr.available():             # read by OCR: the photo says the payment's date and amount
        assert (photo["fields"]["date"], photo["fields"]["amount"]) == ("2025-03-10", "4000000.00")
        assert not findings(data, "payment.proof_unverified")
    else:                           # kept as the proof, for a look
        [info] = findings(data, "payment.proof_unverified")
        assert info["severity"] == "info" and info["file"] == "05_付款凭证/微信图片_20250314.png"
    assert code == 0


def test_a_link_to_the_wrong_proof_or_to_nothing_is_an_error(capsys, sjs):
    _edit_profile(sjs, '{ date = 2025-03-10, amount = "400万" }',
                  '{ date = 2025-03-10, amount = "400万", file = "05_付款凭证/银行回单_HT-2024-001_2024-07-10.pdf" }')
    _edit_profile(sjs, '{ date = 2024-07-10, amount = "600万" }',
                  '{ date = 2024-07-10, amount = "600万", file = "05_付款凭证/nope.pdf" }')
    code, data = check_json(capsys, sjs, "--lang", "en")
    assert code == 1
    [wrong] = findings(data, "payment.proof_mismatch")
    assert wrong["message"] == ("contract HT-2024-001: payment of ¥4,000,000.00 (400万元) on 2025-03-10, "
                                "but the proof says ¥6,000,000.00 (600万元) on 2024-07-10")
    [nothing] = findings(data, "file.link_missing")
    assert nothing["message"] == "contract HT-2024-001: the payment of 2024-07-10's file = 05_付款凭证/nope.pdf is not in the dossier"


def test_a_linked_unreadable_photo_is_the_payment_proof_unverified(capsys, sjs, monkeypatch):
    from subsidy_cli.scan import ocr
    monkeypatch.setattr(ocr, "available", lambda: False)        # as installed without the [ocr] extra
    proof = sjs / "05_付款凭证" / "银行回单_HT-2024-001_2025-03-10.pdf"
    docgen.scan_image(proof, dpi=100, angle=2).save(sjs / "05_付款凭证" / "微信图片_20250314.png")
    proof.unlink()
    _edit_profile(sjs, '{ date = 2025-03-10, amount = "400万" }',
                  '{ date = 2025-03-10, amount = "400万", file = "05_付款凭证/微信图片_20250314.png" }')
    code, data = check_json(capsys, sjs, "--lang", "en", "--jobs", "1", "--no-cache")
    [info] = findings(data, "payment.proof_unverified")
    assert info["severity"] == "info" and info["file"] == "05_付款凭证/微信图片_20250314.png"
    assert code == 0


def test_an_invoice_declared_under_another_contract_than_its_note_says(capsys, sjs):
    text = (sjs / "subsidy.toml").read_text("utf-8")
    assert '{ number = "25112000000000000003"' in text
    code, data = check_json(capsys, sjs)
    assert not findings(data, "invoice.contract_mismatch")          # the samples' notes agree
    import re
    # move the first contract's first invoice to the second contract's invoice list
    m = re.search(r'\n  (\{ number = "24112000000000000001"[^\n]*\}),?', text)
    assert m
    entry = m.group(1)
    text = text.replace(m.group(0), "", 1)
    text = re.sub(r'(\{ number = "25112000000000000003"[^\n]*\})', r"\1,\n  " + entry.replace("\\", "\\\\"), text, count=1)
    (sjs / "subsidy.toml").write_text(text, "utf-8")
    code, data = check_json(capsys, sjs, "--lang", "en")
    msgs = [f["message"] for f in findings(data, "invoice.contract_mismatch")]
    assert msgs == ["invoice 24112000000000000001: its note names contract HT-2024-001, but it is declared under "
                    "contract HT-2025-002"]


def test_a_copy_is_told_by_the_scans_digest_without_reading_the_files_again(tmp_path, monkeypatch):
    from subsidy_cli.check.content import distinct
    from subsidy_cli.scan import scan_dossier

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = SAMPLES / "sjs-compute-scanned-flawed-copy-hides-missing-settlement"
    sheets = [f for f in scan_dossier(root, jobs=1) if f.type == "settlement_sheet"]
    assert all(f.digest for f in sheets)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"read {self} again"))
    kept, found = distinct(root, sheets)
    assert [f.file for f in found] == ["04_结算单/结算单_HT-2024-001_2024-06-30 - 副本.pdf"]
    assert len(kept) == len(sheets) - 1
