"""Markdown output for reports: the same content as the terminal table."""

from __future__ import annotations

from ggcalc.render.content import report
from ggcalc.solution import Solution

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
    """A Markdown section: title, summary, payoff table (equilibria in bold), equilibria."""
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
    if parts.zero_sum:
        lines += [parts.zero_sum, ""]
    if parts.components:
        lines += [*parts.components, ""]
    if parts.warnings:
        lines += ["**Warnings**", ""] + [f"- {w}" for w in parts.warnings] + [""]
    return "\n".join(lines)
