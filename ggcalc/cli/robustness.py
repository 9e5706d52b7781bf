"""``ggcalc robustness``: sample uncertain parameters and count how often each answer holds."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

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

if TYPE_CHECKING:
    from collections.abc import Callable

    from ggcalc.analysis.robustness import RobustnessResult

NAME = "robustness"


def command(
    file: File,
    vary: Annotated[
        list[str],
        typer.Option(
            help="A parameter and its distribution: NAME=uniform:A:B, NAME=normal:MEAN:SD or "
            "NAME=triangular:LOW:MODE:HIGH (exact numbers). Repeat for several parameters.",
            metavar="NAME=DIST",
            show_default=False,
        ),
    ],
    samples: Annotated[
        int, typer.Option(help="How many samples to draw and solve.", metavar="N")
    ] = 1000,
    seed: Annotated[
        int | None,
        typer.Option(
            help="Seed of the random draws (the same seed repeats a run); default: a random "
            "one, printed with the results.",
            show_default=False,
            metavar="SEED",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            help="Worker processes (the result does not depend on their number).", metavar="N"
        ),
    ] = 1,
    format: RowsFormatOption = RowsFormat.table,
    concept: ConceptOption = None,
    set_: SetOption = None,
    timeout: TimeoutOption = None,
) -> None:
    """Draw uncertain parameters from distributions, solve every sample, and report how often
    each pure strategy profile is an equilibrium (and how often only mixed ones exist).

    Each sampled value is rounded to 6 significant digits, so it is exact and --set repeats
    it. A given --seed always gives the same result, with any --jobs. --timeout applies to
    each solve.

    Exit codes: 0 report shown; 1 a sample could not be solved (e.g. its time limit ran out);
    2 invalid input (also a sample at which the scenario is invalid, reported with its
    values).

    Example:

    \b
        ggcalc robustness games/us_pakistan_deal.yaml --vary china_leverage=uniform:0:8 --seed 1
    """
    import random

    from ggcalc.analysis.robustness import parse_varied
    from ggcalc.analysis.robustness import robustness as run_robustness

    with user_errors():
        varied = [parse_varied(v) for v in vary]
        # GUIDE practice 6: a seed is printed whenever one is used (with the results).
        chosen = seed if seed is not None else random.SystemRandom().randrange(2**32)
        fixed = overrides(set_)

        def run(progress: Callable[[int, int], None] | None = None) -> RobustnessResult:
            return run_robustness(
                file,
                varied,
                samples=samples,
                seed=chosen,
                concept=concept_name(concept),
                fixed=fixed,
                timeout=timeout,
                jobs=jobs,
                progress=progress,
            )

        from ggcalc.render.robustness_format import PROGRESS_MIN_SAMPLES, progress_bar

        # Only for a person watching: never into a pipe, a log or a test's captured stderr.
        if sys.stderr.isatty() and samples >= PROGRESS_MIN_SAMPLES:
            with progress_bar(samples) as advance:
                result = run(advance)
        else:
            result = run()
    emit(result, format)
