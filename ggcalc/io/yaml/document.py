"""A YAML scenario's top level (CONTRACT 1): its keys, title, description, sources and
parameters, read once; the game is then built from it for any parameter values."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from ggcalc.errors import InputError, Location, Problem, UsageError, did_you_mean
from ggcalc.exact.values import parse_override
from ggcalc.io.yaml.expect import read_expect
from ggcalc.io.yaml.node_reader import NodeReader
from ggcalc.io.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode, read_yaml
from ggcalc.io.yaml.normal_form import read_normal_form
from ggcalc.io.yaml.tree import read_tree
from ggcalc.model.normal_form import NormalFormGame
from ggcalc.model.scenario import Scenario
from ggcalc.model.tree import GameTree

__all__ = ["TOP_LEVEL_KEYS", "Document", "read_document"]

#: Every key a scenario file may have at its top level (CONTRACT 1).
TOP_LEVEL_KEYS = (
    "title",
    "description",
    "sources",
    "parameters",
    "players",
    "payoffs",
    "tree",
    "expect",
)
_IDENTIFIER = re.compile(r"^[^\W\d]\w*$")


@dataclass
class Document:
    """A YAML scenario read and checked up to its game.

    What every evaluation of the game at new parameter values shares: ``ggcalc sweep`` builds
    the game once per point from here (:meth:`scenario`), without reading the YAML again.
    Problems of the top level are collected, not raised: :meth:`scenario` raises them together
    with those of the game.

    Attributes
    ----------
    file : str or None
        The file's name (None for YAML text given directly).
    root : MappingNode
        The document's located top-level mapping.
    keys : dict of str to tuple of (Node, Node)
        Each known top-level key (:data:`TOP_LEVEL_KEYS`) given, to its key and value nodes.
    title : str
        The one-line title (empty when missing or invalid: a problem says so).
    description : str
        The description, stripped (empty when there is none).
    sources : list of str
        The cited sources, one entry each.
    parameters : dict of str to Fraction
        The declared parameters with valid values, exactly.
    unusable : set of str
        Declared parameters whose value was invalid (reported once, in :attr:`problems`).
    problems : list of Problem
        Every problem found so far: duplicate keys, unknown keys, the title, sources and
        parameters.
    """

    file: str | None
    root: MappingNode
    keys: dict[str, tuple[Node, Node]]
    title: str
    description: str
    sources: list[str]
    parameters: dict[str, Fraction]
    unusable: set[str]
    problems: list[Problem]

    def require_parameters(self, names: Iterable[str]) -> None:
        """Check that the scenario has a parameter of each of ``names``.

        A declared parameter whose value is invalid counts as known (overriding it is a way to
        fix it).

        Parameters
        ----------
        names : iterable of str
            Parameter names a user gave (to override, vary or fix).

        Raises
        ------
        UsageError
            For the first unknown name, with the scenario's parameters and the closest one.
        """
        known = set(self.parameters) | self.unusable
        for name in names:
            if name not in known:
                listed = ", ".join(self.parameters) or "none"
                raise UsageError(
                    f"unknown parameter '{name}' (this scenario's parameters: {listed})",
                    location=Location(self.file),
                    hint=did_you_mean(name, self.parameters),
                )

    def scenario(
        self, overrides: Mapping[str, object] | None = None, *, expectations: bool = True
    ) -> Scenario:
        """The scenario with ``overrides`` replacing parameter values (``--set``).

        The game is read from ``players`` and either ``payoffs`` (normal form) or ``tree``
        (sequential), its formulas evaluated at the parameter values; this document is not
        changed, so it can be evaluated again at other values.

        Parameters
        ----------
        overrides : mapping of str to object, optional
            Parameter values replacing the file's (numbers, or text such as ``"2/3"``); an
            override also gives a value to a parameter whose own value was invalid.
        expectations : bool, optional
            False skips reading the ``expect`` block (a sweep solves the game at values the
            published answer is not about).

        Returns
        -------
        Scenario
            The validated scenario, with its game and (when read) its published expectations.

        Raises
        ------
        ggcalc.errors.UsageError
            If an override names an unknown parameter, or its value is not a number.
        ggcalc.errors.ScenarioError
            With every problem of the document and its game (all at once), if there is any.
        """
        file, keys, root, title = self.file, self.keys, self.root, self.title
        reader = NodeReader(file)
        reader.problems = list(self.problems)
        reader.unusable = set(self.unusable)
        parameters = dict(self.parameters)
        self.require_parameters(overrides or {})
        for name, value in (overrides or {}).items():
            parameters[name] = parse_override(value, name, file)
            reader.unusable.discard(name)
        reader.parameters = parameters
        game: NormalFormGame | GameTree | None = None
        if "tree" in keys:
            if "payoffs" in keys:
                reader.problem(
                    keys["payoffs"][0],
                    "a scenario has either 'payoffs' (normal form) or 'tree' (sequential), "
                    "not both",
                    "remove one of them",
                )
            elif "players" not in keys:
                reader.problem(
                    root,
                    "the scenario has no 'players'",
                    "add 'players: [Name, ...]' in move order",
                )
            else:
                game = read_tree(reader, keys["players"][1], keys["tree"][1], title)
        elif "players" not in keys:
            reader.problem(
                root,
                "the scenario has no 'players'",
                "add 'players:' mapping each player to its strategies",
            )
        elif "payoffs" not in keys:
            reader.problem(
                root,
                "the scenario has no 'payoffs'",
                "add 'payoffs:' nested by strategy, one level per player",
            )
        elif isinstance(keys["players"][1], SequenceNode):
            reader.problem(
                keys["players"][1],
                "'players' is a list, which describes a sequential game; a normal-form game "
                "maps each player to its strategies",
                "write 'players: {Name: [strategy, ...], ...}'",
            )
        else:
            game = read_normal_form(reader, keys["players"][1], keys["payoffs"][1], title)
        published = None
        if game is not None and "expect" in keys and expectations:
            published = read_expect(reader, keys["expect"][1], game)
        reader.raise_if_problems()
        assert game is not None
        return Scenario(
            title=title,
            game=game,
            file=file,
            description=self.description,
            sources=list(self.sources),
            parameters=parameters,
            form="sequential" if isinstance(game, GameTree) else "normal",
            expect=keys["expect"][1] if "expect" in keys else None,
            expectations=published,
        )


def read_document(text: str, file: str | None, source: object = None) -> Document:
    """Read a YAML scenario's text up to its game (see :class:`Document`).

    Problems of the top level (unknown keys, the title, sources, parameters, duplicate keys)
    are collected in the document, not raised: :meth:`Document.scenario` reports them with
    those of the game.

    Parameters
    ----------
    text : str
        The YAML text.
    file : str or None
        The file's name, for locations (None for text given directly).
    source : object, optional
        What the user gave, for messages: a one-line path-like string that is not a file is
        reported as a missing file rather than as YAML that is not a mapping.

    Returns
    -------
    Document
        The top level, read and checked.

    Raises
    ------
    ggcalc.errors.InputError
        If the YAML is broken or unsafe (:func:`~ggcalc.io.yaml.nodes.read_yaml`), or the
        document is not a mapping of keys.
    """
    reader = NodeReader(file)
    # Duplicate keys are collected with every other problem, not raised alone.
    root = read_yaml(text, file, problems=reader.problems)
    if not isinstance(root, MappingNode):
        given = str(source).strip()
        if file is None and "\n" not in given and any(c in given for c in "/\\"):
            raise InputError(
                "no such file",
                location=Location(given),
                hint="check the path (YAML text given directly must be a mapping of keys)",
            )
        raise InputError(
            "a scenario must be a mapping of keys (title, players, payoffs, ...)",
            location=reader.where(root),
            hint="start the file with 'title: ...'",
        )
    keys: dict[str, tuple[Node, Node]] = {}
    for key, value in root.value:
        name = key.value if isinstance(key, ScalarNode) else None
        if name not in TOP_LEVEL_KEYS:
            hint = did_you_mean(str(name), TOP_LEVEL_KEYS)
            reader.problem(
                key,
                f"unknown key '{name}'",
                hint or "the keys are: " + ", ".join(TOP_LEVEL_KEYS),
            )
            continue
        keys[str(name)] = (key, value)

    title = ""
    if "title" in keys:
        title = (reader.text(keys["title"][1], "'title'") or "").strip()
        if "\n" in title:
            reader.problem(keys["title"][1], "'title' must be one line")
        elif not title and isinstance(keys["title"][1], ScalarNode):
            reader.problem(keys["title"][1], "'title' is empty", "name the scenario in one line")
    else:
        reader.problem(root, "the scenario has no 'title'", "add 'title: ...' (one line)")
    description = (
        reader.text(keys["description"][1], "'description'") or ""
        if ("description" in keys)
        else ""
    )
    sources = _read_sources(reader, keys["sources"][1]) if "sources" in keys else []
    parameters = _read_parameters(reader, keys["parameters"][1]) if "parameters" in keys else {}
    return Document(
        file,
        root,
        keys,
        title,
        description.strip(),
        sources,
        parameters,
        set(reader.unusable),
        list(reader.problems),
    )


def _read_sources(reader: NodeReader, node: Node) -> list[str]:
    if not reader.expect_kind(node, SequenceNode, "'sources'", "list one source per line"):
        return []
    return [s for item in node.value if (s := reader.text(item, "a source")) is not None]


def _read_parameters(reader: NodeReader, node: Node) -> dict[str, Fraction]:
    if not reader.expect_kind(node, MappingNode, "'parameters'", "write 'name: number' lines"):
        return {}
    parameters: dict[str, Fraction] = {}
    for key, value in node.value:
        name = reader.name(key, "a parameter name")
        if name is None:
            continue
        if not _IDENTIFIER.match(name):
            reader.problem(
                key,
                f"'{name}' cannot be a parameter name",
                "use letters, digits and underscores, starting with a letter (e.g. aid_cost)",
            )
            continue
        number = reader.number(value, f"parameter '{name}'", formulas=False)
        if number is None:
            reader.unusable.add(name)  # reported once here, not again in every formula
        else:
            parameters[name] = number
    return parameters
