"""Running chunks of work in worker processes that start warm.

Imported only when a build starts workers: the process pool's own modules cost a lone build
a tenth of its time. Where processes are forked (Linux), this process first does the warm-up
it is given (loading plugins, preparing renderers), and every worker starts with it done
instead of doing it again; elsewhere each worker does it on its first piece of work.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from typing import TypeVar

from ._processes import end_with_parent

J = TypeVar("J")
R = TypeVar("R")


def in_processes(
    chunks: list[list[J]],
    work: Callable[[list[J]], list[R]],
    apart: Callable[[J], R],
    workers: int,
    warm_up: Callable[[], object],
    start_method: str | None = None,
) -> Iterator[R]:
    """``work(chunk)``'s results as workers finish them, each worker doing one chunk at a time
    and at most twice ``workers`` chunks in flight.

    A worker that stops abruptly (a plugin ending its process) breaks the pool: each item of
    the chunks in flight is then done again by ``apart``, in a process of its own, so that only
    the one whose plugin ends its process fails, and the chunks not yet started go on in a new
    pool. ``start_method`` overrides the choice of :func:`context`.
    """
    context = multiprocessing.get_context(start_method) if start_method else _context()
    if context.get_start_method() == "fork":
        warm_up()
        gc.freeze()  # the collector leaves what the workers inherit alone: fewer pages copied
    pending = chunks
    while pending:
        pending = yield from _in_one_pool(pending, work, apart, workers, context)


def _context() -> BaseContext:
    """Forked workers where forking is safe and cheap (Linux), else the platform's default."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _in_one_pool(
    chunks: list[list[J]],
    work: Callable[[list[J]], list[R]],
    apart: Callable[[J], R],
    workers: int,
    context: BaseContext,
) -> Generator[R, None, list[list[J]]]:
    """Do chunks of work in one pool of workers; returns the chunks not started when the pool
    broke."""
    queue = iter(chunks)
    running: dict[Future[list[R]], list[J]] = {}

    def results(future: Future[list[R]]) -> list[R]:
        chunk = running.pop(future)
        try:
            return future.result()
        except BrokenProcessPool:
            return [apart(item) for item in chunk]

    with ProcessPoolExecutor(workers, context, initializer=end_with_parent) as pool:
        for chunk in queue:
            try:
                running[pool.submit(work, chunk)] = chunk
            except BrokenProcessPool:
                for future in list(running):
                    yield from results(future)
                return [chunk, *queue]
            if len(running) >= 2 * workers:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    yield from results(future)
        for future in list(running):
            yield from results(future)
    return []
