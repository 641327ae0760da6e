"""Settlement sheet fields: contract number, period (a month is its first and last day), amount."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..normalise import normalise
from .common import MONTH_RE, RANGE_RE, Found, iso_date, labelled_amount, labelled_number


def _period(text: str) -> tuple[str | None, str | None]:
    label = r"结算周期|结算期间|结算期|服务期间|服务周期|计费周期|计费期间|账期|期间"
    start, end = None, None
    m = re.search(f"(?:{label})[^\\n\\d]{{0,8}}\\n?", text)
    ranges = list(RANGE_RE.finditer(text))
    near = [r for r in ranges if m and 0 <= r.start() - m.end() < 20]
    if near or len(ranges) == 1:
        g = (near or ranges)[0].groups()
        return iso_date(*g[:3]), iso_date(*g[3:])
    if m and (month := MONTH_RE.match(text, m.end())):
        y, mo = int(month.group(1)), int(month.group(2))
        if 1 <= mo <= 12:
            start = dt.date(y, mo, 1).isoformat()
            end = dt.date(y, mo, calendar.monthrange(y, mo)[1]).isoformat()
    return start, end


def settlement_fields(text: str) -> Found:
    """contract_number, period_start, period_end, amount."""
    text = normalise(text)
    problems: list = []
    out: dict = {}
    if number := labelled_number(r"合同编号|协议编号|合同号|Contract No\.?", text):
        out["contract_number"] = number
    start, end = _period(text)
    if start:
        out["period_start"] = start
    if end:
        out["period_end"] = end
    labels = r"本期结算金额|结算金额|本期应付金额|应付金额|结算总额|合计金额|金额合计|合计|金额"
    if amount := labelled_amount(labels, text, problems, "settlement"):
        out["amount"] = amount
    return out, problems
