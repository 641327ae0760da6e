"""Which form a .docx is: its text against the maps' identifying labels, and the number on its first line."""

from __future__ import annotations

import re

from .maps import FormMap, norm
from .ooxml import all_paragraphs, para_text, text_of

def document_text(doc) -> str:
    """All text of the document (body, tables, content controls, text boxes), normalised."""
    return norm(text_of(doc.element.body))


_FORM_NO = re.compile(r"^附\s*件?\s*(\d+(?:\s*[-－—–]\s*\d+)?)")


def form_number(text: str) -> str:
    m = _FORM_NO.match(norm(text))
    return re.sub(r"[－—–]", "-", m.group(1)) if m else ""


def printed_form_number(doc) -> str:
    """The form number printed at the top (``附2-2``, ``附件1-1``): '2-2', '1-1', or ''."""
    for p in all_paragraphs(doc.element.body)[:6]:
        text = para_text(p).strip()
        if text:
            return form_number(text)
    return ""


def match_score(text: str, fmap: FormMap) -> int:
    """0 when the document is not this form; higher is a better match.

    A form is recognised by all its identifying labels, or by its title and at least one of them.
    """
    found = sum(1 for s in fmap.identify if norm(s) in text)
    title = norm(fmap.title) in text
    if found == len(fmap.identify) or (title and found):
        return found + (len(norm(fmap.title)) if title else 0)
    return 0
