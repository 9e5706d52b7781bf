"""The reduced strategic form of a game tree (or of one subgame's own part), and the way back
from mixed strategies of that form to behaviour strategies in the tree.

A pure strategy of the reduced strategic form chooses an action at each of the player's
decision points that the player's own earlier choices do not rule out (Gambit writes ``*`` for
the others). Each player's expected payoff is the sum, over the leaves, of the chance
probability of reaching the leaf times its payoff, counted for exactly the strategy profiles
whose choices lead there. A mixed strategy becomes a behaviour strategy by conditioning on the
player's own choices that reach each decision point (Kuhn 1953).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import prod

from ggcalc.errors import SolverError, literal
from ggcalc.model.normal_form import NormalFormGame, strides_of
from ggcalc.model.tree import CHANCE, TERMINAL, GameTree

__all__ = ["MAX_PROFILES", "ReducedForm", "reduced_form"]

#: Largest number of pure strategy profiles the reduced strategic form may have.
MAX_PROFILES = 250_000
#: Largest number of reduced strategies of one player.
MAX_STRATEGIES = 20_000

Choice = tuple[tuple[int, int], ...]  # ((infoset, action), ...) sorted by infoset


@dataclass
class ReducedForm:
    """A region's reduced strategic form.

    A region is a subgame's own part: its nodes outside its successor subgames, which are
    replaced by fixed payoff vectors (see :func:`reduced_form`).

    Attributes
    ----------
    game : NormalFormGame or None
        The normal-form game of the players who move in the region (in player order); None
        when nobody moves there.
    movers : list of int
        Indices (into the tree's players) of those players.
    choices : list of list of tuple
        Per mover, per strategy, the (decision point, action) pairs it fixes, sorted by
        decision point (infoset index).
    decision_points : list of list of int
        Per mover, its decision points in the region (infoset indices, in tree order).
    n_actions : dict of int to int
        The number of actions at each of those decision points.
    """

    game: NormalFormGame | None
    movers: list[int]
    choices: list[list[Choice]]
    decision_points: list[list[int]]
    n_actions: dict[int, int]

    def behavior(
        self, mover: int, mix: Sequence[Fraction]
    ) -> dict[int, tuple[Fraction, ...] | None]:
        """The behaviour strategy equivalent to a mixed strategy of ``self.movers[mover]``.

        Kuhn's (1953) construction: at each decision point, the probability of an action is
        the weight of the pure strategies that reach the point and choose it, divided by the
        weight of those that reach it.

        Parameters
        ----------
        mover : int
            The player's position in :attr:`movers` (not its index among the tree's players).
        mix : sequence of Fraction
            A mixed strategy of that player: one probability per strategy of :attr:`game`.

        Returns
        -------
        dict of int to tuple of Fraction or None
            Per decision point (infoset index) of the player in the region, the action
            probabilities given that the player's own play reaches it; None where the mix
            never reaches it.
        """
        result: dict[int, tuple[Fraction, ...] | None] = {}
        for h in self.decision_points[mover]:
            result[h] = None
        reach: dict[int, Fraction] = dict.fromkeys(result, Fraction(0))
        played: dict[tuple[int, int], Fraction] = {}
        for choice, p in zip(self.choices[mover], mix, strict=True):
            if not p:
                continue
            for h, a in choice:
                reach[h] += p
                played[(h, a)] = played.get((h, a), Fraction(0)) + p
        return {
            h: None
            if not reach[h]
            else tuple(played.get((h, a), Fraction(0)) / reach[h] for a in range(self.n_actions[h]))
            for h in result
        }


def reduced_form(
    tree: GameTree, nodes: list[int], cut_values: Mapping[int, tuple[Fraction, ...]]
) -> ReducedForm:
    """The reduced strategic form of the region ``nodes`` whose cuts pay ``cut_values``.

    See the module docstring: a strategy chooses an action at each of the player's decision
    points that the player's own earlier choices leave reachable, and each player's expected
    payoff sums, over the region's leaves (terminal nodes and cuts), the chance probability of
    reaching the leaf times its payoff.

    Parameters
    ----------
    tree : GameTree
        The game.
    nodes : list of int
        The region's nodes in preorder, its root first (as
        :func:`ggcalc.certification.tree.region` gives them); the whole tree for the tree's
        own reduced strategic form.
    cut_values : Mapping of int to tuple of Fraction
        For each cut (root of a successor subgame, outside the region), the payoff vector
        that stands in for that subgame.

    Returns
    -------
    ReducedForm
        The strategic form of the players who move in the region, and what each strategy
        chooses (to turn its equilibria back into behaviour strategies).

    Raises
    ------
    SolverError
        If the form would have more than :data:`MAX_PROFILES` profiles, or a player more than
        :data:`MAX_STRATEGIES` reduced strategies.
    """
    kind, infoset, prob = tree.kind, tree.infoset, tree.prob
    root = nodes[0]
    # For every node: the chance probability of reaching it, and each player's own
    # (decision point, action) pairs on the way (from the region's root).
    chance: dict[int, Fraction] = {root: Fraction(1)}
    own: dict[int, tuple[tuple[int, int], ...]] = {root: ()}
    parent_of: dict[int, tuple[int, int] | None] = {}  # infoset -> own pair before it
    leaves: list[int] = []
    for v in nodes:
        k = kind[v]
        if k == TERMINAL:
            leaves.append(v)
            continue
        children = tree.children(v)
        if k == CHANCE:
            for c in children:
                chance[c] = chance[v] * prob[c]
                own[c] = own[v]
        else:
            h = infoset[v]
            player = tree.infoset_player[h]
            before = [pair for pair in own[v] if tree.infoset_player[pair[0]] == player]
            parent_of.setdefault(h, before[-1] if before else None)
            for a, c in enumerate(children):
                chance[c] = chance[v]
                own[c] = (*own[v], (h, a))
        for c in children:
            if c in cut_values:
                leaves.append(c)
    movers = sorted({tree.infoset_player[h] for h in parent_of})
    decision_points = [
        sorted(
            (h for h in parent_of if tree.infoset_player[h] == i),
            key=lambda h: tree.infoset_nodes(h)[0],
        )
        for i in movers
    ]
    choices = [_strategies(tree, points, parent_of) for points in decision_points]
    shape = tuple(len(c) for c in choices)
    if prod(shape) > MAX_PROFILES:
        raise SolverError(
            f"the reduced strategic form would have {' × '.join(map(str, shape))} strategy "
            f"profiles, more than the {MAX_PROFILES:,} ggcalc builds",
            hint="use {concept=subgame-perfect}, which solves the tree subgame by subgame",
            fields=True,
        )
    size = prod(shape)
    strides = strides_of(shape)
    totals = [[Fraction(0)] * size for _ in range(tree.n_players)]
    index = [
        {
            pair: [s for s, choice in enumerate(strategies) if pair in choice]
            for pair in {p for choice in strategies for p in choice}
        }
        for strategies in choices
    ]
    position = {i: m for m, i in enumerate(movers)}
    for leaf in leaves:
        value = cut_values[leaf] if leaf in cut_values else tree.payoffs[leaf]
        assert value is not None
        consistent: list[list[int]] = [list(range(len(c))) for c in choices]
        for h, a in own[leaf]:
            m = position[tree.infoset_player[h]]
            allowed = set(index[m][(h, a)])
            consistent[m] = [s for s in consistent[m] if s in allowed]
        weight = chance[leaf]
        if not weight:
            continue
        # The profiles consistent with the leaf: every combination of the consistent strategies.
        block = [0]
        for stride, strategies in zip(strides, consistent, strict=True):
            block = [at + s * stride for at in block for s in strategies]
        for player in range(tree.n_players):
            if value[player]:
                share, column = weight * value[player], totals[player]
                for at in block:
                    column[at] += share
    names = [
        [_strategy_name(tree, points, choice) for choice in strategies]
        for points, strategies in zip(decision_points, choices, strict=True)
    ]
    game = (
        NormalFormGame.from_tables(
            [tree.players[i] for i in movers], names, [totals[i] for i in movers], tree.title
        )
        if movers
        else None
    )
    n_actions = {h: len(tree.infoset_actions[h]) for points in decision_points for h in points}
    return ReducedForm(game, movers, choices, decision_points, n_actions)


def _strategies(
    tree: GameTree, points: list[int], parent_of: Mapping[int, tuple[int, int] | None]
) -> list[Choice]:
    """Every reduced strategy of one player: an action at each decision point that the
    player's own earlier actions leave reachable."""
    below: dict[tuple[int, int] | None, list[int]] = {}
    for h in points:
        below.setdefault(parent_of[h], []).append(h)

    def expand(open_points: list[int]) -> list[Choice]:
        results: list[Choice] = [()]
        for h in open_points:
            options: list[Choice] = []
            for a in range(len(tree.infoset_actions[h])):
                for rest in expand(below.get((h, a), [])):
                    options.append(((h, a), *rest))
            results = [r + o for r in results for o in options]
            if len(results) > MAX_STRATEGIES:
                raise SolverError(
                    f"{literal(tree.players[tree.infoset_player[h]])} has more than "
                    f"{MAX_STRATEGIES:,} reduced strategies",
                    hint="use {concept=subgame-perfect}, which solves the tree subgame by subgame",
                    fields=True,
                )
        return results

    return [tuple(sorted(choice)) for choice in expand(below.get(None, []))]


def _strategy_name(tree: GameTree, points: list[int], choice: Choice) -> str:
    """One action per decision point, in order, ``*`` where the strategy's own earlier choices
    make the decision point unreachable (as Gambit writes it); a single action when the player
    has one decision point."""
    chosen = dict(choice)
    parts = [tree.infoset_actions[h][chosen[h]] if h in chosen else "*" for h in points]
    return parts[0] if len(parts) == 1 else " / ".join(parts)
