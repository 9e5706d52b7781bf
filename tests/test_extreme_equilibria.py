"""Complete extreme equilibria of degenerate games, and the sets of equilibria they span."""

from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

import ggcalc
from ggcalc.algorithms.nash_subsets import maximal_nash_subsets
from ggcalc.model.normal_form import NormalFormGame


def _det(matrix: list[list[Fraction]]) -> Fraction:
    """Laplace expansion: slow, obviously right, shares nothing with the solver."""
    if len(matrix) == 1:
        return matrix[0][0]
    return sum(
        (
            (-1) ** c * matrix[0][c] * _det([row[:c] + row[c + 1 :] for row in matrix[1:]])
            for c in range(len(matrix))
        ),
        Fraction(0),
    )


def _cramer(matrix: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    d = _det(matrix)
    if d == 0:
        return None
    return [
        _det([[*row[:c], b, *row[c + 1 :]] for row, b in zip(matrix, rhs, strict=True)]) / d
        for c in range(len(matrix))
    ]


def _vertices(payoff: list[list[int]]) -> set[tuple[Fraction, ...]]:
    """Vertices of {(z, u): z >= 0, sum z = 1, payoff^T z <= u} by choosing tight constraints.

    ``payoff[i][j]``: what the opponent earns with j when this player plays i. Each choice of
    len(z) constraints among the zeros and the ties, with the sum, is solved by Cramer's rule.
    """
    k, opponents = len(payoff), len(payoff[0])
    vertices = set()
    constraints = [("zero", i) for i in range(k)] + [("tie", j) for j in range(opponents)]
    for chosen in itertools.combinations(constraints, k):
        rows = [[Fraction(1)] * k + [Fraction(0)]]
        rhs = [Fraction(1)]
        for kind, index in chosen:
            if kind == "zero":
                rows.append([Fraction(int(i == index)) for i in range(k)] + [Fraction(0)])
            else:
                rows.append([Fraction(payoff[i][index]) for i in range(k)] + [Fraction(-1)])
            rhs.append(Fraction(0))
        solution = _cramer(rows, rhs)
        if solution is None:
            continue
        z, u = solution[:k], solution[k]
        earned = [sum(z[i] * payoff[i][j] for i in range(k)) for j in range(opponents)]
        if min(z) >= 0 and max(earned) <= u:
            vertices.add(tuple(z))
    return vertices


def _brute_force_extreme_equilibria(A: list[list[int]], B: list[list[int]]) -> set:
    m, n = len(A), len(A[0])
    xs = _vertices(B)
    ys = _vertices([[A[i][j] for i in range(m)] for j in range(n)])
    result = set()
    for x in xs:
        column = [sum(x[i] * B[i][j] for i in range(m)) for j in range(n)]
        for y in ys:
            row = [sum(A[i][j] * y[j] for j in range(n)) for i in range(m)]
            if all(p == 0 or row[i] == max(row) for i, p in enumerate(x)) and all(
                q == 0 or column[j] == max(column) for j, q in enumerate(y)
            ):
                result.add((x, y))
    return result


small = st.integers(0, 2)


@st.composite
def tiny_games(draw: st.DrawFn) -> tuple[list[list[int]], list[list[int]]]:
    m, n = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    matrix = st.lists(st.lists(small, min_size=n, max_size=n), min_size=m, max_size=m)
    return draw(matrix), draw(matrix)


@settings(max_examples=200, deadline=None)
@given(tiny_games())
def test_agrees_with_brute_force_vertex_enumeration(game: tuple) -> None:
    A, B = game
    solution = ggcalc.solve(NormalFormGame.from_arrays([A, B]))
    assert solution.complete
    assert {eq.profile for eq in solution.equilibria} == _brute_force_extreme_equilibria(A, B)


@settings(max_examples=150, deadline=None)
@given(tiny_games())
def test_components_are_maximal_sets_of_mutually_compatible_equilibria(game: tuple) -> None:
    A, B = game
    g = NormalFormGame.from_arrays([A, B])
    solution = ggcalc.solve(g)
    profiles = [eq.profile for eq in solution.equilibria]
    components = solution.components
    assert components is not None
    assert set().union(*map(set, components)) == set(range(len(profiles)))
    for component in components:
        xs = {profiles[i][0] for i in component}
        ys = {profiles[i][1] for i in component}
        # Every extreme x pairs with every extreme y of the set...
        assert {(x, y) for x in xs for y in ys} == {profiles[i] for i in component}
        # ... so the barycentre, a strict mix of all of them, is an equilibrium too.
        centre = tuple(
            tuple(sum(s[i] for s in side) / len(side) for i in range(len(next(iter(side)))))
            for side in (xs, ys)
        )
        assert ggcalc.certify(g, centre) is not None
        # Maximal: no other extreme x (or y) pairs with all of the set's partners.
        for x in {p[0] for p in profiles} - xs:
            assert not all((x, y) in profiles for y in ys)
        for y in {p[1] for p in profiles} - ys:
            assert not all((x, y) in profiles for x in xs)


def test_entry_game_has_one_segment_of_equilibria() -> None:
    # Strategic form of the entry-deterrence game (Selten's chain-store stage game; Osborne,
    # An Introduction to Game Theory, 2004, section 5.2): after Out the incumbent is
    # indifferent, so (Out, any mix with Fight >= 1/2) are all equilibria.
    game = NormalFormGame.from_arrays(
        [[[0, 0], [-1, 1]], [[2, 2], [-1, 1]]],
        ["Entrant", "Incumbent"],
        [["Out", "In"], ["Fight", "Accommodate"]],
    )
    solution = ggcalc.solve(game)
    assert solution.complete and solution.degenerate
    half = Fraction(1, 2)
    assert [eq.profile for eq in solution.equilibria] == [
        ((1, 0), (1, 0)),
        ((0, 1), (0, 1)),
        ((1, 0), (half, half)),
    ]
    assert solution.components == [[0, 2], [1]]
    assert solution.to_dict()["components"] == [[0, 2], [1]]


def test_all_zero_game_is_one_set_of_equilibria() -> None:
    game = NormalFormGame.from_arrays([[[0, 0], [0, 0]], [[0, 0], [0, 0]]])
    solution = ggcalc.solve(game)
    assert len(solution.equilibria) == 4
    assert solution.components == [[0, 1, 2, 3]]


def test_maximal_nash_subsets_of_a_path() -> None:
    # x1-y1, x1-y2, x2-y2: two overlapping sets, {x1} x {y1, y2} and {x1, x2} x {y2}.
    assert maximal_nash_subsets([("x1", "y1"), ("x1", "y2"), ("x2", "y2")]) == [[0, 1], [1, 2]]
    assert maximal_nash_subsets([]) == []


def test_a_time_limit_stops_the_exact_enumeration_honestly() -> None:
    # A 12x12 game has 2.7 million support pairs; a limit of a microsecond stops the scan
    # before the first batch, and the solution must say so instead of claiming completeness.
    rows = [[(7 * i + 13 * j) % 17 for j in range(12)] for i in range(12)]
    cols = [[(5 * i + 3 * j) % 19 for j in range(12)] for i in range(12)]
    game = NormalFormGame.from_arrays([rows, cols])
    solution = ggcalc.solve(game, timeout=1e-6)
    assert not solution.complete
    assert solution.components is None and solution.zero_sum is None
    assert "stopped at the time limit" in solution.warnings[0]
    assert "of 2,704,155 support pairs" in solution.warnings[0]
    for eq in solution.equilibria:
        assert ggcalc.certify(game, eq.profile) == eq


def test_a_generous_time_limit_changes_nothing() -> None:
    game = NormalFormGame.from_arrays([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    assert ggcalc.solve(game, timeout=60).to_dict() == ggcalc.solve(game).to_dict()
