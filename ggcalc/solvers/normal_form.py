"""The solving umbrella: choose an algorithm, certify what it returns, say what is proven."""

from __future__ import annotations

from ggcalc.algorithms.nplayer_support import (
    MAX_SOLUTIONS,
    NPlayerResult,
    nplayer_support_enumeration,
    support_profile_count,
)
from ggcalc.algorithms.pure_equilibria import pure_equilibria
from ggcalc.algorithms.support_enumeration import support_enumeration
from ggcalc.algorithms.zero_sum import constant_sum, solve_zero_sum
from ggcalc.certification.normal_form import (
    certify,
    certify_all,
    integer_tables,
    rebuild_bimatrix_profile,
)
from ggcalc.errors import UsageError, literal, plural, quote
from ggcalc.model.normal_form import NormalFormGame
from ggcalc.model.profiles import Equilibrium, describe_mix, pure_profile
from ggcalc.model.solution import Solution, SourceInfo, ZeroSumValue
from ggcalc.solvers.listing import finish
from ggcalc.solvers.methods import DEFAULT_TIMEOUT, NORMAL_FORM_CONCEPTS, NORMAL_FORM_METHODS
from ggcalc.solvers.nashpy import run_nashpy

__all__ = [
    "AUTO_SUPPORT_PROFILES",
    "AUTO_TIMEOUT",
    "CONCEPTS",
    "DEFAULT_TIMEOUT",
    "METHODS",
    "solve",
]

#: Solution concepts for normal-form games.
CONCEPTS = NORMAL_FORM_CONCEPTS
#: Every method name ``solve`` accepts. ``auto`` picks the best proven method for the game.
METHODS = NORMAL_FORM_METHODS
#: ``auto`` enumerates the supports of a game of three or more players up to this many support
#: profiles; beyond, it lists the pure equilibria and says so (``support-enumeration`` asked for
#: explicitly has no such limit; give it a ``timeout``).
AUTO_SUPPORT_PROFILES = 5_000
#: Seconds ``auto`` gives the exact enumeration of a game of three or more players when no
#: ``timeout`` is given: it then stops with the equilibria found and says so (the explicit
#: ``support-enumeration`` runs until it is complete).
AUTO_TIMEOUT = 20.0


def solve(
    game: NormalFormGame,
    *,
    concept: str = "nash",
    method: str = "auto",
    timeout: float | None = None,
    source: SourceInfo | None = None,
    fallback: bool = True,
) -> Solution:
    """Find, certify and describe the Nash equilibria of ``game``.

    Every equilibrium returned has passed the exact certification
    (:func:`~ggcalc.certification.normal_form.certify`), whatever algorithm proposed it; the
    list is sorted and each equilibrium appears once. For a complete two-player list the
    maximal Nash subsets are computed, and for a complete constant-sum game its value and
    maximin strategies (by linear programming, cross-checked with the equilibria).

    Parameters
    ----------
    game : NormalFormGame
        A normal-form game with exact payoffs.
    concept : str, optional
        ``"nash"``; sequential concepts belong to game trees.
    method : str, optional
        ``"auto"`` (ggcalc's exact enumeration; for three or more players when the game has
        at most :data:`AUTO_SUPPORT_PROFILES` support profiles, else its pure equilibria),
        ``"support-enumeration"`` (that exact enumeration: for two players it reports itself as
        support enumeration for nondegenerate games, whose equilibria all have equal-size
        supports, and as vertex enumeration for degenerate ones, whose extreme equilibria come
        from matching polyhedron vertices; for more players it solves the polynomial
        equations of every support profile exactly, irrational equilibria included, see
        :mod:`ggcalc.algorithms.nplayer_support`), ``"vertex-enumeration"`` (the same scan, but the
        equilibria always come from matching the vertices, even in a nondegenerate game, where
        this gives the same set), ``"pure"``, or one of nashpy's methods
        (``"nashpy-support-enumeration"``, ``"nashpy-vertex-enumeration"``,
        ``"nashpy-lemke-howson"``), which run in a child process for at most ``timeout`` seconds.
        ``"logit"`` follows the logit path to one equilibrium (:mod:`ggcalc.solvers.logit`):
        exact when the equations of the support where it ends give one, else an ε-equilibrium
        with an exact ε in :attr:`~ggcalc.model.solution.Solution.approximate`; ``"auto"`` adds
        it when the exact enumeration of a game of three or more players cannot finish.
        ``"vertex-enumeration"`` and nashpy's methods solve two-player games only.
    timeout : float or None, optional
        Time limit in seconds. nashpy's methods are stopped after it (default
        :data:`DEFAULT_TIMEOUT`); the exact enumeration, unlimited by default, stops at the limit
        with the equilibria certified so far and ``complete`` false.
    source : SourceInfo or None, optional
        Where the game came from, for the report (default: the game's own title).
    fallback : bool, optional
        Whether ``"auto"`` follows the logit path when the exact enumeration of a game of three
        or more players cannot finish (default True).

    Returns
    -------
    Solution
        Certified equilibria; ``complete`` only when the list is proven complete (never for
        nashpy's methods, nor for ``"pure"`` in a game of two or more players).

    Raises
    ------
    ggcalc.errors.UsageError
        For a concept other than ``"nash"``, an unknown method, a two-player method on a game
        of another size, or a timeout that is not positive.
    """
    source = source or SourceInfo(title=game.title)
    if concept != "nash":
        if concept == "subgame-perfect":
            raise UsageError(
                "subgame-perfect equilibria need a sequential (tree) scenario; "
                "this one is in normal form",
                hint="use {concept=nash}",
                fields=True,
            )
        raise UsageError(
            f"unknown solution concept {literal(quote(concept))}",
            hint="use {concept=nash}",
            fields=True,
        )
    if method not in METHODS:
        raise UsageError(f"unknown method '{method}'", hint="choose one of: " + ", ".join(METHODS))
    too_large = automatic = False
    if method == "auto":
        automatic = True
        too_large = game.n_players > 2 and support_profile_count(game.shape) > AUTO_SUPPORT_PROFILES
        method = "pure" if game.n_players == 1 or too_large else "support-enumeration"
    if method == "logit":
        if timeout is not None and timeout <= 0:
            raise UsageError("{timeout} must be positive", hint="e.g. {timeout=60}", fields=True)
        from ggcalc.solvers.logit import logit_solution

        return logit_solution(game, source, timeout)
    if game.n_players > 2 and method == "support-enumeration":
        if timeout is not None and timeout <= 0:
            raise UsageError("{timeout} must be positive", hint="e.g. {timeout=60}", fields=True)
        if timeout is None and automatic:
            return _nplayer(game, source, AUTO_TIMEOUT, default_limit=True, fallback=fallback)
        return _nplayer(game, source, timeout)
    if game.n_players != 2 and method != "pure":
        raise UsageError(
            f"method {literal(quote(method))} solves two-player games; this game has "
            f"{game.n_players} players",
            hint="use {method=pure} (or auto)",
            fields=True,
        )
    if timeout is not None and timeout <= 0:
        raise UsageError("{timeout} must be positive", hint="e.g. {timeout=60}", fields=True)
    if method in ("support-enumeration", "vertex-enumeration"):
        return _support_enumeration(game, source, timeout, method == "vertex-enumeration")
    if method == "pure":
        solution = _pure(game, source, too_large)
        if too_large and fallback:
            from ggcalc.solvers.logit import with_logit

            return with_logit(solution, timeout)
        return solution
    return _nashpy(game, method, DEFAULT_TIMEOUT if timeout is None else timeout, source)


def _pure(game: NormalFormGame, source: SourceInfo, too_large: bool = False) -> Solution:
    found = []
    for profile in pure_equilibria(game.shape, [ints for ints, _ in game.scaled_tables]):
        eq = certify(game, pure_profile(game.shape, profile))
        if eq is None:  # cannot happen unless pure_equilibria is wrong: never show it
            raise AssertionError(f"pure profile {profile} failed certification")
        found.append(eq)
    warnings = []
    complete = game.n_players == 1
    if not complete:
        count = support_profile_count(game.shape)
        warnings.append(
            "Only pure-strategy equilibria were searched"
            + (
                f" (the game has {count:,} support profiles, more than the "
                f"{AUTO_SUPPORT_PROFILES:,} the default method enumerates; use "
                "--method support-enumeration, with a --timeout, to search them)"
                if too_large
                else ""
            )
            + "; mixed equilibria may also exist, so this list may be incomplete."
        )
        if not found:
            warnings.append(
                "No pure-strategy equilibrium exists. Every finite game has at least one "
                "equilibrium, so this game has only mixed ones."
            )
    return finish(game, found, method="pure", complete=complete, warnings=warnings, source=source)


def _nplayer(
    game: NormalFormGame,
    source: SourceInfo,
    timeout: float | None,
    default_limit: bool = False,
    fallback: bool = False,
) -> Solution:
    """The exact n-player enumeration: every equilibrium, certified, complete when proven;
    with ``fallback``, the logit path where the enumeration could not finish (stopped, or
    support profiles too large to solve; not where it found continua)."""
    result = nplayer_support_enumeration(game.shape, game.tables, timeout=timeout)
    found = []
    for profile, eq in zip(result.equilibria, certify_all(game, result.equilibria), strict=True):
        if eq is None:
            raise AssertionError(f"support enumeration produced a non-equilibrium {profile}")
        found.append(eq)
    solution = finish(
        game,
        found,
        method="support-enumeration",
        complete=result.complete,
        warnings=_nplayer_warnings(game, result, timeout, default_limit),
        source=source,
        degenerate=True if result.continua or result.undecided else None,
    )
    if fallback and (result.stopped or result.too_large):
        from ggcalc.solvers.logit import with_logit

        return with_logit(solution, None)
    return solution


def _nplayer_warnings(
    game: NormalFormGame, result: NPlayerResult, timeout: float | None, default_limit: bool
) -> list[str]:
    warnings = []
    if result.stopped and default_limit:
        warnings.append(
            f"The exact enumeration was stopped at its default time limit ({timeout:g} "
            f"seconds) after examining {result.examined:,} of {result.total:,} support "
            "profiles; the equilibria shown are exact, but others may exist. Give a larger "
            "--timeout, or --method support-enumeration to run until the list is complete."
        )
    elif result.stopped:
        warnings.append(
            f"The exact enumeration was stopped at the time limit ({timeout:g} seconds) after "
            f"examining {result.examined:,} of {result.total:,} support profiles; the "
            "equilibria shown are exact, but others may exist. Run without --timeout (or with a "
            "larger one) for the complete list."
        )
    if result.too_large:
        warnings.append(
            f"{plural(len(result.too_large), 'support profile')} (for example where "
            f"{_supports_text(game, result.too_large[0])}) would need equations with more than "
            f"{MAX_SOLUTIONS} solutions, beyond what the exact solver decides in reasonable "
            "time; equilibria there are not listed, so this list may be incomplete."
        )
    if result.continua:
        first = result.continua[0]
        mixer = next(p for p, own in enumerate(first) if len(own) > 1)
        warnings.append(
            f"The game is degenerate: where {_supports_text(game, first)}, every mix of "
            f"{game.players[mixer]}'s between the extreme equilibria listed is an equilibrium "
            f"too ({plural(len(result.continua), 'such support profile')}), so there are "
            "infinitely many; the list holds their extreme points."
        )
    if result.undecided:
        described = _supports_text(game, result.undecided[0])
        warnings.append(
            f"The game is degenerate: the indifference equations of "
            f"{plural(len(result.undecided), 'support profile')} have infinitely many "
            f"solutions (for example where {described}). Equilibria there form a continuum, "
            "which ggcalc does not list yet for three or more players, so this list may be "
            "incomplete."
        )
    return warnings


def _supports_text(game: NormalFormGame, supports: tuple[tuple[int, ...], ...]) -> str:
    """``A plays {x, y}; B plays z``: a support profile in words."""
    return "; ".join(
        f"{game.players[p]} plays "
        + (
            game.strategies[p][own[0]]
            if len(own) == 1
            else "{" + ", ".join(game.strategies[p][s] for s in own) + "}"
        )
        for p, own in enumerate(supports)
    )


def _support_enumeration(
    game: NormalFormGame, source: SourceInfo, timeout: float | None, vertices: bool = False
) -> Solution:
    """ggcalc's exact enumeration; with ``vertices`` (``--method vertex-enumeration`` asked
    for explicitly), the equilibria come from vertex matching even in a nondegenerate game."""
    # Each player's payoffs times its common denominator, as rows of integers.
    A, B = (rows for rows, _ in integer_tables(game))
    result = support_enumeration(A, B, timeout=timeout, vertex_matching=vertices)
    found = []
    for (x, y), eq in zip(result.equilibria, certify_all(game, result.equilibria), strict=True):
        if eq is None:
            raise AssertionError(f"support enumeration produced a non-equilibrium {(x, y)}")
        found.append(eq)
    warnings = []
    if result.stopped:
        warnings.append(
            f"The exact enumeration was stopped at the time limit ({timeout:g} seconds) after "
            f"examining {result.pairs:,} of {result.total_pairs:,} support pairs; the "
            "equilibria shown are exact, but others may exist. Run without --timeout (or with a "
            "larger one) for the complete list."
        )
    witness = result.witness
    if witness is not None:
        mixer, other = witness.player, 1 - witness.player
        mix = describe_mix(game.strategies[mixer], witness.mix)
        responses = ", ".join(game.strategies[other][s] for s in witness.best_responses)
        support = sum(1 for p in witness.mix if p > 0)
        warnings.append(
            f"The game is degenerate: against {game.players[mixer]} playing {mix}, "
            f"{game.players[other]} has {len(witness.best_responses)} equally good best "
            f"responses ({responses}), more than the {support} "
            f"strateg{'y' if support == 1 else 'ies'} in that mix. Every extreme equilibrium "
            "is listed; where several of them mix into one another, each mix is an "
            "equilibrium too, so there are infinitely many."
        )
    solution = finish(
        game,
        found,
        method="support-enumeration" if witness is None and not vertices else "vertex-enumeration",
        complete=not result.stopped,
        warnings=warnings,
        source=source,
        degenerate=witness is not None if not result.stopped or witness else None,
    )
    if solution.complete:
        solution.zero_sum = _zero_sum_value(solution)
    return solution


def _zero_sum_value(solution: Solution) -> ZeroSumValue | None:
    """Value and maximin strategies of a constant-sum game, cross-checked with the equilibria.

    By the minimax theorem every equilibrium of a constant-sum game pays the value, and a pair
    of optimal strategies is an equilibrium; a disagreement is a bug, never shown as an answer.
    """
    game = solution.game
    assert isinstance(game, NormalFormGame)
    constant = constant_sum(game.rows(0), game.rows(1))
    if constant is None:
        return None
    optimal = solve_zero_sum(game.rows(0))
    maximin = (optimal.row_strategy, optimal.column_strategy)
    if certify(game, maximin) is None or any(
        eq.payoffs[0] != optimal.value for eq in solution.equilibria
    ):
        raise AssertionError("linear programming and equilibrium enumeration disagree")
    return ZeroSumValue(constant, (optimal.value, constant - optimal.value), maximin)


def _nashpy(game: NormalFormGame, method: str, timeout: float, source: SourceInfo) -> Solution:
    A, B = game.float_payoffs
    run = run_nashpy(method, A, B, timeout)
    warnings = list(dict.fromkeys(run.warnings))
    found: list[Equilibrium] = []
    rejected = 0
    for x, y in run.profiles:
        profile = rebuild_bimatrix_profile(game, x, y)
        eq = certify(game, profile) if profile is not None else None
        if eq is None:
            rejected += 1
        else:
            found.append(eq)
    if run.timed_out:
        warnings.append(
            f"nashpy ({method}) did not finish within {timeout:g} seconds and was stopped; "
            "the equilibria it had returned by then are shown."
        )
    if run.error:
        warnings.append(f"nashpy ({method}) failed: {run.error}")
    if rejected:
        warnings.append(
            f"nashpy returned {rejected} profile{'s' if rejected != 1 else ''} that "
            f"{'are' if rejected != 1 else 'is'} not an equilibrium in exact arithmetic; "
            "dropped."
        )
    warnings.append(
        "nashpy computes in floating point: every equilibrium shown was certified exactly, but "
        "nothing proves the list complete. The default method gives a proven list."
    )
    return finish(game, found, method=method, complete=False, warnings=warnings, source=source)
