"""``ggcalc check``: verify, exactly, that published equilibria (``expect``) still hold."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ggcalc.cli.options import (
    Format,
    Paths,
    ReportFormat,
    SetOption,
    TimeoutOption,
    overrides,
    print_problems,
    require_files,
    user_errors,
)
from ggcalc.cli.output import emit

NAME = "check"


def command(
    paths: Paths,
    format: Format = ReportFormat.table,
    junit: Annotated[
        Path | None,
        typer.Option(
            help="Also write a JUnit XML report (one test case per file and concept) to FILE.",
            metavar="FILE",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    allow_incomplete: Annotated[
        bool,
        typer.Option(
            "--allow-incomplete",
            help="Pass a check whose equilibria match even when the solver cannot prove there "
            "are no others (games with three or more players); by default that fails.",
        ),
    ] = False,
    timeout: TimeoutOption = None,
    set_: SetOption = None,
) -> None:
    """Solve every scenario that publishes its equilibria ('expect') and compare exactly.

    --set overrides a parameter in every file checked: does the published answer still hold?

    Exit codes: 0 every check passed; 1 a check failed (the published equilibria are not the
    ones found, or could not be proven complete); 2 a file is invalid.

    Example:

    \b
        ggcalc check games/ --junit report.xml
    """
    from ggcalc.analysis.check import CheckReport, check_file
    from ggcalc.io.sources import scenario_files

    with user_errors():
        files = scenario_files(paths)
        values = overrides(set_)
    require_files(files)
    results = []
    for path in files:
        found = check_file(
            path, allow_incomplete=allow_incomplete, timeout=timeout, overrides=values
        )
        for result in found:
            print_problems(result.problems)
        results += found
    report = CheckReport(results)
    emit(report, format)
    if junit is not None:
        from ggcalc.io.atomic import atomic_write
        from ggcalc.render.junit import to_junit

        with user_errors():
            atomic_write(junit, to_junit(results))
    raise typer.Exit(report.exit_code)
