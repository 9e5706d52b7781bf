"""Exact rational numbers: reading them as users write them, and writing them back.

Everything inside ggcalc is a :class:`fractions.Fraction` (reading them is
:func:`ggcalc.expressions.parse_number`); floats exist only as a speed trick inside solvers and
never reach a user unlabelled.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

__all__ = ["decimal_text", "fraction_text"]


def fraction_text(value: Fraction) -> str:
    """``"1/2"``, ``"3"``, ``"-7/4"``: the exact form used in JSON and tables."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def decimal_text(value: Fraction, places: int = 4) -> str:
    """A rounded decimal for humans, e.g. ``0.3333``; exact values print without trailing zeros."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    rounded = round(exact, places)
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text
