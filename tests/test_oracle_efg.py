"""Gambit's example extensive-form games, read from their .efg files, against Gambit 16.7's own
answers (tests/data/gambit_efg_games.jsonl, from the project's oracle; see tests/data/README.md).

Gambit's ``enummixed`` solves a tree's reduced strategic form and reports its extreme
equilibria; ggcalc's ``--concept nash`` does the same, so the two must give the same set of
equilibrium payoff vectors. (Behaviour profiles may be listed differently: several mixed
strategies can map to one behaviour strategy.) For three or more players Gambit's
``enumpure`` gives the pure equilibria, which ggcalc's pure search must match.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from oracle import DATA, gambit_efg_games

import ggcalc
from ggcalc.certification.tree import certify_tree
from ggcalc.model.tree import GameTree

RECORDS = {Path(r["file"]).name: r for r in gambit_efg_games()}
SOLVABLE = sorted(name for name, r in RECORDS.items() if "enummixed_payoffs" in r["equilibria"])
MANY_PLAYERS = sorted(
    name
    for name, r in RECORDS.items()
    if len(r["players"]) > 2 and "enumpure_payoffs" in r["equilibria"]
)


def payoff_set(vectors: list[list[str]]) -> set[tuple[Fraction, ...]]:
    return {tuple(Fraction(x) for x in v) for v in vectors}


def load_tree(name: str) -> ggcalc.Scenario:
    try:
        return ggcalc.load(DATA / "efg" / name)
    except ggcalc.InputError as error:
        pytest.skip(f"ggcalc refuses {name}: {error}")


@pytest.mark.parametrize("name", SOLVABLE)
def test_two_player_nash_payoffs_match_gambit_enummixed(name: str) -> None:
    scenario = load_tree(name)
    solution = scenario.solve(concept="nash")
    assert solution.complete
    expected = payoff_set(RECORDS[name]["equilibria"]["enummixed_payoffs"])
    assert {eq.payoffs for eq in solution.equilibria} == expected


@pytest.mark.parametrize("name", SOLVABLE)
def test_subgame_perfect_equilibria_are_certified_nash_equilibria(name: str) -> None:
    scenario = load_tree(name)
    tree = scenario.game
    assert isinstance(tree, GameTree)
    nash_payoffs = payoff_set(RECORDS[name]["equilibria"]["enummixed_payoffs"])
    solution = scenario.solve()
    assert solution.equilibria
    for eq in solution.equilibria:
        assert eq.subgame_perfect  # type: ignore[union-attr]
        assert certify_tree(tree, eq.behavior) == eq  # type: ignore[union-attr]
        if eq.pure:
            assert eq.payoffs in nash_payoffs


@pytest.mark.parametrize("name", MANY_PLAYERS)
def test_pure_equilibria_of_many_player_trees_match_gambit_enumpure(name: str) -> None:
    scenario = load_tree(name)
    # The pure equilibria of the reduced strategic form are Gambit's (its mixed n-player
    # solver is not exact, so the reference has the pure ones only); a short time limit keeps
    # the exact mixed enumeration of the larger ones brief.
    solution = scenario.solve(concept="nash", timeout=2)
    expected = payoff_set(RECORDS[name]["equilibria"]["enumpure_payoffs"])
    assert {eq.payoffs for eq in solution.equilibria if eq.pure} == expected


def test_every_copied_file_has_a_record() -> None:
    assert {p.name for p in (DATA / "efg").glob("*.efg")} == set(RECORDS)
