"""A page's content stream with the operators text extraction never looks at taken out.

pypdf parses every operator of a page in Python before its text visitor sees the few that place
text. On generated invoices most of the stream is the QR code drawn as some 250 filled
rectangles (``q 0 0 0 rg 0 w 0 J 0 j [] 0 d n x y w h re f* Q``), on tables the ruling lines:
profiled (cProfile, bench/bench_check.py's 3,000-page dossier), parsing content streams was 7 of
the 11 s pypdf spent on text. Here the stream is tokenised once with a regular expression and the
path, clipping, colour and line-style operators with plain operands (numbers, names, a dash
array) are dropped, and so is a ``q`` directly followed by its ``Q``; pypdf then parses what is
left, so the text, and every position the visitor reports, is the same (pypdf's extractor handles
only BT ET q Q cm Tz Tc Tw TL Tf Td TD Tm T* Tj TJ ' " Do). Anything this tokeniser does not
understand for certain (an inline image, a string with nested parentheses, a comment, bytes that
fit no token) returns the stream unchanged: the slim path is an optimisation, never a second
parser whose mistakes could change what is read.
"""

from __future__ import annotations

import re

_D = rb"\x00\t\n\x0c\r ()<>\[\]{}/%"                  # whitespace and delimiters
_WS = rb"[\x00\t\n\x0c\r ]*"
_NUM = rb"[+\-.0-9]+(?=[" + _D + rb"]|\Z)"
_NAME = rb"/[^" + _D + rb"]*"
_STR = rb"\((?:[^()\\]|\\.)*\)"                      # no nested parentheses: those bail
_HEX = rb"<[0-9A-Fa-f\x00\t\n\x0c\r ]*>"
_ATOM = rb"(?:" + _NUM + rb"|" + _NAME + rb"|" + _STR + rb"|" + _HEX + rb")"
_ARRAY = rb"\[" + _WS + rb"(?:" + _ATOM + _WS + rb")*\]"
_DICT = rb"<<" + _WS + rb"(?:(?:" + _ATOM + rb"|" + _ARRAY + rb")" + _WS + rb")*>>"
_OPERAND = rb"(?:" + _ATOM + rb"|" + _ARRAY + rb"|" + _DICT + rb")"
# One operator with its operands, as pypdf reads it (an operator starts with a letter, ' or ").
_GROUP = re.compile(_WS + rb"(?P<args>(?:" + _OPERAND + _WS + rb")*)(?P<op>[A-Za-z'\"][^" + _D + rb"]*)" + _WS, re.S)
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


def slim(data: bytes) -> bytes:
    """``data`` without the operators text extraction ignores; ``data`` itself when unsure."""
    if len(data) > MAX_BYTES or len(_DROPPABLE.findall(data, 0, len(data))) < MIN_DROPS:
        return data
    pieces: list[bytes] = []
    pos, end = 0, len(data)
    last_q = False                  # the last piece kept is a bare q
    dropped = False
    match, plain = _GROUP.match, _PLAIN.fullmatch
    while pos < end:
        m = match(data, pos)
        if m is None:
            if not data[pos:].strip(b"\x00\t\n\x0c\r "):
                break               # trailing whitespace
            return data             # a token we do not read for certain: pypdf reads it all
        op, args = m.group("op"), m.group("args")
        pos = m.end()
        if op in DROP and (not args or plain(args)):
            dropped = True
        elif op == b"Q" and not args and last_q:
            pieces.pop()
            last_q, dropped = False, True
        elif op in _BAIL:
            return data
        else:
            pieces.append(m.group().strip(b"\x00\t\n\x0c\r "))
            last_q = op == b"q" and not args
    if not dropped:
        return data
    return b"\n".join(pieces) + b"\n"
