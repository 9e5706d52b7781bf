"""Exact linear feasibility: does ``A_eq x = b_eq, A_ub x <= b_ub, x >= 0`` have a solution?

Phase one of the simplex method in rational arithmetic: every row gets an artificial variable
(inequalities a slack first, rows with a negative right-hand side negated), the sum of the
artificial variables is minimised, and the system is feasible exactly when that minimum is 0.
Bland's rule (lowest-index entering and leaving variables) makes the method terminate on
degenerate systems; ``Fraction`` arithmetic makes every decision exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

__all__ = ["feasible"]


def feasible(
    a_eq: Sequence[Sequence[Fraction]],
    b_eq: Sequence[Fraction],
    a_ub: Sequence[Sequence[Fraction]],
    b_ub: Sequence[Fraction],
) -> bool:
    """Whether some ``x >= 0`` satisfies ``a_eq x = b_eq`` and ``a_ub x <= b_ub``, exactly.

    Parameters
    ----------
    a_eq, b_eq : sequences of Fraction
        Equality rows and their right-hand sides (may be empty).
    a_ub, b_ub : sequences of Fraction
        Inequality rows and their right-hand sides (may be empty).

    Returns
    -------
    bool
        True when the system has a solution.
    """
    n = len(a_eq[0]) if a_eq else len(a_ub[0]) if a_ub else 0
    m_ub = len(a_ub)
    rows: list[list[Fraction]] = []
    for row, rhs in zip(a_eq, b_eq, strict=True):
        rows.append([Fraction(v) for v in row] + [Fraction(0)] * m_ub + [Fraction(rhs)])
    for k, (row, rhs) in enumerate(zip(a_ub, b_ub, strict=True)):
        slack = [Fraction(1 if j == k else 0) for j in range(m_ub)]
        rows.append([Fraction(v) for v in row] + slack + [Fraction(rhs)])
    for row in rows:
        if row[-1] < 0:
            row[:] = [-v for v in row]
    m = len(rows)
    if m == 0:
        return True
    width = n + m_ub  # original and slack columns; artificials follow
    tableau = [
        row[:-1] + [Fraction(1 if j == i else 0) for j in range(m)] + [row[-1]]
        for i, row in enumerate(rows)
    ]
    basis = [width + i for i in range(m)]
    # Objective: minimise the sum of artificials = maximise -sum; reduced costs over columns.
    cost = [Fraction(0)] * (width + m + 1)
    for row in tableau:
        for j in range(width + m + 1):
            if j < width or j == width + m:
                cost[j] += row[j]
    # cost[j] (j < width) > 0 means entering j lowers the artificial sum; cost[-1] = that sum.
    while True:
        entering = next((j for j in range(width + m) if j not in basis and cost[j] > 0), None)
        if entering is None:
            return cost[-1] == 0
        best: tuple[Fraction, int, int] | None = None
        for i, row in enumerate(tableau):
            if row[entering] > 0:
                ratio = row[-1] / row[entering]
                key = (ratio, basis[i], i)
                if best is None or key < best:
                    best = key
        if best is None:  # unbounded below cannot happen: the objective is bounded by 0
            return cost[-1] == 0
        pivot_row = best[2]
        lead = tableau[pivot_row][entering]
        tableau[pivot_row] = [v / lead for v in tableau[pivot_row]]
        for i in range(m):
            if i != pivot_row and tableau[i][entering]:
                factor = tableau[i][entering]
                tableau[i] = [
                    v - factor * p for v, p in zip(tableau[i], tableau[pivot_row], strict=True)
                ]
        factor = cost[entering]
        cost = [c - factor * p for c, p in zip(cost, tableau[pivot_row], strict=True)]
        basis[pivot_row] = entering
