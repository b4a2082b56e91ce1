"""Processes: whether one still runs, and worker processes that do not outlive their command.

A worker whose parent is killed (``kill -9``) would otherwise go on building and writing outputs
for a command nobody runs any more, then wait for work forever.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import multiprocessing.process

_PR_SET_PDEATHSIG = 1
_POLL_SECONDS = 0.5


def running(pid: int) -> bool:
    """Whether a process with this id runs (on Windows always assumed: asking would end it)."""
    if os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except (OverflowError, OSError):
        return False
    return True


def end_with_parent() -> None:
    """Worker initializer: end this worker as soon as the process that started it ends.

    On Linux the kernel kills the worker when its parent dies; elsewhere a daemon thread waits
    for the parent's end (checking at least twice a second).
    """
    import multiprocessing  # here: a build without workers does without it

    parent = multiprocessing.parent_process()
    if parent is None:
        return
    if not _kernel_kills_on_parent_death():
        threading.Thread(target=_watch, args=(parent, os.getppid()), daemon=True).start()
    if not parent.is_alive():  # it died before this worker got here
        os._exit(1)


def end_with(parent_id: int) -> None:
    """In a child forked by ``parent_id``: end as soon as that process ends, as workers do."""
    if not _kernel_kills_on_parent_death():
        threading.Thread(target=_watch_id, args=(parent_id,), daemon=True).start()
    if os.getppid() != parent_id:  # it died before this child got here
        os._exit(1)


def _watch_id(parent_id: int) -> None:
    while os.getppid() == parent_id:
        time.sleep(_POLL_SECONDS)
    os._exit(1)


def _kernel_kills_on_parent_death() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: multiprocessing.process.BaseProcess, first_parent_id: int) -> None:
    while parent.is_alive() and os.getppid() == first_parent_id:
        parent.join(_POLL_SECONDS)
    os._exit(1)
