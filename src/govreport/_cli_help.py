"""The command line's help and usage errors, in Chinese, with the installed plugins' names.

argparse writes its own words ("usage:", "options", "the following arguments are required") in
English; :class:`Parser` and :class:`HelpFormatter` put them in Chinese. A help text may hold
``{renderers}`` or ``{editions}``: they are filled with the names the installed plugins
provide, only when the help is shown (loading the plugins costs time no other use needs).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from typing import Any, NoReturn

_USAGE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"^argument (\S+): ", r"参数 \1："),
        (r"the following arguments are required: (.*)$", r"缺少必需的参数：\1"),
        (r"one of the arguments (.*) is required$", r"参数 \1 必须给出一个"),
        (r"unrecognized arguments: (.*)$", r"不认识的参数：\1"),
        (r"invalid choice: (.*) \(choose from (.*)\)$", r"没有这个选项 \1（可选：\2）"),
        (r"invalid (\S+) value: (.*)$", r"\2 不是有效的值（应为 \1）"),
        (r"expected one argument$", r"后面应跟一个值"),
        (r"expected at least one argument$", r"后面应至少跟一个值"),
        (r"not allowed with argument (.*)$", r"不能与参数 \1 同时使用"),
    )
)


def usage_error(message: str) -> str:
    """argparse's English message about a command line, in Chinese where it is a known one."""
    for pattern, replacement in _USAGE_ERRORS:
        message = pattern.sub(replacement, message)
    return message


def _installed(hook: Callable[[Any], dict[str, Any]]) -> str:
    from .plugins import shared_registry

    return "、".join(sorted(hook(shared_registry()))) or "无"


_VALUES: dict[str, Callable[[], str]] = {
    "{renderers}": lambda: _installed(lambda registry: registry.renderers),
    "{editions}": lambda: _installed(lambda registry: registry.editions),
}
"""What a help text's placeholders become: the names the installed plugins provide."""


class HelpFormatter(argparse.HelpFormatter):
    """argparse's layout with Chinese headings and the installed plugins' names filled in."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def _get_help_string(self, action: argparse.Action) -> str:
        text = super()._get_help_string(action) or ""
        for placeholder, values in _VALUES.items():
            if placeholder in text:
                text = text.replace(placeholder, values().replace("%", "%%"))
        return text


class Parser(argparse.ArgumentParser):
    """An argument parser whose help and usage errors are in Chinese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{usage_error(message)}\n")
