"""nashpy's algorithms, run in a child process under a time limit.

nashpy (0.0.43) is useful but not trusted: its Lemke–Howson can cycle forever on some labels,
its support enumeration misses equilibria through exact float comparisons, and everything it
returns is floating point. So each call runs in a separate process that streams every profile
back as soon as nashpy yields it; the parent stops waiting at the deadline (keeping what arrived)
and the caller certifies each profile in exact arithmetic before anyone sees it.
"""

from __future__ import annotations

import multiprocessing
import queue
import time
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["NASHPY_METHODS", "NashpyRun", "run_nashpy"]

#: ggcalc method name -> nashpy Game method.
NASHPY_METHODS = {
    "nashpy-support-enumeration": "support_enumeration",
    "nashpy-vertex-enumeration": "vertex_enumeration",
    "nashpy-lemke-howson": "lemke_howson",
}


@dataclass
class NashpyRun:
    """What a nashpy run produced: float profiles, nashpy's warnings, and how it ended."""

    profiles: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    timed_out: bool = False
    error: str | None = None
    seconds: float = 0.0


def _child(method: str, A: np.ndarray, B: np.ndarray, out: Any) -> None:
    """Run nashpy and stream ``("profile", x, y)``, ``("warning", text)``, then ``("done",)``."""
    try:
        import nashpy

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            game = nashpy.Game(A, B)
            if method == "lemke_howson":
                # One label at a time, so a label that cycles does not hide the others' results.
                for label in range(sum(A.shape)):
                    x, y = game.lemke_howson(initial_dropped_label=label)
                    out.put(("profile", np.asarray(x), np.asarray(y)))
            else:
                for x, y in getattr(game, method)():
                    out.put(("profile", np.asarray(x), np.asarray(y)))
        for item in caught:
            out.put(("warning", f"nashpy: {item.message}"))
        out.put(("done",))
    except Exception as exc:  # report any nashpy failure to the parent, which explains it
        out.put(("error", f"{type(exc).__name__}: {exc}"))


def run_nashpy(method: str, A: np.ndarray, B: np.ndarray, timeout: float) -> NashpyRun:
    """Run one of :data:`NASHPY_METHODS` on float payoff matrices within ``timeout`` seconds."""
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    process = context.Process(target=_child, args=(NASHPY_METHODS[method], A, B, out), daemon=True)
    run = NashpyRun()
    start = time.monotonic()
    deadline = start + timeout
    process.start()
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                run.timed_out = True
                break
            try:
                message = out.get(timeout=min(remaining, 0.5))
            except queue.Empty:
                if not process.is_alive() and out.empty():
                    run.error = f"nashpy's process ended unexpectedly (exit {process.exitcode})"
                    break
                continue
            kind = message[0]
            if kind == "profile":
                run.profiles.append((message[1], message[2]))
            elif kind == "warning":
                run.warnings.append(message[1])
            elif kind == "error":
                run.error = message[1]
                break
            else:
                break
    finally:
        if process.is_alive():
            process.terminate()
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join()
        out.close()
        out.join_thread()
    run.seconds = time.monotonic() - start
    return run
