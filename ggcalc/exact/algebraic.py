"""Real algebraic numbers, exactly: what an irrational equilibrium of a game is made of.

With three or more players an equilibrium's probabilities can be irrational. Each one found by
the solver lies in one number field ``Q(alpha)``: ``alpha`` is the only root of an irreducible
rational polynomial (its *modulus*) inside a rational isolating interval, and every probability
of the equilibrium is a rational polynomial in ``alpha``. That representation is exact:

* arithmetic is polynomial arithmetic modulo the modulus (:class:`Algebraic` supports ``+ - * /``
  with itself, :class:`~fractions.Fraction` and ``int``; a result that is rational comes back as a
  ``Fraction``);
* a number is zero exactly when its polynomial is zero (the modulus is irreducible), and the sign
  of a nonzero one is decided by bisecting the isolating interval until an exact rational
  interval evaluation excludes zero; no floating point takes part in any decision;
* each number has a canonical identity, its own minimal polynomial and the rank of its root
  among that polynomial's real roots, so numbers from different fields compare, sort, hash and
  print the same way however they were found.

The notation is CONTRACT §1.5: a quadratic irrational prints as a radical, ``(53 - sqrt(601))/46``,
anything else as ``root(POLY, LOW, HIGH)``, the only root of the integer polynomial ``POLY`` in
``[LOW, HIGH]``, always with a decimal for people (:func:`approx_text`).

Why one module: the field, its elements and their notation share the one representation and its
refinement; split, each part would reach into the others' internals.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction
from math import gcd, isqrt
from typing import Union

from ggcalc.exact.polynomials import (
    Poly,
    count_roots,
    evaluate,
    evaluate_interval,
    poly,
    poly_divmod,
    poly_mul,
    poly_sub,
    primitive_integers,
    root_bound,
    sturm_sequence,
)
from ggcalc.exact.rationals import decimal_text, fraction_text

__all__ = [
    "Algebraic",
    "NumberField",
    "Real",
    "approx_text",
    "exact_key",
    "exact_text",
    "human_text",
    "is_rational",
    "json_number",
    "rounded_text",
]


class NumberField:
    """``Q(alpha)``: ``alpha`` the only root of ``modulus`` in the open interval ``(low, high)``.

    Parameters
    ----------
    modulus : sequence of Fraction or int
        An irreducible polynomial over the rationals of degree at least 2, lowest degree first.
        Irreducibility is the caller's promise (the solver factors its polynomials first); it
        is what makes zero tests exact.
    low, high : Fraction
        Rational bounds isolating one real root: the modulus has exactly one root in
        ``(low, high]`` (checked, with Sturm's theorem).

    Raises
    ------
    ValueError
        If the degree is below 2 or the interval does not isolate exactly one root.
    """

    __slots__ = ("_high", "_low", "_low_sign", "degree", "modulus")

    def __init__(self, modulus: Poly, low: Fraction, high: Fraction) -> None:
        monic = poly(modulus)
        if len(monic) < 3:
            raise ValueError("a number field needs a modulus of degree 2 or more")
        self.modulus: Poly = tuple(c / monic[-1] for c in monic)
        self.degree = len(self.modulus) - 1
        low, high = Fraction(low), Fraction(high)
        if count_roots(sturm_sequence(self.modulus), low, high) != 1:
            raise ValueError("the interval does not isolate exactly one root of the modulus")
        self._low, self._high = low, high
        if evaluate(self.modulus, high) == 0:  # a rational root: the modulus was reducible
            raise ValueError("the modulus has a rational root; it is not irreducible")
        self._low_sign = evaluate(self.modulus, low) > 0

    @property
    def interval(self) -> tuple[Fraction, Fraction]:
        """The current isolating interval of ``alpha`` (it only ever narrows)."""
        return self._low, self._high

    def refine(self) -> None:
        """Halve the isolating interval (exact bisection on the modulus's sign)."""
        middle = (self._low + self._high) / 2
        if (evaluate(self.modulus, middle) > 0) == self._low_sign:
            self._low = middle
        else:
            self._high = middle

    def same_as(self, other: NumberField) -> bool:
        """Whether ``other`` is this field with the same generator (same modulus, same root).

        Parameters
        ----------
        other : NumberField
            Another field.

        Returns
        -------
        bool
            True when both generators are one number, so their elements can be mixed.
        """
        if other.modulus != self.modulus:
            return False
        low = max(self._low, other._low)
        high = min(self._high, other._high)
        # Each interval isolates one root: they share it exactly when their overlap holds one.
        return low < high and count_roots(sturm_sequence(self.modulus), low, high) == 1

    def element(self, coefficients: Sequence[Fraction | int]) -> Real:
        """The number ``sum(c_k alpha^k)``, reduced; a ``Fraction`` when it is rational.

        Parameters
        ----------
        coefficients : sequence of Fraction
            The polynomial in ``alpha``, lowest degree first.

        Returns
        -------
        Fraction or Algebraic
            The number.
        """
        reduced = poly(coefficients)
        if len(reduced) > self.degree:
            reduced = poly_divmod(reduced, self.modulus)[1]
        if len(reduced) <= 1:
            return reduced[0] if reduced else Fraction(0)
        return Algebraic(self, reduced)

    @property
    def generator(self) -> Algebraic:
        """``alpha`` itself."""
        return Algebraic(self, (Fraction(0), Fraction(1)))


class Algebraic:
    """An irrational real algebraic number: a polynomial in the generator of a number field.

    Made by :meth:`NumberField.element` (which returns a ``Fraction`` instead whenever the value
    is rational, so an ``Algebraic`` is never rational). Behaves as an exact real number: the
    operators ``+ - * /``, comparisons, ``abs``, ``float``, ``hash``.
    """

    __slots__ = ("_canonical", "coefficients", "field")

    def __init__(self, field: NumberField, coefficients: Poly) -> None:
        self.field = field
        self.coefficients = coefficients
        self._canonical: tuple[tuple[int, ...], int] | None = None

    # -- arithmetic ------------------------------------------------------------------------
    def _lift(self, other: object) -> Poly | None:
        if isinstance(other, Algebraic):
            if other.field is not self.field and not self.field.same_as(other.field):
                raise TypeError(
                    "arithmetic between numbers of different number fields is not supported"
                )
            return other.coefficients
        if isinstance(other, (int, Fraction)):
            return poly([other])
        return None

    def __add__(self, other: object) -> Real:
        b = self._lift(other)
        if b is None:
            return NotImplemented
        n = max(len(self.coefficients), len(b))
        a = self.coefficients
        return self.field.element(
            [(a[i] if i < len(a) else 0) + (b[i] if i < len(b) else 0) for i in range(n)]
        )

    __radd__ = __add__

    def __neg__(self) -> Algebraic:
        return Algebraic(self.field, tuple(-c for c in self.coefficients))

    def __pos__(self) -> Algebraic:
        return self

    def __sub__(self, other: object) -> Real:
        b = self._lift(other)
        if b is None:
            return NotImplemented
        return self.field.element(poly_sub(self.coefficients, b))

    def __rsub__(self, other: object) -> Real:
        b = self._lift(other)
        if b is None:
            return NotImplemented
        return self.field.element(poly_sub(b, self.coefficients))

    def __mul__(self, other: object) -> Real:
        b = self._lift(other)
        if b is None:
            return NotImplemented
        return self.field.element(poly_mul(self.coefficients, b))

    __rmul__ = __mul__

    def inverse(self) -> Algebraic:
        """``1 / self`` (extended Euclid modulo the modulus; never zero, being irrational)."""
        # Invariant: s * self = r (mod modulus); ends with r a nonzero constant.
        r0, r1 = self.field.modulus, self.coefficients
        s0: Poly = ()
        s1: Poly = (Fraction(1),)
        while len(r1) > 1:
            q, r = poly_divmod(r0, r1)
            r0, r1 = r1, r
            s0, s1 = s1, poly_sub(s0, poly_mul(q, s1))
        inverse = self.field.element([c / r1[0] for c in s1])
        assert isinstance(inverse, Algebraic)
        return inverse

    def __truediv__(self, other: object) -> Real:
        if isinstance(other, Algebraic):
            return self * other.inverse()
        if isinstance(other, (int, Fraction)):
            return self.field.element([c / other for c in self.coefficients])
        return NotImplemented

    def __rtruediv__(self, other: object) -> Real:
        if isinstance(other, (int, Fraction)):
            return self.inverse() * other
        return NotImplemented

    # -- order -----------------------------------------------------------------------------
    def bounds(self) -> tuple[Fraction, Fraction]:
        """Exact rational bounds on the value, from the field's current interval."""
        return evaluate_interval(self.coefficients, *self.field.interval)

    def sign(self) -> int:
        """``1`` or ``-1``, decided exactly (the value is irrational, hence never zero)."""
        while True:
            low, high = self.bounds()
            if low > 0:
                return 1
            if high < 0:
                return -1
            self.field.refine()

    def _compare(self, other: object) -> int | None:
        if isinstance(other, (int, Fraction)):
            return (self - other).sign()  # type: ignore[union-attr]
        if not isinstance(other, Algebraic):
            return None
        if other.field is self.field or self.field.same_as(other.field):
            difference = self - other
            return difference.sign() if isinstance(difference, Algebraic) else 0
        if self.canonical() == other.canonical():
            return 0
        while True:  # different numbers: their intervals separate
            (a, b), (c, d) = self.bounds(), other.bounds()
            if b < c:
                return -1
            if d < a:
                return 1
            self.field.refine()
            other.field.refine()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (int, Fraction)):
            return False  # an Algebraic is never rational
        result = self._compare(other)
        return NotImplemented if result is None else result == 0

    def __lt__(self, other: object) -> bool:
        result = self._compare(other)
        return NotImplemented if result is None else result < 0

    def __le__(self, other: object) -> bool:
        result = self._compare(other)
        return NotImplemented if result is None else result <= 0

    def __gt__(self, other: object) -> bool:
        result = self._compare(other)
        return NotImplemented if result is None else result > 0

    def __ge__(self, other: object) -> bool:
        result = self._compare(other)
        return NotImplemented if result is None else result >= 0

    def __hash__(self) -> int:
        return hash(self.canonical())

    def __bool__(self) -> bool:
        return True

    def __abs__(self) -> Algebraic:
        return self if self.sign() > 0 else -self

    def __float__(self) -> float:
        return float(_narrow(self, Fraction(1, 2**60)))

    def __repr__(self) -> str:
        return f"Algebraic({exact_text(self)} ~ {approx_text(self)})"

    # -- identity --------------------------------------------------------------------------
    def minimal_polynomial(self) -> Poly:
        """The monic minimal polynomial of this number over the rationals.

        The first linear dependency among the powers ``1, x, x^2, ...`` in the field (exact
        Gaussian elimination on their coefficient vectors).

        Returns
        -------
        Poly
            Monic, irreducible, of degree at least 2.
        """
        degree = self.field.degree
        basis: list[tuple[list[Fraction], list[Fraction]]] = []  # (reduced vector, combination)
        power: Poly = (Fraction(1),)
        for k in range(degree + 1):
            vector = list(power) + [Fraction(0)] * (degree - len(power))
            combination = [Fraction(0)] * (k + 1)
            combination[k] = Fraction(1)
            for pivot_vector, pivot_combination in basis:
                pivot = next(i for i, v in enumerate(pivot_vector) if v)
                factor = vector[pivot]
                if factor:
                    vector = [v - factor * p for v, p in zip(vector, pivot_vector, strict=True)]
                    for i, c in enumerate(pivot_combination):
                        combination[i] -= factor * c
            if not any(vector):
                return tuple(c / combination[-1] for c in poly(combination))
            pivot = next(i for i, v in enumerate(vector) if v)
            scale = vector[pivot]
            basis.append(([v / scale for v in vector], [c / scale for c in combination]))
            power = poly_divmod(poly_mul(power, self.coefficients), self.field.modulus)[1]
        raise AssertionError("the powers of a field element must be dependent")

    def canonical(self) -> tuple[tuple[int, ...], int]:
        """``(minimal polynomial as coprime integers, rank of this root among its real roots)``.

        Equal numbers have equal canonical identities, whichever field they were found in.
        """
        if self._canonical is None:
            minimal = self.minimal_polynomial()
            sturm = sturm_sequence(minimal)
            low, high = self.bounds()
            while count_roots(sturm, low, high) != 1 or evaluate(minimal, low) == 0:
                self.field.refine()
                low, high = self.bounds()
            self._canonical = (primitive_integers(minimal), count_roots(sturm, None, low))
        return self._canonical


#: An exact real number as ggcalc holds one: rational, or irrational algebraic.
Real = Union[Fraction, Algebraic]  # noqa: UP007 (a runtime alias: typing.Union reads clearly)


def is_rational(value: object) -> bool:
    """Whether ``value`` is an exact rational (``int`` or ``Fraction``), not an algebraic number.

    Parameters
    ----------
    value : object
        A number.

    Returns
    -------
    bool
        True for ``int`` and ``Fraction``.
    """
    return isinstance(value, (int, Fraction))


def exact_key(value: Real) -> tuple[object, ...]:
    """A hashable key that is equal for two numbers exactly when they are equal.

    Parameters
    ----------
    value : Fraction or Algebraic
        The number.

    Returns
    -------
    tuple
        ``(numerator, denominator)`` for a rational; the canonical identity otherwise.
    """
    if isinstance(value, Algebraic):
        return ("algebraic", *value.canonical())
    return Fraction(value).as_integer_ratio()


def _narrow(value: Algebraic, width: Fraction) -> Fraction:
    """The midpoint of bounds on ``value`` no wider than ``width`` times ``max(1, |value|)``."""
    while True:
        low, high = value.bounds()
        if high - low <= width * max(Fraction(1), abs(low), abs(high)):
            return (low + high) / 2
        value.field.refine()


def _decimal(value: Fraction, digits: int) -> Decimal:
    with localcontext() as context:
        context.prec = digits
        context.rounding = ROUND_HALF_EVEN
        return +(Decimal(value.numerator) / Decimal(value.denominator))


def approx_text(value: Real, digits: int = 10) -> str:
    """The value as a decimal correctly rounded to ``digits`` significant digits.

    Parameters
    ----------
    value : Fraction or Algebraic
        The number.
    digits : int, optional
        Significant digits (default 10, CONTRACT §1.5's minimum).

    Returns
    -------
    str
        e.g. ``"0.6180339887"``; never in exponent notation.
    """
    if not isinstance(value, Algebraic):
        return f"{_decimal(Fraction(value), digits):f}" if value else "0"
    while True:
        low, high = value.bounds()
        # Both ends, and so the value between them, round to the same decimal.
        if low.numerator * high.numerator > 0 and _decimal(low, digits) == _decimal(high, digits):
            return f"{_decimal(low, digits):f}"
        value.field.refine()


def _squarefree_split(n: int) -> tuple[int, int]:
    """``(k, m)`` with ``n = k^2 m``: squares of primes below 10^4 (and perfect squares) out."""
    k, m = 1, n
    root = isqrt(m)
    if root * root == m:
        return root, 1
    p = 2
    while p < 10_000 and p * p <= m:
        while m % (p * p) == 0:
            m //= p * p
            k *= p
        p += 1 if p == 2 else 2
    root = isqrt(m)
    if root * root == m:
        return k * root, 1
    return k, m


def _radical_text(value: Algebraic, minimal: tuple[int, ...]) -> str:
    """``(b ± k*sqrt(d))/den`` for a quadratic irrational with integer minimal polynomial."""
    c, b, a = minimal  # a x^2 + b x + c, a > 0
    k, d = _squarefree_split(b * b - 4 * a * c)
    # value = (-b ± k sqrt(d)) / (2a): the sign is the side of -b/(2a) the value is on.
    plus = value > Fraction(-b, 2 * a)
    numerator, coefficient, denominator = -b, k, 2 * a
    common = gcd(gcd(numerator, coefficient), denominator)
    numerator, coefficient, denominator = (
        numerator // common,
        coefficient // common,
        denominator // common,
    )
    surd = f"sqrt({d})" if coefficient == 1 else f"{coefficient}*sqrt({d})"
    if numerator == 0:
        body = surd if plus else f"-{surd}"
        return body if denominator == 1 else f"{body}/{denominator}"
    body = f"{numerator} {'+' if plus else '-'} {surd}"
    return body if denominator == 1 else f"({body})/{denominator}"


def _polynomial_text(coefficients: tuple[int, ...]) -> str:
    """``x^3 - 2*x + 5`` for ``(5, -2, 0, 1)``."""
    terms: list[str] = []
    for power in range(len(coefficients) - 1, -1, -1):
        c = coefficients[power]
        if not c:
            continue
        magnitude = abs(c)
        monomial = "" if power == 0 else ("x" if power == 1 else f"x^{power}")
        if not monomial:
            text = str(magnitude)
        elif magnitude == 1:
            text = monomial
        else:
            text = f"{magnitude}*{monomial}"
        if not terms:
            terms.append(text if c > 0 else f"-{text}")
        else:
            terms.append(f"{'+' if c > 0 else '-'} {text}")
    return " ".join(terms)


#: The width of the interval ``root(POLY, LOW, HIGH)`` names.
_WIDTH = Fraction(1, 1024)


def _isolating_interval(minimal: tuple[int, ...], rank: int) -> tuple[Fraction, Fraction]:
    """The canonical interval of the ``rank``-th real root: bisection from the root bound,
    until it holds that root alone and is at most 1/1024 wide."""
    polynomial = poly(minimal)
    sturm = sturm_sequence(polynomial)
    bound = root_bound(polynomial)
    low, high = -bound, bound
    below = count_roots(sturm, None, low)  # roots at or below low: none, by the bound
    while True:
        if high - low <= _WIDTH and count_roots(sturm, low, high) == 1:
            return low, high
        middle = (low + high) / 2
        left = count_roots(sturm, low, middle)
        if rank < below + left:
            high = middle
        else:
            below += left
            low = middle


def exact_text(value: Real) -> str:
    """The exact value in CONTRACT §1.5's notation.

    Parameters
    ----------
    value : Fraction or Algebraic
        The number.

    Returns
    -------
    str
        ``"2/3"`` for a rational, ``"(-1 + sqrt(5))/2"`` for a quadratic irrational,
        ``"root(x^3 - 3*x + 1, 0, 1/2)"`` (the only root of the polynomial in the interval)
        otherwise.
    """
    if not isinstance(value, Algebraic):
        return fraction_text(Fraction(value))
    minimal, rank = value.canonical()
    if len(minimal) == 3:
        return _radical_text(value, minimal)
    low, high = _isolating_interval(minimal, rank)
    return f"root({_polynomial_text(minimal)}, {exact_text(low)}, {exact_text(high)})"


def rounded_text(value: Real, places: int = 4) -> str:
    """The value rounded to ``places`` decimals, as :func:`~ggcalc.exact.rationals.decimal_text`.

    Parameters
    ----------
    value : Fraction or Algebraic
        The number.
    places : int, optional
        Decimal places (default 4).

    Returns
    -------
    str
        e.g. ``"0.618"`` for ``(-1 + sqrt(5))/2`` at 3 places; trailing zeros dropped.
    """
    if not isinstance(value, Algebraic):
        return decimal_text(Fraction(value), places)
    while True:
        low, high = value.bounds()
        first, second = decimal_text(low, places), decimal_text(high, places)
        if first == second:
            return first
        value.field.refine()


def json_number(value: Real) -> str | dict[str, str]:
    """A number as CONTRACT §3 and §1.5 write it in JSON.

    Parameters
    ----------
    value : Fraction or Algebraic
        The number.

    Returns
    -------
    str or dict
        ``"1/2"`` for a rational; ``{"exact": "(-1 + sqrt(5))/2", "approx": "0.6180339887"}``
        for an irrational number.
    """
    if isinstance(value, Algebraic):
        return {"exact": exact_text(value), "approx": approx_text(value)}
    return exact_text(value)


def human_text(value: Real) -> str:
    """A number for people: exact where that is short, with a decimal where it is irrational.

    Parameters
    ----------
    value : Fraction or Algebraic
        The number.

    Returns
    -------
    str
        ``"2/3"``; ``"(-1 + √5)/2 ≈ 0.618034"`` for a quadratic irrational; ``"≈ 0.347296"``
        for any other irrational (its exact value is in the JSON).
    """
    if not isinstance(value, Algebraic):
        return exact_text(value)
    decimal = approx_text(value, 6)
    if len(value.canonical()[0]) == 3:
        radical = re.sub(r"(\d+\*)?sqrt\((\d+)\)", _root_sign, exact_text(value))
        return f"{radical} ≈ {decimal}"
    return f"≈ {decimal}"


def _root_sign(match: re.Match[str]) -> str:
    coefficient = (match.group(1) or "").rstrip("*")
    return f"{coefficient}√{match.group(2)}"
