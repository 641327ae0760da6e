"""A page's content stream as pypdf's text extraction needs it, at a fraction of the cost.

pypdf parses every operator of a page, byte by byte in Python, before its text visitor sees the
few that place text. On generated invoices most of the stream is the QR code drawn as some 250
filled rectangles (``q 0 0 0 rg 0 w 0 J 0 j [] 0 d n x y w h re f* Q``), on tables the ruling
lines. Profiled (cProfile, bench/bench_check.py's 3,000-page dossier, -j 1): parsing content
streams was 7 of the 11 s pypdf spent on text (the profiler inflates pypdf's many small calls;
timed without it, parsing was 2.1-4.4 ms of a settlement page's 4-5 ms).

Two steps, each checked against pypdf (tests/test_scan_speed.py):
- ``slim``: the stream tokenised once with a regular expression, and the path, clipping,
  colour and line-style operators with plain operands (numbers, names, a dash array) dropped,
  and a ``q`` directly followed by its ``Q``. pypdf's extractor handles only BT ET q Q cm Tz Tc
  Tw TL Tf Td TD Tm T* Tj TJ ' " Do, so the text and every position its visitor reports are the
  same.
- ``operations``: the (operands, operator) list pypdf's parser would build, with the same
  object types (NumberObject, FloatObject, NameObject, ByteStringObject, ArrayObject), from
  regular expressions and Python's C escape decoder: 1.6-2.5 ms a page against pypdf's 4.4.

Anything either does not understand for certain (an inline image, a string with nested
parentheses, a comment, a dictionary, an escaped name, bytes that fit no token) leaves the
stream to pypdf unchanged: an optimisation, never a second parser whose mistakes could change
what is read.
"""

from __future__ import annotations

import codecs
import re
from itertools import chain

_D = rb"\x00\t\n\x0c\r ()<>\[\]{}/%"                  # whitespace and delimiters
_WS = rb"[\x00\t\n\x0c\r ]*"
_NUM = rb"[+\-.0-9]++(?=[" + _D + rb"]|\Z)"
_NAME = rb"/[^" + _D + rb"]*+"                 # possessive: a name is never cut short
_STR = rb"\((?:[^()\\]|\\.)*\)"                      # no nested parentheses: those bail
_HEX = rb"<[0-9A-Fa-f\x00\t\n\x0c\r ]*>"
_ATOM = rb"(?:" + _NUM + rb"|" + _NAME + rb"|" + _STR + rb"|" + _HEX + rb")"
_ARRAY = rb"\[" + _WS + rb"(?:" + _ATOM + _WS + rb")*\]"
_DICT = rb"<<" + _WS + rb"(?:(?:" + _ATOM + rb"|" + _ARRAY + rb")" + _WS + rb")*>>"
_OPERAND = rb"(?:" + _ATOM + rb"|" + _ARRAY + rb"|" + _DICT + rb")"
# One operator with its operands, as pypdf reads it (an operator starts with a letter, ' or ").
_GROUP = re.compile(_WS + rb"(?P<args>(?:" + _OPERAND + _WS + rb")*)(?P<op>[A-Za-z'\"][^" + _D + rb"]*+)" + _WS, re.S)
_PLAIN = re.compile(rb"(?:(?:" + _NUM + rb"|" + _NAME + rb"|\[" + _WS + rb"(?:" + _NUM + _WS + rb")*\])" + _WS + rb")*", re.S)
# Operators that neither show text nor move it: path construction and painting, clipping,
# colour, line style, graphics-state dictionaries, shading. (Do is kept: pypdf ends a line at an
# image.)
DROP = frozenset(b"m l c v y h re S s f F f* B B* b b* n W W* w J j d M i ri gs rg RG g G k K "
                 b"cs CS sc SC scn SCN sh".split())
_BAIL = frozenset((b"BI", b"ID", b"EI"))
MAX_BYTES = 8 * 2**20                 # larger streams are left to pypdf (its own work limits apply)
MIN_DROPS = 16                        # fewer droppable operators than this: tokenising costs more than it saves
_DROPPABLE = re.compile(rb"(?<=[\x00\t\n\x0c\r ])(?:re|[mlcvyhSsfFBbnWwJjdMiGgKk]\*?|rg|RG|gs|scn?|SCN?|cs|CS)(?=[\x00\t\n\x0c\r ])")


def groups(data: bytes):
    """Each operator of ``data`` with its operands: (operator, operands' bytes, the match of the
    whole group). ValueError at the first bytes that are no token read here (trailing
    whitespace is fine): the caller then leaves the stream to pypdf."""
    pos, end = 0, len(data)
    match = _GROUP.match
    while pos < end:
        m = match(data, pos)
        if m is None:
            if data[pos:].strip(b"\x00\t\n\x0c\r "):
                raise ValueError(f"no token at {pos}")
            return
        pos = m.end()
        yield m.group("op"), m.group("args"), m


_TILES = re.compile(_GROUP.pattern.replace(b"(?P<args>", b"(").replace(b"(?P<op>", b"(")
                    .replace(_WS + b"(", b"(" + _WS + b")(", 1)[:-len(_WS)] + b"(" + _WS + b")", re.S)


# A filled square as reportlab draws each module of a QR code, in a saved graphics state of its
# own: "q 0 0 0 rg 0 w 0 J 0 j [] 0 d n x y w h re f* Q" (a colour first or none, line-style
# operators, a new path, one rectangle, a fill). An invoice page is ~250 of them (90% of its
# stream). Such a block changes nothing text extraction follows (q and Q put back what they saved;
# no text, no cm), so a run of them is one token, SQUARES, and the QR reader reads its rectangles
# with square_blocks. Anything else in a block and it is tokenised operator by operator.
SQUARES = b"%squares"                 # never an operator: "%" starts a comment
_S = rb"[\x00\t\n\x0c\r ]+"
_N = rb"([+\-.0-9]+)"
_COLOUR = rb"(?:" + _N + _S + _N + _S + _N + _S + rb"rg" + _S + rb"|" + _N + _S + rb"g" + _S + rb")?"
_STYLE = rb"(?:[+\-.0-9]+" + _S + rb"[wJjM]" + _S + rb"|\[\][\x00\t\n\x0c\r ]*[+\-.0-9]+" + _S + rb"d" + _S + rb")*"
_BLOCK = (rb"q" + _S + _COLOUR + _STYLE + rb"n" + _S + _N + _S + _N + _S + _N + _S + _N + _S + rb"re" + _S
          + rb"(f\*|f|F)" + _S + rb"Q")
_BLOCK_PARTS = re.compile(_BLOCK)
_SQUARE_RUN = re.compile(rb"(?<![^\x00\t\n\x0c\r ])(?:" + _BLOCK.replace(b"(", b"(?:").replace(b"(?:?:", b"(?:")
                         + rb"(?:" + _S + rb"|\Z))+")
MIN_SQUARES = 8                       # shorter runs are tokenised as usual


def square_blocks(run: bytes) -> list[tuple]:
    """The blocks of a SQUARES token: (r, g, b or None, grey or None, x, y, w, h, fill), numbers
    as bytes."""
    return _BLOCK_PARTS.findall(run)


def _tile(data: bytes, out: list) -> bool:
    """Append the groups of ``data`` to ``out``; False when some bytes are no token read here."""
    found = _TILES.findall(data)
    if not found:
        return not data.strip(b"\x00\t\n\x0c\r ")
    if sum(map(len, chain.from_iterable(found))) != len(data):
        return False                    # bytes between groups: no token here
    out.extend([(op, args) for _, args, op, _ in found])
    return True


def tokens(data: bytes) -> list | None:
    """(operator, operands' bytes) of each group of ``groups(data)``, as a list for the several
    passes over one page (the text, the QR code's squares), a run of squares as one SQUARES
    token; None when some bytes are no token read here. Found by ``findall`` in C: the groups
    tile the data exactly when their lengths add up to its length (they never overlap and none
    is empty). A run found inside a string leaves its neighbours untileable: then the stream is
    tokenised without runs, never into a wrong token."""
    if len(data) > MAX_BYTES:
        return None
    out: list = []
    pos = 0
    if data.count(b" re", 0, 4096 * 4) >= MIN_SQUARES:
        for run in _SQUARE_RUN.finditer(data):
            if run.group().count(b"Q") < MIN_SQUARES:
                continue
            if not _tile(data[pos:run.start()], out):
                break                   # the run is inside something (a string): no runs at all
            out.append((SQUARES, run.group()))
            pos = run.end()
        else:
            if _tile(data[pos:], out):
                return out
        out, pos = [], 0
    return out if _tile(data, out) else None


def slim(data: bytes) -> bytes:
    """``data`` without the operators text extraction ignores; ``data`` itself when unsure."""
    if len(data) > MAX_BYTES or len(_DROPPABLE.findall(data, 0, len(data))) < MIN_DROPS:
        return data
    pieces: list[bytes] = []
    last_q = False                  # the last piece kept is a bare q
    dropped = False
    plain = _PLAIN.fullmatch
    try:
        for op, args, m in groups(data):
            if op in DROP and (not args or plain(args)):
                dropped = True
            elif op == b"Q" and not args and last_q:
                pieces.pop()
                last_q, dropped = bool(pieces) and pieces[-1] == b"q", True     # q q Q Q folds whole
            elif op in _BAIL:
                return data
            else:
                pieces.append(m.group().strip(b"\x00\t\n\x0c\r "))
                last_q = op == b"q" and not args
    except ValueError:
        return data                 # a token we do not read for certain: pypdf reads it all
    if not dropped:
        return data
    return b"\n".join(pieces) + b"\n"


# ---- the operations themselves, as pypdf's parser builds them (ContentStream.operations)

_DELIM_AHEAD = rb"(?=[\t\n\x0c\r ()<>\[\]{}/%]|\Z)"
_ARG = re.compile(
    rb"[\t\n\x0c\r ]*(?:"
    rb"(?P<int>[+\-]?[0-9]+)" + _DELIM_AHEAD +
    rb"|(?P<float>[+\-]?(?:[0-9]+\.[0-9]*|\.[0-9]+))" + _DELIM_AHEAD +
    rb"|(?P<name>/[A-Za-z0-9_.+\-*]+)" + _DELIM_AHEAD +
    rb"|\((?P<str>(?:[^()\\]|\\.)*)\)"
    rb"|<(?P<hex>[0-9A-Fa-f\t\n\x0c\r ]*)>"
    rb"|(?P<open>\[)|(?P<close>\]))", re.S)
_ESCAPE = re.compile(rb"\\(?:([0-7]{1,3})|([\r\n][\r\n]?)|(.))", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_ESCAPES.update((bytes((c,)), bytes((c,))) for c in b"()/\\ %<>[]#_&$")


def _unescape(m: re.Match) -> bytes:
    octal, newline, other = m.groups()
    if octal is not None:
        value = int(octal, 8)
        return bytes((value,)) if value <= 255 else b"\\" + octal     # pypdf: overflow keeps the digits
    if newline is not None:
        return b""                                                    # an escaped line break
    return _ESCAPES.get(other, b"\\" + other)


_UNSAFE = re.compile(rb"\\(?:[^0-7nrtbf\\]|[4-7][0-7][0-7])")     # escapes Python's decoder reads otherwise


def _string(raw: bytes) -> bytes:
    """A literal string's bytes, its escapes resolved as pypdf does; Python's own escape
    decoder (C) when every escape is one it reads the same way (octal up to 377, n r t b f \\)."""
    if b"\\" not in raw:
        return raw
    if _UNSAFE.search(raw) is None:
        return codecs.escape_decode(raw)[0]
    return _ESCAPE.sub(_unescape, raw)


# What pypdf's parser refuses (LimitReachedError: a number of ~49 characters, a name of 4096
# bytes, 2,000,000 tokens): a stream holding anything near it is left to pypdf, which then fails
# as it fails, rather than read here.
_AS_DIGITS = bytes(48 if c in b"+-.0123456789" else 32 for c in range(256))     # a number's characters -> "0"
# "/" stays, delimiters and backslashes (the escapes of strings, which hold "/" too) -> " "
_AS_NAMES = bytes(47 if c == 47 else 32 if c in b"\x00\t\n\x0c\r ()<>[]{}%\\" else 97 for c in range(256))
_HUGE = re.compile(rb"(?<![^" + _D + rb"])[+\-.0-9]{32,}(?![^" + _D + rb"])|/[^" + _D + rb"]{127}")
MAX_TOKENS = 500_000
_LITERAL = re.compile(_STR + rb"|" + _HEX, re.S)


def beyond_limits(data: bytes, toks: list | None = None) -> bool:
    """Whether ``data`` holds a very long number or name, or very many tokens."""
    if toks is not None and len(toks) > MAX_TOKENS:
        return True
    if b"0" * 32 not in data.translate(_AS_DIGITS) and b"/" + b"a" * 127 not in data.translate(_AS_NAMES):
        return False                    # (two translations and two searches: ~20x faster than a regex)
    return _HUGE.search(_LITERAL.sub(b"()", data)) is not None     # not inside a string (literal or hex)


def operations(data: bytes, drop: bool = True, toks: list | None = None) -> list | None:
    """The (operands, operator) list pypdf would parse from ``slim(data)`` (``drop``; else from
    ``data``) with the "bytes" encoding of text extraction, built with regular expressions
    instead of byte-by-byte reads, in one pass; None when ``data`` holds anything outside the
    plain subset read here (dictionaries, booleans, escaped names, nested parentheses, inline
    images, NUL bytes): pypdf parses those itself. ``toks``: ``tokens(data)``, when already made."""
    if len(data) > MAX_BYTES or b"\x00" in data or b"\x0b" in data or beyond_limits(data, toks):
        return None
    try:
        return _operations([(op, args) for op, args, _ in groups(data)] if toks is None else toks, drop)
    except ValueError:
        return None


def parse_operands(args: bytes, number, real, name, string, array) -> list | None:
    """The operands of one group, each made by the constructor given for its kind (pypdf's
    objects, or plain Python values); None on anything not read here (dictionaries, booleans,
    escaped names, arrays in arrays)."""
    operands: list = []
    stack = [operands]
    at = 0
    for a in _ARG.finditer(args):
        if a.start() != at:
            return None
        at = a.end()
        kind = a.lastgroup
        if kind == "int":
            stack[-1].append(number(a.group(kind)))
        elif kind == "float":
            stack[-1].append(real(a.group(kind)))
        elif kind == "name":
            stack[-1].append(name(a.group(kind).decode("ascii")))
        elif kind == "str":
            stack[-1].append(string(_string(a.group(kind))))
        elif kind == "hex":
            digits = re.sub(rb"[\t\n\x0c\r ]", b"", a.group(kind))
            stack[-1].append(string(bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())))
        elif kind == "open":
            if len(stack) > 1:
                return None                     # arrays in arrays: leave to pypdf
            stack.append(array())
        else:
            if len(stack) < 2:
                return None
            done = stack.pop()
            stack[-1].append(done)
    if len(stack) != 1 or args[at:].strip(b"\t\n\x0c\r "):
        return None
    return operands


def _operations(toks, drop: bool) -> list | None:
    from pypdf.generic import ArrayObject, ByteStringObject, FloatObject, NameObject, NumberObject

    ops: list = []
    plain = _PLAIN.fullmatch
    if not drop:
        toks = [t for op, args in toks for t in ([(o, a) for o, a, _ in groups(args)] if op == SQUARES else [(op, args)])]
    for op, args in toks:
        if op == SQUARES:
            continue                    # q, path and colour operators, Q: dropped, the q Q folded
        if op in _BAIL or op == b"R" or len(op) > 128:
            return None
        if drop:                        # what slim() drops, in the same pass
            if op in DROP and (not args or plain(args)):
                continue
            if op == b"Q" and not args and ops and ops[-1] == ([], b"q"):
                ops.pop()
                continue
        operands = parse_operands(args, NumberObject, FloatObject, NameObject, ByteStringObject, ArrayObject) \
            if args else []
        if operands is None:
            return None
        ops.append((operands, op))
    return ops


# ---- ASCII85, as pypdf's ASCII85Decode gives it, without a Python step per character

_WHITE = b"\x00\t\n\x0c\r "                          # pypdf's WHITESPACES_AS_BYTES
_A85_DIGITS = re.compile(rb"[!-u]*")
_MINUS_33 = bytes((c - 33) % 256 for c in range(256))


def a85(raw: bytes) -> bytes | None:
    """``pypdf.filters.ASCII85Decode.decode(raw)`` (the standard library's a85decode in Adobe
    framing, whitespace ignored) for the plain case: five digits per four bytes, ``z`` for four
    zero bytes, a short last group. None for anything else (a ``z`` inside a group, a missing
    ``~>``, a stray character, an overflow): pypdf decodes those itself. The standard library's
    loop takes a Python step per character: 0.7 ms of a reportlab page's ~4 ms."""
    import struct

    s = raw.strip(_WHITE)
    if len(s) > 2 and s.endswith(b">"):
        s = s[:-1].rstrip(_WHITE) + s[-1:]
    if not s.endswith(b"~>"):
        return None
    body = (s[2:-2] if s.startswith(b"<~") else s[:-2]).translate(None, _WHITE)
    if b"z" in body:                    # four zero bytes, only between groups
        parts = body.split(b"z")
        if any(len(p) % 5 for p in parts[:-1]):
            return None
        body = b"!!!!!".join(parts)
    if not _A85_DIGITS.fullmatch(body):
        return None
    pad = -len(body) % 5
    d = (body + b"u" * pad).translate(_MINUS_33)
    words = [(((d[i] * 85 + d[i + 1]) * 85 + d[i + 2]) * 85 + d[i + 3]) * 85 + d[i + 4] for i in range(0, len(d), 5)]
    if words and max(words) > 0xFFFFFFFF:
        return None
    out = struct.pack(f">{len(words)}I", *words)
    return out[:len(out) - pad] if pad else out
