"""Support enumeration for bimatrix games: float-filtered, decided in exact arithmetic.

Algorithm
---------
In a nondegenerate bimatrix game every Nash equilibrium has supports ``I`` (row player) and
``J`` (column player) of equal size ``k``, and the equilibrium is the unique solution of the
indifference equations of that support pair (von Stengel, "Computing equilibria for two-person
games", *Handbook of Game Theory* 3, 2002, Thm 2.10 and Algorithm 2.9). Enumerating every equal-
size support pair therefore finds the complete set.

Each support pair asks two small linear systems, one per player, and each is decided in three
steps, cheapest first:

1. *Pruning, exactly.* A strategy that another pure strategy beats against every strategy of the
   support can never be among the tied best responses, so such systems are dropped at once.
2. *Screening, with floats.* The remaining systems are solved in NumPy batches, and a system is
   dropped only when a probability is negative, or a strategy outside the tie earns more, by a
   margin larger than a rigorous bound on the float error. The bound is the classical one for
   Gaussian elimination with partial pivoting, taken with the worst-case growth factor 2^(n-1)
   (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., Thm 9.5 and Thm 7.2):
   the forward error is at most ``2 κ · 3n³ · 2^(n-1) · u · ||x||``, with the condition number
   ``κ`` bounded from above through the Frobenius norm of the computed inverse. Systems whose
   condition number makes that bound useless are never dropped.
3. *Deciding, exactly.* Every system that survives is decided in exact integer arithmetic by the
   multi-modular solver (:mod:`ggcalc.exact.modular`), with fractions for the rare system
   it leaves open. Exact mixes are rebuilt only for what is reported.

Degeneracy
----------
The same scan decides degeneracy exactly. A game is degenerate iff some mixed strategy with
support size k has more than k pure best responses. Any such strategy can be moved (keeping its
best responses tied and best) to one that is the unique solution of some equal-size support
system, so checking the best-response count at every feasible, uniquely solvable support pair
finds a witness whenever one exists. Without a witness the game is nondegenerate and the list of
equilibria is complete.

Small games
-----------
For games with few support pairs (:data:`SMALL_GAME_PAIRS`, every game up to 6x6) the batches
are too small to pay for NumPy's and the modular solver's fixed costs. There each system, after
the same exact pruning, is decided directly in exact integer arithmetic: subtracting one tie
row from the others removes the common payoff, and the remaining ``k x k`` system is solved by
its adjugate (explicit cofactors for ``k <= 4``, fraction-free Gauss–Jordan elimination above),
so every sign and comparison is one on Python integers. The scan, the degeneracy witness and
the vertex matching are otherwise the same, and so is the result.

Degenerate games: vertex matching
---------------------------------
With a witness, equal-size supports no longer suffice, but the same systems still describe every
*extreme* equilibrium. The extreme equilibria of any bimatrix game are the pairs of vertices of
the best-response polyhedra ``P = {(x, u): x >= 0, sum x = 1, B^T x <= u}`` and
``Q = {(y, v): y >= 0, sum y = 1, A y <= v}`` whose labels together cover every pure strategy
(each strategy is unplayed or a best response): Mangasarian, "Equilibrium points of bimatrix
games", J. SIAM 12 (1964); Winkels (1979); Avis, Rosenberg, Savani and von Stengel, "Enumeration
of Nash equilibria for two-player games", Economic Theory 42 (2010), section 3. A vertex of ``P``
has ``m + 1`` linearly independent tight constraints: the sum, some zeros ``x_i = 0`` and some
ties of best responses; with ``I`` the strategies not among the chosen zeros and ``J`` the chosen
ties, ``|I| = |J|`` and the vertex is the unique solution of the support system of ``(I, J)``. So
the x-side solutions of the scan that are mixed strategies with ``J`` among their best responses
are exactly the vertices of ``P`` (likewise ``Q``), and matching them is the complete list of
extreme equilibria: the set Gambit's ``enummixed`` and lrsnash report.

Where the code is
-----------------
This module holds the entry point and the small-game path, which needs no NumPy (so solving a
shipped scenario never imports it); :mod:`ggcalc.algorithms.support_batches` holds the batched
NumPy pipeline for larger games, and :mod:`ggcalc.algorithms.support_results` the result types.

Why one module: the small path's scan, degeneracy test and vertex matching share one pass over
the support pairs and its exact decisions, and the entry point documents the method for both.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from fractions import Fraction
from math import comb
from typing import NamedTuple

from ggcalc.algorithms.support_results import DegeneracyWitness, SupportEnumerationResult, Vertex
from ggcalc.exact.linear import integer_solve

__all__ = [
    "SMALL_GAME_PAIRS",
    "DegeneracyWitness",
    "SupportEnumerationResult",
    "Vertex",
    "support_enumeration",
]

#: Games with at most this many support pairs (``C(m + n, m) - 1``: 923 for 6x6, 1286 for 5x8,
#: 1715 for 6x7) are decided by :func:`_small_game`, one support system at a time in exact
#: integer arithmetic; larger ones by the batched NumPy pipeline, whose fixed costs only pay
#: off over many systems. Both decide exactly the same; this only chooses the faster.
SMALL_GAME_PAIRS = 1500

#: A payoff table: rows of exact integers (a list of lists, or a two-dimensional array).
Table = Sequence[Sequence[int]]


class _SmallVertex(NamedTuple):
    """A vertex found by :func:`_small_game`: ``z = numerators / det`` on ``support``.

    ``played`` and ``best`` are bit masks (bit ``i`` for strategy ``i``) of the support with a
    nonzero probability and of the opponent's best responses; together they are the vertex's
    labels, which determine it.
    """

    support: tuple[int, ...]
    numerators: tuple[int, ...]
    det: int
    played: int
    best: int

    def mix(self, n_mix: int) -> tuple[Fraction, ...]:
        mix = [_ZERO] * n_mix
        for j, numerator in zip(self.support, self.numerators, strict=True):
            if numerator:
                mix[j] = Fraction(numerator, self.det)
        return tuple(mix)

    def excess(self) -> bool:
        """More best responses than played strategies: a witness of degeneracy."""
        return _popcount(self.best) > _popcount(self.played)


_ZERO = Fraction(0)


def _popcount(mask: int) -> int:
    return bin(mask).count("1")


def _small_vertex(
    table: list[list[int]], tie: tuple[int, ...], support: tuple[int, ...]
) -> _SmallVertex | None:
    """Exactly decide one support system; the vertex it gives, or None.

    ``table`` is the indifferent player's integer payoffs, its strategies as rows. The system
    ``table[tie, support] z = v 1, sum z = 1`` is first reduced by subtracting the first tie
    row from the others, which removes ``v``: ``M z = e_k`` with ``M`` the ``k - 1`` rows of
    differences and a row of ones. Its solution is ``z = N / D`` with ``N = adj(M) e_k`` (the
    cofactors of the row of ones, so ``D = det M = sum N``); the bordered system is singular
    exactly when ``D = 0``. With ``D > 0`` the payoff of each row ``i`` times ``D`` is the
    integer ``sum_j table[i][j] N_j``, so the vertex conditions (``z >= 0``, no row earning more
    than the tie) and the best responses are integer comparisons.
    """
    k = len(support)
    first = table[tie[0]]
    numerators: tuple[int, ...]
    if k == 1:
        numerators, det = (1,), 1
    elif k == 2:
        j0, j1 = support
        other = table[tie[1]]
        d0, d1 = other[j0] - first[j0], other[j1] - first[j1]
        numerators, det = (-d1, d0), d0 - d1
    elif k == 3:
        j0, j1, j2 = support
        r, s = table[tie[1]], table[tie[2]]
        a, b, c = r[j0] - first[j0], r[j1] - first[j1], r[j2] - first[j2]
        d, e, f = s[j0] - first[j0], s[j1] - first[j1], s[j2] - first[j2]
        numerators = (b * f - c * e, c * d - a * f, a * e - b * d)
        det = sum(numerators)
    elif k == 4:
        j0, j1, j2, j3 = support
        r, s, t = table[tie[1]], table[tie[2]], table[tie[3]]
        a0, a1, a2, a3 = r[j0] - first[j0], r[j1] - first[j1], r[j2] - first[j2], r[j3] - first[j3]
        b0, b1, b2, b3 = s[j0] - first[j0], s[j1] - first[j1], s[j2] - first[j2], s[j3] - first[j3]
        c0, c1, c2, c3 = t[j0] - first[j0], t[j1] - first[j1], t[j2] - first[j2], t[j3] - first[j3]
        # 2x2 minors of the last two rows, then the 3x3 minors by expansion along the first.
        m01, m02, m03 = b0 * c1 - b1 * c0, b0 * c2 - b2 * c0, b0 * c3 - b3 * c0
        m12, m13, m23 = b1 * c2 - b2 * c1, b1 * c3 - b3 * c1, b2 * c3 - b3 * c2
        numerators = (
            -(a1 * m23 - a2 * m13 + a3 * m12),
            a0 * m23 - a2 * m03 + a3 * m02,
            -(a0 * m13 - a1 * m03 + a3 * m01),
            a0 * m12 - a1 * m02 + a2 * m01,
        )
        det = sum(numerators)
    else:
        rows = [[table[i][j] - first[j] for j in support] for i in tie[1:]]
        det, solved = integer_solve([*rows, [1] * k], [0] * (k - 1) + [1])
        numerators = tuple(solved)
    if det == 0:
        return None
    if det < 0:
        det = -det
        numerators = tuple(-v for v in numerators)
    if k > 1 and min(numerators) < 0:
        return None
    if k == 1:
        earned = [row[support[0]] for row in table]
    elif k == 2:
        (j0, j1), (n0, n1) = support, numerators
        earned = [row[j0] * n0 + row[j1] * n1 for row in table]
    elif k == 3:
        (j0, j1, j2), (n0, n1, n2) = support, numerators
        earned = [row[j0] * n0 + row[j1] * n1 + row[j2] * n2 for row in table]
    else:
        terms = list(zip(support, numerators, strict=True))
        earned = [sum(row[j] * v for j, v in terms) for row in table]
    top = earned[tie[0]]
    if max(earned) > top:
        return None
    best = 0
    for i, value in enumerate(earned):
        if value == top:
            best |= 1 << i
    played = 0
    for j, v in zip(support, numerators, strict=True):
        if v:
            played |= 1 << j
    return _SmallVertex(support, numerators, det, played, best)


def _beaten_by(table: list[list[int]]) -> list[list[int]]:
    """``[j][i]``: bit mask of the rows that earn strictly more than row ``i`` in column ``j``."""
    beaten = []
    for j in range(len(table[0])):
        column = [row[j] for row in table]
        masks = [0] * len(table)
        above = group = 0  # the rows with larger values; those with the current value
        previous = None
        for i in sorted(range(len(table)), key=column.__getitem__, reverse=True):
            if column[i] != previous:
                above, group, previous = above | group, 0, column[i]
            masks[i] = above
            group |= 1 << i
        beaten.append(masks)
    return beaten


def _small_side(
    table: list[list[int]],
    beaten: list[list[int]],
    row_sets: list[tuple[int, ...]],
    col_sets: list[tuple[int, ...]],
    mixer: int,
) -> list[_SmallVertex | None]:
    """:func:`_small_vertex` for one side of every pair ``(row set, column set)``, in order.

    ``mixer`` is the player whose mix solves the systems (1: the column player mixes on the
    column set, making the row set indifferent; 0: the other way round). As in the batched
    pipeline, a tie containing a strategy that another beats in every column of the support
    cannot be a vertex, so that system is dropped without arithmetic.
    """
    ties, supports = (row_sets, col_sets) if mixer == 1 else (col_sets, row_sets)
    excluded = []
    for support in supports:
        mask = 0
        for i in range(len(table)):
            beaters = -1
            for j in support:
                beaters &= beaten[j][i]
            if beaters:
                mask |= 1 << i
        excluded.append(mask)
    tie_masks = [sum(1 << i for i in tie) for tie in ties]
    side: list[_SmallVertex | None] = []
    for r in range(len(row_sets)):
        for c in range(len(col_sets)):
            t, s = (r, c) if mixer == 1 else (c, r)
            if tie_masks[t] & excluded[s]:
                side.append(None)
            else:
                side.append(_small_vertex(table, ties[t], supports[s]))
    return side


def _small_matching(
    x_found: list[_SmallVertex], y_found: list[_SmallVertex], m: int, n: int
) -> list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    """The batched pipeline's vertex matching, for :func:`_small_game`, in the same order.

    Distinct vertices are ordered by their labels (played strategies, then best responses, as
    0/1 strings), as NumPy's ``unique`` orders the packed labels there.
    """

    def distinct(found: list[_SmallVertex], n_mix: int, n_other: int) -> list[_SmallVertex]:
        unique = {(v.played, v.best): v for v in reversed(found)}
        width = n_mix + n_other

        def key(v: _SmallVertex) -> int:  # strategy 0 as the most significant bit
            bits = v.played | v.best << n_mix
            return int(format(bits, f"0{width}b")[::-1], 2)

        return sorted(unique.values(), key=key)

    xs, ys = distinct(x_found, m, n), distinct(y_found, n, m)
    x_mix: dict[int, tuple[Fraction, ...]] = {}
    y_mix: dict[int, tuple[Fraction, ...]] = {}
    pairs = []
    for a, x in enumerate(xs):
        for b, y in enumerate(ys):
            if x.played & ~y.best == 0 and y.played & ~x.best == 0:
                if a not in x_mix:
                    x_mix[a] = x.mix(m)
                if b not in y_mix:
                    y_mix[b] = y.mix(n)
                pairs.append((x_mix[a], y_mix[b]))
    return pairs


def _small_game(
    A: Table, B: Table, deadline: float | None, vertex_matching: bool = False
) -> SupportEnumerationResult:
    """:func:`support_enumeration` for small games, with the same result in the same order.

    The same support pairs in the same order, pruned the same way (:func:`_small_side`), but
    with no float screen, which only ever drops systems that are not vertices: each system
    left is decided on its own in exact integer arithmetic by :func:`_small_vertex`. So the
    vertices found are the same, and so are the witness and the equilibria, in the same order.
    For a few hundred systems this costs far less than the batched pipeline's fixed overheads.
    """
    a = [[int(v) for v in row] for row in A]
    b = [[int(v) for v in row] for row in B]
    m, n = len(a), len(a[0])
    bt = [[b[i][j] for i in range(m)] for j in range(n)]
    a_beaten, bt_beaten = _beaten_by(a), _beaten_by(bt)
    result = SupportEnumerationResult(total_pairs=comb(m + n, m) - 1)
    x_found: list[_SmallVertex] = []
    y_found: list[_SmallVertex] = []
    equal_support: dict[tuple[int, int, int, int], tuple[_SmallVertex, _SmallVertex]] = {}
    for k in range(1, min(m, n) + 1):
        if deadline is not None and time.monotonic() > deadline:
            result.stopped = True
            break
        row_sets = list(itertools.combinations(range(m), k))
        col_sets = list(itertools.combinations(range(n), k))
        result.pairs += len(row_sets) * len(col_sets)
        y_side = _small_side(a, a_beaten, row_sets, col_sets, 1)
        x_side = _small_side(bt, bt_beaten, row_sets, col_sets, 0)
        for player, side, found in ((1, y_side, y_found), (0, x_side, x_found)):
            vertices = [v for v in side if v is not None]
            found += vertices
            if result.witness is None:
                witness = next((v for v in vertices if v.excess()), None)
                if witness is not None:
                    mix = witness.mix(n if player == 1 else m)
                    best = tuple(i for i in range(m if player == 1 else n) if witness.best >> i & 1)
                    result.witness = DegeneracyWitness(player, mix, best)
        for x, y in zip(x_side, y_side, strict=True):
            if x is not None and y is not None:
                # Labels determine a vertex, so they identify an equilibrium exactly.
                equal_support.setdefault((x.played, x.best, y.played, y.best), (x, y))
    if (result.witness is None and not vertex_matching) or result.stopped:
        result.equilibria = [(x.mix(m), y.mix(n)) for x, y in equal_support.values()]
        return result
    result.equilibria = _small_matching(x_found, y_found, m, n)
    return result


def support_enumeration(
    A: Table,
    B: Table,
    timeout: float | None = None,
    *,
    small: bool | None = None,
    vertex_matching: bool = False,
) -> SupportEnumerationResult:
    """Every extreme Nash equilibrium of the bimatrix game ``(A, B)``, exactly.

    Parameters
    ----------
    A, B : array_like
        Exact integer payoff tables of the row and the column player, shape ``(m, n)``: lists
        of rows of ints, or NumPy arrays (of Python ints, as ``dtype=object``, or int64).
        Scale each player's payoffs to integers first (positive scaling keeps every
        equilibrium).
    timeout : float or None, optional
        Seconds after which the scan stops between batches (between support sizes for small
        games; ``stopped`` is then set and the result holds the equilibria proven so far);
        None runs to completion.
    small : bool or None, optional
        Decide each support system on its own in integer arithmetic (True) or in NumPy batches
        (False); None chooses by size (:data:`SMALL_GAME_PAIRS`). The result is the same.
    vertex_matching
        Build the equilibria by matching the vertices of the two best-response polyhedra (vertex
        enumeration) even when the game is nondegenerate, instead of taking the equal-size
        support solutions. A degenerate game is always matched. In a nondegenerate game both
        give the same set (every equilibrium is a pair of matching vertices, each the unique
        solution of an equal-size support system); only the order of the list may differ.

    Returns
    -------
    SupportEnumerationResult
        The complete set of extreme equilibria (deduplicated, in discovery order) and, if the
        game is degenerate, a witness of its degeneracy.

    Notes
    -----
    Support enumeration for nondegenerate games (von Stengel 2002, Algorithm 2.9), with a float
    screen whose error bound is Higham's (Thm 9.5 and Thm 7.2), exact decisions by the
    multi-modular solver, and vertex matching for degenerate games (Mangasarian 1964; Winkels
    1979; Avis, Rosenberg, Savani and von Stengel 2010); the module docstring gives the full
    references.
    """
    m, n = len(A), len(A[0])
    deadline = None if timeout is None else time.monotonic() + timeout
    if small if small is not None else comb(m + n, m) - 1 <= SMALL_GAME_PAIRS:
        return _small_game(A, B, deadline, vertex_matching)
    from ggcalc.algorithms.support_batches import batched_game

    return batched_game(A, B, deadline, vertex_matching)
