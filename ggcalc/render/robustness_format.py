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

from ggcalc.rationals import fraction_text
from ggcalc.robustness import DIGITS, Distribution, RobustnessResult

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
    """``'uniform between 0 and 8'``, ``'normal, mean 3 and SD 1/2'``, ..."""
    numbers = [fraction_text(a) for a in distribution.arguments]
    if distribution.kind == "uniform":
        return f"uniform between {numbers[0]} and {numbers[1]}"
    if distribution.kind == "normal":
        return f"normal, mean {numbers[0]} and SD {numbers[1]}"
    return f"triangular from {numbers[0]} to {numbers[2]}, mode {numbers[1]}"


def percent(count: int, total: int) -> str:
    """A share for humans: ``'49.8%'``; only none and all print as ``'0%'`` and ``'100%'``."""
    if count in (0, total):
        return "0%" if count == 0 else "100%"
    return f"{100 * count / total:.1f}%"


def robustness_lines(
    result: RobustnessResult,
) -> tuple[str, list[str], list[list[str]], list[str]]:
    """The caption, the lines saying what was drawn, the table rows (profile, samples, share)
    and the closing sentences, as text."""
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


def print_robustness(result: RobustnessResult, console: Console) -> None:
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
    number of samples and the seed, so a file on its own says how to repeat it."""
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
def progress_bar(total: int, console: Console) -> Iterator[Callable[[int, int], None]]:
    """A transient bar on ``console`` (stderr) for :func:`ggcalc.robustness.robustness`'s
    ``progress`` callback; it disappears when the run ends, leaving the output alone."""
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
