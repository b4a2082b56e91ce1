"""Builds killed from outside: workers do not outlive the command, and the temporary files a
killed write leaves behind are removed by a later build (never those of a process still running).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportfiles import MINIMAL, write_report

linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


def cli(*args: object, **options) -> subprocess.Popen:
    command = [sys.executable, "-m", "govreport.cli", *map(str, args)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **options)


def children(parent: int) -> set[int]:
    """The live processes whose parent is ``parent``, read from /proc."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            state, ppid = stat.rsplit(")", 1)[1].split()[:2]
            if int(ppid) == parent and state not in "ZX":
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Whether pid runs (a zombie no parent reaped has stopped running)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in "ZX"


def outputs(root: Path) -> dict[str, int]:
    """Every file under root's build folders with its modification time (a temporary file
    renamed into place between listing and reading it is left out: it is seen as its output)."""
    found = {}
    for path in root.glob("*/build/*"):
        try:
            found[str(path)] = path.stat().st_mtime_ns
        except FileNotFoundError:
            continue
    return found


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def reports(tmp_path) -> list[Path]:
    paths = []
    for number in range(300):
        folder = tmp_path / f"r{number:03}"
        folder.mkdir()
        paths.append(write_report(folder, MINIMAL.replace("某市商务局", f"第{number}局")))
    return paths


@pytest.fixture
def session() -> Iterator[list[subprocess.Popen]]:
    """Processes the test starts in their own session; whatever is left of them is ended."""
    started: list[subprocess.Popen] = []
    yield started
    for process in started:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@linux_only
def test_killing_a_parallel_build_ends_its_workers(tmp_path, reports, session):
    build = cli("build", *reports, "--to", "md,html,docx", "-j", "2", start_new_session=True)
    session.append(build)
    assert wait_for(lambda: len(children(build.pid)) >= 2 and outputs(tmp_path), 60)
    workers = children(build.pid)
    build.kill()
    build.wait()
    assert wait_for(lambda: not any(map(alive, workers)), 5), "a worker outlived its parent"
    written = outputs(tmp_path)
    time.sleep(1)
    assert outputs(tmp_path) == written, "outputs were still written after the build was killed"
    assert len(written) < 3 * len(reports), "the build finished before it was killed"


def build_folder_with_temporaries(tmp_path, pids: dict[str, int]) -> tuple[Path, dict[str, Path]]:
    path = write_report(tmp_path)
    build = tmp_path / "build"
    build.mkdir()
    temporaries = {}
    for label, pid in pids.items():
        temporary = build / f".{tmp_path.name}.md.govreport-{pid}-0123abcd.tmp"
        temporary.write_text("half a file", encoding="utf-8")
        temporaries[label] = temporary
    return path, temporaries


def test_a_later_build_removes_temporary_files_of_processes_that_died(tmp_path, session):
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    sleeping = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True
    )
    session.append(sleeping)
    path, temporaries = build_folder_with_temporaries(
        tmp_path, {"dead": finished.pid, "live": sleeping.pid}
    )
    other = tmp_path / "build" / "notes.tmp"
    other.write_text("not govreport's", encoding="utf-8")
    build = cli("build", path, "--to", "md,html")
    _, err = build.communicate(timeout=60)
    assert build.returncode == 0, err
    assert not temporaries["dead"].exists()
    assert temporaries["live"].exists(), "the temporary file of a running process was removed"
    assert other.exists()
    names = sorted(p.name for p in (tmp_path / "build").iterdir())
    assert names == sorted(
        [f"{tmp_path.name}.md", f"{tmp_path.name}.html", other.name, temporaries["live"].name]
    )
