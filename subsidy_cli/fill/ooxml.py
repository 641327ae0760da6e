"""WordprocessingML as offices author it: text, runs and content controls (python-docx's lxml elements).

Everything here looks *through* the wrappers Word puts around content (``w:sdt`` content controls at
run, block, cell and row level, ``w:customXml``, ``w:smartTag``, ``w:hyperlink``, tracked insertions),
so a label or a value slot inside a content control is read like any other. A text box's content
(``w:txbxContent``) is read once: the VML copy in ``mc:Fallback`` is ignored.
"""

from __future__ import annotations

import copy
import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
TRANSPARENT = {qn(t) for t in ("w:sdt", "w:sdtContent", "w:customXml", "w:smartTag", "w:ins",
                               "w:hyperlink", "w:fldSimple", "w:moveTo")}
T, TAB, BR, CR, SYM, RPR = (qn(t) for t in ("w:t", "w:tab", "w:br", "w:cr", "w:sym", "w:rPr"))
P, R, TBL, TR, TC, SDT = (qn(t) for t in ("w:p", "w:r", "w:tbl", "w:tr", "w:tc", "w:sdt"))
_NOT_IN_RUN_RPR = {qn("w:ins"), qn("w:del"), qn("w:moveFrom"), qn("w:moveTo"), qn("w:rPrChange")}

PLACEHOLDERS = ("单击或点击此处输入文字。", "单击此处输入文字。", "点击或单击此处输入文字。", "单击或点击此处输入日期。",
                "单击或点击以输入日期。", "Click or tap here to enter text.", "Click here to enter text.",
                "Click or tap to enter a date.")
HINT_STYLES = {"FormHint", "Form Hint", "PlaceholderText", "Placeholder Text"}
# Wingdings / Wingdings 2 symbols that draw a box: unticked and the ticked glyph of the same font
SYM_BOXES = {"wingdings": ({"F0A8", "F06F", "F071", "F0A1"}, "F0FE"),
             "wingdings 2": ({"F0A3", "F02A", "F0A0"}, "F052")}
SYM_TICKED = {"wingdings": {"F0FE", "F078", "F0FD"}, "wingdings 2": {"F052", "F054", "F053", "F051"}}


def kids(el, tags):
    """el's logical children with a tag in tags, looking through content controls and wrappers."""
    for ch in el:
        if ch.tag in tags:
            yield ch
        elif ch.tag in TRANSPARENT:
            yield from kids(ch, tags)


def in_fallback(el) -> bool:
    return any(a.tag == MC_FALLBACK for a in el.iterancestors())


def sync_fallbacks(body) -> None:
    """A text box's VML copy (mc:Fallback) gets the filled content of the box Word shows (mc:Choice)."""
    mc = MC_FALLBACK.rsplit("}", 1)[0] + "}"
    for alt in body.iter(f"{mc}AlternateContent"):
        choice, fallback = alt.find(f"{mc}Choice"), alt.find(f"{mc}Fallback")
        if choice is None or fallback is None:
            continue
        filled = list(choice.iter(qn("w:txbxContent")))
        old = list(fallback.iter(qn("w:txbxContent")))
        if len(filled) != len(old):
            continue
        for src, dst in zip(filled, old):
            for child in list(dst):
                dst.remove(child)
            for child in src:
                dst.append(copy.deepcopy(child))


def all_paragraphs(body) -> list:
    """Every paragraph in document order: body, tables (nested), content controls, text boxes."""
    return [p for p in body.iter(P) if not in_fallback(p)]


def runs(p) -> list:
    return list(kids(p, {R}))


def sym_glyph(node) -> str:
    font = (node.get(qn("w:font")) or "").lower()
    char = (node.get(qn("w:char")) or "").upper()
    if font in SYM_BOXES:
        if char in SYM_BOXES[font][0]:
            return "□"
        if char in SYM_TICKED[font]:
            return "☑"
    return "\ufffc"


def run_text(r) -> str:
    out = []
    for node in r:
        if node.tag == T:
            out.append(node.text or "")
        elif node.tag == TAB:
            out.append("\t")
        elif node.tag in (BR, CR):
            out.append("\n")
        elif node.tag == SYM:
            out.append(sym_glyph(node))
    return "".join(out)


def para_text(p) -> str:
    return "".join(run_text(r) for r in runs(p))


def cell_paragraphs(tc) -> list:
    return list(kids(tc, {P}))


def cell_text(tc) -> str:
    return "\n".join(para_text(p) for p in cell_paragraphs(tc))


def text_of(el) -> str:
    """All text below el (any depth), as the document shows it."""
    return "".join(run_text(r) for r in el.iter(R) if not in_fallback(r))


# --------------------------------------------------------------------------- characters of a paragraph


def char_map(p) -> list[tuple]:
    """[(run, child, offset, char)] for each character of p's text."""
    out = []
    for r in runs(p):
        for node in r:
            if node.tag == T:
                out += [(r, node, i, ch) for i, ch in enumerate(node.text or "")]
            elif node.tag == TAB:
                out.append((r, node, 0, "\t"))
            elif node.tag in (BR, CR):
                out.append((r, node, 0, "\n"))
            elif node.tag == SYM:
                out.append((r, node, 0, sym_glyph(node)))
    return out


def _content_len(node) -> int:
    if node.tag == T:
        return len(node.text or "")
    return 1 if node.tag in (TAB, BR, CR, SYM) else 0


def split_run(r, k: int):
    """Split run r after its k-th character; returns the new second run (or None when k is an end)."""
    nodes = [n for n in r if n.tag != RPR]
    total = sum(_content_len(n) for n in nodes)
    if k <= 0 or k >= total:
        return None
    r2 = copy.deepcopy(r)
    r.addnext(r2)
    acc = 0
    for n1, n2 in zip(nodes, [n for n in r2 if n.tag != RPR]):
        n = _content_len(n1)
        if (n and acc + n <= k) or (not n and acc < k):
            r2.remove(n2)
        elif acc >= k:
            r.remove(n1)
        else:
            text = n1.text
            n1.text, n2.text = text[:k - acc], text[k - acc:]
            for t in (n1, n2):
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        acc += n
    return r2


def isolate(p, start: int, end: int) -> list:
    """Split runs so that characters [start, end) of p are whole runs; those runs, in order."""
    chars = char_map(p)
    if start >= end or end > len(chars):
        return []
    # split at end first so that the start offsets stay valid
    for pos in (end, start):
        if pos >= len(chars):
            continue
        r = chars[pos][0]
        k = sum(1 for c in chars[:pos] if c[0] is r)
        split_run(r, k)
        chars = char_map(p)
    seen = []
    for r, *_ in chars[start:end]:
        if not seen or seen[-1] is not r:
            seen.append(r)
    return seen


TEXT_ONLY = {qn(t) for t in ("w:rPr", "w:t", "w:tab", "w:br", "w:cr", "w:lastRenderedPageBreak",
                               "w:noBreakHyphen", "w:softHyphen")}


def set_run_text(r, text: str) -> None:
    """Replace a run's text (tabs and line breaks as Word writes them); its formatting and anything
    that is not text (a picture, a note mark) are kept."""
    for node in [n for n in r if n.tag in TEXT_ONLY and n.tag != RPR]:
        r.remove(node)
    tmp = OxmlElement("w:r")
    tmp.text = text
    for node in list(tmp):
        if node.tag == T:
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        r.append(node)


def remove(el) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


# --------------------------------------------------------------------------- hints and placeholders


def _grey(rpr) -> bool:
    color = rpr.find(qn("w:color")) if rpr is not None else None
    if color is None:
        return False
    theme = color.get(qn("w:themeColor")) or ""
    if theme.startswith("background") or (theme.startswith("text") and color.get(qn("w:themeTint"))):
        return True
    val = (color.get(qn("w:val")) or "").upper()
    if re.fullmatch(r"[0-9A-F]{6}", val):         # a grey: three close channels, neither black nor white
        rgb = [int(val[i:i + 2], 16) for i in (0, 2, 4)]
        return max(rgb) - min(rgb) <= 0x10 and 0x60 <= min(rgb) and max(rgb) <= 0xE0
    return False


def showing_placeholder(r) -> bool:
    for a in r.iterancestors(SDT):
        pr = a.find(qn("w:sdtPr"))
        if pr is not None and pr.find(qn("w:showingPlcHdr")) is not None:
            return True
    return False


def is_hint_run(r, hint_styles=HINT_STYLES) -> bool:
    """Grey hint text, a placeholder style, or a content control's placeholder."""
    rpr = r.find(RPR)
    st = rpr.find(qn("w:rStyle")) if rpr is not None else None
    if st is not None and st.get(qn("w:val")) in hint_styles:
        return True
    if _grey(rpr) or showing_placeholder(r):
        return True
    return run_text(r).strip() in PLACEHOLDERS


def clear_hint_format(r, hint_styles=HINT_STYLES) -> None:
    """The run keeps its formatting but loses what made it a hint (placeholder style, grey)."""
    rpr = r.find(RPR)
    if rpr is None:
        return
    st = rpr.find(qn("w:rStyle"))
    if st is not None and st.get(qn("w:val")) in hint_styles:
        rpr.remove(st)
    if _grey(rpr):
        rpr.remove(rpr.find(qn("w:color")))
    for sdt in r.iterancestors(SDT):
        pr = sdt.find(qn("w:sdtPr"))
        flag = pr.find(qn("w:showingPlcHdr")) if pr is not None else None
        if flag is not None:
            pr.remove(flag)


def underlined(r) -> bool:
    rpr = r.find(RPR)
    u = rpr.find(qn("w:u")) if rpr is not None else None
    return u is not None and u.get(qn("w:val")) not in ("none", None)


def new_run_like(p, template_r=None):
    """A new run with template_r's run properties (or the paragraph mark's)."""
    r = OxmlElement("w:r")
    if template_r is not None:
        src = template_r.find(RPR)
    else:
        ppr = p.find(qn("w:pPr"))
        src = ppr.find(RPR) if ppr is not None else None
    if src is not None:
        rpr = copy.deepcopy(src)
        for child in list(rpr):
            if child.tag in _NOT_IN_RUN_RPR:
                rpr.remove(child)
        r.append(rpr)
    return r


# --------------------------------------------------------------------------- fonts


class Fonts:
    """Resolves the East Asian font a run would show (style chain, then docDefaults)."""

    def __init__(self, doc):
        self.styles = {s.get(qn("w:styleId")): s for s in doc.styles.element.findall(qn("w:style"))}
        self.hint_styles = set(HINT_STYLES)
        for sid, s in self.styles.items():
            name = s.find(qn("w:name"))
            if name is not None and name.get(qn("w:val")) in HINT_STYLES:
                self.hint_styles.add(sid)
        self.default = None
        rfonts = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
        if rfonts is not None:
            self.default = rfonts.get(qn("w:eastAsia"))
        sz = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
        self.default_size = 21
        if sz is not None and (sz.get(qn("w:val")) or "").isdigit():
            self.default_size = int(sz.get(qn("w:val")))
        normal = next((s for s in self.styles.values() if s.get(qn("w:default")) == "1"
                       and s.get(qn("w:type")) == "paragraph"), None)
        self.normal_id = normal.get(qn("w:styleId")) if normal is not None else None

    def _style_font(self, style_id, seen=()):
        st = self.styles.get(style_id) if style_id else None
        if st is None or style_id in seen:
            return None
        rf = st.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if rf is not None and rf.get(qn("w:eastAsia")):
            return rf.get(qn("w:eastAsia"))
        based = st.find(qn("w:basedOn"))
        return self._style_font(based.get(qn("w:val")) if based is not None else None, seen + (style_id,))

    def east_asia(self, p, r=None) -> str:
        if r is not None:
            rpr = r.find(RPR)
            if rpr is not None:
                rf = rpr.find(qn("w:rFonts"))
                if rf is not None and rf.get(qn("w:eastAsia")):
                    return rf.get(qn("w:eastAsia"))
                st = rpr.find(qn("w:rStyle"))
                if st is not None and st.get(qn("w:val")) not in self.hint_styles:
                    f = self._style_font(st.get(qn("w:val")))
                    if f:
                        return f
        ppr = p.find(qn("w:pPr"))
        mark = ppr.find(f"{qn('w:rPr')}/{qn('w:rFonts')}") if ppr is not None else None
        if mark is not None and mark.get(qn("w:eastAsia")):
            return mark.get(qn("w:eastAsia"))
        ps = ppr.find(qn("w:pStyle")) if ppr is not None else None
        return (self._style_font(ps.get(qn("w:val")) if ps is not None else self.normal_id)
                or self._style_font(self.normal_id) or self.default or "宋体")

    def size(self, p, r=None) -> int:
        """The run's size in half-points (run, paragraph style chain, defaults; 21 = 五号)."""
        rpr = r.find(RPR) if r is not None else None
        sz = rpr.find(qn("w:sz")) if rpr is not None else None
        if sz is not None:
            return int(sz.get(qn("w:val")))
        ppr = p.find(qn("w:pPr"))
        ps = ppr.find(qn("w:pStyle")) if ppr is not None else None
        sid, seen = (ps.get(qn("w:val")) if ps is not None else self.normal_id), set()
        while sid in self.styles and sid not in seen:
            seen.add(sid)
            sz = self.styles[sid].find(f"{qn('w:rPr')}/{qn('w:sz')}")
            if sz is not None:
                return int(sz.get(qn("w:val")))
            based = self.styles[sid].find(qn("w:basedOn"))
            sid = based.get(qn("w:val")) if based is not None else None
        return self.default_size


def ensure_east_asia(r, font: str) -> None:
    rpr = r.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    if not rfonts.get(qn("w:eastAsia")):
        rfonts.set(qn("w:eastAsia"), font)
    rfonts.set(qn("w:hint"), "eastAsia")
