"""Renderers: deterministic table, Markdown and JSON output of a Solution."""

from __future__ import annotations

import io
import json

from rich.console import Console

# The CONTRACT's Chicken example, shared with the known-answer tests.
from test_known_answers import CHICKEN

import ggcalc
from ggcalc.render import to_json, to_markdown
from ggcalc.render.table import print_table

DEGENERATE = """\
title: Entry game in strategic form
players:
  Entrant: [Out, In]
  Incumbent: [Fight, Accommodate]
payoffs:
  Out: {Fight: [0, 2], Accommodate: [0, 2]}
  In: {Fight: [-1, -1], Accommodate: [1, 1]}
"""


def _table(text: str) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, color_system=None, force_terminal=False)
    print_table(ggcalc.load(text).solve(), console)
    return buffer.getvalue()


def test_table_marks_pure_equilibria_and_shows_exact_mixes() -> None:
    out = _table(CHICKEN)
    assert out.startswith("Cuban missile crisis as Chicken\n")
    assert "2 players · 2 × 2 · normal form · nash by support-enumeration · complete" in out
    blockade = next(line for line in out.splitlines() if line.strip().startswith("Blockade "))
    assert "3, 3" in blockade and "* 2, 4" in blockade and "* 3, 3" not in blockade
    assert "Nash equilibria: 3 found (the complete set)" in out
    assert "1/2 Blockade + 1/2 Air strike (0.5 / 0.5)" in out
    assert "5/2 (2.5)" in out
    assert "Warning" not in out


def test_table_shows_warnings_for_degenerate_games() -> None:
    out = " ".join(_table(DEGENERATE).split())
    assert "nash by vertex-enumeration · complete" in out
    # Gambit's enummixed: (Out, Fight), (Out, 1/2 Fight + 1/2 Accommodate), (In, Accommodate).
    # The two with Out form one convex set: the list is every extreme equilibrium.
    assert (
        "Nash equilibria: 3 found (every extreme equilibrium; some mix into one another, "
        "see below)" in out
    )
    assert "Every mix of equilibria" in out
    assert "Warning: The game is degenerate" in out
    assert "Incumbent has 2 equally good best responses (Fight, Accommodate)" in out


def test_markdown_has_tables_with_bold_equilibria() -> None:
    md = to_markdown(ggcalc.load(CHICKEN).solve())
    assert md.startswith("## Cuban missile crisis as Chicken\n")
    assert "| Blockade | 3, 3 | **2, 4** |" in md
    assert "| Air strike | **4, 2** | 1, 1 |" in md
    assert "| 3 | United States | 1/2 Blockade + 1/2 Air strike (0.5 / 0.5) | 5/2 (2.5) |" in md


def test_markdown_lists_warnings() -> None:
    md = to_markdown(ggcalc.load(DEGENERATE).solve())
    assert "**Warnings**" in md
    assert "- The game is degenerate" in md


def test_json_is_the_solution_dictionary() -> None:
    solution = ggcalc.load(CHICKEN).solve()
    assert json.loads(to_json(solution)) == solution.to_dict()
    assert to_json(solution).endswith("}\n")


def test_three_player_games_list_every_profile() -> None:
    text = """\
title: Three-way coordination
players: {A: [x, y], B: [x, y], C: [x, y]}
payoffs:
  x: {x: {x: [1, 1, 1], y: [0, 0, 0]}, y: {x: [0, 0, 0], y: [0, 0, 0]}}
  y: {x: {x: [0, 0, 0], y: [0, 0, 0]}, y: {x: [0, 0, 0], y: [2, 2, 2]}}
"""
    out = _table(text)
    assert "Payoffs at every profile" in out
    assert "* x " in out and "* y " in out
    # Besides the two pure equilibria, every mixer needs the others' x and y to balance:
    # qr = 2(1-q)(1-r) for all three gives p = 2 - sqrt(2), an irrational equilibrium.
    flat = " ".join(out.split())
    assert "(2 - √2 ≈ 0.585786) x + (-1 + √2 ≈ 0.414214) y" in flat
    assert "complete" in flat


def test_zero_sum_games_show_their_value() -> None:
    text = """\
title: Matching pennies
players: {Row: [Heads, Tails], Col: [Heads, Tails]}
payoffs:
  Heads: {Heads: [1, -1], Tails: [-1, 1]}
  Tails: {Heads: [-1, 1], Tails: [1, -1]}
"""
    out = " ".join(_table(text).split())
    assert (
        "This is a zero-sum game: Row can guarantee 0 by playing 1/2 Heads + 1/2 Tails "
        "(0.5 / 0.5); Col can guarantee 0" in out
    )
    md = to_markdown(ggcalc.load(text).solve())
    assert "This is a zero-sum game" in md
