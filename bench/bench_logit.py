"""Games too large to enumerate: what ``ggcalc solve --method logit`` gives, and how fast.

For each shape, ``--games`` random games (integer payoffs 0..99, ``random.Random(f"logit/
{shape}/{i}")``, player 1's table first, profiles with the first player's strategy slowest) are
solved with ``ggcalc.solve(game, method="logit")``: the logit path in floats, then the exact
solve of the support where it ends, or the end rounded to fractions as an ε-equilibrium with an
exact ε. Reported per shape: the median and largest time (building the game excluded), how many
games gave an exact certified equilibrium, how many an ε-equilibrium (with the largest ε), how
many neither (an end inside a continuum), and how often the path stopped before converging.
The strategic forms of the two multi-actor scenario trees are solved too.

When pygambit is importable in this interpreter, Gambit's ``logit_solve`` runs on the same
games for comparison (its time and the regret of its float answer); otherwise it is skipped.

Run from the repository root::

    . .venv/bin/activate
    python bench/bench_logit.py                     # defaults: --games 10
    python bench/bench_logit.py --shapes 5x5x5,8x8x8 --games 5
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import platform
import random
import statistics
import sys
import time
from fractions import Fraction
from pathlib import Path

import ggcalc
from ggcalc.model.normal_form import NormalFormGame

GAMES = Path(__file__).resolve().parent.parent / "games"
SCENARIOS = ("china_response.yaml", "great_game.yaml")


def random_game(shape: tuple[int, ...], index: int) -> NormalFormGame:
    """Game #index of a shape (the same as ``tests/test_logit_solver.py`` draws)."""
    rng = random.Random(f"logit/{shape}/{index}")
    cells = list(itertools.product(*(range(k) for k in shape)))
    tables = [[Fraction(rng.randint(0, 99)) for _ in cells] for _ in shape]
    return NormalFormGame.from_tables(
        [f"P{p + 1}" for p in range(len(shape))],
        [[f"s{i + 1}" for i in range(k)] for k in shape],
        tables,
    )


def run(game: NormalFormGame) -> dict[str, object]:
    """Solve with the logit method; what came out and how long it took."""
    start = time.perf_counter()
    solution = ggcalc.solve(game, method="logit")
    seconds = time.perf_counter() - start
    stopped = any("stopped before it converged" in w for w in solution.warnings)
    epsilon = max((float(a.epsilon) for a in solution.approximate), default=None)
    ends = [eq.profile for eq in solution.equilibria] + [a.profile for a in solution.approximate]
    return {
        "ends": [[[float(p) for p in mix] for mix in profile] for profile in ends],
        "seconds": seconds,
        "exact": bool(solution.equilibria),
        "epsilon": epsilon,
        "stopped": stopped,
    }


def gambit_logit(game: NormalFormGame) -> tuple[float, float, list[list[float]]] | None:
    """Gambit's logit on the same game: (seconds, float regret, its profile), if installed."""
    if importlib.util.find_spec("pygambit") is None:
        return None
    import numpy as np
    import pygambit as gbt

    arrays = [np.array([float(v) for v in t]).reshape(game.shape) for t in game.tables]
    kind = getattr(gbt, "StrategicGame", None) or gbt.Game  # pygambit 17.x, else 16.x
    gambit_game = kind.from_arrays(*arrays)
    start = time.perf_counter()
    result = gbt.nash.logit_solve(gambit_game)
    seconds = time.perf_counter() - start
    profile = result.equilibrium if hasattr(result, "equilibrium") else result.equilibria[0]
    mixes = [[float(v) for _, v in list(profile[label])] for label in list(gambit_game.players)]
    return seconds, float(profile.max_regret()), mixes


def _distance(a: list[list[float]], b: list[list[float]]) -> float:
    return max(abs(p - q) for x, y in zip(a, b, strict=True) for p, q in zip(x, y, strict=True))


def summarise(label: str, records: list[dict[str, object]]) -> str:
    times = [float(r["seconds"]) for r in records]  # type: ignore[arg-type]
    epsilons = [float(r["epsilon"]) for r in records if r["epsilon"] is not None]  # type: ignore[arg-type]
    exact = sum(bool(r["exact"]) for r in records)
    neither = sum(not r["exact"] and r["epsilon"] is None for r in records)
    stopped = sum(bool(r["stopped"]) for r in records)
    largest = f"{max(epsilons):.1e}" if epsilons else "-"
    return (
        f"{label:<22} {len(records):>5} {statistics.median(times):>9.3f} {max(times):>8.3f} "
        f"{exact:>6} {len(epsilons):>5} {largest:>9} {neither:>8} {stopped:>8}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shapes", default="5x5x5,6x6x6,4x4x4x4,8x8x8", help="comma-separated")
    parser.add_argument("--games", type=int, default=10, help="random games per shape")
    args = parser.parse_args(argv)
    print(
        f"bench_logit: python {platform.python_version()}, {args.games} games per shape, "
        f"pygambit {'found' if importlib.util.find_spec('pygambit') else 'not installed'}",
        file=sys.stderr,
    )
    header = (
        f"{'game':<22} {'games':>5} {'median s':>9} {'max s':>8} "
        f"{'exact':>6} {'ε-eq':>5} {'max ε':>9} {'neither':>8} {'stopped':>8}"
    )
    print(header)
    print("-" * len(header))
    for text in args.shapes.split(","):
        shape = tuple(int(k) for k in text.split("x"))
        records, gambit = [], []
        for index in range(args.games):
            game = random_game(shape, index)
            records.append(run(game))
            answer = gambit_logit(game)
            if answer is not None:
                seconds, regret, mixes = answer
                ends = records[-1]["ends"]
                close = any(_distance(end, mixes) < 1e-4 for end in ends)  # type: ignore[attr-defined]
                gambit.append((seconds, regret, close))
        print(summarise(text, records), flush=True)
        if gambit:
            times = [t for t, _, _ in gambit]
            print(
                f"{'  gambit logit_solve':<22} {len(gambit):>5} {statistics.median(times):>9.3f} "
                f"{max(times):>8.3f}   float answers, largest regret "
                f"{max(r for _, r, _ in gambit):.1e}, the same equilibrium as ggcalc's in "
                f"{sum(c for _, _, c in gambit)} of {len(gambit)}",
                flush=True,
            )
    for name in SCENARIOS:
        game = ggcalc.load(GAMES / name).strategic().game
        assert isinstance(game, NormalFormGame)
        print(summarise(name.removesuffix(".yaml"), [run(game)]), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
