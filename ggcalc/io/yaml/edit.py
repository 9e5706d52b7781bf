"""Rewrite one top-level entry of a YAML scenario file, keeping every other byte.

``ggcalc solve FILE --record`` publishes the equilibria it computed in the scenario's top-level
``expect:`` entry. The file is the user's: its comments, blank lines, quoting, key order,
indentation, line endings and byte-order mark are theirs, so the rewrite is text surgery on the
exact lines the entry occupies, never a dump of a re-serialized document.

* :func:`replace_block` returns the text with one top-level entry replaced (or appended);
* :func:`replace_block_in_file` does it for a file, keeping its byte-order mark, and writes
  it with :func:`~ggcalc.io.atomic.atomic_write` (the old or the new content, never a mix).

Nothing is ever evaluated: the text is only parsed (PyYAML events) and composed (nodes).

Why one module: locating an entry's region, checking the block and the anchors, and checking
the result are one piece of text surgery, correct only together; a third of the module is the
documentation of what exactly is kept.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentEndEvent,
    Event,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
)

from ggcalc.errors import InputError, Location
from ggcalc.io.atomic import atomic_write, describe_os_error
from ggcalc.io.yaml.nodes import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    location_of,
    read_source,
    read_yaml,
)

__all__ = ["replace_block", "replace_block_in_file"]

_BOM = "\ufeff"
# Every line break PyYAML knows (YAML 1.1): its marks count lines with these, so the cuts must
# too, or a stray U+2028 in a comment would put a cut in the middle of what PyYAML sees as a line.
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_BREAK_CHARS = "\r\n\x85\u2028\u2029"
_WHITESPACE = " \t" + _BREAK_CHARS


class _Mark(Protocol):
    """What ggcalc uses of a PyYAML mark (the pure-Python and the C ones alike)."""

    @property
    def index(self) -> int: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


@dataclass(frozen=True)
class _Entry:
    """One top-level ``key: value`` entry: where its lines are and which events it spans."""

    key: str | None  # the key's text when it is a scalar
    key_event: NodeEvent
    start: int  # index of the first character of the key's line
    end: int  # index just after the line break ending the entry's last content line
    first_event: int  # the entry's events are events[first_event:last_event]
    last_event: int


@dataclass(frozen=True)
class _Layout:
    """Where things are in a document whose top level is a block mapping."""

    events: list[Event]
    entries: list[_Entry]
    indent: int  # column of the top-level keys
    append_at: int  # where a new entry goes: the end, or before an explicit '...'


def replace_block(text: str, key: str, block: str, file: str | None = None) -> str:
    """Return ``text`` with its top-level ``key:`` entry replaced by ``block``, or appended.

    The entry's *region* is replaced, and every character outside it is kept as it was. The
    region runs from the start of the key's line to the end (line break included) of the last
    line holding part of the entry's value, so

    * a comment on the key's line (``expect:  # published``) and comment or blank lines *between*
      the key and the value's last content line are part of the region: they are replaced;
    * comment and blank lines *after* the value's last content line are kept, even when
      indented like the value: they usually introduce what follows;
    * comment lines just before the key's line are kept.

    When the text has no top-level ``key``, ``block`` is appended at the end of the text (or
    just before an explicit ``...`` document end marker): a line break is added first if the text
    does not end with one, then a blank line if the last line is not blank (empty or spaces only),
    so the new entry is set off from what precedes it. (That added line break is the only change
    outside the region: a ``|`` or ``>`` block scalar that ended the text gains it as its final
    line break, unless its chomping indicator strips it.)

    ``block`` uses ``\\n`` line breaks; they become the text's own style (the style of its first
    line break: ``\\r\\n``, ``\\r`` or ``\\n``). When the top-level keys are indented, every
    non-blank line of ``block`` is indented the same. A byte-order mark at the start of ``text``
    is kept (PyYAML skips it, but its marks count it, so indexes stay into ``text`` itself).

    The result is checked before it is returned: composed again, it must be the original
    document with only ``key``'s value changed, to ``block``'s value.

    Parameters
    ----------
    text : str
        The whole YAML text, exactly as read (keep ``\\r\\n`` and a byte-order mark to keep them).
    key : str
        The top-level key whose entry is replaced, e.g. ``"expect"``.
    block : str
        YAML text for the whole entry: starts with ``key:`` at column 0, ends with a line
        break, holds content on its last line (no trailing comment or blank lines, so that
        replacing twice gives the same text) and defines no anchors.
    file : str or None, optional
        The file name used in error locations.

    Returns
    -------
    str
        The new text; ``text`` itself when it already holds exactly ``block``.

    Raises
    ------
    InputError
        Located at the offending place, with a hint, when ``text`` is not valid YAML, holds
        several documents, is not a block mapping at the top level (a list, a scalar, empty, or a
        flow mapping ``{...}``), gives a key twice, or when the entry defines an anchor that is
        used outside it (replacing it would leave a dangling alias). Also, as a safety net, when
        the result would not read as the old document with only ``key``'s value changed (e.g. a
        ``|+`` block scalar ending ``block`` would take in the blank lines kept after it).
    ValueError
        When ``block`` is not a single well-formed ``key:`` entry (a programming error).
    """
    _check_block(key, block)
    root = read_yaml(text, file)  # syntax, several documents, empty, duplicate keys
    if not isinstance(root, MappingNode):
        what = "a list" if isinstance(root, SequenceNode) else "a single value"
        raise InputError(
            f"the top level of the file is {what}, not a mapping of keys",
            location=location_of(root, file),
            hint="a scenario is a mapping, one 'key: value' per line (title:, players:, ...)",
        )
    if root.flow_style:
        raise InputError(
            "the top level of the file is a flow mapping in braces {...}, "
            f"so ggcalc cannot rewrite its '{key}' entry line by line",
            location=location_of(root, file),
            hint="write the top level in block style, one 'key: value' per line",
        )
    layout = _layout(text)
    newline = _newline_style(text)
    own = block
    if layout.indent:
        margin = " " * layout.indent
        own = "\n".join(margin + line if line.strip() else line for line in block.split("\n"))
    own = own.replace("\n", newline)

    found = [entry for entry in layout.entries if entry.key == key]
    if found:
        entry = found[0]  # read_yaml refused duplicate keys
        _check_anchors(layout.events, entry, key, file)
        new_text = text[: entry.start] + own + text[entry.end :]
    else:
        head, tail = text[: layout.append_at], text[layout.append_at :]
        if not head.endswith(tuple(_BREAK_CHARS)):
            head += newline
            # The one change made outside any region: a block scalar ending the text takes the
            # added line break into its value (unless it strips it), so compare with that.
            root = read_yaml(head + tail, file)
            assert isinstance(root, MappingNode)
        if not _last_line_is_blank(head):
            head += newline
        new_text = head + own + tail
    if new_text == text:
        return text
    _check_result(root, new_text, key, block, file)
    return new_text


def replace_block_in_file(path: Path, key: str, block: str) -> bool:
    """Replace (or append) the top-level ``key`` entry of the file ``path``, atomically.

    The file is read as :func:`~ggcalc.io.yaml.nodes.read_source` reads it, but a byte-order
    mark at its start is kept (``read_source`` drops it), then :func:`replace_block` and
    :func:`~ggcalc.io.atomic.atomic_write` do the work. An unchanged file is not written, so its
    modification time stays.

    Parameters
    ----------
    path : Path
        The scenario file, rewritten in place.
    key : str
        The top-level key whose entry is replaced, e.g. ``"expect"``.
    block : str
        YAML text for the whole entry, as :func:`replace_block` requires it.

    Returns
    -------
    bool
        Whether the file was rewritten.

    Raises
    ------
    InputError
        As :func:`~ggcalc.io.yaml.nodes.read_source`, :func:`replace_block` and
        :func:`~ggcalc.io.atomic.atomic_write` do.
    ValueError
        When ``block`` is not a single well-formed ``key:`` entry (a programming error).
    """
    text, name = read_source(Path(path))
    try:
        with open(path, "rb") as handle:
            had_bom = handle.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8
    except OSError as exc:
        raise InputError(
            f"cannot read the file: {describe_os_error(exc)}", location=Location(name)
        ) from None
    if had_bom:
        text = _BOM + text
    new_text = replace_block(text, key, block, name)
    if new_text == text:
        return False
    atomic_write(Path(path), new_text)
    return True


# --- the region -----------------------------------------------------------------------------


def _layout(text: str) -> _Layout:
    """Locate the top-level entries of ``text``, already known to be one block mapping.

    Events rather than nodes, because a node reached through an alias carries the marks of its
    anchor, not of the ``*alias`` written inside the entry, and the entry's lines must cover it.
    """
    events = list(yaml.parse(text, Loader=yaml.SafeLoader))
    root = events[2]  # StreamStart, DocumentStart, then the root's start
    assert isinstance(root, MappingStartEvent) and not root.flow_style
    entries: list[_Entry] = []
    position = 3
    while not isinstance(events[position], CollectionEndEvent):
        first = position
        position = _skip_node(events, _skip_node(events, position))
        key_event = events[first]
        assert isinstance(key_event, NodeEvent)
        start = _line_start(text, _start(key_event).index)
        last = max(_content_end(text, events, first, position), _end(key_event).index)
        match = _LINE_BREAK.search(text, last)
        end = match.end() if match else len(text)
        label = key_event.value if isinstance(key_event, ScalarEvent) else None
        entries.append(_Entry(label, key_event, start, end, first, position))
    document_end = events[position + 1]
    assert isinstance(document_end, DocumentEndEvent)
    append_at = _start(document_end).index if document_end.explicit else len(text)
    return _Layout(events, entries, _start(root).column, append_at)


def _skip_node(events: list[Event], position: int) -> int:
    """The index just after the node whose first event is ``events[position]``."""
    depth = 0
    while True:
        event = events[position]
        position += 1
        if isinstance(event, CollectionStartEvent):
            depth += 1
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
        if depth == 0:
            return position


def _content_end(text: str, events: list[Event], first: int, stop: int) -> int:
    """The index just after the last character of content among ``events[first:stop]``.

    PyYAML's marks run past the content in three cases, which are therefore corrected here:

    * the end of a block collection is marked where the *next* token starts, after any comment
      and blank lines in between (it is zero-width, and skipped);
    * a block scalar (``|``, ``>``) ends after the blank lines that follow it, at the start of
      the next non-blank line (backed up over whitespace here);
    * an absent value (``key:`` alone, or ``? key`` without ``:``) is a zero-width empty scalar,
      sometimes marked at the next key (skipped).
    """
    last = 0
    flow: list[bool] = []
    for event in events[first:stop]:
        start, end = _start(event).index, _end(event).index
        if isinstance(event, CollectionStartEvent):
            flow.append(bool(event.flow_style))
            if event.flow_style:
                last = max(last, end)
            elif end > start:  # an anchor or a tag before a block collection: a point on its line
                last = max(last, start + 1)
        elif isinstance(event, CollectionEndEvent):
            if flow.pop():
                last = max(last, end)
        elif isinstance(event, ScalarEvent) and event.style in ("|", ">"):
            while end > start + 1 and text[end - 1] in _WHITESPACE:
                end -= 1
            last = max(last, end)
        elif isinstance(event, (ScalarEvent, AliasEvent)) and end > start:
            last = max(last, end)
    return last


def _start(event: Event) -> _Mark:
    mark = event.start_mark
    assert mark is not None  # the parser marks every event it emits
    return mark


def _end(event: Event) -> _Mark:
    mark = event.end_mark
    assert mark is not None
    return mark


def _line_start(text: str, index: int) -> int:
    """The index where the line holding ``index`` starts (after a byte-order mark)."""
    start = index
    while start > 0 and text[start - 1] not in _BREAK_CHARS:
        start -= 1
    if start == 0 and text.startswith(_BOM):
        start = 1
    # A top-level block key is the first thing on its line: only indentation precedes it, and
    # the '?' of an explicit key.
    assert re.fullmatch(r" *(\?[ \t]+)?", text[start:index]), (start, index)
    return start


def _newline_style(text: str) -> str:
    match = re.search(r"\r\n|\r|\n", text)
    return match.group() if match else "\n"


def _last_line_is_blank(head: str) -> bool:
    """Whether the last line of ``head`` (which ends with a line break) is empty or spaces."""
    lines = _LINE_BREAK.split(head)
    # ``head`` ends with a line break, so the split's last item is "" and the last line is [-2].
    return len(lines) >= 2 and lines[-2].strip(" \t" + _BOM) == ""


# --- checks ---------------------------------------------------------------------------------


def _check_block(key: str, block: str) -> None:
    """Refuse a ``block`` that is not one well-formed ``key:`` entry (a programming error)."""
    if not block.endswith("\n") or "\r" in block or block.startswith(_BOM):
        raise ValueError("the block must end with '\\n' and use '\\n' line breaks only")
    try:
        events = list(yaml.parse(block, Loader=yaml.SafeLoader))
        node = yaml.compose(block, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise ValueError(f"the block is not valid YAML: {exc}") from None
    if not isinstance(node, MappingNode) or node.flow_style or len(node.value) != 1:
        raise ValueError("the block must be a block mapping with a single entry")
    (key_node, _value) = node.value[0]
    if not isinstance(key_node, ScalarNode) or key_node.value != key:
        raise ValueError(f"the block's entry must be {key!r}")
    if key_node.start_mark.index != 0:
        raise ValueError("the block must start with its key at column 0")
    if any(getattr(event, "anchor", None) for event in events):
        raise ValueError("the block must not define anchors (it could change aliases after it)")
    (entry,) = _layout(block).entries
    if entry.end != len(block):
        raise ValueError("the block must end with a line of content, not comments or blank lines")


def _check_anchors(events: list[Event], entry: _Entry, key: str, file: str | None) -> None:
    """Refuse to drop an anchor that an alias outside the entry still refers to."""
    defined_inside: dict[str, bool] = {}
    for position, event in enumerate(events):
        inside = entry.first_event <= position < entry.last_event
        if isinstance(event, AliasEvent):
            if not inside and defined_inside.get(event.anchor or ""):
                mark = _start(event)
                raise InputError(
                    f"the alias *{event.anchor} refers to the anchor &{event.anchor} defined in "
                    f"the '{key}' entry, which ggcalc is about to replace",
                    location=Location(file, mark.line + 1, mark.column + 1),
                    hint=f"define the anchor outside '{key}', or write the value out here",
                )
        elif isinstance(event, NodeEvent) and event.anchor:
            defined_inside[event.anchor] = inside


def _check_result(old: MappingNode, new_text: str, key: str, block: str, file: str | None) -> None:
    """Check that ``new_text`` means the old document with only ``key``'s value changed."""
    key_node = next((k for k, _ in old.value if isinstance(k, ScalarNode) and k.value == key), None)
    location = location_of(key_node or old, file)
    try:
        new = read_yaml(new_text, file)
    except InputError as exc:
        new = None
        reason = str(exc.problems[0].message)
    else:
        reason = "the rest of the file would read differently"
    wanted = yaml.compose(block, Loader=yaml.SafeLoader)
    if (
        isinstance(new, MappingNode)
        and isinstance(wanted, MappingNode)
        and _same_entries(old, new, key, wanted.value[0][1])
    ):
        return
    raise InputError(
        f"ggcalc cannot replace the '{key}' entry without changing the rest of the file ({reason})",
        location=location,
        hint=f"the file was not changed; edit its '{key}' entry by hand",
    )


def _same_entries(old: MappingNode, new: MappingNode, key: str, value: Node) -> bool:
    def others(node: MappingNode) -> list[tuple[Node, Node]]:
        return [(k, v) for k, v in node.value if not (isinstance(k, ScalarNode) and k.value == key)]

    ours = [v for k, v in new.value if isinstance(k, ScalarNode) and k.value == key]
    kept, now = others(old), others(new)
    seen: set[tuple[int, int]] = set()
    return (
        len(ours) == 1
        and _same(ours[0], value, seen)
        and len(kept) == len(now)
        and all(
            _same(k1, k2, seen) and _same(v1, v2, seen)
            for (k1, v1), (k2, v2) in zip(kept, now, strict=True)
        )
    )


def _same(a: Node, b: Node, seen: set[tuple[int, int]]) -> bool:
    """Whether two composed nodes mean the same (tags and scalar texts), aliases shared once."""
    pair = (id(a), id(b))
    if pair in seen:
        return True
    seen.add(pair)
    if type(a) is not type(b) or a.tag != b.tag:
        return False
    if isinstance(a, ScalarNode):
        return bool(a.value == b.value)
    if isinstance(a, SequenceNode):
        return len(a.value) == len(b.value) and all(
            _same(x, y, seen) for x, y in zip(a.value, b.value, strict=True)
        )
    return len(a.value) == len(b.value) and all(
        _same(k1, k2, seen) and _same(v1, v2, seen)
        for (k1, v1), (k2, v2) in zip(a.value, b.value, strict=True)
    )
