"""Support enumeration for bimatrix games: float-filtered, decided in exact arithmetic.

Algorithm
---------
In a nondegenerate bimatrix game every Nash equilibrium has supports ``I`` (row player) and
``J`` (column player) of equal size ``k``, and the equilibrium is the unique solution of the
indifference equations of that support pair (von Stengel, "Computing equilibria for two-person
games", *Handbook of Game Theory* 3, 2002, Thm 2.10 and Algorithm 2.9). Enumerating every equal-
size support pair therefore finds the complete set.

Each support pair asks two small linear systems. We solve all of them at once with NumPy (in
batches) and use the floats only to *rule pairs out*: a pair is discarded when a probability is
negative or a strategy outside the tie earns more, by a margin larger than a rigorous bound on
the float error; every other pair is decided in exact rational arithmetic. The bound is the
classical one for Gaussian elimination with partial pivoting, taken with the worst-case growth
factor 2^(n-1) (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., Thm 9.5 and
Thm 7.2): the forward error is at most ``2 κ · 3n³ · 2^(n-1) · u · ||x||``. Systems whose
condition number makes that bound useless are decided exactly as well.

Degeneracy
----------
The same scan decides degeneracy exactly. A game is degenerate iff some mixed strategy with
support size k has more than k pure best responses. Any such strategy can be moved (keeping its
best responses tied and best) to one that is the unique solution of some equal-size support
system, so checking the best-response count at every feasible, uniquely solvable support pair
finds a witness whenever one exists. Without a witness the game is nondegenerate and the list of
equilibria is complete.

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
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from ggcalc.algorithms.modular import solve_modular
from ggcalc.exact_linear import indifference_mix

__all__ = ["DegeneracyWitness", "SupportEnumerationResult", "Vertex", "support_enumeration"]

#: Unit roundoff of IEEE double precision.
_U = 2.0**-53
#: Pairs solved per NumPy batch (bounds memory at about 60 MB for 13x13 systems).
BATCH = 40_000
#: Largest float error bound, relative to the solution, we let floats decide with.
_MAX_RELATIVE_ERROR = 1e-3


@dataclass(frozen=True)
class DegeneracyWitness:
    """A mixed strategy with more pure best responses than strategies in its support.

    ``player`` mixes ``mix`` (exact, over all its strategies); the opponent's ``best_responses``
    all earn the same, maximal payoff against it.
    """

    player: int
    mix: tuple[Fraction, ...]
    best_responses: tuple[int, ...]


@dataclass(frozen=True)
class Vertex:
    """A vertex of a best-response polyhedron: a mix and the opponent's best responses to it."""

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
    ``equilibria`` is the complete set of extreme equilibria, and ``x_vertices``/``y_vertices``
    (the indices of each equilibrium's x and y among them) describe how they combine.
    """

    equilibria: list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]] = field(
        default_factory=list
    )
    witness: DegeneracyWitness | None = None
    pairs: int = 0
    exact_systems: int = 0


def _combinations(n: int, k: int) -> np.ndarray:
    return np.array(list(itertools.combinations(range(n), k)), dtype=np.intp).reshape(-1, k)


def _pair_batches(m: int, n: int, k: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    rows, cols = _combinations(m, k), _combinations(n, k)
    total = len(rows) * len(cols)
    for start in range(0, total, BATCH):
        index = np.arange(start, min(total, start + BATCH))
        yield rows[index // len(cols)], cols[index % len(cols)]


def _maybe_vertices(payoff: np.ndarray, tie: np.ndarray, support: np.ndarray) -> np.ndarray:
    """Which systems ``payoff[tie, support] z = v, sum z = 1`` may give a polyhedron vertex.

    A vertex needs ``z >= 0`` and no strategy earning more than the tie. Batched float solves
    rule a system out only when a probability is negative, or a strategy better, by more than a
    rigorous bound on the float error; ill-conditioned systems are never ruled out.
    ``payoff`` is the indifferent player's table (its strategies as rows), scaled to |a| <= 1.
    """
    count, k = tie.shape
    size = k + 1
    system = np.zeros((count, size, size))
    system[:, :k, :k] = payoff[tie[:, :, None], support[:, None, :]]
    system[:, :k, k] = -1.0
    system[:, k, :k] = 1.0

    # Singular or nearly so: leave to exact arithmetic. The identity keeps the batch solvable.
    row_norms = np.sqrt((system**2).sum(axis=2)).prod(axis=1)
    near_singular = np.abs(np.linalg.det(system)) <= 1e-9 * row_norms
    system[near_singular] = np.eye(size)
    inverse = np.linalg.inv(system)
    solution = inverse[:, :, k]  # the right-hand side is (0, ..., 0, 1)
    # ||system||_inf <= k + 1 since |payoff| <= 1; the error bound of the module docstring.
    kappa = (k + 1) * np.abs(inverse).sum(axis=2).max(axis=1)
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


def _side_vertices(
    payoff: np.ndarray, bound: int, ties: np.ndarray, supports: np.ndarray, n_mix: int
) -> Iterator[tuple[int, Vertex]]:
    """Exactly decide the given support systems; yield ``(index, vertex)`` for each vertex.

    Uses the multi-modular solver; the rare system it cannot decide is solved with fractions.
    """
    if len(ties) == 0:
        return
    exact = solve_modular(payoff, bound, ties, supports)
    is_vertex = (
        ~exact.singular
        & ~exact.unresolved
        & (exact.z_sign >= 0).all(axis=1)
        & (exact.advantage_sign <= 0).all(axis=1)
    )
    chosen = np.flatnonzero(is_vertex)
    for index, numerators in zip(chosen, exact.mixes(chosen), strict=True):
        mix = [Fraction(0)] * n_mix
        for j, (numerator, det) in zip(supports[index], numerators, strict=True):
            mix[int(j)] = Fraction(numerator, det)
        best = frozenset(int(i) for i in np.flatnonzero(exact.advantage_sign[index] == 0))
        yield int(index), Vertex(tuple(mix), best)
    rows = [[int(v) for v in row] for row in payoff]
    for index in np.flatnonzero(exact.unresolved):
        vertex = _fraction_vertex(rows, tuple(ties[index]), tuple(supports[index]), n_mix)
        if vertex is not None:
            yield int(index), vertex


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


def _complementary_pairs(
    xs: list[Vertex], ys: list[Vertex]
) -> list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    """Vertex pairs whose labels cover every strategy: ``supp x <= BR(y)``, ``supp y <= BR(x)``.

    Counted for all pairs at once as matrix products of 0/1 indicator matrices (a pair
    matches when no played strategy fails to be a best response).
    """
    if not xs or not ys:
        return []
    m, n = len(xs[0].mix), len(ys[0].mix)

    def indicator(sets: list[frozenset[int]], size: int) -> np.ndarray:
        matrix = np.zeros((len(sets), size), dtype=np.float32)
        for row, members in enumerate(sets):
            matrix[row, list(members)] = 1.0
        return matrix

    x_support = indicator([x.support for x in xs], m)
    x_best = indicator([x.best_responses for x in xs], n)
    y_support = indicator([y.support for y in ys], n)
    y_best = indicator([y.best_responses for y in ys], m)
    # Counts stay below 2^24, so float32 products are exact.
    misses = x_support @ (1.0 - y_best).T + (1.0 - x_best) @ y_support.T
    return [(xs[a].mix, ys[b].mix) for a, b in zip(*np.nonzero(misses == 0), strict=True)]


def support_enumeration(A: np.ndarray, B: np.ndarray) -> SupportEnumerationResult:
    """Every extreme Nash equilibrium of the bimatrix game ``(A, B)``, exactly.

    Parameters
    ----------
    A, B
        Exact integer payoff tables (object arrays) of the row and the column player, shape
        ``(m, n)``. Scale each player's payoffs to integers first (positive scaling keeps every
        equilibrium).

    Returns
    -------
    SupportEnumerationResult
        The complete set of extreme equilibria (deduplicated, in discovery order) and, if the
        game is degenerate, a witness of its degeneracy.
    """
    m, n = A.shape
    bt = B.T
    a_bound = max(abs(int(v)) for v in A.flat)
    b_bound = max(abs(int(v)) for v in B.flat)
    a_float, bt_float = _scaled_floats(A), _scaled_floats(bt)
    result = SupportEnumerationResult()
    x_vertices: dict[tuple[Fraction, ...], Vertex] = {}
    y_vertices: dict[tuple[Fraction, ...], Vertex] = {}
    equal_support: list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]] = []
    for k in range(1, min(m, n) + 1):
        for rows, cols in _pair_batches(m, n, k):
            result.pairs += len(rows)
            sides = {}
            # y: the column player's mix on J that makes rows I indifferent; x likewise.
            for name, payoff, bound, table, ties, supports, n_mix, found in (
                ("y", A, a_bound, a_float, rows, cols, n, y_vertices),
                ("x", bt, b_bound, bt_float, cols, rows, m, x_vertices),
            ):
                maybe = np.flatnonzero(_maybe_vertices(table, ties, supports))
                result.exact_systems += len(maybe)
                vertices = dict(_side_vertices(payoff, bound, ties[maybe], supports[maybe], n_mix))
                sides[name] = {int(maybe[i]): vertex for i, vertex in vertices.items()}
                for vertex in vertices.values():
                    found.setdefault(vertex.mix, vertex)
                    if result.witness is None and len(vertex.best_responses) > len(vertex.support):
                        result.witness = DegeneracyWitness(
                            1 if name == "y" else 0,
                            vertex.mix,
                            tuple(sorted(vertex.best_responses)),
                        )
            # A pair whose two sides are both vertices is an equilibrium: supp x <= I <= BR(y)
            # and supp y <= J <= BR(x).
            for b in sides["x"].keys() & sides["y"].keys():
                equal_support.append((sides["x"][b].mix, sides["y"][b].mix))
    if result.witness is None:
        result.equilibria = list(dict.fromkeys(equal_support))
        return result
    result.equilibria = _complementary_pairs(list(x_vertices.values()), list(y_vertices.values()))
    return result
