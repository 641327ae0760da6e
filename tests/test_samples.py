"""The sample dossiers (sample_dossiers/) and their generator.

These tests read the committed files and regenerate them into a temp dir; they do not use the
dossier scanner (its rules may change), only pypdf, python-docx and the profile loader.
"""

from __future__ import annotations

import importlib.util
import tomllib
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from subsidy_cli.profile import load_profile
from subsidy_cli.scan.cn_numerals import parse_cn_upper

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_dossiers"


def _load_generator():
    spec = importlib.util.spec_from_file_location("sample_generate", SAMPLES / "generate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


gen = _load_generator()
COMPLETE = list(gen.PROGRAMMES)
FLAWED = [f"{pid}-flawed-{gen.FLAWS[pid][0]}" for pid in gen.PROGRAMMES]


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def _has_image(path: Path) -> bool:
    """True when some page draws an image XObject (directly or inside a form XObject)."""
    def walk(resources, depth=0) -> bool:
        if resources is None or depth > 4:
            return False
        xobjects = resources.get("/XObject")
        if xobjects is None:
            return False
        for ref in xobjects.get_object().values():
            xo = ref.get_object()
            if xo.get("/Subtype") == "/Image":
                return True
            if xo.get("/Subtype") == "/Form" and walk(xo.get("/Resources"), depth + 1):
                return True
        return False
    return any(walk(page.get("/Resources")) for page in PdfReader(str(path)).pages)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    gen.generate(out)
    return out


# --- the generator ---------------------------------------------------------------------------


def test_generator_is_deterministic(generated, tmp_path) -> None:
    gen.generate(tmp_path, ["sjs-compute", "bj-compute-voucher"])
    for pid in ("sjs-compute", "bj-compute-voucher-flawed-buyer-mismatch"):
        names = _files(tmp_path / pid)
        assert names == _files(generated / pid)
        for name in names:
            assert (tmp_path / pid / name).read_bytes() == (generated / pid / name).read_bytes(), name


@pytest.mark.parametrize("dossier", COMPLETE + FLAWED)
def test_committed_files_match_the_generator(generated, dossier) -> None:
    committed, fresh = SAMPLES / dossier, generated / dossier
    assert _files(committed) == _files(fresh)
    for name in _files(committed):
        a, b = committed / name, fresh / name
        if name.endswith(".pdf"):
            assert _pdf_text(a) == _pdf_text(b), name
        elif name.endswith(".docx"):
            with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
                assert za.read("word/document.xml") == zb.read("word/document.xml"), name
        else:
            assert a.read_bytes() == b.read_bytes(), name


def test_readme_matches_the_generator(generated) -> None:
    assert (SAMPLES / "README.md").read_text(encoding="utf-8") == (generated / "README.md").read_text(encoding="utf-8")


def test_pdf_metadata_is_fixed(generated) -> None:
    info = PdfReader(str(generated / "sjs-compute" / "02_合同" / "合同_HT-2024-001.pdf")).metadata
    assert info["/Creator"] == "subsidy sample_dossiers/generate.py"
    assert info["/CreationDate"].startswith("D:2000")  # reportlab invariant mode


@pytest.mark.parametrize("amount, words", [
    ("12000000", "壹仟贰佰万元整"), ("1971000", "壹佰玖拾柒万壹仟元整"), ("375000", "叁拾柒万伍仟元整"),
    ("100000000", "壹亿元整"), ("100010000", "壹亿零壹万元整"), ("10005", "壹万零伍元整"),
    ("1001000.5", "壹佰万壹仟元伍角"), ("1000100", "壹佰万零壹佰元整"), ("0.05", "伍分"), ("10", "壹拾元整"), ("0", "零元整"),
    ("5660377.36", "伍佰陆拾陆万零叁佰柒拾柒元叁角陆分"), ("1200.08", "壹仟贰佰元零捌分"),
])
def test_cn_upper(amount, words) -> None:
    assert gen.cn_upper(Decimal(amount)) == words


@pytest.mark.parametrize("amount", ["1", "10", "101", "1010", "10001", "100100", "2030405.67", "98000000",
                                    "60000000", "123456789.12", "100000001", "7000.1"])
def test_cn_upper_reads_back(amount) -> None:
    assert parse_cn_upper(gen.cn_upper(Decimal(amount), "圆")) == Decimal(amount)


def test_money() -> None:
    assert gen.money("197.1万") == Decimal("1971000.00")
    assert gen.money("1.2亿") == Decimal("120000000.00")
    assert gen.money(1200) == Decimal("1200.00")


# --- the committed dossiers ------------------------------------------------------------------


@pytest.mark.parametrize("dossier", COMPLETE + FLAWED)
def test_profile_loads(dossier) -> None:
    profile = load_profile(SAMPLES / dossier / "subsidy.toml")
    assert profile.contracts


@pytest.mark.parametrize("pid", COMPLETE)
def test_complete_dossier_has_every_document(pid) -> None:
    folder = SAMPLES / pid
    raw = tomllib.loads((folder / "subsidy.toml").read_text(encoding="utf-8"))
    names = _files(folder)
    for c in raw["contracts"]:
        assert f"02_合同/合同_{c['id']}.pdf" in names
        for d in c.get("deliveries", []):
            assert f"04_结算单/结算单_{c['id']}_{d['date'].isoformat()}.pdf" in names
        for inv in c.get("invoices", []):
            assert f"03_发票/{inv['number']}.pdf" in names
        for p in c.get("payments", []):
            assert f"05_付款凭证/银行回单_{c['id']}_{p['date'].isoformat()}.pdf" in names
    for name in names:
        assert (folder / name).stat().st_size < 40_000, name  # small files


@pytest.mark.parametrize("pid", COMPLETE)
def test_documents_carry_the_profile_facts(pid) -> None:
    folder = SAMPLES / pid
    raw = tomllib.loads((folder / "subsidy.toml").read_text(encoding="utf-8"))
    company = raw["company"]["name"]
    c = raw["contracts"][0]
    text = _pdf_text(folder / "02_合同" / f"合同_{c['id']}.pdf").replace(" ", "")
    assert c["id"] in text and company in text and c["supplier"] in text
    assert gen.cn_upper(gen.money(c["amount"])) in text
    inv = c["invoices"][0]
    text = _pdf_text(folder / "03_发票" / f"{inv['number']}.pdf").replace(" ", "")
    assert inv["number"] in text and company in text and raw["company"]["credit_code"] in text
    assert gen.cn_upper(gen.money(inv["amount"]), "圆") in text


STAMPED = {
    "sjs-compute": ["01_申报书/附2-2_承诺书.pdf", "07_企业证照/开户许可证_基本存款账户信息.pdf",
                    "01_申报书/附2-1_石景山区支持算力应用项目申报书（盖章扫描件）.pdf"],
    "sjs-platform": ["01_申报书/附4-2_承诺书.pdf", "07_企业证照/开户许可证_基本存款账户信息.pdf",
                     "01_申报书/附4-1_石景山区建设产业服务平台项目申报书（盖章扫描件）.pdf"],
    "bj-compute-voucher": ["01_申报书/附件3-1_承诺书.pdf"],
    "tz-compute-voucher": ["01_申报书/附件1-2_承诺书.pdf"],
    "tz-model-voucher": ["01_申报书/附件1-2_承诺书.pdf", "09_情况说明/大模型情况说明（基本情况及应用成效）.pdf"],
    "bda-model-voucher": ["01_申报书/承诺书.pdf", "07_企业证照/开户许可证_基本存款账户信息.pdf"],
}


@pytest.mark.parametrize("pid", COMPLETE)
def test_stamped_pdfs_contain_an_image(pid) -> None:
    for name in STAMPED[pid]:
        assert _has_image(SAMPLES / pid / name), name


MARKERS = {"sjs-compute": "石景山区推进人工智能大模型产业集聚区建设发展支持办法",
           "bj-compute-voucher": "北京市高精尖产业发展资金承诺书",
           "tz-compute-voucher": "北京城市副中心数字经济高质量发展项目申报承诺书"}


@pytest.mark.parametrize("pid", list(MARKERS))
def test_undertaking_is_the_programme_template(pid) -> None:
    text = "".join(_pdf_text(SAMPLES / pid / STAMPED[pid][0]).split())
    assert MARKERS[pid] in text


# --- the flawed dossiers ---------------------------------------------------------------------


@pytest.mark.parametrize("pid", COMPLETE)
def test_flawed_readme_names_its_flaw(pid) -> None:
    slug, zh, en = gen.FLAWS[pid]
    readme = (SAMPLES / f"{pid}-flawed-{slug}" / "README.md").read_text(encoding="utf-8")
    assert f"Flaw: {en}" in readme and zh in readme
    assert f"{pid}-flawed-{slug}" in (SAMPLES / "README.md").read_text(encoding="utf-8")


def test_each_flaw_is_there() -> None:
    d = SAMPLES / "sjs-compute-flawed-missing-settlement"
    assert not (d / "04_结算单" / "结算单_HT-2024-001_2024-12-31.pdf").exists()
    assert (SAMPLES / "sjs-compute" / "04_结算单" / "结算单_HT-2024-001_2024-12-31.pdf").exists()

    d = SAMPLES / "sjs-platform-flawed-unstamped-undertaking"
    assert not _has_image(d / "01_申报书" / "附4-2_承诺书.pdf")
    assert "承诺书" in _pdf_text(d / "01_申报书" / "附4-2_承诺书.pdf")

    d = SAMPLES / "bj-compute-voucher-flawed-buyer-mismatch"
    text = _pdf_text(d / "03_发票" / "25112000220000000006.pdf").replace(" ", "")
    assert gen.OTHER_BUYER[0] in text and "北京深言示例智能科技有限公司" not in text

    d = SAMPLES / "tz-compute-voucher-flawed-duplicate-invoice"
    hits = [p for p in (d / "03_发票").iterdir() if "24112000230000000001" in _pdf_text(p)]
    assert len(hits) == 2

    d = SAMPLES / "tz-model-voucher-flawed-undeclared-invoice"
    assert (d / "03_发票" / "25112000240000000009.pdf").exists()
    raw = tomllib.loads((d / "subsidy.toml").read_text(encoding="utf-8"))
    assert "25112000240000000009" not in {i["number"] for c in raw["contracts"] for i in c["invoices"]}

    d = SAMPLES / "bda-model-voucher-flawed-out-of-window"
    assert str(load_profile(d / "subsidy.toml").get("application.date")) == "2025-09-20"


def test_original_profiles_untouched_by_flaws() -> None:
    for pid in COMPLETE:
        original = (SAMPLES / pid / "subsidy.toml").read_text(encoding="utf-8")
        flawed = (SAMPLES / f"{pid}-flawed-{gen.FLAWS[pid][0]}" / "subsidy.toml").read_text(encoding="utf-8")
        if pid != "bda-model-voucher":
            assert flawed.endswith(original)


# --- the benchmark dossier (generated by the benchmark, not committed) ------------------------


def test_big_dossier_profile_is_consistent(tmp_path) -> None:
    spec = importlib.util.spec_from_file_location("make_big_dossier", ROOT / "bench" / "make_big_dossier.py")
    big = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(big)
    path = tmp_path / "subsidy.toml"
    path.write_text(big.profile_text(47), encoding="utf-8")
    profile = load_profile(path)
    assert len(profile.contracts) == 47
    numbers = [i.number for c in profile.contracts for i in c.invoices]
    assert len(numbers) == len(set(numbers)) == 94 and all(len(n) == 20 and n.isdigit() for n in numbers)
    # 6 files and 60 pages per contract; the programme's other materials make up 300 / 3,000
    assert 47 * 6 < big.TARGET_FILES and 47 * (big.CONTRACT_PAGES + 2 * big.SETTLEMENT_PAGES + 3) < big.TARGET_PAGES


@pytest.mark.parametrize("pid", ["sjs-compute", "sjs-platform", "tz-compute-voucher", "tz-model-voucher"])
def test_application_form_is_the_filled_template(pid) -> None:
    import docx
    tpl, stem = gen.APPLICATION_TEMPLATE[pid]
    raw = tomllib.loads((SAMPLES / pid / "subsidy.toml").read_text(encoding="utf-8"))
    filled = docx.Document(str(SAMPLES / pid / "01_申报书" / f"{stem}.docx"))
    blank = docx.Document(str(ROOT / "templates" / tpl))
    text = "".join(tc.xpath("string(.)") for tc in filled.tables[0]._tbl.iter(filled.tables[0]._tbl.tr_lst[0].tc_lst[0].tag))
    assert raw["company"]["name"] in text and raw["company"]["credit_code"] in text
    assert [p.text for p in filled.paragraphs] == [p.text for p in blank.paragraphs]  # wording unchanged
    assert "☑" in text
