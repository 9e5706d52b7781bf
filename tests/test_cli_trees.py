"""``ggcalc solve`` and ``ggcalc validate`` on sequential games: YAML trees and Gambit .efg
files. Exit code, stdout and stderr are checked separately (see test_cli.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from examples import ENTRY
from typer.testing import CliRunner, Result

from ggcalc.cli import app

DATA = Path(__file__).parent / "data"


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def entry(tmp_path: Path) -> Path:
    path = tmp_path / "entry.yaml"
    path.write_text(ENTRY, encoding="utf-8")
    return path


def test_solve_tree_table(entry: Path) -> None:
    result = run("solve", str(entry))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert "Subgame-perfect equilibria: 1 found (the complete set)" in out
    assert "Entrant at start plays In" in out
    assert "» In: Incumbent at In plays Accommodate" in out
    assert "#1 path of play: In > Accommodate" in out


def test_path_of_play_stops_at_chance(tmp_path: Path) -> None:
    # Two chance nodes may share a label: it is not a decision point id.
    path = tmp_path / "chance.yaml"
    path.write_text(
        "title: c\nplayers: [A]\ntree:\n  player: A\n  moves:\n"
        "    Go:\n      chance: Weather\n      moves:\n"
        "        Sun: {prob: 1/2, payoffs: [2]}\n        Rain: {prob: 1/2, payoffs: [0]}\n"
        "    Stay:\n      chance: Weather\n      moves:\n"
        "        Sun: {prob: 1/2, payoffs: [1]}\n        Rain: {prob: 1/2, payoffs: [0]}\n",
        encoding="utf-8",
    )
    result = run("solve", str(path))
    assert result.exit_code == 0, result.stderr
    assert "#1 path of play: Go, then chance (Weather)" in result.stdout
    assert "path" not in json.loads(run("solve", str(path), "-f", "json").stdout)["equilibria"][0]


def test_path_of_play_goes_on_after_a_chance_move_at_the_root(tmp_path: Path) -> None:
    # Nature draws the sender's type first: the path is told per outcome, up to a mixed choice.
    path = tmp_path / "types.yaml"
    path.write_text(
        "title: t\nplayers: [Sender, Receiver]\ntree:\n  chance: Type\n  moves:\n"
        "    Strong:\n      prob: 1/3\n      player: Sender\n      moves:\n"
        "        Fight: {payoffs: [2, 0]}\n        Quit: {payoffs: [0, 1]}\n"
        "    Weak:\n      prob: 2/3\n      player: Sender\n      moves:\n"
        "        Fight: {payoffs: [0, 0]}\n        Quit: {payoffs: [1, 1]}\n",
        encoding="utf-8",
    )
    result = run("solve", str(path))
    assert result.exit_code == 0, result.stderr
    assert "#1 path of play: chance (Type): Strong (1/3): Fight; Weak (2/3): Quit" in " ".join(
        result.stdout.split()
    )


def test_solve_tree_json(entry: Path) -> None:
    result = run("solve", str(entry), "--format", "json")
    assert result.exit_code == 0 and result.stderr == ""
    document = json.loads(result.stdout)
    assert document["scenario"]["form"] == "sequential"
    assert document["scenario"]["players"] == ["Entrant", "Incumbent"]
    assert document["concept"] == "subgame-perfect"
    assert document["method"] == "backward-induction"
    assert document["equilibria"][0]["path"] == ["In", "Accommodate"]


def test_solve_tree_nash_names_the_threat(entry: Path) -> None:
    result = run("solve", str(entry), "--concept", "nash")
    assert result.exit_code == 0 and result.stderr == ""
    out = " ".join(result.stdout.split())
    assert (
        "Nash equilibria: 3 found (every extreme equilibrium; some mix into one another, "
        "see below)" in out
    )
    assert "every mix of equilibria #2 and #3 is also an equilibrium (one convex set)" in out
    assert "#1 is subgame perfect." in out
    assert (
        "#2 is not subgame perfect: at In, Incumbent would not carry out Fight: Accommodate "
        "pays Incumbent 1 instead of -1 (the payoffs compared are those the equilibrium's own "
        "later play gives)." in out
    )


def test_solve_tree_markdown(entry: Path) -> None:
    result = run("solve", str(entry), "--format", "markdown")
    assert result.exit_code == 0 and result.stderr == ""
    assert "- **Entrant at start plays In**" in result.stdout
    assert "    - **Accommodate: payoffs Entrant 1, Incumbent 1**" in result.stdout
    assert "| 1 | Entrant | In | 1 |" in result.stdout


def test_strategic_form_table(entry: Path) -> None:
    result = run("solve", str(entry), "--strategic")
    assert result.exit_code == 0 and result.stderr == ""
    assert "Entry deterrence (reduced strategic form)" in result.stdout
    assert "Entrant \\ Incumbent" in result.stdout
    document = json.loads(run("solve", str(entry), "--strategic", "-f", "json").stdout)
    assert document["scenario"]["form"] == "normal"
    assert len(document["equilibria"]) == 3


def test_solve_gambit_efg() -> None:
    result = run("solve", str(DATA / "efg" / "poker.efg"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["complete"] is True
    assert document["equilibria"][0]["payoffs"] == {"Alice": "1/3", "Bob": "-1/3"}


def test_validate_trees(entry: Path) -> None:
    result = run("validate", str(entry), str(DATA / "efg" / "poker.efg"))
    assert result.exit_code == 0, result.stderr
    assert "sequential form, 2 players, 5 nodes, 2 decision points" in result.stdout
    assert "2 valid, 0 invalid" in result.stdout


def test_subgame_perfect_on_normal_form_is_a_usage_error() -> None:
    result = run("solve", "games/us_pakistan_deal.yaml", "--concept", "subgame-perfect")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "subgame-perfect equilibria need a sequential (tree) scenario" in result.stderr


def test_normal_form_method_with_subgame_perfect_is_a_usage_error(entry: Path) -> None:
    result = run("solve", str(entry), "--method", "support-enumeration")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "does not compute subgame-perfect equilibria" in result.stderr
    assert "--concept nash" in result.stderr


def test_nash_of_a_tree_with_another_method(entry: Path) -> None:
    result = run("solve", str(entry), "--concept", "nash", "--method", "pure", "-f", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert len(document["equilibria"]) == 2
    assert document["complete"] is False


def test_strategic_form_too_large_is_refused(tmp_path: Path) -> None:
    # Fifteen chance outcomes, each followed by one of the player's decisions: 2^15 reduced
    # strategies, more than ggcalc builds. Subgame perfection solves it at once.
    lines = ["title: Many decisions", "players: [Solo]", "tree:", "  chance: true", "  moves:"]
    for k in range(15):
        lines += [
            f"    o{k}:",
            "      prob: 1/15",
            "      player: Solo",
            f"      moves: {{a: {{payoffs: [{k}]}}, b: {{payoffs: [{k + 1}]}}}}",
        ]
    path = tmp_path / "many.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("solve", str(path), "--concept", "nash")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "reduced strategies" in result.stderr and "--concept subgame-perfect" in result.stderr
    solved = run("solve", str(path), "-f", "json")
    assert solved.exit_code == 0, solved.stderr
    assert json.loads(solved.stdout)["equilibria"][0]["payoffs"] == {"Solo": "8"}


def test_nash_of_a_tree_names_convex_sets_and_how_to_read_strategies() -> None:
    # The signalling scenario: its strategic form is degenerate, and two of its three Nash
    # equilibria (both pooling on the small offer) mix into each other.
    path = Path(__file__).parent.parent / "games" / "us_type_bayesian.yaml"
    result = run("solve", str(path), "--concept", "nash")
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert (
        "In the strategic form, every mix of equilibria #1 and #3 is also an equilibrium "
        "(one convex set)." in text
    )
    assert (
        "A strategy of Pakistan military names the action at each of their decision points "
        "in turn: Pakistan after a big offer / Pakistan after a small offer" in text
    )
    document = json.loads(run("solve", str(path), "--concept", "nash", "-f", "json").stdout)
    assert document["components"] == [[0, 2], [1]]
    assert any("Pakistan after a big offer / " in note for note in document["notes"])
    markdown = run("solve", str(path), "--concept", "nash", "-f", "markdown").stdout
    assert "- In the strategic form, every mix of equilibria #1 and #3" in markdown
