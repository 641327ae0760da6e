"""Fill one Word form from a profile, by label (python-docx; imported only by ``subsidy fill``).

The form model (``model``) finds each label of the map and its slot; ``slots`` and ``boxes`` write the
values keeping the slot's formatting; ``verify`` re-reads the saved file. A construct this code does not
understand is a warning naming the label, and the rest of the form is still filled.
"""

from __future__ import annotations

import copy
import io
import os
from dataclasses import dataclass

from .boxes import fill_checkbox
from .cover import fill_cover
from .maps import Blanks, Checkbox, FillContext, Cover, Field, FormMap, Missing, cn_date, norm, value_of
from .model import FormModel, Hit, clean_label, label_unit, value_kind
from .ooxml import TR, Fonts, cell_paragraphs, cell_text, kids, para_text, run_text, runs, sync_fallbacks
from .slots import (cell_width, fit_line, keep_lines, write_after_label, write_blank, write_cell,
                    write_paragraph)
from .verify import Ledger, Placed, check


@dataclass(frozen=True)
class Warn:
    """code: missing | label | slot | option | contracts | verify | changed | construct | fit | year | ambiguous."""

    code: str
    form: str
    label: str
    keys: tuple[str, ...] = ()


class Filler:
    def __init__(self, doc, fmap: FormMap, ctx: FillContext):
        self.doc = doc
        self.fmap = fmap
        self.ctx = ctx
        self.fonts = Fonts(doc)
        self.model = FormModel(doc)
        self.warnings: list[Warn] = []
        self.keep: list = []            # written cells and runs (kept alive: their ids stay valid)
        self.ledger: Ledger | None = None

    def warn(self, code: str, label: str, keys=()) -> None:
        self.warnings.append(Warn(code, self.fmap.form, label, tuple(keys)))

    def _written(self, el) -> bool:
        return any(el is k for k in self.keep)

    # ---- slots
    def _coords(self, cell):
        return (cell.table, cell.row, cell.pos) if cell is not None else None

    def put_cell(self, cell, text: str, label: str, label_cell=None, unit: str = "") -> bool:
        if self._written(cell.tc):
            return False
        self.keep.append(cell.tc)
        paras = cell_paragraphs(cell.tc)
        target, shown = write_cell(cell.tc, text, self.fonts, unit)
        for p in paras:
            self.ledger.expect_text(p, shown if p is target else "", label)
        self.ledger.place(Placed(label, shown, self._coords(cell), self._coords(label_cell),
                                 label_cell.text if label_cell is not None else ""))
        for p in paras:
            self.model.forget(p)
        return True

    def put_blank(self, hit: Hit, text: str, label: str, cover: bool = False, running: bool = False):
        b = hit.blank
        current = para_text(b.p)
        r = write_blank(b, text, self.fonts)
        if r is None:
            self.warn("construct", label)
            return None
        if cover and not fit_line(self.doc, b.p, r, self.fonts):
            self.warn("fit", label)
        if running and not keep_lines(self.doc, b.p, r, current, self.fonts):
            self.warn("fit", label)
        self.keep.append(r)
        self.model.protect(r)
        self.ledger.expect_text(b.p, current[:b.start] + run_text(r) + current[b.end:], label)
        found = clean_label(b.before)
        if found:
            self.ledger.place(Placed(label, run_text(r), label_text=found, para=b.p))
        return r

    def _slot_cells(self, hit: Hit, where: str) -> list:
        grid = self.model.grid
        cell = hit.cell
        right = grid.right(cell)
        below = grid.below(cell)
        first, second = ([below] if below else [], right) if where == "below" else (right, [below] if below else [])
        return first or second

    def write(self, hit: Hit, value, label: str, cover: bool = False) -> bool:
        values = value if isinstance(value, list) else [value]
        unit = label_unit(hit.label)
        if hit.blank is not None:
            text = " / ".join(v for v in values if v)
            return self.put_blank(hit, text, label, cover) is not None
        targets = [c for c in self._slot_cells(hit, getattr(hit, "where", "right")) if not self._written(c.tc)]
        if not targets and hit.cell is not None and not self._written(hit.cell.tc):
            paras = cell_paragraphs(hit.cell.tc)
            texts = [para_text(p).strip() for p in paras]
            if len([t for t in texts if t]) == 1 and texts[-1] == "" and texts.index(next(t for t in texts if t)) < \
                    len(texts) - 1:   # `企业基本情况简介：` then empty lines in the same cell: the value below it
                label_at = next(i for i, t in enumerate(texts) if t)
                target = paras[label_at + 1]
                self.keep.append(hit.cell.tc)
                text = " / ".join(v for v in values if v)
                write_paragraph(target, text, self.fonts)
                self.ledger.expect_text(target, text, label)
                self.ledger.place(Placed(label, text, self._coords(hit.cell)))
                return True
        if not targets:
            hit.p = next((p for p in cell_paragraphs(hit.cell.tc) if para_text(p).strip()), hit.p) \
                if hit.cell is not None else hit.p
            if para_text(hit.p).rstrip().endswith(("：", ":")) and not self._written(hit.p):
                text = " / ".join(v for v in values if v)
                current = para_text(hit.p)
                r = write_after_label(hit.p, norm(hit.label), text, self.fonts)
                self.keep += [hit.p, r]
                self.ledger.expect_text(hit.p, current + text, label)
                return True
            self.warn("slot", label)
            return False
        if len(values) == 1 and len(targets) > 1 and value_kind(targets[1].tc) == "unit":
            unit = cell_text(targets[1].tc).strip()        # `注册资本 │ [ ] │ 万元`: the unit has its own cell
            targets = targets[:1]
        if len(values) > len(targets):  # e.g. 手机/座机 in one merged cell
            values = values[:len(targets) - 1] + [" / ".join(v for v in values[len(targets) - 1:] if v)]
        for target, text in zip(targets, values):
            if text:
                self.put_cell(target, text, label, hit.cell, unit)
                if cover:
                    self._fit_cell(target, label)
        return True

    def _fit_cell(self, cell, label: str) -> None:
        width = cell_width(cell.tc)
        for p in cell_paragraphs(cell.tc):
            rs = [r for r in runs(p) if run_text(r).strip()]
            if rs and width and not fit_line(self.doc, p, rs[0], self.fonts, avail=width):
                self.warn("fit", label)

    # ---- entries
    def fill_field(self, f: Field, ctx: FillContext, rows=None, name: str | None = None) -> None:
        name = name or f.name
        hits = self.model.find(f.labels, rows, f.row)
        if not hits:
            self.warn("label", name if not f.row else f"{f.row} {f.name}")
            return
        if f.years:
            cell_hit = next((h for h in hits if h.cell is not None), None)
            if cell_hit is None:
                self.warn("construct", name)
                return
            self._fill_years(f, cell_hit, ctx, name)
            return
        value = value_of(f, ctx)
        if isinstance(value, Missing):
            if not f.optional:
                self.warn("missing", name, value.keys)
            return
        for h in hits:
            h.where = f.where
        usable = [h for h in hits if h.blank is not None or self._slot_cells(h, f.where)]
        hit = usable[0] if usable else hits[0]
        if rows is None and len([h for h in usable if h.rank == hit.rank]) > 1:
            self.warn("ambiguous", name)        # the same label twice: the first is filled, said
        self.write(hit, value, name)

    def _fill_years(self, f: Field, hit: Hit, ctx: FillContext, name: str) -> None:
        grid = self.model.grid
        targets = grid.right(hit.cell)
        cols = grid.year_columns(hit.cell)
        if not targets:               # years down the rows, the label heading its column
            targets, cols = grid.year_rows(hit.cell)
            if not targets:
                self.warn("slot", name)
                return
        for i, target in enumerate(targets):
            year = next((cols[g] for g in range(target.start, target.end) if g in cols), None)
            if year is None and cols:
                self.warn("year", name)
                continue
            if year is None:
                year = f.years[i] if i < len(f.years) else None
                if year is None:
                    self.warn("year", name)
                    continue
            value = value_of(f, ctx, year)
            if isinstance(value, Missing):
                if not f.optional:
                    self.warn("missing", f"{name} {year}年", value.keys)
                continue
            self.put_cell(target, value if isinstance(value, str) else " ".join(value), f"{name} {year}年",
                          hit.cell)

    def fill_checkbox(self, box: Checkbox) -> None:
        fill_checkbox(self, box)

    def fill_cover(self, c: Cover) -> None:
        fill_cover(self, c)

    def fill_blanks(self, b: Blanks) -> None:
        p = self.model.paragraph_starting(b.paragraph)
        if p is None:
            self.warn("label", f"{b.paragraph}…")
            return
        labels = b.labels or ()
        for i, key in enumerate(b.values):
            free = self.model.blanks_of(p)
            label = labels[i] if i < len(labels) else f"{b.paragraph}…"
            if not free:
                self.warn("label", label)
                return
            blank = free[0]
            if i < len(labels) and not norm(clean_label(blank.before)).endswith(norm(labels[i])):
                self.warn("verify", label)          # the blank is not where the form says: leave it
                return
            v = self.ctx.get(key)
            if v is None:
                self.warn("missing", label, [key])
                self.model.protect_span(p, blank)
                continue
            v = cn_date(v) if hasattr(v, "year") else str(v)
            self.put_blank(Hit(label, 2, p, blank=blank), v, label, running=True)

    def duplicate_contracts(self) -> list | None:
        """[(contract, rows)]: the form's contract blocks (one, or several printed), plus a copy of the last
        one per further contract."""
        spec = self.fmap.contracts
        grid = self.model.grid
        hits = [hs[0] for f in spec.fields if (hs := self.model.find(f.labels)) and hs[0].tr is not None]
        where = {grid.where[id(h.tr)][0] for h in hits}
        if not hits or len(where) != 1:
            self.warn("label", f"{spec.fields[0].name}…{spec.fields[-1].name}")
            return None
        t = where.pop()
        trs = list(kids(grid.tables[t], {TR}))
        idx = sorted(grid.where[id(h.tr)][1] for h in hits)
        size = idx[-1] - idx[0] + 1
        # blocks printed more than once (合同1, 合同2 …): each starts where the first block's first row does
        first_row = trs[idx[0]]
        heads = [grid.where[id(h.tr)][1] for h in self.model.find(
            [c.text for c in grid.row_of(first_row) if c.text][:1] or spec.fields[0].labels)
            if h.tr is not None and grid.where[id(h.tr)][0] == t]
        starts = [idx[0]] + [r for r in sorted(set(heads)) if r >= idx[0] + size and r + size <= len(trs)]
        printed = []
        for r in starts:
            if not printed or r >= printed[-1][0] + size:
                printed.append((r, trs[r:r + size]))
        blocks = [rows for _r, rows in printed]
        contracts = [c for c in self.ctx.profile.contracts if c.kind in spec.kinds]
        if spec.order == "domestic_first":
            rank = {True: 0, False: 1, None: 2}
            contracts.sort(key=lambda c: rank.get(c.get("accelerator_domestic"), 2))
        if not contracts:
            self.warn("contracts", spec.fields[0].name, [f"contracts (kind {'/'.join(spec.kinds)})"])
            return None
        last = blocks[-1]
        anchor = last[-1]
        for _ in contracts[len(blocks):]:
            copies = [copy.deepcopy(tr) for tr in last]
            for tr in copies:
                anchor.addnext(tr)
                anchor = tr
            blocks.append(copies)
        self.model.refresh()
        return list(zip(contracts, blocks))

    def fill_contracts(self, jobs) -> None:
        spec = self.fmap.contracts
        for contract, rows in jobs:
            ctx = FillContext(self.ctx.profile, self.ctx.programme, contract)
            for f in spec.fields:
                before = len(self.warnings)
                self._guard(f.name, self.fill_field, f, ctx, rows)
                for i in range(before, len(self.warnings)):  # name the contract in its warnings
                    w = self.warnings[i]
                    self.warnings[i] = Warn(w.code, w.form, f"{w.label} [{contract.id}]",
                                            tuple(_contract_key(k, contract.id) for k in w.keys))

    def _guard(self, name: str, fn, *args) -> None:
        try:
            fn(*args)
        except Exception:  # noqa: BLE001 - an unknown construct: warn, fill the rest
            if os.environ.get("SUBSIDY_DEBUG"):
                raise
            self.warn("construct", name)

    def run(self) -> list[Warn]:
        jobs = None
        if self.fmap.contracts is not None:
            try:
                jobs = self.duplicate_contracts()
            except Exception:  # noqa: BLE001
                self.warn("construct", self.fmap.contracts.fields[0].name)
        self.ledger = Ledger(self.model.paragraphs)
        if jobs:
            self.fill_contracts(jobs)
        for f in self.fmap.fields:
            self._guard(f.name, self.fill_field, f, self.ctx)
        for box in self.fmap.checkboxes:
            self._guard(box.name, self.fill_checkbox, box)
        for c in self.fmap.cover:
            self._guard(c.label, self.fill_cover, c)
        for b in self.fmap.blanks:
            self._guard(b.paragraph, self.fill_blanks, b)
        try:
            sync_fallbacks(self.model.body)
        except Exception:  # noqa: BLE001
            self.warn("construct", "mc:Fallback")
        return self.warnings

    def verify(self) -> bytes:
        """The filled document's bytes, after re-reading them against what was written."""
        buf = io.BytesIO()
        self.doc.save(buf)
        data = buf.getvalue()
        try:
            doubts = check(self.ledger, data)
        except Exception:  # noqa: BLE001
            doubts = [("verify", self.fmap.form)]
        for code, label in doubts:
            self.warn(code, label)
        return data


def _contract_key(key: str, cid: str) -> str:
    if key.startswith("contracts."):
        return f"contracts[{cid}].{key.split('.', 1)[1]}"
    return key if "." in key else f"contracts[{cid}].{key}"


def fill_document(doc, fmap: FormMap, ctx: FillContext) -> tuple[list[Warn], bytes]:
    """Fill doc; (warnings, the verified bytes to save). Never raises on a strange document: what could
    not be read is a warning, and the form is saved as far as it was filled."""
    try:
        filler = Filler(doc, fmap, ctx)
    except Exception:  # noqa: BLE001
        if os.environ.get("SUBSIDY_DEBUG"):
            raise
        buf = io.BytesIO()
        doc.save(buf)
        return [Warn("construct", fmap.form, fmap.title)], buf.getvalue()
    filler.run()
    data = filler.verify()
    return filler.warnings, data
