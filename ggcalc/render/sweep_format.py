"""Sweep results as a rich table, Markdown or CSV (JSON is :meth:`SweepResult.to_dict`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from fractions import Fraction

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ggcalc.analysis.sweep import Signature, SweepResult, Threshold, describe
from ggcalc.exact.rationals import decimal_text, fraction_text
from ggcalc.render.trailing import trims_trailing_spaces

__all__ = ["letter_order", "print_sweep", "sweep_csv", "sweep_lines", "sweep_markdown"]


def value_text(value: Fraction) -> str:
    """A parameter value as tables show it: ``3``, or ``21/17 (1.2353)``.

    Parameters
    ----------
    value : Fraction
        An exact parameter value.

    Returns
    -------
    str
        The exact value, followed for a non-integer by its decimal approximation.
    """
    exact = fraction_text(value)
    return exact if value.denominator == 1 else f"{exact} ({decimal_text(value)})"


def _letter(index: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return letters[index] if index < len(letters) else f"R{index + 1}"


def letter_order(result: SweepResult) -> list[Signature]:
    """The answers in the order their letters go (A, B, ...): those of the grid points in grid
    order, then those seen only while bisecting, threshold by threshold (what holds at the
    simplest value first, then the two sides).

    Parameters
    ----------
    result : SweepResult
        What a sweep found.

    Returns
    -------
    list of Signature
        Each distinct answer once; the letter of ``signatures[k]`` is the ``k``-th (``A`` to
        ``Z``, then ``R27``, ``R28``, ...).
    """
    signatures = list(result.signatures)
    for t in result.thresholds:
        extra = () if t.at_simplest in (t.before, t.after) else (t.at_simplest,)
        for sig in (*extra, t.before, t.after):
            if sig not in signatures:
                signatures.append(sig)
    return signatures


def sweep_lines(result: SweepResult) -> tuple[str, list[list[str]], list[str], list[str]]:
    """The caption, the table rows, the threshold sentences and the legend, as text.

    Shared by the terminal table and Markdown. Along one parameter, a row per regime (and per
    answer found only between grid points, by bisection); for two parameters, a map of the
    grid with a letter per point (rows: the first parameter; columns: the second).

    Parameters
    ----------
    result : SweepResult
        What a sweep found (one or two varied parameters).

    Returns
    -------
    tuple of (str, list of list of str, list of str, list of str)
        The caption; the table rows; one sentence per threshold (then how many points have a
        list not proven complete, if any); and the legend, a line per letter.
    """
    axes = result.axes
    spans = ", ".join(
        f"{axis.name} from {fraction_text(axis.values[0])} to {fraction_text(axis.values[-1])} "
        f"({len(axis.values)} points)"
        for axis in axes
    )
    caption = f"Sweep of {spans}: {result.concept} equilibria"
    rows: list[list[str]] = []
    legend: list[str] = []
    signatures = letter_order(result)

    def letter(sig: Signature) -> str:
        return _letter(signatures.index(sig))

    if len(axes) == 1:
        ascending = len(axes[0].values) < 2 or axes[0].values[0] < axes[0].values[-1]
        pending = list(result.thresholds)
        for k, regime in enumerate(result.regimes):
            span = value_text(regime.first)
            if regime.last != regime.first:
                span += f" to {value_text(regime.last)}"
            rows.append([span, str(regime.points), letter(regime.signature)])
            if k + 1 < len(result.regimes):
                rows += _between_rows(pending, result.regimes[k + 1].signature, ascending, letter)
    else:
        first, second = axes[0], axes[1]
        width = len(second.values)
        for i, value in enumerate(first.values):
            labels = result.labels[i * width : (i + 1) * width]
            rows.append([fraction_text(value), *(_letter(k) for k in labels)])
    thresholds = []
    for k, t in enumerate(result.thresholds):
        simplest = fraction_text(t.simplest)
        note = (
            ""
            if t.at_simplest in (t.before, t.after)
            else f"; at {simplest}: {letter(t.at_simplest)}"
        )
        remarks = []  # said in one parenthesis after the change
        if t.at_simplest == t.after and t.simplest == t.high:
            neighbours = result.thresholds[max(k - 1, 0) : k] + result.thresholds[k + 1 : k + 2]
            single = any(other.simplest == t.simplest for other in neighbours)
            remarks.append(f"at {simplest} only" if single else f"from {simplest} on")
        if not t.complete_at_simplest:
            remarks.append(
                "where the list is not proven complete"
                if remarks
                else f"at {simplest} the list is not proven complete"
            )
        if remarks:
            note += f" ({', '.join(remarks)})"
        thresholds.append(
            f"{t.parameter} between {value_text(t.low)} and {value_text(t.high)}: "
            f"{letter(t.before)} -> {letter(t.after)}{note}"
        )
    legend = [f"{_letter(k)}: {describe(sig)}" for k, sig in enumerate(signatures)]
    incomplete = sum(1 for p in result.points if not p.solution.complete)
    if incomplete:
        thresholds.append(
            f"At {incomplete} of {len(result.points)} points the list is not proven complete."
        )
    return caption, rows, thresholds, legend


def _between_rows(
    pending: list[Threshold],
    next_signature: Signature,
    ascending: bool,
    letter: Callable[[Signature], str],
) -> list[list[str]]:
    """Rows for answers found only between two grid points (by bisection), such as a tie at
    one value: they have no grid point, but hold from one threshold to the next. Consumes
    ``pending`` up to the threshold that leads into ``next_signature``."""
    rows: list[list[str]] = []
    while pending:
        threshold = pending.pop(0)
        reached = threshold.after if ascending else threshold.before
        if reached == next_signature or not pending:
            break
        start, end = fraction_text(threshold.simplest), fraction_text(pending[0].simplest)
        span = f"{start} only" if start == end else f"about {start} to {end}"
        rows.append([span, "0", letter(reached)])
    return rows


@trims_trailing_spaces
def print_sweep(result: SweepResult, console: Console) -> None:
    """Print a sweep result as a rich table, with no line ending in spaces.

    Parameters
    ----------
    result : SweepResult
        What a sweep of one or two parameters found.
    console : rich.console.Console
        Where to print it: the caption, the table, the legend, then the thresholds.
    """
    caption, rows, thresholds, legend = sweep_lines(result)
    console.print(Text(caption, style="bold"))
    table = Table(box=box.SIMPLE_HEAVY)
    if len(result.axes) == 1:
        for heading in (result.axes[0].name, "points", "equilibria (see below)"):
            table.add_column(heading, overflow="fold")
    else:
        first, second = result.axes[0], result.axes[1]
        table.add_column(f"{first.name} \\ {second.name}")
        for value in second.values:
            table.add_column(fraction_text(value), justify="center")
    for row in rows:
        table.add_row(*row)
    console.print(table)
    for line in legend:
        console.print(Text(line))
    console.print()
    if result.thresholds:
        precision = fraction_text(result.precision) if result.precision is not None else ""
        console.print(Text(f"Thresholds (by bisection, to within {precision}):", style="italic"))
    for line in thresholds:
        console.print(Text(line))


def sweep_markdown(result: SweepResult) -> str:
    """A sweep result in Markdown: the caption in bold, the table, then legend and thresholds.

    Parameters
    ----------
    result : SweepResult
        What a sweep of one or two parameters found.

    Returns
    -------
    str
        The Markdown text, ending in a newline.
    """
    caption, rows, thresholds, legend = sweep_lines(result)
    if len(result.axes) == 1:
        header = [result.axes[0].name, "points", "equilibria (see below)"]
    else:
        header = [f"{result.axes[0].name} \\ {result.axes[1].name}"] + [
            fraction_text(v) for v in result.axes[1].values
        ]
    lines = [f"**{caption}**", "", "| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
    lines.append("")
    lines += [f"- {line}" for line in legend + thresholds]
    return "\n".join(lines) + "\n"


def sweep_csv(result: SweepResult) -> str:
    """One row per grid point: the parameter values (exact), then what was found.

    Parameters
    ----------
    result : SweepResult
        What a sweep found (any number of varied parameters).

    Returns
    -------
    str
        The CSV text with a header row: each parameter, then ``regime`` (its letter),
        ``complete``, ``equilibria`` (how many), ``pure`` (joined by ``; ``) and ``mixed``.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = [axis.name for axis in result.axes]
    writer.writerow([*names, "regime", "complete", "equilibria", "pure", "mixed"])
    for point, label in zip(result.points, result.labels, strict=True):
        pure, mixed = point.signature
        writer.writerow(
            [
                *(fraction_text(point.values[n]) for n in names),
                _letter(label),
                str(point.solution.complete).lower(),
                len(point.solution.equilibria),
                "; ".join(pure),
                mixed,
            ]
        )
    return out.getvalue()
