"""ggcalc: exact, certified game-theory scenario calculator.

>>> import ggcalc
>>> scenario = ggcalc.load("games/us_pakistan_deal.yaml")   # doctest: +SKIP
>>> solution = scenario.solve()                              # doctest: +SKIP
>>> solution.to_dict()["complete"]                           # doctest: +SKIP
True

The names below are the public API. Each is imported the first time it is used (PEP 562), so
``import ggcalc`` costs almost nothing and ``ggcalc --help`` does not load numpy; ``from ggcalc
import X`` and ``dir(ggcalc)`` work as usual. The package's layers are described in
``docs/architecture.md``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ggcalc._version import __version__
from ggcalc.errors import (
    GgcalcError,
    InputError,
    Location,
    Problem,
    SampleError,
    ScenarioError,
    SolverError,
    SolverTimeout,
    UsageError,
)

#: Each lazily imported public name and the module that defines it (the rest of __all__ is
#: imported above).
_EXPORTS = {
    "BehaviorProfile": "ggcalc.model.behavior",
    "Equilibrium": "ggcalc.model.profiles",
    "GameTree": "ggcalc.model.tree",
    "InformationSet": "ggcalc.model.tree",
    "METHODS": "ggcalc.solvers.normal_form",
    "MixedProfile": "ggcalc.model.profiles",
    "NormalFormGame": "ggcalc.model.normal_form",
    "Scenario": "ggcalc.model.scenario",
    "Solution": "ggcalc.model.solution",
    "SourceInfo": "ggcalc.model.solution",
    "Threat": "ggcalc.model.behavior",
    "TreeBuilder": "ggcalc.model.tree",
    "TreeEquilibrium": "ggcalc.model.behavior",
    "certify": "ggcalc.certification.normal_form",
    "certify_tree": "ggcalc.certification.tree",
    "load": "ggcalc.io.load",
    "solve": "ggcalc.solvers.normal_form",
    "solve_tree": "ggcalc.solvers.tree",
}

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
    "SampleError",
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

if TYPE_CHECKING:  # what the names are, for type checkers and editors
    from ggcalc.certification.normal_form import certify
    from ggcalc.certification.tree import certify_tree
    from ggcalc.io.load import load
    from ggcalc.model.behavior import BehaviorProfile, Threat, TreeEquilibrium
    from ggcalc.model.normal_form import NormalFormGame
    from ggcalc.model.profiles import Equilibrium, MixedProfile
    from ggcalc.model.scenario import Scenario
    from ggcalc.model.solution import Solution, SourceInfo
    from ggcalc.model.tree import GameTree, InformationSet, TreeBuilder
    from ggcalc.solvers.normal_form import METHODS, solve
    from ggcalc.solvers.tree import solve_tree


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'ggcalc' has no attribute '{name}'")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
