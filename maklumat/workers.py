"""A process pool for a cold build's per-version work (blob fingerprints, redlines).

Python-Markdown and the redline are pure Python, so a build with an empty cache spends
most of its engine time in one core. With `fork`, workers start with the parent's
modules and reading settings (rendering's active configuration) and take plain
arguments. Results come back in submission order and the parent alone writes the caches,
so the output is the same bytes with or without a pool (tests/test_workers.py).

MAKLUMAT_WORKERS: `1` (or `0`) never forks; a number sets the workers; unset, one per
CPU (at most 4). The pool is used only for a batch of at least MIN_BATCH misses (a
rebuild after one commit or a saved notice stays in-process), only where `fork` exists,
and only from a single-threaded process (never in a `mkdocs serve` rebuild, which runs
beside the server's threads).
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
MIN_BATCH = 32
MAX_AUTO = 4


def count() -> int:
    """How many processes the per-version work may use (1: no pool)."""
    value = os.environ.get("MAKLUMAT_WORKERS", "").strip()
    if value:
        try:
            return max(1, int(value))
        except ValueError:
            return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:   # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_AUTO))


def processes(batch: int) -> int:
    """The processes to use for `batch` items of work now (1: do it here)."""
    n = count()
    if (n < 2 or batch < MIN_BATCH or _threads() > 1
            or "fork" not in multiprocessing.get_all_start_methods()):
        return 1
    return n


def _threads() -> int:
    return threading.active_count()


def pool(n: int, initializer: Callable[[], None] | None = None) -> ProcessPoolExecutor:
    """`n` forked workers: they start with the parent's modules and state."""
    return ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("fork"), initializer=initializer)


def _run_group(fn: Callable[[T], R], group: Sequence[T]) -> list[R]:
    return [fn(item) for item in group]


def map_groups(fn: Callable[[T], R], groups: Iterable[Sequence[T]]) -> list[list[R]]:
    """`fn` over every item of every group, results in the same shape and order. A group
    stays in one process: consecutive versions of one notice share rendered pieces
    (rendering's cache), so a notice's versions go together."""
    groups = [list(g) for g in groups if g]
    n = processes(sum(len(g) for g in groups))
    if n == 1:
        return [_run_group(fn, g) for g in groups]
    # Largest first, so the last group to finish is a small one.
    order = sorted(range(len(groups)), key=lambda i: -len(groups[i]))
    try:
        with pool(min(n, len(groups))) as executor:
            futures = {i: executor.submit(_run_group, fn, groups[i]) for i in order}
            return [futures[i].result() for i in range(len(groups))]
    except (BrokenProcessPool, OSError):   # a worker killed (memory) or no process to be had:
        return [_run_group(fn, g) for g in groups]   # slower, the same result
