"""Subgame-perfect equilibria of game trees: backward induction over subgames.

Perfect-information parts of a tree are solved node by node (Zermelo; Kuhn 1953). Where a
player's choice is tied, every tie-break is followed, so every pure subgame-perfect equilibrium is
found: the solver keeps, for each subgame, the set of payoff vectors its subgame-perfect
equilibria can give, and a mover may take an action with continuation value ``w`` exactly when no
other action is *forced* to be better, i.e. when ``w`` is at least the smallest value the mover can
get from every other action. Parts with information sets (no proper subgame inside) are solved
in their reduced strategic form with the normal-form solvers, once for every combination of the
values their successor subgames can take, and the results combined (Selten 1975).

A tree without ties and without information sets is solved in one pass over flat arrays, in time
linear in its size, with no recursion (a path may be millions of moves deep).

Why one module: backward induction, its tie-breaking enumeration and the solving of subgames
with information sets are one algorithm over the same subgame regions and stacks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import product
from typing import Any

from ggcalc.algorithms.reduced_form import reduced_form
from ggcalc.model.behavior import BehaviorProfile, pure_choice
from ggcalc.model.normal_form import NormalFormGame
from ggcalc.model.tree import CHANCE, DECISION, TERMINAL, GameTree, region

__all__ = [
    "MAX_EQUILIBRIA",
    "RegionSolution",
    "SubgamePerfectResult",
    "backward_induction",
    "subgame_perfect",
]

#: At most this many subgame-perfect equilibria are listed.
MAX_EQUILIBRIA = 1000
#: At most this many combinations of successor values are tried at one subgame.
MAX_COMBINATIONS = 10_000

Values = tuple[Fraction, ...]


@dataclass
class RegionSolution:
    """What a normal-form solver says about one subgame's strategic form.

    Attributes
    ----------
    profiles : list of tuple of tuple of Fraction
        The (mixed) Nash equilibria found, one probability vector per player.
    complete : bool
        Whether the list is proven to be every (extreme) equilibrium.
    finite : bool
        Whether the game has finitely many equilibria (no continuum).
    """

    profiles: list[tuple[tuple[Fraction, ...], ...]]
    complete: bool
    finite: bool


#: Solves a normal-form game for the subgame solver (supplied by the solving umbrella).
RegionSolver = Callable[[NormalFormGame], RegionSolution]


@dataclass
class SubgamePerfectResult:
    """Subgame-perfect equilibria found, and why the list may not be every one.

    Attributes
    ----------
    profiles : list of BehaviorProfile
        The subgame-perfect equilibria found, as behaviour profiles.
    ties : list of str
        The decision points where a mover was indifferent between actions that lead to
        different payoffs (each tie-break is listed, and mixing between them is subgame perfect
        too, which changes what players before them face). Makes the list incomplete.
    continua : list of str
        The subgames with infinitely many equilibria whose payoffs feed an earlier decision.
        Makes the list incomplete.
    mixable : list of str
        Ties and continua with no decision before them (at the root, or below chance moves
        only): mixing there gives only mixtures of the listed equilibria, which are the
        extreme ones, so the list stays complete.
    partial : list of str
        The subgames whose solver could not prove its list complete.
    unsolved : list of str
        The subgames for which the solver found no equilibrium at all (for some values of the
        subgames below them): today, subgames where three or more players move and which have
        only mixed equilibria. Every subgame-perfect equilibrium passes through one, so when
        the whole game depends on one, ``profiles`` is empty. Always also in ``partial``.
    truncated : bool
        Whether the listing stopped at the limit.
    method : str
        The method's name for the report.
    filled : bool
        Whether some decision point a player's own strategy never reaches was filled in.
    """

    profiles: list[BehaviorProfile]
    ties: list[str] = field(default_factory=list)
    continua: list[str] = field(default_factory=list)
    mixable: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)
    unsolved: list[str] = field(default_factory=list)
    truncated: bool = False
    method: str = "backward-induction"
    #: Whether some decision point a player's own strategy never reaches was filled in.
    filled: bool = False

    @property
    def complete(self) -> bool:
        """Whether the list is proven to hold every (extreme) subgame-perfect equilibrium."""
        return not (self.ties or self.continua or self.partial or self.truncated)


def backward_induction(tree: GameTree) -> BehaviorProfile | None:
    """The unique subgame-perfect equilibrium of a perfect-information tree without ties.

    Backward induction (Zermelo; Kuhn 1953) in one bottom-up pass over the flat arrays, in
    time linear in the tree's size and without recursion; payoffs are compared as integers
    when the tree has no chance node.

    Parameters
    ----------
    tree : GameTree
        The game.

    Returns
    -------
    BehaviorProfile or None
        The pure behaviour profile; None if the tree has an information set or a tie (then
        use :func:`subgame_perfect`).
    """
    if not tree.perfect_information:
        return None
    n = tree.n_nodes
    kind, payoffs, prob = tree.kind, tree.payoffs, tree.prob
    integers = tree.integer_payoffs()
    if integers is not None:
        payoffs = integers[0]  # type: ignore[assignment]  # same order, faster to compare
    infoset, player_of = tree.infoset, tree.infoset_player
    values: list[Values] = [()] * n
    choice = [0] * len(player_of)
    children_of = tree.children
    for v in range(n - 1, -1, -1):
        k = kind[v]
        if k == TERMINAL:
            values[v] = payoffs[v]  # type: ignore[assignment]
            continue
        children = children_of(v)
        if k == DECISION:
            h = infoset[v]
            i = player_of[h]
            best = 0
            top = values[children[0]][i]
            tied = False
            for a in range(1, len(children)):
                x = values[children[a]][i]
                if x > top:
                    best, top, tied = a, x, False
                elif x == top:
                    tied = True
            if tied:
                return None
            choice[h] = best
            values[v] = values[children[best]]
        else:
            total = None
            for c in children:
                p = prob[c]
                if p:
                    scaled = tuple(p * x for x in values[c])
                    total = (
                        scaled
                        if total is None
                        else tuple(t + s for t, s in zip(total, scaled, strict=True))
                    )
            assert total is not None
            values[v] = total
    return tuple(
        [
            pure_choice(len(actions), a)
            for actions, a in zip(tree.infoset_actions, choice, strict=True)
        ]
    )


@dataclass(frozen=True)
class _Entry:
    """One way a subgame can be played in a subgame-perfect equilibrium: the payoff vector,
    the behaviour at its own decision points, and for each successor subgame the payoff vectors
    it may take (an equilibrium there with any of them fits)."""

    value: Values
    local: tuple[tuple[int, tuple[Fraction, ...]], ...]
    targets: tuple[tuple[int, frozenset[Values]], ...]


def subgame_perfect(
    tree: GameTree, solve_region: RegionSolver, limit: int = MAX_EQUILIBRIA
) -> SubgamePerfectResult:
    """Every subgame-perfect equilibrium the tree's subgames give (see the module docstring).

    Backward induction over subgames (Zermelo; Kuhn 1953), every tie-break followed; subgames
    with information sets are solved in their reduced strategic form by ``solve_region`` and
    combined with their successors' values (Selten 1975).

    Parameters
    ----------
    tree : GameTree
        The game.
    solve_region : callable
        Solves the strategic form of a subgame without proper subgames inside
        (a :class:`~ggcalc.model.normal_form.NormalFormGame`) into a :class:`RegionSolution`.
    limit : int, optional
        Stop listing after this many equilibria (default :data:`MAX_EQUILIBRIA`).

    Returns
    -------
    SubgamePerfectResult
        The equilibria as behaviour profiles, and what may make the list incomplete.

    Raises
    ------
    SolverError
        If a subgame's reduced strategic form is too large to build
        (:func:`~ggcalc.algorithms.reduced_form.reduced_form`).
    """
    fast = backward_induction(tree)
    if fast is not None:
        return SubgamePerfectResult([fast])
    result = SubgamePerfectResult([], method="backward-induction")
    if tree.kind[0] == TERMINAL:
        result.profiles.append(())
        return result
    is_root = tree.subgame_roots()
    entries: dict[int, list[_Entry]] = {}
    kind = tree.kind

    def options(c: int) -> list[Values]:
        if kind[c] == TERMINAL:
            return [tree.payoffs[c]]  # type: ignore[list-item]
        return list(dict.fromkeys(e.value for e in entries[c]))

    for r in range(tree.n_nodes - 1, -1, -1):
        if not is_root[r]:
            continue
        children = tree.children(r)
        simple = all(is_root[c] or kind[c] == TERMINAL for c in children)
        if simple and any(kind[c] != TERMINAL and not entries[c] for c in children):
            entries[r] = []  # a subgame below has no equilibrium found: neither has this one
        elif simple and kind[r] == DECISION:
            entries[r] = _decision_entries(tree, r, [options(c) for c in children], result)
        elif simple:
            entries[r] = _chance_entries(tree, r, [options(c) for c in children], result)
        else:
            result.method = "backward-induction with subgame solving"
            entries[r] = _region_entries(tree, r, is_root, options, solve_region, result)
    result.profiles = _enumerate(tree, entries, limit, result) if entries[0] else []
    return result


def _decision_entries(
    tree: GameTree, r: int, child_values: list[list[Values]], result: SubgamePerfectResult
) -> list[_Entry]:
    h = tree.infoset[r]
    info = tree.infosets[h]
    i = info.player
    children = tree.children(r)
    k = len(children)
    lowest = [min(w[i] for w in values) for values in child_values]
    found: list[_Entry] = []
    tied = False
    for a in range(k):
        others = [lowest[b] for b in range(k) if b != a]
        floor = max(others) if others else None
        for w in child_values[a]:
            if floor is not None and w[i] < floor:
                continue
            targets = [(children[a], frozenset([w]))]
            for b in range(k):
                if b != a:
                    allowed = frozenset(t for t in child_values[b] if t[i] <= w[i])
                    # Mixing between actions that give everyone the same payoffs changes
                    # nothing before this point; otherwise it creates new equilibria.
                    tied = tied or any(t[i] == w[i] and t != w for t in allowed)
                    targets.append((children[b], allowed))
            targets = [(c, values) for c, values in targets if tree.kind[c] != TERMINAL]
            found.append(_Entry(w, ((h, pure_choice(k, a)),), tuple(targets)))
    if tied:
        (result.ties if _decided_above(tree, r) else result.mixable).append(info.name)
    return found


def _decided_above(tree: GameTree, node: int) -> bool:
    """Whether some player decides before ``node`` is reached (then how play goes on below
    matters to them); chance moves alone above it do not react to anything."""
    v = tree.parent[node]
    while v >= 0:
        if tree.kind[v] == DECISION:
            return True
        v = tree.parent[v]
    return False


def _chance_entries(
    tree: GameTree, r: int, child_values: list[list[Values]], result: SubgamePerfectResult
) -> list[_Entry]:
    children = tree.children(r)
    found: list[_Entry] = []
    for combo in product(*child_values):
        if len(found) >= MAX_COMBINATIONS:
            result.truncated = True
            break
        total = tuple(
            sum((tree.prob[c] * w[p] for c, w in zip(children, combo, strict=True)), Fraction(0))
            for p in range(tree.n_players)
        )
        targets = tuple(
            (c, frozenset([w]))
            for c, w in zip(children, combo, strict=True)
            if tree.kind[c] != TERMINAL
        )
        found.append(_Entry(total, (), targets))
    return found


def _region_entries(
    tree: GameTree,
    r: int,
    is_root: Sequence[bool],
    options: Callable[[int], list[Values]],
    solve_region: RegionSolver,
    result: SubgamePerfectResult,
) -> list[_Entry]:
    nodes, cuts = region(tree, r, is_root)
    name = _subgame_name(tree, r)
    found: list[_Entry] = []
    for count, combo in enumerate(product(*(options(c) for c in cuts))):
        if count >= MAX_COMBINATIONS:
            result.truncated = True
            break
        cut_values = dict(zip(cuts, combo, strict=True))
        form = reduced_form(tree, nodes, cut_values)
        assert form.game is not None  # a region that is not one node has a decision point
        solved = solve_region(form.game)
        if not solved.complete and name not in result.partial:
            result.partial.append(name)
        if not solved.profiles and name not in result.unsolved:
            result.unsolved.append(name)
        if solved.complete and not solved.finite:  # an incomplete list proves no continuum
            names = result.continua if _decided_above(tree, r) else result.mixable
            if name not in names:
                names.append(name)
        targets = tuple((c, frozenset([w])) for c, w in cut_values.items())
        seen: set[tuple[object, ...]] = set()
        for profile in solved.profiles:
            local: dict[int, tuple[Fraction, ...] | None] = {}
            for m, mix in enumerate(profile):
                local.update(form.behavior(m, mix))
            result.filled = result.filled or any(mix is None for mix in local.values())
            completed = complete_behavior(tree, nodes, cut_values, local)
            key = tuple(sorted(completed.items()))
            if key in seen:
                continue
            seen.add(key)
            value = region_value(tree, nodes, cut_values, completed)
            found.append(_Entry(value, tuple(sorted(completed.items())), targets))
    return found


def _subgame_name(tree: GameTree, r: int) -> str:
    """A subgame is named by its root's decision point (or the path to a chance node)."""
    if tree.kind[r] == DECISION:
        return tree.infosets[tree.infoset[r]].name
    return tree.label[r] or tree.path_name(r)


def region_value(
    tree: GameTree,
    nodes: list[int],
    cut_values: dict[int, Values],
    local: dict[int, tuple[Fraction, ...]],
) -> Values:
    """The payoff vector at the region's root when its decision points play ``local``.

    Parameters
    ----------
    tree : GameTree
        The game.
    nodes : list of int
        The region's nodes in preorder, its root first.
    cut_values : dict of int to tuple of Fraction
        The payoff vectors standing in for the successor subgames at the region's cuts.
    local : dict of int to tuple of Fraction
        A behaviour strategy (action probabilities) for every decision point (infoset index)
        in the region.

    Returns
    -------
    tuple of Fraction
        Each player's expected payoff from the region's root.
    """
    memo: dict[int, Values] = dict(cut_values)
    zero = tuple(Fraction(0) for _ in tree.players)
    for v in reversed(nodes):
        k = tree.kind[v]
        if k == TERMINAL:
            memo[v] = tree.payoffs[v]  # type: ignore[assignment]
            continue
        children = tree.children(v)
        weights = [tree.prob[c] for c in children] if k == CHANCE else list(local[tree.infoset[v]])
        total = zero
        for c, w in zip(children, weights, strict=True):
            if w:
                total = tuple(t + w * x for t, x in zip(total, memo[c], strict=True))
        memo[v] = total
    return memo[nodes[0]]


def complete_behavior(
    tree: GameTree,
    nodes: list[int],
    cut_values: dict[int, Values],
    local: dict[int, tuple[Fraction, ...] | None],
) -> dict[int, tuple[Fraction, ...]]:
    """Fill the decision points a player's own strategy never reaches (the reduced strategic
    form leaves them open) with a best reply to the rest of the profile, deepest first.

    Play there has probability zero, so the choice changes no payoff and no equilibrium
    property of the region; a best reply is what a rational player would do if it came to it.
    Where the others' play does not reach such a point either, its nodes count equally.

    Parameters
    ----------
    tree : GameTree
        The game.
    nodes : list of int
        The region's nodes in preorder, its root first.
    cut_values : dict of int to tuple of Fraction
        The payoff vectors standing in for the successor subgames at the region's cuts.
    local : dict of int to tuple of Fraction or None
        Per decision point (infoset index) in the region, its action probabilities, or None
        where the player's own strategy never reaches it (as
        :meth:`~ggcalc.algorithms.reduced_form.ReducedForm.behavior` gives them).

    Returns
    -------
    dict of int to tuple of Fraction
        ``local`` with every None replaced by a pure best reply (ties to the first action).
    """
    filled: dict[int, tuple[Fraction, ...]] = {}
    for h, mix in local.items():
        if mix is not None:
            filled[h] = mix
    open_points = [h for h, mix in local.items() if mix is None]
    if not open_points:
        return filled
    for h in open_points:  # provisional: uniform, until decided
        filled[h] = tuple(
            Fraction(1, len(tree.infoset_actions[h])) for _ in tree.infoset_actions[h]
        )
    in_region = set(nodes)
    for h in sorted(open_points, key=lambda h: -tree.infoset_nodes(h)[0]):
        info = tree.infosets[h]
        i = info.player
        weight = _reach_weights(tree, nodes, filled, exclude=i)
        members = [v for v in info.nodes if v in in_region]
        weights = [weight[v] for v in members]
        if not any(weights):
            weights = [Fraction(1)] * len(members)
        q = [Fraction(0)] * len(info.actions)
        for v, w in zip(members, weights, strict=True):
            for a, c in enumerate(tree.children(v)):
                sub_nodes = [u for u in nodes if c <= u < tree.subtree_end(c)]
                value = (
                    cut_values[c]
                    if c in cut_values
                    else region_value(tree, sub_nodes, cut_values, filled)
                )
                q[a] += w * value[i]
        best = max(range(len(q)), key=lambda a: (q[a], -a))
        filled[h] = pure_choice(len(q), best)
    return filled


def _reach_weights(
    tree: GameTree, nodes: list[int], behavior: dict[int, tuple[Fraction, ...]], exclude: int
) -> dict[int, Fraction]:
    """Probability of reaching each region node by chance and every player but ``exclude``."""
    weight = {nodes[0]: Fraction(1)}
    for v in nodes:
        k = tree.kind[v]
        if k == TERMINAL:
            continue
        children = tree.children(v)
        if k == CHANCE:
            for c in children:
                weight[c] = weight[v] * tree.prob[c]
        elif tree.owner(v) == exclude:
            for c in children:
                weight[c] = weight[v]
        else:
            for c, p in zip(children, behavior[tree.infoset[v]], strict=True):
                weight[c] = weight[v] * p
    return weight


def _enumerate(
    tree: GameTree,
    entries: dict[int, list[_Entry]],
    limit: int,
    result: SubgamePerfectResult,
) -> list[BehaviorProfile]:
    """Every consistent choice of entries from the root down, without recursion: a state is
    (assignments so far, tasks left), both as linked lists so branching shares them."""
    profiles: list[BehaviorProfile] = []
    stack: list[tuple[Any, Any]] = [(None, ((0, None), None))]
    while stack:
        assigned, pending = stack.pop()
        while pending is not None:
            (node, allowed), pending = pending
            choices = [e for e in entries[node] if allowed is None or e.value in allowed]
            for entry in reversed(choices[1:]):
                stack.append(_extend(assigned, pending, entry))
            if not choices:  # cannot happen: every allowed value comes from an entry
                raise AssertionError(f"no subgame-perfect play at node {node}")
            assigned, pending = _extend(assigned, pending, choices[0])
        behavior: list[tuple[Fraction, ...] | None] = [None] * len(tree.infosets)
        cell = assigned
        while cell is not None:
            (h, mix), cell = cell
            behavior[h] = mix
        assert all(mix is not None for mix in behavior)
        profiles.append(tuple(behavior))  # type: ignore[arg-type]
        if len(profiles) >= limit:
            result.truncated = bool(stack)
            break
    return profiles


def _extend(assigned: Any, pending: Any, entry: _Entry) -> tuple[Any, Any]:
    for pair in entry.local:
        assigned = (pair, assigned)
    for target in entry.targets:
        pending = (target, pending)
    return assigned, pending
