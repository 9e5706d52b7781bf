"""The typer application: the root command, ``--version``, shell completion and ``main``.

Each command is a function in its own module, registered here; the modules import only typer
and :mod:`ggcalc.cli.options` at the top, and what a command needs when it runs.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ggcalc._version import __version__
from ggcalc.cli import check, robustness, solve, sweep, validate
from ggcalc.cli.options import EXIT_INTERNAL_ERROR, Command

__all__ = ["app", "main"]

app = typer.Typer(
    name="ggcalc",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        print(f"ggcalc {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Exact, certified game-theory scenario calculator.

    Describe a strategic situation in a YAML scenario file, then solve it. Shell completion:
    ggcalc --install-completion (bash, zsh, fish or PowerShell).

    Example:

    \b
        ggcalc solve games/us_pakistan_deal.yaml
    """


for _module in (solve, validate, sweep, robustness, check):
    app.command(name=_module.NAME, cls=Command)(_module.command)


def main() -> None:
    """Console-script entry point; a bug in ggcalc is reported in one line, not a traceback.

    User errors have already become located lines and exit codes 0, 1 or 2 in the commands
    (:func:`ggcalc.cli.options.user_errors`); any other exception is a bug in ggcalc, reported
    on stderr with exit code :data:`~ggcalc.cli.options.EXIT_INTERNAL_ERROR` (3).

    Raises
    ------
    SystemExit
        Always: with the command's exit status, or 3 for an internal error.
    """
    try:
        app()
    except Exception as error:  # anything reaching here is a ggcalc bug, not a user error
        print(
            f"ggcalc: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in ggcalc; please report it with the command and file that caused it.",
            file=sys.stderr,
        )
        sys.exit(EXIT_INTERNAL_ERROR)
