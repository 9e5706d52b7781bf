"""Solving samples in worker processes, with results that do not depend on how many.

Workers (``spawn``-ed, each reading the scenario text once) only solve the chunks of samples
they are sent and return :class:`~ggcalc.analysis.robustness.tally.Tally` objects, which are
added up in sample order; draws stay in the calling process and lazy.
"""

from __future__ import annotations

import itertools
import math
import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from fractions import Fraction
from typing import Any

from ggcalc.analysis.robustness.tally import SampleSolver, Tally
from ggcalc.io.load import read_text

__all__ = [
    "CHUNKS_PER_JOB",
    "LOCAL_CHUNK",
    "MAX_CHUNK",
    "chunk_size",
    "chunks",
    "solve_in_processes",
]

#: Chunks per worker process (more: smoother progress and load balance; fewer: less overhead).
CHUNKS_PER_JOB = 8
#: Largest chunk of samples sent to a worker at once.
MAX_CHUNK = 500
#: Chunk size with one process: only sets how often progress is reported.
LOCAL_CHUNK = 50

# One solver per worker process, made once by _start_worker (documents are not sent between
# processes: each worker reads the YAML text itself).
_WORKER: SampleSolver | None = None


def _start_worker(
    text: str,
    file: str | None,
    names: tuple[str, ...],
    fixed: dict[str, Fraction],
    concept: str | None,
    timeout: float | None,
) -> None:
    global _WORKER
    _WORKER = SampleSolver(read_text(text, file), names, fixed, concept, timeout)


def _solve_chunk(start: int, rows: list[tuple[Fraction, ...]]) -> Tally:
    assert _WORKER is not None, "worker not started"
    return _WORKER.solve(start, rows)


def chunks(
    rows: Iterable[tuple[Fraction, ...]], size: int
) -> Iterator[tuple[int, list[tuple[Fraction, ...]]]]:
    """``(index of the first sample, samples)`` for consecutive chunks of ``size``.

    Parameters
    ----------
    rows : iterable of tuple of Fraction
        The samples, drawn lazily: a chunk is drawn only when it is asked for.
    size : int
        Samples per chunk (the last chunk may hold fewer).

    Yields
    ------
    tuple of (int, list of tuple of Fraction)
        The 0-based index of the chunk's first sample, and its samples.
    """
    iterator = iter(rows)
    start = 0
    while chunk := list(itertools.islice(iterator, size)):
        yield start, chunk
        start += len(chunk)


def chunk_size(samples: int, jobs: int) -> int:
    """How many samples to send a worker at once: about :data:`CHUNKS_PER_JOB` chunks per job.

    Parameters
    ----------
    samples : int
        How many samples the run solves.
    jobs : int
        How many worker processes solve them.

    Returns
    -------
    int
        ``ceil(samples / (jobs * CHUNKS_PER_JOB))``, between 1 and :data:`MAX_CHUNK`.
    """
    return max(1, min(MAX_CHUNK, math.ceil(samples / (jobs * CHUNKS_PER_JOB))))


def solve_in_processes(
    chunks: Iterator[tuple[int, list[tuple[Fraction, ...]]]],
    tally: Tally,
    *,
    workers: int,
    initargs: tuple[Any, ...],
    progress: Callable[[int], None] | None,
) -> None:
    """Solve the chunks in ``workers`` processes, adding their tallies to ``tally`` in sample
    order (stopping at the first failed sample, as one process would).

    Workers are ``spawn``-ed (never forked) and each reads the scenario once; at most twice as
    many chunks as workers are drawn ahead of the one awaited, so draws stay lazy. After a
    failure the chunks not yet started are cancelled.

    Parameters
    ----------
    chunks : iterator of tuple of (int, list of tuple of Fraction)
        The chunks to solve, as :func:`chunks` makes them.
    tally : Tally
        Where the chunks' tallies are added, in sample order (changed in place).
    workers : int
        How many worker processes to start (at most 61 on Windows).
    initargs : tuple
        ``(text, file, names, fixed, concept, timeout)``: what each worker builds its
        :class:`~ggcalc.analysis.robustness.tally.SampleSolver` from.
    progress : callable or None
        Called with the number of samples solved after each chunk is added.
    """
    # "spawn" everywhere: fork is unsafe once threads run (a progress bar refreshes in one)
    # and is deprecated for multi-threaded processes; a spawned worker imports ggcalc once.
    context = multiprocessing.get_context("spawn")
    if sys.platform == "win32":
        workers = min(workers, 61)  # the most ProcessPoolExecutor accepts on Windows
    # Draws stay lazy: only this many chunks are drawn ahead of the one awaited.
    window = workers * 2
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=initargs
    ) as pool:
        pending: deque[Future[Tally]] = deque()

        def collect() -> bool:
            tally.add(pending.popleft().result())
            if tally.failure is not None:
                for future in pending:
                    future.cancel()
                return False
            if progress is not None:
                progress(tally.solved)
            return True

        for start, rows in chunks:
            pending.append(pool.submit(_solve_chunk, start, rows))
            if len(pending) > window and not collect():
                return
        while pending:
            if not collect():
                return
