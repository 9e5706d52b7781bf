"""games/great_game.yaml: the published answer and the thresholds docs/scenarios.md claims.

Four players (United States, Pakistan military, China, Baloch insurgents) and a chance move
(does an escalation drive the investor out of Reko Diq?). Subgame perfect at the defaults:
Washington makes the generous offer, the generals sign it with locals included, China deepens
its financing and the insurgents hold. The answer flips when the local share costs the
generals 15/4 or more, and when China's financing capacity leaves the window (1, 15/4).
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from scenarios import pure_choices, scenario_sweep, the_subgame_perfect_equilibrium

import ggcalc
from ggcalc.analysis.sweep import SweepResult

PATH = Path(__file__).parent.parent / "games" / "great_game.yaml"

# The insurgents' strategy is the same in every regime reported below: hold whenever locals
# are included, escalate whenever they are excluded.
INSURGENTS = (
    'Baloch insurgents: {"Insurgents, locals included, China deepens": Hold, '
    '"Insurgents, locals included, China manoeuvres": Hold, '
    '"Insurgents, locals included, China accepts": Hold, '
    '"Insurgents, locals excluded, China deepens": Escalate, '
    '"Insurgents, locals excluded, China manoeuvres": Escalate, '
    '"Insurgents, locals excluded, China accepts": Escalate}'
)


def profile(offer: str, generals: str, china_with: str, china_without: str) -> str:
    """One pure subgame-perfect equilibrium as the sweep writes it in a regime signature."""
    return (
        f"{{United States: {offer}, "
        f'Pakistan military: {{"Pakistan, generous offer": {generals}, '
        f'"Pakistan, transactional offer": Hedge}}, '
        f'China: {{"China, deal with locals": {china_with}, '
        f'"China, deal without locals": {china_without}}}, '
        f"{INSURGENTS}}}"
    )


# The default answer: the US deal survives, with locals included and China outbidding.
DEAL_WITH_LOCALS = profile(
    "Generous deal", "Sign with locals", "Deepen financing", "Proxy manoeuvring"
)
# The generals would leave locals out, so Washington offers the transactional deal and they hedge.
HEDGE = profile(
    "Transactional deal", "Sign without locals", "Deepen financing", "Proxy manoeuvring"
)
# As HEDGE, with China too short of money to outbid even for a deal with locals.
HEDGE_CHINA_ACCEPTS = profile(
    "Transactional deal", "Sign without locals", "Accept", "Proxy manoeuvring"
)
# As HEDGE, with China rich enough to outbid whatever the generals sign.
HEDGE_CHINA_OUTBIDS = profile(
    "Transactional deal", "Sign without locals", "Deepen financing", "Deepen financing"
)
# The generous deal signed without locals: China manoeuvres and the insurgents escalate.
DEAL_WITHOUT_LOCALS = profile(
    "Generous deal", "Sign without locals", "Deepen financing", "Proxy manoeuvring"
)


def great_game_sweep(vary: str, **fixed: Fraction) -> SweepResult:
    return scenario_sweep(PATH, vary, **fixed)


def pure(result: SweepResult) -> list[tuple[str, ...]]:
    """The pure equilibria of each regime, in order (no regime here has mixed ones)."""
    assert all(regime.signature[1] == 0 for regime in result.regimes)
    return [regime.signature[0] for regime in result.regimes]


def test_great_game_equilibrium_at_the_defaults() -> None:
    # One subgame-perfect equilibrium, proven complete. Backwards: the insurgents hold when
    # locals are included (3 or 2 against an expected -5/4 or -1/2) and escalate when they are
    # excluded (expected 1/4 against -3 or -4); China outbids a deal with locals (-4 against
    # Accept -5, Proxy -6) and manoeuvres against one without (expected -13/4 against -5 and
    # -21/4); the generals sign with locals (6 against 21/4 without and 5 for hedging); and
    # Washington's generous offer (6) beats the transactional one, which is hedged (3).
    spe = the_subgame_perfect_equilibrium(PATH)
    assert spe["path"] == ["Generous deal", "Sign with locals", "Deepen financing", "Hold"]
    assert spe["payoffs"] == {
        "United States": "6",
        "Pakistan military": "6",
        "China": "-4",
        "Baloch insurgents": "2",
    }
    played = pure_choices(spe)
    assert played == {
        "US offer": "Generous deal",
        "Pakistan, generous offer": "Sign with locals",
        "Pakistan, transactional offer": "Hedge",
        "China, deal with locals": "Deepen financing",
        "China, deal without locals": "Proxy manoeuvring",
        "Insurgents, locals included, China deepens": "Hold",
        "Insurgents, locals included, China manoeuvres": "Hold",
        "Insurgents, locals included, China accepts": "Hold",
        "Insurgents, locals excluded, China deepens": "Escalate",
        "Insurgents, locals excluded, China manoeuvres": "Escalate",
        "Insurgents, locals excluded, China accepts": "Escalate",
    }


def test_great_game_deal_without_locals_when_exit_risk_is_low() -> None:
    # With a dearer share (7/2) and a low exit risk (1/10) the generals sign without locals,
    # China manoeuvres and the insurgents escalate; play reaches the chance move, so there is
    # no `path`. Expected payoffs: US (9/10)(4) + (1/10)(-3) = 33/10, Pakistan
    # (9/10)(6) + (1/10)(3) = 57/10, China (9/10)(-4) + (1/10)(-1) = -37/10, insurgents
    # (9/10)(-1) + (1/10)(4) = -1/2.
    scenario = ggcalc.load(PATH, local_share_cost=Fraction(7, 2), exit_risk=Fraction(1, 10))
    (spe,) = scenario.solve().to_dict()["equilibria"]
    assert "path" not in spe
    generals = spe["strategies"]["Pakistan military"]["Pakistan, generous offer"]
    assert generals["Sign without locals"] == "1"
    assert spe["payoffs"] == {
        "United States": "33/10",
        "Pakistan military": "57/10",
        "China": "-37/10",
        "Baloch insurgents": "-1/2",
    }


def test_great_game_flips_with_the_local_share_cost() -> None:
    # The generals include locals while 9 - c (the deal, Beijing's money, less the share)
    # beats the expected 21/4 of signing without them: c < 15/4. From 15/4 on they would
    # leave locals out, the generous deal would then pay Washington 9/4 < 3, and it makes
    # the transactional offer, which the generals hedge. At exactly 15/4 both are listed.
    result = great_game_sweep("local_share_cost=0:6:13")
    # The tie at exactly 15/4 may be reported as one switch or as two (into and out of the
    # tie); either way 15/4 is the only threshold, approached from below to within 1/2048.
    assert {t.simplest for t in result.thresholds} == {Fraction(15, 4)}
    first = result.thresholds[0]
    assert first.low == Fraction(7679, 2048)
    assert first.high == Fraction(15, 4)
    assert set(first.at_simplest[0]) == {DEAL_WITH_LOCALS, HEDGE}
    assert pure(result) == [(DEAL_WITH_LOCALS,), (HEDGE,)]


def test_great_game_china_financing_window() -> None:
    # Below 1 China cannot afford to outbid (Deepen nets china_financing - 1), so a deal with
    # locals brings the generals no Chinese money and they would leave locals out: hedge.
    # Above 15/4 Beijing outbids whatever is signed (f - 7 beats -13/4), so including locals
    # no longer changes how China competes, and again the answer is the hedge.
    result = great_game_sweep("china_financing=0:6:13")
    assert {t.simplest for t in result.thresholds} == {1, Fraction(15, 4)}
    assert pure(result) == [
        (HEDGE_CHINA_ACCEPTS,),
        (DEAL_WITH_LOCALS, HEDGE_CHINA_ACCEPTS),  # exactly at 1: China is indifferent
        (DEAL_WITH_LOCALS,),
        (HEDGE_CHINA_OUTBIDS,),
    ]


def test_great_game_exit_risk_with_a_dearer_share() -> None:
    # At local_share_cost = 7/2 the generals include locals only if the investor's exit risk
    # p exceeds 1/6 (11/2 > 6 - 3p); below 1/7 Washington still offers the generous deal
    # when it will be signed without locals (4 - 7p > 3); in between it offers the
    # transactional deal, which is hedged.
    result = great_game_sweep("exit_risk=0:1/2:11", local_share_cost=Fraction(7, 2))
    assert [t.simplest for t in result.thresholds] == [Fraction(1, 7), Fraction(1, 6)]
    assert pure(result) == [(DEAL_WITHOUT_LOCALS,), (HEDGE,), (DEAL_WITH_LOCALS,)]
