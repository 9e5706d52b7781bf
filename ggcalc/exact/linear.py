"""Exact linear algebra over the rationals, for the small systems equilibrium supports give.

The indifference conditions of a support pair (each strategy in the support earns the same,
and the probabilities sum to one) form a small linear system; these routines solve such systems
exactly, with :class:`~fractions.Fraction` or, faster, with fraction-free integer elimination.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = ["as_int64_if_exact", "indifference_mix", "integer_solve", "solve_exact"]

Number = int | Fraction


def solve_exact(matrix: Sequence[Sequence[Number]], rhs: Sequence[Number]) -> list[Fraction] | None:
    """Solve ``matrix @ x = rhs`` exactly; ``None`` unless there is exactly one solution.

    Gauss–Jordan elimination over :class:`~fractions.Fraction` with the first non-zero pivot
    (exact arithmetic needs no pivoting for stability). Overdetermined systems are accepted: the
    answer is the unique solution if the system is consistent and has full column rank.

    Parameters
    ----------
    matrix : sequence of sequences of int or Fraction
        The coefficients, one row per equation (any number of rows, all of one length).
    rhs : sequence of int or Fraction
        The right-hand side, one entry per row of ``matrix``.

    Returns
    -------
    list of Fraction or None
        The unique solution ``x``; ``None`` when the system is inconsistent or has a free
        variable (infinitely many solutions).
    """
    rows = [[Fraction(v) for v in row] + [Fraction(b)] for row, b in zip(matrix, rhs, strict=True)]
    n_cols = len(rows[0]) - 1 if rows else 0
    pivot_row = 0
    for col in range(n_cols):
        pivot = next((r for r in range(pivot_row, len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            return None  # a free variable: not a unique solution
        rows[pivot_row], rows[pivot] = rows[pivot], rows[pivot_row]
        lead = rows[pivot_row]
        inverse = 1 / lead[col]
        for c in range(col, n_cols + 1):
            lead[c] *= inverse
        for r, row in enumerate(rows):
            if r != pivot_row and row[col] != 0:
                factor = row[col]
                for c in range(col, n_cols + 1):
                    row[c] -= factor * lead[c]
        pivot_row += 1
    if any(row[n_cols] != 0 for row in rows[pivot_row:]):
        return None  # inconsistent
    return [rows[r][n_cols] for r in range(n_cols)]


def integer_solve(matrix: Sequence[Sequence[int]], rhs: Sequence[int]) -> tuple[int, list[int]]:
    """Solve the square integer system ``matrix @ x = rhs`` exactly, without fractions.

    Fraction-free Gauss–Jordan elimination (Bareiss's update applied above the pivot too:
    Nakos, Turner and Williams, "Fraction-free algorithms for linear and polynomial equations",
    ACM SIGSAM Bulletin 31(3), 1997). After step ``c`` every entry is a minor of the augmented
    matrix, so each division by the previous pivot is exact, and at the end the matrix is
    ``d I`` with ``d = ±det(matrix)`` and the right-hand side is ``d x``.

    Parameters
    ----------
    matrix : sequence of sequences of int
        A square integer matrix.
    rhs : sequence of int
        The integer right-hand side, one entry per row.

    Returns
    -------
    (d, numerators)
        ``x = numerators / d`` with ``d != 0``; ``(0, [])`` when ``matrix`` is singular.
    """
    size = len(matrix)
    work = [[int(v) for v in row] + [int(b)] for row, b in zip(matrix, rhs, strict=True)]
    previous = 1
    for col in range(size):
        pivot_row = next((r for r in range(col, size) if work[r][col]), None)
        if pivot_row is None:
            return 0, []
        if pivot_row != col:
            work[col], work[pivot_row] = work[pivot_row], work[col]
        lead = work[col]
        pivot = lead[col]
        for r in range(size):
            if r != col:
                row = work[r]
                factor = row[col]
                work[r] = [
                    (pivot * a - factor * b) // previous for a, b in zip(row, lead, strict=True)
                ]
        previous = pivot
    return previous, [row[size] for row in work]


def indifference_mix(
    payoff: Sequence[Sequence[Number]], indifferent: Sequence[int], support: Sequence[int]
) -> tuple[list[Fraction], Fraction] | None:
    """The mix on ``support`` that makes every row in ``indifferent`` earn the same.

    Solves ``payoff[i, support] @ z = v`` for every ``i`` in ``indifferent`` and ``sum(z) = 1``
    exactly: the indifference conditions an equilibrium mix of one player must meet on the
    other player's support (see :mod:`ggcalc.algorithms.support_enumeration`).

    Parameters
    ----------
    payoff : sequence of sequences of int or Fraction
        The payoff table of the player who must be indifferent, with that player's strategies
        as rows and the mixing player's as columns.
    indifferent : sequence of int
        The rows (pure strategies of the indifferent player) that must all earn ``v``.
    support : sequence of int
        The columns (pure strategies of the mixing player) the mix may put weight on.

    Returns
    -------
    (z, v) or None
        ``z`` the probabilities on ``support`` (possibly negative: the caller decides) and ``v``
        the common payoff; ``None`` when the system has no unique solution.
    """
    k = len(support)
    matrix: list[list[Number]] = [[payoff[i][j] for j in support] + [-1] for i in indifferent]
    matrix.append([*([1] * k), 0])
    rhs = [0] * len(indifferent) + [1]
    solution = solve_exact(matrix, rhs)
    if solution is None:
        return None
    return solution[:k], solution[k]


def as_int64_if_exact(table: np.ndarray) -> np.ndarray:
    """An int64 copy of an exact integer table when every entry fits, else the table itself.

    NumPy comparisons and maxima on int64 are much faster than on Python integers, and exact
    as long as no entry overflows; entries are required to lie strictly within ``±2**62``.

    Parameters
    ----------
    table : numpy.ndarray
        An integer payoff table; an object array of Python ints is converted when it can be.

    Returns
    -------
    numpy.ndarray
        An int64 copy when ``table`` is an object array whose entries all fit; otherwise
        ``table`` itself (a table that is not an object array is returned unchanged, and one
        with larger entries stays in Python integers: exact, slower).
    """
    if table.dtype != object:
        return table
    if all(-(2**62) < int(v) < 2**62 for v in table.flat):
        return table.astype("int64")
    return table
