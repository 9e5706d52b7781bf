"""Robustness throughput: samples solved per second on the 3×3 first version of the deal
scenario (``bench/data/deal_3x3.yaml``).

``ggcalc robustness`` draws every sample in the calling process, then solves them (the YAML
read once per process, only the game rebuilt per sample) in one process or, with ``--jobs``,
in several spawned worker processes. This benchmark times the whole run, start-up of the
workers included, for each number of jobs, and checks that every run gives the same result.

Run from the repository root::

    . .venv/bin/activate
    python bench/bench_robustness.py                    # --samples 20000 --jobs 1 2
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from ggcalc.analysis.robustness import draw_samples, parse_varied, robustness

SCENARIO = Path(__file__).parent.parent / "bench" / "data" / "deal_3x3.yaml"
VARY = ("china_leverage=uniform:0:8", "us_package=triangular:6:10:12")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=20_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args(argv)
    varied = [parse_varied(v) for v in VARY]

    start = time.perf_counter()
    draw_samples(varied, args.samples, seed=1)
    draw = args.samples / (time.perf_counter() - start)
    print(f"# python {sys.version.split()[0]}; {SCENARIO.name}; {args.samples:,} samples; ")
    print(f"# {os.cpu_count()} CPUs; --vary {' --vary '.join(VARY)}")
    print("what | samples per second | seconds")
    print(f"draw the samples | {draw:,.0f} |")
    results = []
    for jobs in args.jobs:
        start = time.perf_counter()
        result = robustness(SCENARIO, varied, samples=args.samples, seed=1, jobs=jobs)
        seconds = time.perf_counter() - start
        results.append(result.to_dict())
        print(f"robustness --jobs {jobs} | {args.samples / seconds:,.0f} | {seconds:.2f}")
    assert all(r == results[0] for r in results), "the result depends on --jobs"


if __name__ == "__main__":
    main()
