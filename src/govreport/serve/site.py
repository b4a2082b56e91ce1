"""The reports a preview serves, what each shows now, and the one thread that does the work.

Reading, checking and building run in the main thread, one at a time, as ``check`` and
``build`` run them: that is where a plugin's time limit can stop it. The HTTP threads and the
file watcher only ask for work (:meth:`Site.request_refresh`, :meth:`Site.download`) and wait
for the result; a page learns of a new reading through :meth:`Site.wait_for_change`.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from concurrent import futures
from pathlib import Path
from typing import Any

from ..errors import printable
from .snapshot import UNUSABLE, VERDICT_LABELS, Download, Snapshot, build, take

DOWNLOAD_SECONDS = 600
"""How long a download request waits for its file (a PDF goes through an office suite)."""


class Preview:
    """One served report: where it is, what it showed last, and its last good page."""

    def __init__(
        self, number: int, path: str, file: Path, previous: str | None, last: Path | None
    ) -> None:
        self.number = number
        self.path = path
        """The path as given on the command line."""
        self.file = file
        """The report file, resolved."""
        self.previous = previous
        self.previous_file = last
        """Last year's report file, resolved, when given."""
        self.snapshot = Snapshot()
        """The latest reading (the first is taken before the preview starts serving)."""
        self.good: Snapshot | None = None
        """The last snapshot that had a page: it stays shown, marked stale, while the file
        cannot be used."""
        self.version = 0
        self.good_version: int | None = None
        self.pending = False

    @property
    def name(self) -> str:
        return printable(self.path)

    def watched(self) -> set[Path]:
        """The files whose change means reading the report again."""
        return {file for file in (self.file, self.previous_file) if file is not None}

    def state(self) -> dict[str, Any]:
        """What the page shows, as JSON: the latest reading, with the last good page's version."""
        snapshot = self.snapshot
        return {
            "version": self.version,
            "name": self.name,
            "file": self.file.name,
            "verdict": snapshot.verdict,
            "verdict_label": VERDICT_LABELS[snapshot.verdict],
            "title": (self.good.title if self.good else "") or self.name,
            "findings": list(snapshot.findings),
            "problems": list(snapshot.problems),
            "error": snapshot.error,
            "formats": list(snapshot.formats if snapshot.html else ()),
            "page_version": self.good_version,
            "stale": snapshot.html is None and self.good is not None,
        }


class Site:
    """The served reports and the queue of work the main thread does for them."""

    def __init__(self, previews: list[Preview], report: Callable[[str], None]) -> None:
        self.previews = previews
        self.report = report
        """Prints one line about a reading, for the person who started the preview."""
        self.changed = threading.Condition()
        self.jobs: queue.Queue[Callable[[], None]] = queue.Queue()
        self.stopping = False

    def refresh(self, preview: Preview) -> None:
        """Read the report again (main thread only) and tell the pages."""
        with self.changed:
            preview.pending = False
        snapshot = take(preview.path, preview.previous)
        with self.changed:
            preview.snapshot = snapshot
            preview.version += 1
            if snapshot.html is not None:
                preview.good = snapshot
                preview.good_version = preview.version
            self.changed.notify_all()
        label = VERDICT_LABELS[snapshot.verdict]
        if snapshot.verdict == UNUSABLE:
            label += "（页面保留上次的内容）" if preview.good else ""
        self.report(f"{time.strftime('%H:%M:%S')} {preview.name}：{label}")

    def request_refresh(self, preview: Preview) -> None:
        """Ask for a new reading, unless one is already waiting (any thread)."""
        with self.changed:
            if preview.pending:
                return
            preview.pending = True
        self.jobs.put(lambda: self.refresh(preview))

    def download(self, preview: Preview, to: str) -> Download:
        """The file ``build --to <to>`` makes of the report, built by the main thread."""
        result: futures.Future[Download] = futures.Future()

        def job() -> None:
            if result.set_running_or_notify_cancel():
                try:
                    result.set_result(build(preview.path, to))
                except BaseException as error:
                    result.set_exception(error)
                    if not isinstance(error, Exception):
                        raise

        self.jobs.put(job)
        try:
            return result.result(timeout=DOWNLOAD_SECONDS)
        except futures.TimeoutError:  # not the built-in one before Python 3.11
            result.cancel()
            return Download(error="生成文件的时间过长，已放弃")

    def wait_for_change(self, preview: Preview, seen: int, seconds: float) -> int:
        """The report's version once it differs from ``seen``, or after ``seconds``."""
        with self.changed:
            self.changed.wait_for(lambda: preview.version != seen or self.stopping, timeout=seconds)
            return preview.version

    def run_jobs(self) -> None:
        """Do the work asked for, in this (the main) thread, until interrupted."""
        while True:
            try:
                job = self.jobs.get(timeout=0.5)  # wakes up for Ctrl-C
            except queue.Empty:
                continue
            job()

    def stop(self) -> None:
        with self.changed:
            self.stopping = True
            self.changed.notify_all()
