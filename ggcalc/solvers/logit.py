"""Equilibria from the logit path, for games too large to enumerate: exact where possible,
else an ε-equilibrium with an exact ε.

The numerical part (:func:`ggcalc.algorithms.logit_path.logit_path`) follows the principal
branch of the logit quantal response equilibria from uniform play (λ = 0) towards λ → ∞, whose
limit is a Nash equilibrium. Floats never become an answer on their own:

1. **Exact from the support.** The strategies the path's end plays with non-negligible
   probability are taken as a support profile, and every equilibrium with exactly those
   supports is found exactly (:func:`~ggcalc.algorithms.nplayer_support.decide_support_profile`)
   and certified. If one exists, it is an equilibrium like any other, found by a cheaper route.
2. **Otherwise an ε-equilibrium.** The end point's probabilities are rounded to fractions and
   each player's regret (what its best pure strategy earns minus what its mix earns) is
   computed from those fractions exactly (:func:`~ggcalc.certification.normal_form.
   approximate_equilibrium`): a proven bound, reported apart from the equilibria.

References: R. McKelvey, T. Palfrey, "Quantal response equilibria for normal form games", Games
and Economic Behavior 10 (1995) 6-38; T. Turocy, "A dynamic homotopy interpretation of the
logistic quantal response equilibrium correspondence", Games and Economic Behavior 51 (2005)
243-263.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ggcalc.algorithms.nplayer_support import decide_support_profile
from ggcalc.certification.normal_form import approximate_equilibrium, certify_all
from ggcalc.exact.rationals import round_probabilities
from ggcalc.model.normal_form import NormalFormGame
from ggcalc.model.profiles import ApproximateEquilibrium, Equilibrium
from ggcalc.model.solution import Solution, SourceInfo
from ggcalc.solvers.listing import finish, profile_key

__all__ = ["LOGIT_TIMEOUT", "LogitOutcome", "logit_equilibria", "logit_solution", "with_logit"]

#: Seconds the path may take when the caller gives no limit.
LOGIT_TIMEOUT = 10.0
#: A strategy the path's end plays with at least this probability is in the support tried.
SUPPORT_THRESHOLD = 1e-6
#: The end point's probabilities are rounded to fractions with at most this denominator.
ROUNDING = 10**12


@dataclass
class LogitOutcome:
    """What following the logit path gave.

    Attributes
    ----------
    equilibria : list of Equilibrium
        Exact, certified equilibria on the support of the path's end (usually one).
    approximate : list of ApproximateEquilibrium
        The path's end as an ε-equilibrium, when no exact equilibrium was found on its support.
    reason : str
        Why the path stopped: ``"converged"``, ``"max lambda"``, ``"max steps"``,
        ``"timeout"`` or ``"path failed"``.
    lam : float
        The λ the path reached.
    support_status : str
        What the exact solve on the end's support said (see
        :class:`~ggcalc.algorithms.nplayer_support.SupportDecision`).
    inside_continuum : bool
        Whether the rounded end is exactly an equilibrium that the exact solve of its own
        support did not find (so it may be a point inside a continuum): not listed.
    """

    equilibria: list[Equilibrium] = field(default_factory=list)
    approximate: list[ApproximateEquilibrium] = field(default_factory=list)
    reason: str = ""
    lam: float = 0.0
    support_status: str = ""
    inside_continuum: bool = False


def logit_equilibria(game: NormalFormGame, timeout: float | None = None) -> LogitOutcome:
    """Follow the logit path of ``game`` and turn its end into an exact answer or a bound.

    Parameters
    ----------
    game : NormalFormGame
        A game of any number of players, with exact payoffs.
    timeout : float or None, optional
        Seconds the path may take (default :data:`LOGIT_TIMEOUT`); the exact solve on the end's
        support comes after.

    Returns
    -------
    LogitOutcome
        Certified equilibria on the end's support, or the end as an ε-equilibrium.
    """
    from ggcalc.algorithms.logit_path import logit_path

    path = logit_path(game.float_payoffs, timeout=LOGIT_TIMEOUT if timeout is None else timeout)
    mixes = [[float(p) for p in mix] for mix in path.profile]
    outcome = LogitOutcome(reason=path.reason, lam=path.lam)
    supports = tuple(
        tuple(s for s, p in enumerate(mix) if p >= SUPPORT_THRESHOLD) or (mix.index(max(mix)),)
        for mix in mixes
    )
    decision = decide_support_profile(game.shape, game.tables, supports)
    outcome.support_status = decision.status
    outcome.equilibria = [eq for eq in certify_all(game, decision.equilibria) if eq is not None]
    if outcome.equilibria:
        return outcome
    # Two roundings of the end: as it is, and with the strategies outside the support set to
    # 0 (which can make it exactly an equilibrium); the smaller exact ε wins.
    origin = f"end of the logit path, λ = {path.lam:.3g}"
    candidates = [
        approximate_equilibrium(
            game, tuple(round_probabilities(mix, ROUNDING, cut) for mix in mixes), origin
        )
        for cut in (SUPPORT_THRESHOLD, 0.0)
        if all(max(mix) > cut for mix in mixes)
    ]
    approx = min(candidates, key=lambda candidate: candidate.epsilon)
    profile = approx.profile
    if approx.epsilon > 0:
        outcome.approximate = [approx]
        return outcome
    # The rounded end is exactly an equilibrium: listed only when the exact solve of its own
    # support finds it (so it is isolated there, or a vertex), never as a point inside a
    # continuum, which a list of extreme equilibria must not hold.
    own = tuple(tuple(s for s, p in enumerate(mix) if p > 0) for mix in profile)
    decision = decide_support_profile(game.shape, game.tables, own)
    key = profile_key(profile)
    if any(profile_key(found) == key for found in decision.equilibria):
        outcome.equilibria = [eq for eq in certify_all(game, [profile]) if eq is not None]
    else:
        outcome.inside_continuum = True
    return outcome


def logit_solution(game: NormalFormGame, source: SourceInfo, timeout: float | None) -> Solution:
    """``--method logit``: what the logit path leads to, never claimed complete.

    Parameters
    ----------
    game : NormalFormGame
        The game, with exact payoffs.
    source : SourceInfo
        Where it came from.
    timeout : float or None
        Seconds the path may take (default :data:`LOGIT_TIMEOUT`).

    Returns
    -------
    Solution
        The exact equilibria on the support where the path ends, or that end as an
        ε-equilibrium, with warnings that say which.
    """
    empty = finish(game, [], method="logit", complete=False, warnings=[], source=source)
    return with_logit(empty, timeout, alone=True)


def with_logit(solution: Solution, timeout: float | None, alone: bool = False) -> Solution:
    """``solution`` with what the logit path adds (for ``auto`` where enumeration stopped).

    Parameters
    ----------
    solution : Solution
        The equilibria proven so far (not a complete list).
    timeout : float or None
        Seconds the path may take (default :data:`LOGIT_TIMEOUT`).
    alone : bool, optional
        Whether the path is the whole method (``--method logit``).

    Returns
    -------
    Solution
        The same list plus any new exact equilibrium on the support where the path ends; the
        end as an ε-equilibrium in ``approximate`` when none was found; warnings saying which.
    """
    game = solution.game
    assert isinstance(game, NormalFormGame)
    outcome = logit_equilibria(game, timeout)
    known = {profile_key(eq.profile) for eq in solution.equilibria}
    new = [eq for eq in outcome.equilibria if profile_key(eq.profile) not in known]
    warnings = list(solution.warnings)
    if alone:
        warnings.append(
            "The logit path finds one equilibrium, not all of them: this list is not complete. "
            "The default method enumerates every equilibrium where it can."
        )
    if outcome.reason != "converged":
        warnings.append(
            f"The logit path stopped before it converged ({_STOPPED[outcome.reason]}); "
            "what it found is reported as it is."
        )
    if new:
        warnings.append(
            f"{_found(len(new), alone or not solution.equilibria)} by following the logit path "
            "and solving the equations "
            "of the support where it ends, exactly."
        )
    elif outcome.approximate:
        approx = outcome.approximate[0]
        warnings.append(
            "The logit path ends near an equilibrium whose exact form was not found ("
            f"{_SUPPORT_STATUS[outcome.support_status]}); that end is listed as an "
            f"ε-equilibrium, where no player can gain more than {float(approx.epsilon):.2g} by "
            "deviating. It is not an equilibrium and is not counted as one."
        )
    elif outcome.inside_continuum:
        warnings.append(
            "The logit path ends at an equilibrium that may lie inside a continuum of "
            "equilibria; it is not listed, since the list holds extreme equilibria only."
        )
    merged = finish(
        game,
        [*solution.equilibria, *new],
        method="logit" if alone else solution.method + (" and logit" if new else ""),
        complete=solution.complete,
        warnings=warnings,
        source=solution.source,
        degenerate=solution.degenerate,
    )
    merged.approximate = [*solution.approximate, *outcome.approximate]
    merged.notes = list(solution.notes)
    return merged


def _found(count: int, first: bool) -> str:
    if first:
        return "The equilibrium was found" if count == 1 else f"{count} equilibria were found"
    return "One more equilibrium was found" if count == 1 else f"{count} more equilibria were found"


#: What the exact solve of the support where the logit path ends said, when it found nothing.
_SUPPORT_STATUS = {
    "too large": "the equations of the strategies it plays could have more solutions than the "
    "exact solver takes on",
    "undecided": "the equations of the strategies it plays have infinitely many solutions",
    "ruled out": "no equilibrium plays exactly the strategies it plays",
    "decided": "no equilibrium plays exactly the strategies it plays",
    "continuum": "no equilibrium plays exactly the strategies it plays",
}

#: Why the logit path stopped, in words.
_STOPPED = {
    "max lambda": "it reached the largest λ it tries",
    "max steps": "it took the most steps it may",
    "timeout": "its time limit ran out",
    "path failed": "the numerical path-following failed",
}
