"""Fill one Word form from a profile, by label (python-docx; imported only by ``subsidy fill``).

Conventions (templates/README.md, ../shared/docs/style.md "Word forms"):

* a label cell is found by its text with all whitespace and colons removed; its value cell is the next
  distinct ``w:tc`` of the row (``row._tr.tc_lst``, so merged cells count once);
* a value is written into the cell's first run (a ``Form Hint`` run loses that style), or into a new
  run carrying the paragraph mark's run properties; the East Asian font is always set;
* checkboxes are text: ``□`` becomes ``☑`` or ``☐``.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .maps import (Blanks, Checkbox, Context, Cover, Field, FormMap, Missing, cn_date, norm,
                   option_state, value_of)

BOXES = "□☐☑■"
UNITS = {"万元", "元", "%", "％", "个", "人", "平方米"}
_DATE_BLANK = re.compile(r"（\s*年\s*月\s*日\s*）")
_YEAR = re.compile(r"^(20\d\d)年?度?$")
_NOT_IN_RUN_RPR = {qn("w:ins"), qn("w:del"), qn("w:moveFrom"), qn("w:moveTo"), qn("w:rPrChange")}


@dataclass(frozen=True)
class Warn:
    """code: missing (profile lacks keys) | label (not on the form) | option | contracts."""

    code: str
    form: str
    label: str
    keys: tuple[str, ...] = ()


# --------------------------------------------------------------------------- text + runs


def _t_text(el) -> str:
    out = []
    for node in el.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        out.append(node.text or "" if node.tag == qn("w:t") else ("\t" if node.tag == qn("w:tab") else "\n"))
    return "".join(out)


def cell_text(tc) -> str:
    return "\n".join(_t_text(p) for p in tc.findall(qn("w:p")))


def _is_hint_run(r) -> bool:
    rpr = r.find(qn("w:rPr"))
    st = rpr.find(qn("w:rStyle")) if rpr is not None else None
    return st is not None and st.get(qn("w:val")) in ("FormHint", "Form Hint")


def _is_hint_cell(tc) -> bool:
    runs = [r for r in tc.iter(qn("w:r")) if _t_text(r).strip()]
    return bool(runs) and all(_is_hint_run(r) for r in runs)


class Fonts:
    """Resolves the East Asian font a paragraph would show (style chain, then docDefaults)."""

    def __init__(self, doc):
        self.styles = {s.get(qn("w:styleId")): s for s in doc.styles.element.findall(qn("w:style"))}
        self.default = None
        rfonts = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
        if rfonts is not None:
            self.default = rfonts.get(qn("w:eastAsia"))
        normal = next((s for s in self.styles.values() if s.get(qn("w:default")) == "1"
                       and s.get(qn("w:type")) == "paragraph"), None)
        self.normal_id = normal.get(qn("w:styleId")) if normal is not None else None

    def _style_font(self, style_id: str | None, seen=()) -> str | None:
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
            rpr = r.find(qn("w:rPr"))
            if rpr is not None:
                st = rpr.find(qn("w:rStyle"))
                if st is not None:
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


def _ensure_east_asia(r, font: str) -> None:
    rpr = r.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    if not rfonts.get(qn("w:eastAsia")):
        rfonts.set(qn("w:eastAsia"), font)
    rfonts.set(qn("w:hint"), "eastAsia")


def _new_run_like(p, template_r=None):
    """A new run with the paragraph mark's run properties (or those of template_r)."""
    r = OxmlElement("w:r")
    src = None
    if template_r is not None:
        src = template_r.find(qn("w:rPr"))
    else:
        ppr = p.find(qn("w:pPr"))
        src = ppr.find(qn("w:rPr")) if ppr is not None else None
    if src is not None:
        rpr = copy.deepcopy(src)
        for child in list(rpr):
            if child.tag in _NOT_IN_RUN_RPR:
                rpr.remove(child)
        r.append(rpr)
    return r


def _drop_hint_style(r) -> None:
    rpr = r.find(qn("w:rPr"))
    st = rpr.find(qn("w:rStyle")) if rpr is not None else None
    if st is not None and st.get(qn("w:val")) in ("FormHint", "Form Hint"):
        rpr.remove(st)


def write_paragraph(p, text: str, fonts: Fonts) -> None:
    """Put text into p's first run (dropping the other runs' text), or a new run."""
    runs = p.findall(qn("w:r"))
    if runs:
        r = runs[0]
        font = fonts.east_asia(p) if _is_hint_run(r) else fonts.east_asia(p, r)
        _drop_hint_style(r)
        for other in runs[1:]:
            p.remove(other)
    else:
        r = _new_run_like(p)
        p.append(r)
        font = fonts.east_asia(p)
    r.text = text
    _ensure_east_asia(r, font)


def write_cell(tc, text: str, fonts: Fonts) -> None:
    paras = tc.findall(qn("w:p"))
    current = norm(cell_text(tc))
    if current in UNITS and not _is_hint_cell(tc):
        text = f"{text} {cell_text(tc).strip()}"
    write_paragraph(paras[0], text, fonts)
    for p in paras[1:]:  # other paragraphs of a hint or pre-filled cell: keep the mark, drop text
        for r in p.findall(qn("w:r")):
            p.remove(r)


# --------------------------------------------------------------------------- tables


@dataclass
class Cell:
    table: int
    row: int
    pos: int            # index in tr.tc_lst
    tc: object
    tr: object
    start: int          # grid column
    span: int
    text: str           # normalised

    @property
    def end(self) -> int:
        return self.start + self.span


def _grid_cells(tables) -> list[list[list[Cell]]]:
    out = []
    for t_i, table in enumerate(tables):
        rows = []
        for r_i, tr in enumerate(table._tbl.tr_lst):
            g = getattr(tr, "grid_before", 0) or 0
            cells = []
            for pos, tc in enumerate(tr.tc_lst):
                span = tc.grid_span
                text = "" if tc.vMerge == "continue" else norm(cell_text(tc))
                cells.append(Cell(t_i, r_i, pos, tc, tr, g, span, text))
                g += span
            rows.append(cells)
        out.append(rows)
    return out


def _is_value_cell(c: Cell) -> bool:
    return c.text == "" or c.text in UNITS or _is_hint_cell(c.tc)


# --------------------------------------------------------------------------- the filler


class Filler:
    def __init__(self, doc, fmap: FormMap, ctx: Context):
        self.doc = doc
        self.fmap = fmap
        self.ctx = ctx
        self.fonts = Fonts(doc)
        self.warnings: list[Warn] = []
        self.written: set[int] = set()
        self.grid: list[list[list[Cell]]] = []

    # ---- helpers
    def warn(self, code: str, label: str, keys=()) -> None:
        self.warnings.append(Warn(code, self.fmap.form, label, tuple(keys)))

    def _index(self) -> None:
        self.grid = _grid_cells(self.doc.tables)

    def find(self, labels, rows=None, row_label: str | None = None) -> list[Cell]:
        wanted = {norm(x) for x in labels}
        found = []
        for table in self.grid:
            for cells in table:
                if rows is not None and not any(cells and cells[0].tr is tr for tr in rows):
                    continue
                if row_label and not any(c.text == norm(row_label) for c in cells):
                    continue
                found += [c for c in cells if c.text in wanted]
        return found

    def _put(self, cell: Cell, text: str) -> None:
        key = id(cell.tc)
        if key in self.written:
            return
        self.written.add(key)
        write_cell(cell.tc, text, self.fonts)

    def _right(self, cell: Cell) -> list[Cell]:
        cells = self.grid[cell.table][cell.row]
        out = []
        for c in cells[cell.pos + 1:]:
            if c.tc.vMerge == "continue" or not _is_value_cell(c):
                break
            out.append(c)
        return out

    def _below(self, cell: Cell) -> Cell | None:
        rows = self.grid[cell.table]
        if cell.row + 1 >= len(rows):
            return None
        for c in rows[cell.row + 1]:
            if c.start <= cell.start < c.end and c.tc.vMerge != "continue":
                return c
        return None

    def _year_columns(self, cell: Cell) -> dict[int, int]:
        """grid column -> year, from the nearest header row above with cells like 2023年."""
        rows = self.grid[cell.table]
        for r in range(cell.row - 1, -1, -1):
            cols = {}
            for c in rows[r]:
                m = _YEAR.match(c.text)
                if m:
                    for g in range(c.start, c.end):
                        cols[g] = int(m.group(1))
            if cols:
                return cols
        return {}

    # ---- entries
    def fill_field(self, f: Field, ctx: Context, rows=None, label_for_warn: str | None = None) -> None:
        name = label_for_warn or f.name
        cells = self.find(f.labels, rows, f.row)
        if not cells:
            self.warn("label", name if not f.row else f"{f.row} {f.name}")
            return
        cell = cells[0]
        if f.years:
            self._fill_years(f, cell, ctx, name)
            return
        value = value_of(f, ctx)
        if isinstance(value, Missing):
            if not f.optional:
                self.warn("missing", name, value.keys)
            return
        if f.where == "below":
            target = self._below(cell)
            targets = [target] if target is not None else []
        else:
            targets = self._right(cell)
        if not targets:
            self.warn("label", f"{name} (value cell)")
            return
        values = value if isinstance(value, list) else [value]
        if len(values) > len(targets):  # e.g. 手机/座机 in one merged cell
            head = values[:len(targets) - 1]
            tail = " / ".join(v for v in values[len(targets) - 1:] if v)
            values = head + [tail]
        for target, text in zip(targets, values):
            if text:
                self._put(target, text)

    def _fill_years(self, f: Field, cell: Cell, ctx: Context, name: str) -> None:
        targets = self._right(cell)
        cols = self._year_columns(cell)
        for i, target in enumerate(targets):
            year = next((cols[g] for g in range(target.start, target.end) if g in cols), None)
            if year is None:
                year = f.years[i] if i < len(f.years) else None
            if year is None or (f.years and year not in f.years):
                continue
            value = value_of(f, ctx, year)
            if isinstance(value, Missing):
                if not f.optional:
                    self.warn("missing", f"{name} {year}年", value.keys)
                continue
            self._put(target, value if isinstance(value, str) else " ".join(value))

    def fill_checkbox(self, box: Checkbox) -> None:
        cells = self.find(box.labels)
        if not cells:
            self.warn("label", box.name)
            return
        row = self.grid[cells[0].table][cells[0].row]
        nxt = [c for c in row[cells[0].pos + 1:] if any(ch in c.text for ch in BOXES)]
        tc = nxt[0].tc if nxt else cells[0].tc
        segments = _box_segments(tc)
        states = [option_state(o, box, self.ctx) for o in box.options]
        if all(s is None for s in states):
            if not box.optional:
                keys = []
                for o in box.options:
                    for k in ([o.when] if o.when else []) + ([box.value] if box.value else []):
                        if k not in keys:
                            keys.append(k)
                self.warn("missing", box.name, keys)
            return
        used = set()
        for opt, state in zip(box.options, states):
            wants = [norm(t) for t in opt.texts]
            seg = next((s for s in segments if id(s) not in used and s.text
                        and any(s.text.startswith(w) or w.startswith(s.text) for w in wants)), None)
            if seg is None:
                self.warn("option", f"{box.name}: {opt.text}")
                continue
            used.add(id(seg))
            if state is None:
                continue
            seg.set_box("☑" if state else "☐")
            if state and opt.date:
                d = self.ctx.get(opt.date)
                if d is None:
                    self.warn("missing", f"{box.name}: {opt.text}", [opt.date])
                else:
                    seg.fill_date(d)
            if state and opt.append:
                vals = [self.ctx.get(k) for k in opt.append]
                text = "，".join(str(v) for v in vals if v)
                if text:
                    seg.append(f"：{text}", self.fonts)
        self.written.add(id(tc))

    def fill_cover(self, c: Cover) -> None:
        for p in self.doc.paragraphs:
            text = _t_text(p._p)
            if not norm(text).startswith(norm(c.label)):
                continue
            value = value_of(c, self.ctx)
            if isinstance(value, Missing):
                if not c.optional:
                    self.warn("missing", c.label, value.keys)
                return
            value = value if isinstance(value, str) else " ".join(v for v in value if v)
            _fill_after_label(p._p, c.label, value, c.replace, self.fonts)
            return
        self.warn("label", c.label)

    def fill_blanks(self, b: Blanks) -> None:
        for p in self.doc.paragraphs:
            if not norm(_t_text(p._p)).startswith(norm(b.paragraph)):
                continue
            blanks = [r for r in p._p.findall(qn("w:r")) if _is_blank_run(r)]
            if len(blanks) < len(b.values):
                self.warn("label", f"{b.paragraph}… ({len(b.values)} blanks)")
            for r, key in zip(blanks, b.values):
                v = self.ctx.get(key)
                if v is None:
                    self.warn("missing", f"{b.paragraph}…", [key])
                    continue
                v = cn_date(v) if hasattr(v, "year") else str(v)
                old = _t_text(r)
                pad = max(1, (len(old) - len(v) * 2) // 2) if "_" not in old else 1
                r.text = " " * min(pad, 4) + v + " " * min(pad, 4)
                if "_" in old:  # an underscore blank: underline the value instead
                    r.get_or_add_rPr().get_or_add_u().set(qn("w:val"), "single")
                _ensure_east_asia(r, self.fonts.east_asia(p._p, r))
            return
        self.warn("label", f"{b.paragraph}…")

    def fill_contracts(self) -> None:
        spec = self.fmap.contracts
        # the block: from the first to the last contract label found (a label the form lacks is
        # warned about per contract below)
        found = [cells[0] for f in spec.fields if (cells := self.find(f.labels))]
        tables = {c.table for c in found}
        if not found or len(tables) != 1:
            self.warn("label", f"{spec.fields[0].name}…{spec.fields[-1].name}")
            return
        table = self.doc.tables[found[0].table]._tbl
        trs = table.tr_lst
        block = trs[min(c.row for c in found):max(c.row for c in found) + 1]
        contracts = [c for c in self.ctx.profile.contracts if c.kind in spec.kinds]
        if spec.order == "domestic_first":
            rank = {True: 0, False: 1, None: 2}
            contracts.sort(key=lambda c: rank.get(c.get("accelerator_domestic"), 2))
        if not contracts:
            self.warn("contracts", spec.fields[0].name, [f"contracts (kind {'/'.join(spec.kinds)})"])
            return
        blocks = [block]
        anchor = block[-1]
        for _ in contracts[1:]:
            copies = [copy.deepcopy(tr) for tr in block]
            for tr in copies:
                anchor.addnext(tr)
                anchor = tr
            blocks.append(copies)
        self._index()
        for contract, rows in zip(contracts, blocks):
            ctx = Context(self.ctx.profile, self.ctx.programme, contract)
            for f in spec.fields:
                before = len(self.warnings)
                self.fill_field(f, ctx, rows=rows)
                for i in range(before, len(self.warnings)):  # name the contract in its warnings
                    w = self.warnings[i]
                    self.warnings[i] = Warn(w.code, w.form, f"{w.label} [{contract.id}]",
                                            tuple(_contract_key(k, contract.id) for k in w.keys))

    def run(self) -> list[Warn]:
        self._index()
        if self.fmap.contracts is not None:
            self.fill_contracts()
        for f in self.fmap.fields:
            self.fill_field(f, self.ctx)
        for box in self.fmap.checkboxes:
            self.fill_checkbox(box)
        for c in self.fmap.cover:
            self.fill_cover(c)
        for b in self.fmap.blanks:
            self.fill_blanks(b)
        return self.warnings


def _contract_key(key: str, cid: str) -> str:
    if key.startswith("contracts."):
        return f"contracts[{cid}].{key.split('.', 1)[1]}"
    return key if "." in key else f"contracts[{cid}].{key}"


def _is_blank_run(r) -> bool:
    text = _t_text(r)
    if not text or text.strip(" \u3000_＿") != "":
        return False
    rpr = r.find(qn("w:rPr"))
    underlined = rpr is not None and rpr.find(qn("w:u")) is not None and \
        rpr.find(qn("w:u")).get(qn("w:val")) not in ("none", None)
    return underlined or "_" in text or "＿" in text


class _Segment:
    """One checkbox option: the box character and the text after it (to the next box or tab)."""

    def __init__(self, p, chars, box_index: int, text: str):
        self.p = p
        self.chars = chars          # list of (w:t element, offset) per character of the paragraph
        self.box = box_index
        self.text = norm(text)
        self.raw_end = box_index + 1 + len(text)

    def set_box(self, mark: str) -> None:
        el, off = self.chars[self.box]
        el.text = el.text[:off] + mark + el.text[off + 1:]

    def fill_date(self, d) -> None:
        els = []
        for el, _off in self.chars[self.box:self.raw_end]:
            if el is not None and (not els or els[-1] is not el):
                els.append(el)
        for el in els:
            if _DATE_BLANK.search(el.text or ""):
                el.text = _DATE_BLANK.sub(f"（{cn_date(d)}）", el.text, count=1)
                return

    def append(self, text: str, fonts: Fonts) -> None:
        runs = self.p.findall(qn("w:r"))
        r = _new_run_like(self.p, runs[-1] if runs else None)
        r.text = text
        _ensure_east_asia(r, fonts.east_asia(self.p, runs[-1] if runs else None))
        if runs:
            runs[-1].addnext(r)
        else:
            self.p.append(r)


def _box_segments(tc) -> list[_Segment]:
    out = []
    for p in tc.iter(qn("w:p")):
        chars: list[tuple[object, int]] = []
        text = []
        for node in p.iter(qn("w:t"), qn("w:tab")):
            if node.tag == qn("w:tab"):
                chars.append((None, 0))
                text.append("\t")
            else:
                for i, ch in enumerate(node.text or ""):
                    chars.append((node, i))
                    text.append(ch)
        s = "".join(text)
        boxes = [i for i, ch in enumerate(s) if ch in BOXES]
        for n, i in enumerate(boxes):
            end = boxes[n + 1] if n + 1 < len(boxes) else len(s)
            seg = s[i + 1:end].split("\t")[0]
            if chars[i][0] is not None:
                out.append(_Segment(p, chars, i, seg))
    return out


def _fill_after_label(p, label: str, value: str, replace: bool, fonts: Fonts) -> None:
    runs = p.findall(qn("w:r"))
    if not runs:
        return
    if replace:
        lead = _t_text(runs[0])
        m = re.match(r"^\s*" + r"\s*".join(map(re.escape, norm(label))) + r"\s*[:：]?", lead)
        prefix = m.group(0) if m else f"{label}："
        runs[0].text = prefix + value
        _ensure_east_asia(runs[0], fonts.east_asia(p, runs[0]))
        for r in runs[1:]:
            p.remove(r)
        return
    # the run where the label ends
    want = norm(label)
    acc = ""
    idx = 0
    for idx, r in enumerate(runs):
        acc += norm(_t_text(r))
        if acc.startswith(want):
            break
    if idx + 1 < len(runs):
        target = runs[idx + 1]
        old = _t_text(target)
        target.text = value + ("\t" if "\t" in old else "")
        _ensure_east_asia(target, fonts.east_asia(p, target))
        for r in runs[idx + 2:]:
            if not _t_text(r).strip(" \t_＿"):
                p.remove(r)
        return
    # label and blank in one run: keep the label, replace the blank after it
    r = runs[idx]
    lead = _t_text(r)
    m = re.match(r"^\s*" + r"\s*".join(map(re.escape, want)) + r"\s*[:：]?", lead)
    prefix = m.group(0) if m else lead
    r.text = prefix
    new = _new_run_like(p, r)
    new.text = value
    new.get_or_add_rPr().get_or_add_u().set(qn("w:val"), "single")
    _ensure_east_asia(new, fonts.east_asia(p, r))
    r.addnext(new)


# --------------------------------------------------------------------------- recognition


def document_text(doc) -> str:
    """All text of the document (body paragraphs and table cells), normalised."""
    return norm(_t_text(doc.element.body))


def match_score(text: str, fmap: FormMap) -> int:
    """0 when the document is not this form; higher is a better match.

    A form is recognised by all its identifying labels, or by its title and at least one of them.
    """
    found = sum(1 for s in fmap.identify if norm(s) in text)
    title = norm(fmap.title) in text
    if found == len(fmap.identify) or (title and found):
        return found + (len(norm(fmap.title)) if title else 0)
    return 0


def fill_document(doc, fmap: FormMap, ctx: Context) -> list[Warn]:
    return Filler(doc, fmap, ctx).run()
