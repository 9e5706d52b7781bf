"""Time to find all Nash equilibria of small games of 3 and 4 players: ggcalc and Gambit's enumpoly.

The games are McKelvey & McLennan's 2×2×2 game with 9 equilibria
(``tests/data/nfg/2x2x2.nfg``, read with ``ggcalc.load``), ``--games`` random 3×3×3 and 2×2×2
games and ``--games4`` random 2×2×2×2 games. A random game has an integer payoff in ``[0, 99]``
for every player at every pure profile, drawn with ``random.Random(f"{seed}/{shape}")`` (for
example ``random.Random("2026/3x3x3")``, one generator per shape, so that game #i of a shape does
not depend on how many games of the other shapes are drawn): player 1's table first, each table
in profile order, first player's strategy slowest.

Each game is solved with:

* ``ggcalc``: ``ggcalc.solve(game, method=--method, timeout=--timeout)`` on a
  ``NormalFormGame.from_tables(...)``, in this process (exact arithmetic, every equilibrium
  certified, ``complete`` only when proven). The time excludes building the game.
* ``gambit enumpoly``: ``pygambit.nash.enumpoly_solve(game)`` on a game made by
  ``from_arrays`` (``pygambit.StrategicGame`` in 17.x, ``Game`` in 16.x), in a worker process
  run by ``--gambit-python`` (default: this interpreter when it can import pygambit, else
  Gambit is skipped), so pygambit may live in another virtual environment. Its
  time is measured inside the worker, around the solver call only; the worker is killed (and
  restarted) when a game takes more than ``--timeout`` seconds, which is reported as a timeout.

Every equilibrium Gambit finds must be in ggcalc's list (probabilities to 1e-6): those ggcalc
misses are counted (an error if ggcalc claimed its list complete), and so are the ones only
ggcalc finds (enumpoly works in floating point and may miss some, e.g. in degenerate games).

Run from the repository root::

    . .venv/bin/activate
    python bench/bench_nplayer.py                    # defaults: --games 20 --games4 5
    python bench/bench_nplayer.py --games 3 --games4 1 \\
        --gambit-python /tmp/gambitvenv/bin/python --json /tmp/nplayer.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import math
import platform
import queue
import random
import statistics
import subprocess
import sys
import threading
import time
from fractions import Fraction
from pathlib import Path
from typing import Any

import ggcalc
from ggcalc.model.normal_form import NormalFormGame

#: Profiles whose probabilities differ by less than this are the same equilibrium.
TOLERANCE = 1e-6
#: Seconds the Gambit worker may take to start and import pygambit.
STARTUP_TIMEOUT = 120.0
#: McKelvey & McLennan's game with 9 equilibria.
MM_FILE = Path(__file__).resolve().parent.parent / "tests" / "data" / "nfg" / "2x2x2.nfg"
MM_LABEL = "2x2x2.nfg"

#: The Gambit worker: one JSON game per line on stdin, one JSON result per line on stdout.
WORKER = r"""
import json, sys, time
import numpy as np
import pygambit as gbt
print(json.dumps({"ready": gbt.__version__}), flush=True)
for line in sys.stdin:
    job = json.loads(line)
    shape = tuple(job["shape"])
    arrays = [np.array(t, dtype=object).reshape(shape) for t in job["tables"]]
    game = (getattr(gbt, "StrategicGame", None) or gbt.Game).from_arrays(*arrays)  # 17.x, 16.x
    start = time.perf_counter()
    result = gbt.nash.enumpoly_solve(game)
    seconds = time.perf_counter() - start
    def mix(eq, p):
        if isinstance(p, str):  # pygambit 17: players by label, a mix as (label, value) pairs
            return [float(v) for _, v in list(eq[p])]
        return [float(eq[s]) for s in p.strategies]
    eqs = [[mix(eq, p) for p in game.players] for eq in result.equilibria]
    print(json.dumps({"seconds": seconds, "equilibria": eqs}), flush=True)
"""


class GambitWorker:
    """A persistent worker process running :data:`WORKER` under another Python."""

    def __init__(self, python: str) -> None:
        self.python = python
        self.proc: subprocess.Popen[str] | None = None
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.version = ""

    def _start(self) -> None:
        self.proc = subprocess.Popen(
            [self.python, "-c", WORKER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.lines = queue.Queue()
        threading.Thread(target=self._pump, args=(self.proc, self.lines), daemon=True).start()
        ready = self._read(STARTUP_TIMEOUT)
        if ready is None:
            self.stop()
            raise RuntimeError(f"{self.python} could not start the pygambit worker")
        self.version = ready["ready"]

    @staticmethod
    def _pump(proc: subprocess.Popen[str], lines: queue.Queue[str | None]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    def _read(self, timeout: float) -> dict[str, Any] | None:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            return None
        return None if line is None else json.loads(line)

    def solve(self, shape: tuple[int, ...], tables: list[list[int]], timeout: float) -> dict:
        """Gambit's result ``{"seconds", "equilibria"}``, or ``{"error": ...}``."""
        if self.proc is None:
            self._start()
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"shape": shape, "tables": tables}) + "\n")
        self.proc.stdin.flush()
        answer = self._read(timeout + 5.0)
        if answer is None:
            crashed = self.proc.poll() is not None
            self.stop()
            return {"error": "crashed" if crashed else "timeout"}
        if answer["seconds"] > timeout:
            return {"error": "timeout", "solver_seconds": answer["seconds"]}
        return answer

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None


def random_tables(rng: random.Random, shape: tuple[int, ...]) -> list[list[int]]:
    """One flat table of payoffs in [0, 99] per player, first player's strategy slowest."""
    size = math.prod(shape)
    return [[rng.randint(0, 99) for _ in range(size)] for _ in shape]


def label_of(shape: tuple[int, ...]) -> str:
    return "x".join(map(str, shape))


def draw_games(seed: int, games: int, games4: int) -> list[dict[str, Any]]:
    """The benchmark games: the 2x2x2 file, then the random ones of each shape."""
    mm = ggcalc.load(MM_FILE).game
    jobs = [
        {"shape": mm.shape, "label": MM_LABEL, "index": 0}
        | {"tables": [[int(v) for v in t] for t in mm.tables]}
    ]
    for shape, count in (((3, 3, 3), games), ((2, 2, 2), games), ((2, 2, 2, 2), games4)):
        rng = random.Random(f"{seed}/{label_of(shape)}")
        for index in range(count):
            tables = random_tables(rng, shape)
            jobs.append(
                {"shape": shape, "label": label_of(shape), "index": index, "tables": tables}
            )
    return jobs


def run_ggcalc(job: dict[str, Any], method: str, timeout: float) -> dict[str, Any]:
    """ggcalc's time, equilibria (as floats), ``complete`` and method, or an error."""
    shape = job["shape"]
    game = NormalFormGame.from_tables(
        [f"Player {p + 1}" for p in range(len(shape))],
        [[str(s + 1) for s in range(n)] for n in shape],
        [[Fraction(v) for v in t] for t in job["tables"]],
    )
    start = time.perf_counter()
    try:
        solution = ggcalc.solve(game, method=method, timeout=timeout)
    except Exception as error:  # the solver is work in progress: record it, go on
        return {"error": f"{type(error).__name__}: {error}"}
    seconds = time.perf_counter() - start
    eqs = [[[float(x) for x in mix] for mix in e.profile] for e in solution.equilibria]
    return {
        "seconds": seconds,
        "equilibria": eqs,
        "complete": bool(solution.complete),
        "method": solution.method,
        "warnings": list(solution.warnings),
    }


def same(a: list[list[float]], b: list[list[float]]) -> bool:
    return all(
        abs(x - y) < TOLERANCE
        for ma, mb in zip(a, b, strict=True)
        for x, y in zip(ma, mb, strict=True)
    )


def compare(ours: list, theirs: list) -> tuple[int, int]:
    """(Gambit's equilibria missing from ggcalc's list, ggcalc's missing from Gambit's)."""
    missed = sum(not any(same(g, o) for o in ours) for g in theirs)
    only = sum(not any(same(o, g) for g in theirs) for o in ours)
    return missed, only


def fmt_time(values: list[float], width: int) -> str:
    """Median and max in ms, in columns of ``width`` and 9 characters."""
    if not values:
        return f"{'-':>{width}} {'-':>9}"
    return f"{statistics.median(values) * 1000:{width}.1f} {max(values) * 1000:9.1f}"


def summarise(records: list[dict[str, Any]], labels: list[str]) -> list[dict[str, Any]]:
    rows = []
    for label in labels:
        group = [r for r in records if r["label"] == label]
        ours = [r["ggcalc"] for r in group if "seconds" in r["ggcalc"]]
        theirs = [r["gambit"] for r in group if r.get("gambit") and "seconds" in r["gambit"]]
        row: dict[str, Any] = {
            "shape": label,
            "games": len(group),
            "ggcalc_seconds": [o["seconds"] for o in ours],
            "ggcalc_errors": len(group) - len(ours),
            "ggcalc_complete": sum(o["complete"] for o in ours),
            "ggcalc_equilibria": sum(len(o["equilibria"]) for o in ours),
            "gambit_seconds": [t["seconds"] for t in theirs],
            "gambit_failures": sum(1 for r in group if r.get("gambit") and "error" in r["gambit"]),
            "gambit_equilibria": sum(len(t["equilibria"]) for t in theirs),
            "missed": sum(r.get("missed", 0) for r in group),
            "missed_when_complete": sum(
                r.get("missed", 0) for r in group if r["ggcalc"].get("complete")
            ),
            "ggcalc_only": sum(r.get("ggcalc_only", 0) for r in group),
        }
        rows.append(row)
    return rows


def print_table(rows: list[dict[str, Any]], gambit: bool) -> None:
    head = f"{'shape':<10} {'games':>5} | {'ggcalc med':>10} {'max':>9} {'cmpl':>5} {'eqs':>5}"
    if gambit:
        head += f" | {'enumpoly med':>12} {'max':>9} {'fail':>4} {'eqs':>5}"
        head += f" | {'missed':>6} {'g-only':>6} {'med ratio':>9}"
    print(head)
    print("-" * len(head))
    for r in rows:
        err = f"+{r['ggcalc_errors']}err" if r["ggcalc_errors"] else ""
        line = (
            f"{r['shape']:<10} {r['games']:>5} | {fmt_time(r['ggcalc_seconds'], 10)}"
            f" {r['ggcalc_complete']:>5} {r['ggcalc_equilibria']:>5}{err}"
        )
        if gambit:
            ratio = "-"
            if r["ggcalc_seconds"] and r["gambit_seconds"]:
                value = statistics.median(r["ggcalc_seconds"]) / statistics.median(
                    r["gambit_seconds"]
                )
                ratio = f"{value:8.2f}x"
            line += (
                f" | {fmt_time(r['gambit_seconds'], 12)} {r['gambit_failures']:>4}"
                f" {r['gambit_equilibria']:>5} | {r['missed']:>6} {r['ggcalc_only']:>6}"
                f" {ratio:>9}"
            )
        print(line)
    print(
        "times in ms (median, max); cmpl: ggcalc lists claimed complete; eqs: equilibria in all;"
        "\nmissed: Gambit's equilibria not in ggcalc's list; g-only: ggcalc's not in Gambit's;"
        "\nmed ratio: ggcalc median / enumpoly median (above 1: ggcalc slower)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=20, help="random 3x3x3 and 2x2x2 games")
    parser.add_argument("--games4", type=int, default=5, help="random 2x2x2x2 games")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per game and solver")
    parser.add_argument("--method", default="auto", help="ggcalc.solve method (default auto)")
    parser.add_argument(
        "--gambit-python",
        metavar="PATH",
        help="Python that can import pygambit (default: this one, if it can; else no Gambit)",
    )
    parser.add_argument("--no-gambit", action="store_true", help="run ggcalc only")
    parser.add_argument("--json", metavar="FILE", help="also write every game and result here")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the table; 0, or 1 when ggcalc missed an equilibrium."""
    args = build_parser().parse_args(argv)
    python = args.gambit_python
    if python is None and importlib.util.find_spec("pygambit") is not None:
        python = sys.executable
    worker = None if args.no_gambit or python is None else GambitWorker(python)
    if worker is not None:
        try:
            worker._start()
        except (OSError, RuntimeError) as error:
            print(f"Gambit skipped: {error}")
            worker = None
    elif not args.no_gambit:
        print("Gambit skipped: pygambit not importable (give --gambit-python PATH)")
    jobs = draw_games(args.seed, args.games, args.games4)
    env = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "ggcalc": getattr(ggcalc, "__version__", "?"),
        "pygambit": worker.version if worker else None,
    }
    print(
        f"bench_nplayer: {args.games} x 3x3x3, {args.games} x 2x2x2, {args.games4} x 2x2x2x2 "
        f"+ {MM_LABEL}; seed {args.seed}; timeout {args.timeout:g}s; method {args.method}"
    )
    print(", ".join(f"{k} {v}" for k, v in env.items() if v is not None), flush=True)
    run_ggcalc(jobs[0], args.method, args.timeout)  # warm-up: imports, lazy initialisation
    records = []
    started = time.perf_counter()
    try:
        for job in jobs:
            record = dict(job, ggcalc=run_ggcalc(job, args.method, args.timeout))
            if worker is not None:
                record["gambit"] = worker.solve(job["shape"], job["tables"], args.timeout)
                if "equilibria" in record["gambit"] and "equilibria" in record["ggcalc"]:
                    missed, only = compare(
                        record["ggcalc"]["equilibria"], record["gambit"]["equilibria"]
                    )
                    record["missed"], record["ggcalc_only"] = missed, only
            records.append(record)
    finally:
        if worker is not None:
            worker.stop()
    total = time.perf_counter() - started
    labels = [MM_LABEL, "2x2x2", "3x3x3", "2x2x2x2"]
    rows = summarise(records, [lb for lb in labels if any(r["label"] == lb for r in records)])
    print()
    print_table(rows, worker is not None)
    bad = [r for r in records if r.get("missed") and r["ggcalc"].get("complete")]
    for r in bad:
        print(
            f"ERROR: ggcalc claimed complete but missed {r['missed']} on {r['label']}#{r['index']}"
        )
    errors = [r for r in records if "error" in r["ggcalc"]]
    for r in errors:
        print(f"ggcalc error on {r['label']}#{r['index']}: {r['ggcalc']['error']}")
    print(f"total {total:.1f}s")
    if args.json:
        out = {
            "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "argv": sys.argv[1:] if argv is None else argv,
            "environment": env,
            "summary": rows,
            "games": records,
        }
        Path(args.json).write_text(json.dumps(out, indent=1) + "\n")
        print(f"wrote {args.json}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
