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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

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

    @property
    def support(self) -> frozenset[int]:
        return frozenset(i for i, p in enumerate(self.mix) if p != 0)


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


@dataclass
class _SideFloat:
    """Float solution of one side's systems for a batch, with what it decides for sure."""

    z: np.ndarray  # (N, k) probabilities on the support
    maybe_feasible: np.ndarray  # (N,) no probability is surely negative
    maybe_equilibrium: np.ndarray  # (N,) and no strategy surely earns more than the tie
    needs_degeneracy_check: np.ndarray  # (N,) best responses may outnumber the support


def _solve_side(payoff: np.ndarray, tie: np.ndarray, support: np.ndarray) -> _SideFloat:
    """Batched float solve of ``payoff[tie, support] z = v, sum z = 1`` with error bounds.

    ``payoff`` is the indifferent player's table (its strategies as rows), scaled to |a| <= 1.
    """
    count, k = tie.shape
    size = k + 1
    system = np.zeros((count, size, size))
    system[:, :k, :k] = payoff[tie[:, :, None], support[:, None, :]]
    system[:, :k, k] = -1.0
    system[:, k, :k] = 1.0
    rhs = np.zeros((count, size))
    rhs[:, k] = 1.0

    # Singular or nearly so: decide exactly. Replace by the identity so the batch solves.
    row_norms = np.sqrt((system**2).sum(axis=2)).prod(axis=1)
    determinant = np.linalg.det(system)
    near_singular = np.abs(determinant) <= 1e-9 * row_norms
    system[near_singular] = np.eye(size)
    inverse = np.linalg.inv(system)
    solution = np.einsum("bij,bj->bi", inverse, rhs)
    kappa = np.abs(system).sum(axis=2).max(axis=1) * np.abs(inverse).sum(axis=2).max(axis=1)
    constant = 2.0 * 3.0 * size**3 * 2.0 ** (size - 1) * _U
    scale = np.maximum(1.0, np.abs(solution).max(axis=1))
    error = constant * kappa * scale
    uncertain = near_singular | ~np.isfinite(error) | (constant * kappa > _MAX_RELATIVE_ERROR)
    error = np.where(uncertain, np.inf, error)

    z = solution[:, :k]
    v = solution[:, k]
    # Payoff of every strategy of the indifferent player against z: error at most
    # (row 1-norm <= n) * error in z, plus the error in v, plus rounding of the product.
    full = np.zeros((count, payoff.shape[1]))
    np.put_along_axis(full, support, z, axis=1)
    earned = full @ payoff.T
    payoff_error = (payoff.shape[1] + 1) * error + 4 * payoff.shape[1] * _U * scale
    excess = earned - v[:, None]
    surely_negative = (z < -error[:, None]).any(axis=1)
    surely_better = (excess > payoff_error[:, None]).any(axis=1)
    maybe_feasible = ~surely_negative
    maybe_equilibrium = maybe_feasible & ~surely_better
    # Upper bound on the number of best responses; lower bound on the support size.
    best = earned.max(axis=1)
    maybe_best = (earned >= (best - 2 * payoff_error)[:, None]).sum(axis=1)
    surely_positive = (z > error[:, None]).sum(axis=1)
    needs_check = maybe_feasible & (uncertain | (maybe_best > surely_positive))
    return _SideFloat(z, maybe_feasible, maybe_equilibrium, needs_check)


def _scaled_floats(table: np.ndarray) -> np.ndarray:
    """Exact integers to floats divided by a power of two so that every |entry| <= 1."""
    largest = max((abs(int(v)) for v in table.flat), default=0)
    shift = max(0, largest.bit_length())
    return np.array([float(Fraction(int(v), 1 << shift)) for v in table.flat]).reshape(table.shape)


def _best_responses(payoff: list[list[int]], mix: dict[int, Fraction]) -> tuple[int, ...]:
    earned = [sum((p * row[j] for j, p in mix.items()), Fraction(0)) for row in payoff]
    top = max(earned)
    return tuple(i for i, e in enumerate(earned) if e == top)


_ExactSide = tuple[tuple[Fraction, ...], tuple[int, ...]] | None


def _exact_side(
    payoff: list[list[int]], tie: tuple[int, ...], support: tuple[int, ...], n_mix: int
) -> _ExactSide:
    """Exact mix on ``support`` tying ``tie``, with its best responses; None if not a strategy."""
    solved = indifference_mix(payoff, tie, support)
    if solved is None:
        return None
    z, _ = solved
    if any(p < 0 for p in z):
        return None
    mix = dict(zip(support, z, strict=True))
    full = tuple(mix.get(j, Fraction(0)) for j in range(n_mix))
    return full, _best_responses(payoff, {j: p for j, p in mix.items() if p})


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
    a_rows = [[int(v) for v in row] for row in A]
    bt_rows = [[int(B[i, j]) for i in range(m)] for j in range(n)]
    a_float = _scaled_floats(A)
    bt_float = _scaled_floats(B.T)
    result = SupportEnumerationResult()
    exact_cache: dict[tuple[str, tuple[int, ...], tuple[int, ...]], _ExactSide] = {}
    # Support pairs whose x side (y side) may be a vertex of P (of Q): kept until the scan
    # ends, because only a degenerate game needs them and degeneracy may show up late.
    maybe_vertices: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {"x": [], "y": []}

    def exact(side: str, tie: tuple[int, ...], support: tuple[int, ...]) -> _ExactSide:
        key = (side, tie, support)
        if key not in exact_cache:
            result.exact_systems += 1
            if side == "y":
                exact_cache[key] = _exact_side(a_rows, tie, support, n)
            else:
                exact_cache[key] = _exact_side(bt_rows, tie, support, m)
        return exact_cache[key]

    equal_support: list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]] = []
    for k in range(1, min(m, n) + 1):
        for rows, cols in _pair_batches(m, n, k):
            result.pairs += len(rows)
            y_side = _solve_side(a_float, rows, cols)  # column mix y tying rows I
            x_side = _solve_side(bt_float, cols, rows)  # row mix x tying columns J
            maybe_vertices["y"].append(
                (rows[y_side.maybe_equilibrium], cols[y_side.maybe_equilibrium])
            )
            maybe_vertices["x"].append(
                (cols[x_side.maybe_equilibrium], rows[x_side.maybe_equilibrium])
            )
            if result.witness is None:
                result.witness = _find_witness(
                    exact,
                    [
                        ("y", rows, cols, y_side.needs_degeneracy_check),
                        ("x", cols, rows, x_side.needs_degeneracy_check),
                    ],
                )
            candidates = y_side.maybe_equilibrium & x_side.maybe_equilibrium
            for b in np.flatnonzero(candidates):
                rows_b, cols_b = tuple(rows[b]), tuple(cols[b])
                y_solved = exact("y", rows_b, cols_b)
                x_solved = exact("x", cols_b, rows_b)
                if y_solved is None or x_solved is None:
                    continue
                y, rows_best = y_solved
                x, cols_best = x_solved
                # Equilibrium: every strategy in each support is a best response.
                if set(rows_b) <= set(rows_best) and set(cols_b) <= set(cols_best):
                    equal_support.append((x, y))
            exact_cache.clear()
    if result.witness is None:
        result.equilibria = list(dict.fromkeys(equal_support))
        return result
    x_vertices = _vertices(maybe_vertices["x"], lambda t, s: exact("x", t, s))
    y_vertices = _vertices(maybe_vertices["y"], lambda t, s: exact("y", t, s))
    result.equilibria = [
        (x.mix, y.mix)
        for x in x_vertices
        for y in y_vertices
        if x.support <= y.best_responses and y.support <= x.best_responses
    ]
    return result


def _find_witness(
    exact: Callable[[str, tuple[int, ...], tuple[int, ...]], _ExactSide],
    checks: list[tuple[str, np.ndarray, np.ndarray, np.ndarray]],
) -> DegeneracyWitness | None:
    """Decide exactly the support systems the floats flagged as possibly degenerate."""
    for side, ties, supports, mask in checks:
        for b in np.flatnonzero(mask):
            solved = exact(side, tuple(ties[b]), tuple(supports[b]))
            if solved is None:
                continue
            mix, best = solved
            if len(best) > sum(1 for p in mix if p > 0):
                return DegeneracyWitness(1 if side == "y" else 0, mix, best)
    return None


def _vertices(
    batches: list[tuple[np.ndarray, np.ndarray]],
    exact: Callable[[tuple[int, ...], tuple[int, ...]], _ExactSide],
) -> list[Vertex]:
    """The exact vertices among the support systems the floats could not rule out."""
    found: dict[tuple[Fraction, ...], Vertex] = {}
    for ties, supports in batches:
        for tie_row, support_row in zip(ties, supports, strict=True):
            tie = tuple(int(i) for i in tie_row)
            solved = exact(tie, tuple(int(j) for j in support_row))
            if solved is None:
                continue
            mix, best = solved
            if set(tie) <= set(best) and mix not in found:
                found[mix] = Vertex(mix, frozenset(best))
    return list(found.values())
