"""Layout-aware PDF text and documents as they come from real generators (tests/docgen.py):
values drawn apart from their labels, spaced dates, ¥ after the figure, a person as buyer,
shops as sellers; and receipts that look like invoices without being one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import docgen
from subsidy_cli.scan import scan_dossier
from subsidy_cli.scan.invoice import read_invoice
from subsidy_cli.scan.readers.layout import Run, label_value, layout_text, rows


@pytest.fixture(autouse=True)
def _cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def test_runs_become_rows_left_to_right_whatever_their_order():
    runs = [Run("73.20", 420, 330, 445, 339), Run("价税合计(大写)", 60, 330, 120, 339),
            Run("¥", 410, 330.5, 415, 339.5), Run("名称:", 50, 160, 80, 169), Run("个人", 130, 160, 148, 169)]
    assert [[r.text for r in row] for row in rows(runs)] == [["名称:", "个人"], ["价税合计(大写)", "¥", "73.20"]]
    assert layout_text(runs) == "名称:  个人\n价税合计(大写)  ¥ 73.20"


def test_a_label_takes_the_value_beside_it_else_the_cell_below():
    runs = [Run("付款人户名", 40, 100, 90, 109), Run("北京甲公司", 120, 100, 170, 109),
            Run("交易日期", 300, 100, 340, 109), Run("2024-07-05", 300, 118, 345, 127)]
    assert label_value(runs, "付款人户名") == "北京甲公司"
    assert label_value(runs, "交易日期") == "2024-07-05"
    assert label_value(runs, "收款人") is None


def test_an_invoice_drawn_out_of_order_is_read_right(tmp_path):
    """The issue's failures: date spaced '2023  04  11', ¥ drawn after 73.20 and before the tax
    2.13 (read as 2.13), buyer 个人 (the seller's code was taken for the buyer's), a seller
    without company suffix (not read)."""
    f = read_invoice(docgen.scattered_invoice(tmp_path / "inv.pdf"))
    assert (f["invoice_number"], f["invoice_code"], f["issue_date"], f["total"]) == (
        "23117688", "011002300211", "2023-04-11", "73.20")
    assert (f["buyer_name"], f["seller_name"]) == ("个人", "兰州老马家牛肉火锅")
    assert "buyer_credit_code" not in f and f["seller_credit_code"] == docgen.credit_code("92620102MA71XB2K5")
    assert f["problems"] == []


def test_a_company_buyer_keeps_its_own_code(tmp_path):
    code = docgen.credit_code("91110107MA01ABCD1")
    f = read_invoice(docgen.scattered_invoice(tmp_path / "inv.pdf", buyer="北京智算示例科技有限公司", buyer_code=code,
                                              total=Decimal("1288.00"), tax=Decimal("37.51"),
                                              date=dt.date(2024, 12, 3)))
    assert (f["buyer_name"], f["buyer_credit_code"], f["total"], f["issue_date"]) == (
        "北京智算示例科技有限公司", code, "1288.00", "2024-12-03")


def test_receipts_that_look_like_invoices_are_typed_as_what_they_are(tmp_path):
    d = tmp_path / "d"
    docgen.itinerary_pdf(d / "滴滴电子发票行程单.pdf")
    docgen.toll_receipt_pdf(d / "通行费发票_20240518.pdf")
    docgen.hotel_folio_pdf(d / "酒店发票附件.pdf")
    docgen.bank_receipt_ofd(d / "36582001202407051234.ofd")
    docgen.bank_receipt_pdf(d / "电子回单.pdf")
    docgen.scattered_invoice(d / "23117688.pdf")
    got = {f.path: f for f in scan_dossier(d, jobs=1)}
    assert {p: f.type for p, f in got.items()} == {
        "滴滴电子发票行程单.pdf": "itinerary", "通行费发票_20240518.pdf": "toll_receipt",
        "酒店发票附件.pdf": "hotel_folio", "36582001202407051234.ofd": "payment_proof",
        "电子回单.pdf": "payment_proof", "23117688.pdf": "invoice"}
    assert got["通行费发票_20240518.pdf"].reason == "title contains 通行费电子票据 (name contains 发票: invoice?)"
    for name in ("36582001202407051234.ofd", "电子回单.pdf"):
        assert got[name].fields == {"date": "2024-07-05", "amount": "300000.00",
                                    "payer": "北京智算示例科技有限公司", "payee": "北京算力供给有限公司"}, name
    assert "invoice_number" not in got["36582001202407051234.ofd"].fields


def test_materials_may_name_a_receipt_type(tmp_path):
    d = tmp_path / "d"
    docgen.itinerary_pdf(d / "a.pdf")
    [f] = scan_dossier(d, overrides={"a.pdf": "hotel_folio"}, jobs=1)
    assert (f.type, f.problems) == ("hotel_folio", [])
