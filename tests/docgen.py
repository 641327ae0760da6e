"""Documents as consultants receive them, generated here for the tests and the benchmarks.

Real e-invoice generators draw labels first and values afterwards in another order, space the
parts of a date apart, draw the ``¥`` after its figure, print a person (``个人``) as the buyer and
shop names without a company suffix as the seller; banks issue 电子回单 as PDF and OFD; travel
and toll receipts carry numbers, dates and ``¥`` amounts like invoices without being one. Each
function writes one such file with ReportLab (or, for OFD, the zip of XML by hand).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
W, H = A4

_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def cn_upper(amount: Decimal) -> str:
    """Decimal yuan -> 大写 as invoices print it (圆, 角, 分, 整)."""
    from subsidy_cli.scan.cn_numerals import format_cn_upper

    return format_cn_upper(amount)


def credit_code(first17: str) -> str:
    """A credit code with its valid GB 32100 check character."""
    from subsidy_cli.creditcode import check_char

    return first17 + check_char(first17)


def draw_qr(c: canvas.Canvas, text: str, x: float, y: float, size: float = 60) -> None:
    """A QR code of ``text`` with its top left at (x, y) from the page's top left."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    w = QrCodeWidget(text)
    x0, y0, x1, y1 = w.getBounds()
    d = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    d.add(w)
    renderPDF.draw(d, c, x, H - y - size)


def invoice_qr_text(number: str, code: str, date: dt.date, amount: Decimal, kind: str = "10") -> str:
    """The QR text of a VAT e-invoice: 01,type,code,number,amount,date,check code,crc."""
    return f"01,{kind},{code},{number},{amount:.2f},{date:%Y%m%d},{number * 3}"[:64] + ",A1B2,"


def _canvas(path: Path, title: str) -> canvas.Canvas:
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(title)
    return c


def _text(c: canvas.Canvas, x: float, y: float, text: str, size: float = 10) -> None:
    """Draw at (x, y) measured from the top left, as the layout code reads it."""
    c.setFont(FONT, size)
    c.drawString(x, H - y, text)


def scattered_invoice(path: Path, *, number: str = "23117688", code: str = "011002300211",
                      date: dt.date = dt.date(2023, 4, 11), total: Decimal = Decimal("73.20"),
                      tax: Decimal = Decimal("2.13"), buyer: str = "个人", buyer_code: str | None = None,
                      seller: str = "兰州老马家牛肉火锅", seller_code: str | None = None,
                      title: str = "北京增值税电子普通发票", qr: str | None = "auto") -> Path:
    """An old-style 增值税电子普通发票 drawn like the generators seen in the wild: every label
    first, then the values in another order; the date's year, month and day as three objects
    spread over the 年 月 日 labels; the ``¥`` of the total drawn after its figure and followed
    by the tax figure. ``qr``: the QR code's text ("auto": the invoice's own, None: no QR)."""
    seller_code = seller_code or credit_code("92620102MA71XB2K5")
    c = _canvas(path, title)
    if qr:
        draw_qr(c, invoice_qr_text(number, code, date, total - tax) if qr == "auto" else qr, 30, 40, 64)
    _text(c, 200, 50, title, 16)
    labels = [(400, 80, "发票代码:"), (400, 96, "发票号码:"), (400, 112, "开票日期:"), (478, 112, "年"),
              (512, 112, "月"), (544, 112, "日"), (400, 128, "校 验 码:"),
              (30, 160, "购"), (30, 176, "买"), (30, 192, "方"),
              (50, 160, "名        称:"), (50, 176, "纳税人识别号:"), (50, 192, "地 址、电 话:"),
              (50, 208, "开户行及账号:"), (60, 240, "货物或应税劳务、服务名称"), (300, 240, "金  额"),
              (380, 240, "税率"), (450, 240, "税  额"), (60, 300, "合       计"),
              (60, 330, "价税合计(大写)"), (380, 330, "(小写)"),
              (30, 360, "销"), (30, 376, "售"), (30, 392, "方"),
              (50, 360, "名        称:"), (50, 376, "纳税人识别号:"), (50, 392, "地 址、电 话:"),
              (50, 408, "开户行及账号:"), (60, 440, "收款人:"), (200, 440, "复核:"), (340, 440, "开票人:")]
    for x, y, t in labels:
        _text(c, x, y, t, 9)
    net = total - tax
    values = [(130, 160, buyer), (452, 96, number), (452, 80, code), (318, 300, f"{net:.2f}"),
              (160, 330, cn_upper(total)), (420, 330, f"{total:.2f}"), (410, 330, "¥"), (470, 300, f"{tax:.2f}"),
              (130, 360, seller), (130, 376, seller_code),
              (452, 112, f"{date.year}"), (494, 112, f"{date.month:02d}"), (527, 112, f"{date.day:02d}"),
              (60, 260, "*餐饮服务*餐费"), (300, 260, f"{net:.2f}"), (380, 260, "3%"), (450, 260, f"{tax:.2f}"),
              (130, 392, "兰州市城关区张掖路12号 0931-8821234"), (90, 440, "王芳"), (380, 440, "王芳")]
    if buyer_code:
        values.insert(1, (130, 176, buyer_code))
    for x, y, t in values:
        _text(c, x, y, t, 9)
    c.showPage()
    c.save()
    return path


def bank_receipt_pdf(path: Path, *, date: dt.date = dt.date(2024, 7, 5), amount: Decimal = Decimal("300000.00"),
                     payer: str = "北京智算示例科技有限公司", payee: str = "北京算力供给有限公司",
                     account: str = "110060123018010012345") -> Path:
    """A bank 电子回单 drawn as a table: labels in cells, values in the cells beside them."""
    c = _canvas(path, "电子回单")
    _text(c, 220, 60, "中国工商银行 电子回单", 15)
    _text(c, 40, 90, "回单编号: 20240705000123", 9)
    rows = [(120, "付款人", "户名", payer, "收款人", "户名", payee),
            (140, "", "账号", account, "", "账号", "0200004509200123456"),
            (160, "", "开户行", "中国工商银行北京中关村支行", "", "开户行", "招商银行北京朝阳支行")]
    for y, a, b, v1, d, e, v2 in rows:
        _text(c, 40, y, a, 9)
        _text(c, 80, y, b, 9)
        _text(c, 120, y, v1, 9)
        _text(c, 300, y, d, 9)
        _text(c, 340, y, e, 9)
        _text(c, 380, y, v2, 9)
    _text(c, 40, 190, "金额", 9)
    _text(c, 120, 190, f"人民币(大写) {cn_upper(amount)}", 9)
    _text(c, 380, 190, f"¥{amount:,.2f}", 9)
    _text(c, 40, 210, "交易日期", 9)
    _text(c, 120, 210, f"{date:%Y-%m-%d}", 9)
    _text(c, 40, 230, "用途", 9)
    _text(c, 120, 230, "服务费", 9)
    c.showPage()
    c.save()
    return path


def toll_receipt_pdf(path: Path) -> Path:
    """A 收费公路通行费电子票据 (a toll receipt, not an invoice): 票据代码, 票据号码, ¥ amounts."""
    c = _canvas(path, "通行费电子票据")
    _text(c, 170, 60, "收费公路通行费电子票据", 16)
    for x, y, t in [(40, 100, "票据代码: 13010123"), (300, 100, "票据号码: 00123456"),
                    (40, 120, "开票日期: 2024年05月18日"), (40, 140, "交款人: 北京智算示例科技有限公司"),
                    (40, 160, "车牌号: 京A12345"), (40, 180, "通行时间: 2024-05-17 08:12 至 2024-05-17 10:40"),
                    (40, 200, "入口: 京藏高速昌平站  出口: 张家口站"), (40, 220, "金额合计(大写) 捌拾伍圆整"),
                    (300, 220, "(小写) ¥85.00"), (40, 240, "收款单位: 北京市首都公路发展集团有限公司")]:
        _text(c, x, y, t, 10)
    c.showPage()
    c.save()
    return path


def itinerary_pdf(path: Path) -> Path:
    """A ride-hailing 行程单 (trip list): dates, amounts, no invoice number."""
    c = _canvas(path, "行程单")
    _text(c, 220, 60, "滴滴出行-行程单", 16)
    _text(c, 40, 90, "申请日期: 2024-06-03  行程起止日期: 2024-05-01 至 2024-05-31  共3笔行程, 合计 ¥156.40", 9)
    for i, (d, frm, to, amt) in enumerate([("2024-05-06", "中关村", "首都机场T3", "98.20"),
                                            ("2024-05-12", "望京", "国贸", "32.10"),
                                            ("2024-05-20", "石景山", "金融街", "26.10")]):
        _text(c, 40, 120 + 18 * i, f"{i + 1}  快车  {d} 09:1{i}  北京市  {frm}  {to}  12.{i}公里  {amt}元", 9)
    c.showPage()
    c.save()
    return path


def hotel_folio_pdf(path: Path) -> Path:
    """A hotel 结账单 (folio): room charges and a total, not an invoice."""
    c = _canvas(path, "宾客账单")
    _text(c, 220, 60, "宾客账单 GUEST FOLIO", 16)
    for x, y, t in [(40, 100, "房号: 1208"), (200, 100, "入住日期: 2024-03-11"), (380, 100, "离店日期: 2024-03-13"),
                    (40, 120, "宾客姓名: 王明"), (40, 150, "2024-03-11  房费  ¥488.00"),
                    (40, 168, "2024-03-12  房费  ¥488.00"), (40, 200, "合计 ¥976.00  已结 ¥976.00  余额 ¥0.00")]:
        _text(c, x, y, t, 10)
    c.showPage()
    c.save()
    return path


def ofd(path: Path, lines: list[tuple[float, float, str]]) -> Path:
    """A minimal OFD (GB/T 33190) with one page of TextObjects at (x, y) mm; no invoice data."""
    objs = "".join(
        f'<ofd:TextObject ID="{i + 10}" Boundary="{x} {y} 150 6" Font="1" Size="3.5">'
        f'<ofd:TextCode X="0" Y="4">{t}</ofd:TextCode></ofd:TextObject>'
        for i, (x, y, t) in enumerate(lines))
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    files = {
        "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.0" DocType="OFD">'
                   f'<ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo>'
                   f'<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
        "Doc_0/Document.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}>'
                              f'<ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 140</ofd:PhysicalBox>'
                              f'</ofd:PageArea></ofd:CommonData><ofd:Pages><ofd:Page ID="1" '
                              f'BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>',
        "Doc_0/Pages/Page_0/Content.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {ns}><ofd:Content>'
                                          f'<ofd:Layer ID="2">{objs}</ofd:Layer></ofd:Content></ofd:Page>',
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return path


def bank_receipt_ofd(path: Path, *, date: dt.date = dt.date(2024, 7, 5), amount: Decimal = Decimal("300000.00"),
                     payer: str = "北京智算示例科技有限公司", payee: str = "北京算力供给有限公司") -> Path:
    """A bank 电子回单 as OFD, as banks issue them: an account number of 19 digits and a serial
    number of 8 digits that an invoice reader would take for an invoice number."""
    return ofd(path, [(70, 10, "中国建设银行单位客户专用回单"),
                      (10, 25, "币别: 人民币"), (80, 25, f"日期: {date:%Y%m%d}"), (150, 25, "凭证号: 38291047"),
                      (10, 35, "付款人 全称:"), (40, 35, payer), (110, 35, "收款人 全称:"), (140, 35, payee),
                      (10, 45, "账号: 11001018400053001234"), (110, 45, "账号: 0200 0045 0920 0123 456"),
                      (10, 55, "金额(大写):"), (40, 55, "人民币" + cn_upper(amount)),
                      (110, 55, f"(小写): ¥{amount:,.2f}"),
                      (10, 65, "用途: 算力服务费"), (10, 75, "交易流水号: 36582001202407051234567")])


def image_only_pdf(src: Path, dest: Path, *, dpi: int = 150, angle: float = 0.0, noise: int = 0,
                   jpeg: int | None = 75, grey: bool = False, pages: int = 1) -> Path:
    """A scan of ``src``'s first ``pages`` pages: each rendered at ``dpi``, rotated, with grey
    noise, JPEG compressed, put back as the only content of a PDF page (no text layer)."""
    import io

    from reportlab.lib.utils import ImageReader

    c = _canvas(dest, "scan")
    for page in range(pages):
        img = scan_image(src, dpi=dpi, angle=angle, noise=noise, grey=grey, page=page)
        buf = io.BytesIO()
        img.save(buf, "JPEG" if jpeg else "PNG", **({"quality": jpeg} if jpeg else {}))
        buf.seek(0)
        c.drawImage(ImageReader(buf), 0, 0, W, H)
        c.showPage()
    c.save()
    return dest


def scan_image(src: Path, *, dpi: int = 150, angle: float = 0.0, noise: int = 0, grey: bool = False, page: int = 0):
    """A page of ``src`` (the first) as a PIL image, as a scanner or phone would give it."""
    import random

    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument(str(src))
    img = pdf[page].render(scale=dpi / 72).to_pil().convert("RGB")
    pdf.close()
    if angle:
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(255, 255, 255))
    if noise:
        rnd = random.Random(7)
        px = img.load()
        for _ in range(img.width * img.height // 50):
            x, y = rnd.randrange(img.width), rnd.randrange(img.height)
            v = max(0, min(255, px[x, y][0] + rnd.randint(-noise, noise)))
            px[x, y] = (v, v, v)
    if grey:
        img = img.convert("L").convert("RGB")
    return img


# ------------------------------------------------------------------------- seals

RED = (0.86, 0.1, 0.12)
FAINT = (0.93, 0.55, 0.55)


def draw_seal(c: canvas.Canvas, cx: float, cy: float, *, name: str = "北京智算示例科技有限公司",
              oval: bool = False, colour=RED, width: float = 2.2) -> None:
    """A company seal at (cx, cy) from the top left: a red ring (42 mm round, or 40 x 30 mm
    oval), a star, the name along the top of the ring, 合同专用章 or nothing below."""
    import math as _m

    mm = 72 / 25.4
    rx, ry = (20 * mm, 15 * mm) if oval else (21 * mm, 21 * mm)
    y = H - cy
    c.saveState()
    c.setStrokeColorRGB(*colour)
    c.setFillColorRGB(*colour)
    c.setLineWidth(width)
    c.ellipse(cx - rx, y - ry, cx + rx, y + ry, stroke=1, fill=0)
    star = [(cx + 5 * mm * (1 if k % 2 == 0 else 0.4) * _m.sin(k * _m.pi / 5),
             y + 5 * mm * (1 if k % 2 == 0 else 0.4) * _m.cos(k * _m.pi / 5)) for k in range(10)]
    p = c.beginPath()
    p.moveTo(*star[0])
    for pt in star[1:]:
        p.lineTo(*pt)
    p.close()
    c.drawPath(p, stroke=0, fill=1)
    n = len(name)
    for k, ch in enumerate(name):
        t = _m.pi * (0.85 - 0.7 * k / max(n - 1, 1)) + _m.pi / 2 - _m.pi / 2
        a = _m.pi * 0.15 + _m.pi * 0.7 * (1 - k / max(n - 1, 1))
        x, yy = cx + (rx - 5 * mm) * _m.cos(a), y + (ry - 5 * mm) * _m.sin(a)
        c.saveState()
        c.translate(x, yy)
        c.rotate(_m.degrees(a) - 90)
        c.setFont(FONT, 7 if oval else 9)
        c.drawCentredString(0, -3, ch)
        c.restoreState()
        del t
    c.setFont(FONT, 7)
    c.drawCentredString(cx, y - ry * 0.55, "合同专用章" if not oval else "发票专用章")
    c.restoreState()


def draw_distractor(c: canvas.Canvas, kind: str, x: float, y: float) -> None:
    """Red things that are not seals, at (x, y) from the top left."""
    import math as _m

    mm = 72 / 25.4
    yy = H - y
    c.saveState()
    c.setStrokeColorRGB(*RED)
    c.setFillColorRGB(*RED)
    if kind == "heading":
        c.setFont(FONT, 22)
        c.drawString(x, yy, "北京市算力补贴专项承诺书")
    elif kind == "logo":
        c.circle(x, yy, 8 * mm, stroke=0, fill=1)
        c.setFillColorRGB(1, 1, 1)
        c.setFont(FONT, 14)
        c.drawCentredString(x, yy - 5, "智")
    elif kind == "pie":
        for k, (start, extent, col) in enumerate([(0, 140, RED), (140, 120, (0.2, 0.4, 0.8)), (260, 100, (0.95, 0.7, 0.1))]):
            c.setFillColorRGB(*col)
            c.wedge(x - 20 * mm, yy - 20 * mm, x + 20 * mm, yy + 20 * mm, start, extent, stroke=0, fill=1)
    elif kind == "pen_circle":
        c.setLineWidth(1.6)
        c.ellipse(x - 20 * mm, yy - 17 * mm, x + 20 * mm, yy + 17 * mm, stroke=1, fill=0)
    elif kind == "paid":
        c.setLineWidth(2.5)
        c.rect(x - 22 * mm, yy - 9 * mm, 44 * mm, 18 * mm, stroke=1, fill=0)
        c.setFont(FONT, 24)
        c.drawCentredString(x, yy - 8, "已 付 款")
    elif kind in ("signature", "signature_over_seal"):
        c.setLineWidth(1.4)
        p = c.beginPath()
        p.moveTo(x, yy)
        for k in range(1, 40):
            p.lineTo(x + k * 2.2, yy + 9 * _m.sin(k * 0.9) + 4 * _m.cos(k * 0.37))
        c.drawPath(p, stroke=1, fill=0)
    c.restoreState()


def stamped_page(path: Path, *, seal: str | None = "round", distractors: tuple[str, ...] = (),
                 title: str = "承诺书") -> Path:
    """An undertaking page: a heading, body text, a signature line; a seal (round, oval, faint,
    or None) over the signature; red distractors where asked."""
    c = _canvas(path, title)
    _text(c, 250, 80, title, 20)
    for k in range(14):
        _text(c, 70, 130 + 22 * k, "本单位郑重承诺：所提交的申报材料真实、准确、完整，如有虚假，愿承担相应法律责任。"[: 20 + k % 12], 11)
    _text(c, 330, 560, "承诺单位（盖章）：北京智算示例科技有限公司", 11)
    _text(c, 330, 590, "法定代表人（签字）：", 11)
    _text(c, 330, 620, "2025年3月14日", 11)
    if seal:
        draw_seal(c, 420, 575, oval=seal == "oval", colour=FAINT if seal == "faint" else RED,
                  width=1.0 if seal == "faint" else 2.2)
    spots = {"heading": (120, 60), "logo": (60, 50), "pie": (150, 720), "pen_circle": (200, 470),
             "paid": (130, 640), "signature": (90, 600), "signature_over_seal": (400, 600)}
    for d in distractors:
        draw_distractor(c, d, *spots[d])
    c.showPage()
    c.save()
    return path
