"""Values users give outside a file (``--set NAME=VALUE``, keyword overrides of ``load``),
read exactly."""

from __future__ import annotations

from fractions import Fraction

from ggcalc.errors import Location, UsageError
from ggcalc.exact.expressions import ExpressionError, parse_number

__all__ = ["parse_override"]


def parse_override(value: object, name: str, file: str | None = None) -> Fraction:
    """An exact value for ``--set NAME=VALUE`` or a keyword override of :func:`load`.

    A Python float is read through its shortest repr, so ``0.1`` means exactly 1/10.

    Parameters
    ----------
    value
        What the user gave: a number, or text such as ``"2/3"`` or ``"0.25"``.
    name
        The parameter's name, for messages.
    file
        The scenario file, to locate a message.

    Returns
    -------
    Fraction
        The exact value.

    Raises
    ------
    UsageError
        When the value is not a number (booleans are not).
    """
    where = Location(file) if file else None
    if isinstance(value, bool):
        raise UsageError(f"parameter '{name}' must be a number, got {value}", location=where)
    if isinstance(value, int | Fraction):
        return Fraction(value)
    if isinstance(value, float):
        text = repr(value)
    elif isinstance(value, str):
        text = value
    else:
        raise UsageError(
            f"parameter '{name}' must be a number, got {type(value).__name__}", location=where
        )
    try:
        exact = parse_number(text)
    except ExpressionError as exc:
        raise UsageError(
            f"parameter '{name}': {exc.message}", location=where, hint=exc.hint
        ) from None
    if exact is None:
        raise UsageError(
            f"parameter '{name}' must be a number, got '{text}'",
            location=where,
            hint="write an integer, a decimal or a fraction such as 2/3",
        )
    return exact
