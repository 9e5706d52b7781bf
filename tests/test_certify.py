"""Certification: the exact equilibrium check every shown equilibrium passes."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np

from ggcalc.certification.normal_form import certify, failure_reason, rebuild_bimatrix_profile
from ggcalc.model.normal_form import NormalFormGame

# Matching pennies (Osborne, An Introduction to Game Theory, 2004, section 4.3): the unique
# equilibrium is (1/2, 1/2) for both players, with payoff 0.
PENNIES = NormalFormGame.from_arrays([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], ["Row", "Col"])
HALF = (F(1, 2), F(1, 2))


def test_the_equilibrium_is_certified_with_exact_payoffs() -> None:
    eq = certify(PENNIES, (HALF, HALF))
    assert eq is not None
    assert eq.payoffs == (0, 0)
    assert not eq.pure
    assert eq.support(0) == (0, 1)


def test_a_profitable_deviation_is_named() -> None:
    profile = ((F(1), F(0)), HALF)
    assert certify(PENNIES, profile) is None
    assert failure_reason(PENNIES, ((F(1), F(0)), (F(1), F(0)))) == (
        "Col gains 2 by switching to '2'"
    )


def test_malformed_profiles_are_rejected_with_reasons() -> None:
    assert failure_reason(PENNIES, (HALF,)) == "profile has 1 players, the game 2"
    assert failure_reason(PENNIES, ((F(1),), HALF)) == "Row's mix has 1 entries for 2 strategies"
    assert failure_reason(PENNIES, ((F(3, 2), F(-1, 2)), HALF)) == (
        "Row's mix has a negative probability"
    )
    assert failure_reason(PENNIES, ((F(1, 2), F(1, 3)), HALF)) == (
        "Row's probabilities sum to 5/6, not 1"
    )


def test_a_near_miss_in_floats_is_not_an_equilibrium() -> None:
    # 1/2 + 1e-12 would pass a float tolerance; exactly it is not an equilibrium.
    nearly = (F(1, 2) + F(1, 10**12), F(1, 2) - F(1, 10**12))
    assert certify(PENNIES, (nearly, HALF)) is None


def test_float_profiles_are_rebuilt_exactly_from_their_support() -> None:
    x = np.array([0.5000000001, 0.4999999999])
    profile = rebuild_bimatrix_profile(PENNIES, x, x)
    assert profile == (HALF, HALF)
    assert rebuild_bimatrix_profile(PENNIES, [1.0], x) is None  # wrong length
    assert rebuild_bimatrix_profile(PENNIES, [0.0, 0.0], x) is None  # empty support


def test_three_player_mixed_profiles_are_checked_exactly() -> None:
    # Three-player matching pennies in Jordan's form (J. Econ. Theory 1993): each player wants to
    # match (1, 2) or mismatch (3 with 1); all mixing uniformly is an equilibrium.
    a = np.zeros((2, 2, 2), dtype=object)
    b = np.zeros((2, 2, 2), dtype=object)
    c = np.zeros((2, 2, 2), dtype=object)
    for i in range(2):
        for j in range(2):
            for k in range(2):
                a[i, j, k] = 1 if i == j else -1
                b[i, j, k] = 1 if j == k else -1
                c[i, j, k] = 1 if k != i else -1
    game = NormalFormGame.from_arrays([a, b, c])
    eq = certify(game, (HALF, HALF, HALF))
    assert eq is not None and eq.payoffs == (0, 0, 0)
    assert certify(game, ((F(1), F(0)), HALF, HALF)) is None
