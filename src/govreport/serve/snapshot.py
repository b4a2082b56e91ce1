"""What the preview shows of one report at one moment, and its downloads, as plain data.

A snapshot holds only text, numbers and lists, so that it can come back from the child process
a report is read in when its own plugins may run (as ``check`` does, see
:mod:`govreport._isolation`). The page is ``build --to html``'s bytes; a download is what
``build`` writes for that format.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import TYPE_CHECKING

from .._check_command import DRAFT, FAIL, PASS, UNUSABLE, _as_json, _unusable, verdict_of
from .._local_plugins import allowed_by_environment
from .._records import record
from ..errors import GovreportError
from .toml_lines import key_lines, line_of

if TYPE_CHECKING:
    from ..checks import Finding
    from ..loader import LoadedReport

VERDICT_LABELS = {PASS: "通过", FAIL: "有问题", DRAFT: "草稿", UNUSABLE: "无法使用"}
"""How the page names each verdict."""
DOWNLOADS = ("md", "docx", "pdf")
"""The formats offered for download, those whose renderer is installed and can run."""


@record
class Snapshot:
    """One reading of a report: its verdict, findings and page, or why it could not be used."""

    verdict: str = UNUSABLE
    title: str = ""
    html: str | None = None
    """The page, exactly as ``build --to html`` writes it; None when the report is unusable."""
    findings: tuple[dict[str, object], ...] = ()
    """Each finding as ``check --format json`` gives it, with ``severity_label``, ``group``
    (the heading of the part it concerns) and ``line`` (in the report file, or None)."""
    problems: tuple[dict[str, object], ...] = ()
    """Why the report could not be used, as ``check --format json`` gives them, with ``line``."""
    error: str | None = None
    """The whole message, as ``check`` prints it, when the report could not be used."""
    formats: tuple[str, ...] = ()
    """The download formats available for it."""


@record
class Download:
    """A built file (base64, to come back as JSON from a child process), or why it was not."""

    data: str = ""
    name: str = ""
    error: str | None = None


def take(path: str, previous: str | None) -> Snapshot:
    """Read, check and render the report at ``path`` (in a child process when reports' own
    plugins may run, as ``check`` does)."""
    if allowed_by_environment():
        from .._isolation import run_isolated

        try:
            return run_isolated(Snapshot, _take_here, path, previous)
        except GovreportError as error:
            return _unusable_snapshot(path, None, GovreportError(f"{path}: {error}"))
    return _take_here(path, previous)


def build(path: str, to: str) -> Download:
    """The file ``build --to <to>`` writes for the report (built whatever its findings, as
    with ``--force``), read afresh from its file."""
    if allowed_by_environment():
        from .._isolation import run_isolated

        try:
            return run_isolated(Download, _build_here, path, to)
        except GovreportError as error:
            return Download(error=str(error))
    return _build_here(path, to)


def report_file(path: str) -> Path | None:
    """The report file a path leads to, resolved; None when it leads to none (reading the
    report then says why, as ``check`` does)."""
    from ..loader import resolve_report_path

    try:
        return resolve_report_path(path).resolve()
    except GovreportError:
        return None


def _take_here(path: str, previous: str | None) -> Snapshot:
    from .. import _memo
    from ..loader import load

    loaded = None
    try:
        with _memo.scope():
            loaded = load(path)
            findings = loaded.check(previous or None)
        page = loaded.render("html")
        title = loaded.build().title
        failures = loaded.registry.failures
        if failures:
            from ..plugins import unusable_because

            raise GovreportError(f"{loaded.path}: {unusable_because(failures, '不作检查')}")
    except GovreportError as error:
        return _unusable_snapshot(path, loaded.path if loaded is not None else None, error)
    lines = _lines_of(loaded.path)
    return Snapshot(
        verdict=verdict_of(findings, loaded.report.draft),
        title=title,
        html=page if isinstance(page, str) else page.decode("utf-8", "replace"),
        findings=tuple(_finding(finding, loaded, lines) for finding in findings),
        formats=_formats(loaded),
    )


def _unusable_snapshot(path: str, file: Path | None, error: GovreportError) -> Snapshot:
    """Why the report cannot be shown: the problems ``check`` gives, each with its line."""
    outcome = _unusable(path, str(file) if file is not None else None, error)
    lines = _lines_of(file or report_file(path))
    problems = tuple(
        {**problem, "line": line_of(problem["location"] or "", lines) if lines else None}
        for problem in outcome.problems
    )
    return Snapshot(error=outcome.error, problems=problems)


def _finding(finding: Finding, loaded: LoadedReport, lines: dict[str, int]) -> dict[str, object]:
    from ..checks.grouping import group_by_section

    [(group, _)] = group_by_section([finding], loaded.report)
    return {
        **_as_json(finding, loaded),
        "severity_label": finding.severity.label,
        "group": group,
        "line": line_of(finding.path, lines),
    }


def _lines_of(file: Path | None) -> dict[str, int]:
    """The places of a TOML report file and their lines; none for other files."""
    if file is None or file.suffix.lower() != ".toml":
        return {}
    from ..loader import MAX_FILE_BYTES

    try:
        with open(file, encoding="utf-8", errors="replace") as stream:
            return key_lines(stream.read(MAX_FILE_BYTES))
    except OSError:
        return {}


def _formats(loaded: LoadedReport) -> tuple[str, ...]:
    from .._availability import unavailable_because
    from ..errors import PluginError

    available = []
    for name in DOWNLOADS:
        renderer = loaded.registry.renderers.get(name)
        if renderer is None:
            continue
        try:
            if unavailable_because(loaded.registry, renderer) is None:
                available.append(name)
        except PluginError:
            continue
    return tuple(available)


def _build_here(path: str, to: str) -> Download:
    from ..loader import load
    from ..render import output_stem

    try:
        loaded = load(path)
        result = loaded.render(to)
    except GovreportError as error:
        return Download(error=str(error))
    data = result if isinstance(result, bytes) else str.encode(result, "utf-8")
    name = f"{output_stem(loaded.path)}.{loaded.registry.renderers[to].extension}"
    return Download(base64.b64encode(data).decode("ascii"), name)
