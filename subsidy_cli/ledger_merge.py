"""`subsidy ledger import --into`: the ledger's contracts merged into a profile's text.

New contract ids are appended as ``[[contracts]]`` blocks; a contract already in the profile is
rewritten only when the ledger adds to it, and refused when the ledger would change or drop
something the profile holds. No other text changes: comments and wording stay.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

from .errors import InputError
from .ledger import ENTRY_KEYS, _toml_value, contract_toml
from .profile import profile_from_dict, read_toml


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line index of each top-level ``[[contracts]]`` block, without trailing
    blank and comment lines (those belong to whatever follows)."""
    heads = []
    for i, line in enumerate(lines):
        m = _HEADER.match(line)
        if m and "=" not in line.split("]")[0]:
            heads.append((i, m.group(1).replace(" ", ""), line.lstrip().startswith("[[")))
    out = []
    for n, (i, name, array) in enumerate(heads):
        if not (array and name == "contracts"):
            continue
        end = len(lines) - 1
        for j, other, _ in heads[n + 1:]:
            if not other.startswith("contracts."):
                end = j - 1
                break
        while end > i and (not lines[end].strip() or lines[end].lstrip().startswith("#")):
            end -= 1
        out.append((i, end))
    return out


def _entry_key(e: dict) -> tuple:
    return (e["date"], e["amount"], e.get("number"))


def _merge_contract(old: dict, new: dict) -> tuple[dict, list[str]]:
    """The old contract with the ledger's facts added; the conflicts that would lose data."""
    merged = dict(old)
    conflicts = []
    for k, v in new.items():
        if k in ENTRY_KEYS:
            have = old.get(k, [])
            new_keys = {_entry_key(e) for e in v}
            lost = [e for e in have if _entry_key(e) not in new_keys]
            if lost:
                listed = ", ".join(f"{e['date']} {e['amount']}" for e in lost)
                conflicts.append(f"{k}: the profile's {listed} not in the ledger")
                continue
            by_key = {_entry_key(e): e for e in have}
            merged[k] = [{**by_key.get(_entry_key(e), {}), **e} for e in v]
            for e in v:
                old_e = by_key.get(_entry_key(e), {})
                for ek in e:
                    if ek in old_e and old_e[ek] != e[ek]:
                        conflicts.append(f"{k} {e['date']}: {ek} is {old_e[ek]!r} in the profile, {e[ek]!r} in the ledger")
        elif k in old and old[k] != v:
            conflicts.append(f"{k} is {_show(old[k])} in the profile, {_show(v)} in the ledger")
        else:
            merged[k] = v
    return merged, conflicts


def _entry_toml(e: dict) -> str:
    first = ("date", "amount", "number", "note", "file")
    parts = [f"{ek} = {_toml_value(ek, e[ek])}" for ek in first if ek in e]
    parts += [f"{ek} = {_toml_value(ek, ev)}" for ek, ev in e.items() if ek not in first]
    return "{ " + ", ".join(parts) + " }"


def _array_span(text: str, key: str) -> tuple[int, int, int] | None:
    """(index of '[', index of the matching ']', index of the last value character inside) for
    ``key = [...]`` in a block's text, skipping strings and comments; None when not found."""
    m = re.search(rf"(?m)^[ \t]*{re.escape(key)}[ \t]*=[ \t]*\[", text)
    if not m:
        return None
    start = m.end() - 1
    depth, i, last, in_str = 0, start, start, None
    while i < len(text):
        ch = text[i]
        if in_str:
            if ch == "\\" and in_str == '"':
                i += 2
                continue
            if ch == in_str:
                in_str = None
                last = i
        elif ch in "\"'":
            in_str = ch
        elif ch == "#":
            while i < len(text) and text[i] != "\n":
                i += 1
            continue
        elif ch in "[{":
            depth += 1
            if i != start:
                last = i
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return start, i, last
            last = i
        elif not ch.isspace():
            last = i
        i += 1
    return None


def _patch_block(block: list[str], old: dict, merged: dict, note=None) -> list[str] | None:
    """The block with only the ledger's additions written into it, keeping its comments and
    the way it writes amounts; None when an addition cannot be expressed as an insertion.
    ``note(key, entry)`` gives a comment for an added entry written on a line of its own."""
    def line(k: str, e: dict) -> str:
        comment = note(k, e) if note else ""
        return f"  {_entry_toml(e)}," + (f"  {comment}" if comment else "")

    text = "\n".join(block)
    tail: list[str] = []
    for k, v in merged.items():
        if k not in old:
            if k in ENTRY_KEYS:
                tail += [f"{k} = ["] + [line(k, e) for e in v] + ["]"]
            else:
                tail.append(f"{k} = {_toml_value(k, v)}")
            continue
        if k not in ENTRY_KEYS or v == old[k]:
            continue
        have = {_entry_key(e): e for e in old[k]}
        if any(_entry_key(e) in have and have[_entry_key(e)] != e for e in v):
            return None                          # an existing entry gains a field: rewrite instead
        added = [e for e in v if _entry_key(e) not in have]
        span = _array_span(text, k)
        if span is None:
            return None
        start, close, last = span
        comma = "" if text[last] in "[," else ","
        text = text[:last + 1] + comma + text[last + 1:]
        close += len(comma)
        line_start = text.rfind("\n", 0, close) + 1
        if not text[line_start:close].strip():   # ']' on a line of its own
            insert = "".join(line(k, e) + "\n" for e in added)
            text = text[:line_start] + insert + text[line_start:]
        else:
            text = text[:close] + "".join(f" {_entry_toml(e)}," for e in added) + " " + text[close:]
    return text.split("\n") + tail


def _show(v: Any) -> str:
    return str(v) if not isinstance(v, str) else repr(v)


def merge_into(profile_path: str | Path, contracts: list[dict], render=contract_toml, note=None) -> tuple[str, dict]:
    """The profile's new text with the ledger's contracts, and counts {added, updated, unchanged}.

    New contract ids are appended as ``[[contracts]]`` blocks; a contract already in the profile
    is rewritten only when the ledger adds to it, and refused when the ledger would change or
    drop something the profile holds. No other text changes. ``render`` writes a new contract's
    block (``subsidy draft`` passes one that comments each value with its source), ``note(id, key,
    entry)`` a comment for an entry added to an existing contract.
    """
    path = Path(profile_path)
    text, raw = read_toml(path)
    profile = profile_from_dict(raw, path, text)          # the profile must be valid to start with
    if isinstance(raw.get("contracts"), list) and raw["contracts"] and not _blocks(text.splitlines()):
        raise InputError(path, "ledger.inline_contracts", key="contracts")
    lines = text.splitlines()
    blocks = _blocks(lines)
    old_by_id = {c.id: (c.data, blocks[i] if i < len(blocks) else None)
                 for i, c in enumerate(profile.contracts)}
    if len(blocks) != len(profile.contracts):
        raise InputError(path, "ledger.cannot_place", key="contracts")
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    replace: dict[int, tuple[int, str]] = {}
    appended: list[str] = []
    problems: list[str] = []
    for c in contracts:
        if c["id"] not in old_by_id:
            appended.append(render(c))
            counts["added"] += 1
            continue
        old, (first, last) = old_by_id[c["id"]]
        merged, conflicts = _merge_contract(old, c)
        if conflicts:
            problems.append(f"contract {c['id']}: " + "; ".join(conflicts))
            continue
        if merged == old:
            counts["unchanged"] += 1
            continue
        patched = _patch_block(lines[first:last + 1], old, merged,
                               (lambda k, e, cid=c["id"]: note(cid, k, e)) if note else None)
        block = "\n".join(patched) if patched is not None else contract_toml(merged).rstrip("\n")
        replace[first] = (last, block)
        counts["updated"] += 1
    if problems:
        line = profile.line_of(("contracts",))
        raise InputError(path, "ledger.would_overwrite", line=line, problems=" | ".join(problems))
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i in replace:
            last, block = replace[i]
            out.extend(block.split("\n"))
            i = last + 1
            continue
        out.append(lines[i])
        i += 1
    new_text = "\n".join(out)
    if text.endswith("\n") or not text:
        new_text += "\n"
    if appended:
        if new_text.strip():
            new_text = new_text.rstrip("\n") + "\n\n"
        new_text += "\n".join(appended)
    # The result must load as the same profile plus the ledger: nothing else changed or lost.
    new_raw = tomllib.loads(new_text)
    merged_profile = profile_from_dict(new_raw, path, new_text)
    ledger_ids = {c["id"] for c in contracts}
    same_rest = {k: v for k, v in new_raw.items() if k != "contracts"} == {k: v for k, v in raw.items() if k != "contracts"}
    kept = {c.id: c.data for c in merged_profile.contracts}
    if not same_rest or any(kept.get(cid) != data for cid, (data, _) in old_by_id.items() if cid not in ledger_ids) \
            or not set(kept) >= set(old_by_id) | ledger_ids:
        raise InputError(path, "ledger.unusual_layout")
    return new_text, counts


def write_text_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


