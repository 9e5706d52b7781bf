"""nashpy's algorithms, run in a child process under a time limit.

nashpy (0.0.43) is useful but not trusted: its Lemke–Howson can cycle forever on some labels,
its support enumeration misses equilibria through exact float comparisons, and everything it
returns is floating point. So each call runs in a separate Python process
(:mod:`ggcalc.solvers.nashpy_worker`) that streams every profile back as soon as nashpy
yields it; the parent stops the child at the deadline (keeping what arrived) and the caller
certifies each profile in exact arithmetic before anyone sees it. A plain subprocess, rather
than :mod:`multiprocessing`, works the same from scripts, notebooks and standard input.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from ggcalc.solvers import methods

if TYPE_CHECKING:
    import queue

    import numpy as np

__all__ = ["NASHPY_METHODS", "NashpyRun", "run_nashpy"]

#: ggcalc method name -> nashpy Game method.
NASHPY_METHODS = {
    name: name.removeprefix("nashpy-").replace("-", "_") for name in methods.NASHPY_METHODS
}


@dataclass
class NashpyRun:
    """What a nashpy run produced: float profiles, nashpy's warnings, and how it ended.

    Attributes
    ----------
    profiles : list of (numpy.ndarray, numpy.ndarray)
        The profiles nashpy returned, each as the row and the column player's float mix, in
        the order they arrived (not yet certified).
    warnings : list of str
        nashpy's warnings, prefixed ``"nashpy: "``.
    timed_out : bool
        Whether the run was stopped at the time limit (the profiles are those that arrived).
    error : str or None
        Why the run failed, if it did (with the child's last line of standard error, when
        there is one).
    """

    profiles: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    timed_out: bool = False
    error: str | None = None


def _pump(stream: IO[str], events: queue.Queue[dict[str, Any] | None]) -> None:
    for line in stream:
        try:
            events.put(json.loads(line))
        except json.JSONDecodeError:
            events.put({"error": f"unreadable output from nashpy's process: {line[:200]!r}"})
    events.put(None)


def run_nashpy(method: str, A: np.ndarray, B: np.ndarray, timeout: float) -> NashpyRun:
    """Run one of :data:`NASHPY_METHODS` on float payoff matrices within ``timeout`` seconds.

    nashpy runs in a child process (:mod:`ggcalc.solvers.nashpy_worker`) that streams each
    profile back as it is found; at the deadline the child is killed and the profiles that
    arrived are kept.

    Parameters
    ----------
    method : str
        A key of :data:`NASHPY_METHODS`, e.g. ``"nashpy-lemke-howson"``.
    A, B : numpy.ndarray
        The row and the column player's payoff matrices (float approximations: nashpy is
        floating point).
    timeout : float
        Seconds before the child process is stopped.

    Returns
    -------
    NashpyRun
        The float profiles found, nashpy's warnings, and whether the run timed out or
        failed. Nothing in it is certified: the caller checks every profile exactly.
    """
    # Imported here: only the nashpy methods need them, and every solve imports this module.
    import queue
    import subprocess
    import threading

    import numpy as np

    run = NashpyRun()
    start = time.monotonic()
    deadline = start + timeout
    process = subprocess.Popen(
        [sys.executable, "-m", "ggcalc.solvers.nashpy_worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdin and process.stdout and process.stderr
    request = {"method": NASHPY_METHODS[method], "A": A.tolist(), "B": B.tolist()}
    process.stdin.write(json.dumps(request))
    process.stdin.close()
    events: queue.Queue[dict[str, Any] | None] = queue.Queue()
    reader = threading.Thread(target=_pump, args=(process.stdout, events), daemon=True)
    reader.start()
    finished = False
    try:
        while not finished:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                run.timed_out = True
                break
            try:
                event = events.get(timeout=remaining)
            except queue.Empty:
                continue
            if event is None:
                run.error = "nashpy's process ended without finishing"
                break
            if "profile" in event:
                x, y = event["profile"]
                run.profiles.append((np.array(x), np.array(y)))
            elif "warning" in event:
                run.warnings.append(event["warning"])
            elif "error" in event:
                run.error = event["error"]
                break
            else:
                finished = True
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        stderr = process.stderr.read().strip()
        process.stdout.close()
        process.stderr.close()
        reader.join(timeout=5)
    if run.error and stderr:
        run.error += f" ({stderr.splitlines()[-1]})"
    return run
