"""The company profile (``subsidy.toml``): load, convert, validate.

The key names are the public contract of ../shared/docs/profile.md (documented in
docs/profile.md). Values are converted once: money to Decimal yuan, dates to datetime.date.
Type errors stop the load with file, line and key; unknown keys are findings (likely typos).
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import creditcode, tomldata
from .errors import InputError
from .findings import Finding
from .profile_schema import CONTRACT, CONTRACT_KINDS, ENTRY, TOP, Bad, _kind, known_path  # noqa: F401 - re-exported
from .tomlmap import LineMap

_Bad = Bad          # the ledger's name for it
__all__ = ["CONTRACT", "CONTRACT_KINDS", "ENTRY", "TOP", "Bad", "Contract", "Entry", "Profile", "Support",
           "known_path", "load_profile", "profile_from_dict", "read_toml", "read_bytes_safely"]

# --- the loaded profile -----------------------------------------------------------------------

@dataclass(slots=True)
class Entry:
    date: date
    amount: Decimal
    number: str | None = None


@dataclass(slots=True)
class Contract:
    index: int
    id: str
    kind: str
    data: dict
    deliveries: list[Entry]
    invoices: list[Entry]
    payments: list[Entry]

    def get(self, key: str) -> Any:
        return self.data.get(key)


@dataclass(slots=True)
class Support:
    contract: str
    level: str
    amount: Decimal
    status: str | None                  # received | applied; None: not stated
    programme: str | None = None
    district: str | None = None


@dataclass
class Profile:
    path: Path
    data: dict
    contracts: list[Contract]
    support: list[Support]
    findings: list[Finding] = field(default_factory=list)
    _lines: LineMap | None = None
    _text: str = ""

    def get(self, dotted: str) -> Any:
        """``get("company.qualifications.model_filing")``: the value, or None when not stated."""
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node

    def header(self) -> dict:
        """Who and which file: the head of every JSON output (calc, check, plan)."""
        return {"company": {"name": self.get("company.name"), "credit_code": self.get("company.credit_code")},
                "profile": str(self.path), "application_date": self.get("application.date")}

    @property
    def company_name(self) -> str:
        return self.get("company.name") or ""

    def line_of(self, path: tuple) -> int | None:
        if self._lines is None:
            self._lines = LineMap(self._text)
        return self._lines.line_of(path)

    def contract(self, cid: str) -> Contract | None:
        return next((c for c in self.contracts if c.id == cid), None)


MAX_PROFILE_BYTES = 64 * 1024 * 1024   # 30x the 1,000-contract benchmark profile


def read_bytes_safely(path: Path, limit: int) -> bytes:
    """A regular file's bytes, at most ``limit`` of them: never blocks on a pipe or a device
    (opened non-blocking, checked after opening), never follows a link out of its folder."""
    import os
    import stat
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(path.parent.resolve()):
            raise InputError(path, "profile.symlink_outside", target=str(target))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(path, "file.no_such") from None
    except IsADirectoryError:
        raise InputError(path, "file.is_folder") from None
    except OSError as exc:
        raise InputError(path, "file.cannot_read", reason=exc.strerror) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise InputError(path, "file.is_folder" if stat.S_ISDIR(info.st_mode) else "file.not_regular")
    if info.st_size > limit:
        os.close(fd)
        raise InputError(path, "file.over_limit", size=info.st_size, limit=limit)
    with os.fdopen(fd, "rb") as f:
        raw = f.read(limit + 1)
    if len(raw) > limit:            # grew while being read
        raise InputError(path, "file.over_limit", size=len(raw), limit=limit)
    return raw


# tomllib's own messages, in Chinese (the rest stay as tomllib says them, in brackets)
_TOML_ZH = [
    ("Expected ']' at the end of a table declaration", "表头缺少结尾的 ]"),
    ("Expected ']]' at the end of an array declaration", "数组表头缺少结尾的 ]]"),
    ("Expected '=' after a key in a key/value pair", "键后缺少 ="),
    ("Invalid value", "值无效"), ("Invalid statement", "语句无效"), ("Unclosed array", "数组没有闭合"),
    ("Unclosed inline table", "行内表没有闭合"), ("Unterminated string", "字符串没有结束引号"),
    ("Cannot overwrite a value", "重复写了同一个键"), ("Cannot declare", "重复声明了同一个表"),
    ("Invalid date or datetime", "日期无效"), ("Invalid initial character for a key part", "键名的首字符无效"),
    ("Found invalid character in key name", "键名中有无效字符"), ("Duplicate inline table key", "行内表中有重复的键"),
    ("Expected newline or end of document after a statement", "语句后应换行"),
    ("Illegal character", "有非法字符"), ("Invalid hex value", "十六进制值无效"),
]


def toml_error_zh(message: str) -> str:
    for english, chinese in _TOML_ZH:
        if message.startswith(english):
            return chinese
    return f"（{message}）"


def read_toml(path: Path) -> tuple[str, dict]:
    """Read and parse a TOML file; every failure is one InputError naming the file."""
    raw = read_bytes_safely(path, MAX_PROFILE_BYTES)
    if not raw.strip():
        raise InputError(path, "toml.empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path, "toml.not_utf8") from None
    try:
        return text, tomldata.loads(text, avoid=path.parent)
    except RecursionError:
        raise InputError(path, "toml.too_deep") from None
    except ValueError as exc:
        if not isinstance(exc, tomllib.TOMLDecodeError):   # e.g. an integer of thousands of digits
            raise InputError(path, "toml.number_too_long") from None
        msg = str(exc)
        line = None
        if "(at line " in msg:
            try:
                line = int(msg.split("(at line ")[1].split(",")[0])
            except ValueError:
                line = None
            msg = msg.split(" (at line ")[0]
        raise InputError(path, "toml.invalid", line=line, detail=msg, detail_zh=toml_error_zh(msg)) from None


def load_profile(path: str | Path) -> Profile:
    path = Path(path)
    text, raw = read_toml(path)
    return profile_from_dict(raw, path, text)


def profile_from_dict(raw: dict, path: str | Path = "<profile>", text: str = "") -> Profile:
    """Validate and convert an already parsed profile (tests, ledger import, case files)."""
    path = Path(path)
    prof = Profile(path=path, data={}, contracts=[], support=[], _text=text)
    unknown: list[tuple[tuple, str, list[str]]] = []
    prof.data = _convert(raw, TOP, (), prof, unknown)
    for where, key, known in unknown:
        near = difflib.get_close_matches(key, known, n=1)
        prof.findings.append(Finding(
            "profile.unknown_key", "warning",
            {"key": ".".join(str(p) for p in where), "line": prof.line_of(where) or "?",
             "hint": near[0] if near else ""}, file=str(path)))
    if prof.data.get("schema", 1) != 1:
        raise InputError(path, "profile.schema", schema=prof.data["schema"],
                         line=prof.line_of(("schema",)), key="schema")
    _build(prof)
    return prof


def _convert(value: Any, spec: Any, where: tuple, prof: Profile, unknown: list) -> Any:
    if isinstance(spec, list):
        if not isinstance(value, list):
            _fail(prof, where, "value.table_list", name=where[-1], got=_kind(value))
        return [_convert(item, spec[0], where + (i,), prof, unknown) for i, item in enumerate(value)]
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            _fail(prof, where, "value.table", got=_kind(value))
        wildcard = next((k for k in spec if k.startswith("*")), None)
        out = {}
        for key, item in value.items():
            sub = spec.get(key)
            if sub is None and wildcard:
                sub = spec[wildcard]
            if sub is None:
                unknown.append((where + (key,), key, list(spec)))
                continue
            out[key] = _convert(item, sub, where + (key,), prof, unknown)
        return out
    try:
        return spec(value)
    except Bad as exc:
        _fail(prof, where, exc.code, **exc.params)


def _fail(prof: Profile, where: tuple, code: str, **params) -> None:
    key = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in where).replace(".[", "[")
    raise InputError(prof.path, code, line=prof.line_of(where), key=key, **params)


def _entries(raw: list[dict], prof: Profile, where: tuple) -> list[Entry]:
    out = []
    for i, e in enumerate(raw):
        for need in ("date", "amount"):
            if need not in e:
                _fail(prof, where + (i,), "profile.entry_missing", need=need)
        out.append(Entry(e["date"], e["amount"], e.get("number")))
    return out


def _count_invoices_once(prof: Profile) -> None:
    """One invoice number counts once (rules.md 合理性): a repeat, on the same contract or
    another, is dropped from the base and reported as an error naming both places."""
    first: dict[str, tuple[str, int]] = {}
    for c in prof.contracts:
        kept = []
        for j, inv in enumerate(c.invoices):
            number = "".join((inv.number or "").split()).upper()     # " x1 " and "X1" are one invoice
            if number and number in first:
                where = ("contracts", c.index, "invoices", j)
                prof.findings.append(Finding(
                    "profile.invoice_repeated", "error",
                    {"number": number, "contract": c.id, "first": first[number][0],
                     "line": prof.line_of(where) or "?"}, clause="rules.md 合理性", file=str(prof.path)))
                continue
            if number:
                first[number] = (c.id, j)
            kept.append(inv)
        c.invoices = kept


def _build(prof: Profile) -> None:
    """Typed contracts and support entries, with the cross-checks a loader can make."""
    seen: dict[str, int] = {}
    for i, c in enumerate(prof.data.get("contracts", [])):
        where = ("contracts", i)
        for need in ("id", "kind"):
            if need not in c:
                _fail(prof, where, "profile.contract_missing", need=need)
        if c["id"] in seen:
            _fail(prof, where + ("id",), "profile.contract_twice", id=c["id"], first=seen[c["id"]] + 1)
        seen[c["id"]] = i
        if "start" in c and "end" in c and c["end"] < c["start"]:
            _fail(prof, where + ("end",), "profile.end_before_start", end=c["end"], start=c["start"])
        amount = c.get("amount")
        for part in ("compute_amount", "model_amount", "hardware_amount"):
            if part in c and amount is not None and c[part] > amount:
                _fail(prof, where + (part,), "profile.part_exceeds", part=part, value=c[part], amount=amount)
        prof.contracts.append(Contract(
            i, c["id"], c["kind"], c,
            _entries(c.get("deliveries", []), prof, where + ("deliveries",)),
            _entries(c.get("invoices", []), prof, where + ("invoices",)),
            _entries(c.get("payments", []), prof, where + ("payments",))))
    _count_invoices_once(prof)
    for i, s in enumerate(prof.data.get("support", [])):
        for need in ("contract", "level", "amount"):
            if need not in s:
                _fail(prof, ("support", i), "profile.support_missing", need=need)
        if s["contract"] not in seen:
            _fail(prof, ("support", i, "contract"), "profile.support_contract", id=s["contract"])
        prof.support.append(Support(s["contract"], s["level"], s["amount"],
                                    s.get("status"), s.get("programme"), s.get("district")))
    code = prof.get("company.credit_code")
    if code is not None:
        problem = creditcode.problem(code.strip().upper())
        if problem:
            prof.findings.append(Finding("profile.credit_code", "warning",
                                         {"code": code, "problem": problem,
                                          "line": prof.line_of(("company", "credit_code")) or "?"},
                                         clause="GB 32100-2015", file=str(prof.path)))
