"""Solves per second of small bimatrix games: the exact two-player solve as a sweep runs it.

A parameter sweep solves the same small game (2×2 up to about 6×6) at thousands of parameter
values, so what matters there is the fixed cost of one ``ggcalc.solve`` call: exact enumeration,
certification of every equilibrium, maximal Nash subsets and the zero-sum check included.

For each size n in ``--sizes`` (default 2..6) and each payoff range in ``--payoff-ranges``
(default 999 and 4: generic games, and games with many ties, most of them degenerate),
``--games`` games are drawn from ``numpy.random.default_rng(seed)`` as ``A = rng.integers(0, HI,
(n, n), endpoint=True)`` then ``B`` likewise; the 3×3 first version of
``games/us_pakistan_deal.yaml`` (``bench/data/deal_3x3.yaml``) is added as a row of its own.
Each game is solved over and over for at least ``--min-time`` seconds (after one untimed
warm-up solve), and the table reports, per row:

* ``solves/s``: solves per second over all the row's games (total solves / total time), solving
  the same game object again and again (what ``ggcalc.solve(game)`` in a loop measures);
* ``fresh/s``: the same, but each solve gets a fresh
  :class:`~ggcalc.model.normal_form.NormalFormGame` with
  the same payoff array, so nothing cached on the game object is reused (as in a sweep, where
  every parameter value gives a new game; building the payoff array itself is not timed);
* ``ms/solve``: 1000 / ``solves/s``;
* ``degenerate``: how many of the row's games ggcalc found degenerate.

Run from the repository root::

    . .venv/bin/activate
    python bench/bench_small.py                       # defaults: --sizes 2-6 --games 10
    python bench/bench_small.py --sizes 3 --games 20 --min-time 0.5
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "bench" / "data" / "deal_3x3.yaml"  # the 3×3 first version of the deal


def _sizes(text: str) -> list[int]:
    try:
        if "-" in text:
            low, high = (int(v) for v in text.split("-"))
            return list(range(low, high + 1))
        return [int(v) for v in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad sizes {text!r}; use e.g. 2-6 or 2,3,5") from None


def _ranges(text: str) -> list[int]:
    try:
        return [int(v) for v in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad payoff ranges {text!r}; use e.g. 999,4") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=_sizes, default=_sizes("2-6"), help="e.g. 2-6 or 2,3,5")
    parser.add_argument(
        "--payoff-ranges", type=_ranges, default=[999, 4], help="payoffs in [0, HI]; e.g. 999,4"
    )
    parser.add_argument("--games", type=int, default=10, help="games per size and range")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--min-time", type=float, default=0.2, help="seconds of solving per game (default 0.2)"
    )
    return parser


def _rate(game: object, min_time: float, fresh: bool) -> tuple[int, float]:
    """(solves, seconds) for solving ``game`` repeatedly for at least ``min_time`` seconds."""
    import ggcalc
    from ggcalc.model.normal_form import NormalFormGame

    assert isinstance(game, NormalFormGame)
    players, strategies, payoffs, title = game.players, game.strategies, game.payoffs, game.title
    ggcalc.solve(game)  # warm-up, untimed
    solves, elapsed = 0, 0.0
    batch = 1
    while elapsed < min_time:
        if fresh:
            games = [NormalFormGame(players, strategies, payoffs, title) for _ in range(batch)]
        else:
            games = [game] * batch
        start = time.perf_counter()
        for g in games:
            ggcalc.solve(g)
        elapsed += time.perf_counter() - start
        solves += batch
        batch = min(batch * 2, 256)
    return solves, elapsed


def _row(games: list[object], min_time: float) -> tuple[float, float, int]:
    import ggcalc

    total = {False: [0, 0.0], True: [0, 0.0]}
    degenerate = 0
    for game in games:
        degenerate += bool(ggcalc.solve(game).degenerate)  # type: ignore[arg-type]
        for fresh in (False, True):
            solves, elapsed = _rate(game, min_time / 2, fresh)
            total[fresh][0] += solves
            total[fresh][1] += elapsed
    return total[False][0] / total[False][1], total[True][0] / total[True][1], degenerate


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    import ggcalc
    from ggcalc.model.normal_form import NormalFormGame

    print(
        f"bench_small: sizes {','.join(map(str, args.sizes))}, games {args.games}, seed "
        f"{args.seed}, payoff ranges {','.join(map(str, args.payoff_ranges))}, min-time "
        f"{args.min_time}s per game"
    )
    print(
        f"date {dt.date.today()}, python {platform.python_version()}, cpus {os.cpu_count()}, "
        f"numpy {np.__version__}, load average " + " ".join(f"{v:.2f}" for v in os.getloadavg())
    )
    print()
    header = ("game", "n", "payoffs", "games", "solves/s", "fresh/s", "ms/solve", "degenerate")
    rows: list[tuple[str, ...]] = []
    rng = np.random.default_rng(args.seed)
    drawn: dict[tuple[int, int], list[object]] = {}
    for hi in args.payoff_ranges:
        for n in args.sizes:
            drawn[(hi, n)] = []
            for _ in range(args.games):
                a = rng.integers(0, hi, (n, n), endpoint=True)
                b = rng.integers(0, hi, (n, n), endpoint=True)
                drawn[(hi, n)].append(NormalFormGame.from_arrays([a.tolist(), b.tolist()]))
    scenario = ggcalc.load(str(SCENARIO)).game
    same, fresh, degenerate = _row([scenario], args.min_time * args.games)
    rows.append(
        (SCENARIO.stem, "3", "scenario", "1", f"{same:,.0f}", f"{fresh:,.0f}",
         f"{1e3 / same:.3f}", str(degenerate))
    )  # fmt: skip
    for (hi, n), games in drawn.items():
        print(f"  n = {n}, payoffs 0..{hi} ...", file=sys.stderr)
        same, fresh, degenerate = _row(games, args.min_time)
        rows.append(
            ("random", str(n), f"0..{hi}", str(len(games)), f"{same:,.0f}", f"{fresh:,.0f}",
             f"{1e3 / same:.3f}", str(degenerate))
        )  # fmt: skip
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print("  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(v.rjust(w) for v, w in zip(row, widths, strict=True)))
    print()
    print(
        "solves/s: ggcalc.solve on the same game object; fresh/s: on a new NormalFormGame each "
        "time (nothing cached on the game reused); ms/solve = 1000 / solves/s; degenerate: games "
        "ggcalc found degenerate."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
