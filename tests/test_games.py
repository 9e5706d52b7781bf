"""Every scenario shipped in games/ loads, solves and certifies."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from scenarios import pure_choices, scenario_sweep, the_subgame_perfect_equilibrium

import ggcalc
from ggcalc.analysis.sweep import SweepResult
from ggcalc.certification.tree import certify_tree
from ggcalc.model.tree import GameTree

GAMES = sorted((Path(__file__).parent.parent / "games").rglob("*.yaml"))


def test_games_are_shipped() -> None:
    assert GAMES, "games/ holds no scenario"


@pytest.mark.parametrize("path", GAMES, ids=lambda p: p.name)
def test_scenario_solves(path: Path) -> None:
    scenario = ggcalc.load(path)
    assert scenario.title and scenario.description and scenario.sources
    solution = scenario.solve()
    assert solution.equilibria
    game = scenario.game
    if isinstance(game, GameTree):
        for eq in solution.equilibria:
            assert certify_tree(game, eq.behavior) == eq  # type: ignore[union-attr]
        assert solution.complete, solution.warnings
        nash = scenario.solve(concept="nash")
        assert any(eq.subgame_perfect for eq in nash.equilibria)  # type: ignore[union-attr]
        return
    for eq in solution.equilibria:
        assert ggcalc.certify(game, eq.profile) == eq  # type: ignore[union-attr]
    if game.n_players == 2:
        assert solution.complete, solution.warnings


def test_us_pakistan_deal_equilibria() -> None:
    # The published answer of games/us_pakistan_deal.yaml (until `expect` blocks and
    # `ggcalc check` take this over): three pure equilibria and two mixed ones.
    path = Path(__file__).parent.parent / "games" / "us_pakistan_deal.yaml"
    document = ggcalc.load(path).solve().to_dict()
    assert document["complete"] is True
    found = {
        tuple(
            tuple(sorted((s, p) for s, p in mix.items() if p != "0"))
            for mix in eq["strategies"].values()
        )
        for eq in document["equilibria"]
    }
    assert found == {
        ((("Generous deal", "1"),), (("Accept deal", "1"),)),
        ((("Transactional deal", "1"),), (("Hedge", "1"),)),
        ((("Stay out", "1"),), (("Stay with China", "1"),)),
        (
            (("Generous deal", "3/5"), ("Transactional deal", "2/5")),
            (("Accept deal", "2/3"), ("Hedge", "1/3")),
        ),
        (
            (("Stay out", "5/6"), ("Transactional deal", "1/6")),
            (("Hedge", "1/3"), ("Stay with China", "2/3")),
        ),
    }


def test_china_response_equilibria() -> None:
    # The published answer of games/china_response.yaml. Subgame perfect: Washington makes
    # the generous offer, the generals sign, and Beijing answers with covert pressure through
    # factions (it works one time in four), because an open squeeze of a Pakistan cushioned
    # by US money would cost China more than it wins back. Nash: 27 pure equilibria, only the
    # subgame-perfect one without an empty threat; the telling one is the 2025 record
    # (transactional deal, hedge), which holds only if the generals believe Beijing would
    # squeeze a signed generous deal, a threat China would not carry out.
    path = Path(__file__).parent.parent / "games" / "china_response.yaml"
    scenario = ggcalc.load(path)
    spe = the_subgame_perfect_equilibrium(path)
    played = pure_choices(spe)
    assert played == {
        "US offer": "Generous deal",
        "Pakistan, generous offer": "Accept",
        "Pakistan, transactional offer": "Hedge",
        "China, generous deal signed": "Covert pressure",
        "China, transactional deal signed": "Squeeze",
    }
    # Play reaches the chance move "Factions deliver?", so by CONTRACT 3 there is no `path`:
    # the path is US offer -> Generous deal, then Accept, then Covert pressure.
    assert "path" not in spe
    assert spe["payoffs"] == {"United States": "4", "Pakistan military": "21/4", "China": "-19/4"}
    assert spe["subgame_perfect"] is True

    nash = scenario.solve(concept="nash").to_dict()
    pure = [eq for eq in nash["equilibria"] if eq["pure"]]
    assert len(pure) == 27
    perfect = [eq for eq in nash["equilibria"] if eq["subgame_perfect"]]
    assert [eq["strategies"] for eq in perfect] == [spe["strategies"]]
    china_threat = [
        eq
        for eq in nash["equilibria"]
        if eq.get("threats")
        == [
            "at China, generous deal signed, China would not carry out Squeeze: "
            "Covert pressure pays China -19/4 instead of -7"
        ]
    ]
    assert len(china_threat) == 1
    assert china_threat[0]["path"] == ["Transactional deal", "Hedge"]
    assert china_threat[0]["payoffs"] == {
        "United States": "3",
        "Pakistan military": "4",
        "China": "-1",
    }


def test_us_pakistan_deal_flips_with_chinas_leverage() -> None:
    # The generals accept the generous deal only while China's leverage costs them less than
    # the hedger's half of the US package (10 - L > 5, so L < 5; at L = 5 they are
    # indifferent); at 21/17 a mixed tipping point through open finance and the transactional
    # deal appears or disappears (computed by bisection; docs/scenarios.md).
    result = deal_sweep("china_leverage=0:8:9")
    assert [t.simplest for t in result.thresholds] == [Fraction(21, 17), Fraction(5)]
    assert result.thresholds[1].low == 5  # the grand bargain still holds at exactly 5
    assert GRAND_BARGAIN not in result.regimes[-1].signature[0]


def test_us_pakistan_deal_terms_flip_with_the_value_of_exclusivity() -> None:
    # Given acceptance, Washington compares the generous package (10 - 3 = 7) with open
    # finance (10 - X - (3 - 3/2)): open finance wins exactly when exclusivity is worth less
    # than the security aid it takes (X < 3/2); at X = 3/2 both are equilibria.
    result = deal_sweep("exclusivity_value=0:3:7")
    assert [t.simplest for t in result.thresholds] == [Fraction(3, 2), Fraction(3, 2)]
    assert result.thresholds[0].high == result.thresholds[1].low == Fraction(3, 2)
    first, middle, last = (regime.signature[0] for regime in result.regimes)
    assert OPEN_FINANCE in first and GRAND_BARGAIN not in first
    assert OPEN_FINANCE in middle and GRAND_BARGAIN in middle
    assert GRAND_BARGAIN in last and OPEN_FINANCE not in last


def test_us_pakistan_open_finance_survives_more_leverage() -> None:
    # With exclusivity worth little (X = 1), the generals accept open finance while
    # 10 - 3 - L/3 beats hedging it, (10 - 3) / 2: while L < 21/2, twice the leverage that
    # ends the grand bargain (5).
    result = deal_sweep("china_leverage=0:12:13", exclusivity_value=Fraction(1))
    assert [t.simplest for t in result.thresholds][-1] == Fraction(21, 2)
    assert OPEN_FINANCE in result.regimes[-2].signature[0]
    assert OPEN_FINANCE not in result.regimes[-1].signature[0]


GRAND_BARGAIN = "{United States: Generous deal, Pakistan military: Accept deal}"
OPEN_FINANCE = "{United States: Open finance, Pakistan military: Accept deal}"


def deal_sweep(vary: str, **fixed: Fraction) -> SweepResult:
    return scenario_sweep(
        Path(__file__).parent.parent / "games" / "us_pakistan_deal.yaml", vary, **fixed
    )


def test_china_response_thresholds_quoted_in_the_docs() -> None:
    # docs/scenarios.md: covert pressure pays China from faction_success 1/5 on and stops
    # paying the generals' signature above 1/3 (above 3/5 only an off-path move changes); an
    # open squeeze of a generous deal becomes
    # credible below squeeze_cost 3/4; with a free squeeze, a cushion of 7/4 empties it again.
    path = Path(__file__).parent.parent / "games" / "china_response.yaml"
    simplest = {
        vary + str(fixed): sorted(
            {t.simplest for t in scenario_sweep(path, vary, **fixed).thresholds}
        )
        for vary, fixed in (
            ("faction_success=0:1:21", {}),
            ("squeeze_cost=0:5:21", {}),
            ("us_cushion=0:3:13", {"squeeze_cost": Fraction(0)}),
            ("us_cushion=0:5:11", {}),
        )
    }
    assert list(simplest.values()) == [
        [Fraction(1, 5), Fraction(1, 3), Fraction(3, 5)],
        [Fraction(3, 4), Fraction(4)],
        [Fraction(7, 4)],
        [],
    ]
