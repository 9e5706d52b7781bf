"""The options commands share, declared once (GUIDE practices 4 and 7), and the one place where
library errors become located lines on stderr and exit codes.

Only names and light modules are imported here: ``ggcalc --help`` must not pay for numpy, rich
or any solver.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from ggcalc.errors import GgcalcError, Problem, UsageError
from ggcalc.io.sources import SCENARIO_SUFFIXES
from ggcalc.solvers.methods import DEFAULT_TIMEOUT, NORMAL_FORM_METHODS

__all__ = [
    "EXIT_INTERNAL_ERROR",
    "Command",
    "Concept",
    "ConceptOption",
    "File",
    "Format",
    "Method",
    "OutputFormat",
    "Paths",
    "ReportFormat",
    "RowsFormat",
    "RowsFormatOption",
    "SetOption",
    "TimeoutOption",
    "overrides",
    "print_problems",
    "user_errors",
]

#: Exit code for a bug in ggcalc itself (never for bad input): distinct from 0, 1 and 2.
EXIT_INTERNAL_ERROR = 3


class ReportFormat(str, Enum):
    """``--format`` of the commands whose result is a report (solve, check, validate).

    Attributes
    ----------
    table
        Text for a terminal (a rich table for solve; plain lines for check and validate).
    json
        The result's ``to_dict()``, as JSON.
    markdown
        A Markdown document.
    """

    table = "table"
    json = "json"
    markdown = "markdown"


class RowsFormat(str, Enum):
    """``--format`` of the commands whose result is also a table of rows (sweep, robustness).

    Attributes
    ----------
    table
        A rich table for a terminal.
    json
        The result's ``to_dict()``, as JSON.
    markdown
        A Markdown document.
    csv
        One row per grid point (sweep) or per profile and tally (robustness).
    """

    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


#: Either kind of ``--format`` value.
OutputFormat = ReportFormat | RowsFormat


class Concept(str, Enum):
    """Solution concepts (normal form: nash; trees: subgame-perfect or nash).

    Attributes
    ----------
    nash
        Nash equilibria (for a tree, every one, with those resting on threats marked).
    subgame_perfect
        Subgame-perfect equilibria of a tree (``subgame-perfect``), its default.
    """

    nash = "nash"
    subgame_perfect = "subgame-perfect"


class Method(str, Enum):
    """Algorithms of a normal-form solve, as :data:`ggcalc.solvers.methods` names them.

    See :func:`ggcalc.solvers.normal_form.solve` for what each does and proves; ``auto`` picks
    the proven-complete one, and nashpy's methods are never proven complete.
    """

    auto = "auto"
    support_enumeration = "support-enumeration"
    vertex_enumeration = "vertex-enumeration"
    pure = "pure"
    logit = "logit"
    nashpy_support_enumeration = "nashpy-support-enumeration"
    nashpy_vertex_enumeration = "nashpy-vertex-enumeration"
    nashpy_lemke_howson = "nashpy-lemke-howson"


if {m.value for m in Method} != set(NORMAL_FORM_METHODS):  # pragma: no cover - a coding error
    raise RuntimeError("the CLI's --method choices must match ggcalc.solvers.methods")


def _format_help(formats: type[Enum]) -> str:
    return "Output format: " + ", ".join(f.value for f in formats) + "."


#: ``--format`` of solve, check and validate.
Format = Annotated[
    ReportFormat,
    typer.Option("--format", "-f", help=_format_help(ReportFormat), metavar="FORMAT"),
]
#: ``--format`` of sweep and robustness.
RowsFormatOption = Annotated[
    RowsFormat,
    typer.Option("--format", "-f", help=_format_help(RowsFormat), metavar="FORMAT"),
]
#: One scenario file.
File = Annotated[
    Path,
    typer.Argument(
        help="Scenario file (.yaml, or a Gambit .nfg or .efg file).",
        show_default=False,
        metavar="FILE",
    ),
]
#: Files and directories to read, for the commands that take many.
Paths = Annotated[
    list[Path],
    typer.Argument(
        help="Scenario files or directories (searched recursively).",
        show_default=False,
        metavar="PATH...",
    ),
]
ConceptOption = Annotated[
    Concept | None,
    typer.Option(
        help="Solution concept (normal form: nash; trees: subgame-perfect, or nash for every "
        "Nash equilibrium, with the ones resting on threats marked).",
        show_default=False,
        metavar="CONCEPT",
    ),
]
SetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        help="Override a parameter (repeatable).",
        show_default=False,
        metavar="NAME=VALUE",
    ),
]
TimeoutOption = Annotated[
    float | None,
    typer.Option(
        help="Stop solving after this many seconds and show what is proven so far (nashpy's "
        f"methods: {DEFAULT_TIMEOUT:g} s unless given; ggcalc's exact enumeration runs to "
        "completion).",
        show_default=False,
        metavar="SECONDS",
    ),
]


def concept_name(concept: Concept | None) -> str | None:
    """The library's name of a ``--concept`` choice (None: the game's default).

    Parameters
    ----------
    concept : Concept or None
        The choice given, or None when ``--concept`` was not.

    Returns
    -------
    str or None
        ``"nash"`` or ``"subgame-perfect"``; None to let the solver use the game's default.
    """
    return concept.value if concept else None


class Command(typer.core.TyperCommand):
    """A command whose help reads as a person writes it.

    typer marks a required argument ``{FILE}`` in the usage line; we show the metavar alone,
    with optional arguments in brackets, as Unix manuals do. (typer 0.29 also labels arguments
    with their Python type, ``PATH... <list[Path]>``; pyproject keeps typer below 0.29, and
    ``tests/test_cli_help.py`` fails if such a label appears.)
    """

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """Pieces of the usage line: ``[OPTIONS]`` and each argument's metavar.

        Parameters
        ----------
        ctx : click.Context
            The context of the command whose help is shown.

        Returns
        -------
        list of str
            ``[OPTIONS]`` (when the command has options), then each argument's metavar (its
            name in upper case without one), in brackets when the argument is optional.
        """
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, typer.core.TyperArgument):
                name = param.metavar or (param.name or "").upper()
                pieces.append(name if param.required else f"[{name}]")
        return pieces


def print_problems(problems: list[Problem]) -> None:
    """Each problem on its own line on stderr, as ``FILE:LINE:COL: message; hint``.

    Parameters
    ----------
    problems : list of Problem
        The problems to report, in order.
    """
    for problem in problems:
        print(str(problem), file=sys.stderr)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a :class:`~ggcalc.errors.GgcalcError` into located lines on stderr and its exit
    code; anything else is a bug and reaches :func:`ggcalc.cli.app.main`.

    The error's arguments are spelled as options first (``timeout`` becomes ``--timeout``,
    ``fixed`` becomes ``--set``: :func:`flag_spelling`).

    Yields
    ------
    None
        Control, for the ``with`` block that calls the library.

    Raises
    ------
    typer.Exit
        With the error's exit code (2 for invalid input or usage, 1 when no answer could be
        given), once its problems are printed.
    """
    try:
        yield
    except GgcalcError as error:
        error = error.spelled(flag_spelling)
        print_problems(error.problems)
        raise typer.Exit(error.exit_code) from None


#: Library arguments whose option is not ``--`` and the same name.
FLAGS = {"fixed": "--set", "overrides": "--set"}


def flag_spelling(name: str, value: str | None) -> str:
    """How the command line writes a library argument: ``--timeout``, ``--timeout 60``.

    Parameters
    ----------
    name : str
        The library argument's name (``fixed`` and ``overrides`` are ``--set``, see
        :data:`FLAGS`; others become ``--name`` with ``_`` as ``-``).
    value : str or None
        The value assigned to it, or None to name the option alone.

    Returns
    -------
    str
        The option, or the option and its value.
    """
    flag = FLAGS.get(name, "--" + name.replace("_", "-"))
    return flag if value is None else f"{flag} {value}"


def overrides(assignments: list[str] | None) -> dict[str, str]:
    """``--set NAME=VALUE`` options as a mapping (the values are read exactly by the library).

    Parameters
    ----------
    assignments : list of str or None
        The ``--set`` options given, in order (None when there are none).

    Returns
    -------
    dict of str to str
        Each name (stripped) to its value's text (stripped); a later assignment of the same
        name wins.

    Raises
    ------
    UsageError
        When an assignment is not ``NAME=VALUE``.
    """
    values: dict[str, str] = {}
    for assignment in assignments or []:
        name, equals, value = assignment.partition("=")
        if not equals or not name.strip() or not value.strip():
            raise UsageError(
                f"--set '{assignment}' is not NAME=VALUE",
                hint="e.g. --set cost=5 or --set share=1/3",
            )
        values[name.strip()] = value.strip()
    return values


def require_files(files: list[Path]) -> None:
    """Exit 2 when the paths named hold no scenario file.

    Parameters
    ----------
    files : list of Path
        The scenario files found under the paths named.

    Raises
    ------
    typer.Exit
        With status 2 (after a line on stderr) when ``files`` is empty.
    """
    if not files:
        kinds = ", ".join(f"*{suffix}" for suffix in SCENARIO_SUFFIXES)
        print(f"no scenario files ({kinds}) found", file=sys.stderr)
        raise typer.Exit(2)
