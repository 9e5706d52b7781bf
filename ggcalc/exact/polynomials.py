"""Polynomials in one variable with rational coefficients, and their real roots, exactly.

A polynomial is a tuple of :class:`~fractions.Fraction` coefficients, lowest degree first
(``(c0, c1, c2)`` is ``c0 + c1 x + c2 x^2``), with no trailing zeros; ``()`` is zero. These are
the few operations the algebraic numbers of :mod:`ggcalc.exact.algebraic` need: ring arithmetic,
division with remainder, greatest common divisors, exact evaluation at a rational point or over a
rational interval, and Sturm sequences, which count the real roots in an interval exactly.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction
from math import gcd, lcm

__all__ = [
    "Poly",
    "count_roots",
    "evaluate",
    "evaluate_interval",
    "poly",
    "poly_divmod",
    "poly_gcd",
    "poly_mul",
    "poly_sub",
    "primitive_integers",
    "root_bound",
    "sturm_sequence",
]

#: Coefficients, lowest degree first, no trailing zeros.
Poly = tuple[Fraction, ...]


def poly(coefficients: Sequence[Fraction | int]) -> Poly:
    """The polynomial with these coefficients (lowest degree first), trailing zeros dropped.

    Parameters
    ----------
    coefficients : sequence of Fraction or int
        ``c0, c1, ...``.

    Returns
    -------
    Poly
        The normalised tuple.
    """
    out = [Fraction(c) for c in coefficients]
    while out and out[-1] == 0:
        out.pop()
    return tuple(out)


def poly_sub(a: Poly, b: Poly) -> Poly:
    """``a - b``.

    Parameters
    ----------
    a, b : Poly
        Polynomials.

    Returns
    -------
    Poly
        The difference.
    """
    n = max(len(a), len(b))
    return poly([(a[i] if i < len(a) else 0) - (b[i] if i < len(b) else 0) for i in range(n)])


def poly_mul(a: Poly, b: Poly) -> Poly:
    """``a * b``.

    Parameters
    ----------
    a, b : Poly
        Polynomials.

    Returns
    -------
    Poly
        The product.
    """
    if not a or not b:
        return ()
    out = [Fraction(0)] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        if x:
            for j, y in enumerate(b):
                out[i + j] += x * y
    return poly(out)


def poly_divmod(a: Poly, b: Poly) -> tuple[Poly, Poly]:
    """Quotient and remainder of ``a`` by the nonzero ``b``.

    Parameters
    ----------
    a, b : Poly
        Dividend and (nonzero) divisor.

    Returns
    -------
    tuple of Poly
        ``(q, r)`` with ``a = q b + r`` and ``deg r < deg b``.
    """
    if not b:
        raise ZeroDivisionError("polynomial division by zero")
    rem = list(a)
    lead = b[-1]
    quotient = [Fraction(0)] * max(len(a) - len(b) + 1, 0)
    for shift in range(len(a) - len(b), -1, -1):
        factor = rem[shift + len(b) - 1] / lead
        if factor:
            quotient[shift] = factor
            for j, y in enumerate(b):
                rem[shift + j] -= factor * y
    return poly(quotient), poly(rem[: len(b) - 1])


def poly_gcd(a: Poly, b: Poly) -> Poly:
    """The monic greatest common divisor of ``a`` and ``b`` (``()`` when both are zero).

    Parameters
    ----------
    a, b : Poly
        Polynomials.

    Returns
    -------
    Poly
        Their gcd, leading coefficient 1.
    """
    while b:
        a, b = b, poly_divmod(a, b)[1]
    return tuple(c / a[-1] for c in a) if a else ()


def derivative(a: Poly) -> Poly:
    """The derivative of ``a``.

    Parameters
    ----------
    a : Poly
        A polynomial.

    Returns
    -------
    Poly
        ``a'``.
    """
    return poly([i * c for i, c in enumerate(a)][1:])


def evaluate(a: Poly, x: Fraction) -> Fraction:
    """``a(x)``, exactly (Horner's rule).

    Parameters
    ----------
    a : Poly
        A polynomial.
    x : Fraction
        The point.

    Returns
    -------
    Fraction
        The value.
    """
    value = Fraction(0)
    for c in reversed(a):
        value = value * x + c
    return value


def evaluate_interval(a: Poly, low: Fraction, high: Fraction) -> tuple[Fraction, Fraction]:
    """An interval that contains ``a(x)`` for every ``x`` in ``[low, high]``, exactly.

    Interval Horner's rule in rational arithmetic: the bounds are exact rationals, never
    rounded, and they close in on the value as the interval shrinks.

    Parameters
    ----------
    a : Poly
        A polynomial.
    low, high : Fraction
        The interval, ``low <= high``.

    Returns
    -------
    tuple of Fraction
        ``(lower, upper)`` bounds of ``a`` over the interval.
    """
    lo = hi = Fraction(0)
    for c in reversed(a):
        products = (lo * low, lo * high, hi * low, hi * high)
        lo, hi = min(products) + c, max(products) + c
    return lo, hi


def primitive_integers(a: Poly) -> tuple[int, ...]:
    """``a`` scaled to coprime integer coefficients with a positive leading one.

    Parameters
    ----------
    a : Poly
        A nonzero polynomial.

    Returns
    -------
    tuple of int
        The integer coefficients, lowest degree first.
    """
    scale = lcm(*(c.denominator for c in a))
    ints = [int(c * scale) for c in a]
    common = gcd(*ints)
    if ints[-1] < 0:
        common = -common
    return tuple(i // common for i in ints)


def sturm_sequence(a: Poly) -> list[Poly]:
    """The Sturm sequence of a squarefree ``a``: ``a``, ``a'``, then negated remainders.

    Each member is scaled by a positive rational to coprime integer coefficients: that changes
    no sign, so no count of roots, and it keeps the coefficients from growing with every
    division (five times faster on the degree-10 moduli of 3x3x3 games).

    Parameters
    ----------
    a : Poly
        A squarefree polynomial of degree at least 1.

    Returns
    -------
    list of Poly
        The sequence, ending in a nonzero constant.
    """
    sequence = [_positive_primitive(a), _positive_primitive(derivative(a))]
    while len(sequence[-1]) > 1:
        remainder = poly_divmod(sequence[-2], sequence[-1])[1]
        if not remainder:
            break
        sequence.append(_positive_primitive(tuple(-c for c in remainder)))
    return sequence


def _positive_primitive(a: Poly) -> Poly:
    """``a`` times the positive rational that makes its coefficients coprime integers."""
    if not a:
        return a
    scale = Fraction(lcm(*(c.denominator for c in a)), gcd(*(c.numerator for c in a)))
    return tuple(c * scale for c in a)


def _sign_changes(signs: list[int]) -> int:
    nonzero = [s for s in signs if s]
    return sum(1 for x, y in itertools.pairwise(nonzero) if x != y)


def _signs_at(sequence: list[Poly], x: Fraction | None) -> list[int]:
    """Signs at ``x``, or at minus infinity when ``x`` is None."""
    if x is None:
        return [(1 if p[-1] > 0 else -1) * (-1 if (len(p) - 1) % 2 else 1) for p in sequence]
    signs = []
    for p in sequence:
        value = evaluate(p, x)
        signs.append((value > 0) - (value < 0))
    return signs


def count_roots(sequence: list[Poly], low: Fraction | None, high: Fraction) -> int:
    """How many distinct real roots the polynomial of ``sequence`` has in ``(low, high]``.

    Sturm's theorem: the difference of the sign changes of the sequence at the two ends.

    Parameters
    ----------
    sequence : list of Poly
        A Sturm sequence (:func:`sturm_sequence`).
    low : Fraction or None
        The open lower end; None for minus infinity.
    high : Fraction
        The closed upper end.

    Returns
    -------
    int
        The number of roots.
    """
    return _sign_changes(_signs_at(sequence, low)) - _sign_changes(_signs_at(sequence, high))


def root_bound(a: Poly) -> Fraction:
    """A power of two that every real root of ``a`` is smaller than in absolute value.

    Cauchy's bound ``1 + max |c_i / c_n|``, rounded up to a power of two so that bisection from
    ``[-bound, bound]`` meets only dyadic rationals.

    Parameters
    ----------
    a : Poly
        A polynomial of degree at least 1.

    Returns
    -------
    Fraction
        The bound.
    """
    cauchy = 1 + max(abs(c / a[-1]) for c in a[:-1])
    bound = Fraction(1)
    while bound <= cauchy:
        bound *= 2
    return bound
