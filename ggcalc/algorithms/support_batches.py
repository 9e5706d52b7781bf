"""The batched NumPy pipeline of :func:`~ggcalc.algorithms.support_enumeration.support_enumeration`.

Games with more support pairs than
:data:`~ggcalc.algorithms.support_enumeration.SMALL_GAME_PAIRS` are scanned here: support
pairs in NumPy batches, screened with floats under a rigorous error bound, decided exactly by
the multi-modular solver, and matched as vertices when the game is degenerate. The method and
its references are in :mod:`ggcalc.algorithms.support_enumeration`; this module imports NumPy,
which the small-game path (and so every shipped scenario) never needs.

Why one module: the batch scan, the degeneracy test and the vertex matching share one pass
over the support pairs, its float bounds and its exact decisions; apart they would redo it.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from math import comb
from typing import TYPE_CHECKING, Any

import numpy as np

from ggcalc.algorithms.support_results import DegeneracyWitness, SupportEnumerationResult, Vertex
from ggcalc.exact.linear import as_int64_if_exact, indifference_mix

if TYPE_CHECKING:
    from ggcalc.exact.modular import ModularSolution

__all__ = ["batched_game"]

#: Unit roundoff of IEEE double precision.
_U = 2.0**-53
#: Pairs solved per NumPy batch (bounds memory at about 60 MB for 13x13 systems).
BATCH = 40_000
#: Largest float error bound, relative to the solution, we let floats decide with.
_MAX_RELATIVE_ERROR = 1e-3


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


def batched_game(
    A: Any, B: Any, deadline: float | None, vertex_matching: bool = False
) -> SupportEnumerationResult:
    """The batched scan of :func:`~ggcalc.algorithms.support_enumeration.support_enumeration`.

    Parameters
    ----------
    A, B : array_like
        Exact integer payoff tables of the row and the column player, shape ``(m, n)``.
    deadline : float or None
        :func:`time.monotonic` time after which the scan stops between batches.
    vertex_matching : bool, optional
        Match vertices even in a nondegenerate game (see ``support_enumeration``).

    Returns
    -------
    SupportEnumerationResult
        As ``support_enumeration`` documents it.
    """
    A = np.asarray(A, dtype=object)
    B = np.asarray(B, dtype=object)
    m, n = A.shape
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
