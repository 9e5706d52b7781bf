"""Parameters and formulas through the command line (CONTRACT 1.4): exact, overridable, and
never executed as code. Exit code, stdout and stderr are checked separately."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from ggcalc.cli import app

# Line 8 is the payoff row: its quoted formula starts at column 15 (the quote), its text at 16.
TEMPLATE = """\
title: Formula game
parameters:
  aid: 3
players:
  Row: [Up, Down]
  Column: [Left, Right]
payoffs:
  Up: {{Left: [{formula}, 1], Right: [0, 0]}}
  Down: {{Left: [0, 0], Right: [1, 2]}}
"""
COLUMN = 16  # where the formula's text starts on line 8


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def write(tmp_path: Path, formula: str) -> Path:
    path = tmp_path / "game.yaml"
    path.write_text(TEMPLATE.format(formula=formula), encoding="utf-8")
    return path


def test_formulas_are_exact(tmp_path: Path) -> None:
    path = write(tmp_path, '"1/3 + 1/6"')
    document = json.loads(run("solve", str(path), "-f", "json").stdout)
    payoffs = {eq["payoffs"]["Row"] for eq in document["equilibria"]}
    assert "1/2" in payoffs  # exactly 1/2, not 0.49999999999999994


def test_set_matches_editing_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, '"aid - 1"')
    overridden = run("solve", str(path), "--set", "aid=5/2", "-f", "json")
    edited = write(tmp_path / "..", '"aid - 1"')
    edited.write_text(edited.read_text(encoding="utf-8").replace("aid: 3", "aid: 5/2"))
    direct = run("solve", str(edited), "-f", "json")
    assert overridden.exit_code == direct.exit_code == 0
    first = json.loads(overridden.stdout)
    second = json.loads(direct.stdout)
    assert first["equilibria"] == second["equilibria"]


@pytest.mark.parametrize(
    ("formula", "offset", "message"),
    [
        ("\"__import__('os').system('touch PWNED')\"", 10, "function calls"),
        ('"aid.real"', 3, ""),
        ('"abs(aid)"', 3, "function calls"),
        ('"aid ** 2"', 4, "'**'"),
        ('"' + "9" * 10_000 + '"', 0, "digits"),
        ('"aidd + 1"', 0, "did you mean 'aid'?"),
        ('"aid / (aid - 3)"', 4, "division by zero"),
    ],
    ids=["import", "attribute", "call", "power", "huge literal", "unknown name", "div by zero"],
)
def test_rejected_constructs_are_located_and_never_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, formula: str, offset: int, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, formula)
    result = run("solve", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    line = result.stderr.splitlines()[0]
    location = line.split(": ", 1)[0]
    file, row, column = location.rsplit(":", 2)
    assert (file, int(row)) == (str(path), 8)
    # At the offending character, or at the value itself for a word that is no formula.
    assert COLUMN - 1 <= int(column) <= COLUMN + offset
    assert message in line
    assert not (tmp_path / "PWNED").exists()
    assert "Traceback" not in result.stderr


def test_unknown_override_is_a_usage_error(tmp_path: Path) -> None:
    path = write(tmp_path, '"aid"')
    result = run("solve", str(path), "--set", "aide=2")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown parameter 'aide'" in result.stderr and "did you mean 'aid'?" in result.stderr
