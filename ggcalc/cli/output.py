"""One way to write a result, ``emit(result, format)``, for every command (GUIDE practice 4).

Results go to stdout, diagnostics to stderr; the text itself is made in :mod:`ggcalc.render`.
"""

from __future__ import annotations

from typing import Any

from ggcalc.cli.options import OutputFormat

__all__ = ["emit"]


def emit(result: Any, format: OutputFormat) -> None:
    """Write ``result`` (a Solution, sweep, robustness, check or validation result) to stdout.

    Parameters
    ----------
    result : object
        What a command computed.
    format : ReportFormat or RowsFormat
        The ``--format`` given; each command offers only the formats its result has.
    """
    from ggcalc.render.dispatch import write

    write(result, format.value)
