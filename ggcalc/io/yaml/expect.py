"""Published equilibria (``expect``, CONTRACT 1.3): read them, compare them with a solution, and
write equilibria back in the same form.

An ``expect`` block maps a solution concept (``nash``; for trees also ``subgame-perfect``) to
the complete list of its equilibria. Each entry gives every player's strategy:

* normal form: a strategy name (pure) or a mapping strategy -> probability (omitted: 0);
* trees: a mapping decision point -> action (or action -> probability); a player with a single
  decision point may give the action (or the mapping action -> probability) directly. Every
  decision point of a player who moves must be given.

Comparison is exact: an entry matches an equilibrium when every probability is equal.

Why one module: reading, comparing and writing ``expect`` are one format, whose reader (both
forms' entries, with a located message for each mistake) must accept exactly what
:func:`expect_block` writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ggcalc.errors import Location, did_you_mean
from ggcalc.exact.algebraic import Real, approx_text, exact_text
from ggcalc.exact.algebraic_text import parse_exact
from ggcalc.io.yaml.flow import flow, profile_value, scalar
from ggcalc.io.yaml.node_reader import NodeReader, kind_of
from ggcalc.io.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ggcalc.model.normal_form import NormalFormGame
from ggcalc.model.scenario import Expectations
from ggcalc.model.solution import Profile, Solution, solution_profiles
from ggcalc.model.tree import GameTree

__all__ = [
    "CONCEPTS_BY_FORM",
    "Comparison",
    "compare",
    "expect_block",
    "read_expect",
]

#: The concepts an ``expect`` block may list, by scenario form.
CONCEPTS_BY_FORM = {"normal": ("nash",), "sequential": ("subgame-perfect", "nash")}
#: Longest equilibrium written on one line (flow style) by :func:`expect_block`.
LINE_LIMIT = 96


def read_expect(
    reader: NodeReader, node: Node, game: NormalFormGame | GameTree
) -> Expectations | None:
    """Read and validate an ``expect`` block against the game; problems go to ``reader``.

    Each concept must be one the scenario's form allows (:data:`CONCEPTS_BY_FORM`) and list
    each equilibrium once; every entry must name every player who moves, with existing
    strategies or actions, and probabilities between 0 and 1 summing to exactly 1.

    Parameters
    ----------
    reader : NodeReader
        Reads names and exact numbers and collects the problems found.
    node : Node
        The value of ``expect``.
    game : NormalFormGame or GameTree
        The scenario's game, whose players, strategies and decision points entries must name.

    Returns
    -------
    Expectations or None
        The published equilibria of each concept as exact profiles, each with where it is
        written; None if any problem was found in the block.
    """
    before = len(reader.problems)
    form = "sequential" if isinstance(game, GameTree) else "normal"
    allowed = CONCEPTS_BY_FORM[form]
    concepts: dict[str, list[tuple[Profile, Location]]] = {}
    hint = f"write 'expect:' then {' or '.join(repr(c + ':') for c in allowed)} and a list"
    if not reader.expect_kind(node, MappingNode, "'expect'", hint):
        return None
    if not node.value:
        reader.problem(node, "'expect' is empty", hint)
    for key, value in node.value:
        concept = reader.name(key, "a solution concept")
        if concept is None:
            continue
        if concept not in allowed:
            known = concept in CONCEPTS_BY_FORM["sequential"]  # subgame-perfect, in normal form
            reader.problem(
                key,
                f"'{concept}' equilibria are for sequential (tree) scenarios; this one is in "
                "normal form"
                if known
                else f"unknown solution concept '{concept}'",
                "use nash"
                if known
                else did_you_mean(concept, allowed) or f"use {' or '.join(allowed)}",
            )
            continue
        if not reader.expect_kind(
            value, SequenceNode, f"'expect: {concept}'", "list one equilibrium per item ('- ...')"
        ):
            continue
        entries: list[tuple[Profile, Location]] = []
        seen: dict[Profile, Location] = {}
        for item in value.value:
            profile = (
                _read_tree_entry(reader, item, game)
                if isinstance(game, GameTree)
                else _read_normal_entry(reader, item, game)
            )
            if profile is None:
                continue
            where = reader.where(item)
            if profile in seen:
                reader.problem(
                    item,
                    f"this equilibrium is listed twice under '{concept}' (first at line "
                    f"{seen[profile].line})",
                    "list each equilibrium once",
                )
                continue
            seen[profile] = where
            entries.append((profile, where))
        concepts[concept] = entries
    if len(reader.problems) > before:
        return None
    return Expectations(concepts, reader.where(node))


def _player_entries(
    reader: NodeReader, item: Node, players: tuple[str, ...], moving: set[str]
) -> dict[int, Node] | None:
    """The entry's player -> node pairs, with unknown and missing players reported."""
    if not reader.expect_kind(
        item,
        MappingNode,
        "an expected equilibrium",
        "give every player's strategy, e.g. {Row: Up, Column: Left}",
    ):
        return None
    found: dict[int, Node] = {}
    ok = True
    for key, value in item.value:
        name = reader.name(key, "a player's name")
        if name is None:
            ok = False
            continue
        if name not in players:
            reader.problem(
                key,
                f"unknown player '{name}'",
                did_you_mean(name, players) or "the players are: " + ", ".join(players),
            )
            ok = False
            continue
        found[players.index(name)] = value
    missing = [p for i, p in enumerate(players) if i not in found and p in moving]
    if missing and ok:
        reader.problem(
            item,
            f"this equilibrium does not give the strategy of {', '.join(missing)}",
            "an expected equilibrium gives every player's strategy",
        )
        ok = False
    return found if ok else None


def _read_normal_entry(reader: NodeReader, item: Node, game: NormalFormGame) -> Profile | None:
    found = _player_entries(reader, item, game.players, set(game.players))
    if found is None:
        return None
    profile = []
    for i, player in enumerate(game.players):
        mix = _read_choice(reader, found[i], game.strategies[i], player, "strategy")
        if mix is None:
            return None
        profile.append(mix)
    return tuple(profile)


def _read_tree_entry(reader: NodeReader, item: Node, tree: GameTree) -> Profile | None:
    points: dict[int, list[int]] = {i: [] for i in range(tree.n_players)}
    for h in range(len(tree.infosets)):
        points[tree.infoset_player[h]].append(h)
    moving = {tree.players[i] for i, hs in points.items() if hs}
    found = _player_entries(reader, item, tree.players, moving)
    if found is None:
        return None
    behavior: list[tuple[Real, ...] | None] = [None] * len(tree.infosets)
    ok = True
    for i, node in found.items():
        player = tree.players[i]
        own = points[i]
        names = [tree.infoset_name(h) for h in own]
        if not own:
            if not (isinstance(node, MappingNode) and not node.value):
                reader.problem(
                    node, f"{player} has no decision point", "leave the player out (or write {})"
                )
                ok = False
            continue
        by_point = isinstance(node, MappingNode) and (
            len(own) > 1 or _names_decision_points(node, names, tree.infoset_actions[own[0]])
        )
        if not by_point:
            if len(own) > 1:
                reader.problem(
                    node,
                    f"{player} has {len(own)} decision points, so give an action for each",
                    "write {decision point: action, ...}; decision points: " + ", ".join(names),
                )
                ok = False
                continue
            h = own[0]
            mix = _read_choice(reader, node, tree.infoset_actions[h], player, "action")
            ok = ok and mix is not None
            behavior[h] = mix
            continue
        assert isinstance(node, MappingNode)
        given: set[int] = set()
        for key, value in node.value:
            point = reader.name(key, "a decision point")
            if point is None:
                ok = False
                continue
            if point not in names:
                reader.problem(
                    key,
                    f"{player} has no decision point '{point}'",
                    did_you_mean(point, names)
                    or f"{player}'s decision points: " + ", ".join(names),
                )
                ok = False
                continue
            h = own[names.index(point)]
            given.add(h)
            mix = _read_choice(
                reader, value, tree.infoset_actions[h], f"{player} at '{point}'", "action"
            )
            ok = ok and mix is not None
            behavior[h] = mix
        missing = [tree.infoset_name(h) for h in own if h not in given]
        if missing and ok:
            reader.problem(
                node,
                f"{player}'s action is missing at {', '.join(repr(m) for m in missing)}",
                "an expected equilibrium gives an action at every decision point",
            )
            ok = False
    if not ok:
        return None
    assert all(mix is not None for mix in behavior)
    return tuple(behavior)  # type: ignore[arg-type]


def _names_decision_points(node: MappingNode, names: list[str], actions: tuple[str, ...]) -> bool:
    """Whether a single-decision-point player's mapping is ``{decision point: action}`` rather
    than ``{action: probability}``: its keys are decision points, or its values name actions."""
    keys = [k.value.strip() for k, _ in node.value if isinstance(k, ScalarNode)]
    if keys and all(k in names for k in keys):
        return True
    if keys and all(k in actions for k in keys):
        return False
    return any(
        isinstance(v, MappingNode) or (isinstance(v, ScalarNode) and v.value.strip() in actions)
        for _, v in node.value
    )


def _read_choice(
    reader: NodeReader, node: Node, options: tuple[str, ...], who: str, noun: str
) -> tuple[Real, ...] | None:
    """A pure choice by name, or a mapping name -> probability summing to exactly 1.

    ``who`` says whose choice it is in messages ("Incumbent", "Alice at 'Alice #2'")."""
    if isinstance(node, ScalarNode):
        name = reader.name(node, f"the {noun} for {who}")
        if name is None:
            return None
        if name not in options:
            reader.problem(
                node,
                f"unknown {noun} '{name}' for {who}",
                did_you_mean(name, options) or f"the {noun}s are: " + ", ".join(options),
            )
            return None
        return tuple(Fraction(1 if o == name else 0) for o in options)
    if not isinstance(node, MappingNode):
        reader.problem(
            node,
            f"the {noun} for {who} must be a name or a mapping {noun} -> probability, got "
            f"{kind_of(node)}",
        )
        return None
    probabilities: dict[str, Real] = dict.fromkeys(options, Fraction(0))
    ok = True
    for key, value in node.value:
        name = reader.name(key, f"a {noun}")
        if name is None:
            ok = False
            continue
        if name not in options:
            reader.problem(
                key,
                f"unknown {noun} '{name}' for {who}",
                did_you_mean(name, options) or f"the {noun}s are: " + ", ".join(options),
            )
            ok = False
            continue
        if isinstance(value, MappingNode):
            p = _algebraic(reader, value, f"the probability of '{name}'")
        else:
            p = reader.number(value, f"the probability of '{name}'")
        if p is None:
            ok = False
            continue
        if not 0 <= p <= 1:
            reader.problem(
                value,
                f"the probability of '{name}' is {exact_text(p)}, not between 0 and 1",
            )
            ok = False
            continue
        probabilities[name] = p
    if not ok:
        return None
    values = list(probabilities.values())
    try:
        total: Real | None = sum(values, Fraction(0))
    except TypeError:  # numbers of different number fields
        total = None
    if total is None and _one_minus(values) is None:
        reader.problem(
            node,
            f"the probabilities for {who} are irrational numbers of different kinds, and "
            "ggcalc cannot add them up exactly yet",
            "write them with the same square root, as ggcalc --record does",
        )
        return None
    if total != 1 and (total is not None or not _one_minus(values)):
        reader.problem(
            node,
            f"the probabilities for {who} "
            + (f"sum to {exact_text(total)}, not 1" if total is not None else "do not sum to 1"),
            "exact fractions such as 1/3 add up exactly; omitted ones count as 0",
        )
        return None
    return tuple(probabilities[o] for o in options)


def _one_minus(values: list[Real]) -> bool | None:
    """For two irrational numbers of different fields (and rationals): whether they sum to 1,
    decided as ``a == 1 - rationals - b``; None for any other mixture of fields."""
    rational = sum((v for v in values if isinstance(v, Fraction)), Fraction(0))
    others = [v for v in values if not isinstance(v, Fraction)]
    if len(others) != 2:
        return None
    return bool(others[0] == 1 - rational - others[1])


def _algebraic(reader: NodeReader, node: MappingNode, what: str) -> Real | None:
    """``{exact: "(-1 + sqrt(5))/2", approx: "0.6180339887"}`` (CONTRACT §1.5) as a number.

    ``exact`` decides; ``approx``, if given, must agree with it to the digits it shows."""
    fields = {}
    for key, value in node.value:
        field = reader.name(key, f"a key of {what}")
        if field not in ("exact", "approx"):
            reader.problem(key, f"unknown key '{field}' in {what}", "use exact and approx")
            return None
        fields[field] = value
    if "exact" not in fields:
        reader.problem(node, f"{what} has no 'exact' value", 'e.g. {exact: "(-1 + sqrt(5))/2"}')
        return None
    text = reader.text(fields["exact"], f"the exact value of {what}")
    if text is None:
        return None
    try:
        number = parse_exact(text)
    except ValueError as error:
        reader.problem(fields["exact"], str(error), "e.g. (53 - sqrt(601))/46")
        return None
    if "approx" in fields:
        written = reader.text(fields["approx"], f"the approximate value of {what}")
        if written is None:
            return None
        approx = written.strip()
        digits = sum(c.isdigit() for c in approx.lstrip("-0."))
        if approx and approx_text(number, max(digits, 1)) != approx:
            reader.problem(
                fields["approx"],
                f"the approximate value {approx} of {what} does not match its exact value "
                f"{exact_text(number)} (≈ {approx_text(number)})",
                "correct approx, or leave it out: exact decides",
            )
            return None
    return number


@dataclass(frozen=True)
class Comparison:
    """Expected versus found equilibria of one concept.

    Attributes
    ----------
    missing : list of Profile
        Expected equilibria the solution does not have, in the order expected.
    unexpected : list of Profile
        Equilibria found that were not expected, in the solution's order.
    complete : bool
        Whether the solver proved its list complete (if not, a missing equilibrium may exist
        but not have been found).
    """

    missing: list[Profile]  # expected, not found
    unexpected: list[Profile]  # found, not expected
    complete: bool  # whether the solver proved its list complete

    @property
    def matches(self) -> bool:
        """Whether the expected and found equilibria are exactly the same set."""
        return not self.missing and not self.unexpected


def compare(expected: list[Profile], solution: Solution) -> Comparison:
    """Compare published equilibria with those of a solution, exactly.

    Parameters
    ----------
    expected : list of Profile
        The equilibria an ``expect`` block lists for the solution's concept.
    solution : Solution
        The certified solution of the game for that concept.

    Returns
    -------
    Comparison
        What is missing, what is unexpected, and whether the solution's list is complete.
    """
    found = solution_profiles(solution)
    found_set = set(found)
    expected_set = set(expected)
    return Comparison(
        [p for p in expected if p not in found_set],
        [p for p in found if p not in expected_set],
        solution.complete,
    )


def expect_block(
    game: NormalFormGame | GameTree, concepts: dict[str, list[Profile]], key: str = "expect"
) -> str:
    """The YAML text of an ``expect`` block listing ``concepts`` (what ``--record`` writes).

    Each equilibrium is one flow-style line (:func:`~ggcalc.io.yaml.flow.flow`) when it fits
    in :data:`LINE_LIMIT` characters, else one line per player; a concept without equilibria
    is written ``[]``.

    Parameters
    ----------
    game : NormalFormGame or GameTree
        The game the equilibria are of, for their names.
    concepts : dict of str to list of Profile
        Each concept's equilibria, in the order to write them.
    key : str, optional
        The block's top-level key.

    Returns
    -------
    str
        The block, ending in a newline.
    """
    lines = [f"{key}:"]
    for concept, profiles in concepts.items():
        lines.append(f"  {concept}:" + ("" if profiles else " []"))
        for profile in profiles:
            value = profile_value(game, profile)
            line = flow(value)
            if len(line) + 6 <= LINE_LIMIT:
                lines.append(f"    - {line}")
                continue
            first = True
            for player, choice in value.items():
                lines.append(f"    {'- ' if first else '  '}{scalar(player)}: {flow(choice)}")
                first = False
    return "\n".join(lines) + "\n"
