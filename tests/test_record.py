"""Rewriting the top-level ``expect:`` entry of a scenario file (``ggcalc.io.yaml.edit``).

The promise checked here: a file ggcalc rewrites keeps every byte the user wrote outside the
entry it owns (comments, blank lines, quoting, line endings, a byte-order mark), a file is never
partly written, and bad input is refused with a located ``FILE:LINE:COL`` error.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ggcalc.errors import InputError
from ggcalc.io.atomic import atomic_write
from ggcalc.io.yaml.edit import replace_block, replace_block_in_file
from ggcalc.io.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode, read_yaml

GAMES = Path(__file__).parent.parent / "games"

NEW = "expect:\n  nash:\n    - {United States: Transactional deal, Pakistan military: Hedge}\n"
OTHER = "expect:\n  nash: []\n"

# An existing entry with its own comments: on the key line, between items, and (indented like
# the entry, but after its last content line) one that the region rule leaves in place.
OLD_EXPECT = """\
expect:  # published by ggcalc
  # The pure equilibrium first.
  nash:
    - {United States: Transactional deal, Pakistan military: Stay with China}

    # Then a mixed one.
    - United States: {Generous deal: 1/2, Stay out: 1/2}
      Pakistan military: Hedge
"""
AFTER_EXPECT = "  # (left over: an indented comment after the entry's last line)\n"


def plain(node: Node) -> object:
    """A composed node as plain data: scalars as their text, so nothing is evaluated."""
    if isinstance(node, ScalarNode):
        return node.value
    if isinstance(node, SequenceNode):
        return [plain(item) for item in node.value]
    assert isinstance(node, MappingNode)
    return {plain(key): plain(value) for key, value in node.value}


def loaded(text: str) -> dict[object, object]:
    data = plain(read_yaml(text, "new.yaml"))
    assert isinstance(data, dict)
    return data


def block_value(block: str) -> object:
    node = yaml.compose(block, Loader=yaml.SafeLoader)
    assert node is not None
    data = plain(node)
    assert isinstance(data, dict)
    return data["expect"]


def shipped_without_expect(name: str) -> str:
    """A shipped scenario's text up to its published ``expect`` block and the comment lines
    introducing it (the scenarios end with that block)."""
    text = (GAMES / name).read_text(encoding="utf-8")
    head = text.split("\nexpect:\n")[0]
    lines = head.split("\n")
    while lines and (lines[-1].startswith("#") or not lines[-1].strip()):
        lines.pop()
    return "\n".join(lines) + "\n"


def scenario_with_expect() -> tuple[str, str, str]:
    """``(text, before, after)``: the US–Pakistan scenario with an ``expect:`` entry inside."""
    game = shipped_without_expect("us_pakistan_deal.yaml")
    head, separator, rest = game.partition("\nplayers:\n")
    assert separator
    before = head + "\n"
    after = AFTER_EXPECT + "\n# The two players and their strategies.\nplayers:\n" + rest
    return before + OLD_EXPECT + after, before, after


# --- replacing, on a file full of comments --------------------------------------------------


def test_replace_keeps_every_byte_outside_the_region() -> None:
    text, before, after = scenario_with_expect()
    new = replace_block(text, "expect", NEW, "deal.yaml")
    assert new == before + NEW + after
    assert new.startswith(before)
    assert new.endswith(after)
    # The comment lines of the old entry (key line, nested) went with it.
    assert "published by ggcalc" not in new
    assert "Then a mixed one" not in new


def test_replace_is_idempotent() -> None:
    text, _, _ = scenario_with_expect()
    once = replace_block(text, "expect", NEW, "deal.yaml")
    assert replace_block(once, "expect", NEW, "deal.yaml") == once
    # And replacing with another block and back gives the same text again.
    other = replace_block(once, "expect", OTHER, "deal.yaml")
    assert replace_block(other, "expect", NEW, "deal.yaml") == once


def test_replaced_text_reads_back_with_the_new_value() -> None:
    text, _, _ = scenario_with_expect()
    old = loaded(text)
    new = loaded(replace_block(text, "expect", NEW, "deal.yaml"))
    assert new["expect"] == block_value(NEW)
    assert list(new) == list(old)
    assert {k: v for k, v in new.items() if k != "expect"} == {
        k: v for k, v in old.items() if k != "expect"
    }


def test_both_example_scenarios_get_the_entry_appended() -> None:
    for name in ("us_pakistan_deal.yaml", "china_response.yaml"):
        text = shipped_without_expect(name)
        new = replace_block(text, "expect", NEW, name)
        assert new == text + "\n" + NEW
        assert loaded(new)["expect"] == block_value(NEW)


# --- where the entry is, and how the file is written ----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: T\n", "title: T\n\n" + NEW),
        ("title: T", "title: T\n\n" + NEW),
        ("title: T\n\n", "title: T\n\n" + NEW),
        ("title: T\n# the end", "title: T\n# the end\n\n" + NEW),
        ("title: T\n...\n# after the end\n", "title: T\n\n" + NEW + "...\n# after the end\n"),
    ],
    ids=["final-newline", "no-final-newline", "blank-last-line", "comment-last", "doc-end"],
)
def test_append_when_absent(text: str, expected: str) -> None:
    new = replace_block(text, "expect", NEW, "f.yaml")
    assert new == expected
    assert replace_block(new, "expect", NEW, "f.yaml") == new


def test_expect_as_the_last_key() -> None:
    before = "title: T  \n# The published answer:\n"
    text = before + "expect:\n  nash: [old]\n  # trailing\n\n"
    assert replace_block(text, "expect", NEW) == before + NEW + "  # trailing\n\n"
    # Without a final newline, the region runs to the end of the text.
    assert replace_block(before + "expect: old", "expect", NEW) == before + NEW


def test_expect_as_the_first_key() -> None:
    after = "# Next comes the title.\ntitle: 'T'   \nplayers: {A: [x], B: [y]}"
    text = "expect: {nash: [old]}  # stale\n" + after
    assert replace_block(text, "expect", NEW) == NEW + after


def test_crlf_file() -> None:
    text = "title: T\r\nexpect:\r\n  nash: []\r\n# next\r\n\r\nplayers: 1\r\n"
    new = replace_block(text, "expect", NEW)
    assert new == "title: T\r\n" + NEW.replace("\n", "\r\n") + "# next\r\n\r\nplayers: 1\r\n"
    assert "\n" not in new.replace("\r\n", "")
    # Appending: the missing final line break and the blank line are CRLF too.
    assert replace_block("title: T\r\nb: 1", "expect", NEW) == (
        "title: T\r\nb: 1\r\n\r\n" + NEW.replace("\n", "\r\n")
    )
    # A one-line file has no line break to copy: '\n' is used.
    assert replace_block("title: T", "expect", NEW) == "title: T\n\n" + NEW
    # Old Mac line breaks (CR alone) are line breaks to PyYAML, and kept.
    assert replace_block("expect: 1\rb: 2\r", "expect", NEW) == NEW.replace("\n", "\r") + "b: 2\r"


def test_bom_file() -> None:
    # read_source drops a BOM; replace_block keeps one it is given, and PyYAML's marks count it.
    text = "\ufeffexpect: old\ntitle: T\n"
    assert replace_block(text, "expect", NEW) == "\ufeff" + NEW + "title: T\n"
    assert replace_block("\ufefftitle: T", "expect", NEW) == "\ufefftitle: T\n\n" + NEW


def test_key_line_comment_belongs_to_the_region() -> None:
    text = "title: T\nexpect:  # published\n  nash: []\nplayers: 1\n"
    assert replace_block(text, "expect", NEW) == "title: T\n" + NEW + "players: 1\n"


def test_nested_comments_are_replaced_trailing_ones_kept() -> None:
    text = (
        "title: T\n"
        "# About the answer.\n"
        "expect:\n"
        "  # inside\n"
        "  nash:\n"
        "    - a\n"
        "    # between items\n"
        "\n"
        "    - b  # on the last content line\n"
        "    # after the last content line\n"
        "\n"
        "# About the players.\n"
        "players: 1\n"
    )
    kept_after = "    # after the last content line\n\n# About the players.\nplayers: 1\n"
    assert (
        replace_block(text, "expect", NEW) == "title: T\n# About the answer.\n" + NEW + kept_after
    )


@pytest.mark.parametrize(
    "old",
    [
        "expect:\n",
        "expect:\n- a\n- b\n",
        "? expect\n: [a,\n   b]\n",
        "expect: |\n  text\n\n  # text, not a comment\n",
        "expect: >-\n  folded\n  text\n",
        '"expect": "a\n\n  b"\n',
        "&e expect: !!str tagged\n",
    ],
    ids=["empty", "indentless", "explicit-key", "literal", "folded", "quoted", "anchored-key"],
)
def test_value_styles(old: str) -> None:
    before, after = "title: T\n", "\n# next\nplayers: 1\n"
    assert replace_block(before + old + after, "expect", NEW) == before + NEW + after


def test_aliases_inside_the_entry_are_covered() -> None:
    # The node of '*x' carries the marks of '&x' on line 1: the last line must still go.
    text = "a: &x 1\nexpect:\n  - 2\n  - *x\n# c\nb: *x\n"
    assert replace_block(text, "expect", NEW) == "a: &x 1\n" + NEW + "# c\nb: *x\n"


def test_indented_top_level_gets_an_indented_block() -> None:
    text = "  title: T\n  expect: old\n  b: 1\n"
    indented = "".join("  " + line for line in NEW.splitlines(keepends=True))
    new = replace_block(text, "expect", NEW)
    assert new == "  title: T\n" + indented + "  b: 1\n"
    assert loaded(new)["expect"] == block_value(NEW)


def test_unchanged_text_is_returned_as_is() -> None:
    text = "title: T\n" + NEW + "# c\nb: 1"
    assert replace_block(text, "expect", NEW) is text


# --- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("- title: T\n- expect: x\n", "1:1", "a list"),
        ("just a title\n", "1:1", "a single value"),
        ("", "1:1", "empty"),
        ("# only a comment\n", "1:1", "empty"),
        ("{title: x, expect: y}\n", "1:1", "flow mapping"),
        ("\n\n  {title: x,\n   expect: y}\n", "3:3", "flow mapping"),
        ("title: T\n---\ntitle: U\n", "2:1", "more than one YAML document"),
        ("title: T\nexpect: 1\nb: 2\nexpect: 3\n", "4:1", "duplicate key 'expect'"),
        ("title: T\nexpect: [1, 2\nb: 3\n", "3:2", "invalid YAML"),
        ("title: T\n\texpect: 1\n", "2:1", "tab"),
        ("title: T\nexpect: &e 1\nb: *e\n", "3:4", "alias *e"),
    ],
    ids=[
        "list",
        "scalar",
        "empty",
        "comments-only",
        "flow",
        "flow-located",
        "two-documents",
        "duplicate",
        "invalid",
        "tab",
        "dangling-alias",
    ],
)
def test_refusals_are_located(text: str, where: str, words: str) -> None:
    with pytest.raises(InputError) as caught:
        replace_block(text, "expect", NEW, "scenario.yaml")
    message = str(caught.value)
    assert message.startswith(f"scenario.yaml:{where}: "), message
    assert words in message
    assert "; " in message  # a hint follows the message
    assert caught.value.exit_code == 2


def test_refuses_a_result_that_would_read_differently() -> None:
    # A kept (|+) block scalar at the end of the block would swallow the blank line after it.
    block = "expect: |+\n  text\n"
    text = "title: T\nexpect: old\n\nb: 1\n"
    with pytest.raises(InputError, match=r"^f\.yaml:2:1: ggcalc cannot replace the 'expect'"):
        replace_block(text, "expect", block, "f.yaml")
    # Where nothing follows, the same block is fine.
    assert replace_block("title: T\nexpect: old\n", "expect", block) == "title: T\n" + block


@pytest.mark.parametrize(
    "block",
    [
        "expect: 1",  # no final newline
        "expect: 1\r\n",
        "other: 1\n",
        "  expect: 1\n",
        "expect: 1\nmore: 2\n",
        "- expect\n",
        "{expect: 1}\n",
        "expect: [1\n",
        "expect: &a 1\n",
        "expect:\n  nash: []\n# trailing comment\n",
        "expect:\n  nash: []\n\n",
    ],
)
def test_malformed_blocks_are_programming_errors(block: str) -> None:
    with pytest.raises(ValueError):
        replace_block("title: T\n", "expect", block)


# --- the region rule, as a property ---------------------------------------------------------

OTHER_ENTRIES = {
    "title": ['title: "A game: with a colon"  # its title'],
    "description": [
        "description: |",
        "  First line.",
        "",
        "  # text of the block, not a comment",
        "  Last line.",
    ],
    "players": ["players:", "  Row: [Up, Down]  # rows", "  # between", "  Col:", "  - Left"],
    "payoffs": ["payoffs:", "  Up: {Left: [1, 2], Right: [3,", "    4]}", "  Down: 'x'"],
}
OLD_EXPECTS = [
    [
        "expect:  # published",
        "  nash:",
        "    # first",
        "    - {Row: Up, Col: Left}",
        "",
        "    - {Row: Down, Col: Right}",
    ],
    ["expect: {nash: []}"],
    ["expect:"],
    ["expect:", "- 1", "  # between items", "- 2"],
    ["? expect", ": [1,", "   2]"],
    ["expect: >", "  folded", "", "  text"],
]
FILLER = st.lists(
    st.sampled_from(["", "   ", "# a comment", "#", "  # indented comment", "    # deeper"]),
    max_size=3,
)
# After a block scalar (| or >), an indented '#' line is text of the scalar, not a comment.
FILLER_AFTER_BLOCK_SCALAR = st.lists(st.sampled_from(["", "   ", "# a comment", "#"]), max_size=3)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[tuple[bool, str]], str, str, bool, bool]:
    """Lines ``(owned, text)``, the block, the newline, a final newline, a byte-order mark."""
    names = draw(st.permutations(list(OTHER_ENTRIES)))
    entries = [list(OTHER_ENTRIES[name]) for name in names]
    if draw(st.booleans()):
        position = draw(st.integers(0, len(entries)))
        entries.insert(position, ["\0expect"])
    lines: list[tuple[bool, str]] = [(False, line) for line in draw(FILLER)]
    for entry in entries:
        if entry == ["\0expect"]:
            entry = draw(st.sampled_from(OLD_EXPECTS))
            lines.extend((True, line) for line in entry)
        else:
            lines.extend((False, line) for line in entry)
        block_scalar = entry[0].endswith(("|", ">"))
        lines.extend(
            (False, line) for line in draw(FILLER_AFTER_BLOCK_SCALAR if block_scalar else FILLER)
        )
    block = draw(st.sampled_from([NEW, OTHER, "expect: {nash: [1]}  # one line\n"]))
    return (
        lines,
        block,
        draw(st.sampled_from(["\n", "\r\n"])),
        draw(st.booleans()),
        draw(st.booleans()),
    )


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_every_line_outside_the_region_is_kept_in_order(
    case: tuple[list[tuple[bool, str]], str, str, bool, bool],
) -> None:
    lines, block, newline, final_newline, bom = case
    bom_text = "\ufeff" if bom else ""
    own = block.replace("\n", newline)

    def joined(part: list[tuple[bool, str]], last: bool) -> str:
        end = newline if final_newline or not last else ""
        return "".join(line + newline for _, line in part[:-1]) + (
            part[-1][1] + end if part else ""
        )

    text = bom_text + joined(lines, last=True)
    owned = [i for i, (is_owned, _) in enumerate(lines) if is_owned]
    if owned:
        before, after = lines[: owned[0]], lines[owned[-1] + 1 :]
        expected = bom_text + "".join(line + newline for _, line in before) + own
        expected += joined(after, last=True)
    else:
        expected = text if text.endswith(("\n", "\r")) else text + newline
        last_line = re.split(r"\r\n|\n", expected)[-2]
        expected += ("" if last_line.strip(" \ufeff") == "" else newline) + own
    new = replace_block(text, "expect", block, "p.yaml")
    assert new == expected
    assert replace_block(new, "expect", block, "p.yaml") == new
    assert loaded(new)["expect"] == block_value(block)


# --- atomic writes --------------------------------------------------------------------------


def test_atomic_write_writes_exact_bytes_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "game.yaml"
    path.write_bytes(b"old\n")
    path.chmod(0o640)
    atomic_write(path, "new: \u00e9\r\nline\n")
    assert path.read_bytes() == "new: \u00e9\r\nline\n".encode()
    assert path.stat().st_mode & 0o7777 == 0o640
    assert os.listdir(tmp_path) == ["game.yaml"]


def test_atomic_write_new_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic_write(tmp_path / "new.yaml", "title: T\n")
    finally:
        os.umask(old)
    assert (tmp_path / "new.yaml").read_text(encoding="utf-8") == "title: T\n"
    assert (tmp_path / "new.yaml").stat().st_mode & 0o777 == 0o640


def test_atomic_write_failed_replace_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "game.yaml"
    path.write_bytes(b"original\n")

    def broken(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(InputError, match=r"game\.yaml: cannot write the file: no space left"):
        atomic_write(path, "new\n")
    assert path.read_bytes() == b"original\n"
    assert os.listdir(tmp_path) == ["game.yaml"]


@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_atomic_write_interrupted_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    path = tmp_path / "game.yaml"
    path.write_bytes(b"original\n")

    def interrupt(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, where, interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, "new\n" * 10_000)
    assert path.read_bytes() == b"original\n"
    assert os.listdir(tmp_path) == ["game.yaml"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write in any directory")
def test_atomic_write_unwritable_directory(tmp_path: Path) -> None:
    directory = tmp_path / "locked"
    directory.mkdir()
    path = directory / "game.yaml"
    path.write_bytes(b"original\n")
    directory.chmod(0o500)
    try:
        with pytest.raises(InputError, match=r"locked/game\.yaml: cannot write in the directory"):
            atomic_write(path, "new\n")
    finally:
        directory.chmod(0o700)
    assert path.read_bytes() == b"original\n"


def test_atomic_write_permission_denied_is_an_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same refusal as above, simulated, so that it is also checked when running as root.
    path = tmp_path / "game.yaml"
    path.write_bytes(b"original\n")

    def denied(*_args: object, **_kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(InputError) as caught:
        atomic_write(path, "new\n")
    assert str(caught.value).startswith(f"{path}: cannot write in the directory {tmp_path}")
    assert "permission denied; " in str(caught.value)
    assert path.read_bytes() == b"original\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write read-only files")
def test_atomic_write_refuses_a_read_only_file(tmp_path: Path) -> None:
    path = tmp_path / "game.yaml"
    path.write_bytes(b"original\n")
    path.chmod(0o444)
    with pytest.raises(InputError, match="read-only"):
        atomic_write(path, "new\n")
    assert path.read_bytes() == b"original\n"


def test_atomic_write_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        atomic_write(tmp_path / "nowhere" / "game.yaml", "new\n")


def test_atomic_write_goes_through_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_bytes(b"old\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    atomic_write(link, "new\n")
    assert link.is_symlink()
    assert target.read_bytes() == b"new\n"


# --- the two together -----------------------------------------------------------------------


def test_replace_block_in_file_keeps_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "game.yaml"
    path.write_bytes(b"\xef\xbb\xbftitle: T\r\nexpect: old\r\n# next\r\nb: 1")
    assert replace_block_in_file(path, "expect", OTHER) is True
    assert path.read_bytes() == (b"\xef\xbb\xbftitle: T\r\nexpect:\r\n  nash: []\r\n# next\r\nb: 1")
    stamp = path.stat().st_mtime_ns
    assert replace_block_in_file(path, "expect", OTHER) is False
    assert path.stat().st_mtime_ns == stamp


def test_replace_block_in_file_refusal_leaves_the_file(tmp_path: Path) -> None:
    path = tmp_path / "game.yaml"
    path.write_bytes(b"- not a mapping\n")
    with pytest.raises(InputError, match=r"game\.yaml:1:1: the top level"):
        replace_block_in_file(path, "expect", OTHER)
    assert path.read_bytes() == b"- not a mapping\n"
    with pytest.raises(InputError, match="no such file"):
        replace_block_in_file(tmp_path / "missing.yaml", "expect", OTHER)
