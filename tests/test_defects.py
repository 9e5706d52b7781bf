"""Regression tests for three user-visible defects, through the command line and the API.

1. A duplicate key hid every other problem of the file, and problems were not listed in line
   order: now ``validate`` and ``solve`` list the duplicates with every other problem, sorted by
   line and column.
2. ``solve --method vertex-enumeration`` on a nondegenerate game ran support enumeration and
   said so (``method: support-enumeration``): now it runs the exact vertex enumeration (vertex
   matching) that was asked for, which finds the same equilibria.
3. Table output ended lines in the spaces rich pads table cells with: now no line of
   ``--format table`` output ends in a space, and nothing else about it changed.

As in ``test_cli.py``, every CLI test checks the exit code, stdout and stderr separately.
"""

from __future__ import annotations

import io
import json
import random
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from cli_run import run, write
from rich.console import Console

import ggcalc
from ggcalc.algorithms.support_enumeration import support_enumeration
from ggcalc.errors import Location, Problem, ScenarioError
from ggcalc.model.normal_form import NormalFormGame
from ggcalc.render import to_json, to_markdown
from ggcalc.render.table import print_table

ROOT = Path(__file__).parent.parent
GAMES = ROOT / "games"
DEAL = GAMES / "us_pakistan_deal.yaml"
BROKEN_DIR = Path(__file__).parent / "data" / "broken"


# --------------------------------------------------------------------------------------------
# 1. A duplicate key is reported with every other problem, all in line order
# --------------------------------------------------------------------------------------------

# Five unrelated problems. The reader finds the duplicate first (while composing the YAML) and
# a mapping's missing entry (11:5) after the entries below it (12:5): both out of line order.
SEVERAL_PROBLEMS = """\
title: Several problems
colour: red
players:
  Row: [Up, Down]
  Col: [Left, Right]
payoffs:
  Up:
    Left: [1, lots]
    Right: [0, 0]
  Down:
    Left: [0, 0]
    Rihgt: [1, 1]
  Up:
    Left: [2, 2]
    Right: [0, 0]
"""


def several_problems_lines(path: Path) -> list[str]:
    return [
        f"{path}:2:1: unknown key 'colour'; the keys are: title, description, sources, "
        "parameters, players, payoffs, tree, expect",
        f"{path}:8:15: Col's payoff at (Row: Up, Col: Left) must be a number, got 'lots'; write "
        'an integer (3), a decimal (0.1) or a fraction in quotes ("2/3"), or declare '
        "'parameters' to use names in formulas",
        f"{path}:11:5: no payoffs for 'Right' of 'Col' (Row: Down, Col: Right); add 'Right:' to "
        "this mapping",
        f"{path}:12:5: 'Rihgt' is not a strategy of 'Col' (expected one of: Left, Right); did "
        "you mean 'Right'?",
        f"{path}:13:3: duplicate key 'Up' (first given at line 7); each key may appear once in a "
        "mapping: merge or rename the two",
    ]


def test_validate_lists_a_duplicate_key_with_every_other_problem_in_line_order(tmp_path):
    path = write(tmp_path, "several.yaml", SEVERAL_PROBLEMS)
    result = run("validate", path)
    assert result.exit_code == 2
    assert result.stdout == f"{path}: INVALID (5 problems)\n0 valid, 1 invalid\n"
    assert result.stderr.splitlines() == several_problems_lines(path)


def test_validate_json_lists_the_problems_in_line_order(tmp_path):
    path = write(tmp_path, "several.yaml", SEVERAL_PROBLEMS)
    result = run("validate", path, "--format", "json")
    assert result.exit_code == 2
    [report] = json.loads(result.stdout)["files"]
    assert [(p["line"], p["column"]) for p in report["problems"]] == [
        (2, 1),
        (8, 15),
        (11, 5),
        (12, 5),
        (13, 3),
    ]
    assert result.stderr.splitlines() == several_problems_lines(path)


def test_solve_lists_a_duplicate_key_with_every_other_problem_in_line_order(tmp_path):
    path = write(tmp_path, "several.yaml", SEVERAL_PROBLEMS)
    result = run("solve", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == several_problems_lines(path)


def test_load_raises_one_scenario_error_with_every_problem_sorted():
    with pytest.raises(ScenarioError) as info:
        ggcalc.load(SEVERAL_PROBLEMS)
    error = info.value
    positions = [(p.location.line, p.location.column) for p in error.problems if p.location]
    assert positions == [(2, 1), (8, 15), (11, 5), (12, 5), (13, 3)]
    assert error.location == Location(None, 2, 1)  # the first problem, in line order


def test_a_duplicate_key_alone_is_still_one_problem():
    path = BROKEN_DIR / "duplicate_key.yaml"
    result = run("validate", path)
    assert result.exit_code == 2
    assert result.stdout == f"{path}: INVALID (1 problem)\n0 valid, 1 invalid\n"
    assert result.stderr == (
        f"{path}:9:3: duplicate key 'Up' (first given at line 7); each key may appear once in a "
        "mapping: merge or rename the two\n"
    )


def test_a_repeated_player_is_reported_once_without_a_cascade():
    # The repeat is left out of the game that is read, so the payoffs are not checked against
    # three players (which would report every payoff as misplaced).
    text = (
        "title: T\nplayers:\n  Row: [Up, Down]\n  Col: [Left, Right]\n  Row: [A, B]\n"
        "payoffs:\n  Up: {Left: [1, 1], Right: [0, 0]}\n  Down: {Left: [0, 0], Right: [1, x y]}\n"
    )
    with pytest.raises(ScenarioError) as info:
        ggcalc.load(text)
    messages = [(p.location.line, p.message) for p in info.value.problems if p.location]
    assert [line for line, _ in messages] == [5, 8]
    assert messages[0][1] == "duplicate key 'Row' (first given at line 3)"
    assert "missing operator between 'x' and 'y'" in messages[1][1]


def test_a_repeated_tree_move_is_reported_once_with_the_other_problems(tmp_path):
    text = (BROKEN_DIR / "tree_duplicate_action.yaml").read_text(encoding="utf-8")
    text = text.replace("player: Incumbent", "player: Incumbant")
    path = write(tmp_path, "tree.yaml", text)
    result = run("validate", path)
    assert result.exit_code == 2
    assert result.stdout == f"{path}: INVALID (2 problems)\n0 valid, 1 invalid\n"
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"{path}:9:15: ")
    assert "did you mean 'Incumbent'?" in errors[0]
    assert errors[1].startswith(f"{path}:13:9: duplicate key 'Fight' (first given at line 11)")


def test_scenario_error_sorts_by_line_and_column_keeping_unlocated_problems_last():
    here = Problem("whole file", Location("a.yaml"))
    nowhere = Problem("no location")
    late, early, same_place = (
        Problem("late", Location("a.yaml", 10, 5)),
        Problem("early", Location("a.yaml", 9, 5)),
        Problem("same place", Location("a.yaml", 9, 5)),
    )
    other_file = Problem("other", Location("b.yaml", 1, 1))
    error = ScenarioError([here, late, nowhere, early, other_file, same_place])
    assert [p.message for p in error.problems] == [
        "early",
        "same place",  # stable: problems at one place keep their order
        "late",
        "whole file",  # no line: after the located problems of its file, in the order found
        "no location",
        "other",  # another file: after the first file's problems
    ]
    assert error.location == early.location
    assert str(error).splitlines()[0] == "a.yaml:9:5: early"


# --------------------------------------------------------------------------------------------
# 2. --method vertex-enumeration runs vertex enumeration, and finds the same equilibria
# --------------------------------------------------------------------------------------------


def solve_json(*args: str | Path) -> dict:
    result = run("solve", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_solve_vertex_enumeration_reports_the_method_that_was_asked_for():
    auto = solve_json(DEAL)
    vertex = solve_json(DEAL, "--method", "vertex-enumeration")
    assert auto["degenerate"] is False
    assert auto["method"] == "support-enumeration"
    assert vertex["method"] == "vertex-enumeration"
    assert vertex["complete"] is True
    assert vertex["degenerate"] is False
    assert vertex["warnings"] == auto["warnings"] == []
    # The same answer, listed in the same (sorted) order; only the method differs.
    assert vertex == {**auto, "method": "vertex-enumeration"}


def test_solve_vertex_enumeration_table_names_the_method():
    result = run("solve", DEAL, "--method", "vertex-enumeration")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "nash by vertex-enumeration · complete" in result.stdout.splitlines()[1]


def test_method_auto_still_runs_and_reports_support_enumeration():
    auto = run("solve", DEAL, "--format", "json")
    explicit = run("solve", DEAL, "--format", "json", "--method", "support-enumeration")
    assert auto.exit_code == explicit.exit_code == 0
    assert auto.stderr == explicit.stderr == ""
    assert auto.stdout == explicit.stdout
    assert json.loads(auto.stdout)["method"] == "support-enumeration"


def random_bimatrix(rng: random.Random, m: int, n: int, low: int, high: int) -> NormalFormGame:
    a = [[rng.randint(low, high) for _ in range(n)] for _ in range(m)]
    b = [[rng.randint(low, high) for _ in range(n)] for _ in range(m)]
    return NormalFormGame.from_arrays([a, b], title=f"random {m}x{n}")


def nondegenerate_games() -> list[NormalFormGame]:
    """The shipped deal and random integer bimatrix games, all nondegenerate."""
    rng = random.Random(20240501)
    games = [ggcalc.load(DEAL).game]
    assert isinstance(games[0], NormalFormGame)
    while len(games) < 41:
        m, n = rng.randint(2, 6), rng.randint(2, 6)
        game = random_bimatrix(rng, m, n, -50, 50)
        if ggcalc.solve(game).degenerate is False:
            games.append(game)
    return games


def profiles(solution: ggcalc.Solution) -> list[tuple[tuple[Fraction, ...], ...]]:
    return [eq.profile for eq in solution.equilibria]


def test_vertex_enumeration_finds_the_equilibria_of_support_enumeration():
    games = nondegenerate_games()
    several = 0
    for game in games:
        support = ggcalc.solve(game, method="support-enumeration")
        vertex = ggcalc.solve(game, method="vertex-enumeration")
        assert support.method == "support-enumeration"
        assert vertex.method == "vertex-enumeration"
        assert vertex.complete and support.complete
        assert vertex.degenerate is False
        assert profiles(vertex) == profiles(support), game.title
        assert vertex.warnings == support.warnings
        several += len(support.equilibria) > 1
    assert several >= 10  # the comparison is not only about games with one equilibrium


@pytest.mark.parametrize("small", [True, False])
def test_vertex_matching_gives_the_equal_support_equilibria_on_both_paths(small):
    # Both implementations of the scan: exact one system at a time, and NumPy batches.
    rng = random.Random(7)
    compared = 0
    while compared < 25:
        m, n = rng.randint(2, 5), rng.randint(2, 5)
        a = np.array([[rng.randint(-20, 20) for _ in range(n)] for _ in range(m)], dtype=object)
        b = np.array([[rng.randint(-20, 20) for _ in range(n)] for _ in range(m)], dtype=object)
        supports = support_enumeration(a, b, small=small)
        if supports.witness is not None:
            continue
        vertices = support_enumeration(a, b, small=small, vertex_matching=True)
        assert vertices.witness is None and not vertices.stopped
        assert sorted(vertices.equilibria) == sorted(supports.equilibria)
        assert len(set(vertices.equilibria)) == len(vertices.equilibria)
        compared += 1


# --------------------------------------------------------------------------------------------
# 3. No trailing spaces in table output
# --------------------------------------------------------------------------------------------


def assert_no_trailing_spaces(text: str) -> None:
    ending = [line for line in text.splitlines() if line.endswith(" ")]
    assert ending == [], ending


@pytest.mark.parametrize("game", sorted(p.name for p in GAMES.glob("*.yaml")))
def test_solve_table_has_no_trailing_spaces(game):
    result = run("solve", GAMES / game)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "equilibri" in result.stdout
    assert_no_trailing_spaces(result.stdout)


@pytest.mark.parametrize("options", [["--concept", "nash"], ["--strategic"]])
def test_solve_table_of_a_tree_has_no_trailing_spaces(options):
    result = run("solve", GAMES / "china_response.yaml", *options)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert_no_trailing_spaces(result.stdout)


@pytest.mark.parametrize(
    "vary",
    [
        ["--vary", "china_leverage=0:8:9"],
        ["--vary", "china_leverage=0:8:5", "--vary", "aid_cost=0:6:4"],
    ],
)
def test_sweep_table_has_no_trailing_spaces(vary):
    result = run("sweep", DEAL, *vary)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "Sweep of china_leverage" in result.stdout
    assert_no_trailing_spaces(result.stdout)


def test_robustness_table_has_no_trailing_spaces():
    result = run(
        "robustness", DEAL, "--vary", "china_leverage=uniform:0:8", "--samples", "20", "--seed", "1"
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "pure equilibrium" in result.stdout
    assert_no_trailing_spaces(result.stdout)


@pytest.mark.parametrize("color", [False, True])
def test_only_trailing_spaces_are_removed_from_the_table(color):
    # The renderer undecorated (as rich prints it) against the renderer: the same text once
    # each line's trailing spaces are gone, with colours too.
    solution = ggcalc.load(DEAL).solve()

    def printed(renderer) -> str:
        out = io.StringIO()
        options = {"force_terminal": True, "color_system": "truecolor"} if color else {}
        renderer(solution, Console(file=out, width=100, highlight=False, **options))
        return out.getvalue()

    padded, trimmed = printed(print_table.__wrapped__), printed(print_table)
    assert padded != trimmed
    if color:
        assert "\x1b[" in trimmed
    else:
        assert_no_trailing_spaces(trimmed)
        assert trimmed == "\n".join(line.rstrip(" ") for line in padded.split("\n"))


def test_json_and_markdown_are_not_trimmed_or_changed():
    solution = ggcalc.load(DEAL).solve()
    json_result = run("solve", DEAL, "--format", "json")
    markdown_result = run("solve", DEAL, "--format", "markdown")
    assert json_result.exit_code == markdown_result.exit_code == 0
    assert json_result.stdout == to_json(solution)
    assert markdown_result.stdout == to_markdown(solution)


# --------------------------------------------------------------------------------------------
# Names are shown as typed: rich markup and emoji codes in a name are not interpreted
# --------------------------------------------------------------------------------------------

MARKUP_NAMES = """\
title: Names that look like markup
players:
  A: ["[red]x", ":smile:"]
  B: [l, "[/]"]
payoffs:
  "[red]x": {l: [1, 1], "[/]": [0, 0]}
  ":smile:": {l: [0, 0], "[/]": [2, 2]}
"""


@pytest.mark.parametrize("command", [["solve"], ["sweep", "--vary", "k=0:1:2"]])
def test_names_that_look_like_rich_markup_are_printed_as_typed(tmp_path, command):
    text = MARKUP_NAMES.replace("[2, 2]", "[2, k]").replace("title:", "parameters: {k: 1}\ntitle:")
    path = write(tmp_path, "markup.yaml", text)
    result = run(command[0], path, *command[1:])
    assert result.exit_code == 0, result.stderr
    assert "[red]x" in result.stdout and ":smile:" in result.stdout
    assert "😄" not in result.stdout
    if command == ["solve"]:
        assert "[/]" in result.stdout
