"""Cover lines (申报单位, 起止年限, 联系人 …): the value after the label, wherever the cover is laid out."""

from __future__ import annotations

import re

from .maps import Cover, Missing, norm, value_of
from .model import clean_label, match
from .ooxml import ensure_east_asia, para_text, run_text, runs, set_run_text
from .slots import drop_text, fit_line, write_after_label


def fill_cover(filler, c: Cover) -> None:
    """A cover line: in a paragraph, a table cell or a text box; kept to its line."""
    value = value_of(c, filler.ctx)
    if isinstance(value, Missing):
        if not _cover_present(filler, c):
            filler.warn("label", c.label)
        elif not c.optional:
            filler.warn("missing", c.label, value.keys)
        return
    value = value if isinstance(value, str) else " ".join(v for v in value if v)
    hits = filler.model.find([c.label], cells_first=not c.replace)
    if c.replace:
        cell_hit = next((h for h in hits if h.cell is not None and filler._slot_cells(h, "right")), None)
        if cell_hit is not None:
            filler.write(cell_hit, value, c.label, cover=True)
        else:
            _cover_replace(filler, c, value)
        return
    if hits:
        filler.write(hits[0], value, c.label, cover=True)
        return
    for p in filler.model.paragraphs:       # the label alone at the end of its line
        text = para_text(p)
        if match(c.label, clean_label(text)) and text.rstrip().endswith(("：", ":")):
            r = write_after_label(p, norm(c.label), value, filler.fonts)
            if not fit_line(filler.doc, p, r, filler.fonts):
                filler.warn("fit", c.label)
            filler.ledger.expect_text(p, text + run_text(r), c.label)
            return
    filler.warn("label", c.label)


def _cover_present(filler, c: Cover) -> bool:
    if filler.model.find([c.label], cells_first=False):
        return True
    return any(norm(para_text(p)).startswith(norm(c.label)) for p in filler.model.paragraphs)


def _cover_replace(filler, c: Cover, value: str) -> None:
    want = norm(c.label)
    for p in filler.model.paragraphs:
        rs = runs(p)
        if not rs or not norm(para_text(p)).startswith(want) or norm(para_text(p)) == want:
            continue
        lead = run_text(rs[0])
        m = re.match(r"^\s*" + r"\s*".join(map(re.escape, want)) + r"\s*[:：]?", lead)
        if m is None:
            filler.warn("construct", c.label)
            return
        set_run_text(rs[0], m.group(0) + value)
        ensure_east_asia(rs[0], filler.fonts.east_asia(p, rs[0]))
        for r in rs[1:]:
            drop_text(r)
        filler.ledger.expect_text(p, m.group(0) + value, c.label)
        return
    filler.warn("label", c.label)
