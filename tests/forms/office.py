"""Build Word forms the way government offices' Word writes them (python-docx + raw OOXML).

Each helper returns an OOXML fragment (a string); ``Form`` collects body-level fragments and saves a
real .docx. The markup is what Word 2016+ writes for the construct: content controls with
``w:showingPlcHdr`` and the ``PlaceholderText`` style, ``w14:checkbox`` controls drawn in MS Gothic,
Wingdings ``w:sym`` boxes, underlined runs of spaces, gridSpan / vMerge cells, nested tables.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import RGBColor

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"')
PLACEHOLDER = "单击或点击此处输入文字。"


def rpr(*, u: bool = False, sz: int | None = None, font: str | None = None, color: str | None = None,
        bold: bool = False, style: str | None = None) -> str:
    parts = []
    if style:
        parts.append(f'<w:rStyle w:val="{style}"/>')
    if font:
        parts.append(f'<w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}" w:hint="eastAsia"/>')
    if bold:
        parts.append("<w:b/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if sz:
        parts.append(f'<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>')
    if u:
        parts.append('<w:u w:val="single"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def r(text: str = "", **kw) -> str:
    body = []
    for i, chunk in enumerate(text.split("\t")):
        if i:
            body.append("<w:tab/>")
        if chunk:
            body.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return f"<w:r>{rpr(**kw)}{''.join(body)}</w:r>"


def sym(font: str = "Wingdings", char: str = "F0A8") -> str:
    return f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'


def p(*runs: str, style: str | None = None, jc: str | None = None, tab_at: int | None = None,
      ind: int | None = None) -> str:
    ppr = []
    if style:
        ppr.append(f'<w:pStyle w:val="{style}"/>')
    if tab_at:
        ppr.append(f'<w:tabs><w:tab w:val="left" w:pos="{tab_at}"/></w:tabs>')
    if ind:
        ppr.append(f'<w:ind w:left="{ind}"/>')
    if jc:
        ppr.append(f'<w:jc w:val="{jc}"/>')
    return f"<w:p>{'<w:pPr>' + ''.join(ppr) + '</w:pPr>' if ppr else ''}{''.join(runs)}</w:p>"


def sdt_run(text: str = PLACEHOLDER, sdt_id: int = 100, **kw) -> str:
    """A plain-text content control in running text, showing Word's placeholder."""
    return (f'<w:sdt><w:sdtPr><w:id w:val="{sdt_id}"/><w:placeholder><w:docPart '
            f'w:val="DefaultPlaceholder_-1854013440"/></w:placeholder><w:showingPlcHdr/><w:text/></w:sdtPr>'
            f'<w:sdtContent>{r(text, style="PlaceholderText", **kw)}</w:sdtContent></w:sdt>')


def sdt_block(content: str, sdt_id: int = 200) -> str:
    """A rich-text content control around paragraphs, cells or rows (block, cell, row level)."""
    return (f'<w:sdt><w:sdtPr><w:id w:val="{sdt_id}"/><w:showingPlcHdr/></w:sdtPr>'
            f"<w:sdtContent>{content}</w:sdtContent></w:sdt>")


def checkbox(checked: bool = False, sdt_id: int = 300) -> str:
    """A w14 check box content control, as Word's Developer tab inserts it."""
    glyph = "☒" if checked else "☐"
    return (f'<w:sdt><w:sdtPr><w:id w:val="{sdt_id}"/><w14:checkbox><w14:checked w14:val="{int(checked)}"/>'
            '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
            '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
            f'<w:sdtContent>{r(glyph, font="MS Gothic")}</w:sdtContent></w:sdt>')


def tc(*paras: str, w: int = 2000, span: int = 1, vmerge: str | None = None) -> str:
    pr = f'<w:tcW w:w="{w}" w:type="dxa"/>'
    if span > 1:
        pr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge:
        pr += "<w:vMerge/>"
    body = "".join(x if x.startswith(("<w:p>", "<w:p ", "<w:tbl", "<w:sdt")) else p(r(x)) for x in paras)
    return f"<w:tc><w:tcPr>{pr}</w:tcPr>{body or '<w:p/>'}</w:tc>"


def tr(*cells: str) -> str:
    return f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>"


def tbl(rows: list[str], widths: list[int]) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    borders = "".join(f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                      for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
            f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')


def label_value(pairs: list[tuple[str, str]], widths=(2200, 2600, 2200, 2600)) -> list[str]:
    """Rows of label | value | label | value (value '' is an empty cell)."""
    rows = []
    for i in range(0, len(pairs), 2):
        cells = []
        for label, value in pairs[i:i + 2]:
            cells += [tc(label, w=widths[0]), tc(value, w=widths[1]) if value else tc(w=widths[1])]
        if len(pairs[i:i + 2]) == 1:
            cells[-1] = tc(w=sum(widths[1:]), span=3)
        rows.append(tr(*cells))
    return rows


class Form:
    """A Word document under construction: body fragments in order, then save()."""

    def __init__(self, font: str = "宋体"):
        self.doc = Document()
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.size = None
        rpr_el = normal.element.get_or_add_rPr()
        rpr_el.get_or_add_rFonts().set(qn("w:eastAsia"), font)
        st = styles.add_style("Placeholder Text", WD_STYLE_TYPE.CHARACTER)
        st.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
        body = self.doc.element.body
        for el in list(body):
            if el.tag != qn("w:sectPr"):
                body.remove(el)

    def add(self, *fragments: str) -> "Form":
        body = self.doc.element.body
        for fragment in fragments:
            el = parse_xml(f"<w:root {NS}>{fragment}</w:root>")
            for child in list(el):
                body.insert(len(body) - 1, child)
        return self

    def page_break(self) -> "Form":
        return self.add('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    def save(self, path: Path) -> Path:
        self.doc.save(str(path))
        return path


def textbox(*paras: str, cx: int = 5400000, cy: int = 2400000) -> str:
    """A paragraph anchoring a text box (wps, with the VML copy Word writes for older readers)."""
    body = "".join(paras)
    return (
        '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:Choice xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" Requires="wps">'
        '<w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
        '<wp:docPr id="1" name="文本框 1"/><wp:cNvGraphicFramePr/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '<a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        f'<wps:txbx><w:txbxContent>{body}</w:txbxContent></wps:txbx><wps:bodyPr rot="0" vert="horz" '
        'wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t"/></wps:wsp>'
        '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" id="文本框 1" '
        'style="position:absolute;width:425pt;height:189pt" stroked="f"><v:textbox>'
        f'<w:txbxContent>{body}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r></w:p>')
