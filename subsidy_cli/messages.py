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
    "invoice.declared_twice": ("发票号码 {number} 在 subsidy.toml 中登记了 {count} 次", "invoice number {number} is declared {count} times in subsidy.toml"),
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


# --------------------------------------------------------------------------- subsidy fill (issue 11)
# Kept in one block at the end (other engineers edit the catalogue above).
CATALOG.update({
    "fill.doc_format": ("是 Word 97-2003 的 .doc 格式，本工具只读 .docx：请用 Word 或 WPS 打开后“另存为”Word 文档（*.docx），"
                        "或运行 soffice --headless --convert-to docx \"{name}\"，再用 --template 指定 {stem}.docx",
                        "is a Word 97-2003 .doc file; only .docx can be filled: open it in Word or WPS and "
                        "'Save As' Word Document (*.docx), or run soffice --headless --convert-to docx \"{name}\", "
                        "then pass {stem}.docx to --template"),
    "fill.other_programme": ("这是 {other} 的 {form}，不是 {programme} 的表格（{programme} 的表格：{forms}）",
                             "is {other}'s form {form}, not a {programme} form ({programme} forms: {forms})"),
    "fill.other_number": ("首行标注为 附{number}，不是 {programme} 的表格（{programme} 的表格：{forms}）",
                          "its first line reads 附{number}: none of the {programme} forms ({forms})"),
    "fill.unknown_form": ("不是 {programme} 的表格（{programme} 的表格：{forms}）",
                          "is none of the {programme} forms ({forms})"),
    "fill.verify": ("{form} {label}：填写后复核未通过（值不在其位置，或该处文字与预期不符），请人工核对",
                    "{form} {label}: the re-read filled form does not show the value in its slot as expected; check it by eye"),
    "fill.changed": ("{form}：填写后复核发现未填写处的文字有改动（“{label}”），请人工核对",
                     "{form}: the re-read filled form shows text changed outside the filled slots ('{label}'); check it by eye"),
    "fill.construct": ("{form} {label}：无法识别该处的版式，未填写（其余内容照常填写）",
                       "{form} {label}: a layout this tool does not understand; not filled (the rest is filled)"),
    "fill.fit": ("{form} {label}：内容过长，缩小字号后仍超出一行，封面可能不止一页，请人工调整",
                 "{form} {label}: too long for its line even in a smaller size; the cover may run onto a second page"),
    "fill.year": ("{form} {label}：有一列看不出是哪一年，该列未填写",
                  "{form} {label}: a column does not say which year it is; left blank"),
    "fill.ineligible": ("按资料判断，企业不符合 {programme} 的申报条件：{detail}（表格仍已填写，请核对后再申报）",
                        "by the profile, the company is not eligible for {programme}: {detail} (the forms are still filled; check before applying)"),
    "fill.pending": ("按资料判断，{programme} 的申报资格待定：{detail}",
                     "by the profile, eligibility for {programme} is pending: {detail}"),
    "fill.slot": ("{form} {label}：找到了标签，但旁边或下方没有可填写的空格，未填写",
                  "{form} {label}: the label is on the form but has no blank beside or below it; not filled"),
    "fill.ambiguous": ("{form} {label}：该标签在表格中出现多次，只填写了第一处，请核对其余位置",
                       "{form} {label}: the label appears more than once; only the first is filled, check the others"),
    "fill.status_unknown": ("未能判断 {programme} 的申报资格（{detail}），表格照常填写",
                            "could not evaluate eligibility for {programme} ({detail}); the forms are filled"),
})
