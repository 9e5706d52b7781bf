"""The published answer and thresholds of games/us_type_bayesian.yaml.

A signalling game: chance picks the US type (committed partner with probability 1/3,
transactional dealer otherwise), the United States makes a big or a small offer, and
Pakistan's military, seeing the offer but not the type, commits or hedges. With two players
and no proper subgame the subgame-perfect and the Nash lists coincide and are both complete.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

from scenarios import scenario_sweep

import ggcalc
from ggcalc.analysis.sweep import SweepResult

PATH = Path(__file__).parent.parent / "games" / "us_type_bayesian.yaml"

PARTNER = "US, committed partner"
DEALER = "US, transactional dealer"
AFTER_BIG = "Pakistan after a big offer"
AFTER_SMALL = "Pakistan after a small offer"

# Sweep signatures of the pure equilibria that appear or disappear at the thresholds.
POOLING_SMALL_HEDGE = (
    '{United States: {"US, committed partner": Small offer, "US, transactional dealer": '
    "Small offer}, Pakistan military: {Pakistan after a big offer: Hedge, Pakistan after a "
    "small offer: Hedge}}"
)
POOLING_BIG_COMMIT = (
    '{United States: {"US, committed partner": Big offer, "US, transactional dealer": '
    "Big offer}, Pakistan military: {Pakistan after a big offer: Commit, Pakistan after a "
    "small offer: Hedge}}"
)
POOLING_SMALL_COMMIT = (
    '{United States: {"US, committed partner": Small offer, "US, transactional dealer": '
    "Small offer}, Pakistan military: {Pakistan after a big offer: Hedge, Pakistan after a "
    "small offer: Commit}}"
)
SEPARATING = (
    '{United States: {"US, committed partner": Big offer, "US, transactional dealer": '
    "Small offer}, Pakistan military: {Pakistan after a big offer: Commit, Pakistan after a "
    "small offer: Hedge}}"
)


def played(equilibrium: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Each decision point's mix, without the actions played with probability 0."""
    return {
        point: {action: p for action, p in mix.items() if p != "0"}
        for points in equilibrium["strategies"].values()
        for point, mix in points.items()
    }


def type_sweep(vary: str, **fixed: Fraction) -> SweepResult:
    return scenario_sweep(PATH, vary, **fixed)


# The complete list at the defaults (p_committed 1/3, china_leverage 6, offer_cost 4,
# partner_cost 1), with expected payoffs (United States over both types).
DEFAULT_ANSWER = [
    # Pooling on the small offer, the generals hedge whatever they are offered (2025 record).
    (
        {
            PARTNER: {"Small offer": "1"},
            DEALER: {"Small offer": "1"},
            AFTER_BIG: {"Hedge": "1"},
            AFTER_SMALL: {"Hedge": "1"},
        },
        {"United States": "8/3", "Pakistan military": "4"},
    ),
    # Semi-separating: the partner always makes the big offer, the dealer bluffs 3 times in
    # 16, and the generals commit to a big offer 5 times in 6.
    (
        {
            PARTNER: {"Big offer": "1"},
            DEALER: {"Big offer": "3/16", "Small offer": "13/16"},
            AFTER_BIG: {"Commit": "5/6", "Hedge": "1/6"},
            AFTER_SMALL: {"Hedge": "1"},
        },
        {"United States": "4", "Pakistan military": "107/24"},
    ),
    # The other end of the pooling continuum: the generals would commit to an (unmade) big
    # offer at most one time in six, which keeps the partner from making it.
    (
        {
            PARTNER: {"Small offer": "1"},
            DEALER: {"Small offer": "1"},
            AFTER_BIG: {"Commit": "1/6", "Hedge": "5/6"},
            AFTER_SMALL: {"Hedge": "1"},
        },
        {"United States": "8/3", "Pakistan military": "4"},
    ),
]


def test_equilibria_at_the_defaults() -> None:
    scenario = ggcalc.load(PATH)
    for concept in ("subgame-perfect", "nash"):
        document = scenario.solve(concept=concept).to_dict()
        assert document["concept"] == concept
        assert document["complete"] is True, document["warnings"]
        found = [(played(eq), eq["payoffs"]) for eq in document["equilibria"]]
        assert len(found) == len(DEFAULT_ANSWER)
        for expected in DEFAULT_ANSWER:
            assert expected in found, (concept, expected)
        assert all(eq["subgame_perfect"] for eq in document["equilibria"])


def test_semi_separating_beliefs_make_the_generals_indifferent() -> None:
    # The doc derives the generals' belief after a big offer by Bayes' rule from the prior
    # and the equilibrium strategies: (1/3) / (1/3 + 2/3 * 3/16) = 8/11, exactly the belief
    # at which committing (8 against a partner, 3 - 6 = -3 against a dealer) pays the 5 of
    # hedging. After a small offer only the dealer is left: belief 0.
    document = ggcalc.load(PATH).solve().to_dict()
    (semi,) = [eq for eq in document["equilibria"] if played(eq)[PARTNER] == {"Big offer": "1"}]
    prior = Fraction(1, 3)
    dealer_big = Fraction(played(semi)[DEALER]["Big offer"])
    belief = prior / (prior + (1 - prior) * dealer_big)
    assert belief == Fraction(8, 11)
    assert belief * 8 + (1 - belief) * (3 - 6) == 5


def test_pooling_on_the_big_offer_needs_a_confident_prior() -> None:
    # The generals commit to a big offer that both types make once p * 8 + (1 - p) * -3 >= 5,
    # i.e. p >= 8/11; at 4/5 they would also commit to a small offer both types make
    # (p * 6 + (1 - p) * -4 >= 4).
    result = type_sweep("p_committed=1/20:19/20:19")
    assert [t.simplest for t in result.thresholds] == [
        Fraction(8, 11),
        Fraction(4, 5),
        Fraction(4, 5),
    ]
    first = result.thresholds[0]
    assert first.low < Fraction(8, 11) < first.high
    pure = [set(regime.signature[0]) for regime in result.regimes]
    assert pure[0] == {POOLING_SMALL_HEDGE}
    assert result.regimes[0].signature[1] == 2  # semi-separating + end of the continuum
    assert pure[1] == {POOLING_BIG_COMMIT, POOLING_SMALL_HEDGE}
    assert pure[-1] == {POOLING_BIG_COMMIT, POOLING_SMALL_COMMIT}


def test_separation_appears_when_a_big_offer_costs_the_dealer_enough() -> None:
    # A dealer imitates a partner while a committed big offer (8 - offer_cost) beats its
    # hedged small offer (3): for offer_cost below 5 it bluffs sometimes (semi-separating);
    # from 5 on the big offer reveals the partner (separating), and above 5 the
    # semi-separating equilibrium is gone.
    result = type_sweep("offer_cost=1:8:8")
    assert [t.simplest for t in result.thresholds] == [Fraction(5), Fraction(5)]
    assert result.thresholds[0].high == result.thresholds[1].low == 5
    below, at, above = result.regimes
    assert SEPARATING not in below.signature[0]
    assert SEPARATING in at.signature[0] and SEPARATING in above.signature[0]
    assert below.signature[1] == 2 and above.signature[1] == 1


def test_chinas_leverage_sets_the_bar_for_pooling_on_the_big_offer() -> None:
    # Pooling on the big offer with commitment needs p >= (2 + L) / (5 + L): at p = 1/3 no
    # leverage from 0 to 10 allows it; at p = 1/2 it holds up to L = 1.
    assert all(
        POOLING_BIG_COMMIT not in regime.signature[0]
        for regime in type_sweep("china_leverage=0:10:11").regimes
    )
    result = type_sweep("china_leverage=0:10:11", p_committed=Fraction(1, 2))
    # 0 is a degenerate end point; at exactly L = 1 the generals are indifferent (a tie at
    # that one value, entered and left).
    assert [t.simplest for t in result.thresholds] == [Fraction(0), Fraction(1), Fraction(1)]
    assert result.thresholds[2].low == 1
    assert POOLING_BIG_COMMIT in result.regimes[-2].signature[0]
    assert POOLING_BIG_COMMIT not in result.regimes[-1].signature[0]
