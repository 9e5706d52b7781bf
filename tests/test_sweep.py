"""``ggcalc sweep``: grid points equal single solves, regimes, thresholds found by exact
bisection where the switch is known analytically, and the output formats."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import ggcalc
from ggcalc.analysis.sweep import parse_axis, signature, simplest_between, sweep
from ggcalc.cli import app
from ggcalc.io.yaml.document import read_document
from ggcalc.render.sweep_format import sweep_lines

# Row's payoff c at (A, Left) against 2 at (B, Left): (A, Left) is an equilibrium exactly when
# c >= 2 (Row's best deviation pays 2), and (B, Right) always is. Below 2, B strictly
# dominates A and (B, Right) is the only equilibrium; above 2 the coordination game also has a
# mixed equilibrium (at exactly 2 the game is degenerate, and its extreme equilibria are
# again two pure and one mixed). So the answer switches at c = 2, analytically.
SWITCH = """\
title: Switch at two
parameters:
  c: 3
players:
  Row: [A, B]
  Column: [Left, Right]
payoffs:
  A: {Left: [c, 1], Right: [0, 0]}
  B: {Left: [2, 0], Right: [1, 1]}
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def switch(tmp_path: Path) -> Path:
    path = tmp_path / "switch.yaml"
    path.write_text(SWITCH, encoding="utf-8")
    return path


def test_points_equal_single_solves(switch: Path) -> None:
    document = read_document(SWITCH, None)
    result = sweep(document, [parse_axis("c=0:4:9")])
    assert [p.values["c"] for p in result.points] == [Fraction(k, 2) for k in range(9)]
    for point in result.points:
        alone = ggcalc.load(SWITCH, c=point.values["c"]).solve()
        assert point.solution.to_dict()["equilibria"] == alone.to_dict()["equilibria"]
        assert point.solution.complete == alone.complete


def test_threshold_at_the_analytic_switch() -> None:
    result = sweep(read_document(SWITCH, None), [parse_axis("c=0:4:5")])
    below = (("{Row: B, Column: Right}",), 0)
    above = (("{Row: A, Column: Left}", "{Row: B, Column: Right}"), 1)
    assert [(r.first, r.last, r.signature) for r in result.regimes] == [
        (0, 1, below),
        (2, 4, above),
    ]
    [first] = result.thresholds
    assert first.low < 2 <= first.high and first.high - first.low <= result.precision
    assert (first.before, first.after) == (below, above)
    assert first.simplest == 2 and first.at_simplest == above


def test_precision_is_respected() -> None:
    result = sweep(
        read_document(SWITCH, None), [parse_axis("c=0:4:3")], precision=Fraction(1, 10**6)
    )
    [t, *_] = result.thresholds
    assert t.high - t.low <= Fraction(1, 10**6)
    assert t.low < 2 <= t.high


def test_grid_of_two_parameters() -> None:
    text = SWITCH.replace("  c: 3\n", "  c: 3\n  d: 1\n").replace("Right: [1, 1]", "Right: [d, 1]")
    result = sweep(read_document(text, None), [parse_axis("c=0:4:3"), parse_axis("d=0:2:3")])
    assert len(result.points) == 9
    assert len(result.labels) == 9 and result.signatures
    assert result.thresholds == []


def test_sweep_table_json_csv(switch: Path) -> None:
    table = run("sweep", str(switch), "--vary", "c=0:4:5")
    assert table.exit_code == 0, table.stderr
    assert "Sweep of c from 0 to 4 (5 points): nash equilibria" in table.stdout
    assert "A: {Row: B, Column: Right}" in table.stdout
    assert "c between" in table.stdout

    document = json.loads(run("sweep", str(switch), "--vary", "c=0:4:5", "-f", "json").stdout)
    assert document["parameters"] == ["c"]
    assert [p["values"]["c"] for p in document["points"]] == ["0", "1", "2", "3", "4"]
    assert all(p["complete"] for p in document["points"])
    assert document["thresholds"][0]["simplest"] == "2"

    rows = list(
        csv.reader(io.StringIO(run("sweep", str(switch), "--vary", "c=0:4:5", "-f", "csv").stdout))
    )
    assert rows[0] == ["c", "regime", "complete", "equilibria", "pure", "mixed"]
    assert rows[1] == ["0", "A", "true", "1", "{Row: B, Column: Right}", "0"]
    assert len(rows) == 6


def test_sweep_markdown_and_grid_table(switch: Path) -> None:
    text = SWITCH.replace("  c: 3\n", "  c: 3\n  d: 1\n").replace("Right: [1, 1]", "Right: [d, 1]")
    switch.write_text(text, encoding="utf-8")
    grid = run("sweep", str(switch), "--vary", "c=0:4:3", "--vary", "d=0:2:3")
    assert grid.exit_code == 0, grid.stderr
    assert "c \\ d" in grid.stdout
    markdown = run("sweep", str(switch), "--vary", "c=0:4:5", "-f", "markdown")
    assert markdown.stdout.startswith("**Sweep of c from 0 to 4 (5 points)")


@pytest.mark.parametrize(
    ("vary", "message"),
    [
        ("c=0:4", "is not NAME=START:STOP:STEPS"),
        ("c=0:4:1", "STEPS must be a whole number of points, at least 2"),
        ("c=x:4:3", "START 'x' is not a number"),
        ("c=2:2:3", "START and STOP are equal"),
        ("e=0:4:3", "unknown parameter 'e'"),
    ],
)
def test_bad_sweeps_are_usage_errors(switch: Path, vary: str, message: str) -> None:
    result = run("sweep", str(switch), "--vary", vary)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_a_formula_failing_at_some_value_says_where(tmp_path: Path) -> None:
    path = tmp_path / "divide.yaml"
    path.write_text(SWITCH.replace("[c, 1]", "[1/c, 1]"), encoding="utf-8")
    result = run("sweep", str(path), "--vary", "c=0:4:5")
    assert result.exit_code == 2
    assert "division by zero" in result.stderr and "(at c = 0)" in result.stderr
    assert result.stderr.startswith(f"{path}:8:15: in Row's payoff")


def test_simplest_fraction() -> None:
    assert simplest_between(Fraction(199, 1000), Fraction(201, 1000)) == Fraction(1, 5)
    assert simplest_between(Fraction(-5, 2), Fraction(-2)) == -2
    assert simplest_between(Fraction(-1), Fraction(1)) == 0
    assert simplest_between(Fraction(3, 7), Fraction(3, 7)) == Fraction(3, 7)


def test_signature_of_a_tree_uses_expect_syntax() -> None:
    solution = ggcalc.load(Path(__file__).parent / "data" / "efg" / "cent2.efg").solve()
    pure, mixed = signature(solution)
    assert mixed == len(solution.equilibria) - len(pure)


# Entry deterrence: at fighting cost f = 1 the incumbent is indifferent, and the entrant, who
# moves earlier, reacts to that tie, so the list there is not proven complete.
ENTRY_WITH_COST = """\
title: Entry with a fighting cost
parameters: {f: 1/2}
players: [Entrant, Incumbent]
tree:
  player: Entrant
  moves:
    Out: {payoffs: [0, 4]}
    In:
      player: Incumbent
      moves:
        Fight: {payoffs: [-1, "2 - f"]}
        Accommodate: {payoffs: [1, 1]}
"""


def test_a_threshold_at_a_tie_says_when_its_list_is_not_proven_complete() -> None:
    result = sweep(read_document(ENTRY_WITH_COST, None), [parse_axis("f=0:2:4")])
    assert result.thresholds  # into the tie at 1 and out of it
    for threshold, document in zip(result.thresholds, result.to_dict()["thresholds"], strict=True):
        assert threshold.simplest == 1
        assert threshold.complete_at_simplest is False
        assert document["at_simplest"]["complete"] is False
    _, _, lines, _ = sweep_lines(result)
    into, out_of = lines[:2]
    assert "(at 1 only, where the list is not proven complete)" in into
    assert "(at 1 the list is not proven complete)" in out_of
    assert sweep(read_document(ENTRY_WITH_COST, None), [parse_axis("f=0:1/2:2")]).thresholds == []


@pytest.mark.parametrize("vary", ["f=1/2:3/2:2", "f=3/2:1/2:2"])
def test_a_tie_between_two_grid_points_gives_both_changes(vary: str) -> None:
    # The tie at f = 1 lies strictly between the two grid points (and is the first midpoint
    # bisection tries): the sweep reports the change into the tie and the change out of it,
    # in the order of the grid, whichever way it runs.
    result = sweep(read_document(ENTRY_WITH_COST, None), [parse_axis(vary)])
    into, out_of = result.thresholds
    assert into.simplest == out_of.simplest == 1
    first, last = result.points[0].signature, result.points[-1].signature
    ascending = result.points[0].values["f"] < result.points[-1].values["f"]
    tie = into.after if ascending else into.before
    assert len(tie[0]) == 2  # both pure equilibria hold at the tie
    if ascending:
        assert (into.before, into.after, out_of.before, out_of.after) == (first, tie, tie, last)
    else:
        assert (into.after, into.before, out_of.after, out_of.before) == (first, tie, tie, last)
    _, _, lines, _ = sweep_lines(result)
    assert len([line for line in lines if line.startswith("f between")]) == 2


@pytest.mark.parametrize("vary", ["f=1/2:3/2:2", "f=3/2:1/2:2"])
def test_a_tie_at_one_value_is_described_as_such(vary: str) -> None:
    result = sweep(read_document(ENTRY_WITH_COST, None), [parse_axis(vary)])
    _, _, lines, _ = sweep_lines(result)
    assert sum("(at 1 only" in line for line in lines) == 1
    assert not any("from 1 on" in line for line in lines)


@pytest.mark.parametrize("vary", ["f=1/2:3/2:2", "f=3/2:1/2:2"])
def test_the_table_shows_an_answer_found_only_between_grid_points(vary: str) -> None:
    result = sweep(read_document(ENTRY_WITH_COST, None), [parse_axis(vary)])
    _, rows, _, legend = sweep_lines(result)
    assert [row[:2] for row in rows] == [[rows[0][0], "1"], ["1 only", "0"], [rows[2][0], "1"]]
    assert len({row[2] for row in rows}) == 3  # its own letter, explained in the legend
    assert any(line.startswith(f"{rows[1][2]}: ") for line in legend)
