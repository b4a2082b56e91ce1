"""Computing what many rules read from one report once per check run.

``run_checks`` opens a scope (``govreport check`` one around loading and checking each report);
inside it, :func:`memoized` keeps what it computed for an object
(every node of the report for ``find``, its prose, a table's values) until the scope closes.
A loaded report keeps its own (what loading and checking worked out about that one report
object, held by it and freed with it). Outside a scope it just computes, so nothing is held
between runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

Held = dict[tuple[str, int], tuple[object, Any]]
"""What a scope holds: by name and object, the object and what was computed for it."""

_SCOPE: ContextVar[Held | None] = ContextVar("govreport_memo", default=None)


@contextmanager
def scope(held: Held | None = None) -> Iterator[None]:
    """Within it, what :func:`memoized` computes for an object is computed once.

    A scope opened inside another shares it (loading and checking one report in one scope).
    ``held`` keeps what is computed beyond the scope: a loaded report's own, so that checking
    it reuses what loading worked out.
    """
    if _SCOPE.get() is not None:
        yield
        return
    token = _SCOPE.set({} if held is None else held)
    try:
        yield
    finally:
        _SCOPE.reset(token)


def memoized(name: str, obj: object, compute: Callable[[], T]) -> T:
    """``compute()``, remembered for ``(name, obj)`` while a scope is open."""
    held = _SCOPE.get()
    if held is None:
        return compute()
    key = (name, id(obj))
    entry = held.get(key)
    if entry is None or entry[0] is not obj:  # the scope holds obj, so its id stays its own
        entry = held[key] = (obj, compute())
    return entry[1]
