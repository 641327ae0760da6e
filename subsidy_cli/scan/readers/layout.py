"""Text with positions: rows rebuilt from where the characters are drawn, not their order.

PDF generators draw invoices in any order: all labels first and the values afterwards, the ``¥``
after its figure, the year, month and day of a date as three objects. Reading order therefore
loses which value belongs to which label. Here every run of text carries its box (points, origin
top left, y down); runs are grouped into rows by their vertical centre and each row is read left
to right, with two spaces where there is a visible gap (a table cell boundary) so that
extractors can tell "label: value" on one row from two cells side by side.

``label_value`` pairs a label with its value by geometry: the nearest run to its right on the
same row, else the run in the cell below (overlapping it horizontally).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    """A run of text and its box: x0 left, x1 right, top, bottom (points; y grows down)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def rows(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped into rows: a run joins the row whose vertical middle is within half its
    height (rows of a table stay apart; a value drawn 1 pt lower than its label stays beside
    it). Rows top to bottom, each left to right."""
    out: list[list[Run]] = []
    for r in sorted((r for r in runs if r.text.strip()), key=lambda r: (r.middle, r.x0)):
        for row in reversed(out[-4:]):   # a row is near the last ones (sorted by middle)
            mid = sum(x.middle for x in row) / len(row)
            if abs(mid - r.middle) <= max(min(r.height, row[0].height) * 0.5, 1.0):
                row.append(r)
                break
        else:
            out.append([r])
    return [sorted(row, key=lambda r: r.x0) for row in out]


def row_text(row: list[Run]) -> str:
    """One row as text: runs touching are joined, a gap of about a character is one space, a
    wider gap (a cell boundary) two spaces."""
    parts: list[str] = []
    prev: Run | None = None
    for r in row:
        if prev is not None:
            gap = r.x0 - prev.x1
            size = min(r.height, prev.height)
            if gap > 1.5 * size:
                parts.append("  ")
            elif gap > 0.25 * size:
                parts.append(" ")
        parts.append(r.text)
        prev = r
    return "".join(parts)


def layout_text(runs: list[Run]) -> str:
    """The page as text in rows, top to bottom."""
    return "\n".join(row_text(row) for row in rows(runs))


def label_value(runs: list[Run], label: str | re.Pattern[str], max_gap: float = 200.0) -> str | None:
    """The value of the first run matching ``label``: the rest of its own run after the label,
    else the runs right of it on its row up to the next wide gap, else the run below it that
    overlaps it horizontally (a table's cell under its header)."""
    pattern = re.compile(label) if isinstance(label, str) else label
    table = rows(runs)
    for i, row in enumerate(table):
        for j, r in enumerate(row):
            m = pattern.search(r.text)
            if not m:
                continue
            rest = r.text[m.end():].lstrip(" :：").strip()
            if rest:
                return rest
            right = []
            for nxt in row[j + 1:]:
                last = right[-1] if right else r
                if nxt.x0 - last.x1 > (max_gap if not right else 1.5 * nxt.height):
                    break
                right.append(nxt)
            if right:
                return row_text(right).strip(" :：") or None
            for below in table[i + 1:i + 3]:
                under = [b for b in below if b.x0 < r.x1 and b.x1 > r.x0]
                if under:
                    return row_text(under).strip() or None
    return None
