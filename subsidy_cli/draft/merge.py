"""``subsidy draft --into PROFILE``: the drafted facts added to a profile a person wrote.

Only new contracts and new records (a delivery, invoice or payment the contract does not list)
are added, through the ledger's merge (``ledger_merge.merge_into``: the profile's text, comments
and layout stay as they are). A drafted value that differs from what the profile states is a
conflict: listed, never written. In [company] only the blanks `subsidy init` leaves (``name = ""``)
are filled.
"""

from __future__ import annotations

from pathlib import Path
import re
import tomllib
from decimal import Decimal
from typing import Any

from ..ledger_merge import merge_into
from ..money import MoneyError, parse_money
from ..errors import InputError
from ..profile import load_profile, profile_from_dict
from ..scan.normalise import compact
from .facts import ENTRY_KEYS, Draft, DraftContract, Source
from ..profile_template import template_text, template_texts
from .write import _KEY, _example, _line, _sections, contract_block, entry_comment


def _same(a: Any, b: Any) -> bool:
    """The profile's value and the drafted one say the same (money however written: "1000万")."""
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        try:
            return parse_money(a) == parse_money(b)
        except MoneyError:
            return False
    if isinstance(a, str) and isinstance(b, str):
        return compact(a) == compact(b)
    return a == b


NEAR_DAYS = 31      # a person's record this close to a document's, same amount, is that record typed otherwise


def _find(have: list[dict], e: dict, taken: set[int], near: bool) -> dict | None:
    """The profile's record that is ``e``: the same invoice number, else the same date and amount;
    with ``near``, also one of the same date, or of the same amount within NEAR_DAYS (a conflict
    to list, never a second copy). ``taken``: records already claimed by another document."""
    for i, h in enumerate(have):
        if i in taken:
            continue
        if h.get("number") and e.get("number"):
            hit = h["number"] == e["number"]
        elif not near:
            hit = h.get("date") == e.get("date") and h.get("amount") == e.get("amount")
        else:
            days = abs((h["date"] - e["date"]).days) if h.get("date") and e.get("date") else None
            hit = h.get("date") == e.get("date") or (h.get("amount") == e.get("amount") and days is not None
                                                     and days <= NEAR_DAYS)
        if hit:
            taken.add(i)
            return h
    return None


Conflict = tuple[str, dict]     # (message code, params): a drafted value left out, the profile states another


def _conflict(code: str, source: Source, **params) -> Conflict:
    return code, {**params, "source": str(source)}


def merge_draft(target: Path, draft: Draft, lang: str) -> tuple[str, dict, list[Conflict]]:
    """The profile's new text, counts {added, records, filled}, and the conflicts."""
    profile = load_profile(target)
    existing = {c.id: c.data for c in profile.contracts}
    conflicts: list[Conflict] = []
    company = profile.get("company") or {}
    for key, fact in draft.company.items():
        if company.get(key) not in (None, "", []) and not _same(company[key], fact.value):
            conflicts.append(_conflict("draft.company_conflict", fact.source, key=key,
                                       have=company[key], found=fact.value))
    contracts: list[dict] = []
    counts = {"added": 0, "records": 0}
    drafted = {c.id: c for c in draft.contracts}
    for c in draft.contracts:
        plain = c.plain()
        if c.id not in existing:
            contracts.append(plain)
            counts["added"] += 1
            counts["records"] += sum(len(c.entries[k]) for k in ENTRY_KEYS)
            continue
        old = existing[c.id]
        new = _new_records(c, plain, old, conflicts)
        counts["records"] += sum(len(new.get(k, [])) - len(old.get(k) or []) for k in ENTRY_KEYS if k in new)
        if len(new) > 1:
            contracts.append(new)
    example = _example(next(lines for name, lines in _sections(template_text(lang)) if name == "contracts"))
    def note(cid: str, key: str, e: dict) -> str:
        """The source comment of a record added to a contract the profile has."""
        for facts in drafted[cid].entries[key]:
            if all(facts[k].value == v for k, v in e.items() if k in facts):
                return entry_comment(facts, lang)
        return ""
    text, _ = merge_into(target, contracts, render=lambda c: contract_block(drafted[c["id"]], example, lang),
                         note=note)
    text, counts["filled"] = _fill_blanks(text, company, draft, lang, target)
    return text, counts, conflicts


_COMPANY = re.compile(r"^\s*\[\s*company\s*\]")
_BLANK = re.compile(r'^([A-Za-z_0-9]+)[ \t]*=[ \t]*(?:""|\[[ \t]*\])[ \t]*(?:#.*)?$')      # "" or []


def _fill_blanks(text: str, company: dict, draft: Draft, lang: str, target: Path) -> tuple[str, int]:
    """The blanks `subsidy init` leaves in [company] (``name = ""``, and its commented example lines
    left exactly as the template has them) filled with the drafted value and its source; nothing a
    person wrote is touched. Kept only when the profile still loads."""
    placeholders = {line: m.group(1) for text in template_texts()
                    for line in next(ls for name, ls in _sections(text) if name == "company")
                    if line.startswith("#") and (m := _KEY.match(line))}
    lines = text.split("\n")
    inside, filled = False, 0
    for i, line in enumerate(lines):
        if line.lstrip().startswith("["):
            inside = bool(_COMPANY.match(line))
            continue
        m = _BLANK.match(line)
        key = m.group(1) if m and company.get(m.group(1)) in ("", []) else placeholders.get(line)
        if inside and key in draft.company and (m or key not in company):
            lines[i] = _line(key, draft.company[key], lang)
            filled += 1
    if not filled:
        return text, 0
    new_text = "\n".join(lines)
    try:
        profile_from_dict(tomllib.loads(new_text), target, new_text)
    except (tomllib.TOMLDecodeError, InputError):
        return text, 0
    return new_text, filled


def _new_records(c: DraftContract, plain: dict, old: dict, conflicts: list[Conflict]) -> dict:
    """{id, and per entry key the profile's records plus the new ones}; conflicts noted."""
    for key, fact in c.facts.items():
        if key in old and not _same(old[key], fact.value):
            conflicts.append(_conflict("draft.conflict", fact.source, id=c.id, key=key, have=old[key], found=fact.value))
    new: dict = {"id": c.id}
    for key in ENTRY_KEYS:
        have = list(old.get(key) or [])
        fresh = []
        taken: set[int] = set()
        pairs = list(zip(plain.get(key, []), c.entries[key]))
        exact = [_find(have, e, taken, near=False) for e, _ in pairs]     # exact matches claim first
        for (e, facts), match in zip(pairs, exact):
            match = match or _find(have, e, taken, near=True)
            if match is None:
                fresh.append(e)
            elif match.get("date") != e["date"] or match.get("amount") != e["amount"]:
                conflicts.append(_conflict("draft.conflict", facts["date"].source, id=c.id, key=key,
                                           have=f"{match.get('date')} {match.get('amount')}",
                                           found=f"{e['date']} {e['amount']}"))
        if fresh:
            new[key] = have + fresh
    return new
