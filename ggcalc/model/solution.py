"""The Solution: the one object every renderer and every command consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ggcalc.exact.algebraic import Real, json_number
from ggcalc.exact.rationals import fraction_text
from ggcalc.model.behavior import TreeEquilibrium
from ggcalc.model.normal_form import NormalFormGame
from ggcalc.model.profiles import ApproximateEquilibrium, Equilibrium
from ggcalc.model.tree import GameTree

__all__ = ["Profile", "Solution", "SourceInfo", "ZeroSumValue", "solution_profiles"]


@dataclass(frozen=True)
class SourceInfo:
    """Where a game came from, as reported in the JSON ``scenario`` block.

    Attributes
    ----------
    title : str
        The scenario's title (empty: the game's own title is reported).
    file : str or None
        The file the game was read from, if any.
    form : str
        ``"normal"`` for a strategic-form game, ``"sequential"`` for a game tree.
    """

    title: str = ""
    file: str | None = None
    form: str = "normal"


@dataclass(frozen=True)
class ZeroSumValue:
    """What a constant-sum two-player game guarantees (von Neumann's minimax theorem).

    Attributes
    ----------
    constant : Fraction
        What the payoffs add up to in every cell (0 for zero-sum).
    values : tuple of (Fraction, Fraction)
        Each player's value.
    maximin : tuple of (tuple of Fraction, tuple of Fraction)
        One optimal (security) strategy per player, found by linear programming and certified
        exactly (:mod:`ggcalc.algorithms.zero_sum`).
    """

    constant: Fraction
    values: tuple[Fraction, Fraction]
    maximin: tuple[tuple[Fraction, ...], tuple[Fraction, ...]]


@dataclass
class Solution:
    """Certified equilibria of a game for one solution concept, and what is known about them.

    For a game tree (:class:`~ggcalc.model.tree.GameTree`) the equilibria are
    :class:`~ggcalc.model.behavior.TreeEquilibrium` objects: behaviour strategies at every
    decision point, the path of play, and whether each is subgame perfect.

    Attributes
    ----------
    game : NormalFormGame or GameTree
        The game that was solved.
    concept : str
        ``"nash"`` (or, for trees, ``"subgame-perfect"``).
    method : str
        The algorithm that produced :attr:`equilibria`.
    complete : bool
        True only when :attr:`equilibria` is proven to be the complete set (of extreme
        equilibria) for the concept.
    equilibria : list
        Each equilibrium once, certified in exact arithmetic, in a stable order:
        :class:`~ggcalc.model.profiles.Equilibrium` objects for a normal-form game,
        :class:`~ggcalc.model.behavior.TreeEquilibrium` objects for a tree.
    warnings : list of str
        Plain-language reasons the list may be incomplete, and solver messages.
    source : SourceInfo
        Where the game came from.
    degenerate : bool or None
        For two-player games, whether the game is degenerate (None when not decided).
    components : list of list of int or None
        For a complete two-player list, the maximal Nash subsets: indices (0-based, into
        :attr:`equilibria`) of the extreme equilibria whose mixtures are all equilibria too.
    zero_sum : ZeroSumValue or None
        For a constant-sum two-player game, its value and maximin strategies.
    notes : list of str
        How to read the result (not warnings): e.g. what strategy names of a strategic form
        mean.
    approximate : list of ApproximateEquilibrium
        ε-equilibria found numerically where the exact enumeration could not finish, each with
        its exact ε; never counted among :attr:`equilibria` (they are not equilibria).
    """

    game: NormalFormGame | GameTree
    concept: str
    method: str
    complete: bool
    #: :class:`~ggcalc.model.profiles.Equilibrium` objects for a normal-form game,
    #: :class:`~ggcalc.model.behavior.TreeEquilibrium` objects for a tree.
    equilibria: list[Any]
    warnings: list[str] = field(default_factory=list)
    source: SourceInfo = field(default_factory=SourceInfo)
    degenerate: bool | None = None
    components: list[list[int]] | None = None
    zero_sum: ZeroSumValue | None = None
    #: How to read the result (not warnings): e.g. what strategy names of a strategic form mean.
    notes: list[str] = field(default_factory=list)
    #: ε-equilibria with exact ε, found where the exact enumeration could not finish.
    approximate: list[ApproximateEquilibrium] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The solution as the JSON document of CONTRACT section 3.

        Returns
        -------
        dict
            The document, ready for :func:`json.dumps`: exact numbers as strings (``"1/2"``),
            strategies and payoffs keyed by player, strategy and action names; the optional
            keys (``notes``, ``degenerate``, ``components``, ``zero_sum``) only when known.
        """
        game = self.game
        if isinstance(game, GameTree):
            return self._document(game, [_tree_equilibrium(game, eq) for eq in self.equilibria])
        equilibria = []
        for eq in self.equilibria:
            assert isinstance(eq, Equilibrium)
            equilibria.append({**_by_player(game, eq.profile, eq.payoffs), "pure": eq.pure})
        return self._document(game, equilibria)

    def _document(
        self, game: NormalFormGame | GameTree, equilibria: list[dict[str, Any]]
    ) -> dict[str, Any]:
        document: dict[str, Any] = {
            "scenario": {
                "title": self.source.title or game.title,
                "file": self.source.file,
                "form": self.source.form,
                "players": list(game.players),
            },
            "concept": self.concept,
            "method": self.method,
            "complete": self.complete,
            "equilibria": equilibria,
            "warnings": list(self.warnings),
        }
        if self.notes:
            document["notes"] = list(self.notes)
        if self.degenerate is not None:
            document["degenerate"] = self.degenerate
        if self.components is not None:
            document["components"] = [list(c) for c in self.components]
        if self.approximate and isinstance(game, NormalFormGame):
            document["approximate"] = [_approximate(game, a) for a in self.approximate]
        if self.zero_sum is not None and isinstance(game, NormalFormGame):
            zs = self.zero_sum
            document["zero_sum"] = {
                "constant": fraction_text(zs.constant),
                "value": {
                    player: fraction_text(v)
                    for player, v in zip(game.players, zs.values, strict=True)
                },
                "maximin": {
                    player: {
                        name: fraction_text(p)
                        for name, p in zip(game.strategies[i], zs.maximin[i], strict=True)
                    }
                    for i, player in enumerate(game.players)
                },
            }
        return document


def _by_player(
    game: NormalFormGame, profile: tuple[tuple[Real, ...], ...], payoffs: tuple[Real, ...]
) -> dict[str, Any]:
    """CONTRACT 3, normal form: ``strategies`` (every strategy's probability) and ``payoffs``."""
    return {
        "strategies": {
            player: {
                name: json_number(p) for name, p in zip(game.strategies[i], profile[i], strict=True)
            }
            for i, player in enumerate(game.players)
        },
        "payoffs": {player: json_number(payoffs[i]) for i, player in enumerate(game.players)},
    }


def _approximate(game: NormalFormGame, approx: ApproximateEquilibrium) -> dict[str, Any]:
    """An ε-equilibrium as JSON: exact probabilities, payoffs, regrets and ε (docs/json.md)."""
    return {
        **_by_player(game, approx.profile, approx.payoffs),
        "regrets": {
            player: fraction_text(approx.regrets[i]) for i, player in enumerate(game.players)
        },
        "epsilon": fraction_text(approx.epsilon),
        "origin": approx.origin,
    }


def _tree_equilibrium(tree: GameTree, eq: TreeEquilibrium) -> dict[str, Any]:
    """CONTRACT 3, sequential: decision point -> action -> probability, ``path`` when play is
    deterministic, plus whether the equilibrium is subgame perfect and which threats are not
    credible."""
    entry: dict[str, Any] = {
        "strategies": {
            player: {
                point: {action: json_number(p) for action, p in mix.items()}
                for point, mix in points.items()
            }
            for player, points in eq.strategies(tree).items()
        },
        "payoffs": {player: json_number(eq.payoffs[i]) for i, player in enumerate(tree.players)},
        "pure": eq.pure,
    }
    if eq.path is not None:
        entry["path"] = list(eq.path)
    entry["subgame_perfect"] = eq.subgame_perfect
    if eq.threats:
        entry["threats"] = [str(t) for t in eq.threats]
    return entry


#: One probability vector per player (normal form) or per decision point (trees): an
#: equilibrium as ``expect`` blocks and comparisons see it.
Profile = tuple[tuple[Real, ...], ...]


def solution_profiles(solution: Solution) -> list[Profile]:
    """Each equilibrium of ``solution`` as a :data:`Profile` (what ``expect`` compares).

    Parameters
    ----------
    solution
        A solved game.

    Returns
    -------
    list of Profile
        Per equilibrium, one probability vector per player (normal form) or per decision
        point (trees).
    """
    if isinstance(solution.game, GameTree):
        return [tuple(eq.behavior) for eq in solution.equilibria]
    return [tuple(eq.profile) for eq in solution.equilibria]
