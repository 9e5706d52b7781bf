"""Read the normal-form part of a scenario (CONTRACT 1.1) into a :class:`NormalFormGame`."""

from __future__ import annotations

import math
from fractions import Fraction

from ggcalc.errors import did_you_mean
from ggcalc.io.yaml.node_reader import NodeReader
from ggcalc.io.yaml.nodes import MappingNode, Node, SequenceNode
from ggcalc.model.normal_form import NormalFormGame, strides_of

__all__ = ["read_normal_form", "read_payoff_leaf"]

_PLAYERS_HINT = "write each player as 'Name: [strategy, strategy, ...]'"


def read_players(reader: NodeReader, node: Node) -> list[tuple[str, list[str]]] | None:
    """The ordered players and their strategy names, from the ``players`` mapping.

    Parameters
    ----------
    reader : NodeReader
        Reads the names and collects the problems found.
    node : Node
        The value of ``players``: a mapping of each player to a list of strategy names.

    Returns
    -------
    list of tuple of (str, list of str) or None
        Each readable player with its distinct strategies, in file order; None when
        ``players`` is not a mapping. Problems (empty lists, repeated strategies, unreadable
        names) are recorded on ``reader`` and the entries concerned left out.
    """
    if not reader.expect_kind(node, MappingNode, "'players'", _PLAYERS_HINT):
        return None
    players: list[tuple[str, list[str]]] = []
    for key, value in node.value:
        name = reader.name(key, "a player's name")
        if name is None:
            continue
        if not isinstance(value, SequenceNode):
            reader.expect_kind(value, SequenceNode, f"the strategies of '{name}'", _PLAYERS_HINT)
            continue
        if not value.value:
            reader.problem(value, f"'{name}' has no strategies", "list at least one")
            continue
        strategies: list[str] = []
        for item in value.value:
            strategy = reader.name(item, f"a strategy of '{name}'")
            if strategy is None:
                continue
            if strategy in strategies:
                reader.problem(
                    item,
                    f"'{name}' has two strategies called '{strategy}'",
                    "give every strategy of a player a different name",
                )
                continue
            strategies.append(strategy)
        players.append((name, strategies))
    if not node.value:
        reader.problem(node, "'players' is empty", _PLAYERS_HINT)
    return players


def read_normal_form(
    reader: NodeReader, players_node: Node, payoffs_node: Node, title: str
) -> NormalFormGame | None:
    """Build the game, recording every problem in ``reader``; ``None`` if any was found.

    Payoffs are nested one mapping level per player, in player order, down to a leaf read by
    :func:`read_payoff_leaf`; a missing strategy at any level is reported with an example
    profile. Payoffs are not read when the players could not be.

    Parameters
    ----------
    reader : NodeReader
        Reads names and exact numbers (with the scenario's parameters) and collects problems.
    players_node : Node
        The value of ``players``.
    payoffs_node : Node
        The value of ``payoffs``.
    title : str
        The scenario's title, kept on the game.

    Returns
    -------
    NormalFormGame or None
        The game with exact payoffs, or ``None`` if ``reader`` holds any problem.
    """
    problems_before = len(reader.problems)
    players = read_players(reader, players_node)
    if players is None or not players or len(reader.problems) > problems_before:
        # Payoffs cannot be checked against players we could not read.
        return None
    names = [name for name, _ in players]
    strategies = [s for _, s in players]
    payoffs = _Tables(len(players), tuple(len(s) for s in strategies))
    _read_level(reader, payoffs_node, names, strategies, (), payoffs)
    if reader.problems:
        return None
    return NormalFormGame.from_tables(names, strategies, payoffs.tables, title)


class _Tables:
    """Flat payoff tables filled profile by profile (``tables[(player, *profile)] = value``)."""

    def __init__(self, players: int, shape: tuple[int, ...]):
        self.strides = strides_of(shape)
        self.tables: list[list[Fraction]] = [
            [Fraction(0)] * math.prod(shape) for _ in range(players)
        ]

    def __setitem__(self, key: tuple[int, ...], value: Fraction) -> None:
        player, *profile = key
        self.tables[player][
            sum(s * step for s, step in zip(profile, self.strides, strict=True))
        ] = value


def _profile_text(names: list[str], strategies: list[list[str]], profile: tuple[int, ...]) -> str:
    return ", ".join(f"{names[p]}: {strategies[p][s]}" for p, s in enumerate(profile))


def _read_level(
    reader: NodeReader,
    node: Node,
    names: list[str],
    strategies: list[list[str]],
    prefix: tuple[int, ...],
    payoffs: _Tables,
) -> None:
    level = len(prefix)
    if level == len(names):
        _read_leaf(reader, node, names, strategies, prefix, payoffs)
        return
    player = names[level]
    where = (
        "'payoffs'" if level == 0 else f"payoffs under ({_profile_text(names, strategies, prefix)})"
    )
    if not reader.expect_kind(
        node,
        MappingNode,
        where,
        f"nest payoffs by strategy: one level per player, here the strategies of '{player}'",
    ):
        return
    index = {s: i for i, s in enumerate(strategies[level])}
    seen: set[int] = set()
    for key, value in node.value:
        strategy = reader.name(key, f"a strategy of '{player}'")
        if strategy is None:
            continue
        if strategy not in index:
            hint = did_you_mean(strategy, strategies[level])
            reader.problem(
                key,
                f"'{strategy}' is not a strategy of '{player}' "
                f"(expected one of: {', '.join(strategies[level])})",
                hint or f"payoffs are nested in player order; this level is '{player}'",
            )
            continue
        seen.add(index[strategy])
        _read_level(reader, value, names, strategies, (*prefix, index[strategy]), payoffs)
    for missing in sorted(set(range(len(strategies[level]))) - seen):
        remaining = [range(len(s)) for s in strategies[level + 1 :]]
        example = (*prefix, missing, *(0 for _ in remaining))
        count = math.prod(len(r) for r in remaining)
        reader.problem(
            node,
            f"no payoffs for '{strategies[level][missing]}' of '{player}'"
            + (
                f" here ({count} profiles, e.g. {_profile_text(names, strategies, example)})"
                if count > 1
                else f" ({_profile_text(names, strategies, example)})"
            ),
            f"add '{strategies[level][missing]}:' to this mapping",
        )


def _read_leaf(
    reader: NodeReader,
    node: Node,
    names: list[str],
    strategies: list[list[str]],
    profile: tuple[int, ...],
    payoffs: _Tables,
) -> None:
    at = f"({_profile_text(names, strategies, profile)})"
    if isinstance(node, MappingNode):
        keys = {str(k.value).strip() for k, _ in node.value if hasattr(k, "value")}
        every_strategy = {s for player_strategies in strategies for s in player_strategies}
        if keys and not keys & set(names) and keys <= every_strategy:
            reader.problem(
                node,
                f"the payoffs at {at} are nested one level too deep: found strategies "
                f"({', '.join(sorted(keys))}) where the payoffs belong",
                f"there is one level per player ({len(names)}); here write "
                f"[{', '.join(names)}] payoffs directly",
            )
            return
    values = read_payoff_leaf(reader, node, names, at)
    if values is None:
        return
    for p, v in enumerate(values):
        payoffs[(p, *profile)] = v


def read_payoff_leaf(
    reader: NodeReader, node: Node, names: list[str], at: str
) -> list[Fraction] | None:
    """One exact payoff per player, from a list in player order or a mapping player -> payoff.

    Shared by normal-form payoff leaves and the terminal nodes of game trees, so both accept
    the same two forms with the same messages.

    Parameters
    ----------
    reader : NodeReader
        Reads the exact numbers and collects the problems found.
    node : Node
        The payoff leaf as written.
    names : list of str
        The players, in order.
    at : str
        Where the leaf is, for messages: a profile such as ``(Row: Up, Col: Left)`` or a path
        of moves in quotes.

    Returns
    -------
    list of Fraction or None
        The payoffs in player order, or ``None`` if any problem was recorded.
    """
    n = len(names)
    values: list[Fraction | None] = [None] * n
    if isinstance(node, SequenceNode):
        if len(node.value) != n:
            reader.problem(
                node,
                f"{len(node.value)} payoff{'s' if len(node.value) != 1 else ''} at {at}, "
                f"expected {n} (one per player: {', '.join(names)})",
                "list one payoff per player, in player order",
            )
            return None
        for p, item in enumerate(node.value):
            values[p] = reader.number(item, f"{names[p]}'s payoff at {at}")
    elif isinstance(node, MappingNode):
        for key, item in node.value:
            name = reader.name(key, "a player's name")
            if name is None:
                continue
            if name not in names:
                reader.problem(
                    key,
                    f"'{name}' is not a player (expected one of: {', '.join(names)})",
                    did_you_mean(name, names) or "use the names given in 'players'",
                )
                continue
            values[names.index(name)] = reader.number(item, f"{name}'s payoff at {at}")
        absent = [
            names[p]
            for p in range(n)
            if all(
                not (hasattr(k, "value") and str(k.value).strip() == names[p])
                for k, _ in node.value
            )
        ]
        if absent:
            reader.problem(
                node,
                f"no payoff for {', '.join(absent)} at {at}",
                "give every player's payoff",
            )
            return None
    else:
        reader.problem(
            node,
            f"the payoffs at {at} must be a list [{', '.join(names)}] or a mapping player: payoff",
            f"e.g. [{', '.join('0' for _ in names)}]",
        )
        return None
    if any(v is None for v in values):
        return None
    return [v for v in values if v is not None]
