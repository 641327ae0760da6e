"""Message catalog: a stable code, one template per language (zh default, en)."""

from __future__ import annotations

CATALOG: dict[str, tuple[str, str]] = {
    # profile
    "profile.unknown_key": ("第 {line} 行：未知键 {key}（可能是笔误{hint_zh}），已忽略",
                            "line {line}: unknown key {key} (a likely typo{hint_en}), ignored"),
    "profile.credit_code": ("第 {line} 行：统一社会信用代码 {code} 校验未通过：{problem}（少数早期代码如此，请核对营业执照）",
                            "line {line}: credit code {code} fails the check: {problem} (a few early codes do; check the licence)"),
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
    "crit.tier_maybe_higher": ("符合：{tiers}（年度上限 {cap}）；未写明 {paths}，若符合则年度上限为 {higher}，按此预计",
                               "qualifies: {tiers} (yearly cap {cap}); {paths} not stated: if it holds the cap is {higher}, which the expected maximum assumes"),
    "crit.tier_none": ("备案、重点企业、创新伙伴计划均为否", "no filed model, not a key enterprise, not a partner-plan unit"),
    "crit.tier_unknown": ("未写明：{paths}；按可能的最高档 {cap} 预计", "not stated: {paths}; the expected maximum assumes the highest possible cap {cap}"),
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
    "contract.area_unknown": ("合同 {contract}：未写明面积，按不超过 {limit} 平方米计", "contract {contract}: no area stated, assumed within {limit} m²"),
    "gap.invoice": ("合同 {contract}：窗口内已交付 {amount} 缺少发票；补齐后预计最高奖励增加 {rise}", "contract {contract}: {amount} delivered in the window lack invoices; fixing it would raise the award by {rise}"),
    "gap.payment": ("合同 {contract}：窗口内已交付 {amount} 缺少付款凭证；补齐后预计最高奖励增加 {rise}", "contract {contract}: {amount} delivered in the window lack payment proof; fixing it would raise the award by {rise}"),
    "threshold.component_below": ("{label}：{value} 低于 {limit}，该部分不计入", "{label}: {value} below {limit}, this part is excluded"),
    "award.years_limit": ("{years} 年超出连续支持年限（{n} 年），不计入", "year(s) {years} beyond the {n} consecutive supported years, excluded"),
    "award.rate_unknown": ("未写明 {path}，按最高比例 {rate} 预计", "{path} not stated; the expected maximum assumes the highest rate {rate}"),
    "award.pending": ("资格待定：{ids}", "eligibility pending on: {ids}"),
    "application.date_missing": ("未写明申报日期 application.date", "the application date application.date is not stated"),
    # dossier check
    "material.missing": ("缺少材料：{label}", "missing material: {label_en}"),
    "material.format_missing": ("{label}：缺少 {format} 格式版本", "{label_en}: no {format} version"),
    "material.no_stamp": ("{label}：未发现红色公章（按颜色查找圆形/椭圆形印章）", "{label_en}: no red seal found (a round or oval seal, found by colour)"),
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
    "invoice.declared_twice": ("发票号码 {number} 在 subsidy.toml 中登记了 {count} 次", "invoice number {number} is declared {count} times in subsidy.toml"),
    "contract.file_missing": ("合同 {contract} 没有合同文件", "contract {contract} has no contract file"),
    "settlement.missing": ("合同 {contract}：{date} 的交付（{amount}）没有结算单", "contract {contract}: the delivery of {amount} on {date} has no settlement sheet"),
    "settlement.mismatch": ("合同 {contract}：{date} 交付 {amount}，结算单写的是 {found_date} {found_amount}", "contract {contract}: delivery of {amount} on {date}, but the settlement sheet says {found_amount} on {found_date}"),
    "settlement.unverified": ("合同 {contract}：{date} 交付（{amount}）的结算单读不出日期和金额（扫描件？），请人工核对", "contract {contract}: the settlement sheet for the delivery of {amount} on {date} has no readable date or amount (a scan?); check it by eye"),
    "file.duplicate_copy": ("{file} 与 {original} 内容完全相同，只计一次", "{file} is an identical copy of {original}; counted once"),
    "file.link_missing": ("合同 {contract}：{what_zh} 的 file = {path} 在材料目录中不存在", "contract {contract}: the {what}'s file = {path} is not in the dossier"),
    "payment.proof_mismatch": ("合同 {contract}：{date} 付款 {amount}，付款凭证写的是 {found_date} {found_amount}", "contract {contract}: payment of {amount} on {date}, but the proof says {found_amount} on {found_date}"),
    "payment.proof_unverified": ("合同 {contract}：{date} 付款 {amount} 的付款凭证读不出日期和金额（照片或扫描件？），请人工核对", "contract {contract}: the proof of the payment of {amount} on {date} has no readable date or amount (a photo or scan?); check it by eye"),
    "invoice.contract_mismatch": ("发票 {number} 备注的合同编号为 {found}，但登记在合同 {contract} 下", "invoice {number}: its note names contract {found}, but it is declared under contract {contract}"),
    "invoice.link_mismatch": ("合同 {contract}：登记的发票 {number} 链接的文件是发票 {found}", "contract {contract}: declared invoice {number} links to a file of invoice {found}"),
    "license.company_mismatch": ("营业执照上的名称是 {found}，不是申报企业 {expected}", "the business licence names {found}, not the applicant {expected}"),
    "license.code_mismatch": ("营业执照上的统一社会信用代码是 {found}，申报企业为 {expected}", "the business licence's credit code is {found}, the applicant's is {expected}"),
    "material.stamp_unverified": ("{label}是黑白扫描件，无法判断是否盖有红章，请人工核对", "{label_en} is a greyscale scan: a red seal cannot be verified; check it by eye"),
    "license.unverified": ("营业执照读不出名称和信用代码（扫描件？），请人工核对", "the business licence has no readable name or credit code (a scan?); check it by eye"),
    "contract.party_mismatch": ("合同 {contract} 的当事方为 {found}，其中没有{who_zh} {expected}", "contract {contract}'s parties are {found}: the {who} {expected} is not one of them"),
    "payment.file_missing": ("合同 {contract}：{date} 付款 {amount} 没有付款凭证文件", "contract {contract}: payment of {amount} on {date} has no proof file"),
    "application.outside_window": ("申报日期 {date} 不在申报期 {start}～{end} 内", "application date {date} outside the application window {start}..{end}"),
    "scan.ocr_missing": ("提示：{count} 个扫描件或图片没有文字层，未能读取其内容。安装离线 OCR 扩展后即可读取：{hint}", "note: {count} scan(s) or image(s) have no text layer and were not read. Install the offline OCR extra to read them: {hint}"),
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
