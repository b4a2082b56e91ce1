"""Running the check rules over a report."""

from __future__ import annotations

from .calling import call_with_supported_arguments
from .checks import Finding
from .errors import PluginError
from .model import Report
from .plugins import Registry


def run_checks(report: Report, registry: Registry, previous: Report | None = None) -> list[Finding]:
    """Run every rule that applies to the report's edition, in registration order.

    ``previous`` is last year's report, for the rules that compare years.
    """
    findings: list[Finding] = []
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
        findings += [
            Finding(check.code, check.severity, flag.path, flag.message, flag.cells)
            for flag in flags
        ]
    return findings
