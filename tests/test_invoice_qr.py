"""Invoice QR codes: parsed, decoded from the rendered page, checked against the text, used
where the text fails (a scan)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import docgen
from subsidy_cli.messages import render
from subsidy_cli.scan import scan_dossier
from subsidy_cli.scan.extract.invoice_qr import apply_qr
from subsidy_cli.scan.readers.qr import parse_invoice_qr, qr_texts_pdf

pytest.importorskip("zxingcpp")
pytest.importorskip("pypdfium2")


@pytest.fixture(autouse=True)
def _cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def test_old_style_and_shudian_qr_texts_are_parsed():
    old = parse_invoice_qr("01,10,011002300211,68831838,207.97,20230228,59087835910439855111,8BFB,")
    assert old == {"type": "10", "invoice_number": "68831838", "invoice_code": "011002300211",
                   "issue_date": "2023-02-28", "amount": "207.97", "amount_is_total": False,
                   "check_code": "59087835910439855111"}
    new = parse_invoice_qr("01,31,,24112000000019562163,585.00,20240407,,9D53")
    assert new == {"type": "31", "invoice_number": "24112000000019562163", "issue_date": "2024-04-07",
                   "amount": "585.00", "amount_is_total": True}
    for junk in ("https://example.com", "01,10,x,123,1,2", "", "01,10,0110,23117688,abc,20230228"):
        assert parse_invoice_qr(junk) is None


def test_the_qr_fills_what_the_text_lacks_and_a_disagreement_is_a_problem():
    qr = parse_invoice_qr("01,32,,24112000000019562163,585.00,20240407,,9D53")
    filled = apply_qr({"seller_name": "某店", "problems": [{"code": "invoice.unreadable_field", "field": "invoice_number"}]}, qr)
    assert (filled["invoice_number"], filled["issue_date"], filled["total"]) == ("24112000000019562163", "2024-04-07", "585.00")
    assert filled["problems"] == []
    clash = apply_qr({"invoice_number": "24112000000019562164", "issue_date": "2024-04-07", "total": "558.00",
                      "seller_name": "某店", "problems": []}, qr)
    assert clash["invoice_number"] == "24112000000019562164"      # the text's value is kept
    assert clash["problems"] == [
        {"code": "invoice.qr_mismatch", "field": "invoice_number", "qr": "24112000000019562163", "text": "24112000000019562164"},
        {"code": "invoice.qr_mismatch", "field": "total", "qr": "585.00", "text": "558.00"}]


def test_the_qr_is_decoded_from_the_rendered_page(tmp_path):
    p = docgen.scattered_invoice(tmp_path / "inv.pdf")
    assert qr_texts_pdf(str(p)) == [docgen.invoice_qr_text("23117688", "011002300211", dt.date(2023, 4, 11),
                                                            Decimal("71.07"))]
    assert qr_texts_pdf(str(docgen.scattered_invoice(tmp_path / "none.pdf", qr=None))) == []


def test_scan_checks_the_text_against_the_qr(tmp_path):
    d = tmp_path / "d"
    docgen.scattered_invoice(d / "ok.pdf")
    docgen.scattered_invoice(d / "forged.pdf", qr=docgen.invoice_qr_text("23117699", "011002300211",
                                                                          dt.date(2023, 4, 11), Decimal("71.07")))
    got = {f.path: f for f in scan_dossier(d, jobs=1)}
    assert got["ok.pdf"].fields["qr"] is True and got["ok.pdf"].fields["amount_excl_tax"] == "71.07"
    assert got["ok.pdf"].problems == []
    assert [(p.code, p.severity, p.message) for p in got["forged.pdf"].problems] == [
        ("invoice.qr_mismatch", "error", "the QR code says invoice number 23117699 but the text says 23117688; check it by eye")]
    # The consultant reads it in Chinese, every word of it (issue 9).
    assert [render(p.code, p.text_params(), "zh") for p in got["forged.pdf"].problems] == [
        "发票二维码中的发票号码为 23117699，票面文字为 23117688，二者不一致，请人工核对"]


def test_a_scanned_invoice_is_read_from_its_qr(tmp_path, monkeypatch):
    from subsidy_cli.scan import ocr
    monkeypatch.setattr(ocr, "available", lambda: False)        # as installed without the [ocr] extra
    d = tmp_path / "d"
    src = docgen.scattered_invoice(tmp_path / "inv.pdf")
    docgen.image_only_pdf(src, d / "scan0001.pdf", angle=1.5, noise=40)
    [f] = scan_dossier(d, jobs=1, cache=False)
    assert (f.type, f.reason) == ("invoice", "QR code of an invoice")
    assert (f.fields["invoice_number"], f.fields["issue_date"]) == ("23117688", "2023-04-11")
    assert [p.code for p in f.problems] == ["file.no_text_layer", "invoice.unreadable_field", "invoice.unreadable_field"]
