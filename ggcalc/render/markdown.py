"""Markdown output for reports: the same content as the terminal table."""

from __future__ import annotations

from ggcalc.model.solution import Solution
from ggcalc.model.tree import GameTree
from ggcalc.render.content import APPROXIMATE_HEADER, report
from ggcalc.render.tree_content import tree_report

__all__ = ["to_markdown"]


def _table(header: list[str], rows: list[list[str]], marked: set[tuple[int, int]]) -> list[str]:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |"]
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    for r, row in enumerate(rows):
        cells = [
            f"**{cell(text.removeprefix('* '))}**" if (r, c) in marked else cell(text)
            for c, text in enumerate(row)
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def to_markdown(solution: Solution) -> str:
    """A Markdown section: title, summary, payoff table (equilibria in bold), equilibria.

    A game tree is drawn as nested lists instead, the moves on the path of play in bold. The
    constant-sum value, convex sets of equilibria, notes and warnings follow when there are
    any.

    Parameters
    ----------
    solution : Solution
        The solution of a normal-form game or of a game tree.

    Returns
    -------
    str
        The section, starting with a ``##`` heading.
    """
    if isinstance(solution.game, GameTree):
        return _tree_markdown(solution)
    parts = report(solution)
    lines = [f"## {parts.title}", "", parts.summary, ""]
    if parts.matrix_rows:
        lines += [f"**{parts.matrix_caption.replace('* marks', 'bold marks')}**", ""]
        lines += [*_table(parts.matrix_header, parts.matrix_rows, parts.matrix_marked), ""]
    elif parts.matrix_note:
        lines += [parts.matrix_note, ""]
    lines += [f"**{parts.equilibria_caption}**", ""]
    if parts.equilibria_rows:
        lines += [
            *_table(
                parts.equilibria_header,
                [row for rows in parts.equilibria_rows for row in rows],
                set(),
            ),
            "",
        ]
    else:
        lines += ["No equilibrium was found.", ""]
    if parts.approximate_rows:
        rows = [row for rows in parts.approximate_rows for row in rows]
        lines += [f"**{parts.approximate_caption}**", ""]
        lines += [*_table(APPROXIMATE_HEADER, rows, set()), ""]
    if parts.zero_sum:
        lines += [parts.zero_sum, ""]
    if parts.components:
        lines += [*parts.components, ""]
    if parts.notes:
        lines += [*parts.notes, ""]
    if parts.warnings:
        lines += ["**Warnings**", ""] + [f"- {w}" for w in parts.warnings] + [""]
    return "\n".join(lines)


def _tree_markdown(solution: Solution) -> str:
    """A game tree: nested lists (moves on the path of play in bold), then the equilibria."""
    parts = tree_report(solution)
    lines = [f"## {parts.title}", "", parts.summary, ""]
    for caption, drawn in parts.drawings:
        lines += [f"**{caption.replace('» marks', 'bold marks')}**", ""]
        for line in drawn:
            text = line.text.replace("» ", "")
            lines.append("  " * line.depth + "- " + (f"**{text}**" if line.reached else text))
        lines.append("")
    if parts.drawing_note:
        lines += [parts.drawing_note, ""]
    lines += [f"**{parts.equilibria_caption}**", ""]
    if parts.equilibria_rows:
        rows = [row for group in parts.equilibria_rows for row in group]
        lines += [*_table(parts.equilibria_header, rows, set()), ""]
        lines += [f"- {note}" for notes in parts.equilibria_notes for note in notes]
        lines.append("")
    else:
        lines += ["No equilibrium was found.", ""]
    if parts.warnings:
        lines += ["**Warnings**", ""] + [f"- {w}" for w in parts.warnings] + [""]
    return "\n".join(lines)
