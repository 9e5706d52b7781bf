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
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from ggcalc.exact_linear import indifference_mix

__all__ = ["DegeneracyWitness", "SupportEnumerationResult", "support_enumeration"]

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


@dataclass
class SupportEnumerationResult:
    """Exact equilibria ``(x, y)`` found, and a degeneracy witness if the game is degenerate."""

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
    """Every equilibrium of the bimatrix game ``(A, B)`` that solves an equal-size support system.

    Parameters
    ----------
    A, B
        Exact integer payoff tables (object arrays) of the row and the column player, shape
        ``(m, n)``. Scale each player's payoffs to integers first (positive scaling keeps every
        equilibrium).

    Returns
    -------
    SupportEnumerationResult
        The exact equilibria (unique solutions of their support systems, deduplicated) and, if
        the game is degenerate, a witness. Without a witness the list is the complete set of
        Nash equilibria.
    """
    m, n = A.shape
    a_rows = [[int(v) for v in row] for row in A]
    bt_rows = [[int(B[i, j]) for i in range(m)] for j in range(n)]
    a_float = _scaled_floats(A)
    bt_float = _scaled_floats(B.T)
    result = SupportEnumerationResult()
    found: set[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]] = set()
    exact_cache: dict[tuple[str, tuple[int, ...], tuple[int, ...]], _ExactSide] = {}

    def exact(side: str, tie: tuple[int, ...], support: tuple[int, ...]) -> _ExactSide:
        key = (side, tie, support)
        if key not in exact_cache:
            result.exact_systems += 1
            if side == "y":
                exact_cache[key] = _exact_side(a_rows, tie, support, n)
            else:
                exact_cache[key] = _exact_side(bt_rows, tie, support, m)
        return exact_cache[key]

    for k in range(1, min(m, n) + 1):
        for rows, cols in _pair_batches(m, n, k):
            result.pairs += len(rows)
            y_side = _solve_side(a_float, rows, cols)  # column mix y tying rows I
            x_side = _solve_side(bt_float, cols, rows)  # row mix x tying columns J
            candidates = y_side.maybe_equilibrium & x_side.maybe_equilibrium
            checks = [
                ("y", y_side.needs_degeneracy_check),
                ("x", x_side.needs_degeneracy_check),
            ]
            if result.witness is None:
                for side, mask in checks:
                    for b in np.flatnonzero(mask):
                        tie, support = (
                            (tuple(rows[b]), tuple(cols[b]))
                            if side == "y"
                            else (tuple(cols[b]), tuple(rows[b]))
                        )
                        solved = exact(side, tie, support)
                        if solved is None:
                            continue
                        mix, best = solved
                        if len(best) > sum(1 for p in mix if p > 0):
                            player = 1 if side == "y" else 0
                            result.witness = DegeneracyWitness(player, mix, best)
                            break
                    if result.witness is not None:
                        break
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
                    pair = (x, y)
                    if pair not in found:
                        found.add(pair)
                        result.equilibria.append(pair)
            exact_cache.clear()
    return result
