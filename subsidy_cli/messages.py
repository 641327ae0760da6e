"""Message catalog: a stable code, one template per language (zh default, en).

Longer than the 400 lines the house aims at, on purpose: it is data, the one catalogue of every
user-facing message (the brief asks for one), where a translator reads zh and en side by side;
blocks at the end belong to one command each so parallel work merges cleanly."""

from __future__ import annotations

CATALOG: dict[str, tuple[str, str]] = {
    # profile
    "profile.unknown_key": ("第 {line} 行：未知键 {key}（可能是笔误{hint_zh}），已忽略",
                            "line {line}: unknown key {key} (a likely typo{hint_en}), ignored"),
    "profile.credit_code": ("第 {line} 行：统一社会信用代码 {code} 校验未通过：{problem}（少数早期代码如此，请核对营业执照）",
                            "line {line}: credit code {code} fails the check: {problem} (a few early codes do; check the licence)"),
    "creditcode.length": ("共 {count} 位，应为 18 位", "has {count} characters, expected 18"),
    "creditcode.charset": ("含有 GB 32100-2015 字符集之外的字符“{chars}”（不使用 I、O、S、V、Z）",
                           "contains '{chars}', outside the GB 32100-2015 character set (no I, O, S, V, Z)"),
    "creditcode.check": ("校验位为“{found}”，按 GB 32100-2015 应为“{expected}”", "check character is '{found}', GB 32100-2015 gives '{expected}'"),
    "profile.invoice_repeated": ("第 {line} 行：发票号码 {number} 已登记在合同 {first}，合同 {contract} 中重复登记的这张不计入（一张发票只计一次）",
                                 "line {line}: invoice number {number} is already declared on contract {first}; the repeat on contract {contract} is not counted (an invoice counts once)"),
    "profile.programme_twice": ("项目 {programme} 被列出 {count} 次，只计算一次", "programme {programme} is named {count} times; it is computed once"),
    # input errors (file, line and key come first: "subsidy.toml:20: contracts[0].amount: …")
    "file.no_such": ("文件不存在", "no such file"),
    "file.is_folder": ("这是文件夹，应为 subsidy.toml 文件", "is a folder, expected a subsidy.toml file"),
    "file.cannot_read": ("无法读取：{reason}", "cannot read: {reason}"),
    "file.not_regular": ("不是普通文件（管道、设备等），不予读取", "not a regular file (a pipe, a device …); not read"),
    "file.over_limit": ("文件过大（{size} 字节，上限 {limit} 字节），不予读取", "too large ({size} bytes, the limit is {limit}); not read"),
    "toml.empty": ("空文件，应为 TOML 格式的企业资料", "empty file, expected a TOML company profile"),
    "toml.not_utf8": ("不是 UTF-8 文本：请以 UTF-8 编码保存", "not UTF-8 text: save the profile as UTF-8"),
    "toml.too_deep": ("TOML 无效：表或列表嵌套过深", "invalid TOML: tables or lists nested too deeply"),
    "toml.number_too_long": ("TOML 无效：数字过长，无法读取", "invalid TOML: a number too long to read"),
    "toml.invalid": ("TOML 无效：{detail_zh}", "invalid TOML: {detail}"),
    "profile.schema": ("不支持的格式版本 schema = {schema}，应为 1", "schema {schema} is not supported, expected 1"),
    "profile.entry_missing": ("缺少 {need}：每条记录需要 date 和 amount", "missing {need!r}: each entry needs date and amount"),
    "profile.contract_missing": ("缺少 {need}：每个 [[contracts]] 需要 id 和 kind", "missing {need!r}: every [[contracts]] needs id and kind"),
    "profile.contract_twice": ("合同编号 {id} 重复使用（第一次为第 {first} 份合同）", "contract id {id!r} is used twice (first as contract {first})"),
    "profile.end_before_start": ("结束日期 {end} 早于开始日期 {start}", "end {end} is before start {start}"),
    "profile.part_exceeds": ("{part} {value} 超过合同金额 {amount}", "{part} {value} exceeds the contract amount {amount}"),
    "profile.support_missing": ("缺少 {need}：每个 [[support]] 需要 contract、level 和 amount", "missing {need!r}: every [[support]] needs contract, level and amount"),
    "profile.support_contract": ("没有编号为 {id} 的合同", "no contract with id {id!r}"),
    "profile.symlink_outside": ("是指向资料夹之外的链接（{target}），不予读取", "is a link to a file outside the dossier ({target}); not read"),
    "value.text": ("应为文本，实际为 {got}", "expected text, got {got}"),
    "value.bool": ("应为 true 或 false，实际为 {got}", "expected true or false, got {got}"),
    "value.int": ("应为整数，实际为 {got}", "expected a whole number, got {got}"),
    "value.number": ("应为数字，实际为 {got}", "expected a number, got {got}"),
    "value.finite": ("应为有限的数字，实际为 {got}", "expected a finite number, got {got}"),
    "value.negative": ("应为不小于 0 的数字", "expected a number of at least 0"),
    "value.date": ("应为日期（如 2025-09-10），实际为 {got}", "expected a date such as 2025-09-10, got {got}"),
    "value.text_list": ("应为文本列表（如 [\"石景山区\"]），实际为 {got}", "expected a list of texts such as [\"石景山区\"], got {got}"),
    "value.text_or_list": ("应为文本或文本列表（如 [\"金融\", \"制造\"]），实际为 {got}", "expected text or a list of texts such as [\"金融\", \"制造\"], got {got}"),
    "value.one_of": ("应为 {choices} 之一，实际为 {got}", "expected one of {choices}, got {got}"),
    "value.table_list": ("应为表的列表（[[{name}]] 或 [ {{...}} ]），实际为 {got}", "expected a list of tables ([[{name}]] or [ {{...}} ]), got {got}"),
    "value.table": ("应为表，实际为 {got}", "expected a table, got {got}"),
    "money.bool": ("应为金额，实际为 true/false", "expected an amount of money, got true/false"),
    "money.negative": ("金额为负 {value}：金额不能为负", "negative amount {value}: amounts are never negative"),
    "money.empty": ("金额为空：请写数字，如 \"120万\" 或 \"1,200,000.00\"", "empty amount: write a number such as \"120万\" or \"1,200,000.00\""),
    "money.not_money": ("不是金额：{value}（示例：1200000、\"120万\"、\"1.2亿\"）", "not an amount of money: {value} (examples: 1200000, \"120万\", \"1.2亿\")"),
    "money.unit": ("{value} 中的单位 {unit} 无法识别：请用 元、万、万元、亿 或 亿元", "unknown unit {unit} in {value}: use 元, 万, 万元, 亿 or 亿元"),
    "money.separator": ("{value} 中的千位分隔符位置不对", "misplaced thousands separator in {value}"),
    "money.type": ("应为金额，实际为 {got}", "expected an amount of money, got {got}"),
    "money.not_finite": ("不是有限的金额：{value}（nan、inf 不是金额）", "not a finite amount: {value} (nan and inf are not money)"),
    "money.too_large": ("金额过大 {value}：最多 15 位整数（元）", "implausibly large amount {value}: at most 15 digits of yuan"),
    "ledger.datetime": ("应为日期，实际为日期加时间 {got}", "expected a date, got a date and time {got}"),
    "ledger.bool": ("应为 是 或 否（true / false），实际为 {got}", "expected 是 or 否 (true / false), got {got}"),
    "ledger.digits": ("{got}：Excel 数字只保留 15 位，请以文本输入（单元格格式设为文本，或以 ' 开头）", "{got}: Excel keeps only 15 digits of a number; enter it as text (format the column as 文本 or start with ')"),
    "ledger.column": ("未知列 {name}；应为以下之一：{known}", "unknown column {name}; expected one of {known}"),
    "ledger.missing_columns": ("第 1 行缺少列：{columns}", "missing column(s) {columns} in row 1"),
    "ledger.not_xlsx": ("不是 Excel .xlsx 工作簿（{error}）", "not an Excel .xlsx workbook ({error})"),
    "ledger.no_sheet": ("没有工作表 {sheet}；台账应有工作表 {sheets}（见 templates/ledger.xlsx）", "no sheet {sheet!r}; the ledger has sheets {sheets} (see templates/ledger.xlsx)"),
    "ledger.inline_contracts": ("合同写成了行内列表（contracts = [...]）；合并台账需写成 [[contracts]] 块", "contracts are written inline (contracts = [...]); write them as [[contracts]] blocks to merge a ledger"),
    "ledger.cannot_place": ("无法定位资料中每个 [[contracts]] 块；请手工合并", "cannot place every [[contracts]] block of the profile; merge by hand"),
    "ledger.would_overwrite": ("台账会覆盖资料中已有的内容（未写入）：{problems}", "the ledger would overwrite what the profile holds (nothing written): {problems}"),
    "ledger.unusual_layout": ("无法在不改动其他文字的情况下合并台账（[[contracts]] 块布局特殊）；请手工合并：`subsidy ledger import` 会打印 TOML", "cannot merge the ledger without touching other text (unusual layout of [[contracts]] blocks); merge by hand: `subsidy ledger import` prints the TOML"),
    "init.not_folder": ("已存在且不是文件夹", "exists and is not a folder"),
    "ledger.contract_required": ("必填：每份合同需要合同编号和类型（{kinds}）", "required: every contract needs 合同编号 and 类型 ({kinds})"),
    "ledger.id_twice": ("合同编号 {id} 重复使用（第一次在第 {first_row} 行）", "contract id {id!r} is used twice (first in row {first_row})"),
    "ledger.entry_required": ("必填：每行需要合同编号、日期和金额", "required: each row needs 合同编号, 日期 and 金额"),
    "ledger.contract_id_text": ("应为合同编号（文本）", "expected a contract id (text)"),
    "ledger.no_contract": ("工作表 {contract_sheet} 中没有合同 {id}", "no contract {id!r} in sheet {contract_sheet}"),
    "ledger.too_many_rows": ("行数超过 {limit}，不像台账，不予读取", "more than {limit} rows: not a ledger; not read"),
    "ledger.into_symlink": ("是链接：--into 只改写普通文件（请对链接指向的文件操作）", "is a link: --into rewrites regular files only (give the file it points to)"),
    "ledger.into_read_only": ("只读文件：--into 不会替换它", "is read-only: --into will not replace it"),
    "zip.too_many_members": ("压缩包内文件过多（{count}，上限 {limit}），不予打开", "too many parts ({count}, the limit is {limit}); not opened"),
    "zip.bomb": ("解压后超过 {limit} MB（压缩炸弹？），不予打开", "decompresses to more than {limit} MB (a zip bomb?); not opened"),
    "zip.unreadable": ("不是可读取的 zip 容器（{error}）", "not a readable zip container ({error})"),
    "init.created": ("已创建 {toml} 和 {count} 个材料文件夹；请填写 subsidy.toml，然后运行：subsidy check {dossier}", "created {toml} and {count} folders; fill in subsidy.toml, then run: subsidy check {dossier}"),
    "ledger.merged": ("{target}：新增 {added}，更新 {updated}，未变 {unchanged}", "{target}: {added} added, {updated} updated, {unchanged} unchanged"),
    "ledger.unreadable_row": ("第 {row} 行有无法读取的单元格（如 NaN、INF）", "row {row} holds a cell that cannot be read (NaN, INF …)"),
    "output.written": ("已写入 {path}", "wrote {path}"),
    "fill.no_forms": ("{programme} 没有需要填写的表格（其表格在线填写或另行下载）", "{programme} has no form to fill (its forms are online or downloaded)"),
    "output.not_folder": ("是文件，--out 应为文件夹", "is a file, expected a folder for --out"),
    "output.dangling_link": ("是指向不存在位置的链接，无法写入", "is a link to nothing; cannot write there"),
    "output.cannot_create": ("无法创建文件夹：{reason}", "cannot create the folder: {reason}"),
    "output.not_writable": ("文件夹不可写", "the folder is not writable"),
    "output.cannot_write": ("无法写入：{reason}", "cannot write: {reason}"),
    "fill.out_missing": ("缺少输出文件夹：请用 --out 指定，如 --out filled/", "missing: name the output folder, e.g. --out filled/"),
    "fill.programme_missing": ("缺少项目：请用 --programme 从 {known} 中选一个", "missing: choose one of {known}"),
    "report.pdf_needs_out": ("pdf 格式需要用 --out 指定输出文件", "the pdf format needs --out FILE"),
    "report.no_pdf_engine": ("未安装 PDF 引擎：请安装 WeasyPrint（pip install weasyprint）、Chromium 或 LibreOffice，或改用 --format html 后用浏览器打印",
                             "no PDF engine installed: install WeasyPrint (pip install weasyprint), Chromium or LibreOffice, or use --format html and print it from a browser"),
    "report.written_pdf": ("已写入 {path}（{engine}）", "wrote {path} ({engine})"),
    "check.portfolio_format": ("检查多个材料文件夹时不支持 --format {format}：请逐个生成报告，或用 table、json、junit、markdown", "--format {format} takes one dossier at a time: make the reports one by one, or use table, json, junit or markdown"),
    "check.portfolio_failed": ("{total} 个材料文件夹中有 {failed} 个未通过", "{failed} of {total} dossiers did not pass"),
    "scan.summary": ("{files} 个文件，{errors} 个错误，{warnings} 个提示", "{files} files, {errors} errors, {warnings} warnings"),
    "check.not_folder": ("不是文件夹：请给出申报材料文件夹（根目录含 subsidy.toml）", "not a folder: give the dossier folder (with subsidy.toml at its root)"),
    "check.no_profile": ("材料文件夹根目录没有 subsidy.toml（可用 `subsidy init` 创建）", "no subsidy.toml at the dossier root (create one with `subsidy init`)"),
    "scan.not_folder": ("不是文件夹：请给出申报材料文件夹", "not a folder: give the dossier folder"),
    "fill.not_docx": ("不是可读取的 Word .docx 文件（{error}）", "not a readable Word .docx file ({error})"),
    # the scanner's problems: the zh text says what is wrong; the reader's own one-line detail is the en
    # text (and, where it carries the values to check, is kept after the zh text)
    "file.empty": ("文件为空（0 字节）", "{message}"),
    "file.corrupt": ("文件已损坏，无法读取", "{message}"),
    "file.wrong_type": ("文件内容与扩展名不符（可能是改了扩展名的其他文件）", "{message}"),
    "file.encrypted": ("文件设有打开密码，无法读取", "{message}"),
    "file.too_large": ("文件过大（或解压后过大），未读取，仅按文件名分类", "{message}"),
    "file.unreadable": ("无法读取此文件", "{message}"),
    "file.no_text_layer": ("没有文字层（扫描件或图片）", "{message}"),
    "file.link_loop": ("链接形成循环，未读取", "{message}"),
    "file.link_outside": ("链接指向材料文件夹之外，未读取", "{message}"),
    "file.link_broken": ("链接指向的文件不存在", "{message}"),
    "file.bad_name": ("文件名含无法解码的字符", "{message}"),
    "file.not_read": ("此格式不读取内容，仅按文件名分类", "{message}"),
    "materials.unknown_type": ("[materials] 中的材料类型“{type}”无法识别{hint_zh}（可用类型见 docs/scan.md）", "{message}"),
    "invoice.upper_mismatch": ("发票价税合计大写为 {upper}，小写为 {total}，二者不一致", "价税合计 in words is {upper} but in figures {total}"),
    "invoice.unreadable_field": ("读不出发票的{field}，请人工核对", "could not read the {field} from the invoice; check it by eye"),
    "invoice.qr_mismatch": ("发票二维码中的{field}为 {qr}，票面文字为 {text}，二者不一致，请人工核对",
                            "the QR code says {field} {qr} but the text says {text}; check it by eye"),
    "invoice.qr_over_total": ("发票二维码中的不含税金额 {qr} 大于票面价税合计 {total}，请人工核对",
                              "the QR code says amount before tax {qr}, more than the total {total}; check it by eye"),
    "invoice.inconsistent": ("发票页面上的{field}为 {page}，OFD 内嵌数据为 {data}，二者不一致",
                             "the page shows {field} {page} but the OFD's embedded data says {data}"),
    "invoice.bad_credit_code": ("发票上的统一社会信用代码均未通过 GB 32100 校验：{codes}，请核对",
                                "no credit code on the invoice has a valid GB 32100 check character: {codes}"),
    "invoice.field.invoice_number": ("发票号码", "invoice number"),
    "invoice.field.invoice_code": ("发票代码", "invoice code"),
    "invoice.field.issue_date": ("开票日期", "issue date"),
    "invoice.field.total": ("价税合计", "total"),
    "invoice.field.seller_name": ("销售方名称", "seller name"),
    "output.exists": ("已存在；如需覆盖请加 --force", "already exists; use --force to overwrite it"),
    "output.not_xlsx": ("文件名应以 .xlsx 结尾", "expected a file name ending in .xlsx"),
    "output.no_folder": ("所在文件夹不存在", "no such folder"),
    "cli.interrupted": ("已中断", "interrupted"),
    "cli.internal": ("内部错误：{error}（设置 SUBSIDY_DEBUG=1 查看详情）", "internal error: {error} (set SUBSIDY_DEBUG=1 for details)"),
    "cli.aborted": ("已取消", "aborted"),
    "cli.unknown_programme": ("未知项目 {programme}；已知：{known}", "unknown programme {programme!r}; known: {known}"),
    # criteria
    "crit.missing": ("资料未写明 {path}", "the profile does not state {path}"),
    "crit.value": ("{path} = {value}", "{path} = {value}"),
    "junit.criterion": ("{message}（{clause}）", "{message} ({clause})"),
    "junit.unknown": ("待定：{message}", "unknown: {message}"),
    "severity.error": ("错误", "error"),
    "severity.warning": ("提示", "warning"),
    "severity.info": ("说明", "info"),
    "check.table_no_out": ("表格只显示在终端；写入文件请用 -f json、junit、html、markdown 或 pdf", "the table is for the terminal; to write a file use -f json, junit, html, markdown or pdf"),
    "junit.noted": ("{severity}：{text}", "{severity}: {text}"),
    "junit.errors_found": ("有错误", "errors found"),
    "junit.missing": ("缺少（{clause}）", "missing ({clause})"),
    "crit.word_means": ("{word}（{means}）", "{word} ({means})"),
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
    "crit.label.application_date": ("申报日期已写明", "Application date stated"),
    "crit.label.contract_window": ("合同执行期与补贴期重叠", "Contract term overlaps the cost window"),
    "measure.contract_amount": ("合同金额（范围内）", "in-scope contract amount"),
    "measure.delivered": ("窗口内使用金额", "usage in the window"),
    "explain.base_both": ("可证明基数（先进先出：发票与付款均覆盖）", "provable base (FIFO: covered by invoice and payment)"),
    "explain.base_either": ("可证明基数（先进先出：发票或付款覆盖，取较大者）", "provable base (FIFO: covered by invoice or payment, the larger)"),
    "explain.area": ("面积系数：研发及办公面积 {area} 平方米，超过 {limit} 平方米按比例计", "area factor: R&D and office area {area} m², pro rata above {limit} m²"),
    "explain.total_cap": ("总额上限", "total cap"),
    "explain.year_cap": ("年度上限", "yearly cap"),
    "explain.rate_base": ("比例 × 基数", "rate × base"),
    "explain.contract_ceiling": ("单个合同各级支持不超过核定成本的 {rate}", "combined-support ceiling ({rate} of the approved cost)"),
    "explain.contract": ("合同 {id}", "contract {id}"),
    "explain.award": ("奖励", "award"),
    "explain.rounded": ("{line}（四舍五入到分）", "{line} (rounded to the fen)"),
    "explain.sum": ("合计", "sum"),
    "explain.application_cap": ("上限（本次申报，同一自然年内享受的奖励）", "cap (this application: the award received in one year)"),
    "plan.application_line": ("本次申报", "this application"),
    "plan.choice_stated": ("已填写 {path} = {value}", "stated: {path} = {value}"),
    "plan.choice_assumed": ("未填写：按 {path} = {value} 试算（最高）", "not stated: assumed {path} = {value} (the best)"),
    "plan.criterion_state": ("{label}（{id}）：{status}", "{label} ({id}): {status}"),
    "status.criterion.pass": ("符合", "pass"),
    "status.criterion.fail": ("不符合", "fail"),
    "status.criterion.unknown": ("待定（未写明）", "unknown (not stated)"),
    "plan.excludes": ("本轮同级/同一发文单位的其他项目：{others}", "other programmes of the round it excludes: {others}"),
    "plan.none": ("无", "none"),
    "plan.no_other_award": ("本组合内同一合同无其他奖励", "no other award of the plan on its contracts"),
    "plan.no_repeat": ("本组合内无重复", "no contract funded twice in the plan"),
    "plan.at_most_one": ("至多选其一", "at most one"),
    "plan.box": ("{programme}（{box}）", "{programme} ({box})"),
    "plan.one_form_each": ("均在组合内：各填一份申报表：{boxes}", "both in the plan: one form each: {boxes}"),
    "plan.one_in_plan": ("组合内至多一项，无需分表", "at most one in the plan"),
    "plan.contract_funded": ("合同 {contract} 已由 {by} 支持，{programme} 不再计入该合同",
                             "contract {contract} is funded by {by}: {programme} does not take it"),
    "plan.ceiling_counts": ("单个合同50%上限已计入本组合内其他奖励：{awards}",
                            "the per-contract 50% ceiling counts the plan's other awards: {awards}"),
    "plan.tried_each": ("{path} 未填写：逐一试算（{tried}），取最高；申报前须在资料中写明",
                        "{path} not stated: tried each ({tried}) and kept the best; state it before applying"),
    "plan.step": ("{year}：可证明基数 {base}；比例 × 基数 = {rate} × {base} = {value}（{clause}）",
                  "{year}: provable base {base}; rate × base = {rate} × {base} = {value} ({clause})"),
    "plan.step_ceiling": ("单个合同各级支持上限 {ceiling}（{clause}）", "per-contract combined ceiling {ceiling} ({clause})"),
    "award.ineligible_formula": ("：不符合申报条件", ": ineligible"),
    "explain.expected_max": ("：预计最高可获", ": expected maximum award"),
    "explain.base_parts": ("（窗口内交付 {delivered}，有发票 {invoiced}，已付款 {paid}）", " (delivered in the window {delivered}, invoiced {invoiced}, paid {paid})"),
    "explain.in_scope": ("（范围内占比 {part}/{amount}）", " (in-scope share {part}/{amount})"),
    "explain.payments_stand_in": ("（以付款代替结算记录）", " (payments stand in for deliveries)"),
    "crit.contracts_ok": ("{count} 份合同计入：{ids}", "{count} contract(s) count: {ids}"),
    "crit.contracts_all_excluded": ("{count} 份合同均被排除：{ids}", "all {count} contract(s) excluded: {ids}"),
    "crit.contracts_none": ("未列出 {kinds} 类合同", "no contracts of kind {kinds} listed"),
    "crit.app_date_ok": ("申报日期 {date} 在 {window} 内", "application date {date} within {window}"),
    "crit.app_date_out": ("申报日期 {date} 不在 {window} 内", "application date {date} outside {window}"),
    "crit.app_date_no_window": ("本轮未给出申报起止日期", "this round gives no application dates"),
    "crit.support_found": ("已获得或申请{level}支持：{items}", "{level} support received or applied for: {items}"),
    "crit.support_received": ("已获得{level}支持：{items}", "{level} support received: {items}"),
    "crit.support_status_unknown": ("{level}支持未写明状态（status = received / applied）：{items}；待定", "{level} support without its status (status = received / applied): {items}; pending"),
    "crit.contracts_unknown": ("以下合同未写明 {what}：{ids}", "these contracts do not state {what}: {ids}"),
    "crit.contracts_pass": ("所有相关合同符合", "every relevant contract qualifies"),
    "crit.threshold_ok": ("{measure} {value} ≥ {limit}", "{measure} {value} ≥ {limit}"),
    "crit.threshold_unproven": ("{measure} {value} < {limit}；计入暂不计入的合同后为 {reachable}：待定", "{measure} {value} < {limit}; with the contracts left out until stated it is {reachable}: pending"),
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
    "contract.over_amount.deliveries": ("合同 {contract}：结算/交付合计 {total} 超过合同金额 {amount}：超出部分不计入，请核对", "contract {contract}: deliveries total {total}, above the contract amount {amount}: the excess does not count; check them"),
    "contract.over_amount.invoices": ("合同 {contract}：发票合计 {total} 超过合同金额 {amount}，请核对", "contract {contract}: invoices total {total}, above the contract amount {amount}; check them"),
    "contract.over_amount.payments": ("合同 {contract}：付款合计 {total} 超过合同金额 {amount}，请核对", "contract {contract}: payments total {total}, above the contract amount {amount}; check them"),
    "contract.unproven": ("合同 {contract}：“{label}”未能证明（{detail}），不计入基数；如属实请写明 {field}，预计最高奖励增加 {rise}",
                          "contract {contract}: '{label}' not shown ({detail}), left out of the base; if true, state {field} and the award would rise by {rise}"),
    "crit.not_stated": ("未写明", "not stated"),
    "crit.contracts_left_out": ("未写明 {what} 的合同暂不计入基数（见提示）：{ids}", "contracts not stating {what} are left out of the base (see the findings): {ids}"),
    "level.national": ("国家级", "national"),
    "level.municipal": ("市级", "municipal"),
    "level.district": ("区级", "district"),
    "contract.unproven_district": ("合同 {contract}：有区级支持但未写明区（[[support]] district），无法确认是否为通州区资金，暂不计入；写明后（非通州区时）预计最高奖励增加 {rise}",
                                   "contract {contract}: district support without its district ([[support]] district): left out until stated; if it is not Tongzhou's the award would rise by {rise}"),
    "tier.unproven_higher": ("未写明 {paths}：若属实（{tier}），年度上限为 {cap}，预计最高奖励增加 {rise}",
                             "{paths} not stated: if true ({tier}) the yearly cap is {cap} and the award would rise by {rise}"),
    "delivery.after_application": ("合同 {contract}：申报日期 {date} 之后交付的 {amount} 尚未实际发生，不计入", "contract {contract}: {amount} delivered after the application date {date} is not yet incurred and does not count"),
    "support.applied_only": ("合同 {contract}：{level}支持 {programme} {amount} 仅为申请、尚未获得，不影响资格，但计入单个合同各级支持50%上限",
                             "contract {contract}: {level} support {programme} {amount} is only applied for, not received: eligibility stands, but it counts in the 50% per-contract ceiling"),
    "application.deadline_unknown": ("未给出申报截止日（{path}）：请以当轮申报通知为准，逾期申报不予受理", "no deadline known ({path}): check the round's notice; late applications are refused"),
    "gap.invoice_payment": ("合同 {contract}：窗口内已交付部分缺少发票（计入范围 {invoice}）和付款凭证（计入范围 {payment}）；补开发票 {need_invoice} 并补齐付款凭证 {need_payment} 后预计最高奖励增加 {rise}",
                            "contract {contract}: deliveries in the window lack invoices ({invoice} in scope) and payment proof ({payment} in scope); invoices for {need_invoice} and payment proof for {need_payment} would raise the award by {rise}"),
    "gap.evidence": ("合同 {contract}：窗口内已交付 {amount}（计入范围）既无发票也无付款证明；补齐{document} {need} 后预计最高奖励增加 {rise}",
                     "contract {contract}: {amount} delivered in the window (in scope) has neither invoice nor payment proof; {document} for {need} would raise the award by {rise}"),
    "doc.invoice": ("发票", "an invoice"),
    "doc.payment_proof": ("付款证明", "a payment proof"),
    "evidence.payment_missing": ("合同 {contract}：{amount} 只有发票、缺少付款证明；本项目接受发票或付款证明之一，评审仍可能要求补充",
                                 "contract {contract}: {amount} has an invoice but no payment proof; this programme accepts either, reviewers may still ask for it"),
    "evidence.invoice_missing": ("合同 {contract}：{amount} 只有付款证明、缺少发票；本项目接受发票或付款证明之一，评审仍可能要求补充",
                                 "contract {contract}: {amount} has a payment proof but no invoice; this programme accepts either, reviewers may still ask for it"),
    "gap.invoice": ("合同 {contract}：窗口内已交付部分缺少发票（计入范围 {amount}）；补开发票 {need} 后预计最高奖励增加 {rise}", "contract {contract}: deliveries in the window lack invoices ({amount} in scope); invoices for {need} would raise the award by {rise}"),
    "gap.payment": ("合同 {contract}：窗口内已交付部分缺少付款凭证（计入范围 {amount}）；补齐付款凭证 {need} 后预计最高奖励增加 {rise}", "contract {contract}: deliveries in the window lack payment proof ({amount} in scope); payment proof for {need} would raise the award by {rise}"),
    "threshold.component_below": ("{label}：{value} 低于 {limit}，该部分不计入", "{label}: {value} below {limit}, this part is excluded"),
    "award.years_limit": ("{years} 年超出连续支持年限（{n} 年），不计入", "year(s) {years} beyond the {n} consecutive supported years, excluded"),
    "award.rate_unknown": ("未写明 {path}，按最低比例 {rate} 预计；若为最高比例 {best}，预计最高奖励增加 {rise}",
                           "{path} not stated: the expected maximum uses the lowest rate {rate}; at the highest rate {best} the award would rise by {rise}"),
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


LANGS = ("zh", "en")
_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7f)} | {c: f"\\x{c:02x}" for c in range(0x80, 0xa0)}


def visible(text: str) -> str:
    """Text from input made safe for a terminal: control characters (escape codes, newlines) shown
    as ``\\x1b`` instead of acting on the screen or splitting a one-line message."""
    return text.translate(_CONTROL)

_lang: list[str] = []          # set once by the command line (cli.main); else SUBSIDY_LANG, else zh


class CodedError(Exception):
    """An error that is a message code and its parameters, rendered when it is shown, in the
    user's language (the one way the tool's errors carry text)."""

    def __init__(self, code: str = "", **params):
        self.code, self.params = code, params
        super().__init__(code)

    def render(self, lang: str | None = None) -> str:
        return render(self.code, self.params, lang or current_lang())

    def __str__(self) -> str:
        return self.render()


def current_lang() -> str:
    """The language of messages made without an explicit one: --lang, SUBSIDY_LANG, zh."""
    import os
    if _lang:
        return _lang[-1]
    env = os.environ.get("SUBSIDY_LANG", "zh")
    return env if env in LANGS else "zh"


def set_lang(lang: str | None) -> None:
    """The command line's language for messages made without one; None forgets it."""
    _lang.clear()
    if lang is not None:
        _lang.append(lang if lang in LANGS else "zh")


class _Default(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Text:
    """A message not yet put into words: a catalogue code and its parameters, rendered at the edge
    in the reader's language. Parameters may be Texts themselves or lists (joined with 、 or ,).
    The engine returns these, never sentences (issue 9: a language-free core)."""

    __slots__ = ("code", "params")

    def __init__(self, code: str, **params):
        self.code, self.params = code, params

    @classmethod
    def label(cls, label: dict) -> "Text":
        """A label given in the data in both languages ({zh = …, en = …})."""
        return cls("_label", zh=label["zh"], en=label.get("en") or label["zh"])

    @classmethod
    def items(cls, items, zh: str = "、", en: str = ", ") -> "Text":
        """A list shown joined: 、 in Chinese, a comma in English (or the separators given)."""
        return cls("_list", items=list(items), zh=zh, en=en)

    def render(self, lang: str | None = None) -> str:
        return render(self.code, self.params, lang or current_lang())

    def __add__(self, other: "Text | str") -> "Text":
        return Text("_join", parts=[self, other])

    def __radd__(self, other: str) -> "Text":
        return Text("_join", parts=[other, self])

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Text({self.code!r}, {self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.code, self.params) == (other.code, other.params)

    def __hash__(self) -> int:
        return hash(self.code)


def _value(value, lang: str):
    """A parameter in words: Texts rendered in the language, lists joined."""
    if isinstance(value, Text):
        return value.render(lang)
    if isinstance(value, (list, tuple)):
        return Text.items(value).render(lang)
    return value


def rendered(data, lang: str):
    """A copy of JSON-like data (dicts, lists) with every Text in it put into words."""
    if isinstance(data, Text):
        return data.render(lang)
    if isinstance(data, dict):
        return {k: rendered(v, lang) for k, v in data.items()}
    if isinstance(data, list):
        return [rendered(v, lang) for v in data]
    return data


def ui(key: str, lang: str, **params) -> str:
    """A word or phrase of the terminal layout (headings, column titles, marks) from the catalogue."""
    return render(f"ui.{key}", params, lang)


def render(code: str, params: dict, lang: str = "zh") -> str:
    if code == "_label":
        return params["en"] if lang == "en" else params["zh"]
    if code == "_join":
        return "".join(str(_value(p, lang)) for p in params["parts"])
    if code == "_list":
        sep = params["en"] if lang == "en" else params["zh"]
        return sep.join(str(_value(v, lang)) for v in params["items"])
    if code not in CATALOG and "message" in params:
        return str(params["message"])       # the scanner's own one-line message
    if code not in CATALOG:
        return code                          # a text made elsewhere, shown as it is
    zh, en = CATALOG.get(code, (code, code))
    template = en if lang == "en" else zh
    values = _Default({k: _value(v, lang) for k, v in params.items()})
    hint = params.get("hint")
    values.setdefault("hint_zh", f"，是否为 {hint}？" if hint else "")
    values.setdefault("hint_en", f"; did you mean {hint}?" if hint else "")
    return template.format_map(values)


# --------------------------------------------------------------------------- material types
# The scanner's types as people call them (the codes stay in JSON and in [materials]).
CATALOG.update({
    "type.application_form": ("申报书/申报表", "application form"),
    "type.undertaking": ("承诺书", "undertaking"),
    "type.business_license": ("营业执照", "business licence"),
    "type.tax_registration": ("税务登记证明", "tax registration"),
    "type.financial_statements": ("财务报表", "financial statements"),
    "type.bank_account": ("银行开户证明", "bank account proof"),
    "type.contract": ("合同", "contract"),
    "type.invoice": ("发票", "invoice"),
    "type.payment_proof": ("付款凭证", "payment proof"),
    "type.settlement_sheet": ("结算单", "settlement sheet"),
    "type.qualification_proof": ("资质证明", "qualification proof"),
    "type.supplier_qualification": ("供应商资质证明", "supplier qualification"),
    "type.usage_description": ("使用情况说明", "usage description"),
    "type.platform_evidence": ("平台佐证材料", "platform evidence"),
    "type.acceptance_report": ("验收报告", "acceptance report"),
    "type.model_description": ("模型说明", "model description"),
    "type.authorization": ("授权书", "authorisation"),
    "type.usage_plan": ("使用计划", "usage plan"),
    "type.fund_use_plan": ("资金使用计划", "fund use plan"),
    "type.other": ("其他", "other"),
    "type.itinerary": ("行程单", "itinerary"),
    "type.toll_receipt": ("通行费票据", "toll receipt"),
    "type.hotel_folio": ("酒店账单", "hotel folio"),
    # the classifier's reasons (scan/classify.py writes them in English; reason_text puts them in words)
    "reason.invoice_shape": ("正文有发票的号码、日期和金额", "text has an invoice's number, date and total"),
    "ui.scan.file": ("文件", "path"),
    "ui.scan.type": ("类型", "type"),
    "ui.scan.confidence": ("置信度", "conf."),
    "ui.scan.reason": ("依据", "reason"),
    "ui.scan.fields": ("关键字段", "key fields"),
    "ui.scan.problems": ("问题", "problems"),
})


def type_text(mtype: str) -> "Text | str":
    """A material type as people call it (a Text), or the code itself when it is none of ours."""
    return Text(f"type.{mtype}") if f"type.{mtype}" in CATALOG else mtype


def type_name(mtype: str, lang: str) -> str:
    """type_text in words."""
    return str(_value(type_text(mtype), lang))


# --------------------------------------------------------------------------- the terminal layout
# Headings, column titles and marks of the tables and reports (messages.ui). Rich markup stays
# in the code; these hold words only.
CATALOG.update({
    "ui.criterion": ("条件", "Criterion"),
    "ui.detail": ("说明", "Detail"),
    "ui.clause": ("条款", "Clause"),
    "ui.interpretation_mark": ("（解释）", " (interp.)"),
    "ui.binding": ("上限生效", "binding"),
    "ui.not_binding": ("(未触及)", "(not binding)"),
    "ui.interpretation": ("解释", "interpretation"),
    "ui.application_date": ("申报日期", "application date"),
    "ui.status": ("状态", "status"),
    "ui.expected_max": ("预计最高可获", "expected maximum award"),
    "ui.all_years": ("合计", "all"),
    "ui.cap": ("上限", "cap"),
    "ui.limited_by": ("受限于", "limited by"),
    "ui.total": ("合计", "Total"),
    "ui.not_a_promise": ("规则允许的上限，非承诺金额", "a ceiling the rules allow, not a promise"),
    "ui.dossier_files": ("材料目录 {dossier}  {count} 个文件", "dossier {dossier}  {count} files"),
    "ui.materials": ("材料清单", "Materials"),
    "ui.verdict_fail": ("未通过", "FAIL"),
    "ui.verdict_ok": ("通过", "OK"),
    "ui.counts": ("{errors} 个错误，{warnings} 个警告", "{errors} error(s), {warnings} warning(s)"),
    "ui.error": ("错误", "error"),
    "ui.dossier": ("材料文件夹", "Dossier"),
    "ui.company": ("企业", "Company"),
    "ui.programmes": ("各项目", "Programmes"),
    "ui.expected_max_short": ("预计最高可获", "Expected maximum"),
    "ui.errors": ("错误", "Errors"),
    "ui.warnings": ("提示", "Warnings"),
    "ui.issuer": ("发布单位", "Issuer"),
    "ui.basis": ("依据", "Basis"),
    "ui.application_window": ("申报期", "Application window"),
    "ui.cost_window": ("费用期", "Cost window"),
    "ui.not_after_application": ("申报日期之后交付的不计入（尚未实际发生）", "nothing delivered after the application date counts"),
    "ui.criteria": ("申报条件", "Criteria"),
    "ui.accepted": ("可接受", "accepted"),
    "ui.sub_directions_synonyms": ("细分方向/同义词", "sub-directions / synonyms"),
    "ui.fails_only_when": ("仅以下状态不符合", "fails only when"),
    "ui.tier": ("档位", "tier"),
    "ui.yearly_cap": ("年度上限", "yearly cap"),
    "ui.award": ("支持标准", "Award"),
    "ui.rate": ("比例", "rate"),
    "ui.area_limit": ("面积上限", "area limit"),
    "ui.area_pro_rata": ("超过按比例计；面积取", "pro rata above it; the area is"),
    "ui.contract_condition": ("合同条件", "contract condition"),
    "ui.purpose_must_name": ("用途须含", "purpose must name"),
    "ui.consecutive_years": ("连续支持年限", "consecutive years"),
    "ui.evidence_of_cost": ("费用证明", "evidence of cost"),
    "ui.per_contract_combined_ceiling": ("单合同各级支持上限", "per-contract combined ceiling"),
    "ui.forms": ("表格", "Forms"),
    "ui.plan_total": ("组合合计", "Plan total"),
    "ui.minimum": ("最低金额", "minimum"),
    "ui.application_cap": ("本次申报上限（同一自然年享受的奖励）", "cap per application (award received in one year)"),
    "ui.total_cap": ("总额上限", "total cap"),
    "ui.by_tier": ("按档位", "by tier"),
    "ui.invoice_or_payment": ("发票或付款证明之一（取覆盖较大者）", "an invoice or a payment proof (the larger coverage)"),
    "ui.invoice_and_payment": ("发票和付款证明均需", "both an invoice and a payment proof"),
    "ui.required_when": ("（以下情形需要：", " (required when: "),
    "ui.required_when_end": ("）", ")"),
    "ui.leases_sum": ("各租赁合同 {field} 之和", "the sum of the leases' {field}"),
    "ui.left_out_until": ("（未能证明则不计入基数，写明 {how} 后计入）", " (left out until shown: {how})"),
    "ui.path_stated": ("写明 {path}", "{path} stated"),
    "ui.unknowns": ("? 待定 {count} 项：", "? {count} unknown: "),
    "ui.programme": ("项目", "Programme"),
    "ui.alone": ("单独申报", "Alone"),
    "ui.in_plan": ("组合内", "In plan"),
    "ui.reasons_unknowns": ("原因 / 待定项", "Reasons / unknowns"),
    "ui.combination_rules": ("互斥与组合规则", "Exclusions and combination rules"),
    "ui.best_combination": ("最高总额组合", "Best combination"),
    "ui.no_combination": ("没有可获奖励的项目组合", "No combination yields an award"),
    "ui.assuming": ("假设", "assuming"),
    "ui.contract": ("合同", "Contract"),
    "ui.allocated": ("分配", "Award"),
    "ui.explanation": ("计算", "Explanation"),
    "ui.other_combinations": ("其他组合：", "Other combinations:"),
})


# --------------------------------------------------------------------------- reports (report.py)
# The HTML / Markdown / PDF reports' headings and words; {version}, {round} and {contract} are
# formatted by report.py.
CATALOG.update({
    "report.ui.calc_title": ("预计奖励报告", "Expected award report"),
    "report.ui.check_title": ("申报材料检查报告", "Dossier check report"),
    "report.ui.plan_title": ("申报规划报告", "Application plan"),
    "report.ui.company": ("企业", "Company"),
    "report.ui.credit_code": ("统一社会信用代码", "Credit code"),
    "report.ui.app_date": ("申报日期", "Application date"),
    "report.ui.made": ("生成日期", "Made on"),
    "report.ui.status.eligible": ("符合", "eligible"),
    "report.ui.status.pending": ("待定", "pending"),
    "report.ui.status.ineligible": ("不符合", "ineligible"),
    "report.ui.award": ("预计最高可获", "Expected maximum award"),
    "report.ui.total": ("合计", "Total"),
    "report.ui.per_year": ("各年度（或本次申报）奖励", "Award per year (or application)"),
    "report.ui.application": ("本次申报", "this application"),
    "report.ui.cap": ("上限", "cap"),
    "report.ui.binding": ("起约束作用的上限", "Caps that bound"),
    "report.ui.none": ("无", "none"),
    "report.ui.criteria": ("申报条件", "Criteria"),
    "report.ui.materials": ("材料清单", "Materials"),
    "report.ui.findings": ("检查结果", "Findings"),
    "report.ui.explain": ("计算过程（展开查看）", "How it is computed (expand)"),
    "report.ui.errors": ("错误", "Errors"),
    "report.ui.warnings": ("提示", "Warnings"),
    "report.ui.infos": ("说明", "Notes"),
    "report.ui.missing": ("缺少", "missing"),
    "report.ui.ok": ("齐全", "present"),
    "report.ui.not_required": ("非必需", "not required"),
    "report.ui.clause": ("条款", "clause"),
    "report.ui.files": ("文件", "files"),
    "report.ui.interp": ("解释", "interpretation"),
    "report.ui.rise": ("补齐后预计增加", "would rise by"),
    "report.ui.summary": ("概况", "Summary"),
    "report.ui.exit": ("检查结论", "Result"),
    "report.ui.pass_gate": ("通过（无错误）", "passed (no errors)"),
    "report.ui.fail_gate": ("未通过：有错误需处理", "not passed: errors to fix"),
    "report.ui.footer": ("预计最高可获为规则允许的上限，不是承诺金额；以主管部门审核为准。", "The expected maximum is the ceiling the rules allow, not a promise; the authorities decide."),
    "report.ui.tool": ("subsidy {version}，政策轮次 {round}", "subsidy {version}, rules round {round}"),
    "report.ui.ceiling": ("合同 {contract} 单个合同各级支持上限", "contract {contract}: per-contract ceiling"),
    "report.ui.programme": ("项目", "Programme"),
    "report.ui.programmes": ("各项目", "Programmes"),
    "report.ui.errors_n": ("错误数", "errors"),
    "report.ui.plan": ("最佳组合", "Best combination"),
    "report.ui.legend": ("绿色：奖励；红色：受上限限制；虚线：上限", "green: award; red: cut by a cap; dashed: the cap"),
    "report.ui.colon": ("：", ": "),
    "report.ui.year_cap": ("年度上限", "yearly cap"),
    "report.ui.total_cap": ("总额上限", "total cap"),
})


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


# --------------------------------------------------------------------------- subsidy draft (issue 12)

CATALOG.update({
    "draft.header": ("subsidy draft 根据 {dossier} 中的文件生成的企业资料草稿：每个值后注明来源文件和页码，请逐项核对后再运行 subsidy check。",
                     "company profile drafted by subsidy draft from the files of {dossier}: each value names the file and page it came from; review it, then run subsidy check."),
    "draft.header_check": ("标有“{mark}”的值或记录需要人工核对（共 {count} 项，列在文件末尾）；文件无法说明的事实（资质、合规、申报选择）保留为注释，请按需填写。",
                           "values and records marked “{mark}” (to check) need a person ({count}, listed at the end); facts no document gives (qualifications, compliance, application choices) stay as comments to fill in."),
    "draft.to_check_title": ("以下内容未写入或需要人工核对", "not written, or to be checked by a person"),
    # what a person must check (the to-check list: stderr summary, JSON, the end of the draft)
    "draft.ocr": ("扫描件经 OCR 读取，识别结果可能有误，请对照原件核对其中的值", "a scan read by OCR: check its values against the original"),
    "draft.weak_type": ("材料类型仅凭文件名或文件夹判断（置信度 {confidence}，类型 {type}），请确认", "its type ({type}) is guessed from the name or folder only (confidence {confidence}): confirm it"),
    "draft.unreadable": ("无法读取（{problem}），其中的值未写入", "cannot be read ({problem}); nothing written from it"),
    "draft.no_licence": ("没有读到营业执照：[company] 需手工填写", "no business licence was read: fill in [company] by hand"),
    "draft.licences_differ": ("营业执照不止一份且企业名称不同（{names}），已采用第一份，请确认", "business licences of different companies ({names}): the first is used, confirm it"),
    "draft.no_number": ("合同未读到合同编号，暂以文件名作为 id", "no contract number read: the file name stands in as its id"),
    "draft.duplicate_contract": ("合同 {id} 已有另一份文件，此份未重复写入", "contract {id} is already drafted from another file; this one is not written again"),
    "draft.kind_unknown": ("合同 {id} 的标题（{title}）看不出合同类型，暂写 compute", "contract {id}: its title ({title}) does not say the kind; compute written for now"),
    "draft.party_unknown": ("合同 {id} 的甲方（{party_a}）不是营业执照上的企业（{company}），供给方按乙方填写", "contract {id}: party A ({party_a}) is not the licence's company ({company}); party B taken as the supplier"),
    "draft.card_guess": ("合同 {id} 的加速卡 {card}：按卡型推断{judged}（accelerator_domestic = {domestic}）", "contract {id}: card {card} is taken as {judged} (自主算力) from its model (accelerator_domestic = {domestic})"),
    "draft.key.supplier": ("供给方（supplier）", "supplier"),
    "draft.key.signed_on": ("签订日期（signed_on）", "signed_on"),
    "draft.key.start": ("服务开始日期（start）", "start"),
    "draft.key.end": ("服务结束日期（end）", "end"),
    "draft.key.date": ("日期（date）", "date"),
    "draft.key.amount": ("金额（amount）", "amount"),
    "draft.card_domestic": ("为自主算力", "domestic"),
    "draft.card_foreign": ("不是自主算力", "not domestic"),
    "draft.not_read": ("合同 {id} 未读到 {key}", "contract {id}: {key} not read"),
    "draft.no_amount": ("合同 {id} 未读到合同金额", "contract {id}: no amount read"),
    "draft.record_not_read": ("未读到 {key}，该{type}未写入", "{key} not read; this {type} is not written"),
    "draft.duplicate": ("与合同 {id} 已有的记录重复（{first}），未重复写入", "repeats a record of contract {id} ({first}); not written twice"),
    "draft.settlement_no_contract": ("结算单的合同编号 {number} 不对应任何合同，未写入", "the settlement sheet's contract number {number} is no contract's; not written"),
    "draft.invoice_other_buyer": ("发票 {number} 的购买方是 {buyer}，不是本企业，未写入", "invoice {number} is bought by {buyer}, not this company; not written"),
    "draft.invoice_other_supplier": ("发票 {number} 的销售方 {seller} 不是合同 {contract} 的供给方，未写入", "invoice {number}: its seller {seller} is not the supplier of contract {contract}; not written"),
    "draft.invoice_unknown_seller": ("发票 {number} 的销售方 {seller} 不是任何合同的供给方，未写入", "invoice {number}: its seller {seller} is no contract's supplier; not written"),
    "draft.ambiguous": ("可归入多份合同（{ids}），无法确定，未写入", "fits several contracts ({ids}); not written"),
    "draft.payment_other_payer": ("付款人是 {payer}，不是本企业，未写入", "paid by {payer}, not this company; not written"),
    "draft.payment_unknown_payee": ("付款凭证 {date} {amount} 元的收款人 {payee} 不是任何合同的供给方，未写入", "the payment of {amount} on {date} to {payee}: no contract's supplier; not written"),
    "draft.form_differs": ("申报书中 {key} 为“{form}”，与 {where} 的“{first}”不同，已采用后者", "the form gives {key} as “{form}”, {where} as “{first}”; the latter is used"),
    # why a written value is marked 待核对 (a short reason beside it)
    "draft.ocr.why": ("OCR 识别", "read by OCR"),
    "draft.weak_type.why": ("材料类型仅凭文件名判断", "type guessed from the name"),
    "draft.no_licence.why": ("未读到营业执照", "no business licence read"),
    "draft.no_number.why": ("未读到合同编号", "no contract number read"),
    "draft.kind_unknown.why": ("合同类型无法从标题判断", "kind not given by the title"),
    "draft.party_unknown.why": ("甲方不是本企业", "party A is not this company"),
    "draft.card_guess.why": ("按卡型推断", "inferred from the card model"),
    "draft.no_amount.why": ("合同未载明金额", "no amount read"),
    # the command
    "draft.summary": ("草稿：{contracts} 份合同，{deliveries} 条结算，{invoices} 张发票，{payments} 笔付款；需人工核对 {to_check} 项",
                      "drafted: {contracts} contracts, {deliveries} deliveries, {invoices} invoices, {payments} payments; {to_check} to check"),
    "draft.summary_item": ("  待核对 {where}{message}", "  to check {where}{message}"),
    "draft.conflict": ("  冲突（未改动）合同 {id} 的 {key}：资料为 {have}，文件为 {found}（{source}）", "  conflict (left as is): contract {id} {key} is {have} in the profile, {found} in {source}"),
    "draft.company_conflict": ("  冲突（未改动）[company] {key}：资料为 {have}，文件为 {found}（{source}）", "  conflict (left as is): [company] {key} is {have} in the profile, {found} in {source}"),
    "draft.into_and_output": ("--into 与 -o/--output 不能同时使用", "--into and -o/--output cannot be used together"),
    "draft.not_folder": ("不是文件夹：请给出申报材料文件夹", "not a folder: give the dossier folder"),
    "draft.licence_other_company": ("营业执照上的企业（{licence}）不是合同的甲方（{signer}）：[company] 各值待核对，发票和付款按 {signer} 核对",
                                    "the business licence's company ({licence}) is not the contracts' party A ({signer}): [company] to check; invoices and payments matched against {signer}"),
    "draft.licence_other_company.why": ("营业执照与合同甲方不符", "the licence is not the contracts' party A"),
    "draft.refused": ("{key} 的值不合资料格式（{reason_zh}），未写入", "{key}: not a valid profile value ({reason_en}); not written"),
    "draft.merged": ("{target}：新增 {added} 份合同、{records} 条记录，填写 [company] 中 {filled} 处空白；已有内容未改动",
                     "{target}: {added} contracts and {records} records added, {filled} blanks of [company] filled; nothing already there changed"),
})
