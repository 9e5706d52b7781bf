"""``ggcalc sweep``: solve a scenario over a grid of parameter values, group the results into
regimes (ranges with the same equilibria) and, along one parameter, locate the thresholds where
the answer flips, by exact bisection.

Why one module: the grid, its regimes and the bisection of its thresholds are one algorithm
over one result type (about 280 lines of code); the rest is the documentation of its public
API.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ggcalc.analysis.parameters import check_varied
from ggcalc.errors import Problem, ScenarioError, UsageError, literal, quote
from ggcalc.exact.expressions import ExpressionError, parse_number
from ggcalc.exact.rationals import fraction_text
from ggcalc.io.load import ScenarioDocument
from ggcalc.io.yaml.flow import profile_text
from ggcalc.model.solution import Solution, solution_profiles

__all__ = [
    "MAX_POINTS",
    "Axis",
    "Regime",
    "SweepResult",
    "Threshold",
    "parse_axis",
    "signature",
    "sweep",
]

#: Most grid points one sweep may solve.
MAX_POINTS = 1_000_000
#: Default bisection precision: this fraction of the grid step.
PRECISION_STEPS = 1024

#: The equilibria at a point, for grouping: the pure ones (as ``expect`` writes them) and how
#: many mixed ones there are.
Signature = tuple[tuple[str, ...], int]


@dataclass(frozen=True)
class Axis:
    """One varied parameter and its exact values, both ends included.

    Attributes
    ----------
    name : str
        The parameter's name.
    values : tuple of Fraction
        Its values, evenly spaced from the start to the stop (decreasing when the stop is below
        the start).
    """

    name: str
    values: tuple[Fraction, ...]

    @property
    def step(self) -> Fraction:
        """The exact distance between neighbouring values (negative for a decreasing axis; 0
        for a single value)."""
        return self.values[1] - self.values[0] if len(self.values) > 1 else Fraction(0)


def parse_axis(text: str) -> Axis:
    """``NAME=START:STOP:STEPS`` -> the axis of STEPS exact values from START to STOP.

    STEPS counts the points, both ends included: ``cost=0:10:21`` is 0, 1/2, 1, ..., 10.

    Parameters
    ----------
    text : str
        The specification, as given to ``--vary`` (``vary=`` in the library).

    Returns
    -------
    Axis
        The parameter (name stripped of white space) and its exact values.

    Raises
    ------
    ggcalc.errors.UsageError
        If the text is not ``NAME=START:STOP:STEPS``, START or STOP is not an exact number,
        STEPS is not a whole number from 2 to :data:`MAX_POINTS`, or START equals STOP.
    """
    name, equals, spec = text.partition("=")
    parts = spec.split(":")
    hint = "write NAME=START:STOP:STEPS, e.g. cost=0:10:21 (21 points, both ends)"
    spec = f"{{vary}} {literal(quote(text))}"
    if not equals or not name.strip() or len(parts) != 3:
        raise UsageError(f"{spec} is not NAME=START:STOP:STEPS", hint=hint, fields=True)
    numbers = []
    for part, what in zip(parts[:2], ("START", "STOP"), strict=True):
        try:
            value = parse_number(part.strip())
        except ExpressionError as exc:
            raise UsageError(
                f"{spec}: {what} {literal(exc.message)}", hint=hint, fields=True
            ) from None
        if value is None:
            raise UsageError(
                f"{spec}: {what} {literal(quote(part))} is not a number",
                hint=hint,
                fields=True,
            )
        numbers.append(value)
    steps_text = parts[2].strip()
    if not steps_text.isdigit() or int(steps_text) < 2:
        raise UsageError(
            f"{spec}: STEPS must be a whole number of points, at least 2", hint=hint, fields=True
        )
    steps = int(steps_text)
    if steps > MAX_POINTS:
        raise UsageError(f"{spec}: at most {MAX_POINTS:,} points", hint=hint, fields=True)
    start, stop = numbers
    if start == stop:
        raise UsageError(f"{spec}: START and STOP are equal", hint=hint, fields=True)
    values = tuple(start + (stop - start) * k / (steps - 1) for k in range(steps))
    return Axis(name.strip(), values)


def signature(solution: Solution) -> Signature:
    """What defines a regime: the set of pure equilibria and the number of mixed ones.

    Parameters
    ----------
    solution : Solution
        The certified solution at one point.

    Returns
    -------
    Signature
        The pure equilibria as ``expect`` writes them, sorted, and how many equilibria are
        mixed (mixed ones are counted, not compared: their probabilities move with the
        parameters).
    """
    game = solution.game
    pure = sorted(
        profile_text(game, profile)
        for profile, eq in zip(solution_profiles(solution), solution.equilibria, strict=True)
        if eq.pure
    )
    return tuple(pure), sum(1 for eq in solution.equilibria if not eq.pure)


@dataclass
class Point:
    """One grid point: the parameter values and what was found there.

    Attributes
    ----------
    values : dict of str to Fraction
        The varied parameters' values at this point.
    solution : Solution
        The certified solution there.
    signature : Signature
        Its :func:`signature`.
    """

    values: dict[str, Fraction]
    solution: Solution
    signature: Signature


@dataclass
class Regime:
    """Consecutive points (along one parameter) with the same equilibria.

    Attributes
    ----------
    first : Fraction
        The parameter's value at the regime's first point.
    last : Fraction
        Its value at the regime's last point.
    points : int
        How many grid points the regime holds.
    signature : Signature
        What holds at each of them (:func:`signature`).
    """

    first: Fraction
    last: Fraction
    points: int
    signature: Signature


@dataclass
class Threshold:
    """Where the answer changes along one parameter, found by exact bisection.

    The change is somewhere in ``(low, high]``, an interval no wider than the precision;
    ``before`` holds at ``low``, ``after`` at ``high``. ``simplest`` is the simplest fraction
    in the interval and ``at_simplest`` what holds there (often the exact threshold, where
    players are indifferent); ``complete_at_simplest`` says whether that list is proven
    complete (at a tie it often is not).

    Attributes
    ----------
    parameter : str
        The varied parameter.
    low : Fraction
        The lower end of the interval.
    high : Fraction
        The upper end.
    before : Signature
        What holds at ``low``.
    after : Signature
        What holds at ``high``.
    simplest : Fraction
        The simplest fraction between ``low`` and ``high`` (:func:`simplest_between`).
    at_simplest : Signature
        What holds at ``simplest``.
    complete_at_simplest : bool
        Whether the solver proved its list at ``simplest`` complete.
    """

    parameter: str
    low: Fraction
    high: Fraction
    before: Signature
    after: Signature
    simplest: Fraction
    at_simplest: Signature
    complete_at_simplest: bool = True


@dataclass
class SweepResult:
    """What :func:`sweep` found: every grid point solved, and for one axis its regimes and
    thresholds.

    Attributes
    ----------
    axes : list of Axis
        The varied parameters, in the order given (the grid is their product, last fastest).
    concept : str
        The solution concept solved at every point.
    points : list of Point
        Every grid point, in grid order.
    precision : Fraction or None
        For one axis, how narrow each threshold's interval is; None for several axes.
    regimes : list of Regime
        For one axis, the runs of consecutive points with the same equilibria.
    thresholds : list of Threshold
        For one axis, every change located between neighbouring points, in grid order.
    labels : list of int
        Per point (in order), the index of its signature in :attr:`signatures`.
    signatures : list of Signature
        Each distinct signature once, in the order first met.
    """

    axes: list[Axis]
    concept: str
    points: list[Point]
    precision: Fraction | None
    regimes: list[Regime] = field(default_factory=list)
    thresholds: list[Threshold] = field(default_factory=list)
    #: Per point (in order), the index of its signature in :attr:`signatures`.
    labels: list[int] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``ggcalc sweep --format json``.

        Returns
        -------
        dict
            ``{"parameters", "points": [{"values", "equilibria", "complete"}]}`` (issue
            contract) plus ``concept``, ``regimes`` and ``thresholds`` (empty for several
            axes) and, for one axis, ``precision``; exact numbers as strings (``"1/2"``).
        """
        document: dict[str, Any] = {
            "parameters": [axis.name for axis in self.axes],
            "concept": self.concept,
            "points": [
                {
                    "values": {k: fraction_text(v) for k, v in point.values.items()},
                    "equilibria": point.solution.to_dict()["equilibria"],
                    "complete": point.solution.complete,
                }
                for point in self.points
            ],
            "regimes": [
                {
                    "from": fraction_text(r.first),
                    "to": fraction_text(r.last),
                    "points": r.points,
                    "pure": list(r.signature[0]),
                    "mixed": r.signature[1],
                }
                for r in self.regimes
            ],
            "thresholds": [
                {
                    "parameter": t.parameter,
                    "low": fraction_text(t.low),
                    "high": fraction_text(t.high),
                    "before": {"pure": list(t.before[0]), "mixed": t.before[1]},
                    "after": {"pure": list(t.after[0]), "mixed": t.after[1]},
                    "simplest": fraction_text(t.simplest),
                    "at_simplest": {
                        "pure": list(t.at_simplest[0]),
                        "mixed": t.at_simplest[1],
                        "complete": t.complete_at_simplest,
                    },
                }
                for t in self.thresholds
            ],
        }
        if self.precision is not None:
            document["precision"] = fraction_text(self.precision)
        return document


def sweep(
    document: ScenarioDocument,
    axes: list[Axis],
    *,
    concept: str | None = None,
    fixed: Mapping[str, object] | None = None,
    precision: Fraction | None = None,
    timeout: float | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SweepResult:
    """Solve ``document`` at every grid point of ``axes`` (other parameters at their file
    values, or ``fixed``); for one axis, also find the thresholds.

    The game is built from the document at each point, without reading the file again, and
    its ``expect`` block is ignored. For one axis, points are grouped into regimes, and
    between each two neighbouring points with different equilibria every change that
    bisection meets (at most 16) is narrowed down to ``precision``.

    Parameters
    ----------
    document : ScenarioDocument
        The scenario, read once (:func:`ggcalc.io.load.read`).
    axes : list of Axis
        The varied parameters (:func:`parse_axis`).
    concept : str or None, optional
        The solution concept (None: the game's default).
    fixed : mapping of str to object, optional
        Values of other parameters, replacing the file's (``--set``).
    precision : Fraction or None, optional
        How narrow each threshold's interval must be (None: the grid step / 1024).
    timeout : float or None, optional
        The time limit, in seconds, of each solve (None: none).
    progress : callable or None, optional
        Called as ``progress(done, total)`` after each grid point is solved.

    Returns
    -------
    SweepResult
        Every point's certified solution, and for one axis the regimes and thresholds.

    Raises
    ------
    UsageError
        For an unknown or repeated parameter, one both varied and fixed, or a grid of more
        than :data:`MAX_POINTS`.
    ScenarioError
        If the scenario is invalid at some point (a division by zero, a probability out of
        range): each problem says at which values.
    """
    names = [axis.name for axis in axes]
    exact_fixed = check_varied(document, names, fixed or {})
    total = 1
    for axis in axes:
        total *= len(axis.values)
    if total > MAX_POINTS:
        raise UsageError(f"the grid has {total:,} points, more than {MAX_POINTS:,}")

    def solve_at(values: dict[str, Fraction]) -> Solution:
        try:
            scenario = document.scenario({**exact_fixed, **values}, expectations=False)
        except ScenarioError as error:
            # A formula may fail only at some values (a division by zero, a negative
            # probability): say at which.
            at = ", ".join(f"{k} = {fraction_text(v)}" for k, v in values.items())
            raise ScenarioError(
                [Problem(f"{p.message} (at {at})", p.location, p.hint) for p in error.problems]
            ) from None
        return scenario.solve(concept=concept, timeout=timeout)

    points = []
    for index, combination in enumerate(itertools.product(*(axis.values for axis in axes))):
        values = dict(zip(names, combination, strict=True))
        solution = solve_at(values)
        points.append(Point(values, solution, signature(solution)))
        if progress is not None:
            progress(index + 1, total)
    concept_name = points[0].solution.concept if points else (concept or "nash")
    result = SweepResult(list(axes), concept_name, points, None)
    for point in points:
        if point.signature not in result.signatures:
            result.signatures.append(point.signature)
        result.labels.append(result.signatures.index(point.signature))
    if len(axes) == 1:
        axis = axes[0]
        result.precision = precision if precision is not None else abs(axis.step) / PRECISION_STEPS
        result.regimes = list(_regimes(axis, points))
        result.thresholds = [
            threshold
            for a, b in itertools.pairwise(points)
            if a.signature != b.signature
            for threshold in _changes(axis.name, a, b, result.precision, solve_at)
        ]
    return result


def _regimes(axis: Axis, points: list[Point]) -> Iterator[Regime]:
    start = 0
    for k in range(1, len(points) + 1):
        if k == len(points) or points[k].signature != points[start].signature:
            yield Regime(
                points[start].values[axis.name],
                points[k - 1].values[axis.name],
                k - start,
                points[start].signature,
            )
            start = k


#: At most this many changes are located between two neighbouring grid points.
MAX_CHANGES_BETWEEN_POINTS = 16


def _changes(
    name: str,
    a: Point,
    b: Point,
    precision: Fraction,
    solve_at: Callable[[dict[str, Fraction]], Solution],
) -> list[Threshold]:
    """Every change between two neighbouring grid points that bisection meets, in the order of
    the grid: the first change from ``a`` is narrowed down, and if what holds just after it is
    not yet what holds at ``b`` (a third answer in between, such as a tie at a single value),
    the search goes on from there."""
    start, start_signature = a.values[name], a.signature
    end, end_signature = b.values[name], b.signature
    found: list[Threshold] = []
    while start_signature != end_signature and len(found) < MAX_CHANGES_BETWEEN_POINTS:
        threshold, start, start_signature = _bisect(
            name, start, start_signature, end, end_signature, precision, solve_at
        )
        found.append(threshold)
    return found


def _bisect(
    name: str,
    start: Fraction,
    start_signature: Signature,
    end: Fraction,
    end_signature: Signature,
    precision: Fraction,
    solve_at: Callable[[dict[str, Fraction]], Solution],
) -> tuple[Threshold, Fraction, Signature]:
    """Narrow the first change from ``start`` towards ``end`` down to ``precision``; return
    it, with the value just past it and what holds there."""
    near, far, far_signature = start, end, end_signature
    while abs(far - near) > precision:
        middle = (near + far) / 2
        found = signature(solve_at({name: middle}))
        if found == start_signature:
            near = middle
        else:
            far, far_signature = middle, found
    if near < far:
        low, high, before, after = near, far, start_signature, far_signature
    else:
        low, high, before, after = far, near, far_signature, start_signature
    simplest = simplest_between(low, high)
    there = solve_at({name: simplest})
    threshold = Threshold(
        name, low, high, before, after, simplest, signature(there), there.complete
    )
    return threshold, far, far_signature


def simplest_between(low: Fraction, high: Fraction) -> Fraction:
    """The simplest fraction (smallest denominator, then smallest size) in ``[low, high]``.

    Where thresholds of exact models usually sit. Found with continued fractions; the
    recursion depth is the length of a continued fraction, a few dozen at most.

    Parameters
    ----------
    low : Fraction
        One end of the interval (included).
    high : Fraction
        The other end (included; the ends may be given in either order).

    Returns
    -------
    Fraction
        0 if the interval holds it, else the fraction of smallest denominator in it, and of
        smallest absolute value among those.
    """
    if low > high:
        low, high = high, low
    if low <= 0 <= high:
        return Fraction(0)
    if high < 0:
        return -simplest_between(-high, -low)
    whole = low.numerator // low.denominator
    if whole == low:
        return Fraction(whole)
    if whole + 1 <= high:
        return Fraction(whole + 1)
    return whole + 1 / simplest_between(1 / (high - whole), 1 / (low - whole))


def describe(signature: Signature) -> str:
    """``'{A: x, B: y}; {A: y, B: x}; 1 mixed'`` for tables.

    Parameters
    ----------
    signature : Signature
        What holds at a point (:func:`signature`).

    Returns
    -------
    str
        The pure equilibria and the count of mixed ones, separated by ``; ``, or
        ``(none found)``.
    """
    pure, mixed = signature
    parts = list(pure)
    if mixed:
        parts.append(f"{mixed} mixed")
    return "; ".join(parts) if parts else "(none found)"
