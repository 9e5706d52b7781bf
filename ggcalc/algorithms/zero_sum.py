"""Two-player zero-sum (and constant-sum) games solved exactly by linear programming.

Method
------
By von Neumann's minimax theorem ("Zur Theorie der Gesellschaftsspiele", *Math. Annalen* 100,
1928) every finite two-player zero-sum game has a value ``v`` and optimal strategies: a row mix
``x`` with ``x^T A >= v`` against every column and a column mix ``y`` with ``A y <= v`` against
every row. Dantzig ("A proof of the equivalence of the programming problem and the game problem",
in Koopmans (ed.), *Activity Analysis of Production and Allocation*, Wiley, 1951, ch. XX) reduces
the game to a linear programme: when every entry of ``B`` is positive, the value is positive and

    max  sum(u)  s.t.  B u <= 1, u >= 0        (column player)
    min  sum(p)  s.t.  B^T p >= 1, p >= 0      (row player, the dual)

share the optimum ``z = 1 / value(B)``, with ``y = u / z`` and ``x = p / z``. We make ``B``
positive and integral exactly, ``B = s A + t`` with ``s`` the least common denominator of the
entries and ``t = 1 - min(s A)``, so ``value(A) = (value(B) - t) / s`` and the optimal strategies
are the same.

The primal is solved by the simplex method on a compact (Tucker) tableau kept in integers with
one common denominator ("integer pivoting", Edmonds 1967; the update of Avis's *lrs*): after a
pivot every entry is a minor of the starting tableau, every division is exact, and no
:class:`~fractions.Fraction` (nor any float) is created until the answer is read off. The start
``u = 0`` is feasible because the right-hand side is all ones, and the programme is bounded
because every entry of ``B`` is at least 1. Degenerate games (ties, duplicated strategies) make
degenerate pivots common; Bland's rule (Bland, "New finite pivoting rules for the simplex method",
*Math. Oper. Res.* 2(2), 1977) -- enter the lowest-labelled improving variable, break ratio ties
by the lowest-labelled leaving variable -- guarantees the method never cycles. The row player's
strategy is the dual solution, read from the objective row of the final tableau.

Certificate
-----------
The result is checked exactly against the original matrix before it is returned: ``x`` and ``y``
are probability vectors and ``min_j (x^T A)_j == v == max_i (A y)_i``, where ``v`` is the value
read off the linear programme. Together these prove ``v`` is the value and both mixes optimal. A
failed check is a bug in this module and raises :class:`AssertionError`.

Constant-sum games
------------------
If ``A + B == c`` everywhere, the game is strategically the zero-sum game ``A`` (the column
player maximising ``c - A`` is minimising ``A``): the row player's value is ``value(A)`` and the
column player's is ``c - value(A)``. :func:`constant_sum` recognises such games exactly.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

__all__ = ["ZeroSumSolution", "constant_sum", "solve_zero_sum"]


@dataclass(frozen=True)
class ZeroSumSolution:
    """The value of a zero-sum game and one optimal strategy for each player.

    Attributes
    ----------
    value : Fraction
        The row player's value: what ``row_strategy`` guarantees and ``column_strategy`` holds
        the row player to. The column player's value is ``-value`` (``c - value`` in a
        constant-sum game with constant ``c``).
    row_strategy : tuple of Fraction
        An optimal (maximin) mix of the row player, one probability per row.
    column_strategy : tuple of Fraction
        An optimal (minimax) mix of the column player, one probability per column.
    """

    value: Fraction
    row_strategy: tuple[Fraction, ...]
    column_strategy: tuple[Fraction, ...]


def _exact(entry: object) -> Fraction:
    """An exact rational entry as a Fraction; floats and other inexact numbers are refused."""
    if isinstance(entry, Fraction):
        return entry
    if isinstance(entry, numbers.Integral):
        return Fraction(int(entry))
    if isinstance(entry, numbers.Rational):
        return Fraction(int(entry.numerator), int(entry.denominator))
    raise TypeError(
        f"payoff {entry!r} of type {type(entry).__name__} is not an exact rational "
        "(use int or fractions.Fraction)"
    )


def _matrix(table: Any, name: str = "A") -> list[list[Fraction]]:
    """A non-empty rectangular nested sequence (or 2-D array) as rows of Fractions."""
    try:
        rows = [list(row) for row in table]
    except TypeError:
        raise ValueError(f"{name} must be a two-dimensional table of payoffs") from None
    if not rows or not rows[0]:
        raise ValueError(f"{name} must have at least one row and one column")
    width = len(rows[0])
    if any(len(row) != width for row in rows):
        raise ValueError(f"{name} is not rectangular: row lengths {[len(r) for r in rows]}")
    return [[_exact(v) for v in row] for row in rows]


def constant_sum(A: Any, B: Any) -> Fraction | None:
    """The constant ``c`` with ``A + B == c`` in every cell, or ``None`` if there is none.

    Parameters
    ----------
    A, B : array_like
        The two players' payoff tables (row player's, column player's), same shape; nested
        sequences or NumPy object arrays of ``int`` / :class:`~fractions.Fraction`.

    Returns
    -------
    Fraction or None
        ``Fraction(0)`` for a zero-sum game, ``c`` for a constant-sum game, otherwise ``None``.
        Exact: no tolerance is involved.

    Raises
    ------
    ValueError
        If the tables are empty, ragged, or of different shapes.
    TypeError
        If an entry is not an exact rational (e.g. a float).
    """
    a = _matrix(A, "A")
    b = _matrix(B, "B")
    if len(a) != len(b) or len(a[0]) != len(b[0]):
        raise ValueError(
            f"A is {len(a)}x{len(a[0])} but B is {len(b)}x{len(b[0])}: shapes must match"
        )
    total = a[0][0] + b[0][0]
    for row_a, row_b in zip(a, b, strict=True):
        for x, y in zip(row_a, row_b, strict=True):
            if x + y != total:
                return None
    return total


def _lcm(values: Iterable[int]) -> int:
    result = 1
    for value in values:
        result = result * value // math.gcd(result, value)
    return result


def _simplex(matrix: list[list[int]]) -> tuple[list[int], list[int], int, int]:
    """Solve ``max sum(u) s.t. matrix @ u <= 1, u >= 0`` for a matrix of positive integers.

    The compact tableau has one row per constraint plus the objective row (last) and one column
    per non-basic variable plus the right-hand side (last), all integers over the common
    denominator ``det`` (the previous pivot, always positive). Variable labels: ``u_j`` is ``j``,
    the slack of row ``i`` is ``n + i``.

    Returns
    -------
    (u_num, p_num, z_num, det)
        The primal optimum is ``u = u_num / det``, the dual optimum ``p = p_num / det`` and the
        optimal objective ``z = z_num / det``; ``sum(u_num) == sum(p_num) == z_num``.
    """
    m, n = len(matrix), len(matrix[0])
    # Constraint rows: B u + s = 1.  Objective row: z - sum(u) = 0, i.e. coefficients -1.
    tableau = [[*row, 1] for row in matrix]
    tableau.append([-1] * n + [0])
    basic = [n + i for i in range(m)]  # label of the basic variable of each row
    nonbasic = list(range(n))  # label of the non-basic variable of each column
    det = 1
    objective = tableau[m]
    # Bland's rule never revisits a basis, so more pivots than bases would mean a bug (cycling).
    pivots_left = math.comb(m + n, m)
    while True:
        # Bland: the lowest-labelled non-basic variable with a negative reduced cost enters.
        col = -1
        for c in range(n):
            if objective[c] < 0 and (col < 0 or nonbasic[c] < nonbasic[col]):
                col = c
        if col < 0:
            break
        # Ratio test rhs_i / a_ic over a_ic > 0 (same denominator, so compare cross-products);
        # ties go to the lowest-labelled leaving variable.
        row = -1
        for r in range(m):
            a = tableau[r][col]
            if a > 0:
                if row < 0:
                    row = r
                    continue
                lhs = tableau[r][n] * tableau[row][col]
                rhs = tableau[row][n] * a
                if lhs < rhs or (lhs == rhs and basic[r] < basic[row]):
                    row = r
        if row < 0:  # pragma: no cover - impossible: every entry of the matrix is >= 1
            raise AssertionError("unbounded linear programme for a positive matrix")
        pivots_left -= 1
        if pivots_left < 0:  # pragma: no cover - impossible under Bland's rule
            raise AssertionError("the simplex method cycled")
        pivot_row = tableau[row]
        pivot = pivot_row[col]
        for r, current in enumerate(tableau):
            if r == row:
                continue
            factor = current[col]
            # Slice assignment keeps every row object (``objective`` still names the last row).
            if factor == 0:
                current[:] = [v * pivot // det for v in current]
            else:
                current[:] = [
                    (v * pivot - factor * w) // det for v, w in zip(current, pivot_row, strict=True)
                ]
                current[col] = -factor
        pivot_row[col] = det
        det = pivot
        basic[row], nonbasic[col] = nonbasic[col], basic[row]
    z_num = objective[n]  # optimum z = z_num / det
    u_num = [0] * n
    for r, label in enumerate(basic):
        if label < n:
            u_num[label] = tableau[r][n]
    p_num = [0] * m
    for c, label in enumerate(nonbasic):
        if label >= n:
            p_num[label - n] = objective[c]
    return u_num, p_num, z_num, det


def solve_zero_sum(A: Any) -> ZeroSumSolution:
    """The value and one optimal strategy per player of the zero-sum game ``(A, -A)``, exactly.

    Dantzig's (1951) reduction of the game to a linear programme, solved by an exact integer-
    pivoting simplex method with Bland's (1977) anti-cycling rule; see the module docstring.

    Parameters
    ----------
    A : array_like
        The row player's payoffs, ``m x n`` (the column player receives ``-A``): a nested
        sequence or NumPy array of ``int`` / :class:`~fractions.Fraction`. For a constant-sum
        game with ``A + B == c`` pass ``A``; the column player's value is then ``c - value``.

    Returns
    -------
    ZeroSumSolution
        The value and an optimal pair, certified: ``min_j (x^T A)_j == value == max_i (A y)_i``.

    Raises
    ------
    ValueError
        If ``A`` is empty or ragged.
    TypeError
        If an entry is not an exact rational (e.g. a float).
    AssertionError
        If the exact certificate fails (a bug in this module, never a property of the game).
    """
    a = _matrix(A)
    scale = _lcm(v.denominator for row in a for v in row)
    scaled = [[v.numerator * (scale // v.denominator) for v in row] for row in a]
    shift = 1 - min(min(row) for row in scaled)
    positive = [[v + shift for v in row] for row in scaled]

    u_num, p_num, z_num, det = _simplex(positive)
    # y = u / z and x = p / z: the tableau's common denominator cancels.
    column_strategy = tuple(Fraction(u, z_num) for u in u_num)
    row_strategy = tuple(Fraction(p, z_num) for p in p_num)
    # value(positive) = 1 / z = det / z_num, and value(A) = (value(positive) - shift) / scale.
    value = (Fraction(det, z_num) - shift) / scale
    _certify(a, value, row_strategy, column_strategy)
    return ZeroSumSolution(value, row_strategy, column_strategy)


def _certify(
    a: list[list[Fraction]], value: Fraction, x: tuple[Fraction, ...], y: tuple[Fraction, ...]
) -> None:
    """Check exactly that ``min_j (x^T A)_j == value == max_i (A y)_i``, else AssertionError."""
    if any(p < 0 for p in x) or sum(x) != 1:
        raise AssertionError(f"row strategy {x} is not a probability vector")
    if any(q < 0 for q in y) or sum(y) != 1:
        raise AssertionError(f"column strategy {y} is not a probability vector")
    support_x = [(i, p) for i, p in enumerate(x) if p]
    guaranteed = min(sum(p * a[i][j] for i, p in support_x) for j in range(len(a[0])))
    support_y = [(j, q) for j, q in enumerate(y) if q]
    conceded = max(sum(q * row[j] for j, q in support_y) for row in a)
    if not guaranteed == value == conceded:
        raise AssertionError(
            f"certificate failed: value {value}, but x guarantees {guaranteed} "
            f"and y concedes {conceded}"
        )
