"""The Solution: the one object every renderer and every command consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ggcalc.game import NormalFormGame
from ggcalc.profiles import Equilibrium
from ggcalc.rationals import fraction_text

__all__ = ["Solution", "SourceInfo"]


@dataclass(frozen=True)
class SourceInfo:
    """Where a game came from, as reported in the JSON ``scenario`` block."""

    title: str = ""
    file: str | None = None
    form: str = "normal"


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
    """

    game: NormalFormGame
    concept: str
    method: str
    complete: bool
    equilibria: list[Equilibrium]
    warnings: list[str] = field(default_factory=list)
    source: SourceInfo = field(default_factory=SourceInfo)
    degenerate: bool | None = None
    components: list[list[int]] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of CONTRACT section 3 (exact numbers as strings)."""
        game = self.game
        equilibria = []
        for eq in self.equilibria:
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
        if self.degenerate is not None:
            document["degenerate"] = self.degenerate
        if self.components is not None:
            document["components"] = [list(c) for c in self.components]
        return document
