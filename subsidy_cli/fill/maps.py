"""Form maps: which profile value goes beside which label, as data (``subsidy_cli/forms/*.toml``).

One TOML file per form, named after the template it describes without the title word
(``sjs-compute_附2-1_申报书.docx`` → ``sjs-compute_附2-1.toml``). The format is documented in
docs/fill.md. This module is pure Python (no python-docx): it loads and checks the maps and turns
profile values into the text written on the form.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import tomldata
from ..errors import DataError

FORMS_DIR = Path(__file__).resolve().parent.parent / "forms"

_NORM = re.compile(r"[\s:：\u3000]+")


def norm(text: str) -> str:
    """A label as compared: all whitespace and full- or half-width colons removed."""
    return _NORM.sub("", text or "")


class Missing:
    """Marker: the profile does not state ``key``."""

    def __init__(self, *keys: str):
        self.keys = keys


# --------------------------------------------------------------------------- the map data


@dataclass(frozen=True)
class Field:
    labels: tuple[str, ...]
    value: str | None = None            # profile path, "{year}" allowed with years
    format: str = "text"
    row: str | None = None              # another label that must be in the same row
    where: str = "right"                # right: next cell(s) in the row; below: the cell under it
    years: tuple[int, ...] = ()         # year columns (header row cells like 2023年)
    optional: bool = False              # no warning when the profile lacks it
    key: str | None = None              # extra argument of some formatters

    @property
    def name(self) -> str:
        return self.labels[0]


@dataclass(frozen=True)
class Option:
    text: str                           # the option text after the box (the start of it is enough)
    when: str | None = None             # profile path (or programme.id)
    equals: Any = None                  # tick when the value equals this (any truthy value if unset)
    other: bool = False                 # tick when the group's value matches no other option
    date: str | None = None             # profile path of a date written into （  年  月  日）
    append: tuple[str, ...] = ()        # profile paths appended after the option text when ticked
    aliases: tuple[str, ...] = ()       # other spellings of text on other printings of the form

    @property
    def texts(self) -> tuple[str, ...]:
        return (self.text,) + self.aliases


@dataclass(frozen=True)
class Checkbox:
    labels: tuple[str, ...]
    options: tuple[Option, ...]
    value: str | None = None            # the group's value (for equals / other)
    optional: bool = False

    @property
    def name(self) -> str:
        return self.labels[0]


@dataclass(frozen=True)
class Cover:
    label: str
    value: str | None = None
    format: str = "text"
    replace: bool = False               # the blanks are printed in the line: rewrite the line
    optional: bool = False


@dataclass(frozen=True)
class Blanks:
    paragraph: str                      # the paragraph starts with this text
    values: tuple[str, ...]             # profile paths, one per underlined blank, in order
    labels: tuple[str, ...] = ()        # the words printed right before each blank (checked)


@dataclass(frozen=True)
class Contracts:
    kinds: tuple[str, ...]
    fields: tuple[Field, ...]
    order: str = "profile"              # profile | domestic_first


@dataclass(frozen=True)
class FormMap:
    key: str
    form: str
    title: str
    identify: tuple[str, ...]
    fields: tuple[Field, ...] = ()
    checkboxes: tuple[Checkbox, ...] = ()
    cover: tuple[Cover, ...] = ()
    blanks: tuple[Blanks, ...] = ()
    contracts: Contracts | None = None
    source: Path | None = None


FORMATTERS = {"text", "number", "int", "wan", "wan_unit", "date", "phone", "name_phone",
              "project_period", "contract_period", "accelerator_type", "support",
              "revenue_growth", "rd_ratio", "latest_finance", "pct"}


def _labels(v: Any, where: str, path: Path) -> tuple[str, ...]:
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not v or not all(isinstance(x, str) and x for x in v):
        raise DataError(f"{path}: {where}: label must be a text or a list of texts")
    return tuple(v)


def _field(t: dict, where: str, path: Path) -> Field:
    known = {"label", "value", "format", "row", "where", "years", "optional", "key"}
    bad = set(t) - known
    if bad:
        raise DataError(f"{path}: {where}: unknown keys {sorted(bad)}")
    fmt = t.get("format", "text")
    if fmt not in FORMATTERS:
        raise DataError(f"{path}: {where}: unknown format {fmt!r} (known: {', '.join(sorted(FORMATTERS))})")
    if t.get("where", "right") not in ("right", "below"):
        raise DataError(f"{path}: {where}: where must be right or below")
    return Field(_labels(t.get("label"), where, path), t.get("value"), fmt, t.get("row"),
                 t.get("where", "right"), tuple(t.get("years", ())), bool(t.get("optional", False)),
                 t.get("key"))


def load_map(path: Path) -> FormMap:
    try:
        data = tomldata.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path}: {exc}") from None
    for need in ("form", "title", "identify"):
        if need not in data:
            raise DataError(f"{path}: missing {need!r}")
    fields = tuple(_field(t, f"field[{i}]", path) for i, t in enumerate(data.get("field", [])))
    boxes = []
    for i, t in enumerate(data.get("checkbox", [])):
        opts = tuple(Option(*_labels(o.get("text"), f"checkbox[{i}].option", path)[:1],
                            o.get("when", t.get("value")), o.get("equals"),
                            bool(o.get("other", False)), o.get("date"), tuple(o.get("append", ())),
                            _labels(o.get("text"), f"checkbox[{i}].option", path)[1:])
                     for o in t.get("option", []))
        if not opts:
            raise DataError(f"{path}: checkbox[{i}]: no option")
        boxes.append(Checkbox(_labels(t.get("label"), f"checkbox[{i}]", path), opts, t.get("value"),
                              bool(t.get("optional", False))))
    cover = tuple(Cover(t["label"], t.get("value"), t.get("format", "text"), bool(t.get("replace", False)),
                        bool(t.get("optional", False))) for t in data.get("cover", []))
    for c in cover:
        if c.format not in FORMATTERS:
            raise DataError(f"{path}: cover {c.label}: unknown format {c.format!r}")
    blanks = tuple(Blanks(t["paragraph"], tuple(t["values"]), tuple(t.get("labels", ())))
                   for t in data.get("blanks", []))
    contracts = None
    if "contracts" in data:
        c = data["contracts"]
        contracts = Contracts(tuple(c.get("kinds", ["compute"])),
                              tuple(_field(t, f"contracts.field[{i}]", path)
                                    for i, t in enumerate(c.get("field", []))),
                              c.get("order", "profile"))
        if not contracts.fields:
            raise DataError(f"{path}: contracts: no field")
    return FormMap(path.stem, data["form"], data["title"], tuple(data["identify"]), fields,
                   tuple(boxes), cover, blanks, contracts, path)


def map_key(template_name: str) -> str:
    """``sjs-compute_附2-1_申报书.docx`` → ``sjs-compute_附2-1``."""
    stem = Path(template_name).stem
    return stem.rsplit("_", 1)[0] if stem.count("_") >= 2 else stem


def title_word(template_name: str) -> str:
    """``sjs-compute_附2-1_申报书.docx`` → ``申报书``."""
    return Path(template_name).stem.rsplit("_", 1)[-1]


@lru_cache(maxsize=None)
def map_for(template_name: str) -> FormMap:
    path = FORMS_DIR / f"{map_key(template_name)}.toml"
    if not path.is_file():
        raise DataError(f"no form map {path.name} for template {template_name}")
    return load_map(path)


# --------------------------------------------------------------------------- values


def num(d: Any) -> str:
    """A number as written on a form: no exponent, no trailing zeros, at most 4 decimals."""
    if isinstance(d, bool):
        return str(d)
    d = Decimal(str(d)) if not isinstance(d, Decimal) else d
    if d != d.to_integral_value():
        d = d.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    text = format(d.normalize(), "f")
    return "0" if text in ("-0", "") else text


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _wan_of_yuan(v: Decimal) -> str:
    return num(Decimal(v) / 10_000)


_MOBILE = re.compile(r"^\+?(86)?1\d{10}$")


def split_phone(phone: str) -> tuple[str, str]:
    """(mobile, landline): a number of 11 digits starting with 1 is a mobile."""
    digits = re.sub(r"[\s-]", "", phone)
    return (phone, "") if _MOBILE.match(digits) else ("", phone)


class FillContext:
    """What a map path can name: the profile, the programme, and one contract."""

    def __init__(self, profile, programme, contract=None):
        self.profile = profile
        self.programme = programme
        self.contract = contract

    def get(self, path: str) -> Any:
        if path.startswith("programme."):
            return getattr(self.programme, path.split(".", 1)[1], None)
        if self.contract is not None and "." not in path:
            return self.contract.get(path)
        return self.profile.get(path)

    def years_with(self, key: str) -> list[int]:
        fin = self.profile.get("company.finance") or {}
        return sorted(int(y) for y, v in fin.items() if str(y).isdigit() and isinstance(v, dict) and key in v)


def value_of(f: Field | Cover, ctx: FillContext, year: int | None = None) -> str | list[str] | Missing:
    """The text of one field: a string, a list (consecutive value cells), or Missing(keys)."""
    path = f.value.replace("{year}", str(year)) if f.value and year is not None else f.value
    fmt = f.format
    if fmt == "project_period":
        a, b = ctx.get("application.project_start"), ctx.get("application.project_end")
        missing = [k for k, v in (("application.project_start", a), ("application.project_end", b)) if v is None]
        if missing:
            return Missing(*missing)
        return f"{cn_date(a)}——{cn_date(b)}"
    if fmt == "contract_period":
        a, b = ctx.get("start"), ctx.get("end")
        missing = [f"contracts.{k}" for k, v in (("start", a), ("end", b)) if v is None]
        if missing:
            return Missing(*missing)
        return f"{cn_date(a)}至{cn_date(b)}"
    if fmt == "accelerator_type":
        acc, dom = ctx.get("accelerator"), ctx.get("accelerator_domestic")
        if acc is None or dom is None:
            return Missing(*(f"contracts.{k}" for k, v in (("accelerator", acc), ("accelerator_domestic", dom))
                             if v is None))
        return f"{'自主算力' if dom else '非自主算力'}：{acc}"
    if fmt == "support":
        return _support_text(ctx)
    if fmt in ("revenue_growth", "rd_ratio"):
        return _ratio(fmt, path, ctx, year)
    if fmt == "latest_finance":
        years = ctx.years_with(f.key or "")
        if not years:
            return Missing(f"company.finance.<year>.{f.key}")
        return num(ctx.get(f"company.finance.{years[-1]}.{f.key}"))
    if fmt == "name_phone":
        name, phone = ctx.get("company.contact"), ctx.get("company.contact_phone")
        if name is None or phone is None:
            return Missing(*(k for k, v in (("company.contact", name), ("company.contact_phone", phone))
                             if v is None))
        return f"{name} {phone}"
    v = ctx.get(path) if path else None
    if v is None or v == "":
        return Missing(path or "?")
    if fmt == "phone":
        return list(split_phone(str(v)))
    if fmt == "date":
        return cn_date(v) if isinstance(v, date) else str(v)
    if fmt == "wan":
        return _wan_of_yuan(v)
    if fmt == "wan_unit":
        return f"{_wan_of_yuan(v)}万元"
    if fmt in ("number", "int", "pct"):
        return num(v)
    if isinstance(v, date):
        return cn_date(v)
    if isinstance(v, Decimal):
        return num(v)
    return str(v)


def _ratio(fmt: str, path: str | None, ctx: FillContext, year: int | None) -> str | Missing:
    """A stated percentage, else computed from the finance figures (2 decimals)."""
    stated = ctx.get(path) if path else None
    if stated is not None:
        return num(stated)
    y = year or 2024
    if fmt == "revenue_growth":
        a, b = ctx.get(f"company.finance.{y - 1}.revenue"), ctx.get(f"company.finance.{y}.revenue")
        if a is None or b is None or a == 0:
            return Missing(path or f"company.finance.{y}.revenue_growth_pct")
        pct = (b - a) / a * 100
    else:
        rd, rev = ctx.get(f"company.finance.{y}.rd_expense"), ctx.get(f"company.finance.{y}.revenue")
        if rd is None or rev is None or rev == 0:
            return Missing(path or f"company.finance.{y}.rd_ratio_pct")
        pct = rd / rev * 100
    return num(pct.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


_LEVEL = {"national": "国家级", "municipal": "市级", "district": "区级"}
_STATUS = {"received": "已获得", "applied": "已申请"}


def _support_text(ctx: FillContext) -> str:
    cid = ctx.get("id")
    items = [s for s in ctx.profile.support if s.contract == cid]
    if not items:
        return "否"
    parts = [f"{_LEVEL.get(s.level, s.level)}{s.programme or ''}{_wan_of_yuan(s.amount)}万元"
             + (f"（{_STATUS.get(s.status, s.status)}）" if s.status else "")      # an unstated status is not written
             for s in items]
    return "是：" + "；".join(parts)


def option_state(opt: Option, box: Checkbox, ctx: FillContext) -> bool | None:
    """True tick, False no tick, None unknown (the profile does not say)."""
    if opt.other:
        v = ctx.get(box.value) if box.value else None
        if v is None:
            return None
        named = {o.equals for o in box.options if not o.other}
        return v not in named
    v = ctx.get(opt.when) if opt.when else None
    if v is None:
        return None
    if opt.equals is None:
        return bool(v)
    if isinstance(opt.equals, bool) or isinstance(v, bool):
        return v is opt.equals
    if isinstance(opt.equals, list):
        return v in opt.equals
    return v == opt.equals


def keys_of(f: Field | Cover | Option | Checkbox) -> list[str]:
    """The profile keys an entry reads (for the "profile lacks" warning)."""
    if isinstance(f, Checkbox):
        out = [f.value] if f.value else []
        for o in f.options:
            if o.when and o.when not in out:
                out.append(o.when)
        return out
    return [f.value] if getattr(f, "value", None) else []
