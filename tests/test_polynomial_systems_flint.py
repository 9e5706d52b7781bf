"""The python-flint path of the polynomial-system solver gives sympy's answers, exactly.

Every support-profile system that the n-player enumeration solves for 20 random 3×3×3 and 10
random 2×2×2×2 games (seeded), and hand-made systems for each outcome (infinitely many
solutions, none, a separating linear form, irrational and repeated roots, not separated), are
solved both ways; the answers must be the same exact numbers. sympy is the reference
(``backend="sympy"``).
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from fractions import Fraction as F
from math import prod

import pytest

from ggcalc.algorithms import nplayer_support, polynomial_systems_flint
from ggcalc.algorithms.polynomial_systems import (
    _SEPARATORS,
    Polynomial,
    SystemSolutions,
    real_solutions,
)
from ggcalc.exact.algebraic import Algebraic, exact_key, exact_text

pytest.importorskip("flint")


def _answer(solutions: SystemSolutions) -> tuple[bool, str | None, Counter]:
    """Everything an answer says, with each number by its canonical identity."""
    points = Counter(tuple(exact_key(x) for x in point) for point in solutions.points)
    return solutions.finite, solutions.reason, points


def _same(a: SystemSolutions, b: SystemSolutions) -> bool:
    """Whether two answers agree, point for point, by exact equality (cheaper than canonical
    identities when two fields share their modulus)."""
    if (a.finite, a.reason, len(a.points)) != (b.finite, b.reason, len(b.points)):
        return False
    unmatched = list(b.points)
    for point in a.points:
        match = next((k for k, other in enumerate(unmatched) if other == point), None)
        if match is None:
            return False
        unmatched.pop(match)
    return True


def _both(equations: list[Polynomial], n_vars: int) -> SystemSolutions:
    """The answer of the default path, checked against sympy's; flint must have decided."""
    assert polynomial_systems_flint.solve(equations, n_vars, _SEPARATORS) is not None
    fast = real_solutions(equations, n_vars)
    assert _same(fast, real_solutions(equations, n_vars, backend="sympy"))
    return fast


def _systems(shape: tuple[int, ...], games: int) -> list[tuple[list[Polynomial], int]]:
    """The nonlinear systems the enumeration solves for random games of ``shape`` (payoffs
    0..99, the games of ``bench/bench_nplayer.py``)."""
    rng = random.Random(f"2026/{'x'.join(map(str, shape))}")  # bench_nplayer.py's games
    found: list[tuple[list[Polynomial], int]] = []

    def record(equations: list[Polynomial], n_vars: int) -> SystemSolutions:
        if any(sum(m) > 1 for eq in equations for m in eq):
            found.append((equations, n_vars))
        return SystemSolutions()  # which profiles are solved does not depend on the answers

    size = prod(shape)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(nplayer_support, "real_solutions", record)
        for _ in range(games):
            tables = [[F(rng.randint(0, 99)) for _ in range(size)] for _ in shape]
            nplayer_support.nplayer_support_enumeration(shape, tables)
    return found


@pytest.mark.parametrize(("shape", "games"), [((3, 3, 3), 20), ((2, 2, 2, 2), 10)])
def test_every_system_of_random_games_has_the_same_solutions(
    shape: tuple[int, ...], games: int
) -> None:
    systems = _systems(shape, games)
    assert len(systems) > 5 * games
    irrational = 0
    for equations, n_vars in systems:
        fast = _both(equations, n_vars)
        irrational += any(isinstance(x, Algebraic) for p in fast.points for x in p)
    assert irrational  # the comparison covered algebraic numbers, not only rationals


def _p(terms: dict[tuple[int, ...], int | F]) -> Polynomial:
    return {m: F(c) for m, c in terms.items()}


def test_infinitely_many_solutions() -> None:
    # x y = x: the line x = 0 and the line y = 1.
    fast = _both([_p({(1, 1): 1, (1, 0): -1})], 2)
    assert (fast.finite, fast.reason) == (False, "infinitely many solutions")
    # x y z = 1, x = y: a curve.
    fast = _both([_p({(1, 1, 1): 1, (0, 0, 0): -1}), _p({(1, 0, 0): 1, (0, 1, 0): -1})], 3)
    assert fast.reason == "infinitely many solutions"


def test_no_solution_and_no_real_solution() -> None:
    # x y = 1 and x = 0: no complex solution (the basis is {1}).
    fast = _both([_p({(1, 1): 1, (0, 0): -1}), _p({(1, 0): 1})], 2)
    assert fast.finite and fast.points == []
    # x^2 + 1 = 0, x y = 1: two complex solutions, no real one.
    fast = _both([_p({(2, 0): 1, (0, 0): 1}), _p({(1, 1): 1, (0, 0): -1})], 2)
    assert fast.finite and fast.points == []


def test_an_irrational_solution_with_a_known_value() -> None:
    # x^2 = 2, x y = 1: (sqrt(2), sqrt(2)/2) and (-sqrt(2), -sqrt(2)/2).
    fast = _both([_p({(2, 0): 1, (0, 0): -2}), _p({(1, 1): 1, (0, 0): -1})], 2)
    texts = sorted(tuple(exact_text(x) for x in point) for point in fast.points)
    assert texts == [("-sqrt(2)", "-sqrt(2)/2"), ("sqrt(2)", "sqrt(2)/2")]


def test_three_real_roots_of_an_irreducible_cubic() -> None:
    # x^3 - 3x + 1 = 0 (three real roots), y = x^2 - 2 (a permutation of them), with rational
    # coefficients.
    fast = _both(
        [
            _p({(3, 0): F(1, 2), (1, 0): F(-3, 2), (0, 0): F(1, 2)}),
            _p({(0, 1): 1, (2, 0): -1, (0, 0): 2}),
        ],
        2,
    )
    assert len(fast.points) == 3
    for x, y in fast.points:
        assert x * x * x - 3 * x + 1 == 0
        assert y == x * x - 2


def test_a_system_that_needs_a_separating_linear_form() -> None:
    # x^2 = 1, y^2 = 1: four points, y alone takes two values.
    fast = _both([_p({(2, 0): 1, (0, 0): -1}), _p({(0, 2): 1, (0, 0): -1})], 2)
    assert sorted(fast.points) == [(x, y) for x in (-1, 1) for y in (-1, 1)]
    # x^2 = 2, y^2 = 3: four irrational points in one field of degree 4.
    fast = _both([_p({(2, 0): 1, (0, 0): -2}), _p({(0, 2): 1, (0, 0): -3})], 2)
    assert len(fast.points) == 4
    assert all(x * x == 2 and y * y == 3 for x, y in fast.points)


def test_repeated_roots() -> None:
    # (x - 1)^2 (x + 2) = 0, y = x^2: a double root, the ideal is not radical.
    cubic = _p({(3, 0): 1, (1, 0): -3, (0, 0): 2})
    fast = _both([cubic, _p({(0, 1): 1, (2, 0): -1})], 2)
    assert sorted(fast.points) == [(F(-2), F(4)), (F(1), F(1))]


def test_dependent_equations() -> None:
    # The same equation twice, and twice over (as in a degenerate game): the curve x y = 1.
    hyperbola = _p({(1, 1): 1, (0, 0): -1})
    fast = _both([hyperbola, dict(hyperbola), _p({(1, 1): 2, (0, 0): -2})], 2)
    assert fast.reason == "infinitely many solutions"
    # With x^2 = 1 and 2x = 2 as well: the one point (1, 1).
    more = [_p({(2, 0): 3, (0, 0): -3}), _p({(1, 0): 2, (0, 0): -2})]
    fast = _both([hyperbola, dict(hyperbola), *more], 2)
    assert fast.points == [(F(1), F(1))]


def test_a_system_no_linear_form_separates() -> None:
    # x^2 = x y = y^2 = 0: one point of multiplicity 3, never in shape position.
    fast = _both([_p({(2, 0): 1}), _p({(1, 1): 1}), _p({(0, 2): 1})], 2)
    assert (fast.finite, fast.reason) == (False, "not separated")


def test_sympy_decides_when_python_flint_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "flint", None)  # `import flint` raises ImportError
    equations = [_p({(2, 0): 1, (0, 0): -2}), _p({(1, 1): 1, (0, 0): -1})]
    assert polynomial_systems_flint.solve(equations, 2, _SEPARATORS) is None
    assert len(real_solutions(equations, 2).points) == 2


def test_sympy_decides_when_the_basis_grows_past_the_limits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(polynomial_systems_flint, "_LIMITS", (2, 2, 8))
    equations = [_p({(2, 0): 1, (0, 0): -2}), _p({(1, 1): 1, (0, 1): 1, (0, 0): -1})]
    assert polynomial_systems_flint.solve(equations, 2, _SEPARATORS) is None
    reference = real_solutions(equations, 2, backend="sympy")
    assert _answer(real_solutions(equations, 2)) == _answer(reference)


def test_an_unknown_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="backend"):
        real_solutions([_p({(2,): 1})], 1, backend="maple")


@pytest.mark.parametrize("check", ["_vanish", "_real_root_intervals"])
def test_sympy_decides_when_an_exact_check_fails(
    monkeypatch: pytest.MonkeyPatch, check: str
) -> None:
    monkeypatch.setattr(polynomial_systems_flint, check, lambda *args: None)
    equations = [_p({(2, 0): 1, (0, 0): -2}), _p({(1, 1): 1, (0, 0): -1})]
    assert polynomial_systems_flint.solve(equations, 2, _SEPARATORS) is None
    reference = real_solutions(equations, 2, backend="sympy")
    assert _answer(real_solutions(equations, 2)) == _answer(reference)
