"""``ggcalc solve``: print a scenario's certified equilibria (and ``--record`` them)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ggcalc.cli.options import (
    ConceptOption,
    File,
    Format,
    Method,
    ReportFormat,
    SetOption,
    TimeoutOption,
    concept_name,
    overrides,
    user_errors,
)
from ggcalc.cli.output import emit
from ggcalc.errors import UsageError

NAME = "solve"


def command(
    file: File,
    format: Format = ReportFormat.table,
    concept: ConceptOption = None,
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
    set_: SetOption = None,
    method: Annotated[
        Method,
        typer.Option(
            help="Algorithm: auto picks the proven-complete one; logit follows the logit path "
            "to one equilibrium (exact, or an ε-equilibrium with an exact ε).",
            metavar="METHOD",
        ),
    ] = Method.auto,
    timeout: TimeoutOption = None,
) -> None:
    """Solve a scenario and print its certified equilibria.

    Trees are solved for subgame-perfect equilibria unless --concept nash is given, which
    lists every Nash equilibrium and names the threats that would not be carried out.

    Exit codes: 0 equilibria shown; 1 no equilibrium could be certified; 2 invalid input.

    Examples:

    \b
        ggcalc solve games/china_response.yaml --concept nash
        ggcalc solve games/us_pakistan_deal.yaml --format json
    """
    from ggcalc.io.load import load

    with user_errors():
        values = overrides(set_)
        if record and (values or strategic):
            raise UsageError(
                "--record publishes the equilibria of the file as written; it cannot be "
                f"combined with {'--set' if values else '--strategic'}",
                hint="edit the parameters in the file, then record",
            )
        scenario = load(file, **values)
        if strategic:
            scenario = scenario.strategic()
        solution = scenario.solve(
            concept=concept_name(concept), method=method.value, timeout=timeout
        )
        if record and solution.equilibria:
            from ggcalc.analysis.check import record as record_expect

            for note in record_expect(file, scenario, solution, timeout=timeout):
                print(f"{file}: warning: {note}", file=sys.stderr)
            print(f"{file}: recorded the expect block", file=sys.stderr)
    emit(solution, format)
    if not solution.equilibria:
        count = len(solution.approximate)
        approximate = (
            " (only an ε-equilibrium, which is not an equilibrium)"
            if count == 1
            else f" (only {count} ε-equilibria, which are not equilibria)"
            if count
            else ""
        )
        print(f"{file}: no equilibrium could be certified{approximate}", file=sys.stderr)
        raise typer.Exit(1)
