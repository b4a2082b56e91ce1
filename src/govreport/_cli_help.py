"""The command line's help and usage errors, in Chinese, with the installed plugins' names.

argparse writes its own words ("usage:", "options", "the following arguments are required") in
English; :class:`Parser` and :class:`HelpFormatter` put them in Chinese. A help text may hold
``{renderers}`` or ``{editions}``: they are filled with the names the installed plugins
provide, only when the help is shown (loading the plugins costs time no other use needs).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

_USAGE_ERRORS = (
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
"""argparse's messages and their Chinese; compiled only for a command line in error."""


def usage_error(message: str) -> str:
    """argparse's English message about a command line, in Chinese where it is a known one."""
    for pattern, replacement in _USAGE_ERRORS:
        message = re.sub(pattern, replacement, message)
    return message


@contextmanager
def untranslated() -> Iterator[None]:
    """argparse's own words kept in English while the command line is built and read.

    :func:`usage_error` and the headings put them in Chinese; argparse would otherwise look
    for a translation of each on disk, for every parser it makes, a millisecond of every run.
    """
    saved = getattr(argparse, "_", None)
    if saved is None:  # an argparse without gettext: nothing to skip
        yield
        return
    argparse._ = _same  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = saved  # type: ignore[attr-defined]


def _same(text: str) -> str:
    return text


def terminal_width() -> int:
    """The width help is laid out in: ``COLUMNS``, else the terminal's, else 80 (as argparse
    finds it, without importing ``shutil`` for it)."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


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

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
        **options: Any,
    ) -> None:
        width = terminal_width() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width, **options)

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
