"""Running plugin code so that whatever it does ends as a failure naming the plugin.

Every call into a plugin — importing it, asking one of its hooks, a rule, a section kind's
build, an edition's preamble, a renderer and its ``check_options`` — runs inside
:class:`running`, which

- turns any exception the code raises, ``SystemExit``, ``KeyboardInterrupt`` and other
  ``BaseException`` subclasses included, into a :class:`~govreport.errors.PluginError` naming the
  plugin (while checking or building, a ``GovreportError`` raised on purpose passes unchanged);
- sends what the code prints to stderr, so stdout carries govreport's output alone;
- stops the code after ``GOVREPORT_PLUGIN_TIMEOUT`` seconds (10 by default, 0 for no limit;
  a call doing the work of several, such as ``render_many``, has that many times the limit)
  with ``SIGALRM``, where the platform has it and in the main thread; code that swallows the
  stop is given one more second, then govreport ends with status 2;
- reads what the code yields through :meth:`running.collect`, at most :data:`MAX_ITEMS` items.

The built-in plugins are govreport's own code: for them only ``Exception`` becomes a
``PluginError``, and an interrupt (Ctrl-C) stops the program as usual.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from itertools import islice
from types import FrameType, TracebackType
from typing import Any, TypeVar

from .errors import GovreportError, PluginError

TIMEOUT_ENV = "GOVREPORT_PLUGIN_TIMEOUT"
DEFAULT_TIMEOUT = 10.0
GRACE_SECONDS = 1.0
"""How long code that caught the stop may run on before govreport ends the process."""
MAX_ITEMS = 10_000
"""The most items a hook, rule, section kind or preamble may yield at one call."""
MAX_MESSAGE = 300
"""The most characters of a plugin's exception shown in a message."""

_Item = TypeVar("_Item")


class _OutOfTime(BaseException):
    """Raised into plugin code that ran past the time limit."""


class _Clock:
    """The one time limit running at a time: the outermost plugin call's."""

    def __init__(self) -> None:
        self.depth = 0
        self.expired = False
        self.limit = 0.0
        self.current: running | None = None
        self.previous_handler: Any = None

    def start(self, calls: int) -> bool:
        """Arm the limit for the outermost plugin call, doing the work of ``calls`` calls;
        False where no limit can be set."""
        import signal  # here: importing it costs a millisecond, and most runs need no limit

        self.limit = timeout_seconds() * calls
        self.expired = False
        if self.limit <= 0 or not hasattr(signal, "setitimer"):
            return False
        try:
            previous = signal.signal(signal.SIGALRM, self._ring)
        except ValueError:  # not the main thread
            return False
        # a handler set outside Python reads as None, and cannot be set back: use the default
        self.previous_handler = signal.SIG_DFL if previous is None else previous
        signal.setitimer(signal.ITIMER_REAL, self.limit)
        return True

    def stop(self) -> None:
        import signal

        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous_handler)
        self.previous_handler = None

    def _ring(self, signum: int, frame: FrameType | None) -> None:
        call = self.current
        if call is None:  # the plugin call returned as the limit ran out
            return
        if self.expired:
            sys.__stderr__.write(
                f"错误：插件 {call.plugin!r}：{call.action} did not stop when its time ran "
                f"out ({_seconds(self.limit)} s)；govreport 就此停止\n"
            )
            sys.__stderr__.flush()
            os._exit(2)
        self.expired = True
        import signal

        signal.setitimer(signal.ITIMER_REAL, GRACE_SECONDS)
        raise _OutOfTime


_clock = _Clock()


def timeout_seconds() -> float:
    """The time limit of one plugin call, from ``GOVREPORT_PLUGIN_TIMEOUT``; 0 for none."""
    value = os.environ.get(TIMEOUT_ENV, "").strip()
    if not value:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 86_400:
        raise GovreportError(f"{TIMEOUT_ENV} 应为 0（不限时）到 86400 之间的秒数，实际为 {value!r}")
    return seconds


def _seconds(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def describe(error: BaseException) -> str:
    """An exception as a message shows it: its repr, shortened, whatever its class does."""
    try:
        text = repr(error)
    except BaseException:  # a plugin's exception class whose repr itself fails
        text = f"{type(error).__name__}()"
    if len(text) > MAX_MESSAGE:
        text = text[:MAX_MESSAGE] + "…"
    return text


class running:
    """Run plugin code as the module docstring says; ``action`` names what it is doing.

    An exception becomes ``plugin 'p': <failed> <exception>``, ``failed`` being ``"<action>
    failed:"`` unless given (``rule X failed: KeyError('a')``). Exceptions of the ``passes``
    types (by default a ``GovreportError`` raised on purpose) are the caller's to handle and pass
    unchanged, as does the ``PluginError`` of a plugin call inside this one. A call that does
    the work of ``calls`` calls at once (one ``render_many`` for many reports) has that many
    times the time limit.
    """

    __slots__ = (
        "_outer",
        "_stdout",
        "action",
        "calls",
        "failed",
        "passes",
        "plugin",
        "timed",
        "trusted",
    )

    def __init__(
        self,
        plugin: str,
        action: str,
        *,
        trusted: bool = False,
        failed: str = "",
        passes: tuple[type[BaseException], ...] = (GovreportError,),
        calls: int = 1,
    ) -> None:
        self.plugin, self.action = plugin, action
        self.calls = max(1, calls)
        self.failed = failed or f"{action} failed:"
        self.trusted, self.passes = trusted, passes
        self.timed = False

    def __enter__(self) -> running:
        if self.trusted:
            return self
        if _clock.depth == 0:
            self.timed = _clock.start(self.calls)
        self._stdout, sys.stdout = sys.stdout, sys.stderr
        self._outer = _clock.current
        _clock.depth += 1
        _clock.current = self
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        if not self.trusted:
            _clock.depth -= 1
            _clock.current = self._outer
            sys.stdout = self._stdout
            expired = _clock.expired and _clock.depth == 0
            if self.timed:
                _clock.stop()
            if isinstance(error, _OutOfTime) or (expired and error is None):
                limit = _seconds(_clock.limit)
                message = f"{self.action} did not finish within {limit} s ({TIMEOUT_ENV})"
                raise PluginError(self.plugin, message) from None
        if error is None or isinstance(error, (PluginError, *self.passes)):
            return False
        if self.trusted and not isinstance(error, Exception):
            return False
        raise PluginError(self.plugin, f"{self.failed} {describe(error)}") from error

    def collect(self, items: Iterable[_Item], noun: str = "items") -> list[_Item]:
        """The items of what the plugin returned, refusing more than :data:`MAX_ITEMS`
        (the built-in plugins' output is bounded by the report's own limits)."""
        if self.trusted:
            return list(items)
        collected = list(islice(items, MAX_ITEMS + 1))
        if len(collected) > MAX_ITEMS:
            message = f"{self.action} yielded more than {MAX_ITEMS:,} {noun}"
            raise PluginError(self.plugin, message)
        return collected
