"""Generate the sample dossiers: realistic Chinese documents next to each sample subsidy.toml.

    .venv/bin/python sample_dossiers/generate.py            # rewrites sample_dossiers/<id>/…
    .venv/bin/python sample_dossiers/generate.py --out DIR  # writes the same tree under DIR

For each of the six sample profiles (sample_dossiers/<programme-id>/subsidy.toml) this writes a
complete dossier consistent with the profile: a 合同 per contract, a 数电票-style 发票 per invoice
(named by its number), a 结算单 per delivery, a 银行回单 per payment, and every other material the
programme asks for in its mode(s). Then one flawed copy per programme,
sample_dossiers/<id>-flawed-<flaw>/, each with its own subsidy.toml and a README.md naming the
flaw, and sample_dossiers/README.md listing them all.

The output is deterministic: PDFs are written with ReportLab's ``invariant=1`` (fixed creation
date and document id) and fixed metadata; DOCX core properties and zip timestamps are fixed; the
"stamp" image is a PNG written by hand (zlib + struct), so the bytes never depend on the clock.
The existing <id>/subsidy.toml files are read, never written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import math
import re
import shutil
import struct
import sys
import tomllib
import zipfile
import zlib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TEMPLATES = REPO / "templates"

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

PROGRAMMES = ["sjs-compute", "sjs-platform", "bj-compute-voucher", "tz-compute-voucher",
              "tz-model-voucher", "bda-model-voucher"]

F_APP, F_CON, F_INV, F_SET, F_PAY = "01_申报书", "02_合同", "03_发票", "04_结算单", "05_付款凭证"
F_QUA, F_LIC, F_FIN, F_DESC = "06_资质证明", "07_企业证照", "08_财务报表", "09_情况说明"

# Materials besides contracts, invoices, settlement sheets and payment proofs, per programme
# (the programme's [[materials]] for the mode(s) the sample profile selects).
EXTRAS = {
    "sjs-compute": ["application", "undertaking", "qualification", "license", "tax", "bank", "audit", "compute_plan"],
    "sjs-platform": ["application", "undertaking", "platform", "license", "tax", "bank", "audit", "fund_plan"],
    "bj-compute-voucher": ["undertaking", "supplier_qualification", "usage", "license"],
    "tz-compute-voucher": ["application", "license", "statements", "usage", "undertaking"],
    "tz-model-voucher": ["application", "license", "statements", "model", "acceptance", "undertaking"],
    "bda-model-voucher": ["license", "undertaking", "bank", "model", "acceptance"],
}

APPLICATION_TEMPLATE = {
    "sjs-compute": ("sjs-compute_附2-1_申报书.docx", "附2-1_石景山区支持算力应用项目申报书"),
    "sjs-platform": ("sjs-platform_附4-1_申报书.docx", "附4-1_石景山区建设产业服务平台项目申报书"),
    "tz-compute-voucher": ("tz_附件1-1_申报表.docx", "附件1-1_申报表"),
    "tz-model-voucher": ("tz_附件1-1_申报表.docx", "附件1-1_申报表"),
}
UNDERTAKING_TEMPLATE = {
    "sjs-compute": ("sjs-compute_附2-2_承诺书.docx", "附2-2_承诺书"),
    "sjs-platform": ("sjs-platform_附4-2_承诺书.docx", "附4-2_承诺书"),
    "bj-compute-voucher": ("bj-compute-voucher_附件3-1_承诺书.docx", "附件3-1_承诺书"),
    "tz-compute-voucher": ("tz_附件1-2_承诺书.docx", "附件1-2_承诺书"),
    "tz-model-voucher": ("tz_附件1-2_承诺书.docx", "附件1-2_承诺书"),
    "bda-model-voucher": (None, "承诺书"),
}

FLAWS = {
    "sjs-compute": ("missing-settlement", "缺少结算单：合同 HT-2024-001 的一份结算单（2024-12-31）被删除",
                    "missing settlement sheet: one 结算单 of contract HT-2024-001 (2024-12-31) deleted"),
    "sjs-platform": ("unstamped-undertaking", "承诺书未盖章：承诺书 PDF 只有文字，没有盖章扫描图像",
                     "undertaking without stamp image: the 承诺书 PDF is text only"),
    "bj-compute-voucher": ("buyer-mismatch", "发票购买方不符：发票 25112000220000000006 的购买方是另一家公司",
                           "invoice buyer mismatch: invoice 25112000220000000006 names another company as buyer"),
    "tz-compute-voucher": ("duplicate-invoice", "重复发票：发票 24112000230000000001 在两个文件中重复出现",
                           "duplicate invoice: invoice 24112000230000000001 appears in two files"),
    "tz-model-voucher": ("undeclared-invoice", "未申报发票：发票 25112000240000000009 不在 subsidy.toml 中",
                         "undeclared invoice: invoice file 25112000240000000009 not declared in subsidy.toml"),
    "bda-model-voucher": ("out-of-window", "申报日期超出窗口：application.date 为 2025-09-20，不在 2025-09-01～09-15 内",
                          "out-of-window dates: application.date 2025-09-20 outside 2025-09-01..2025-09-15"),
}
# Scanned variants: a complete dossier as consultants receive it (scans, photos, copies), and
# flaws only the content can show. (slug, zh, en); slug "" is the passing variant <pid>-scanned.
SCANNED = {
    "sjs-compute": [
        ("", "扫描件：合同 HT-2024-001 为盖章扫描件（无文字层），一份银行回单为手机照片（subsidy.toml 中以 file = 链接），"
             "一份结算单另有“- 副本”重复文件：应通过（副本只计一次，给出警告）",
         "scans: contract HT-2024-001 an image-only stamped scan, one bank slip a phone photo (linked by file = in "
         "subsidy.toml), one settlement sheet with a '- 副本' copy: passes (the copy counts once, with a warning)"),
        ("copy-hides-missing-settlement", "副本掩盖缺失：2024-12-31 的结算单缺失，另一份结算单的“- 副本”使文件数仍然够",
         "a copy hides a missing sheet: the 2024-12-31 settlement sheet is missing, a '- 副本' copy of another keeps "
         "the file count right"),
    ],
    "bj-compute-voucher": [
        ("other-licence", "他人营业执照：07_企业证照 中是另一家公司的营业执照",
         "another company's licence: 07_企业证照 holds another company's business licence"),
    ],
    "sjs-platform": [
        ("unstamped-scan", "承诺书扫描件未盖章：彩色扫描件上只有红色标志，没有公章",
         "unstamped undertaking scan: a colour scan with a red logo and no seal"),
    ],
}
OTHER_LICENCE = ("北京别家示例网络科技有限公司", "91110105MA04P2LQ7")  # check char added

OTHER_BUYER = ("北京深言示例信息技术有限公司", "91110108MA02T4KX3")  # a sibling company (check char added)

FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)
ZIP_TIME = (2025, 1, 1, 0, 0, 0)


# --------------------------------------------------------------------------- values

def money(value) -> Decimal:
    """'1200万' / '197.1万' / '1.2亿' / 1200000 -> Decimal yuan (two places)."""
    if isinstance(value, (int, float)):
        return Decimal(str(value)).quantize(Decimal("0.01"))
    s = str(value).replace(",", "").replace("元", "").strip()
    mult = Decimal(1)
    if s.endswith("亿"):
        mult, s = Decimal(10) ** 8, s[:-1]
    elif s.endswith("万"):
        mult, s = Decimal(10) ** 4, s[:-1]
    return (Decimal(s) * mult).quantize(Decimal("0.01"))


_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def _section(n: int) -> str:
    """0 < n < 10000 in 大写 without the group unit; inner zeros collapse to one 零."""
    out, zero = "", False
    for power, unit in ((3, "仟"), (2, "佰"), (1, "拾"), (0, "")):
        d = n // 10 ** power % 10
        if d == 0:
            zero = zero or bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[d] + unit
    return out


def cn_upper(amount: Decimal, unit: str = "元") -> str:
    """Decimal yuan -> 大写 as printed on contracts ('元整') and invoices (unit='圆')."""
    fen_total = int((Decimal(amount) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if fen_total < 0:
        raise ValueError("negative amount")
    yuan, jiao, fen = fen_total // 100, fen_total // 10 % 10, fen_total % 10
    if yuan >= 10 ** 12:
        raise ValueError("amount too large")
    out, gap = "", False
    for group, name in ((yuan // 10 ** 8, "亿"), (yuan // 10 ** 4 % 10 ** 4, "万"), (yuan % 10 ** 4, "")):
        if group == 0:
            gap = gap or bool(out)
            continue
        if out and (gap or group < 1000):
            out += "零"
        out += _section(group) + name
        gap = False
    if yuan:
        out += unit
    if jiao == 0 and fen == 0:
        return (out or "零" + unit) + "整"
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif yuan:
        out += "零"
    if fen:
        out += _DIGITS[fen] + "分"
    return out


def yen(amount: Decimal) -> str:
    return f"¥{amount:,.2f}"


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def cn_date2(d: dt.date) -> str:
    return f"{d.year}年{d.month:02d}月{d.day:02d}日"


def wan(amount: Decimal) -> str:
    w = (amount / 10000).normalize()
    return f"{w:f}万元"


def digits(seed: str, n: int) -> str:
    """n deterministic digits from a seed (account numbers, serial numbers)."""
    h = hashlib.sha256(seed.encode()).hexdigest()
    return "".join(str(int(h[i:i + 2], 16) % 10) for i in range(0, 2 * n, 2))


def credit_code(first17: str) -> str:
    sys.path.insert(0, str(REPO))
    from subsidy_cli.creditcode import check_char
    return first17 + check_char(first17)


def supplier_code(contract: dict) -> str:
    if contract.get("supplier_credit_code"):
        return contract["supplier_credit_code"]
    return credit_code("91110108MA0" + digits(contract["supplier"], 6))


BANKS = ["中国工商银行股份有限公司", "中国建设银行股份有限公司", "招商银行股份有限公司", "中国银行股份有限公司",
         "北京银行股份有限公司", "交通银行股份有限公司"]


def bank_of(name: str, district: str = "") -> tuple[str, str]:
    """(开户行, 账号) for a company name, deterministic."""
    bank = BANKS[int(digits(name, 2)) % len(BANKS)]
    branch = (district or "海淀").replace("区", "").replace("北京经济技术开发", "亦庄")
    return f"{bank}北京{branch}支行", "1100" + digits("acct" + name, 16)


# --------------------------------------------------------------------------- stamp image

def _png(width: int, height: int, rows: list[bytes]) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + r for r in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def _in_star(x: float, y: float, cx: float, cy: float, r: float) -> bool:
    pts = []
    for i in range(10):
        a = math.pi / 2 + i * math.pi / 5
        rr = r if i % 2 == 0 else r * 0.38
        pts.append((cx + rr * math.cos(a), cy - rr * math.sin(a)))
    inside = False
    j = len(pts) - 1
    for i in range(len(pts)):
        (xi, yi), (xj, yj) = pts[i], pts[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def stamp_png(size: int = 160) -> bytes:
    """A red round company seal: double ring, five-point star, arcs of 'characters' and a bar,
    on a transparent background, like a colour scan of a 公章."""
    c = size / 2
    red, none = bytes((206, 28, 36, 215)), bytes(4)
    rows = []
    for y in range(size):
        row = bytearray()
        for x in range(size):
            dx, dy = x + 0.5 - c, y + 0.5 - c
            d = math.hypot(dx, dy)
            ang = math.degrees(math.atan2(-dy, dx)) % 360
            on = (c * 0.86 <= d <= c * 0.97)                       # outer ring
            on = on or _in_star(x + 0.5, y + 0.5, c, c * 0.92, c * 0.30)
            # 'characters' along the upper arc: short blocks between 200° and 340° (clockwise top)
            if c * 0.60 <= d <= c * 0.78 and (20 <= ang <= 160) and int(ang) % 14 < 9:
                on = True
            if abs(dy - c * 0.45) <= c * 0.05 and abs(dx) <= c * 0.40 and int(x / (size / 20)) % 2 == 0:
                on = True                                           # the 专用章 line under the star
            row += red if on else none
        rows.append(bytes(row))
    return _png(size, size, rows)


_STAMP: bytes | None = None


def stamp_image() -> ImageReader:
    global _STAMP
    if _STAMP is None:
        _STAMP = stamp_png()
    return ImageReader(io.BytesIO(_STAMP))


# --------------------------------------------------------------------------- PDF writer

PAGE_W, PAGE_H = A4
MARGIN = 56


def draw_invoice_qr(c: canvas.Canvas, text: str, x: float, y: float, size: float) -> None:
    """The QR code every e-invoice carries (01,type,code,number,amount,date,check code,crc),
    bottom left at (x, y), drawn as vector squares."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    w = QrCodeWidget(text)
    x0, y0, x1, y1 = w.getBounds()
    d = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    d.add(w)
    renderPDF.draw(d, c, x, y)


class Pdf:
    """A flowing A4 page writer: title, lines, key-value lines, small tables, stamps."""

    def __init__(self, path: Path, title: str, author: str, subject: str = ""):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.c = canvas.Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
        self.c.setTitle(title)
        self.c.setAuthor(author)
        self.c.setSubject(subject or title)
        self.c.setCreator("subsidy sample_dossiers/generate.py")
        self.c.setProducer("ReportLab PDF Library (invariant)")
        self.c.setKeywords("sample dossier")
        self.y = PAGE_H - MARGIN
        self.page = 1
        self.footer = ""

    def _foot(self) -> None:
        self.c.setFont(FONT, 8)
        self.c.drawCentredString(PAGE_W / 2, 30, f"{self.footer}  第 {self.page} 页" if self.footer else f"第 {self.page} 页")

    def new_page(self) -> None:
        self._foot()
        self.c.showPage()
        self.page += 1
        self.y = PAGE_H - MARGIN

    def need(self, h: float) -> None:
        if self.y - h < MARGIN + 10:
            self.new_page()

    def title(self, text: str, size: float = 18, gap: float = 14) -> None:
        self.need(size + gap)
        self.y -= size
        self.c.setFont(FONT, size)
        self.c.drawCentredString(PAGE_W / 2, self.y, text)
        self.y -= gap

    def _wrap(self, text: str, size: float, width: float) -> list[str]:
        lines, cur = [], ""
        for ch in text:
            if pdfmetrics.stringWidth(cur + ch, FONT, size) > width:
                lines.append(cur)
                cur = ch
            else:
                cur += ch
        return lines + [cur]

    def line(self, text: str = "", size: float = 10.5, indent: float = 0, lead: float = 1.55,
             x: float | None = None) -> None:
        left = (x if x is not None else MARGIN) + indent
        for part in self._wrap(text, size, PAGE_W - MARGIN - left) if text else [""]:
            self.need(size * lead)
            self.y -= size * lead
            self.c.setFont(FONT, size)
            self.c.drawString(left, self.y, part)

    def para(self, text: str, size: float = 10.5) -> None:
        self.line("\u3000\u3000" + text, size)

    def kv(self, label: str, value: str, size: float = 10.5) -> None:
        self.line(f"{label}：{value}", size)

    def gap(self, h: float = 8) -> None:
        self.y -= h

    def table(self, rows: list[list[str]], widths: list[float], size: float = 9, row_h: float = 18) -> None:
        x0 = MARGIN
        for row in rows:
            self.need(row_h)
            top = self.y
            self.y -= row_h
            x = x0
            self.c.setFont(FONT, size)
            for cell, w in zip(row, widths):
                self.c.rect(x, self.y, w, row_h, stroke=1, fill=0)
                self.c.drawString(x + 3, self.y + (row_h - size) / 2 + 1, cell)
                x += w
            assert top - self.y == row_h

    def stamp(self, x: float, y: float | None = None, size: float = 100) -> None:
        """Draw the seal image with its centre at (x, y) (default: around the last line)."""
        cy = self.y + 20 if y is None else y
        self.c.drawImage(stamp_image(), x - size / 2, cy - size / 2, size, size, mask="auto")

    def sign(self, left: str, right: str, date: str = "", stamps: tuple[bool, bool] = (True, True)) -> None:
        """Two signature blocks side by side, each with an optional seal over it."""
        self.need(120)
        self.y -= 24
        self.c.setFont(FONT, 10.5)
        self.c.drawString(MARGIN, self.y, left)
        self.c.drawString(PAGE_W / 2 + 10, self.y, right)
        if date:
            self.y -= 18
            self.c.drawString(MARGIN, self.y, date)
            self.c.drawString(PAGE_W / 2 + 10, self.y, date)
        if stamps[0]:
            self.stamp(MARGIN + 110, self.y + 22)
        if stamps[1]:
            self.stamp(PAGE_W / 2 + 120, self.y + 22)
        self.y -= 50

    def save(self) -> None:
        self._foot()
        self.c.showPage()
        self.c.save()


# --------------------------------------------------------------------------- DOCX helpers

def docx_bytes(doc) -> bytes:
    """Serialise with fixed zip metadata so the file is reproducible; the optional Word 2010
    stylesWithEffects part (12 KB, a copy of styles.xml) is left out to keep the file small."""
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del doc.part.rels[rid]
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 3
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, zin.read(info.filename), compresslevel=9)
    return out.getvalue()


def fix_core(doc, title: str, author: str) -> None:
    cp = doc.core_properties
    cp.title = title
    cp.author = author
    cp.last_modified_by = author
    cp.subject = "北京人工智能算力/模型补贴申报材料（示例）"
    cp.comments = "Generated by sample_dossiers/generate.py"
    cp.keywords = ""
    cp.category = ""
    cp.revision = 1
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME


def new_docx(title: str, author: str):
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn
    from docx.shared import Pt
    d = docx.Document()
    pkg = d.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del pkg.rels[rid]
    normal = d.styles["Normal"]
    normal.font.name = "宋体"
    normal.font.size = Pt(12)
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), "宋体")
    fix_core(d, title, author)
    return d


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def _add_run(p, text: str) -> None:
    """A run that keeps the paragraph mark's formatting (font, size), as the form author set it."""
    import copy
    from docx.oxml.ns import qn
    run = p.add_run(text)
    ppr = p._p.pPr
    mark = ppr.find(qn("w:rPr")) if ppr is not None else None
    if mark is not None:
        run._r.insert(0, copy.deepcopy(mark))


def fill_form(template: Path, values: dict[str, object], title: str, author: str,
              ticks: dict[str, list[tuple[str, str]]] | None = None) -> bytes:
    """The official form with the value cell right of each known label filled in; a list value
    fills the cells after the label in turn (financial-data rows; None skips a cell). ``ticks``
    maps a label to the check-box options to tick ('□选项' -> '☑选项', or to a given text)."""
    import docx
    from docx.oxml.ns import qn
    from docx.table import _Cell
    d = docx.Document(str(template))
    if d.tables:
        table = d.tables[0]
        for tr in table._tbl.tr_lst:
            tcs = list(tr.tc_lst)
            for i, tc in enumerate(tcs):
                key = _norm(tc.xpath("string(.)"))
                for label, options in (ticks or {}).items():
                    if key == label and i + 1 < len(tcs):
                        for t in tcs[i + 1].iter(qn("w:t")):
                            for option, text in options:
                                if (t.text or "").startswith("□" + option):
                                    t.text = text or "☑" + t.text[1:]
                if key not in values:
                    continue
                if key.startswith("↓"):  # values in the row below the label row
                    continue
                below = values.get("↓" + key)
                nxt = tr.getnext()
                if below and nxt is not None and nxt.tag == tr.tag:
                    for target, val in zip(list(nxt.tc_lst)[1:], below):
                        cell = _Cell(target, table)
                        if not _norm(target.xpath("string(.)")):
                            _add_run(cell.paragraphs[0], str(val))
                if values[key] is None:
                    continue
                vals = values[key] if isinstance(values[key], list) else [values[key]]
                for j, val in enumerate(vals, start=1):
                    if i + j >= len(tcs):
                        break
                    if val is None:
                        continue
                    target = tcs[i + j]
                    old = _norm(target.xpath("string(.)"))
                    if old in values or "□" in old:
                        break
                    cell = _Cell(target, table)
                    p = cell.paragraphs[0]
                    for r in list(p.runs):
                        r._r.getparent().remove(r._r)
                    for extra in cell.paragraphs[1:]:
                        extra._p.getparent().remove(extra._p)
                    _add_run(p, str(val))
    fix_core(d, title, author)
    return docx_bytes(d)


def docx_text(data: bytes) -> list[str]:
    """Paragraph texts then table rows ('a  b  c') of a DOCX."""
    import docx
    d = docx.Document(io.BytesIO(data))
    out = [p.text for p in d.paragraphs]
    for table in d.tables:
        for tr in table._tbl.tr_lst:
            cells = []
            for tc in tr.tc_lst:
                t = " ".join(p.xpath("string(.)").strip() for p in tc.xpath(".//w:p") if p.xpath("string(.)").strip())
                cells.append(t)
            out.append("  ".join(c for c in cells if c))
    return out


# --------------------------------------------------------------------------- the dossier

class Dossier:
    def __init__(self, pid: str, profile: dict, root: Path, flaw: str | None = None):
        self.pid, self.p, self.root, self.flaw = pid, profile, root, flaw
        co = profile["company"]
        self.co = co
        self.name, self.code = co["name"], co["credit_code"]
        self.app_date: dt.date = profile["application"]["date"]
        self.district = co.get("registered_district", "")
        self.bank, self.account = bank_of(self.name, self.district)
        self.pages: dict[str, int] = {}  # minimum pages per document kind (bench/make_big_dossier.py)

    def pad(self, pdf: Pdf, kind: str) -> None:
        """Add appendix pages until the document has self.pages[kind] pages."""
        target = self.pages.get(kind, 0)
        n = 0
        while pdf.page < target:
            pdf.new_page()
            n += 1
            pdf.title(f"附件{n}", 14)
            for i in range(1, 9):
                pdf.para(f"{n}.{i} 服务级别、技术规格及计量明细（续）：本条款与正文具有同等效力，"
                         "双方确认的计量记录、工单及日志作为结算依据，保存期限不少于三年。")

    # -- helpers
    def path(self, folder: str, name: str) -> Path:
        return self.root / folder / name

    def pdf(self, folder: str, name: str, title: str, author: str | None = None) -> Pdf:
        return Pdf(self.path(folder, name), title, author or self.name)

    # -- contracts
    def contract_item(self, c: dict) -> tuple[str, str, Decimal]:
        """(invoice item, settlement title, VAT rate) by contract kind."""
        kind = c["kind"]
        if kind == "compute":
            return "*信息技术服务*智能算力租赁服务", "算力服务结算单", Decimal("0.06")
        if kind == "model-api":
            return "*信息技术服务*大模型API调用服务", "大模型API调用结算单", Decimal("0.06")
        if kind in ("model-private", "model-cloud"):
            return "*信息技术服务*大模型部署及技术服务", "大模型部署服务结算单", Decimal("0.06")
        if kind == "model-appliance":
            return "*计算机外部设备*大模型一体机（含模型授权）", "大模型一体机采购结算单", Decimal("0.13")
        if kind == "lease":
            return "*经营租赁*房屋租赁服务", "租金结算单", Decimal("0.09")
        if "物业" in c.get("purpose", ""):
            return "*物业管理服务*物业管理费及能耗费", "物业服务费结算单", Decimal("0.06")
        return "*信息技术服务*运维服务", "运维服务结算单", Decimal("0.06")

    def write_contract(self, c: dict) -> None:
        amount = money(c["amount"])
        sup, scode = c["supplier"], supplier_code(c)
        kind = c["kind"]
        title = {"compute": "智能算力服务合同", "model-api": "大模型API调用服务合同",
                 "model-private": "大模型私有化部署技术服务合同", "model-cloud": "大模型云化部署服务合同",
                 "model-appliance": "大模型一体机采购合同", "lease": "房屋租赁合同"}.get(kind)
        if title is None:
            title = "物业服务合同" if "物业" in c.get("purpose", "") else "运维服务合同"
        pdf = self.pdf(F_CON, f"合同_{c['id']}.pdf", f"{title} {c['id']}")
        pdf.footer = f"合同编号 {c['id']}"
        pdf.title(title, 20)
        pdf.kv("合同编号", c["id"])
        pdf.gap()
        pdf.kv("甲方（采购方）", self.name)
        pdf.kv("统一社会信用代码", self.code)
        pdf.kv("住所", self.co.get("registered_address", ""))
        pdf.kv("法定代表人", self.co.get("legal_representative", ""))
        pdf.gap(6)
        sup_addr = "北京市" + ("海淀区 示例路 " if scode[2:6] == "1101" else "示例科技园 ") + digits(sup, 2) + " 号"
        pdf.kv("乙方（服务方）", sup)
        pdf.kv("统一社会信用代码", scode)
        pdf.kv("住所", sup_addr)
        pdf.gap()
        pdf.para(f"甲乙双方本着平等自愿、诚实信用的原则，经友好协商，就乙方向甲方提供"
                 f"“{c.get('purpose', title)}”相关服务事宜，依据《中华人民共和国民法典》等法律法规，订立本合同，共同遵守。")
        pdf.line("第一条  服务内容", 12)
        for text in self.scope_lines(c):
            pdf.para(text)
        pdf.line("第二条  费用及支付方式", 12)
        pdf.para(f"合同总金额：人民币{cn_upper(amount)}（{yen(amount)}），含增值税。")
        for label, key in (("算力服务费", "compute_amount"), ("大模型相关费用", "model_amount"),
                           ("硬件设备费（服务器及加速卡）", "hardware_amount")):
            if c.get(key):
                part = money(c[key])
                pdf.para(f"其中{label}：人民币{cn_upper(part)}（{yen(part)}）。")
                if key == "compute_amount" and c.get("other_services"):
                    rest = amount - part
                    pdf.para(f"其余{'、'.join(c['other_services'])}服务费：人民币{cn_upper(rest)}（{yen(rest)}）。")
        pdf.para("甲方按乙方出具并经甲方确认的结算单支付相应款项，乙方在收款前向甲方开具合法有效的增值税发票。")
        pdf.line("第三条  服务期限", 12)
        pdf.para(f"服务期限：{cn_date(c['start'])}至{cn_date(c['end'])}。")
        pdf.line("第四条  结算安排", 12)
        for i, d in enumerate(c.get("deliveries", []), 1):
            pdf.para(f"第{i}期：{d.get('note', '按期结算')}，结算金额人民币{cn_upper(money(d['amount']))}，"
                     f"结算日{cn_date(d['date'])}。")
        pdf.line("第五条  双方权利义务", 12)
        for text in ("乙方应保证所提供服务的稳定性、安全性，服务可用率不低于99.5%，并提供7×24小时技术支持。",
                     "甲方应按约定用途使用服务，不得转售、转租，并按时足额支付费用。",
                     "双方应对在合作过程中知悉的对方商业秘密及技术资料承担保密义务，保密期限至合同终止后三年。"):
            pdf.para(text)
        pdf.line("第六条  违约责任", 12)
        pdf.para("任何一方违反本合同约定的，应向守约方承担违约责任，赔偿因此造成的直接损失。")
        pdf.line("第七条  争议解决", 12)
        pdf.para("因本合同引起的争议，双方协商解决；协商不成的，任何一方均可向甲方所在地人民法院提起诉讼。")
        pdf.line("第八条  其他", 12)
        pdf.para("本合同一式肆份，甲乙双方各执贰份，具有同等法律效力，自双方签字盖章之日起生效。")
        pdf.gap(10)
        pdf.kv("签订日期", cn_date(c["signed_on"]))
        pdf.kv("签订地点", "北京市")
        pdf.sign("甲方（盖章）：" + self.name[:4] + "……", "乙方（盖章）：" + sup[:4] + "……")
        pdf.line(f"甲方法定代表人或授权代表（签字）：{self.co.get('legal_representative', '')}", 10)
        self.pad(pdf, "contract")
        pdf.save()

    def scope_lines(self, c: dict) -> list[str]:
        kind = c["kind"]
        out = []
        if kind == "compute":
            out.append(f"乙方向甲方提供智能算力租用服务，算力规模{c.get('scale_p', '')}P（FP16），"
                       f"加速卡型号{c.get('accelerator', '')}，算力所在地：{c.get('location', '')}。")
            out.append(f"算力用途：{c.get('purpose', '')}。")
            if c.get("other_services"):
                out.append(f"乙方同时提供{'、'.join(c['other_services'])}等配套服务，单独计价。")
        elif kind.startswith("model"):
            out.append(f"乙方向甲方提供“{c.get('model_name', '')}”相关服务，用途：{c.get('purpose', '')}。")
            out.append("乙方保证所提供的大模型产品已按规定完成生成式人工智能服务备案。" if c.get("model_filed")
                       else "乙方提供大模型相关技术服务。")
            if kind == "model-api":
                out.append("计费方式：按实际调用的Tokens数量计费，每季度出具API调用结算单。")
            if kind == "model-appliance":
                out.append("交付内容：大模型一体机（服务器及加速卡）、模型授权、行业数据微调及现场部署，含一年模型更新。")
        elif kind == "lease":
            area = c.get("area_m2", "")
            out.append(f"甲方承租乙方位于{c.get('location', '')}的房屋，建筑面积{area}平方米，"
                       f"租金单价4.5元/平方米/天，用途：{c.get('purpose', '')}。")
            out.append("租金按季度预付，乙方每季度末出具租金结算单。")
        else:
            out.append(f"乙方为甲方提供{c.get('purpose', '')}，按季度结算。")
        return out

    # -- invoices
    def write_invoice(self, c: dict, inv: dict, *, buyer: tuple[str, str] | None = None,
                      name: str | None = None, folder: str = F_INV) -> None:
        total = money(inv["amount"])
        item, _, rate = self.contract_item(c)
        net = (total / (1 + rate)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        tax = total - net
        bname, bcode = buyer or (self.name, self.code)
        sup, scode = c["supplier"], supplier_code(c)
        number = inv["number"]
        pdf = Pdf(self.root / folder / (name or f"{number}.pdf"), f"电子发票 {number}", sup, "电子发票（增值税专用发票）")
        draw_invoice_qr(pdf.c, f"01,31,,{number},{total:.2f},{inv['date']:%Y%m%d},,{digits(number, 4)}",
                        MARGIN - 6, PAGE_H - MARGIN - 58, 58)   # 数电票: type 31, no code, 价税合计
        pdf.title("电子发票（增值税专用发票）", 17, 6)
        pdf.line("国家税务总局北京市税务局监制", 8, x=PAGE_W / 2 - 60)
        pdf.line(f"发票号码：{number}", 10, x=PAGE_W - MARGIN - 190)
        pdf.line(f"开票日期：{cn_date2(inv['date'])}", 10, x=PAGE_W - MARGIN - 190)
        pdf.gap(6)
        top = pdf.y
        pdf.line(f"购买方信息  名称：{bname}", 10)
        pdf.line(f"统一社会信用代码/纳税人识别号：{bcode}", 10, x=MARGIN + 58)
        pdf.line(f"销售方信息  名称：{sup}", 10)
        pdf.line(f"统一社会信用代码/纳税人识别号：{scode}", 10, x=MARGIN + 58)
        pdf.c.rect(MARGIN - 4, pdf.y - 6, PAGE_W - 2 * MARGIN + 8, top - pdf.y + 6)
        pdf.gap(10)
        pdf.table([["项目名称", "单位", "数量", "单价", "金额", "税率/征收率", "税额"],
                   [item, "项", "1", f"{net:.2f}", f"{net:.2f}", f"{int(rate * 100)}%", f"{tax:.2f}"],
                   ["合计", "", "", "", yen(net), "", yen(tax)]],
                  [170, 30, 30, 70, 75, 55, 53], 8)
        pdf.gap(8)
        pdf.line(f"价税合计（大写）  {cn_upper(total, '圆')}      （小写）{yen(total)}", 10.5)
        pdf.gap(4)
        note = f"合同编号：{c['id']}"
        pdf.line(f"备注：{note}", 9)
        pdf.gap(20)
        pdf.line("开票人：张丽", 9)
        pdf.stamp(PAGE_W - MARGIN - 80, pdf.y + 40, 80)
        pdf.save()

    # -- settlement sheets
    def write_settlement(self, c: dict, idx: int, d: dict) -> None:
        deliveries = c.get("deliveries", [])
        start = c["start"] if idx == 0 else deliveries[idx - 1]["date"] + dt.timedelta(days=1)
        if start > d["date"]:
            start = d["date"]
        end = d["date"]
        amount = money(d["amount"])
        _, title, _ = self.contract_item(c)
        sup = c["supplier"]
        pdf = self.pdf(F_SET, f"结算单_{c['id']}_{end.isoformat()}.pdf", f"{title} {c['id']} {end}", sup)
        pdf.title(title, 18)
        pdf.kv("结算单号", f"JS{end:%Y%m%d}-{digits(c['id'] + str(idx), 4)}")
        pdf.kv("合同编号", c["id"])
        pdf.kv("客户名称（甲方）", self.name)
        pdf.kv("服务单位（乙方）", sup)
        pdf.kv("结算期间", f"{cn_date(start)}至{cn_date(end)}")
        pdf.kv("本期结算金额", f"人民币{cn_upper(amount)}（{yen(amount)}）")
        if d.get("note"):
            pdf.kv("说明", d["note"])
        pdf.gap(8)
        rows = [["序号", "服务内容", "计量", "小计（元）"]]
        parts = self.settlement_parts(c, amount)
        for i, (what, qty, value) in enumerate(parts, 1):
            rows.append([str(i), what, qty, f"{value:,.2f}"])
        rows.append(["", "本期合计", "", f"{amount:,.2f}"])
        pdf.table(rows, [40, 230, 120, 100])
        pdf.gap(10)
        pdf.para("上述结算内容经双方核对无误，甲方据此付款，乙方据此开具发票。")
        pdf.sign("乙方（盖章）：" + sup, "甲方确认（盖章）：" + self.name, cn_date(end))
        self.pad(pdf, "settlement")
        pdf.save()

    def settlement_parts(self, c: dict, amount: Decimal) -> list[tuple[str, str, Decimal]]:
        kind = c["kind"]
        total = money(c["amount"])
        if kind == "compute":
            if c.get("compute_amount") and money(c["compute_amount"]) != total:
                comp = (amount * money(c["compute_amount"]) / total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
                return [(f"智能算力服务（{c.get('accelerator', '')}，{c.get('scale_p', '')}P）", "按期", comp),
                        ("、".join(c.get("other_services", ["其他"])) + "服务", "按期", amount - comp)]
            return [(f"智能算力服务（{c.get('accelerator', '')}，{c.get('scale_p', '')}P）", "按期", amount)]
        if kind == "model-api":
            tokens = int(amount / Decimal("0.012"))
            return [(f"{c.get('model_name', '')} API调用", f"{tokens // 1000}千Tokens", amount)]
        if kind == "model-appliance" and c.get("hardware_amount"):
            hw = (amount * money(c["hardware_amount"]) / total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            return [("服务器及加速卡（硬件）", "1套", hw), ("模型授权、微调及部署", "1项", amount - hw)]
        if kind == "lease":
            return [(f"房屋租金（{c.get('area_m2', '')}平方米）", "1季度", amount)]
        return [(c.get("purpose", "服务"), "1期", amount)]

    # -- payment proofs
    def write_payment(self, c: dict, pay: dict) -> None:
        amount = money(pay["amount"])
        sup = c["supplier"]
        sbank, sacct = bank_of(sup, "朝阳")
        serial = digits(c["id"] + pay["date"].isoformat(), 18)
        pdf = self.pdf(F_PAY, f"银行回单_{c['id']}_{pay['date'].isoformat()}.pdf", "网上银行电子回单", self.bank)
        pdf.title(self.bank.split("股份")[0] + " 网上银行电子回单", 15)
        pdf.kv("回单编号", serial[:12])
        pdf.kv("交易日期", cn_date2(pay["date"]))
        pdf.gap(4)
        pdf.kv("付款人户名", self.name)
        pdf.kv("付款人账号", self.account)
        pdf.kv("付款人开户行", self.bank)
        pdf.gap(4)
        pdf.kv("收款人户名", sup)
        pdf.kv("收款人账号", sacct)
        pdf.kv("收款人开户行", sbank)
        pdf.gap(4)
        pdf.kv("金额（小写）", yen(amount))
        pdf.kv("金额（大写）", "人民币" + cn_upper(amount))
        pdf.kv("用途", f"支付合同{c['id']}款项")
        pdf.kv("交易流水号", serial)
        pdf.gap(10)
        pdf.line("本回单为网上银行电子回单，可通过本行网站验证真伪。重复打印无效。", 8)
        pdf.stamp(PAGE_W - MARGIN - 90, pdf.y + 60, 90)
        pdf.save()

    # -- company documents
    def write_license(self) -> None:
        co = self.co
        pdf = self.pdf(F_LIC, "营业执照.pdf", "营业执照（副本）", f"北京市{self.district}市场监督管理局")
        pdf.title("营 业 执 照", 24)
        pdf.line("（副  本）", 12, x=PAGE_W / 2 - 30)
        pdf.gap(10)
        pdf.kv("统一社会信用代码", self.code)
        pdf.kv("名称", self.name)
        pdf.kv("类型", co.get("company_type", "有限责任公司") + "（自然人投资或控股）")
        pdf.kv("法定代表人", co.get("legal_representative", ""))
        scope = {"信息软件业": "技术开发、技术咨询、技术服务；软件开发；人工智能应用软件开发；数据处理服务。",
                 "制造业": "智能装备制造；工业机器人制造；技术开发、技术服务；货物进出口。",
                 "科技服务业": "工程和技术研究和试验发展；技术开发、技术服务、技术咨询；人工智能基础资源与技术平台。"}
        pdf.kv("经营范围", scope.get(co.get("industry", ""), "技术开发、技术服务。") + "（依法须经批准的项目，经相关部门批准后依批准的内容开展经营活动。）")
        cap = str(co.get("registered_capital", "")).replace("万", "")
        pdf.kv("注册资本", f"人民币{cap}万元")
        pdf.kv("成立日期", cn_date(co["registered_on"]))
        pdf.kv("住所", co.get("registered_address", ""))
        pdf.gap(20)
        pdf.line(f"登记机关：北京市{self.district}市场监督管理局", 11, x=PAGE_W / 2)
        pdf.line(cn_date(co["registered_on"]), 11, x=PAGE_W / 2 + 40)
        pdf.stamp(PAGE_W / 2 + 90, pdf.y + 20, 110)
        pdf.save()

    def write_tax(self) -> None:
        co = self.co
        office = f"国家税务总局北京市{co.get('tax_district', self.district)}税务局"
        pdf = self.pdf(F_LIC, "税务登记证明.pdf", "税务登记信息证明", office)
        pdf.title("涉税信息查询结果告知书（税务登记信息）", 16)
        pdf.kv("纳税人名称", self.name)
        pdf.kv("统一社会信用代码（纳税人识别号）", self.code)
        pdf.kv("登记注册类型", co.get("company_type", ""))
        pdf.kv("税务登记日期", cn_date(co["registered_on"] + dt.timedelta(days=14)))
        pdf.kv("主管税务机关", office)
        pdf.kv("纳税人状态", "正常")
        pdf.kv("增值税纳税人类型", "一般纳税人")
        pdf.kv("生产经营地址", co.get("operating_address", ""))
        pdf.gap(10)
        pdf.para("经查询，该纳税人已在我局办理税务登记，登记信息如上。特此告知。")
        pdf.gap(20)
        pdf.line(office, 11, x=PAGE_W / 2)
        pdf.line(cn_date(self.app_date - dt.timedelta(days=20)), 11, x=PAGE_W / 2 + 30)
        pdf.stamp(PAGE_W / 2 + 80, pdf.y + 20, 100)
        pdf.save()

    def write_bank(self) -> None:
        co = self.co
        pdf = self.pdf(F_LIC, "开户许可证_基本存款账户信息.pdf", "基本存款账户信息", self.bank)
        pdf.title("基本存款账户信息", 20)
        pdf.kv("账户名称", self.name)
        pdf.kv("统一社会信用代码", self.code)
        pdf.kv("账号", self.account)
        pdf.kv("开户银行", self.bank)
        pdf.kv("基本存款账户编号", "J1000" + digits(self.name + "J", 9))
        pdf.kv("法定代表人", co.get("legal_representative", ""))
        pdf.kv("开户日期", cn_date(co["registered_on"] + dt.timedelta(days=30)))
        pdf.gap(16)
        pdf.line(f"开户银行（盖章）：{self.bank}", 11)
        pdf.stamp(PAGE_W / 2 - 40, pdf.y + 10, 100)
        pdf.gap(40)
        pdf.line(f"申请单位（盖章）：{self.name}", 11)
        pdf.line(cn_date(self.app_date - dt.timedelta(days=5)), 11, x=MARGIN + 120)
        pdf.stamp(PAGE_W / 2 + 120, pdf.y + 20, 100)
        pdf.save()

    def _finance_rows(self, year: int) -> list[list[str]]:
        f = self.co.get("finance", {}).get(str(year)) or self.co.get("finance", {}).get(year) or {}
        def w(key: str) -> Decimal:
            return Decimal(str(f.get(key, 0)))
        net = w("net_assets")
        total_assets = (net * Decimal("1.6")).quantize(Decimal("1"))
        profit = w("total_profit")
        return [["项目", f"{year}年度（万元）"],
                ["资产总计", f"{total_assets:,}"],
                ["负债合计", f"{total_assets - net:,}"],
                ["所有者权益（净资产）合计", f"{net:,}"],
                ["营业收入", f"{w('revenue'):,}"],
                ["研发费用", f"{w('rd_expense'):,}"],
                ["利润总额", f"{profit:,}"],
                ["已缴税费（不含个人所得税）", f"{w('tax'):,}"]]

    def write_audit(self) -> None:
        firm = "北京示例正信会计师事务所（普通合伙）"
        pdf = self.pdf(F_FIN, "2024年度审计报告.pdf", f"{self.name} 2024年度审计报告", firm)
        pdf.title(f"{self.name}", 16, 4)
        pdf.title("2024年度审计报告", 20)
        pdf.line(f"报告文号：示正审字[2025]第{digits(self.name, 4)}号", 11, x=PAGE_W / 2 - 90)
        pdf.gap(20)
        pdf.line("审 计 报 告", 14, x=PAGE_W / 2 - 40)
        pdf.line(f"{self.name}全体股东：", 10.5)
        pdf.line("一、审计意见", 11)
        pdf.para(f"我们审计了{self.name}财务报表，包括2024年12月31日的资产负债表，2024年度的利润表、现金流量表、"
                 "所有者权益变动表以及相关财务报表附注。我们认为，后附的财务报表在所有重大方面按照企业会计准则的规定编制，"
                 "公允反映了贵公司2024年12月31日的财务状况以及2024年度的经营成果和现金流量。")
        pdf.line("二、形成审计意见的基础", 11)
        pdf.para("我们按照中国注册会计师审计准则的规定执行了审计工作。我们相信，我们获取的审计证据是充分、适当的，为发表审计意见提供了基础。")
        pdf.gap(10)
        pdf.line(f"{firm}        中国注册会计师：陈志远、刘晓", 10)
        pdf.line("二〇二五年三月二十日", 10, x=PAGE_W / 2)
        pdf.stamp(MARGIN + 110, pdf.y + 20, 100)
        pdf.new_page()
        pdf.title("主要财务数据（资产负债表、利润表摘要）", 14)
        pdf.table(self._finance_rows(2024), [260, 200])
        pdf.gap(12)
        pdf.line("单位：万元。详细报表及附注略。", 9)
        self.pad(pdf, "audit")
        pdf.save()

    def write_statements(self) -> None:
        pdf = self.pdf(F_FIN, "2024年度财务报表.pdf", f"{self.name} 2024年度财务报表")
        pdf.title("2024年度财务报表", 18)
        pdf.kv("编制单位", self.name)
        pdf.kv("报表期间", "2024年1月1日至2024年12月31日")
        pdf.gap(6)
        pdf.line("资产负债表、利润表摘要", 12)
        pdf.table(self._finance_rows(2024), [260, 200])
        pdf.gap(10)
        pdf.line("现金流量表：经营活动产生的现金流量净额为正，详见附表。", 10)
        pdf.sign("单位负责人：" + self.co.get("legal_representative", ""), "编制单位（盖章）", "", (False, True))
        pdf.save()

    # -- application form and undertaking
    def form_values(self) -> dict[str, object]:
        co, app = self.co, self.p["application"]
        fin = co.get("finance", {})
        f23, f24 = fin.get("2023", {}), fin.get("2024", {})
        q = co.get("qualifications", {})
        cs = self.p.get("contracts", [])
        compute = [c for c in cs if c["kind"] == "compute"]
        cap = str(co.get("registered_capital", "")).replace("万", "")
        ip = co.get("ip", {})
        v: dict[str, object] = {
            "企业名称": self.name, "单位名称": self.name, "注册日期": co["registered_on"].isoformat(),
            "公司登记注册类型": co.get("company_type"), "注册资本（万元）": cap, "注册资本": cap + "万元",
            "统一社会信用代码": self.code, "纳税地": co.get("tax_district"), "注册地址": co.get("registered_address"),
            "纳统地": co.get("stats_district"), "实际经营地址": co.get("operating_address"),
            "办公地址": co.get("operating_address"), "办公面积（平方米）": co.get("office_area_m2"),
            "企业现有人数（人）": co.get("employees"), "单位人数": co.get("employees"),
            "其中：本科以上学历人数（人）": co.get("employees_bachelor_plus"),
            "企业法人": [co.get("legal_representative"), None, co.get("legal_representative_phone")],
            "企业联系人": [co.get("contact"), None, co.get("contact_phone")],
            "知识产权获得情况": None,
            "↓知识产权获得情况": [ip.get("invention_patents", 0), ip.get("utility_models", 0),
                                 ip.get("software_copyrights", 0)],
            "登记注册时间": co["registered_on"].isoformat(),
            "净资产（万元）": [f23.get("net_assets"), f24.get("net_assets")],
            "营业收入（万元）": [f23.get("revenue"), f24.get("revenue")],
            "利润总额（万元）": [f23.get("total_profit"), f24.get("total_profit")],
            "研发费用（万元）": [f23.get("rd_expense"), f24.get("rd_expense")],
            "纳税额（不含个人所得税）（万元）": [f23.get("tax"), f24.get("tax")],
            "企业基本情况简介": " ".join(co.get("intro", "").split()),
            "申请单位情况说明": " ".join(co.get("intro", "").split()),
            "被认定时间": q.get("recognised_on").isoformat() if q.get("recognised_on") else None,
            "获得市级支持资金金额（万元）": "0",
            "2023年度营业收入": f"{f23.get('revenue')} 万元", "2024年度营业收入": f"{f24.get('revenue')} 万元",
            "2024年纳税": f"{f24.get('tax')} 万元", "2024年度研发费用投入": f"{f24.get('rd_expense')} 万元",
            "2024年度营业收入增长率": f"{(Decimal(str(f24['revenue'])) / Decimal(str(f23['revenue'])) * 100 - 100):.1f} %"
            if f23.get("revenue") and f24.get("revenue") else None,
            "2024年度研发费用占营业收入比例": f"{(Decimal(str(f24['rd_expense'])) / Decimal(str(f24['revenue'])) * 100):.1f} %"
            if f24.get("rd_expense") and f24.get("revenue") else None,
            "项目联系人及电话": f"{co.get('contact')} {co.get('contact_phone')}",
        }
        if compute:
            v.update({
                "合同编号": "；".join(c["id"] for c in compute),
                "合同起止时间": "；".join(f"{c['start']}至{c['end']}" for c in compute),
                "算力规模（P）": "；".join(str(c.get("scale_p", "")) for c in compute),
                "算力用途": "；".join(c.get("purpose", "") for c in compute),
                "算力供给方": "；".join(c["supplier"] for c in compute),
                "算力所在地": "；".join(c.get("location", "") for c in compute),
                "算力类型（自主算力/非自主算力）": "；".join(
                    ("自主算力 " if c.get("accelerator_domestic") else "非自主算力 ") + c.get("accelerator", "")
                    for c in compute),
                "获得政府资金支持": "否",
            })
        if q.get("platform_name"):
            v.update({
                "实验室/创新平台/研究机构等名称": q["platform_name"],
                "资质认定时间": q["platform_date"].isoformat(),
                "实验室/创新平台/研究机构等地址": q.get("platform_address"),
                "资质认定部门": q.get("platform_department"),
                "平台建设内容": q.get("platform_content"),
                "设立主体1名称": self.name, "设立主体1统一社会信用代码": self.code,
                "设立主体1注册地址": co.get("registered_address"),
                "总面积（平方米）": q.get("platform_total_area_m2"),
                "其中，研发及办公面积（平方米）": q.get("platform_rd_office_area_m2"),
            })
        if app.get("requested_wan"):
            v["申报支持资金（万元）"] = app["requested_wan"]
        return {k: val for k, val in v.items() if val is not None or k == "知识产权获得情况"}

    def form_ticks(self) -> dict[str, list[tuple[str, str]]]:
        q = self.co.get("qualifications", {})
        ticks: dict[str, list[tuple[str, str]]] = {}
        if self.pid.startswith("tz-"):
            ticks["申报方向（按照《申报指南》政策条款原文内容填写）"] = [("模型劵" if "model" in self.pid else "算力劵", "")]
        if self.pid == "sjs-compute":
            ticks["人工智能企业认定类别"] = (([("国家《生成式", "")] if q.get("model_filing") else [])
                                          + ([("北京市人工智能领域重点企业", "")] if q.get("beijing_ai_key_enterprise") else [])
                                          + ([("北京市通用人工智能产业创新伙伴", "")] if q.get("agi_partner_program") else []))
        if self.pid == "sjs-platform" and q.get("platform_date"):
            when = q["platform_date"]
            status = "新认定，建设时间" if q.get("platform_status") == "new" else "新迁入，迁入时间"
            ticks["平台类别"] = [(status, f"☑{status}（{when.year}年{when.month}月{when.day}日）")]
            ticks["平台资质"] = [(q.get("platform_kind", "北京市重点实验室"), "")]
        return ticks

    def write_application(self) -> None:
        tpl, stem = APPLICATION_TEMPLATE[self.pid]
        data = fill_form(TEMPLATES / tpl, self.form_values(), stem.split("_", 1)[1], self.name, self.form_ticks())
        out = self.path(F_APP, f"{stem}.docx")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        # the signed, stamped scan of the same form
        pdf = self.pdf(F_APP, f"{stem}（盖章扫描件）.pdf", stem.split("_", 1)[1])
        lines = [t for t in docx_text(data) if t.strip()]
        for i, text in enumerate(lines):
            if text.strip().startswith("单位负责人"):
                continue  # the form's blank signature line: signed below
            if i < 3 and len(text) < 30:
                pdf.title(text.strip(), 16 if i else 10, 6)
            else:
                pdf.line(text.replace("\t", "  ").replace("☑", "√"), 9.5)
        pdf.gap(10)
        pdf.line(f"单位负责人：{self.co.get('legal_representative', '')}（签章）      （单位公章）", 10.5)
        pdf.line(cn_date(self.app_date), 10.5, x=PAGE_W / 2 + 60)
        pdf.stamp(PAGE_W / 2 + 100, pdf.y + 20, 100)
        pdf.save()

    def undertaking_lines(self) -> list[str]:
        tpl, _ = UNDERTAKING_TEMPLATE[self.pid]
        date = cn_date(self.app_date)
        rep = self.co.get("legal_representative", "")
        if tpl is None:  # 经开区: the downloaded template is not printed in the notice
            return ["承诺书", "北京经济技术开发区管理委员会：",
                    f"本单位{self.name}（统一社会信用代码：{self.code}）申请北京经济技术开发区模型券支持，郑重承诺如下：",
                    "一、本单位提交的全部申报材料真实、准确、完整，不存在虚报、冒领、重复申报等行为；",
                    "二、本次申报项目未获得经开区其他同类资金支持，且未同时申报揭榜挂帅类项目；",
                    "三、模型服务供给方与本单位不存在关联关系；",
                    "四、如有违反，本单位自愿退还全部补贴资金并承担相应法律责任。",
                    f"法定代表人（签字）：{rep}", f"单位（盖章）：{self.name}", f"时间：{date}"]
        import docx
        d = docx.Document(str(TEMPLATES / tpl))
        out = []
        for p in d.paragraphs:
            t = p.text
            t = re.sub(r"我公司\s+（统一社会信用代码：\s+）", f"我公司{self.name}（统一社会信用代码：{self.code}）", t)
            t = re.sub(r"^本单位拟申请", f"本单位{self.name}拟申请", t)
            if re.fullmatch(r"\s*(时间：)?\s*年\s+月\s+日\s*", t):
                t = (("时间：" if "时间" in t else "") + date)
            elif "法定代表人（签字）" in t and "\t" in t:
                t = f"单位法定代表人（签字）：{rep}    单位（盖章）：{self.name}"
            elif "法定代表人（签字）" in t:
                t = t.rstrip() + rep
            elif "（签章）" in t:
                t = t.rstrip() + self.name
            out.append(t)
        return out

    def write_undertaking(self, stamped: bool = True) -> None:
        _, stem = UNDERTAKING_TEMPLATE[self.pid]
        pdf = self.pdf(F_APP, f"{stem}.pdf", "承诺书")
        lines = self.undertaking_lines()
        title_done = False
        for text in lines:
            if not text.strip():
                pdf.gap(6)
            elif re.fullmatch(r"附(件)?\d-\d", text.strip()):
                pdf.line(text.strip(), 12)
            elif not title_done and ("承诺书" in text or len(text) < 20) and "：" not in text:
                pdf.title(text.strip(), 18, 4)
                title_done = "承诺书" in text
            elif text.startswith(("单位法定代表人", "法定代表人", "申请单位", "单位（", "时间", "20")) or text == cn_date(self.app_date):
                pdf.line(text, 11, x=PAGE_W / 2 - 40)
            else:
                pdf.para(text.strip(), 11) if not text.endswith("：") else pdf.line(text.strip(), 11)
        if stamped:
            pdf.stamp(PAGE_W / 2 + 110, pdf.y + 40, 110)
        pdf.save()

    # -- qualifications, descriptions
    def write_qualification(self) -> None:
        q = self.co.get("qualifications", {})
        if q.get("model_filing"):
            pdf = self.pdf(F_QUA, "生成式人工智能服务备案证明.pdf", "生成式人工智能服务备案证明", "北京市互联网信息办公室")
            pdf.title("生成式人工智能服务备案证明", 18)
            pdf.kv("备案主体", self.name)
            pdf.kv("统一社会信用代码", self.code)
            pdf.kv("备案编号", q["model_filing"])
            pdf.kv("备案日期", cn_date(q.get("recognised_on", self.app_date)))
            pdf.para("根据《生成式人工智能服务管理暂行办法》，该主体的生成式人工智能服务已完成备案。")
            pdf.gap(20)
            pdf.line("北京市互联网信息办公室", 11, x=PAGE_W / 2)
            pdf.stamp(PAGE_W / 2 + 60, pdf.y + 10, 100)
            pdf.save()
        if q.get("beijing_ai_key_enterprise"):
            pdf = self.pdf(F_QUA, "北京市人工智能重点企业证明.pdf", "北京市人工智能重点企业证明", "北京市经济和信息化局")
            pdf.title("北京市人工智能重点企业证明", 18)
            pdf.para(f"兹证明{self.name}（统一社会信用代码：{self.code}）已于{cn_date(q.get('recognised_on', self.app_date))}"
                     "被认定为北京市人工智能重点企业，特此证明。")
            pdf.gap(20)
            pdf.line("北京市经济和信息化局", 11, x=PAGE_W / 2)
            pdf.stamp(PAGE_W / 2 + 60, pdf.y + 10, 100)
            pdf.save()

    def write_platform(self) -> None:
        q = self.co["qualifications"]
        dept = q.get("platform_department", "北京市科学技术委员会")
        pdf = self.pdf(F_QUA, "北京市重点实验室认定文件.pdf", "关于认定北京市重点实验室的通知", dept)
        pdf.title(f"关于认定“{q['platform_name']}”的通知", 15)
        pdf.line(f"京科发〔{q['platform_date'].year}〕{int(digits(q['platform_name'], 2))}号", 10, x=PAGE_W / 2 - 50)
        pdf.line(f"{self.name}：", 11)
        pdf.para(f"经专家评审和公示，{q['platform_name']}（依托单位：{self.name}）符合北京市重点实验室认定条件，"
                 f"现予以认定。实验室地址：{q.get('platform_address', '')}。研究方向：{q.get('platform_content', '')}。")
        pdf.para(f"认定日期：{cn_date(q['platform_date'])}。")
        pdf.gap(20)
        pdf.line(dept, 11, x=PAGE_W / 2 - 40)
        pdf.stamp(PAGE_W / 2 + 60, pdf.y + 10, 100)
        pdf.save()

    def write_supplier_qualifications(self) -> None:
        seen = set()
        for c in self.p.get("contracts", []):
            if c["kind"] != "compute" or c["supplier"] in seen:
                continue
            seen.add(c["supplier"])
            sup, scode = c["supplier"], supplier_code(c)
            pdf = self.pdf(F_QUA, f"算力供给方资质_{sup}.pdf", "算力供给企业资质证明", sup)
            pdf.title("算力供给企业资质证明", 18)
            pdf.kv("企业名称", sup)
            pdf.kv("统一社会信用代码", scode)
            pdf.kv("增值电信业务经营许可证", f"京B1.B2-2023{digits(sup, 4)}（互联网数据中心业务、云服务）")
            pdf.kv("算力中心地址", c.get("location", ""))
            pdf.kv("算力资源", f"{c.get('accelerator', '')} 智算集群，可供算力规模不低于{c.get('scale_p', '')}P")
            pdf.para("本单位承诺上述资质真实有效，并与算力需求方不存在关联关系。")
            pdf.sign("", f"供给方（盖章）：{sup}", cn_date(c["signed_on"]), (False, True))
            pdf.save()

    def write_usage(self) -> None:
        d = new_docx("算力使用情况说明", self.name)
        d.add_heading("算力使用情况说明", level=1)
        d.add_paragraph(f"申报单位：{self.name}（统一社会信用代码：{self.code}）")
        for c in self.p.get("contracts", []):
            if c["kind"] != "compute":
                continue
            total = sum((money(x["amount"]) for x in c.get("deliveries", [])), Decimal(0))
            d.add_paragraph(f"合同编号：{c['id']}；算力供给方：{c['supplier']}；服务期限：{cn_date(c['start'])}至{cn_date(c['end'])}。")
            d.add_paragraph(f"算力规模{c.get('scale_p', '')}P，卡型{c.get('accelerator', '')}"
                            f"（{'国产' if c.get('accelerator_domestic') else '非国产'}），所在地：{c.get('location', '')}。"
                            f"用途：{c.get('purpose', '')}。截至申报日已结算{len(c.get('deliveries', []))}期，累计{wan(total)}。")
        for s in self.p.get("support", []):
            d.add_paragraph(f"补贴申请情况说明：合同{s['contract']}已获{s.get('programme', '')}支持{wan(money(s['amount']))}"
                            f"（{'已拨付' if s.get('status') == 'received' else '已申请'}）。")
        if not self.p.get("support"):
            d.add_paragraph("补贴申请情况说明：上述合同未获得其他财政资金支持。")
        d.add_paragraph(f"申报单位（盖章）：{self.name}    {cn_date(self.app_date)}")
        out = self.path(F_DESC, "算力使用情况说明.docx")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(docx_bytes(d))

    def write_compute_plan(self) -> None:
        """000 二(二)3: the plan, budget and cost breakdown of the compute use."""
        pdf = self.pdf(F_DESC, "算力应用方案、预算及费用明细.pdf", "算力应用方案、预算及费用明细")
        pdf.title("算力应用方案、预算及费用明细", 17)
        pdf.kv("申报单位", self.name)
        rows = [["合同编号", "算力供给方", "规模", "用途", "合同金额"]]
        for c in self.p.get("contracts", []):
            if c["kind"] == "compute":
                rows.append([c["id"], c["supplier"], f"{c.get('scale_p', '')}P", c.get("purpose", ""),
                             wan(money(c["amount"]))])
        pdf.table(rows, [70, 120, 40, 140, 70])
        pdf.para("预算说明：算力费用按合同约定的结算周期据实结算，全部用于大模型研发，不含存储、网络等其他服务。")
        pdf.sign("", f"申报单位（盖章）：{self.name}", cn_date(self.app_date), (False, True))
        pdf.save()

    def write_fund_plan(self) -> None:
        """001 三(二)3: the plan for using the rent subsidy and operating funds."""
        pdf = self.pdf(F_DESC, "租金补贴和运营经费使用计划.pdf", "租金补贴和运营经费使用计划")
        pdf.title("租金补贴和运营经费使用计划", 17)
        pdf.kv("申报单位", self.name)
        pdf.para("租金补贴全部用于研发及办公场地租赁；运营经费用于平台技术研发、公共服务能力提升及开放共享服务运营。")
        pdf.table([["用途", "比例"], ["研发及办公场地租赁", "60%"], ["技术研发", "25%"], ["公共服务与运营", "15%"]],
                  [240, 100])
        pdf.sign("", f"申报单位（盖章）：{self.name}", cn_date(self.app_date), (False, True))
        pdf.save()

    def write_model_description(self) -> None:
        pdf = self.pdf(F_DESC, "大模型情况说明（基本情况及应用成效）.pdf", "大模型使用情况说明")
        pdf.title("大模型基本情况及应用成效说明", 17)
        pdf.kv("申报单位", self.name)
        pdf.kv("应用领域", self.p["application"].get("field", ""))
        for c in self.p.get("contracts", []):
            if not c["kind"].startswith("model"):
                continue
            pdf.gap(6)
            pdf.line(f"{c['id']}：{c.get('model_name', '')}（供给方：{c['supplier']}）", 11)
            pdf.para(f"应用场景：{c.get('purpose', '')}。所用模型{'已完成生成式人工智能服务备案' if c.get('model_filed') else '未备案'}。")
        pdf.para(" ".join(self.co.get("intro", "").split()))
        pdf.para("应用成效：业务处理效率提升40%以上，人工复核工作量下降约三成。")
        pdf.sign("", f"申报单位（盖章）：{self.name}", cn_date(self.app_date), (False, True))
        pdf.save()

    def write_acceptance(self) -> None:
        for c in self.p.get("contracts", []):
            if c["kind"] not in ("model-private", "model-cloud", "model-appliance"):
                continue
            last = c["deliveries"][-1]["date"] if c.get("deliveries") else c["end"]
            pdf = self.pdf(F_DESC, f"项目验收报告_{c['id']}.pdf", f"项目验收报告 {c['id']}")
            pdf.title("项目验收报告", 18)
            pdf.kv("项目名称", c.get("purpose", ""))
            pdf.kv("合同编号", c["id"])
            pdf.kv("建设单位", self.name)
            pdf.kv("承建单位", c["supplier"])
            pdf.kv("验收日期", cn_date(last))
            pdf.para(f"经验收组现场测试，“{c.get('model_name', '')}”已按合同完成部署并稳定运行，功能、性能指标满足合同要求，同意通过验收。")
            pdf.sign(f"建设单位（盖章）：{self.name}", f"承建单位（盖章）：{c['supplier']}", cn_date(last))
            pdf.save()

    # -- everything
    def build(self) -> None:
        for c in self.p.get("contracts", []):
            self.write_contract(c)
            for i, d in enumerate(c.get("deliveries", [])):
                self.write_settlement(c, i, d)
            for inv in c.get("invoices", []):
                buyer = None
                if self.flaw == "buyer-mismatch" and inv["number"] == "25112000220000000006":
                    buyer = (OTHER_BUYER[0], credit_code(OTHER_BUYER[1]))
                self.write_invoice(c, inv, buyer=buyer)
            for pay in c.get("payments", []):
                self.write_payment(c, pay)
        writers = {"application": self.write_application,
                   "undertaking": lambda: self.write_undertaking(stamped=self.flaw != "unstamped-undertaking"),
                   "qualification": self.write_qualification, "platform": self.write_platform,
                   "license": self.write_license, "tax": self.write_tax, "bank": self.write_bank,
                   "audit": self.write_audit, "statements": self.write_statements,
                   "supplier_qualification": self.write_supplier_qualifications, "usage": self.write_usage,
                   "model": self.write_model_description, "acceptance": self.write_acceptance,
                   "compute_plan": self.write_compute_plan, "fund_plan": self.write_fund_plan}
        for key in EXTRAS[self.pid]:
            writers[key]()
        self.apply_flaw()

    def apply_flaw(self) -> None:
        if self.flaw == "missing-settlement":
            (self.root / F_SET / "结算单_HT-2024-001_2024-12-31.pdf").unlink()
        elif self.flaw == "duplicate-invoice":
            src = self.root / F_INV / "24112000230000000001.pdf"
            shutil.copyfile(src, self.root / F_INV / "发票_24112000230000000001（重复上传）.pdf")
        elif self.flaw == "undeclared-invoice":
            c = next(c for c in self.p["contracts"] if c["id"] == "FZX-API-2025")
            self.write_invoice(c, {"number": "25112000240000000009", "date": dt.date(2025, 10, 10), "amount": "3.2万"})


# --------------------------------------------------------------------------- scanned variants

def scan_pdf(src: Path, dest: Path, *, dpi: int = 130, angle: float = 0.6, quality: int = 65) -> None:
    """``src`` printed and rescanned: every page rendered (pypdfium2), turned a little, JPEG,
    put back as the only content of a PDF page: no text layer. Deterministic."""
    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument(str(src))
    c = canvas.Canvas(str(dest), pagesize=A4, invariant=1, pageCompression=1)
    c.setCreator("subsidy sample_dossiers/generate.py")
    c.setProducer("ReportLab PDF Library (invariant)")
    try:
        for i in range(len(pdf)):
            img = pdf[i].render(scale=dpi / 72).to_pil().convert("RGB")
            img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=(255, 255, 255))
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=quality)
            buf.seek(0)
            c.drawImage(ImageReader(buf), 0, 0, PAGE_W, PAGE_H)
            c.showPage()
    finally:
        pdf.close()
    c.save()


def photo_of(src: Path, dest: Path, *, dpi: int = 120, angle: float = -1.8) -> None:
    """A phone photo of ``src``'s first page: turned, on a grey desk, JPEG."""
    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument(str(src))
    try:
        page = pdf[0].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        pdf.close()
    desk = Image.new("RGB", (page.width + 80, page.height + 80), (118, 112, 104))
    desk.paste(page, (40, 40))
    desk.rotate(angle, resample=Image.BICUBIC, fillcolor=(118, 112, 104)).save(dest, "JPEG", quality=70)


def scanned_profile_text(pid: str, slug: str, text: str) -> str:
    zh, en = next((z, e) for s, z, e in SCANNED[pid] if s == slug)
    head = f"# SCANNED SAMPLE{f' ({slug})' if slug else ''}: {en}\n# 扫描件示例：{zh}\n"
    if pid == "sjs-compute":
        old = '{ date = 2025-03-10, amount = "400万" }'
        assert old in text
        text = text.replace(old, '{ date = 2025-03-10, amount = "400万", file = "05_付款凭证/微信图片_20250314.jpg" }', 1)
    return head + text


def build_scanned(d: "Dossier", slug: str) -> None:
    """Turn a freshly built complete dossier into its scanned variant ``slug``."""
    root = d.root
    if d.pid == "sjs-compute":
        contract = root / F_CON / "合同_HT-2024-001.pdf"
        tmp = contract.with_suffix(".orig.pdf")
        contract.rename(tmp)
        scan_pdf(tmp, contract)
        tmp.unlink()
        proof = root / F_PAY / "银行回单_HT-2024-001_2025-03-10.pdf"
        photo_of(proof, root / F_PAY / "微信图片_20250314.jpg")
        proof.unlink()
        sheets = root / F_SET
        shutil.copyfile(sheets / "结算单_HT-2024-001_2024-06-30.pdf", sheets / "结算单_HT-2024-001_2024-06-30 - 副本.pdf")
        if slug == "copy-hides-missing-settlement":
            (sheets / "结算单_HT-2024-001_2024-12-31.pdf").unlink()
    elif slug == "other-licence":
        real = (d.name, d.code)
        d.name, d.code = OTHER_LICENCE[0], credit_code(OTHER_LICENCE[1])
        d.write_license()
        d.name, d.code = real
    elif slug == "unstamped-scan":
        d.write_undertaking(stamped=False)
        page = root / F_APP / "附4-2_承诺书.pdf"
        tmp = page.with_suffix(".orig.pdf")
        page.rename(tmp)
        logo_pdf = tmp.with_suffix(".logo.pdf")
        from pypdf import PdfReader, PdfWriter
        c = canvas.Canvas(str(logo_pdf), pagesize=A4, invariant=1)
        c.setFillColorRGB(0.86, 0.1, 0.12)
        c.circle(MARGIN + 20, PAGE_H - 40, 16, stroke=0, fill=1)       # a red logo in the letterhead
        c.setFillColorRGB(1, 1, 1)
        c.setFont(FONT, 14)
        c.drawCentredString(MARGIN + 20, PAGE_H - 45, "智")
        c.save()
        w = PdfWriter(clone_from=str(tmp))
        w.pages[0].merge_page(PdfReader(str(logo_pdf)).pages[0])
        with open(tmp, "wb") as fh:
            w.write(fh)
        scan_pdf(tmp, page)
        tmp.unlink()
        logo_pdf.unlink()


# --------------------------------------------------------------------------- driver

def flawed_profile_text(pid: str, text: str) -> str:
    slug, zh, en = FLAWS[pid]
    head = f"# FLAWED SAMPLE ({slug}): {en}\n# 有缺陷的示例：{zh}\n"
    if slug == "out-of-window":
        text, n = re.subn(r"(?m)^date = 2025-09-10.*$",
                          "date = 2025-09-20                                  # FLAW: outside the 2025 round's 2025-09-01 .. 09-15",
                          text, count=1)
        assert n == 1
    return head + text


def clean(folder: Path, keep_profile: bool) -> None:
    if not folder.exists():
        return
    for child in sorted(folder.iterdir()):
        if child.is_dir() and re.match(r"\d\d_", child.name):
            shutil.rmtree(child)
        elif not keep_profile and child.is_file():
            child.unlink()


def describe(folder: Path) -> str:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in ("subsidy.toml", "README.md"))
    by_folder: dict[str, int] = {}
    for f in files:
        by_folder[f.parent.name] = by_folder.get(f.parent.name, 0) + 1
    return "、".join(f"{k} {v}" for k, v in sorted(by_folder.items()))


def write_readme(out: Path) -> None:
    lines = ["# Sample dossiers",
             "",
             "Generated by `sample_dossiers/generate.py` (deterministic; do not edit the documents by hand):",
             "",
             "    .venv/bin/python sample_dossiers/generate.py            # rewrite the documents here",
             "    .venv/bin/python sample_dossiers/generate.py --out DIR  # write the same tree elsewhere",
             "",
             "Each dossier is a folder with `subsidy.toml` (the company profile) at its root and the materials in",
             "numbered sub-folders: 01_申报书, 02_合同, 03_发票 (one PDF per invoice, named by its number), 04_结算单",
             "(one per delivery), 05_付款凭证 (one 银行回单 per payment), 06_资质证明, 07_企业证照, 08_财务报表,",
             "09_情况说明. All names, amounts and dates come from the profile; stamped materials carry a seal image.",
             "All companies, people, codes and numbers are fictitious.",
             "",
             "| dossier | programme | flaw | contents |",
             "|---|---|---|---|"]
    for pid in PROGRAMMES:
        lines.append(f"| `{pid}/` | {pid} | none (complete) | {describe(out / pid)} |")
    for pid in PROGRAMMES:
        slug, zh, en = FLAWS[pid]
        d = f"{pid}-flawed-{slug}"
        lines.append(f"| `{d}/` | {pid} | {en} ({zh}) | {describe(out / d)} |")
    for pid in PROGRAMMES:
        for slug, zh, en in SCANNED.get(pid, []):
            d = scanned_name(pid, slug)
            lines.append(f"| `{d}/` | {pid} | {en} ({zh}) | {describe(out / d)} |")
    lines.append("")
    (out / "README.md").write_text("\n".join(lines), encoding="utf-8")


def scanned_name(pid: str, slug: str) -> str:
    return f"{pid}-scanned" + (f"-flawed-{slug}" if slug else "")


def generate(out: Path, programmes: list[str] | None = None) -> list[Path]:
    """Write the complete and flawed dossiers of ``programmes`` (default: all six) under ``out``,
    and, when all are written, the README listing them."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for pid in programmes or PROGRAMMES:
        src = HERE / pid / "subsidy.toml"
        text = src.read_text(encoding="utf-8")
        dest = out / pid
        dest.mkdir(parents=True, exist_ok=True)
        clean(dest, keep_profile=True)
        if dest.resolve() != src.parent.resolve():
            (dest / "subsidy.toml").write_text(text, encoding="utf-8")
        Dossier(pid, tomllib.loads(text), dest).build()
        written.append(dest)

        slug, zh, en = FLAWS[pid]
        fdest = out / f"{pid}-flawed-{slug}"
        if fdest.exists():
            shutil.rmtree(fdest)
        fdest.mkdir(parents=True)
        ftext = flawed_profile_text(pid, text)
        (fdest / "subsidy.toml").write_text(ftext, encoding="utf-8")
        (fdest / "README.md").write_text(
            f"# {pid}-flawed-{slug}\n\nFlaw: {en}\n\n缺陷：{zh}\n\n"
            f"A copy of the complete `{pid}` dossier with exactly this one flaw; generated by "
            "`sample_dossiers/generate.py`.\n", encoding="utf-8")
        Dossier(pid, tomllib.loads(ftext), fdest, flaw=slug).build()
        written.append(fdest)

        for slug, zh, en in SCANNED.get(pid, []):
            sdest = out / scanned_name(pid, slug)
            if sdest.exists():
                shutil.rmtree(sdest)
            sdest.mkdir(parents=True)
            stext = scanned_profile_text(pid, slug, text)
            (sdest / "subsidy.toml").write_text(stext, encoding="utf-8")
            (sdest / "README.md").write_text(
                f"# {scanned_name(pid, slug)}\n\n{'Flaw' if slug else 'Scanned'}: {en}\n\n"
                f"{'缺陷' if slug else '扫描件'}：{zh}\n\nA copy of the complete `{pid}` dossier as received from a "
                "client (scans, photos, copies); generated by `sample_dossiers/generate.py`.\n", encoding="utf-8")
            dossier = Dossier(pid, tomllib.loads(stext), sdest)
            dossier.build()
            build_scanned(dossier, slug)
            written.append(sdest)
    if not programmes:
        write_readme(out)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=HERE, help="output folder (default: sample_dossiers/)")
    args = ap.parse_args(argv)
    for d in generate(args.out):
        n = sum(1 for p in d.rglob("*") if p.is_file())
        print(f"{d}: {n} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
