"""Chinese for the words click and typer print themselves (Usage:, Options, [required], usage errors).

click marks these strings for gettext (``from gettext import gettext as _`` in each module) but
ships no Chinese catalogue; the tool's default language is Chinese, so its help and usage errors
must not switch to English half-way. ``install(lang)`` points those modules' ``_`` at this table
(English passes through unchanged). Imported by cli.py only: no cost for the other modules.
"""

from __future__ import annotations

import sys

ZH = {
    "Usage:": "用法：", "Options": "选项", "Commands": "命令", "Arguments": "参数",
    "Positional arguments": "位置参数", "Show this message and exit.": "显示本帮助后退出。",
    "Show the version and exit.": "显示版本后退出。", "required": "必填", "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}", "(dynamic)": "（动态）", "deprecated": "已弃用",
    "Error: {message}": "错误：{message}", "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "No such option {name!r}.": "没有选项 {name!r}。", "No such command {name!r}.": "没有命令 {name!r}。",
    "Missing argument": "缺少参数", "Missing option": "缺少选项", "Missing parameter": "缺少参数",
    "Missing command.": "缺少命令。", "Missing {param_type}": "缺少{param_type}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}", "Aborted!": "已取消。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "Option {name!r} does not take a value.": "选项 {name!r} 不接受值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
}
# click's plural messages (ngettext): (singular, plural) -> Chinese, one form for both
ZH_PLURAL = {
    "Did you mean {possibility}?": "是否为 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否为其中之一：{possibilities}？）",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不在可选值 {choices} 之中。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个。",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "{value!r} 不符合格式 {formats}。",
}
# the parameter types' names, shown in errors ("不是有效的整数") and in help (INTEGER RANGE)
TYPE_NAMES = {"IntRange": "整数范围", "FloatRange": "小数范围", "IntParamType": "整数", "FloatParamType": "小数",
              "BoolParamType": "布尔值", "StringParamType": "文本", "DateTime": "日期时间"}
_MODULES = ("click.core", "click.formatting", "click.exceptions", "click.decorators", "click.types", "click.parser",
            "typer.core")
_ENGLISH_NAMES: dict = {}


def _zh(message: str) -> str:
    return ZH.get(message, message)


def _same(message: str) -> str:
    return message


def _ngettext_zh(singular: str, plural: str, n: int) -> str:
    return ZH_PLURAL.get(singular if n == 1 else plural, singular if n == 1 else plural)


def _ngettext_en(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


def _hint(original):
    """Option.get_error_hint with its '(env var: X)' in Chinese (click builds it with an f-string)."""
    def get_error_hint(self, ctx):
        return original(self, ctx).replace(" (env var: ", "（环境变量：").replace("')", "'）")
    get_error_hint.original = original
    return get_error_hint


def install(lang: str) -> None:
    """Make click's and typer's own words Chinese (``zh``) or leave them English."""
    zh = lang == "zh"
    for name in _MODULES:
        module = sys.modules.get(name)
        if module is not None and hasattr(module, "_"):
            module._ = _zh if zh else _same
        if module is not None and hasattr(module, "ngettext"):
            module.ngettext = _ngettext_zh if zh else _ngettext_en
    types = sys.modules.get("click.types")
    if types is not None:
        for cls, chinese in TYPE_NAMES.items():
            klass = getattr(types, cls, None)
            if klass is not None:
                _ENGLISH_NAMES.setdefault(cls, klass.name)
                klass.name = chinese if zh else _ENGLISH_NAMES[cls]
    core = sys.modules.get("click.core")
    if core is not None:
        current = core.Option.get_error_hint
        original = getattr(current, "original", current)
        core.Option.get_error_hint = _hint(original) if zh else original
