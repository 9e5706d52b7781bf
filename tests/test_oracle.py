"""ggcalc against Gambit 16.7's exact reference equilibria (tests/data/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from oracle import DATA, gambit_nfg_games, nfg_game, profile_set, random_bimatrix_games

import ggcalc
from ggcalc.certification.normal_form import certify
from ggcalc.model.normal_form import NormalFormGame

RANDOM = random_bimatrix_games()
NFG = gambit_nfg_games()


def _found(solution: ggcalc.Solution) -> set[tuple[tuple[object, ...], ...]]:
    return {eq.profile for eq in solution.equilibria}


@pytest.mark.parametrize("record", RANDOM, ids=lambda r: f"{r['id']}")
def test_random_bimatrix_games_match_gambit(record: dict) -> None:
    game = NormalFormGame.from_arrays([record["A"], record["B"]])
    solution = ggcalc.solve(game)
    # Degenerate games included: exactly Gambit's extreme equilibria, proven complete.
    assert _found(solution) == profile_set(record["equilibria"])
    assert solution.complete
    assert solution.degenerate == any("degenerate" in w for w in solution.warnings)
    for eq in solution.equilibria:
        assert ggcalc.certify(game, eq.profile) == eq


def test_every_generic_random_game_is_complete() -> None:
    generic = [r for r in RANDOM if r["payoff_range"][1] == 999]
    assert len(generic) >= 30
    for record in generic:
        solution = ggcalc.solve(NormalFormGame.from_arrays([record["A"], record["B"]]))
        assert solution.complete, record["id"]
        assert _found(solution) == profile_set(record["equilibria"]), record["id"]


@pytest.mark.parametrize("record", NFG, ids=lambda r: r["file"])
def test_gambit_example_games(record: dict) -> None:
    # Read from Gambit's own .nfg file, as a user would; the payoffs must be the reference's.
    scenario = ggcalc.load(DATA / "nfg" / Path(record["file"]).name)
    game = scenario.game
    assert (game.payoffs == nfg_game(record).payoffs).all()
    if game.n_players == 2:
        solution = scenario.solve()
        assert _found(solution) == profile_set(record["enummixed"])
        assert solution.complete
    else:
        # Gambit's reference has the pure equilibria only (its enumpoly is not exact): those
        # must be exactly the pure ones of ggcalc's list, which the smallest supports come
        # first in, so a short time limit keeps the suite fast on the larger games.
        solution = scenario.solve(timeout=3)
        pure_found = {eq.profile for eq in solution.equilibria if eq.pure}
        assert pure_found == profile_set(record["enumpure"])
        assert all(certify(game, eq.profile) is not None for eq in solution.equilibria)
    pure = ggcalc.solve(game, method="pure")
    assert _found(pure) == profile_set(record["enumpure"])
