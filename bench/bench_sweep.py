"""Sweep throughput: grid points solved per second on a 3×3 scenario and the shipped 4×3 one.

``ggcalc sweep`` reads the YAML once (``ggcalc.io.load.read``) and per point only rebuilds
the game from the already-read nodes (formulas parsed once and cached), solves it exactly and
certifies every equilibrium. This benchmark times

* ``rebuild``: ``document.scenario(values)`` alone (the per-point model update);
* ``solve``: ``ggcalc.solve`` of the 3×3 game alone;
* ``sweep``: the whole ``sweep`` of ``--points`` values of ``china_leverage`` (grid points
  only: the bisection of the thresholds is timed separately, as ``thresholds``).

Target (issue "Parameters, exact formulas, sweeps and robustness"): at least 1,000 points per
second on one core.

Run from the repository root::

    . .venv/bin/activate
    python bench/bench_sweep.py                 # --points 2001 --repeat 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import ggcalc
from ggcalc.analysis.sweep import parse_axis, sweep
from ggcalc.io.yaml.document import read_document

ROOT = Path(__file__).parent.parent
#: The 3×3 first version of the deal scenario (the issue's target game) and the shipped 4×3.
SCENARIOS = (ROOT / "bench" / "data" / "deal_3x3.yaml", ROOT / "games" / "us_pakistan_deal.yaml")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--points", type=int, default=2001)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    for scenario in SCENARIOS:
        _bench(scenario, args.points, args.repeat)


def _bench(scenario: Path, points: int, repeat: int) -> None:
    document = read_document(scenario.read_text(encoding="utf-8"), str(scenario))
    game = document.scenario().game
    axis = parse_axis(f"china_leverage=0:8:{points}")

    def per_second(run: object, count: int) -> float:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            run()  # type: ignore[operator]
            times.append(time.perf_counter() - start)
        return count / statistics.median(times)

    rebuild = per_second(
        lambda: [document.scenario({"china_leverage": v}, expectations=False) for v in axis.values],
        len(axis.values),
    )
    solve = per_second(lambda: [ggcalc.solve(game) for _ in range(500)], 500)
    whole = per_second(lambda: sweep(document, [axis]), len(axis.values))
    start = time.perf_counter()
    result = sweep(document, [axis])
    total = time.perf_counter() - start
    grid_only = per_second(lambda: _grid_only(document, axis), len(axis.values))
    shape = " × ".join(str(len(s)) for s in game.strategies)  # type: ignore[union-attr]
    count = len(axis.values)
    print(f"# python {sys.version.split()[0]}; {scenario.name} ({shape}); {count} points")
    print("what | per second")
    print(f"rebuild the game | {rebuild:,.0f}")
    print(f"solve (exact, certified) | {solve:,.0f}")
    print(f"sweep grid points | {grid_only:,.0f}")
    print(
        f"sweep with thresholds | {whole:,.0f} points/s "
        f"({len(result.thresholds)} thresholds, {total:.2f} s)"
    )


def _grid_only(document: object, axis: object) -> None:
    for value in axis.values:  # type: ignore[attr-defined]
        document.scenario({"china_leverage": value}, expectations=False).solve()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
