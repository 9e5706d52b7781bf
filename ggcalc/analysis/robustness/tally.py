"""Solving samples and adding up what they found: per pure profile, how many samples have it
as an equilibrium; how many have only mixed equilibria, none, or a list not proven complete.

A :class:`Tally` covers a run of consecutive samples, and tallies add up in sample order, so
that splitting the samples among processes cannot change the result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ggcalc.analysis.robustness.distributions import DIGITS, Varied, sample_text
from ggcalc.errors import GgcalcError, Problem, UsageError
from ggcalc.exact.rationals import fraction_text
from ggcalc.io.yaml.flow import profile_text
from ggcalc.model.normal_form import NormalFormGame
from ggcalc.model.solution import Profile, Solution
from ggcalc.model.tree import GameTree

if TYPE_CHECKING:
    from ggcalc.io.load import ScenarioDocument

__all__ = ["Outcome", "RobustnessResult", "SampleSolver", "Tally"]


@dataclass(frozen=True)
class Outcome:
    """A pure strategy profile and the number of samples in which it is an equilibrium.

    Attributes
    ----------
    text : str
        The profile as ``expect`` writes it, on one line.
    profile : dict
        Each player to a strategy (normal form) or to ``{decision point: action}`` (trees;
        players without a decision point left out): the profile in the JSON report.
    count : int
        In how many samples the profile is an equilibrium.
    """

    text: str
    profile: dict[str, Any]
    count: int


@dataclass
class RobustnessResult:
    """What :func:`robustness` found. Counts are exact; shares are ``count / samples``.

    Attributes
    ----------
    title : str
        The scenario's title.
    file : str or None
        The scenario file (None for text given directly).
    form : str
        ``"normal"`` or ``"sequential"``.
    players : list of str
        The game's players, in order.
    concept : str
        The solution concept solved at every sample.
    varied : list of Varied
        The varied parameters and their distributions, in the order drawn.
    fixed : dict of str to Fraction
        Other parameters' values given for the run (``--set``), exactly.
    samples : int
        How many samples were drawn and solved.
    seed : int
        The random generator's seed.
    outcomes : list of Outcome
        Every pure profile that is an equilibrium in at least one sample, most frequent first
        (ties in the game's own order of strategies and actions).
    with_pure : int
        Samples with at least one pure equilibrium.
    only_mixed : int
        Samples whose equilibria found are all mixed.
    none_found : int
        Samples where no equilibrium was found (possible only for a list not proven
        complete); with the two above, these add up to :attr:`samples`.
    incomplete : int
        Samples whose list of equilibria was not proven complete.
    """

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
        """A count of samples as a share of all of them.

        Parameters
        ----------
        count : int
            A number of samples.

        Returns
        -------
        float
            ``count / samples``, between 0 and 1.
        """
        return count / self.samples

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``ggcalc robustness --format json``.

        Returns
        -------
        dict
            ``{"samples", "seed", "outcomes": [{"profile", "share"}], ...}`` (the issue's
            contract) plus exact counts, the distributions and the other tallies (each as
            ``{"count", "share"}``), the scenario block and the rounding :data:`DIGITS`.
        """

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
class Tally:
    """What a run of consecutive samples found; tallies of runs add up in sample order.

    Attributes
    ----------
    counts : dict of str to int
        Per pure profile (as ``expect`` writes it), the samples in which it is an equilibrium.
    profiles : dict of str to dict
        Per pure profile, its JSON form (see :class:`Outcome`).
    orders : dict of str to tuple of int
        Each profile's action indices: ties in the report follow the game's own order.
    solved : int
        How many samples were solved.
    with_pure : int
        Samples with at least one pure equilibrium.
    only_mixed : int
        Samples with equilibria, all of them mixed.
    none_found : int
        Samples with no equilibrium found.
    incomplete : int
        Samples whose list was not proven complete.
    concept : str or None
        From the first sample solved: the concept (None before any sample is solved).
    form : str
        Likewise, the form: ``"normal"`` or ``"sequential"``.
    players : tuple of str
        Likewise, the players.
    failure : tuple of (list of Problem, int) or None
        The first sample that failed: its problems and the exit code (the run stops there).
    """

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

    def add(self, other: Tally) -> None:
        """Add the tally of the samples that follow this one's (in place).

        Counts add up; the concept, form and players are kept from the first tally that has
        them, and so is the first failure.

        Parameters
        ----------
        other : Tally
            The tally of the next run of samples.
        """
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


class SampleSolver:
    """Solves samples of one document: the YAML is read once per process, and per sample only
    the game is rebuilt (:meth:`Document.scenario`).

    Parameters
    ----------
    document : ScenarioDocument
        The scenario, read once.
    names : sequence of str
        The varied parameters, in the order of each sample's values.
    fixed : mapping of str to Fraction
        Other parameters' exact values, replacing the file's.
    concept : str or None
        The solution concept (None: the game's default).
    timeout : float or None
        The time limit, in seconds, of each solve.

    Attributes
    ----------
    document, names, fixed, concept, timeout
        As given (``names`` as a tuple, ``fixed`` as a dict).
    """

    def __init__(
        self,
        document: ScenarioDocument,
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

    def solve(self, start: int, rows: Sequence[tuple[Fraction, ...]]) -> Tally:
        """Solve samples ``start + 1, start + 2, ...`` (numbered from 1, as reported).

        Stops at the first sample that fails. A usage error (e.g. a concept the form does not
        have) is about the command, and is kept as it is; any other error's problems are
        reworded to say at which sample and values it happened.

        Parameters
        ----------
        start : int
            The 0-based index of the first sample in the run.
        rows : sequence of tuple of Fraction
            The samples: one exact value per varied parameter, in the order of ``names``.

        Returns
        -------
        Tally
            What the samples solved found, and the failure if one failed.
        """
        tally = Tally()
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
                at = ", ".join(f"{k} = {sample_text(v)}" for k, v in values.items())
                problems = [
                    Problem(f"{p.message} (at sample {number}: {at})", p.location, p.hint)
                    for p in error.problems
                ]
                tally.failure = (problems, error.exit_code)
                break
            self._count(solution, tally)
        return tally

    def _count(self, solution: Solution, tally: Tally) -> None:
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
