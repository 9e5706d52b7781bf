"""The robustness run: check the request, draw the samples, solve them (in one process or
several) and report what was found."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from ggcalc.analysis.parameters import check_varied
from ggcalc.analysis.robustness.distributions import (
    MAX_SAMPLES,
    Varied,
    iter_samples,
)
from ggcalc.analysis.robustness.pool import LOCAL_CHUNK, chunk_size, chunks, solve_in_processes
from ggcalc.analysis.robustness.tally import Outcome, RobustnessResult, SampleSolver, Tally
from ggcalc.errors import SampleError, UsageError
from ggcalc.io.load import read_text
from ggcalc.io.yaml.nodes import read_source

__all__ = ["robustness"]

_HINT = (
    "give {vary} NAME=DIST with DIST uniform:A:B, normal:MEAN:SD or triangular:LOW:MODE:HIGH, "
    "e.g. {vary=cost=uniform:0:10}"
)


def robustness(
    source: str | Path,
    varied: Sequence[Varied],
    *,
    samples: int,
    seed: int,
    concept: str | None = None,
    fixed: Mapping[str, object] | None = None,
    timeout: float | None = None,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> RobustnessResult:
    """Solve a scenario at ``samples`` random draws of the ``varied`` parameters and count how
    often each pure strategy profile is an equilibrium.

    Parameters
    ----------
    source : str or Path
        A scenario: a path (YAML, or Gambit ``.nfg``/``.efg``), or YAML text itself.
    varied : sequence of Varied
        The parameters to draw and their distributions (see :func:`parse_varied`).
    samples : int
        How many samples to draw and solve (1 to :data:`MAX_SAMPLES`).
    seed : int
        Seed of the random generator (>= 0); the same seed gives the same samples and result.
    concept : str or None, optional
        Solution concept, as for :meth:`ggcalc.model.scenario.Scenario.solve`.
    fixed : mapping of str to object, optional
        Other parameters' values (``--set``), replacing the file's.
    timeout : float or None, optional
        Time limit per solve, in seconds.
    jobs : int, optional
        Worker processes; the result is the same for any number.
    progress : callable or None, optional
        Called with (samples solved, samples) as the run advances.

    Returns
    -------
    RobustnessResult
        Exact counts: per pure profile, the samples in which it is an equilibrium (most
        frequent first, ties in the game's order), and the samples with only mixed
        equilibria, none, or a list not proven complete.

    Raises
    ------
    UsageError
        For an unknown, repeated or also fixed parameter, nothing to vary, or ``samples``,
        ``seed`` or ``jobs`` out of range.
    InputError
        When the scenario cannot be read, or is invalid whatever the values (every problem
        of the file, before any sample is drawn).
    SampleError
        When the scenario is invalid (or cannot be solved) at a sample: the first such
        sample, with its values.

    Examples
    --------
    >>> text = ("title: Switch\\nparameters: {c: 3}\\nplayers: {Row: [A, B], Col: [L, R]}\\n"
    ...     "payoffs:\\n  A: {L: [c, 1], R: [0, 0]}\\n  B: {L: [2, 0], R: [1, 1]}\\n")
    >>> result = robustness(text, [parse_varied("c=uniform:0:4")], samples=100, seed=1)
    >>> [(o.text, o.count) for o in result.outcomes][0]
    ('{Row: B, Col: R}', 100)
    """
    if not 1 <= samples <= MAX_SAMPLES:
        raise UsageError(
            f"{{samples}} must be between 1 and {MAX_SAMPLES:,}, got {samples:,}",
            hint="e.g. {samples=1000}",
            fields=True,
        )
    if seed < 0:
        raise UsageError(
            f"{{seed}} must be a whole number >= 0, got {seed}", hint="e.g. {seed=1}", fields=True
        )
    if jobs < 1:
        raise UsageError(
            f"{{jobs}} must be at least 1, got {jobs}", hint="e.g. {jobs=4}", fields=True
        )
    if not varied:
        raise UsageError("nothing to vary", hint=_HINT, fields=True)
    text, file = read_source(source)
    document = read_text(text, file, source)
    names = [v.name for v in varied]
    exact_fixed = check_varied(document, names, fixed or {})

    size = LOCAL_CHUNK if jobs == 1 else chunk_size(samples, jobs)
    parts = chunks(iter_samples(varied, samples, seed), size)
    tally = Tally()
    if jobs == 1:
        solver = SampleSolver(document, names, exact_fixed, concept, timeout)
        for start, rows in parts:
            tally.add(solver.solve(start, rows))
            if tally.failure is not None:
                break
            if progress is not None:
                progress(tally.solved, samples)
    else:
        solve_in_processes(
            parts,
            tally,
            workers=min(jobs, math.ceil(samples / size)),
            initargs=(text, file, tuple(names), exact_fixed, concept, timeout),
            progress=(lambda done: progress(done, samples)) if progress is not None else None,
        )
    if tally.failure is not None:
        problems, exit_code = tally.failure
        raise SampleError(problems, exit_code)

    outcomes = sorted(
        (Outcome(text, tally.profiles[text], count) for text, count in tally.counts.items()),
        key=lambda o: (-o.count, tally.orders[o.text]),
    )
    return RobustnessResult(
        title=document.title,
        file=file,
        form=tally.form,
        players=list(tally.players),
        concept=tally.concept or concept or "nash",
        varied=list(varied),
        fixed=exact_fixed,
        samples=samples,
        seed=seed,
        outcomes=outcomes,
        with_pure=tally.with_pure,
        only_mixed=tally.only_mixed,
        none_found=tally.none_found,
        incomplete=tally.incomplete,
    )
