"""Running the check rules over a report."""

from __future__ import annotations

from . import memo
from .calling import call_with_supported_arguments
from .checks import Finding, Flag
from .errors import PluginError
from .model import Report
from .plugins import Registry


def run_checks(report: Report, registry: Registry, previous: Report | None = None) -> list[Finding]:
    """Run every rule that applies to the report's edition, in registration order.

    ``previous`` is last year's report, for the rules that compare years. In a draft, findings
    of rules about missing content are warnings.
    """
    findings: list[Finding] = []
    with memo.scope():
        for check in registry.rules:
            if not check.applies_to(report.edition):
                continue
            try:
                flags = list(
                    call_with_supported_arguments(
                        check.function, report=report, previous=previous, registry=registry
                    )
                )
            except Exception as error:
                plugin = registry.provider("govreport_rules", check)
                raise PluginError(plugin, f"rule {check.code} failed: {error!r}") from error
            wrong = [flag for flag in flags if not isinstance(flag, Flag)]
            if wrong:
                plugin = registry.provider("govreport_rules", check)
                message = f"rule {check.code} yielded {type(wrong[0]).__name__}, not Flag"
                raise PluginError(plugin, message)
            severity = check.severity_for(report.draft)
            findings += [
                Finding(check.code, severity, flag.path, flag.message, flag.cells) for flag in flags
            ]
    return findings
