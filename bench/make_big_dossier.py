"""Generate a big dossier for benchmarks: 300 files (subsidy.toml included), 3,000 PDF pages.

    .venv/bin/python bench/make_big_dossier.py DIR [--contracts N]

An sjs-compute dossier of the sample company (sample_dossiers/sjs-compute) with 47 compute
contracts instead of two. Per contract: a 39-page 合同, two 9-page 结算单, two 1-page 发票 and
one 1-page 银行回单 (6 files, 60 pages). The programme's other materials follow (申报书 .docx and
scan, 承诺书, 资质证明, 证照, a padded 审计报告) plus monthly 2024 纳税申报表 to reach exactly 300 files
(the subsidy.toml included) and 3,000 pages. The documents come from sample_dossiers/generate.py, so they read the same way
as the samples. Not committed: the benchmark writes it into a temp dir. Deterministic.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import importlib.util
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_FILES, TARGET_PAGES = 300, 3000
CONTRACT_PAGES, SETTLEMENT_PAGES = 39, 9

SUPPLIERS = [
    ("北京云算力有限公司", "91110108MA01G0FB09"),
    ("北京云擎示例智算科技有限公司", "91110105MA01Y2CK8Q"),
    ("北京昇智示例算力科技有限公司", "91110108MA00HQ3T6R"),
    ("北京海算示例云计算有限公司", "91110108MA01DQ8J7L"),
]


def _generator():
    spec = importlib.util.spec_from_file_location("sample_generate", REPO / "sample_dossiers" / "generate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _wan(amount: Decimal) -> str:
    return f'"{amount.normalize():f}万"'


def profile_text(n_contracts: int) -> str:
    """The sample sjs-compute company with ``n_contracts`` compute contracts, each settled twice,
    invoiced twice and paid once, all inside the 2024-03-19 .. 2025-10-20 window."""
    base = (REPO / "sample_dossiers" / "sjs-compute" / "subsidy.toml").read_text(encoding="utf-8")
    head = base.split("[[contracts]]")[0]
    head = head.replace("# 石景山区 算力应用支持资金", "# BENCHMARK dossier (bench/make_big_dossier.py)", 1)
    out = [head.rstrip() + "\n"]
    for i in range(n_contracts):
        sup, code = SUPPLIERS[i % len(SUPPLIERS)]
        signed = dt.date(2024, 4, 1) + dt.timedelta(days=7 * i)
        end = signed + dt.timedelta(days=364)
        d1, d2 = signed + dt.timedelta(days=90), signed + dt.timedelta(days=180)
        half = Decimal(10 + i % 7)                       # 万元 per settlement
        total = half * 2
        out.append(f"""
[[contracts]]
id = "BIG-HT-{i + 1:03d}"
kind = "compute"
supplier = "{sup}"
supplier_credit_code = "{code}"
affiliated = false
signed_on = {signed}
start = {signed}
end = {end}
amount = {_wan(total * 2)}
scale_p = {8 * (1 + i % 4)}
accelerator = "{'910B' if i % 2 else 'A800'}"
accelerator_domestic = {'true' if i % 2 else 'false'}
location = "石景山区 示例智算中心"
purpose = "大模型训练与推理（批次{i + 1}）"
deliveries = [
  {{ date = {d1}, amount = {_wan(half)} }},
  {{ date = {d2}, amount = {_wan(half)} }},
]
invoices = [
  {{ number = "{d1:%y}112000{i:04d}{1:08d}", date = {d1 + dt.timedelta(days=5)}, amount = {_wan(half)} }},
  {{ number = "{d2:%y}112000{i:04d}{2:08d}", date = {d2 + dt.timedelta(days=5)}, amount = {_wan(half)} }},
]
payments = [ {{ date = {d2 + dt.timedelta(days=10)}, amount = {_wan(total)} }} ]
""")
    return "".join(out)


def _pages(path: Path) -> int:
    from pypdf import PdfReader
    return len(PdfReader(str(path)).pages)


def make(out: Path, n_contracts: int = 47) -> tuple[int, int]:
    """Write the dossier into ``out``; returns (files incl. subsidy.toml, PDF pages)."""
    gen = _generator()
    out.mkdir(parents=True, exist_ok=True)
    text = profile_text(n_contracts)
    (out / "subsidy.toml").write_text(text, encoding="utf-8")
    dossier = gen.Dossier("sjs-compute", tomllib.loads(text), out)
    dossier.pages = {"contract": CONTRACT_PAGES, "settlement": SETTLEMENT_PAGES}
    dossier.build()
    files = [p for p in out.rglob("*") if p.is_file() and p.name != "subsidy.toml"]
    pages = {p: _pages(p) for p in files if p.suffix == ".pdf"}
    # monthly tax returns (1 page each) up to the file target, then pad the audit report
    month, spare = 0, TARGET_FILES - 1 - len(files)
    while spare > 0:
        month += 1
        name = f"2024年{month:02d}月纳税申报表.pdf"
        pdf = dossier.pdf(gen.F_FIN, name, "增值税及附加税费申报表")
        pdf.title("增值税及附加税费申报表（一般纳税人适用）", 14)
        pdf.kv("纳税人名称", dossier.name)
        pdf.kv("纳税人识别号", dossier.code)
        last = calendar.monthrange(2024, (month - 1) % 12 + 1)[1]
        pdf.kv("税款所属期", f"2024年{(month - 1) % 12 + 1}月1日至2024年{(month - 1) % 12 + 1}月{last}日")
        pdf.save()
        pages[out / gen.F_FIN / name] = 1
        spare -= 1
    audit = out / gen.F_FIN / "2024年度审计报告.pdf"
    missing = TARGET_PAGES - sum(pages.values())
    if missing > 0:
        dossier.pages["audit"] = pages[audit] + missing
        dossier.write_audit()
        pages[audit] = _pages(audit)
    n_files = sum(1 for p in out.rglob("*") if p.is_file())
    return n_files, sum(pages.values())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--contracts", type=int, default=47)
    args = ap.parse_args(argv)
    files, pages = make(args.dir, args.contracts)
    print(f"{args.dir}: {files} files (incl. subsidy.toml), {pages} PDF pages")
    return 0 if (files, pages) == (TARGET_FILES, TARGET_PAGES) or args.contracts != 47 else 1


if __name__ == "__main__":
    sys.exit(main())
