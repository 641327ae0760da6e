"""`subsidy calc PROFILE --xlsx FILE`: the calculation as a workbook of live Excel formulas.

Longer than the 400 lines the house aims at, on purpose: the sheet is one layout whose formulas
refer to each other's rows and columns (section 五's contract rows, section 六's delivery rows,
section 八's lines); split over modules the row arithmetic would be harder to follow, not easier.

One summary sheet (汇总) and one sheet per programme. A programme sheet holds its inputs
(parameters, contracts, other support, invoices, payments, deliveries as they enter the base),
the FIFO matching per delivery row, the base per contract and year, the rate, every ceiling
and cap, and the award, each as a formula over the cells above it: change an input and the
award recomputes. The formulas use a small subset (SUM, SUMIF, MIN, MAX, ROUND, IF, AND,
YEAR, + - * /, comparisons, cell references and ranges) that tests/xlsx_eval.py evaluates.

Which contracts count, in-scope shares that depend on unstated facts, the rate chosen by the
applicant's standing and the eligibility of the applicant are decided by the engine and
written as inputs; the arithmetic from the evidence to the award is live.

openpyxl is imported inside ``write_workbook`` only: ``calc`` without ``--xlsx`` never loads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from .engine import INELIGIBLE, CalcResult, ProgrammeResult
from .engine.criteria import FAIL
from .errors import InputError

MONEY = "¥#,##0.00"
RATE = "0.00%"
FACTOR = "0.000000"
DATE = "yyyy-mm-dd"
STATUS_ZH = {"eligible": "符合", "pending": "待定", "ineligible": "不符合"}
SUMMARY = "汇总"
FAR_YEAR = 9999


def column_letter(n: int) -> str:
    """1 -> A, 27 -> AA (openpyxl's get_column_letter, without importing openpyxl)."""
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _q(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


@dataclass
class _Cell:
    value: Any
    fmt: str | None = None
    bold: bool = False


@dataclass
class _Sheet:
    """A sheet under construction: rows of cells, remembered widths, the cells others refer to."""
    name: str
    rows: list[list[_Cell | None]] = field(default_factory=list)
    headers: list[int] = field(default_factory=list)      # 1-based rows that are table headers
    titles: list[int] = field(default_factory=list)
    freeze: str | None = None
    widths: dict[int, float] = field(default_factory=dict)

    @property
    def next_row(self) -> int:
        return len(self.rows) + 1

    def add(self, *cells: Any) -> int:
        row = [c if isinstance(c, _Cell) or c is None else _Cell(c) for c in cells]
        self.rows.append(row)
        return len(self.rows)

    def title(self, text: str) -> int:
        r = self.add(_Cell(text, bold=True))
        self.titles.append(r)
        return r

    def header(self, *names: str) -> int:
        r = self.add(*[_Cell(n, bold=True) for n in names])
        self.headers.append(r)
        return r

    def blank(self) -> None:
        self.add()


def _money(v: Any) -> _Cell:
    return _Cell(v, MONEY)


def _date_cell(v: Any) -> _Cell:
    return _Cell(v, DATE)


class _ProgrammeSheet:
    """Lays out one programme's calculation; every number below the inputs is a formula."""

    def __init__(self, result: ProgrammeResult, extra_support: dict[str, Decimal]):
        self.r = result
        self.prog = result.programme
        self.profile = None
        self.sheet = _Sheet(self.prog.id)
        self.extra = extra_support
        self.award_cell: str | None = None

    # -- helpers -----------------------------------------------------------------------------
    def ref(self, col: str, row: int) -> str:
        return f"{col}{row}"

    def param(self, label: str, value: Any, clause: str | None = "", fmt: str | None = None,
              note: str = "") -> str:
        cell = value if isinstance(value, _Cell) else _Cell(value, fmt)
        r = self.sheet.add(label, cell, clause or "", note)
        return f"B{r}"

    def build(self, profile) -> _Sheet:
        r, prog, s = self.r, self.prog, self.sheet
        self.profile = profile
        dec = r.decisions
        award = prog.award
        by_year = award.split == "calendar_year"
        s.title(f"{prog.id}  {prog.label('zh')}")
        s.add("状态", STATUS_ZH[r.status], "", "由申报条件判断（见 calc / eligible）")
        s.freeze = "A3"

        # -- parameters ----------------------------------------------------------------------
        s.blank()
        s.title("一、参数")
        s.header("项目", "值", "条款", "说明")
        app = self.param("申报日期（发票、付款截止）", _date_cell(dec.app_date), "rules.md 可证明基数 2",
                         note="此日之后的发票和付款不计入") if dec.app_date else None
        w = prog.cost_window
        start = self.param("补贴期起", _date_cell(w.start), w.clause) if w.start else None
        end = None
        rule_end = dec.cost_end_rule
        if rule_end is not None:
            rule_cell = self.param("补贴期止（规则）", _date_cell(rule_end), w.clause)
            if app:
                end = self.param("补贴期止（取与申报日期较早者）", _Cell(f"=MIN({rule_cell},{app})", DATE),
                                 "rules.md 可证明基数 2")
            else:
                end = rule_cell
        elif app:
            end = self.param("补贴期止（申报日期）", _Cell(f"={app}", DATE), "rules.md 可证明基数 2")
        fail_other = any(c.status == FAIL and c.fatal and not c.id.endswith("_minimum")
                         and c.id not in {k.id for k in prog.criteria if k.check == "any_component_threshold"}
                         for c in r.criteria)
        elig = self.param("申报条件系数（1 = 可申报或待定，0 = 不符合）", 0 if fail_other else 1, "",
                          note="由 eligible 的各项条件得出；最低规模门槛见下方“门槛”")
        ceiling = None
        if award.contract_ceiling:
            ceiling = self.param("单个合同各级支持合计不超过核定成本", _Cell(Decimal(award.contract_ceiling["rate"]), RATE),
                                 award.contract_ceiling["clause"])
        tier_cap = None
        if award.year_cap and award.year_cap.from_tier:
            tier_cap = dec.year_cap
        year_cap_amount = tier_cap if (award.year_cap and award.year_cap.from_tier) else (
            award.year_cap.amount if award.year_cap else None)
        year_cap = None
        if year_cap_amount is not None:
            year_cap = self.param("年度上限", _money(year_cap_amount), award.year_cap.clause,
                                  note="按申报主体层级（tier）" if award.year_cap.from_tier else "")
        total_cap = None
        if award.total_cap:
            total_cap = self.param("总额上限", _money(award.total_cap.amount), award.total_cap.clause)
        max_years = None
        if award.max_years and by_year:
            max_years = self.param("最多连续年度数", award.max_years["value"], award.max_years["clause"],
                                   note="自首个有基数的年度起")
        comp_cells: dict[str, dict] = {}
        for comp in award.components:
            cells: dict[str, Any] = {}
            label = comp.label.get("zh") if comp.label else comp.id
            rate_value = dec.rates[comp.id]
            cells["rate"] = self.param(f"比例：{label}", _Cell(rate_value, RATE), comp.rate.clause)
            if comp.year_cap:
                cells["cap"] = self.param(f"分项年度上限：{label}", _money(comp.year_cap.amount), comp.year_cap.clause)
            if comp.area_limit:
                cells["area_limit"] = self.param(f"面积上限（m²）：{label}", Decimal(comp.area_limit["value"]),
                                                 comp.area_limit["clause"], note="超过部分按比例折算")
            comp_cells[comp.id] = cells

        # -- other support ([[support]]) -----------------------------------------------------
        s.blank()
        s.title("二、其他政府支持（[[support]]）")
        s.header("合同编号", "层级", "项目", "金额", "状态")
        sup_first = s.next_row
        for sp in profile.support:
            s.add(sp.contract, sp.level, sp.programme or "", _money(sp.amount), sp.status)
        sup_last = s.next_row - 1
        sup_ids = f"A{sup_first}:A{max(sup_last, sup_first)}"
        sup_amounts = f"D{sup_first}:D{max(sup_last, sup_first)}"
        has_support = sup_last >= sup_first

        # -- invoices and payments -----------------------------------------------------------
        included = [(comp, c, f) for comp in award.components for c, f in dec.included[comp.id]]
        seen: list = []
        for _, c, _ in included:
            if c not in seen:
                seen.append(c)
        ranges = {}
        for title, attr in (("三、发票", "invoices"), ("四、付款", "payments")):
            s.blank()
            s.title(title)
            s.header("合同编号", "日期", "号码", "金额", "计入金额（不晚于申报日期）")
            first = s.next_row
            for c in seen:
                for e in getattr(c, attr):
                    rr = s.next_row
                    counted = f"=IF(B{rr}<={app},D{rr},0)" if app else f"=D{rr}"
                    s.add(c.id, _date_cell(e.date), e.number or "", _money(e.amount), _money(counted))
            last = max(s.next_row - 1, first)
            ranges[attr] = (f"A{first}:A{last}", f"E{first}:E{last}", s.next_row - 1 >= first)

        # -- contracts (one row per component and contract) ----------------------------------
        s.blank()
        s.title("五、合同（计入的合同，按计入部分）")
        s.header("合同编号", "类型", "计入部分", "供应商", "合同金额", "范围内金额", "范围外金额",
                 "范围内占比", "面积（m²）", "面积系数", "其他支持合计", "本方案组合内其他奖励",
                 "发票合计", "付款合计", "范围内合同金额", "条款")
        line_rows = []
        for comp, c, factor in included:
            rr = s.next_row
            amount = c.get("amount")
            scope = comp.scope or {}
            inc = c.get(scope["include"]) if "include" in scope else None
            exc = c.get(scope["exclude"]) if "exclude" in scope else None
            if inc is not None and amount:
                fcell = _Cell(f"=F{rr}/E{rr}", FACTOR)
            elif exc is not None and amount:
                fcell = _Cell(f"=(E{rr}-G{rr})/E{rr}", FACTOR)
            else:
                fcell = _Cell(factor, FACTOR)
            area = dec.areas.get(comp.id)
            if comp.area_limit and area:
                acell = _Cell(f"=MIN(1,{comp_cells[comp.id]['area_limit']}/I{rr})", FACTOR)
            elif comp.area_limit:
                acell = _Cell(0, FACTOR)        # area unknown or zero: the rent waits (proven only)
            else:
                acell = _Cell(1, FACTOR)
            other = f"=SUMIF({sup_ids},A{rr},{sup_amounts})" if has_support else 0
            inv_ids, inv_amt, inv_any = ranges["invoices"]
            pay_ids, pay_amt, pay_any = ranges["payments"]
            if amount is not None:
                in_scope = _Cell(f"=E{rr}*H{rr}", MONEY)
            else:
                in_scope = _money(sum((d.amount for d in c.deliveries), Decimal(0)) * factor)
            s.add(c.id, c.kind, comp.label.get("zh") if comp.label else comp.id, c.get("supplier") or "",
                  _money(amount), _money(inc), _money(exc), fcell, area, acell, _money(other),
                  _money(self.extra.get(c.id, Decimal(0))),
                  _money(f"=SUMIF({inv_ids},A{rr},{inv_amt})" if inv_any else 0),
                  _money(f"=SUMIF({pay_ids},A{rr},{pay_amt})" if pay_any else 0),
                  in_scope, comp.kinds_clause)
            line_rows.append((comp, c, rr))

        # -- deliveries: FIFO per delivery row ----------------------------------------------
        s.blank()
        s.title("六、结算 / 交付（先进先出匹配发票与付款）")
        s.header("合同编号", "计入部分", "日期", "金额", "此前累计交付", "发票覆盖", "付款覆盖",
                 "发票或付款覆盖（取较大者）" if award.evidence == "either" else "发票与付款均覆盖", "在补贴期内", "年度", "范围内占比", "可证明基数", "窗口内交付（范围内）", "说明")
        dl_ranges: dict[int, tuple[int, int]] = {}
        either = award.evidence == "either"     # 002 三(五), 004 五 7: the larger coverage counts
        for comp, c, crow in line_rows:
            deliveries = sorted(c.deliveries or c.payments, key=lambda e: e.date)
            first = s.next_row
            note = "以付款代替结算记录" if not c.deliveries and c.payments else ""
            for i, d in enumerate(deliveries):
                rr = s.next_row
                cum = 0 if i == 0 else f"=E{rr - 1}+D{rr - 1}"
                conds = []
                if start:
                    conds.append(f"C{rr}>={start}")
                if end:
                    conds.append(f"C{rr}<={end}")
                window = (f"=IF(AND({','.join(conds)}),1,0)" if len(conds) > 1 else
                          f"=IF({conds[0]},1,0)" if conds else 1)
                # Only the part up to the contract amount counts (rules.md 合理性).
                counted_amount = (f"=MIN({d.amount},MAX(0,E{crow}-E{rr}))" if c.get("amount") else d.amount)
                s.add(c.id, comp.label.get("zh") if comp.label else comp.id, _date_cell(d.date), _money(counted_amount),
                      _money(cum),
                      _money(f"=MAX(0,MIN(D{rr},M{crow}-E{rr}))"),
                      _money(f"=MAX(0,MIN(D{rr},N{crow}-E{rr}))"),
                      _money(f"=MAX(F{rr},G{rr})" if either else f"=MIN(F{rr},G{rr})"), window, f"=YEAR(C{rr})", _Cell(f"=H{crow}", FACTOR),
                      _money(f"=H{rr}*I{rr}*K{rr}"), _money(f"=D{rr}*I{rr}*K{rr}"),
                      note or "rules.md 可证明基数 2-3")
            dl_ranges[crow] = (first, s.next_row - 1)

        # -- thresholds ---------------------------------------------------------------------
        thresholds: dict[str, str] = {}
        fatal_flags: list[str] = []
        if any(comp.threshold for comp in award.components):
            s.blank()
            s.title("七、最低规模门槛")
            s.header("计入部分", "口径", "金额", "最低", "满足（1/0）", "不满足时", "条款")
            for comp in award.components:
                th = comp.threshold
                if th is None:
                    continue
                rr = s.next_row
                rows = [crow for cc, _, crow in line_rows if cc is comp]
                if th.measure == "contract_amount":
                    measure = "范围内合同金额"
                    value = "=" + "+".join(f"O{x}" for x in rows) if rows else 0
                else:
                    measure = "补贴期内使用金额"
                    parts = [f"SUM(M{dl_ranges[x][0]}:M{dl_ranges[x][1]})" for x in rows if dl_ranges[x][1] >= dl_ranges[x][0]]
                    value = "=" + "+".join(parts) if parts else 0
                limit = th.amount
                if th.values is not None:
                    limit = th.values.get(profile.get(th.by))
                if not dec.has_candidates[comp.id]:
                    flag: Any = 1
                    note = "无此类合同：不适用"
                elif limit is None:
                    flag = 1
                    note = f"{th.by} 未填写：门槛未知，按满足计（待定）"
                else:
                    flag = f"=IF(C{rr}>=D{rr},1,0)"
                    note = "不符合申报条件" if th.fatal else "该部分不计入"
                s.add(comp.label.get("zh") if comp.label else comp.id, measure, _money(value), _money(limit),
                      flag, note, th.clause)
                thresholds[comp.id] = f"E{rr}"
                if th.fatal:
                    fatal_flags.append(f"E{rr}")

        # -- base per contract and year, rate, per-contract ceiling -------------------------
        years: list = [None]
        if by_year:
            years = sorted({d.date.year for _, c, _ in line_rows for d in (c.deliveries or c.payments)})
        s.blank()
        s.title("八、基数与单个合同计算（按年度）" if by_year else "八、基数与单个合同计算")
        s.header("年度", "计入部分", "合同编号", "可证明基数", "比例", "面积系数", "比例×基数×面积系数",
                 "单个合同上限", "计入金额", "条款")
        line_cells: dict[tuple, list[int]] = {}
        for y in years:
            for comp in award.components:
                for cc, c, crow in line_rows:
                    if cc is not comp:
                        continue
                    first, last = dl_ranges[crow]
                    rr = s.next_row
                    if last < first:
                        base: Any = 0
                    elif by_year:
                        base = f"=SUMIF(J{first}:J{last},A{rr},L{first}:L{last})"
                    else:
                        base = f"=SUM(L{first}:L{last})"
                    value = f"=E{rr}*D{rr}*F{rr}"
                    if ceiling:
                        limit_cell = _money(f"=MAX(0,{ceiling}*D{rr}-(K{crow}+L{crow}))")
                        counted = f"=MIN(G{rr},H{rr})"
                        clause = f"{comp.rate.clause}; {award.contract_ceiling['clause']}"
                    else:
                        limit_cell = _Cell("")
                        counted = f"=G{rr}"
                        clause = comp.rate.clause
                    s.add(y if y is not None else "全部", comp.label.get("zh") if comp.label else comp.id, c.id,
                          _money(base), _Cell(f"={comp_cells[comp.id]['rate']}", RATE), _Cell(f"=J{crow}", FACTOR),
                          _money(value), limit_cell, _money(counted), clause)
                    line_cells.setdefault((y, comp.id), []).append(rr)

        # -- award lines per year -----------------------------------------------------------
        s.blank()
        s.title("九、奖励（按年度）" if by_year else "九、奖励")
        heads = ["年度"]
        for comp in award.components:
            label = comp.label.get("zh") if comp.label else comp.id
            heads += [f"{label} 合计", f"{label} 计入"]
        heads += ["年度合计", "年度上限", "上限后", "计入年度（1/0）", "奖励（四舍五入到分）", "条款"]
        s.header(*heads)
        ncomp = len(award.components)
        raw_col = column_letter(2 + 2 * ncomp)
        cap_col = column_letter(3 + 2 * ncomp)
        after_col = column_letter(4 + 2 * ncomp)
        flag_col = column_letter(5 + 2 * ncomp)
        award_col = column_letter(6 + 2 * ncomp)
        first_year_row = s.next_row
        year_rows = list(range(first_year_row, first_year_row + len(years)))
        first_cell = None
        if max_years and years:
            first_cell_row = first_year_row + len(years) + 1
            first_cell = f"B{first_cell_row}"
        for y, rr in zip(years, year_rows):
            cells: list[Any] = [y if y is not None else "全部"]
            comp_counted = []
            for i, comp in enumerate(award.components):
                sum_col, cnt_col = column_letter(2 + 2 * i), column_letter(3 + 2 * i)
                lines = line_cells.get((y, comp.id), [])
                total = "=" + "+".join(f"I{x}" for x in lines) if lines else 0
                if len(lines) > 1 and lines == list(range(lines[0], lines[-1] + 1)):
                    total = f"=SUM(I{lines[0]}:I{lines[-1]})"
                counted = f"{sum_col}{rr}"
                if "cap" in comp_cells[comp.id]:
                    counted = f"MIN({counted},{comp_cells[comp.id]['cap']})"
                if comp.id in thresholds and not comp.threshold.fatal:
                    counted = f"{counted}*{thresholds[comp.id]}"
                cells += [_money(total), _money(f"={counted}")]
                comp_counted.append(f"{cnt_col}{rr}")
            cells.append(_money("=" + "+".join(comp_counted)))
            if year_cap:
                cells += [_money(f"={year_cap}"), _money(f"=MIN({raw_col}{rr},{cap_col}{rr})")]
            else:
                cells += [_Cell(""), _money(f"={raw_col}{rr}")]
            if first_cell:
                cells.append(f"=IF(AND(A{rr}>={first_cell},A{rr}<{first_cell}+{max_years}),1,0)")
            else:
                cells.append(1)
            cells.append(_money(f"=ROUND({after_col}{rr}*{flag_col}{rr},2)"))
            clause = award.year_cap.clause if award.year_cap else (award.split_clause or "")
            cells.append(clause)
            s.add(*cells)
        s.blank()
        if first_cell:
            ifs = ",".join(f"IF({raw_col}{rr}>0,A{rr},{FAR_YEAR})" for rr in year_rows)
            r0 = s.add("首个有基数的年度", f"=MIN({ifs})", award.max_years["clause"])
            assert f"B{r0}" == first_cell
        award_range = f"{award_col}{year_rows[0]}:{award_col}{year_rows[-1]}" if year_rows else None
        sum_cell = self.param("各年度奖励合计", _money(f"=SUM({award_range})" if award_range else 0))
        capped = sum_cell
        if total_cap:
            capped = self.param("总额上限后", _money(f"=MIN({sum_cell},{total_cap})"), award.total_cap.clause)
        factors = [elig] + fatal_flags
        rr = s.next_row
        s.add(_Cell("预计最高可获", bold=True), _Cell(f"={capped}*" + "*".join(factors), MONEY, bold=True),
              "", "规则允许的上限，非承诺金额")
        self.award_cell = f"B{rr}"
        return s


def _binding(r: ProgrammeResult) -> list[str]:
    """The caps and ceilings that cut the award, from the engine's typed lines."""
    out: list[str] = []
    prog = r.programme
    for line in r.lines:
        year = "本次申报" if line.year is None else f"{line.year}年"
        for limit in line.limits:
            text = f"{year} {limit}"
            if text not in out:
                out.append(text)
        for step in line.contracts:
            if step.ceiling_binding:
                out.append(f"{year} 合同 {step.contract} 单个合同各级支持上限（{prog.award.contract_ceiling['clause']}）")
    return out


def build_sheets(result: CalcResult, extra_support: dict[str, dict[str, Decimal]] | None = None) -> list[_Sheet]:
    """The workbook as plain data (sheets of cells); ``write_workbook`` saves it."""
    extra_support = extra_support or {}
    prof = result.profile
    summary = _Sheet(SUMMARY)
    summary.title(f"{prof.company_name}  {prof.get('company.credit_code') or ''}  申报日期 {prof.get('application.date') or '?'}")
    summary.header("方案编号", "方案名称", "状态", "预计最高可获", "工具计算值", "起约束作用的限额", "说明")
    summary.freeze = "A3"
    sheets = [summary]
    first = summary.next_row
    for r in result.programmes:
        ps = _ProgrammeSheet(r, extra_support.get(r.programme.id, {}))
        sheet = ps.build(prof)
        sheets.append(sheet)
        binding = "；".join(_binding(r)) or "无"
        note = "不符合申报条件" if r.status == INELIGIBLE else ""
        summary.add(r.programme.id, r.programme.label("zh"), STATUS_ZH[r.status],
                    _money(f"={_q(sheet.name)}!{ps.award_cell}"), _money(r.award), binding, note)
    last = summary.next_row - 1
    summary.add(_Cell("合计", bold=True), "", "", _money(f"=SUM(D{first}:D{max(last, first)})" if last >= first else 0),
                _money(result.total), "", "各方案可能互斥，合计不是申报方案（见 subsidy plan）")
    return sheets


def write_workbook(result: CalcResult, path: str | Path, force: bool = False,
                   extra_support: dict[str, dict[str, Decimal]] | None = None) -> Path:
    """Save the calculation as an .xlsx of live formulas; refuse to overwrite without force."""
    path = Path(path)
    if path.exists() and not force:
        raise InputError(path, "output.exists")
    if path.suffix.lower() != ".xlsx":
        raise InputError(path, "output.not_xlsx")
    if not path.parent.is_dir():
        raise InputError(path, "output.no_folder")
    sheets = build_sheets(result, extra_support)
    save_sheets(sheets, path)
    return path


def save_sheets(sheets: list[_Sheet], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    wb.remove(wb.active)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    for sh in sheets:
        ws = wb.create_sheet(sh.name)
        widths: dict[int, int] = {}
        for r, row in enumerate(sh.rows, start=1):
            for c, cell in enumerate(row, start=1):
                if cell is None or cell.value is None:
                    continue
                value = cell.value
                if isinstance(value, Decimal):
                    value = int(value) if value == value.to_integral() and abs(value) < 10 ** 15 else value
                xc = ws.cell(row=r, column=c, value=value)
                if cell.fmt:
                    xc.number_format = cell.fmt
                if cell.bold or r in sh.headers or r in sh.titles:
                    xc.font = Font(bold=True)
                if r in sh.headers:
                    xc.fill = head_fill
                    xc.alignment = Alignment(wrap_text=True, vertical="center")
                if r not in sh.titles:
                    widths[c] = max(widths.get(c, 0), _width(value, cell.fmt))
        for c, w in widths.items():
            ws.column_dimensions[column_letter(c)].width = min(max(w + 2, 10), 48)
        if sh.freeze:
            ws.freeze_panes = sh.freeze
    wb.save(path)


def _width(value: Any, fmt: str | None) -> int:
    if isinstance(value, str) and value.startswith("="):
        return 16 if fmt == MONEY else 12
    if fmt == MONEY:
        return 18
    if isinstance(value, (date,)):
        return 11
    text = str(value)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
