"""Properties every award must have, on random profiles (hypothesis).

For sjs-compute, bj-compute-voucher and bda-model-voucher: random contracts with deliveries,
invoices and payments (Decimal amounts with two decimals, dates 2023-06 .. 2026-03). Whatever the
profile, the award is never negative, is exact to the fen, never exceeds rate x (in-scope amounts
delivered in the cost window) nor the programme's caps, and an ineligible programme gets 0.

Two thirds of the generated profiles are "clean" (every applicant fact holds, evidence matches the
deliveries, dates mostly inside the window) so that awards, caps and minimums are exercised; the
others draw every fact at random (failing, unstated, outside the window).
The bounds are computed from the generated data and docs/rules.md, independently of the engine's
own base computation.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from subsidy_cli.engine import evaluate_profile
from subsidy_cli.money import yuan
from subsidy_cli.profile import profile_from_dict

FEN = Decimal("0.01")
ZERO = Decimal(0)
WAN = Decimal(10_000)
FIRST, LAST = date(2023, 6, 1), date(2026, 3, 31)
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# rules.md, per programme: rate, cost-window start and fixed end (None: the application date)
PROGRAMMES = {
    "sjs-compute": {"rate": Decimal("0.30"), "start": date(2024, 3, 19), "end": date(2025, 10, 20)},
    "bj-compute-voucher": {"rate": Decimal("0.20"), "start": date(2024, 5, 21), "end": None},
    "bda-model-voucher": {"rate": Decimal("0.50"), "start": date(2024, 1, 1), "end": None},
}

dates = st.dates(min_value=FIRST, max_value=LAST)


def money(max_yuan: int, min_yuan: int = 0) -> st.SearchStrategy[Decimal]:
    """A Decimal amount of yuan with exactly two decimals, min_yuan (or 0.01) .. max_yuan: either
    any number of fen, or a realistic size (whole 万 plus some fen) so that caps and minimums bind."""
    lo = max(1, min_yuan * 100)
    hi = max(lo, max_yuan * 100)
    fen = st.integers(min_value=lo, max_value=hi)
    scales = [w * 1_000_000 for w in (1, 10, 100, 500, 1000, 2000, 4000, 8000, 15000, 30000)
              if lo <= w * 1_000_000 <= hi] or [lo]
    sized = st.tuples(st.sampled_from(scales), st.integers(min_value=0, max_value=10_000_000_000)).map(
        lambda t: min(hi, t[0] + t[1] % t[0]))
    return st.one_of(fen, sized, sized).map(lambda n: Decimal(n).scaleb(-2))


def part_of(amount: Decimal) -> st.SearchStrategy[Decimal]:
    """Part of a contract amount (0 .. amount, two decimals), often most of it."""
    return st.one_of(st.integers(min_value=0, max_value=int(amount * 100)),
                     st.integers(min_value=50, max_value=100).map(lambda pct: int(amount * pct)),
                     st.just(int(amount * 100))).map(lambda fen: Decimal(fen).scaleb(-2))


def fact(draw, clean: bool, good, *bad):
    """The value that keeps the applicant eligible; when not clean, also failing or unstated (None)."""
    return good if clean else draw(st.sampled_from([good, good, *bad]))


@st.composite
def contract(draw, clean: bool, cid: str, kinds: list[str], max_yuan: int, min_yuan: int,
             window: tuple[date, date]) -> dict:
    kind = draw(st.sampled_from(kinds))
    amount = draw(money(max_yuan, min_yuan) if clean else money(max_yuan))
    c: dict = {"id": cid, "kind": kind, "supplier": f"供应商{cid}", "amount": amount}
    aff = fact(draw, clean, False, True, None)
    if aff is not None:
        c["affiliated"] = aff
    start = draw(st.dates(*window) if clean else dates)
    c["start"], c["end"] = start, draw(st.dates(min_value=start, max_value=LAST))
    signed = fact(draw, clean, start, date(2023, 12, 31), None)
    if signed is not None:
        c["signed_on"] = min(signed, start)
    if kind == "compute":
        purpose = fact(draw, clean, "通用大模型预训练", "办公系统", None)
        if purpose is not None:
            c["purpose"] = purpose
        if draw(st.integers(0, 2)) == 0:
            c["other_services"] = ["存储"]
        if draw(st.booleans()) or (clean and "other_services" in c):
            c["compute_amount"] = draw(part_of(amount))
    if kind == "model-appliance" and (clean or draw(st.booleans())) or \
            kind in ("model-private", "model-cloud") and draw(st.integers(0, 3)) == 0:
        c["hardware_amount"] = draw(part_of(amount))
    share = max(1, int(amount) // 3)
    in_window = st.dates(*window)
    sizes = st.one_of(money(share), st.integers(min_value=5, max_value=40).map(
        lambda pct: max(FEN, (amount * pct / 100).quantize(FEN))))
    big = clean and min_yuan * 2 >= max_yuan
    if big:
        sizes = st.integers(min_value=20, max_value=40).map(lambda pct: (amount * pct / 100).quantize(FEN))
    deliveries = draw(st.lists(st.fixed_dictionaries(
        {"date": st.one_of(in_window, in_window, dates) if clean else st.one_of(dates, in_window),
         "amount": sizes}),
        min_size=2 if big else 1 if clean else 0, max_size=4))
    if deliveries or draw(st.booleans()):
        c["deliveries"] = deliveries
    lag = st.integers(min_value=0, max_value=20 if clean else 90)

    def follow(items: list[dict]) -> list[dict]:
        return [{"date": min(LAST, d["date"] + timedelta(days=draw(lag))), "amount": d["amount"]}
                for d in items]
    mode = "full" if clean else draw(st.sampled_from(["full", "partial", "random"]))
    if mode == "full":
        c["invoices"], c["payments"] = follow(deliveries), follow(deliveries)
    elif mode == "partial":
        c["invoices"] = follow(deliveries[: len(deliveries) // 2 + 1])
        c["payments"] = follow(deliveries[: len(deliveries) // 2])
    else:
        random = st.lists(st.fixed_dictionaries({"date": dates, "amount": money(share)}), max_size=3)
        c["invoices"], c["payments"] = draw(random), draw(random)
    return c


@st.composite
def contracts(draw, clean: bool, kinds: list[str], max_yuan: int, min_yuan: int,
              window: tuple[date, date]) -> list[dict]:
    """Up to four contracts; for a third of the clean profiles, large ones (near max_yuan, with
    large deliveries) so that the yearly and total caps bind."""
    if clean and draw(st.integers(0, 2)) == 0:
        min_yuan = max_yuan // 2
    n = draw(st.integers(min_value=1 if clean else 0, max_value=4))
    return [draw(contract(clean, f"C{i + 1}", kinds, max_yuan, min_yuan, window)) for i in range(n)]


def company(draw, clean: bool, home: str, elsewhere: str, registered: str | None = None) -> dict:
    district = fact(draw, clean, home, elsewhere)
    compliance = {}
    for key in ("major_violation_last_3y", "dishonest_list", "ip_disputes"):
        v = fact(draw, clean, False, True, None)
        if v is not None:
            compliance[key] = v
    return {
        "name": "北京随机测试科技有限公司", "city": fact(draw, clean, "北京市", "天津市"),
        "registered_district": registered or district, "operating_districts": [district],
        "industry": fact(draw, clean, "信息软件业", "制造业", "新型研发机构", "餐饮业"),
        "independent_legal_person": fact(draw, clean, True, False),
        "compliance": compliance,
    }


def without_none(table: dict) -> dict:
    return {k: v for k, v in table.items() if v is not None}


@st.composite
def sjs_profile(draw) -> dict:
    clean = draw(st.integers(0, 2)) > 0
    quals = without_none({
        "model_filing": fact(draw, clean, "Beijing-Rand-2024", False, "", None),
        "beijing_ai_key_enterprise": draw(st.sampled_from([True, False, None])),
        "agi_partner_program": draw(st.sampled_from([True, False, None])),
    })
    comp = company(draw, clean, "石景山区", "海淀区")
    comp["qualifications"] = quals
    window = (date(2024, 3, 19), date(2025, 10, 20))
    app = draw(st.one_of(st.just(date(2025, 10, 20)), st.dates(date(2025, 6, 1), date(2025, 10, 20)))
               if clean else dates)
    return {"schema": 1, "company": comp, "application": {"date": app},
            "contracts": draw(contracts(clean, ["compute"], 150_000_000, 10_000_000, (window[0], max(window[0], app))))}


@st.composite
def bj_profile(draw) -> dict:
    clean = draw(st.integers(0, 2)) > 0
    app_date = draw(st.dates(date(2025, 6, 1), date(2025, 12, 31)) if clean else dates)
    app = without_none({
        "date": app_date,
        "bj_direction": draw(st.sampled_from(["training", "maas", "agent"])),
        "maas_daily_tokens": fact(draw, clean, 2_000_000_000_000, 999_999_999_999, 1_000_000_000_000),
        "maas_enterprises_served": fact(draw, clean, 900, 500, 501),
        "agent_approval_number": fact(draw, clean, "Beijing-Agent-001", None),
        "agent_daily_active_users": fact(draw, clean, 80_000, 50_000, 50_001),
        "other_municipal_compute_support": fact(draw, clean, False, True, None),
    })
    cons = draw(contracts(clean, ["compute"], 300_000_000, 20_000_000, (date(2024, 5, 21), max(date(2024, 5, 21), app_date))))
    support = []
    for c in cons:
        if draw(st.integers(0, 2)) == 0:
            levels = ["national", "district"] if clean else ["national", "district", "municipal"]
            support.append({"contract": c["id"], "level": draw(st.sampled_from(levels)),
                            "amount": draw(money(30_000_000)),
                            "status": draw(st.sampled_from(["received", "applied"]))})
    prof = {"schema": 1, "company": company(draw, clean, "海淀区", "朝阳区"), "application": app,
            "contracts": cons}
    if support:
        prof["support"] = support
    return prof


@st.composite
def bda_profile(draw) -> dict:
    clean = draw(st.integers(0, 2)) > 0
    app_date = draw(st.dates(date(2025, 9, 1), date(2025, 9, 15)) if clean else dates)
    app = without_none({
        "date": app_date, "field": fact(draw, clean, "金融", "制造", "工业"),
        "other_bda_funding": fact(draw, clean, False, True, None),
        "bda_jiebang_also": fact(draw, clean, False, True, None),
    })
    kinds = ["model-api", "model-private", "model-cloud", "model-appliance"]
    return {"schema": 1, "company": company(draw, clean, "经开区", "海淀区", registered="大兴区"),
            "application": app,
            "contracts": draw(contracts(clean, kinds, 30_000_000, 100_000, (date(2024, 1, 1), max(date(2024, 1, 1), app_date))))}


# --- the independent bounds ------------------------------------------------------------------------

def in_scope_share(prog: str, c: dict) -> Decimal:
    """rules.md base 4: in-scope / total, 0 where the contract can never count."""
    if c.get("affiliated"):
        return ZERO
    amount = c["amount"]
    if c["kind"] == "compute":
        if "compute_amount" in c:
            return c["compute_amount"] / amount
        return ZERO if c.get("other_services") else Decimal(1)
    if c["kind"] == "model-api":
        return Decimal(1)
    if "hardware_amount" in c:
        return (amount - c["hardware_amount"]) / amount
    return ZERO if c["kind"] == "model-appliance" else Decimal(1)


def delivered_by_contract(prog: str, raw: dict) -> tuple[dict[str, Decimal], set[int]]:
    """In-scope amounts delivered in the cost window, per contract (payments stand in where a
    contract lists no deliveries), and the calendar years they fall in."""
    spec = PROGRAMMES[prog]
    app = raw["application"]["date"]
    end = app if spec["end"] is None else min(spec["end"], app)
    per, years = {}, set()
    for c in raw["contracts"]:
        share = in_scope_share(prog, c)
        per[c["id"]] = ZERO
        for d in c.get("deliveries") or c["payments"]:
            if spec["start"] <= d["date"] <= end:
                per[c["id"]] += d["amount"] * share
                years.add(d["date"].year)
    return per, years


def delivered_in_window(prog: str, raw: dict) -> tuple[Decimal, set[int]]:
    per, years = delivered_by_contract(prog, raw)
    return sum(per.values(), ZERO), years


def evaluate(prog: str, raw: dict):
    profile = profile_from_dict(raw, path="<hypothesis>")
    return evaluate_profile(profile, ids=[prog]).programmes[0]


def check_common(prog: str, raw: dict, year_cap: Decimal | None, total_cap: Decimal | None,
                 max_years: int | None = None):
    result = evaluate(prog, raw)
    award = result.award
    out = result.to_json(explain=False)
    assert out["award"] == yuan(award)
    assert award >= 0, award
    assert award == award.quantize(FEN), award
    assert result.status in {"eligible", "pending", "ineligible"}
    if result.status == "ineligible":
        assert award == 0
    delivered, years = delivered_in_window(prog, raw)
    # each yearly line is rounded half-up once: at most half a fen above its exact value
    slack = Decimal("0.005") * max(1, len(years))
    assert award <= PROGRAMMES[prog]["rate"] * delivered + slack, (award, delivered)
    if year_cap is not None:
        n_years = min(len(years), max_years or len(years))
        assert award <= year_cap * n_years, (award, year_cap, years)
        for y in result.years:
            assert y["award"] <= year_cap, y
            assert y["year"] in years or y["year"] is None, (y, years)   # None: one line, no split
    if total_cap is not None:
        assert award <= total_cap
    return result


@SETTINGS
@given(sjs_profile())
def test_sjs_compute_award_properties(raw: dict) -> None:
    quals = raw["company"]["qualifications"]
    filed = quals.get("model_filing")
    key = [quals.get("beijing_ai_key_enterprise"), quals.get("agi_partner_program")]
    # rules.md (proven only): 1000万 a year for a proven filing; 300万 for a proven key enterprise or
    # partner-plan unit, the filing unstated or not; no tier proven: the lowest tier still possible
    if filed:
        cap = Decimal(1000) * WAN
    elif any(key) or None in key:
        cap = Decimal(300) * WAN
    else:
        cap = Decimal(1000) * WAN
    result = check_common("sjs-compute", raw, cap, None, max_years=2)
    assert len(result.years) <= 2
    assert result.award == sum((y["award"] for y in result.years), Decimal(0))
    app = raw["application"]["date"]
    if not date(2024, 3, 19) <= app <= date(2025, 10, 20):
        assert result.status == "ineligible" and result.award == 0


@SETTINGS
@given(bj_profile())
def test_bj_compute_voucher_award_properties(raw: dict) -> None:
    result = check_common("bj-compute-voucher", raw, None, Decimal(3000) * WAN)
    # per contract: min(20% x base, max(0, 50% x base - other support on it)), with base at most
    # the in-scope amount delivered in the window; the total is rounded once
    per, _ = delivered_by_contract("bj-compute-voucher", raw)
    bound = ZERO
    for cid, delivered in per.items():
        other = sum((s["amount"] for s in raw.get("support", []) if s["contract"] == cid), ZERO)
        bound += min(Decimal("0.20") * delivered, max(ZERO, Decimal("0.50") * delivered - other))
    assert result.award <= bound + Decimal("0.005"), (result.award, bound)
    # 002 一(三) "未获得": only municipal support received fails; applied for is a warning
    if any(s["level"] == "municipal" and s["status"] == "received" for s in raw.get("support", [])) or \
            raw["application"].get("other_municipal_compute_support"):
        assert result.status == "ineligible" and result.award == 0


@SETTINGS
@given(bda_profile())
def test_bda_model_voucher_award_properties(raw: dict) -> None:
    result = check_common("bda-model-voucher", raw, Decimal(500) * WAN, None)
    assert result.award == sum((y["award"] for y in result.years), Decimal(0))
    # 004 四(四), rules.md bda: one 500万 cap per application, costs of 2024 and 2025 together
    assert len(result.years) <= 1 and result.award <= Decimal(500) * WAN
    app = raw["application"]["date"]
    if not date(2025, 9, 1) <= app <= date(2025, 9, 15):
        assert result.status == "ineligible" and result.award == 0
