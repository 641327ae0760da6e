"""pypdf's plain text extraction with a visitor, re-done over a page's tokens (pdfops.tokens).

pypdf (7.1) builds an object for every operand of every operator and then runs each text
operator through its ``TextExtraction`` state machine: per string it multiplies matrices, copies
them, concatenates the page's whole output to look at its last character, and measures each
character again. Profiled on the 3,000-page benchmark (bench/bench_check.py, -j 1), building the
operations and extracting the text were 1.1 of the 2.4 s one core spent reading 396 pages.

``page_text_runs`` is that state machine, statement for statement (pypdf's ``_page._extract_text``,
``_text_extraction._text_extractor.TextExtraction``, ``crlf_space_check``, ``get_text_operands``,
``get_display_str``), with the same floating-point operations in the same order, over operands
parsed only for the operators it handles, with each font's decoded strings and character widths
kept on the font, and a font written the same way in several files (reportlab's Helvetica and
STSong-Light in every file of a dossier) built once per process. pypdf still builds the fonts
(``Font.from_font_resource``): their encodings, character maps and widths are its. What is
different is only what it costs. A run of QR squares (pdfops.SQUARES) is skipped: q and Q put
back all they saved, and nothing in between touches text.

It gives up (None: pypdf extracts the page itself) on anything outside what it follows for certain:
a form XObject drawn with ``Do`` (pypdf recurses into it), a right-to-left character, an operator
that is not one of PDF's, an operand it does not parse, inline images, a pypdf other than the one
it was checked against (``PYPDF_CHECKED``). tests/test_pdf_text.py compares its runs and text with
pypdf's on every page of the sample dossiers and the real invoice corpus.
"""

from __future__ import annotations

import math
import re

from .pdfops import _STR, _WHITE, SQUARES, _string, beyond_limits, parse_operands

PYPDF_CHECKED = ("7.1.",)          # pypdf versions whose extraction this follows (tests compare)

# Every operator of ISO 32000 (and the compatibility pair BX EX): anything else in a stream (a stray
# "true", a misspelling) is parsed by pypdf as an operand, so the page is left to it.
_PDF_OPERATORS = frozenset(
    b"b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID j J K k l m M "
    b"MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y ' \"".split())
_NEEDED = frozenset(b"BT ET q Q cm Tz Tc Tw TL Tf Td TD Tm T* Tj TJ ' \" Do".split())


class _Bail(Exception):
    """Something this extractor does not follow for certain: pypdf reads the page."""


def usable() -> bool:
    try:
        import pypdf
        from pypdf._page import _get_font_resources, _get_page_resources  # noqa: F401
        from pypdf._text_extraction import RTL_CHARACTER_PATTERN  # noqa: F401
    except ImportError:
        return False
    return pypdf.__version__.startswith(PYPDF_CHECKED)


_NUMBERS = re.compile(rb"[\t\n\x0c\r ]*(?:[+\-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[\t\n\x0c\r ]+|\Z))+")
_ONE_STRING = re.compile(rb"[\t\n\x0c\r ]*\(((?:[^()\\]|\\.)*)\)[\t\n\x0c\r ]*", re.S)
_NAME: list = []                     # pypdf's NameObject, imported with the first name
_NAME_NUMBER = re.compile(rb"(/[A-Za-z0-9_.+\-*]+)[\t\n\x0c\r ]+([+\-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+))[\t\n\x0c\r ]*")
_NAMES: dict = {}


def _name(raw: bytes):
    """pypdf's NameObject of a plain name, made once per name."""
    got = _NAMES.get(raw)
    if got is None:
        got = _name_class()(raw.decode("ascii"))
        if len(_NAMES) < 1024:
            _NAMES[raw] = got
    return got


def _name_class():
    if not _NAME:
        from pypdf.generic import NameObject
        _NAME.append(NameObject)
    return _NAME[0]


def _operands(args: bytes) -> list:
    """The operands of one operator as pypdf's parser gives them for text extraction: numbers as
    int and float, strings as bytes, names as NameObject (a name in a TJ array is no text),
    arrays as lists. _Bail on anything else (dictionaries, nested arrays, booleans)."""
    if not args:
        return []
    if args[0] == 40:                              # "(": Tj, ' with one literal string
        if one := _ONE_STRING.fullmatch(args):
            return [_string(one.group(1))]
    elif args[0] == 47:                            # "/": Tf's name and size
        if tf := _NAME_NUMBER.fullmatch(args):
            size = tf.group(2)
            return [_name(tf.group(1)), float(size) if b"." in size else int(size)]
    elif _NUMBERS.fullmatch(args):                 # cm, Tm, Td, TL, Tc ...: numbers only
        return [float(t) if b"." in t else int(t) for t in args.split()]
    operands = parse_operands(args, int, float, _name_class(), _same, _Array)
    if operands is None:
        raise _Bail
    return operands


class _Array(list):
    """An array operand (pypdf's ArrayObject: only an array is shown by TJ)."""


def _same(value: bytes) -> bytes:
    return value


def _mult(m, n) -> list[float]:
    return [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]


def _orient(m) -> int:
    if m[3] > 1e-6:
        return 0
    if m[3] < -1e-6:
        return 180
    if m[1] > 0:
        return 90
    return 270


def _number(operands: list, index: int, default: float) -> float:
    if index < len(operands) and isinstance(operands[index], (int, float)):
        return float(operands[index])
    return default


# pypdf's Font of a font dictionary, by the dictionary's bytes in its file with those of every
# object it refers to (object numbers replaced by their order of appearance): reportlab writes
# the same Helvetica and STSong-Light into each of a dossier's files, and parsing them (a CID
# font's widths, number by number) was a tenth of the reading. Kept for the process (a worker
# reads many files), at most FONT_CACHE_SIZE of them.
_FONT_CACHE: dict[bytes, object] = {}
FONT_CACHE_SIZE = 256
_R_TOKEN = re.compile(rb"(?<![^\x00\t\n\x0b\x0c\r ()<>\[\]{}/%])R(?![^\x00\t\n\x0b\x0c\r ()<>\[\]{}/%])")
_REF = re.compile(rb"(?<![0-9.+\-])([0-9]+)[\t\n\x0c\r ]+([0-9]+)[\t\n\x0c\r ]+R(?![^\t\n\x0c\r ()<>\[\]{}/%])")
_STRING = re.compile(_STR, re.S)
_OBJ = re.compile(rb"[\t\n\x0c\r ]*([0-9]+)[\t\n\x0c\r ]+([0-9]+)[\t\n\x0c\r ]+obj")


def _font_key(reader, ref) -> bytes | None:
    """The bytes a font dictionary and what it refers to are written with, numbers aside; None
    when any of them is not plain text in the file at its cross-reference offset (an object
    stream, stream data, a nested string, encryption): such a font is parsed as usual."""
    if reader.is_encrypted or getattr(reader, "xref_objStm", None):
        return None
    data = getattr(reader, "subsidy_bytes", None)
    if data is None:
        data = reader.subsidy_bytes = reader.stream.getvalue()
    order = {(ref.idnum, ref.generation): 0}
    queue = [(ref.idnum, ref.generation)]
    parts = []
    while queue:
        idnum, gen = queue.pop(0)
        offset = reader.xref.get(gen, {}).get(idnum)
        head = _OBJ.match(data, offset) if isinstance(offset, int) else None
        if head is None or (int(head[1]), int(head[2])) != (idnum, gen):
            return None
        end = data.find(b"endobj", head.end())
        raw = data[head.end():end] if end > 0 else b""
        # The object must end where "endobj" is found (a dictionary or array closed just before
        # it: not a name or comment that happens to spell endobj) and hold no comment, stream or
        # other object.
        if not raw.rstrip(_WHITE).endswith((b">>", b"]")) or b"stream" in raw or b"obj" in raw or b"%" in raw:
            return None
        if b"(" in raw or b")" in raw:      # strings: plain ones only, none that reads as a reference
            strings = _STRING.findall(raw)
            rest = _STRING.sub(b"", raw)
            if b"(" in rest or b")" in rest or any(_REF.search(x) for x in strings):
                return None
        refs = list(_REF.finditer(raw))
        if len(refs) != len(_R_TOKEN.findall(raw)):
            return None                 # an R this does not read as a reference (+5 0 R, odd whitespace)
        for m in refs:
            key = (int(m[1]), int(m[2]))
            if key not in order:
                if len(order) >= 64:
                    return None
                order[key] = len(order)
                queue.append(key)
        parts.append(_REF.sub(lambda m: b" @%d " % order[(int(m[1]), int(m[2]))], raw))
    return b"\0".join(parts)


class _Fonts:
    """A page's fonts as pypdf's text extraction sets them up: from the process's font cache when
    written as a font already built, else by pypdf (and then cached)."""

    def __init__(self, resources, reader=None) -> None:
        from pypdf._page import _get_font_resources
        from pypdf.generic import IndirectObject
        from pypdf.generic._font import Font

        self.resources: dict = {}
        self.fonts: dict = {}
        if font_resources_dict := _get_font_resources(resources):
            for name in font_resources_dict:
                ref = dict.get(font_resources_dict, name)
                key = None
                if reader is not None and isinstance(ref, IndirectObject):
                    try:
                        key = _font_key(reader, ref)
                    except Exception:  # noqa: BLE001 - no key: parsed as usual
                        key = None
                    if key is not None and (font := _FONT_CACHE.get(key)) is not None:
                        self.resources[name] = ref          # only the visitor sees it
                        self.fonts[name] = font
                        continue
                try:
                    obj = font_resources_dict[name].get_object()
                    self.resources[name] = obj
                    self.fonts[name] = font = Font.from_font_resource(obj)
                    if font.character_widths.get(font.space_char, 0) == 0:
                        font.space_width = 200.0          # extract_text's space_width
                except (AttributeError, TypeError):
                    continue
                if key is not None and len(_FONT_CACHE) < FONT_CACHE_SIZE:
                    _FONT_CACHE[key] = font


def _decode(font, operand) -> tuple[str, str | None, float]:
    """get_text_operands and get_display_str: (the operand as text, what it adds to the run
    (None: a right-to-left character, left to pypdf), its width), kept on the font: the same
    labels are drawn in every file with the same (shared) font."""
    memo = font.__dict__.get("_subsidy_decoded")
    if memo is None:
        memo = font._subsidy_decoded = {}
        font._subsidy_widths = {}
    key = (operand.__class__ is str, operand)
    hit = memo.get(key)
    if hit is not None:
        return hit
    raw = ""
    if isinstance(operand, str):
        text = shown = operand
    else:
        if isinstance(font.encoding, str):
            try:
                text = operand.decode(font.encoding, "surrogatepass")
            except UnicodeDecodeError:
                text = operand.decode(font.encoding, "replace")
        else:
            text = "".join(font.encoding.get(x, chr(x)) for x in operand)
            raw = "".join(chr(byte) for byte in operand)
        shown = "".join([font.character_map.get(c, c) for c in text])
        if _RTL[0](shown) is not None:
            shown = None
    widths = 0.0
    cache = font._subsidy_widths
    for char in (raw or text):
        if char == font.space_char:
            widths += font.space_width
        else:
            if char not in cache:
                cache[char] = font.get_text_width(char)
            widths += cache[char]
    if len(memo) < 4096:
        memo[key] = hit = (text, shown, widths)
    else:
        hit = (text, shown, widths)
    return hit


_RTL: list = []


_INITIAL: list = []


def _initial_font():
    """TextExtraction's font before any Tf (WinAnsi), made once: extraction never changes it."""
    if not _INITIAL:
        from pypdf._codecs import encoding_dict_from_named_encoding
        from pypdf.generic._font import Font, FontDescriptor
        _INITIAL.append(Font(name="NotInitialized", sub_type="Unknown",
                             encoding=encoding_dict_from_named_encoding("cp1252"), font_descriptor=FontDescriptor()))
    return _INITIAL[0]


def page_text_runs(page, toks: list, data: bytes, visit) -> str | None:
    """pypdf's ``page.extract_text(visitor_text=visit)`` computed from ``toks``
    (``pdfops.tokens(data)`` of the page's content stream); None when pypdf must do it."""
    if b"\x00" in data or b"\x0b" in data or beyond_limits(data, toks):
        return None
    try:
        return _extract(page, toks, visit)
    except _Bail:
        return None


def _extract(page, toks: list, visit) -> str:  # noqa: C901, PLR0912, PLR0915 - one state machine, as pypdf's
    from pypdf._page import _get_page_resources
    from pypdf._text_extraction import RTL_CHARACTER_PATTERN
    from pypdf.generic import NameObject
    from pypdf.generic._font import Font, FontDescriptor

    resources = _get_page_resources(page)
    if not resources:
        return ""
    fonts = _Fonts(resources, getattr(page, "pdf", None))
    if not _RTL:
        _RTL.append(RTL_CHARACTER_PATTERN.search)
    decode = _decode
    identity = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]

    cm = list(identity)
    tm = list(identity)
    stack: list = []
    m_prev = _mult(identity, identity)   # mult(tm_prev, cm_prev): the last post's m, as pypdf recomputes it
    scale_prev_y = math.sqrt(m_prev[2] ** 2 + m_prev[3] ** 2)
    memo_cm, memo_tm = list(identity), list(identity)
    char_scale, space_scale, char_spacing = 1.0, 1.0, 0.0
    half_space = 500.0                  # TextExtraction._space_width
    previous_font_space = None
    str_widths_acc, str_height = 0.0, 0.0
    leading = 0.0
    font_size = 12.0
    line_span = None
    text = ""
    out: list[str] = []                 # the output, joined at the end
    last_out = ""                       # its last character
    font_resource = None
    font = _initial_font()

    def emit(piece: str) -> None:
        nonlocal last_out
        if piece:
            out.append(piece)
            last_out = piece[-1]

    def post(str_widths: float) -> None:
        """_post_process_text_operation with crlf_space_check."""
        nonlocal text, m_prev, scale_prev_y, line_span, memo_cm, memo_tm
        text_was_empty = text == ""
        space_width = font_size * half_space
        if previous_font_space is not None:
            space_width = min(space_width, previous_font_space)
        spacewidth = space_width / 1000
        m = _mult(tm, cm)
        orientation = _orient(m)
        delta_x = m[4] - m_prev[4]
        delta_y = m[5] - m_prev[5]
        scale_y = math.sqrt(m[2] ** 2 + m[3] ** 2)
        if orientation in (0, 180):
            moved_height, moved_width = delta_y, delta_x
        else:
            moved_height, moved_width = delta_x, delta_y
        axis_index = 5 if orientation in (0, 180) else 4
        axis = m[axis_index]
        if line_span is None or line_span[0] != axis_index:
            distance = abs(moved_height)
        else:
            lower, upper = line_span[1], line_span[2]
            distance = 0.0 if lower <= axis <= upper else min(abs(axis - lower), abs(axis - upper))
        last = text[-1:] or last_out
        threshold = 0.8 * min(str_height * scale_prev_y, font_size * scale_y)
        if distance > threshold:
            if last not in ("", "\n"):
                emit(text + "\n")
                visit(text + "\n", memo_cm, memo_tm, font_resource, font_size)
                text = ""
            line_span = (axis_index, axis, axis)
        else:
            moved_to_other_baseline = abs(moved_height) > threshold
            if ((moved_to_other_baseline
                 or moved_width >= (spacewidth + str_widths) * math.sqrt(m_prev[0] ** 2 + m_prev[1] ** 2))
                    and last not in ("", " ")):
                text += " "
            if last in ("", "\n") or line_span is None or line_span[0] != axis_index:
                line_span = (axis_index, axis, axis)
            else:
                line_span = (axis_index, min(line_span[1], axis), max(line_span[2], axis))
        m_prev, scale_prev_y = m, scale_y       # pypdf: tm_prev, cm_prev = copies of tm, cm
        if text_was_empty or text == "":
            memo_cm = cm.copy()
            memo_tm = tm.copy()

    def show(operands: list) -> None:
        """Tj: _handle_tj_operation, then the post-processing."""
        nonlocal text, previous_font_space, str_widths_acc, str_height
        if operands and isinstance(operands[0], (str, bytes)):
            previous_font_space = None
            decoded, shown, widths = decode(font, operands[0])
            if shown is None:
                raise _Bail                          # pypdf's right-to-left runs: left to it
            text += shown
            str_widths_acc += widths * font_size + 1000 * char_spacing * len(decoded)
            str_height = font_size
        post(0.0)

    def flush() -> None:
        nonlocal text, memo_cm, memo_tm
        emit(text)
        visit(text, memo_cm, memo_tm, font_resource, font_size)
        text = ""
        memo_cm = cm.copy()
        memo_tm = tm.copy()

    def moved() -> float:
        nonlocal str_widths_acc
        str_widths = str_widths_acc / 1000
        str_widths_acc = 0.0
        return str_widths

    for op, args in toks:
        if op == SQUARES:
            continue            # filled squares in q ... Q: nothing text extraction follows changes
        if op not in _PDF_OPERATORS or op in (b"BI", b"ID", b"EI"):
            raise _Bail
        if op not in _NEEDED:
            continue
        operands = _operands(args) if args else []
        if op == b"q":
            stack.append((cm, font_resource, font, font_size, char_scale, space_scale, char_spacing, leading))
        elif op == b"Q":
            if stack:
                cm, font_resource, font, font_size, char_scale, space_scale, char_spacing, leading = stack.pop()
            else:
                cm = list(identity)
        elif op == b"BT":
            tm = list(identity)
            flush()
        elif op == b"ET":
            flush()
        elif op == b"Tf":
            if text != "":
                previous_font_space = font_size * half_space
                emit(text)
                visit(text, memo_cm, memo_tm, font_resource, font_size)
            text = ""
            memo_cm = cm.copy()
            memo_tm = tm.copy()
            try:
                font_resource = fonts.resources[operands[0]]
                font = fonts.fonts[operands[0]]
            except (KeyError, IndexError):
                font_resource = None
                font = Font("Unknown", space_width=250, encoding=dict.fromkeys(range(256), "\ufffd"),
                            font_descriptor=FontDescriptor(), character_map={})
            half_space = font.space_width / 2
            try:
                font_size = float(operands[1])
            except Exception:  # noqa: BLE001 - as pypdf: keep the previous size
                pass
        elif op == b"Tm":
            try:
                matrix = [float(o) for o in operands[:6]]
            except (TypeError, ValueError):
                matrix = []
            tm = matrix if len(matrix) == 6 else list(identity)
            post(moved() or 0.0)
        elif op == b"Tj":
            show(operands)
        elif op == b"T*":
            tm[4] -= leading * tm[2]
            tm[5] -= leading * tm[3]
            post(moved() or 0.0)
        elif op == b"TL":
            leading = _number(operands, 0, 0.0)
        elif op == b"cm":
            emit(text)
            visit(text, memo_cm, memo_tm, font_resource, font_size)
            text = ""
            try:
                cm = _mult([float(o) for o in operands[:6]], cm)
            except Exception:  # noqa: BLE001 - as pypdf: a bad matrix is the identity
                cm = list(identity)
            memo_cm = cm.copy()
            memo_tm = tm.copy()
        elif op == b"Td":
            tx, ty = _number(operands, 0, 0.0), _number(operands, 1, 0.0)
            tm[4] += tx * tm[0] + ty * tm[2]
            tm[5] += tx * tm[1] + ty * tm[3]
            post(moved() or 0.0)
        elif op == b"TJ":
            confirm = half_space * 0.95
            if operands and isinstance(operands[0], _Array):
                for item in operands[0]:
                    if isinstance(item, (str, bytes)) and not isinstance(item, NameObject):
                        show([item])
                    if isinstance(item, (int, float)):
                        offset = float(item)
                        str_widths = str_widths_acc - offset * font_size
                        previous = text[-1:] or last_out
                        if -offset >= confirm and previous and previous not in " \n":
                            show([" "])
                        str_widths_acc = str_widths
        elif op == b"'":
            tm[4] -= leading * tm[2]
            tm[5] -= leading * tm[3]
            post(moved() or 0.0)
            show(operands)
        elif op == b'"':
            if len(operands) >= 3:
                space_scale = 1.0 + _number(operands[:1], 0, 0.0)
                char_spacing = _number(operands[1:2], 0, 0.0)
                tm[4] -= leading * tm[2]
                tm[5] -= leading * tm[3]
                post(moved() or 0.0)
                show(operands[2:])
        elif op == b"TD":
            if len(operands) >= 2:
                if isinstance(operands[1], (int, float)):
                    leading = _number([-operands[1]], 0, 0.0)
                tx, ty = _number(operands, 0, 0.0), _number(operands, 1, 0.0)
                tm[4] += tx * tm[0] + ty * tm[2]
                tm[5] += tx * tm[1] + ty * tm[3]
                post(moved() or 0.0)
        elif op == b"Do":
            if operands:
                emit(text)
                visit(text, memo_cm, memo_tm, font_resource, font_size)
                if last_out and last_out != "\n":          # the output so far ends a line
                    emit("\n")
                    visit("\n", memo_cm, memo_tm, font_resource, font_size)
                try:
                    subtype = resources["/XObject"][operands[0]]["/Subtype"]
                except Exception:  # noqa: BLE001 - pypdf: a warning and no text from it
                    subtype = "/Image"
                if subtype != "/Image":
                    raise _Bail                      # a form: pypdf extracts its text in place
                text = ""
                memo_cm = cm.copy()
                memo_tm = tm.copy()
        elif op == b"Tz":
            char_scale = _number(operands, 0, 100.0) / 100
        elif op == b"Tc":
            char_spacing = _number(operands, 0, 0.0)
        elif op == b"Tw":
            space_scale = 1.0 + _number(operands, 0, 0.0)
    emit(text)
    if text != "":
        visit(text, memo_cm, memo_tm, font_resource, font_size)
    return "".join(out)
