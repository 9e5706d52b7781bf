"""Every scenario shipped in games/ loads, solves and certifies."""

from __future__ import annotations

from pathlib import Path

import pytest

import ggcalc
from ggcalc.tree import GameTree
from ggcalc.tree_certify import certify_tree

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
