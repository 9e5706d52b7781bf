"""The default terminal output: rich tables."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ggcalc.model.solution import Solution
from ggcalc.model.tree import GameTree
from ggcalc.render.content import APPROXIMATE_HEADER, report
from ggcalc.render.trailing import trims_trailing_spaces
from ggcalc.render.tree_content import TreeLine, tree_report

__all__ = ["print_table"]


@trims_trailing_spaces
def print_table(solution: Solution, console: Console) -> None:
    """Print the game's payoffs with equilibria marked, the equilibria, and any warnings.

    Parameters
    ----------
    solution : Solution
        What to show: a normal-form game is drawn as its payoff table, a tree as a tree with
        each equilibrium's choices.
    console : rich.console.Console
        Where to print (colour only when it is a terminal); no line ends in a space.
    """
    if isinstance(solution.game, GameTree):
        _print_tree_solution(solution, console)
        return
    parts = report(solution)
    console.print(Text(parts.title, style="bold"))
    console.print(Text(parts.summary, style="dim"))
    if parts.matrix_rows:
        console.print()
        console.print(Text(parts.matrix_caption, style="italic"))
        matrix = Table(box=box.SIMPLE_HEAVY)
        for index, heading in enumerate(parts.matrix_header):
            matrix.add_column(
                heading,
                style="bold" if index == 0 else None,
                justify="left" if index == 0 else "center",
            )
        for r, row in enumerate(parts.matrix_rows):
            cells = [
                Text(cell, style="bold green") if (r, c) in parts.matrix_marked else Text(cell)
                for c, cell in enumerate(row)
            ]
            matrix.add_row(*cells)
        console.print(matrix)
    elif parts.matrix_note:
        console.print(Text(parts.matrix_note, style="dim"))
    _print_equilibria(
        console, parts.equilibria_caption, parts.equilibria_header, parts.equilibria_rows
    )
    if parts.approximate_rows:
        _print_equilibria(
            console, parts.approximate_caption, APPROXIMATE_HEADER, parts.approximate_rows
        )
    if parts.zero_sum:
        console.print(Text(parts.zero_sum))
    for sentence in parts.components:
        console.print(Text(sentence))
    for note in parts.notes:
        console.print(Text(note, style="dim"))
    for warning in parts.warnings:
        console.print(Text("Warning: ", style="bold yellow") + Text(warning))


def _print_tree_solution(solution: Solution, console: Console) -> None:
    """A game tree: drawn with each equilibrium's choices, then the equilibria table."""
    parts = tree_report(solution)
    console.print(Text(parts.title, style="bold"))
    console.print(Text(parts.summary, style="dim"))
    for caption, lines in parts.drawings:
        console.print()
        console.print(Text(caption, style="italic"))
        console.print(_rich_tree(lines))
    if parts.drawing_note:
        console.print(Text(parts.drawing_note, style="dim"))
    console.print()
    _print_equilibria(
        console, parts.equilibria_caption, parts.equilibria_header, parts.equilibria_rows
    )
    for notes in parts.equilibria_notes:
        for note in notes:
            console.print(Text(note))
    for warning in parts.warnings:
        console.print(Text("Warning: ", style="bold yellow") + Text(warning))


def _print_equilibria(
    console: Console, caption: str, header: list[str], groups: list[list[list[str]]]
) -> None:
    """One table section per equilibrium, one row per player."""
    if not groups:
        console.print(Text(f"{caption}: no equilibrium was found.", style="bold red"))
        return
    console.print(Text(caption, style="italic"))
    table = Table(box=box.SIMPLE_HEAVY)
    for heading in header:
        table.add_column(heading, overflow="fold")
    for rows in groups:
        for index, row in enumerate(rows):
            table.add_row(*row, end_section=index == len(rows) - 1)
    console.print(table)


def _rich_tree(lines: list[TreeLine]) -> Tree:
    """Nest the preorder lines by depth (iteratively: a drawn tree may be deep)."""

    def label(line: TreeLine) -> Text:
        return Text(line.text, style="bold green" if line.reached else "")

    root = Tree(label(lines[0]), guide_style="dim")
    path = [root]
    for line in lines[1:]:
        del path[line.depth :]
        path.append(path[-1].add(label(line)))
    return root
