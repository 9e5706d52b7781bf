"""Maximal Nash subsets: the convex sets of equilibria a degenerate bimatrix game can have.

Extreme equilibria ``(x, y)`` and ``(x', y')`` may combine: if ``(x, y')`` and ``(x', y)`` are
equilibria too, every mix of the x's with every mix of the y's is an equilibrium. A maximal set
``X × Y`` of extreme strategies that pair up this way spans a *maximal Nash subset*, the convex
hull of ``X`` times that of ``Y`` (Winkels 1979; Avis, Rosenberg, Savani and von Stengel,
"Enumeration of Nash equilibria for two-player games", Economic Theory 42, 2010, section 5,
where lrsnash finds them by clique enumeration). In the bipartite graph joining each extreme x
to each extreme y it forms an equilibrium with, these are the maximal bicliques.

A maximal biclique ``(X, Y)`` satisfies ``X = N(Y)`` and ``Y = N(X)`` (``N`` = common
neighbours), so its ``X`` is an intersection of neighbourhoods ``N(y)``; closing the family of
those neighbourhoods under intersection yields every maximal biclique exactly once.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

__all__ = ["maximal_nash_subsets"]


def maximal_nash_subsets(equilibria: Sequence[tuple[Hashable, Hashable]]) -> list[list[int]]:
    """Group extreme equilibria into maximal Nash subsets.

    The maximal bicliques of the graph joining each extreme ``x`` to each extreme ``y`` it forms
    an equilibrium with, found by closing the neighbourhoods ``N(y)`` under intersection (Winkels
    1979; Avis, Rosenberg, Savani and von Stengel 2010, section 5; see the module docstring).

    Parameters
    ----------
    equilibria : sequence of (hashable, hashable)
        The complete list of extreme equilibria, each as ``(x, y)`` with hashable strategies.

    Returns
    -------
    list of list of int
        For each maximal Nash subset, the indices (into ``equilibria``) of the extreme
        equilibria it contains, ascending; subsets ordered by their first index. An isolated
        equilibrium is a subset of its own.
    """
    index = {pair: i for i, pair in enumerate(equilibria)}
    neighbours: dict[Hashable, frozenset[Hashable]] = {}
    for x, y in equilibria:
        neighbours[y] = neighbours.get(y, frozenset()) | {x}
    closed: set[frozenset[Hashable]] = set(neighbours.values())
    frontier = set(closed)
    while frontier:
        new = {a & b for a in frontier for b in closed} - closed - {frozenset()}
        closed |= new
        frontier = new
    ys = list(neighbours)
    subsets = []
    for xs in closed:
        partners = [y for y in ys if xs <= neighbours[y]]
        members = sorted(index[(x, y)] for x in xs for y in partners)
        subsets.append(members)
    return sorted(subsets)
