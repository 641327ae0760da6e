"""Generate templates/ledger.xlsx, the contract ledger template (`subsidy ledger import`).

Sheets 合同, 结算, 发票, 付款 with Chinese headers, a note on each header (the profile key and
what to write), a drop-down for 类型 and the 是/否 columns, money and date formats. Run:
    .venv/bin/python templates/build_ledger.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from subsidy_cli.ledger import (BOOL_KEYS, CONTRACT_COLUMNS, CONTRACT_SHEET, DATE_FORMAT,  # noqa: E402
                                ENTRY_COLUMNS, ENTRY_SHEETS, MONEY_FORMAT, column_letter, save_ledger)
from subsidy_cli.profile import CONTRACT_KINDS  # noqa: E402

NOTES = {
    "id": "必填。合同编号，唯一（profile: id）",
    "kind": "必填。compute / model-api / model-private / model-cloud / model-appliance / lease / operating"
            "（也可写：算力、模型API、私有化部署、云化部署、一体机、租赁、运营）",
    "affiliated": "是 / 否：供应商是否为关联方（关联方合同不计入）",
    "amount": "合同总金额（元），可写 1200000、1,200,000.00、120万",
    "compute_amount": "算力券：合同中仅算力部分的金额（含存储、网络等其他服务时必填）",
    "model_amount": "模型券：合同中模型部分的金额",
    "hardware_amount": "一体机：硬件部分金额（不计入）",
    "other_services": "合同还包含的其他服务，如 存储、网络带宽（、分隔）",
    "accelerator_domestic": "是 / 否",
    "model_filed": "是 / 否：所用大模型是否已备案",
    "contract": "必填。对应“合同”表中的合同编号",
    "date": "必填。日期，如 2025-06-30",
    "number": "发票号码等",
}
ROWS = 500


def build(path: Path) -> Path:
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.worksheet.datavalidation import DataValidation

    sheets = {CONTRACT_SHEET: [[h for _, h in CONTRACT_COLUMNS]]}
    for _, sheet in ENTRY_SHEETS:
        sheets[sheet] = [[h for _, h in ENTRY_COLUMNS]]
    save_ledger(sheets, path)
    wb = load_workbook(path)
    for ws in wb.worksheets:
        columns = CONTRACT_COLUMNS if ws.title == CONTRACT_SHEET else ENTRY_COLUMNS
        for c, (key, header) in enumerate(columns, start=1):
            note = NOTES.get(key, "")
            ws.cell(row=1, column=c).comment = Comment(f"{header}（{key}）{('：' + note) if note else ''}", "subsidy")
            letter = column_letter(c)
            for r in range(2, ROWS + 2):
                if key in {"amount", "compute_amount", "model_amount", "hardware_amount"}:
                    ws[f"{letter}{r}"].number_format = MONEY_FORMAT
                elif key in {"date", "signed_on", "start", "end"}:
                    ws[f"{letter}{r}"].number_format = DATE_FORMAT
        if ws.title == CONTRACT_SHEET:
            kinds = DataValidation(type="list", formula1='"' + ",".join(CONTRACT_KINDS) + '"', allow_blank=True)
            yes_no = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
            ws.add_data_validation(kinds)
            ws.add_data_validation(yes_no)
            for c, (key, _) in enumerate(CONTRACT_COLUMNS, start=1):
                rng = f"{column_letter(c)}2:{column_letter(c)}{ROWS + 1}"
                if key == "kind":
                    kinds.add(rng)
                elif key in BOOL_KEYS:
                    yes_no.add(rng)
    wb.save(path)
    return path


if __name__ == "__main__":
    out = build(HERE / "ledger.xlsx")
    packaged = HERE.parent / "subsidy_cli" / "data" / "templates" / "ledger.xlsx"   # the wheel's copy
    packaged.parent.mkdir(parents=True, exist_ok=True)
    packaged.write_bytes(out.read_bytes())
    print(f"wrote {out} and {packaged}")
