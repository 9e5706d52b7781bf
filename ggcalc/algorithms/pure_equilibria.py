"""Every pure-strategy Nash equilibrium of an n-player game, exactly.

A pure profile is an equilibrium when each player's payoff there is the largest along that
player's own axis of its payoff table. One vectorised maximum per player over the exact integer
tables decides every profile at once.
"""

from __future__ import annotations

import numpy as np

from ggcalc.exact_linear import as_int64_if_exact

__all__ = ["pure_equilibria"]


def pure_equilibria(tables: tuple[np.ndarray, ...]) -> list[tuple[int, ...]]:
    """Pure equilibria as strategy-index tuples, first player's strategy slowest.

    Parameters
    ----------
    tables
        One exact integer payoff table per player (scale rational payoffs to integers first),
        each with one axis per player.
    """
    if not tables:
        return []
    stable = np.ones(tables[0].shape, dtype=bool)
    for player, table in enumerate(tables):
        values = as_int64_if_exact(table)
        best = values.max(axis=player, keepdims=True)
        stable &= values == best
    return [tuple(int(i) for i in index) for index in np.argwhere(stable)]
