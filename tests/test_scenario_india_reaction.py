"""games/india_reaction.yaml: India's posture towards a US–Pakistan alignment and whether
Pakistan's military is emboldened on Kashmir. The published answer at the default values and
the thresholds docs/scenarios.md quotes, found with the sweep API as ``ggcalc sweep`` does."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from scenarios import pure_choices, scenario_sweep, the_subgame_perfect_equilibrium

import ggcalc
from ggcalc.analysis.sweep import SweepResult

PATH = Path(__file__).parent.parent / "games" / "india_reaction.yaml"

POSTURE = "India's posture"
AFTER_ENGAGEMENT = "Pakistan, after engagement"
AFTER_COUNTER = "Pakistan, after counter-pressure"
AFTER_MILITARY = "Pakistan, after military posture"


def plan(after_engagement: str, after_counter: str, after_military: str) -> str:
    """Pakistan's plan, as ``expect`` blocks and sweep signatures write it."""
    return (
        f'{{"{AFTER_ENGAGEMENT}": {after_engagement}, "{AFTER_COUNTER}": {after_counter}, '
        f'"{AFTER_MILITARY}": {after_military}}}'
    )


def profile(india: str, pakistan: str) -> str:
    return f"{{India: {india}, Pakistan military: {pakistan}}}"


CALM = plan("Consolidate", "Consolidate", "Consolidate")
TESTS_COUNTER = plan("Consolidate", "Embolden", "Consolidate")
COUNTER_CALM = profile("Counter-pressure", CALM)
ENGAGE_DETERS = profile("Engage Washington", TESTS_COUNTER)
MILITARY_DETERS = profile("Military posture", TESTS_COUNTER)


def india_sweep(vary: str, **fixed: Fraction) -> SweepResult:
    return scenario_sweep(PATH, vary, **fixed)


def test_published_answer_at_the_defaults() -> None:
    # At even odds of US cover Pakistan's military consolidates whatever India does (against
    # counter-pressure: 3 against an expected 19/8 for a test), so India takes its cheapest
    # posture, counter-pressure.
    spe = the_subgame_perfect_equilibrium(PATH)
    assert pure_choices(spe) == {
        POSTURE: "Counter-pressure",
        AFTER_ENGAGEMENT: "Consolidate",
        AFTER_COUNTER: "Consolidate",
        AFTER_MILITARY: "Consolidate",
    }
    assert spe["payoffs"] == {"India": "-1", "Pakistan military": "3"}
    assert spe["path"] == ["Counter-pressure", "Consolidate"]
    assert spe["subgame_perfect"] is True


def test_nash_equilibria_rest_on_pakistans_empty_threat() -> None:
    # Every Nash equilibrium keeps the Line of Control quiet; only the subgame-perfect one is
    # free of empty threats. The telling one: India pays for engagement (-2 instead of -1)
    # because it believes Pakistan would test it after counter-pressure, which Pakistan would
    # not do at us_cover = 1/2 (3 against 19/8).
    nash = ggcalc.load(PATH).solve(concept="nash").to_dict()
    assert nash["complete"] is True
    assert len(nash["equilibria"]) == 17
    assert all(eq["path"][1] == "Consolidate" for eq in nash["equilibria"])
    perfect = [eq for eq in nash["equilibria"] if eq["subgame_perfect"]]
    assert [pure_choices(eq) for eq in perfect] == [
        {
            POSTURE: "Counter-pressure",
            AFTER_ENGAGEMENT: "Consolidate",
            AFTER_COUNTER: "Consolidate",
            AFTER_MILITARY: "Consolidate",
        }
    ]
    threat = (
        "at Pakistan, after counter-pressure, Pakistan military would not carry out Embolden: "
        "Consolidate pays Pakistan military 3 instead of 19/8"
    )
    believed = [eq for eq in nash["equilibria"] if eq["pure"] and eq.get("threats") == [threat]]
    assert len(believed) == 1
    assert believed[0]["path"] == ["Engage Washington", "Consolidate"]
    assert believed[0]["payoffs"] == {"India": "-2", "Pakistan military": "3"}


def test_pakistan_tests_counter_pressure_above_13_21_of_us_cover() -> None:
    # Against counter-pressure the cover is (1 + 3u)/4; Pakistan tests India when
    # 5c - 2(1 - c) > 3, i.e. c > 5/7, i.e. u > 13/21. India then engages Washington (-2),
    # which takes cover down to 2u/3 < 5/7 for every u, rather than face the crisis.
    result = india_sweep("us_cover=0:1:11")
    assert [t.simplest for t in result.thresholds] == [Fraction(13, 21)]
    (threshold,) = result.thresholds
    assert threshold.low < Fraction(13, 21) <= threshold.high
    assert threshold.at_simplest[0] == tuple(sorted([COUNTER_CALM, ENGAGE_DETERS]))
    first, last = result.regimes
    assert first.signature == ((COUNTER_CALM,), 0)
    assert (first.first, first.last) == (Fraction(0), Fraction(3, 5))
    assert last.signature == ((ENGAGE_DETERS,), 0)
    assert (last.first, last.last) == (Fraction(7, 10), Fraction(1))
    high = ggcalc.load(PATH, us_cover=Fraction(3, 4)).solve().to_dict()
    assert high["equilibria"][0]["payoffs"] == {"India": "-2", "Pakistan military": "3"}


def test_costly_engagement_leaves_the_military_posture() -> None:
    # With high cover (3/4), India engages while rapprochement - engage_cost - 1 beats the
    # military posture's -1 - readiness_cost: while engage_cost < 4; at exactly 4 both.
    result = india_sweep("engage_cost=0:8:9", us_cover=Fraction(3, 4))
    assert [t.simplest for t in result.thresholds] == [Fraction(4), Fraction(4)]
    assert [regime.signature for regime in result.regimes] == [
        ((ENGAGE_DETERS,), 0),
        ((ENGAGE_DETERS, MILITARY_DETERS), 0),
        ((MILITARY_DETERS,), 0),
    ]


def test_the_economic_stake_restrains_pakistan() -> None:
    # At the default cover, Pakistan would test counter-pressure only if the US channel were
    # worth less than 2/3 to it: 13 stake / 16 - 7/8 > stake - 1.
    result = india_sweep("stake=0:8:9")
    assert [t.simplest for t in result.thresholds] == [Fraction(2, 3)]
    assert result.regimes[0].signature == ((ENGAGE_DETERS,), 0)
    assert result.regimes[-1].signature == ((COUNTER_CALM,), 0)


def test_counter_pressure_backlash_threshold() -> None:
    # Cover after counter-pressure is 1/2 + backlash/2: above 5/7 once backlash > 3/7.
    result = india_sweep("backlash=0:1/2:11")
    assert [t.simplest for t in result.thresholds] == [Fraction(3, 7)]
    assert result.regimes[-1].signature == ((ENGAGE_DETERS,), 0)


def test_engagement_fails_when_it_pulls_little_cover() -> None:
    # With certain cover, engagement deters only while it removes more than 2/7 of it
    # (1 - pull < 5/7); below, India falls back on the military posture.
    result = india_sweep("engage_pull=0:1/2:11", us_cover=Fraction(1))
    assert [t.simplest for t in result.thresholds] == [Fraction(2, 7)]
    everything_but_military = plan("Embolden", "Embolden", "Consolidate")
    assert result.regimes[0].signature == (
        (profile("Military posture", everything_but_military),),
        0,
    )
    assert result.regimes[-1].signature == ((profile("Engage Washington", TESTS_COUNTER),), 0)


def test_pakistan_tests_india_only_when_nothing_deters() -> None:
    # Certain cover, engagement that removes only a quarter of it and Indian readiness that
    # adds less than 2: no posture deters, India picks the cheapest crisis (counter-pressure,
    # -6) and Pakistan tests India on the path of play.
    result = india_sweep("deterrence=0:4:9", us_cover=Fraction(1), engage_pull=Fraction(1, 4))
    assert [t.simplest for t in result.thresholds] == [Fraction(2), Fraction(2)]
    emboldened = profile("Counter-pressure", plan("Embolden", "Embolden", "Embolden"))
    assert result.regimes[0].signature == ((emboldened,), 0)
    assert result.regimes[0].last == Fraction(3, 2)
    scenario = ggcalc.load(PATH, us_cover=1, engage_pull=Fraction(1, 4), deterrence=1)
    (spe,) = scenario.solve().to_dict()["equilibria"]
    assert pure_choices(spe)[POSTURE] == "Counter-pressure"
    assert pure_choices(spe)[AFTER_COUNTER] == "Embolden"
    assert spe["payoffs"] == {"India": "-6", "Pakistan military": "5"}
