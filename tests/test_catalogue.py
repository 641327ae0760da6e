"""The one zh/en catalogue (issue 9): every message code has both texts, with the same parameters,
and every help text has both languages."""

from __future__ import annotations

import re
import string

from subsidy_cli.helptext import HELP
from subsidy_cli.messages import CATALOG, render

FIELDS = string.Formatter()


def _params(template: str) -> set[str]:
    names = {name.split("!")[0].split(":")[0] for _, name, _, _ in FIELDS.parse(template) if name}
    return {n.removesuffix("_en").removesuffix("_zh") for n in names}     # label / label_en: one parameter


def test_every_message_has_zh_and_en_with_the_same_parameters():
    for code, pair in CATALOG.items():
        assert isinstance(pair, tuple) and len(pair) == 2, code
        zh, en = pair
        assert zh.strip() and en.strip(), code
        assert re.search(r"[\u4e00-\u9fff]", zh) or code in {"crit.value", "crit.threshold_ok", "crit.threshold_no"}, \
            f"{code}: the zh text holds no Chinese"
        extra = {"hint", "detail"}
        if en == "{message}":
            continue          # a scanner problem: en is the reader's own detail, zh says what is wrong
        assert _params(zh) - extra == _params(en) - extra, f"{code}: {_params(zh)} vs {_params(en)}"


def test_every_help_text_has_both_languages():
    for code, (zh, en) in HELP.items():
        assert re.search(r"[\u4e00-\u9fff]", zh) and en.strip() and not re.search(r"[\u4e00-\u9fff]{4,}", en.replace(
            "算力券", "").replace("模型券", "").replace("算力应用支持", "").replace("产业服务平台", "").replace(
            "预计最高可获", "").replace("申报书", "").replace("申报表", "").replace("承诺书", "").replace(
            "合同, 结算, 发票, 付款", "")), code


def test_render_never_fails_on_missing_parameters():
    for code in CATALOG:
        assert render(code, {}, "zh") and render(code, {}, "en")
