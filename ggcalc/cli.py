"""The ``ggcalc`` command: a thin shell over the library (the only module importing typer)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ggcalc._version import __version__
from ggcalc.errors import GgcalcError, Problem, UsageError
from ggcalc.solve import DEFAULT_TIMEOUT, METHODS
from ggcalc.tree import GameTree

__all__ = ["app", "main"]

#: Exit code for a bug in ggcalc itself (never for bad input): distinct from 0, 1 and 2.
EXIT_INTERNAL_ERROR = 3

app = typer.Typer(
    name="ggcalc",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class Concept(str, Enum):
    nash = "nash"
    subgame_perfect = "subgame-perfect"


class Method(str, Enum):
    auto = "auto"
    support_enumeration = "support-enumeration"
    vertex_enumeration = "vertex-enumeration"
    pure = "pure"
    nashpy_support_enumeration = "nashpy-support-enumeration"
    nashpy_vertex_enumeration = "nashpy-vertex-enumeration"
    nashpy_lemke_howson = "nashpy-lemke-howson"


assert {m.value for m in Method} == set(METHODS), "CLI methods must match ggcalc.solve.METHODS"

#: The output option every command shares (GUIDE practice 4).
Format = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
#: Files and directories to read, for the commands that take many.
Paths = Annotated[
    list[Path],
    typer.Argument(help="Scenario files or directories (searched recursively).", metavar="PATH..."),
]


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(str(problem), file=sys.stderr)


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn a :class:`GgcalcError` into located lines on stderr and its exit code."""
    try:
        yield
    except GgcalcError as error:
        _print_problems(error.problems)
        raise typer.Exit(error.exit_code) from None


def _overrides(assignments: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for assignment in assignments:
        name, equals, value = assignment.partition("=")
        if not equals or not name.strip() or not value.strip():
            raise UsageError(
                f"--set '{assignment}' is not NAME=VALUE",
                hint="e.g. --set cost=5 or --set share=1/3",
            )
        values[name.strip()] = value.strip()
    return values


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

    Describe a strategic situation in a YAML scenario file, then solve it:

        ggcalc solve games/us_pakistan_deal.yaml
    """


@app.command()
def solve(
    file: Annotated[
        Path,
        typer.Argument(
            help="Scenario file (.yaml, or a Gambit .nfg or .efg file).",
            show_default=False,
            metavar="FILE",
        ),
    ],
    format: Format = OutputFormat.table,
    concept: Annotated[
        Concept | None,
        typer.Option(
            help="Solution concept (normal form: nash; trees: subgame-perfect, or nash for "
            "every Nash equilibrium, with the ones resting on threats marked).",
            show_default=False,
        ),
    ] = None,
    strategic: Annotated[
        bool,
        typer.Option(
            "--strategic",
            help="For a tree: show and solve its reduced strategic form as a table instead.",
        ),
    ] = False,
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="Write the equilibria found into the file's 'expect' block (replacing it), "
            "keeping every other byte of the file; 'ggcalc check' then verifies them.",
        ),
    ] = False,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="Override a parameter (repeatable).",
            show_default=False,
            metavar="NAME=VALUE",
        ),
    ] = None,
    method: Annotated[
        Method, typer.Option(help="Algorithm: auto picks the proven-complete one.")
    ] = Method.auto,
    timeout: Annotated[
        float | None,
        typer.Option(
            help="Stop solving after this many seconds and show what is proven so far "
            f"(nashpy's methods: {DEFAULT_TIMEOUT:g} s unless given; the exact default runs to "
            "completion).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Solve a scenario and print its certified equilibria.

    Examples:

        ggcalc solve games/us_pakistan_deal.yaml --format json

        ggcalc solve games/china_response.yaml --concept nash

    Exit codes: 0 equilibria shown; 1 no equilibrium could be certified; 2 invalid input.
    """
    from ggcalc.scenario import load

    with _user_errors():
        overrides = _overrides(set_ or [])
        if record and (overrides or strategic):
            raise UsageError(
                "--record publishes the equilibria of the file as written; it cannot be "
                f"combined with {'--set' if overrides else '--strategic'}",
                hint="edit the parameters in the file, then record",
            )
        scenario = load(file, **overrides)
        if strategic:
            scenario = scenario.strategic()
        solution = scenario.solve(
            concept=concept.value if concept else None,
            method=method.value,
            timeout=timeout,
        )
        if record and solution.equilibria:
            from ggcalc.check import record as record_expect

            for note in record_expect(file, scenario, solution, timeout=timeout):
                print(f"{file}: warning: {note}", file=sys.stderr)
            print(f"{file}: recorded the expect block", file=sys.stderr)
    if format is OutputFormat.json:
        from ggcalc.render import to_json

        sys.stdout.write(to_json(solution))
    elif format is OutputFormat.markdown:
        from ggcalc.render import to_markdown

        sys.stdout.write(to_markdown(solution))
    else:
        from rich.console import Console

        from ggcalc.render.table import print_table

        print_table(solution, Console(highlight=False, soft_wrap=False))
    if not solution.equilibria:
        print(f"{file}: no equilibrium could be certified", file=sys.stderr)
        raise typer.Exit(1)


@app.command()
def validate(
    paths: Paths,
    format: Format = OutputFormat.table,
) -> None:
    """Load scenario files without solving them and report every problem found.

    Example:

        ggcalc validate games/

    Exit codes: 0 all valid; 2 any file invalid (each problem on stderr as FILE:LINE:COL).
    """
    from ggcalc.discovery import scenario_files

    with _user_errors():
        files = scenario_files(paths)
    if not files:
        print("no scenario files (*.yaml, *.yml, *.nfg, *.efg) found", file=sys.stderr)
        raise typer.Exit(2)
    reports = [_validate_file(path) for path in files]
    invalid = sum(1 for r in reports if not r["valid"])
    if format is OutputFormat.json:
        document = {"files": reports, "invalid": invalid}
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    else:
        bullet = "- " if format is OutputFormat.markdown else ""
        for r in reports:
            print(f"{bullet}{r['file']}: {r['status']}")
        print(f"{bullet}{len(reports) - invalid} valid, {invalid} invalid")
    if invalid:
        raise typer.Exit(2)


class SweepFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


@app.command()
def sweep(
    file: Annotated[
        Path,
        typer.Argument(help="Scenario file (.yaml).", show_default=False, metavar="FILE"),
    ],
    vary: Annotated[
        list[str],
        typer.Option(
            help="A parameter and its values: NAME=START:STOP:STEPS (STEPS points, both ends "
            "included, exact). Repeat for a grid.",
            metavar="NAME=START:STOP:STEPS",
            show_default=False,
        ),
    ],
    format: Annotated[
        SweepFormat, typer.Option("--format", "-f", help="Output format.")
    ] = SweepFormat.table,
    concept: Annotated[
        Concept | None,
        typer.Option(help="Solution concept (as for solve).", show_default=False),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="Fix another parameter (repeatable).",
            show_default=False,
            metavar="NAME=VALUE",
        ),
    ] = None,
    precision: Annotated[
        str | None,
        typer.Option(
            help="Locate thresholds to within this distance (exact number; default: the grid "
            "step / 1024).",
            show_default=False,
        ),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(help="Time limit per solve, in seconds.", show_default=False),
    ] = None,
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

    Example:

        ggcalc sweep games/us_pakistan_deal.yaml --vary china_leverage=0:8:17

    Along one parameter the table lists the regimes (consecutive values with the same pure
    equilibria and number of mixed ones) and the thresholds between them, refined by exact
    bisection; for two parameters it shows a map of regimes.
    """
    from ggcalc.scenario import parse_override, read_document
    from ggcalc.sweep import parse_vary
    from ggcalc.sweep import sweep as run_sweep
    from ggcalc.yaml_reader import read_source

    with _user_errors():
        if len(vary) > 2 and format is SweepFormat.table:
            raise UsageError(
                "the table shows one or two varied parameters",
                hint="use --format json or csv for larger grids",
            )
        axes = [parse_vary(v) for v in vary]
        if plot is not None:
            from ggcalc.render.plot import check_plot

            check_plot(plot, len(axes))
        text, name = read_source(file)
        document = read_document(text, name, file)
        exact_precision = (
            parse_override(precision, "--precision", name) if precision is not None else None
        )
        if exact_precision is not None and exact_precision <= 0:
            raise UsageError("--precision must be positive", hint="e.g. --precision 1/1000")
        result = run_sweep(
            document,
            axes,
            concept=concept.value if concept else None,
            fixed=dict(_overrides(set_ or [])),
            precision=exact_precision,
            timeout=timeout,
        )
        if plot is not None:
            from ggcalc.render.plot import plot_sweep

            plot_sweep(result, plot)
    if format is SweepFormat.json:
        sys.stdout.write(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n")
    elif format is SweepFormat.csv:
        from ggcalc.render.sweep_format import sweep_csv

        sys.stdout.write(sweep_csv(result))
    elif format is SweepFormat.markdown:
        from ggcalc.render.sweep_format import sweep_markdown

        sys.stdout.write(sweep_markdown(result))
    else:
        from rich.console import Console

        from ggcalc.render.sweep_format import print_sweep

        print_sweep(result, Console(highlight=False, soft_wrap=False))


@app.command()
def robustness(
    file: Annotated[
        Path,
        typer.Argument(help="Scenario file (.yaml).", show_default=False, metavar="FILE"),
    ],
    vary: Annotated[
        list[str],
        typer.Option(
            help="A parameter and its distribution: NAME=uniform:A:B, NAME=normal:MEAN:SD or "
            "NAME=triangular:LOW:MODE:HIGH (exact numbers). Repeat for several parameters.",
            metavar="NAME=DIST",
            show_default=False,
        ),
    ],
    samples: Annotated[int, typer.Option(help="How many samples to draw and solve.")] = 1000,
    seed: Annotated[
        int | None,
        typer.Option(
            help="Seed of the random draws (the same seed repeats a run); default: a random "
            "one, printed with the results.",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(help="Worker processes (the result does not depend on their number)."),
    ] = 1,
    format: Annotated[
        SweepFormat, typer.Option("--format", "-f", help="Output format.")
    ] = SweepFormat.table,
    concept: Annotated[
        Concept | None,
        typer.Option(help="Solution concept (as for solve).", show_default=False),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="Fix another parameter (repeatable).",
            show_default=False,
            metavar="NAME=VALUE",
        ),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(help="Time limit per solve, in seconds.", show_default=False),
    ] = None,
) -> None:
    """Draw uncertain parameters from distributions, solve every sample, and report how often
    each pure strategy profile is an equilibrium (and how often only mixed ones exist).

    Examples:

        ggcalc robustness games/us_pakistan_deal.yaml --vary china_leverage=uniform:0:8

        ggcalc robustness games/china_response.yaml --vary faction_success=triangular:0:0.2:1

    Each sampled value is rounded to 6 significant digits, so it is exact and --set repeats
    it. A given --seed always gives the same result, with any --jobs.

    Exit codes: 0 report shown; 2 invalid input (also a sample at which the scenario is
    invalid, reported with its values).
    """
    import random
    from collections.abc import Callable

    from rich.console import Console

    from ggcalc.render.robustness_format import PROGRESS_MIN_SAMPLES, progress_bar
    from ggcalc.robustness import RobustnessResult, parse_vary
    from ggcalc.robustness import robustness as run_robustness

    with _user_errors():
        varied = [parse_vary(v) for v in vary]
        # GUIDE practice 6: a seed is printed whenever one is used (with the results).
        chosen = seed if seed is not None else random.SystemRandom().randrange(2**32)
        fixed = dict(_overrides(set_ or []))

        def run(progress: Callable[[int, int], None] | None = None) -> RobustnessResult:
            return run_robustness(
                file,
                varied,
                samples=samples,
                seed=chosen,
                concept=concept.value if concept else None,
                fixed=fixed,
                timeout=timeout,
                jobs=jobs,
                progress=progress,
            )

        # Only for a person watching: never into a pipe, a log or a test's captured stderr.
        if sys.stderr.isatty() and samples >= PROGRESS_MIN_SAMPLES:
            with progress_bar(samples, Console(stderr=True)) as advance:
                result = run(advance)
        else:
            result = run()
    if format is SweepFormat.json:
        sys.stdout.write(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n")
    elif format is SweepFormat.csv:
        from ggcalc.render.robustness_format import robustness_csv

        sys.stdout.write(robustness_csv(result))
    elif format is SweepFormat.markdown:
        from ggcalc.render.robustness_format import robustness_markdown

        sys.stdout.write(robustness_markdown(result))
    else:
        from ggcalc.render.robustness_format import print_robustness

        print_robustness(result, Console(highlight=False, soft_wrap=False))


@app.command()
def check(
    paths: Paths,
    format: Format = OutputFormat.table,
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
    timeout: Annotated[
        float | None,
        typer.Option(help="Time limit per solve, in seconds.", show_default=False),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="Override a parameter in every file checked (repeatable): does the published "
            "answer still hold?",
            show_default=False,
            metavar="NAME=VALUE",
        ),
    ] = None,
) -> None:
    """Solve every scenario that publishes its equilibria ('expect') and compare exactly.

    Example:

        ggcalc check games/ --junit report.xml

    Exit codes: 0 every check passed; 1 a check failed (the published equilibria are not the
    ones found, or could not be proven complete); 2 a file is invalid.
    """
    from ggcalc.check import check_file, exit_code, summary
    from ggcalc.discovery import scenario_files

    with _user_errors():
        files = scenario_files(paths)
        overrides = dict(_overrides(set_ or []))
    if not files:
        print("no scenario files (*.yaml, *.yml, *.nfg, *.efg) found", file=sys.stderr)
        raise typer.Exit(2)
    results = []
    for path in files:
        found = check_file(
            path, allow_incomplete=allow_incomplete, timeout=timeout, overrides=overrides
        )
        for result in found:
            _print_problems(result.problems)
        results += found
    counts = summary(results)
    line = (
        f"{counts['files']} file{'s' if counts['files'] != 1 else ''}: {counts['pass']} passed, "
        f"{counts['fail']} failed, {counts['unproven']} unproven, {counts['skipped']} skipped, "
        f"{counts['error']} error{'s' if counts['error'] != 1 else ''}"
    )
    if format is OutputFormat.json:
        document = {"results": [r.to_dict() for r in results], "summary": counts}
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    else:
        bullet = "- " if format is OutputFormat.markdown else ""
        indent = "  " if format is OutputFormat.markdown else "    "
        for r in results:
            print(f"{bullet}{r.file}: {r.status}" + (f" ({r.message})" if r.message else ""))
            for detail in r.details():
                print(f"{indent}{detail}")
        print(f"{bullet}{line}")
    if junit is not None:
        from ggcalc.record import atomic_write
        from ggcalc.render.junit import to_junit

        with _user_errors():
            atomic_write(junit, to_junit(results))
    raise typer.Exit(exit_code(results))


def _validate_file(path: Path) -> dict[str, object]:
    """Load one file; its problems go to stderr at once and into the report."""
    from ggcalc.scenario import load

    try:
        scenario = load(path)
    except GgcalcError as error:
        _print_problems(error.problems)
        problems = [
            {
                "file": p.location.file if p.location else str(path),
                "line": p.location.line if p.location else None,
                "column": p.location.column if p.location else None,
                "message": p.message,
                "hint": p.hint,
            }
            for p in error.problems
        ]
        count = len(problems)
        return {
            "file": str(path),
            "valid": False,
            "problems": problems,
            "status": f"INVALID ({count} problem{'s' if count != 1 else ''})",
        }
    game = scenario.game
    if isinstance(game, GameTree):
        summary = (
            f"sequential form, {game.n_players} players, {game.n_nodes:,} nodes, "
            f"{len(game.infosets):,} decision points"
        )
    else:
        shape = "×".join(str(k) for k in game.shape)
        summary = f"{scenario.form} form, {game.n_players} players, {shape} strategies"
    return {"file": str(path), "valid": True, "problems": [], "status": f"ok ({summary})"}


def main() -> None:
    """Console-script entry point; a bug in ggcalc is reported in one line, not a traceback."""
    try:
        app()
    except Exception as error:  # anything reaching here is a ggcalc bug, not a user error
        print(
            f"ggcalc: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in ggcalc; please report it with the command and file that caused it.",
            file=sys.stderr,
        )
        sys.exit(EXIT_INTERNAL_ERROR)
