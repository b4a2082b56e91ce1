"""Running the check rules over a report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import _memo
from .._calling import call_with_supported_arguments
from ..errors import PluginError
from . import Finding, Flag

if TYPE_CHECKING:
    from ..model import Report
    from ..plugins import Registry


def run_checks(report: Report, registry: Registry, previous: Report | None = None) -> list[Finding]:
    """Run every rule that applies to the report's edition, in registration order.

    ``previous`` is last year's report, for the rules that compare years. In a draft, findings
    of rules about missing content are warnings. ``registry`` gives the rules; a rule that still
    names ``registry`` is offered it (deprecated: the report carries its edition and tables).
    """
    findings: list[Finding] = []
    with _memo.scope():
        for check in registry.rules:
            if not check.applies_to(report.edition):
                continue
            action = f"rule {check.code}"
            with registry.running_item("govreport_rules", check, action) as call:
                flags = call.collect(
                    call_with_supported_arguments(
                        check.function, report=report, previous=previous, registry=registry
                    ),
                    "flags",
                )
            for flag in flags:
                problem = _malformed(flag)
                if problem:
                    plugin = registry.provider("govreport_rules", check)
                    raise PluginError(plugin, f"{action} yielded {problem}")
            severity = check.severity_for(report.draft)
            findings += [
                Finding(check.code, severity, flag.path, flag.message, tuple(flag.cells))
                for flag in flags
            ]
    return findings


def _malformed(flag: object) -> str:
    """What is wrong with a flag a rule yielded, or "" when govreport can report it."""
    if type(flag) is not Flag:
        return f"{type(flag).__name__}, not Flag"
    for name in ("path", "message"):
        problem = _text_problem(getattr(flag, name))
        if problem:
            return f"a Flag whose {name} {problem}"
    if type(flag.cells) not in (tuple, list):
        return f"a Flag whose cells are {type(flag.cells).__name__}, not a tuple"
    for cell in flag.cells:
        problem = _text_problem(cell)
        if problem:
            return f"a Flag whose cell {problem}"
    return ""


def _text_problem(value: object) -> str:
    if type(value) is not str:
        return f"is {type(value).__name__}, not text"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"holds a lone surrogate at position {error.start}"
    return ""
