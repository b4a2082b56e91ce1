"""The check engine: rules are small functions that yield flags; the engine makes findings.

A rule is registered with its stable code, severity and the regulation text behind it::

    @rule("COM001", Severity.ERROR, "通过项目数不能超过预审项目数", basis="…")
    def passed_within_reviewed(report):
        for path, review in find(report, ProjectPreReview):
            if review.passed > review.reviewed:
                yield Flag(f"{path}.passed", "…")

Rule functions take ``report`` and, if they compare years, ``previous`` (last year's report, or
None); they are called with just the arguments they name. Both are loaded reports: the edition
and table format resolved at load are ``report.edition_spec`` and ``report.table_format``.
``registry`` is still offered to rules that name it, but is deprecated.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable

from .._records import record


class Severity(enum.Enum):
    """How serious a finding is; ordered from most to least serious."""

    ERROR = "error"
    """Contradicts the format or the regulation: the report must not go out like this."""
    INCONSISTENCY = "inconsistency"
    """Figures that do not add up, or text that contradicts the tables."""
    WARNING = "warning"
    """Probably a problem; a person should look."""

    @property
    def label(self) -> str:
        return {"error": "错误", "inconsistency": "不一致", "warning": "提示"}[self.value]


@record
class Flag:
    """What a rule function yields: the place, a message for the author and the cells involved."""

    path: str
    message: str
    cells: tuple[str, ...] = ()


@record
class Finding:
    """A flag stamped with its rule's code and severity."""

    code: str
    severity: Severity
    path: str
    message: str
    cells: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "path": self.path,
            "cells": list(self.cells),
            "message": self.message,
        }


RuleFunction = Callable[..., Iterable[Flag]]


@record
class Rule:
    """A check: its code never changes and is never reused for another rule."""

    code: str
    severity: Severity
    title: str
    function: RuleFunction
    basis: str = ""
    editions: tuple[str, ...] | None = None
    """The editions the rule applies to; None for every edition."""
    missing_content: bool = False
    """The rule finds content still to be written: in a draft its findings are warnings."""

    def severity_for(self, draft: bool) -> Severity:
        """The rule's severity, or a warning when it finds missing content in a draft."""
        return Severity.WARNING if draft and self.missing_content else self.severity

    def applies_to(self, edition: str) -> bool:
        return self.editions is None or edition in self.editions


def rule(
    code: str,
    severity: Severity,
    title: str,
    *,
    basis: str = "",
    editions: tuple[str, ...] | None = None,
    missing_content: bool = False,
) -> Callable[[RuleFunction], Rule]:
    """Decorator that turns a function yielding flags into a :class:`Rule`."""

    def wrap(function: RuleFunction) -> Rule:
        return Rule(code, severity, title, function, basis, editions, missing_content)

    return wrap
