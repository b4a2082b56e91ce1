"""Building many reports at once: output names that cannot collide, failures that don't stop
the rest, and worker processes when the batch is large enough to gain from them.
"""

from __future__ import annotations

import functools
import itertools
import os
import sys
import traceback
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from . import _memo
from ._check_command import summary_lines
from ._local_plugins import allowed_by_environment
from ._records import record
from .checks.grouping import blocking
from .errors import GovreportError
from .loader import load, resolve_report_path
from .plugins import shared_registry, unusable_because
from .render import (
    DEFAULT_OUTPUT_FOLDER,
    PreparedOutputs,
    output_stem,
    prepare_outputs,
    prepare_renderers,
    render_batch,
    write_prepared,
)


@record
class BuildJob:
    """One report to build: where it is and the folder its outputs go to."""

    source: str
    out_dir: str | None
    force: bool = False
    """Build it even when its checks find errors or inconsistencies (``--force``)."""


@record
class BuildResult:
    """What building one report gave: its checks' summary and the files written, or why none
    were."""

    source: str
    outputs: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()
    """What ``check`` prints of the report: the file, the findings, the verdict."""
    refused: bool = False
    """Not built: the report is not a draft and its checks found errors or inconsistencies."""
    forced: bool = False
    """Built despite such findings, as ``force`` asked."""
    error: str | None = None
    plugin_failures: tuple[str, ...] = ()
    """Plugins that failed: the report is then not built (``error`` says so)."""
    traceback: str | None = None
    """Where the error was raised, for ``--debug``."""


def plan(
    paths: Sequence[str | Path], out_dir: Path | None, force: bool = False
) -> tuple[list[BuildJob], list[BuildResult]]:
    """Jobs for the reports, and failures for those that cannot be built; ``force`` builds
    reports whose checks fail.

    Reports named twice are built once. Outputs are named after each report's folder (for
    ``report.toml``) or file; two reports that would write the same names into one folder are
    both refused rather than one overwriting the other.
    """
    jobs: dict[Path, BuildJob] = {}
    failures: list[BuildResult] = []
    for path in paths:
        try:
            file = resolve_report_path(path).resolve()
        except GovreportError as error:
            failures.append(BuildResult(str(path), error=str(error)))
            continue
        jobs.setdefault(file, BuildJob(str(file), str(out_dir) if out_dir else None, force))
    by_target: dict[Path, list[Path]] = defaultdict(list)
    for file in jobs:
        folder = out_dir.resolve() if out_dir else file.parent / DEFAULT_OUTPUT_FOLDER
        by_target[folder / output_stem(file)].append(file)
    for target, files in by_target.items():
        if len(files) > 1:
            for file in files:
                others = ", ".join(str(other) for other in files if other != file)
                message = (
                    f"{file}：它的输出（{target}.*）会覆盖 {others} 的输出；"
                    "请给文件夹改名，或用单独的 -o 生成它"
                )
                failures.append(BuildResult(str(file), error=message))
                del jobs[file]
    return list(jobs.values()), failures


def build_one(
    job: BuildJob, formats: Sequence[str], overrides: dict[str, Any] | None
) -> BuildResult:
    """Build one report; a user error becomes the result's error instead of an exception.

    When reports' own plugins may run, the report is built in a child process, so that what its
    plugins do cannot reach the reports built after it (by this process or the same worker).
    """
    if allowed_by_environment():
        return _build_apart(job, formats, overrides)
    return _build_here(job, formats, overrides)


def _build_apart(
    job: BuildJob, formats: Sequence[str], overrides: dict[str, Any] | None
) -> BuildResult:
    """Build one report in a child process of its own (see :mod:`govreport._isolation`)."""
    from ._isolation import run_isolated

    try:
        return run_isolated(BuildResult, _build_here, job, formats, overrides)
    except GovreportError as error:
        return BuildResult(job.source, error=f"{job.source}: {error}")


def _build_here(
    job: BuildJob, formats: Sequence[str], overrides: dict[str, Any] | None
) -> BuildResult:
    """Check the report, then write it unless the checks refuse it (see :class:`BuildResult`)."""
    prepared = _prepare(job, formats, overrides, batched=False)
    if isinstance(prepared, BuildResult):
        return prepared
    return _written(job, *prepared)


def _prepare(
    job: BuildJob, formats: Sequence[str], overrides: dict[str, Any] | None, batched: bool
) -> BuildResult | tuple[PreparedOutputs, tuple[str, ...], bool]:
    """Load and check the report, then render its outputs in memory (when ``batched``, leaving
    those a renderer makes for many reports at once); a result instead when it is not built."""
    try:
        with _memo.scope():  # what loading works out about the report, the rules reuse
            loaded = load(job.source)
            loaded.registry.ask_every_hook()
            findings = loaded.check()
        failures = loaded.registry.failures
        if failures:
            return BuildResult(
                job.source,
                plugin_failures=tuple(map(str, failures)),
                error=f"{loaded.path}: {unusable_because(failures, '不生成文件')}",
            )
        summary = tuple(summary_lines(loaded, findings))
        refused = bool(blocking(findings, loaded.report.draft))
        if refused and not job.force:
            return BuildResult(job.source, summary=summary, refused=True)
        out_dir = Path(job.out_dir) if job.out_dir else None
        prepared = prepare_outputs(loaded, formats, out_dir, overrides, batched=batched)
    except GovreportError as error:
        return BuildResult(job.source, error=str(error), traceback=traceback.format_exc())
    return prepared, summary, refused


def _written(
    job: BuildJob, prepared: PreparedOutputs, summary: tuple[str, ...], forced: bool
) -> BuildResult:
    """Write a report's prepared outputs, all or none."""
    try:
        written = write_prepared(prepared)
    except GovreportError as error:
        return BuildResult(job.source, error=str(error), traceback=traceback.format_exc())
    outputs = tuple(str(path) for path in written)
    return BuildResult(job.source, outputs, summary, forced=forced)


def build_chunk(
    jobs: Sequence[BuildJob], formats: Sequence[str], overrides: dict[str, Any] | None
) -> list[BuildResult]:
    """Build several reports, in their order, making the formats whose renderer has
    ``render_many`` (pdf) for all of them in one call; the reports refused or failing before
    it stay out of it. When that call fails, every report in it fails with its error and none
    of them is written. Reports whose own plugins may run are built one by one, each apart."""
    if allowed_by_environment() or len(jobs) == 1:
        return [build_one(job, formats, overrides) for job in jobs]
    results: list[BuildResult | None] = []
    ready: list[tuple[int, tuple[PreparedOutputs, tuple[str, ...], bool]]] = []
    for job in jobs:
        prepared = _prepare(job, formats, overrides, batched=True)
        if isinstance(prepared, BuildResult):
            results.append(prepared)
        else:
            ready.append((len(results), prepared))
            results.append(None)
    try:
        render_batch([prepared for _, (prepared, _, _) in ready])
    except GovreportError as error:
        trace = traceback.format_exc()
        for index, _ in ready:
            results[index] = BuildResult(jobs[index].source, error=str(error), traceback=trace)
    else:
        for index, prepared in ready:
            results[index] = _written(jobs[index], *prepared)
    return [result for result in results if result is not None]


CHUNK = 20
"""Reports built together (sharing one LibreOffice run for PDF) at most."""


def chunks(jobs: Sequence[BuildJob], workers: int) -> list[list[BuildJob]]:
    """The jobs in order, in chunks of at most :data:`CHUNK`: as few as keep every worker busy,
    a multiple of ``workers`` of them and of sizes differing by one at most, so that the workers
    finish together (100 reports on 2 workers: 6 chunks of 16 or 17, not 20, 20, 20 against
    20, 20)."""
    if not jobs:
        return []
    rounds = -(-len(jobs) // (workers * CHUNK))
    count = min(len(jobs), workers * rounds)
    size, larger = divmod(len(jobs), count)
    bounds = [0]
    for index in range(count):
        bounds.append(bounds[-1] + size + (index < larger))
    return [list(jobs[start:end]) for start, end in itertools.pairwise(bounds)]


def build_many(
    jobs: Sequence[BuildJob],
    formats: Sequence[str],
    overrides: dict[str, Any] | None = None,
    workers: int = 1,
    start_method: str | None = None,
) -> Iterator[BuildResult]:
    """Build every job, yielding each result as it is ready (in completion order).

    Worker processes are started only for a batch of at least :data:`PER_WORKER` reports per
    worker; a smaller one is built in this process, which is faster than starting workers.
    ``start_method`` ("fork", "spawn", "forkserver") overrides how workers are started.
    """
    workers = workers_for(len(jobs), workers)
    if workers == 1:
        for chunk in chunks(jobs, 1):
            yield from build_chunk(chunk, formats, overrides)
        return
    from ._workers import in_processes

    work = functools.partial(build_chunk, formats=formats, overrides=overrides)
    apart = functools.partial(_build_apart, formats=formats, overrides=overrides)
    warm_up = functools.partial(_warm_up, jobs[0], formats)
    pending = chunks(jobs, workers)
    yield from in_processes(pending, work, apart, workers, warm_up, start_method)


def _warm_up(first: BuildJob, formats: Sequence[str]) -> None:
    """Load the installed plugins, prepare the renderers of ``formats``, then load and check
    the ``first`` report (writing nothing) in this process, for forked workers to inherit: the
    converters then hold the code they generate for the report's classes, the rules what they
    set up on their first run. What fails here is left for each report's build to meet and
    report; no report's document is built or rendered here."""
    if allowed_by_environment():
        return  # every report is built in a child of its own, from a registry of its own
    try:
        prepare_renderers(shared_registry(), formats)
        with _memo.scope():
            load(first.source).check()
    except GovreportError:
        return


PER_WORKER = 2
"""Reports each worker process must have to build for a batch to start workers: fewer would
take longer to hand out than to build here."""


def workers_for(count: int, asked: int) -> int:
    """How many worker processes build ``count`` reports when ``asked`` for at most that many:
    one (this process) below :data:`PER_WORKER` reports per worker."""
    return max(1, min(asked, count // PER_WORKER))


class Progress:
    """A one-line counter on a terminal's stderr; silent when stderr is not a terminal."""

    def __init__(self, total: int, stream: TextIO = sys.stderr, minimum: int = 10) -> None:
        self.total = total
        self.stream = stream
        self.done = 0
        self.active = total >= minimum and stream.isatty() and os.environ.get("TERM") != "dumb"

    def step(self) -> None:
        self.done += 1
        if self.active:
            width = 30
            filled = width * self.done // self.total
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total}")
            self.stream.flush()

    def clear(self) -> None:
        if self.active:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()
