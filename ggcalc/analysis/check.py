"""``ggcalc check``: solve every scenario that publishes its equilibria (``expect``) and compare,
exactly, so a published answer can never silently stop holding."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ggcalc.errors import GgcalcError, Location, Problem, UsageError
from ggcalc.io.load import load
from ggcalc.io.sources import source_format
from ggcalc.io.yaml.edit import replace_block, replace_block_in_file
from ggcalc.io.yaml.expect import CONCEPTS_BY_FORM, compare, expect_block
from ggcalc.io.yaml.flow import profile_text
from ggcalc.io.yaml.nodes import read_source
from ggcalc.model.scenario import Scenario
from ggcalc.model.solution import Profile, Solution, solution_profiles

__all__ = ["CheckReport", "CheckResult", "check_file", "exit_code", "record", "summary"]

PASS, FAIL, UNPROVEN, SKIPPED, ERROR = "pass", "FAIL", "unproven", "skipped", "error"


@dataclass
class CheckResult:
    """The outcome of checking one concept of one file (or of a file that could not be read).

    ``status`` is ``pass``, ``FAIL`` (the published list is not the list found), ``unproven``
    (the lists agree but the solver could not prove its list complete), ``skipped`` (no
    ``expect`` block) or ``error`` (the file is invalid or could not be solved).
    ``missing`` and ``unexpected`` are equilibria written the way ``expect`` writes them.

    Attributes
    ----------
    file : str
        The scenario file, as named.
    status : str
        ``"pass"``, ``"FAIL"``, ``"unproven"``, ``"skipped"`` or ``"error"``.
    concept : str or None
        The solution concept checked (None for a skipped file or one that could not be read).
    expected : int
        How many equilibria the ``expect`` block publishes for the concept.
    found : int
        How many certified equilibria the solver found.
    missing : list of str
        Published equilibria that were not found, on one line each (YAML flow style).
    unexpected : list of str
        Equilibria found that are not published, likewise.
    problems : list of Problem
        For an error: what made the file invalid or unsolvable.
    warnings : list of str
        When the solver's list is not proven complete: its reasons.
    seconds : float
        How long the check took (0 for an error).
    error_code : int
        For an error: 2 for an invalid file, 1 when a valid file could not be solved.
    """

    file: str
    status: str
    concept: str | None = None
    expected: int = 0
    found: int = 0
    missing: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: For an error: 2 for an invalid file, 1 when a valid file could not be solved.
    error_code: int = 2

    @property
    def message(self) -> str:
        """One line saying what happened."""
        if self.status == PASS:
            count = f"{self.expected} equilibri{'um' if self.expected == 1 else 'a'}"
            note = " (not proven complete, allowed)" if self.warnings else ""
            return f"{self.concept}: {count}{note}"
        if self.status == SKIPPED:
            return "no expect"
        if self.status == ERROR:
            return str(self.problems[0]) if self.problems else "error"
        if self.status == UNPROVEN:
            return (
                f"{self.concept}: the {self.expected} published equilibria were found, but the "
                "solver could not prove there are no others"
            )
        parts = []
        if self.missing:
            parts.append(f"{len(self.missing)} expected not found")
        if self.unexpected:
            parts.append(f"{len(self.unexpected)} found not expected")
        return f"{self.concept}: " + ", ".join(parts)

    def details(self) -> list[str]:
        """The equilibria that differ, as users write them, and why a list is unproven.

        Returns
        -------
        list of str
            ``expected but not found:`` and ``found but not expected:``, each followed by its
            equilibria (indented, ``- ``), then, unless the check passed, the solver's warnings.
        """
        lines = []
        if self.missing:
            lines += ["expected but not found:", *(f"  - {p}" for p in self.missing)]
        if self.unexpected:
            lines += ["found but not expected:", *(f"  - {p}" for p in self.unexpected)]
        if self.status != PASS:
            lines += self.warnings
        return lines

    def to_dict(self) -> dict[str, object]:
        """This check's entry in the JSON document of ``ggcalc check --format json``.

        Returns
        -------
        dict
            ``file``, ``concept``, ``status`` (lower case: ``"fail"``), the ``expected`` and
            ``found`` counts, ``missing`` and ``unexpected`` equilibria, ``problems`` (as
            :meth:`~ggcalc.errors.Problem.to_dict` gives them), ``warnings`` and ``message``.
        """
        return {
            "file": self.file,
            "concept": self.concept,
            "status": self.status.lower(),
            "expected": self.expected,
            "found": self.found,
            "missing": self.missing,
            "unexpected": self.unexpected,
            "problems": [p.to_dict() for p in self.problems],
            "warnings": self.warnings,
            "message": self.message,
        }


def check_file(
    path: Path,
    *,
    allow_incomplete: bool = False,
    timeout: float | None = None,
    overrides: Mapping[str, object] | None = None,
) -> list[CheckResult]:
    """Check one scenario file: one result per concept in its ``expect`` block.

    Each concept is solved and its certified equilibria compared, exactly, with the published
    ones. Errors are results, not exceptions: a file that cannot be loaded, or a concept that
    cannot be solved, gives an ``error`` result carrying its problems.

    Parameters
    ----------
    path : Path
        The scenario file.
    allow_incomplete : bool, optional
        Whether a match with a list the solver could not prove complete passes (else it is
        ``unproven``).
    timeout : float or None, optional
        The time limit, in seconds, of each solve (None: none).
    overrides : mapping of str to object, optional
        Values replacing parameter values (``--set``): does the published answer still hold
        with them?

    Returns
    -------
    list of CheckResult
        One result per concept, in the block's order; a single ``skipped`` result for a file
        without ``expect``, or a single ``error`` result for a file that cannot be loaded.
    """
    start = time.perf_counter()
    name = str(path)
    try:
        scenario = load(path, **(overrides or {}))
    except GgcalcError as error:
        return [CheckResult(name, ERROR, problems=error.problems, error_code=error.exit_code)]
    if scenario.expectations is None:
        return [CheckResult(name, SKIPPED, seconds=time.perf_counter() - start)]
    results = []
    for concept, entries in scenario.expectations.concepts.items():
        results.append(_check_concept(scenario, name, concept, entries, allow_incomplete, timeout))
    return results


def _check_concept(
    scenario: Scenario,
    name: str,
    concept: str,
    entries: list[tuple[Profile, Location]],
    allow_incomplete: bool,
    timeout: float | None,
) -> CheckResult:
    start = time.perf_counter()
    expected = [profile for profile, _ in entries]
    try:
        solution = scenario.solve(concept=concept, timeout=timeout)
    except GgcalcError as error:
        return CheckResult(
            name, ERROR, concept, len(expected), problems=error.problems, error_code=error.exit_code
        )
    comparison = compare(expected, solution)
    game = scenario.game
    if not comparison.matches:
        status = FAIL
    elif solution.complete:
        status = PASS
    else:
        status = PASS if allow_incomplete else UNPROVEN
    warnings = [] if solution.complete else list(solution.warnings)
    return CheckResult(
        name,
        status,
        concept,
        len(expected),
        len(solution.equilibria),
        [profile_text(game, p) for p in comparison.missing],
        [profile_text(game, p) for p in comparison.unexpected],
        warnings=warnings,
        seconds=time.perf_counter() - start,
    )


def summary(results: list[CheckResult]) -> dict[str, int]:
    """How many checks ended each way, and how many files were read.

    Parameters
    ----------
    results : list of CheckResult
        Every check of a run.

    Returns
    -------
    dict of str to int
        ``files`` (distinct), ``checks``, and one count per status in lower case: ``pass``,
        ``fail``, ``unproven``, ``skipped`` and ``error``.
    """
    counts = {"files": len({r.file for r in results}), "checks": len(results)}
    for status in (PASS, FAIL, UNPROVEN, SKIPPED, ERROR):
        counts[status.lower()] = sum(1 for r in results if r.status == status)
    return counts


def exit_code(results: list[CheckResult]) -> int:
    """CONTRACT 2: 2 if any file is invalid, else 1 if any check failed, else 0.

    An unproven list, and a valid file that could not be solved, count as failed checks.

    Parameters
    ----------
    results : list of CheckResult
        Every check of a run.

    Returns
    -------
    int
        The process exit status: 0, 1 or 2.
    """
    if any(r.status == ERROR and r.error_code == 2 for r in results):
        return 2
    if any(r.status in (FAIL, UNPROVEN, ERROR) for r in results):
        return 1
    return 0


def record(
    path: Path,
    scenario: Scenario,
    solution: Solution,
    *,
    timeout: float | None = None,
) -> list[str]:
    """Write (or replace) the scenario file's ``expect`` block with certified equilibria.

    The block lists the equilibria of ``solution``, and of every other concept the block
    already lists (solved again), in the form's concept order; every other byte of the file is
    kept. The new text is loaded and compared with the equilibria before it is written, and
    the write is atomic (:mod:`ggcalc.io.yaml.edit`).

    Parameters
    ----------
    path : Path
        The YAML scenario file to rewrite.
    scenario : Scenario
        The scenario loaded from ``path``.
    solution : Solution
        Its certified solution for one concept.
    timeout : float or None, optional
        The time limit, in seconds, of each further solve (None: none).

    Returns
    -------
    list of str
        Notes for the user: one per concept whose list is not proven complete (so that
        ``ggcalc check`` will report it as unproven).

    Raises
    ------
    ggcalc.errors.UsageError
        If the file is not a YAML scenario (a Gambit file has no ``expect`` block).
    ggcalc.errors.GgcalcError
        If the file cannot be read or rewritten, or another concept cannot be solved.
    AssertionError
        If the new block does not read back as the equilibria written (a bug).
    """
    text, file = read_source(path)
    if not file or source_format(file) != "yaml":
        raise UsageError(
            "recording writes the 'expect' block of a YAML scenario; this file is not one",
            location=Location(file or str(path)),
            hint="convert the game to a YAML scenario first",
        )
    solutions = {solution.concept: solution}
    if scenario.expectations is not None:
        for concept in scenario.expectations.concepts:
            if concept not in solutions:
                solutions[concept] = scenario.solve(concept=concept, timeout=timeout)
    order = CONCEPTS_BY_FORM[scenario.form]
    concepts = {
        concept: solution_profiles(solutions[concept]) for concept in order if concept in solutions
    }
    block = expect_block(scenario.game, concepts)
    reloaded = load(replace_block(text, "expect", block, file))
    assert reloaded.expectations is not None
    written = {c: [p for p, _ in e] for c, e in reloaded.expectations.concepts.items()}
    if written != concepts:
        raise AssertionError("the recorded expect block does not read back as written")
    replace_block_in_file(Path(path), "expect", block)  # keeps a byte-order mark, atomic
    return [
        f"the {concept} list is not proven complete, so 'ggcalc check' will report it as "
        "unproven: " + " ".join(s.warnings)
        for concept, s in solutions.items()
        if not s.complete
    ]


@dataclass
class CheckReport:
    """Every check of one ``ggcalc check`` run, in file order, and how they ended.

    Attributes
    ----------
    results : list of CheckResult
        One :class:`CheckResult` per file and concept (one per file that is skipped or invalid).
    """

    results: list[CheckResult]

    @property
    def counts(self) -> dict[str, int]:
        """How many checks ended each way, and how many files were read (:func:`summary`)."""
        return summary(self.results)

    @property
    def exit_code(self) -> int:
        """The process exit status this report calls for (:func:`exit_code`)."""
        return exit_code(self.results)

    def to_dict(self) -> dict[str, object]:
        """The JSON document of ``ggcalc check --format json``.

        Returns
        -------
        dict
            ``{"results": [...], "summary": {...}}``: each result's :meth:`CheckResult.to_dict`
            and the :attr:`counts`.
        """
        return {"results": [r.to_dict() for r in self.results], "summary": self.counts}
