"""Time to find all Nash equilibria of random n×n bimatrix games: ggcalc, nashpy, Gambit, lrsnash.

For each size n (default 4..10) the benchmark draws ``--games`` random games with integer payoffs
in ``[0, HI]`` from ``numpy.random.default_rng(seed)`` and solves each one with:

* ``ggcalc``: ``ggcalc.solve(NormalFormGame.from_arrays(...))`` in this process (exact
  arithmetic, every equilibrium certified, ``complete`` only when proven). The time includes
  building the game.
* ``nashpy support_enumeration`` and ``nashpy vertex_enumeration``, each consumed to a list.
* ``gambit enummixed float`` and ``gambit enummixed rational``:
  ``pygambit.nash.enummixed_solve(game, rational=...)``, when pygambit is installed.
* ``lrsnash`` (lrslib, C with GMP), when the ``lrsnash`` program is on ``PATH``: the game is
  written to a temporary file and ``lrsnash FILE`` is run with ``subprocess``. Its time is the
  wall time of that subprocess call, so it includes starting the process (about 2 ms; the header
  prints the median time of ``lrsnash`` on a 1×1 game as the baseline).

nashpy and Gambit run in a separate worker process (``multiprocessing``, spawn context) that is
killed when a call exceeds ``--timeout`` seconds; such a call is reported as a timeout. Their
time is measured inside the worker, around the solver call only, so process start-up and imports
are not counted. nashpy's warnings are recorded (not shown) and counted. lrsnash is killed after
``--timeout`` seconds too. The slow solvers are run only up to a size: ``--nashpy-max`` and
``--gambit-rational-max`` (default 10 for both).

Every equilibrium list is compared with ggcalc's, as a set of profiles (to 1e-6; exactly, as
rationals, for lrsnash, since both ggcalc and lrsnash compute in exact arithmetic). Where ggcalc
claims its list complete (all equilibria of a generic game; all extreme equilibria of a
degenerate one, the set Gambit's ``enummixed`` also reports), a solver that finds a different
set, or ggcalc, is wrong. Where ggcalc does not claim completeness the lists may legitimately
differ. As a further check, a game ggcalc calls nondegenerate must have an odd number of
equilibria.

Run from the repository root::

    . .venv/bin/activate
    python bench/bench_solve.py                      # defaults: --sizes 4-10 --games 3
    python bench/bench_solve.py --sizes 4-6 --games 3 --payoff-range 4 --json /tmp/solve.json
    python bench/bench_solve.py --sizes 4-12 --games 3 --large-games 2   # 2 games for n >= 11
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import multiprocessing
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from importlib import metadata
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import numpy as np

#: Profiles whose probabilities differ by less than this are the same equilibrium.
TOLERANCE = 1e-6
#: Seconds a worker process may take to start and import its solver library.
STARTUP_TIMEOUT = 120.0

#: Solver name -> (worker family, library call). ``ggcalc`` runs in this process.
EXTERNAL_SOLVERS: dict[str, tuple[str, str]] = {
    "nashpy support_enumeration": ("nashpy", "support_enumeration"),
    "nashpy vertex_enumeration": ("nashpy", "vertex_enumeration"),
    "gambit enummixed float": ("gambit", "float"),
    "gambit enummixed rational": ("gambit", "rational"),
}
GGCALC = "ggcalc"
LRSNASH = "lrsnash"
ALL_SOLVERS = (GGCALC, *EXTERNAL_SOLVERS, LRSNASH)

Profile = list[list[float]]
#: An exact profile: one list of probabilities per player, as fraction strings such as ``"2/5"``.
ExactProfile = list[list[str]]


@dataclass
class Run:
    """One solver on one game.

    Attributes
    ----------
    solver
        Solver name, a key of :data:`ALL_SOLVERS`.
    status
        ``"ok"``, ``"timeout"`` or ``"error"``.
    seconds
        Time of the solver call (``None`` unless ``status == "ok"``).
    profiles
        Equilibria found, as float probabilities, one list per player.
    exact
        ggcalc and lrsnash only: the same equilibria exactly, as fraction strings.
    complete
        ggcalc only: whether the list is proven complete.
    degenerate
        ggcalc only: whether the game was found degenerate.
    warnings
        Warnings raised during the call, counted by category name.
    error
        The error message when ``status == "error"``.
    """

    solver: str
    status: str
    seconds: float | None = None
    profiles: list[Profile] = field(default_factory=list)
    exact: list[ExactProfile] | None = None
    complete: bool | None = None
    degenerate: bool | None = None
    warnings: dict[str, int] = field(default_factory=dict)
    error: str | None = None


@dataclass
class Comparison:
    """How one solver's equilibria compare with ggcalc's on one game.

    Attributes
    ----------
    same_count
        Both found the same number of distinct equilibria.
    missing
        Equilibria ggcalc found that the solver did not.
    extra
        Distinct equilibria the solver found that ggcalc did not.
    exact
        Compared exactly: ``missing`` and ``extra`` are then :data:`ExactProfile` lists.
    """

    same_count: bool
    missing: list[Profile] | list[ExactProfile]
    extra: list[Profile] | list[ExactProfile]
    exact: bool = False

    @property
    def same_set(self) -> bool:
        """Both lists hold the same equilibria (to :data:`TOLERANCE`, or exactly)."""
        return not self.missing and not self.extra


@dataclass
class GameResult:
    """All solvers on one game."""

    size: int
    index: int
    A: list[list[int]]
    B: list[list[int]]
    runs: dict[str, Run] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# Worker process (third-party solvers)
# --------------------------------------------------------------------------------------------


def _nashpy_call(method: str, A: np.ndarray, B: np.ndarray) -> dict[str, Any]:
    """Run one nashpy enumeration, recording (not showing) its warnings."""
    import nashpy

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        game = nashpy.Game(A, B)
        start = time.perf_counter()
        found = list(getattr(game, method)())
        seconds = time.perf_counter() - start
    profiles = [
        [np.asarray(x, dtype=float).tolist(), np.asarray(y, dtype=float).tolist()] for x, y in found
    ]
    counts = Counter(item.category.__name__ for item in caught)
    return {"status": "ok", "seconds": seconds, "profiles": profiles, "warnings": dict(counts)}


def _gambit_call(arithmetic: str, A: np.ndarray, B: np.ndarray) -> dict[str, Any]:
    """Run pygambit's ``enummixed_solve`` in float or rational arithmetic."""
    import pygambit as gbt

    # pygambit 17 moved ``Game.from_arrays`` to ``StrategicGame.from_arrays``.
    factory = getattr(gbt, "StrategicGame", None)
    if factory is None or not hasattr(factory, "from_arrays"):
        factory = gbt.Game
    game = factory.from_arrays(A, B)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        start = time.perf_counter()
        result = gbt.nash.enummixed_solve(game, rational=arithmetic == "rational")
        seconds = time.perf_counter() - start
    profiles = []
    for eq in result.equilibria:
        profile = []
        for player in game.players:
            # pygambit 17 iterates a player's mixed strategy as (label, probability) pairs;
            # earlier versions as probabilities.
            items = list(eq[player])
            profile.append([float(p[1] if isinstance(p, tuple) else p) for p in items])
        profiles.append(profile)
    counts = Counter(item.category.__name__ for item in caught)
    return {"status": "ok", "seconds": seconds, "profiles": profiles, "warnings": dict(counts)}


def _worker_main(conn: Connection, family: str) -> None:
    """Serve solver calls for one library family (``"nashpy"`` or ``"gambit"``) until told to stop.

    Sends ``("ready",)`` once the library is imported, then one result dict per job received as
    ``(call, A, B)``; ``None`` ends the loop.
    """
    try:
        if family == "nashpy":
            import nashpy  # noqa: F401
        else:
            import pygambit  # noqa: F401
    except Exception as exc:  # pragma: no cover - reported to the parent
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready",))
    while True:
        job = conn.recv()
        if job is None:
            return
        call, A, B = job
        try:
            solve = _nashpy_call if family == "nashpy" else _gambit_call
            reply = solve(call, A, B)
        except Exception as exc:
            reply = {"status": "error", "error": f"{type(exc).__name__}: {exc}"}
        conn.send(reply)


class Worker:
    """A spawned process that runs one library's solvers, killed and restarted after a timeout.

    Parameters
    ----------
    family
        ``"nashpy"`` or ``"gambit"``.
    """

    def __init__(self, family: str) -> None:
        self.family = family
        self._ctx = multiprocessing.get_context("spawn")
        self._process: Any = None
        self._conn: Connection | None = None

    def _start(self) -> Connection:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_worker_main,
            args=(child, self.family),
            name=f"bench-{self.family}",
            daemon=True,
        )
        process.start()
        child.close()
        self._process, self._conn = process, parent
        if not parent.poll(STARTUP_TIMEOUT):
            self.stop()
            raise RuntimeError(f"{self.family} worker did not start in {STARTUP_TIMEOUT:g} s")
        message = parent.recv()
        if message[0] != "ready":
            self.stop()
            raise RuntimeError(f"{self.family} worker failed to start: {message[1]}")
        return parent

    def run(self, solver: str, call: str, A: np.ndarray, B: np.ndarray, timeout: float) -> Run:
        """Run ``call`` on the game ``(A, B)``, giving up after ``timeout`` seconds.

        Parameters
        ----------
        solver
            Name recorded in the returned :class:`Run`.
        call
            The worker's call: a nashpy method name, or ``"float"``/``"rational"`` for gambit.
        A, B
            Payoff matrices of the row and column player.
        timeout
            Seconds to wait for the result; the worker is killed after that.

        Returns
        -------
        Run
            The result; ``status`` is ``"timeout"`` when the call did not finish in time.
        """
        conn = self._conn if self._conn is not None else self._start()
        conn.send((call, A, B))
        try:
            if not conn.poll(timeout):
                self.stop()
                return Run(solver, "timeout")
            reply = conn.recv()
        except (EOFError, OSError) as exc:
            self.stop()
            return Run(solver, "error", error=f"worker died: {exc!r}")
        return Run(
            solver,
            reply["status"],
            seconds=reply.get("seconds"),
            profiles=reply.get("profiles", []),
            warnings=reply.get("warnings", {}),
            error=reply.get("error"),
        )

    def stop(self) -> None:
        """Stop the worker process (politely if it is idle, by force otherwise)."""
        process, conn = self._process, self._conn
        self._process, self._conn = None, None
        if process is None:
            return
        if conn is not None:
            try:
                if process.is_alive():
                    conn.send(None)
            except OSError:
                pass
        process.join(0.5)
        if process.is_alive():
            process.terminate()
            process.join(5)
        if process.is_alive():
            process.kill()
            process.join()
        if conn is not None:
            conn.close()


# --------------------------------------------------------------------------------------------
# ggcalc (this process)
# --------------------------------------------------------------------------------------------


def run_ggcalc(A: np.ndarray, B: np.ndarray) -> Run:
    """Solve ``(A, B)`` with ggcalc's default (exact, certified) method, timing the whole call.

    Parameters
    ----------
    A, B
        Integer payoff matrices of the row and column player.

    Returns
    -------
    Run
        Equilibria as floats and exactly, with ``complete`` and ``degenerate`` from the solution.
    """
    import ggcalc
    from ggcalc.model.normal_form import NormalFormGame

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        start = time.perf_counter()
        game = NormalFormGame.from_arrays([A.tolist(), B.tolist()])
        solution = ggcalc.solve(game)
        seconds = time.perf_counter() - start
    profiles = [[[float(p) for p in mix] for mix in eq.profile] for eq in solution.equilibria]
    exact = [[[str(Fraction(p)) for p in mix] for mix in eq.profile] for eq in solution.equilibria]
    return Run(
        GGCALC,
        "ok",
        seconds=seconds,
        profiles=profiles,
        exact=exact,
        complete=solution.complete,
        degenerate=solution.degenerate,
        warnings=dict(Counter(item.category.__name__ for item in caught)),
    )


# --------------------------------------------------------------------------------------------
# lrsnash (subprocess)
# --------------------------------------------------------------------------------------------


def lrsnash_input(A: np.ndarray, B: np.ndarray) -> str:
    """The game in lrsnash's input format: ``m n``, a blank line, A's rows, a blank line, B's rows.

    Parameters
    ----------
    A, B
        Integer payoff matrices of the row and column player, both m×n.

    Returns
    -------
    str
        The file's text.
    """
    m, n = A.shape
    rows_a = [" ".join(str(int(v)) for v in row) for row in A.tolist()]
    rows_b = [" ".join(str(int(v)) for v in row) for row in B.tolist()]
    return "\n".join([f"{m} {n}", "", *rows_a, "", *rows_b]) + "\n"


def parse_lrsnash(output: str) -> list[ExactProfile]:
    """The extreme equilibria in lrsnash's output, exactly and without duplicates.

    lrsnash prints the equilibria in groups separated by blank lines. In a group, each line
    ``P p_1 ... p_k v`` gives a strategy of player P (1 = row, 2 = column) as exact rationals,
    followed by the *other* player's payoff v. Every combination of a player-1 line and a
    player-2 line of one group is an equilibrium: in lrslib 7.1 a group is one row strategy
    after all the column strategies that go with it (several in a degenerate game). Lines
    starting with ``*`` are comments.

    Parameters
    ----------
    output
        lrsnash's standard output.

    Returns
    -------
    list of ExactProfile
        ``[x, y]`` per equilibrium, probabilities as fraction strings, in output order.

    Raises
    ------
    ValueError
        If a line is neither a comment nor a strategy line, or a group lacks one of the players.
    """
    found: dict[tuple[tuple[Fraction, ...], ...], None] = {}
    group: dict[str, list[tuple[Fraction, ...]]] = {"1": [], "2": []}

    def close_group() -> None:
        if not group["1"] and not group["2"]:
            return
        if not group["1"] or not group["2"]:
            raise ValueError(f"lrsnash group without a strategy for both players: {group}")
        for x in group["1"]:
            for y in group["2"]:
                found[(x, y)] = None
        group["1"], group["2"] = [], []

    for line in output.splitlines():
        fields = line.split()
        if not fields:
            close_group()
        elif line.startswith("*"):
            continue
        elif fields[0] in group and len(fields) >= 3:
            group[fields[0]].append(tuple(Fraction(v) for v in fields[1:-1]))
        else:
            raise ValueError(f"unexpected lrsnash output line {line!r}")
    close_group()
    return [[[str(p) for p in mix] for mix in profile] for profile in found]


def run_lrsnash(A: np.ndarray, B: np.ndarray, timeout: float, executable: str) -> Run:
    """Solve ``(A, B)`` with ``lrsnash FILE``, timing the subprocess call (process start included).

    Parameters
    ----------
    A, B
        Integer payoff matrices of the row and column player.
    timeout
        Seconds before lrsnash is killed and the call reported as ``"timeout"``.
    executable
        Path of the ``lrsnash`` program.

    Returns
    -------
    Run
        Equilibria as floats and exactly (duplicates removed).
    """
    with tempfile.TemporaryDirectory(prefix="bench-lrsnash-") as directory:
        path = Path(directory) / "game.txt"
        path.write_text(lrsnash_input(A, B), encoding="ascii")
        start = time.perf_counter()
        try:
            done = subprocess.run(
                [executable, str(path)],
                capture_output=True,
                text=True,
                timeout=timeout,
                cwd=directory,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return Run(LRSNASH, "timeout")
        seconds = time.perf_counter() - start
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
        return Run(LRSNASH, "error", error=f"exit status {done.returncode}: {message[0]}")
    try:
        exact = parse_lrsnash(done.stdout)
    except ValueError as exc:
        return Run(LRSNASH, "error", error=str(exc))
    profiles = [[[float(Fraction(p)) for p in mix] for mix in profile] for profile in exact]
    return Run(LRSNASH, "ok", seconds=seconds, profiles=profiles, exact=exact)


def lrsnash_version(executable: str) -> str | None:
    """lrsnash's version banner, e.g. ``"lrslib v.7.1 2021.6.2"``, from solving a 1×1 game."""
    with tempfile.TemporaryDirectory(prefix="bench-lrsnash-") as directory:
        path = Path(directory) / "game.txt"
        path.write_text(lrsnash_input(np.array([[1]]), np.array([[1]])), encoding="ascii")
        done = subprocess.run(
            [executable, str(path)], capture_output=True, text=True, cwd=directory, check=False
        )
    for line in done.stdout.splitlines():
        if line.startswith("*lrsnash:"):
            # "*lrsnash:lrslib v.7.1 2021.6.2(64bit,lrsgmp.h,hybrid arithmetic) gmp v.6.2"
            return line.removeprefix("*lrsnash:").split("(")[0].strip()
    return None


def lrsnash_baseline(executable: str, runs: int = 21) -> float:
    """Median seconds of :func:`run_lrsnash` on a 1×1 game: the cost of starting lrsnash.

    Parameters
    ----------
    executable
        Path of the ``lrsnash`` program.
    runs
        Timed calls (after one untimed call).

    Returns
    -------
    float
        The median wall time of the calls, in seconds.
    """
    A = np.array([[1]])
    run_lrsnash(A, A, 10.0, executable)
    times = [run_lrsnash(A, A, 10.0, executable).seconds for _ in range(runs)]
    return statistics.median(t for t in times if t is not None)


# --------------------------------------------------------------------------------------------
# Comparing, summarising, printing
# --------------------------------------------------------------------------------------------


def _close(p: Profile, q: Profile) -> bool:
    return all(
        len(a) == len(b) and all(abs(x - y) <= TOLERANCE for x, y in zip(a, b, strict=True))
        for a, b in zip(p, q, strict=True)
    )


def distinct(profiles: list[Profile]) -> list[Profile]:
    """The profiles without near-duplicates (a solver may report one equilibrium twice)."""
    kept: list[Profile] = []
    for p in profiles:
        if not any(_close(p, q) for q in kept):
            kept.append(p)
    return kept


def compare(reference: list[Profile], other: list[Profile]) -> Comparison:
    """Compare a solver's equilibria with the reference (ggcalc's) as sets of profiles.

    Parameters
    ----------
    reference
        ggcalc's equilibria.
    other
        Another solver's equilibria (duplicates are ignored).

    Returns
    -------
    Comparison
        Whether the counts agree, and which profiles are missing or extra.
    """
    ref, oth = distinct(reference), distinct(other)
    missing = [p for p in ref if not any(_close(p, q) for q in oth)]
    extra = [q for q in oth if not any(_close(p, q) for p in ref)]
    return Comparison(len(ref) == len(oth), missing, extra)


def _exact_key(profile: ExactProfile) -> tuple[tuple[Fraction, ...], ...]:
    return tuple(tuple(Fraction(p) for p in mix) for mix in profile)


def distinct_exact(profiles: list[ExactProfile]) -> list[ExactProfile]:
    """The exact profiles without duplicates (equal as rationals), in order."""
    kept: dict[tuple[tuple[Fraction, ...], ...], ExactProfile] = {}
    for p in profiles:
        kept.setdefault(_exact_key(p), p)
    return list(kept.values())


def compare_runs(base: Run, run: Run) -> Comparison:
    """Compare a solver's run with ggcalc's: exactly when both are exact, else with :func:`compare`.

    Parameters
    ----------
    base
        ggcalc's run.
    run
        Another solver's run.

    Returns
    -------
    Comparison
        Whether the counts agree, and which profiles are missing or extra.
    """
    if base.exact is None or run.exact is None:
        return compare(base.profiles, run.profiles)
    ref, oth = distinct_exact(base.exact), distinct_exact(run.exact)
    ref_keys, oth_keys = {_exact_key(p) for p in ref}, {_exact_key(q) for q in oth}
    missing = [p for p in ref if _exact_key(p) not in oth_keys]
    extra = [q for q in oth if _exact_key(q) not in ref_keys]
    return Comparison(len(ref) == len(oth), missing, extra, exact=True)


def distinct_count(run: Run) -> int:
    """The number of distinct equilibria in a run (compared exactly when the run is exact)."""
    if run.exact is not None:
        return len(distinct_exact(run.exact))
    return len(distinct(run.profiles))


def _seconds_text(value: float) -> str:
    """Seconds to three significant figures (``timeout`` for infinity)."""
    if math.isinf(value):
        return "timeout"
    return f"{value:.3g}" if value < 100 else f"{value:.0f}"


def summarise(results: list[GameResult], solvers: list[str]) -> list[list[str]]:
    """One table row per (size, solver): times, equilibrium counts, agreement with ggcalc.

    A timed-out call counts as infinitely slow, so a median or maximum that includes one prints
    as ``timeout``; a call that failed is left out of the times.

    Parameters
    ----------
    results
        All games solved.
    solvers
        Solver names, in table order.

    Returns
    -------
    list of list of str
        Cells for :data:`HEADERS`, sizes ascending.
    """
    rows = []
    for size in sorted({r.size for r in results}):
        games = [r for r in results if r.size == size]
        for solver in solvers:
            runs = [g.runs[solver] for g in games if solver in g.runs]
            if not runs:
                continue
            times = [
                run.seconds if run.status == "ok" and run.seconds is not None else math.inf
                for run in runs
                if run.status != "error"
            ]
            finished = sum(run.status == "ok" for run in runs)
            counts = " ".join(
                str(distinct_count(run))
                + ("*" if run.degenerate else "")
                + ("?" if run.complete is False else "")
                if run.status == "ok"
                else ("t/o" if run.status == "timeout" else "err")
                for run in runs
            )
            same_count = same_set = compared = 0
            if solver != GGCALC:
                for g in games:
                    base, run = g.runs.get(GGCALC), g.runs.get(solver)
                    if base is None or run is None or base.status != "ok" or run.status != "ok":
                        continue
                    if not base.complete:
                        continue  # ggcalc does not claim its list complete: it may differ
                    comparison = compare_runs(base, run)
                    compared += 1
                    same_count += comparison.same_count
                    same_set += comparison.same_set
            warned = sum(run.warnings.get("RuntimeWarning", 0) for run in runs)
            rows.append(
                [
                    str(size),
                    solver,
                    _seconds_text(statistics.median(times)) if times else "-",
                    _seconds_text(max(times)) if times else "-",
                    f"{finished}/{len(runs)}",
                    counts,
                    "-" if solver == GGCALC else f"{same_count}/{compared}",
                    "-" if solver == GGCALC else f"{same_set}/{compared}",
                    str(warned) if solver.startswith("nashpy") else "-",
                ]
            )
    return rows


HEADERS = [
    "n",
    "solver",
    "median s",
    "max s",
    "done",
    "equilibria per game",
    "same count",
    "same set",
    "RuntimeW",
]


def format_table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain text table, numbers right-aligned, with a rule under the header.

    Parameters
    ----------
    headers
        Column titles.
    rows
        Cells as text, one list per row.

    Returns
    -------
    str
        The table, lines joined by newlines.
    """
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    left = {1, 5}  # solver name and equilibrium counts read better left-aligned

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if i in left else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [line(headers), "  ".join("-" * w for w in widths)]
    previous = None
    for row in rows:
        if previous is not None and row[0] != previous:
            out.append("")
        out.append(line(row))
        previous = row[0]
    return "\n".join(out)


def disagreements(results: list[GameResult], seed: int) -> list[str]:
    """Describe every game where a solver's equilibria differ from ggcalc's.

    Parameters
    ----------
    results
        All games solved.
    seed
        The generator seed, for the description.

    Returns
    -------
    list of str
        One paragraph per (game, solver) that differs: first exact disagreements (ggcalc and
        lrsnash, both exact, on a list ggcalc claims complete: one of them is wrong; every
        differing profile is listed, as fractions), then the other games where ggcalc claims a
        complete list (up to three differing profiles each, to four decimals), then the rest.
    """
    lines: list[tuple[int, str]] = []
    for g in results:
        base = g.runs.get(GGCALC)
        if base is None or base.status != "ok":
            continue
        for solver, run in g.runs.items():
            if solver == GGCALC or run.status != "ok":
                continue
            comparison = compare_runs(base, run)
            if comparison.same_set:
                continue
            kind = game_kind(base) + ("" if base.complete else ", ggcalc list not complete")
            critical = comparison.exact and base.complete
            text = (
                ("EXACT SOLVERS DISAGREE: " if critical else "")
                + f"seed {seed}, n={g.size}, game #{g.index} [{kind}]: {solver} found "
                f"{distinct_count(run)} equilibria, ggcalc {distinct_count(base)}"
                f"; {len(comparison.missing)} of ggcalc's missing, "
                f"{len(comparison.extra)} not in ggcalc's list"
            )
            shown = None if comparison.exact else 3
            for label, profiles in (("missing", comparison.missing), ("extra", comparison.extra)):
                for p in profiles[:shown]:
                    text += f"\n    {label}: {_profile_text(p)}"
            lines.append((0 if critical else 1 if base.complete else 2, text))
        count = distinct_count(base)
        if base.degenerate is False and count % 2 == 0:
            # A nondegenerate game has an odd number of equilibria (Lemke-Howson, 1964).
            lines.append(
                (
                    1,
                    (
                        f"seed {seed}, n={g.size}, game #{g.index}: ggcalc calls the game "
                        f"nondegenerate but found an even number ({count}) of equilibria"
                    ),
                )
            )
    return [text for _, text in sorted(lines, key=lambda item: item[0])]


def _profile_text(profile: Profile | ExactProfile) -> str:
    """``x | y``: fractions as they are, floats to four decimals."""
    return " | ".join(
        " ".join(p if isinstance(p, str) else f"{p:.4f}" for p in mix) for mix in profile
    )


def game_kind(base: Run) -> str:
    """``"generic"``, ``"degenerate"`` or ``"unknown"``, as ggcalc's solution says."""
    if base.degenerate is None:
        return "unknown"
    return "degenerate" if base.degenerate else "generic"


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def parse_sizes(text: str) -> list[int]:
    """Parse ``"4-10"``, ``"4,6,8"`` or ``"7"`` into a list of sizes.

    Parameters
    ----------
    text
        Ranges (inclusive) and single sizes separated by commas.

    Returns
    -------
    list of int
        The sizes in the order given.

    Raises
    ------
    argparse.ArgumentTypeError
        If a part is not a positive size or range.
    """
    sizes: list[int] = []
    try:
        for part in text.split(","):
            low, _, high = part.strip().partition("-")
            first, last = int(low), int(high or low)
            if first < 1 or last < first:
                raise ValueError
            sizes.extend(range(first, last + 1))
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad sizes {text!r}; use e.g. 4-10 or 4,6,8") from None
    return sizes


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be positive")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(
        description="Time finding all Nash equilibria of random n×n bimatrix games with ggcalc, "
        "nashpy and (if installed) pygambit and lrsnash.",
    )
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=parse_sizes("4-10"),
        help="game sizes n, e.g. 4-10 or 4,6,8 (default 4-10)",
    )
    parser.add_argument(
        "--games",
        type=_positive_int,
        default=3,
        help="random games per size (default 3; 5 takes ~16 minutes on 2 cores)",
    )
    parser.add_argument(
        "--large-games",
        type=_positive_int,
        metavar="K",
        help="solve only the first K of the --games games of each size n >= --large-from "
        "(all are still drawn, so game #i stays the same game; default: all)",
    )
    parser.add_argument(
        "--large-from",
        type=_positive_int,
        default=11,
        metavar="N",
        help="smallest size that --large-games applies to (default 11)",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--payoff-range",
        type=_positive_int,
        default=999,
        metavar="HI",
        help="payoffs are integers in [0, HI] (default 999: generic games; "
        "a small HI such as 4 gives degenerate games)",
    )
    parser.add_argument(
        "--timeout",
        type=_positive_float,
        default=120.0,
        metavar="SECONDS",
        help="time limit per third-party solver call (default 120)",
    )
    parser.add_argument(
        "--nashpy-max",
        type=_positive_int,
        default=10,
        metavar="N",
        help="run nashpy only for sizes n <= N (default 10; beyond, it takes minutes per game)",
    )
    parser.add_argument(
        "--gambit-rational-max",
        type=_positive_int,
        default=10,
        metavar="N",
        help="run gambit enummixed rational only for sizes n <= N (default 10)",
    )
    parser.add_argument(
        "--solvers",
        default=",".join(ALL_SOLVERS),
        help="comma-separated solvers to run (default: all available): " + ", ".join(ALL_SOLVERS),
    )
    parser.add_argument("--json", metavar="FILE", help="save games and raw results as JSON")
    return parser


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def environment() -> dict[str, Any]:
    """Machine and library versions, for the report."""
    return {
        "date": dt.date.today().isoformat(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "numpy": np.__version__,
        "ggcalc": _version("ggcalc"),
        "nashpy": _version("nashpy"),
        "pygambit": _version("pygambit"),
        "lrsnash": None,  # filled in by main() when lrsnash is on PATH
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
        "ggcalc source": _newest_source(),
        "load average": load_average(),
    }


def _newest_source() -> str | None:
    """When ggcalc's newest source file was saved: which version of the code was measured."""
    try:
        import ggcalc
    except ImportError:
        return None
    files = list(Path(ggcalc.__file__).parent.rglob("*.py"))
    newest = max(f.stat().st_mtime for f in files)
    return dt.datetime.fromtimestamp(newest, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def load_average() -> str:
    """The 1-, 5- and 15-minute load averages: other work on the machine skews the times."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover - not on every platform
        return "n/a"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables.

    Parameters
    ----------
    argv
        Command-line arguments (default ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit status: 0, or 2 for bad arguments.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    solvers = [s.strip() for s in args.solvers.split(",") if s.strip()]
    unknown = [s for s in solvers if s not in ALL_SOLVERS]
    if unknown:
        parser.error(
            f"unknown solver(s) {', '.join(unknown)}; choose from {', '.join(ALL_SOLVERS)}"
        )

    try:
        import pygambit  # noqa: F401
    except ImportError:
        if any(s.startswith("gambit") for s in solvers):
            print("pygambit not installed (pip install --pre pygambit)")
        solvers = [s for s in solvers if not s.startswith("gambit")]
    lrsnash = shutil.which("lrsnash")
    if lrsnash is None and LRSNASH in solvers:
        print("lrsnash not installed (Debian package lrslib)")
        solvers.remove(LRSNASH)

    # Largest size each slow solver is run for.
    max_size = {
        "nashpy support_enumeration": args.nashpy_max,
        "nashpy vertex_enumeration": args.nashpy_max,
        "gambit enummixed rational": args.gambit_rational_max,
    }
    env = environment()
    if lrsnash is not None and LRSNASH in solvers:
        env["lrsnash"] = lrsnash_version(lrsnash)
        baseline = lrsnash_baseline(lrsnash)
        env["lrsnash start-up (1×1 game, median of 21)"] = f"{baseline * 1000:.1f} ms"
    sizes = ",".join(map(str, args.sizes))
    large = (
        f" ({args.large_games} for n >= {args.large_from})"
        if args.large_games is not None and args.large_games < args.games
        else ""
    )
    print(
        f"bench_solve: sizes {sizes}, games/size {args.games}{large}, seed {args.seed}, "
        f"payoffs in [0, {args.payoff_range}], timeout {args.timeout:g}s"
    )
    print(", ".join(f"{k} {v}" for k, v in env.items() if v is not None))
    caps = [f"{s} n <= {max_size[s]}" for s in solvers if s in max_size]
    print("solvers: " + ", ".join(solvers) + (f" (sizes: {', '.join(caps)})" if caps else ""))
    sys.stdout.flush()

    # Warm up ggcalc (imports, lazy initialisation) so the first timed game is not penalised.
    if GGCALC in solvers:
        run_ggcalc(np.array([[3, 0], [5, 1]]), np.array([[3, 5], [0, 1]]))

    rng = np.random.default_rng(args.seed)
    workers = {family: Worker(family) for family, _ in EXTERNAL_SOLVERS.values()}
    results: list[GameResult] = []
    started = time.perf_counter()
    try:
        for size in args.sizes:
            for index in range(args.games):
                A = rng.integers(0, args.payoff_range, size=(size, size), endpoint=True)
                B = rng.integers(0, args.payoff_range, size=(size, size), endpoint=True)
                if (
                    args.large_games is not None
                    and size >= args.large_from
                    and index >= args.large_games
                ):
                    continue  # drawn all the same, so that game #i is the same game
                result = GameResult(size, index, A.tolist(), B.tolist())
                for solver in solvers:
                    if size > max_size.get(solver, size):
                        continue
                    if solver == GGCALC:
                        run = run_ggcalc(A, B)
                    elif solver == LRSNASH:
                        assert lrsnash is not None
                        run = run_lrsnash(A, B, args.timeout, lrsnash)
                    else:
                        family, call = EXTERNAL_SOLVERS[solver]
                        run = workers[family].run(solver, call, A, B, args.timeout)
                    result.runs[solver] = run
                results.append(result)
                status = ", ".join(
                    f"{name}: "
                    + (
                        f"{distinct_count(run)} eq {_seconds_text(run.seconds)}s"
                        if run.status == "ok" and run.seconds is not None
                        else run.status
                    )
                    for name, run in result.runs.items()
                )
                print(
                    f"  [{time.perf_counter() - started:6.0f}s] n={size} #{index}: {status}",
                    file=sys.stderr,
                    flush=True,
                )
    finally:
        for worker in workers.values():
            worker.stop()
    elapsed = time.perf_counter() - started

    print()
    print(format_table(HEADERS, summarise(results, solvers)))
    print()
    print(
        "median s/max s: seconds per game (a timed-out call counts as slowest); done: calls that "
        "finished; equilibria per game: distinct equilibria found (t/o = timeout, * = ggcalc "
        "found the game degenerate, ? = ggcalc did not claim its list complete); same count/"
        "same set: agreement with ggcalc over the games where ggcalc claims a complete list "
        "(of extreme equilibria) and both finished (exactly, as rationals, for lrsnash); "
        "RuntimeW: nashpy RuntimeWarnings (suppressed). lrsnash times include starting the "
        "process (see the 1×1 baseline above); a solver without a row for a size was not run "
        "there (size caps)."
    )
    if GGCALC in solvers:
        bases = [g.runs[GGCALC] for g in results if GGCALC in g.runs]
        kinds = Counter(game_kind(b) for b in bases)
        claimed = sum(1 for b in bases if b.complete)
        print(
            f"ggcalc: {kinds['generic']} generic and {kinds['degenerate']} degenerate games"
            + (f" ({kinds['unknown']} unknown)" if kinds["unknown"] else "")
            + f"; list claimed complete for {claimed}/{len(bases)}."
        )
    differing = disagreements(results, args.seed) if GGCALC in solvers else []
    print()
    if differing:
        print(
            f"Games where a solver's equilibria differ from ggcalc's ({len(differing)}; "
            "game #i is the i-th game drawn for size n with these same --sizes, --games, "
            "--seed and --payoff-range; --json saves every game's matrices):"
        )
        for text in differing:
            print("  " + text)
    else:
        print("Every solver that finished found exactly ggcalc's equilibria on every game.")
    print(
        f"\ntotal wall time {elapsed:.0f}s; load average at the end {load_average()} "
        f"(at the start {env['load average']}; this run keeps about one core busy)"
    )

    if args.json:
        document = {
            "arguments": {**vars(args), "solvers": solvers},
            "environment": env,
            "wall_seconds": elapsed,
            "games": [
                {
                    **{k: v for k, v in asdict(g).items() if k != "runs"},
                    "runs": {name: asdict(run) for name, run in g.runs.items()},
                }
                for g in results
            ],
        }
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=1)
        print(f"raw results saved to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
