"""The fast path for small bimatrix games gives exactly what the general path gives.

Small games are decided one support system at a time in integer arithmetic
(``support_enumeration._small_game``); larger ones by the batched NumPy pipeline (float screen,
multi-modular exact decision). Both paths are forced here on the same random games, generic ones
and ones with many ties (mostly degenerate), and must agree on everything: the equilibria (in the
same order), the degeneracy witness, the counts, and after ``solve`` the certified list, the
degeneracy flag, the components and the warnings. The integer certification of two-player
profiles is compared with the general rational check the same way.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ggcalc
from ggcalc.algorithms import support_batches
from ggcalc.algorithms import support_enumeration as se
from ggcalc.certification.normal_form import certify, certify_all, failure_reason
from ggcalc.exact.linear import integer_solve, solve_exact
from ggcalc.model.normal_form import NormalFormGame


@st.composite
def bimatrix(draw: st.DrawFn, low: int = 0, high: int = 3, max_size: int = 5) -> tuple:
    m = draw(st.integers(1, max_size))
    n = draw(st.integers(1, max_size))
    entries = st.integers(low, high)
    a = draw(st.lists(st.lists(entries, min_size=n, max_size=n), min_size=m, max_size=m))
    b = draw(st.lists(st.lists(entries, min_size=n, max_size=n), min_size=m, max_size=m))
    return a, b


#: Games with many ties (most degenerate), generic games, and negative payoffs.
GAMES = st.one_of(bimatrix(0, 3), bimatrix(0, 999), bimatrix(-4, 4), bimatrix(0, 1, max_size=4))


def _enumerate(a: list[list[int]], b: list[list[int]], small: bool) -> se.SupportEnumerationResult:
    return se.support_enumeration(np.array(a, dtype=object), np.array(b, dtype=object), small=small)


@contextmanager
def _path(small: bool) -> Iterator[None]:
    """Make ``ggcalc.solve`` take the small-game path (or never take it)."""
    saved = se.SMALL_GAME_PAIRS
    se.SMALL_GAME_PAIRS = 10**9 if small else -1
    try:
        yield
    finally:
        se.SMALL_GAME_PAIRS = saved


@settings(max_examples=300, deadline=None)
@given(GAMES)
def test_small_path_matches_general_path(game: tuple) -> None:
    a, b = game
    fast, general = _enumerate(a, b, small=True), _enumerate(a, b, small=False)
    assert fast.equilibria == general.equilibria  # same equilibria, same order
    assert fast.witness == general.witness
    assert (fast.pairs, fast.total_pairs, fast.stopped) == (
        general.pairs,
        general.total_pairs,
        general.stopped,
    )


@settings(max_examples=150, deadline=None)
@given(GAMES, st.integers(1, 4))
def test_solve_is_the_same_on_both_paths(game: tuple, denominator: int) -> None:
    a, b = game
    # Fractional payoffs too: the solvers see integers, certification the exact fractions.
    g = NormalFormGame.from_arrays(
        [[[Fraction(v, denominator) for v in row] for row in t] for t in (a, b)]
    )
    with _path(small=True):
        fast = ggcalc.solve(g)
    with _path(small=False):
        general = ggcalc.solve(NormalFormGame(g.players, g.strategies, g.payoffs))
    assert fast.equilibria == general.equilibria
    assert fast.degenerate == general.degenerate
    assert fast.components == general.components
    assert fast.complete and general.complete
    assert (fast.method, fast.warnings, fast.zero_sum) == (
        general.method,
        general.warnings,
        general.zero_sum,
    )
    for eq in fast.equilibria:
        assert failure_reason(g, eq.profile) is None


def test_small_games_take_the_small_path() -> None:
    assert se.SMALL_GAME_PAIRS >= 923  # every game up to 6x6


def test_scenario_answer() -> None:
    g = ggcalc.load("games/us_pakistan_deal.yaml").game
    solution = ggcalc.solve(g)
    F = Fraction
    assert [eq.profile for eq in solution.equilibria] == [
        ((F(1), F(0), F(0), F(0)), (F(1), F(0), F(0))),
        ((F(0), F(0), F(1), F(0)), (F(0), F(1), F(0))),
        ((F(0), F(0), F(0), F(1)), (F(0), F(0), F(1))),
        ((F(3, 5), F(0), F(2, 5), F(0)), (F(2, 3), F(1, 3), F(0))),
        ((F(0), F(0), F(1, 6), F(5, 6)), (F(0), F(1, 3), F(2, 3))),
    ]
    assert solution.equilibria[3].payoffs == (F(11, 3), F(23, 5))
    assert solution.complete and solution.degenerate is False
    assert solution.components == [[0], [1], [2], [3], [4]]


class _Clock:
    """A fake ``time`` module whose clock moves ``step`` seconds at every reading."""

    def __init__(self, step: float = 3600.0) -> None:
        self.now, self.step = 0.0, step

    def monotonic(self) -> float:
        self.now += self.step
        return self.now


@pytest.mark.parametrize("small", [True, False])
def test_time_limit_stops_both_paths_alike(monkeypatch: pytest.MonkeyPatch, small: bool) -> None:
    clock = _Clock()  # one clock for the entry point and the batched path, which reads its own
    monkeypatch.setattr(se, "time", clock)
    monkeypatch.setattr(support_batches, "time", clock)
    a = np.array([[3, 0], [5, 1]], dtype=object)
    result = se.support_enumeration(a, a, timeout=1.0, small=small)
    assert result.stopped and result.pairs == 0 and result.equilibria == []
    assert result.total_pairs == 5


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda k: st.tuples(
            st.lists(st.lists(st.integers(-5, 5), min_size=k, max_size=k), min_size=k, max_size=k),
            st.lists(st.integers(-5, 5), min_size=k, max_size=k),
        )
    )
)
def test_integer_solve_matches_fractions(system: tuple) -> None:
    matrix, rhs = system
    det, numerators = integer_solve(matrix, rhs)
    expected = solve_exact(matrix, rhs)
    if expected is None:
        assert det == 0 and numerators == []
    else:
        assert det != 0
        assert [Fraction(v, det) for v in numerators] == expected


def _mixes(size: int) -> st.SearchStrategy[tuple[Fraction, ...]]:
    """Probability vectors (mostly), some with zeros; some invalid (negative, sum not 1)."""
    weights = st.lists(st.integers(0, 3), min_size=size, max_size=size)
    valid = weights.filter(any).map(lambda w: tuple(Fraction(v, sum(w)) for v in w))
    invalid = st.lists(st.fractions(-1, 2, max_denominator=6), min_size=size, max_size=size).map(
        tuple
    )
    return st.one_of(valid, valid, valid, invalid)


@settings(max_examples=300, deadline=None)
@given(GAMES, st.data())
def test_integer_certification_matches_the_rational_check(game: tuple, data: st.DataObject) -> None:
    a, b = game
    g = NormalFormGame.from_arrays([[[Fraction(v, 3) for v in row] for row in t] for t in (a, b)])
    m, n = g.shape
    candidates = [eq.profile for eq in ggcalc.solve(g).equilibria]
    candidates += [data.draw(st.tuples(_mixes(m), _mixes(n))) for _ in range(3)]
    pure = itertools.product(range(m), range(n))
    candidates += [
        tuple(
            tuple(Fraction(int(s == c)) for s in range(k)) for c, k in zip(p, (m, n), strict=True)
        )
        for p in itertools.islice(pure, 4)
    ]
    for profile, eq in zip(candidates, certify_all(g, candidates), strict=True):
        assert (eq is None) == (failure_reason(g, profile) is not None)
        if eq is not None:
            assert eq == certify(g, profile)
            assert eq.profile == profile
            expected = tuple(
                sum(
                    (
                        profile[0][i] * profile[1][j] * g.payoffs[p][i, j]
                        for i in range(m)
                        for j in range(n)
                    ),
                    Fraction(0),
                )
                for p in range(2)
            )
            assert eq.payoffs == expected


def test_certify_rejects_misshapen_profiles() -> None:
    g = NormalFormGame.from_arrays([[[1, 0], [0, 1]], [[1, 0], [0, 1]]])
    one = (Fraction(1), Fraction(0))
    assert certify(g, (one,)) is None
    assert certify(g, (one, (Fraction(1),))) is None
    assert certify(g, (one, one)) is not None
    assert certify(g, ((1, 0), ("1/2", "1/2"))) is None
    assert certify(g, ((1, 0), (1, 0))) is not None


def test_time_limit_midway_stops_both_paths_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    # Read once for the deadline, once before each support size: size 1 only is examined.
    a = np.array([[0, 1, 1], [1, 0, 1], [1, 1, 0]], dtype=object)
    b = np.array([[1, 0, 1], [1, 1, 0], [0, 1, 1]], dtype=object)
    results = []
    for small in (True, False):
        clock = _Clock(1.0)  # one clock for the entry point and the batched pipeline
        monkeypatch.setattr(se, "time", clock)
        monkeypatch.setattr(support_batches, "time", clock)
        results.append(se.support_enumeration(a, b, timeout=1.5, small=small))
    fast, general = results
    assert fast.stopped and fast.pairs == 9
    assert fast == general
