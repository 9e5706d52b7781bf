"""Game trees: sequential games with chance moves and information sets (CONTRACT 1.2).

A :class:`GameTree` is stored in flat arrays indexed by node number, with nodes numbered in
depth-first preorder (the root is 0, and the subtree of node ``v`` is the contiguous range
``v .. v + size - 1``). Flat arrays keep a million-node tree compact and let every algorithm walk
it with loops instead of recursion, so depth is never limited by Python's recursion limit.

Trees are made with a :class:`TreeBuilder`, which the YAML and Gambit ``.efg`` readers both use.

Why one module: the tree, its builder, its information sets and its subgame structure
share one flat array representation that the builder fills and the rest reads.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

__all__ = [
    "CHANCE",
    "DECISION",
    "ROOT_NAME",
    "TERMINAL",
    "GameTree",
    "InformationSet",
    "TreeBuilder",
    "TreeProblem",
    "region",
]

TERMINAL, DECISION, CHANCE = 0, 1, 2
#: The decision point id of the root when it has no infoset name or label (CONTRACT 1.2).
ROOT_NAME = "start"
#: How the moves on a path are joined in a decision point id (CONTRACT 1.2).
PATH_SEPARATOR = " > "


@dataclass(frozen=True, slots=True)
class InformationSet:
    """A decision point: the nodes one player cannot tell apart, and the actions there.

    Attributes
    ----------
    player : int
        The 0-based index of the player who moves here.
    actions : tuple of str
        The action names, in order (every node of the set offers the same actions).
    nodes : tuple of int
        The nodes of the information set, in preorder.
    name : str
        The decision point id of CONTRACT 1.2: the infoset name the user gave, else the node's
        label, else the moves from the root joined by ``" > "`` (the root is ``start``).
    """

    player: int
    actions: tuple[str, ...]
    nodes: tuple[int, ...]
    name: str


@dataclass(frozen=True)
class TreeProblem:
    """Something structurally wrong with a tree, at a builder node id (readers locate it).

    Attributes
    ----------
    node : int
        The id :meth:`TreeBuilder.add` returned for the node concerned.
    message : str
        What is wrong, in plain words.
    hint : str or None
        How to fix it, when there is something useful to say.
    """

    node: int
    message: str
    hint: str | None = None


class GameTree:
    """A finite game tree with exact payoffs and chance probabilities.

    An extensive-form game: decision nodes grouped into information sets (decision points),
    chance nodes with exact probabilities, and terminal nodes with exact payoffs. Trees are
    made by :meth:`TreeBuilder.build`, which passes the flat arrays below to the constructor;
    do not build them by hand.

    Parameters
    ----------
    players, title, kind, parent, move, prob, payoffs, label, infoset
        The attributes of the same names.
    infoset_player, infoset_actions
        Per information set: its player and its action names.
    infoset_members
        For each information set of more than one node, its nodes in preorder.
    infoset_first
        Per information set: its first node.
    names
        The decision point ids given by the user (infoset names or labels), by information set.
    child_start, children
        The children of node ``v`` are ``children[child_start[v]:child_start[v + 1]]``.

    Attributes
    ----------
    players
        Player names, in order.
    title
        The game's title.
    kind
        Per node: :data:`TERMINAL`, :data:`DECISION` or :data:`CHANCE`.
    parent
        Per node: its parent (-1 for the root).
    move
        Per node: the name of the move (action or chance outcome) that leads to it from its
        parent (``""`` for the root).
    prob
        Per node: the probability of the chance move leading to it (1 if its parent is not a
        chance node).
    payoffs
        Per node: the payoff vector at a terminal node (``None`` elsewhere).
    label
        Per node: its label, if it has one.
    infoset
        Per node: the index into :attr:`infosets` of a decision node (-1 otherwise).
    infosets
        The decision points, as :class:`InformationSet` objects made on access (a
        million-node tree keeps them in arrays: :attr:`infoset_player`,
        :attr:`infoset_actions`).
    infoset_player
        Per information set: the 0-based index of the player who moves there.
    infoset_actions
        Per information set: its action names, in order.
    """

    def __init__(
        self,
        players: tuple[str, ...],
        title: str,
        kind: bytearray,
        parent: array,
        move: list[str],
        prob: list[Fraction],
        payoffs: list[tuple[Fraction, ...] | None],
        label: list[str | None],
        infoset: array,
        infoset_player: array,
        infoset_actions: list[tuple[str, ...]],
        infoset_members: dict[int, tuple[int, ...]],
        infoset_first: array,
        names: dict[int, str],
        child_start: array,
        children: array,
    ):
        self.players = players
        self.title = title
        self.kind = kind
        self.parent = parent
        self.move = move
        self.prob = prob
        self.payoffs = payoffs
        self.label = label
        self.infoset = infoset
        self.infoset_player = infoset_player
        self.infoset_actions = infoset_actions
        self._members = infoset_members
        self._first = infoset_first
        self._names = names
        self.infosets = _InformationSets(self)
        self._child_start = child_start
        self._children = children
        self._end: array | None = None
        self._scaled: list[tuple[int, ...] | None] | None = None
        self._numbers: array | None = None
        self._scales: tuple[int, ...] | None = None

    # ----------------------------------------------------------------- structure

    @property
    def n_nodes(self) -> int:
        """The number of nodes."""
        return len(self.kind)

    @property
    def n_players(self) -> int:
        """The number of players (chance is not one)."""
        return len(self.players)

    def children(self, node: int) -> Sequence[int]:
        """The children of ``node``, in the order of its moves.

        Parameters
        ----------
        node : int
            A node.

        Returns
        -------
        Sequence of int
            The children; for a decision node, in its information set's action order (child
            ``a`` follows action ``a``); empty for a terminal node.
        """
        return self._children[self._child_start[node] : self._child_start[node + 1]]

    def owner(self, node: int) -> int:
        """The player who moves at decision node ``node``.

        Parameters
        ----------
        node : int
            A decision node.

        Returns
        -------
        int
            The player's 0-based index.
        """
        return int(self.infoset_player[self.infoset[node]])

    def infoset_nodes(self, index: int) -> tuple[int, ...]:
        """The nodes of information set ``index``, in preorder.

        Parameters
        ----------
        index : int
            An index into :attr:`infosets`.

        Returns
        -------
        tuple of int
            The nodes the player who moves there cannot tell apart.
        """
        members = self._members.get(index)
        return members if members is not None else (int(self._first[index]),)

    def infoset_name(self, index: int) -> str:
        """The decision point id of information set ``index`` (CONTRACT 1.2).

        Parameters
        ----------
        index : int
            An index into :attr:`infosets`.

        Returns
        -------
        str
            The name the user gave it; else, for an information set of several nodes,
            the player's name and its number among that player's information sets, as Gambit
            counts them (``"Alice #2"``); else the path to its node (:meth:`path_name`).
        """
        name = self._names.get(index)
        if name is not None:
            return name
        if index in self._members:
            if self._numbers is None:
                # Each information set's number among its player's, as Gambit counts them.
                counts = [0] * self.n_players
                self._numbers = array("q", bytes(8 * len(self.infoset_player)))
                for g, player in enumerate(self.infoset_player):
                    counts[player] += 1
                    self._numbers[g] = counts[player]
            return f"{self.players[self.infoset_player[index]]} #{self._numbers[index]}"
        return self.path_name(int(self._first[index]))

    def subtree_end(self, node: int) -> int:
        """One past the last node of the subtree rooted at ``node``.

        Nodes are in preorder, so the subtree is the range ``node .. subtree_end(node) - 1``.
        All ends are computed on the first call, in one pass.

        Parameters
        ----------
        node : int
            A node.

        Returns
        -------
        int
            The end of the subtree's range.
        """
        if self._end is None:
            end = array("q", range(1, self.n_nodes + 1))
            parent = self.parent
            for v in range(self.n_nodes - 1, 0, -1):
                p = parent[v]
                if end[v] > end[p]:
                    end[p] = end[v]
            self._end = end
        return int(self._end[node])

    def path(self, node: int) -> list[int]:
        """The nodes from the root to ``node``, both included.

        Parameters
        ----------
        node : int
            A node.

        Returns
        -------
        list of int
            The path, the root first.
        """
        nodes = [node]
        while self.parent[nodes[-1]] >= 0:
            nodes.append(self.parent[nodes[-1]])
        return nodes[::-1]

    def path_name(self, node: int) -> str:
        """The moves from the root to ``node`` joined by ``" > "``; the root is ``start``.

        Parameters
        ----------
        node : int
            A node.

        Returns
        -------
        str
            The path's id, as used for unnamed decision points (CONTRACT 1.2).
        """
        moves = [self.move[v] for v in self.path(node)[1:]]
        return PATH_SEPARATOR.join(moves) if moves else ROOT_NAME

    def depth(self) -> int:
        """The number of moves on the longest path from the root.

        Returns
        -------
        int
            The tree's depth (0 for a tree that is only a root).
        """
        depth = array("q", bytes(8 * self.n_nodes))
        deepest = 0
        parent = self.parent
        for v in range(1, self.n_nodes):
            d = depth[parent[v]] + 1
            depth[v] = d
            if d > deepest:
                deepest = d
        return deepest

    @property
    def perfect_information(self) -> bool:
        """Whether every decision point is a single node."""
        return not self._members

    def terminals(self) -> Iterator[int]:
        """The terminal nodes.

        Returns
        -------
        Iterator of int
            The terminal nodes, in preorder.
        """
        return (v for v in range(self.n_nodes) if self.kind[v] == TERMINAL)

    def integer_payoffs(self) -> tuple[list[tuple[int, ...] | None], tuple[int, ...]] | None:
        """Payoffs as integers for fast exact comparison, when the tree has no chance node.

        Each player's payoffs times the least common multiple of their denominators (a positive
        scale, so every comparison comes out as with the fractions). Computed once and cached.

        Returns
        -------
        (payoffs, scales) or None
            The per-node integer payoffs (None at non-terminal nodes) and each player's scale;
            None if there is a chance node, whose expectations would not stay integral.
        """
        if CHANCE in self.kind:
            return None
        if self._scaled is None:
            scales = [1] * self.n_players
            for payoffs in self.payoffs:
                if payoffs is not None:
                    for i, x in enumerate(payoffs):
                        d = x.denominator
                        if d != 1 and scales[i] % d:
                            scales[i] = scales[i] * d // math.gcd(scales[i], d)
            cache: dict[tuple[Fraction, ...], tuple[int, ...]] = {}
            scaled: list[tuple[int, ...] | None] = []
            for payoffs in self.payoffs:
                if payoffs is None:
                    scaled.append(None)
                    continue
                known = cache.get(payoffs)
                if known is None:
                    known = tuple(
                        [
                            x.numerator * (scale // x.denominator)
                            for x, scale in zip(payoffs, scales, strict=True)
                        ]
                    )
                    cache[payoffs] = known
                scaled.append(known)
            self._scaled = scaled
            self._scales = tuple(scales)
        assert self._scales is not None
        return self._scaled, self._scales

    def subgame_roots(self) -> list[bool]:
        """Per node: whether it starts a subgame.

        A node starts a subgame when every information set that meets its subtree lies inside
        it (in a perfect-information tree every decision or chance node does). Terminal nodes
        are never counted; the root always is.

        Returns
        -------
        list of bool
            One flag per node.
        """
        n = self.n_nodes
        if self.perfect_information:
            return [k != TERMINAL for k in self.kind]
        first = list(self._first)
        last = list(self._first)
        for index, members in self._members.items():
            last[index] = max(members)
        low = list(range(n))
        high = list(range(n))
        infoset = self.infoset
        for v in range(n):
            h = infoset[v]
            if h >= 0:
                low[v] = first[h]
                high[v] = last[h]
        parent = self.parent
        for v in range(n - 1, 0, -1):
            p = parent[v]
            if low[v] < low[p]:
                low[p] = low[v]
            if high[v] > high[p]:
                high[p] = high[v]
        roots = [False] * n
        kind = self.kind
        for v in range(n):
            if kind[v] != TERMINAL and low[v] >= v and high[v] < self.subtree_end(v):
                roots[v] = True
        return roots

    def recall_violations(self) -> list[tuple[int, int, int]]:
        """Information sets that violate perfect recall.

        Perfect recall is what makes behaviour strategies equivalent to mixed ones (Kuhn 1953).
        A violation is two nodes of one information set on whose paths the player's own
        earlier decisions (or forgetting them) differ.

        Returns
        -------
        list of tuple of (int, int, int)
            ``(infoset, node, other_node)`` for each violating information set (the first
            node of the set and the first other node that differs from it); empty for a game
            with perfect recall.
        """
        if not self._members:
            return []  # one node per information set: nothing to forget
        n = self.n_nodes
        # last[p][v]: the player's most recent (infoset, action) on the path to v, coded as
        # offset[infoset] + action + 1 (0: none yet). Two nodes of one infoset have the same
        # history of own moves exactly when these codes agree (induction on the history).
        offsets = []
        total = 0
        for actions in self.infoset_actions:
            offsets.append(total)
            total += len(actions)
        # Only players with an information set of several nodes can forget anything.
        forgetful = {self.infoset_player[index] for index in self._members}
        last = {p: array("q", bytes(8 * n)) for p in forgetful}
        kind, infoset, parent = self.kind, self.infoset, self.parent
        position = [0] * n  # index of each node among its parent's children
        for v in range(n):
            for index, c in enumerate(self.children(v)):
                position[c] = index
        for v in range(1, n):
            p = parent[v]
            for player_last in last.values():
                player_last[v] = player_last[p]
            if kind[p] == DECISION:
                h = infoset[p]
                mover = self.infoset_player[h]
                if mover in last:
                    last[mover][v] = offsets[h] + position[v] + 1
        violations = []
        for index, members in self._members.items():
            player_last = last[self.infoset_player[index]]
            first = members[0]
            for other in members[1:]:
                if player_last[other] != player_last[first]:
                    violations.append((index, first, other))
                    break
        return violations

    def decision_point(self, name: str) -> InformationSet | None:
        """The decision point with a given id.

        Parameters
        ----------
        name : str
            A decision point id (CONTRACT 1.2).

        Returns
        -------
        InformationSet or None
            The information set with that :attr:`~InformationSet.name`, or None if there is
            none.
        """
        for h in self.infosets:
            if h.name == name:
                return h
        return None


class _InformationSets(Sequence[InformationSet]):
    """The tree's decision points as objects, made on access from its arrays."""

    def __init__(self, tree: GameTree):
        self._tree = tree

    def __len__(self) -> int:
        return len(self._tree.infoset_player)

    def __getitem__(self, index):  # an int or a slice, as for any Sequence
        tree = self._tree
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return InformationSet(
            int(tree.infoset_player[index]),
            tree.infoset_actions[index],
            tree.infoset_nodes(index),
            tree.infoset_name(index),
        )


class TreeBuilder:
    """Builds a :class:`GameTree` node by node, in depth-first preorder.

    Each ``add`` call names the new node's parent (``-1`` for the root), which must be a node on
    the path from the root to the node added last (that is what preorder means). Decision nodes
    that share an ``infoset`` key form one information set. Problems that involve several nodes
    (an information set mixing players or action names) are collected in :attr:`problems` with
    the node id, so a reader can say where in its file they are.

    Equal numbers and action lists are stored once, so memory grows with the tree's size only.

    Parameters
    ----------
    players : sequence of str
        The player names, in order (chance is not a player).
    title : str, optional
        The game's title.

    Attributes
    ----------
    players : tuple of str
        The player names.
    title : str
        The game's title.
    kind, parent, move, prob, payoffs, label
        The nodes added so far, as in :class:`GameTree`.
    problems : list of TreeProblem
        Problems found among several nodes, for the reader to report.
    """

    def __init__(self, players: Sequence[str], title: str = ""):
        self.players = tuple(players)
        self.title = title
        self.kind = bytearray()
        self.parent = array("q")
        self.move: list[str] = []
        self.prob: list[Fraction] = []
        self.payoffs: list[tuple[Fraction, ...] | None] = []
        self.label: list[str | None] = []
        self.problems: list[TreeProblem] = []
        self._infoset_of = array("q")
        self._keyed: dict[Hashable, int] = {}
        self._player = array("q")
        self._actions: list[tuple[str, ...]] = []
        self._first = array("q")
        self._members: dict[int, list[int]] = {}
        self._names: dict[int, str] = {}
        self._stack: list[int] = []
        self._one = Fraction(1)
        self._numbers: dict[Fraction, Fraction] = {}
        self._action_lists: dict[tuple[str, ...], tuple[str, ...]] = {}

    def add(
        self,
        parent: int,
        move: str = "",
        *,
        kind: int,
        prob: Fraction | None = None,
        player: int = -1,
        actions: Sequence[str] = (),
        infoset: Hashable | None = None,
        infoset_name: str | None = None,
        label: str | None = None,
        payoffs: Sequence[Fraction] | None = None,
    ) -> int:
        """Add a node and return its id.

        Parameters
        ----------
        parent : int
            The parent's id, or -1 for the root.
        move : str, optional
            The action (or chance outcome) of the parent that leads here.
        kind : int
            :data:`TERMINAL`, :data:`DECISION` or :data:`CHANCE`.
        prob : Fraction, optional
            The probability of this outcome when the parent is a chance node (and only then).
        player : int, optional
            For a decision node: the 0-based index of the player who moves.
        actions : sequence of str, optional
            For a decision node: the action names in order (the children must then be added
            with exactly these moves).
        infoset : hashable, optional
            A key joining decision nodes into one information set (default: its own).
        infoset_name : str, optional
            The information set's name (its decision point id).
        label : str, optional
            The node's label.
        payoffs : sequence of Fraction, optional
            For a terminal node, one exact payoff per player.

        Returns
        -------
        int
            The new node's id: its position in preorder (the root is 0).

        Raises
        ------
        ValueError
            If the node is a second root, its parent is not on the path to the node added
            last (not preorder), ``prob`` is given for a child of a non-chance node or
            missing for a child of a chance node, or a decision node has no valid ``player``.
        """
        node = len(self.kind)
        stack = self._stack
        while stack and stack[-1] != parent:
            stack.pop()
        if parent == -1:
            if node != 0:
                raise ValueError("only the first node may be the root")
        elif not stack:
            raise ValueError(f"node {parent} is not on the current path: add nodes in preorder")
        if (parent >= 0 and self.kind[parent] == CHANCE) != (prob is not None):
            raise ValueError("give prob exactly for the outcomes of a chance node")
        if kind == DECISION and not 0 <= player < len(self.players):
            raise ValueError(f"decision node {node} needs a player (0..{len(self.players) - 1})")
        stack.append(node)
        self.kind.append(kind)
        self.parent.append(parent)
        self.move.append(move)
        self.prob.append(self._one if prob is None else self._number(prob))
        self.payoffs.append(
            tuple([self._number(x) for x in payoffs]) if payoffs is not None else None
        )
        self.label.append(label)
        if kind != DECISION:
            self._infoset_of.append(-1)
            return node
        actions = tuple(actions)
        actions = self._action_lists.setdefault(actions, actions)
        index = self._keyed.get(infoset) if infoset is not None else None
        if index is None:
            index = len(self._player)
            if infoset is not None:
                self._keyed[infoset] = index
            self._player.append(player)
            self._actions.append(actions)
            self._first.append(node)
            name = infoset_name or label
            if name:
                self._names[index] = name
        else:
            self._join(index, node, player, actions, infoset, infoset_name)
        self._infoset_of.append(index)
        return node

    def _number(self, value: Fraction) -> Fraction:
        return self._numbers.setdefault(value, value)

    def _join(
        self,
        index: int,
        node: int,
        player: int,
        actions: tuple[str, ...],
        key: Hashable,
        infoset_name: str | None,
    ) -> None:
        members = self._members.setdefault(index, [int(self._first[index])])
        members.append(node)
        if index in self._names and len(members) == 2 and not infoset_name:
            # The first node's label named a one-node decision point; a shared one is
            # named by its infoset name only.
            first = members[0]
            if self._names[index] == self.label[first]:
                del self._names[index]
        if infoset_name and index not in self._names:
            self._names[index] = infoset_name
        name = infoset_name or self._names.get(index) or str(key)
        known = self._actions[index]
        if player != self._player[index]:
            self.problems.append(
                TreeProblem(
                    node,
                    f"information set '{name}' mixes players: this node belongs to "
                    f"{self.players[player]}, an earlier one to "
                    f"{self.players[self._player[index]]}",
                    "nodes one player cannot tell apart must all be that player's",
                )
            )
        elif actions != known and sorted(actions) != sorted(known):
            self.problems.append(
                TreeProblem(
                    node,
                    f"information set '{name}' offers different actions at different "
                    f"nodes: here {_names(actions)}, at an earlier node {_names(known)}",
                    "a player who cannot tell the nodes apart must have the same actions at each",
                )
            )

    def build(self) -> GameTree:
        """The finished tree.

        A decision node's children are put in its information set's action order, and decision
        point ids that would clash are made distinct (the player and number are added).
        Problems collected in :attr:`problems` are not raised here: the reader reports them.

        Returns
        -------
        GameTree
            The tree.

        Raises
        ------
        ValueError
            If no node was added, a terminal node has children or no payoffs, a chance or
            decision node has no moves, a chance node's probabilities are negative or do not
            sum to 1, or a decision node's moves are not its information set's actions.
        """
        n = len(self.kind)
        if n == 0:
            raise ValueError("a tree needs a root")
        parent, kind, move = self.parent, self.kind, self.move
        child_start = array("q", bytes(8 * (n + 1)))
        for v in range(1, n):
            child_start[parent[v] + 1] += 1
        for v in range(n):
            child_start[v + 1] += child_start[v]
        children = array("q", bytes(8 * (n - 1)))
        fill = array("q", child_start)
        for v in range(1, n):
            p = parent[v]
            children[fill[p]] = v
            fill[p] += 1
        del fill
        members = {index: tuple(nodes) for index, nodes in self._members.items()}
        actions_of, infoset_of = self._actions, self._infoset_of
        for v in range(n):
            start, stop = child_start[v], child_start[v + 1]
            k = kind[v]
            if k == TERMINAL:
                if stop != start:
                    raise ValueError(f"terminal node {v} has children")
                if self.payoffs[v] is None:
                    raise ValueError(f"terminal node {v} has no payoffs")
                continue
            if stop == start:
                raise ValueError(f"node {v} has no moves")
            if k != DECISION:
                probs = [self.prob[c] for c in children[start:stop]]
                if min(probs) < 0 or sum(probs) != 1:
                    raise ValueError(f"chance node {v}: probabilities {probs} do not sum to 1")
                continue
            # Children of a decision node in its information set's action order.
            actions = actions_of[infoset_of[v]]
            moves = [move[c] for c in children[start:stop]]
            if moves != list(actions):
                present = dict(zip(moves, children[start:stop], strict=True))
                if sorted(present) != sorted(actions) or len(present) != len(moves):
                    raise ValueError(f"node {v} has moves {moves}, expected {list(actions)}")
                children[start:stop] = array("q", [present[a] for a in actions])
        tree = GameTree(
            self.players,
            self.title,
            kind,
            parent,
            move,
            self.prob,
            self.payoffs,
            self.label,
            infoset_of,
            self._player,
            self._actions,
            members,
            self._first,
            _unique_names(self._names, self._player, self.players),
            child_start,
            children,
        )
        _rename_path_clashes(tree)
        return tree


def _rename_path_clashes(tree: GameTree) -> None:
    """A given name equal to the path id of a decision point nobody named (a label ``In``
    while the node reached by ``In`` is unlabelled) would give two decision points one id.
    The YAML reader reports it; for other sources (Gambit files) the given name gets the
    player and number added."""
    names = tree._names
    for index, name in list(names.items()):
        v = 0
        if name != ROOT_NAME:
            for move in name.split(PATH_SEPARATOR):
                children = tree.children(v)
                v = next((c for c in children if tree.move[c] == move), -1)
                if v < 0:
                    break
        if v < 0 or tree.kind[v] != DECISION:
            continue
        other = tree.infoset[v]
        if other != index and other not in names and other not in tree._members:
            player = tree.infoset_player[index]
            number = sum(1 for g in range(index + 1) if tree.infoset_player[g] == player)
            names[index] = f"{name} ({tree.players[player]} #{number})"


def _unique_names(names: dict[int, str], player: array, players: tuple[str, ...]) -> dict[int, str]:
    """Decision point ids must tell decision points apart. Readers report clashes they can
    locate; any left (two Gambit infosets with one label) get the player and number added."""
    count: dict[str, int] = {}
    for name in names.values():
        count[name] = count.get(name, 0) + 1
    if all(c == 1 for c in count.values()):
        return dict(names)
    unique = dict(names)
    numbers: dict[int, int] = {}
    for index in range(len(player)):
        numbers[player[index]] = numbers.get(player[index], 0) + 1
        given = names.get(index)
        if given is not None and count[given] > 1:
            unique[index] = f"{given} ({players[player[index]]} #{numbers[player[index]]})"
    return unique


def _names(names: Sequence[str]) -> str:
    return ", ".join(names) if names else "none"


def region(tree: GameTree, root: int, is_root: Sequence[bool]) -> tuple[list[int], list[int]]:
    """The region of the subgame at ``root``: its own part, outside its successor subgames.

    Parameters
    ----------
    tree : GameTree
        The game.
    root : int
        The root of a subgame.
    is_root : sequence of bool
        Per node, whether it starts a subgame (as :meth:`GameTree.subgame_roots` gives it;
        a caller may mark fewer nodes to cut the tree in fewer places).

    Returns
    -------
    nodes, cuts : list of int, list of int
        The region's nodes in preorder (``root`` first), and the roots of the successor
        subgames where the region is cut, ascending.
    """
    nodes: list[int] = []
    cuts: list[int] = []
    stack = [root]
    while stack:
        v = stack.pop()
        nodes.append(v)
        children = tree.children(v)
        for index in range(len(children) - 1, -1, -1):
            c = children[index]
            if is_root[c]:
                cuts.append(c)
            else:
                stack.append(c)
    cuts.sort()
    return nodes, cuts
