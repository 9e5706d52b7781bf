"""Distributions of uncertain parameters and the exact samples drawn from them.

Parameters in ggcalc are exact fractions, so every draw (a float) is made exact by rounding it
to :data:`DIGITS` significant digits, ``Fraction(f"{x:.6g}")``: a sampled value is the decimal
a user would type, and setting the parameter to it reproduces the sample exactly. A bounded
distribution's draw is then clipped into its bounds (rounding ``0.99999996`` up must not leave
``uniform:0:1``). All samples come from one ``random.Random(seed)`` (Mersenne Twister), sample
after sample and, within a sample, parameter after parameter in the order given.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ggcalc.errors import UsageError, did_you_mean, literal, quote
from ggcalc.exact.expressions import ExpressionError, parse_number
from ggcalc.exact.rationals import fraction_text

__all__ = [
    "DIGITS",
    "DISTRIBUTIONS",
    "MAX_SAMPLES",
    "Distribution",
    "Varied",
    "draw_samples",
    "iter_samples",
    "parse_varied",
    "sample_text",
]

#: Most samples one run may solve.
MAX_SAMPLES = 1_000_000
#: Significant digits every sampled value is rounded to (it is then exact).
DIGITS = 6
#: Each distribution and the names of its numbers, as written after ``NAME=kind:``.
DISTRIBUTIONS: dict[str, tuple[str, ...]] = {
    "uniform": ("A", "B"),
    "normal": ("MEAN", "SD"),
    "triangular": ("LOW", "MODE", "HIGH"),
}
_HINT = (
    "write NAME=DIST with DIST uniform:A:B, normal:MEAN:SD or triangular:LOW:MODE:HIGH, "
    "e.g. cost=uniform:0:10"
)


@dataclass(frozen=True)
class Distribution:
    """A distribution to draw one parameter from, with exact arguments.

    Attributes
    ----------
    kind : str
        ``"uniform"`` (arguments A < B), ``"normal"`` (MEAN, SD > 0) or ``"triangular"``
        (LOW <= MODE <= HIGH, LOW < HIGH); the keys of :data:`DISTRIBUTIONS`.
    arguments : tuple of Fraction
        Its numbers, in the order of :data:`DISTRIBUTIONS`.
    """

    kind: str
    arguments: tuple[Fraction, ...]

    def draw(self, rng: random.Random) -> Fraction:
        """One exact value: a draw from ``rng``, rounded to :data:`DIGITS` significant digits
        (and clipped into the bounds of a uniform or triangular distribution).

        Uses :meth:`random.Random.uniform`, :meth:`~random.Random.normalvariate` (which, unlike
        ``gauss``, keeps no state between calls besides the generator's) and
        :meth:`~random.Random.triangular`.

        Parameters
        ----------
        rng : random.Random
            The generator drawn from (one draw, advancing its state).

        Returns
        -------
        Fraction
            The exact value, a decimal of at most :data:`DIGITS` significant digits unless it
            was clipped to a bound.
        """
        numbers = [float(a) for a in self.arguments]
        if self.kind == "uniform":
            x = rng.uniform(numbers[0], numbers[1])
        elif self.kind == "normal":
            x = rng.normalvariate(numbers[0], numbers[1])
        else:
            low, mode, high = numbers
            x = rng.triangular(low, high, mode)
        value = Fraction(f"{x:.{DIGITS}g}")
        if self.kind != "normal":
            value = min(max(value, self.arguments[0]), self.arguments[-1])
        return value

    def __str__(self) -> str:
        return ":".join([self.kind, *(fraction_text(a) for a in self.arguments)])


@dataclass(frozen=True)
class Varied:
    """A varied parameter (``--vary NAME=DIST``): its name and its distribution.

    Attributes
    ----------
    name : str
        The parameter's name.
    distribution : Distribution
        What its values are drawn from.
    """

    name: str
    distribution: Distribution


def parse_varied(text: str) -> Varied:
    """``NAME=uniform:A:B``, ``NAME=normal:MEAN:SD`` or ``NAME=triangular:LOW:MODE:HIGH`` -> the
    varied parameter, its numbers exact and checked.

    Parameters
    ----------
    text : str
        The specification, as given to ``--vary`` (``vary=`` in the library).

    Returns
    -------
    Varied
        The parameter (name stripped of white space) and its distribution.

    Raises
    ------
    UsageError
        For anything else, saying what is wrong (an unknown distribution, a missing or
        non-numeric argument, ``A >= B``, ``SD <= 0``, ``MODE`` outside ``[LOW, HIGH]``, or an
    argument too large to sample as a float).
    """
    name, equals, spec = text.partition("=")
    given = f"{{vary}} {literal(quote(text))}"
    if not equals or not name.strip() or not spec.strip():
        raise UsageError(f"{given} is not NAME=DIST", hint=_HINT, fields=True)
    kind, *parts = (part.strip() for part in spec.split(":"))
    if kind not in DISTRIBUTIONS:
        if _is_number(kind):
            # Most likely a sweep's START:STOP:STEPS.
            hint = "robustness draws from a distribution, e.g. uniform:0:4 (sweep takes a grid)"
        else:
            hint = did_you_mean(kind, DISTRIBUTIONS) or _HINT
        raise UsageError(
            f"{given}: unknown distribution {literal(quote(kind))}",
            hint=literal(hint),
            fields=True,
        )
    what = DISTRIBUTIONS[kind]
    usage = f"write {kind}:{':'.join(what)}"
    if len(parts) != len(what):
        raise UsageError(
            f"{given}: {kind} takes {len(what)} numbers ({':'.join(what)}), got {len(parts)}",
            hint=usage,
            fields=True,
        )
    numbers: list[Fraction] = []
    for part, label in zip(parts, what, strict=True):
        try:
            value = parse_number(part)
        except ExpressionError as exc:
            raise UsageError(
                f"{given}: {label} {literal(exc.message)}", hint=usage, fields=True
            ) from None
        if value is None:
            raise UsageError(
                f"{given}: {label} {literal(quote(part))} is not a number",
                hint=f"{usage}; numbers are integers, decimals or fractions such as 2/3",
                fields=True,
            )
        if not math.isfinite(_float(value)):
            raise UsageError(f"{given}: {label} is too large to sample", hint=usage, fields=True)
        numbers.append(value)
    if kind == "uniform" and not numbers[0] < numbers[1]:
        raise UsageError(f"{given}: A must be less than B", hint="e.g. uniform:0:4", fields=True)
    if kind == "normal" and not numbers[1] > 0:
        raise UsageError(
            f"{given}: the standard deviation SD must be positive",
            hint="e.g. normal:3:0.5",
            fields=True,
        )
    if kind == "triangular" and not numbers[0] < numbers[2]:
        raise UsageError(
            f"{given}: LOW must be less than HIGH", hint="e.g. triangular:0:1:4", fields=True
        )
    if kind == "triangular" and not numbers[0] <= numbers[1] <= numbers[2]:
        raise UsageError(
            f"{given}: MODE must lie between LOW and HIGH",
            hint="e.g. triangular:0:1:4",
            fields=True,
        )
    return Varied(name.strip(), Distribution(kind, tuple(numbers)))


def _is_number(text: str) -> bool:
    try:
        return parse_number(text) is not None
    except ExpressionError:
        return True


def _float(value: Fraction) -> float:
    try:
        return float(value)
    except OverflowError:
        return math.inf


def iter_samples(
    varied: Sequence[Varied], samples: int, seed: int
) -> Iterator[tuple[Fraction, ...]]:
    """The samples, one tuple of exact values (in the order of ``varied``) per sample.

    Drawn lazily from one ``random.Random(seed)``, sample-major: the same seed, distributions
    and number of samples always give the same values.

    Parameters
    ----------
    varied : sequence of Varied
        The varied parameters, in the order their values are drawn within a sample.
    samples : int
        How many samples to draw.
    seed : int
        The generator's seed.

    Yields
    ------
    tuple of Fraction
        One sample: a value per varied parameter, in the order of ``varied``.
    """
    rng = random.Random(seed)
    distributions = [v.distribution for v in varied]
    for _ in range(samples):
        yield tuple(d.draw(rng) for d in distributions)


def draw_samples(varied: Sequence[Varied], samples: int, seed: int) -> list[tuple[Fraction, ...]]:
    """All the samples :func:`robustness` solves, as a list (see :func:`iter_samples`).

    Parameters
    ----------
    varied : sequence of Varied
        The varied parameters, in the order their values are drawn within a sample.
    samples : int
        How many samples to draw.
    seed : int
        The generator's seed.

    Returns
    -------
    list of tuple of Fraction
        The samples, in order, each a value per varied parameter.
    """
    return list(iter_samples(varied, samples, seed))


def sample_text(value: Fraction) -> str:
    """A sampled value as a user would type it: a decimal when exact (every rounded draw), else
    a fraction (a bound such as 1/3 that a draw was clipped to).

    Parameters
    ----------
    value : Fraction
        A sampled value.

    Returns
    -------
    str
        E.g. ``"0.25"``, ``"3"`` or ``"1/3"``, read back by ``--set NAME=VALUE`` as the same
        value.
    """
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        return fraction_text(value)
    text = f"{Decimal(value.numerator) / Decimal(value.denominator):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
