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
}
_MODULES = ("click.core", "click.formatting", "click.exceptions", "click.decorators", "click.types", "typer.core")


def _zh(message: str) -> str:
    return ZH.get(message, message)


def _same(message: str) -> str:
    return message


def install(lang: str) -> None:
    """Make click's and typer's own words Chinese (``zh``) or leave them English."""
    for name in _MODULES:
        module = sys.modules.get(name)
        if module is not None and hasattr(module, "_"):
            module._ = _zh if lang == "zh" else _same
