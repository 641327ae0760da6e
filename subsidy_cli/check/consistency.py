"""Consistency between the files of a dossier and its profile (and the programme's rules)."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..findings import Finding
from ..money import show
from ..profile import Contract, Profile
from ..rules import Programme
from ..scan.normalise import compact
from . import content
from .materials import modes_of, usable


@lru_cache(maxsize=4096)
def norm(text: str | None) -> str:
    """Compare names as people mean them: NFKC, no spaces, half-width brackets, no radicals.
    Memoised: every file is matched against every contract (6,600 calls for 47 contracts)."""
    return compact(text)


def _in_scope_contracts(prog: Programme, profile: Profile) -> list[Contract]:
    kinds = {k for comp in prog.award.components for k in comp.kinds}
    return [c for c in profile.contracts if c.kind in kinds]


def _required_types(prog: Programme, profile: Profile) -> set[str]:
    modes = set(modes_of(prog, profile))
    return {m.type for m in prog.materials if modes & set(m.modes)}


def _belongs(f, c: Contract) -> bool:
    number = f.fields.get("contract_number")
    if number:
        return norm(number) == norm(c.id)
    return norm(c.id) in norm(Path(f.path).name)


def invoice_index(profile: Profile) -> dict[str, tuple[Contract, object]]:
    out = {}
    for c in profile.contracts:
        for inv in c.invoices:
            if inv.number:
                out[inv.number] = (c, inv)
    return out


def invoice_findings(prog: Programme, profile: Profile, files: list) -> list[Finding]:
    """Buyer is the company, seller the contract's supplier, amounts and dates as declared."""
    out: list[Finding] = []
    company, code = profile.get("company.name"), profile.get("company.credit_code")
    declared = invoice_index(profile)
    scope = {c.id for c in _in_scope_contracts(prog, profile)}
    app_date = profile.get("application.date")
    clause = next((m.clause for m in prog.materials if m.type == "invoice"), None)
    window_start = prog.cost_window.start
    seen_files: set[str] = set()
    for f in files:
        if f.type != "invoice" or not usable(f):
            continue
        fx = f.fields
        number = fx.get("invoice_number")
        match = declared.get(number) if number else None
        if match is None or match[0].id not in scope:
            continue
        contract, entry = match
        seen_files.add(number)
        add = lambda code_, sev, **p: out.append(Finding(code_, sev, {"number": number, **p}, clause, f.path))
        if fx.get("buyer_name") and company and norm(fx["buyer_name"]) != norm(company):
            add("invoice.buyer_mismatch", "error", found=fx["buyer_name"], expected=company)
        if fx.get("buyer_credit_code") and code and fx["buyer_credit_code"] != code.strip().upper():
            add("invoice.buyer_code_mismatch", "error", found=fx["buyer_credit_code"], expected=code)
        supplier, scode = contract.get("supplier"), contract.get("supplier_credit_code")
        if fx.get("seller_name") and supplier and norm(fx["seller_name"]) != norm(supplier):
            add("invoice.seller_mismatch", "error", found=fx["seller_name"], expected=supplier, contract=contract.id)
        if fx.get("seller_credit_code") and scode and fx["seller_credit_code"] != scode.strip().upper():
            add("invoice.seller_code_mismatch", "error", found=fx["seller_credit_code"], expected=scode, contract=contract.id)
        if fx.get("contract_number") and norm(fx["contract_number"]) != norm(contract.id):
            add("invoice.contract_mismatch", "error", found=fx["contract_number"], contract=contract.id)
        total = content.field_money(fx.get("total"))
        if total is not None and total != entry.amount:
            add("invoice.amount_mismatch", "error", found=show(total), expected=show(entry.amount))
        issued = content.field_date(fx.get("issue_date"))
        if issued is not None and issued != entry.date:
            add("invoice.date_mismatch", "error", found=issued, expected=entry.date)
        if issued is not None and app_date is not None and issued > app_date:
            add("invoice.after_application", "warning", date=issued, application=app_date)
        if issued is not None and window_start is not None and issued < window_start:
            add("invoice.before_window", "warning", date=issued, start=window_start,
                clause_window=prog.cost_window.clause)
        signed = contract.get("signed_on")
        if issued is not None and signed is not None and issued < signed:
            add("invoice.before_contract", "warning", date=issued, contract=contract.id, signed=signed)
    linked_invoice: dict[str, object] = {}
    links = content.links_of(files)
    for c in profile.contracts:
        for i, inv in enumerate(c.invoices):
            f = links.get(content.entry_file(c, "invoices", i))
            if f is None or not inv.number:
                continue
            linked_invoice[inv.number] = f
            found = f.fields.get("invoice_number")
            if found and found != inv.number:
                out.append(Finding("invoice.link_mismatch", "error", {"number": inv.number, "found": found,
                                                                     "contract": c.id}, clause, f.path))
    # Item by item only where the material is there at all: "missing material" covers the rest.
    if "invoice" in _required_types(prog, profile) and any(f.type == "invoice" for f in files):
        for number, (contract, entry) in declared.items():
            if contract.id in scope and number not in seen_files and not _has_invoice_file(files, number) \
                    and not linked_invoice.get(number):
                out.append(Finding("invoice.file_missing", "error",
                                   {"number": number, "contract": contract.id, "amount": show(entry.amount)},
                                   clause))
    return out


def _has_invoice_file(files: list, number: str) -> bool:
    return any(f.type == "invoice" and (f.fields.get("invoice_number") == number or number in f.path)
               for f in files)


def dossier_invoice_findings(profile: Profile, files: list, clause: str | None = None) -> list[Finding]:
    """Across the dossier: no invoice number twice; every invoice file declared in the profile;
    every [materials] path names a file. ``clause``: the checked programmes' invoice clauses."""
    out: list[Finding] = []
    by_number: dict[str, list[str]] = defaultdict(list)
    linked = content.links_of(files).linked_paths(profile)
    for f in files:
        if f.type == "invoice" and f.fields.get("invoice_number"):
            by_number[f.fields["invoice_number"]].append(f.path)
        elif f.type == "invoice" and usable(f) and f.path not in linked:
            out.append(Finding("invoice.unmatched", "warning", {}, clause, f.path))
    known = {f.path for f in files}
    out += content.missing_link_findings(profile, content.links_of(files))
    for path in (profile.data.get("materials") or {}):
        if unicodedata.normalize("NFC", str(path).replace("\\", "/")).removeprefix("./") not in known:
            out.append(Finding("materials.unknown_path", "warning", {"path": path}))
    declared = invoice_index(profile)
    for number, paths in sorted(by_number.items()):
        if len(paths) > 1:
            out.append(Finding("invoice.duplicate", "error", {"number": number, "files": list(paths)},
                               clause, paths[1]))
        if number not in declared:
            out.append(Finding("invoice.undeclared", "error", {"number": number}, clause, paths[0]))
    # An invoice number declared twice is the profile loader's finding (profile.invoice_repeated).
    return out


def evidence_findings(root: Path, prog: Programme, profile: Profile, files: list) -> list[Finding]:
    """Per contract: its contract file with the right parties, a settlement sheet per delivery
    and a proof per payment (by content, check/content.py), the profile's file links honoured."""
    out: list[Finding] = []
    present = {f.type for f in files}
    required = _required_types(prog, profile) & present   # "missing material" covers absent types
    clause = {m.type: m.clause for m in prog.materials}
    links = content.links_of(files)
    company = profile.get("company.name")
    for c in _in_scope_contracts(prog, profile):
        linked = links.get(c.get("file"))
        mine = [linked] if linked is not None else [f for f in files if f.type == "contract" and _belongs(f, c)]
        if "contract" in required and not mine and not c.get("file"):
            out.append(Finding("contract.file_missing", "error", {"contract": c.id}, clause.get("contract")))
        out += content.party_findings(c, [f for f in mine if usable(f)], company, clause.get("contract"))
        if "settlement_sheet" in required and c.deliveries:
            sheets = [f for f in files if f.type == "settlement_sheet" and usable(f) and _belongs(f, c)]
            out += content.settlement_findings(root, c, sheets, links, clause.get("settlement_sheet"))
        if ("payment_proof" in required or any(content.entry_file(c, "payments", i) for i in range(len(c.payments)))) \
                and c.payments:
            proofs = [f for f in files if f.type == "payment_proof"]
            out += content.payment_findings(c, proofs, links, clause.get("payment_proof"))
    return out


def signed_findings(prog: Programme, profile: Profile, files: list) -> list[Finding]:
    """The undertaking is the programme's own template; stamped materials carry a scanned image."""
    out: list[Finding] = []
    modes = set(modes_of(prog, profile))
    for mat in prog.materials:
        if not modes & set(mat.modes):
            continue
        mine = [f for f in files if f.type == mat.type]
        if mat.marker:
            for f in mine:
                if not usable(f):
                    continue
                if not f.text.strip():
                    out.append(Finding("undertaking.unverified", "info", {"form": mat.template or mat.type},
                                       mat.clause, f.path))
                elif norm(mat.marker) not in norm(f.text):
                    out.append(Finding("undertaking.wrong_template", "error",
                                       {"form": mat.template or mat.type, "marker": mat.marker}, mat.clause, f.path))
        mine = [f for f in mine if usable(f)]
        if mat.stamped and mine:
            scans = [f for f in mine if not f.path.lower().endswith((".docx", ".doc", ".xlsx"))]
            label = {"label": mat.label["zh"], "label_en": mat.label["en"]}
            seals = [f.seal for f in scans if f.seal is not None]
            if any(s.get("found") for s in seals):
                continue
            grey = [f for f in scans if f.seal is not None and f.seal.get("found") is None]
            if grey:
                out.append(Finding("material.stamp_unverified", "info", label, mat.clause, grey[0].path))
            elif seals or not any(f.has_image for f in scans):   # no seal found by colour (or, unchecked, no image)
                out.append(Finding("material.no_stamp", "warning", label, mat.clause, (scans or mine)[0].path))
    return out


def window_findings(prog: Programme, profile: Profile) -> list[Finding]:
    w = prog.application_window
    app = profile.get("application.date")
    end = w.end if isinstance(w.end, date) else None
    if app is None or (w.start is None and end is None):
        return []
    if (w.start and app < w.start) or (end and app > end):
        return [Finding("application.outside_window", "error",
                        {"date": app, "start": w.start or "…", "end": end or "…"}, w.clause)]
    return []


def consistency_findings(root: Path, prog: Programme, profile: Profile, files: list, lang: str) -> list[Finding]:
    return (invoice_findings(prog, profile, files) + evidence_findings(root, prog, profile, files)
            + signed_findings(prog, profile, files) + window_findings(prog, profile))

