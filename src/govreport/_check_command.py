"""``govreport check`` for one report, as plain data the command prints.

The outcome holds only text and numbers, so that it can come back from the child process a
report is checked in when its own plugins may run (see :mod:`govreport._isolation`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from . import _memo
from ._local_plugins import allowed_by_environment
from ._records import record
from .errors import GovreportError, ReportError, printable

if TYPE_CHECKING:
    from .checks import Finding
    from .loader import LoadedReport

PASS, FAIL, DRAFT, UNUSABLE = "pass", "fail", "draft", "unusable"
"""The verdicts ``check --format json`` gives a file: it may go out; it has errors or
inconsistencies; it is a draft without them; it could not be checked at all."""


@record
class CheckOutcome:
    """What checking one report gave: its verdict, printed lines and findings, or why it failed."""

    path: str
    """The path as given on the command line."""
    verdict: str = UNUSABLE
    """One of :data:`PASS`, :data:`FAIL`, :data:`DRAFT`, :data:`UNUSABLE`."""
    file: str | None = None
    """The report file read, when one was found."""
    lines: tuple[str, ...] = ()
    """The text report: the file, the findings by section, the verdict."""
    findings: tuple[dict[str, object], ...] = ()
    """The findings as JSON objects."""
    problems: tuple[dict[str, str | None], ...] = ()
    """Why the report could not be used: each problem's file, place in it and message."""
    plugin_failures: tuple[str, ...] = ()
    """Plugins that failed: the report is then not checked (``error`` says so)."""
    error: str | None = None
    """Why the report could not be checked."""
    traceback: str | None = None
    """Where that error was raised, for ``--debug``."""

    def as_json(self) -> dict[str, object]:
        """The file's entry in ``check --format json``."""
        return {
            "path": self.path,
            "file": self.file,
            "verdict": self.verdict,
            "problems": list(self.problems),
            "findings": list(self.findings),
        }


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
            return _unusable(path, None, GovreportError(f"{path}: {error}"))
    return _check_here(path, previous)


def check_many(
    paths: Sequence[str], previous: str | None = None, workers: int = 1
) -> Iterator[CheckOutcome]:
    """Check every report, yielding the outcomes in the order of ``paths``; with ``workers``
    above 1, in that many worker processes (reading PDFs and pages is slow; checking is not)."""
    if workers <= 1 or len(paths) <= 1:
        yield from (check_report(path, previous) for path in paths)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from ._processes import end_with_parent

    with ProcessPoolExecutor(min(workers, len(paths)), initializer=end_with_parent) as pool:
        futures = [pool.submit(check_report, path, previous) for path in paths]
        for path, future in zip(paths, futures, strict=True):
            try:
                yield future.result()
            except BrokenProcessPool:
                message = f"{path}：检查它的进程意外结束（可能是某个插件结束了进程）"
                yield _unusable(path, None, GovreportError(message))


def verdict_of(findings: Sequence[Finding], draft: bool) -> str:
    """:data:`FAIL` if a finding is an error or an inconsistency, else :data:`DRAFT` or
    :data:`PASS` (warnings alone do not stop a report)."""
    from .checks import Severity

    if any(finding.severity is not Severity.WARNING for finding in findings):
        return FAIL
    return DRAFT if draft else PASS


def _unusable(
    path: str,
    file: str | None,
    error: GovreportError,
    traceback: str | None = None,
    plugin_failures: tuple[str, ...] = (),
) -> CheckOutcome:
    """The outcome for a report that could not be checked, its problems as JSON objects."""
    if isinstance(error, ReportError):
        problems = [
            {
                "file": printable(error.source),
                "location": printable(problem.location),
                "message": printable(problem.message, keep_lines=True),
            }
            for problem in error.problems
        ]
        file = file or printable(error.source)
    else:
        problems = [{"file": file, "location": "", "message": str(error)}]
    return CheckOutcome(
        path,
        file=file,
        problems=tuple(problems),
        plugin_failures=plugin_failures,
        error=str(error),
        traceback=traceback,
    )


def summary_lines(loaded: LoadedReport, findings: Sequence[Finding]) -> list[str]:
    """What ``check`` prints of a report: the file, the findings by section, the verdict."""
    from .checks.grouping import group_by_section, verdict

    lines = [str(loaded.path)]
    for group, members in group_by_section(findings, loaded.report):
        lines.append(group)
        lines += [
            f"  {f.code} [{f.severity.label}] {_place(f, loaded)}：{f.message}" for f in members
        ]
    lines.append(verdict(findings, draft=loaded.report.draft))
    return [printable(line) for line in lines]


def _place(finding: Finding, loaded: LoadedReport) -> str:
    """A finding's place, with where it was printed when the report was imported from a file
    (unless its message says so already)."""
    from .checks.grouping import origin_of

    origin = origin_of(finding.path, loaded.report)
    if origin is None or origin in finding.message:
        return finding.path
    return f"{finding.path}（原文{origin}）"


def _as_json(finding: Finding, loaded: LoadedReport) -> dict[str, object]:
    """A finding as JSON, with ``origin`` (``第3页``) for a report imported from a file."""
    from .checks.grouping import origin_of

    origin = origin_of(finding.path, loaded.report)
    return {**finding.as_dict(), **({"origin": origin} if origin else {})}


def _check_here(path: str, previous: str | None) -> CheckOutcome:
    from .loader import load

    file = None
    try:
        with _memo.scope():  # what loading works out about the report, the rules reuse
            loaded = load(path)
            file = str(loaded.path)
            findings = loaded.check(previous or None)
    except GovreportError as error:
        import traceback

        return _unusable(path, file, error, traceback.format_exc())
    failures = loaded.registry.failures
    if failures:
        from .plugins import unusable_because

        message = f"{file}: {unusable_because(failures, '不作检查')}"
        return _unusable(path, file, GovreportError(message), None, tuple(map(str, failures)))
    return CheckOutcome(
        path,
        verdict=verdict_of(findings, loaded.report.draft),
        file=file,
        lines=tuple(summary_lines(loaded, findings)),
        findings=tuple(_as_json(f, loaded) for f in findings),
    )


_TALLIED = {PASS: "通过", DRAFT: "草稿", FAIL: "有问题", UNUSABLE: "无法检查"}


def tally(verdicts: Sequence[str]) -> str:
    """The closing line for many reports, e.g. ``共 3 份：1 份通过，1 份有问题，1 份无法检查``.

    Only the verdicts that occur are counted.
    """
    counts = [(verdicts.count(kind), label) for kind, label in _TALLIED.items()]
    parts = "，".join(f"{count} 份{label}" for count, label in counts if count)
    return f"共 {len(verdicts)} 份：{parts}"
