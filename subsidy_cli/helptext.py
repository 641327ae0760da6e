"""Help texts of every command and option, in Chinese (default) and English.

Typer reads help when the commands are defined, so the language is the one of the command line
(``--lang``) or ``SUBSIDY_LANG`` at start-up (cli.py sets it before importing the commands):
``subsidy calc --help`` is Chinese, ``subsidy calc --help --lang en`` English. tests/test_cli_help.py
walks the real command tree and fails on any command, argument or option without help in both.
"""

from __future__ import annotations

from .messages import current_lang

HELP: dict[str, tuple[str, str]] = {
    # the application and shared options
    "app": ("北京人工智能算力券、模型券、算力应用支持、产业服务平台补贴：检查申报材料、计算预计最高奖励、填写申报表。全程离线，从不联网。",
            "Beijing AI compute and model subsidies (算力券, 模型券, 算力应用支持, 产业服务平台): check dossiers, "
            "compute expected awards, fill forms. Never uses the network."),
    "opt.version": ("显示版本后退出。", "Show the version and exit."),
    "opt.lang": ("消息语言：zh（默认）或 en；也可用环境变量 SUBSIDY_LANG。", "Message language: zh (default) or en; also SUBSIDY_LANG."),
    "opt.format": ("输出格式：table（默认）或 json。", "Output: table (default) or json."),
    "arg.profile": ("企业资料 subsidy.toml，或其根目录含 subsidy.toml 的申报材料文件夹。",
                    "Company profile (subsidy.toml), or a dossier folder holding one."),
    "opt.programme": ("项目编号（可重复）；默认：资料中 [application].programmes，否则全部项目。",
                      "Programme id (repeatable); default: [application].programmes, else all."),
    "opt.report_format": ("输出格式：table（默认）、json、html（可发送、可打印的报告）、markdown（CI 摘要）或 pdf。",
                          "Output: table (default), json, html (a report to send and print), markdown (CI summary) or pdf."),
    "opt.report_out": ("报告写入的文件（html、markdown 默认输出到标准输出；pdf 必须指定）。",
                       "File to write the report to (html and markdown default to stdout; pdf needs it)."),
    "opt.force": ("覆盖已存在的输出文件。", "Overwrite existing output files."),
    "opt.jobs": ("读取文件的进程数（默认：CPU 核数）。", "Processes reading files (default: the number of CPUs)."),
    "opt.no_cache": ("重新读取每个文件，不使用也不写入缓存。", "Read every file again; do not use or fill the cache."),
    # programmes
    "cmd.programmes": ("列出各政策项目及其申报期、费用期和今日是否开放；show 显示项目规则及条款出处。",
                       "List the programmes and show their rules with citations."),
    "cmd.programmes.list": ("列出各项目：申报期、费用期、今日是否开放。", "List the programmes: windows, open today or not."),
    "cmd.programmes.show": ("显示一个项目的规则：申报期、条件、比例、上限、门槛、材料、表格，均附条款。",
                            "Print one programme's rules: windows, criteria, rates, caps, thresholds, materials, forms."),
    "opt.today": ("以该日期为“今天”（YYYY-MM-DD）。", "Pretend today is this date (YYYY-MM-DD)."),
    "arg.programme_id": ("项目编号，如 sjs-compute。", "Programme id, e.g. sjs-compute."),
    # eligible, calc, plan
    "cmd.eligible": ("逐项显示各项目的申报条件是否满足（✓ 满足、✗ 不满足、? 未写明），附条款。",
                     "Show, per programme, every eligibility criterion and whether the profile meets it."),
    "cmd.calc": ("计算各项目预计最高可获奖励，每一步附条款出处。",
                 "Compute the expected maximum award (预计最高可获) per programme, with the clause behind each step."),
    "opt.explain": ("显示每个数字的计算过程（解释树）。", "Show the explanation tree of every number."),
    "opt.xlsx": ("同时写出可审计的 Excel 计算表（实时公式）。", "Also write the calculation as an Excel workbook of live formulas."),
    "opt.xlsx_force": ("覆盖已存在的 --xlsx 文件。", "Overwrite the --xlsx file if it exists."),
    "cmd.plan": ("申报规划：可申报哪些项目、哪些互斥、总额最高的组合及按合同分配。",
                 "Plan the applications: who may apply for what, what excludes what, the best combination."),
    # ledger, init
    "cmd.ledger": ("合同台账工作簿（合同、结算、发票、付款）与资料中 [[contracts]] 互相转换。",
                   "Contract ledger workbook (合同, 结算, 发票, 付款) <-> the profile's [[contracts]]."),
    "cmd.ledger.import": ("读取台账：打印其 [[contracts]] 的 TOML，或用 --into 合并进资料。",
                          "Read the ledger; print its [[contracts]] as TOML, or merge them into a profile with --into."),
    "cmd.ledger.export": ("把资料中的合同、结算、发票、付款写成台账工作簿。",
                          "Write the profile's contracts, deliveries, invoices and payments as a ledger workbook."),
    "arg.ledger": ("台账工作簿（.xlsx），如填好的 templates/ledger.xlsx。", "Ledger workbook (.xlsx), e.g. a filled templates/ledger.xlsx."),
    "opt.into": ("合并进该资料（subsidy.toml 或材料文件夹），而不是打印 TOML。",
                 "Merge into this profile (subsidy.toml or dossier folder) instead of printing TOML."),
    "opt.ledger_out": ("要写出的台账工作簿（.xlsx）。", "Ledger workbook to write (.xlsx)."),
    "cmd.init": ("创建申报材料文件夹骨架：带注释的 subsidy.toml 和每类材料一个文件夹。",
                 "Create a dossier skeleton: a commented subsidy.toml and one folder per kind of material."),
    "arg.init_dir": ("要创建骨架的文件夹。", "Folder to create the dossier skeleton in."),
    "opt.init_force": ("覆盖已存在的 subsidy.toml。", "Overwrite an existing subsidy.toml."),
    # fill
    "cmd.fill": ("按标签从资料填写项目的申报表格（申报书、申报表、承诺书）。",
                 "Fill the programme's application forms (申报书, 申报表, 承诺书) from the profile, by label."),
    "opt.fill_programme": ("项目编号；默认：资料中 application.programmes 列出的唯一项目。",
                           "Programme id; default: the one programme named by application.programmes in the profile."),
    "opt.fill_out": ("填好的表格的输出文件夹。", "Output folder for the filled forms."),
    "opt.template": ("用从通知下载的官方表格（.docx）代替内置模板填写；须属于该项目。",
                     "A downloaded official form (.docx) to fill instead of the bundled templates; it must be the programme's."),
    "opt.pdf": ("同时通过 LibreOffice（soffice）写出 PDF。", "Also write PDFs through LibreOffice (soffice)."),
    # scan, check
    "cmd.scan": ("列出材料文件夹中每个文件：材料类型及依据、关键字段（发票号码、日期、金额……）和问题；"
                 "subsidy.toml 中的 [materials] 可改写识别出的类型。",
                 "List every file of a dossier: its material type and why, its key fields (invoice number, date, "
                 "amounts …) and its problems; [materials] in subsidy.toml overrides the guessed types."),
    "arg.dossier": ("申报材料文件夹。", "The dossier folder."),
    "cmd.check": ("按项目检查申报材料：缺少的材料、不一致之处、是否符合条件、预计最高奖励。",
                  "Check a dossier per programme: missing materials, inconsistencies, eligibility, expected award."),
    "arg.check_dossier": ("申报材料文件夹（根目录含 subsidy.toml）；可给多个，如 clients/*/，一并检查并汇总。",
                          "The dossier folder, with subsidy.toml at its root; several (clients/*/) are checked together, with one summary."),
    "opt.check_format": ("输出格式：table、json、junit、html（可发送的报告）、markdown（CI 摘要）或 pdf。",
                         "table, json, junit, html (a report to send), markdown (CI summary) or pdf."),
    "opt.strict": ("把提示也当作错误（退出码 1）。", "Treat warnings as errors."),
    # draft (issue 12)
    "cmd.draft": ("读取申报材料中的营业执照、申报书、合同、结算单、发票和付款凭证，写出企业资料 subsidy.toml 草稿："
                  "每个值注明来源文件和页码，无法确定的标为“待核对”并在标准错误输出中列出。",
                  "Read the dossier's licence, form, contracts, settlement sheets, invoices and payment proofs and write "
                  "the subsidy.toml they give: each value with its file and page; what is unsure is marked and listed on stderr."),
    "arg.draft_dossier": ("申报材料文件夹（只读取，不修改）。", "The dossier folder (read, never changed)."),
    "opt.draft_into": ("合并进已有的 subsidy.toml：只新增合同和记录，不改动已有内容，冲突逐条列出。",
                       "Merge into an existing subsidy.toml: new contracts and records only; what is there is kept, conflicts listed."),
    "opt.draft_output": ("写入的文件（默认输出到标准输出）；已存在时需 --force（未改动的 init 模板除外）。",
                         "File to write (default: stdout); an existing one needs --force (but an untouched init template)."),
}


def H(code: str) -> str:
    """The help text of ``code`` in the start-up language."""
    zh, en = HELP[code]
    return en if current_lang() == "en" else zh
