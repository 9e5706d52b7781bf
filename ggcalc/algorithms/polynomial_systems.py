"""Every real solution of a system of polynomial equations over the rationals, exactly.

The equations of a support profile of an n-player game (:mod:`ggcalc.algorithms.nplayer_support`)
are solved here:

* **Linear systems** (at most two players mix) by exact Gauss–Jordan elimination in
  ``Fraction`` arithmetic, with no import beyond the standard library.
* **Nonlinear systems** by a reduced Gröbner basis in lexicographic order: with python-flint
  when it is installed (:mod:`ggcalc.algorithms.polynomial_systems_flint`: FLINT's basis in
  degree order, then exact linear algebra in the quotient ring), else, or where that path
  cannot decide, with sympy (``groebner`` in degree order, converted by FGLM). Both give the
  same polynomials, hence the same numbers. A finite solution set in *shape position* has the basis
  ``v_1 - h_1(t), ..., v_k - h_k(t), g(t)``: every solution is ``(h_1(a), ..., h_k(a))`` for a
  real root ``a`` of ``g``. ``g`` is factored over the rationals; each irreducible factor of
  degree 1 gives rational solutions, and each real root of a factor of higher degree (isolated by
  rational intervals, exactly) gives a number field in which ``h_i(a)`` are exact algebraic
  numbers (:mod:`ggcalc.exact.algebraic`). When the last variable does not separate the
  solutions, a linear form ``t = v_k + 2 v_{k-1} + ...`` is added as a new last variable.

The answer is either every real solution, or the statement that the solutions are not finitely
many (a basis with a variable that no leading term bounds) or could not be put in shape position;
never a sample. python-flint and sympy are imported on the first nonlinear system only (sympy
only if python-flint is missing or cannot decide).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ggcalc.exact.algebraic import NumberField, Real
from ggcalc.exact.polynomials import evaluate, poly

__all__ = ["Polynomial", "SystemSolutions", "real_solutions"]

#: ``{exponents: coefficient}``; the exponent tuple has one entry per variable.
Polynomial = dict[tuple[int, ...], Fraction]

#: Separating linear forms tried, in order, when the last variable does not separate.
_SEPARATORS = (2, -1, 3, 5)


@dataclass
class SystemSolutions:
    """The real solutions of a polynomial system, or why they are not listed.

    Attributes
    ----------
    points : list of tuple
        Every real solution (one exact number per variable) when ``finite``.
    finite : bool
        False when the system has infinitely many (complex) solutions, or when they could not
        be separated; then ``points`` is empty and ``reason`` says which.
    reason : str or None
        ``"infinitely many solutions"`` or ``"not separated"``.
    """

    points: list[tuple[Real, ...]] = field(default_factory=list)
    finite: bool = True
    reason: str | None = None


def real_solutions(
    equations: Sequence[Polynomial], n_vars: int, *, backend: str = "auto"
) -> SystemSolutions:
    """Every real solution of ``equations`` (all equal to zero) in ``n_vars`` variables.

    Parameters
    ----------
    equations : sequence of Polynomial
        The polynomials, each a mapping from exponent tuples (length ``n_vars``) to exact
        rational coefficients.
    n_vars : int
        The number of variables.
    backend : {"auto", "sympy"}, optional
        For nonlinear systems: ``"auto"`` (default) tries python-flint first and falls back to
        sympy; ``"sympy"`` uses sympy only (the reference the tests compare with).

    Returns
    -------
    SystemSolutions
        The solutions, exactly, or the statement that they are not finitely many.
    """
    if backend not in ("auto", "sympy"):
        raise ValueError(f"unknown backend {backend!r}: use 'auto' or 'sympy'")
    nonzero = [{m: c for m, c in eq.items() if c} for eq in equations]
    nonzero = [eq for eq in nonzero if eq]
    if any(set(eq) == {(0,) * n_vars} for eq in nonzero):
        return SystemSolutions()  # a nonzero constant equals zero: no solution
    if n_vars == 0:
        return SystemSolutions([()])
    if all(sum(m) <= 1 for eq in nonzero for m in eq):
        return _linear(nonzero, n_vars)
    if backend == "auto":
        from ggcalc.algorithms import polynomial_systems_flint

        found = polynomial_systems_flint.solve(nonzero, n_vars, _SEPARATORS)
        if found is not None:
            kind, points = found
            if kind == "points":
                return SystemSolutions(points)
            return SystemSolutions(finite=False, reason=kind)
    return _groebner(nonzero, n_vars)


def _linear(equations: list[Polynomial], n_vars: int) -> SystemSolutions:
    """Gauss–Jordan elimination on the rows ``[coefficients | -constant]``."""
    rows = []
    for eq in equations:
        row = [Fraction(0)] * (n_vars + 1)
        for monomial, c in eq.items():
            if sum(monomial):
                row[monomial.index(1)] += c
            else:
                row[n_vars] -= c
        rows.append(row)
    pivots: list[int] = []
    rank = 0
    for col in range(n_vars):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][col]), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        lead = rows[rank][col]
        rows[rank] = [v / lead for v in rows[rank]]
        for r in range(len(rows)):
            if r != rank and rows[r][col]:
                factor = rows[r][col]
                rows[r] = [v - factor * p for v, p in zip(rows[r], rows[rank], strict=True)]
        pivots.append(col)
        rank += 1
    if any(row[n_vars] for row in rows[rank:]):
        return SystemSolutions()  # inconsistent
    if rank < n_vars:
        return SystemSolutions(finite=False, reason="infinitely many solutions")
    solution = [Fraction(0)] * n_vars
    for r, col in enumerate(pivots):
        solution[col] = rows[r][n_vars]
    return SystemSolutions([tuple(solution)])


def _groebner(equations: list[Polynomial], n_vars: int) -> SystemSolutions:
    import sympy

    for separator in (None, *_SEPARATORS):
        gens = sympy.symbols(f"v0:{n_vars + (separator is not None)}")
        extra = (0,) if separator is not None else ()
        polys = [
            sympy.Poly.from_dict(
                {m + extra: sympy.Rational(c.numerator, c.denominator) for m, c in eq.items()},
                *gens,
                domain=sympy.QQ,
            )
            for eq in equations
        ]
        if separator is not None:
            # t = v_{k-1} + a v_{k-2} + a^2 v_{k-3} + ...: a generic linear form, t last.
            form = gens[-1] - sum(separator**j * gens[n_vars - 1 - j] for j in range(n_vars))
            polys.append(sympy.Poly(form, *gens, domain=sympy.QQ))
        # A degree-ordered basis first (Buchberger), then FGLM to lex: faster on random
        # games than a direct lex basis, and it does not stall on symmetric ones.
        basis = sympy.groebner(polys, *gens, order="grevlex", method="buchberger")
        if basis.exprs == [1]:
            return SystemSolutions()
        if not basis.is_zero_dimensional:
            return SystemSolutions(finite=False, reason="infinitely many solutions")
        shape = _shape(basis.fglm("lex").polys, len(gens))
        if shape is not None:
            univariate, coordinates = shape
            return SystemSolutions(_points(sympy, univariate, coordinates[:n_vars]))
    return SystemSolutions(finite=False, reason="not separated")


def _shape(polys: list[Any], n_gens: int) -> tuple[list[Fraction], list[list[Fraction]]] | None:
    """``(g, [h_0, ..., h_{n-2}, t])`` as coefficient lists in the last variable, if the basis
    is ``v_i - h_i(t)`` (``i < n - 1``) and ``g(t)``; None otherwise."""
    if len(polys) != n_gens:
        return None
    last = n_gens - 1
    coordinates: list[list[Fraction]] = []
    for i, p in enumerate(polys[:-1]):
        terms = p.terms()  # lex order, leading term first
        lead, rest = terms[0], terms[1:]
        unit = tuple(1 if j == i else 0 for j in range(n_gens))
        if lead[0] != unit:
            return None
        scale = Fraction(int(lead[1].p), int(lead[1].q))
        if any(any(e for j, e in enumerate(m) if j != last) for m, _ in rest):
            return None
        h = [Fraction(0)] * (max((m[last] for m, _ in rest), default=0) + 1)
        for m, c in rest:
            h[m[last]] -= Fraction(int(c.p), int(c.q)) / scale
        coordinates.append(h)
    g_terms = polys[-1].terms()
    if any(any(e for j, e in enumerate(m) if j != last) for m, _ in g_terms):
        return None
    g = [Fraction(0)] * (g_terms[0][0][last] + 1)
    for m, c in g_terms:
        g[m[last]] = Fraction(int(c.p), int(c.q))
    coordinates.append([Fraction(0), Fraction(1)])
    return g, coordinates


def _points(
    sympy: Any, univariate: list[Fraction], coordinates: list[list[Fraction]]
) -> list[tuple[Real, ...]]:
    """The real points ``(h_i(a))`` for every real root ``a`` of the univariate polynomial."""
    t = sympy.Symbol("t")
    g = sympy.Poly(
        [sympy.Rational(c.numerator, c.denominator) for c in reversed(univariate)],
        t,
        domain=sympy.QQ,
    )
    points: list[tuple[Real, ...]] = []
    for factor, _multiplicity in g.factor_list()[1]:
        coefficients = [Fraction(int(c.p), int(c.q)) for c in reversed(factor.all_coeffs())]
        if len(coefficients) == 2:
            root = -coefficients[0] / coefficients[1]
            points.append(tuple(evaluate(poly(h), root) for h in coordinates))
            continue
        for (low, high), _ in factor.intervals():
            field = NumberField(
                poly(coefficients),
                Fraction(int(low.p), int(low.q)),
                Fraction(int(high.p), int(high.q)),
            )
            points.append(tuple(field.element(poly(h)) for h in coordinates))
    return points
