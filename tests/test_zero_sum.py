"""Exact zero-sum solving by linear programming (ggcalc.algorithms.zero_sum).

Known answers come from textbooks (each cited where it is used) and were recomputed exactly, by
hand and with a throwaway Fraction script, before being written down. The properties compare the
simplex solver with an independent brute force: every equal-size support pair's indifference
systems, solved exactly, keeping the pairs that are equilibria of the zero-sum game (Shapley and
Snow, "Basic solutions of discrete games", Annals of Mathematics Studies 24, 1950: every matrix
game has such a square "kernel", so at least one is always found).
"""

from __future__ import annotations

import itertools
import numbers
import random
import time
from collections.abc import Sequence
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ggcalc.algorithms import zero_sum
from ggcalc.algorithms.zero_sum import ZeroSumSolution, constant_sum, solve_zero_sum

F = Fraction
Matrix = list[list[Fraction]]
Table = Sequence[Sequence[int | Fraction]]


# --------------------------------------------------------------------------------------------
# Independent helpers (no code shared with the module under test)
# --------------------------------------------------------------------------------------------


def _payoffs_vs_columns(a: Table, x: Sequence[Fraction]) -> list[Fraction]:
    return [sum((F(x[i]) * F(a[i][j]) for i in range(len(a))), F(0)) for j in range(len(a[0]))]


def _payoffs_vs_rows(a: Table, y: Sequence[Fraction]) -> list[Fraction]:
    return [sum((F(row[j]) * F(y[j]) for j in range(len(row))), F(0)) for row in a]


def _assert_certified(a: Table, sol: ZeroSumSolution) -> None:
    """x guarantees exactly v against the worst column, y concedes exactly v to the best row."""
    assert all(isinstance(p, Fraction) for p in (*sol.row_strategy, *sol.column_strategy))
    assert isinstance(sol.value, Fraction)
    assert len(sol.row_strategy) == len(a)
    assert len(sol.column_strategy) == len(a[0])
    assert all(p >= 0 for p in sol.row_strategy) and sum(sol.row_strategy) == 1
    assert all(q >= 0 for q in sol.column_strategy) and sum(sol.column_strategy) == 1
    assert min(_payoffs_vs_columns(a, sol.row_strategy)) == sol.value
    assert max(_payoffs_vs_rows(a, sol.column_strategy)) == sol.value


def _solve_square(matrix: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """Gauss-Jordan over Fractions; None unless the square system has exactly one solution."""
    size = len(matrix)
    rows = [[*row, b] for row, b in zip(matrix, rhs, strict=True)]
    for col in range(size):
        pivot = next((r for r in range(col, size) if rows[r][col] != 0), None)
        if pivot is None:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        lead = rows[col]
        lead[:] = [v / lead[col] for v in lead]
        for r in range(size):
            if r != col and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [v - factor * w for v, w in zip(rows[r], lead, strict=True)]
    return [row[size] for row in rows]


def _support_mix(
    payoff: Matrix, indifferent: tuple[int, ...], support: tuple[int, ...]
) -> tuple[list[Fraction], Fraction] | None:
    """Mix z on `support` with payoff[i] . z == w for every i in `indifferent`, sum(z) == 1."""
    k = len(support)
    system = [[payoff[i][j] for j in support] + [F(-1)] for i in indifferent]
    system.append([F(1)] * k + [F(0)])
    solution = _solve_square(system, [F(0)] * k + [F(1)])
    if solution is None:
        return None
    return solution[:k], solution[k]


def brute_force_equilibrium_payoffs(a: Matrix) -> list[Fraction]:
    """Payoffs of all equilibria of (A, -A) that solve an equal-size support system exactly."""
    m, n = len(a), len(a[0])
    transposed = [[a[i][j] for i in range(m)] for j in range(n)]
    payoffs = []
    for k in range(1, min(m, n) + 1):
        for rows in itertools.combinations(range(m), k):
            for cols in itertools.combinations(range(n), k):
                # x on `rows` makes the column player indifferent among `cols`.
                found_x = _support_mix(transposed, cols, rows)
                if found_x is None:
                    continue
                xs, vx = found_x
                if any(p < 0 for p in xs):
                    continue
                x = [F(0)] * m
                for i, p in zip(rows, xs, strict=True):
                    x[i] = p
                if min(_payoffs_vs_columns(a, x)) < vx:
                    continue  # some column pays the row player less: not a best response
                found_y = _support_mix(a, rows, cols)
                if found_y is None:
                    continue
                ys, vy = found_y
                if any(q < 0 for q in ys):
                    continue
                y = [F(0)] * n
                for j, q in zip(cols, ys, strict=True):
                    y[j] = q
                if max(_payoffs_vs_rows(a, y)) > vy:
                    continue
                payoffs.append(
                    sum((x[i] * a[i][j] * y[j] for i in range(m) for j in range(n)), F(0))
                )
    return payoffs


def _fractions(a: Table) -> Matrix:
    return [[F(v) for v in row] for row in a]


# --------------------------------------------------------------------------------------------
# Known answers
# --------------------------------------------------------------------------------------------


def test_matching_pennies() -> None:
    # Osborne, *An Introduction to Game Theory* (2004), section 2.4 (the game) and section 4.3
    # (its only equilibrium: Head with probability 1/2 each, value 0); also von Neumann &
    # Morgenstern, *Theory of Games and Economic Behavior* (1944), chapter III, as the standard
    # game without a saddle point. Optimal strategies are unique.
    a = [[1, -1], [-1, 1]]
    sol = solve_zero_sum(a)
    assert sol == ZeroSumSolution(F(0), (F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))
    _assert_certified(a, sol)


def test_rock_paper_scissors() -> None:
    # Uniform play is the unique optimal strategy of both players and the value is 0 (the game
    # is symmetric, so its value is 0; uniqueness: van den Nouweland, "Rock-Paper-Scissors; A New
    # and Elegant Proof", University of Oregon Economics Working Paper 2007-12).
    a = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    third = F(1, 3)
    sol = solve_zero_sum(a)
    assert sol == ZeroSumSolution(F(0), (third,) * 3, (third,) * 3)


def test_saddle_point_gives_a_pure_value() -> None:
    # Ferguson, *Game Theory* (UCLA lecture text), Part II section 2.1: an entry that is the
    # minimum of its row and the maximum of its column is a saddle point, its row and column are
    # optimal and it is the value. Here the entry 2 at (row 0, column 1); row minima 2, 0, 1 and
    # column maxima 4, 2, 5 give maximin = minimax = 2. Uniqueness by hand: to guarantee 2
    # against column 1 (payoffs 2, 0, 1) the row player must play row 0, and to hold row 0
    # (payoffs 4, 2, 3) to 2 the column player must play column 1.
    a = [[4, 2, 3], [1, 0, 5], [3, 1, 2]]
    sol = solve_zero_sum(a)
    assert sol == ZeroSumSolution(F(2), (F(1), F(0), F(0)), (F(0), F(1), F(0)))


def test_two_by_two_formula_odd_or_even() -> None:
    # Ferguson, *Game Theory* (UCLA lecture text), Part II section 1.2, "Odd or Even" (a
    # two-choice Morra: each player calls out one or two; if the sum is odd player I wins it,
    # if even player II wins it), solved there with value 1/12. The 2x2 formulas of section 2.2
    # for games without a saddle point give value (ad - bc)/(a - b + d - c) =
    # (8 - 9)/(-2 - 3 - 4 - 3) = 1/12 and player I's probability of "one" (d - c)/(a - b + d - c)
    # = 7/12; the matrix is symmetric, so player II's optimal mix is the same.
    a = [[-2, 3], [3, -4]]
    sol = solve_zero_sum(a)
    assert sol == ZeroSumSolution(F(1, 12), (F(7, 12), F(5, 12)), (F(7, 12), F(5, 12)))
    # The closed formula itself, as an independent check of the three numbers.
    (p, q), (r, s) = a
    assert sol.value == F(p * s - q * r, p - q + s - r)
    assert sol.row_strategy[0] == F(s - r, p - q + s - r)
    assert sol.column_strategy[0] == F(s - q, p - q + s - r)


def test_two_by_n_graphical_method() -> None:
    # Ferguson, *Game Theory*, Part II section 2.4 ("Solving 2 x n and m x 2 games"): the 2x4
    # game below. Graphically, with p the probability of row 0, the columns pay 4 - 2p, 1 + 2p,
    # 6 - 5p and 5p; the lower envelope peaks where 1 + 2p = 6 - 5p, at p = 5/7, value 17/7.
    # Player II mixes columns 1 and 2: 3q + (1 - q) = 17/7 gives q = 5/7 (and then row 1 pays
    # q + 6(1 - q) = 17/7 as well). Columns 0 and 3 pay 18/7 and 25/7 > 17/7 against the unique
    # optimal p, so no optimal strategy of player II uses them: both answers are unique.
    a = [[2, 3, 1, 5], [4, 1, 6, 0]]
    sol = solve_zero_sum(a)
    assert sol == ZeroSumSolution(F(17, 7), (F(5, 7), F(2, 7)), (F(0), F(5, 7), F(2, 7), F(0)))
    assert _payoffs_vs_columns(a, sol.row_strategy) == [F(18, 7), F(17, 7), F(17, 7), F(25, 7)]


def test_fraction_payoffs_are_exact() -> None:
    # Matching pennies scaled by 1/3 and shifted by 1/10: value exactly 1/10 (a float solver
    # would return 0.1 only approximately), strategies unchanged.
    a = [[F(1, 3) + F(1, 10), F(-1, 3) + F(1, 10)], [F(-1, 3) + F(1, 10), F(1, 3) + F(1, 10)]]
    sol = solve_zero_sum(a)
    assert sol == ZeroSumSolution(F(1, 10), (F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))


# --------------------------------------------------------------------------------------------
# Degenerate games
# --------------------------------------------------------------------------------------------


def test_all_zero_matrix() -> None:
    a = [[0, 0, 0], [0, 0, 0]]
    sol = solve_zero_sum(a)
    assert sol.value == 0
    _assert_certified(a, sol)


def test_constant_matrix() -> None:
    a = [[F(7, 3)] * 4 for _ in range(3)]
    sol = solve_zero_sum(a)
    assert sol.value == F(7, 3)
    _assert_certified(a, sol)


def test_duplicated_rows_and_columns() -> None:
    # Matching pennies with row 0 repeated twice and column 1 repeated: the duplicates share the
    # original probability 1/2 between them, the value stays 0.
    a = [[1, -1, -1], [-1, 1, 1], [1, -1, -1], [1, -1, -1]]
    sol = solve_zero_sum(a)
    assert sol.value == 0
    x, y = sol.row_strategy, sol.column_strategy
    assert x[0] + x[2] + x[3] == F(1, 2) and x[1] == F(1, 2)
    assert y[0] == F(1, 2) and y[1] + y[2] == F(1, 2)
    _assert_certified(a, sol)


def test_one_row() -> None:
    # The row player has no choice: the column player picks a smallest entry (value 1); either
    # column holding a 1, or a mix of them, is optimal.
    a = [[3, 1, 4, 1, 5]]
    sol = solve_zero_sum(a)
    assert sol.value == 1
    assert sol.row_strategy == (F(1),)
    y = sol.column_strategy
    assert y[1] + y[3] == 1
    _assert_certified(a, sol)


def test_one_column() -> None:
    # The column player has no choice: the row player picks a largest entry (value 5).
    a = [[3], [F(-1, 2)], [5], [2]]
    sol = solve_zero_sum(a)
    assert sol == ZeroSumSolution(F(5), (F(0), F(0), F(1), F(0)), (F(1),))


def test_one_by_one() -> None:
    assert solve_zero_sum([[F(-9, 4)]]) == ZeroSumSolution(F(-9, 4), (F(1),), (F(1),))


def test_degenerate_binary_games_terminate_and_certify() -> None:
    # 0/1 matrices are highly degenerate (ties everywhere, many zero right-hand sides after a
    # pivot): the setting in which an anti-cycling rule matters.
    rng = random.Random(1977)
    for m, n in [(5, 5), (6, 4), (4, 7), (8, 8)]:
        for _ in range(100):
            a = [[rng.randint(0, 1) for _ in range(n)] for _ in range(m)]
            _assert_certified(a, solve_zero_sum(a))


# --------------------------------------------------------------------------------------------
# Constant-sum games
# --------------------------------------------------------------------------------------------


def test_constant_sum_game() -> None:
    # A + B == 5 everywhere. A has no saddle point (row minima 1, 2; column maxima 3, 4); the
    # 2x2 formula gives value (3*4 - 1*2)/(3 - 1 + 4 - 2) = 5/2 for the row player, so the
    # column player's value is 5 - 5/2 = 5/2. Row player: 3p + 2(1 - p) = p + 4(1 - p) gives
    # p = 1/2; column player: 3q + (1 - q) = 2q + 4(1 - q) gives q = 3/4.
    a = [[3, 1], [2, 4]]
    b = [[2, 4], [3, 1]]
    c = constant_sum(a, b)
    assert c == 5 and isinstance(c, Fraction)
    sol = solve_zero_sum(a)
    assert sol == ZeroSumSolution(F(5, 2), (F(1, 2), F(1, 2)), (F(3, 4), F(1, 4)))
    assert c - sol.value == F(5, 2)
    # Column player's own view: against the row player's optimal x, every column gives B its
    # constant-sum share c - v, and y's payoff to B is the same.
    b_payoffs = _payoffs_vs_columns(b, sol.row_strategy)
    assert b_payoffs == [c - sol.value, c - sol.value]


def test_constant_sum_recognition() -> None:
    assert constant_sum([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]) == 0
    assert constant_sum([[F(1, 3)]], [[F(2, 3)]]) == 1
    assert constant_sum([[1, 2], [3, 4]], [[1, 0], [-1, -2]]) == 2
    # One cell off by 1/1000 is not constant-sum: exact comparison, no tolerance.
    assert constant_sum([[1, 2], [3, 4]], [[1, 0], [-1, F(-1999, 1000)]]) is None
    assert constant_sum([[1, 0], [0, 1]], [[0, 1], [1, 0]]) == 1
    assert constant_sum([[2, 0], [0, 1]], [[1, 0], [0, 2]]) is None  # diagonal sums 3, off 0


def test_constant_sum_accepts_numpy_object_arrays() -> None:
    a = np.array([[F(1, 2), 3], [F(-7, 4), 0]], dtype=object)
    b = np.array([[F(3, 2), -1], [F(15, 4), 2]], dtype=object)
    assert constant_sum(a, b) == 2
    assert constant_sum(a, -a) == 0


def test_constant_sum_rejects_mismatched_shapes() -> None:
    with pytest.raises(ValueError, match="shapes must match"):
        constant_sum([[1, 2]], [[1], [2]])


# --------------------------------------------------------------------------------------------
# Input handling
# --------------------------------------------------------------------------------------------


def test_numpy_inputs() -> None:
    a_obj = np.array([[F(1, 2), F(-1, 2)], [F(-1, 2), F(1, 2)]], dtype=object)
    assert solve_zero_sum(a_obj).value == 0
    a_int = np.array([[-2, 3], [3, -4]], dtype=np.int64)
    assert solve_zero_sum(a_int).value == F(1, 12)


@numbers.Rational.register
class _Half:
    """A foreign exact rational type (registered as numbers.Rational, not a Fraction)."""

    numerator = 1
    denominator = 2


def test_foreign_rationals_are_read_exactly() -> None:
    # Any numbers.Rational is exact: it is read through its numerator and denominator.
    sol = solve_zero_sum([[_Half(), 0], [0, _Half()]])
    assert sol.value == F(1, 4)


@pytest.mark.parametrize("bad", [[[0.5, 1]], [[1, 2], [3, 4.0]], [["1"]]])
def test_inexact_entries_are_refused(bad: list[list[object]]) -> None:
    with pytest.raises(TypeError, match="exact rational"):
        solve_zero_sum(bad)
    with pytest.raises(TypeError, match="exact rational"):
        constant_sum(bad, bad)


@pytest.mark.parametrize("bad", [[], [[]], [[1, 2], [3]], [1, 2]])
def test_malformed_matrices_are_refused(bad: list[object]) -> None:
    with pytest.raises(ValueError):
        solve_zero_sum(bad)


def test_a_wrong_answer_fails_the_certificate(monkeypatch: pytest.MonkeyPatch) -> None:
    # If the simplex stage returned a non-optimal pair, the exact certificate must catch it.
    # For matching pennies, report the pure pair (row 0, column 0) with the LP optimum z = 1:
    # as numerators over z_num = 1 that is x = (1, 0), y = (1, 0), value 1/1 - shift.
    monkeypatch.setattr(zero_sum, "_simplex", lambda matrix: ([1, 0], [1, 0], 1, 1))
    with pytest.raises(AssertionError, match="certificate failed"):
        solve_zero_sum([[1, -1], [-1, 1]])
    monkeypatch.setattr(zero_sum, "_simplex", lambda matrix: ([2, -1], [1, 0], 1, 1))
    with pytest.raises(AssertionError, match=r"column strategy .* not a probability vector"):
        solve_zero_sum([[1, -1], [-1, 1]])
    monkeypatch.setattr(zero_sum, "_simplex", lambda matrix: ([1, 0], [1, 1], 1, 1))
    with pytest.raises(AssertionError, match=r"row strategy .* not a probability vector"):
        solve_zero_sum([[1, -1], [-1, 1]])


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

small_matrices = st.integers(1, 6).flatmap(
    lambda m: st.integers(1, 6).flatmap(
        lambda n: st.lists(
            st.lists(st.integers(-5, 5), min_size=n, max_size=n), min_size=m, max_size=m
        )
    )
)

# Few distinct values: ties, duplicated rows and columns, and degenerate LPs are frequent.
tied_matrices = st.integers(1, 6).flatmap(
    lambda m: st.integers(1, 6).flatmap(
        lambda n: st.lists(
            st.lists(st.sampled_from([-1, 0, 1]), min_size=n, max_size=n), min_size=m, max_size=m
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(small_matrices, tied_matrices))
def test_certificate_holds(a: list[list[int]]) -> None:
    _assert_certified(a, solve_zero_sum(a))


@settings(max_examples=200, deadline=None)
@given(st.one_of(small_matrices, tied_matrices))
def test_agrees_with_brute_force_support_enumeration(a: list[list[int]]) -> None:
    value = solve_zero_sum(a).value
    payoffs = brute_force_equilibrium_payoffs(_fractions(a))
    assert payoffs, "Shapley-Snow: some square kernel always yields an equilibrium"
    assert set(payoffs) == {value}


@settings(max_examples=100, deadline=None)
@given(
    small_matrices,
    st.fractions(min_value=-10, max_value=10, max_denominator=12),
    st.fractions(min_value=F(1, 12), max_value=10, max_denominator=12),
)
def test_value_is_affine_in_the_payoffs(a: list[list[int]], shift: Fraction, k: Fraction) -> None:
    v = solve_zero_sum(a).value
    moved = [[k * value + shift for value in row] for row in a]
    sol = solve_zero_sum(moved)
    assert sol.value == k * v + shift
    _assert_certified(moved, sol)


@settings(max_examples=100, deadline=None)
@given(small_matrices, st.randoms(use_true_random=False))
def test_value_under_symmetries(a: list[list[int]], rng: random.Random) -> None:
    v = solve_zero_sum(a).value
    # Swapping roles: the column player's game is -A transposed, with value -v.
    swapped = [[-a[i][j] for i in range(len(a))] for j in range(len(a[0]))]
    assert solve_zero_sum(swapped).value == -v
    # Relabelling strategies changes nothing.
    rows = list(range(len(a)))
    cols = list(range(len(a[0])))
    rng.shuffle(rows)
    rng.shuffle(cols)
    permuted = [[a[i][j] for j in cols] for i in rows]
    assert solve_zero_sum(permuted).value == v


def test_brute_force_reference_finds_known_values() -> None:
    # The reference itself must be able to tell values apart (guards against a vacuous oracle).
    assert set(brute_force_equilibrium_payoffs(_fractions([[-2, 3], [3, -4]]))) == {F(1, 12)}
    assert set(brute_force_equilibrium_payoffs(_fractions([[2, 3, 1, 5], [4, 1, 6, 0]]))) == {
        F(17, 7)
    }


# --------------------------------------------------------------------------------------------
# Speed
# --------------------------------------------------------------------------------------------


def test_thirty_by_thirty_is_fast() -> None:
    rng = np.random.default_rng(20240601)
    a = [[int(v) for v in row] for row in rng.integers(-100, 101, size=(30, 30))]
    start = time.perf_counter()
    sol = solve_zero_sum(a)
    elapsed = time.perf_counter() - start
    _assert_certified(a, sol)
    assert elapsed < 2.0, f"30x30 took {elapsed:.2f}s"
