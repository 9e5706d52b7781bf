"""``ggcalc sweep``: solve over a range or grid of parameter values; regimes and thresholds."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ggcalc.cli.options import (
    ConceptOption,
    File,
    RowsFormat,
    RowsFormatOption,
    SetOption,
    TimeoutOption,
    concept_name,
    overrides,
    user_errors,
)
from ggcalc.cli.output import emit
from ggcalc.errors import UsageError

NAME = "sweep"


def command(
    file: File,
    vary: Annotated[
        list[str],
        typer.Option(
            help="A parameter and its values: NAME=START:STOP:STEPS (STEPS points, both ends "
            "included, exact). Repeat for a grid.",
            metavar="NAME=START:STOP:STEPS",
            show_default=False,
        ),
    ],
    format: RowsFormatOption = RowsFormat.table,
    concept: ConceptOption = None,
    set_: SetOption = None,
    precision: Annotated[
        str | None,
        typer.Option(
            help="Locate thresholds to within this distance (exact number; default: the grid "
            "step / 1024).",
            show_default=False,
            metavar="NUMBER",
        ),
    ] = None,
    timeout: TimeoutOption = None,
    plot: Annotated[
        Path | None,
        typer.Option(
            help="Also draw the sweep to FILE.png or FILE.svg (needs pip install 'ggcalc[plot]').",
            show_default=False,
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """Solve a scenario over a range (or grid) of parameter values and show when the answer
    flips.

    Along one parameter the table lists the regimes (consecutive values with the same pure
    equilibria and number of mixed ones) and the thresholds between them, refined by exact
    bisection; for two parameters it shows a map of regimes. --timeout applies to each solve.

    Example:

    \b
        ggcalc sweep games/us_pakistan_deal.yaml --vary china_leverage=0:8:17
    """
    from ggcalc.analysis.sweep import parse_axis
    from ggcalc.analysis.sweep import sweep as run_sweep
    from ggcalc.exact.values import parse_override
    from ggcalc.io.load import read

    with user_errors():
        if len(vary) > 2 and format in (RowsFormat.table, RowsFormat.markdown):
            raise UsageError(
                f"the {format.value} shows one or two varied parameters",
                hint="use --format json or csv for larger grids",
            )
        axes = [parse_axis(v) for v in vary]
        if plot is not None:
            from ggcalc.render.plot import check_plot

            check_plot(plot, len(axes))
        document = read(file)
        name = document.file
        exact_precision = (
            parse_override(precision, "--precision", name) if precision is not None else None
        )
        if exact_precision is not None and exact_precision <= 0:
            raise UsageError("--precision must be positive", hint="e.g. --precision 1/1000")
        result = run_sweep(
            document,
            axes,
            concept=concept_name(concept),
            fixed=overrides(set_),
            precision=exact_precision,
            timeout=timeout,
        )
        if plot is not None:
            from ggcalc.render.plot import plot_sweep

            plot_sweep(result, plot)
    emit(result, format)
