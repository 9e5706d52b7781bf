"""The normal-form (strategic-form) game model: named players, named strategies, exact payoffs."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from math import lcm

import numpy as np

__all__ = ["NormalFormGame"]

Profile = tuple[int, ...]


@dataclass(frozen=True, eq=False)
class NormalFormGame:
    """An n-player game in strategic form with exact rational payoffs.

    Parameters
    ----------
    players
        Player names, in order.
    strategies
        For each player, its strategy names, in order.
    payoffs
        A NumPy object array of :class:`~fractions.Fraction` with shape
        ``(n_players, len(strategies[0]), ..., len(strategies[-1]))``: ``payoffs[p][s]`` is
        player ``p``'s payoff at pure profile ``s``.
    title
        Optional name of the game, for display.
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    payoffs: np.ndarray = field(repr=False)
    title: str = ""

    def __post_init__(self) -> None:
        n = len(self.players)
        if n < 1 or len(self.strategies) != n:
            raise ValueError("need one strategy list per player")
        shape = (n, *(len(s) for s in self.strategies))
        if self.payoffs.shape != shape:
            raise ValueError(f"payoffs have shape {self.payoffs.shape}, expected {shape}")
        if any(len(s) == 0 for s in self.strategies):
            raise ValueError("every player needs at least one strategy")

    @classmethod
    def from_arrays(
        cls,
        arrays: Sequence[object],
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> NormalFormGame:
        """Build a game from one payoff array per player (ints, Fractions or exact strings).

        Floats are refused: a float such as 0.1 is not the number the user meant.

        Examples
        --------
        >>> game = NormalFormGame.from_arrays([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
        >>> game.shape
        (2, 2)
        """
        tables = [np.asarray(a, dtype=object) for a in arrays]
        n = len(tables)
        shape = tables[0].shape
        if any(t.shape != shape for t in tables) or len(shape) != n:
            raise ValueError("need one payoff array per player, each with one axis per player")
        payoffs = np.empty((n, *shape), dtype=object)
        for p, table in enumerate(tables):
            for index, value in np.ndenumerate(table):
                if isinstance(value, float | np.floating):
                    raise TypeError(f"payoff {value!r} is a float; use int, Fraction or 'p/q'")
                payoffs[(p, *index)] = Fraction(value)
        names = tuple(players) if players else tuple(f"Player {i + 1}" for i in range(n))
        labels = (
            tuple(tuple(s) for s in strategies)
            if strategies
            else tuple(tuple(f"{i + 1}" for i in range(k)) for k in shape)
        )
        return cls(names, labels, payoffs, title)

    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return tuple(len(s) for s in self.strategies)

    def profiles(self) -> Iterator[Profile]:
        """Every pure strategy profile, first player's strategy slowest."""
        return itertools.product(*(range(k) for k in self.shape))

    def payoff(self, player: int, profile: Profile) -> Fraction:
        value: Fraction = self.payoffs[(player, *profile)]
        return value

    @cached_property
    def integer_payoffs(self) -> tuple[np.ndarray, ...]:
        """Each player's payoffs scaled by a positive constant to integers (object arrays).

        Scaling a player's payoffs by a positive number changes none of its best responses, so
        solvers may work on these exact integers; expected payoffs are always computed from
        :attr:`payoffs`.
        """
        scaled = []
        for p in range(self.n_players):
            table = self.payoffs[p]
            denominator = lcm(*(int(v.denominator) for v in table.flat))
            scaled.append(np.vectorize(lambda v, d=denominator: int(v * d), otypes=[object])(table))
        return tuple(scaled)

    @cached_property
    def float_payoffs(self) -> tuple[np.ndarray, ...]:
        """Each player's payoffs as floats, for float-filtered solvers (never for answers)."""
        return tuple(
            np.array([float(v) for v in self.payoffs[p].flat]).reshape(self.shape)
            for p in range(self.n_players)
        )
