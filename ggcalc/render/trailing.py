"""Terminal output without trailing spaces.

rich pads every table cell to its column's width, so each line of a table ends in spaces.
They are invisible on a terminal but end up in files, pipes, diffs and the README's examples.
:func:`without_trailing_spaces` removes them from everything printed while it is active, and
nothing else: the lines, their text and their styles are otherwise exactly what rich renders.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import TypeVar

from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderHook, RenderResult
from rich.segment import Segment

__all__ = ["trims_trailing_spaces", "without_trailing_spaces"]

_Result = TypeVar("_Result")


class _Trimmed:
    """``renderable`` as rich renders it, with the spaces ending each line removed."""

    def __init__(self, renderable: ConsoleRenderable):
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rendered = console.render(self.renderable, options)
        for line, new_line in Segment.split_lines_terminator(rendered):
            yield from _rstrip(line)
            if new_line:
                yield Segment.line()


def _rstrip(line: Iterable[Segment]) -> list[Segment]:
    """The segments of one line without its trailing spaces (control codes are kept)."""
    segments = list(line)
    index = len(segments) - 1
    while index >= 0:
        segment = segments[index]
        if not segment.control:
            text = segment.text.rstrip(" ")
            if text:
                segments[index] = Segment(text, segment.style, segment.control)
                break
            del segments[index]
        index -= 1
    return segments


class _TrimHook(RenderHook):
    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [_Trimmed(renderable) for renderable in renderables]


@contextmanager
def without_trailing_spaces(console: Console) -> Iterator[Console]:
    """Print to ``console`` with no line ending in spaces, until the ``with`` block ends.

    Parameters
    ----------
    console : rich.console.Console
        The console the caller prints to (its width, colours and file are unchanged).

    Yields
    ------
    Console
        ``console`` itself.
    """
    console.push_render_hook(_TrimHook())
    try:
        yield console
    finally:
        console.pop_render_hook()


def trims_trailing_spaces(
    print_result: Callable[[_Result, Console], None],
) -> Callable[[_Result, Console], None]:
    """Decorate a ``print_...(result, console)`` renderer to print without trailing spaces.

    Parameters
    ----------
    print_result : callable
        The renderer: it prints ``result`` to ``console``.

    Returns
    -------
    Callable
        The same renderer, printing under :func:`without_trailing_spaces`.
    """

    @wraps(print_result)
    def printing(result: _Result, console: Console) -> None:
        with without_trailing_spaces(console):
            print_result(result, console)

    return printing
