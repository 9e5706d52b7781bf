"""Every result in every format, from one table: what ``--format`` means on each command.

A renderer module is imported only when its format is asked for, so a JSON run never loads rich.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Any

__all__ = ["FORMATS", "RENDERERS", "formats_of", "write"]

#: The formats of each kind of result (the first is the default).
FORMATS = {
    "Solution": ("table", "json", "markdown"),
    "SweepResult": ("table", "json", "markdown", "csv"),
    "RobustnessResult": ("table", "json", "markdown", "csv"),
    "CheckReport": ("table", "json", "markdown"),
    "ValidationReport": ("table", "json", "markdown"),
}


def formats_of(result: Any) -> tuple[str, ...]:
    """The formats ``result`` can be written in.

    Parameters
    ----------
    result
        A result of one of the kinds in :data:`FORMATS`.
    """
    return FORMATS[type(result).__name__]


def _console() -> Any:
    from rich.console import Console

    # Names are the user's text: "[red]x" or ":smile:" is shown as typed, never as markup.
    return Console(highlight=False, soft_wrap=False, markup=False, emoji=False)


#: (kind of result, format) -> (renderer module, function). A ``table`` renderer prints to a
#: rich console (colour only on a terminal); every other one returns the text. JSON is always
#: the result's ``to_dict()``.
RENDERERS = {
    ("Solution", "table"): ("ggcalc.render.table", "print_table"),
    ("Solution", "markdown"): ("ggcalc.render.markdown", "to_markdown"),
    ("SweepResult", "table"): ("ggcalc.render.sweep_format", "print_sweep"),
    ("SweepResult", "markdown"): ("ggcalc.render.sweep_format", "sweep_markdown"),
    ("SweepResult", "csv"): ("ggcalc.render.sweep_format", "sweep_csv"),
    ("RobustnessResult", "table"): ("ggcalc.render.robustness_format", "print_robustness"),
    ("RobustnessResult", "markdown"): ("ggcalc.render.robustness_format", "robustness_markdown"),
    ("RobustnessResult", "csv"): ("ggcalc.render.robustness_format", "robustness_csv"),
    ("CheckReport", "table"): ("ggcalc.render.reports", "check_text"),
    ("CheckReport", "markdown"): ("ggcalc.render.reports", "check_markdown"),
    ("ValidationReport", "table"): ("ggcalc.render.reports", "validation_text"),
    ("ValidationReport", "markdown"): ("ggcalc.render.reports", "validation_markdown"),
}
#: Table renderers that print to a console rather than return text.
_PRINTERS = {"print_table", "print_sweep", "print_robustness"}


def write(result: Any, format: str) -> None:
    """Write ``result`` to stdout in ``format`` (one of :func:`formats_of` ``(result)``).

    Parameters
    ----------
    result
        A :class:`~ggcalc.model.solution.Solution`, a sweep, robustness, check or validation
        result.
    format
        ``"table"`` (a terminal table; colour only on a terminal), ``"json"``, ``"markdown"`` or
        ``"csv"``.

    Raises
    ------
    ValueError
        When ``result`` has no rendering in ``format`` (a coding error: the CLI offers only the
        formats each command has).
    """
    kind = type(result).__name__
    if format not in FORMATS.get(kind, ()):
        raise ValueError(f"no {format} rendering of a {kind}")
    if format == "json":
        from ggcalc.render.json_format import to_json

        sys.stdout.write(to_json(result))
        return
    module, name = RENDERERS[kind, format]
    render = getattr(import_module(module), name)
    if name in _PRINTERS:
        render(result, _console())
    else:
        sys.stdout.write(render(result))
