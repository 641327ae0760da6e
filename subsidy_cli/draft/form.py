"""Company facts from a filled application form (申报书 / 申报表), read back by the labels
``subsidy fill`` writes them under: the form maps (``subsidy_cli/forms/*.toml``) say which label
holds which ``company.*`` key, so the two directions cannot drift apart.

Only the Word file of a form is read, and only plain cells (text, a number, a date, 万元): a value in the cell right of its label,
in the scanner's text of the form (cells separated by two spaces). The licence wins where both
give a key; a form that disagrees with the licence is listed for a person.
"""

from __future__ import annotations

import datetime as dt
import re

from ..scan.normalise import compact
from .facts import Draft, Fact, Source

READ_FORMATS = {"text", "number", "int", "wan", "date", "phone"}
KEYS = {"name", "credit_code", "registered_on", "company_type", "registered_capital", "registered_address",
        "operating_address", "tax_district", "stats_district", "legal_representative", "contact",
        "contact_phone", "email", "office_area_m2", "employees", "employees_bachelor_plus"}


def _maps():
    from ..fill.maps import FORMS_DIR, load_map
    return [load_map(p) for p in sorted(FORMS_DIR.glob("*.toml"))]


def _cell(label: str, text: str, row: str | None = None) -> str | None:
    """The cell right of ``label`` (label and value on one line, two spaces between cells); with
    ``row``, on the line that also holds that label (手机/座机 of 企业联系人, not of 企业法人)."""
    spaced = r"\s*".join(re.escape(ch) for ch in re.sub(r"\s+", "", label))
    if row:
        text = "\n".join(line for line in text.splitlines() if compact(row) in compact(line))
    m = re.search(rf"(?:^|  ){spaced}[:：]?  +([^\s].*?)(?=  |\t|$)", text, re.M)
    value = m.group(1).strip() if m else None
    return value if value and not re.fullmatch(r"[（(].*[)）]|[-—_ ]*", value) else None


def _convert(key: str, fmt: str, raw: str):
    if fmt == "date" or key == "registered_on":
        m = re.match(r"((?:19|20)\d{2})[-./年](\d{1,2})[-./月](\d{1,2})", raw)
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    if key == "registered_capital":
        return raw + "万" if re.fullmatch(r"\d+(?:\.\d+)?", raw) else raw
    if fmt in ("int", "number") or key in ("office_area_m2", "employees", "employees_bachelor_plus"):
        return int(raw) if raw.isdigit() else None
    return raw


def company_from_forms(draft: Draft, forms: list) -> None:
    for r in forms:
        if not r.f.path.lower().endswith(".docx"):
            continue        # a PDF or scan of the form wraps its cells: the Word file is the one to read
        text = r.f.text
        maps = [m for m in _maps() if all(compact(w) in compact(text) for w in m.identify)]
        for form_map in maps[:1]:
            for fld in form_map.fields:
                key = (fld.value or "").removeprefix("company.")
                if key not in KEYS or fld.format not in READ_FORMATS:
                    continue
                raw = next((v for label in fld.labels if (v := _cell(label, text, fld.row))), None)
                value = _convert(key, fld.format, raw) if raw else None
                if value is None:
                    continue
                have = draft.company.get(key)
                if have is None:
                    draft.company[key] = Fact(value, Source(r.f.path, r.page(key) if r.f.page_starts else None), r.doubt)
                elif compact(str(have.value)) != compact(str(value)):
                    draft.checked("draft.form_differs", Source(r.f.path), key=key, form=str(value),
                                  first=str(have.value), where=str(have.source))
