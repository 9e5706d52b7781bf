"""Every pure-strategy Nash equilibrium of an n-player game, exactly.

A pure profile is an equilibrium when each player's payoff there is the largest along that
player's own axis of its payoff table. Small games (at most :data:`SMALL_GAME_ENTRIES` profiles)
are decided with plain Python integers, which is faster than importing NumPy; larger ones with
one vectorised maximum per player over the exact integer tables. Both decide the same
inequalities and give the same list.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import prod

__all__ = ["SMALL_GAME_ENTRIES", "pure_equilibria"]

#: Largest number of pure profiles decided without NumPy.
SMALL_GAME_ENTRIES = 20_000


def pure_equilibria(
    shape: Sequence[int], tables: Sequence[Sequence[int]], *, small: bool | None = None
) -> list[tuple[int, ...]]:
    """Every pure-strategy Nash equilibrium, as strategy-index tuples.

    A profile is kept when every player's payoff there equals the maximum along that player's
    own axis (no unilateral deviation pays); see the module docstring.

    Parameters
    ----------
    shape : sequence of int
        Each player's number of strategies.
    tables : sequence of sequences of int
        One exact integer payoff table per player (scale rational payoffs to integers first),
        flat, one entry per pure profile with the first player's strategy slowest.
    small : bool or None, optional
        Force the plain-Python (True) or the NumPy (False) computation; None chooses by size.
        The result is the same.

    Returns
    -------
    list of tuple of int
        Each pure equilibrium as one 0-based strategy index per player, first player's strategy
        slowest (lexicographic order); empty when there is none (or no table).
    """
    if not tables:
        return []
    shape = tuple(shape)
    size = prod(shape)
    if small if small is not None else size <= SMALL_GAME_ENTRIES:
        stable = _stable_small(shape, tables, size)
    else:
        stable = _stable_arrays(shape, tables)
    found = []
    for index, ok in enumerate(stable):
        if ok:
            profile, rest = [], index
            for k in reversed(shape):
                rest, s = divmod(rest, k)
                profile.append(s)
            found.append(tuple(reversed(profile)))
    return found


def _stable_small(shape: tuple[int, ...], tables: Sequence[Sequence[int]], size: int) -> list[bool]:
    stable = [True] * size
    step = size
    for k, table in zip(shape, tables, strict=True):
        step //= k  # how far one of this player's strategies moves in the flat table
        block = step * k
        for start in range(0, size, block):
            for offset in range(start, start + step):
                line = range(offset, offset + block, step)
                best = max(table[i] for i in line)
                for i in line:
                    if table[i] != best:
                        stable[i] = False
    return stable


def _stable_arrays(shape: tuple[int, ...], tables: Sequence[Sequence[int]]) -> list[bool]:
    import numpy as np

    from ggcalc.exact.linear import as_int64_if_exact

    stable = np.ones(shape, dtype=bool)
    for player, flat in enumerate(tables):
        table = np.empty(len(flat), dtype=object)
        table[:] = list(flat)
        values = as_int64_if_exact(table.reshape(shape))
        stable &= values == values.max(axis=player, keepdims=True)
    return [bool(v) for v in stable.ravel()]
