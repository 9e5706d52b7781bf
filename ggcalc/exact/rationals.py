"""Exact rational numbers: reading them as users write them, and writing them back.

Everything inside ggcalc is a :class:`fractions.Fraction` (reading them is
:func:`ggcalc.exact.expressions.parse_number`); floats exist only as a speed trick inside
solvers and never reach a user unlabelled.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

__all__ = ["decimal_text", "fraction_text", "round_probabilities"]


def fraction_text(value: Fraction) -> str:
    """Write a rational exactly, as in JSON documents and tables.

    Parameters
    ----------
    value : Fraction
        The number to write.

    Returns
    -------
    str
        ``"p/q"`` in lowest terms, or just ``"p"`` for an integer: ``"1/2"``, ``"3"``,
        ``"-7/4"``.
    """
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def decimal_text(value: Fraction, places: int = 4) -> str:
    """Write a rational as a rounded decimal for humans, e.g. ``0.3333``.

    Parameters
    ----------
    value : Fraction
        The number to write.
    places : int, optional
        Decimal places to round to (default 4), with :class:`decimal.Decimal` rounding
        (half to even).

    Returns
    -------
    str
        The rounded value without trailing zeros (so an exact ``1/2`` prints as ``0.5`` and
        ``3`` as ``3``); a value that rounds to zero prints as ``0``, never ``-0``.
    """
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    rounded = round(exact, places)
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text


def round_probabilities(
    values: list[float], max_denominator: int, tolerance: float = 0.0
) -> tuple[Fraction, ...]:
    """Nearby exact probabilities for float ones: each rounded to a fraction, then rescaled.

    Parameters
    ----------
    values : list of float
        Approximate probabilities (nonnegative, summing to about 1).
    max_denominator : int
        Each value is first replaced by the closest fraction with at most this denominator.
    tolerance : float, optional
        Values at most this become exactly 0.

    Returns
    -------
    tuple of Fraction
        Exact probabilities summing to exactly 1 (all zero only if every value was at most
        ``tolerance``).
    """
    approx = [
        Fraction(v).limit_denominator(max_denominator) if v > tolerance else Fraction(0)
        for v in values
    ]
    total = sum(approx, Fraction(0))
    return tuple(p / total for p in approx) if total > 0 else tuple(approx)
