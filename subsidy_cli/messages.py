"""Message catalog: a stable code, one template per language (zh default, en)."""

from __future__ import annotations

CATALOG: dict[str, tuple[str, str]] = {
    # profile
    "profile.unknown_key": ("第 {line} 行：未知键 {key}（可能是笔误{hint_zh}），已忽略",
                            "line {line}: unknown key {key} (a likely typo{hint_en}), ignored"),
    "profile.credit_code": ("第 {line} 行：统一社会信用代码 {code} 校验未通过：{problem}（少数早期代码如此，请核对营业执照）",
                            "line {line}: credit code {code} fails the check: {problem} (a few early codes do; check the licence)"),
    "profile.invoice_repeated": ("第 {line} 行：发票号码 {number} 已登记在合同 {first}，合同 {contract} 中重复登记的这张不计入（一张发票只计一次）",
                                 "line {line}: invoice number {number} is already declared on contract {first}; the repeat on contract {contract} is not counted (an invoice counts once)"),
    "profile.programme_twice": ("项目 {programme} 被列出 {count} 次，只计算一次", "programme {programme} is named {count} times; it is computed once"),
    # criteria
    "crit.missing": ("资料未写明 {path}", "the profile does not state {path}"),
    "crit.value": ("{path} = {value}", "{path} = {value}"),
    "crit.not_in": ("{path} = {value}，不在 {allowed} 之列", "{path} = {value}, not one of {allowed}"),
    "crit.district_ok": ("{value} 属于 {allowed}", "{value} is in {allowed}"),
    "crit.district_no": ("注册地/经营地 {value} 均不在 {allowed}", "registered / operating districts {value}: none in {allowed}"),
    "crit.must_be_true": ("{path} = false，要求为 true", "{path} = false, required true"),
    "crit.must_be_false": ("{path} = true，要求为 false", "{path} = true, required false"),
    "crit.compare_no": ("{path} = {value}，要求 {op} {limit}", "{path} = {value}, required {op} {limit}"),
    "crit.date_before": ("{path} = {value}，早于 {limit}", "{path} = {value}, before {limit}"),
    "crit.tier_ok": ("符合：{tiers}；年度上限 {cap}", "qualifies: {tiers}; yearly cap {cap}"),
    "crit.tier_none": ("备案、重点企业、创新伙伴计划均为否", "no filed model, not a key enterprise, not a partner-plan unit"),
    "crit.tier_unknown": ("未写明：{paths}；待定，按可能的最低档年度上限 {cap} 预计", "not stated: {paths}; pending, the expected maximum uses the lowest possible yearly cap {cap}"),
    "crit.not_in_words": ("{path} = {value}，不在可接受之列：{allowed}（及其细分方向/同义词：{words}）",
                          "{path} = {value}, not accepted: {allowed} (with their sub-directions and synonyms: {words})"),
    "crit.app_date_reserve": ("申报日期 {date} 晚于兑现范围 {window}：逾期申报视为储备项目，不在本轮支持之列",
                              "application date {date} after {window}: a late application becomes a reserve project (储备项目), not supported in this round"),
    "crit.deadline_ok": ("申报日期 {date} 不晚于截止日 {deadline}", "application date {date} on or before the deadline {deadline}"),
    "crit.deadline_passed": ("申报日期 {date} 晚于截止日 {deadline}", "application date {date} after the deadline {deadline}"),
    "crit.deadline_unknown": ("本轮数据与资料均未给出截止日（{path}），请以申报通知为准", "neither the round's data nor the profile gives the deadline ({path}): check the notice"),
    "crit.contracts_unproven": ("合同 {ids} 因未写明的事实暂不计入；写明后可计入", "contracts {ids} are left out until a fact is stated"),
    "crit.label.non_affiliated": ("供应商为非关联方", "Supplier not affiliated"),
    "crit.label.contract_window": ("合同执行期与补贴期重叠", "Contract term overlaps the cost window"),
    "measure.contract_amount": ("合同金额（范围内）", "in-scope contract amount"),
    "measure.delivered": ("窗口内使用金额", "usage in the window"),
    "explain.base_both": ("可证明基数（先进先出：发票与付款均覆盖）", "provable base (FIFO: covered by invoice and payment)"),
    "explain.base_either": ("可证明基数（先进先出：发票或付款覆盖，取较大者）", "provable base (FIFO: covered by invoice or payment, the larger)"),
    "award.ineligible_formula": ("不符合申报条件", "ineligible"),
    "crit.contracts_ok": ("{count} 份合同计入：{ids}", "{count} contract(s) count: {ids}"),
    "crit.contracts_all_excluded": ("{count} 份合同均被排除：{ids}", "all {count} contract(s) excluded: {ids}"),
    "crit.contracts_none": ("未列出 {kinds} 类合同", "no contracts of kind {kinds} listed"),
    "crit.app_date_ok": ("申报日期 {date} 在 {window} 内", "application date {date} within {window}"),
    "crit.app_date_out": ("申报日期 {date} 不在 {window} 内", "application date {date} outside {window}"),
    "crit.app_date_no_window": ("本轮未给出申报起止日期", "this round gives no application dates"),
    "crit.support_found": ("已获得/申请{level}算力支持：{items}", "{level} compute support received or applied for: {items}"),
    "crit.contracts_unknown": ("以下合同未写明 {what}：{ids}", "these contracts do not state {what}: {ids}"),
    "crit.contracts_pass": ("所有相关合同符合", "every relevant contract qualifies"),
    "crit.threshold_ok": ("{measure} {value} ≥ {limit}", "{measure} {value} ≥ {limit}"),
    "crit.threshold_no": ("{measure} {value} < {limit}", "{measure} {value} < {limit}"),
    "crit.not_applicable": ("不适用：无此类合同", "not applicable: no such contracts"),
    "crit.any_threshold_ok": ("达到最低金额：{parts}", "minimum reached by: {parts}"),
    "crit.any_threshold_no": ("各方式均未达到最低金额", "no mode reaches its minimum"),
    # contracts and the base
    "contract.affiliated": ("合同 {contract}：供应商 {supplier} 为关联方，不计入", "contract {contract}: supplier {supplier} is affiliated, excluded"),
    "contract.outside_window": ("合同 {contract}：执行期 {start}～{end} 与 {window} 无重叠，不计入", "contract {contract}: term {start}..{end} does not overlap {window}, excluded"),
    "contract.check_failed": ("合同 {contract}：{label} 不满足（{detail}），不计入", "contract {contract}: {label} not met ({detail}), excluded"),
    "contract.scope_unsplit": ("合同 {contract}：含 {other} 等范围外服务但未写明 {field}，无法确定可补贴部分，不计入", "contract {contract}: sells out-of-scope services ({other}) but states no {field}; excluded"),
    "contract.no_amount": ("合同 {contract}：未写明合同金额 amount，无法按比例折算 {field}", "contract {contract}: no amount, cannot scale by {field}"),
    "contract.no_settlement": ("合同 {contract}：无结算记录，以付款记录代替；评审通常要求结算单", "contract {contract}: no settlement records, payments stand in; reviewers ask for 结算单"),
    "contract.area_unknown": ("未写明研发及办公面积（{path}，或每份租赁合同的 {field}）：租金暂不计入；写明后（面积不超过 {limit} 平方米时）预计最高奖励增加 {rise}",
                              "the R&D and office area is not stated ({path}, or {field} on every lease): the rent is left out; stating it (at most {limit} m²) would raise the award by {rise}"),
    "contract.zero_area": ("面积为 0（{source}）：无法按面积折算，租金不计入，请核对", "area of zero ({source}): the rent cannot be scaled and is left out; check it"),
    "contract.zero_amount": ("合同 {contract}：合同金额为 0，请核对", "contract {contract}: the contract amount is zero; check it"),
    "contract.over_amount.deliveries": ("合同 {contract}：结算/交付合计 {total} 超过合同金额 {amount}，请核对", "contract {contract}: deliveries total {total}, above the contract amount {amount}; check them"),
    "contract.over_amount.invoices": ("合同 {contract}：发票合计 {total} 超过合同金额 {amount}，请核对", "contract {contract}: invoices total {total}, above the contract amount {amount}; check them"),
    "contract.over_amount.payments": ("合同 {contract}：付款合计 {total} 超过合同金额 {amount}，请核对", "contract {contract}: payments total {total}, above the contract amount {amount}; check them"),
    "contract.unproven": ("合同 {contract}：{label}未能证明（{detail}），不计入基数；如属实请写明（{field} 或 {override} = true），预计最高奖励增加 {rise}",
                          "contract {contract}: {label} not shown ({detail}), left out of the base; if true, state it ({field} or {override} = true) and the award would rise by {rise}"),
    "contract.unproven_district": ("合同 {contract}：有区级支持但未写明区（[[support]] district），无法确认是否为通州区资金，暂不计入；写明后（非通州区时）预计最高奖励增加 {rise}",
                                   "contract {contract}: district support without its district ([[support]] district): left out until stated; if it is not Tongzhou's the award would rise by {rise}"),
    "tier.unproven_higher": ("未写明 {paths}：若属实（{tier}），年度上限为 {cap}，预计最高奖励增加 {rise}",
                             "{paths} not stated: if true ({tier}) the yearly cap is {cap} and the award would rise by {rise}"),
    "delivery.after_application": ("合同 {contract}：申报日期 {date} 之后交付的 {amount} 尚未实际发生，不计入", "contract {contract}: {amount} delivered after the application date {date} is not yet incurred and does not count"),
    "support.applied_only": ("合同 {contract}：{level} 级支持 {programme} {amount} 仅为申请、尚未获得，不影响资格，但计入单个合同各级支持50%上限",
                             "contract {contract}: {level} support {programme} {amount} is only applied for, not received: eligibility stands, but it counts in the 50% per-contract ceiling"),
    "application.deadline_unknown": ("未给出申报截止日（{path}）：请以当轮申报通知为准，逾期申报不予受理", "no deadline known ({path}): check the round's notice; late applications are refused"),
    "gap.invoice_payment": ("合同 {contract}：窗口内已交付部分缺少发票 {invoice}、缺少付款凭证 {payment}；两者补齐后预计最高奖励增加 {rise}",
                            "contract {contract}: deliveries in the window lack invoices for {invoice} and payment proof for {payment}; supplying both would raise the award by {rise}"),
    "gap.evidence": ("合同 {contract}：窗口内已交付 {amount} 既无发票也无付款证明；补齐其一后预计最高奖励增加 {rise}",
                     "contract {contract}: {amount} delivered in the window has neither invoice nor payment proof; supplying either would raise the award by {rise}"),
    "evidence.payment_missing": ("合同 {contract}：{amount} 只有发票、缺少付款证明；本项目接受发票或付款证明之一，评审仍可能要求补充",
                                 "contract {contract}: {amount} has an invoice but no payment proof; this programme accepts either, reviewers may still ask for it"),
    "evidence.invoice_missing": ("合同 {contract}：{amount} 只有付款证明、缺少发票；本项目接受发票或付款证明之一，评审仍可能要求补充",
                                 "contract {contract}: {amount} has a payment proof but no invoice; this programme accepts either, reviewers may still ask for it"),
    "gap.invoice": ("合同 {contract}：窗口内已交付 {amount} 缺少发票；补齐后预计最高奖励增加 {rise}", "contract {contract}: {amount} delivered in the window lack invoices; fixing it would raise the award by {rise}"),
    "gap.payment": ("合同 {contract}：窗口内已交付 {amount} 缺少付款凭证；补齐后预计最高奖励增加 {rise}", "contract {contract}: {amount} delivered in the window lack payment proof; fixing it would raise the award by {rise}"),
    "threshold.component_below": ("{label}：{value} 低于 {limit}，该部分不计入", "{label}: {value} below {limit}, this part is excluded"),
    "award.years_limit": ("{years} 年超出连续支持年限（{n} 年），不计入", "year(s) {years} beyond the {n} consecutive supported years, excluded"),
    "award.rate_unknown": ("未写明 {path}，按最低比例 {rate} 预计；若为最高比例 {best}，预计最高奖励增加 {rise}",
                           "{path} not stated: the expected maximum uses the lowest rate {rate}; at the highest rate {best} the award would rise by {rise}"),
    "award.pending": ("资格待定：{ids}", "eligibility pending on: {ids}"),
    "application.date_missing": ("未写明申报日期 application.date", "the application date application.date is not stated"),
    # dossier check
    "material.missing": ("缺少材料：{label}", "missing material: {label_en}"),
    "material.format_missing": ("{label}：缺少 {format} 格式版本", "{label_en}: no {format} version"),
    "material.no_stamp": ("{label}：未发现盖章扫描件（文件中没有图像）", "{label_en}: no stamped scan found (the file holds no image)"),
    "undertaking.wrong_template": ("承诺书不是本项目的模板（{form}，应含“{marker}”）", "the undertaking is not this programme's template ({form}: expected the text '{marker}')"),
    "undertaking.unverified": ("承诺书无文字层，未能核对是否为本项目模板（{form}），请人工核对", "the undertaking has no text to read: cannot verify it is this programme's template ({form}); check by eye"),
    "invoice.buyer_mismatch": ("发票 {number}：购买方为 {found}，应为 {expected}", "invoice {number}: buyer is {found}, expected {expected}"),
    "invoice.buyer_code_mismatch": ("发票 {number}：购买方信用代码 {found}，应为 {expected}", "invoice {number}: buyer credit code {found}, expected {expected}"),
    "invoice.seller_mismatch": ("发票 {number}：销售方为 {found}，合同 {contract} 的供应商为 {expected}", "invoice {number}: seller is {found}, contract {contract}'s supplier is {expected}"),
    "invoice.seller_code_mismatch": ("发票 {number}：销售方信用代码 {found}，合同 {contract} 的供应商为 {expected}", "invoice {number}: seller credit code {found}, contract {contract}'s supplier has {expected}"),
    "invoice.amount_mismatch": ("发票 {number}：价税合计 {found}，资料中为 {expected}", "invoice {number}: total {found}, the profile says {expected}"),
    "invoice.date_mismatch": ("发票 {number}：开票日期 {found}，资料中为 {expected}", "invoice {number}: issued {found}, the profile says {expected}"),
    "invoice.after_application": ("发票 {number}：开票日期 {date} 晚于申报日期 {application}，不计入", "invoice {number}: issued {date}, after the application date {application}; not counted"),
    "invoice.before_window": ("发票 {number}：开票日期 {date} 早于补贴期起点 {start}，只能覆盖期内交付的预付部分，请核对", "invoice {number}: issued {date}, before the cost window opens on {start}; it can only cover deliveries in the window as a prepayment, check it"),
    "invoice.before_contract": ("发票 {number}：开票日期 {date} 早于合同 {contract} 签订日期 {signed}", "invoice {number}: issued {date}, before contract {contract} was signed on {signed}"),
    "invoice.unmatched": ("读不出发票号码，无法与资料中登记的发票对应，请人工核对", "the invoice number cannot be read, so the file cannot be matched to a declared invoice; check it by eye"),
    "materials.unknown_path": ("[materials] 中的 {path} 在材料目录中不存在", "[materials] names {path}, which is not in the dossier"),
    "invoice.file_missing": ("合同 {contract} 的发票 {number}（{amount}）没有对应文件", "invoice {number} of contract {contract} ({amount}) has no file"),
    "invoice.duplicate": ("发票号码 {number} 出现在多个文件中：{files}", "invoice number {number} appears in several files: {files}"),
    "invoice.undeclared": ("发票 {number} 未在 subsidy.toml 中登记", "invoice {number} is not declared in subsidy.toml"),
    "contract.file_missing": ("合同 {contract} 没有合同文件", "contract {contract} has no contract file"),
    "settlement.missing": ("合同 {contract}：{deliveries} 笔交付只有 {files} 份结算单", "contract {contract}: {deliveries} deliveries but {files} settlement sheet(s)"),
    "payment.file_missing": ("合同 {contract}：{date} 付款 {amount} 没有付款凭证文件", "contract {contract}: payment of {amount} on {date} has no proof file"),
    "application.outside_window": ("申报日期 {date} 不在申报期 {start}～{end} 内", "application date {date} outside the application window {start}..{end}"),
    "programme.ineligible": ("不符合申报条件：{ids}", "ineligible: {ids}"),
}


class _Default(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(code: str, params: dict, lang: str = "zh") -> str:
    if code not in CATALOG and "message" in params:
        return str(params["message"])       # the scanner's own one-line message
    zh, en = CATALOG.get(code, (code, code))
    template = en if lang == "en" else zh
    values = _Default(params)
    hint = params.get("hint")
    values.setdefault("hint_zh", f"，是否为 {hint}？" if hint else "")
    values.setdefault("hint_en", f"; did you mean {hint}?" if hint else "")
    return template.format_map(values)
