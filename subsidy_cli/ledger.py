"""The contract ledger: an Excel workbook (sheets 合同, 结算, 发票, 付款) <-> ``[[contracts]]``.

``read_ledger`` turns the workbook into the profile's contract tables, converting each cell
with the profile's own converters; every error names the sheet, row and column
(``ledger.xlsx: 合同!E3 (合同金额): negative amount …``). ``contracts_toml`` writes them as TOML
(a small writer for exactly this subset); ``merge_into`` adds them to a profile's text,
appending new ``[[contracts]]`` blocks and replacing a block only when nothing it holds would
be lost, never touching any other text. ``write_ledger`` writes a profile's contracts back.

openpyxl is imported inside the functions that need it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from .errors import InputError
from .workbook import column_letter
from .profile import CONTRACT, CONTRACT_KINDS, ENTRY, Profile, _Bad

# (key, header) in column order; the headers are the template's.
CONTRACT_COLUMNS = [
    ("id", "合同编号"), ("kind", "类型"), ("supplier", "供应商"), ("supplier_credit_code", "供应商统一社会信用代码"),
    ("affiliated", "是否关联方"), ("signed_on", "签订日期"), ("start", "执行开始"), ("end", "执行结束"),
    ("amount", "合同金额"), ("compute_amount", "其中算力金额"), ("model_amount", "其中模型金额"),
    ("hardware_amount", "其中硬件金额"), ("other_services", "其他服务（、分隔）"), ("scale_p", "算力规模（P）"),
    ("accelerator", "加速卡型号"), ("accelerator_domestic", "是否国产加速卡"), ("location", "算力所在地"),
    ("purpose", "用途"), ("model_name", "模型名称"), ("model_filed", "模型是否已备案"), ("area_m2", "面积（m²）"),
    ("file", "合同文件"),
]
ENTRY_COLUMNS = [("contract", "合同编号"), ("date", "日期"), ("amount", "金额"), ("number", "号码"),
                 ("note", "备注"), ("file", "文件")]
ENTRY_SHEETS = [("deliveries", "结算"), ("invoices", "发票"), ("payments", "付款")]
CONTRACT_SHEET = "合同"
SHEETS = [CONTRACT_SHEET] + [s for _, s in ENTRY_SHEETS]
KIND_ALIASES = {"算力": "compute", "算力租赁": "compute", "模型api": "model-api", "api": "model-api",
                "私有化部署": "model-private", "云化部署": "model-cloud", "一体机": "model-appliance",
                "租赁": "lease", "场地租赁": "lease", "运营": "operating", "运营费用": "operating"}
BOOLS = {"是": True, "否": False, "true": True, "false": False, "yes": True, "no": False, "1": True,
         "0": False, "y": True, "n": False}
MONEY_FORMAT = "¥#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
LIST_KEYS = {"other_services"}
BOOL_KEYS = {"affiliated", "accelerator_domestic", "model_filed"}
ENTRY_KEYS = [k for k, _ in ENTRY_SHEETS]
CONTRACT_KEY_ORDER = [k for k, _ in CONTRACT_COLUMNS] + ENTRY_KEYS


# --- reading the workbook ---------------------------------------------------------------------------

def _cell_error(path: Path, sheet: str, row: int, col: int, header: str, code: str, **params) -> InputError:
    return InputError(path, code, key=f"{sheet}!{column_letter(col)}{row} ({header})", **params)


def _prepare(key: str, value: Any) -> Any:
    """Spreadsheet cell -> what the profile converter expects."""
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            raise _Bad("ledger.datetime", got=str(value))
        return value.date()
    if isinstance(value, str):
        value = value.strip()
    if key == "kind" and isinstance(value, str):
        return KIND_ALIASES.get(value.lower(), value)
    if key in BOOL_KEYS and isinstance(value, (str, int)) and not isinstance(value, bool):
        text = str(value).strip().lower()
        if text not in BOOLS:
            raise _Bad("ledger.bool", got=repr(value))
        return BOOLS[text]
    if key in LIST_KEYS and isinstance(value, str):
        return [p.strip() for p in re.split(r"[、,，;；]", value) if p.strip()]
    if key in {"number", "supplier_credit_code", "id", "contract"} and isinstance(value, (int, float)) \
            and not isinstance(value, bool):
        if abs(value) >= 10 ** 15:
            raise _Bad("ledger.digits", got=repr(value))
        return str(int(value)) if float(value).is_integer() else str(value)
    if key in {"scale_p", "area_m2"} and isinstance(value, str):
        try:
            return float(value) if "." in value else int(value)
        except ValueError:
            raise _Bad("value.number", got=repr(value)) from None
    return value


MAX_ROWS = 100_000          # rows of one sheet: a real ledger has hundreds
MAX_EMPTY_RUN = 1_000       # a sheet formatted to its last row ends after this many empty rows


def _rows(path: Path, ws, sheet: str):
    """(row number, values) from row 2, ending after a long run of empty rows; a sheet with more
    rows than any ledger has is refused rather than read for minutes."""
    empty = 0
    rows = enumerate(ws.iter_rows(min_row=2, values_only=True), start=2)
    r = 1
    while True:
        try:
            r, values = next(rows)
        except StopIteration:
            return
        except (ValueError, TypeError, OverflowError):      # openpyxl on a cell such as <v>NaN</v>
            raise InputError(path, "ledger.unreadable_row", key=f"sheet {sheet}", row=r + 1) from None
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            empty += 1
            if empty >= MAX_EMPTY_RUN:
                return
            continue
        empty = 0
        if r > MAX_ROWS:
            raise InputError(path, "ledger.too_many_rows", key=f"sheet {sheet}", limit=MAX_ROWS)
        yield r, values


def _header_map(path: Path, ws, columns: list[tuple[str, str]], sheet: str) -> dict[int, str]:
    """Column index -> key, from the header row (the template's headers, any order)."""
    by_header = {h: k for k, h in columns}
    by_header.update({k: k for k, _ in columns})            # the profile key works as a header too
    found: dict[int, str] = {}
    for c, cell in enumerate(next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ()), start=1):
        if cell is None or str(cell).strip() == "":
            continue
        name = str(cell).strip()
        if name not in by_header:
            raise _cell_error(path, sheet, 1, c, name, "ledger.column", name=repr(name),
                              known="、".join(h for _, h in columns))
        found[c] = by_header[name]
    required = ["id", "kind"] if sheet == CONTRACT_SHEET else ["contract", "date", "amount"]
    missing = [h for k, h in columns if k in required and k not in found.values()]
    if missing:
        raise InputError(path, "ledger.missing_columns", key=f"sheet {sheet}", columns="、".join(missing))
    return found


def read_ledger(path: str | Path) -> list[dict]:
    """The ledger's contracts as profile ``[[contracts]]`` tables (converted values)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "file.no_such")
    from .safezip import ZipProblem, check_zip
    try:
        check_zip(path)                  # counted while decompressing: lying size headers do not pass
    except ZipProblem as exc:
        if exc.code == "zip.unreadable":
            raise InputError(path, "ledger.not_xlsx", **exc.params) from None
        raise InputError(path, exc.code, **exc.params) from None
    import warnings

    from openpyxl import load_workbook
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # "no default style" and the like: noise, not the user's problem
            wb = load_workbook(path, data_only=True, read_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is one input error
        raise InputError(path, "ledger.not_xlsx", error=type(exc).__name__) from None
    try:
        missing = [s for s in SHEETS if s not in wb.sheetnames]
        if CONTRACT_SHEET in missing:
            raise InputError(path, "ledger.no_sheet", sheet=CONTRACT_SHEET, sheets="、".join(SHEETS))
        contracts: list[dict] = []
        rows_of: dict[str, int] = {}
        ws = wb[CONTRACT_SHEET]
        cols = _header_map(path, ws, CONTRACT_COLUMNS, CONTRACT_SHEET)
        headers = dict(CONTRACT_COLUMNS)
        for r, values in _rows(path, ws, CONTRACT_SHEET):
            row = {k: values[c - 1] for c, k in cols.items() if c - 1 < len(values)}
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in row.values()):
                continue
            out: dict = {}
            for c, key in cols.items():
                value = values[c - 1] if c - 1 < len(values) else None
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue
                try:
                    out[key] = CONTRACT[key](_prepare(key, value))
                except _Bad as exc:
                    raise _cell_error(path, CONTRACT_SHEET, r, c, headers[key], exc.code, **exc.params) from None
            col_of = {k: c for c, k in cols.items()}
            for need in ("id", "kind"):
                if need not in out:
                    raise _cell_error(path, CONTRACT_SHEET, r, col_of[need], headers[need],
                                      "ledger.contract_required", kinds=", ".join(CONTRACT_KINDS))
            if out["id"] in rows_of:
                raise _cell_error(path, CONTRACT_SHEET, r, col_of["id"], headers["id"],
                                  "ledger.id_twice", id=out["id"], first_row=rows_of[out["id"]])
            if "start" in out and "end" in out and out["end"] < out["start"]:
                raise _cell_error(path, CONTRACT_SHEET, r, col_of["end"], headers["end"],
                                  "profile.end_before_start", end=out["end"], start=out["start"])
            for part in ("compute_amount", "model_amount", "hardware_amount"):
                if part in out and "amount" in out and out[part] > out["amount"]:
                    raise _cell_error(path, CONTRACT_SHEET, r, col_of[part], headers[part],
                                      "profile.part_exceeds", part=part, value=out[part], amount=out["amount"])
            rows_of[out["id"]] = r
            contracts.append(out)
        by_id = {c["id"]: c for c in contracts}
        eheaders = dict(ENTRY_COLUMNS)
        for key, sheet in ENTRY_SHEETS:
            if sheet not in wb.sheetnames:
                continue
            ws = wb[sheet]
            cols = _header_map(path, ws, ENTRY_COLUMNS, sheet)
            col_of = {k: c for c, k in cols.items()}
            for r, values in _rows(path, ws, sheet):
                cells = {k: (values[c - 1] if c - 1 < len(values) else None) for c, k in cols.items()}
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
                    continue
                entry: dict = {}
                for k, value in cells.items():
                    if value is None or (isinstance(value, str) and not value.strip()):
                        if k in {"contract", "date", "amount"}:
                            raise _cell_error(path, sheet, r, col_of[k], eheaders[k], "ledger.entry_required")
                        continue
                    try:
                        value = _prepare(k, value)
                        entry[k] = value if k == "contract" else ENTRY[k](value)
                    except _Bad as exc:
                        raise _cell_error(path, sheet, r, col_of[k], eheaders[k], exc.code, **exc.params) from None
                    if k == "contract" and not isinstance(entry[k], str):
                        raise _cell_error(path, sheet, r, col_of[k], eheaders[k], "ledger.contract_id_text")
                cid = entry.pop("contract")
                if cid not in by_id:
                    raise _cell_error(path, sheet, r, col_of["contract"], eheaders["contract"],
                                      "ledger.no_contract", id=cid, contract_sheet=CONTRACT_SHEET)
                by_id[cid].setdefault(key, []).append(entry)
    finally:
        wb.close()
    return contracts


# --- TOML for the [[contracts]] subset -------------------------------------------------------------

def _toml_str(s: str) -> str:
    out = s.replace("\\", "\\\\").replace('"', '\\"')
    out = out.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return '"' + "".join(ch if ord(ch) >= 0x20 and ch != "\x7f" else f"\\u{ord(ch):04x}" for ch in out) + '"'


def _toml_value(key: str, v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, Decimal):
        if key in {"scale_p", "area_m2"}:
            return str(int(v)) if v == v.to_integral() else str(v)
        return str(int(v)) if v == v.to_integral() else _toml_str(f"{v:f}")
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, str):
        return _toml_str(v)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(key, x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def contract_toml(c: dict) -> str:
    """One ``[[contracts]]`` block: keys in the ledger's order, entries as inline tables."""
    lines = ["[[contracts]]"]
    keys = [k for k in CONTRACT_KEY_ORDER if k in c] + [k for k in c if k not in CONTRACT_KEY_ORDER]
    for k in keys:
        v = c[k]
        if k in ENTRY_KEYS:
            lines.append(f"{k} = [")
            for e in v:
                parts = [f"{ek} = {_toml_value(ek, e[ek])}" for ek in ("date", "amount", "number", "note", "file") if ek in e]
                parts += [f"{ek} = {_toml_value(ek, ev)}" for ek, ev in e.items() if ek not in {"date", "amount", "number", "note", "file"}]
                lines.append("  { " + ", ".join(parts) + " },")
            lines.append("]")
        else:
            lines.append(f"{k} = {_toml_value(k, v)}")
    return "\n".join(lines) + "\n"


def contracts_toml(contracts: list[dict]) -> str:
    return "\n".join(contract_toml(c) for c in contracts)


# --- exporting ------------------------------------------------------------------------------------

def ledger_rows(profile: Profile) -> dict[str, list[list[Any]]]:
    """The profile's contracts as the ledger's sheets (header row first)."""
    sheets: dict[str, list[list[Any]]] = {CONTRACT_SHEET: [[h for _, h in CONTRACT_COLUMNS]]}
    for c in profile.contracts:
        row = []
        for k, _ in CONTRACT_COLUMNS:
            v = c.get(k)
            if isinstance(v, bool):
                v = "是" if v else "否"
            elif isinstance(v, list):
                v = "、".join(v)
            row.append(v)
        sheets[CONTRACT_SHEET].append(row)
    for key, sheet in ENTRY_SHEETS:
        rows = [[h for _, h in ENTRY_COLUMNS]]
        for c in profile.contracts:
            for e in c.get(key) or []:
                rows.append([c.id] + [e.get(k) for k, _ in ENTRY_COLUMNS[1:]])
        sheets[sheet] = rows
    return sheets


def save_ledger(sheets: dict[str, list[list[Any]]], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    wb.remove(wb.active)
    fill = PatternFill("solid", fgColor="DDEBF7")
    money_keys = {"amount", "compute_amount", "model_amount", "hardware_amount"}
    for name in SHEETS:
        rows = sheets.get(name, [])
        ws = wb.create_sheet(name)
        columns = CONTRACT_COLUMNS if name == CONTRACT_SHEET else ENTRY_COLUMNS
        widths = {}
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                key = columns[c - 1][0]
                if isinstance(value, Decimal):
                    value = int(value) if value == value.to_integral() else value
                cell = ws.cell(row=r, column=c, value=value)
                if r == 1:
                    cell.font = Font(bold=True)
                    cell.fill = fill
                elif key in money_keys:
                    cell.number_format = MONEY_FORMAT
                elif isinstance(value, date):
                    cell.number_format = DATE_FORMAT
                text = str(value) if value is not None else ""
                w = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
                widths[c] = max(widths.get(c, 0), w if key not in money_keys or r == 1 else 16)
        for c, w in widths.items():
            ws.column_dimensions[column_letter(c)].width = min(max(w + 2, 10), 40)
        ws.freeze_panes = "A2"
    wb.properties.creator = "subsidy"
    fixed = datetime(2025, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.save(path)


def write_ledger(profile: Profile, path: str | Path, force: bool = False) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise InputError(path, "output.not_xlsx")
    if path.exists() and not force:
        raise InputError(path, "output.exists")
    if not path.parent.is_dir():
        raise InputError(path, "output.no_folder")
    save_ledger(ledger_rows(profile), path)
    return path
