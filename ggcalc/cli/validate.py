"""``ggcalc validate``: load scenario files without solving them and report every problem."""

from __future__ import annotations

import typer

from ggcalc.cli.options import (
    Format,
    Paths,
    ReportFormat,
    print_problems,
    require_files,
    user_errors,
)
from ggcalc.cli.output import emit

NAME = "validate"


def command(paths: Paths, format: Format = ReportFormat.table) -> None:
    """Load scenario files without solving them and report every problem found.

    Each problem goes to stderr as FILE:LINE:COL: what is wrong; how to fix it. Directories are
    searched recursively for *.yaml, *.yml, *.nfg and *.efg files.

    Exit codes: 0 all valid; 2 any file invalid.

    Example:

    \b
        ggcalc validate games/
    """
    from ggcalc.analysis.validate import ValidationReport, validate_file
    from ggcalc.io.sources import scenario_files

    with user_errors():
        files = scenario_files(paths)
    require_files(files)
    checked = []
    for path in files:
        checked.append(validate_file(path))
        print_problems(checked[-1].problems)  # at once, as each file is read
    report = ValidationReport(checked)
    emit(report, format)
    if report.invalid:
        raise typer.Exit(2)
