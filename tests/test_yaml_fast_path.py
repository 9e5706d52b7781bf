"""The libyaml fast path of ``read_yaml`` composes exactly the tree the pure-Python path does.

``ggcalc.io.yaml.nodes`` composes with libyaml (``yaml.CSafeLoader``) when it can guarantee the
pure-Python result, and with the pure-Python loader otherwise or on any error. These tests hold
the two to the same tree (node classes, tags, values, styles, every mark's line, column and
index, and which nodes aliases share), the same errors, and the same depth limit, and check that
the fast path is really taken.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from functools import partial
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ggcalc.errors import InputError, Problem
from ggcalc.io.yaml import nodes
from ggcalc.io.yaml.nodes import MAX_DEPTH, MappingNode, Node, ScalarNode, read_source, read_yaml

ROOT = Path(__file__).parent.parent
GAMES = sorted((ROOT / "games").glob("*.yaml"))
DATA = sorted((ROOT / "tests" / "data").rglob("*.yaml"))
SNIPPETS = [
    (f"{page.name}#{number}", snippet)
    for page in [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
    for number, snippet in enumerate(
        re.findall(r"```yaml\n(.*?)```", page.read_text(encoding="utf-8"), re.S), 1
    )
]

needs_libyaml = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")


# --- Comparing the two paths ---------------------------------------------------------------------


def _shape(node: Node) -> tuple[object, ...]:
    marks = tuple((m.name, m.line, m.column, m.index) for m in (node.start_mark, node.end_mark))
    if isinstance(node, ScalarNode):
        return (type(node), node.tag, node.style, node.value, marks)
    return (type(node), node.tag, node.flow_style, len(node.value), marks)


def _children(node: Node) -> list[Node]:
    if isinstance(node, ScalarNode):
        return []
    if isinstance(node, MappingNode):
        return [child for pair in node.value for child in pair]
    return list(node.value)


def assert_same_tree(expected: Node, got: Node) -> None:
    """Same shape node by node, and aliases sharing the same nodes (checked without recursion)."""
    pairs: dict[int, Node] = {}
    reverse: dict[int, Node] = {}
    stack = [(expected, got, "root")]
    while stack:
        a, b, where = stack.pop()
        if id(a) in pairs or id(b) in reverse:
            assert pairs.get(id(a)) is b and reverse.get(id(b)) is a, f"{where}: aliases differ"
            continue
        pairs[id(a)], reverse[id(b)] = b, a
        assert _shape(a) == _shape(b), where
        pairs_below = zip(_children(a), _children(b), strict=True)
        stack.extend((x, y, f"{where}/{i}") for i, (x, y) in enumerate(pairs_below))


def _outcome(compose: Callable[[], object]) -> object:
    try:
        return compose()
    except InputError as exc:
        return (type(exc), exc.problems)


def read_python(text: str, file: str | None = None, problems: list[Problem] | None = None) -> Node:
    """``read_yaml`` as it was before the fast path: the pure-Python composer only."""
    with mock.patch.object(nodes, "_compose_c", return_value=None):
        return read_yaml(text, file, problems=problems)


def assert_alike(text: str, *, fast: bool | None = None) -> None:
    """``read_yaml`` gives what the pure-Python path gives; ``fast``: whether libyaml composed."""
    try:
        expected = nodes._compose_python(text, "game.yaml")
    except InputError as exc:
        assert nodes._compose_c(text) is None
        assert _outcome(lambda: read_yaml(text, "game.yaml")) == (type(exc), exc.problems)
        return
    got = nodes._compose_c(text)
    if fast is not None:
        assert (got is not None) == fast
    if got is not None:
        assert expected is not None
        assert_same_tree(expected, got)
    # And the whole of read_yaml (expansion and duplicate checks included), both ways of asking.
    for collect in (False, True):
        want: list[Problem] | None = [] if collect else None
        have: list[Problem] | None = [] if collect else None
        python = _outcome(partial(read_python, text, "game.yaml", want))
        ours = _outcome(partial(read_yaml, text, "game.yaml", problems=have))
        if isinstance(python, Node):
            assert isinstance(ours, Node)
            assert_same_tree(python, ours)
            assert want == have
        else:
            assert ours == python


# --- Every example file and snippet ----------------------------------------------------------


@needs_libyaml
@pytest.mark.parametrize("path", GAMES, ids=lambda p: p.name)
def test_every_game_takes_the_fast_path_and_composes_alike(path: Path) -> None:
    text, _ = read_source(path)
    assert_alike(text, fast=True)


@pytest.mark.parametrize("path", DATA, ids=lambda p: str(p.relative_to(ROOT / "tests" / "data")))
def test_every_test_file_composes_alike(path: Path) -> None:
    try:
        text, _ = read_source(path)
    except InputError:
        pytest.skip("not readable as text (it tests read_source)")
    assert_alike(text)


@pytest.mark.parametrize(("name", "snippet"), SNIPPETS, ids=[name for name, _ in SNIPPETS])
def test_every_documented_snippet_composes_alike(name: str, snippet: str) -> None:
    assert_alike(snippet)


def test_there_are_examples_to_compare() -> None:
    assert len(GAMES) >= 5 and len(DATA) >= 20 and len(SNIPPETS) >= 5


# --- Corner cases the fast path must read exactly alike --------------------------------------

ALIKE = {
    "non-ASCII": "é: \"—é\"\nemoji 😀: [😀x, 'y😀']\n中文: |\n  é😀\n  — done\nnext: 1\n",
    "CRLF": 'a: 1\r\nb: "x\r\n  y"\r\nc: [1,\r\n  2]\r\nd: |\r\n  z\r\n',
    "tabs in quotes": 'a: "x\ty"\nb: \'tab\there\'\nc: "multi\n\tline"\nd: [\'\t\', "\t"]\n',
    "flow": '{a: [1, 2, {b: c}], "d": [[], {}], e: [f: g]}\n',
    "block": "a:\n  - 1\n  - b: c\n    d:\n    - e\nk:\n- f\n? [x]\n: y\n",
    "indentless sequences": "a:\n- 1\n- - 2\nb:\n  c:\n  - 3\n",
    "anchors and aliases": "a: &x [1, 2]\nb: *x\nc: &m\n  k: *x\nd: [*m, *x]\n",
    "scalars": "a: |-\n  keep\n\n  this\nb: >\n  folded\n  text\nc: plain\n  continued\nd: ''\n",
    "comments": "# head\na: 1 # c\n# mid\nb: [1, # in flow\n  2]\n",
    "document markers": "%YAML 1.1\n---\na: 1\n...\n",
    "empty values": "a:\nb: ~\nc:\n  -\n  - d\n",
    "line and paragraph separators": "a: x\u2028b: y\nc: \x85\n",
}


@needs_libyaml
@pytest.mark.parametrize("text", ALIKE.values(), ids=ALIKE.keys())
def test_corner_cases_take_the_fast_path_and_compose_alike(text: str) -> None:
    assert_alike(text, fast=True)


# What libyaml reads otherwise than PyYAML (or marks otherwise): the pure-Python path reads it.
PYTHON_ONLY = {
    "no line break at the end": "a: [1, 2]",
    "byte-order mark": "\ufeffa: 1\n",
    "byte-order mark inside": "a: x\ufeffy\n",
    "tab after a value": "a: b\t\n",
    "tab as separator": "a:\tb\n",
    "tab in flow": "[a,\tb]\n",
    "non-specific tag": "a: ! 1\n",
    "tag ended by a comma": "[!foo,bar]\n",
    "question mark in brackets": "[a?b]\n",
    "empty value in brackets": "[a: , b]\n",
    "comment on a block scalar header": "a: |#\n  b\n",
    "anchored sequence at its mapping's indentation": "a: &s\n- 1\nb: *s\n",
}


@needs_libyaml
@pytest.mark.parametrize("text", PYTHON_ONLY.values(), ids=PYTHON_ONLY.keys())
def test_texts_libyaml_reads_otherwise_go_to_the_python_path(text: str) -> None:
    assert_alike(text, fast=False)


# --- Generated documents ----------------------------------------------------------------------

_TEXT = st.text(
    st.sampled_from([*"ab1 :-?#,[]{}'\"!&*|>%@`\\\t\n", "é", "—", "😀", "中", "\u2028", "\xa0"])
    | st.characters(blacklist_categories=("Cs",)),
    max_size=8,
)
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=20,
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A YAML dump of a random value, in flow, block or mixed style, maybe sharing a subtree."""
    value = draw(_VALUES)
    if draw(st.booleans()):
        value = {"first": value, "again": value, "inside": [value]}  # dumped with an alias
    return yaml.safe_dump(
        value,
        default_flow_style=draw(st.sampled_from([None, True, False])),
        allow_unicode=draw(st.booleans()),
        width=draw(st.sampled_from([20, 80, 1000])),
        indent=draw(st.sampled_from([2, 3, 4])),
        line_break=draw(st.sampled_from(["\n", "\r\n"])),
        explicit_start=draw(st.booleans()),
        default_style=draw(st.sampled_from([None, None, '"', "'"])),
    )


@settings(max_examples=300)
@given(documents())
def test_generated_documents_compose_alike(text: str) -> None:
    assert_alike(text)


_PIECES = [*" \t\n:-?[]{},#&*!|>'\"%\\", "\r\n", ": ", "- ", "? ", "é", "😀", "\ufeff", "..."]


@settings(max_examples=300)
@given(documents(), st.data())
def test_broken_generated_documents_compose_alike(text: str, data: st.DataObject) -> None:
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(st.sampled_from(_PIECES)) + text[at:]
    assert_alike(text)


# --- Errors -----------------------------------------------------------------------------------

MALFORMED = {
    "unclosed bracket": "a: [1, 2\nb: 3\n",
    "mapping in a value": "a: b: c\n",
    "tab indentation": "a:\n\tb: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "unclosed quote": "a: 'x\nb: 2\n",
    "unknown alias": "a: *nope\n",
    "control character": "a: b\x07c\n",
    "duplicate anchor": "a: &x 1\nb: &x 2\n",
    "question mark in brackets": "payoff: [1, 1? ]\n",
    "tab after a key": "a:\tb\n",
    "comment on a block scalar header": ">#\n",
    "alias cycle": "a: &x [*x]\n",
    "duplicate key": "a: 1\nb: 2\na: 3\n",
}


@pytest.mark.parametrize("text", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_documents_give_the_python_paths_error(text: str) -> None:
    ours = _outcome(lambda: read_yaml(text, "game.yaml"))
    assert not isinstance(ours, Node)
    assert ours == _outcome(lambda: read_python(text, "game.yaml"))


# --- Depth ------------------------------------------------------------------------------------

TOO_DEEP = f"the document is nested more than {MAX_DEPTH} levels deep"


def _brackets(depth: int) -> str:
    return "[" * depth + "]" * depth + "\n"


def _mixed(block: int, flow: int) -> str:
    """``block`` mappings indented one space each, holding ``flow`` nested brackets."""
    return "".join(" " * i + "a:\n" for i in range(block)) + " " * block + _brackets(flow)


@pytest.mark.parametrize(
    "text",
    [_brackets(MAX_DEPTH), _mixed(100, MAX_DEPTH - 100), _mixed(MAX_DEPTH - 1, 0)],
    ids=["brackets", "mixed", "block"],
)
def test_documents_nested_just_enough_are_read(text: str) -> None:
    assert_alike(text)
    read_yaml(text)


@pytest.mark.parametrize(
    "text",
    [_brackets(MAX_DEPTH + 1), _mixed(100, MAX_DEPTH + 1 - 100), _mixed(MAX_DEPTH, 0)],
    ids=["brackets", "mixed", "block"],
)
def test_documents_nested_one_level_too_deep_are_refused_where_python_says(text: str) -> None:
    with pytest.raises(InputError) as caught:
        read_yaml(text, "game.yaml")
    assert caught.value.problem.message == TOO_DEEP
    assert _outcome(lambda: read_python(text, "game.yaml")) == (InputError, caught.value.problems)


@pytest.mark.parametrize("depth", [MAX_DEPTH - 2, MAX_DEPTH - 1])
def test_an_alias_counts_as_one_level_where_it_stands(depth: int) -> None:
    # The alias itself is at depth + 2 (the root mapping, `depth` brackets, the alias).
    text = "a: &x [[[1]]]\nb: " + "[" * depth + "*x" + "]" * depth + "\n"
    assert_alike(text)
    if depth + 2 > MAX_DEPTH:
        with pytest.raises(InputError, match=TOO_DEEP):
            read_yaml(text)
    else:
        read_yaml(text)


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_document_nested_100000_deep_is_refused_without_a_crash() -> None:
    result = _run(
        """
        from ggcalc.errors import InputError
        from ggcalc.io.yaml.nodes import read_yaml
        try:
            read_yaml("[" * 100_000 + "]" * 100_000 + "\\n")
        except InputError as exc:
            print(exc.problem.message, exc.location)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{TOO_DEEP} <input>:1:{MAX_DEPTH + 1}\n"


def test_libyaml_never_gets_a_text_deep_enough_to_crash_a_small_stack() -> None:
    # libyaml recurses in C, about 330 bytes a level: 990 levels crash a 256 KiB thread (checked
    # by hand when the limit was chosen). read_yaml must refuse them there, in Python.
    result = _run(
        """
        import threading
        from ggcalc.errors import InputError
        from ggcalc.io.yaml.nodes import read_yaml
        def read():
            for depth in (300, 990):
                try:
                    read_yaml("[" * depth + "]" * depth + "\\n")
                except InputError as exc:
                    print(depth, exc.problem.message)
        threading.stack_size(256 * 1024)
        thread = threading.Thread(target=read)
        thread.start()
        thread.join()
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"300 {TOO_DEEP}\n990 {TOO_DEEP}\n"


_DEPTH_PIECES = [
    *" \n\n:-?[[]{{},#'\"",
    "\r\n",
    ": ",
    "- ",
    "? ",
    "- - ",
    "\n  ",
    "\n    ",
    "\n- ",
    "[a: ",
    "|\n  ",
    "\u2028",
    "&a ",
    "*a",
]


def _libyaml_depth(text: str) -> int:
    """How deep libyaml's composer would recurse on ``text`` (up to its first error)."""
    depth = deepest = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            deepest = max(deepest, depth + isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)))
    except yaml.YAMLError:
        pass
    return deepest


@needs_libyaml
@settings(max_examples=500)
@given(st.lists(st.sampled_from(_DEPTH_PIECES), max_size=80).map("".join))
def test_the_depth_bound_never_underestimates(text: str) -> None:
    assert nodes._depth_bound(text) >= _libyaml_depth(text)


UNTRUSTED_CLOSERS = {
    "in a quoted string": "x: [']]]]', [[[[1]]]]]\n",
    "in a comment": "x: [ # ]]]]\n  [[[[1]]]]]\n",
    "in a block scalar": "a: |\n  [x]]]]\nx: [[[[[1]]]]]\n",
    "in a string over lines": 'a: "\n]]]]\n"\nx: [[[[[1]]]]]\n',
}


@needs_libyaml
@pytest.mark.parametrize("text", UNTRUSTED_CLOSERS.values(), ids=UNTRUSTED_CLOSERS.keys())
def test_the_depth_bound_ignores_closing_brackets_it_cannot_trust(text: str) -> None:
    # Counting every bracket, opening and closing, would put these 7 levels at 5 or fewer.
    assert nodes._depth_bound(text) >= _libyaml_depth(text) == 7


# --- The fast path is taken -------------------------------------------------------------------


@pytest.fixture
def composers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Which loaders ``read_yaml`` builds: ``"c"`` for libyaml, ``"python"`` for PyYAML's."""
    built: list[str] = []

    class C(yaml.CSafeLoader):
        def __init__(self, stream: str) -> None:
            built.append("c")
            super().__init__(stream)

    class Python(nodes._LocatingLoader):
        def __init__(self, stream: str) -> None:
            built.append("python")
            super().__init__(stream)

    monkeypatch.setattr(nodes.yaml, "CSafeLoader", C)
    monkeypatch.setattr(nodes, "_LocatingLoader", Python)
    return built


@needs_libyaml
def test_a_game_is_composed_by_libyaml_alone(composers: list[str]) -> None:
    text, file = read_source(ROOT / "games" / "great_game.yaml")
    read_yaml(text, file)
    assert composers == ["c"]


@needs_libyaml
def test_errors_and_doubts_are_composed_again_in_python(composers: list[str]) -> None:
    with pytest.raises(InputError):
        read_yaml("a: [1, 2\n")
    assert composers == ["c", "python"]
    composers.clear()
    with pytest.raises(InputError, match=TOO_DEEP):
        read_yaml(_brackets(MAX_DEPTH + 1))
    assert composers == ["c", "python"]
    composers.clear()
    read_yaml("a: !!str 1\n")  # a tag: straight to Python
    assert composers == ["python"]


def test_without_libyaml_python_composes(
    composers: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(nodes.yaml, "__with_libyaml__", False)
    text, file = read_source(ROOT / "games" / "great_game.yaml")
    read_yaml(text, file)
    assert composers == ["python"]
