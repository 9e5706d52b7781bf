"""Backward induction on large generated trees: time and peak memory.

Builds a perfect-information tree with :class:`ggcalc.model.tree.TreeBuilder` and solves it:

* ``binary``: a complete binary tree of the given depth (depth 19 gives 1,048,575 nodes), the
  two players alternating, every terminal payoff a distinct integer (so no player is ever
  indifferent and the subgame-perfect equilibrium is unique);
* ``chain``: a centipede-like path ``--chain-depth`` decisions long (default 10,000), to show that
  depth is not limited by Python's recursion limit.

For each it reports the time to build the tree, the time of ``backward_induction`` alone (one
bottom-up pass), and the time of ``solve_tree`` (the whole certified solve: backward induction,
then the exact subgame-perfection check of every subgame, expected payoffs and the path of
play), plus the process's peak resident memory after each step (``ru_maxrss``). Neither nashpy
nor Gambit (which dropped its subgame-perfect solver in 16.5) solves trees by backward
induction, so there is nothing to compare against in the same process.

Run from the repository root::

    . .venv/bin/activate
    python bench/bench_tree.py                  # binary depth 19 (~10^6 nodes), chain 10,000
    python bench/bench_tree.py --depth 16 --json /tmp/tree.json
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from fractions import Fraction

from ggcalc.algorithms.subgame_perfect import backward_induction
from ggcalc.model.tree import DECISION, TERMINAL, GameTree, TreeBuilder
from ggcalc.solvers.tree import solve_tree


def binary_tree(depth: int, seed: int) -> GameTree:
    """A complete binary tree with ``2 ** (depth + 1) - 1`` nodes and distinct payoffs."""
    rng = random.Random(seed)
    leaves = 2**depth
    values = iter(rng.sample(range(100 * leaves), 2 * leaves))
    builder = TreeBuilder(["Red", "Blue"], f"binary tree of depth {depth}")
    builder.add(-1, kind=DECISION, player=0, actions=["L", "R"])
    stack = [(0, 0, 1), (0, 0, 0)]  # (parent, parent depth, which child), popped in preorder
    while stack:
        parent, level, which = stack.pop()
        move = "L" if which == 0 else "R"
        if level + 1 == depth:
            payoffs = [Fraction(next(values)), Fraction(next(values))]
            builder.add(parent, move, kind=TERMINAL, payoffs=payoffs)
        else:
            node = builder.add(
                parent, move, kind=DECISION, player=(level + 1) % 2, actions=["L", "R"]
            )
            stack += [(node, level + 1, 1), (node, level + 1, 0)]
    return builder.build()


def chain(depth: int) -> GameTree:
    """Stop ends the game, Go continues; the players alternate."""
    builder = TreeBuilder(["Red", "Blue"], f"chain of depth {depth}")
    parent = builder.add(-1, kind=DECISION, player=0, actions=["Stop", "Go"])
    for d in range(1, depth):
        builder.add(parent, "Stop", kind=TERMINAL, payoffs=[Fraction(d), Fraction(depth - d)])
        parent = builder.add(parent, "Go", kind=DECISION, player=d % 2, actions=["Stop", "Go"])
    builder.add(parent, "Stop", kind=TERMINAL, payoffs=[Fraction(depth), Fraction(0)])
    builder.add(parent, "Go", kind=TERMINAL, payoffs=[Fraction(-1), Fraction(-1)])
    return builder.build()


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(name: str, make: object) -> dict[str, object]:
    start = time.perf_counter()
    tree = make()  # type: ignore[operator]
    built = time.perf_counter()
    memory_built = peak_mb()
    profile = backward_induction(tree)
    induced = time.perf_counter()
    assert profile is not None, "the generated tree has a tie"
    solution = solve_tree(tree)
    solved = time.perf_counter()
    [eq] = solution.equilibria
    assert solution.complete and eq.subgame_perfect
    return {
        "tree": name,
        "nodes": tree.n_nodes,
        "depth": tree.depth(),
        "build_s": round(built - start, 3),
        "backward_induction_s": round(induced - built, 3),
        "certified_solve_s": round(solved - induced, 3),
        "peak_mb_after_build": round(memory_built, 1),
        "peak_mb_after_solve": round(peak_mb(), 1),
        "path_length": len(eq.path or ()),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--depth", type=int, default=19, help="binary tree depth (19: ~10^6)")
    parser.add_argument("--chain-depth", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    print(f"# python {sys.version.split()[0]}, seed {args.seed}")
    results = [
        measure("chain", lambda: chain(args.chain_depth)),
        measure("binary", lambda: binary_tree(args.depth, args.seed)),
    ]
    header = list(results[0])
    print(" | ".join(header))
    for row in results:
        print(" | ".join(str(row[h]) for h in header))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(results, out, indent=2)


if __name__ == "__main__":
    main()
