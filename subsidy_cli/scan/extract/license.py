"""Business licence (营业执照) fields: the company's name and its unified social credit code."""

from __future__ import annotations

import re

from ..normalise import normalise
from .common import Found, labelled_party

_CODE = re.compile(r"(?:统一社会信用代码|信用代码|注册号)[^0-9A-Z\n]{0,6}([0-9A-Z]{18})(?![0-9A-Z])")
_ANY_CODE = re.compile(r"(?<![0-9A-Z])[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}(?![0-9A-Z])")


def license_fields(text: str) -> Found:
    """name (名称), credit_code (统一社会信用代码)."""
    text = normalise(text)
    out: dict = {}
    if name := labelled_party(r"(?<![\u3400-\u9fff])名\s*称|企业名称|公司名称", text):
        out["name"] = name
    if m := _CODE.search(text):
        out["credit_code"] = m.group(1)
    elif len(codes := set(_ANY_CODE.findall(text))) == 1:
        out["credit_code"] = codes.pop()
    return out, []
