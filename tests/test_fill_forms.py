"""`subsidy fill --template` on forms authored the way government offices author them (issue 11).

Every form is built here as Word would save it (tests/forms/office.py). Each test compares every
paragraph of the filled file with the blank form: the paragraphs that changed must be exactly the
expected ones (each value in its slot), all other text unchanged; then the formatting of the values and
the boxes.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tomllib
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import SAMPLES
from forms.office import (PLACEHOLDER, Form, checkbox, p, r, sdt_block, sdt_run, sym, tbl, tc,
                          tr)
from subsidy_cli.cli import main
from subsidy_cli.fill import fill as fill_forms
from subsidy_cli.profile import profile_from_dict
from subsidy_cli.rules import load_round

W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"


# --------------------------------------------------------------------------- helpers


def sample(programme: str) -> dict:
    return tomllib.loads((SAMPLES / programme / "subsidy.toml").read_text(encoding="utf-8"))


def para_text(el) -> str:
    out = []
    for node in el.iter(qn("w:t"), qn("w:tab"), qn("w:sym")):
        if node.getparent().tag != qn("w:r"):
            continue                    # a tab stop in w:pPr/w:tabs
        if node.tag == qn("w:t"):
            out.append(node.text or "")
        elif node.tag == qn("w:tab"):
            out.append("\t")
        else:
            out.append(f"[{node.get(qn('w:char'))}]")
    return "".join(out)


def paragraphs(path: Path) -> list[str]:
    body = Document(str(path)).element.body
    return [para_text(x) for x in body.iter(qn("w:p"))]


def changes(blank: Path, filled: Path) -> list[tuple[str, str]]:
    """(before, after) for every paragraph that differs; the paragraphs themselves are kept."""
    a, b = paragraphs(blank), paragraphs(filled)
    assert len(a) == len(b), "paragraphs were added or removed"
    return [(x, y) for x, y in zip(a, b) if x != y]


def fill(tmp_path: Path, form: Form | Path, programme: str, data: dict | None = None, name: str = "form.docx"):
    path = form if isinstance(form, Path) else form.save(tmp_path / name)
    prof = profile_from_dict(data or sample(programme), tmp_path / "subsidy.toml")
    result = fill_forms(prof, load_round()[programme], tmp_path / "out", template=path)
    [out] = result.outputs
    return path, out.docx, result.warnings


def labels(warnings, code: str | None = None) -> list[str]:
    return [w.label for w in warnings if code is None or w.code == code]


def run_with(doc_path: Path, text: str):
    """The run (element) whose text contains text."""
    doc = Document(str(doc_path))
    for run in doc.element.body.iter(qn("w:r")):
        if text in para_text(run):
            return run
    raise AssertionError(f"no run holds {text!r}")


def rpr_val(run, tag: str):
    rpr = run.find(qn("w:rPr"))
    el = rpr.find(qn(tag)) if rpr is not None else None
    return None if el is None else el.get(qn("w:val"), "on")


def cell(path: Path, t: int, row: int, col: int) -> str:
    """Text of the col-th w:tc (content controls looked through) of a row of the t-th table."""
    body = Document(str(path)).element.body
    table = list(body.iter(qn("w:tbl")))[t]
    trs = [x for x in table.iter(qn("w:tr")) if next(x.iterancestors(qn("w:tbl"))) is table]
    tcs = [x for x in trs[row].iter(qn("w:tc")) if next(x.iterancestors(qn("w:tr"))) is trs[row]]
    return "\n".join(para_text(x) for x in tcs[col].iter(qn("w:p")))


def run(capsys, *args):
    with pytest.raises(SystemExit) as exc:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return exc.value.code, out, err


TZ = sample("tz-compute-voucher")["company"]
SJS = sample("sjs-compute")["company"]
PLAT = sample("sjs-platform")["company"]


# --------------------------------------------------------------------------- 1. label and blank in one cell


def tz_inline_form() -> Form:
    return Form().add(
        p(r("附件1-1", font="黑体")), p(r("申报表", font="黑体", sz=36), jc="center"),
        tbl([
            tr(tc(p(r("单位名称："), r("______________________")), w=4800, span=2),
               tc(p(r("统一社会信用代码："), r("__________________")), w=4800, span=2)),
            tr(tc(p(r("注册地址（详细至门牌号）："), r("                                        ", u=True, sz=24)),
                  w=9600, span=4)),
            tr(tc(p(r("注册资本：______________万元")), w=4800, span=2),
               tc(p(r("单位人数：________人")), w=4800, span=2)),
            tr(tc("挂牌或上市进展", w=2400), tc(p(r("口计划3年内挂牌或上市    口暂无计划")), w=7200, span=3)),
            tr(tc("申报方向", w=2400), tc(p(r("□算力券      □模型券")), w=7200, span=3)),
            tr(tc(p(r("项目联系人及电话："), r("____________________")), w=9600, span=4)),
        ], [2400, 2400, 2400, 2400]),
    )


def test_label_and_blank_in_one_cell(tmp_path):
    data = sample("tz-compute-voucher")
    data["company"]["listing_plan"] = True
    blank, out, warnings = fill(tmp_path, tz_inline_form(), "tz-compute-voucher", data)
    assert changes(blank, out) == [
        ("单位名称：______________________", f"单位名称：{TZ['name']}"),
        ("统一社会信用代码：__________________", f"统一社会信用代码：{TZ['credit_code']}"),
        ("注册地址（详细至门牌号）：" + " " * 40, f"注册地址（详细至门牌号）： {TZ['registered_address']} "),
        ("注册资本：______________万元", "注册资本：2000万元"),     # the unit printed after the blank stays
        ("单位人数：________人", "单位人数：145人"),
        ("口计划3年内挂牌或上市    口暂无计划", "☑计划3年内挂牌或上市    口暂无计划"),
        ("□算力券      □模型券", "☑算力券      ☐模型券"),
        ("项目联系人及电话：____________________", f"项目联系人及电话：{TZ['contact']} {TZ['contact_phone']}"),
    ]
    # the value takes the blank's place and formatting: underlined, the blank's size kept
    name = run_with(out, TZ["name"])
    assert rpr_val(name, "w:u") == "single"
    address = run_with(out, TZ["registered_address"])
    assert rpr_val(address, "w:u") == "single" and rpr_val(address, "w:sz") == "24"
    assert rpr_val(address, "w:rFonts") is None or address.find(qn("w:rPr")).find(qn("w:rFonts")).get(
        qn("w:eastAsia")) == "宋体"
    assert not labels(warnings, "verify") and not labels(warnings, "changed") and not labels(warnings, "construct")


# --------------------------------------------------------------------------- 2. values in the row below, extra words


def sjs_below_form() -> Form:
    w = [2000, 2400, 2400, 2800]
    return Form().add(
        p(r("附件2-1")), p(r("石景山区支持算力应用项目申报书", sz=32), jc="center"),
        tbl([
            tr(tc("企业名称", w=w[0]), tc("统一社会信用代码", w=w[1]), tc("注册地址（详细至门牌号）", w=w[2]),
               tc("注册时间", w=w[3])),
            tr(tc(w=w[0]), tc(w=w[1]), tc(w=w[2]), tc(w=w[3])),
            tr(tc("企业联系人（姓名）", w=w[0]), tc(w=w[1]), tc("手机/座机", w=w[2]), tc(w=w[3])),
            tr(tc("企业法人（姓名）", w=w[0]), tc(w=w[1]), tc("手机/座机", w=w[2]), tc(w=w[3])),
            tr(tc("企业现有人数", w=w[0]), tc(w=w[1]),
               tc("其中：本科以上学历人数", w=w[2]), tc(w=w[3])),
            tr(tc("人工智能企业认定类别", w=w[0]),
               tc(p(r("□国家《生成式人工智能服务管理暂行办法》备案证明")), p(r("□北京市人工智能领域重点企业证明")),
                  p(r("□北京市通用人工智能产业创新伙伴计划单位证明")), w=sum(w[1:]), span=3)),
        ], w),
    )


def test_values_in_the_row_below_and_labels_with_extra_words(tmp_path):
    blank, out, warnings = fill(tmp_path, sjs_below_form(), "sjs-compute")
    # the row under the labels, cell by cell
    assert [cell(out, 0, 1, i) for i in range(4)] == [SJS["name"], SJS["credit_code"], SJS["registered_address"],
                                                       "2019年5月20日"]
    assert [cell(out, 0, 2, i) for i in range(4)] == ["企业联系人（姓名）", "李四", "手机/座机", "13800000000"]
    assert [cell(out, 0, 3, i) for i in range(4)] == ["企业法人（姓名）", "张三", "手机/座机", "010-68880000"]
    assert [cell(out, 0, 4, i) for i in range(4)] == ["企业现有人数", "120", "其中：本科以上学历人数", "90"]
    assert changes(blank, out) == [
        ("", SJS["name"]), ("", SJS["credit_code"]), ("", SJS["registered_address"]), ("", "2019年5月20日"),
        ("", "李四"), ("", "13800000000"), ("", "张三"), ("", "010-68880000"), ("", "120"), ("", "90"),
        ("□国家《生成式人工智能服务管理暂行办法》备案证明", "☑国家《生成式人工智能服务管理暂行办法》备案证明"),
        ("□北京市人工智能领域重点企业证明", "☑北京市人工智能领域重点企业证明"),
        ("□北京市通用人工智能产业创新伙伴计划单位证明", "☐北京市通用人工智能产业创新伙伴计划单位证明"),
    ]
    assert not set(labels(warnings)) & {"企业名称", "注册地址", "企业联系人", "其中本科以上学历人数（人）"}
    assert not labels(warnings, "verify") and not labels(warnings, "changed")


# --------------------------------------------------------------------------- 3. pre-printed dates, grey hints


def sjs_hint_form() -> Form:
    w = [2400, 7200]
    return Form().add(
        p(r("附件2-1")), p(r("石景山区支持算力应用项目申报书", sz=32), jc="center"),
        p(r("联  系 人："), r("请填写联系人姓名", color="A6A6A6")),
        p(r("邮    箱："), r("                        ", u=True)),
        tbl([
            tr(tc("企业名称", w=w[0]), tc(w=w[1])),
            tr(tc("注册日期", w=w[0]), tc(p(r("        年     月     日")), w=w[1])),
            tr(tc("被认定时间", w=w[0]), tc(p(r("（    年   月   日）", sz=18)), w=w[1])),
            tr(tc("企业基本情况简介", w=w[0]),
               tc(p(r("（简要介绍企业发展历程、主营业务、研发团队等，", color="808080")),
                  p(r("限500字以内）", color="808080")), w=w[1])),
        ], w),
    )


def test_preprinted_dates_and_grey_hints_are_replaced(tmp_path):
    blank, out, warnings = fill(tmp_path, sjs_hint_form(), "sjs-compute")
    assert changes(blank, out) == [
        ("联  系 人：请填写联系人姓名", "联  系 人：李四"),
        ("邮    箱：" + " " * 24, f"邮    箱： {SJS['email']} "),
        ("", SJS["name"]),
        ("        年     月     日", "2019年5月20日"),
        ("（    年   月   日）", "2024年3月15日"),
        ("（简要介绍企业发展历程、主营业务、研发团队等，", SJS["intro"]),
        ("限500字以内）", ""),
    ]
    # the hint's grey is gone, the date keeps the cell's size
    contact = run_with(out, "李四")
    assert rpr_val(contact, "w:color") is None
    assert rpr_val(run_with(out, SJS["intro"][:10]), "w:color") is None
    assert rpr_val(run_with(out, "2024年3月15日"), "w:sz") == "18"
    assert not labels(warnings, "verify") and not labels(warnings, "changed")


# --------------------------------------------------------------------------- 4. content controls


def sjs_sdt_form() -> Form:
    w = [2400, 7200]
    hint = p(r(PLACEHOLDER, style="PlaceholderText"))
    return Form().add(
        p(r("附件2-1")), p(r("石景山区支持算力应用项目申报书", sz=32), jc="center"),
        tbl([
            tr(tc("企业名称", w=w[0]), tc(p(sdt_run(sdt_id=1)), w=w[1])),                     # run level
            tr(tc(p(r("统一社会信用代码："), sdt_run(sdt_id=2)), w=sum(w), span=2)),          # after the label
            tr(tc("注册地址", w=w[0]), tc(sdt_block(hint, 3), w=w[1])),                         # block level
            tr(tc("纳税地", w=w[0]), sdt_block(tc(hint, w=w[1]), 4)),                          # cell level
            sdt_block(tr(tc("纳统地", w=w[0]), tc(p(sdt_run(sdt_id=5)), w=w[1])), 6),          # row level
            tr(tc("人工智能企业认定类别", w=w[0]),
               tc(p(checkbox(sdt_id=7), r("国家《生成式人工智能服务管理暂行办法》备案证明")),
                  p(checkbox(sdt_id=8), r("北京市人工智能领域重点企业证明")),
                  p(checkbox(sdt_id=9), r("北京市通用人工智能产业创新伙伴计划单位证明")), w=w[1])),
        ], w),
    )


def test_content_controls_at_every_level(tmp_path):
    blank, out, warnings = fill(tmp_path, sjs_sdt_form(), "sjs-compute")
    assert changes(blank, out) == [
        (PLACEHOLDER, SJS["name"]),
        (f"统一社会信用代码：{PLACEHOLDER}", f"统一社会信用代码：{SJS['credit_code']}"),
        (PLACEHOLDER, SJS["registered_address"]),
        (PLACEHOLDER, SJS["tax_district"]),
        (PLACEHOLDER, SJS["stats_district"]),
        ("☐国家《生成式人工智能服务管理暂行办法》备案证明", "☒国家《生成式人工智能服务管理暂行办法》备案证明"),
        ("☐北京市人工智能领域重点企业证明", "☒北京市人工智能领域重点企业证明"),
    ]
    doc = Document(str(out))
    body = doc.element.body
    sdts = list(body.iter(qn("w:sdt")))
    assert len(sdts) == 9                                    # every control is kept, holding its value
    filled = [s for s in sdts if s.find(qn("w:sdtPr")).find(f"{W14}checkbox") is None]
    assert [s for s in filled if s.find(qn("w:sdtPr")).find(qn("w:showingPlcHdr")) is not None] == []
    assert PLACEHOLDER not in "".join(para_text(s) for s in filled)
    for s in filled:
        for run_el in s.iter(qn("w:r")):
            assert rpr_val(run_el, "w:rStyle") != "PlaceholderText"
    checked = [s.find(qn("w:sdtPr")).find(f"{W14}checkbox").find(f"{W14}checked").get(f"{W14}val")
               for s in sdts if s.find(qn("w:sdtPr")).find(f"{W14}checkbox") is not None]
    assert checked == ["1", "1", "0"]
    assert not labels(warnings, "verify") and not labels(warnings, "changed") and not labels(warnings, "construct")


# --------------------------------------------------------------------------- 5. boxes drawn every way


def platform_box_form() -> Form:
    w = [2200, 700, 3000, 700, 3000]
    return Form().add(
        p(r("附件4-1")), p(r("石景山区建设产业服务平台项目申报书", sz=32), jc="center"),
        tbl([
            tr(tc("设立主体1名称", w=w[0]), tc(w=sum(w[1:]), span=4)),
            tr(tc("平台类别", w=w[0]),
               tc(p(sym("Wingdings", "F0A8"), r("新认定，建设时间（    年   月    日）")),
                  p(sym("Wingdings", "F0A8"), r("新迁入，迁入时间（    年   月    日）")), w=sum(w[1:]), span=4)),
            tr(tc("平台资质", w=w[0], vmerge="restart"), tc("□", w=w[1]), tc("国家工程研究中心", w=w[2]),
               tc("□", w=w[3]), tc("全国重点实验室", w=w[4])),
            tr(tc(w=w[0], vmerge="continue"), tc("□", w=w[1]), tc("北京市工程研究中心", w=w[2]),
               tc("□", w=w[3]), tc("北京市重点实验室", w=w[4])),
            tr(tc(w=w[0], vmerge="continue"), tc("□", w=w[1]),
               tc("其他类别（同时需写明国家级/市级认定部门）", w=sum(w[2:]), span=3)),
            tr(tc("总面积（㎡）", w=w[0]), tc(w=w[1] + w[2], span=2), tc("其中：研发及办公面积", w=w[3]),
               tc(w=w[4])),
        ], w),
    )


def test_boxes_as_symbols_and_options_in_their_own_cells(tmp_path):
    blank, out, warnings = fill(tmp_path, platform_box_form(), "sjs-platform")
    assert changes(blank, out) == [
        ("", PLAT["name"]),
        ("[F0A8]新认定，建设时间（    年   月    日）", "[F0FE]新认定，建设时间（2024年6月18日）"),
        ("□", "☐"), ("□", "☐"), ("□", "☐"), ("□", "☑"), ("□", "☐"),
        ("", "5200"), ("", "4800"),
    ]
    assert cell(out, 0, 3, 3) == "☑" and cell(out, 0, 3, 4) == "北京市重点实验室"
    ticked = Document(str(out)).element.body.iter(qn("w:sym"))
    assert [s.get(qn("w:font")) for s in ticked] == ["Wingdings", "Wingdings"]   # the font is kept
    assert not labels(warnings, "option") and not labels(warnings, "verify") and not labels(warnings, "changed")


def test_other_kind_ticks_its_own_cell_and_writes_after_it(tmp_path):
    data = sample("sjs-platform")
    data["company"]["qualifications"].update(platform_status="moved", platform_kind="国家技术创新中心",
                                             platform_department="科学技术部")
    blank, out, warnings = fill(tmp_path, platform_box_form(), "sjs-platform", data)
    assert changes(blank, out) == [
        ("", PLAT["name"]),
        ("[F0A8]新迁入，迁入时间（    年   月    日）", "[F0FE]新迁入，迁入时间（2024年6月18日）"),
        ("□", "☐"), ("□", "☐"), ("□", "☐"), ("□", "☐"), ("□", "☑：国家技术创新中心，科学技术部"),
        ("", "5200"), ("", "4800"),
    ]


# --------------------------------------------------------------------------- 6. the undertaking's blanks


UNDERTAKING_TAIL = "）已充分了解知悉《石景山区推进人工智能大模型产业集聚区建设发展支持办法》相关政策、规定及资金申报的相关要求，如实填写并提交有关材料，并对本次申报郑重承诺如下:"


def undertaking(name_runs: list[str], code_runs: list[str], number: str = "附件2-2") -> Form:
    return Form().add(
        p(r(number, font="黑体")), p(r("承诺书", font="黑体", sz=44), jc="center"),
        p(r("我公司"), *name_runs, r("（统一社会信用代码："), *code_runs, r(UNDERTAKING_TAIL)),
        p(r("一、所提交的申报材料真实、准确、完整。")),
        p(r("承诺单位（盖章）：                    "), jc="right"),
    )


def test_undertaking_blank_typed_as_several_underlined_runs(tmp_path):
    form = undertaking([r("          ", u=True), r("        ", u=True, font="仿宋"), r("            ", u=True)],
                       [r("_____"), r("_________"), r("____")])
    blank, out, warnings = fill(tmp_path, form, "sjs-compute")
    before = "我公司" + " " * 30 + "（统一社会信用代码：" + "_" * 18 + UNDERTAKING_TAIL
    assert changes(blank, out) == [
        (before, f"我公司   {SJS['name']}   （统一社会信用代码：{SJS['credit_code']}{UNDERTAKING_TAIL}")]
    name, code = run_with(out, SJS["name"]), run_with(out, SJS["credit_code"])
    assert para_text(name).strip() == SJS["name"] and rpr_val(name, "w:u") == "single"
    assert para_text(code) == SJS["credit_code"] and rpr_val(code, "w:u") == "single"   # now underlined
    assert not warnings


def test_undertaking_without_a_code_blank_never_gets_the_code_elsewhere(tmp_path):
    form = Form().add(
        p(r("附件2-2")), p(r("承诺书"), jc="center"),
        p(r("我公司"), r("                              ", u=True),
          r("（统一社会信用代码见营业执照）已充分了解知悉《石景山区推进人工智能大模型产业集聚区建设发展支持办法》相关政策。承诺人："),
          r("                    ", u=True)),
    )
    blank, out, warnings = fill(tmp_path, form, "sjs-compute")
    assert [after for _before, after in changes(blank, out)] == [
        f"我公司   {SJS['name']}   （统一社会信用代码见营业执照）已充分了解知悉《石景山区推进人工智能大模型产业集聚区建设发展支持办法》相关政策。承诺人：" + " " * 20]
    assert SJS["credit_code"] not in "".join(paragraphs(out))
    assert [(w.code, w.label) for w in warnings] == [("verify", "统一社会信用代码")]


# --------------------------------------------------------------------------- 7. a cover laid out as a table


LONG = "北京市石景山区人工智能大模型算力应用创新示范科技有限公司"


def sjs_cover_table_form() -> Form:
    w = [3000, 5800]
    big = dict(sz=32)
    return Form().add(
        p(r("附件2-1", font="黑体")), p(r("石景山区支持算力应用项目", font="黑体", sz=44), jc="center"),
        p(r("申  报  书", font="黑体", sz=52), jc="center"),
        tbl([
            tr(tc(p(r("申报单位（加盖公章）", **big)), w=w[0]), tc(p(r("", **big)), w=w[1])),
            tr(tc(p(r("起止年限", **big)), w=w[0]), tc(p(r("    年  月  日——    年  月  日", **big)), w=w[1])),
            tr(tc(p(r("联  系 人", **big)), w=w[0]), tc(p(r("", **big)), w=w[1])),
            tr(tc(p(r("联系电话", **big)), w=w[0]), tc(p(r("", **big)), w=w[1])),
            tr(tc(p(r("邮    箱", **big)), w=w[0]), tc(p(r("", **big)), w=w[1])),
        ], w),
        p(r("二〇二五年制", sz=32), jc="center"),
        tbl([tr(tc("企业名称", w=3000), tc(w=5800))], w),
    )


def test_cover_as_a_table_and_a_long_name_set_smaller(tmp_path):
    data = sample("sjs-compute")
    data["company"]["name"] = LONG
    data["application"].update(project_start="2025-01-01", project_end="2025-12-31")
    blank, out, warnings = fill(tmp_path, sjs_cover_table_form(), "sjs-compute", data)
    assert changes(blank, out) == [
        ("", LONG),
        ("    年  月  日——    年  月  日", "2025年1月1日——2025年12月31日"),
        ("", "李四"), ("", "13800000000"), ("", SJS["email"]),
        ("", LONG),
    ]
    # 27 characters at 16 pt do not fit the 5800-twip cell: the name is set smaller, on one line
    sizes = [rpr_val(x, "w:sz") for x in Document(str(out)).element.body.iter(qn("w:r")) if para_text(x) == LONG]
    assert int(sizes[0]) * 10 * len(LONG) <= 5800 - 216 and int(sizes[0]) >= 16
    assert rpr_val(run_with(out, "李四"), "w:sz") == "32"
    assert not labels(warnings, "fit") and not labels(warnings, "verify")


# --------------------------------------------------------------------------- 8. the contract block as a nested table


CONTRACT_LABELS = ["合同编号", "合同起止时间", "算力规模（P）", "算力用途", "算力供给方", "算力所在地",
                   "算力类型（自主算力/非自主算力）", "获得政府资金支持"]


def contract_rows(w=(2600, 4600), value=lambda label: tc(w=4600)) -> list[str]:
    return [tr(tc(label, w=w[0]), value(label)) for label in CONTRACT_LABELS]


def sjs_nested_form() -> Form:
    w = [2000, 7200]
    return Form().add(
        p(r("附件2-1")), p(r("石景山区支持算力应用项目申报书", sz=32), jc="center"),
        tbl([
            tr(tc("企业名称", w=w[0]), tc(w=w[1])),
            tr(tc("算力合同情况", w=w[0]), tc(tbl(contract_rows(), [2600, 4600]), p(r("")), w=w[1])),
            tr(tc("其他需要说明的问题", w=w[0]), tc(w=w[1])),
        ], w),
    )


def nested_blocks(out: Path) -> list[dict]:
    body = Document(str(out)).element.body
    inner = list(body.iter(qn("w:tbl")))[1]
    rows = [[para_text(c) for c in x.iter(qn("w:tc"))] for x in inner.iter(qn("w:tr"))]
    assert len(rows) % 8 == 0
    return [{r_[0]: r_[1] for r_ in rows[i:i + 8]} for i in range(0, len(rows), 8)]


def test_contract_block_as_a_nested_table_is_repeated_per_contract(tmp_path):
    blank, out, warnings = fill(tmp_path, sjs_nested_form(), "sjs-compute")
    blocks = nested_blocks(out)
    assert blocks == [
        {"合同编号": "HT-2025-002", "合同起止时间": "2025年3月1日至2026年2月28日", "算力规模（P）": "400",
         "算力用途": "多模态大模型微调与推理", "算力供给方": "北京昇腾智算有限公司", "算力所在地": "石景山区 首钢园",
         "算力类型（自主算力/非自主算力）": "自主算力：910B", "获得政府资金支持": "否"},
        {"合同编号": "HT-2024-001", "合同起止时间": "2024年3月1日至2025年2月28日", "算力规模（P）": "200",
         "算力用途": "通用大模型预训练", "算力供给方": "北京云算力有限公司",
         "算力所在地": "石景山区 中关村科幻产业创新中心", "算力类型（自主算力/非自主算力）": "非自主算力：A800",
         "获得政府资金支持": "否"},
    ]
    assert cell(out, 0, 0, 1) == SJS["name"]
    assert cell(out, 0, 2, 1) == ""                       # the row after the block is left alone
    assert not labels(warnings, "verify") and not labels(warnings, "changed")
    assert not [w for w in warnings if "[HT-" in w.label]   # every contract field found, in both blocks


# --------------------------------------------------------------------------- 9. year columns by the year they name


def sjs_years_form(headers: list[str]) -> Form:
    w = [2400] + [1800] * len(headers)
    rows = [tr(tc("企业财务数据", w=sum(w), span=len(w)))]
    rows.append(tr(tc("指标", w=w[0]), *[tc(h, w=1800) for h in headers]))
    for label in ("净资产（万元）", "营业收入（万元）", "利润总额（万元）", "研发费用（万元）", "纳税额（万元）"):
        rows.append(tr(tc(label, w=w[0]), *[tc(w=1800) for _ in headers]))
    return Form().add(p(r("附件2-1")), p(r("石景山区支持算力应用项目申报书"), jc="center"),
                      tbl([tr(tc("企业名称", w=w[0]), tc(w=sum(w[1:]), span=len(headers)))] + rows, w))


def test_year_columns_filled_by_the_year_they_name(tmp_path):
    data = sample("sjs-compute")
    data["company"]["finance"]["2025"] = {"net_assets": 9900, "revenue": 6100, "total_profit": 120,
                                          "rd_expense": 2600, "tax": 210}
    headers = ["2025年（截至6月）", "2024年", "2023年度", "2022年"]        # newest first, four of them
    blank, out, warnings = fill(tmp_path, sjs_years_form(headers), "sjs-compute", data)
    table = [[cell(out, 0, row, col) for col in range(5)] for row in range(3, 8)]
    assert table == [
        ["净资产（万元）", "9900", "9500", "8000", ""],
        ["营业收入（万元）", "6100", "12000", "5000", ""],
        ["利润总额（万元）", "120", "300", "-1200", ""],
        ["研发费用（万元）", "2600", "5000", "3000", ""],
        ["纳税额（万元）", "210", "420", "150", ""],
    ]
    # 2022: the form asks, the profile does not say: one warning per row, naming the year
    assert sorted(w.label for w in warnings if w.code == "missing" and "2022" in w.label) == sorted(
        f"{label} 2022年" for label in ("净资产（万元）", "营业收入（万元）", "利润总额（万元）", "研发费用（万元）",
                                       "纳税额（不含个人所得税）（万元）"))
    assert len(changes(blank, out)) == 1 + 15
    assert not labels(warnings, "year") and not labels(warnings, "verify")


def test_a_column_naming_no_year_is_a_warning_not_a_guess(tmp_path):
    blank, out, warnings = fill(tmp_path, sjs_years_form(["2023年", "2024年", "本年累计"]), "sjs-compute")
    assert [cell(out, 0, 3, col) for col in range(4)] == ["净资产（万元）", "8000", "9500", ""]
    assert "净资产（万元）" in labels(warnings, "year")


# --------------------------------------------------------------------------- 10. everything at once


def sjs_mixed_form() -> Form:
    """附2-1 as an office might publish it: every construct above in one form."""
    w = [1900, 2000, 1900, 1800, 1800]
    big = dict(sz=32)
    full = sum(w[1:])
    hint = p(r(PLACEHOLDER, style="PlaceholderText"))
    return Form().add(
        p(r("附件2-1", font="黑体")), p(r("石景山区支持算力应用项目申报书", font="黑体", sz=40), jc="center"),
        p(r("申报单位（加盖公章）：", **big), r("\t", u=True, **big), tab_at=8391, ind=680),
        p(r("起止年限：    年  月  日——    年  月  日", **big), ind=680),
        p(r("联  系 人：", **big), r("\t", u=True, **big), tab_at=8391, ind=680),
        p(r("联系电话：", **big), sdt_run(sdt_id=11, **big), ind=680),
        p(r("邮    箱：", **big), r("______________________", **big), ind=680),
        p(r("二〇二五年制", **big), jc="center"),
        tbl([
            tr(tc(p(r("企业名称："), r("______________________")), w=w[0] + w[1], span=2), tc("注册日期", w=w[2]),
               tc(p(r("    年   月   日")), w=w[3] + w[4], span=2)),
            tr(tc("公司登记注册类型", w=w[0]), tc(sdt_block(hint, 12), w=w[1]), tc("注册资本（万元）", w=w[2]),
               tc(p(r("万元")), w=w[3] + w[4], span=2)),
            tr(tc("统一社会信用代码", w=w[0] + w[1], span=2), tc("纳税地", w=w[2]), tc("纳统地", w=w[3]),
               tc("注册地址（详细至门牌号）", w=w[4])),
            tr(sdt_block(tc(hint, w=w[0] + w[1], span=2), 13), tc(w=w[2]), tc(w=w[3]), tc(w=w[4])),
            tr(tc("实际经营地址", w=w[0]), tc(p(r("（填写实际办公地址）", color="808080")), w=full, span=4)),
            tr(tc("办公面积（㎡）", w=w[0]), tc(w=w[1]), tc("企业现有人数", w=w[2]), tc(p(r("人")), w=w[3] + w[4], span=2)),
            tr(tc("其中：本科以上学历人数（人）", w=w[0]), tc(w=w[1]), tc("企业基本情况简介", w=w[2]),
               tc(p(r("（限300字）", color="A6A6A6")), w=w[3] + w[4], span=2)),
            tr(tc("企业法人（姓名）", w=w[0]), tc(w=w[1]), tc("手机/座机", w=w[2]), tc(w=w[3]), tc(w=w[4])),
            tr(tc("企业联系人（姓名）", w=w[0]), tc(w=w[1]), tc("手机/座机", w=w[2]), tc(w=w[3]), tc(w=w[4])),
            tr(tc("企业财务数据", w=sum(w), span=5)),
            tr(tc("指标", w=w[0] + w[1], span=2), tc("2025年（截至6月）", w=w[2]), tc("2024年度", w=w[3]),
               tc("2023年", w=w[4])),
            *[tr(tc(label, w=w[0] + w[1], span=2), tc(w=w[2]), tc(w=w[3]), tc(w=w[4]))
              for label in ("净资产（万元）", "营业收入（万元）", "利润总额（万元）", "研发费用（万元）",
                            "纳税额（不含个人所得税）（万元）")],
            tr(tc("知识产权", w=w[0] + w[1], span=2, vmerge="restart"), tc("发明专利（个）", w=w[2]),
               tc("实用新型（个）", w=w[3]), tc("软著（个）", w=w[4])),
            tr(tc(w=w[0] + w[1], span=2, vmerge="continue"), tc(w=w[2]), tc(w=w[3]), tc(w=w[4])),
            tr(tc("人工智能企业认定类别", w=w[0]),
               tc(p(r("口国家《生成式人工智能服务管理暂行办法》备案证明")), p(r("口北京市人工智能领域重点企业证明")),
                  p(r("口北京市通用人工智能产业创新伙伴计划单位证明")), w=full, span=4)),
            tr(tc("被认定时间", w=w[0]), tc(p(r("（   年  月  日）")), w=full, span=4)),
            tr(tc("获得市级支持资金金额（万元）", w=w[0]), tc(w=full, span=4)),
            tr(tc("算力合同情况", w=w[0]),
               tc(tbl(contract_rows((2400, 5100), lambda label: tc(p(sdt_run(sdt_id=20)), w=5100)),
                      [2400, 5100]), p(r("")), w=full, span=4)),
            tr(tc("其他需要说明的问题", w=sum(w), span=5)),
            tr(tc(w=sum(w), span=5)),
        ], w),
    )


def test_an_office_form_mixing_every_construct(tmp_path):
    data = sample("sjs-compute")
    data["company"]["finance"]["2025"] = {"net_assets": 9900, "revenue": 6100, "total_profit": 120,
                                          "rd_expense": 2600, "tax": 210}
    data["application"].update(project_start="2025-01-01", project_end="2025-12-31")
    data["company"]["municipal_support_wan"] = 30
    data["contracts"] = data["contracts"][1:]             # one contract: the block is not repeated
    blank, out, warnings = fill(tmp_path, sjs_mixed_form(), "sjs-compute", data)
    assert changes(blank, out) == [
        ('申报单位（加盖公章）：\t', '申报单位（加盖公章）：北京智算示例科技有限公司\t'),
        ('起止年限：    年  月  日——    年  月  日', '起止年限：2025年1月1日——2025年12月31日'),
        ('联  系 人：\t', '联  系 人：李四\t'),
        ('联系电话：单击或点击此处输入文字。', '联系电话：13800000000'),
        ('邮    箱：______________________', '邮    箱：contact@zhisuan.example.cn'),
        ('企业名称：______________________', '企业名称：北京智算示例科技有限公司'),
        ('    年   月   日', '2019年5月20日'),
        ('单击或点击此处输入文字。', '有限责任公司'),
        ('万元', '1000 万元'),
        ('单击或点击此处输入文字。', '91110107MA01ABCD10'),
        ('', '石景山区'),
        ('', '石景山区'),
        ('', '北京市石景山区古城大街 1 号'),
        ('（填写实际办公地址）', '北京市石景山区石景山路 3 号 智算大厦 12 层'),
        ('', '1500'),
        ('人', '120 人'),
        ('', '90'),
        ('（限300字）', '北京智算示例科技有限公司成立于2019年，专注通用大模型研发，研发人员占比75%。'),
        ('', '张三'),
        ('', '010-68880000'),
        ('', '李四'),
        ('', '13800000000'),
        ('', '9900'),
        ('', '9500'),
        ('', '8000'),
        ('', '6100'),
        ('', '12000'),
        ('', '5000'),
        ('', '120'),
        ('', '300'),
        ('', '-1200'),
        ('', '2600'),
        ('', '5000'),
        ('', '3000'),
        ('', '210'),
        ('', '420'),
        ('', '150'),
        ('', '12'),
        ('', '3'),
        ('', '40'),
        ('口国家《生成式人工智能服务管理暂行办法》备案证明', '☑国家《生成式人工智能服务管理暂行办法》备案证明'),
        ('口北京市人工智能领域重点企业证明', '☑北京市人工智能领域重点企业证明'),
        ('（   年  月  日）', '2024年3月15日'),
        ('', '30'),
        ('单击或点击此处输入文字。', 'HT-2025-002'),
        ('单击或点击此处输入文字。', '2025年3月1日至2026年2月28日'),
        ('单击或点击此处输入文字。', '400'),
        ('单击或点击此处输入文字。', '多模态大模型微调与推理'),
        ('单击或点击此处输入文字。', '北京昇腾智算有限公司'),
        ('单击或点击此处输入文字。', '石景山区 首钢园'),
        ('单击或点击此处输入文字。', '自主算力：910B'),
        ('单击或点击此处输入文字。', '否'),
    ]
    # the row under 统一社会信用代码 | 纳税地 | 纳统地 | 注册地址: each value under its label
    assert [cell(out, 0, 3, i) for i in range(4)] == [SJS["credit_code"], "石景山区", "石景山区",
                                                       SJS["registered_address"]]
    assert PLACEHOLDER not in "".join(paragraphs(out))
    assert [(w.code, w.label) for w in warnings] == []     # every label found, every value verified
    # formatting: the cover keeps its 16 pt and its lines, no value is grey or in the placeholder style
    for value, underline in ((SJS["name"], "single"), ("李四", "single"), (SJS["contact_phone"], None),
                             (SJS["email"], "single")):
        run_el = run_with(out, value)
        assert (rpr_val(run_el, "w:sz"), rpr_val(run_el, "w:u")) == ("32", underline), value
    body = Document(str(out)).element.body
    for run_el in body.iter(qn("w:r")):
        assert rpr_val(run_el, "w:rStyle") != "PlaceholderText" and rpr_val(run_el, "w:color") is None
        if para_text(run_el).strip():
            fonts = run_el.find(qn("w:rPr")).find(qn("w:rFonts")) if run_el.find(qn("w:rPr")) is not None else None
            if any(v in para_text(run_el) for v in (SJS["name"], SJS["intro"], "有限责任公司")):
                assert fonts is not None and fonts.get(qn("w:eastAsia")) == "宋体"


# --------------------------------------------------------------------------- 11. the wrong form, a .doc, eligibility


def test_a_form_of_another_programme_is_refused_naming_it(tmp_path, capsys):
    # 附2-2 and 附4-2 have the same text: the number printed on the first line tells them apart
    form = undertaking([r(" " * 30, u=True)], [r(" " * 24, u=True)], number="附件2-2").save(tmp_path / "承诺书.docx")
    code, out, err = run(capsys, "fill", SAMPLES / "sjs-platform", "-p", "sjs-platform", "--template", form,
                         "--out", tmp_path / "out")
    assert code == 2 and err.count("\n") == 1
    assert "承诺书.docx: 这是 sjs-compute 的 附2-2 承诺书，不是 sjs-platform 的表格" in err, err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    # the same text numbered 附4-2 is the platform's form
    form = undertaking([r(" " * 30, u=True)], [r(" " * 24, u=True)], number="附4-2").save(tmp_path / "附4-2.docx")
    code, out, err = run(capsys, "fill", SAMPLES / "sjs-platform", "-p", "sjs-platform", "--template", form,
                         "--out", tmp_path / "out")
    assert code == 0, err
    assert [x.name for x in (tmp_path / "out").iterdir()] == [f"附4-2_承诺书_{PLAT['name']}.docx"]


def test_tongzhou_forms_for_a_shijingshan_company_say_it_is_not_eligible(tmp_path, capsys):
    code, out, err = run(capsys, "fill", SAMPLES / "sjs-compute", "-p", "tz-compute-voucher", "--out", tmp_path)
    assert code == 0
    [line] = [x for x in err.splitlines() if "申报条件" in x]
    assert line.startswith("subsidy: 警告: 按资料判断，企业不符合 tz-compute-voucher 的申报条件：")
    assert "通州区" in line
    code, out, err = run(capsys, "fill", SAMPLES / "sjs-compute", "-p", "sjs-compute", "--out", tmp_path / "ok")
    assert "申报条件" not in err and "资格" not in err


def test_pending_eligibility_is_said(tmp_path, capsys, write_profile):
    text = (SAMPLES / "sjs-compute" / "subsidy.toml").read_text(encoding="utf-8")
    path = write_profile(text.replace("dishonest_list = false\n", ""))
    code, out, err = run(capsys, "fill", path, "-p", "sjs-compute", "--out", tmp_path / "out", "--lang", "en")
    assert code == 0
    assert "eligibility for sjs-compute is pending" in err, err


def test_a_doc_file_gets_a_message_on_how_to_convert_it(tmp_path, capsys):
    doc = tmp_path / "附件2-1申报书.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    code, out, err = run(capsys, "fill", SAMPLES / "sjs-compute", "-p", "sjs-compute", "--template", doc,
                         "--out", tmp_path / "out")
    assert code == 2 and err.count("\n") == 1
    assert "附件2-1申报书.doc" in err and "另存为" in err and "soffice --headless --convert-to docx" in err


def test_output_files_are_readable_like_any_other_file(tmp_path, capsys):
    old = os.umask(0o022)
    try:
        code, out, err = run(capsys, "fill", SAMPLES / "sjs-compute", "-p", "sjs-compute", "--out", tmp_path)
    finally:
        os.umask(old)
    assert code == 0
    for path in tmp_path.glob("*.docx"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


# --------------------------------------------------------------------------- 12. never a crash, never silent


def test_an_unknown_construct_is_a_warning_and_the_rest_is_filled(tmp_path, capsys):
    w = [2400, 7200]
    form = Form().add(
        p(r("附件2-1")), p(r("石景山区支持算力应用项目申报书"), jc="center"),
        tbl([
            tr(tc("企业名称", w=w[0]), tc(w=w[1])),
            # the value cell holds a table of its own: not a slot this tool knows
            tr(tc("纳税地", w=w[0]), tc(tbl([tr(tc("区", w=3000), tc(w=3000))], [3000, 3000]), p(r("")), w=w[1])),
            tr(tc("纳统地", w=w[0]), tc(w=w[1])),
        ], w),
    ).save(tmp_path / "form.docx")
    code, out, err = run(capsys, "fill", SAMPLES / "sjs-compute", "-p", "sjs-compute", "--template", form,
                         "--out", tmp_path / "out")
    assert code == 0, err
    assert "附2-1 纳税地：找到了标签，但旁边或下方没有可填写的空格，未填写" in err
    [filled] = (tmp_path / "out").glob("*.docx")
    assert cell(filled, 0, 0, 1) == SJS["name"] and cell(filled, 0, 2, 1) == "石景山区"
    assert cell(filled, 1, 0, 1) == ""


def test_the_re_read_catches_a_value_that_is_not_where_it_was_written(tmp_path):
    """The check behind every fill: a slot that does not read as written is a warning naming its label."""
    from subsidy_cli.fill.docx_fill import Filler
    from subsidy_cli.fill.maps import FillContext, map_for

    path = tz_inline_form().save(tmp_path / "form.docx")
    doc = Document(str(path))
    data = sample("tz-compute-voucher")
    filler = Filler(doc, map_for("tz_附件1-1_申报表.docx"),
                    FillContext(profile_from_dict(data, tmp_path / "subsidy.toml"), load_round()["tz-compute-voucher"]))
    filler.run()
    assert not [w for w in filler.warnings if w.code in ("verify", "changed")]
    # what a faulty writer would do: the code lands in the name's blank, a label loses a word
    for t in doc.element.body.iter(qn("w:t")):
        if t.text == TZ["name"]:
            t.text = TZ["credit_code"]
        elif t.text and t.text.startswith("单位人数"):
            t.text = t.text.replace("单位人数", "人数")
    filler.verify()
    assert [(w.code, w.label) for w in filler.warnings if w.code in ("verify", "changed")] == [
        ("verify", "单位名称"), ("verify", "单位人数")]


# --------------------------------------------------------------------------- 13. rendered: the cover stays on one page


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def pdf_pages(docx: Path) -> list[str]:
    from pypdf import PdfReader

    from subsidy_cli.fill.pdf import convert

    pdf, error = convert(SOFFICE, docx, docx.parent)
    assert error is None, error
    return [re.sub(r"\s+", "", page.extract_text() or "") for page in PdfReader(str(pdf)).pages]


@pytest.mark.parametrize("name", [LONG[:14], LONG[:20], LONG[:24], LONG])
@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_long_names_keep_the_shipped_cover_and_undertaking_on_one_page(tmp_path, name):
    data = sample("sjs-compute")
    data["company"]["name"] = name
    prof = profile_from_dict(data, tmp_path / "subsidy.toml")
    result = fill_forms(prof, load_round()["sjs-compute"], tmp_path)
    assert not [w for w in result.warnings if w.code in ("verify", "changed")]
    docx = next(o.docx for o in result.outputs if o.form == "附2-1")
    pages = pdf_pages(docx)
    assert name in pages[0] and "二〇二五年制" in pages[0], pages[0]      # the cover: one page, always
    assert pages[1].startswith("填写说明")
    undertaking_pages = pdf_pages(next(o.docx for o in result.outputs if o.form == "附2-2"))
    assert name in undertaking_pages[0]
    fit = [w.label for w in result.warnings if w.code == "fit"]
    if len(name) <= 24:
        assert len(undertaking_pages) == 1 and fit == []
    else:       # 28 characters do not fit the line even in 8 pt: said, not silent
        assert fit == ["我公司"]


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_mixed_office_form_renders_with_every_value(tmp_path):
    data = sample("sjs-compute")
    data["company"]["name"] = LONG
    data["contracts"] = data["contracts"][1:]
    _blank, out, warnings = fill(tmp_path, sjs_mixed_form(), "sjs-compute", data)
    text = "".join(pdf_pages(out))
    for value in (LONG, "2019年5月20日", SJS["credit_code"], "1000万元", "9500", "HT-2025-002", "自主算力：910B"):
        assert re.sub(r"\s+", "", value) in text, value
    assert PLACEHOLDER not in text


# --------------------------------------------------------------------------- 14. a cover block in a text box


def test_cover_lines_in_a_text_box(tmp_path):
    from forms.office import textbox

    big = dict(sz=32)
    form = Form().add(
        p(r("附件2-1")), p(r("石景山区支持算力应用项目申报书", sz=40), jc="center"),
        textbox(p(r("申报单位（加盖公章）：", **big), r("\t", u=True, **big), tab_at=9000),
                p(r("联  系 人：", **big), r("______________", **big)),
                p(r("联系电话：", **big), sdt_run(sdt_id=31, **big))),
        p(r("二〇二五年制"), jc="center"),
        tbl([tr(tc("企业名称", w=2400), tc(w=6000))], [2400, 6000]),
    )
    blank, out, warnings = fill(tmp_path, form, "sjs-compute")
    body = Document(str(out)).element.body
    mc = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
    for branch in ("Choice", "Fallback"):     # Word reads the first, older readers the VML copy
        box = next(body.iter(f"{mc}{branch}"))
        assert [para_text(x) for x in box.iter(qn("w:p"))] == [
            f"申报单位（加盖公章）：{SJS['name']}\t", f"联  系 人：{SJS['contact']}", f"联系电话：{SJS['contact_phone']}"]
    assert cell(out, 0, 0, 1) == SJS["name"]
    assert not labels(warnings, "verify") and not labels(warnings, "changed")
    assert "联系人" not in labels(warnings, "label") and "申报单位（加盖公章）" not in labels(warnings, "label")


def test_a_label_printed_twice_is_filled_once_and_said(tmp_path, capsys):
    w = [2400, 6000]
    form = Form().add(
        p(r("附件2-1")), p(r("石景山区支持算力应用项目申报书"), jc="center"),
        tbl([tr(tc("企业名称", w=w[0]), tc(w=w[1]))], w),
        p(r("")),
        tbl([tr(tc("企业名称", w=w[0]), tc(w=w[1]))], w),
    ).save(tmp_path / "form.docx")
    code, out, err = run(capsys, "fill", SAMPLES / "sjs-compute", "-p", "sjs-compute", "--template", form,
                         "--out", tmp_path / "out")
    assert code == 0
    [filled] = (tmp_path / "out").glob("*.docx")
    assert (cell(filled, 0, 0, 1), cell(filled, 1, 0, 1)) == (SJS["name"], "")
    assert "附2-1 企业名称：该标签在表格中出现多次，只填写了第一处" in err


def sjs_printed_blocks_form(n: int) -> Form:
    w = [2600, 6000]
    rows = [tr(tc("企业名称", w=w[0]), tc(w=w[1]))]
    for _ in range(n):
        rows += contract_rows((w[0], w[1]), lambda label: tc(w=w[1]))
    rows.append(tr(tc("其他需要说明的问题", w=sum(w), span=2)))
    return Form().add(p(r("附件2-1")), p(r("石景山区支持算力应用项目申报书"), jc="center"), tbl(rows, w))


@pytest.mark.parametrize("extra", [0, 1])
def test_contract_blocks_printed_twice_are_filled_in_turn(tmp_path, extra):
    data = sample("sjs-compute")
    for i in range(extra):
        data["contracts"].append(dict(data["contracts"][0], id=f"HT-2025-10{i}", scale_p=50))
    blank, out, warnings = fill(tmp_path, sjs_printed_blocks_form(2), "sjs-compute", data)
    body = Document(str(out)).element.body
    table = next(body.iter(qn("w:tbl")))
    rows = [[para_text(c) for c in x.iter(qn("w:tc"))] for x in table.iter(qn("w:tr"))]
    assert len(rows) == 2 + 8 * (2 + extra)                # a copy only for the third contract
    ids = [row[1] for row in rows if row[0] == "合同编号"]
    assert ids == ["HT-2025-002", "HT-2024-001"] + [f"HT-2025-10{i}" for i in range(extra)]
    assert rows[-1] == ["其他需要说明的问题"]
    assert not [w for w in warnings if w.code in ("verify", "changed") or "[HT-" in w.label]


# --------------------------------------------------------------------------- 15. legacy form fields, dates in the line


def formtext(name: str) -> str:
    """A legacy Word text form field (FORMTEXT), as forms protected for filling use: five en spaces."""
    return ('<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="' + name + '"/><w:enabled/>'
            '<w:calcOnExit w:val="0"/><w:textInput/></w:ffData></w:fldChar></w:r>'
            '<w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:rPr><w:noProof/></w:rPr><w:t>\u2002\u2002\u2002\u2002\u2002</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def test_legacy_form_fields_and_a_date_printed_after_the_label(tmp_path):
    w = [2400, 6000]
    form = Form().add(
        p(r("附件2-1")), p(r("石景山区支持算力应用项目申报书"), jc="center"),
        tbl([
            tr(tc("企业名称", w=w[0]), tc(p(formtext("Text1")), w=w[1])),
            tr(tc(p(r("注册日期：    年   月   日")), w=sum(w), span=2)),
            tr(tc("统一社会信用代码", w=w[0]), tc(p(formtext("Text2")), w=w[1])),
        ], w),
        p(r("填表日期：2025年  月  日")),          # a signature date with its year printed: not a slot
    )
    blank, out, warnings = fill(tmp_path, form, "sjs-compute")
    assert changes(blank, out) == [
        ("\u2002" * 5, SJS["name"]),
        ("注册日期：    年   月   日", "注册日期：2019年5月20日"),
        ("\u2002" * 5, SJS["credit_code"]),
    ]
    doc = Document(str(out))
    row = next(doc.element.body.iter(qn("w:tr")))
    kinds = [(fc.get(qn("w:fldCharType"))) for fc in row.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]                      # the field is intact
    runs_ = [x for x in row.iter(qn("w:r"))]
    texts = [para_text(x) for x in runs_]
    assert texts.index(SJS["name"]) == 4       # label, begin, instr, separate, the result, end
    assert not labels(warnings, "verify") and not labels(warnings, "changed")


def test_labels_inside_a_sentence_and_darker_greys(tmp_path):
    w = [2400, 6000]
    form = Form().add(
        p(r("附件2-1")), p(r("石景山区支持算力应用项目申报书"), jc="center"),
        p(r("申报材料由本单位填报，联系人："), r("________"), r("，联系电话："), r("____________"), r("。")),
        tbl([tr(tc("企业名称", w=w[0]), tc(p(r("（填写营业执照上的全称）", color="767171")), w=w[1]))], w),
    )
    blank, out, warnings = fill(tmp_path, form, "sjs-compute")
    assert changes(blank, out) == [
        ("申报材料由本单位填报，联系人：________，联系电话：____________。",
         f"申报材料由本单位填报，联系人：{SJS['contact']}，联系电话：{SJS['contact_phone']}。"),
        ("（填写营业执照上的全称）", SJS["name"]),
    ]
    assert not labels(warnings, "verify") and not labels(warnings, "changed")


# --------------------------------------------------------------------------- 16. however the runs fall


def split_and_wrap(src: Path, dst: Path, seed: int) -> None:
    """The same form as Word saves it after editing: runs split at random places, some runs wrapped in
    content controls (rsid changes and pasted text do this)."""
    import random

    from docx.oxml import OxmlElement

    from subsidy_cli.fill.ooxml import run_text, split_run

    rnd = random.Random(seed)
    doc = Document(str(src))
    for run_el in list(doc.element.body.iter(qn("w:r"))):
        n = len(run_text(run_el))
        if n > 1 and run_el.find(qn("w:t")) is not None and rnd.random() < 0.5:
            split_run(run_el, rnd.randint(1, n - 1))
    for run_el in list(doc.element.body.iter(qn("w:r"))):
        if run_el.getparent().tag == qn("w:p") and rnd.random() < 0.2:
            sdt, pr, content = OxmlElement("w:sdt"), OxmlElement("w:sdtPr"), OxmlElement("w:sdtContent")
            sdt.append(pr)
            sdt.append(content)
            run_el.addprevious(sdt)
            content.append(run_el)
    doc.save(str(dst))


@pytest.mark.parametrize("build, programme", [(tz_inline_form, "tz-compute-voucher"), (sjs_hint_form, "sjs-compute"),
                                              (platform_box_form, "sjs-platform"), (sjs_mixed_form, "sjs-compute")])
def test_runs_split_anywhere_fill_the_same(tmp_path, build, programme):
    data = sample(programme)
    data["company"]["listing_plan"] = True
    (tmp_path / "ref").mkdir()
    _b, reference, _w = fill(tmp_path / "ref", build(), programme, data)
    for seed in range(3):
        folder = tmp_path / f"seed{seed}"
        folder.mkdir()
        split_and_wrap(build().save(folder / "orig.docx"), folder / "form.docx", seed)
        _b, out, warnings = fill(folder, folder / "form.docx", programme, data)
        assert paragraphs(out) == paragraphs(reference), seed
        assert not [w for w in warnings if w.code in ("verify", "changed", "construct", "option")], seed


# --------------------------------------------------------------------------- 17. underscores with units and dates


def test_underscored_units_and_dates(tmp_path):
    data = sample("tz-compute-voucher")
    w = [2400, 4000, 1600]
    form = Form().add(
        p(r("附件1-1")), p(r("申报表"), jc="center"),
        tbl([
            tr(tc("单位名称", w=w[0]), tc(w=w[1] + w[2], span=2)),
            tr(tc("注册资本", w=w[0]), tc(w=w[1]), tc("万元", w=w[2])),                 # the unit in its own cell
            tr(tc("单位人数", w=w[0]), tc(p(r("________人")), w=w[1] + w[2], span=2)),   # underscores and unit
            tr(tc("登记注册时间", w=w[0]), tc(p(r("______年____月____日")), w=w[1] + w[2], span=2)),
            tr(tc(p(r("申报支持资金（万元）："), r("__________")), w=sum(w), span=3)),
            tr(tc("挂牌或上市进展", w=w[0]), tc(p(r("□计划3年内挂牌或上市 □暂无计划")), w=w[1] + w[2], span=2)),
            tr(tc("申报方向", w=w[0]), tc(p(r("□算力券 □模型券")), w=w[1] + w[2], span=2)),
        ], w),
        p(r("填报日期：____年__月__日")),           # a date for the applicant to write: no label asks for it
    )
    data["application"]["requested_wan"] = 12.6
    blank, out, warnings = fill(tmp_path, form, "tz-compute-voucher", data)
    assert changes(blank, out) == [
        ("", TZ["name"]),
        ("", "2000"),                                   # 2000万元 less the unit the form prints beside it
        ("________人", "145人"),
        ("______年____月____日", "2018年11月6日"),
        ("申报支持资金（万元）：__________", "申报支持资金（万元）：12.6"),
        ("□算力券 □模型券", "☑算力券 ☐模型券"),
    ]
    assert cell(out, 0, 1, 2) == "万元"
    assert rpr_val(run_with(out, "2018年11月6日"), "w:u") == "single"
    assert not labels(warnings, "verify") and not labels(warnings, "changed")


def test_label_atop_its_own_cell_and_label_with_colon_alone(tmp_path):
    w = [4400, 4400]
    form = Form().add(
        p(r("附件2-1")), p(r("石景山区支持算力应用项目申报书"), jc="center"),
        tbl([
            tr(tc(p(r("企业名称：")), w=w[0]), tc(p(r("统一社会信用代码：")), w=w[1])),
            tr(tc(p(r("企业基本情况简介：", bold=True)), p(r("")), p(r("")), w=sum(w), span=2)),
        ], w),
    )
    blank, out, warnings = fill(tmp_path, form, "sjs-compute")
    assert changes(blank, out) == [
        ("企业名称：", f"企业名称：{SJS['name']}"),
        ("统一社会信用代码：", f"统一社会信用代码：{SJS['credit_code']}"),
        ("", SJS["intro"]),                       # the first empty line under the label, in its cell
    ]
    assert rpr_val(run_with(out, SJS["name"]), "w:b") is None     # the label's bold is not carried over
    assert not labels(warnings, "verify") and not labels(warnings, "changed")


def test_years_down_the_rows_under_their_labels(tmp_path):
    data = sample("sjs-compute")
    w = [1800, 2200, 2200, 2200]
    form = Form().add(
        p(r("附件2-1")), p(r("石景山区支持算力应用项目申报书"), jc="center"),
        tbl([tr(tc("企业名称", w=w[0]), tc(w=sum(w[1:]), span=3)),
             tr(tc("年度", w=w[0]), tc("净资产（万元）", w=w[1]), tc("营业收入（万元）", w=w[2]), tc("年度合计", w=w[3])),
             tr(tc("2023年", w=w[0]), tc(w=w[1]), tc(w=w[2]), tc(w=w[3])),
             tr(tc("2024年", w=w[0]), tc(w=w[1]), tc(w=w[2]), tc(w=w[3])),
             tr(tc("备注", w=w[0]), tc(w=w[1]), tc(w=w[2]), tc(w=w[3]))], w),
    )
    blank, out, warnings = fill(tmp_path, form, "sjs-compute", data)
    assert [[cell(out, 0, row, col) for col in range(4)] for row in (2, 3, 4)] == [
        ["2023年", "8000", "5000", ""], ["2024年", "9500", "12000", ""], ["备注", "", "", ""]]
    assert "净资产（万元）" in labels(warnings, "year")            # the 备注 row names no year: said, left blank
    assert not labels(warnings, "verify") and not labels(warnings, "changed")
