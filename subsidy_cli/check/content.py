"""Checks on what the files say, not only that they are there.

- Each delivery has its own settlement sheet, matched by date and amount; identical copies of
  one sheet (a Windows "… - 副本.pdf") count once; a missing one names its date.
- Each payment has its proof, matched by date and amount.
- The business licence names the company, by name and credit code.
- The contract's parties are the company and the declared supplier.
- The profile's ``file =`` links (contract, deliveries, invoices, payments) are honoured: the
  linked file is the evidence for that entry whatever its guessed type, it must exist, and what
  it says must agree; a linked file that cannot be read (a photo, a scan) is accepted with an
  info finding asking for a look.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..findings import Finding
from ..money import show
from ..profile import Contract, Profile
from ..scan.normalise import compact
from ..scan.walk import path_key
from .materials import usable


def field_money(text) -> Decimal | None:
    """A scanned field's amount; None when it is missing or not a number."""
    try:
        return Decimal(str(text)) if text not in (None, "") else None
    except (InvalidOperation, ValueError):
        return None


def field_date(text) -> date | None:
    """A scanned field's ISO date; None when it is missing or not a date."""
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


@dataclass
class Links:
    """The profile's file links, resolved against the scanned files."""

    files: dict[str, object]                                  # path -> ScannedFile

    def get(self, path: str | None):
        return self.files.get(path_key(path)) if path else None

    def linked_paths(self, profile: Profile) -> set[str]:
        out = set()
        for c in profile.contracts:
            for path in _entry_links(c):
                if path and (f := self.get(path)) is not None:
                    out.add(f.path)
        return out


def _entry_links(c: Contract) -> list[str | None]:
    out = [c.get("file")]
    for kind in ("deliveries", "invoices", "payments"):
        out += [e.get("file") for e in (c.get(kind) or []) if isinstance(e, dict)]
    return out


_LINKED_TYPE = {"deliveries": "settlement_sheet", "invoices": "invoice", "payments": "payment_proof"}


def linked_types(profile: Profile) -> dict[str, str]:
    """path -> material type for every ``file =`` of the profile: the contract's file is a
    contract, a delivery's a settlement sheet, an invoice's an invoice, a payment's a proof."""
    out: dict[str, str] = {}
    for c in profile.contracts:
        if c.get("file"):
            out[path_key(c.get("file"))] = "contract"
        for kind, mtype in _LINKED_TYPE.items():
            for e in c.get(kind) or []:
                if isinstance(e, dict) and e.get("file"):
                    out[path_key(e["file"])] = mtype
    return out


def entry_file(c: Contract, kind: str, index: int) -> str | None:
    """The ``file`` of the index-th entry of a contract's deliveries, invoices or payments."""
    raw = c.get(kind) or []
    return raw[index].get("file") if index < len(raw) and isinstance(raw[index], dict) else None


def links_of(files: list) -> Links:
    return Links({f.path: f for f in files})


def missing_link_findings(profile: Profile, links: Links) -> list[Finding]:
    """Every ``file =`` of the profile names a file of the dossier."""
    out = []
    what = {"deliveries": "delivery", "invoices": "invoice", "payments": "payment"}
    for c in profile.contracts:
        if c.get("file") and links.get(c.get("file")) is None:
            out.append(Finding("file.link_missing", "error", {"contract": c.id, "what": "contract", "what_zh": "合同",
                                                              "path": c.get("file")}))
        for kind, entries in (("deliveries", c.deliveries), ("invoices", c.invoices), ("payments", c.payments)):
            for i, e in enumerate(entries):
                path = entry_file(c, kind, i)
                if path and links.get(path) is None:
                    zh = {"deliveries": "交付", "invoices": "发票", "payments": "付款"}[kind]
                    out.append(Finding("file.link_missing", "error",
                                       {"contract": c.id, "what": f"{what[kind]} of {e.date}",
                                        "what_zh": f"{e.date} {zh}", "path": path}))
    return out


def _digest(root: Path, f) -> str:
    if f.digest:                        # hashed by the scan already (or known unchanged by its index)
        return f.digest
    try:
        return hashlib.sha256((root / f.path).read_bytes()).hexdigest()
    except OSError:
        return f.path


def distinct(root: Path, files: list) -> tuple[list, list[Finding]]:
    """Files with identical bytes counted once (the first by path); a warning for each copy."""
    seen: dict[str, object] = {}
    kept, found = [], []
    for f in sorted(files, key=lambda f: (len(f.path), f.path)):
        key = _digest(root, f)
        if key in seen:
            found.append(Finding("file.duplicate_copy", "warning", {"file": f.path, "original": seen[key].path},
                                 file=f.path))
            continue
        seen[key] = f
        kept.append(f)
    return sorted(kept, key=lambda f: f.path), found


def settlement_findings(root: Path, c: Contract, sheets: list, links: Links, clause: str | None) -> list[Finding]:
    """One settlement sheet per delivery, by its link, else by date (the period's end) and
    amount; a sheet serves one delivery; unreadable sheets stand in for the rest, unverified."""
    out: list[Finding] = []
    sheets, copies = distinct(root, sheets)
    out += [Finding(f.code, f.severity, f.params, clause, f.file) for f in copies]
    free = list(sheets)
    unmatched = []
    for i, d in enumerate(c.deliveries):
        params = {"contract": c.id, "date": d.date, "amount": show(d.amount)}
        linked = links.get(entry_file(c, "deliveries", i))
        if linked is not None:
            if linked in free:
                free.remove(linked)
            out += _sheet_disagrees(linked, d, params, clause)
            continue
        hit = next((s for s in free if field_date(s.fields.get("period_end")) == d.date
                    and field_money(s.fields.get("amount")) == d.amount), None)
        hit = hit or next((s for s in free if field_money(s.fields.get("amount")) == d.amount
                           and field_date(s.fields.get("period_start")) and field_date(s.fields.get("period_end"))
                           and field_date(s.fields["period_start"]) <= d.date <= field_date(s.fields["period_end"])), None)
        if hit is None:
            unmatched.append((d, params))
            continue
        free.remove(hit)
    unreadable = [s for s in free if not s.fields.get("amount") and not s.fields.get("period_end")]
    for d, params in unmatched:
        same_date = next((s for s in free if s not in unreadable and field_date(s.fields.get("period_end")) == d.date), None)
        if same_date is not None:
            free.remove(same_date)
            out += _sheet_disagrees(same_date, d, params, clause)
        elif unreadable:
            f = unreadable.pop(0)
            out.append(Finding("settlement.unverified", "info", params, clause, f.path))
        else:
            out.append(Finding("settlement.missing", "error", params, clause))
    return out


def _sheet_disagrees(f, d, params: dict, clause: str | None) -> list[Finding]:
    end, amount = field_date(f.fields.get("period_end")), field_money(f.fields.get("amount"))
    if end is None and amount is None:
        return [Finding("settlement.unverified", "info", params, clause, f.path)]
    if (end is not None and end != d.date) or (amount is not None and amount != d.amount):
        return [Finding("settlement.mismatch", "error", {**params, "found_date": end or "?",
                                                         "found_amount": show(amount) if amount is not None else "?"},
                        clause, f.path)]
    return []


def payment_findings(c: Contract, proofs: list, links: Links, clause: str | None) -> list[Finding]:
    """A proof per payment: its link, else any proof with the same date and amount."""
    out: list[Finding] = []
    for i, p in enumerate(c.payments):
        params = {"contract": c.id, "date": p.date, "amount": show(p.amount)}
        linked = links.get(entry_file(c, "payments", i))
        if linked is not None:
            day, amount = field_date(linked.fields.get("date")), field_money(linked.fields.get("amount"))
            if day is None and amount is None:
                out.append(Finding("payment.proof_unverified", "info", params, clause, linked.path))
            elif (day is not None and day != p.date) or (amount is not None and amount != p.amount):
                out.append(Finding("payment.proof_mismatch", "error",
                                   {**params, "found_date": day or "?",
                                    "found_amount": show(amount) if amount is not None else "?"}, clause, linked.path))
            continue
        if not any(field_date(f.fields.get("date")) == p.date and field_money(f.fields.get("amount")) == p.amount for f in proofs):
            out.append(Finding("payment.file_missing", "error", params, clause))
    return out


def license_findings(profile: Profile, files: list, clause: str | None) -> list[Finding]:
    """The business licence names the company: name and credit code. Another company's
    licence is an error; a licence that cannot be read, an info."""
    name, code = profile.get("company.name"), profile.get("company.credit_code")
    licences = [f for f in files if f.type == "business_license" and usable(f)]
    out: list[Finding] = []
    for f in licences:
        found_name, found_code = f.fields.get("name"), f.fields.get("credit_code")
        if not found_name and not found_code:
            out.append(Finding("license.unverified", "info", {}, clause, f.path))
            continue
        if found_name and name and compact(found_name) != compact(name):
            out.append(Finding("license.company_mismatch", "error", {"found": found_name, "expected": name}, clause, f.path))
        if found_code and code and found_code.upper() != code.strip().upper():
            out.append(Finding("license.code_mismatch", "error", {"found": found_code, "expected": code}, clause, f.path))
    return out


def party_findings(c: Contract, contract_files: list, company: str | None, clause: str | None) -> list[Finding]:
    """The contract's parties (甲方, 乙方) are the company and the declared supplier."""
    out: list[Finding] = []
    supplier = c.get("supplier")
    for f in contract_files:
        parties = [p for p in (f.fields.get("party_a"), f.fields.get("party_b")) if p]
        if len(parties) < 2:
            continue
        names = {compact(p) for p in parties}
        for who, who_zh, expected in (("company", "申报企业", company), ("supplier", "供应商", supplier)):
            if expected and compact(expected) not in names:
                out.append(Finding("contract.party_mismatch", "error",
                                   {"contract": c.id, "who": who, "who_zh": who_zh, "expected": expected,
                                    "found": list(parties)}, clause, f.path))
    return out
