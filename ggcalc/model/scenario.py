"""A loaded scenario: its texts, its parameters, its game and its published equilibria
(CONTRACT 1), made by :func:`ggcalc.io.load.load`."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from ggcalc.errors import Location
from ggcalc.model.normal_form import NormalFormGame
from ggcalc.model.solution import Profile, Solution, SourceInfo
from ggcalc.model.tree import GameTree

__all__ = ["Expectations", "Scenario"]


@dataclass(frozen=True)
class Expectations:
    """The published equilibria of a scenario: per concept, the profiles in file order, each
    with where it was written."""

    concepts: dict[str, list[tuple[Profile, Location]]] = field(default_factory=dict)
    location: Location | None = None


@dataclass
class Scenario:
    """A loaded, validated scenario: its texts, its parameters and its game.

    Made by :func:`load`. ``expect`` keeps the published equilibria block as written (its
    located YAML node) for ``ggcalc check``.
    """

    title: str
    game: NormalFormGame | GameTree
    file: str | None = None
    description: str = ""
    sources: list[str] = field(default_factory=list)
    parameters: dict[str, Fraction] = field(default_factory=dict)
    form: str = "normal"
    expect: Any = field(default=None, repr=False)
    #: The ``expect`` block, read and checked against the game (None if there is none).
    expectations: Expectations | None = None
    #: Things the reader changed that the user should know (e.g. renamed .nfg strategies).
    notes: list[str] = field(default_factory=list)
    #: How to read the game (e.g. what a strategic form's strategy names mean).
    legend: list[str] = field(default_factory=list)

    def solve(
        self,
        concept: str | None = None,
        method: str = "auto",
        timeout: float | None = None,
    ) -> Solution:
        """Solve the scenario's game, certified.

        The one call from the model up to the solvers (GUIDE's ``Game.solve(...)`` umbrella),
        imported when called; see :func:`ggcalc.solvers.normal_form.solve` (normal form) and
        :func:`ggcalc.solvers.tree.solve_tree` (trees) for the options.

        Parameters
        ----------
        concept
            ``nash``, or for trees ``subgame-perfect`` (their default) or ``nash``.
        method
            The algorithm (``auto`` picks the proven-complete one).
        timeout
            Seconds after which solving stops and what is proven so far is returned.

        Returns
        -------
        Solution
            The certified equilibria, with this scenario's notes and legend.
        """
        source = SourceInfo(self.title, self.file, self.form)
        if isinstance(self.game, GameTree):
            # Imported here, each for its form: the tree solvers are not needed for a matrix.
            from ggcalc.solvers.tree import solve_tree

            solution = solve_tree(
                self.game,
                concept=concept or "subgame-perfect",
                method=method,
                timeout=timeout,
                source=source,
            )
        else:
            from ggcalc.solvers.normal_form import solve

            solution = solve(
                self.game, concept=concept or "nash", method=method, timeout=timeout, source=source
            )
        solution.warnings[:0] = self.notes
        solution.notes[:0] = self.legend
        return solution

    def strategic(self) -> Scenario:
        """The same scenario with a tree replaced by its reduced strategic form (normal form);
        a normal-form scenario is returned as it is."""
        from ggcalc.solvers.tree import strategic_form

        if not isinstance(self.game, GameTree):
            return self
        game, legend = strategic_form(self.game)
        return replace(
            self,
            title=f"{self.title} (reduced strategic form)",
            game=game,
            form="normal",
            legend=legend,
        )
