"""A tiny evaluator for exactly the formula subset subsidy_cli/workbook.py writes.

SUM, SUMIF (equality criterion), MIN, MAX, ROUND (half away from zero, as Excel), IF, AND,
YEAR; + - * /, comparisons (= <> < > <= >=), unary minus; numbers, "text", TRUE/FALSE; cell
references and ranges, optionally on another sheet ('name'!A1:B3). Arithmetic is Decimal, so
the result can be compared exactly with the engine's numbers. Anything else raises: a formula
outside the subset is a bug in the workbook writer, not something to approximate.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

EPOCH = date(1899, 12, 30)
_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<str>"(?:[^"]|"")*")
  | (?P<ref>(?:(?:'(?:[^']|'')+'|[A-Za-z0-9_\u4e00-\u9fff.]+)!)?\$?[A-Z]{1,3}\$?[0-9]+(?::\$?[A-Z]{1,3}\$?[0-9]+)?)
  | (?P<num>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
  | (?P<func>[A-Z][A-Z0-9.]*)(?=\()
  | (?P<bool>TRUE|FALSE)
  | (?P<op><=|>=|<>|[-+*/=<>(),])
""", re.X)


class FormulaError(Exception):
    pass


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _split(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"\$?([A-Z]+)\$?([0-9]+)", ref)
    if not m:
        raise FormulaError(f"bad reference {ref!r}")
    return int(m.group(2)), _col_index(m.group(1))


def tokenize(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise FormulaError(f"cannot read {text[pos:]!r} in {text!r}")
        pos = m.end()
        if m.lastgroup != "ws":
            out.append((m.lastgroup, m.group()))
    return out


class Range(list):
    """The values of a range, flattened (row by row)."""


def num(v) -> Decimal:
    if v is None or v == "":
        return Decimal(0)
    if isinstance(v, bool):
        return Decimal(int(v))
    if isinstance(v, Decimal):
        return v
    if isinstance(v, (int, float)):
        return Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
    raise FormulaError(f"not a number: {v!r}")


class Book:
    """``Book(path).value("汇总", "D3")``: the formula's result, evaluated recursively."""

    def __init__(self, source):
        if isinstance(source, (str, Path)):
            from openpyxl import load_workbook
            source = load_workbook(source)
        self.wb = source
        self.cache: dict[tuple[str, int, int], object] = {}
        self.active: set = set()

    def set(self, sheet: str, ref: str, value) -> None:
        self.wb[sheet][ref] = value
        self.cache.clear()

    def value(self, sheet: str, ref: str):
        row, col = _split(ref)
        return self._cell(sheet, row, col)

    def _cell(self, sheet: str, row: int, col: int):
        key = (sheet, row, col)
        if key in self.cache:
            return self.cache[key]
        if key in self.active:
            raise FormulaError(f"circular reference at {sheet}!R{row}C{col}")
        raw = self.wb[sheet].cell(row=row, column=col).value
        self.active.add(key)
        try:
            if isinstance(raw, str) and raw.startswith("="):
                try:
                    value = _Parser(self, sheet, tokenize(raw[1:])).parse()
                except FormulaError as exc:
                    raise FormulaError(f"{sheet}!R{row}C{col} {raw}: {exc}") from None
            elif isinstance(raw, datetime):
                value = Decimal((raw.date() - EPOCH).days)
            elif isinstance(raw, date):
                value = Decimal((raw - EPOCH).days)
            elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
                value = num(raw)
            else:
                value = raw
        finally:
            self.active.discard(key)
        self.cache[key] = value
        return value

    def formulas(self):
        """Every (sheet, ref) holding a formula."""
        for ws in self.wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, str) and c.value.startswith("="):
                        yield ws.title, c.coordinate


class _Parser:
    def __init__(self, book: Book, sheet: str, tokens: list):
        self.book, self.sheet, self.toks, self.i = book, sheet, tokens, 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def take(self, text: str | None = None):
        tok = self.peek()
        if tok[0] is None or (text is not None and tok[1] != text):
            raise FormulaError(f"expected {text!r}, got {tok[1]!r}")
        self.i += 1
        return tok

    def parse(self):
        v = self.compare()
        if self.i != len(self.toks):
            raise FormulaError(f"unexpected {self.toks[self.i][1]!r}")
        return _scalar(v)

    def compare(self):
        left = self.additive()
        while self.peek()[1] in {"=", "<>", "<", ">", "<=", ">="}:
            op = self.take()[1]
            right = self.additive()
            left = _cmp(_scalar(left), _scalar(right), op)
        return left

    def additive(self):
        left = self.term()
        while self.peek()[1] in {"+", "-"}:
            op = self.take()[1]
            right = self.term()
            a, b = num(_scalar(left)), num(_scalar(right))
            left = a + b if op == "+" else a - b
        return left

    def term(self):
        left = self.unary()
        while self.peek()[1] in {"*", "/"}:
            op = self.take()[1]
            right = self.unary()
            a, b = num(_scalar(left)), num(_scalar(right))
            if op == "/" and b == 0:
                raise FormulaError("#DIV/0!")
            left = a * b if op == "*" else a / b
        return left

    def unary(self):
        if self.peek()[1] == "-":
            self.take()
            return -num(_scalar(self.unary()))
        if self.peek()[1] == "+":
            self.take()
            return self.unary()
        return self.primary()

    def primary(self):
        kind, text = self.peek()
        if kind == "num":
            self.take()
            return Decimal(text)
        if kind == "str":
            self.take()
            return text[1:-1].replace('""', '"')
        if kind == "bool":
            self.take()
            return text == "TRUE"
        if kind == "ref":
            self.take()
            return self.ref(text)
        if kind == "func":
            self.take()
            return self.call(text)
        if text == "(":
            self.take()
            v = self.compare()
            self.take(")")
            return v
        raise FormulaError(f"unexpected {text!r}")

    def ref(self, text: str):
        sheet = self.sheet
        if "!" in text:
            sheet, text = text.rsplit("!", 1)
            if sheet.startswith("'"):
                sheet = sheet[1:-1].replace("''", "'")
        if sheet not in self.book.wb.sheetnames:
            raise FormulaError(f"no sheet {sheet!r}")
        if ":" in text:
            a, b = text.split(":")
            (r1, c1), (r2, c2) = _split(a), _split(b)
            return Range(self.book._cell(sheet, r, c) for r in range(min(r1, r2), max(r1, r2) + 1)
                         for c in range(min(c1, c2), max(c1, c2) + 1))
        return self.book._cell(sheet, *_split(text))

    def args_lazy(self) -> list[tuple[int, int]]:
        """Token spans of the arguments, so IF can evaluate only the branch it takes."""
        self.take("(")
        spans, depth, start = [], 0, self.i
        if self.peek()[1] == ")":
            self.take()
            return spans
        while True:
            kind, text = self.take()
            if text == "(":
                depth += 1
            elif text == ")":
                if depth == 0:
                    spans.append((start, self.i - 1))
                    return spans
                depth -= 1
            elif text == "," and depth == 0:
                spans.append((start, self.i - 1))
                start = self.i

    def eval_span(self, span: tuple[int, int]):
        sub = _Parser(self.book, self.sheet, self.toks[span[0]:span[1]])
        v = sub.compare()
        if sub.i != len(sub.toks):
            raise FormulaError(f"unexpected {sub.toks[sub.i][1]!r}")
        return v

    def call(self, name: str):
        spans = self.args_lazy()
        if name == "IF":
            if len(spans) not in (2, 3):
                raise FormulaError("IF takes 2 or 3 arguments")
            cond = _truth(_scalar(self.eval_span(spans[0])))
            if cond:
                return self.eval_span(spans[1])
            return self.eval_span(spans[2]) if len(spans) == 3 else False
        args = [self.eval_span(s) for s in spans]
        if name == "SUM":
            return sum((num(v) for v in _numbers(args)), Decimal(0))
        if name in {"MIN", "MAX"}:
            vals = [num(v) for v in _numbers(args)]
            if not vals:
                return Decimal(0)
            return min(vals) if name == "MIN" else max(vals)
        if name == "ROUND":
            x, n = num(_scalar(args[0])), int(num(_scalar(args[1])))
            return x.quantize(Decimal(1).scaleb(-n), rounding=ROUND_HALF_UP)
        if name == "AND":
            return all(_truth(v) for v in _flat(args))
        if name == "YEAR":
            serial = int(num(_scalar(args[0])))
            return Decimal(date.fromordinal(EPOCH.toordinal() + serial).year)
        if name == "SUMIF":
            if len(args) != 3:
                raise FormulaError("SUMIF takes 3 arguments here")
            keys, crit, values = args
            if not isinstance(keys, Range) or not isinstance(values, Range) or len(keys) != len(values):
                raise FormulaError("SUMIF needs two ranges of the same size")
            crit = _scalar(crit)
            return sum((num(v) for k, v in zip(keys, values)
                        if _equal(k, crit) and isinstance(v, (Decimal, int, float))), Decimal(0))
        raise FormulaError(f"function {name} is outside the subset")


def _flat(args):
    for a in args:
        if isinstance(a, Range):
            yield from a
        else:
            yield a


def _numbers(args):
    """Numbers only from ranges (text and empty cells ignored), any scalar argument."""
    for a in args:
        if isinstance(a, Range):
            yield from (v for v in a if isinstance(v, Decimal) or (isinstance(v, (int, float)) and not isinstance(v, bool)))
        else:
            yield a


def _scalar(v):
    if isinstance(v, Range):
        if len(v) != 1:
            raise FormulaError("a range where one value is expected")
        return v[0]
    return v


def _truth(v) -> bool:
    if isinstance(v, str):
        raise FormulaError(f"text {v!r} used as a condition")
    return bool(num(v))


def _equal(a, b) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return str(a or "").lower() == str(b or "").lower()
    return num(a) == num(b)


def _cmp(a, b, op: str) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        x, y = str(a or "").lower(), str(b or "").lower()
    else:
        x, y = num(a), num(b)
    return {"=": x == y, "<>": x != y, "<": x < y, ">": x > y, "<=": x <= y, ">=": x >= y}[op]
