"""Scenarios: a validated scenario file with exact numbers and bound parameters (CONTRACT 1)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path

from ggcalc.efg_reader import read_efg
from ggcalc.errors import InputError, Location, Problem, UsageError
from ggcalc.expectations import Expectations, read_expect
from ggcalc.expressions import ExpressionError, parse_number
from ggcalc.game import NormalFormGame
from ggcalc.nfg_reader import read_nfg
from ggcalc.normal_form_reader import read_normal_form
from ggcalc.reader import NodeReader, did_you_mean
from ggcalc.solution import Solution, SourceInfo
from ggcalc.solve import solve
from ggcalc.tree import GameTree
from ggcalc.tree_reader import read_tree
from ggcalc.tree_solve import solve_tree, strategic_form
from ggcalc.yaml_reader import MappingNode, Node, ScalarNode, SequenceNode, read_source, read_yaml

__all__ = ["TOP_LEVEL_KEYS", "Scenario", "load", "parse_override"]

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
class Scenario:
    """A loaded, validated scenario: its texts, its parameters and its game.

    Made by :func:`load`. ``expect`` keeps the published equilibria block as written (its
    located YAML node) for ``ggcalc check``.
    """

    title: str
    game: NormalFormGame | GameTree
    file: str | None = None
    description: str = ""
    sources: list[str] = field(default_factory=list)
    parameters: dict[str, Fraction] = field(default_factory=dict)
    form: str = "normal"
    expect: Node | None = field(default=None, repr=False)
    #: The ``expect`` block, read and checked against the game (None if there is none).
    expectations: Expectations | None = None
    #: Things the reader changed that the user should know (e.g. renamed .nfg strategies).
    notes: list[str] = field(default_factory=list)
    #: How to read the game (e.g. what a strategic form's strategy names mean).
    legend: list[str] = field(default_factory=list)

    def solve(
        self,
        concept: str | None = None,
        method: str = "auto",
        timeout: float | None = None,
    ) -> Solution:
        """Solve the scenario's game; see :func:`ggcalc.solve.solve` (normal form) and
        :func:`ggcalc.tree_solve.solve_tree` (trees) for the options. The default concept is
        ``nash`` for normal-form games and ``subgame-perfect`` for trees."""
        source = SourceInfo(self.title, self.file, self.form)
        if isinstance(self.game, GameTree):
            solution = solve_tree(
                self.game,
                concept=concept or "subgame-perfect",
                method=method,
                timeout=timeout,
                source=source,
            )
        else:
            solution = solve(
                self.game, concept=concept or "nash", method=method, timeout=timeout, source=source
            )
        solution.warnings[:0] = self.notes
        solution.notes[:0] = self.legend
        return solution

    def strategic(self) -> Scenario:
        """The same scenario with a tree replaced by its reduced strategic form (normal form);
        a normal-form scenario is returned as it is."""
        if not isinstance(self.game, GameTree):
            return self
        game, legend = strategic_form(self.game)
        return replace(
            self,
            title=f"{self.title} (reduced strategic form)",
            game=game,
            form="normal",
            legend=legend,
        )


def parse_override(value: object, name: str, file: str | None = None) -> Fraction:
    """An exact value for ``--set NAME=VALUE`` or a keyword override of :func:`load`.

    A Python float is read through its shortest repr, so ``0.1`` means exactly 1/10.
    """
    where = Location(file) if file else None
    if isinstance(value, bool):
        raise UsageError(f"parameter '{name}' must be a number, got {value}", location=where)
    if isinstance(value, int | Fraction):
        return Fraction(value)
    if isinstance(value, float):
        text = repr(value)
    elif isinstance(value, str):
        text = value
    else:
        raise UsageError(
            f"parameter '{name}' must be a number, got {type(value).__name__}", location=where
        )
    try:
        exact = parse_number(text)
    except ExpressionError as exc:
        raise UsageError(
            f"parameter '{name}': {exc.message}", location=where, hint=exc.hint
        ) from None
    if exact is None:
        raise UsageError(
            f"parameter '{name}' must be a number, got '{text}'",
            location=where,
            hint="write an integer, a decimal or a fraction such as 2/3",
        )
    return exact


def load(source: str | Path, **overrides: object) -> Scenario:
    """Load and validate a scenario from a path or from YAML text.

    Parameters
    ----------
    source
        A path to a ``.yaml`` file, or the YAML text itself.
    **overrides
        Parameter values replacing those in the file (what ``--set name=value`` does).

    Raises
    ------
    ggcalc.errors.InputError
        With every problem found, each located as ``FILE:LINE:COL``.

    Examples
    --------
    >>> scenario = load("title: PD\\nplayers: {A: [C, D], B: [C, D]}\\npayoffs:\\n"
    ...     "  C: {C: [3, 3], D: [0, 5]}\\n  D: {C: [5, 0], D: [1, 1]}\\n")
    >>> [eq.profile for eq in scenario.solve().equilibria] == [((0, 1), (0, 1))]
    True
    """
    text, file = read_source(source)
    if (file or "").lower().endswith((".nfg", ".efg")) or (
        file is None and text.lstrip()[:3] in ("NFG", "EFG")
    ):
        return _load_gambit(text, file, overrides)
    return read_document(text, file, source).scenario(overrides)


@dataclass
class Document:
    """A YAML scenario read and checked up to its game: what every evaluation of the game at
    new parameter values shares (``ggcalc sweep`` builds the game once per point from here,
    without reading the YAML again)."""

    file: str | None
    root: MappingNode
    keys: dict[str, tuple[Node, Node]]
    title: str
    description: str
    sources: list[str]
    parameters: dict[str, Fraction]
    unusable: set[str]
    problems: list[Problem]

    def scenario(
        self, overrides: Mapping[str, object] | None = None, *, expectations: bool = True
    ) -> Scenario:
        """The scenario with ``overrides`` replacing parameter values (``--set``).

        ``expectations`` false skips reading the ``expect`` block (a sweep solves the game at
        values the published answer is not about)."""
        file, keys, root, title = self.file, self.keys, self.root, self.title
        reader = NodeReader(file)
        reader.problems = list(self.problems)
        reader.unusable = set(self.unusable)
        parameters = dict(self.parameters)
        for name, value in (overrides or {}).items():
            if name not in parameters and name not in reader.unusable:
                known = ", ".join(parameters) or "none"
                raise UsageError(
                    f"unknown parameter '{name}' (this scenario's parameters: {known})",
                    location=Location(file),
                    hint=did_you_mean(name, parameters),
                )
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
    """Read a YAML scenario's text up to its game (see :class:`Document`)."""
    root = read_yaml(text, file)
    reader = NodeReader(file)
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


def _load_gambit(text: str, file: str | None, overrides: Mapping[str, object]) -> Scenario:
    """A Gambit file (``.nfg`` strategic form or ``.efg`` extensive form) as a scenario. They
    have no parameters, so no overrides."""
    tree = (file or "").lower().endswith(".efg") or (file is None and text.lstrip()[:3] == "EFG")
    suffix = ".efg" if tree else ".nfg"
    if overrides:
        raise UsageError(
            f"unknown parameter '{next(iter(overrides))}' (Gambit {suffix} files have none)",
            location=Location(file),
        )
    notes: list[Problem] = []
    game = read_efg(text, file, notes=notes) if tree else read_nfg(text, file, notes=notes)
    return Scenario(
        title=game.title or Path(file or f"game{suffix}").stem,
        game=game,
        file=file,
        form="sequential" if tree else "normal",
        notes=[str(note) for note in notes],
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
