"""The terms of a contract beyond its parties, amount and dates, as printed: its title, the
supplier's credit code, the in-scope split of the price (其中算力服务费 …), the compute scale, card
and location, the purpose, the model and the leased area. ``subsidy draft`` writes them into a
``[[contracts]]`` block; the mapping from a title to a contract kind is the draft's, not here.

Text in, fields out (the text is normalised already). A wrapped line (a PDF line break inside a
sentence) is joined before a value is read.
"""

from __future__ import annotations

import re
from .common import labelled_amount

_CREDIT = r"([0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10})(?![0-9A-Z])"
_TITLE = re.compile(r"^[^\n:：]{2,30}(?:合同|协议)(?:书)?$", re.M)
_PARTS = {"compute_amount": r"其中算力服务费|其中算力费用|其中算力租赁费",
          "model_amount": r"其中大模型相关费用|其中模型服务费|其中大模型费用",
          "hardware_amount": r"其中硬件设备费(?:\([^)\n]{0,20}\))?|其中硬件费用"}


def _joined(text: str) -> str:
    """Lines broken inside a sentence joined again (a break not after a stop, colon or label
    line); indentation removed."""
    out = re.sub(r"[ \t\u3000]*\n[ \t\u3000]*(?![第甲乙签合])", "\n", text)
    return re.sub(r"(?<=[^\n。:：;；)）])\n(?=[^\n第甲乙签合统住法])", "", out)


def _after(label: str, text: str, value: str = r"([^\n。，,；;]{1,60})") -> str | None:
    m = re.search(f"(?:{label})[ \t]*[:：]?[ \t]*{value}", text)
    return m.group(1).strip() if m else None


def contract_terms(text: str, raw: str, problems: list) -> dict:
    """title, party_b_credit_code, compute_amount, model_amount, hardware_amount, other_services,
    scale_p, accelerator, location, purpose, model_name, model_filed, area_m2 (each when printed).
    ``text`` is normalised; names and purposes are read from ``raw`` (its control characters
    removed, not NFKC-folded), so they keep the brackets and commas as printed (（续租）, not (续租))."""
    out: dict = {}
    if m := _TITLE.search(text[:400]):
        out["title"] = m.group().strip()
    if m := re.search(r"乙方[^\n]*\n(?:[^\n]*\n){0,2}?[^\n]*(?:统一社会信用代码|信用代码|纳税人识别号)[^0-9A-Z\n]{0,6}" + _CREDIT, text):
        out["party_b_credit_code"] = m.group(1)
    joined = _joined(text)
    for key, labels in _PARTS.items():
        if re.search(labels, joined) and (value := labelled_amount(labels, joined, problems, "contract")):
            out[key] = value
    if m := re.search(r"其余([\u3400-\u9fff、]{1,30}?)服务费", joined):
        out["other_services"] = "、".join(s for s in m.group(1).split("、") if s)
    if m := re.search(r"算力规模[ \t]*[:：]?[ \t]*(\d+(?:\.\d+)?)[ \t]*P", joined, re.I):
        out["scale_p"] = m.group(1)
    if accelerator := _after(r"加速卡型号|加速卡|GPU型号|芯片型号", joined, r"([A-Za-z0-9\u3400-\u9fff\- ]{2,30}?)(?=[，,。;；\n]|$)"):
        out["accelerator"] = accelerator
    printed = _joined(re.sub(r"[\x00-\x09\x0b-\x1f\x7f]", " ", raw))
    if location := _after(r"算力所在地|部署地点|机房地址", printed, r"([^\n。，,；;]{1,60})"):
        out["location"] = location
    elif m := re.search(r"(?:承租|租用)[^\n。，]{0,6}位于([^\n。，,；;]{2,60}?)的(?:房屋|场地|物业)", printed):
        out["location"] = m.group(1)        # a lease: 甲方承租乙方位于…的房屋
    if m := re.search(r"提供[“\x22]([^”\x22]{2,80})[”\x22]相关服务事宜", printed):
        out["purpose"] = m.group(1).replace("\n", "")
    elif purpose := _after(r"算力用途|用途", printed):
        out["purpose"] = purpose
    if m := re.search(r"提供[“\x22]([^”\x22]{2,60})[”\x22]相关服务(?!事宜)", printed):
        out["model_name"] = m.group(1).replace("\n", "")
    if re.search(r"(?:已|均已)(?:按规定)?完成[^\n。]{0,12}备案", joined):
        out["model_filed"] = True
    if m := re.search(r"(?:建筑面积|租赁面积|面积)[ \t]*[:：]?[ \t]*(\d+(?:\.\d+)?)[ \t]*(?:平方米|㎡|m2)", joined):
        out["area_m2"] = m.group(1)
    return out


