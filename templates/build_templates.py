#!/usr/bin/env python3
"""Generate Word (.docx) versions of the official application forms.

The forms are the blank 申报书 / 申报表 / 承诺书 printed at the end of the policy
texts in ``/work/shared/seeds`` (see ``templates/README.md`` for which seed and
clause each file reproduces).  The seeds only carry the forms as plain text; this
script rebuilds them as Word documents with the same wording, cover page,
填写说明 and table structure, on A4 paper, with Chinese fonts set for East Asian
text (``w:eastAsia``), so that the tool can fill them in and the applicant can
print, stamp and upload them.

Usage::

    .venv/bin/python templates/build_templates.py             # writes into templates/
    .venv/bin/python templates/build_templates.py --out DIR   # writes into DIR
    .venv/bin/python templates/build_templates.py --describe  # prints table layouts

The output is deterministic: fixed core properties, fixed zip timestamps, no
thumbnail, so regenerating gives byte-identical files (on the same zlib).

Table conventions (what a filler can rely on):

* every table cell is one of: a *label* cell (centred, text from the form), a
  *value* cell (empty, to be filled), a *hint* value cell (a value cell whose only
  run is the form's own 填写提示 text, run style ``Form Hint``; replace it), a
  *checkbox* cell (one paragraph per option, each starting with ``□``; tick by
  replacing ``□`` with ``☑``), a *unit* value cell (only text is the unit,
  right-aligned, e.g. ``万元``; put the number in front of it), or a section /
  header / signature cell;
* labels keep the line breaks of the printed form (``注册资本`` / ``（万元）`` are
  two paragraphs of one cell), so compare labels with whitespace removed;
* a value cell is always the next cell to the right of its label.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
# The installed package carries a copy of each form (a wheel cannot reach this folder); the copies
# are written together and a test keeps them byte-identical.
PACKAGED = HERE.parent / "subsidy_cli" / "data" / "templates"

# --------------------------------------------------------------------------- page + fonts

PAGE_W_MM, PAGE_H_MM = 210, 297  # A4
MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 28, 26
MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 25, 25
TEXT_W_MM = PAGE_W_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 156 mm

FONT_BODY = "宋体"  # SimSun: body text and tables
FONT_TITLE = "黑体"  # SimHei: titles, 附件 numbers, section rows
FONT_LATIN = "Times New Roman"

SIZE_BODY = Pt(12)  # 小四
SIZE_TABLE = Pt(10.5)  # 五号
SIZE_LETTER = Pt(14)  # 四号 (承诺书 running text)
SIZE_ATTACH = Pt(16)  # 三号 (附2-1 …)
SIZE_TITLE = Pt(22)  # 二号
SIZE_COVER = Pt(26)  # 一号
SIZE_COVER_BIG = Pt(36)  # 小初

FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)
ZIP_TIME = (2025, 1, 1, 0, 0, 0)


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def _set_rfonts(rpr, east_asia: str | None = None, latin: str | None = None) -> None:
    """Set explicit fonts on an rPr (removing theme fonts, which would win)."""
    rfonts = rpr.get_or_add_rFonts()  # keeps schema order (after w:rStyle)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    if latin:
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            rfonts.set(qn(attr), latin)
    if east_asia:
        rfonts.set(qn("w:eastAsia"), east_asia)


def _style_rpr(style):
    return style.element.get_or_add_rPr()


def _exact(style_or_pf, pt: float) -> None:
    pf = getattr(style_or_pf, "paragraph_format", style_or_pf)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(pt)


def setup_styles(doc, *, letter_size=SIZE_LETTER, letter_line: float = 28) -> None:
    styles_el = doc.styles.element
    # docDefaults: explicit Chinese fonts, zh-CN, no paragraph spacing.
    rpr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_rfonts(rpr_default, east_asia=FONT_BODY, latin=FONT_LATIN)
    lang = rpr_default.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    ppr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr_default.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")

    normal = doc.styles["Normal"]
    normal.font.name = FONT_LATIN
    normal.font.size = SIZE_BODY
    _set_rfonts(_style_rpr(normal), east_asia=FONT_BODY, latin=FONT_LATIN)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0

    def para_style(name, *, font=FONT_BODY, size=SIZE_BODY, bold=None, align=None):
        st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = normal
        st.quick_style = True
        st.font.size = size
        if bold is not None:
            st.font.bold = bold
        _set_rfonts(_style_rpr(st), east_asia=font, latin=FONT_LATIN)
        if align is not None:
            st.paragraph_format.alignment = align
        return st

    # Exact line heights keep the page budget identical whatever CJK font the
    # reader substitutes (the cover and each 承诺书 must stay on one page).
    _exact(para_style("Form Attachment No", font=FONT_TITLE, size=SIZE_ATTACH), 28)
    st = para_style("Form Title", font=FONT_TITLE, size=SIZE_TITLE, align=WD_ALIGN_PARAGRAPH.CENTER)
    _exact(st, 36)
    st.paragraph_format.space_before = Pt(12)
    st.paragraph_format.keep_with_next = True
    _exact(para_style("Form Cover Title", font=FONT_TITLE, size=SIZE_COVER,
                      align=WD_ALIGN_PARAGRAPH.CENTER), 40)
    _exact(para_style("Form Cover Line", size=Pt(16)), 30)
    st = para_style("Form Letter", size=letter_size, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _exact(st, letter_line)
    st = para_style("Form Table Text", size=SIZE_TABLE)
    st.paragraph_format.line_spacing = 1.0

    hint = doc.styles.add_style("Form Hint", WD_STYLE_TYPE.CHARACTER)
    hint.font.color.rgb = RGBColor(0x59, 0x59, 0x59)


def setup_page(doc) -> None:
    sec = doc.sections[0]
    sec.page_width = Mm(PAGE_W_MM)
    sec.page_height = Mm(PAGE_H_MM)
    sec.left_margin = Mm(MARGIN_LEFT_MM)
    sec.right_margin = Mm(MARGIN_RIGHT_MM)
    sec.top_margin = Mm(MARGIN_TOP_MM)
    sec.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    sec.header_distance = Mm(15)
    sec.footer_distance = Mm(15)
    # write exact twips (Mm() -> EMU -> twips can be off by one)
    sectPr = sec._sectPr
    pgSz = sectPr.find(qn("w:pgSz"))
    pgSz.set(qn("w:w"), "11906")
    pgSz.set(qn("w:h"), "16838")


def new_document(title: str, **style_kw):
    doc = Document()
    # python-docx's default template carries a sample thumbnail: drop it.
    pkg = doc.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del pkg.rels[rid]
    # start from an empty body (the default template has none today)
    body = doc.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    setup_styles(doc, **style_kw)
    setup_page(doc)
    cp = doc.core_properties
    cp.title = title
    cp.subject = "北京人工智能算力/模型补贴申报材料模板"
    cp.author = "subsidy templates/build_templates.py"
    cp.last_modified_by = ""
    cp.comments = "Generated from the policy texts in /work/shared/seeds; do not edit by hand."
    cp.keywords = ""
    cp.category = ""
    cp.revision = 1
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME
    return doc


# --------------------------------------------------------------------------- paragraphs


def add_run(p, text: str, *, size=None, font=None, bold=None, underline=None, style=None):
    run = p.add_run(text, style=style)
    rfonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    if font:
        rfonts.set(qn("w:eastAsia"), font)
    # □ “” —— are "ambiguous" characters: make Word use the East Asian font.
    rfonts.set(qn("w:hint"), "eastAsia")
    if size is not None:
        run.font.size = size
    if bold is not None:
        run.font.bold = bold
    if underline is not None:
        run.font.underline = underline
    return run


def para(container, text: str = "", style: str | None = None, *, align=None, **run_kw):
    p = container.add_paragraph(style=style)
    if align is not None:
        p.paragraph_format.alignment = align
    if text:
        add_run(p, text, **run_kw)
    return p


def page_break_before(p) -> None:
    """Start paragraph p on a new page (no empty break paragraph that could
    spill onto a page of its own)."""
    p.paragraph_format.page_break_before = True


def attachment_no(doc, text: str) -> None:
    para(doc, text, "Form Attachment No")


def letter_para(doc, parts, *, indent=True):
    """A paragraph of running text; parts are str or ('blank', n_spaces)."""
    p = doc.add_paragraph(style="Form Letter")
    if indent:  # two characters
        p.paragraph_format.first_line_indent = doc.styles["Form Letter"].font.size * 2
        ind = p._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), "200")
    for part in parts if isinstance(parts, (list, tuple)) else [parts]:
        if isinstance(part, tuple):
            add_run(p, " " * part[1], underline=True)
        else:
            add_run(p, part)
    return p


def signature_lines(doc, lines, *, left_mm: float, blank_between: bool = False):
    for i, line in enumerate(lines):
        if blank_between and i:
            para(doc, "", "Form Letter")
        p = para(doc, line, "Form Letter")
        p.paragraph_format.left_indent = Mm(left_mm)


# --------------------------------------------------------------------------- cover + 填写说明


def cover_page(doc, attach: str, title_lines: list[str]) -> None:
    """石景山区 申报书 cover (identical layout in 附2-1 and 附4-1)."""
    # vertical budget (exact line heights; 700 pt of text height on A4):
    # 28 + 40 + 2*40 + 40 + 54 + 2*30 + 5*42 + 2*30 + 3*36 = 680
    attachment_no(doc, attach)
    para(doc, "", "Form Cover Title")
    for line in title_lines:
        para(doc, line, "Form Cover Title")
    para(doc, "", "Form Cover Title")
    p = para(doc, "申  报  书", "Form Cover Title", size=SIZE_COVER_BIG)
    _exact(p.paragraph_format, 54)
    for _ in range(2):
        para(doc, "", "Form Cover Line")
    # info block: label, then an underlined tab up to a right-hand tab stop,
    # except 起止年限 whose blanks are printed in the line itself.
    tab_at = Mm(148)
    for label, fill in (
        ("申报单位（加盖公章）：", True),
        ("起止年限：   年 月  日——   年 月  日", False),
        ("联  系 人：", True),
        ("联系电话：", True),
        ("邮    箱：", True),
    ):
        p = para(doc, label, "Form Cover Line")
        p.paragraph_format.left_indent = Mm(12)
        p.paragraph_format.space_after = Pt(12)
        p.paragraph_format.tab_stops.add_tab_stop(tab_at, WD_TAB_ALIGNMENT.LEFT)
        if fill:
            add_run(p, "\t", underline=True)
    for _ in range(2):
        para(doc, "", "Form Cover Line")
    for line in ("中关村科技园区石景山园管理委员会", "北京市石景山区科学技术委员会", "二〇二五年制"):
        p = para(doc, line, "Form Cover Line", align=WD_ALIGN_PARAGRAPH.CENTER)
        p.paragraph_format.space_after = Pt(6)


def instructions_page(doc, project: str) -> None:
    p = para(doc, "填 写 说 明", "Form Title")
    page_break_before(p)
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.space_after = Pt(18)
    for line in (
        "1.本申报书系中关村科技园区石景山园管理委员会北京市石景山区科学技术委员会"
        f"（以下简称“石景山园管委会区科委”）为组织申报“{project}”项目而制定。",
        "2.申报单位应如实填写各项内容。",
        "3.原则上同一申报单位只能选取一个项目进行申报。",
        "4.申报书为标准模板，不可删除规定内容。",
    ):
        letter_para(doc, line)


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class Cell:
    """One table cell. kind: label | value | hint | check | unit | section | head | sign | blank."""

    kind: str
    lines: tuple[str, ...] = ()
    vmerge: str | None = None  # "restart" / "continue"
    align: str | None = None  # override: "left" / "center" / "right"


def L(text: str, vmerge=None) -> Cell:
    return Cell("label", tuple(text.split("\n")), vmerge)


def V() -> Cell:
    return Cell("value")


def H(text: str) -> Cell:
    return Cell("hint", (text,))


def CB(*lines: str) -> Cell:
    return Cell("check", lines)


def U(unit: str) -> Cell:
    return Cell("unit", (unit,))


def S(text: str) -> Cell:
    return Cell("section", (text,))


def HEAD(text: str, align="center") -> Cell:
    return Cell("head", (text,), align=align)


def SIGN(*lines: str) -> Cell:
    return Cell("sign", lines)


def CONT() -> Cell:
    return Cell("label", (), "continue")


@dataclass(frozen=True)
class Row:
    widths: tuple[float, ...]  # mm, must sum to the table width
    cells: tuple[Cell, ...]
    height: float | None = None  # minimum height, mm
    keep: bool = False  # keep this row on the same page as the next one


def R(widths, *cells, h=None, keep=False) -> Row:
    assert len(widths) == len(cells), (widths, cells)
    return Row(tuple(widths), tuple(cells), h, keep)


DEFAULT_ROW_MM = 8.5


def _vcenter(cell):
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _fill_cell(cell, spec: Cell, tab_mm: float | None) -> None:
    paras = []

    def first_or_new():
        if not paras:
            p = cell.paragraphs[0]
            p.style = cell.part.document.styles["Form Table Text"]
        else:
            p = cell.add_paragraph(style="Form Table Text")
        paras.append(p)
        return p

    k = spec.kind
    if k == "label":
        for line in spec.lines or ("",):
            p = first_or_new()
            p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if line:
                add_run(p, line)
        _vcenter(cell)
    elif k == "value":
        first_or_new()
        _vcenter(cell)
    elif k == "hint":
        p = first_or_new()
        add_run(p, spec.lines[0], style="Form Hint")
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    elif k == "unit":
        p = first_or_new()
        p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        add_run(p, spec.lines[0])
        _vcenter(cell)
    elif k == "check":
        for line in spec.lines:
            p = first_or_new()
            if line and tab_mm and "\t" in line:
                p.paragraph_format.tab_stops.add_tab_stop(Mm(tab_mm), WD_TAB_ALIGNMENT.LEFT)
            if line:
                add_run(p, line)
        _vcenter(cell)
    elif k == "section":
        p = first_or_new()
        p.paragraph_format.keep_with_next = True  # keeps the row with the next one
        add_run(p, spec.lines[0], font=FONT_TITLE)
        _vcenter(cell)
    elif k == "head":
        p = first_or_new()
        p.paragraph_format.keep_with_next = True
        p.paragraph_format.alignment = (
            WD_ALIGN_PARAGRAPH.LEFT if spec.align == "left" else WD_ALIGN_PARAGRAPH.CENTER
        )
        add_run(p, spec.lines[0])
        _vcenter(cell)
    elif k == "sign":
        for line in spec.lines:
            p = first_or_new()
            p.paragraph_format.left_indent = Mm(95)
            p.paragraph_format.space_before = Pt(6)
            if line:
                add_run(p, line)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    elif k == "blank":
        first_or_new()
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    else:  # pragma: no cover
        raise ValueError(k)


def build_table(doc, rows: list[Row], *, tab_mm: float | None = None, new_page: bool = False,
                row_mm: float = DEFAULT_ROW_MM):
    """Build a fixed-layout table; the grid is the union of all rows' cell edges."""
    total = sum(rows[0].widths)
    edges: set[int] = set()
    row_edges = []
    for row in rows:
        assert abs(sum(row.widths) - total) < 1e-6, (row, sum(row.widths), total)
        pos, es = 0.0, [0]
        for w in row.widths:
            pos += w
            es.append(twips(pos))
        row_edges.append(es)
        edges.update(es)
    grid = sorted(edges)
    ncols = len(grid) - 1
    col_of = {e: i for i, e in enumerate(grid)}

    table = doc.add_table(rows=len(rows), cols=ncols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # w:tblLayout fixed
    tblPr = table._tbl.tblPr
    # 1 mm left/right cell padding (Word's default is 1.9 mm): labels such as
    # 统一社会信用代码 and 18-character codes fit on one line.
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(twips(1)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblPr.find(qn("w:tblLayout")).addnext(mar)  # schema order: tblLayout, tblCellMar, tblLook
    tblW = tblPr.find(qn("w:tblW"))
    tblW.set(qn("w:type"), "dxa")
    tblW.set(qn("w:w"), str(grid[-1]))
    for gc, (a, b) in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), zip(grid, grid[1:])):
        gc.set(qn("w:w"), str(b - a))

    # cell positions per row: (start grid col, end grid col exclusive)
    spans = [
        [(col_of[a], col_of[b]) for a, b in zip(es, es[1:])] for es in row_edges
    ]
    # horizontal merges
    for r, row_spans in enumerate(spans):
        for gs, ge in row_spans:
            if ge - gs > 1:
                table.cell(r, gs).merge(table.cell(r, ge - 1))
    # vertical merges
    for r, row in enumerate(rows):
        for (gs, ge), spec in zip(spans[r], row.cells):
            if spec.vmerge == "restart":
                r2 = r
                while r2 + 1 < len(rows):
                    nxt = [c for (s, _), c in zip(spans[r2 + 1], rows[r2 + 1].cells) if s == gs]
                    if nxt and nxt[0].vmerge == "continue":
                        r2 += 1
                    else:
                        break
                assert r2 > r, f"vmerge restart without continuation at row {r}"
                table.cell(r, gs).merge(table.cell(r2, gs))
    # contents
    for r, row in enumerate(rows):
        for (gs, ge), spec in zip(spans[r], row.cells):
            if spec.vmerge == "continue":
                continue
            _fill_cell(table.cell(r, gs), spec, tab_mm)
    for r, row in enumerate(rows):
        if row.keep:  # Word/LibreOffice keep a row with the next via its paragraphs
            for tc in table._tbl.tr_lst[r].tc_lst:
                for p in tc.findall(qn("w:p")):
                    pPr = p.get_or_add_pPr()
                    if pPr.find(qn("w:keepNext")) is None:
                        pPr.keepNext_val = True
    if new_page:  # Word and LibreOffice honour this on the first row's paragraph
        page_break_before(table.cell(0, 0).paragraphs[0])
    # explicit widths on every tc, row heights, rows never split over pages
    for r, (tr, row) in enumerate(zip(table._tbl.tr_lst, rows)):
        g = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tcPr = tc.get_or_add_tcPr()
            tcW = tcPr.get_or_add_tcW()
            tcW.set(qn("w:w"), str(grid[g + span] - grid[g]))
            tcW.set(qn("w:type"), "dxa")
            g += span
        assert g == ncols
        trow = table.rows[r]
        trow.height = Mm(row.height or row_mm)
        trow.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        trPr = tr.get_or_add_trPr()
        trPr.insert(0, OxmlElement("w:cantSplit"))
    return table


# --------------------------------------------------------------------------- the forms

W = TEXT_W_MM


def form_sjs_compute_application():
    """000 附2-1 石景山区支持算力应用项目申报书."""
    doc = new_document("附2-1 石景山区支持算力应用项目申报书")
    # The seed prints no "附2-1" above this cover (001 prints "附4-1" above its
    # identical cover); restored from 000 三(一)1 "（见附2-1）".
    cover_page(doc, "附2-1", ["石景山区", "支持算力应用项目"])
    instructions_page(doc, "支持算力应用")

    # value column 1 is 43 mm: an 18-character credit code fits on one line
    w4 = (34, 43, 38, 41)
    wp = (34, 43, 21, 29, 29)  # 企业法人 / 企业联系人: 手机 and 座机 value cells
    w2 = (34, 122)
    w1 = (W,)
    rows = [
        R(w4, L("企业名称"), V(), L("注册日期"), V()),
        R(w4, L("公司登记注册类型"), V(), L("注册资本\n（万元）"), V()),
        R(w4, L("统一社会信用代码"), V(), L("纳税地"), V()),
        R(w4, L("注册地址"), V(), L("纳统地"), V()),
        R(w4, L("实际经营\n地址"), V(), L("办公面积（平方米）"), V()),
        R(w4, L("企业现有人数（人）"), V(), L("其中：本科以上学历人数（人）"), V()),
        R(wp, L("企业法人"), V(), L("手机/座机"), V(), V()),
        R(wp, L("企业联系人"), V(), L("手机/座机"), V(), V()),
        R(w1, HEAD("企业财务数据")),
        R(w4, L(""), L("2023年"), L("2024年"), L("2025年")),
        R(w4, L("净资产（万元）"), V(), V(), V()),
        R(w4, L("营业收入（万元）"), V(), V(), V()),
        R(w4, L("利润总额（万元）"), V(), V(), V()),
        R(w4, L("研发费用（万元）"), V(), V(), V()),
        R(w4, L("纳税额（不含个人所得税）\n（万元）"), V(), V(), V()),
        R(w4, L("知识产权获得情况", vmerge="restart"), L("发明专利（个）"), L("实用新型（个）"), L("软著（个）")),
        R(w4, CONT(), V(), V(), V()),
        R(w2, L("企业基本情况简介"),
          H("包括企业人员数量、研发人员占比、主营业务、核心技术和产品、企业荣誉资质、融资情况等"), h=45),
        R(w2, L("人工智能企业认定类别"), CB(
            "□国家《生成式人工智能服务管理暂行办法》备案证明",
            # the seed lost this □; it is the second of three options
            "□北京市人工智能领域重点企业证明",
            "□北京市通用人工智能产业创新伙伴计划单位证明",
        ), h=20),
        R(w4, L("被认定时间"), V(), L("获得市级支持资金\n金额（万元）"), V()),
        # one contract block (合同编号 … 获得政府资金支持); copy it per contract.
        # keep=True keeps the block on one page.
        R(w2, L("合同编号"), V(), keep=True),
        R(w2, L("合同起止时间"), V(), keep=True),
        R(w2, L("算力规模（P）"), V(), keep=True),
        R(w2, L("算力用途"), H("用途具体到项目，如涉及国家或者地方支持的任务需注明"), h=15, keep=True),
        R(w2, L("算力供给方"), V(), keep=True),
        R(w2, L("算力所在地"), H("填写到具体产业园"), keep=True),
        R(w2, L("算力类型（自主算力/非自主算力）"), H(
            "具体到厂家卡型号，如A100、910B。需对算力类型按照自主卡和非自主卡分开填写，"
            "如涉及两类请分两行填写相关内容"), h=18, keep=True),
        R(w2, L("获得政府资金支持"), H("如是，明确近三年国家、市级资金支持情况"), h=15),
        R(w1, HEAD("其他需要说明的问题", align="left")),
        R(w1, Cell("blank"), h=30),
        R(w1, HEAD("项目申报单位意见", align="left")),
        R(w1, SIGN("", "单位负责人：（签章）", "(单位公章)", "2025年  月  日"), h=45),
    ]
    build_table(doc, rows, new_page=True)
    return doc


def form_sjs_platform_application():
    """001 附4-1 石景山区建设产业服务平台项目申报书."""
    doc = new_document("附4-1 石景山区建设产业服务平台项目申报书")
    cover_page(doc, "附4-1", ["石景山区", "建设产业服务平台项目"])
    instructions_page(doc, "支持建设产业服务平台")

    # wide labels (设立主体2名称（若有） on one line); 42 mm for the credit codes
    w4 = (44, 30, 40, 42)
    wp = (44, 30, 21, 30, 31)
    w2 = (44, 112)
    w1 = (W,)
    rows = [
        R(w4, L("实验室/创新平台/研究机构等名称"), V(), L("资质认定时间"), V()),
        R(w4, L("实验室/创新平台/研究机构等地址"), V(), L("资质认定部门"), V()),
        R(w2, L("平台建设\n内容"), V(), h=22),
    ]
    for n in (1, 2, 3):
        opt = "" if n == 1 else "（若有）"
        rows += [
            R(w4, L(f"设立主体{n}名称{opt}"), V(), L(f"设立主体{n}统一\n社会信用代码{opt}"), V()),
            R(w2, L(f"设立主体{n}注册地址{opt}"), V()),
        ]
    rows += [
        # the seed lost the □ before both options (one-of choice)
        R(w2, L("平台类别"), CB(
            "□新认定，建设时间（    年   月    日）",
            "□新迁入，迁入时间（    年   月    日）",
        ), h=14),
        R(w4, L("总面积（平方米）"), V(), L("其中，研发及办公面积（平方米）"), V()),
        R(wp, L("企业法人"), V(), L("手机/座机"), V(), V()),
        R(wp, L("企业联系人"), V(), L("手机/座机"), V(), V()),
        # the seed lost the □ before each option; printed two per line
        R(w2, L("平台资质"), CB(
            "□国家工程研究中心\t□全国重点实验室",
            "□北京市工程研究中心\t□北京市重点实验室",
            "□其他类别（同时需写明国家级/市级认定部门）",
        ), h=20),
        R(w1, HEAD("其他需要说明的问题", align="left")),
        R(w1, Cell("blank"), h=22),
        R(w1, HEAD("项目申报单位意见", align="left")),
        R(w1, SIGN("", "单位负责人：（签章）", "(单位公章)", "2025年  月  日"), h=32),
    ]
    build_table(doc, rows, tab_mm=55, new_page=True)
    return doc


def form_sjs_pledge(attach: str):
    """000 附2-2 / 001 附4-2 承诺书 (same text in both notices)."""
    doc = new_document(f"{attach} 承诺书")
    attachment_no(doc, attach)
    p = para(doc, "承诺书", "Form Title")
    p.paragraph_format.space_after = Pt(18)
    letter_para(doc, [
        "我公司", ("blank", 30), "（统一社会信用代码：", ("blank", 24),
        "）已充分了解知悉《石景山区推进人工智能大模型产业集聚区建设发展支持办法》相关政策、"
        "规定及资金申报的相关要求，如实填写并提交有关材料，并对本次申报郑重承诺如下:",
    ])
    for line in (
        "一、此次申报所提交材料均真实、完整、合法。如有虚假、错漏信息，愿承担相应法律责任及由此产生的一切后果。",
        "二、本单位近三年内没有重大违法违规行为记录，未被列入失信被执行人、重大税收违法案件当事人名单、"
        "政府采购严重违法失信行为记录名单、石景山区联合惩戒“黑名单”。",
        "三、所提交的资金申请材料确认为本单位编写，填写内容真实、准确、有效，无委托其他机构代编写行为。",
        "四、在资金申报过程中，本单位保证接受有关部门的监督并积极配合相关调查。",
        "上述承诺，一经作出，本单位遵照执行。若违反上述承诺，愿意承担全部责任。",
        "特此声明！",
    ):
        letter_para(doc, line)
    para(doc, "", "Form Letter")
    para(doc, "", "Form Letter")
    p = letter_para(doc, "单位法定代表人（签字）\t单位（盖章）")
    p.paragraph_format.tab_stops.add_tab_stop(Mm(100), WD_TAB_ALIGNMENT.LEFT)
    para(doc, "", "Form Letter")
    p = para(doc, "年  月  日", "Form Letter")
    p.paragraph_format.left_indent = Mm(110)
    return doc


def form_bj_compute_voucher_pledge():
    """002 附件3-1 北京市高精尖产业发展资金承诺书（2025年）."""
    # the longest 承诺书: 小四 on a 24 pt grid keeps text and signatures on one page
    doc = new_document("附件3-1 北京市高精尖产业发展资金承诺书（2025年）",
                       letter_size=SIZE_BODY, letter_line=24)
    attachment_no(doc, "附件3-1")
    para(doc, "北京市高精尖产业发展资金承诺书", "Form Title")
    p = para(doc, "（2025年）", "Form Title", size=SIZE_ATTACH)
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.space_after = Pt(18)
    for line in (
        "本单位拟申请2025年北京市高精尖产业发展资金算力券补贴方向，具体承诺如下：",
        "1.本单位严格遵守国家相关法律法规、政策要求，以及《北京市高精尖产业发展项目资金管理办法》等相关规定。",
        "2.本单位未因违法失信行为被行政机关实施联合惩戒，或被司法部门采取失信惩戒措施。",
        "3.本单位提交的全部材料均真实、准确、有效，申报资格和条件符合指南、通知相关规定。",
        "4.本单位在申报期内未获得其他市级财政资金的相关智能算力支持。",
        "5.所有材料已经脱密处理，如有发生涉密资料（载体）泄露，愿意承担有关保密责任。",
        "6.本单位自愿接受并积极配合市区相关部门监管。",
        "7.本单位遵循诚实守信原则，若违反以上承诺事项，将在收到北京市经济和信息化局要求退还资金的通知之日起"
        "6个月内向北京市经济和信息化局退还全部资金。",
        "8.本单位将按照相关法律法规和制度规定使用高精尖资金，对高精尖资金申报和使用中存在虚报、骗取、挪用、"
        "贿赂等违法违规行为，将依照《财政违法行为处罚处分条例》等相关法律法规接受处理。涉嫌犯罪的，"
        "自愿接受司法机关依法处理。",
    ):
        letter_para(doc, line)
    para(doc, "", "Form Letter")
    signature_lines(doc, ["法定代表人（签字）：", "单位（签章）：", "时间：    年    月    日"],
                    left_mm=75, blank_between=True)
    return doc


def form_tz_application():
    """003 附件1-1 申报表 (通州区 方向一 算力劵/模型劵)."""
    doc = new_document("附件1-1 申报表")
    attachment_no(doc, "附件1-1")
    para(doc, "申报表", "Form Title")
    para(doc, "", "Form Table Text")

    w4 = (40, 38, 34, 44)
    wf = (40, 50, 66)  # 财务数据 | item | value with unit suffix
    w2 = (40, 116)
    w1 = (W,)
    fin = [
        ("2023年度营业收入", "万元"),
        ("2024年度营业收入", "万元"),
        ("2024年度营业收入增长率", "%"),
        ("预计2025年度营业收入", "万元"),
        ("2024年度净利润", "万元"),
        ("2024年纳税", "万元"),
        ("2024年度研发费用投入", "万元"),
        ("2024年度研发费用占营业收入比例", "%"),
        ("企业估值", "万元"),
    ]
    rows = [
        R(w1, S("一、申报单位基本情况")),
        R(w4, L("单位名称"), V(), L("统一社会信用代码"), V()),
        R(w4, L("注册地址"), V(), L("办公地址"), V()),
        R(w4, L("注册资本"), V(), L("登记注册时间"), V()),
        R(w4, L("注册行业代码"), V(), L("统计行业代码"), V()),
        R(w4, L("单位人数"), V(), L("挂牌或上市进展"), CB("□计划3年内挂牌或上市", "□暂无计划")),
    ]
    for i, (item, unit) in enumerate(fin):
        first = L("财务数据", vmerge="restart") if i == 0 else CONT()
        rows.append(R(wf, first, L(item), U(unit)))
    rows += [
        R(w2, L("申请单位情况说明"), H(
            "示例：历史沿革、技术优势、主要产品、行业优势、资质荣誉、发展预期、专利情况、人员学历占比情况、"
            "近三年获得市、区两级各类政府资金支持情况等（不超过1000字）"), h=35),
        R(w1, S("二、申报项目基本情况")),
        R(w2, L("申报方向\n\n（按照《申报指南》政策条款原文内容填写）"), CB("□算力劵", "", "□模型劵"), h=25),
        R(w2, L("申报支持资金（万元）"), V()),
        R(w2, L("项目联系人及电话"), V()),
    ]
    build_table(doc, rows, row_mm=7.5)  # one page, like the printed form
    return doc


def form_tz_pledge():
    """003 附件1-2 北京城市副中心数字经济高质量发展项目申报承诺书."""
    doc = new_document("附件1-2 北京城市副中心数字经济高质量发展项目申报承诺书")
    attachment_no(doc, "附件1-2")
    para(doc, "北京城市副中心数字经济高质量", "Form Title")
    p = para(doc, "发展项目申报承诺书", "Form Title")
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.space_after = Pt(18)
    letter_para(doc, "通州区经济和信息化局：", indent=False)
    for line in (
        "本单位拟申请贵局数字经济高质量发展项目补助资金，承诺如下：",
        "1.本单位对项目申报材料的准确性和真实性负责，如有不实，愿承担相应的责任；",
        "2.本单位财务管理制度健全且近三年无严重失信记录和重大安全事故；",
        "3.项目申报后，本单位不会以任何形式干预后续进行的项目审查、评审和确定工作；",
        "4.本次申请资金的项目在通州区未获得其他区级财政资金支持。",
    ):
        letter_para(doc, line)
    para(doc, "", "Form Letter")
    signature_lines(doc, ["法定代表人（签字）：", "申请单位（签章）：", "时间：   年   月   日"],
                    left_mm=75, blank_between=True)
    return doc


# file name -> (builder, seed, clause, description)
FORMS = {
    "sjs-compute_附2-1_申报书.docx": (form_sjs_compute_application, "000", "三(一)1"),
    "sjs-compute_附2-2_承诺书.docx": (lambda: form_sjs_pledge("附2-2"), "000", "三(一)7"),
    "sjs-platform_附4-1_申报书.docx": (form_sjs_platform_application, "001", "四(一)1"),
    "sjs-platform_附4-2_承诺书.docx": (lambda: form_sjs_pledge("附4-2"), "001", "四(一)7"),
    "bj-compute-voucher_附件3-1_承诺书.docx": (form_bj_compute_voucher_pledge, "002", "三(七)"),
    "tz_附件1-1_申报表.docx": (form_tz_application, "003", "四(一)1, 四(二)1(1), 四(二)2(1)"),
    "tz_附件1-2_承诺书.docx": (form_tz_pledge, "003", "四(一)7, 四(二)1(7), 四(二)2(7)"),
}


# --------------------------------------------------------------------------- output


def docx_bytes(doc) -> bytes:
    """Serialise with fixed zip metadata so the file is reproducible."""
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


def _cell_desc(tc) -> str:
    paras = tc.findall(qn("w:p"))
    texts = [
        "".join(
            (t.text or "") if t.tag == qn("w:t") else " "
            for r in p.findall(qn("w:r"))
            for t in r
            if t.tag in (qn("w:t"), qn("w:tab"))
        )
        for p in paras
    ]
    text = "/".join(t for t in texts if t)
    if not text:
        return "[ ]"
    if tc.xpath(".//w:rStyle[@w:val='FormHint']"):
        return f"[hint: {text}]"
    if text in ("万元", "%"):
        return f"[ ] {text}"
    if "□" in text:
        return "{" + text + "}"
    return text


def describe(doc) -> str:
    """Table layout: per row, the grid columns each cell covers and its content.

    ``[ ]`` empty value cell, ``[hint: …]`` value cell holding the form's hint,
    ``[ ] 万元`` value cell with a unit suffix, ``{□…/□…}`` checkbox cell,
    ``↓`` / ``↑`` vertical merge start / continuation, ``/`` separates paragraphs.
    """
    out = []
    for t_i, table in enumerate(doc.tables):
        ncols = len(table._tbl.tblGrid.findall(qn("w:gridCol")))
        out.append(f"table {t_i}: {len(table.rows)} rows x {ncols} grid columns")
        for r, tr in enumerate(table._tbl.tr_lst):
            g, cells = 0, []
            for tc in tr.tc_lst:
                span = tc.grid_span
                if tc.vMerge == "continue":
                    desc = "↑"
                else:
                    desc = _cell_desc(tc).replace("\t", " ")
                    if tc.vMerge == "restart":
                        desc += " ↓"
                cols = f"c{g}" if span == 1 else f"c{g}-{g + span - 1}"
                cells.append(f"{cols} {desc}")
                g += span
            out.append(f"  r{r}: " + " | ".join(cells))
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=HERE, help="output directory (default: templates/)")
    ap.add_argument("--describe", action="store_true", help="print table layouts instead of writing")
    args = ap.parse_args(argv)
    for name, (builder, _seed, _clause) in FORMS.items():
        doc = builder()
        if args.describe:
            print(f"== {name}")
            print(describe(doc))
            continue
        data = docx_bytes(doc)
        outs = [args.out] + ([PACKAGED] if args.out == HERE else [])
        for out in outs:
            out.mkdir(parents=True, exist_ok=True)
            (out / name).write_bytes(data)
            print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
