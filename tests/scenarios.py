"""Helpers shared by the scenario tests (tests/test_games.py, tests/test_scenario_*.py): a sweep
of a shipped scenario, and the pure choice at every decision point of a tree equilibrium."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import ggcalc
from ggcalc.analysis.sweep import SweepResult, parse_axis, sweep
from ggcalc.io.yaml.document import read_document

GAMES = Path(__file__).parent.parent / "games"


def scenario_sweep(path: Path, vary: str, **fixed: Fraction) -> SweepResult:
    """``ggcalc sweep PATH --vary VARY [--set NAME=VALUE ...]`` through the API."""
    document = read_document(path.read_text(encoding="utf-8"), str(path))
    return sweep(document, [parse_axis(vary)], fixed=fixed)


def pure_choices(equilibrium: dict[str, Any]) -> dict[str, str]:
    """Decision point -> the action played there, for a pure equilibrium of a tree as
    ``--format json`` gives it."""
    return {
        point: next(action for action, p in mix.items() if p == "1")
        for points in equilibrium["strategies"].values()
        for point, mix in points.items()
    }


def the_subgame_perfect_equilibrium(path: Path) -> dict[str, Any]:
    """Solve a shipped tree at its defaults and return its one subgame-perfect equilibrium (as
    ``--format json`` gives it), checking that the list is proven complete, with no warning."""
    document = ggcalc.load(path).solve().to_dict()
    assert document["concept"] == "subgame-perfect"
    assert document["complete"] is True, document["warnings"]
    assert document["warnings"] == []
    (equilibrium,) = document["equilibria"]
    return equilibrium
