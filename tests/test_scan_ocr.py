"""Offline OCR of scans and photos (the [ocr] extra): fields read from image-only pages, with
the network cut; without the extra, scan says once how to enable it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

import docgen
from conftest import ROOT
from subsidy_cli.scan import ocr, scan_dossier


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the [ocr] extra is not installed")


@needs_ocr
def test_a_scanned_payment_proof_and_a_photographed_contract_are_read(tmp_path):
    d = tmp_path / "d"
    src = docgen.bank_receipt_pdf(tmp_path / "回单.pdf")
    docgen.image_only_pdf(src, d / "scan_20240705.pdf", angle=1.2, noise=30)
    docgen.scan_image(src, dpi=130, angle=-2, noise=20).save(d / "微信图片_20240705.jpg", quality=75)
    got = {f.path: f for f in scan_dossier(d, jobs=1)}
    for name in ("scan_20240705.pdf", "微信图片_20240705.jpg"):
        f = got[name]
        assert f.type == "payment_proof" and f.ocr == "done", (name, f.type, f.text[:200])
        assert (f.fields.get("date"), f.fields.get("amount")) == ("2024-07-05", "300000.00"), (name, f.fields)
        assert (f.fields.get("payer"), f.fields.get("payee")) == ("北京智算示例科技有限公司", "北京算力供给有限公司"), name
    assert got["scan_20240705.pdf"].to_json()["ocr"] is True


@needs_ocr
def test_a_rescanned_invoice_is_read_by_ocr_and_its_qr(tmp_path):
    d = tmp_path / "d"
    src = docgen.scattered_invoice(tmp_path / "inv.pdf")
    docgen.image_only_pdf(src, d / "scan.pdf", dpi=150, angle=2, noise=40, jpeg=60)
    [f] = scan_dossier(d, jobs=1)
    assert (f.fields["invoice_number"], f.fields["issue_date"], f.fields["total"], f.fields["seller_name"]) == (
        "23117688", "2023-04-11", "73.20", "兰州老马家牛肉火锅")
    assert f.fields["qr"] is True and not [p for p in f.problems if p.severity != "info"]


@needs_ocr
@pytest.mark.skipif(shutil.which("unshare") is None, reason="no unshare")
def test_ocr_runs_with_the_network_cut(tmp_path):
    src = docgen.bank_receipt_pdf(tmp_path / "回单.pdf")
    docgen.scan_image(src, dpi=120).save(tmp_path / "photo.png")
    if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0:
        pytest.skip("unshare -n is not permitted here")
    code = "import sys; from subsidy_cli.scan.ocr import ocr_image; print(ocr_image(sys.argv[1]))"
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "c")}
    proc = subprocess.run(["unshare", "-n", sys.executable, "-c", code, str(tmp_path / "photo.png")],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "电子回单" in proc.stdout and "北京算力供给有限公司" in proc.stdout


def test_without_the_extra_scan_says_once_how_to_enable_it(tmp_path):
    d = tmp_path / "d"
    src = docgen.bank_receipt_pdf(tmp_path / "回单.pdf")
    docgen.image_only_pdf(src, d / "a.pdf")
    docgen.image_only_pdf(src, d / "b.pdf")
    code = ("import sys, subsidy_cli.scan.ocr as o; o.available = lambda: False\n"
            "from subsidy_cli.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "c")}
    for lang, expected in (("zh", "提示：2 个扫描件或图片没有文字层，未能读取其内容。安装离线 OCR 扩展后即可读取：pip install 'subsidy-cli[ocr]'\n"),
                           ("en", "note: 2 scan(s) or image(s) have no text layer and were not read. Install the offline OCR "
                                  "extra to read them: pip install 'subsidy-cli[ocr]'\n")):
        proc = subprocess.run([sys.executable, "-c", code, "scan", str(d), "-f", "json", "--jobs", "1", "--lang", lang],
                              capture_output=True, text=True, cwd=ROOT, env=env)
        assert proc.stderr == expected


@needs_ocr
def test_a_scanned_contract_is_read_on_past_its_first_page_until_its_terms_are_there(tmp_path):
    from test_scan import BUYER, SELLER, pdf
    src = pdf(tmp_path / "src.pdf", [["算力服务合同", "合同编号：HT-2024-009", f"甲方（采购方）：{BUYER}",
                                      f"乙方（服务方）：{SELLER}", "第一条 服务内容", "乙方向甲方提供智能算力租用服务。"],
                                     ["第二条 服务期限与费用", "服务期限：2024年6月1日至2025年5月31日",
                                      "合同总金额：人民币壹佰贰拾万元整（¥1,200,000.00）"],
                                     ["第三条 其他", "本合同一式两份。"], ["签署页"]])
    d = tmp_path / "d"
    d.mkdir()
    docgen.image_only_pdf(src, d / "合同_HT-2024-009.pdf", pages=4)
    [f] = scan_dossier(d, jobs=1)
    assert f.type == "contract" and f.ocr == "done" and f.pages == 4
    assert (f.fields.get("amount"), f.fields.get("start"), f.fields.get("end")) == (
        "1200000.00", "2024-06-01", "2025-05-31"), f.fields
    assert len(f.page_starts) == 2 and "本合同一式两份" not in f.text            # read on to page 2, no further
