"""Small games are read, solved and certified in plain Python: NumPy is imported only for large
games (issue 13's start-up goal), and both ways give the same answers.

These tests pin down both halves: no shipped scenario loads NumPy when solved through the
command line, and the plain-Python model, pure-equilibrium search and certification agree with
NumPy-based computations of the same definitions.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ggcalc.algorithms.pure_equilibria import pure_equilibria
from ggcalc.algorithms.support_enumeration import support_enumeration
from ggcalc.certification.normal_form import deviation_payoffs
from ggcalc.model.normal_form import NormalFormGame

ROOT = Path(__file__).resolve().parent.parent
GAMES = sorted((ROOT / "games").glob("*.yaml"))

_PROBE = """
import sys
from ggcalc.cli.app import main
sys.argv = ["ggcalc", *sys.argv[1:]]
try:
    main()
except SystemExit as exit:
    code = exit.code
else:
    code = 0
print("exit", code, "numpy", "numpy" in sys.modules, file=sys.stderr)
"""


@pytest.mark.parametrize("path", GAMES, ids=lambda p: p.name)
@pytest.mark.parametrize("format", ["table", "json"])
def test_solving_a_shipped_scenario_does_not_import_numpy(path: Path, format: str) -> None:
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE, "solve", str(path), "--format", format],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert completed.stdout.strip(), completed.stderr
    assert completed.stderr.strip().splitlines()[-1] == "exit 0 numpy False"


def test_a_large_game_still_uses_the_batched_numpy_pipeline() -> None:
    code = (
        "import sys; from ggcalc.algorithms.support_enumeration import support_enumeration; "
        "a = [[(i * 7 + j * 3) % 11 for j in range(7)] for i in range(7)]; "
        "b = [[(i * 5 + j * 2) % 13 for j in range(7)] for i in range(7)]; "
        "r = support_enumeration(a, b); print(len(r.equilibria) > 0, 'numpy' in sys.modules)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.split() == ["True", "True"]


# The model: flat exact tables, and the NumPy view built from them


def test_nested_lists_and_arrays_build_the_same_game() -> None:
    nested = [[[3, 0], [5, 1]], [["3", 5], [0, Fraction(1, 2)]]]
    from_lists = NormalFormGame(["R", "C"], [["u", "d"], ["l", "r"]], nested)
    from_array = NormalFormGame(["R", "C"], [["u", "d"], ["l", "r"]], np.array(nested, object))
    assert from_lists.tables == from_array.tables
    assert from_lists.tables == ((3, 0, 5, 1), (3, 5, 0, Fraction(1, 2)))
    assert all(type(v) is Fraction for table in from_lists.tables for v in table)
    assert from_lists.payoffs.shape == (2, 2, 2)
    assert from_lists.payoffs[1][1, 1] == Fraction(1, 2)
    assert from_lists.payoff(0, (1, 0)) == 5
    assert from_lists.rows(1) == [[3, 5], [0, Fraction(1, 2)]]
    assert from_lists.scaled_tables[1] == ((6, 10, 0, 1), 2)


@pytest.mark.parametrize(
    "payoffs, error",
    [
        ([[[1.5, 0], [0, 1]], [[1, 0], [0, 1]]], TypeError),
        ([[[np.float32(1.5), 0], [0, 1]], [[1, 0], [0, 1]]], TypeError),
        ([[[np.float64(2), 0], [0, 1]], [[1, 0], [0, 1]]], TypeError),
        ([[[1, 0], [0, 1]], [[1, 0], [0]]], ValueError),
        ([[[1, 0], [0, 1]]], ValueError),
        ([[[1, 0], [0, [1]]], [[1, 0], [0, 1]]], ValueError),
    ],
)
def test_a_misshapen_or_inexact_table_is_refused(payoffs: list, error: type) -> None:
    with pytest.raises(error):
        NormalFormGame(["R", "C"], [["u", "d"], ["l", "r"]], payoffs)


def test_from_tables_checks_sizes_and_exactness() -> None:
    with pytest.raises(ValueError):
        NormalFormGame.from_tables(["A"], [["x", "y"]], [[Fraction(1)]])
    with pytest.raises(TypeError):
        NormalFormGame.from_tables(["A"], [["x", "y"]], [[Fraction(1), 2]])
    game = NormalFormGame.from_tables(["A"], [["x", "y"]], [[Fraction(1), Fraction(2)]])
    assert game.shape == (2,) and game.payoff(0, (1,)) == 2


# Pure equilibria: plain Python and NumPy decide the same profiles

shapes = st.lists(st.integers(1, 4), min_size=1, max_size=4)


@st.composite
def integer_games(draw: st.DrawFn) -> tuple[tuple[int, ...], list[list[int]]]:
    shape = tuple(draw(shapes))
    size = int(np.prod(shape))
    value = st.integers(-3, 3) | st.integers(-(2**70), 2**70)
    tables = [draw(st.lists(value, min_size=size, max_size=size)) for _ in shape]
    return shape, tables


@settings(max_examples=150, deadline=None)
@given(integer_games())
def test_pure_equilibria_are_the_same_with_and_without_numpy(game: tuple) -> None:
    shape, tables = game
    small = pure_equilibria(shape, tables, small=True)
    assert small == pure_equilibria(shape, tables, small=False)
    # And they are what the definition says, checked profile by profile.
    strides = [int(np.prod(shape[i + 1 :])) for i in range(len(shape))]

    def at(profile: tuple[int, ...]) -> int:
        return sum(s * step for s, step in zip(profile, strides, strict=True))

    expected = [
        profile
        for profile in itertools.product(*(range(k) for k in shape))
        if all(
            tables[p][at(profile)]
            >= max(tables[p][at((*profile[:p], s, *profile[p + 1 :]))] for s in range(shape[p]))
            for p in range(len(shape))
        )
    ]
    assert small == expected


# Certification: the support-restricted sum is the expected payoff


@st.composite
def mixed_games(draw: st.DrawFn) -> tuple[NormalFormGame, tuple]:
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=1, max_size=3)))
    size = int(np.prod(shape))
    tables = [
        [Fraction(v) for v in draw(st.lists(st.integers(-5, 5), min_size=size, max_size=size))]
        for _ in shape
    ]
    game = NormalFormGame.from_tables(
        [f"P{i}" for i in range(len(shape))], [[str(s) for s in range(k)] for k in shape], tables
    )
    profile = []
    for k in shape:
        weights = draw(st.lists(st.integers(0, 3), min_size=k, max_size=k))
        if not any(weights):
            weights[0] = 1
        profile.append(tuple(Fraction(w, sum(weights)) for w in weights))
    return game, tuple(profile)


@settings(max_examples=100, deadline=None)
@given(mixed_games())
def test_deviation_payoffs_are_the_expected_payoffs_of_each_pure_strategy(case: tuple) -> None:
    game, profile = case
    for player in range(game.n_players):
        expected = []
        for s in range(game.shape[player]):
            total = Fraction(0)
            for others in game.profiles():
                if others[player] != s:
                    continue
                weight = Fraction(1)
                for q, t in enumerate(others):
                    if q != player:
                        weight *= profile[q][t]
                total += weight * game.payoff(player, others)
            expected.append(total)
        assert deviation_payoffs(game, profile, player) == expected


def test_the_enumeration_takes_lists_and_arrays_alike() -> None:
    a = [[3, 0, 2], [1, 2, 0], [0, 1, 3]]
    b = [[1, 2, 0], [3, 0, 1], [0, 3, 2]]
    for small in (True, False):
        from_lists = support_enumeration(a, b, small=small)
        from_arrays = support_enumeration(np.array(a, object), np.array(b, object), small=small)
        assert from_lists == from_arrays and from_lists.equilibria
