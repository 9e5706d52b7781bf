"""``ggcalc robustness``: how robust the answer is to uncertain parameters (Monte Carlo).

Each varied parameter gets a distribution (``uniform:A:B``, ``normal:MEAN:SD`` or
``triangular:LOW:MODE:HIGH``); the scenario is solved at every sample of the parameters, and
the report counts, for every pure strategy profile, in how many samples it is an equilibrium,
and in how many samples only mixed equilibria (or none) were found.

Exact values
------------
Parameters in ggcalc are exact fractions, so every draw (a float) is made exact by rounding it
to :data:`DIGITS` significant digits, ``Fraction(f"{x:.6g}")``: a sampled value is the decimal
a user would type, and ``--set NAME=VALUE`` with it reproduces the sample exactly. A bounded
distribution's draw is then clipped into its bounds (rounding ``0.99999996`` up must not leave
``uniform:0:1``).

Reproducibility
---------------
All samples are drawn in the calling process from one ``random.Random(seed)`` (Mersenne
Twister), sample after sample and, within a sample, parameter after parameter in the order
given. Worker processes (``jobs > 1``) only solve the samples they are sent and return counts,
which are added up in sample order; so the result depends on the seed, the distributions and
the number of samples, never on ``jobs``.
"""

from __future__ import annotations

import itertools
import math
import multiprocessing
import random
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from ggcalc.errors import GgcalcError, Location, Problem, UsageError
from ggcalc.expectations import Profile, profile_text
from ggcalc.expressions import ExpressionError, parse_number
from ggcalc.game import NormalFormGame
from ggcalc.rationals import fraction_text
from ggcalc.reader import did_you_mean
from ggcalc.scenario import Document, parse_override, read_document
from ggcalc.solution import Solution
from ggcalc.tree import GameTree
from ggcalc.yaml_reader import read_source

__all__ = [
    "DIGITS",
    "DISTRIBUTIONS",
    "MAX_SAMPLES",
    "Distribution",
    "Outcome",
    "RobustnessResult",
    "SampleError",
    "Varied",
    "draw_samples",
    "iter_samples",
    "parse_vary",
    "robustness",
]

#: Most samples one run may solve.
MAX_SAMPLES = 1_000_000
#: Significant digits every sampled value is rounded to (it is then exact).
DIGITS = 6
#: Each distribution and the names of its numbers, as written after ``NAME=kind:``.
DISTRIBUTIONS: dict[str, tuple[str, ...]] = {
    "uniform": ("A", "B"),
    "normal": ("MEAN", "SD"),
    "triangular": ("LOW", "MODE", "HIGH"),
}
_HINT = (
    "write --vary NAME=DIST with DIST uniform:A:B, normal:MEAN:SD or triangular:LOW:MODE:HIGH, "
    "e.g. --vary cost=uniform:0:10"
)
#: Chunks per worker process (more: smoother progress and load balance; fewer: less overhead).
_CHUNKS_PER_JOB = 8
#: Largest chunk of samples sent to a worker at once.
_MAX_CHUNK = 500
#: Chunk size with one process: only sets how often progress is reported.
_LOCAL_CHUNK = 50


@dataclass(frozen=True)
class Distribution:
    """A distribution to draw one parameter from, with exact arguments.

    Parameters
    ----------
    kind
        ``"uniform"`` (arguments A < B), ``"normal"`` (MEAN, SD > 0) or ``"triangular"``
        (LOW <= MODE <= HIGH, LOW < HIGH); the keys of :data:`DISTRIBUTIONS`.
    arguments
        Its numbers, in the order of :data:`DISTRIBUTIONS`.
    """

    kind: str
    arguments: tuple[Fraction, ...]

    def draw(self, rng: random.Random) -> Fraction:
        """One exact value: a draw from ``rng``, rounded to :data:`DIGITS` significant digits
        (and clipped into the bounds of a uniform or triangular distribution).

        Uses :meth:`random.Random.uniform`, :meth:`~random.Random.normalvariate` (which, unlike
        ``gauss``, keeps no state between calls besides the generator's) and
        :meth:`~random.Random.triangular`.
        """
        numbers = [float(a) for a in self.arguments]
        if self.kind == "uniform":
            x = rng.uniform(numbers[0], numbers[1])
        elif self.kind == "normal":
            x = rng.normalvariate(numbers[0], numbers[1])
        else:
            low, mode, high = numbers
            x = rng.triangular(low, high, mode)
        value = Fraction(f"{x:.{DIGITS}g}")
        if self.kind != "normal":
            value = min(max(value, self.arguments[0]), self.arguments[-1])
        return value

    def __str__(self) -> str:
        return ":".join([self.kind, *(fraction_text(a) for a in self.arguments)])


@dataclass(frozen=True)
class Varied:
    """A varied parameter (``--vary NAME=DIST``): its name and its distribution."""

    name: str
    distribution: Distribution


def parse_vary(text: str) -> Varied:
    """``NAME=uniform:A:B``, ``NAME=normal:MEAN:SD`` or ``NAME=triangular:LOW:MODE:HIGH`` -> the
    varied parameter, its numbers exact and checked.

    Raises
    ------
    UsageError
        For anything else, saying what is wrong (an unknown distribution, a missing or
        non-numeric argument, ``A >= B``, ``SD <= 0``, ``MODE`` outside ``[LOW, HIGH]``).
    """
    name, equals, spec = text.partition("=")
    if not equals or not name.strip() or not spec.strip():
        raise UsageError(f"--vary '{text}' is not NAME=DIST", hint=_HINT)
    kind, *parts = (part.strip() for part in spec.split(":"))
    if kind not in DISTRIBUTIONS:
        if _is_number(kind):
            # Most likely a sweep's START:STOP:STEPS.
            hint = "robustness draws from a distribution, e.g. uniform:0:4 (sweep takes a grid)"
        else:
            hint = did_you_mean(kind, DISTRIBUTIONS) or _HINT
        raise UsageError(f"--vary '{text}': unknown distribution '{kind}'", hint=hint)
    what = DISTRIBUTIONS[kind]
    usage = f"write {kind}:{':'.join(what)}"
    if len(parts) != len(what):
        raise UsageError(
            f"--vary '{text}': {kind} takes {len(what)} numbers ({':'.join(what)}), "
            f"got {len(parts)}",
            hint=usage,
        )
    numbers: list[Fraction] = []
    for part, label in zip(parts, what, strict=True):
        try:
            value = parse_number(part)
        except ExpressionError as exc:
            raise UsageError(f"--vary '{text}': {label} {exc.message}", hint=usage) from None
        if value is None:
            raise UsageError(
                f"--vary '{text}': {label} '{part}' is not a number",
                hint=f"{usage}; numbers are integers, decimals or fractions such as 2/3",
            )
        if not math.isfinite(_float(value)):
            raise UsageError(f"--vary '{text}': {label} is too large to sample", hint=usage)
        numbers.append(value)
    if kind == "uniform" and not numbers[0] < numbers[1]:
        raise UsageError(f"--vary '{text}': A must be less than B", hint="e.g. uniform:0:4")
    if kind == "normal" and not numbers[1] > 0:
        raise UsageError(
            f"--vary '{text}': the standard deviation SD must be positive",
            hint="e.g. normal:3:0.5",
        )
    if kind == "triangular" and not numbers[0] < numbers[2]:
        raise UsageError(
            f"--vary '{text}': LOW must be less than HIGH", hint="e.g. triangular:0:1:4"
        )
    if kind == "triangular" and not numbers[0] <= numbers[1] <= numbers[2]:
        raise UsageError(
            f"--vary '{text}': MODE must lie between LOW and HIGH", hint="e.g. triangular:0:1:4"
        )
    return Varied(name.strip(), Distribution(kind, tuple(numbers)))


def _is_number(text: str) -> bool:
    try:
        return parse_number(text) is not None
    except ExpressionError:
        return True


def _float(value: Fraction) -> float:
    try:
        return float(value)
    except OverflowError:
        return math.inf


def iter_samples(
    varied: Sequence[Varied], samples: int, seed: int
) -> Iterator[tuple[Fraction, ...]]:
    """The samples, one tuple of exact values (in the order of ``varied``) per sample.

    Drawn lazily from one ``random.Random(seed)``, sample-major: the same seed, distributions
    and number of samples always give the same values.
    """
    rng = random.Random(seed)
    distributions = [v.distribution for v in varied]
    for _ in range(samples):
        yield tuple(d.draw(rng) for d in distributions)


def draw_samples(varied: Sequence[Varied], samples: int, seed: int) -> list[tuple[Fraction, ...]]:
    """All the samples :func:`robustness` solves, as a list (see :func:`iter_samples`)."""
    return list(iter_samples(varied, samples, seed))


def value_text(value: Fraction) -> str:
    """A sampled value as a user would type it: a decimal when exact (every rounded draw), else
    a fraction (a bound such as 1/3 that a draw was clipped to)."""
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        return fraction_text(value)
    text = f"{Decimal(value.numerator) / Decimal(value.denominator):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class SampleError(GgcalcError):
    """The scenario could not be solved at one sample (a probability out of range, a division
    by zero, ...): its problems, each saying at which sample and values."""

    def __init__(self, problems: list[Problem], exit_code: int = 2):
        if not problems:
            raise ValueError("SampleError needs at least one problem")
        first = problems[0]
        super().__init__(first.message, location=first.location, hint=first.hint)
        self._problems = list(problems)
        self.exit_code = exit_code
        self.args = ("\n".join(str(p) for p in self._problems),)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self._problems)

    @property
    def problems(self) -> list[Problem]:
        return list(self._problems)


@dataclass(frozen=True)
class Outcome:
    """A pure strategy profile and the number of samples in which it is an equilibrium.

    ``text`` is the profile as ``expect`` writes it; ``profile`` maps each player to a strategy
    (normal form) or to ``{decision point: action}`` (trees)."""

    text: str
    profile: dict[str, Any]
    count: int


@dataclass
class RobustnessResult:
    """What :func:`robustness` found. Counts are exact; shares are ``count / samples``."""

    title: str
    file: str | None
    form: str
    players: list[str]
    concept: str
    varied: list[Varied]
    fixed: dict[str, Fraction]
    samples: int
    seed: int
    #: Every pure profile that is an equilibrium in at least one sample, most frequent first.
    outcomes: list[Outcome]
    #: Samples with at least one pure equilibrium, with only mixed ones, with none found:
    #: these three add up to :attr:`samples`.
    with_pure: int
    only_mixed: int
    none_found: int
    #: Samples whose list of equilibria was not proven complete.
    incomplete: int

    def share(self, count: int) -> float:
        return count / self.samples

    def to_dict(self) -> dict[str, Any]:
        """``{"samples", "seed", "outcomes": [{"profile", "share"}], ...}`` (the issue's
        contract) plus exact counts, the distributions and the other tallies."""

        def tally(count: int) -> dict[str, Any]:
            return {"count": count, "share": self.share(count)}

        return {
            "scenario": {
                "title": self.title,
                "file": self.file,
                "form": self.form,
                "players": list(self.players),
            },
            "concept": self.concept,
            "samples": self.samples,
            "seed": self.seed,
            "parameters": {v.name: str(v.distribution) for v in self.varied},
            "fixed": {name: fraction_text(value) for name, value in self.fixed.items()},
            "digits": DIGITS,
            "outcomes": [
                {
                    "profile": o.profile,
                    "text": o.text,
                    "count": o.count,
                    "share": self.share(o.count),
                }
                for o in self.outcomes
            ],
            "with_pure": tally(self.with_pure),
            "only_mixed": tally(self.only_mixed),
            "none_found": tally(self.none_found),
            "incomplete": tally(self.incomplete),
        }


@dataclass
class _Tally:
    """What a run of consecutive samples found; tallies of runs add up in sample order."""

    counts: dict[str, int] = field(default_factory=dict)
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Each profile's action indices: ties in the report follow the game's own order.
    orders: dict[str, tuple[int, ...]] = field(default_factory=dict)
    solved: int = 0
    with_pure: int = 0
    only_mixed: int = 0
    none_found: int = 0
    incomplete: int = 0
    #: From the first sample solved: the concept, the form and the players.
    concept: str | None = None
    form: str = "normal"
    players: tuple[str, ...] = ()
    #: The first sample that failed: its problems and the exit code (the run stops there).
    failure: tuple[list[Problem], int] | None = None

    def add(self, other: _Tally) -> None:
        for text, count in other.counts.items():
            self.counts[text] = self.counts.get(text, 0) + count
        self.profiles.update(other.profiles)
        self.orders.update(other.orders)
        self.solved += other.solved
        self.with_pure += other.with_pure
        self.only_mixed += other.only_mixed
        self.none_found += other.none_found
        self.incomplete += other.incomplete
        if self.concept is None:
            self.concept, self.form, self.players = other.concept, other.form, other.players
        if self.failure is None:
            self.failure = other.failure


class _SampleSolver:
    """Solves samples of one document: the YAML is read once per process, and per sample only
    the game is rebuilt (:meth:`Document.scenario`)."""

    def __init__(
        self,
        document: Document,
        names: Sequence[str],
        fixed: Mapping[str, Fraction],
        concept: str | None,
        timeout: float | None,
    ):
        self.document = document
        self.names = tuple(names)
        self.fixed = dict(fixed)
        self.concept = concept
        self.timeout = timeout
        # Pure profile (an action per player or decision point) -> its text and JSON form.
        # Parameters change numbers only, never names, so this holds across samples.
        self._written: dict[tuple[int, ...], tuple[str, dict[str, Any]]] = {}

    def solve(self, start: int, rows: Sequence[tuple[Fraction, ...]]) -> _Tally:
        """Solve samples ``start + 1, start + 2, ...`` (numbered from 1, as reported)."""
        tally = _Tally()
        for number, row in enumerate(rows, start + 1):
            values = dict(zip(self.names, row, strict=True))
            try:
                scenario = self.document.scenario({**self.fixed, **values}, expectations=False)
                solution = scenario.solve(concept=self.concept, timeout=self.timeout)
            except UsageError as error:
                # About the command (e.g. a concept the form has not), not about this sample.
                tally.failure = (error.problems, error.exit_code)
                break
            except GgcalcError as error:
                at = ", ".join(f"{k} = {value_text(v)}" for k, v in values.items())
                problems = [
                    Problem(f"{p.message} (at sample {number}: {at})", p.location, p.hint)
                    for p in error.problems
                ]
                tally.failure = (problems, error.exit_code)
                break
            self._count(solution, tally)
        return tally

    def _count(self, solution: Solution, tally: _Tally) -> None:
        if tally.concept is None:
            tally.concept = solution.concept
            tally.form = "sequential" if isinstance(solution.game, GameTree) else "normal"
            tally.players = tuple(solution.game.players)
        tally.solved += 1
        pure = 0
        for equilibrium in solution.equilibria:
            if not equilibrium.pure:
                continue
            pure += 1
            text, profile, actions = self._write(solution.game, equilibrium)
            tally.counts[text] = tally.counts.get(text, 0) + 1
            if text not in tally.profiles:
                tally.profiles[text] = profile
                tally.orders[text] = actions
        if pure:
            tally.with_pure += 1
        elif solution.equilibria:
            tally.only_mixed += 1
        else:
            tally.none_found += 1
        if not solution.complete:
            tally.incomplete += 1

    def _write(
        self, game: NormalFormGame | GameTree, equilibrium: Any
    ) -> tuple[str, dict[str, Any], tuple[int, ...]]:
        if isinstance(game, GameTree):
            mixes: Profile = tuple(equilibrium.behavior)
            actions = equilibrium.actions
        else:
            mixes = tuple(equilibrium.profile)
            actions = tuple(mix.index(1) for mix in mixes)
        written = self._written.get(actions)
        if written is None:
            written = (profile_text(game, mixes), _profile(game, actions))
            self._written[actions] = written
        return (*written, actions)


def _profile(game: NormalFormGame | GameTree, actions: tuple[int, ...]) -> dict[str, Any]:
    """Player -> strategy (normal form) or player -> {decision point: action} (trees; players
    without a decision point are left out, as in ``expect``)."""
    if isinstance(game, NormalFormGame):
        return {player: game.strategies[i][actions[i]] for i, player in enumerate(game.players)}
    profile: dict[str, dict[str, str]] = {}
    for h, (infoset, action) in enumerate(zip(game.infosets, actions, strict=True)):
        player = game.players[game.infoset_player[h]]
        profile.setdefault(player, {})[infoset.name] = infoset.actions[action]
    return {player: profile[player] for player in game.players if player in profile}


# One solver per worker process, made once by _start_worker (documents are not sent between
# processes: each worker reads the YAML text itself).
_WORKER: _SampleSolver | None = None


def _start_worker(
    text: str,
    file: str | None,
    names: tuple[str, ...],
    fixed: dict[str, Fraction],
    concept: str | None,
    timeout: float | None,
) -> None:
    global _WORKER
    _WORKER = _SampleSolver(read_document(text, file), names, fixed, concept, timeout)


def _solve_chunk(start: int, rows: list[tuple[Fraction, ...]]) -> _Tally:
    assert _WORKER is not None, "worker not started"
    return _WORKER.solve(start, rows)


def _chunks(
    rows: Iterable[tuple[Fraction, ...]], size: int
) -> Iterator[tuple[int, list[tuple[Fraction, ...]]]]:
    """``(index of the first sample, samples)`` for consecutive chunks of ``size``."""
    iterator = iter(rows)
    start = 0
    while chunk := list(itertools.islice(iterator, size)):
        yield start, chunk
        start += len(chunk)


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
    source
        A YAML scenario: a path, or the text itself.
    varied
        The parameters to draw and their distributions (see :func:`parse_vary`).
    samples
        How many samples to draw and solve (1 to :data:`MAX_SAMPLES`).
    seed
        Seed of the random generator; the same seed gives the same samples and result.
    concept
        Solution concept, as for :meth:`ggcalc.scenario.Scenario.solve`.
    fixed
        Other parameters' values (``--set``), replacing the file's.
    timeout
        Time limit per solve, in seconds.
    jobs
        Worker processes; the result is the same for any number.
    progress
        Called with (samples solved, samples) as the run advances.

    Raises
    ------
    UsageError
        For an unknown, repeated or also fixed parameter, or ``samples``, ``seed`` or
        ``jobs`` out of range.
    SampleError
        When the scenario is invalid (or cannot be solved) at a sample: the first such
        sample, with its values.

    Examples
    --------
    >>> text = ("title: Switch\\nparameters: {c: 3}\\nplayers: {Row: [A, B], Col: [L, R]}\\n"
    ...     "payoffs:\\n  A: {L: [c, 1], R: [0, 0]}\\n  B: {L: [2, 0], R: [1, 1]}\\n")
    >>> result = robustness(text, [parse_vary("c=uniform:0:4")], samples=100, seed=1)
    >>> [(o.text, o.count) for o in result.outcomes][0]
    ('{Row: B, Col: R}', 100)
    """
    if not 1 <= samples <= MAX_SAMPLES:
        raise UsageError(
            f"--samples must be between 1 and {MAX_SAMPLES:,}, got {samples:,}",
            hint="e.g. --samples 1000",
        )
    if seed < 0:
        raise UsageError(f"--seed must be a whole number >= 0, got {seed}", hint="e.g. --seed 1")
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {jobs}", hint="e.g. --jobs 4")
    if not varied:
        raise UsageError("nothing to vary", hint=_HINT)
    text, file = read_source(source)
    if (file or "").lower().endswith((".nfg", ".efg")):
        raise UsageError(
            f"unknown parameter '{varied[0].name}' (Gambit files have no parameters)",
            location=Location(file),
            hint="describe the game as a YAML scenario with named parameters",
        )
    document = read_document(text, file, source)
    names = [v.name for v in varied]
    exact_fixed = _check_parameters(document, names, fixed or {})

    size = _LOCAL_CHUNK if jobs == 1 else _chunk_size(samples, jobs)
    chunks = _chunks(iter_samples(varied, samples, seed), size)
    tally = _Tally()
    if jobs == 1:
        solver = _SampleSolver(document, names, exact_fixed, concept, timeout)
        for start, rows in chunks:
            tally.add(solver.solve(start, rows))
            if tally.failure is not None:
                break
            if progress is not None:
                progress(tally.solved, samples)
    else:
        _solve_in_processes(
            chunks,
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


def _check_parameters(
    document: Document, names: Sequence[str], fixed: Mapping[str, object]
) -> dict[str, Fraction]:
    """Check the varied and fixed names against the scenario's parameters, before any sample
    (so a typo is a usage error, not a failure at sample 1); the fixed values, exact."""
    if len(set(names)) != len(names):
        raise UsageError("a parameter is varied twice", hint="give each --vary a different NAME")
    for name in names:
        if name in fixed:
            raise UsageError(f"parameter '{name}' is both varied and set with --set")
    if document.problems:
        # The file itself is invalid, whatever the values: report all its problems.
        document.scenario(expectations=False)
    known = set(document.parameters) | document.unusable
    for name in [*names, *fixed]:
        if name not in known:
            listed = ", ".join(document.parameters) or "none"
            raise UsageError(
                f"unknown parameter '{name}' (this scenario's parameters: {listed})",
                location=Location(document.file),
                hint=did_you_mean(name, document.parameters),
            )
    return {name: parse_override(value, name, document.file) for name, value in fixed.items()}


def _chunk_size(samples: int, jobs: int) -> int:
    return max(1, min(_MAX_CHUNK, math.ceil(samples / (jobs * _CHUNKS_PER_JOB))))


def _solve_in_processes(
    chunks: Iterator[tuple[int, list[tuple[Fraction, ...]]]],
    tally: _Tally,
    *,
    workers: int,
    initargs: tuple[Any, ...],
    progress: Callable[[int], None] | None,
) -> None:
    """Solve the chunks in ``workers`` processes, adding their tallies to ``tally`` in sample
    order (stopping at the first failed sample, as one process would)."""
    # "spawn" everywhere: fork is unsafe once threads run (a progress bar refreshes in one)
    # and is deprecated for multi-threaded processes; a spawned worker imports ggcalc once.
    context = multiprocessing.get_context("spawn")
    if sys.platform == "win32":
        workers = min(workers, 61)  # the most ProcessPoolExecutor accepts on Windows
    # Draws stay lazy: only this many chunks are drawn ahead of the one awaited.
    window = workers * 2
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=initargs
    ) as pool:
        pending: deque[Future[_Tally]] = deque()

        def collect() -> bool:
            tally.add(pending.popleft().result())
            if tally.failure is not None:
                for future in pending:
                    future.cancel()
                return False
            if progress is not None:
                progress(tally.solved)
            return True

        for start, rows in chunks:
            pending.append(pool.submit(_solve_chunk, start, rows))
            if len(pending) > window and not collect():
                return
        while pending:
            if not collect():
                return
