"""Running one report's work in a process of its own.

A report's own plugins (when allowed) run arbitrary Python: they can change any object of the
process that loads them. When several reports are checked or built in one call, each report
that may bring such plugins is handled in a child process, so that nothing its plugins add or
change outlives it: the next report starts from the parent's untouched state. The child sends
its result back as JSON text, never as objects the parent would have to trust.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from ._processes import end_with
from .errors import GovreportError

R = TypeVar("R")

CAN_FORK = hasattr(os, "fork")
"""Where processes cannot be forked (Windows), the work runs in the calling process."""


def run_isolated(result_type: type[R], function: Callable[..., R], *args: object) -> R:
    """``function(*args)``, an attrs record of ``result_type``, computed in a forked child.

    A GovreportError raised in the child is raised here with the same message, and a
    KeyboardInterrupt as a KeyboardInterrupt; anything else that stops the child, and a child
    that ends without a result (killed, or exited by a plugin), is a GovreportError saying so.
    """
    if not CAN_FORK:
        return function(*args)
    sys.stdout.flush()
    sys.stderr.flush()
    reader, writer = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        os.close(reader)
        end_with(parent)
        _child(writer, function, args)
    os.close(writer)
    data = _read_all(reader)
    _, status = os.waitpid(pid, 0)
    try:
        kind, value = json.loads(data)
    except ValueError:
        raise GovreportError(f"处理这份报告的进程中止了（{_ending(status)}）") from None
    if kind == "interrupted":
        raise KeyboardInterrupt
    if kind == "error":
        raise GovreportError(str(value))
    return _record(result_type, value)


def _child(writer: int, function: Callable[..., object], args: tuple[object, ...]) -> None:
    """Compute and send the outcome, then leave without running the parent's exit handlers."""
    try:
        try:
            outcome: list[Any] = ["value", attrs.asdict(function(*args))]
        except GovreportError as error:
            outcome = ["error", str(error)]
        except KeyboardInterrupt:
            outcome = ["interrupted", None]
        data = json.dumps(outcome).encode("utf-8")
    except BaseException as error:  # whatever happens, the parent gets a message
        data = json.dumps(["error", f"无法处理这份报告（{error!r}）"]).encode()
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(writer, view) :]
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(0)


def _read_all(reader: int) -> bytes:
    chunks = []
    while chunk := os.read(reader, 1 << 16):
        chunks.append(chunk)
    os.close(reader)
    return b"".join(chunks)


def _record(result_type: type[R], fields: dict[str, Any]) -> R:
    """The record back from its JSON fields (JSON has lists where the record has tuples)."""
    return result_type(
        **{
            name: tuple(value) if isinstance(value, list) else value
            for name, value in fields.items()
        }
    )


def _ending(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
