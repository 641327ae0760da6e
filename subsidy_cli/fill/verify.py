"""After filling: re-read the saved file and check that each value sits in its slot and nothing else changed.

While filling, every write states what the paragraphs it touches must read afterwards and where the value
and its label are. The saved bytes are then opened again with python-docx, independently of the
in-memory document, and compared: any difference is a warning naming the label (never a silent wrong
value).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from .maps import norm
from .model import Grid, clean_label, match, unify
from .ooxml import all_paragraphs, cell_text, para_text


@dataclass
class Placed:
    label: str
    value: str
    cell: tuple[int, int, int] | None = None          # (table, row, pos) of the value cell
    label_cell: tuple[int, int, int] | None = None
    label_text: str = ""
    para: object = None                                # an inline value: its paragraph (before filling)


class Ledger:
    """What the document must read after filling."""

    def __init__(self, paragraphs):
        self.index = {id(p): i for i, p in enumerate(paragraphs)}
        self.before = [para_text(p) for p in paragraphs]
        self.expect = list(self.before)
        self.owner: dict[int, str] = {}
        self.placed: list[Placed] = []

    def expect_text(self, p, text: str, label: str) -> None:
        i = self.index.get(id(p))
        if i is None:
            return
        self.expect[i] = text
        self.owner.setdefault(i, label)

    def current(self, p) -> str:
        i = self.index.get(id(p))
        return self.expect[i] if i is not None else para_text(p)

    def place(self, placed: Placed) -> None:
        if placed.para is not None:
            placed.para = self.index.get(id(placed.para))
        self.placed.append(placed)


def check(ledger: Ledger, data: bytes) -> list[tuple[str, str]]:
    """[(code, label)] for every doubt: verify (value not in its slot) or changed (other text changed)."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    paragraphs = all_paragraphs(doc.element.body)
    out: list[tuple[str, str]] = []
    if len(paragraphs) != len(ledger.expect):
        return [("changed", f"{len(ledger.expect)} → {len(paragraphs)} paragraphs")]
    for i, p in enumerate(paragraphs):
        got = para_text(p)
        if got != ledger.expect[i]:
            label = ledger.owner.get(i)
            if label is not None:
                out.append(("verify", label))
            else:
                out.append(("changed", (ledger.before[i].strip() or "(empty)")[:24]))
    grid = Grid(doc.element.body)
    for pl in ledger.placed:
        if pl.para is not None:       # the value right after its label, in the re-read paragraph
            text = para_text(paragraphs[pl.para])
            pos = text.find(pl.value.strip())
            if pos < 0 or not clean_label(text[:pos]).rstrip("（(").endswith(unify(pl.label_text)):
                out.append(("verify", pl.label))
            continue
        if pl.cell is None:
            continue
        try:
            t, r, pos = pl.cell
            value_tc = grid.rows[t][r][pos].tc
            ok = norm(pl.value) in norm(cell_text(value_tc))
            if pl.label_cell is not None:
                lt, lr, lpos = pl.label_cell
                ok = ok and bool(match(pl.label_text, grid.rows[lt][lr][lpos].text))
        except IndexError:
            ok = False
        if not ok:
            out.append(("verify", pl.label))
    seen, unique = set(), []
    for item in out:
        if item not in seen:
            seen.add(item)
            unique.append(item)
    return unique
