"""The material type of a file: from the profile's [materials], its name, its folder, its text.

The keywords live in ``data/material_types.toml``. The text is classified by its title first
(the first of its first three lines that names a type), then by the content rules, then by the
shape of an invoice (labels garbled, values intact).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from .. import tomldata
from ..rules import MATERIAL_TYPES
from .normalise import clean

# Scanner types beyond the programmes' materials: receipts with numbers, dates and ¥ amounts
# like an invoice's that are never one. Their own title wins over the file name.
RECEIPT_TYPES = ("itinerary", "toll_receipt", "hotel_folio")
TYPES = MATERIAL_TYPES + RECEIPT_TYPES

@lru_cache(maxsize=1)
def keyword_table() -> tuple[list[tuple[str, list[re.Pattern[str]]]], list[tuple[str, list[re.Pattern[str]], str]]]:
    data = tomldata.loads((Path(__file__).resolve().parent.parent / "data" / "material_types.toml")
                         .read_text(encoding="utf-8"))
    names = [(r["type"], [re.compile(k, re.I) for k in r["keywords"]]) for r in data["name"]]
    texts = [(r["type"], [re.compile(k, re.I) for k in r["all"]], r["reason"]) for r in data["text"]]
    for t in [n[0] for n in names] + [t[0] for t in texts]:
        if t not in TYPES:
            raise ValueError(f"material_types.toml: unknown type {t!r}")
    return names, texts


def _name_key(name: str) -> str:
    name = clean(name).lower()
    return re.sub(r"[_\-.]+", " ", name).strip()


# by_name's memo (a dossier's folder names repeat for every file in them). A dossier's index
# (scan/index.py) brings the results for its names from the last scan, made with the same keyword
# table: a re-check then compiles no keyword pattern.
_NAMES: dict[str, tuple[str, str] | None] = {}
_NAMES_MAX = 65536


def by_name(name: str) -> tuple[str, str] | None:
    """(type, matched keyword) from a file or folder name."""
    if name in _NAMES:
        return _NAMES[name]
    hit = _by_name(name)
    if len(_NAMES) < _NAMES_MAX:
        _NAMES[name] = hit
    return hit


def names_of(rel: str) -> list[str]:
    """The names classify() looks up for a file: its stem and its folders'."""
    parts = rel.split("/")
    return [os.path.splitext(parts[-1])[0], *parts[:-1]]


def remember_names(known: dict[str, tuple[str, str] | None]) -> None:
    """Results of by_name from a dossier's index (made with this keyword table)."""
    for name, hit in known.items():
        if len(_NAMES) < _NAMES_MAX:
            _NAMES.setdefault(name, hit)


def _by_name(name: str) -> tuple[str, str] | None:
    key = _name_key(name)
    for mtype, patterns in keyword_table()[0]:
        for p in patterns:
            if m := p.search(key):
                return mtype, m.group().strip()
    return None


def by_text(text: str) -> tuple[str, str] | None:
    """(type, reason) from the title (the first of the first three lines that names a type),
    then the content rules."""
    text = clean(text)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for title in lines[:3]:  # the first line that names a type: later lines are often the body
        if hit := by_name(title[:80]):
            return hit[0], f"title contains {hit[1]}"
    for mtype, patterns, reason in keyword_table()[1]:
        if all(p.search(text) for p in patterns):
            return mtype, f"text contains {reason}"
    return _invoice_shape(text)


def _invoice_shape(text: str) -> tuple[str, str] | None:
    """Invoices whose labels are garbled still have the shape of one: a number, a date, a total
    equal to its amount in words or beside a valid credit code."""
    if not re.search(r"\d{8}", text) or not re.search(r"[¥壹贰叁肆伍陆柒捌玖]", text):
        return None
    from .extract.invoice import extract_invoice_fields
    f = extract_invoice_fields(text, report_missing=False)
    if f.get("invoice_number") and f.get("issue_date") and f.get("total") and (
            f.get("total_upper") == f["total"] or f.get("seller_credit_code")):
        return "invoice", _INVOICE_SHAPE
    return None


def classify(rel: str, content: dict, override: str | None) -> tuple[str, float, str]:
    """(type, confidence, reason): the override, else the name, else the text, else other."""
    if override:
        return override, 1.0, "[materials] in subsidy.toml"
    stem, *folders = names_of(rel)
    name_hit = by_name(stem)
    folder_hit = next((h for h in (by_name(d) for d in reversed(folders)) if h), None)
    text_hit = _text_hit(content)
    if content.get("invoice") and content["invoice"].get("invoice_number") and not text_hit:
        text_hit = ("invoice", "OFD carries invoice data")
    if not text_hit and content.get("qr"):
        from .readers.qr import invoice_qr
        if invoice_qr(content["qr"]):
            text_hit = ("invoice", "QR code of an invoice")
    if text_hit and text_hit[0] in RECEIPT_TYPES and (not name_hit or name_hit[0] != text_hit[0]):
        hint = f" (name contains {name_hit[1]}: {name_hit[0]}?)" if name_hit else ""
        return text_hit[0], 0.8 if name_hit else 0.75, f"{text_hit[1]}{hint}"
    if name_hit and text_hit and text_hit[0] != name_hit[0] and name_hit[1].isdigit():
        # a name that is only a number (an invoice's, a bank's serial) is weaker than a title
        return text_hit[0], 0.7, f"{text_hit[1]} (name contains {name_hit[1]}: {name_hit[0]}?)"
    if name_hit:
        reason = f"name contains {name_hit[1]}"
        if text_hit and text_hit[0] == name_hit[0]:
            return name_hit[0], 0.95, f"{reason}; {text_hit[1]}"
        if text_hit:
            return name_hit[0], 0.6, f"{reason} ({text_hit[1]}: {text_hit[0]}?)"
        return name_hit[0], 0.85, reason
    if text_hit:
        agree = folder_hit and folder_hit[0] == text_hit[0]
        return text_hit[0], 0.9 if agree else 0.75, text_hit[1]
    if folder_hit:
        return folder_hit[0], 0.7, f"folder name contains {folder_hit[1]}"
    return "other", 0.0, "no known keyword in the name or text"


def _text_hit(content: dict) -> tuple[str, str] | None:
    """by_text, memoised in the content so that a cached file is not classified twice."""
    if "text_hit" not in content:
        hit = by_text(content.get("text") or "") if content.get("text") else None
        content["text_hit"] = list(hit) if hit else None
        content["derived_changed"] = True
    hit = content["text_hit"]
    return (hit[0], hit[1]) if hit else None


_REASON_ZH = [("folder name contains ", "文件夹名含 "), ("name contains ", "文件名含 "), ("title contains ", "标题含 "),
              ("text contains ", "正文含 "), ("[materials] in subsidy.toml", "subsidy.toml 的 [materials] 指定"),
              ("file = link in subsidy.toml", "subsidy.toml 中的 file = 链接"), ("OFD carries invoice data", "OFD 含发票数据"),
              ("QR code of an invoice", "发票二维码"), ("no known keyword in the name or text", "文件名和正文都没有已知关键词"),
              ("not read", "未读取")]


def reason_text(reason: str, lang: str) -> str:
    """The classifier's reason in the reader's language (the classifier writes it in English):
    its phrases, the type a hint names ("(name contains 合同: contract?)") and its punctuation."""
    if lang == "en":
        return reason
    from ..messages import render, type_name

    reason = _HINT.sub(lambda m: f"（{m.group(1)}：{type_name(m.group(2), lang)}？）", reason)
    for english, chinese in _REASON_ZH:
        reason = reason.replace(english, chinese)
    reason = reason.replace(_INVOICE_SHAPE, render("reason.invoice_shape", {}, lang))
    return reason.replace("; ", "；").replace(" with ", "及")


_HINT = re.compile(r" \((.+?): ([a-z_]+)\?\)")
_INVOICE_SHAPE = "text has an invoice's number, date and total"
