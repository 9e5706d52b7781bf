"""The normal-form (strategic-form) game model: named players, named strategies, exact payoffs.

Payoffs are kept as plain Python tuples of :class:`~fractions.Fraction`, one flat table per
player in the order of :meth:`NormalFormGame.profiles`, so that reading and solving a small game
never imports NumPy (a scenario solves in a fraction of NumPy's import time). The NumPy view,
:attr:`NormalFormGame.payoffs`, is built on first use for the solvers and users that want arrays.

Why one module: the game, its constructors and its views of the one flat payoff layout belong
together; most of the length is their NumPy-style docstrings.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from math import lcm, prod
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

__all__ = ["NormalFormGame", "pure_strategy_payoffs", "strides_of"]

Profile = tuple[int, ...]


def _exact(value: Any) -> Fraction:
    """``value`` as a Fraction; floats are refused (0.1 is not the number the user meant).

    NumPy's float64 is a float; its other floats are refused by Fraction itself (TypeError).
    """
    if type(value) is Fraction:
        return value
    if isinstance(value, float):
        raise TypeError(f"payoff {value!r} is a float; use int, Fraction or 'p/q'")
    return Fraction(value)


def strides_of(shape: Sequence[int]) -> tuple[int, ...]:
    """How far one step in each player's strategy moves in a flat payoff table.

    Parameters
    ----------
    shape : sequence of int
        Each player's number of strategies.

    Returns
    -------
    tuple of int
        ``strides[p]`` = the product of the later players' strategy counts (first player's
        strategy slowest, as :meth:`NormalFormGame.profiles` orders the profiles).
    """
    return tuple(prod(shape[p + 1 :]) for p in range(len(shape)))


def pure_strategy_payoffs(
    shape: Sequence[int], table: Sequence[Any], profile: Sequence[Sequence[Any]], player: int
) -> list[Any]:
    """What ``player`` earns with each pure strategy while the others play ``profile``.

    Exact whatever the numbers are (``Fraction``, or the algebraic numbers of
    :mod:`ggcalc.exact.algebraic`): only ``+`` and ``*`` are used, and only the others'
    supports are summed over, so pure and small-support profiles stay cheap.

    Parameters
    ----------
    shape : sequence of int
        Each player's number of strategies.
    table : sequence of numbers
        ``player``'s flat payoff table (first player's strategy slowest).
    profile : sequence of sequences of numbers
        One probability vector per player (``player``'s own is not used).
    player : int
        The deviating player's 0-based index.

    Returns
    -------
    list
        The expected payoff of each of ``player``'s pure strategies, in order.
    """
    strides = strides_of(shape)
    weighted: list[tuple[int, Any]] = [(0, Fraction(1))]
    for q, mix in enumerate(profile):
        if q != player:
            support = [(s * strides[q], p) for s, p in enumerate(mix) if p != 0]
            weighted = [(at + step, w * p) for at, w in weighted for step, p in support]
    step = strides[player]
    return [
        sum((w * table[at + s * step] for at, w in weighted), Fraction(0))
        for s in range(shape[player])
    ]


def _names(
    players: Sequence[str], strategies: Sequence[Sequence[str]]
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The names as tuples, checked: one non-empty strategy list per player."""
    names, labels = tuple(players), tuple(tuple(s) for s in strategies)
    if len(names) < 1 or len(labels) != len(names):
        raise ValueError("need one strategy list per player")
    if any(len(s) == 0 for s in labels):
        raise ValueError("every player needs at least one strategy")
    return names, labels


def _flatten(table: Any, shape: tuple[int, ...], what: str) -> list[Any]:
    """The entries of a nested sequence of ``shape``, last axis fastest."""
    if hasattr(table, "shape") and hasattr(table, "flat"):
        if tuple(table.shape) != shape:
            raise ValueError(f"{what} has shape {tuple(table.shape)}, expected {shape}")
        return list(table.flat)
    level = [table]
    for depth, size in enumerate(shape):
        below: list[Any] = []
        for item in level:
            if isinstance(item, str | bytes) or not isinstance(item, Sequence) or len(item) != size:
                raise ValueError(f"{what} is not nested with shape {shape} (axis {depth})")
            below.extend(item)
        level = below
    if any(not isinstance(v, str) and isinstance(v, Sequence) for v in level):
        raise ValueError(f"{what} is nested deeper than shape {shape}")
    return level


@dataclass(frozen=True, eq=False, init=False)
class NormalFormGame:
    """An n-player game in strategic form with exact rational payoffs.

    Instances are immutable (frozen) and compare by identity.

    Parameters
    ----------
    players : sequence of str
        Player names, in order.
    strategies : sequence of sequences of str
        For each player, its (pure) strategy names, in order.
    payoffs : array_like
        Shape ``(n_players, len(strategies[0]), ..., len(strategies[-1]))``, as a NumPy array
        or nested sequences: ``payoffs[p][s1]...[sn]`` is player ``p``'s payoff at pure profile
        ``(s1, ..., sn)``. Entries are anything :class:`~fractions.Fraction` accepts except
        floats (ints, Fractions, strings such as ``"2/3"``).
    title : str, optional
        Optional name of the game, for display.

    Attributes
    ----------
    players : tuple of str
        Player names, in order.
    strategies : tuple of tuple of str
        Each player's strategy names.
    tables : tuple of tuple of Fraction
        Each player's payoffs, flat, one entry per pure profile in the order of
        :meth:`profiles` (first player's strategy slowest).
    title : str
        The game's name.

    Raises
    ------
    ValueError
        If there is no player, not one strategy list per player, a player without
        strategies, or ``payoffs`` does not have the shape above.
    TypeError
        If a payoff is a float.
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    tables: tuple[tuple[Fraction, ...], ...] = field(repr=False)
    title: str = ""

    def __init__(
        self,
        players: Sequence[str],
        strategies: Sequence[Sequence[str]],
        payoffs: Any,
        title: str = "",
    ) -> None:
        names, labels = _names(players, strategies)
        n = len(names)
        shape = tuple(len(s) for s in labels)
        flat = _flatten(payoffs, (n, *shape), "payoffs")
        size = prod(shape)
        tables = tuple(tuple(map(_exact, flat[p * size : (p + 1) * size])) for p in range(n))
        self._set(names, labels, tables, title)

    def _set(
        self,
        players: tuple[str, ...],
        strategies: tuple[tuple[str, ...], ...],
        tables: tuple[tuple[Fraction, ...], ...],
        title: str,
    ) -> None:
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "strategies", strategies)
        object.__setattr__(self, "tables", tables)
        object.__setattr__(self, "title", title)

    @classmethod
    def from_tables(
        cls,
        players: Sequence[str],
        strategies: Sequence[Sequence[str]],
        tables: Sequence[Sequence[Fraction]],
        title: str = "",
    ) -> NormalFormGame:
        """Build a game from flat payoff tables that are already exact (readers use this).

        Parameters
        ----------
        players : sequence of str
            Player names, in order.
        strategies : sequence of sequences of str
            Each player's strategy names.
        tables : sequence of sequences of Fraction
            For each player, one :class:`~fractions.Fraction` per pure profile, in the order of
            :meth:`profiles`.
        title : str, optional
            The game's name.

        Returns
        -------
        NormalFormGame
            The game (the tables are not copied entry by entry, only checked for size).

        Raises
        ------
        ValueError
            If the names do not fit, or a table does not have one entry per profile.
        TypeError
            If an entry is not a Fraction.
        """
        names, labels = _names(players, strategies)
        if len(tables) != len(names):
            raise ValueError("need one payoff table per player")
        size = prod(len(s) for s in labels)
        exact = tuple(tuple(table) for table in tables)
        if any(len(table) != size for table in exact):
            raise ValueError(f"every payoff table needs {size} entries, one per profile")
        if any(type(v) is not Fraction for table in exact for v in table):
            raise TypeError("payoff tables must hold Fractions")
        game = cls.__new__(cls)
        game._set(names, labels, exact, title)
        return game

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
        n = len(arrays)
        shape = _shape_of(arrays[0], n) if n else ()
        if n == 0 or len(shape) != n:
            raise ValueError("need one payoff array per player, each with one axis per player")
        try:
            flat = [_flatten(a, shape, f"payoff array {p + 1}") for p, a in enumerate(arrays)]
        except ValueError:
            raise ValueError(
                "need one payoff array per player, each with one axis per player"
            ) from None
        tables = tuple(tuple(map(_exact, values)) for values in flat)
        names = tuple(players) if players else tuple(f"Player {i + 1}" for i in range(n))
        labels = (
            tuple(tuple(s) for s in strategies)
            if strategies
            else tuple(tuple(f"{i + 1}" for i in range(k)) for k in shape)
        )
        if len(names) != n or tuple(len(s) for s in labels) != shape:
            raise ValueError(f"the names do not fit payoff arrays of shape {shape}")
        return cls.from_tables(names, labels, tables, title)

    @property
    def n_players(self) -> int:
        """The number of players."""
        return len(self.players)

    @cached_property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return tuple(len(s) for s in self.strategies)

    @cached_property
    def strides(self) -> tuple[int, ...]:
        """How far one step in each player's strategy moves in a flat table (:func:`strides_of`)."""
        return strides_of(self.shape)

    def profiles(self) -> Iterator[Profile]:
        """Every pure strategy profile, first player's strategy slowest.

        Returns
        -------
        Iterator of tuple of int
            Each profile as one 0-based strategy index per player (lexicographic order).
        """
        return itertools.product(*(range(k) for k in self.shape))

    def position(self, profile: Profile) -> int:
        """Where a pure profile's payoffs are in each flat table (:attr:`tables`).

        Parameters
        ----------
        profile : tuple of int
            One 0-based strategy index per player.

        Returns
        -------
        int
            The profile's index in the order of :meth:`profiles`.
        """
        return sum(s * step for s, step in zip(profile, self.strides, strict=True))

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
            ``tables[player][position(profile)]``.
        """
        return self.tables[player][self.position(profile)]

    def rows(self, player: int) -> list[list[Fraction]]:
        """One player's payoffs in a two-player game, as rows (one per row-player strategy).

        Parameters
        ----------
        player : int
            0 for the row player, 1 for the column player.

        Returns
        -------
        list of list of Fraction
            ``rows[i][j]``: ``player``'s payoff when the row player plays ``i`` and the column
            player ``j``.

        Raises
        ------
        ValueError
            If the game does not have two players.
        """
        if self.n_players != 2:
            raise ValueError(f"rows() needs a two-player game; this one has {self.n_players}")
        table, width = self.tables[player], self.shape[1]
        return [list(table[i : i + width]) for i in range(0, len(table), width)]

    @cached_property
    def scaled_tables(self) -> tuple[tuple[tuple[int, ...], int], ...]:
        """Each player's payoffs as ``(integers, d)``: the flat table is exactly ``integers / d``.

        ``d`` is the least common denominator of the player's payoffs. Scaling a player's
        payoffs by a positive number changes none of its best responses, so solvers may work on
        these exact integers; expected payoffs are always computed from :attr:`tables`.
        """
        scaled = []
        for table in self.tables:
            d = lcm(*(v.denominator for v in table))
            scaled.append((tuple(v.numerator * (d // v.denominator) for v in table), d))
        return tuple(scaled)

    @cached_property
    def payoffs(self) -> np.ndarray:
        """The payoffs as a NumPy object array of Fractions, shape ``(n_players, *shape)``.

        Built on first use (it imports NumPy): ``payoffs[p][s]`` is player ``p``'s payoff at
        pure profile ``s``.
        """
        import numpy as np

        array = np.empty((self.n_players, prod(self.shape)), dtype=object)
        for p, table in enumerate(self.tables):
            array[p, :] = table
        return array.reshape((self.n_players, *self.shape))

    @cached_property
    def integer_payoffs(self) -> tuple[np.ndarray, ...]:
        """:attr:`scaled_tables`' integers as NumPy object arrays of the game's shape."""
        import numpy as np

        arrays = []
        for integers, _ in self.scaled_tables:
            array = np.empty(len(integers), dtype=object)
            array[:] = integers
            arrays.append(array.reshape(self.shape))
        return tuple(arrays)

    @cached_property
    def float_payoffs(self) -> tuple[np.ndarray, ...]:
        """Each player's payoffs as floats, for float-filtered solvers (never for answers)."""
        import numpy as np

        return tuple(
            np.array([float(v) for v in table]).reshape(self.shape) for table in self.tables
        )


def _shape_of(table: Any, n: int) -> tuple[int, ...]:
    """The shape of an array or of a nested sequence, following first entries, ``n`` deep."""
    if hasattr(table, "shape"):
        return tuple(table.shape)
    shape: list[int] = []
    while len(shape) < n and not isinstance(table, str) and isinstance(table, Sequence):
        shape.append(len(table))
        if not table:
            break
        table = table[0]
    return tuple(shape)
