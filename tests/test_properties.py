"""Property tests: whatever ggcalc reports is an exact equilibrium, and solvers agree."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ggcalc
from ggcalc.model.normal_form import NormalFormGame

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def bimatrix_games(draw: st.DrawFn, max_size: int = 4, high: int = 4) -> NormalFormGame:
    """Small integer games; a small payoff range makes ties (degeneracy) common."""
    m = draw(st.integers(1, max_size))
    n = draw(st.integers(1, max_size))
    entries = st.integers(-high, high)
    A = draw(st.lists(st.lists(entries, min_size=n, max_size=n), min_size=m, max_size=m))
    B = draw(st.lists(st.lists(entries, min_size=n, max_size=n), min_size=m, max_size=m))
    return NormalFormGame.from_arrays([A, B])


@SETTINGS
@given(bimatrix_games())
def test_everything_reported_is_an_exact_equilibrium(game: NormalFormGame) -> None:
    solution = ggcalc.solve(game)
    for eq in solution.equilibria:
        assert ggcalc.certify(game, eq.profile) == eq
    assert len({eq.profile for eq in solution.equilibria}) == len(solution.equilibria)


@SETTINGS
@given(bimatrix_games())
def test_a_two_player_game_always_has_an_equilibrium(game: NormalFormGame) -> None:
    assert ggcalc.solve(game).equilibria


@SETTINGS
@given(bimatrix_games(high=1000))
def test_nondegenerate_games_have_an_odd_number_of_equilibria(game: NormalFormGame) -> None:
    # Every nondegenerate bimatrix game has an odd number of equilibria (Lemke and Howson,
    # "Equilibrium points of bimatrix games", SIAM J. Appl. Math. 12, 1964; Shapley, "A note
    # on the Lemke-Howson algorithm", Math. Programming Study 1, 1974): a complete list of
    # even length would be wrong.
    solution = ggcalc.solve(game)
    if not solution.degenerate:
        assert solution.complete
        assert len(solution.equilibria) % 2 == 1


def _degenerate_2xn(A: np.ndarray, B: np.ndarray) -> bool:
    """Independent exact degeneracy test for games with two rows.

    Column player mixing: it has at most two best responses, so only a pure column tying
    both rows is degenerate. Row player mixing x = (1-t, t): a pure row with two best
    columns, or an interior t where three or more columns tie at the top.
    """
    n = A.shape[1]
    if any(A[0, j] == A[1, j] for j in range(n)):
        return True

    def column_payoffs(t: Fraction) -> list[Fraction]:
        return [(1 - t) * B[0, j] + t * B[1, j] for j in range(n)]

    def top_count(t: Fraction) -> int:
        values = column_payoffs(t)
        return values.count(max(values))

    if top_count(Fraction(0)) > 1 or top_count(Fraction(1)) > 1:
        return True
    for j, k in itertools.combinations(range(n), 2):
        slope = (B[1, j] - B[0, j]) - (B[1, k] - B[0, k])
        if slope != 0:
            t = Fraction(B[0, k] - B[0, j], slope)
            if 0 < t < 1 and top_count(t) > 2:
                return True
    return False


@settings(max_examples=300, deadline=None)
@given(bimatrix_games(max_size=4, high=3).filter(lambda g: g.shape[0] == 2))
def test_degeneracy_is_decided_exactly(game: NormalFormGame) -> None:
    A, B = game.payoffs
    solution = ggcalc.solve(game)
    assert solution.degenerate == _degenerate_2xn(A, B)
    assert solution.complete


@settings(max_examples=12, deadline=None)
@given(bimatrix_games(max_size=4, high=1000))
def test_nashpy_vertex_enumeration_finds_nothing_more(game: NormalFormGame) -> None:
    # nashpy's equilibria, rebuilt exactly and certified, must be among ours when ours is
    # proven complete.
    ours = ggcalc.solve(game)
    theirs = ggcalc.solve(game, method="nashpy-vertex-enumeration", timeout=30)
    assert ours.complete
    assert {eq.profile for eq in theirs.equilibria} <= {eq.profile for eq in ours.equilibria}


@st.composite
def n_player_games(draw: st.DrawFn) -> NormalFormGame:
    n = draw(st.integers(1, 4))
    shape = tuple(draw(st.integers(1, 3)) for _ in range(n))
    size = int(np.prod(shape))
    tables = [
        np.array(
            draw(st.lists(st.integers(-3, 3), min_size=size, max_size=size)), dtype=object
        ).reshape(shape)
        for _ in range(n)
    ]
    return NormalFormGame.from_arrays(tables)


@SETTINGS
@given(n_player_games())
def test_pure_equilibria_are_exactly_the_stable_profiles(game: NormalFormGame) -> None:
    solution = ggcalc.solve(game, method="pure")
    found = {tuple(mix.index(1) for mix in eq.profile) for eq in solution.equilibria}
    brute = set()
    for profile in game.profiles():
        stable = all(
            game.payoff(p, profile)
            >= max(
                game.payoff(p, (*profile[:p], s, *profile[p + 1 :])) for s in range(game.shape[p])
            )
            for p in range(game.n_players)
        )
        if stable:
            brute.add(profile)
    assert found == brute


@st.composite
def constant_sum_games(draw: st.DrawFn) -> NormalFormGame:
    m, n = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    constant = draw(st.integers(-3, 3))
    A = draw(st.lists(st.lists(st.integers(-3, 3), min_size=n, max_size=n), min_size=m, max_size=m))
    return NormalFormGame.from_arrays([A, [[constant - a for a in row] for row in A]])


@SETTINGS
@given(constant_sum_games())
def test_constant_sum_games_report_their_value(game: NormalFormGame) -> None:
    # Minimax theorem (von Neumann 1928): every equilibrium pays the value, and the maximin
    # strategies found by linear programming form an equilibrium.
    solution = ggcalc.solve(game)
    zero_sum = solution.zero_sum
    assert zero_sum is not None
    assert zero_sum.values[0] + zero_sum.values[1] == zero_sum.constant
    assert all(eq.payoffs[0] == zero_sum.values[0] for eq in solution.equilibria)
    assert ggcalc.certify(game, zero_sum.maximin) is not None
    document = solution.to_dict()["zero_sum"]
    assert document["value"]["Player 1"] == str(zero_sum.values[0]).replace(" ", "")


@SETTINGS
@given(bimatrix_games(high=3))
def test_only_constant_sum_games_get_a_value(game: NormalFormGame) -> None:
    A, B = game.payoffs
    sums = {a + b for a, b in zip(A.flat, B.flat, strict=True)}
    assert (ggcalc.solve(game).zero_sum is not None) == (len(sums) == 1)
