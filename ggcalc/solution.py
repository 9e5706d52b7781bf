"""The Solution: the one object every renderer and every command consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ggcalc.behavior import TreeEquilibrium
from ggcalc.game import NormalFormGame
from ggcalc.profiles import Equilibrium
from ggcalc.rationals import fraction_text
from ggcalc.tree import GameTree

__all__ = ["Solution", "SourceInfo", "ZeroSumValue"]


@dataclass(frozen=True)
class SourceInfo:
    """Where a game came from, as reported in the JSON ``scenario`` block."""

    title: str = ""
    file: str | None = None
    form: str = "normal"


@dataclass(frozen=True)
class ZeroSumValue:
    """What a constant-sum two-player game guarantees (von Neumann's minimax theorem).

    ``constant`` is what the payoffs add up to in every cell (0 for zero-sum), ``values`` each
    player's value, and ``maximin`` one optimal (security) strategy per player, found by linear
    programming and certified exactly.
    """

    constant: Fraction
    values: tuple[Fraction, Fraction]
    maximin: tuple[tuple[Fraction, ...], tuple[Fraction, ...]]


@dataclass
class Solution:
    """Certified equilibria of a game for one solution concept, and what is known about them.

    Attributes
    ----------
    game
        The game that was solved.
    concept
        ``"nash"`` (or, for trees, ``"subgame-perfect"``).
    method
        The algorithm that produced :attr:`equilibria`.
    complete
        True only when :attr:`equilibria` is proven to be the complete set (of extreme
        equilibria) for the concept.
    equilibria
        Each equilibrium once, certified in exact arithmetic, in a stable order.
    warnings
        Plain-language reasons the list may be incomplete, and solver messages.
    degenerate
        For two-player games, whether the game is degenerate (None when not decided).
    components
        For a complete two-player list, the maximal Nash subsets: indices (0-based, into
        :attr:`equilibria`) of the extreme equilibria whose mixtures are all equilibria too.
    zero_sum
        For a constant-sum two-player game, its value and maximin strategies.

    For a game tree (:class:`~ggcalc.tree.GameTree`) the equilibria are
    :class:`~ggcalc.behavior.TreeEquilibrium` objects: behaviour strategies at every decision
    point, the path of play, and whether each is subgame perfect.
    """

    game: NormalFormGame | GameTree
    concept: str
    method: str
    complete: bool
    #: :class:`~ggcalc.profiles.Equilibrium` objects for a normal-form game,
    #: :class:`~ggcalc.behavior.TreeEquilibrium` objects for a tree.
    equilibria: list[Any]
    warnings: list[str] = field(default_factory=list)
    source: SourceInfo = field(default_factory=SourceInfo)
    degenerate: bool | None = None
    components: list[list[int]] | None = None
    zero_sum: ZeroSumValue | None = None
    #: How to read the result (not warnings): e.g. what strategy names of a strategic form mean.
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of CONTRACT section 3 (exact numbers as strings)."""
        game = self.game
        if isinstance(game, GameTree):
            return self._document(game, [_tree_equilibrium(game, eq) for eq in self.equilibria])
        equilibria = []
        for eq in self.equilibria:
            assert isinstance(eq, Equilibrium)
            equilibria.append(
                {
                    "strategies": {
                        player: {
                            name: fraction_text(p)
                            for name, p in zip(game.strategies[i], eq.profile[i], strict=True)
                        }
                        for i, player in enumerate(game.players)
                    },
                    "payoffs": {
                        player: fraction_text(eq.payoffs[i])
                        for i, player in enumerate(game.players)
                    },
                    "pure": eq.pure,
                }
            )
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


def _tree_equilibrium(tree: GameTree, eq: TreeEquilibrium) -> dict[str, Any]:
    """CONTRACT 3, sequential: decision point -> action -> probability, ``path`` when play is
    deterministic, plus whether the equilibrium is subgame perfect and which threats are not
    credible."""
    entry: dict[str, Any] = {
        "strategies": {
            player: {
                point: {action: fraction_text(p) for action, p in mix.items()}
                for point, mix in points.items()
            }
            for player, points in eq.strategies(tree).items()
        },
        "payoffs": {player: fraction_text(eq.payoffs[i]) for i, player in enumerate(tree.players)},
        "pure": eq.pure,
    }
    if eq.path is not None:
        entry["path"] = list(eq.path)
    entry["subgame_perfect"] = eq.subgame_perfect
    if eq.threats:
        entry["threats"] = [str(t) for t in eq.threats]
    return entry
