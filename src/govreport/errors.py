"""Exceptions that carry user-facing problems.

A user error never reaches the user as a traceback: the CLI prints these exceptions' messages
and exits with status 2.
"""

from __future__ import annotations

from collections.abc import Iterable

from .records import record


@record
class Problem:
    """One thing wrong with a report file: where it is and what was expected there."""

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class GovreportError(Exception):
    """Base class of every error govreport reports to a user."""


class ReportError(GovreportError):
    """A report file cannot be used; lists every problem found in it at once."""

    def __init__(self, source: str, problems: Iterable[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__(self.render())

    def render(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{self.source}: {count} {noun}:"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


class PluginError(GovreportError):
    """A plugin failed to load, or misbehaved in one of its hooks."""

    def __init__(self, plugin: str, message: str) -> None:
        self.plugin = plugin
        super().__init__(f"plugin {plugin!r}: {message}")


class RenderError(GovreportError):
    """A renderer failed to produce its output."""
