"""Checkbox options, however the box is drawn: □ ☐ (and ☑ ■), 口 used as a box, a Wingdings ``w:sym``,
or a ``w14:checkbox`` content control; the option's text may follow in the same run, paragraph, or the
next cell (options each in their own cell)."""

from __future__ import annotations

import re

from docx.oxml.ns import qn

from .maps import cn_date, norm, option_state
from .ooxml import (SDT, SYM, SYM_BOXES, W14, Fonts, cell_paragraphs, char_map, ensure_east_asia,
                    new_run_like, para_text, runs)

BOXES = "□☐☑■☒"
SEP = "\x1f"
_DATE_BLANK = re.compile(r"（\s*年\s*月\s*日\s*）")


def _w14(tag: str) -> str:
    return f"{{{W14}}}{tag}"


def _checkbox_sdt(r):
    for sdt in r.iterancestors(SDT):
        pr = sdt.find(qn("w:sdtPr"))
        if pr is not None and pr.find(_w14("checkbox")) is not None:
            return sdt
    return None


class Segment:
    """One option: its box (a character, a w:sym or a content control) and the text after it."""

    def __init__(self, stream, box: int, text: str):
        self.stream = stream        # [(run, node, offset, char, paragraph)] over the region
        self.box = box
        self.text = norm(text)
        self.raw_text = text

    @property
    def p(self):
        return self.stream[self.box][4]

    def set_box(self, ticked: bool) -> str:
        """Tick or clear; returns the mark now shown."""
        r, node, off, ch, _p = self.stream[self.box]
        sdt = _checkbox_sdt(r)
        if sdt is not None:
            box = sdt.find(qn("w:sdtPr")).find(_w14("checkbox"))
            checked = box.find(_w14("checked"))
            if checked is None:
                checked = box.makeelement(_w14("checked"), {})
                box.insert(0, checked)
            checked.set(_w14("val"), "1" if ticked else "0")
            state = box.find(_w14("checkedState" if ticked else "uncheckedState"))
            code = state.get(_w14("val")) if state is not None else ("2612" if ticked else "2610")
            mark = chr(int(code, 16))
            node.text = node.text[:off] + mark + node.text[off + 1:]
            return mark
        if node.tag == SYM:
            font = (node.get(qn("w:font")) or "").lower()
            if ticked and font in SYM_BOXES:
                node.set(qn("w:char"), SYM_BOXES[font][1])
            return "☑" if ticked else "□"
        mark = "☑" if ticked else ("☐" if ch == "□" else ch)
        node.text = node.text[:off] + mark + node.text[off + 1:]
        return mark

    def fill_date(self, d) -> bool:
        """（    年   月    日） after the option becomes （2024年6月18日）, however its runs are split."""
        lo, hi = self.box + 1, min(len(self.stream), self.box + 2 + len(self.raw_text))
        span = self.stream[lo:hi]
        text = "".join(e[3] for e in span)
        m = _DATE_BLANK.search(text)
        if m is None or any(e[1] is None or e[1].tag != qn("w:t") for e in span[m.start():m.end()]):
            return False
        chars = span[m.start():m.end()]
        by_node: dict = {}
        for _r, node, off, _ch, _p in chars:
            by_node.setdefault(id(node), (node, []))[1].append(off)
        first = chars[0][1]
        for node, offs in by_node.values():
            a, b = min(offs), max(offs) + 1
            new = f"（{cn_date(d)}）" if node is first else ""
            node.text = node.text[:a] + new + node.text[b:]
        return True

    def append(self, text: str, fonts: Fonts) -> None:
        p = self.p
        rs = runs(p)
        r = new_run_like(p, rs[-1] if rs else None)
        r.text = text
        ensure_east_asia(r, fonts.east_asia(p, rs[-1] if rs else None))
        if rs:
            rs[-1].addnext(r)
        else:
            p.append(r)


def _is_box(chars: list[str], i: int) -> bool:
    ch = chars[i]
    if ch in BOXES:
        return True
    if ch != "口":
        return False
    before = chars[i - 1] if i else SEP
    after = chars[i + 1] if i + 1 < len(chars) else SEP
    # 口 drawn as a box: at the start of a line or cell, or after a space, tab or another option
    return (before in " \u3000\t\n" + SEP + BOXES or before == "口") and after not in "\n" + SEP or \
        (before in " \u3000\t\n" + SEP and after in " \u3000" + SEP)


def segments(paragraph_groups) -> list[Segment]:
    """The options of a region: a list of cells, each a list of paragraphs."""
    stream = []
    for group in paragraph_groups:
        for p in group:
            stream += [(r, node, off, ch, p) for r, node, off, ch in char_map(p)]
            stream.append((None, None, 0, "\n", p))
        stream.append((None, None, 0, SEP, None))
    chars = [s[3] for s in stream]
    boxes = [i for i in range(len(chars)) if stream[i][1] is not None and _is_box(chars, i)]
    out = []
    for n, i in enumerate(boxes):
        end = boxes[n + 1] if n + 1 < len(boxes) else len(chars)
        text = "".join(chars[i + 1:end]).lstrip(" \u3000\t\n" + SEP)
        text = re.split(r"[\t\n" + SEP + "]", text)[0]
        out.append(Segment(stream, i, text))
    return out


def region_of(grid, cell) -> list[list]:
    """Where a checkbox label's options are: the cells right of it (in every row a vertically merged
    label spans), the label cell itself, or the row below."""
    rows = grid.rows[cell.table]
    groups = []
    r = cell.row
    while r < len(rows):
        row = rows[r]
        here = next((c for c in row if c.start == cell.start), None)
        if r > cell.row and (here is None or not here.vcont):
            break
        groups += [cell_paragraphs(c.tc) for c in row if c.start >= cell.end and not c.vcont]
        r += 1
    if segments(groups):
        return groups
    own = [cell_paragraphs(cell.tc)]
    if segments(own):
        return own
    if r < len(rows):
        below = [cell_paragraphs(c.tc) for c in rows[r] if not c.vcont]
        if segments(below):
            return below
    return groups


# --------------------------------------------------------------------------- filling a group


def _box_region(filler, labels):
    hits = filler.model.find(labels)
    cell_hit = next((h for h in hits if h.cell is not None), None)
    if cell_hit is not None:
        return region_of(filler.model.grid, cell_hit.cell), cell_hit.cell.tc
    for p in filler.model.paragraphs:
        text = norm(para_text(p))
        if any(text.startswith(norm(w)) for w in labels) and segments([[p]]):
            return [[p]], p
    return None, None

def fill_checkbox(filler, box) -> None:
    """Tick a checkbox group's options by the profile; every doubt is a warning naming the group."""
    region, owner = _box_region(filler, box.labels)
    if region is None:
        filler.warn("label", box.name)
        return
    states = [option_state(o, box, filler.ctx) for o in box.options]
    if all(s is None for s in states):
        if not box.optional:
            keys = []
            for o in box.options:
                for k in ([o.when] if o.when else []) + ([box.value] if box.value else []):
                    if k not in keys:
                        keys.append(k)
            filler.warn("missing", box.name, keys)
        return
    segs = segments(region)
    used = set()
    for opt, state in zip(box.options, states):
        wants = [norm(t) for t in opt.texts]
        seg = next((s for s in segs if id(s) not in used and s.text
                    and any(s.text.startswith(w) or w.startswith(s.text) for w in wants)), None)
        if seg is None:
            filler.warn("option", f"{box.name}: {opt.text}")
            continue
        used.add(id(seg))
        if state is None:
            continue
        p = seg.p
        k = sum(1 for e in seg.stream[:seg.box] if e[4] is p and e[1] is not None)
        mark = seg.set_box(state)
        current = filler.ledger.current(p)
        filler.ledger.expect_text(p, current[:k] + mark + current[k + 1:], box.name)
        if state and opt.date:
            _option_date(filler, seg, opt, box)
        if state and opt.append:
            text = "，".join(str(v) for v in (filler.ctx.get(k) for k in opt.append) if v)
            if text:
                seg.append(f"：{text}", filler.fonts)
                filler.ledger.expect_text(p, filler.ledger.current(p) + f"：{text}", box.name)
    filler.keep.append(owner)

def _option_date(filler, seg, opt, box) -> None:
    d = filler.ctx.get(opt.date)
    if d is None:
        filler.warn("missing", f"{box.name}: {opt.text}", [opt.date])
        return
    ps = []
    for e in seg.stream[seg.box:seg.box + 2 + len(seg.raw_text)]:
        if e[4] is not None and not any(e[4] is q for q in ps):
            ps.append(e[4])
    if not seg.fill_date(d):
        filler.warn("option", f"{box.name}: {opt.text}（年 月 日）")
        return
    pat = re.compile(r"（\s*年\s*月\s*日\s*）")
    for p in ps:
        current = filler.ledger.current(p)
        if pat.search(current):
            filler.ledger.expect_text(p, pat.sub(f"（{cn_date(d)}）", current, count=1), box.name)
            return
