"""``govreport check`` for one report, as plain data the command prints.

The outcome holds only text and numbers, so that it can come back from the child process a
report is checked in when its own plugins may run (see :mod:`govreport._isolation`).
"""

from __future__ import annotations

from . import _memo
from ._local_plugins import allowed_by_environment
from ._records import record
from .errors import GovreportError, ReportError, printable


@record
class CheckOutcome:
    """What checking one report gave: its printed lines or JSON entries, or why it failed."""

    path: str
    lines: tuple[str, ...] = ()
    """The text report: the file, the findings by section, the verdict."""
    entries: tuple[dict[str, object], ...] = ()
    """The findings as JSON objects, each naming the file."""
    plugin_failures: tuple[str, ...] = ()
    """Plugins that failed: the report is then not checked (``error`` says so)."""
    has_errors: bool = False
    """Some finding is an error or an inconsistency (not only warnings)."""
    error: str | None = None
    """Why the report could not be checked."""
    traceback: str | None = None
    """Where that error was raised, for ``--debug``."""


def check_report(path: str, previous: str | None = None) -> CheckOutcome:
    """Check one report (against last year's, when given).

    When reports' own plugins may run, the report is checked in a child process, so that what
    its plugins do cannot reach the reports checked after it.
    """
    if allowed_by_environment():
        from ._isolation import run_isolated

        try:
            return run_isolated(CheckOutcome, _check_here, path, previous)
        except GovreportError as error:
            return CheckOutcome(path, error=f"{path}: {error}")
    return _check_here(path, previous)


def _check_here(path: str, previous: str | None) -> CheckOutcome:
    from .checks import Severity
    from .checks.grouping import group_by_section, verdict
    from .loader import load

    try:
        with _memo.scope():  # what loading works out about the report, the rules reuse
            loaded = load(path)
            findings = loaded.check(previous or None)
    except (GovreportError, ReportError) as error:
        import traceback

        return CheckOutcome(path, error=str(error), traceback=traceback.format_exc())
    failures = loaded.registry.failures
    if failures:
        from .plugins import unusable_because

        return CheckOutcome(
            path,
            plugin_failures=tuple(map(str, failures)),
            error=f"{loaded.path}: {unusable_because(failures, '不作检查')}",
        )
    file = str(loaded.path)
    lines = [file]
    for group, members in group_by_section(findings, loaded.report):
        lines.append(group)
        lines += [f"  {f.code} [{f.severity.label}] {f.path}：{f.message}" for f in members]
    lines.append(verdict(findings, draft=loaded.report.draft))
    return CheckOutcome(
        path,
        lines=tuple(printable(line) for line in lines),
        entries=tuple({**f.as_dict(), "file": file} for f in findings),
        has_errors=any(f.severity is not Severity.WARNING for f in findings),
    )
