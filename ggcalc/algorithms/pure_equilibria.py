"""Every pure-strategy Nash equilibrium of an n-player game, exactly.

A pure profile is an equilibrium when each player's payoff there is the largest along that
player's own axis of its payoff table. One vectorised maximum per player over the exact integer
tables decides every profile at once.
"""

from __future__ import annotations

import numpy as np

from ggcalc.exact.linear import as_int64_if_exact

__all__ = ["pure_equilibria"]


def pure_equilibria(tables: tuple[np.ndarray, ...]) -> list[tuple[int, ...]]:
    """Every pure-strategy Nash equilibrium, as strategy-index tuples.

    A profile is kept when every player's payoff there equals the maximum along that player's
    own axis (no unilateral deviation pays); see the module docstring.

    Parameters
    ----------
    tables : tuple of numpy.ndarray
        One exact integer payoff table per player (scale rational payoffs to integers first),
        each with one axis per player.

    Returns
    -------
    list of tuple of int
        Each pure equilibrium as one 0-based strategy index per player, first player's strategy
        slowest (lexicographic order); empty when there is none (or no table).
    """
    if not tables:
        return []
    stable = np.ones(tables[0].shape, dtype=bool)
    for player, table in enumerate(tables):
        values = as_int64_if_exact(table)
        best = values.max(axis=player, keepdims=True)
        stable &= values == best
    return [tuple(int(i) for i in index) for index in np.argwhere(stable)]
