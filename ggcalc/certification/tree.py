"""Exact checks for equilibria of game trees: Nash (no profitable deviation in the whole game)
and subgame perfection (a Nash equilibrium in every subgame).

Every tree equilibrium ggcalc shows has passed :func:`certify_tree` in exact arithmetic. A
player's best deviation is computed by dynamic programming over their own information sets,
deepest first: with perfect recall, what the player does later never changes which of their
earlier decision points are reached, so each decision point's best action can be fixed once its
successors' are (Kuhn 1953; von Stengel 1996, "Efficient computation of behavior strategies").
Subgame perfection is checked subgame by subgame, each with its successor subgames replaced by
the values the profile gives them: if every successor is an equilibrium, a player who deviates
inside one gains nothing, so checking each subgame's own part suffices (Selten 1975).

Why one module: the Nash check and the subgame-perfection check are the same dynamic
programme over information sets, run on the whole tree or on each subgame's region.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from ggcalc.model.behavior import BehaviorProfile, Threat, TreeEquilibrium, pure_action
from ggcalc.model.tree import CHANCE, DECISION, TERMINAL, GameTree, region

__all__ = [
    "certify_tree",
    "expected_values",
    "play_path",
    "region_deviation",
    "subgame_threats",
]

Values = tuple[Fraction, ...]


def expected_values(tree: GameTree, behavior: BehaviorProfile) -> list[Values]:
    """Every node's expected payoff vector when play starts there and follows ``behavior``.

    Parameters
    ----------
    tree : GameTree
        The game.
    behavior : BehaviorProfile
        A behaviour strategy (action probabilities) at every decision point.

    Returns
    -------
    list of tuple of Fraction
        Per node, each player's exact expected payoff from that node on.
    """
    n = tree.n_nodes
    values: list[Values] = [()] * n
    kind, payoffs, infoset, prob = tree.kind, tree.payoffs, tree.infoset, tree.prob
    zero = tuple(Fraction(0) for _ in tree.players)
    for v in range(n - 1, -1, -1):
        k = kind[v]
        if k == TERMINAL:
            values[v] = payoffs[v]  # type: ignore[assignment]
            continue
        children = tree.children(v)
        if k == DECISION:
            mix = behavior[infoset[v]]
            chosen = pure_action(mix)
            if chosen is not None:
                values[v] = values[children[chosen]]
                continue
            weights: Sequence[Fraction] = mix
        else:
            weights = [prob[c] for c in children]
        total = zero
        for c, w in zip(children, weights, strict=True):
            if w:
                total = tuple(t + w * x for t, x in zip(total, values[c], strict=True))
        values[v] = total
    return values


def region_deviation(
    tree: GameTree,
    behavior: BehaviorProfile,
    nodes: list[int],
    cut_values: Mapping[int, Values],
    value: Values,
    player: int,
) -> tuple[Fraction, list[Threat]]:
    """A player's best payoff from deviating within a region, and where they would.

    Computed by dynamic programming over the player's own information sets, deepest first
    (Kuhn 1953; von Stengel 1996; see the module docstring).

    Parameters
    ----------
    tree : GameTree
        The game.
    behavior : BehaviorProfile
        The profile being checked.
    nodes : list of int
        The region's nodes in preorder (``nodes[0]`` is its root).
    cut_values : Mapping of int to tuple of Fraction
        Payoff vectors standing in for the successor subgames at the region's cuts.
    value : tuple of Fraction
        The payoff vector the profile gives at the region's root.
    player : int
        The deviating player's 0-based index.

    Returns
    -------
    best, threats : Fraction, list of Threat
        The best payoff ``player`` can get from the root by changing only their own play in
        the region, and, when that beats ``value``, the decision points where the profile has
        them play an action a best deviation avoids.
    """
    kind, infoset, prob = tree.kind, tree.infoset, tree.prob
    root = nodes[0]
    # Reach weight of each node from the root by chance and the other players' play.
    weight: dict[int, Fraction] = {root: Fraction(1)}
    own: dict[int, list[int]] = {}
    for v in nodes:
        k = kind[v]
        if k == TERMINAL:
            continue
        w = weight[v]
        children = tree.children(v)
        if k == CHANCE:
            for c in children:
                weight[c] = w * prob[c]
            continue
        h = infoset[v]
        if tree.infoset_player[h] == player:
            own.setdefault(h, []).append(v)
            for c in children:
                weight[c] = w
        else:
            for c, p in zip(children, behavior[h], strict=True):
                weight[c] = w * p
    position = {v: index for index, v in enumerate(nodes)}
    best_action: dict[int, int] = {}
    memo: dict[int, Fraction] = {c: cut_values[c][player] for c in cut_values}

    def best_value(u: int) -> Fraction:
        # Evaluate the region below u bottom-up (children come later in preorder), with the
        # player's own decision points at the actions already chosen for them.
        if u in memo:
            return memo[u]
        start = position[u]
        stop = start + 1
        end = tree.subtree_end(u)
        while stop < len(nodes) and nodes[stop] < end:
            stop += 1
        for j in range(stop - 1, start - 1, -1):
            v = nodes[j]
            if v in memo:
                continue
            k = kind[v]
            if k == TERMINAL:
                memo[v] = tree.payoffs[v][player]  # type: ignore[index]
                continue
            children = tree.children(v)
            if k == CHANCE:
                memo[v] = sum((prob[c] * memo[c] for c in children), Fraction(0))
            elif tree.infoset_player[infoset[v]] == player:
                memo[v] = memo[children[best_action[infoset[v]]]]
            else:
                mix = behavior[infoset[v]]
                memo[v] = sum(
                    (p * memo[c] for c, p in zip(children, mix, strict=True) if p), Fraction(0)
                )
        return memo[u]

    scores: dict[int, list[Fraction]] = {}
    for h in sorted(own, key=lambda h: -min(own[h])):
        members = own[h]
        n_actions = len(tree.infoset_actions[h])
        q = [Fraction(0)] * n_actions
        for v in members:
            w = weight[v]
            if w:
                for a, c in enumerate(tree.children(v)):
                    q[a] += w * best_value(c)
        scores[h] = q
        best_action[h] = max(range(n_actions), key=lambda a: (q[a], -a))
    best = best_value(root)
    threats: list[Threat] = []
    if best > value[player]:
        for h in sorted(own, key=lambda h: min(own[h])):
            reach = sum((weight[v] for v in own[h]), Fraction(0))
            if not reach:
                continue
            q = scores[h]
            top = max(q)
            info = tree.infosets[h]
            better = info.actions[q.index(top)]
            for a, p in enumerate(behavior[h]):
                if p and q[a] < top:
                    threats.append(
                        Threat(
                            info.name,
                            tree.players[player],
                            info.actions[a],
                            better,
                            q[a] / reach,
                            top / reach,
                        )
                    )
    return best, threats


def subgame_threats(
    tree: GameTree,
    behavior: BehaviorProfile,
    values: list[Values] | None = None,
    is_root: Sequence[bool] | None = None,
) -> list[Threat] | None:
    """Where ``behavior`` fails to be an equilibrium of some subgame.

    Each subgame's own part is checked with its successor subgames replaced by the values the
    profile gives them, which suffices (Selten 1975; see the module docstring).

    Parameters
    ----------
    tree : GameTree
        The game.
    behavior : BehaviorProfile
        The profile being checked.
    values : list of tuple of Fraction, optional
        Every node's expected payoff vector under ``behavior``, if already computed
        (:func:`expected_values`).
    is_root : sequence of bool, optional
        Per node, whether it starts a subgame, if already computed
        (:meth:`GameTree.subgame_roots`).

    Returns
    -------
    list of Threat or None
        An empty list for a subgame-perfect profile, else the threats found (subgames later
        in preorder first, so deeper ones before those containing them); None if some
        subgame fails without a decision point to name (not expected with perfect recall,
        but never hidden).
    """
    values = values if values is not None else expected_values(tree, behavior)
    is_root = is_root if is_root is not None else tree.subgame_roots()
    kind, infoset, player_of = tree.kind, tree.infoset, tree.infoset_player
    threats: list[Threat] = []
    unexplained = False
    for r in range(tree.n_nodes - 1, -1, -1):
        if not is_root[r]:
            continue
        children = tree.children(r)
        if kind[r] == DECISION and all(is_root[c] or kind[c] == TERMINAL for c in children):
            # The subgame's own part is one decision: the mover must play only best actions.
            h = infoset[r]
            i = player_of[h]
            payoffs = [values[c][i] for c in children]
            top = max(payoffs)
            for a, p in enumerate(behavior[h]):
                if p and payoffs[a] < top:
                    actions = tree.infoset_actions[h]
                    threats.append(
                        Threat(
                            tree.infoset_name(h),
                            tree.players[i],
                            actions[a],
                            actions[payoffs.index(top)],
                            payoffs[a],
                            top,
                        )
                    )
            continue
        if kind[r] == CHANCE and all(is_root[c] or kind[c] == TERMINAL for c in children):
            continue
        nodes, cuts = region(tree, r, is_root)
        movers = sorted({tree.infoset_player[infoset[v]] for v in nodes if kind[v] == DECISION})
        for i in movers:
            best, found = region_deviation(
                tree, behavior, nodes, {c: values[c] for c in cuts}, values[r], i
            )
            if best > values[r][i]:
                threats.extend(found)
                unexplained = unexplained or not found
    return None if unexplained else threats


def play_path(tree: GameTree, behavior: BehaviorProfile) -> tuple[str, ...] | None:
    """The moves played from the root when play is deterministic.

    Parameters
    ----------
    tree : GameTree
        The game.
    behavior : BehaviorProfile
        A behaviour strategy at every decision point.

    Returns
    -------
    tuple of str or None
        The move names on the path of play, root first; None if a chance move or a mixed
        choice is reached.
    """
    moves: list[str] = []
    v = 0
    while tree.kind[v] != TERMINAL:
        if tree.kind[v] == CHANCE:
            return None
        chosen = pure_action(behavior[tree.infoset[v]])
        if chosen is None:
            return None
        v = tree.children(v)[chosen]
        moves.append(tree.move[v])
    return tuple(moves)


def certify_tree(
    tree: GameTree,
    behavior: BehaviorProfile,
    *,
    is_root: Sequence[bool] | None = None,
    need_nash_check: bool = True,
) -> TreeEquilibrium | None:
    """Certify ``behavior`` exactly as a Nash equilibrium of the tree, and say whether it is
    subgame perfect.

    A subgame-perfect profile is a Nash equilibrium (the whole game is a subgame), so when the
    subgame check passes the whole-game check is skipped; ``need_nash_check`` false skips it
    for callers that only accept subgame-perfect profiles anyway. A pure profile of a
    perfect-information tree without chance is first checked in one integer pass (the one-shot
    deviation principle).

    Parameters
    ----------
    tree : GameTree
        The game.
    behavior : BehaviorProfile
        One probability vector per decision point (in the order of ``tree.infosets``).
    is_root : sequence of bool, optional
        Per node, whether it starts a subgame, if already computed
        (:meth:`GameTree.subgame_roots`).
    need_nash_check : bool, optional
        False to return None for any profile that is not subgame perfect, without checking
        whether it is a Nash equilibrium.

    Returns
    -------
    TreeEquilibrium or None
        The certified equilibrium, saying whether it is subgame perfect (and, if not, which
        threats are not credible); None if some player gains by deviating (or, with
        ``need_nash_check`` false, if the profile is not subgame perfect).

    Raises
    ------
    ValueError
        If ``behavior`` does not give one probability vector of the right length per
        decision point, or a mixed choice is not a probability vector.
    """
    if len(behavior) != len(tree.infoset_actions):
        raise ValueError("need one probability vector per decision point")
    pure = True
    for index, (actions, mix) in enumerate(zip(tree.infoset_actions, behavior, strict=True)):
        if len(mix) != len(actions):
            raise ValueError(f"wrong number of probabilities at {tree.infoset_name(index)}")
        if pure_action(mix) is None:
            pure = False
            if sum(mix) != 1 or min(mix) < 0:
                raise ValueError(f"not a probability vector at {tree.infoset_name(index)}: {mix}")
    integers = tree.integer_payoffs() if pure and tree.perfect_information else None
    if integers is not None:
        perfect_equilibrium = _subgame_perfect_pure(tree, behavior, integers[0])
        if perfect_equilibrium is not None:
            return perfect_equilibrium
    values = expected_values(tree, behavior)
    threats = subgame_threats(tree, behavior, values, is_root)
    perfect = threats == []
    if not perfect:
        if not need_nash_check:
            return None
        nodes, _ = region(tree, 0, [v == 0 for v in range(tree.n_nodes)])
        movers = sorted({tree.owner(v) for v in nodes if tree.kind[v] == DECISION})
        for i in movers:
            best, _ = region_deviation(tree, behavior, nodes, {}, values[0], i)
            if best > values[0][i]:
                return None
    return TreeEquilibrium(
        behavior,
        values[0],
        play_path(tree, behavior),
        perfect,
        tuple(threats or ()),
    )


def _subgame_perfect_pure(
    tree: GameTree, behavior: BehaviorProfile, payoffs: list[tuple[int, ...] | None]
) -> TreeEquilibrium | None:
    """The certified equilibrium if a pure profile of a perfect-information tree without
    chance is subgame perfect, else None (the general check then says more). One bottom-up
    pass in integers (each player's payoffs scaled to integers) checks that every mover plays a
    best action given what follows: the one-shot deviation principle."""
    n = tree.n_nodes
    kind, infoset, player_of = tree.kind, tree.infoset, tree.infoset_player
    values: list[tuple[int, ...]] = [()] * n
    for v in range(n - 1, -1, -1):
        if kind[v] == TERMINAL:
            values[v] = payoffs[v]  # type: ignore[assignment]
            continue
        children = tree.children(v)
        h = infoset[v]
        i = player_of[h]
        chosen = pure_action(behavior[h])
        assert chosen is not None
        played = values[children[chosen]]
        values[v] = played
        for c in children:
            if values[c][i] > played[i]:
                return None
    path = play_path(tree, behavior)
    assert path is not None
    end = 0
    while kind[end] != TERMINAL:
        end = tree.children(end)[pure_action(behavior[infoset[end]]) or 0]
    root_payoffs = tree.payoffs[end]
    assert root_payoffs is not None
    return TreeEquilibrium(behavior, root_payoffs, path, True, ())
