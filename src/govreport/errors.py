"""Exceptions that carry user-facing problems.

A user error never reaches the user as a traceback: the CLI prints these exceptions' messages
and exits with status 2.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ._records import record

if TYPE_CHECKING:
    from .checks import Finding

_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""What must not reach a terminal raw: control characters (C0 but tab, DEL, C1), the marks and
overrides that reorder text, line and paragraph separators, and lone surrogates."""


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, keep_lines: bool = False) -> str:
    """Text from a report, safe to echo: unprintable characters written as ``\\x1b``, ``\\u202e``.

    ``keep_lines`` keeps line breaks, for messages govreport lays out on several lines; a name or
    a place never keeps them, so it cannot start a line of its own.
    """
    if keep_lines:
        return "\n".join(_UNPRINTABLE.sub(_escape, line) for line in text.split("\n"))
    return _UNPRINTABLE.sub(_escape, text)


SHOWN_LENGTH = 80
"""How many characters of a value a message echoes before cutting it short with "…"."""


def shown(text: str, limit: int = SHOWN_LENGTH) -> str:
    """A value as a message echoes it: on one line, :func:`printable`, at most ``limit`` long."""
    return printable(text if len(text) <= limit else text[:limit] + "…")


@record
class Problem:
    """One thing wrong with a report file: where it is and what was expected there."""

    location: str
    message: str

    def __str__(self) -> str:
        message = printable(self.message, keep_lines=True)
        return f"{printable(self.location)}: {message}" if self.location else message


class GovreportError(Exception):
    """Base class of every error govreport reports to a user.

    Its message is printable: characters that would act on the terminal are escaped.
    """

    def __str__(self) -> str:
        return printable(super().__str__(), keep_lines=True)


class ReportError(GovreportError):
    """A report file cannot be used; lists every problem found in it at once."""

    def __init__(self, source: str, problems: Iterable[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__(self.render())

    def render(self) -> str:
        count = len(self.problems)
        lines = [f"{printable(self.source)}：{count} 处问题："]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


class PluginError(GovreportError):
    """A plugin failed to load, or misbehaved in one of its hooks."""

    def __init__(self, plugin: str, message: str) -> None:
        self.plugin = plugin
        super().__init__(f"插件 {plugin!r}：{message}")


class ChecksFailedError(GovreportError):
    """A report that is not a draft has errors or inconsistencies, so it is not written.

    ``findings`` are those findings (the checks' :class:`govreport.Finding` objects).
    """

    def __init__(self, source: str, findings: Sequence[Finding]) -> None:
        self.source = source
        self.findings = tuple(findings)
        super().__init__(
            f"{printable(source)}: 检查发现 {len(self.findings)} 个错误或不一致，没有写出文件；"
            "请修改后再生成，或用 force=True 仍然生成"
        )


class RenderError(GovreportError):
    """A renderer failed to produce its output."""
