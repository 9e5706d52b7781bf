"""Read YAML text into a tree of located nodes, safely.

Scenario validation needs to know where every value was written, so we stop PyYAML at the
*node* stage (``compose``) instead of constructing Python objects: every node keeps its line and
column, and scalars keep the exact text the user typed (so ``0.1`` can be read as exactly 1/10).

Guards, because scenario files come from anywhere:

* only the safe loader's resolver and composer are used; no object is ever constructed;
* nesting deeper than :data:`MAX_DEPTH` is refused, with the place where it starts, before
  Python's recursion limit can be reached;
* YAML aliases are allowed (they are handy for repeated payoffs) but the tree they expand to is
  measured on the shared node graph first, so an "alias bomb" (billion laughs) is refused in
  linear time instead of being expanded;
* duplicate keys in a mapping, which PyYAML silently resolves to the last one, are reported.

The fast path: libyaml (PyYAML's C binding, ``yaml.CSafeLoader``) composes about ten times
faster, so it is used when it is installed and the text is one it reads exactly as the
pure-Python loader does; otherwise, and whenever it raises anything, the pure-Python loader
composes the text again, so that every error is PyYAML's own, located the same way. The two
trees are the same: node classes, tags, values, styles and the line, column and index of every
start and end mark (both count characters, so non-ASCII text, CRLF line endings and tabs in
quoted strings come out alike; libyaml's plain style ``''`` and the flow style of a sequence at
its mapping's indentation are set to PyYAML's; the marks are of libyaml's own class, without
the text snippet PyYAML's keep for its error messages). The text must end with a line break
and hold no byte-order mark, no tag (``!``), no tab outside a quoted string and no ``#`` right
after a block scalar's ``|`` or ``>``, and a plain scalar inside brackets must not be empty or
hold a ``?``. libyaml recurses in C and would crash the process on very deep nesting, so it
only gets texts that a cheap bound proves nest at most 500 levels deep; its tree is then held
to :data:`MAX_DEPTH` as the Python composer would, and a deeper document goes to the Python
path, which reports where.

Why one module: the two composers, and the checks that make their trees one, are one reading of
the text; reading a file, and locating a node, are the two small things done with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml
from yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode, SequenceNode

from ggcalc.errors import InputError, Location, Problem, ScenarioError
from ggcalc.io.sources import SCENARIO_SUFFIXES

__all__ = [
    "MAX_DEPTH",
    "MAX_EXPANDED_NODES",
    "MAX_FILE_BYTES",
    "MappingNode",
    "Node",
    "ScalarNode",
    "SequenceNode",
    "location_of",
    "read_source",
    "read_yaml",
]

#: Deepest nesting accepted. Real scenarios nest a few levels per player (normal form) or per
#: move (trees); 200 leaves ample room and stays far below Python's recursion limit.
MAX_DEPTH = 200
#: Most nodes the document may expand to once aliases are followed (a 12-player game with two
#: strategies each has about 10^4 payoff nodes; anything far beyond is a mistake or an attack).
MAX_EXPANDED_NODES = 2_000_000
#: Largest scenario file read.
MAX_FILE_BYTES = 20 * 1024 * 1024

# libyaml's composer recurses in C, about 330 bytes of stack a level: 990 levels crash the process
# in a thread with 256 KiB of stack, some 25,000 would on an 8 MiB one. Texts that might nest
# deeper than this (165 KB of stack) go to the Python path, which needs no C stack to refuse them.
_C_DEPTH_LIMIT = 500
_BRACKET = re.compile(r"[\[\]{}]")
_TAG = re.compile(r"(?<!\w)!")
_COMMENT_ON_HEADER = re.compile(r"[|>][-+0-9]*#")


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark):
        self.mark = mark


class _LocatingLoader(yaml.SafeLoader):
    """The safe loader, with a depth guard on the (recursive) composer."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def location_of(node: Node, file: str | None) -> Location:
    """The 1-based line and column where ``node`` starts.

    Parameters
    ----------
    node : Node
        A node composed from the file.
    file : str or None
        The file's name (None for text given directly).

    Returns
    -------
    Location
        Where the node's first character is (PyYAML counts from 0; locations from 1).
    """
    mark = node.start_mark
    return Location(file, mark.line + 1, mark.column + 1)


def _mark_location(mark: yaml.Mark | None, file: str | None) -> Location:
    if mark is None:
        return Location(file)
    return Location(file, mark.line + 1, mark.column + 1)


def read_source(source: str | Path) -> tuple[str, str | None]:
    """Return ``(text, file name)`` for a path or for YAML text itself.

    A :class:`~pathlib.Path`, or a one-line string naming an existing file or ending in
    ``.yaml``/``.yml``/``.nfg``/``.efg``, is read as a file; any other string is taken to be
    YAML text. A file is read as UTF-8 (a byte-order mark is dropped), up to
    :data:`MAX_FILE_BYTES`.

    Parameters
    ----------
    source : str or Path
        A path, or the scenario's text itself.

    Returns
    -------
    tuple of (str, str or None)
        The text, and the file's name (None when ``source`` was the text).

    Raises
    ------
    ggcalc.errors.InputError
        If the path is a directory, does not exist or cannot be read, the file is larger than
        :data:`MAX_FILE_BYTES`, or it is not valid UTF-8 (located at the first bad byte).
    """
    path: Path | None = None
    if isinstance(source, Path):
        path = source
    elif (
        source.strip()
        and "\n" not in source
        and (
            source.lower().endswith(SCENARIO_SUFFIXES)
            or (len(source) < 4096 and Path(source).exists())
        )
    ):
        path = Path(source)
    if path is None:
        return str(source), None
    name = str(path)
    if path.is_dir():
        raise InputError(
            "is a directory, not a scenario file",
            location=Location(name),
            hint="give a scenario file (.yaml, or Gambit .nfg or .efg); "
            "validate accepts directories",
        )
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                f"file is {size:,} bytes, more than the {MAX_FILE_BYTES:,} a scenario may have",
                location=Location(name),
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            "no such file", location=Location(name), hint="check the path and its spelling"
        ) from None
    except OSError as exc:
        raise InputError(
            f"cannot read the file: {exc.strerror or exc}", location=Location(name)
        ) from None
    try:
        return data.decode("utf-8-sig"), name
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            location=Location(name, line, column),
            hint="save the file as UTF-8",
        ) from None


def read_yaml(text: str, file: str | None = None, *, problems: list[Problem] | None = None) -> Node:
    """Compose ``text`` into a located node tree, refusing unsafe or ambiguous documents.

    Without a ``problems`` list, duplicate keys are raised at once (as a
    :class:`~ggcalc.errors.ScenarioError` listing every repeat). With one, they are appended to
    it instead and the tree is returned with each repeated entry removed (every key kept as first
    given), so that a reader can report them together with every other problem of the file.

    Parameters
    ----------
    text : str
        The YAML document.
    file : str or None, optional
        The file's name, for locations (None for text given directly).
    problems : list of Problem or None, optional
        Where to append duplicate keys instead of raising them.

    Returns
    -------
    Node
        The root of the located node tree (aliases still shared, not expanded).

    Raises
    ------
    InputError
        For YAML syntax errors, several documents, an empty document, nesting deeper than
        :data:`MAX_DEPTH`, aliases expanding beyond :data:`MAX_EXPANDED_NODES`, or (listing every
        occurrence, only when no ``problems`` list is given) duplicate keys.
    """
    node = _compose_c(text)
    if node is None:
        node = _compose_python(text, file)
    if node is None:
        raise InputError(
            "the file is empty",
            location=Location(file, 1, 1),
            hint="start from an example in the README",
        )
    _check_expansion(node, file)
    duplicates = _duplicate_keys(node, file, drop=problems is not None)
    if problems is not None:
        problems.extend(duplicates)
    elif duplicates:
        raise ScenarioError(duplicates)
    return node


def _compose_python(text: str, file: str | None) -> Node | None:
    """Compose with the pure-Python loader, turning every YAML error into a located InputError."""
    loader: _LocatingLoader | None = None
    try:
        # PyYAML checks the characters as soon as the loader is built: keep that inside the try.
        loader = _LocatingLoader(text)
        node = loader.get_single_node()
    except _TooDeep as exc:
        raise InputError(
            f"the document is nested more than {MAX_DEPTH} levels deep",
            location=_mark_location(exc.mark, file),
            hint="a scenario never needs this much nesting; check for runaway brackets",
        ) from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, file) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise InputError(
            f"the file contains the control character {character!r}, which YAML does not allow",
            location=Location(file, line, column),
            hint="delete it (it is often invisible in editors) or write it as an escape in quotes",
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}".splitlines()[0], location=Location(file)) from None
    finally:
        if loader is not None:
            loader.dispose()
    return node


def _compose_c(text: str) -> Node | None:
    """Compose with libyaml, or return None unless the tree is the pure-Python one exactly."""
    if not (
        yaml.__with_libyaml__
        and text.endswith("\n")  # else libyaml moves the end marks to a line it invents
        and "\ufeff" not in text  # PyYAML's marks count a byte-order mark, libyaml's do not
        # libyaml resolves a '!' tag as a string, and ends tags at brackets and commas
        and ("!" not in text or _TAG.search(text) is None)
        and _COMMENT_ON_HEADER.search(text) is None  # PyYAML wants a space before that '#'
        and _depth_bound(text) <= _C_DEPTH_LIMIT
    ):
        return None
    try:
        loader = yaml.CSafeLoader(text)
        try:
            node: Node | None = loader.get_single_node()
        finally:
            loader.dispose()
        return node if node is not None and _as_python_would(node, text) else None
    except Exception:  # whatever went wrong, the Python path says it in its own words
        return None


def _depth_bound(text: str) -> int:
    """An upper bound of how deep ``text`` nests, whatever a YAML parser makes of it.

    On a path from the root, block collections come first. Each starts on its line after
    indentation and the indicators (``-``, ``?``, ``:``) of the collections it is compactly
    nested in, and is indented more than its parent but for a sequence written at its
    mapping's indentation (never two in a row): there are at most twice as many as the widest
    such line prefix. Flow collections follow: each is opened by a bracket, or is a single pair
    directly inside a bracketed sequence. A closing bracket is trusted only if it closes a
    bracket opened on its line before any quote or ``#``: both are then real, or both inside the
    same string, comment or block scalar. :meth:`str.splitlines` breaks lines at every YAML
    line break, and at a few other characters, which only makes the bound larger.
    """
    widest = depth = deepest = 0
    for line in text.splitlines():
        widest = max(widest, len(line) - len(line.lstrip(" \t-?:")))
        if "[" not in line and "{" not in line:
            continue
        clean = min((at for at in map(line.find, "'\"#") if at >= 0), default=len(line))
        opened_here = 0
        for match in _BRACKET.finditer(line):
            if match.group() in "[{":
                depth += 1
                deepest = max(deepest, depth)
                opened_here += match.start() < clean
            elif opened_here and match.start() < clean:
                depth -= 1
                opened_here -= 1
    return 2 * (widest + 1) + 2 * deepest + 1


def _as_python_would(root: Node, text: str) -> bool:
    """Make a libyaml tree the pure-Python one; False if it is not certain to be, or too deep.

    The two differ in known, fixable ways (libyaml gives plain scalars the style ``''``, not
    None, and a sequence written at its mapping's indentation the flow style False, not None),
    and are refused where PyYAML may read or mark the text otherwise (a tab outside a quoted
    scalar, a plain scalar in brackets that is empty or holds a ``?``, an anchor hiding where a
    sequence is indented). The walk visits the nodes in the composer's order, an
    alias as a node not looked into, so that it sees the depths the Python composer checks.
    """
    quoted: list[tuple[int, int]] = []
    seen: set[int] = set()
    stack: list[tuple[Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, in_flow = stack.pop()
        if depth > MAX_DEPTH:
            return False  # the Python path raises the error, at the place it gives
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.style == "":
                node.style = None
                if in_flow and (node.value == "" or "?" in node.value):
                    return False  # PyYAML marks an empty one elsewhere, ends one at '?'
            elif node.style in ("'", '"'):
                quoted.append((node.start_mark.index, node.end_mark.index))
            continue
        assert isinstance(node, CollectionNode)
        if isinstance(node, MappingNode) and node.flow_style is False:
            for key, value in node.value:
                if isinstance(key, SequenceNode) and key.flow_style is False:
                    return False
                if isinstance(value, SequenceNode) and value.flow_style is False:
                    if "&" in (text[node.start_mark.index], text[value.start_mark.index]):
                        return False  # an anchor hides where the indentation is
                    if value.start_mark.column == node.start_mark.column:
                        value.flow_style = None  # as PyYAML's parser marks it
        children = list(_children(node))
        stack.extend((child, depth + 1, node.flow_style is True) for child in reversed(children))
    return _tabs_quoted(text, quoted)


def _tabs_quoted(text: str, quoted: list[tuple[int, int]]) -> bool:
    """Whether every tab of ``text`` is inside one of the ``quoted`` (start, end) spans."""
    if "\t" not in text:
        return True
    spans = iter(sorted(quoted))
    start, end = next(spans, (0, 0))
    for tab in (match.start() for match in re.finditer("\t", text)):
        while tab >= end:
            start, end = next(spans, (len(text), len(text) + 1))
        if tab < start:
            return False
    return True


def _syntax_error(exc: yaml.MarkedYAMLError, file: str | None) -> InputError:
    """A located, plain-language message for a YAML syntax error."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    if "expected a single document" in (exc.context or ""):
        return InputError(
            "the file holds more than one YAML document",
            location=_mark_location(mark, file),
            hint="one file describes one game: remove the '---' separator and what follows",
        )
    if "'\\t'" in problem or "\t" in problem:
        return InputError(
            "a tab character is used for indentation, which YAML does not allow",
            location=_mark_location(mark, file),
            hint="indent with spaces only (set your editor to insert spaces for tabs)",
        )
    context = f" ({exc.context})" if exc.context else ""
    hint = "check the indentation and quoting on this line and the one before"
    opened = exc.context_mark
    unclosed = any(what in (exc.context or "") for what in ("flow", "quoted", "scalar"))
    if unclosed and opened is not None and mark is not None and opened.line != mark.line:
        # An unclosed bracket or quote: the parser stops far from where the mistake is.
        hint = (
            f"{exc.context or 'the construct'} started at line {opened.line + 1}, column "
            f"{opened.column + 1}: check that it is closed"
        )
        context = ""
    return InputError(
        f"invalid YAML: {problem}{context}", location=_mark_location(mark, file), hint=hint
    )


def _check_expansion(root: Node, file: str | None) -> None:
    """Refuse alias graphs whose expansion is too large or cyclic, without expanding them."""
    size: dict[int, int] = {}
    on_path: set[int] = set()
    # Iterative post-order over the shared graph: each distinct node is sized once.
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            on_path.discard(key)
            total = 1 + sum(size[id(child)] for child in _children(node))
            if total > MAX_EXPANDED_NODES:
                raise InputError(
                    f"the document expands to more than {MAX_EXPANDED_NODES:,} values "
                    "once its aliases (*name) are followed",
                    location=location_of(node, file),
                    hint="write the values out, or use fewer nested aliases",
                )
            size[key] = total
            continue
        if key in size:
            continue
        if key in on_path:
            raise InputError(
                "an alias refers to a value that contains it (a cycle)",
                location=location_of(node, file),
                hint="aliases (*name) may only repeat a value defined before and outside them",
            )
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) not in size:
                stack.append((child, False))


def _children(node: Node) -> Iterator[Node]:
    if isinstance(node, SequenceNode):
        yield from node.value
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield key
            yield value


def _duplicate_keys(root: Node, file: str | None, *, drop: bool = False) -> list[Problem]:
    """One problem per repeated key, in every mapping of the tree.

    With ``drop``, each repeated entry (key and value) is also removed from its mapping, so
    that whoever reads the tree next sees every key once, as first given, and does not report
    the repeat a second time in its own words ("two moves called ...") or, for a repeated
    player, as a cascade of misplaced payoffs. What is inside a removed value is not looked
    at: it is reported once the duplicate is resolved.
    """
    problems: list[Problem] = []
    seen_nodes: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, MappingNode):
            first: dict[str, Node] = {}
            kept: list[tuple[Node, Node]] = []
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    if key.value in first:
                        earlier = location_of(first[key.value], file)
                        problems.append(
                            Problem(
                                f"duplicate key '{key.value}' (first given at line {earlier.line})",
                                location_of(key, file),
                                "each key may appear once in a mapping: merge or rename the two",
                            )
                        )
                        continue
                    first[key.value] = key
                kept.append((key, value))
            if drop:
                node.value = kept
        stack.extend(_children(node))
    return problems
