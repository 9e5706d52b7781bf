"""ggcalc: exact, certified game-theory scenario calculator.

>>> import ggcalc
>>> scenario = ggcalc.load("games/us_pakistan_deal.yaml")   # doctest: +SKIP
>>> solution = scenario.solve()                              # doctest: +SKIP
>>> solution.to_dict()["complete"]                           # doctest: +SKIP
True
"""

from ggcalc._version import __version__
from ggcalc.behavior import BehaviorProfile, Threat, TreeEquilibrium
from ggcalc.certify import certify
from ggcalc.errors import (
    GgcalcError,
    InputError,
    Location,
    Problem,
    ScenarioError,
    SolverError,
    SolverTimeout,
    UsageError,
)
from ggcalc.game import NormalFormGame
from ggcalc.profiles import Equilibrium, MixedProfile
from ggcalc.scenario import Scenario, load
from ggcalc.solution import Solution, SourceInfo
from ggcalc.solve import METHODS, solve
from ggcalc.tree import GameTree, InformationSet, TreeBuilder
from ggcalc.tree_certify import certify_tree
from ggcalc.tree_solve import solve_tree

__all__ = [
    "METHODS",
    "BehaviorProfile",
    "Equilibrium",
    "GameTree",
    "GgcalcError",
    "InformationSet",
    "InputError",
    "Location",
    "MixedProfile",
    "NormalFormGame",
    "Problem",
    "Scenario",
    "ScenarioError",
    "Solution",
    "SolverError",
    "SolverTimeout",
    "SourceInfo",
    "Threat",
    "TreeBuilder",
    "TreeEquilibrium",
    "UsageError",
    "__version__",
    "certify",
    "certify_tree",
    "load",
    "solve",
    "solve_tree",
]
