"""`subsidy fill`: the programmes' Word forms filled by label from the sample profiles."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn


from conftest import ROOT, SAMPLES
from subsidy_cli.cli import main
from subsidy_cli.fill import TEMPLATES_DIR, fill as fill_forms
from subsidy_cli.fill.maps import FORMS_DIR, load_map
from subsidy_cli.profile import profile_from_dict
from subsidy_cli.rules import load_round

FORMS = {
    "sjs-compute": ["附2-1", "附2-2"],
    "sjs-platform": ["附4-1", "附4-2"],
    "bj-compute-voucher": ["附件3-1"],
    "tz-compute-voucher": ["附件1-1", "附件1-2"],
    "tz-model-voucher": ["附件1-1", "附件1-2"],
}


# --------------------------------------------------------------------------- helpers


def run(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def norm(text: str) -> str:
    return re.sub(r"[\s:：]+", "", text)


def cell_text(tc) -> str:
    paras = []
    for p in tc.findall(qn("w:p")):
        paras.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return "\n".join(paras)


def cells_beside(doc, label: str, row_label: str | None = None, n: int = 1) -> list:
    """The n value tcs right of the label cell (distinct w:tc, merged cells once)."""
    for table in doc.tables:
        for tr in table._tbl.tr_lst:
            tcs = list(tr.tc_lst)
            texts = [norm(cell_text(tc)) for tc in tcs]
            if row_label and norm(row_label) not in texts:
                continue
            if norm(label) in texts:
                i = texts.index(norm(label))
                return tcs[i + 1:i + 1 + n]
    raise AssertionError(f"label {label} not in the form")


def beside(doc, label: str, **kw) -> str:
    return cell_text(cells_beside(doc, label, **kw)[0]).strip()


def below(doc, label: str) -> str:
    for table in doc.tables:
        trs = table._tbl.tr_lst
        for r, tr in enumerate(trs):
            for i, tc in enumerate(tr.tc_lst):
                if norm(cell_text(tc)) == norm(label):
                    return cell_text(trs[r + 1].tc_lst[i]).strip()
    raise AssertionError(label)


def year_value(doc, label: str, year: int) -> str:
    cols = {2023: 0, 2024: 1, 2025: 2}
    return cell_text(cells_beside(doc, label, n=3)[cols[year]]).strip()


def out_file(folder: Path, form: str) -> Path:
    [path] = folder.glob(f"{form}_*.docx")
    return path


def style_chain(doc, style_id):
    styles = {s.get(qn("w:styleId")): s for s in doc.styles.element.findall(qn("w:style"))}
    while style_id in styles:
        st = styles[style_id]
        yield st
        based = st.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None


def effective(doc, p, r, what: str):
    """The East Asian font ('font') or size in half-points ('size') a run shows."""
    def from_rpr(rpr):
        if rpr is None:
            return None
        if what == "font":
            rf = rpr.find(qn("w:rFonts"))
            return rf.get(qn("w:eastAsia")) if rf is not None else None
        sz = rpr.find(qn("w:sz"))
        return int(sz.get(qn("w:val"))) if sz is not None else None

    v = from_rpr(r.find(qn("w:rPr")))
    if v:
        return v
    ppr = p.find(qn("w:pPr"))
    ps = ppr.find(qn("w:pStyle")) if ppr is not None else None
    for st in style_chain(doc, ps.get(qn("w:val")) if ps is not None else "Normal"):
        v = from_rpr(st.find(qn("w:rPr")))
        if v:
            return v
    return None


def value_runs(tc):
    return [(p, r) for p in tc.findall(qn("w:p")) for r in p.findall(qn("w:r"))
            if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()]


def sample_dict(programme: str) -> dict:
    return tomllib.loads((SAMPLES / programme / "subsidy.toml").read_text(encoding="utf-8"))


def fill_dict(data: dict, programme: str, out: Path, **kw):
    prof = profile_from_dict(data, out / "subsidy.toml")
    return fill_forms(prof, load_round()[programme], out, **kw)


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """Every programme's forms, filled once through the CLI from its sample profile."""
    base = tmp_path_factory.mktemp("filled")
    results = {}
    for programme in FORMS:
        with pytest.raises(SystemExit) as exc:
            main(["fill", str(SAMPLES / programme / "subsidy.toml"), "--programme", programme,
                  "--out", str(base / programme)])
        assert exc.value.code == 0
        results[programme] = base / programme
    return results


# --------------------------------------------------------------------------- every form


@pytest.mark.parametrize("programme", list(FORMS))
def test_every_form_of_every_programme_is_written(filled, programme):
    folder = filled[programme]
    company = sample_dict(programme)["company"]["name"]
    names = sorted(p.name for p in folder.glob("*.docx"))
    title = {"附2-1": "申报书", "附2-2": "承诺书", "附4-1": "申报书", "附4-2": "承诺书", "附件3-1": "承诺书",
             "附件1-1": "申报表", "附件1-2": "承诺书"}
    assert names == sorted(f"{f}_{title[f]}_{company}.docx" for f in FORMS[programme])
    for path in folder.glob("*.docx"):
        Document(str(path))  # re-opens


def test_sjs_compute_application_values(filled):
    doc = Document(str(out_file(filled["sjs-compute"], "附2-1")))
    assert beside(doc, "企业名称") == "北京智算示例科技有限公司"
    assert beside(doc, "注册日期") == "2019年5月20日"
    assert beside(doc, "注册资本（万元）") == "1000"
    assert beside(doc, "统一社会信用代码") == "91110107MA01ABCD10"
    assert beside(doc, "纳统地") == "石景山区"
    assert beside(doc, "实际经营地址") == "北京市石景山区石景山路 3 号 智算大厦 12 层"
    assert beside(doc, "其中：本科以上学历人数（人）") == "90"
    assert beside(doc, "企业法人") == "张三"
    mobile, landline = cells_beside(doc, "手机/座机", row_label="企业法人", n=2)
    assert (cell_text(mobile), cell_text(landline)) == ("", "010-68880000")
    mobile, landline = cells_beside(doc, "手机/座机", row_label="企业联系人", n=2)
    assert (cell_text(mobile), cell_text(landline)) == ("13800000000", "")
    # 企业财务数据 by year column
    assert year_value(doc, "净资产（万元）", 2024) == "9500"
    assert year_value(doc, "净资产（万元）", 2023) == "8000"
    assert year_value(doc, "利润总额（万元）", 2023) == "-1200"
    assert year_value(doc, "纳税额（不含个人所得税）（万元）", 2024) == "420"
    assert year_value(doc, "营业收入（万元）", 2025) == ""          # not in the profile: warned
    # 知识产权: the row below the labels
    assert (below(doc, "发明专利（个）"), below(doc, "实用新型（个）"), below(doc, "软著（个）")) == ("12", "3", "40")
    assert beside(doc, "企业基本情况简介").startswith("北京智算示例科技有限公司成立于2019年")
    assert beside(doc, "被认定时间") == "2024年3月15日"


def test_sjs_compute_checkboxes_and_cover(filled):
    doc = Document(str(out_file(filled["sjs-compute"], "附2-1")))
    boxes = beside(doc, "人工智能企业认定类别").split("\n")
    assert boxes == ["☑国家《生成式人工智能服务管理暂行办法》备案证明", "☑北京市人工智能领域重点企业证明",
                     "☐北京市通用人工智能产业创新伙伴计划单位证明"]
    cover = [p.text for p in doc.paragraphs]
    assert "申报单位（加盖公章）：北京智算示例科技有限公司\t" in cover
    assert "联  系 人：李四\t" in cover
    assert "联系电话：13800000000\t" in cover
    assert "邮    箱：contact@zhisuan.example.cn\t" in cover
    line = next(p for p in doc.paragraphs if p.text.startswith("申报单位"))
    assert line.runs[1].underline  # the drawn line is kept


def test_sjs_compute_contract_block_per_contract(filled):
    doc = Document(str(out_file(filled["sjs-compute"], "附2-1")))
    rows = [[norm(cell_text(tc)) for tc in tr.tc_lst] for tr in doc.tables[0]._tbl.tr_lst]
    starts = [i for i, r in enumerate(rows) if r[0] == "合同编号"]
    assert len(starts) == 2 and starts[1] - starts[0] == 8
    raw = [[cell_text(tc).strip() for tc in tr.tc_lst] for tr in doc.tables[0]._tbl.tr_lst]
    blocks = [{norm(r[0]): (r[1] if len(r) > 1 else "") for r in raw[s:s + 8]} for s in starts]
    # 自主 and 非自主 apart, 自主 first
    assert blocks[0]["合同编号"] == "HT-2025-002"
    assert blocks[0]["算力类型（自主算力/非自主算力）"] == "自主算力：910B"
    assert blocks[1]["合同编号"] == "HT-2024-001"
    assert blocks[1]["算力类型（自主算力/非自主算力）"] == "非自主算力：A800"
    assert blocks[1]["合同起止时间"] == "2024年3月1日至2025年2月28日"
    assert blocks[1]["算力规模（P）"] == "200"
    assert blocks[1]["算力供给方"] == "北京云算力有限公司"
    assert blocks[1]["算力所在地"] == "石景山区 中关村科幻产业创新中心"
    assert blocks[1]["获得政府资金支持"] == "否"
    assert rows[starts[1] + 8][0] == "其他需要说明的问题"
    # no hint text is left in a filled contract block
    assert "具体到厂家卡型号" not in "".join("".join(r) for r in rows)


def test_filled_cells_keep_the_run_formatting(filled):
    doc = Document(str(out_file(filled["sjs-compute"], "附2-1")))
    for label in ("企业名称", "注册资本（万元）", "企业基本情况简介", "算力用途"):
        [tc] = cells_beside(doc, label)
        runs = value_runs(tc)
        assert runs, label
        for p, r in runs:
            assert r.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体", label
            assert effective(doc, p, r, "font") == "宋体"
            assert effective(doc, p, r, "size") == 21, label       # 五号 10.5 pt, from Form Table Text
            assert r.find(qn("w:rPr")).find(qn("w:rStyle")) is None  # the Form Hint style is dropped


def test_sjs_undertaking_blanks(filled):
    for programme, form, name, code in (
            ("sjs-compute", "附2-2", "北京智算示例科技有限公司", "91110107MA01ABCD10"),
            ("sjs-platform", "附4-2", "北京智衡大模型研究院有限公司", "91110107MA04DLQ27B")):
        doc = Document(str(out_file(filled[programme], form)))
        p = next(p for p in doc.paragraphs if p.text.startswith("我公司"))
        underlined = [r.text.strip() for r in p.runs if r.underline]
        assert underlined == [name, code]
        assert re.match(rf"我公司 +{name} +（统一社会信用代码： *{code} *）已充分了解", p.text), p.text
        for r in p.runs:
            if r.underline:
                assert r._r.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"


def test_sjs_platform_application(filled):
    doc = Document(str(out_file(filled["sjs-platform"], "附4-1")))
    assert beside(doc, "实验室/创新平台/研究机构等名称") == "北京市大模型可信对齐重点实验室"
    assert beside(doc, "资质认定时间") == "2024年6月18日"
    assert beside(doc, "设立主体1名称") == "北京智衡大模型研究院有限公司"
    assert beside(doc, "设立主体1统一社会信用代码") == "91110107MA04DLQ27B"
    assert beside(doc, "设立主体2名称（若有）") == ""
    assert beside(doc, "总面积（平方米）") == "5200"
    assert beside(doc, "其中，研发及办公面积（平方米）") == "4800"
    assert beside(doc, "平台类别").split("\n") == ["☑新认定，建设时间（2024年6月18日）",
                                                  "☐新迁入，迁入时间（    年   月    日）"]
    assert beside(doc, "平台资质").split("\n") == ["☐国家工程研究中心☐全国重点实验室",
                                                  "☐北京市工程研究中心☑北京市重点实验室",
                                                  "☐其他类别（同时需写明国家级/市级认定部门）"]


def test_platform_moved_in_and_other_kind(tmp_path):
    data = sample_dict("sjs-platform")
    q = data["company"]["qualifications"]
    q.update(platform_status="moved", platform_kind="国家技术创新中心", platform_department="科学技术部")
    fill_dict(data, "sjs-platform", tmp_path)
    doc = Document(str(out_file(tmp_path, "附4-1")))
    assert beside(doc, "平台类别").split("\n") == ["☐新认定，建设时间（    年   月    日）",
                                                  "☑新迁入，迁入时间（2024年6月18日）"]
    qual = beside(doc, "平台资质").split("\n")
    assert qual[:2] == ["☐国家工程研究中心☐全国重点实验室", "☐北京市工程研究中心☐北京市重点实验室"]
    assert qual[2] == "☑其他类别（同时需写明国家级/市级认定部门）：国家技术创新中心，科学技术部"


def test_cover_period_support_and_ai_category_from_profile(tmp_path):
    data = sample_dict("sjs-compute")
    data["application"].update(project_start="2025-01-01", project_end="2025-12-31")
    data["company"]["qualifications"].update(model_filing=False, beijing_ai_key_enterprise=False,
                                             agi_partner_program=True)
    data["support"] = [{"contract": "HT-2024-001", "level": "district", "amount": "50万", "status": "received"}]
    result = fill_dict(data, "sjs-compute", tmp_path)
    assert not [w for w in result.warnings if "起止年限" in w.label]
    doc = Document(str(out_file(tmp_path, "附2-1")))
    assert "起止年限：2025年1月1日——2025年12月31日" in [p.text for p in doc.paragraphs]
    assert beside(doc, "人工智能企业认定类别").split("\n") == [
        "☐国家《生成式人工智能服务管理暂行办法》备案证明", "☐北京市人工智能领域重点企业证明",
        "☑北京市通用人工智能产业创新伙伴计划单位证明"]
    rows = [[cell_text(tc) for tc in tr.tc_lst] for tr in doc.tables[0]._tbl.tr_lst]
    support = [r[1] for r in rows if r[0] == "获得政府资金支持"]
    assert support == ["否", "是：区级50万元（已获得）"]


def test_bj_undertaking_has_no_blanks_and_is_copied(filled):
    doc = Document(str(out_file(filled["bj-compute-voucher"], "附件3-1")))
    template = Document(str(TEMPLATES_DIR / "bj-compute-voucher_附件3-1_承诺书.docx"))
    assert [p.text for p in doc.paragraphs] == [p.text for p in template.paragraphs]


@pytest.mark.parametrize("programme, ticked", [("tz-compute-voucher", ["☑算力劵", "", "☐模型劵"]),
                                               ("tz-model-voucher", ["☐算力劵", "", "☑模型劵"])])
def test_tz_application(filled, programme, ticked):
    doc = Document(str(out_file(filled[programme], "附件1-1")))
    data = sample_dict(programme)
    assert beside(doc, "单位名称") == data["company"]["name"]
    assert beside(doc, "统一社会信用代码") == data["company"]["credit_code"]
    assert beside(doc, "申报方向（按照《申报指南》政策条款原文内容填写）").split("\n") == ticked
    assert beside(doc, "挂牌或上市进展").split("\n") == ["□计划3年内挂牌或上市", "□暂无计划"]  # not stated
    if programme == "tz-compute-voucher":
        assert beside(doc, "注册资本") == "2000万元"
        assert beside(doc, "登记注册时间") == "2018年11月6日"
        assert beside(doc, "2023年度营业收入") == "8900 万元"   # the unit cell keeps its unit
        assert beside(doc, "2024年度营业收入") == "10400 万元"
        assert beside(doc, "2024年度营业收入增长率") == "16.85 %"   # computed: (10400 - 8900) / 8900
        assert beside(doc, "2024年度研发费用占营业收入比例") == "11.06 %"
        assert beside(doc, "预计2025年度营业收入") == "万元"       # not in the profile: warned
        assert beside(doc, "项目联系人及电话") == "孙晓楠 13900000023"
        [tc] = cells_beside(doc, "2024年纳税")
        [(p, r)] = value_runs(tc)
        assert r.text == "365 万元" and effective(doc, p, r, "font") == "宋体"


def test_tz_listing_plan_and_requested_amount(tmp_path):
    data = sample_dict("tz-compute-voucher")
    data["company"]["listing_plan"] = False
    data["application"]["requested_wan"] = 12.6
    result = fill_dict(data, "tz-compute-voucher", tmp_path)
    doc = Document(str(out_file(tmp_path, "附件1-1")))
    assert beside(doc, "挂牌或上市进展").split("\n") == ["☐计划3年内挂牌或上市", "☑暂无计划"]
    assert beside(doc, "申报支持资金（万元）") == "12.6"
    assert not [w for w in result.warnings if w.label in ("挂牌或上市进展", "申报支持资金（万元）")]


def test_every_label_of_every_map_is_on_our_templates(filled, capsys):
    for programme in FORMS:
        code, _, err = run(capsys, "fill", SAMPLES / programme, "-p", programme,
                           "--out", filled[programme], "--force")
        assert code == 0
        assert "找不到" not in err, err


# --------------------------------------------------------------------------- official forms


def _set_label(doc, old: str, new: str) -> None:
    for table in doc.tables:
        for tr in table._tbl.tr_lst:
            for tc in tr.tc_lst:
                if norm(cell_text(tc)) == norm(old):
                    p = tc.findall(qn("w:p"))[0]
                    for extra in tc.findall(qn("w:p"))[1:]:
                        tc.remove(extra)
                    runs = p.findall(qn("w:r"))
                    for r in runs[1:]:
                        p.remove(r)
                    runs[0].find(qn("w:t")).text = new
                    return
    raise AssertionError(old)


def _variant_sjs(tmp_path: Path) -> Path:
    """Our 附2-1 the way an official download may differ: spaced labels, colons, merged cells,
    and a value cell whose paragraph mark carries its own font (仿宋, 12 pt)."""
    doc = Document(str(TEMPLATES_DIR / "sjs-compute_附2-1_申报书.docx"))
    _set_label(doc, "企业名称", "企 业 名 称：")
    _set_label(doc, "统一社会信用代码", "统一社会信用代码:")
    _set_label(doc, "注册资本（万元）", "注册资本（万元）：")
    _set_label(doc, "纳税地", "纳 税 地 ：")
    table = doc.tables[0]
    # the extra merged cell: 手机 and 座机 of 企业法人 as one cell
    tr = table._tbl.tr_lst[6]
    from docx.table import _Cell
    a, b = (_Cell(tc, table) for tc in tr.tc_lst[3:5])
    a.merge(b)
    # the name's value cell: the paragraph mark says 仿宋 12 pt
    tc = table._tbl.tr_lst[0].tc_lst[1]
    p = tc.findall(qn("w:p"))[0]
    rpr = p.get_or_add_pPr().get_or_add_rPr() if hasattr(p.get_or_add_pPr(), "get_or_add_rPr") else None
    if rpr is None:
        from docx.oxml import OxmlElement
        rpr = OxmlElement("w:rPr")
        p.get_or_add_pPr().append(rpr)
    rf = rpr.makeelement(qn("w:rFonts"), {qn("w:eastAsia"): "仿宋"})
    rpr.append(rf)
    rpr.append(rpr.makeelement(qn("w:sz"), {qn("w:val"): "24"}))
    path = tmp_path / "附件2-1 石景山区支持算力应用项目申报书（下载）.docx"
    doc.save(str(path))
    return path


def test_official_variant_template_fills_the_same(tmp_path, capsys):
    template = _variant_sjs(tmp_path)
    digest = hashlib.sha256(template.read_bytes()).hexdigest()
    code, out, err = run(capsys, "fill", SAMPLES / "sjs-compute", "-p", "sjs-compute",
                         "--template", template, "--out", tmp_path / "out")
    assert code == 0, err
    assert "找不到" not in err
    [path] = (tmp_path / "out").glob("*.docx")
    assert path.name == "附2-1_申报书_北京智算示例科技有限公司.docx"   # recognised as 附2-1
    assert hashlib.sha256(template.read_bytes()).hexdigest() == digest  # never modified
    doc = Document(str(path))
    assert beside(doc, "企 业 名 称：") == "北京智算示例科技有限公司"
    assert beside(doc, "统一社会信用代码:") == "91110107MA01ABCD10"
    assert beside(doc, "注册资本（万元）：") == "1000"
    assert beside(doc, "纳 税 地 ：") == "石景山区"
    assert year_value(doc, "净资产（万元）", 2024) == "9500"
    # the merged phone cell is one w:tc, written once
    [tc] = cells_beside(doc, "手机/座机", row_label="企业法人")
    assert cell_text(tc) == "010-68880000"
    assert len(doc.tables[0]._tbl.tr_lst[6].tc_lst) == 4
    # a new run takes the paragraph mark's font and size
    [tc] = cells_beside(doc, "企 业 名 称：")
    [(p, r)] = value_runs(tc)
    assert effective(doc, p, r, "font") == "仿宋" and effective(doc, p, r, "size") == 24


def test_official_variant_tz_with_spaced_labels(tmp_path):
    doc = Document(str(TEMPLATES_DIR / "tz_附件1-1_申报表.docx"))
    _set_label(doc, "单位名称", "单 位 名 称：")
    _set_label(doc, "单位人数", "单位人数：")
    for t in doc.tables[0]._tbl.iter(qn("w:t")):  # another printing spells 券
        t.text = (t.text or "").replace("劵", "券")
    template = tmp_path / "申报表.docx"
    doc.save(str(template))
    result = fill_dict(sample_dict("tz-model-voucher"), "tz-model-voucher", tmp_path / "out", template=template)
    assert [o.form for o in result.outputs] == ["附件1-1"]
    doc = Document(str(result.outputs[0].docx))
    assert beside(doc, "单位名称") == "北京副中心示例金融科技有限公司"
    assert beside(doc, "单位人数") == "68"
    assert beside(doc, "申报方向（按照《申报指南》政策条款原文内容填写）").split("\n") == ["☐算力券", "", "☑模型券"]
    assert not [w for w in result.warnings if w.code in ("label", "option")]


def test_template_recognised_among_the_programmes_forms(tmp_path, capsys):
    code, out, err = run(capsys, "fill", SAMPLES / "sjs-compute", "-p", "sjs-compute", "--template",
                         TEMPLATES_DIR / "sjs-compute_附2-2_承诺书.docx", "--out", tmp_path)
    assert code == 0, err
    assert [p.name for p in tmp_path.glob("*.docx")] == ["附2-2_承诺书_北京智算示例科技有限公司.docx"]


def test_template_of_another_programme_is_one_line_error(tmp_path, capsys):
    # the error names the form it recognised, and the programme it belongs to
    for other, named in (("tz_附件1-1_申报表.docx", "这是 tz-compute-voucher/tz-model-voucher 的 附件1-1 申报表"),
                         ("bj-compute-voucher_附件3-1_承诺书.docx", "这是 bj-compute-voucher 的 附件3-1")):
        code, out, err = run(capsys, "fill", SAMPLES / "sjs-compute", "-p", "sjs-compute", "--template",
                             TEMPLATES_DIR / other, "--out", tmp_path)
        assert code == 2
        assert err.count("\n") == 1 and named in err and "不是 sjs-compute 的表格" in err, err
        assert other in err
    assert not list(tmp_path.glob("*.docx"))


def test_template_that_is_not_a_word_file(tmp_path, capsys):
    bad = tmp_path / "form.docx"
    bad.write_text("not a zip", encoding="utf-8")
    code, _, err = run(capsys, "fill", SAMPLES / "sjs-compute", "-p", "sjs-compute", "--template", bad,
                       "--out", tmp_path / "out")
    assert code == 2 and err.count("\n") == 1 and "form.docx" in err


# --------------------------------------------------------------------------- warnings, overwrite


def test_warnings_for_missing_profile_fields(tmp_path, capsys):
    code, out, err = run(capsys, "fill", SAMPLES / "sjs-compute", "-p", "sjs-compute", "--out", tmp_path,
                         "--lang", "en")
    assert code == 0
    lines = [line for line in err.splitlines() if not line.startswith("wrote ")]
    assert all(line.startswith("subsidy: warning: ") for line in lines)
    assert any("净资产（万元） 2025年" in l and "company.finance.2025.net_assets" in l for l in lines)
    assert any("company.municipal_support_wan" in l for l in lines)
    assert any("起止年限" in l and "application.project_start" in l for l in lines)
    assert out == "" and len([line for line in err.splitlines() if line.startswith("wrote ")]) == 2


def test_warnings_for_labels_not_on_the_form(tmp_path, capsys):
    doc = Document(str(TEMPLATES_DIR / "sjs-compute_附2-1_申报书.docx"))
    _set_label(doc, "纳税地", "纳税所在区")
    _set_label(doc, "算力所在地", "算力部署位置")
    template = tmp_path / "form.docx"
    doc.save(str(template))
    code, _, err = run(capsys, "fill", SAMPLES / "sjs-compute", "-p", "sjs-compute", "--template", template,
                       "--out", tmp_path / "out")
    assert code == 0
    assert "表格中找不到“纳税地”" in err
    assert err.count("表格中找不到“算力所在地") == 2     # one per contract block


def test_refuses_to_overwrite_without_force(tmp_path, capsys):
    args = ("fill", SAMPLES / "tz-model-voucher", "-p", "tz-model-voucher", "--out", tmp_path)
    assert run(capsys, *args)[0] == 0
    target = out_file(tmp_path, "附件1-1")
    target.write_bytes(b"mine")
    code, out, err = run(capsys, *args)
    assert code == 2 and err.count("\n") == 1 and "--force" in err and target.name in err
    assert target.read_bytes() == b"mine"
    code, out, err = run(capsys, *args, "--force")
    assert code == 0
    Document(str(target))


def test_programme_is_required_when_the_profile_does_not_name_one(tmp_path, capsys, write_profile):
    text = (SAMPLES / "sjs-compute" / "subsidy.toml").read_text(encoding="utf-8")
    path = write_profile(text.replace('programmes = ["sjs-compute"]\n', ""))
    code, _, err = run(capsys, "fill", path, "--out", tmp_path / "out")
    assert code == 2 and "--programme" in err
    code, _, err = run(capsys, "fill", SAMPLES / "sjs-compute", "-p", "nope", "--out", tmp_path / "out")
    assert code == 2 and "未知项目 nope" in err
    code, _, err = run(capsys, "fill", SAMPLES / "sjs-compute", "--out", tmp_path / "out")
    assert code == 0  # [application].programmes names one


def test_programme_without_forms(tmp_path, capsys):
    code, _, err = run(capsys, "fill", SAMPLES / "bda-model-voucher", "-p", "bda-model-voucher",
                       "--out", tmp_path)
    assert code == 2 and err.count("\n") == 1


# --------------------------------------------------------------------------- PDF


def test_pdf_without_libreoffice_warns_and_writes_the_docx(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", "")
    code, out, err = run(capsys, "fill", SAMPLES / "bj-compute-voucher", "-p", "bj-compute-voucher",
                         "--out", tmp_path, "--pdf", "--lang", "en")
    assert code == 0
    assert [l for l in err.splitlines() if "LibreOffice" in l] == [
        "subsidy: warning: LibreOffice (soffice / libreoffice) not found: no PDF written; the Word files are written"]
    assert out_file(tmp_path, "附件3-1").is_file()
    assert not list(tmp_path.glob("*.pdf"))


@pytest.mark.libreoffice
@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                    reason="LibreOffice (soffice) is not installed")
def test_pdf_through_libreoffice(tmp_path, capsys):
    code, out, err = run(capsys, "fill", SAMPLES / "sjs-compute", "-p", "sjs-compute", "--out", tmp_path, "--pdf")
    assert code == 0, err
    pdfs = sorted(tmp_path.glob("*.pdf"))
    assert [p.stem for p in pdfs] == sorted(p.stem for p in tmp_path.glob("*.docx"))
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)


# --------------------------------------------------------------------------- data and imports


def test_every_map_loads_and_every_form_has_one():
    maps = {p.stem: load_map(p) for p in FORMS_DIR.glob("*.toml")}
    for prog in load_round().values():
        for form in prog.forms:
            key = form["template"].rsplit("_", 1)[0]
            assert key in maps, key
            assert maps[key].form == form["id"]


def _imported_after(statement: str) -> list[str]:
    code = (f"import sys\n{statement}\n"
            "sys.stderr.write(repr(sorted(m for m in ('docx', 'typer', 'rich') if m in sys.modules)))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    return eval(proc.stderr.strip().splitlines()[-1])


def test_fill_core_does_not_import_typer_rich_or_docx_at_import():
    # the core never needs typer or rich; python-docx only once a form is filled
    assert _imported_after("import subsidy_cli.fill, subsidy_cli.fill.maps, subsidy_cli.fill.pdf") == []
    assert _imported_after("import subsidy_cli.fill.docx_fill") == ["docx"]
    # the command module itself imports python-docx only inside the command
    assert "docx" not in _imported_after("import subsidy_cli.commands.fill")
    for path in (ROOT / "subsidy_cli" / "fill").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+(typer|rich)\b", text, re.M), path.name
        assert len(text.splitlines()) <= 400, path.name       # modules stay small
