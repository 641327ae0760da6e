"""Write a value into its slot, keeping the slot's formatting.

A cell slot's value goes into its first run (a hint or a content control's placeholder is replaced,
never appended to; ``万元`` keeps its unit after the number; ``年 月 日`` is replaced by the date). An
inline slot's blank (underscores, underlined spaces or tab, placeholder) is replaced by the value in the
blank's own run: an underlined blank stays underlined, a cover line keeps the tab that draws its line,
and a value too long for its line is set smaller so the cover stays on one page.
"""

from __future__ import annotations

import unicodedata

from docx.oxml.ns import qn

from .maps import norm
from .model import Blank, blanks, value_kind
from .ooxml import (RPR, TEXT_ONLY, Fonts, cell_paragraphs, char_map, clear_hint_format, ensure_east_asia,
                    is_hint_run, isolate, new_run_like, para_text, remove, run_text, runs, set_run_text,
                    underlined)

MIN_HALF_POINTS = 16            # 8 pt: a long name is never set smaller than this


def strip_unit(text: str, unit: str) -> str:
    return text[:-len(unit)].rstrip() if unit and text.endswith(unit) and len(text) > len(unit) else text


def drop_text(r) -> None:
    """Remove a run's text; a run that also holds a picture, an object or a note mark keeps those."""
    if all(child.tag in TEXT_ONLY for child in r):
        remove(r)
        return
    for child in list(r):
        if child.tag in TEXT_ONLY and child.tag != qn("w:rPr"):
            r.remove(child)


def _is_field_run(r) -> bool:
    return r.find(qn("w:fldChar")) is not None or r.find(qn("w:instrText")) is not None


def _field_result_anchor(p):
    """The run ending a legacy form field's code (fldChar separate): its result runs come after it."""
    for r in runs(p):
        fc = r.find(qn("w:fldChar"))
        if fc is not None and fc.get(qn("w:fldCharType")) == "separate":
            return r
    return None


def write_paragraph(p, text: str, fonts: Fonts) -> object:
    plain = [r for r in runs(p) if not _is_field_run(r)]
    rs = [r for r in plain if run_text(r).strip()] or [r for r in plain if r.find(qn("w:t")) is not None] or \
        ([] if _field_result_anchor(p) is not None else plain)
    if rs:
        r = rs[0]
        hint = is_hint_run(r, fonts.hint_styles)
        font = fonts.east_asia(p) if hint else fonts.east_asia(p, r)
        clear_hint_format(r, fonts.hint_styles)
        for other in plain:
            if other is not r:
                drop_text(other)
    else:
        anchor = _field_result_anchor(p)
        r = new_run_like(p, anchor)
        if anchor is not None:          # a legacy form field (FORMTEXT): the value is its result
            anchor.addnext(r)
        else:
            p.append(r)
        font = fonts.east_asia(p)
    set_run_text(r, text)
    ensure_east_asia(r, font)
    return r


def write_cell(tc, text: str, fonts: Fonts, unit: str = "") -> tuple[object, str]:
    """Write text into a value cell; (the paragraph written, what it must now read)."""
    kind = value_kind(tc)
    paras = cell_paragraphs(tc)
    if kind == "unit":
        shown = para_text(paras[0]).strip() if paras else ""
        unit = shown or unit
        text = f"{strip_unit(text, unit)} {unit}"
    else:
        text = strip_unit(text, unit)
    if kind in ("blank", "date"):     # underscores, a unit after them, ____年__月__日: the blank only
        for p in paras:
            found = blanks(p)
            if len(found) == 1 and not norm(found[0].before):
                b = found[0]
                before = para_text(p)
                r = write_blank(b, text, fonts)
                if r is not None:
                    for other in paras:
                        if other is not p:
                            for x in runs(other):
                                drop_text(x)
                    return p, before[:b.start] + run_text(r) + before[b.end:]
    target = next((p for p in paras if para_text(p).strip()), paras[0])
    write_paragraph(target, text, fonts)
    for p in paras:
        if p is not target:
            for r in runs(p):
                drop_text(r)
    return target, text


def _pad(old: str, value: str) -> str:
    if "\t" in old:
        return value + "\t"
    if old.strip(" \u3000\xa0") == "":          # underlined spaces: keep some of the line around the value
        pad = min(4, max(1, int(len(old) - width_em(value) * 2) // 2))
        return " " * pad + value + " " * pad
    return value


def write_blank(b: Blank, value: str, fonts: Fonts):
    """Replace an inline blank by the value; returns the run now holding it."""
    p = b.p
    old = "".join(c[3] for c in char_map(p)[b.start:b.end])
    rs = isolate(p, b.start, b.end)
    if not rs:
        return None
    first = rs[0]
    font = fonts.east_asia(p) if is_hint_run(first, fonts.hint_styles) else fonts.east_asia(p, first)
    was_line = b.kind == "line"
    underscores = "_" in old or "＿" in old
    clear_hint_format(first, fonts.hint_styles)
    for r in rs[1:]:
        drop_text(r)
    text = strip_unit(value, b.unit)
    set_run_text(first, _pad(old, text) if was_line else text)
    if underscores and not underlined(first):
        first.get_or_add_rPr().get_or_add_u().set(qn("w:val"), "single")
    ensure_east_asia(first, font)
    return first


def write_after_label(p, label_norm: str, value: str, fonts: Fonts):
    """A label paragraph with nothing after the label (`单位名称：`): the value after it, same run format."""
    rs = runs(p)
    if not rs:
        return None
    r = new_run_like(p, rs[-1])
    rpr = r.find(RPR)
    if rpr is not None:
        for tag in ("w:b", "w:bCs"):
            el = rpr.find(qn(tag))
            if el is not None:
                rpr.remove(el)
    r.text = value
    ensure_east_asia(r, fonts.east_asia(p, rs[-1]))
    rs[-1].addnext(r)
    return r


# --------------------------------------------------------------------------- one line on the cover


def _em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in "WFA":     # ambiguous (——, ·) are full width in CJK fonts
        return 1.0
    # a Latin space is a quarter em; letters and digits half an em in SimSun, wider in the fonts a
    # reader substitutes for it: count them generously
    return 0.25 if ch in " \xa0" else 0.6


def width_em(text: str) -> float:
    """Estimated advance in ems; Word and LibreOffice put a quarter em between CJK and Latin digits."""
    chars = [ch for ch in text if ch not in "\t\n"]
    gaps = sum(1 for a, b in zip(chars, chars[1:]) if (_em(a) == 1.0) != (_em(b) == 1.0) and
               (a.isalnum() and b.isalnum()))
    return sum(_em(ch) for ch in chars) + 0.25 * gaps


def _section_text_width(doc) -> int:
    """The text width of the last section, in twips (A4 with 2.54 cm margins when unknown)."""
    sect = doc.element.body.find(qn("w:sectPr"))
    width, margins = 11906, 1440 * 2
    if sect is not None:
        sz, mar = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
        try:
            if sz is not None:
                width = int(sz.get(qn("w:w")))
            if mar is not None:
                margins = int(mar.get(qn("w:left"), 1440)) + int(mar.get(qn("w:right"), 1440))
        except ValueError:
            pass
    return width - margins


def _twips(p, r, fonts: Fonts, text: str) -> float:
    return width_em(text) * fonts.size(p, r) * 10


def fit_line(doc, p, value_run, fonts: Fonts, avail: int | None = None) -> bool:
    """Keep a cover line on one line: drop the drawn tab, then set the value smaller. False: cannot."""
    ppr = p.find(qn("w:pPr"))
    indent = 0
    if avail is None:
        avail = _section_text_width(doc)
        ind = ppr.find(qn("w:ind")) if ppr is not None else None
        if ind is not None:
            for key in ("w:left", "w:start", "w:firstLine"):
                try:
                    indent += int(ind.get(qn(key)) or 0)
                except ValueError:
                    pass
    used = sum(_twips(p, r, fonts, run_text(r)) for r in runs(p) if r is not value_run)
    room = int((avail - indent - used) * 0.97)
    text = run_text(value_run)
    need = _twips(p, value_run, fonts, text)
    tabs = [int(t.get(qn("w:pos"))) for t in (ppr.findall(f"{qn('w:tabs')}/{qn('w:tab')}") if ppr is not None else [])
            if (t.get(qn("w:pos")) or "").lstrip("-").isdigit()]
    if "\t" in text:
        label_end = indent + used
        stop = max([t for t in tabs if t > label_end], default=None)
        if stop is None or label_end + need > stop - 60:
            set_run_text(value_run, text.replace("\t", ""))     # the value itself is underlined
            text = run_text(value_run)
            need = _twips(p, value_run, fonts, text)
        else:
            return True
    if need <= room:
        return True
    em = width_em(text)
    size = int(room / (em * 10)) if em else MIN_HALF_POINTS
    if size < MIN_HALF_POINTS:
        return False
    set_size(value_run, size)
    return True


def cell_width(tc) -> int | None:
    w = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    if w is not None and w.get(qn("w:type")) in (None, "dxa"):
        try:
            return int(w.get(qn("w:w"))) - 216
        except (TypeError, ValueError):
            return None
    return None


def _line_twips(doc, p) -> int:
    width = _section_text_width(doc)
    ppr = p.find(qn("w:pPr"))
    ind = ppr.find(qn("w:ind")) if ppr is not None else None
    if ind is not None:
        for key in ("w:left", "w:start", "w:right", "w:end"):
            try:
                width -= int(ind.get(qn(key)) or 0)
            except ValueError:
                pass
    # justified CJK text with line-breaking rules holds about nine tenths of what the width suggests
    return max(int(width * 0.9), 1440)


def _first_line_twips(p, size: int) -> int:
    ppr = p.find(qn("w:pPr"))
    ind = ppr.find(qn("w:ind")) if ppr is not None else None
    if ind is None:
        return 0
    try:
        if ind.get(qn("w:firstLineChars")):
            return int(ind.get(qn("w:firstLineChars"))) * size * 10 // 100
        return int(ind.get(qn("w:firstLine")) or 0)
    except ValueError:
        return 0


def keep_lines(doc, p, value_run, before_text: str, fonts: Fonts) -> bool:
    """A value in running text must not make its paragraph longer (a 承诺书 stays on one page): drop the
    padding, then set the value smaller. False when even 8 pt would not do."""
    line = _line_twips(doc, p)
    size = fonts.size(p)
    first = _first_line_twips(p, size)

    def lines(width: float) -> int:
        return int(-(-width // line))

    allowed = lines(first + width_em(before_text) * size * 10)
    others = first + sum(_twips(p, r, fonts, run_text(r)) for r in runs(p) if r is not value_run)
    if lines(others + _twips(p, value_run, fonts, run_text(value_run))) <= allowed:
        return True
    text = run_text(value_run)
    if text != text.strip(" \u3000"):               # padding around the value: one space a side
        text = " " + text.strip(" \u3000") + " "
    set_run_text(value_run, text)
    if lines(others + _twips(p, value_run, fonts, text)) <= allowed:
        return True
    room = allowed * line - others
    em = width_em(text)
    new = int(room / (em * 10)) if em and room > 0 else 0
    if new < MIN_HALF_POINTS:
        return False
    set_size(value_run, min(new, fonts.size(p, value_run)))
    return True


def set_size(r, half_points: int) -> None:
    rpr = r.get_or_add_rPr()
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = rpr.makeelement(qn(tag), {})
            rpr.append(el)
        el.set(qn("w:val"), str(half_points))
