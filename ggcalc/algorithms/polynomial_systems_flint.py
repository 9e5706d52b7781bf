"""The nonlinear systems of :mod:`ggcalc.algorithms.polynomial_systems`, solved with FLINT.

python-flint (FLINT, the C library for exact number theory) computes a Gröbner basis in
degree-reverse-lexicographic order (``fmpz_mpoly_vec.buchberger_naive`` on the inter-reduced
equations; the largest systems of random 3×3×3 games take 12 ms, where sympy's Buchberger and
FGLM take about a second). The rest is exact linear algebra over the rationals, in the
finite-dimensional quotient ring ``Q[v]/I`` (dimension ``D``, the number of complex solutions
with multiplicity), with FLINT's rational matrices:

1. **Finitely many solutions?** A basis ``{1}`` means none; a variable that no leading monomial
   bounds (no pure power of it leads) means infinitely many.
2. **Shape position.** The standard monomials (those no leading monomial divides) are a basis
   of the quotient; multiplying by a variable is a ``D × D`` matrix, built from normal forms.
   For the separating candidate ``t`` (the last variable, then the linear forms sympy's path
   tries, in the same order) the powers ``1, t, ..., t^(D-1)`` are independent exactly when the
   lexicographic basis with ``t`` last is ``v_i - h_i(t), g(t)`` (``deg g = D``). Solving
   ``v_i = sum c_k t^k`` and ``t^D = sum c_k t^k`` in the power basis gives ``h_i`` and ``g``:
   the very polynomials of the lexicographic basis (it is unique), so the points are the same
   numbers sympy's FGLM path finds.
3. **Check.** Every equation, with ``v_i = h_i(t)``, must vanish modulo ``g`` (it does whenever
   the basis is right): no point is ever listed that does not solve the system.
4. **Real roots.** ``g`` is factored over the integers (``fmpz_poly.factor``); the real roots
   of each irreducible factor are located by Arb's certified root finder and then proven
   exactly: Sturm's theorem counts the factor's real roots, and each rational interval must
   hold exactly one (checked again by :class:`~ggcalc.exact.algebraic.NumberField`). Floating
   point never decides anything; when a check fails the caller falls back to sympy.

:func:`solve` returns None when python-flint is not installed, when the basis grows past the
limits below, or when a check fails: the caller then uses sympy, so the answer never depends on
this path covering every system.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from fractions import Fraction
from math import lcm
from typing import Any

from ggcalc.exact.algebraic import NumberField, Real
from ggcalc.exact.polynomials import evaluate, poly

__all__ = ["solve"]

Monomial = tuple[int, ...]
Polynomial = dict[Monomial, Fraction]

#: ``buchberger_naive`` limits (basis length, terms per polynomial, coefficient bits): far
#: above what the equations of games of up to 10 solutions need; past them, sympy decides.
_LIMITS = (2_000, 20_000, 100_000)


def solve(
    equations: Sequence[Polynomial], n_vars: int, separators: Sequence[int]
) -> tuple[str, list[tuple[Real, ...]]] | None:
    """Every real solution of a nonlinear system, or None where sympy must decide.

    Parameters
    ----------
    equations : sequence of Polynomial
        Nonzero polynomials (exponent tuples to exact rationals), not all of degree one.
    n_vars : int
        The number of variables (at least 1).
    separators : sequence of int
        The linear forms to try after the last variable: ``a`` stands for
        ``v_{n-1} + a v_{n-2} + a^2 v_{n-3} + ...``.

    Returns
    -------
    tuple or None
        ``("points", points)`` with every real solution; ``("infinitely many solutions", [])``
        or ``("not separated", [])``; None when python-flint is missing or could not decide.
    """
    try:
        import flint
    except ImportError:
        return None
    if not hasattr(flint, "fmpz_mpoly_vec"):
        return None  # python-flint older than 0.7: no Gröbner bases
    ctx = flint.fmpz_mpoly_ctx.get(("v", n_vars), "degrevlex")
    polys = []
    for eq in equations:
        scale = lcm(*(c.denominator for c in eq.values()))
        polys.append(ctx.from_dict({m: int(c * scale) for m, c in eq.items()}))
    # Inter-reduced generators first (a player's equations share their monomials); the basis
    # is left unreduced: its leading monomials and the remainders it leaves are those of the
    # reduced basis, and reducing it would take six times as long as computing it.
    found: Any = flint.fmpz_mpoly_vec(polys, ctx).autoreduction().buchberger_naive(limits=_LIMITS)
    if not found[1]:
        return None
    basis = [p for p in found[0] if not p.is_zero()]
    leads = [tuple(next(iter(p.terms()))[0]) for p in basis]
    if any(not any(lead) for lead in leads):
        return "points", []  # the basis is {1}: no complex solution at all
    bounded = {lead.index(max(lead)) for lead in leads if sum(1 for e in lead if e) == 1}
    if len(bounded) < n_vars:
        return "infinitely many solutions", []
    standard = _standard_monomials(leads, n_vars)
    # multiply[j]: v_j times each standard monomial, reduced, in the standard basis.
    reduce = _normal_forms(flint, basis, n_vars)
    index = {m: k for k, m in enumerate(standard)}
    multiply = []
    for j in range(n_vars):
        matrix = flint.fmpq_mat(len(standard), len(standard))
        for k, m in enumerate(standard):
            for r, c in reduce(_times(m, j)).items():
                matrix[index[r], k] = c
        multiply.append(matrix)
    for separator in (None, *separators):
        # t = v_{n-1}, or v_{n-1} + a v_{n-2} + a^2 v_{n-3} + ... as in sympy's path.
        form = [0] * (n_vars - 1) + [1]
        if separator is not None:
            form = [separator ** (n_vars - 1 - i) for i in range(n_vars)]
        shape = _shape(flint, multiply, form, index[(0,) * n_vars])
        if shape is not None:
            univariate, coordinates = shape
            if not _vanish(flint, equations, univariate, coordinates):
                return None
            points = _points(flint, univariate, coordinates)
            return None if points is None else ("points", points)
    return "not separated", []


def _times(monomial: Monomial, j: int) -> Monomial:
    return tuple(e + (i == j) for i, e in enumerate(monomial))


def _standard_monomials(leads: list[Monomial], n_vars: int) -> list[Monomial]:
    """The monomials no leading monomial divides (finitely many: every variable is bounded)."""
    found = [(0,) * n_vars]
    frontier = list(found)
    while frontier:
        grown = []
        for m in frontier:
            for j in range(n_vars):
                candidate = _times(m, j)
                if (
                    candidate not in found
                    and candidate not in grown
                    and not any(
                        all(x <= y for x, y in zip(lead, candidate, strict=True)) for lead in leads
                    )
                ):
                    grown.append(candidate)
        found += grown
        frontier = grown
    return found


def _normal_forms(flint: Any, basis: Any, n_vars: int) -> Callable[[Monomial], dict[Monomial, Any]]:
    """The remainder of a monomial on division by the Gröbner basis (unique, exact).

    FLINT divides integer polynomials only up to a constant (the primitive part of the
    remainder); dividing ``m - w`` instead, with a new variable ``w`` that no leading monomial
    involves, keeps that constant: the remainder is ``c (r - w)``, and ``r`` is the
    coefficient-wise quotient. ``w`` comes last in degree-reverse-lexicographic order, which
    then orders the monomials without ``w`` exactly as before, so the basis stays a Gröbner
    basis.
    """
    ctx = flint.fmpz_mpoly_ctx.get(("v", n_vars + 1), "degrevlex")
    lifted = flint.fmpz_mpoly_vec(
        [ctx.from_dict({(*m, 0): c for m, c in p.terms()}) for p in basis], ctx
    )
    w = (0,) * n_vars + (1,)

    def reduce(monomial: Monomial) -> dict[Monomial, Any]:
        remainder = ctx.from_dict({(*monomial, 0): 1, w: -1}).reduction_primitive_part(lifted)
        terms = {tuple(m): c for m, c in remainder.terms()}
        scale = -terms.pop(w)
        return {m[:-1]: flint.fmpq(c, 1) / scale for m, c in terms.items()}

    return reduce


def _shape(
    flint: Any, multiply: list[Any], form: list[int], unit: int
) -> tuple[list[Fraction], list[list[Fraction]]] | None:
    """``(g, [h_0, ..., h_{n-1}])`` (coefficients, lowest degree first) when the powers of
    ``t = form . v`` span the quotient ring (``unit``: the index of the monomial 1); None when
    ``t`` does not separate."""
    size = multiply[0].nrows()
    t_times = flint.fmpq_mat(size, size)
    for j, a in enumerate(form):
        if a:
            t_times += multiply[j] * a
    columns = [[1 if r == unit else 0 for r in range(size)]]  # t^0, t^1, ..., t^size
    power = flint.fmpq_mat(size, 1, columns[0])
    for _ in range(size):
        power = t_times * power
        columns.append([power[r, 0] for r in range(size)])
    krylov = flint.fmpq_mat(size, size, [columns[k][r] for r in range(size) for k in range(size)])
    if krylov.rank() < size:
        return None
    n_vars = len(multiply)
    targets = flint.fmpq_mat(
        size,
        n_vars + 1,
        [
            value
            for r in range(size)
            for value in [*(multiply[j][r, unit] for j in range(n_vars)), columns[size][r]]
        ],
    )
    solved = krylov.solve(targets)
    coordinates = [
        list(poly([_fraction(solved[k, j]) for k in range(size)])) for j in range(n_vars)
    ]
    univariate = [-_fraction(solved[k, n_vars]) for k in range(size)] + [Fraction(1)]
    return univariate, coordinates


def _fmpq(flint: Any, value: Fraction) -> Any:
    return flint.fmpq(value.numerator, value.denominator)


def _fraction(value: Any) -> Fraction:
    return Fraction(int(value.p), int(value.q))


def _vanish(
    flint: Any,
    equations: Sequence[Polynomial],
    univariate: list[Fraction],
    coordinates: list[list[Fraction]],
) -> bool:
    """Whether every equation, with ``v_i = h_i(t)``, is a multiple of ``g(t)``."""
    g = _fmpq_poly(flint, univariate)
    hs = [_fmpq_poly(flint, h) for h in coordinates]
    powers: dict[tuple[int, int], Any] = {}

    def power(i: int, e: int) -> Any:
        if (i, e) not in powers:
            powers[(i, e)] = flint.fmpq_poly([1]) if e == 0 else (power(i, e - 1) * hs[i]) % g
        return powers[(i, e)]

    for eq in equations:
        total = flint.fmpq_poly([])
        for m, c in eq.items():
            term = flint.fmpq_poly([_fmpq(flint, c)])
            for i, e in enumerate(m):
                if e:
                    term = (term * power(i, e)) % g
            total += term
        if not (total % g).is_zero():
            return False
    return True


def _fmpq_poly(flint: Any, coefficients: Sequence[Fraction]) -> Any:
    return flint.fmpq_poly([_fmpq(flint, c) for c in coefficients])


def _points(
    flint: Any, univariate: list[Fraction], coordinates: list[list[Fraction]]
) -> list[tuple[Real, ...]] | None:
    """The real points ``(h_i(a))`` for every real root ``a`` of ``g``; None if the exact
    check of Arb's root isolation fails."""
    scale = lcm(*(c.denominator for c in univariate))
    g = flint.fmpz_poly([int(c * scale) for c in univariate])
    points: list[tuple[Real, ...]] = []
    for factor, _multiplicity in g.factor()[1]:
        coefficients = poly([Fraction(int(c)) for c in factor.coeffs()])
        if len(coefficients) == 2:
            root = -coefficients[0] / coefficients[1]
            points.append(tuple(evaluate(poly(h), root) for h in coordinates))
            continue
        intervals = _real_root_intervals(flint, factor)
        if intervals is None:
            return None
        for low, high in intervals:
            field = NumberField(coefficients, low, high)
            points.append(tuple(field.element(poly(h)) for h in coordinates))
    return points


def _real_root_intervals(flint: Any, factor: Any) -> list[tuple[Fraction, Fraction]] | None:
    """Disjoint rational intervals ``(low, high]``, one around each real root of the
    irreducible ``factor`` (degree 2 or more); None unless Sturm's theorem confirms that each
    holds exactly one root and that there are no others."""
    intervals = []
    for root, _ in factor.complex_roots():
        if root.imag.is_zero():
            middle, radius = _dyadic(root.real.mid()), _dyadic(root.real.rad())
            radius = 2 * radius + Fraction(1, 2**200)  # widened a little: the ball is closed
            intervals.append((middle - radius, middle + radius))
    intervals.sort()
    f = flint.fmpq_poly(factor)
    sturm = [f, f.derivative()]
    while sturm[-1].degree() > 0:
        sturm.append(-(sturm[-2] % sturm[-1]))
    if sturm[-1].is_zero():
        return None  # not squarefree: not the irreducible factor it should be

    def changes(x: Fraction | int) -> int:
        """Sign changes of the Sturm sequence at ``x``; at -infinity and +infinity for -1, 1."""
        if isinstance(x, int):
            signs = [x ** p.degree() * (1 if p.coeffs()[-1] > 0 else -1) for p in sturm]
        else:
            values = [p(_fmpq(flint, x)) for p in sturm]
            signs = [1 if v > 0 else -1 for v in values if v != 0]
        return sum(1 for a, b in itertools.pairwise(signs) if a != b)

    # Sturm: changes(a) - changes(b) roots in (a, b]. None left of the first interval, between
    # two or right of the last; exactly one in each.
    ends = [changes(-1), *(changes(x) for interval in intervals for x in interval), changes(1)]
    expected = [k % 2 for k in range(len(ends) - 1)]
    if [a - b for a, b in itertools.pairwise(ends)] != expected:
        return None
    return intervals


def _dyadic(value: Any) -> Fraction:
    """An exact Arb midpoint or radius (a ball of radius zero) as a ``Fraction``."""
    mantissa, exponent = (int(x) for x in value.mid().man_exp())
    return Fraction(mantissa) * Fraction(2) ** exponent
