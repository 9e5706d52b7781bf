"""Robustness results as a rich table, Markdown or CSV (JSON is
:meth:`RobustnessResult.to_dict`), and the progress bar of long runs."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich import box
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from ggcalc.analysis.robustness import DIGITS, Distribution, RobustnessResult
from ggcalc.exact.rationals import fraction_text
from ggcalc.render.trailing import trims_trailing_spaces

__all__ = [
    "PROGRESS_MIN_SAMPLES",
    "print_robustness",
    "progress_bar",
    "robustness_csv",
    "robustness_lines",
    "robustness_markdown",
]

#: Runs with fewer samples finish before a progress bar would tell anything.
PROGRESS_MIN_SAMPLES = 100


def describe_distribution(distribution: Distribution) -> str:
    """``'uniform between 0 and 8'``, ``'normal, mean 3 and SD 1/2'``, ...

    Parameters
    ----------
    distribution : Distribution
        A varied parameter's distribution.

    Returns
    -------
    str
        The distribution in words, its arguments exact.
    """
    numbers = [fraction_text(a) for a in distribution.arguments]
    if distribution.kind == "uniform":
        return f"uniform between {numbers[0]} and {numbers[1]}"
    if distribution.kind == "normal":
        return f"normal, mean {numbers[0]} and SD {numbers[1]}"
    return f"triangular from {numbers[0]} to {numbers[2]}, mode {numbers[1]}"


def percent(count: int, total: int) -> str:
    """A share for humans: ``'49.8%'``; only none and all print as ``'0%'`` and ``'100%'``.

    Any other share has one decimal, so a share that rounds to 0 or 100 still reads as not
    none or not all (``'0.0%'``, ``'100.0%'``).

    Parameters
    ----------
    count : int
        A number of samples.
    total : int
        All the samples (positive).

    Returns
    -------
    str
        The percentage.
    """
    if count in (0, total):
        return "0%" if count == 0 else "100%"
    return f"{100 * count / total:.1f}%"


def robustness_lines(
    result: RobustnessResult,
) -> tuple[str, list[str], list[list[str]], list[str]]:
    """The caption, the lines saying what was drawn, the table rows (profile, samples, share)
    and the closing sentences, as text.

    Shared by the terminal table and Markdown, so both say the same.

    Parameters
    ----------
    result : RobustnessResult
        What a robustness run found.

    Returns
    -------
    tuple of (str, list of str, list of list of str, list of str)
        The caption; one line per varied or fixed parameter; one row per pure profile, most
        frequent first; and the notes (only mixed, none found, not proven complete, the
        rounding of draws, how to repeat the run).
    """
    n = result.samples
    caption = (
        f"Robustness of '{result.title}': {result.concept} equilibria in {n:,} "
        f"sample{'s' if n != 1 else ''} (seed {result.seed})"
    )
    drawn = [f"{v.name}: {describe_distribution(v.distribution)}" for v in result.varied]
    drawn += [f"{name} = {fraction_text(value)} (fixed)" for name, value in result.fixed.items()]
    rows = [[o.text, f"{o.count:,}", percent(o.count, n)] for o in result.outcomes]
    notes = [
        f"Only mixed equilibria: {result.only_mixed:,} of {n:,} samples "
        f"({percent(result.only_mixed, n)})."
    ]
    if result.none_found:
        notes.append(
            f"No equilibrium found: {result.none_found:,} of {n:,} samples "
            f"({percent(result.none_found, n)})."
        )
    if result.incomplete:
        notes.append(
            f"The list of equilibria is not proven complete in {result.incomplete:,} of {n:,} "
            f"samples ({percent(result.incomplete, n)})."
        )
    notes.append(f"Sampled values are rounded to {DIGITS} significant digits (then exact).")
    notes.append(f"Repeat this run with --seed {result.seed}.")
    return caption, drawn, rows, notes


@trims_trailing_spaces
def print_robustness(result: RobustnessResult, console: Console) -> None:
    """Print a robustness result as a rich table, with no line ending in spaces.

    Parameters
    ----------
    result : RobustnessResult
        What a robustness run found.
    console : rich.console.Console
        Where to print it.
    """
    caption, drawn, rows, notes = robustness_lines(result)
    console.print(Text(caption, style="bold"))
    for line in drawn:
        console.print(Text(f"  {line}"))
    table = Table(box=box.SIMPLE_HEAVY)
    table.add_column("pure equilibrium", overflow="fold")
    table.add_column("samples", justify="right")
    table.add_column("share", justify="right")
    for row in rows:
        table.add_row(*row)
    if not rows:
        table.add_row("(none in any sample)", "0", "0%")
    console.print(table)
    for line in notes:
        console.print(Text(line))


def robustness_markdown(result: RobustnessResult) -> str:
    """A robustness result in Markdown: the caption in bold, the parameters, a table, notes.

    Parameters
    ----------
    result : RobustnessResult
        What a robustness run found.

    Returns
    -------
    str
        The Markdown text, ending in a newline.
    """
    caption, drawn, rows, notes = robustness_lines(result)
    lines = [f"**{caption}**", ""]
    lines += [f"- {line}" for line in drawn]
    lines += ["", "| pure equilibrium | samples | share |", "| --- | ---: | ---: |"]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
    if not rows:
        lines.append("| (none in any sample) | 0 | 0% |")
    lines.append("")
    lines += [f"- {line}" for line in notes]
    return "\n".join(lines) + "\n"


def robustness_csv(result: RobustnessResult) -> str:
    """One row per pure profile (``kind`` ``profile``), then one per tally (``with_pure``,
    ``only_mixed``, ``none_found``, ``incomplete``, as in the JSON); every row carries the
    number of samples and the seed, so a file on its own says how to repeat it.

    Parameters
    ----------
    result : RobustnessResult
        What a robustness run found.

    Returns
    -------
    str
        The CSV text with a header row (``kind, profile, count, share, samples, seed``);
        shares are floats.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kind", "profile", "count", "share", "samples", "seed"])
    n, seed = result.samples, result.seed
    for o in result.outcomes:
        writer.writerow(["profile", o.text, o.count, result.share(o.count), n, seed])
    for kind, count in (
        ("with_pure", result.with_pure),
        ("only_mixed", result.only_mixed),
        ("none_found", result.none_found),
        ("incomplete", result.incomplete),
    ):
        writer.writerow([kind, "", count, result.share(count), n, seed])
    return out.getvalue()


@contextmanager
def progress_bar(
    total: int, console: Console | None = None
) -> Iterator[Callable[[int, int], None]]:
    """A transient progress bar for :func:`ggcalc.analysis.robustness.robustness`.

    The bar disappears when the run ends, leaving the output alone.

    Parameters
    ----------
    total : int
        How many samples the run solves.
    console : rich.console.Console or None, optional
        Where to show the bar (default: a console on stderr).

    Yields
    ------
    callable
        The ``progress(done, total)`` callback to give the run.
    """
    if console is None:
        console = Console(stderr=True)
    with Progress(
        TextColumn("solving samples"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("samples", total=total)

        def advance(done: int, _total: int) -> None:
            bar.update(task, completed=done)

        yield advance
