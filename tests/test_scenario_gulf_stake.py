"""The Gulf states' stake (games/gulf_stake.yaml): published answer and thresholds.

At the default values the Gulf bloc offers to buy into Reko Diq and the generals sell, because
plain deposits would pay for a tilt to Washington and holding back earns the Gulf only the
status quo. The tests pin the subgame-perfect equilibrium and its payoffs, and the thresholds
that docs/scenarios.md reports, found with the sweep API as ``ggcalc sweep`` finds them.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from scenarios import pure_choices, scenario_sweep, the_subgame_perfect_equilibrium

import ggcalc
from ggcalc.analysis.sweep import SweepResult

PATH = Path(__file__).parent.parent / "games" / "gulf_stake.yaml"


def pakistan(stake_offered: str, deposits: str, no_money: str) -> str:
    return (
        f'Pakistan military: {{"Pakistan, stake offered": {stake_offered}, '
        f'"Pakistan, Gulf deposits": {deposits}, "Pakistan, no new Gulf money": {no_money}}}'
    )


SELL, TILT, KEEP = "Sell a stake to the Gulf", "Tilt to Washington", "Keep it with China"
# The default answer: the Gulf buys in and the generals sell; deposits would buy a tilt,
# and without new Gulf money the generals keep the minerals with China.
BUY_IN = "{Gulf states: Buy in, " + pakistan(SELL, TILT, KEEP) + "}"
HOLD_BACK = "{Gulf states: Hold back, " + pakistan(SELL, TILT, KEEP) + "}"
# With a strong US pull (us_offer = 6) the generals would tilt without Gulf money too.
BUY_IN_PRE_EMPTIVE = "{Gulf states: Buy in, " + pakistan(SELL, TILT, TILT) + "}"
HOLD_BACK_AS_THEY_TILT = "{Gulf states: Hold back, " + pakistan(SELL, TILT, TILT) + "}"
# With a weak US pull (us_offer = 2) deposits no longer buy a tilt.
BUY_IN_WEAK_PULL = "{Gulf states: Buy in, " + pakistan(SELL, KEEP, KEEP) + "}"
STABILISE = "{Gulf states: Stabilise, " + pakistan(SELL, KEEP, KEEP) + "}"
# With a very strong US pull the generals tilt whatever the Gulf does.
HOLD_BACK_ALL_TILT = "{Gulf states: Hold back, " + pakistan(TILT, TILT, TILT) + "}"


def gulf_sweep(vary: str, **fixed: Fraction) -> SweepResult:
    return scenario_sweep(PATH, vary, **fixed)


def simplest(result: SweepResult) -> list[Fraction]:
    return [t.simplest for t in result.thresholds]


def only(result: SweepResult, index: int) -> str:
    pure, mixed = result.regimes[index].signature
    assert mixed == 0
    (equilibrium,) = pure
    return equilibrium


def test_gulf_stake_equilibrium_at_defaults() -> None:
    # One subgame-perfect equilibrium, proven complete. The Gulf buys in (expected
    # 4 - 8/3 = 4/3, against 0 for holding back and -4 for deposits that fund a tilt) and the
    # generals sell (expected 3 - 1/3 = 8/3, against -1 for tilting or refusing).
    spe = the_subgame_perfect_equilibrium(PATH)
    played = pure_choices(spe)
    assert played == {
        "Gulf choice": "Buy in",
        "Pakistan, stake offered": SELL,
        "Pakistan, Gulf deposits": TILT,
        "Pakistan, no new Gulf money": KEEP,
    }
    assert spe["payoffs"] == {"Gulf states": "4/3", "Pakistan military": "8/3"}
    assert spe["subgame_perfect"] is True
    # Play reaches the chance move "Violence at Reko Diq?", so there is no single path.
    assert "path" not in spe


def test_gulf_stake_default_payoffs_follow_the_formulas() -> None:
    # The expected payoffs move with the parameters as the formulas say:
    # Gulf (1 - r) * 4 + r * (4 - 8), Pakistan (1 - r) * 3 + r * 2, here with r = 1/4.
    document = ggcalc.load(PATH, attack_risk=Fraction(1, 4)).solve().to_dict()
    (spe,) = document["equilibria"]
    assert spe["payoffs"] == {"Gulf states": "2", "Pakistan military": "11/4"}


def test_gulf_holds_back_when_attacks_are_likelier_than_not() -> None:
    # Holding back keeps the status quo (0), so the Gulf buys in while the stake's expected
    # value 4 - 8r is positive: until r = 1/2, where both are equilibria.
    result = gulf_sweep("attack_risk=0:1:11")
    assert simplest(result) == [Fraction(1, 2), Fraction(1, 2)]
    assert result.thresholds[0].high == result.thresholds[1].low == Fraction(1, 2)
    assert result.thresholds[0].complete_at_simplest
    assert set(result.thresholds[0].at_simplest[0]) == {BUY_IN, HOLD_BACK}
    assert only(result, 0) == BUY_IN
    assert only(result, -1) == HOLD_BACK


def test_gulf_buys_in_only_if_the_stake_is_worth_enough() -> None:
    # At r = 1/3 and a loss of 8, the stake pays the Gulf stake_value - 8/3.
    result = gulf_sweep("stake_value=0:6:7")
    assert simplest(result) == [Fraction(8, 3)]
    assert only(result, 0) == HOLD_BACK
    assert only(result, -1) == BUY_IN


def test_a_strong_us_pull_first_makes_the_stake_pre_emptive_then_ends_it() -> None:
    # us_offer = 3: deposits (buffer 3) start to pay for a tilt (3 - 5 + 3 = 1 = the 1 of
    # keeping the deposits); 5: the generals would tilt with no Gulf money at all; 23/3: the
    # generals prefer tilting (us_offer - 5) to selling (8/3) and the Gulf holds back.
    result = gulf_sweep("us_offer=0:10:11")
    assert simplest(result) == [3, 3, 5, 5, Fraction(23, 3)]
    assert not result.thresholds[0].complete_at_simplest  # a tie the Gulf reacts to
    assert only(result, 0) == BUY_IN_WEAK_PULL
    assert BUY_IN in result.regimes[2].signature[0]
    assert only(result, -2) == BUY_IN_PRE_EMPTIVE
    assert only(result, -1) == HOLD_BACK_ALL_TILT


def test_when_pakistan_would_tilt_the_gulf_accepts_more_risk() -> None:
    # With us_offer = 6, holding back means a tilt (-3), so the Gulf buys in while
    # 4 - 8r > -3: up to r = 7/8 instead of 1/2.
    result = gulf_sweep("attack_risk=0:1:11", us_offer=Fraction(6))
    assert simplest(result) == [Fraction(7, 8), Fraction(7, 8)]
    assert only(result, 0) == BUY_IN_PRE_EMPTIVE
    assert only(result, -1) == HOLD_BACK_AS_THEY_TILT


def test_the_defence_pact_keeps_the_gulf_in_at_high_risk() -> None:
    # With us_offer = 6 and r = 3/4 the stake is worth 4 - 6 = -2 to the Gulf; holding back
    # lets the generals tilt (-pact_exposure). The Gulf buys in once the tilt costs it more
    # than 2.
    result = gulf_sweep("pact_exposure=0:6:7", us_offer=Fraction(6), attack_risk=Fraction(3, 4))
    assert simplest(result) == [2, 2]
    assert only(result, 0) == HOLD_BACK_AS_THEY_TILT
    assert only(result, -1) == BUY_IN_PRE_EMPTIVE


def test_where_deposits_cannot_buy_a_tilt_stabilising_beats_a_risky_stake() -> None:
    # With us_offer = 2 a tilt does not pay even with Gulf deposits, so stabilising earns the
    # Gulf 1; the stake (4 - 8r) beats it only while r < 3/8.
    result = gulf_sweep("attack_risk=0:1:11", us_offer=Fraction(2))
    assert simplest(result) == [Fraction(3, 8), Fraction(3, 8)]
    assert only(result, 0) == BUY_IN_WEAK_PULL
    assert only(result, -1) == STABILISE
