"""The normal-form (strategic-form) game model: named players, named strategies, exact payoffs."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from math import lcm
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = ["NormalFormGame"]

Profile = tuple[int, ...]


@dataclass(frozen=True, eq=False)
class NormalFormGame:
    """An n-player game in strategic form with exact rational payoffs.

    The parameters are also the instance's attributes. Instances are immutable (frozen) and
    compare by identity.

    Parameters
    ----------
    players : tuple of str
        Player names, in order.
    strategies : tuple of tuple of str
        For each player, its (pure) strategy names, in order.
    payoffs : numpy.ndarray
        A NumPy object array of :class:`~fractions.Fraction` with shape
        ``(n_players, len(strategies[0]), ..., len(strategies[-1]))``: ``payoffs[p][s]`` is
        player ``p``'s payoff at pure profile ``s``.
    title : str, optional
        Optional name of the game, for display.

    Raises
    ------
    ValueError
        If there is no player, not one strategy list per player, a player without
        strategies, or ``payoffs`` does not have the shape above.
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

        Parameters
        ----------
        arrays : sequence of array_like
            One payoff table per player, all of one shape with one axis per player:
            ``arrays[p][s1, ..., sn]`` is player ``p``'s payoff at pure profile ``(s1, ..., sn)``.
            Entries are anything :class:`~fractions.Fraction` accepts except floats: ints,
            Fractions, or strings such as ``"2/3"`` or ``"0.1"``.
        players : sequence of str, optional
            Player names; default ``"Player 1"``, ``"Player 2"``, ...
        strategies : sequence of sequences of str, optional
            Each player's strategy names; default ``"1"``, ``"2"``, ... for each player.
        title : str, optional
            The game's name, for display.

        Returns
        -------
        NormalFormGame
            The game, with exact payoffs.

        Raises
        ------
        ValueError
            If the arrays do not all have one shape with one axis per player, the names do
            not fit the arrays, or a string entry is not a number.
        TypeError
            If an entry is a float (or of a type :class:`~fractions.Fraction` refuses).

        Examples
        --------
        >>> game = NormalFormGame.from_arrays([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
        >>> game.shape
        (2, 2)
        """
        # Imported here (and below): a game tree's solve imports this module but needs no numpy.
        import numpy as np

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
        """The number of players."""
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return tuple(len(s) for s in self.strategies)

    def profiles(self) -> Iterator[Profile]:
        """Every pure strategy profile, first player's strategy slowest.

        Returns
        -------
        Iterator of tuple of int
            Each profile as one 0-based strategy index per player (lexicographic order).
        """
        return itertools.product(*(range(k) for k in self.shape))

    def payoff(self, player: int, profile: Profile) -> Fraction:
        """One player's exact payoff at a pure strategy profile.

        Parameters
        ----------
        player : int
            The player's 0-based index.
        profile : tuple of int
            One 0-based strategy index per player.

        Returns
        -------
        Fraction
            ``payoffs[player][profile]``.
        """
        value: Fraction = self.payoffs[(player, *profile)]
        return value

    @cached_property
    def integer_payoffs(self) -> tuple[np.ndarray, ...]:
        """Each player's payoffs scaled by a positive constant to integers (object arrays).

        Scaling a player's payoffs by a positive number changes none of its best responses, so
        solvers may work on these exact integers; expected payoffs are always computed from
        :attr:`payoffs`. The constant is the least common denominator of that player's payoffs.
        """
        import numpy as np

        scaled = []
        for p in range(self.n_players):
            table = self.payoffs[p]
            denominator = lcm(*(int(v.denominator) for v in table.flat))
            scaled.append(np.vectorize(lambda v, d=denominator: int(v * d), otypes=[object])(table))
        return tuple(scaled)

    @cached_property
    def float_payoffs(self) -> tuple[np.ndarray, ...]:
        """Each player's payoffs as floats, for float-filtered solvers (never for answers)."""
        import numpy as np

        return tuple(
            np.array([float(v) for v in self.payoffs[p].flat]).reshape(self.shape)
            for p in range(self.n_players)
        )
