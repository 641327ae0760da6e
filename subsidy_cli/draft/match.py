"""Settlement sheets, invoices and payment proofs matched to the drafted contracts.

A settlement sheet names its contract number. An invoice is its seller's: the contract whose
supplier has the seller's credit code (else name); when that supplier has several contracts, the
contract number in the invoice's 备注, else the one amount that fits. A payment is its payee's,
narrowed the same way by a contract number in the slip's text or its amount. Whatever fits no
contract, or more than one, or repeats a record already taken, is listed for a person.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..messages import Text, type_text
from ..scan.normalise import compact
from .build import _Reader, applicant_of, contract_ids_in, same_party
from .facts import Draft, DraftContract, Fact, Source


COPY = re.compile(r"副本|复制|拷贝|copy|\(\d\)|（\d）", re.I)


def _originals_first(readers: list[_Reader]) -> list[_Reader]:
    """A '- 副本' (copy) after the file it copies: the original is the record, the copy the repeat."""
    return sorted(readers, key=lambda r: (bool(COPY.search(r.f.path.rsplit("/", 1)[-1])), r.f.path))


def match_entries(draft: Draft, by_type: dict[str, list[_Reader]]) -> None:
    by_id = {c.id: c for c in draft.contracts}
    for r in _originals_first(by_type.get("settlement_sheet", [])):
        _settlement(draft, by_id, r)
    for r in _originals_first(by_type.get("invoice", [])):
        _invoice(draft, r)
    for r in _originals_first(by_type.get("payment_proof", [])):
        _payment(draft, r)
    for c in draft.contracts:
        for key, entries in c.entries.items():
            entries.sort(key=lambda e: (e["date"].value, str(e["number"].value) if "number" in e else ""))


def _entry(draft: Draft, r: _Reader, keys: tuple[tuple[str, str], ...]) -> dict[str, Fact] | None:
    """date, amount (and number) of one record; None, listed, when one of them was not read."""
    entry = {}
    for key, field in keys:
        fact = r.fact(key, field)
        if fact is None:
            if key == "number":
                continue
            draft.checked("draft.record_not_read", Source(r.f.path), type=type_text(r.f.type), key=Text(f"draft.key.{key}"))
            return None
        entry[key] = fact
    return entry


def _add(draft: Draft, c: DraftContract, key: str, entry: dict[str, Fact], source: Source) -> None:
    """Append unless the contract already has the record (same number, or same date and amount)."""
    for e in c.entries[key]:
        same = (e["number"].value == entry["number"].value) if "number" in e and "number" in entry else (
            e["date"].value == entry["date"].value and e["amount"].value == entry["amount"].value)
        if same:
            draft.checked("draft.duplicate", source, id=c.id, first=str(e["date"].source))
            return
    c.entries[key].append(entry)


def _settlement(draft: Draft, by_id: dict[str, DraftContract], r: _Reader) -> None:
    source = Source(r.f.path, r.page("amount"))
    number = r.f.fields.get("contract_number")
    if not number or number not in by_id:
        draft.checked("draft.settlement_no_contract", source, number=number or "—")
        return
    # keys written per entry: the period's last day is the delivery date
    entry = _entry(draft, r, (("date", "period_end"), ("amount", "amount")))
    if entry:
        _add(draft, by_id[number], "deliveries", entry, source)


def _narrow(draft: Draft, cands: list[DraftContract], ids: list[str], amount: Decimal | None,
            near: str) -> list[DraftContract]:
    """Several contracts of one supplier: the one the record names, else the one with a record of
    the same amount in ``near`` (an invoice's deliveries, a payment's invoices)."""
    if len(cands) <= 1:
        return cands
    named = [c for c in cands if c.id in ids]
    if named:
        return named
    if amount is not None:
        fits = [c for c in cands if any(e["amount"].value == amount for e in c.entries[near])]
        if fits:
            return fits
    return cands


def _invoice(draft: Draft, r: _Reader) -> None:
    f = r.f
    source = Source(f.path, 1 if f.page_starts else None)
    seller, seller_code = f.fields.get("seller_name"), f.fields.get("seller_credit_code")
    company, company_code = applicant_of(draft)
    buyer, buyer_code = f.fields.get("buyer_name"), f.fields.get("buyer_credit_code")
    if company and (buyer or buyer_code) and not same_party(buyer, buyer_code, company, company_code):
        draft.checked("draft.invoice_other_buyer", source, number=f.fields.get("invoice_number", "—"),
                      buyer=buyer or buyer_code)
        return
    cands = [c for c in draft.contracts if same_party(seller, seller_code, _get(c, "supplier"),
                                                      _get(c, "supplier_credit_code"))]
    named = f.fields.get("contract_number")
    if not cands:
        code = "draft.invoice_other_supplier" if named in {c.id for c in draft.contracts} else "draft.invoice_unknown_seller"
        draft.checked(code, source, number=f.fields.get("invoice_number", "—"), seller=seller or seller_code or "—",
                      contract=named or "—")
        return
    entry = _entry(draft, r, (("date", "issue_date"), ("amount", "total"), ("number", "invoice_number")))
    if entry is None:
        return
    cands = _narrow(draft, cands, [named] if named else [], entry["amount"].value, "deliveries")
    if len(cands) > 1:
        draft.checked("draft.ambiguous", source, ids=[c.id for c in cands])
        return
    _add(draft, cands[0], "invoices", entry, source)


def _payment(draft: Draft, r: _Reader) -> None:
    f = r.f
    source = Source(f.path, 1 if f.page_starts else None)
    payer, payee = f.fields.get("payer"), f.fields.get("payee")
    company, _ = applicant_of(draft)
    if company and payer and compact(payer) != compact(company):
        draft.checked("draft.payment_other_payer", source, payer=payer)
        return
    cands = [c for c in draft.contracts if payee and _get(c, "supplier") and compact(payee) == compact(_get(c, "supplier"))]
    if not cands:
        draft.checked("draft.payment_unknown_payee", source, payee=payee or "—", amount=f.fields.get("amount", "—"),
                      date=f.fields.get("date", "—"))
        return
    entry = _entry(draft, r, (("date", "date"), ("amount", "amount")))
    if entry is None:
        return
    ids = contract_ids_in(f.text, [c.id for c in draft.contracts])
    cands = _narrow(draft, cands, ids, entry["amount"].value, "invoices")
    if len(cands) > 1:
        draft.checked("draft.ambiguous", source, ids=[c.id for c in cands])
        return
    _add(draft, cands[0], "payments", entry, source)


def _get(c: DraftContract, key: str):
    fact = c.facts.get(key)
    return fact.value if fact else None
