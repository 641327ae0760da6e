"""The provable base of a contract (rules.md, "The provable base of a contract").

Deliveries (settlement records, or payments standing in) are covered first in, first out by
the invoices and payments dated on or before the application date; the base is the in-scope
part of deliveries inside the cost window that the programme's evidence rule covers: an invoice
*and* a payment proof, or, where the programme's text accepts either (002 三(五), 004 五 7),
the larger of the two coverages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..money import ZERO
from ..profile import Contract

ALL = None  # the single bucket of a programme that does not split by year
BOTH, EITHER = "both", "either"


@dataclass(slots=True)
class Base:
    """One contract's base for one component, per bucket (calendar year or ALL)."""
    contract: Contract
    factor: Decimal                                   # in-scope / total
    evidence: str = BOTH                              # both | either
    covered: dict = field(default_factory=dict)       # bucket -> the base under the evidence rule
    inv_only: dict = field(default_factory=dict)      # bucket -> invoiced (the base if payments were complete)
    pay_only: dict = field(default_factory=dict)      # bucket -> paid (the base if invoices were complete)
    delivered: dict = field(default_factory=dict)     # bucket -> delivered in window (in scope)
    neither: Decimal = ZERO                           # delivered in window, covered by no document
    after_cutoff: Decimal = ZERO                      # delivered after the application date (never counted)
    used_payments: bool = False                       # payments stood in for deliveries
    # Document amounts (not in-scope shares) that complete the coverage of every delivery up to the
    # window's end, FIFO included: what a consultant adds to get the "would rise by".
    need_invoice: Decimal = ZERO
    need_payment: Decimal = ZERO

    @property
    def need_either(self) -> Decimal:
        """Programmes accepting either document: the amount of one of them that covers the rest."""
        return min(self.need_invoice, self.need_payment)

    def total(self, which: str = "covered") -> Decimal:
        return sum(getattr(self, which).values(), ZERO)

    @property
    def gap_invoice(self) -> Decimal:
        """Delivered in the window but not covered by an invoice."""
        return self.total("delivered") - self.total("inv_only")

    @property
    def gap_payment(self) -> Decimal:
        """Delivered in the window but not covered by a payment."""
        return self.total("delivered") - self.total("pay_only")


def provable_base(c: Contract, factor: Decimal, start: date | None, end: date | None,
                  cutoff: date | None, by_year: bool, evidence: str = BOTH) -> Base:
    """FIFO-match invoices and payments to deliveries; sum the covered part inside the window.

    ``inv_only`` is what the base would be with complete payment proof (covered by invoices),
    ``pay_only`` with complete invoices (covered by payments), ``delivered`` with both: the
    what-ifs of the shortfall findings.
    """
    deliveries = c.deliveries or c.payments
    base = Base(c, factor, evidence, used_payments=not c.deliveries and bool(c.payments))
    inv_left = sum((i.amount for i in c.invoices if cutoff is None or i.date <= cutoff), ZERO)
    pay_left = sum((p.amount for p in c.payments if cutoff is None or p.date <= cutoff), ZERO)
    # Deliveries beyond the contract amount cannot be proven by it (rules.md 合理性): in date
    # order, only the part up to the contract amount counts.
    room = c.get("amount") if c.get("amount") else None
    amounts = []
    for d in sorted(deliveries, key=lambda e: e.date):
        part = d.amount if room is None else min(d.amount, max(ZERO, room))
        if room is not None:
            room -= part
        amounts.append((d, part))
    upto_end = sum((part for d, part in amounts if end is None or d.date <= end), ZERO)
    base.need_invoice = max(ZERO, upto_end - inv_left)
    base.need_payment = max(ZERO, upto_end - pay_left)
    for d, amount in amounts:
        inv = min(amount, inv_left)
        pay = min(amount, pay_left)
        inv_left -= inv
        pay_left -= pay
        if start is not None and d.date < start:
            continue
        if end is not None and d.date > end:
            if cutoff is not None and d.date > cutoff:
                base.after_cutoff += amount * factor
            continue
        key = d.date.year if by_year else ALL
        counted = max(inv, pay) if evidence == EITHER else min(inv, pay)
        base.neither += (amount - max(inv, pay)) * factor
        for bucket, value in ((base.covered, counted), (base.inv_only, inv),
                              (base.pay_only, pay), (base.delivered, amount)):
            bucket[key] = bucket.get(key, ZERO) + value * factor
    return base
