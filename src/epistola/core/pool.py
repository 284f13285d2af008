"""Run one function over many items, in worker processes when there are enough of them.

Workers are forked after the caller has built what they need (the edition, the template
environment), so nothing large is sent to them: each task is a small item and each
answer comes back pickled. Where fork is not available, or the items are few, or the
machine has one core, the work runs in this process; the result is the same.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

Item = TypeVar("Item")
Answer = TypeVar("Answer")

MIN_PARALLEL = 400
"""Fewer items than this are done in this process: starting workers would cost more."""
CHUNK = 64
"""Items per task: large enough to hide the cost of a task, small enough to share evenly."""

_work: Callable[[Any], list[Any]] | None = None
"""The function of the running map, inherited by the forked workers."""


def workers() -> int:
    """How many processes a parallel map uses: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def map_chunks(
    work: Callable[[Sequence[Item]], list[Answer]],
    items: Sequence[Item],
    *,
    label: str,
    progress: bool,
) -> list[Answer]:
    """`work` over `items` a chunk at a time, on every core when that pays; answers in order.

    `work` may be a closure: forked workers inherit it, it is never pickled.
    """
    return list(imap_chunks(work, items, label=label, progress=progress))


def imap_chunks(
    work: Callable[[Sequence[Item]], list[Answer]],
    items: Sequence[Item],
    *,
    label: str,
    progress: bool,
) -> Iterator[Answer]:
    """As `map_chunks`, but each answer as soon as its chunk is done, so the caller can
    write it out and let it go rather than hold every answer until the end."""
    chunks = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
    parallel = (
        len(items) >= MIN_PARALLEL
        and workers() > 1
        and "fork" in multiprocessing.get_all_start_methods()
    )
    with _bar(label, len(items), progress) as advance, collector_paused():
        for done in _chunks_parallel(work, chunks) if parallel else map(work, chunks):
            yield from done
            advance(len(done))


def _chunks_parallel(
    work: Callable[[Sequence[Item]], list[Answer]], chunks: list[Sequence[Item]]
) -> Iterator[list[Answer]]:
    global _work
    _work = work
    try:
        with multiprocessing.get_context("fork").Pool(workers()) as pool:
            yield from pool.imap(_run_chunk, chunks)
    finally:
        _work = None


def _run_chunk(chunk: Sequence[Any]) -> list[Any]:
    assert _work is not None
    return _work(chunk)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: a build makes many long-lived objects and few
    cycles, and the collector's passes over them cost a quarter of the time, freeing nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _bar(label: str, total: int, progress: bool) -> Iterator[Callable[[int], object]]:
    """A progress bar on the terminal for long work; nothing otherwise."""
    if not progress or total < MIN_PARALLEL or not sys.stderr.isatty():
        yield lambda _: None
        return
    from tqdm import tqdm  # only needed on a terminal

    with tqdm(total=total, desc=label, unit=" files", leave=False, file=sys.stderr) as bar:
        yield bar.update
