"""Solving game trees: subgame-perfect equilibria (the default) and Nash equilibria through
the reduced strategic form, every one certified exactly before it is shown.

Subgame-perfect equilibria come from backward induction over subgames
(:mod:`ggcalc.algorithms.subgame_perfect`: Zermelo; Kuhn 1953; Selten 1975); Nash equilibria
from the normal-form solvers applied to the reduced strategic form, turned back into behaviour
strategies (Kuhn 1953).
"""

from __future__ import annotations

from ggcalc.algorithms.reduced_form import ReducedForm, reduced_form
from ggcalc.algorithms.subgame_perfect import (
    MAX_EQUILIBRIA,
    RegionSolution,
    complete_behavior,
    subgame_perfect,
)
from ggcalc.certification.tree import certify_tree
from ggcalc.errors import UsageError, literal, quote
from ggcalc.model.behavior import BehaviorProfile, TreeEquilibrium
from ggcalc.model.normal_form import NormalFormGame
from ggcalc.model.solution import Solution, SourceInfo
from ggcalc.model.tree import GameTree, region
from ggcalc.solvers import methods
from ggcalc.solvers.methods import NORMAL_FORM_METHODS as METHODS

__all__ = ["TREE_CONCEPTS", "solve_tree", "strategic_form"]

#: Solution concepts for trees; the first is the default (CONTRACT 2).
TREE_CONCEPTS = methods.TREE_CONCEPTS

#: Node visits spent certifying listed equilibria (fewer are listed in very large trees).
CERTIFY_BUDGET = 5_000_000
#: Equilibria listed at least, however large the tree.
MIN_LISTED = 20

_UNREACHED_NOTE = (
    "Decision points that a player's own equilibrium strategy never reaches are shown with a "
    "best reply there (the strategic form leaves them open; play never gets there)."
)


def strategic_form(tree: GameTree) -> tuple[NormalFormGame, list[str]]:
    """The tree's reduced strategic form, for the players who move.

    Gambit's reduced normal form: a strategy fixes an action only where the player's own
    choices leave it reachable, and ``*`` marks the rest
    (:func:`ggcalc.algorithms.reduced_form.reduced_form`).

    Parameters
    ----------
    tree : GameTree
        The game.

    Returns
    -------
    game, legend : NormalFormGame, list of str
        The strategic form, and a legend saying which decision point each part of a
        strategy's name refers to (one sentence per player with several decision points).

    Raises
    ------
    UsageError
        If the tree has no decision points.
    SolverError
        If the strategic form would be too large to build.
    """
    nodes, _ = region(tree, 0, _only_root(tree))
    form = reduced_form(tree, nodes, {})
    if form.game is None:
        raise UsageError("this tree has no decision points, so no strategic form")
    return form.game, _legend(tree, form)


def _legend(tree: GameTree, form: ReducedForm) -> list[str]:
    """Which decision point each part of a strategic-form strategy's name refers to."""
    return [
        f"A strategy of {tree.players[player]} names the action at each of their decision "
        f"points in turn: {' / '.join(tree.infoset_name(h) for h in points)} "
        "('*' where their own earlier move rules the decision point out)."
        for player, points in zip(form.movers, form.decision_points, strict=True)
        if len(points) > 1
    ]


def solve_tree(
    tree: GameTree,
    *,
    concept: str = "subgame-perfect",
    method: str = "auto",
    timeout: float | None = None,
    source: SourceInfo | None = None,
) -> Solution:
    """Find and certify the equilibria of a game tree.

    Every equilibrium is certified exactly by :func:`ggcalc.certification.tree.certify_tree`
    before it is listed.

    Parameters
    ----------
    tree : GameTree
        The game.
    concept : str, optional
        ``"subgame-perfect"`` (backward induction over subgames: every pure equilibrium of
        perfect-information parts across all ties, and the subgames with information sets
        solved in strategic form), or ``"nash"`` (the reduced strategic form solved by the
        normal-form ``method``; each equilibrium is marked subgame perfect or not, with the
        threats that are not credible).
    method : str, optional
        ``"auto"``; for ``nash`` any normal-form method of
        :data:`ggcalc.solvers.normal_form.METHODS`; for
        ``subgame-perfect`` also ``"backward-induction"``.
    timeout : float or None, optional
        Passed to the normal-form solver of each strategic form.
    source : SourceInfo, optional
        Where the game came from, for the report (default: the tree's title).

    Returns
    -------
    Solution
        The certified equilibria (:class:`~ggcalc.model.behavior.TreeEquilibrium` objects) in
        a fixed order, whether the list is complete, and warnings saying why it may not be.

    Raises
    ------
    UsageError
        For an unknown concept or method, a method that does not fit the concept, or one the
        normal-form solver refuses for a strategic form (a two-player method with more players
        moving, a time limit that is not positive).
    SolverError
        If a (sub)game's reduced strategic form would be too large to build.
    """
    source = source or SourceInfo(title=tree.title, form="sequential")
    if concept not in TREE_CONCEPTS:
        raise UsageError(
            f"unknown solution concept {literal(quote(concept))}",
            hint="use {concept=subgame-perfect} or {concept=nash}",
            fields=True,
        )
    if concept == "subgame-perfect":
        if method not in ("auto", "backward-induction"):
            raise UsageError(
                f"method {literal(quote(method))} does not compute subgame-perfect equilibria",
                hint="use {method=auto}, or {concept=nash} to solve the strategic form with it",
                fields=True,
            )
        return _subgame_perfect(tree, timeout, source)
    if method not in METHODS:
        raise UsageError(f"unknown method '{method}'", hint="choose one of: " + ", ".join(METHODS))
    return _nash(tree, method, timeout, source)


def _subgame_perfect(tree: GameTree, timeout: float | None, source: SourceInfo) -> Solution:
    def solve_region(game: NormalFormGame) -> RegionSolution:
        # Imported here (and below): a tree with no simultaneous moves needs no matrix solver.
        from ggcalc.solvers.normal_form import solve

        solution = solve(game, method="auto", timeout=timeout, fallback=False)
        if not solution.equilibria and not solution.complete:
            # Nothing found exactly: the logit path may still end at an exact equilibrium.
            solution = solve(game, method="logit", timeout=timeout)
        profiles = [eq.profile for eq in solution.equilibria]
        if game.n_players == 1:
            # Several best strategies: every mix of them is optimal too (a continuum).
            return RegionSolution(profiles, True, len(profiles) <= 1)
        finite = solution.complete and all(len(c) == 1 for c in solution.components or [[0]])
        return RegionSolution(profiles, solution.complete, finite)

    # Each listed equilibrium is certified in a pass over the tree: cap the total work.
    limit = max(MIN_LISTED, min(MAX_EQUILIBRIA, CERTIFY_BUDGET // tree.n_nodes))
    result = subgame_perfect(tree, solve_region, limit)
    is_root = tree.subgame_roots()
    equilibria = []
    for behavior in result.profiles:
        eq = certify_tree(tree, behavior, is_root=is_root, need_nash_check=False)
        if eq is None or not eq.subgame_perfect:
            raise AssertionError(
                "the subgame solver produced a profile that is not subgame perfect"
            )
        equilibria.append(eq)
    warnings = []
    if result.ties:
        warnings.append(
            f"A player is indifferent between actions at {_names(result.ties)}: every pure "
            "subgame-perfect equilibrium across those ties is listed, but mixing between tied "
            "actions is subgame perfect too, so these are not all the subgame-perfect "
            "equilibria."
        )
    if result.mixable:
        warnings.append(
            f"From {_names(result.mixable)} on, the game has infinitely many subgame-perfect "
            "equilibria: every mixture of listed equilibria that differ only in moves from "
            "there on is one too; the listed ones are the extreme ones."
        )
    if result.continua:
        warnings.append(
            f"The subgame at {_names(result.continua)} has infinitely many equilibria; their "
            "extreme points were combined with the rest of the game, and equilibria in between "
            "are not listed."
        )
    if result.unsolved and not equilibria:
        warnings.append(
            f"The subgame at {_names(result.unsolved)} has three or more players who move and "
            "is too large to enumerate exactly; it has no equilibrium in pure strategies, and "
            "the logit path led to none that could be proven exactly, so no subgame-perfect "
            "equilibrium can be listed (every finite game has one)."
        )
    elif result.partial:
        warnings.append(
            f"The subgame at {_names(result.partial)} has three or more players who move and "
            "is too large to enumerate exactly; only its pure equilibria were searched (and, "
            "where it has none, one mixed equilibrium found along the logit path), so others "
            "may be missing."
        )
    if result.truncated:
        warnings.append(
            f"There are more subgame-perfect equilibria than the {len(equilibria):,} listed "
            f"(listing stops at {MAX_EQUILIBRIA:,}, or fewer in trees of more than "
            f"{CERTIFY_BUDGET // MAX_EQUILIBRIA:,} nodes, since each one shown is certified "
            "exactly)."
        )
    if result.filled:
        warnings.append(_UNREACHED_NOTE)
    return _finish(
        tree, "subgame-perfect", result.method, result.complete, equilibria, warnings, source
    )


def _nash(tree: GameTree, method: str, timeout: float | None, source: SourceInfo) -> Solution:
    nodes, _ = region(tree, 0, _only_root(tree))
    form = reduced_form(tree, nodes, {})
    if form.game is None:
        eq = certify_tree(tree, ())
        assert eq is not None
        return _finish(tree, "nash", "no decisions", True, [eq], [], source)
    from ggcalc.solvers.normal_form import solve

    normal = solve(form.game, method=method, timeout=timeout)
    equilibria: list[TreeEquilibrium] = []
    seen: dict[BehaviorProfile, int] = {}
    position: list[int] = []  # strategic-form equilibrium -> its tree equilibrium
    open_points = False
    for found in normal.equilibria:
        local: dict[int, tuple | None] = {}
        for m, mix in enumerate(found.profile):
            local.update(form.behavior(m, mix))
        open_points = open_points or any(mix is None for mix in local.values())
        completed = complete_behavior(tree, nodes, {}, local)
        behavior = tuple(completed[h] for h in range(len(tree.infosets)))
        if behavior in seen:
            position.append(seen[behavior])
            continue
        seen[behavior] = len(equilibria)
        position.append(len(equilibria))
        eq = certify_tree(tree, behavior)
        if eq is None:
            raise AssertionError("a strategic-form equilibrium is not an equilibrium of the tree")
        equilibria.append(eq)
    warnings = [
        w.replace("The game is degenerate", "The strategic form is degenerate").replace(
            "listed as an ε-equilibrium", "an ε-equilibrium of the strategic form (see --strategic)"
        )
        for w in normal.warnings
    ]
    if open_points:
        warnings.append(_UNREACHED_NOTE)
    # The strategic form's warnings name strategies ("Hedge / Commit"): say how to read them.
    notes = _legend(tree, form) if normal.warnings else []
    method_name = f"{normal.method} on the reduced strategic form"
    components = (
        None
        if normal.components is None
        else [sorted({position[i] for i in c}) for c in normal.components]
    )
    return _finish(
        tree, "nash", method_name, normal.complete, equilibria, warnings, source, components, notes
    )


def _finish(
    tree: GameTree,
    concept: str,
    method: str,
    complete: bool,
    equilibria: list[TreeEquilibrium],
    warnings: list[str],
    source: SourceInfo,
    components: list[list[int]] | None = None,
    notes: list[str] | None = None,
) -> Solution:
    """The solution, equilibria in a fixed order. ``components`` (sets of indices into
    ``equilibria`` that mix into one another in the strategic form) follow the new order."""
    order = sorted(range(len(equilibria)), key=lambda i: equilibria[i].sort_key())
    ordered = [equilibria[i] for i in order]
    renumbered = None
    if components is not None:
        rank = {old: new for new, old in enumerate(order)}
        sets = {tuple(sorted(rank[i] for i in c)) for c in components}
        renumbered = [list(c) for c in sorted(sets)]
    return Solution(
        tree,
        concept,
        method,
        complete,
        ordered,
        warnings,
        source,
        components=renumbered,
        notes=notes or [],
    )


def _only_root(tree: GameTree) -> list[bool]:
    flags = [False] * tree.n_nodes
    flags[0] = True
    return flags


def _names(names: list[str]) -> str:
    quoted = [f"'{n}'" for n in names[:5]]
    more = f" and {len(names) - 5} more" if len(names) > 5 else ""
    return (", ".join(quoted[:-1]) + " and " + quoted[-1] if len(quoted) > 1 else quoted[0]) + more
