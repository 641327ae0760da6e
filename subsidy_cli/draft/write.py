"""The draft as a commented ``subsidy.toml``.

The layout and every placeholder come from the template ``subsidy init`` writes
(``subsidy_cli/data/subsidy.template*.toml``, in the draft's language): its [company] lines are filled where the documents
give the value, its compliance, qualification and application sections (facts no document gives)
are kept as they are, its commented ``[[contracts]]`` example is replaced by one block per drafted
contract (with the example's lines for what the documents cannot say), and its support and
materials examples close the file. Each value is followed by the file and page it came from; a
value the tool is not sure of says ``待核对`` (to check) and why.
"""

from __future__ import annotations

import re

from ..ledger import _toml_value
from ..messages import render
from ..profile_template import template_text
from .facts import ENTRY_KEYS, Draft, DraftContract, Fact

_KEY = re.compile(r"^#?\s*([a-z_0-9]+)\s*=")
_HEADER = re.compile(r"^#?\s*\[\[?([a-z_.]+)\]\]?")
CHECK_MARK = "待核对"
# Example lines of the template kept (commented) in a drafted contract, per kind: what documents cannot say.
PLACEHOLDERS = {"affiliated": None, "llm_rd": ("compute",), "area_m2": ("lease",)}
ENTRY_FIRST = ("date", "amount", "number")




def _sections(text: str) -> list[tuple[str, list[str]]]:
    """(name, lines) of the template: "" for the lines before the first table; a commented
    header (``# [[contracts]]``) starts a section too, with the comment lines just before it."""
    out: list[tuple[str, list[str]]] = [("", [])]
    for line in text.splitlines():
        m = _HEADER.match(line)
        if m and (not line.startswith("#") or m.group(1) in ("contracts", "support", "materials")):
            lead: list[str] = []
            while out[-1][1] and out[-1][1][-1].startswith("#") and not _KEY.match(out[-1][1][-1]):
                lead.insert(0, out[-1][1].pop())
            out.append((m.group(1), lead + [line]))
        else:
            out[-1][1].append(line)
    return out


def _comment(fact: Fact, lang: str) -> str:
    if fact.check:
        return f"# {CHECK_MARK}：{render(fact.check + '.why', {}, lang)} · {fact.source}"
    return f"# {fact.source}"


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` columns as a terminal shows it (a Chinese character is two)."""
    shown = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    return text + " " * max(1, width - shown)


def _line(key: str, fact: Fact, lang: str, width: int = 48) -> str:
    return _pad(f"{key} = {_toml_value(key, fact.value)}", width) + _comment(fact, lang)


def _company(lines: list[str], company: dict[str, Fact], lang: str) -> list[str]:
    out, done = [], set()
    for line in lines:
        m = _KEY.match(line)
        key = m.group(1) if m else None
        if key in company and key not in done:
            out.append(_line(key, company[key], lang))
            done.add(key)
        elif key == "name" and "name" not in company:
            out.append(f"{line}  # {CHECK_MARK}：{render('draft.no_licence.why', {}, lang)}")
        else:
            out.append(line)
    while out and not out[-1].strip():
        out.pop()
    out += [_line(k, f, lang) for k, f in company.items() if k not in done]
    return out + [""]


def _entries(key: str, entries: list[dict[str, Fact]], lang: str) -> list[str]:
    out = [f"{key} = ["]
    for e in entries:
        parts = ", ".join(f"{k} = {_toml_value(k, e[k].value)}" for k in ENTRY_FIRST if k in e)
        out.append(_pad(f"  {{ {parts} }},", 72) + entry_comment(e, lang))
    return out + ["]"]


def entry_comment(e: dict[str, Fact], lang: str) -> str:
    """A record's source, and why to check it when one of its values is unsure."""
    checks = [f for f in e.values() if f.check]
    return _comment(checks[0] if checks else e["date"], lang)


def contract_block(c: DraftContract, example: dict[str, str], lang: str) -> str:
    lines = ["[[contracts]]"]
    for key, fact in c.facts.items():
        lines.append(_line(key, fact, lang))
    if "amount" not in c.facts:
        lines.append(_pad("# amount = \"\"", 48) + f"# {CHECK_MARK}：{render('draft.no_amount.why', {}, lang)}")
    kind = c.facts["kind"].value
    for key, kinds in PLACEHOLDERS.items():
        if key not in c.facts and key in example and (kinds is None or kind in kinds):
            lines.append(example[key])
    for key in ENTRY_KEYS:
        if c.entries[key]:
            lines += _entries(key, c.entries[key], lang)
    return "\n".join(lines) + "\n"


def _example(lines: list[str]) -> dict[str, str]:
    """The commented example [[contracts]] block of the template: key -> its line."""
    out = {}
    for line in lines:
        if (m := _KEY.match(line)) and line.startswith("#"):
            out.setdefault(m.group(1), line)
    return out


def draft_toml(draft: Draft, lang: str) -> str:
    """The commented subsidy.toml of ``draft``."""
    sections = _sections(template_text(lang))
    example = _example(next(lines for name, lines in sections if name == "contracts"))
    out = [f"# {render('draft.header', {'dossier': draft.dossier}, lang)}",
           f"# {render('draft.header_check', {'mark': CHECK_MARK, 'count': len(draft.to_check)}, lang)}"]
    for name, lines in sections:
        if name == "":
            out += [line for line in lines if line.startswith("schema")] + [""]    # the draft's own header above
        elif name == "company":
            out += _company(lines, draft.company, lang)
        elif name == "contracts":
            out += lines[:1]                               # "# One [[contracts]] per contract …"
            out += [contract_block(c, example, lang) for c in draft.contracts]
        else:
            out += lines
    if draft.to_check:
        out += ["", f"# {CHECK_MARK}：{render('draft.to_check_title', {}, lang)}"]
        out += [f"# - {_where(t.source)}{render(t.code, t.params, lang)}" for t in draft.to_check]
    return "\n".join(out).rstrip("\n") + "\n"


def _where(source) -> str:
    return f"{source}：" if source else ""
