"""The form model: every label of a .docx and its value slot, however the office laid the form out.

A label is found in a table cell (nested tables and content-controlled rows and cells included) or in
running text (body, cells, text boxes), and matched after normalising: whitespace and colons removed,
half-width brackets made full-width, then, failing an exact match, known extra words dropped (units in
brackets, ``（详细至门牌号）``, ``（姓名）``, ``（加盖公章）``, a leading ``其中：``). Its slot is:

* ``cell``: the cell(s) right of a label cell, or the cell below it (values in the row under the labels),
  when that cell is empty, holds a hint or placeholder, a unit (``万元``), ``年 月 日`` or underscores;
* ``inline``: the blank after the label in the same paragraph: underscores, underlined spaces or tabs,
  hint runs or a content control's placeholder (a unit printed after the blank is kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.oxml.ns import qn

from .maps import norm
from .ooxml import (TBL, TC, TR, all_paragraphs, cell_paragraphs, cell_text, char_map, in_fallback,
                    is_hint_run, isolate, kids, para_text, run_text, underlined)

UNITS = ("万元", "元", "%", "％", "个", "人", "平方米", "㎡", "P", "万", "年", "家", "项")
_EXTRA = re.compile(r"（(?:" + "|".join(map(re.escape, UNITS)) + r"|详细至[^（）]*|具体至[^（）]*|姓名|签字|签章|盖章|"
                    r"加盖公章|若有|如有|选填|必填|[^（）]*填写[^（）]*)）")
_LEAD = re.compile(r"^(?:其中[，,、]?)")
_DATE_TEMPLATE = re.compile(r"^（?年月日）?(?:[—－\-~～至到]+（?年月日）?)?$")
_DATE_BLANK = re.compile(r"(?<![\d〇零一二三四五六七八九十])(?:[ \u3000]{2,}|[_＿][_＿ \u3000]*)年[_＿ \u3000]+月"
                         r"[_＿ \u3000]+日")
_TAIL = re.compile(r"[，。；;,、\t]|[ \u3000]{2,}")
_YEAR_HEAD = re.compile(r"^(20\d\d)年?度?(?:（[^（）]*）)?$")
BLANK_CHARS = "_＿"


def unify(text: str) -> str:
    return norm(text).replace("(", "（").replace(")", "）").rstrip("*＊")


def core(text: str) -> str:
    """A label without the words offices add to it."""
    t = unify(text)
    t = _LEAD.sub("", t)
    return _EXTRA.sub("", t)


def label_unit(text: str) -> str:
    m = re.search(r"（(" + "|".join(map(re.escape, UNITS)) + r")）", unify(text))
    return m.group(1) if m else ""


def match(wanted: str, found: str) -> int:
    """2: the same label; 1: the same once extra words are dropped; 0: another label."""
    if not found:
        return 0
    if unify(wanted) == unify(found):
        return 2
    return 1 if core(wanted) and core(wanted) == core(found) else 0


# --------------------------------------------------------------------------- tables


@dataclass
class Cell:
    table: int
    row: int
    pos: int
    tc: object
    tr: object
    start: int
    span: int
    text: str           # normalised
    vcont: bool = False  # a vertically merged continuation

    @property
    def end(self) -> int:
        return self.start + self.span


def _int_attr(el, path: str, default: int) -> int:
    node = el.find(path)
    try:
        return int(node.get(qn("w:val"))) if node is not None else default
    except (TypeError, ValueError):
        return default


def value_kind(tc) -> str | None:
    """What a cell holds, when it is a value slot: empty | hint | unit | date | blank (else None)."""
    text = norm(cell_text(tc))
    if tc.find(f".//{TBL}") is not None:
        return None
    if text == "":
        return "empty"
    rs = [r for p in cell_paragraphs(tc) for r in kids(p, {qn("w:r")}) if run_text(r).strip()]
    if rs and all(is_hint_run(r) for r in rs):
        return "hint"
    if text in UNITS:
        return "unit"
    if _DATE_TEMPLATE.match(re.sub("[_＿]", "", unify(text))):
        return "date"
    if text.strip(BLANK_CHARS) == "":
        return "blank"
    if text.strip(BLANK_CHARS) in UNITS and text.startswith(tuple(BLANK_CHARS)):
        return "blank"                   # ______万元
    return None


class Grid:
    """Every table of the document (nested and content-controlled ones included), by grid column."""

    def __init__(self, body):
        self.tables = [t for t in body.iter(TBL) if not in_fallback(t)]
        self.rows: list[list[list[Cell]]] = []
        self.where: dict[int, tuple[int, int]] = {}
        for t_i, tbl in enumerate(self.tables):
            rows = []
            for r_i, tr in enumerate(kids(tbl, {TR})):
                self.where[id(tr)] = (t_i, r_i)
                g = _int_attr(tr, f"{qn('w:trPr')}/{qn('w:gridBefore')}", 0)
                cells = []
                for pos, tc in enumerate(kids(tr, {TC})):
                    span = max(1, _int_attr(tc, f"{qn('w:tcPr')}/{qn('w:gridSpan')}", 1))
                    vm = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                    vcont = vm is not None and vm.get(qn("w:val")) in (None, "continue")
                    text = "" if vcont else norm(cell_text(tc))
                    cells.append(Cell(t_i, r_i, pos, tc, tr, g, span, text, vcont))
                    g += span
                rows.append(cells)
            self.rows.append(rows)

    def cells(self):
        for table in self.rows:
            for cells in table:
                yield from cells

    def row_of(self, tr) -> list[Cell]:
        t, r = self.where[id(tr)]
        return self.rows[t][r]

    def right(self, cell: Cell) -> list[Cell]:
        """The value cells right of a label cell (stopping at the next label)."""
        out = []
        for c in self.rows[cell.table][cell.row][cell.pos + 1:]:
            if c.vcont or value_kind(c.tc) is None:
                break
            out.append(c)
        return out

    def below(self, cell: Cell) -> Cell | None:
        rows = self.rows[cell.table]
        r = cell.row + 1
        while r < len(rows):
            c = next((c for c in rows[r] if c.start <= cell.start < c.end), None)
            if c is None:
                return None
            if not c.vcont:
                return c if value_kind(c.tc) is not None and c.start == cell.start else None
            r += 1
        return None

    def year_rows(self, cell: Cell) -> tuple[list[Cell], dict[int, int]]:
        """The value cells under a label heading a column, each row named by a year in its first cell:
        (cells, {grid column of each cell: year}) keyed per cell start, as year_columns."""
        out, years = [], {}
        for row in self.rows[cell.table][cell.row + 1:]:
            under = next((c for c in row if c.start == cell.start and not c.vcont), None)
            if under is None or value_kind(under.tc) is None:
                break
            m = _YEAR_HEAD.match(unify(row[0].text)) if row and row[0] is not under else None
            out.append(under)
            if m:
                years[id(under)] = int(m.group(1))
        # one column per row: give each cell a pseudo grid position carrying its row's year
        cells = [Cell(c.table, c.row, c.pos, c.tc, c.tr, 10_000 + i, 1, c.text) for i, c in enumerate(out)]
        return cells, {10_000 + i: years[id(c)] for i, c in enumerate(out) if id(c) in years}

    def year_columns(self, cell: Cell) -> dict[int, int]:
        """grid column -> year, from the nearest header row above with cells like 2023年 or 2025年（截至6月）."""
        rows = self.rows[cell.table]
        for r in range(cell.row - 1, -1, -1):
            cols = {}
            for c in rows[r]:
                m = _YEAR_HEAD.match(unify(c.text))
                if m:
                    for g in range(c.start, c.end):
                        cols[g] = int(m.group(1))
            if cols:
                return cols
        return {}


# --------------------------------------------------------------------------- blanks in running text


@dataclass
class Blank:
    p: object
    start: int
    end: int
    before: str         # the text between the previous blank (or the paragraph start) and this one
    unit: str = ""      # a unit printed right after the blank
    kind: str = "line"  # line (underscores / underlined) | hint (placeholder, grey text)


def _blank_char(entry, protected=frozenset()) -> str | None:
    r, node, _off, ch = entry
    if id(r) in protected:
        return None
    if ch in BLANK_CHARS:
        return "line"
    if is_hint_run(r) and ch != "\n":
        return "hint"
    if ch in " \u3000\t\xa0" and underlined(r):
        return "line"
    return None


def blanks(p, protected=frozenset()) -> list[Blank]:
    """The blanks of a paragraph, with the label text before each (runs in protected are values)."""
    chars = char_map(p)
    kinds = [_blank_char(c, protected) for c in chars]
    text = "".join(c[3] for c in chars)
    for m in _DATE_BLANK.finditer(text):      # `注册日期：    年   月   日`, `____年__月__日` in the line
        if all(id(chars[i][0]) not in protected for i in range(m.start(), m.end())):
            for i in range(m.start(), m.end()):
                kinds[i] = kinds[i] or "hint"
    spans: list[list] = []
    i = 0
    while i < len(chars):
        if kinds[i] is None:
            i += 1
            continue
        j = i
        while j < len(chars) and (kinds[j] is not None or
                                  (chars[j][3] in " \u3000" and any(k for k in kinds[j:j + 8]))):
            j += 1
        # plain spaces only bridge two blank parts; trailing ones are not part of the blank
        while j > i and kinds[j - 1] is None:
            j -= 1
        kind = "hint" if all(k == "hint" for k in kinds[i:j] if k) else "line"
        spans.append([i, j, kind])
        i = j
    out = []
    prev = 0
    for s, e, kind in spans:
        if kind == "line" and e - s < 2 and chars[s][3] in " \u3000\xa0":
            continue
        before = text[prev:s]
        after = text[e:].lstrip(" \u3000")
        unit = next((u for u in sorted(UNITS, key=len, reverse=True) if after.startswith(u)), "")
        out.append(Blank(p, s, e, before, unit, kind))
        prev = e + (len(text[e:]) - len(after) + len(unit) if unit else 0)
    return out


def clean_label(text: str) -> str:
    t = unify(text)
    return t.lstrip("）)，,。；;、").rstrip("（(")


# --------------------------------------------------------------------------- hits


@dataclass
class Hit:
    """Where a label of the map is on the form, and its slot."""

    label: str
    rank: int
    p: object                       # the paragraph holding the label
    cell: Cell | None = None        # the label's cell, for a cell slot
    blank: Blank | None = None      # the blank after the label, for an inline slot
    tr: object = None               # the row holding the label (None in running text)
    where: str = "right"
    extra: dict = field(default_factory=dict)


class FormModel:
    def __init__(self, doc):
        self.doc = doc
        self.body = doc.element.body
        self.protected: set[int] = set()
        self._alive: list = []          # protected runs stay referenced: their ids stay theirs
        self.refresh()

    def refresh(self) -> None:
        self.grid = Grid(self.body)
        self.paragraphs = all_paragraphs(self.body)
        self._blanks: dict[int, list[Blank]] = {}
        self.tr_of = {}
        for cell in self.grid.cells():
            for p in cell.tc.iter(qn("w:p")):
                self.tr_of.setdefault(id(p), cell.tr)

    def blanks_of(self, p) -> list[Blank]:
        key = id(p)
        if key not in self._blanks:
            self._blanks[key] = blanks(p, self.protected)
        return self._blanks[key]

    def forget(self, p) -> None:
        self._blanks.pop(id(p), None)

    def protect(self, r) -> None:
        """A run now holding a value: never a blank again."""
        self.protected.add(id(r))
        self._alive.append(r)
        for p in r.iterancestors(qn("w:p")):
            self.forget(p)
            break

    def protect_span(self, p, b: Blank) -> list:
        rs = isolate(p, b.start, b.end)
        for r in rs:
            self.protected.add(id(r))
            self._alive.append(r)
        self.forget(p)
        return rs

    def find(self, labels, rows=None, row_label: str | None = None, cells_first: bool = True) -> list[Hit]:
        """Every place a label is, best match first (exact before extra words dropped), in document order."""
        row_ids = {id(tr) for tr in rows} if rows is not None else None
        cell_hits, inline_hits = [], []
        for cell in self.grid.cells():
            if cell.vcont or (row_ids is not None and id(cell.tr) not in row_ids):
                continue
            if row_label and not any(match(row_label, c.text) for c in self.grid.row_of(cell.tr)):
                continue
            rank = max(match(w, cell.text) for w in labels)
            if rank:
                ps = cell_paragraphs(cell.tc)
                cell_hits.append(Hit(cell.text, rank, ps[-1] if ps else None, cell=cell, tr=cell.tr))
        for p in self.paragraphs:
            tr = self.tr_of.get(id(p))
            if row_ids is not None and (tr is None or id(tr) not in row_ids):
                continue
            if row_label and (tr is None or not any(match(row_label, c.text) for c in self.grid.row_of(tr))):
                continue
            for b in self.blanks_of(p):
                found = clean_label(b.before)
                rank = max(match(w, found) for w in labels)
                tail = clean_label(_TAIL.split(b.before.rstrip(" \u3000:：\t"))[-1])
                if not rank and tail != found and max(match(w, tail) for w in labels):
                    found, rank = tail, max(match(w, tail) for w in labels)   # `…，联系人：____`
                if rank:
                    inline_hits.append(Hit(found, rank, p, blank=b, tr=tr))
        hits = cell_hits + inline_hits if cells_first else inline_hits + cell_hits
        return sorted(hits, key=lambda h: -h.rank)

    def paragraph_starting(self, text: str):
        want = norm(text)
        for p in self.paragraphs:
            if norm(para_text(p)).startswith(want):
                return p
        return None
