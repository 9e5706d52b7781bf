"""Read the ``tree`` of a sequential scenario (CONTRACT 1.2) into a :class:`GameTree`.

The YAML tree is walked with an explicit stack, never by recursion, and its nodes are handed to
a :class:`~ggcalc.model.tree.TreeBuilder` in preorder and document order (the order of ``moves``
is the order of the actions). Every problem is recorded on the
:class:`~ggcalc.io.yaml.node_reader.NodeReader` at the YAML node where a user would fix it, and
the walk goes on, so ``ggcalc validate`` lists them all. The builder is only asked to
``build()`` a structure this module has checked, because its own checks raise bare
``ValueError`` without a file location.

Why one module: it is the reader of a whole format (CONTRACT 1.2), one walk whose checks of
decision, chance and terminal nodes, labels, information sets and perfect recall share its
state; docs/architecture.md names the readers of whole formats as an exception to the size
rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise

from ggcalc.errors import Problem, did_you_mean
from ggcalc.exact.expressions import ExpressionError, parse_number
from ggcalc.exact.expressions import parse as parse_expression
from ggcalc.io.yaml.node_reader import NodeReader, kind_of
from ggcalc.io.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ggcalc.io.yaml.normal_form import read_payoff_leaf
from ggcalc.model.tree import (
    CHANCE,
    DECISION,
    PATH_SEPARATOR,
    ROOT_NAME,
    TERMINAL,
    GameTree,
    TreeBuilder,
)

__all__ = ["read_tree"]

#: Every key a tree node may have.
NODE_KEYS = ("player", "moves", "label", "infoset", "chance", "payoffs", "prob")
#: The key that makes each kind of node, with how a user would call that kind.
_KIND_KEYS = {"player": "a decision node", "chance": "a chance node", "payoffs": "a terminal node"}
_KINDS_HINT = (
    "a tree node is a decision node ('player: NAME' and 'moves'), a chance node "
    "('chance: true' and 'moves', each outcome with 'prob') or a terminal node ('payoffs')"
)
_PLAYERS_HINT = "list the players in order, e.g. 'players: [Entrant, Incumbent]'"
_MOVES_HINT = "write one 'name: node' line per move, e.g. 'Out: {payoffs: [0, 2]}'"
#: YAML 1.1 spellings of true (PyYAML resolves these to booleans).
_TRUE = ("true", "yes", "on")

# One pending YAML node of the walk: the node; the key of 'moves' naming it (None for the
# root); its parent's builder id (-1: it is the root; None: it or an ancestor had a problem,
# so the subtree is checked but not built); the move leading to it; the walk index of its
# parent (-1 for the root); the parent's kind (None for the root); and its probability when
# the parent is a chance node.
_Pending = tuple[Node, Node | None, int | None, str, int, int | None, Fraction | None]


@dataclass
class _Move:
    """A readable entry of a node's ``moves``."""

    name: str
    key: Node
    node: Node


def read_tree(
    reader: NodeReader, players_node: Node, tree_node: Node, title: str
) -> GameTree | None:
    """Build the game tree of a scenario, recording every problem in ``reader``.

    Parameters
    ----------
    reader : NodeReader
        Reads names and exact numbers (with the scenario's parameters) and collects problems.
    players_node : Node
        The value of ``players``: a list of distinct names.
    tree_node : Node
        The value of ``tree``: the root node.
    title : str
        The scenario's title, kept on the tree.

    Returns
    -------
    GameTree or None
        The tree, or ``None`` if any problem was found (they are all on ``reader``).
    """
    before = len(reader.problems)
    names = _read_players(reader, players_node)
    walk = _TreeWalk(reader, names, title)
    walk.run(tree_node)
    walk.check_ids()
    walk.locate_builder_problems()
    if len(reader.problems) == before:
        tree = walk.build(tree_node)
        if tree is not None and walk.check_recall(tree):
            _tidy(reader, before)
            return tree
    _tidy(reader, before)
    return None


def _tidy(reader: NodeReader, before: int) -> None:
    """Order this reader's new problems by position and drop repeats.

    The walk finds some problems after the nodes below them (information sets, ids), and a
    subtree repeated with a YAML alias would report its problems once per copy at one place.
    """
    seen: set[Problem] = set()
    unique = []
    for problem in reader.problems[before:]:
        if problem not in seen:
            seen.add(problem)
            unique.append(problem)

    def position(problem: Problem) -> tuple[int, int]:
        location = problem.location
        if location is None:
            return (0, 0)
        return (location.line or 0, location.column or 0)

    reader.problems[before:] = sorted(unique, key=position)


def _read_players(reader: NodeReader, node: Node) -> list[str] | None:
    """The player names in order, or ``None`` if they could not all be read."""
    if isinstance(node, MappingNode):
        reader.problem(
            node,
            "'players' of a sequential game must be a list of names, got a mapping",
            "write 'players: [Entrant, Incumbent]': the actions come from the tree's 'moves'",
        )
        return None
    if not reader.expect_kind(node, SequenceNode, "'players'", _PLAYERS_HINT):
        return None
    assert isinstance(node, SequenceNode)
    if not node.value:
        reader.problem(node, "'players' is empty", _PLAYERS_HINT)
        return None
    names: list[str] = []
    complete = True
    for item in node.value:
        name = reader.name(item, "a player")
        if name is None:
            complete = False
        elif name in names:
            reader.problem(
                item, f"two players called '{name}'", "give every player a different name"
            )
            complete = False
        else:
            names.append(name)
    # With a player missing or doubled, payoff lists cannot be matched to players.
    return names if complete else None


def _formula_names(node: Node) -> frozenset[str]:
    """The parameters a number written as a formula uses (none for a literal)."""
    if not isinstance(node, ScalarNode) or not node.tag.endswith(":str"):
        return frozenset()
    try:
        if parse_number(node.value.strip()) is not None:
            return frozenset()
        return parse_expression(node.value).names
    except ExpressionError:
        return frozenset()


def _key_value(node: MappingNode, key: str) -> Node | None:
    for k, v in node.value:
        if isinstance(k, ScalarNode) and k.value.strip() == key:
            return v
    return None


class _TreeWalk:
    """One pass over a YAML tree: checks every node and feeds valid ones to a builder."""

    def __init__(self, reader: NodeReader, names: list[str] | None, title: str):
        self.reader = reader
        self.names = names
        self.builder = TreeBuilder(names or (), title)
        # Per walked YAML node (in preorder): its parent's walk index, the move leading to it
        # and the node itself, so messages can name any node by its path and line.
        self.up: list[int] = []
        self.move: list[str] = []
        self.node: list[Node] = []
        # Per builder node: the YAML node it came from, and where its infoset name is written.
        self.yaml_of: list[Node] = []
        self.infoset_at: dict[int, Node] = {}
        # Ids users refer to (CONTRACT 1.2), to keep decision point ids unique.
        self.labels: dict[str, Node] = {}
        self.label_uses: list[tuple[str, Node, str | None]] = []
        self.infosets: dict[str, Node] = {}
        self.unnamed: dict[str, int] = {}

    # ----------------------------------------------------------------------- naming

    def path(self, index: int) -> str:
        moves = []
        while self.up[index] >= 0:
            moves.append(self.move[index])
            index = self.up[index]
        return PATH_SEPARATOR.join(reversed(moves)) if moves else ROOT_NAME

    def called(self, index: int) -> str:
        """How messages name a node: by the moves that reach it."""
        return "the root node" if index == 0 else f"the node at '{self.path(index)}'"

    def line(self, node: Node) -> int:
        return self.reader.where(node).line or 0

    # ----------------------------------------------------------------------- the walk

    def run(self, root: Node) -> None:
        # Without readable players nothing can be built (payoffs and owners need them), but
        # the whole tree is still checked.
        root_parent = -1 if self.names is not None else None
        stack: list[_Pending] = [(root, None, root_parent, "", -1, None, None)]
        while stack:
            node, key, parent, move, up, parent_kind, prob = stack.pop()
            index = len(self.up)
            self.up.append(up)
            self.move.append(move)
            self.node.append(node)
            if not isinstance(node, MappingNode):
                self.not_a_mapping(node, key, index)
                continue
            children = self.visit(node, index, parent, parent_kind, prob)
            # Reversed, so the first move is popped (and numbered) first: preorder.
            stack.extend(reversed(children))

    def visit(
        self,
        node: MappingNode,
        index: int,
        parent: int | None,
        parent_kind: int | None,
        prob: Fraction | None,
    ) -> list[_Pending]:
        """Check one node, add it to the builder if it is sound, and return its children."""
        reader = self.reader
        before = len(reader.problems)
        keys: dict[str, tuple[Node, Node]] = {}
        unknown = False
        for key, value in node.value:
            name = reader.name(key, "a key of a tree node")
            if name is None:
                unknown = True
            elif name not in NODE_KEYS:
                unknown = True
                reader.problem(
                    key,
                    f"unknown key '{name}' in {self.called(index)}",
                    did_you_mean(name, NODE_KEYS)
                    or "the keys of a tree node are: " + ", ".join(NODE_KEYS),
                )
            else:
                keys[name] = (key, value)
        # In the order written, so the second kind is where the conflict shows.
        kinds = [key for key in keys if key in _KIND_KEYS]
        if len(kinds) > 1:
            first, second = kinds[0], kinds[1]
            reader.problem(
                keys[second][0],
                f"{self.called(index)} has both '{first}' ({_KIND_KEYS[first]}) and "
                f"'{second}' ({_KIND_KEYS[second]})",
                "a node is of exactly one kind: keep one of them"
                + (
                    ", and put the payoffs in the nodes under 'moves'" if "payoffs" in kinds else ""
                ),
            )
            return []
        if not kinds:
            if "moves" in keys:
                reader.problem(
                    keys["moves"][0],
                    f"{self.called(index)} has 'moves' but no 'player' or 'chance'",
                    "add 'player: NAME' (who moves here) or 'chance: true' (a random move)",
                )
            elif not unknown:
                written = ", ".join(f"'{k}'" for k in keys) or "no keys"
                reader.problem(
                    node,
                    f"{self.called(index)} is not a decision, chance or terminal node "
                    f"(it has {written})",
                    _KINDS_HINT,
                )
            return []
        kind = kinds[0]
        if kind == "payoffs" and "moves" in keys:
            reader.problem(
                keys["moves"][0],
                f"{self.called(index)} has both 'payoffs' (a terminal node) and 'moves'",
                "a terminal node ends the game: remove 'moves', or put the payoffs in the nodes "
                "under 'moves'",
            )
            return []
        if "infoset" in keys and kind != "player":
            reader.problem(
                keys["infoset"][0],
                f"{self.called(index)} is {_KIND_KEYS[kind]}, which has no information set",
                "only decision nodes ('player: NAME') have an 'infoset': remove it",
            )
        if "prob" in keys and parent_kind != CHANCE:
            reader.problem(
                keys["prob"][0],
                f"{self.called(index)} has 'prob'"
                + ("" if parent_kind is None else ", but the node above it is a decision node"),
                "only the outcomes of a chance node ('chance: true') have probabilities: "
                "remove 'prob'",
            )
        label = self.read_label(keys.get("label"))
        if kind == "player":
            return self.decision(keys, index, parent, prob, label, before)
        if kind == "chance":
            return self.chance(keys, index, parent, prob, label, before)
        self.terminal(keys, index, parent, prob, label, before)
        return []

    def not_a_mapping(self, node: Node, key: Node | None, index: int) -> None:
        hint = _KINDS_HINT
        if isinstance(node, SequenceNode):
            hint = "for a terminal node write 'payoffs:' before the list, e.g. {payoffs: [0, 2]}"
        empty = isinstance(node, ScalarNode) and node.tag.endswith(":null")
        self.reader.problem(
            # An empty value has no text of its own: point at the move that lacks it.
            key if empty and key is not None else node,
            f"{self.called(index)} "
            + ("is empty" if empty else f"must be a mapping, got {kind_of(node)}"),
            hint,
        )

    def read_label(self, entry: tuple[Node, Node] | None) -> str | None:
        if entry is None:
            return None
        label = self.reader.name(entry[1], "'label'")
        if label is not None and self.id_is_usable(entry[1], label, "label"):
            return label
        return None

    def id_is_usable(self, node: Node, name: str, what: str) -> bool:
        """Whether a label or infoset name can be a decision point id (not path-like)."""
        if PATH_SEPARATOR in name:
            self.reader.problem(
                node,
                f"{what} '{name}' contains '{PATH_SEPARATOR}', which would read as a path of moves",
                f"{what}s name decision points that are otherwise named by their path "
                f"('A{PATH_SEPARATOR}B'): write it without ' > '",
            )
            return False
        return True

    def note_label(self, label: str, node: Node, infoset: str | None) -> None:
        first = self.labels.get(label)
        if first is not None:
            repeated = first is node
            self.reader.problem(
                node,
                f"label '{label}' is used twice"
                + ("" if repeated else f" (first at line {self.line(first)})"),
                "this labelled subtree is repeated with an alias (*name): label the copies "
                "differently"
                if repeated
                else "labels name decision points, so each must be unique: rename one",
            )
            return
        self.labels[label] = node
        self.label_uses.append((label, node, infoset))

    def moves(self, entry: tuple[Node, Node], index: int, what: str) -> list[_Move] | None:
        """The readable entries of ``moves``; ``None`` if it had any problem."""
        reader = self.reader
        node = entry[1]
        if not isinstance(node, MappingNode):
            reader.problem(
                node,
                f"'moves' of {self.called(index)} must be a mapping, got {kind_of(node)}",
                _MOVES_HINT,
            )
            return None
        if not node.value:
            reader.problem(node, f"'moves' of {self.called(index)} is empty", _MOVES_HINT)
            return None
        moves: list[_Move] = []
        seen: dict[str, Node] = {}
        complete = True
        for move_key, child in node.value:
            name = reader.name(move_key, what)
            if name is None:
                complete = False
                continue
            if name in seen:
                # io.yaml.nodes reports keys written identically; these differ only in spaces.
                reader.problem(
                    move_key,
                    f"two moves called '{name}' at '{self.path(index)}' "
                    f"(first at line {self.line(seen[name])})",
                    "give every move of a node a different name",
                )
                complete = False
                continue
            seen[name] = move_key
            moves.append(_Move(name, move_key, child))
        return moves if complete else None

    def decision(
        self,
        keys: dict[str, tuple[Node, Node]],
        index: int,
        parent: int | None,
        prob: Fraction | None,
        label: str | None,
        before: int,
    ) -> list[_Pending]:
        reader = self.reader
        player_node = keys["player"][1]
        who = reader.name(player_node, "'player'")
        player = -1
        if who is not None and self.names is not None:
            if who in self.names:
                player = self.names.index(who)
            else:
                reader.problem(
                    player_node,
                    f"'{who}' is not a player (expected one of: {', '.join(self.names)})",
                    did_you_mean(who, self.names) or "add them to 'players', or correct the name",
                )
        infoset: str | None = None
        if "infoset" in keys:
            infoset_node = keys["infoset"][1]
            infoset = reader.name(infoset_node, "'infoset'")
            if infoset is not None and not self.id_is_usable(infoset_node, infoset, "infoset"):
                infoset = None
            if infoset is not None and infoset not in self.infosets:
                self.infosets[infoset] = infoset_node
        if label is not None:
            self.note_label(label, keys["label"][1], infoset)
        if "infoset" not in keys and "label" not in keys and self.up[index] <= 0:
            # Its id is its path. Only the root's and its children's paths have no ' > ', so
            # only they can equal a label or an infoset name.
            self.unnamed.setdefault(self.path(index), index)
        if "moves" not in keys:
            reader.problem(
                keys["player"][0],
                f"{self.called(index)} has 'player' but no 'moves'",
                f"add 'moves:' with the actions of {who or 'the player'} here; a node that "
                "ends the game has 'payoffs' instead of 'player'",
            )
            return []
        moves = self.moves(keys["moves"], index, f"an action of {who or 'the player'}")
        if moves is None:
            return []
        me: int | None = None
        if parent is not None and len(reader.problems) == before:
            me = self.builder.add(
                parent,
                self.move[index],
                kind=DECISION,
                prob=prob,
                player=player,
                actions=[m.name for m in moves],
                infoset=infoset,
                infoset_name=infoset,
                label=label,
            )
            self.yaml_of.append(self.node[index])
            if "infoset" in keys:
                self.infoset_at[me] = keys["infoset"][1]
        return [(m.node, m.key, me, m.name, index, DECISION, None) for m in moves]

    def chance(
        self,
        keys: dict[str, tuple[Node, Node]],
        index: int,
        parent: int | None,
        prob: Fraction | None,
        label: str | None,
        before: int,
    ) -> list[_Pending]:
        reader = self.reader
        key, value = keys["chance"]
        if isinstance(value, ScalarNode) and value.tag.endswith(":bool"):
            if value.value.lower() not in _TRUE:
                reader.problem(
                    value,
                    f"'chance: {value.value}' does not make a chance node",
                    "write 'chance: true' (or 'chance: NAME' to label it); a node where a "
                    "player moves has 'player: NAME' instead",
                )
        elif isinstance(value, ScalarNode) and value.tag.endswith(":str"):
            named = reader.name(value, "the chance node's label")
            if named is not None and self.id_is_usable(value, named, "label"):
                if "label" in keys:
                    reader.problem(
                        keys["label"][0],
                        f"{self.called(index)} has two labels: 'chance: {named}' and "
                        f"'label: {label or '...'}'",
                        "keep one of them",
                    )
                else:
                    label = named
        else:
            got = (
                "nothing"
                if isinstance(value, ScalarNode) and value.tag.endswith(":null")
                else f"'{value.value}'"
                if isinstance(value, ScalarNode)
                else kind_of(value)
            )
            reader.problem(
                value,
                f"'chance' must be true or a label, got {got}",
                "write 'chance: true', or 'chance: NAME' to label the chance node",
            )
        # A chance node's label only names it in messages: it is not a decision point id, so
        # two chance nodes may share one.
        if "moves" not in keys:
            reader.problem(
                key,
                f"{self.called(index)} has 'chance' but no 'moves'",
                "add 'moves:' with the outcomes, each a node with 'prob: NUMBER'",
            )
            return []
        moves = self.moves(keys["moves"], index, "a chance outcome")
        if moves is None:
            return []
        me: int | None = None
        if parent is not None and len(reader.problems) == before:
            me = self.builder.add(parent, self.move[index], kind=CHANCE, prob=prob, label=label)
            self.yaml_of.append(self.node[index])
        probabilities = self.probabilities(key, index, moves)
        return [
            (m.node, m.key, me if p is not None else None, m.name, index, CHANCE, p)
            for m, p in zip(moves, probabilities, strict=True)
        ]

    def probabilities(
        self, chance_key: Node, index: int, moves: list[_Move]
    ) -> list[Fraction | None]:
        """Each outcome's exact probability (``None`` where unreadable); checks the sum."""
        reader = self.reader
        values: list[Fraction | None] = []
        used: set[str] = set()
        for move in moves:
            value: Fraction | None = None
            if isinstance(move.node, MappingNode):
                # A child that is not a mapping is reported when the walk reaches it.
                written = _key_value(move.node, "prob")
                if written is None:
                    reader.problem(
                        move.node,
                        f"outcome '{move.name}' of the chance node at '{self.path(index)}' "
                        "has no 'prob'",
                        "add 'prob: NUMBER' to it (e.g. 'prob: 1/2'); the probabilities of a "
                        "chance node's outcomes sum to 1",
                    )
                else:
                    value = reader.number(written, f"the probability of '{move.name}'")
                    names = _formula_names(written)
                    used |= names
                    if value is not None and not 0 <= value <= 1:
                        reader.problem(
                            written,
                            f"the probability of '{move.name}' is {value}"
                            f"{self.with_values(names, brackets=True)}, "
                            + ("below 0" if value < 0 else "above 1"),
                            "a probability is between 0 and 1, e.g. 1/4 or 0.25",
                        )
                        value = None
            values.append(value)
        if all(v is not None for v in values):
            total = sum((v for v in values if v is not None), Fraction(0))
            if total != 1:
                gap = f"{1 - total} is missing" if total < 1 else f"they are {total - 1} too much"
                reader.problem(
                    chance_key,
                    f"the probabilities of the chance node at '{self.path(index)}' sum to "
                    f"{total}{self.with_values(used, brackets=True)}, not 1",
                    f'make them add up to exactly 1 ({gap}); fractions such as "1/3" are exact',
                )
        return values

    def with_values(self, names: set[str] | frozenset[str], brackets: bool = False) -> str:
        """`` with p = 3/5, q = 1`` for the parameters formulas used: their values may come
        from ``--set``, so the user needs to see which were used."""
        known = [n for n in sorted(names) if n in self.reader.parameters]
        if not known:
            return ""
        text = "with " + ", ".join(f"{n} = {self.reader.parameters[n]}" for n in known)
        return f" ({text})" if brackets else f" {text}"

    def terminal(
        self,
        keys: dict[str, tuple[Node, Node]],
        index: int,
        parent: int | None,
        prob: Fraction | None,
        label: str | None,
        before: int,
    ) -> None:
        reader = self.reader
        node = keys["payoffs"][1]
        at = f"'{self.path(index)}'"
        if self.names is None:
            # The players could not be read: still check that the payoffs are numbers.
            items = (
                node.value
                if isinstance(node, SequenceNode)
                else [v for _, v in node.value]
                if isinstance(node, MappingNode)
                else []
            )
            for item in items:
                reader.number(item, f"a payoff at {at}")
            return
        payoffs = read_payoff_leaf(reader, node, self.names, at)
        if payoffs is not None and parent is not None and len(reader.problems) == before:
            self.builder.add(
                parent,
                self.move[index],
                kind=TERMINAL,
                prob=prob,
                label=label,
                payoffs=payoffs,
            )
            self.yaml_of.append(self.node[index])

    # ----------------------------------------------------------------------- after the walk

    def check_ids(self) -> None:
        """Labels and infoset names must not clash with each other or with path ids."""
        reader = self.reader
        for label, node, infoset in self.label_uses:
            if label in self.infosets and label != infoset:
                reader.problem(
                    node,
                    f"label '{label}' is also the name of an information set "
                    f"(line {self.line(self.infosets[label])})",
                    "decision point ids must be unique: rename the label or the infoset",
                )
            elif label in self.unnamed:
                self.path_clash(node, f"label '{label}'", self.unnamed[label])
        for name, node in self.infosets.items():
            if name in self.unnamed:
                self.path_clash(node, f"infoset '{name}'", self.unnamed[name])

    def path_clash(self, node: Node, what: str, index: int) -> None:
        where = "the root" if index == 0 else f"the node reached by the move '{self.path(index)}'"
        self.reader.problem(
            node,
            f"{what} is also the id of the decision point at {where} "
            f"(line {self.line(self.node[index])}), which has no label",
            "decision point ids must be unique: choose another name, or label that node",
        )

    def locate_builder_problems(self) -> None:
        for problem in self.builder.problems:
            node = self.infoset_at.get(problem.node, self.yaml_of[problem.node])
            message = problem.message
            if isinstance(node, ScalarNode) and node.value.strip() in self.infosets:
                first = self.infosets[node.value.strip()]
                message += f" (its first node is at line {self.line(first)})"
            self.reader.problem(node, message, problem.hint)

    def build(self, tree_node: Node) -> GameTree | None:
        try:
            return self.builder.build()
        except ValueError as exc:
            # Every structural problem should have been reported above; should one slip
            # through, the user still gets a located message rather than a traceback.
            self.reader.problem(tree_node, f"the tree is not well formed: {exc}")
            return None

    def check_recall(self, tree: GameTree) -> bool:
        """Report information sets that violate perfect recall; whether there were none."""
        violations = tree.recall_violations()
        for infoset, first, other in violations:
            h = tree.infosets[infoset]
            player = tree.players[h.player]
            one, two = tree.path_name(first), tree.path_name(other)
            self.reader.problem(
                self.infoset_at.get(other, self.yaml_of[other]),
                f"information set '{h.name}' breaks perfect recall: {player} cannot tell "
                f"'{one}' (line {self.line(self.yaml_of[first])}) from '{two}' "
                f"(line {self.line(self.yaml_of[other])}), though different moves of their own "
                f"lead there (to '{one}': {_history(tree, first, h.player)}; to '{two}': "
                f"{_history(tree, other, h.player)})",
                "a player remembers their own earlier moves (ggcalc's solvers rely on it): "
                "give these nodes different 'infoset' names",
            )
        return not violations


def _history(tree: GameTree, node: int, player: int) -> str:
    """The player's own moves on the way to ``node``, e.g. ``In at 'start'``."""
    path = tree.path(node)
    moves = [
        f"{tree.move[child]} at '{tree.infosets[tree.infoset[v]].name}'"
        for v, child in pairwise(path)
        if tree.kind[v] == DECISION and tree.owner(v) == player
    ]
    return ", then ".join(moves) if moves else "no move yet"
