"""Exact rational numbers: reading them as users write them, and writing them back.

Users write ``3``, ``-2``, ``0.1`` (exactly 1/10, never the binary float), ``1e3`` or ``"2/3"``.
Everything inside ggcalc is a :class:`fractions.Fraction`; floats exist only as a speed trick
inside solvers and never reach a user unlabelled.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

__all__ = ["decimal_text", "fraction_text", "parse_exact"]

#: Literal size cap (characters) so a 10^6-digit number cannot stall the loader.
MAX_LITERAL_CHARS = 200


def parse_exact(text: str) -> Fraction | None:
    """Read ``text`` as an exact number, or return ``None`` if it is not one.

    Accepts integers (with ``_`` separators), decimals, scientific notation with a modest
    exponent, and fractions ``"p/q"`` (q non-zero), each with an optional sign and surrounding
    spaces. ``inf`` and ``nan`` are not numbers here.
    """
    text = text.strip().replace("_", "")
    if not text or len(text) > MAX_LITERAL_CHARS:
        return None
    lowered = text.lower()
    if any(word in lowered for word in ("inf", "nan", "x", "o", "b")):
        return None
    if "e" in lowered:
        mantissa, _, exponent = lowered.partition("e")
        try:
            if abs(int(exponent)) > 1000:
                return None
        except ValueError:
            return None
        del mantissa
    try:
        value = Fraction(text)
    except (ValueError, ZeroDivisionError):
        return None
    return value


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
