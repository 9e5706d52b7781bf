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

Why one module: the support scan, the degeneracy test and the vertex matching share one pass
over the support pairs, its float bounds and its exact decisions; apart they would redo it.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from math import comb
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from ggcalc.exact.linear import as_int64_if_exact, indifference_mix, integer_solve

if TYPE_CHECKING:
    from ggcalc.exact.modular import ModularSolution

__all__ = ["DegeneracyWitness", "SupportEnumerationResult", "Vertex", "support_enumeration"]

#: Unit roundoff of IEEE double precision.
_U = 2.0**-53
#: Pairs solved per NumPy batch (bounds memory at about 60 MB for 13x13 systems).
BATCH = 40_000
#: Largest float error bound, relative to the solution, we let floats decide with.
_MAX_RELATIVE_ERROR = 1e-3
#: Games with at most this many support pairs (``C(m + n, m) - 1``: 923 for 6x6, 1286 for 5x8,
#: 1715 for 6x7) are decided by :func:`_small_game`, one support system at a time in exact
#: integer arithmetic; larger ones by the batched NumPy pipeline, whose fixed costs only pay
#: off over many systems. Both decide exactly the same; this only chooses the faster.
SMALL_GAME_PAIRS = 1500


@dataclass(frozen=True)
class DegeneracyWitness:
    """A mixed strategy with more pure best responses than strategies in its support.

    Its existence proves the bimatrix game degenerate (see the module docstring).

    Attributes
    ----------
    player : int
        The player who mixes: 0 for the row player, 1 for the column player.
    mix : tuple of Fraction
        The mixed strategy, exact, over all of ``player``'s strategies.
    best_responses : tuple of int
        The opponent's pure best responses to ``mix``, which all earn the same, maximal payoff
        against it (more of them than ``mix`` has strategies in its support).
    """

    player: int
    mix: tuple[Fraction, ...]
    best_responses: tuple[int, ...]


@dataclass(frozen=True)
class Vertex:
    """A vertex of a best-response polyhedron: a mix and the opponent's best responses to it.

    Attributes
    ----------
    mix : tuple of Fraction
        The mixed strategy, exact, over all of the mixing player's strategies.
    best_responses : frozenset of int
        The opponent's pure best responses to ``mix``.
    support : frozenset of int
        The strategies ``mix`` plays with positive probability (derived from ``mix``).
    """

    mix: tuple[Fraction, ...]
    best_responses: frozenset[int]
    support: frozenset[int] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "support", frozenset(i for i, p in enumerate(self.mix) if p))


@dataclass
class SupportEnumerationResult:
    """Exact extreme equilibria ``(x, y)`` of a bimatrix game and how they were proven complete.

    ``witness`` is None for a nondegenerate game (every equilibrium has equal-size supports);
    otherwise it shows the degeneracy, and the equilibria come from vertex matching. Either way
    ``equilibria`` is the complete set of extreme equilibria, unless ``stopped`` says the time
    limit cut the scan short after ``pairs`` of ``total_pairs`` support pairs.

    Attributes
    ----------
    equilibria : list of (tuple of Fraction, tuple of Fraction)
        The extreme equilibria, each as the row player's and the column player's mix.
    witness : DegeneracyWitness or None
        A witness of degeneracy, or None if the scan found none (a nondegenerate game, when
        the scan was not stopped).
    pairs : int
        The support pairs scanned.
    total_pairs : int
        The support pairs of equal size there are, ``C(m + n, m) - 1``.
    stopped : bool
        Whether the time limit ended the scan: the list may then be incomplete.
    """

    equilibria: list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]] = field(
        default_factory=list
    )
    witness: DegeneracyWitness | None = None
    pairs: int = 0
    total_pairs: int = 0
    stopped: bool = False  # the time limit ended the scan: the list may be incomplete


def _combinations(n: int, k: int) -> np.ndarray:
    return np.array(list(itertools.combinations(range(n), k)), dtype=np.intp).reshape(-1, k)


def _pair_batches(
    rows: np.ndarray, cols: np.ndarray
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """Every (row subset, column subset) pair, in batches: the subsets and their indices."""
    total = len(rows) * len(cols)
    for start in range(0, total, BATCH):
        index = np.arange(start, min(total, start + BATCH))
        row_index, col_index = index // len(cols), index % len(cols)
        yield rows[row_index], cols[col_index], row_index, col_index


def _never_best(payoff: np.ndarray, supports: np.ndarray) -> np.ndarray:
    """``[s, t]``: strategy ``t`` is never a best response to a mix on support ``s``.

    True when another strategy earns strictly more against every pure strategy of the
    support (so against every mix of them): such a ``t`` cannot be in a vertex's tie, which
    rules out most support systems before any arithmetic is done. ``payoff`` holds exact
    integers, the indifferent player's strategies as rows.
    """
    table = as_int64_if_exact(payoff)
    sub = np.transpose(table[:, supports], (1, 0, 2))  # (supports, strategies, k)
    better = np.asarray(sub[:, :, None, :] > sub[:, None, :, :], dtype=bool)
    return np.asarray(np.all(better, axis=3).any(axis=1), dtype=bool)  # any t' beats t


def _maybe_vertices(
    payoff: np.ndarray, tie: np.ndarray, support: np.ndarray, singular_seen: list[bool]
) -> np.ndarray:
    """Which systems ``payoff[tie, support] z = v, sum z = 1`` may give a polyhedron vertex.

    A vertex needs ``z >= 0`` and no strategy earning more than the tie. Batched float solves
    rule a system out only when a probability is negative, or a strategy better, by more than a
    rigorous bound on the float error; ill-conditioned systems are never ruled out.
    ``payoff`` is the indifferent player's table (its strategies as rows), scaled to |a| <= 1.
    ``singular_seen[0]`` remembers that a batch had a singular system, as degenerate games do
    throughout: later batches then screen for singular systems first instead of failing once.
    """
    count, k = tie.shape
    size = k + 1
    system = np.zeros((count, size, size))
    system[:, :k, :k] = payoff[tie[:, :, None], support[:, None, :]]
    system[:, :k, k] = -1.0
    system[:, k, :k] = 1.0

    inverse = None
    near_singular = np.zeros(count, dtype=bool)
    if not singular_seen[0]:
        try:
            inverse = np.linalg.inv(system)
        except np.linalg.LinAlgError:
            singular_seen[0] = True
    if inverse is None:
        # Leave every nearly singular system to exact arithmetic; the identity keeps the
        # batch invertible.
        row_norms = np.sqrt((system**2).sum(axis=2)).prod(axis=1)
        near_singular = np.abs(np.linalg.det(system)) <= 1e-9 * row_norms
        system[near_singular] = np.eye(size)
        inverse = np.linalg.inv(system)
    solution = inverse[:, :, k]  # the right-hand side is (0, ..., 0, 1)
    # kappa_inf = ||system||_inf ||inverse||_inf with ||system||_inf <= k + 1 (|payoff| <= 1)
    # and ||inverse||_inf <= sqrt(size) ||inverse||_F, which one fused pass computes.
    kappa = (k + 1) * np.sqrt(size * np.einsum("bij,bij->b", inverse, inverse))
    constant = 2.0 * 3.0 * size**3 * 2.0 ** (size - 1) * _U
    scale = np.maximum(1.0, np.abs(solution).max(axis=1))
    error = constant * kappa * scale
    uncertain = near_singular | ~np.isfinite(error) | (constant * kappa > _MAX_RELATIVE_ERROR)
    error = np.where(uncertain, np.inf, error)

    z = solution[:, :k]
    v = solution[:, k]
    # Each strategy's payoff against z: error at most k * (error in z) + (error in v) plus the
    # rounding of a k-term product.
    full = np.zeros((count, payoff.shape[1]))
    np.put_along_axis(full, support, z, axis=1)
    earned = full @ payoff.T
    payoff_error = (k + 1) * error + 2 * (k + 1) ** 2 * _U * scale
    surely_negative = (z < -error[:, None]).any(axis=1)
    surely_better = (earned - v[:, None] > payoff_error[:, None]).any(axis=1)
    return ~surely_negative & ~surely_better


def _scaled_floats(table: np.ndarray) -> np.ndarray:
    """Exact integers to floats divided by a power of two so that every |entry| <= 1."""
    largest = max((abs(int(v)) for v in table.flat), default=0)
    shift = max(0, largest.bit_length())
    return np.array([float(Fraction(int(v), 1 << shift)) for v in table.flat]).reshape(table.shape)


@dataclass
class _SideVertices:
    """The vertices among one batch of support systems of one side, decided exactly.

    ``index`` are the systems (rows of the batch) that are vertices, with each vertex's
    support size and best responses; the exact mixes are rebuilt only when asked for, since a
    nondegenerate game needs them just for its equilibria.
    """

    index: np.ndarray
    played: np.ndarray  # (vertices, strategies of the mixing player) bool: the support
    best: np.ndarray  # (vertices, strategies of the indifferent player) bool
    supports: np.ndarray
    n_mix: int
    exact: ModularSolution | None
    exact_rows: np.ndarray
    extra: list[Vertex]  # systems the modular solver left to fractions, already decided

    def mixes(self, positions: np.ndarray) -> list[tuple[Fraction, ...]]:
        """Exact mixes of the vertices at ``positions`` (into :attr:`index`)."""
        modular = [p for p in positions if p < len(self.exact_rows)]
        result: dict[int, tuple[Fraction, ...]] = {}
        if modular and self.exact is not None:
            rows = self.exact_rows[modular]
            for position, numerators in zip(modular, self.exact.mixes(rows), strict=True):
                mix = [Fraction(0)] * self.n_mix
                for j, (numerator, det) in zip(self.supports[position], numerators, strict=True):
                    mix[int(j)] = Fraction(numerator, det)
                result[int(position)] = tuple(mix)
        for position in positions:
            if position >= len(self.exact_rows):
                result[int(position)] = self.extra[position - len(self.exact_rows)].mix
        return [result[int(p)] for p in positions]


def _side_vertices(
    payoff: np.ndarray, bound: int, ties: np.ndarray, supports: np.ndarray, n_mix: int
) -> _SideVertices:
    """Exactly decide the given support systems and keep those that are vertices.

    Uses the multi-modular solver; the rare system it cannot decide is solved with fractions.
    """
    strategies = payoff.shape[0]
    if len(ties) == 0:
        empty = np.zeros(0, dtype=np.intp)
        return _SideVertices(
            empty,
            np.zeros((0, n_mix), dtype=bool),
            np.zeros((0, strategies), dtype=bool),
            supports,
            n_mix,
            None,
            empty,
            [],
        )
    # Imported here: only games too big for the small-game path use the modular solver.
    from ggcalc.exact.modular import solve_modular

    exact = solve_modular(payoff, bound, ties, supports)
    is_vertex = (
        ~exact.singular
        & ~exact.unresolved
        & (exact.z_sign >= 0).all(axis=1)
        & (exact.advantage_sign <= 0).all(axis=1)
    )
    chosen = np.flatnonzero(is_vertex)
    extra_index, extra = [], []
    rows = [[int(v) for v in row] for row in payoff]
    for index in np.flatnonzero(exact.unresolved):
        vertex = _fraction_vertex(rows, tuple(ties[index]), tuple(supports[index]), n_mix)
        if vertex is not None:
            extra_index.append(int(index))
            extra.append(vertex)
    best = exact.advantage_sign[chosen] == 0
    played = np.zeros((len(chosen), n_mix), dtype=bool)
    np.put_along_axis(played, supports[chosen], exact.z_sign[chosen] != 0, axis=1)
    extra_best = np.zeros((len(extra), strategies), dtype=bool)
    extra_played = np.zeros((len(extra), n_mix), dtype=bool)
    for row, vertex in enumerate(extra):
        extra_best[row, list(vertex.best_responses)] = True
        extra_played[row, list(vertex.support)] = True
    return _SideVertices(
        index=np.concatenate([chosen, np.array(extra_index, dtype=np.intp)]),
        played=np.concatenate([played, extra_played]),
        best=np.concatenate([best, extra_best]),
        supports=np.concatenate([supports[chosen], supports[extra_index]]),
        n_mix=n_mix,
        exact=exact,
        exact_rows=chosen,
        extra=extra,
    )


def _fraction_vertex(
    payoff: list[list[int]], tie: tuple[int, ...], support: tuple[int, ...], n_mix: int
) -> Vertex | None:
    """The same decision with :class:`~fractions.Fraction` arithmetic (slow, always works)."""
    solved = indifference_mix(payoff, tie, support)
    if solved is None or any(p < 0 for p in solved[0]):
        return None
    mix = dict(zip(support, solved[0], strict=True))
    earned = [sum((p * row[j] for j, p in mix.items()), Fraction(0)) for row in payoff]
    top = max(earned)
    best = frozenset(i for i, e in enumerate(earned) if e == top)
    if not set(tie) <= best:
        return None
    return Vertex(tuple(mix.get(j, Fraction(0)) for j in range(n_mix)), best)


def _distinct_vertices(sides: list[_SideVertices]) -> tuple[np.ndarray, np.ndarray, list]:
    """Each vertex once: its support and best responses, and where to rebuild its mix.

    A vertex is determined by its tight constraints (its unplayed strategies and its best
    responses), so equal label sets mean the same vertex, found from another support system;
    deduplicating on labels avoids rebuilding the same exact mix many times.
    """
    played = np.concatenate([side.played for side in sides])
    best = np.concatenate([side.best for side in sides])
    origin = [(side, position) for side in sides for position in range(len(side.index))]
    labels = np.packbits(np.concatenate([played, best], axis=1), axis=1)
    _, first = np.unique(labels, axis=0, return_index=True)
    return played[first], best[first], [origin[i] for i in first]


def _complementary_pairs(
    x_sides: list[_SideVertices], y_sides: list[_SideVertices]
) -> list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    """Vertex pairs whose labels cover every strategy: ``supp x <= BR(y)``, ``supp y <= BR(x)``.

    Counted for all pairs at once as matrix products of 0/1 indicator matrices (a pair
    matches when no played strategy fails to be a best response); only the mixes of matched
    vertices are rebuilt.
    """
    x_played, x_best, x_origin = _distinct_vertices(x_sides)
    y_played, y_best, y_origin = _distinct_vertices(y_sides)
    if not x_origin or not y_origin:
        return []
    as_float = np.float32  # counts stay below 2^24, so the products are exact
    misses = x_played.astype(as_float) @ (~y_best).T.astype(as_float) + (~x_best).astype(
        as_float
    ) @ y_played.T.astype(as_float)
    matched_x, matched_y = np.nonzero(misses == 0)

    def mixes(indices: np.ndarray, origin: list) -> dict[int, tuple[Fraction, ...]]:
        return {
            int(i): origin[i][0].mixes(np.array([origin[i][1]]))[0] for i in set(indices.tolist())
        }

    x_mix, y_mix = mixes(matched_x, x_origin), mixes(matched_y, y_origin)
    return [(x_mix[int(a)], y_mix[int(b)]) for a, b in zip(matched_x, matched_y, strict=True)]


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
    column set, making the row set indifferent; 0: the other way round). As in
    :func:`_never_best`, a tie containing a strategy that another beats in every column of the
    support cannot be a vertex, so that system is dropped without arithmetic.
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
    """Vertex matching (:func:`_complementary_pairs`) for :func:`_small_game`, in the same order.

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
    A: np.ndarray, B: np.ndarray, deadline: float | None, vertex_matching: bool = False
) -> SupportEnumerationResult:
    """:func:`support_enumeration` for small games, with the same result in the same order.

    The same support pairs in the same order, pruned the same way (:func:`_small_side`), but
    with no float screen, which only ever drops systems that are not vertices: each system
    left is decided on its own in exact integer arithmetic by :func:`_small_vertex`. So the
    vertices found are the same, and so are the witness and the equilibria, in the same order.
    For a few hundred systems this costs far less than the batched pipeline's fixed overheads.
    """
    m, n = A.shape
    a = [[int(v) for v in row] for row in A]
    bt = [[int(B[i, j]) for i in range(m)] for j in range(n)]
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
    A: np.ndarray,
    B: np.ndarray,
    timeout: float | None = None,
    *,
    small: bool | None = None,
    vertex_matching: bool = False,
) -> SupportEnumerationResult:
    """Every extreme Nash equilibrium of the bimatrix game ``(A, B)``, exactly.

    Parameters
    ----------
    A, B : numpy.ndarray
        Exact integer payoff tables (object arrays) of the row and the column player, shape
        ``(m, n)``. Scale each player's payoffs to integers first (positive scaling keeps every
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
    m, n = A.shape
    deadline = None if timeout is None else time.monotonic() + timeout
    if small if small is not None else comb(m + n, m) - 1 <= SMALL_GAME_PAIRS:
        return _small_game(A, B, deadline, vertex_matching)
    bt = B.T
    a_bound = max(abs(int(v)) for v in A.flat)
    b_bound = max(abs(int(v)) for v in B.flat)
    a_float, bt_float = _scaled_floats(A), _scaled_floats(bt)
    result = SupportEnumerationResult()
    x_vertices: list[_SideVertices] = []
    y_vertices: list[_SideVertices] = []
    equal_support: list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]] = []
    singular_seen = [False]
    result.total_pairs = comb(m + n, m) - 1  # sum over k >= 1 of C(m, k) C(n, k)
    for k in range(1, min(m, n) + 1):
        row_sets, col_sets = _combinations(m, k), _combinations(n, k)
        never_best_rows = _never_best(A, col_sets)  # [J, i]: row i never a best reply on J
        never_best_cols = _never_best(bt, row_sets)  # [I, j]
        for rows, cols, row_index, col_index in _pair_batches(row_sets, col_sets):
            if deadline is not None and time.monotonic() > deadline:
                result.stopped = True
                break
            result.pairs += len(rows)
            sides = {}
            # y: the column player's mix on J that makes rows I indifferent; x likewise.
            for name, payoff, bound, table, ties, supports, never, n_mix, found in (
                ("y", A, a_bound, a_float, rows, cols, never_best_rows[col_index], n, y_vertices),
                ("x", bt, b_bound, bt_float, cols, rows, never_best_cols[row_index], m, x_vertices),
            ):
                possible = np.flatnonzero(~np.take_along_axis(never, ties, axis=1).any(axis=1))
                maybe = possible[
                    _maybe_vertices(table, ties[possible], supports[possible], singular_seen)
                ]
                side = _side_vertices(payoff, bound, ties[maybe], supports[maybe], n_mix)
                side.index = maybe[side.index]  # positions in the batch
                sides[name] = side
                found.append(side)
                if result.witness is None:
                    excess = np.flatnonzero(side.best.sum(axis=1) > side.played.sum(axis=1))
                    if len(excess):
                        (mix,) = side.mixes(excess[:1])
                        best = tuple(int(i) for i in np.flatnonzero(side.best[excess[0]]))
                        result.witness = DegeneracyWitness(1 if name == "y" else 0, mix, best)
            # A pair whose two sides are both vertices is an equilibrium: supp x <= I <= BR(y)
            # and supp y <= J <= BR(x).
            both, x_at, y_at = np.intersect1d(
                sides["x"].index, sides["y"].index, return_indices=True
            )
            if len(both):
                equal_support += zip(sides["x"].mixes(x_at), sides["y"].mixes(y_at), strict=True)
        if result.stopped:
            break
    if (result.witness is None and not vertex_matching) or result.stopped:
        # Nondegenerate (or cut short): the equal-support equilibria are all (or all found).
        result.equilibria = list(dict.fromkeys(equal_support))
        return result
    result.equilibria = _complementary_pairs(x_vertices, y_vertices)
    return result
