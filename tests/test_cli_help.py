"""The command line as a newcomer meets it: ``--help`` of every command, its example, shell
completion, ``--format`` on every command, and plain English in the reports."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ggcalc.cli import app

ROOT = Path(__file__).parent.parent
COMMANDS = ("solve", "sweep", "robustness", "check", "validate")
runner = CliRunner()


def _help(*args: str) -> str:
    result = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def _examples(help_text: str) -> list[str]:
    """The commands of the help's last paragraph, which must be its examples."""
    paragraphs = help_text.split("\n\n")
    index = max(i for i, p in enumerate(paragraphs) if p.strip().startswith("Example"))
    lines = paragraphs[index + 1].splitlines()
    return [line.strip() for line in lines if line.strip().startswith("ggcalc ")]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_no_python_types_or_braces(command: str) -> None:
    text = _help(command)
    usage = text.splitlines()[0]
    assert "{" not in usage and "}" not in usage, usage
    assert "<list" not in text and "[Path]" not in text and "<path>" not in text
    assert " None " not in text


@pytest.mark.parametrize("command", COMMANDS)
def test_help_examples_are_whole_commands_before_the_options(command: str) -> None:
    text = _help(command)
    before_options = text.split("\nArguments:")[0]
    examples = _examples(before_options)
    assert examples, f"'ggcalc {command} --help' shows no example"
    for example in examples:
        words = shlex.split(example)
        assert words[:2] == ["ggcalc", command]
    # The examples are the last thing said about the command, before the arguments table.
    assert before_options.rstrip().endswith(examples[-1])


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_example_runs(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "games", tmp_path / "games")
    monkeypatch.chdir(tmp_path)
    for example in _examples(_help(command)):
        words = shlex.split(example)[1:]
        if command == "robustness":
            words += ["--samples", "50"]  # the example's default 1,000 samples, made quick
        result = runner.invoke(app, words)
        assert result.exit_code == 0, (example, result.stdout, result.stderr)
        assert result.stdout


def test_shell_completion_is_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _help()
    assert "--install-completion" in text
    assert "--show-completion" in text
    # typer finds the shell from the process tree (shellingham), which fails when the suite runs
    # detached from any shell; which shell it is does not matter here.
    import typer.completion

    monkeypatch.setattr(typer.completion, "_get_shell_name", lambda: "bash")
    result = runner.invoke(app, ["--show-completion"], env={"SHELL": "/bin/bash"})
    assert result.exit_code == 0, result.stderr
    assert "complete" in result.stdout and "ggcalc" in result.stdout.lower()


@pytest.mark.parametrize("command", COMMANDS)
def test_format_is_the_same_option_everywhere(command: str) -> None:
    text = _help(command)
    line = next(line for line in text.splitlines() if line.strip().startswith("-f, --format"))
    assert re.search(r"-f, --format FORMAT\s+Output format: table, json, markdown", line), line


ONE_PLAYER_EFG = """\
EFG 2 R "One decision" { "Alone" }
""

p "" 1 1 "" { "a" "b" } 0
t "" 1 "left" { 1 }
t "" 2 "right" { 2 }
"""


def test_validate_speaks_english_for_one_player(tmp_path: Path) -> None:
    path = tmp_path / "alone.efg"
    path.write_text(ONE_PLAYER_EFG)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"{path}: ok (sequential form, 1 player, 3 nodes, 1 decision point)\n1 valid, 0 invalid\n"
    )


def test_validate_markdown_is_a_report(tmp_path: Path) -> None:
    good = tmp_path / "alone.efg"
    good.write_text(ONE_PLAYER_EFG)
    bad = tmp_path / "broken.yaml"
    bad.write_text("title: T\nplayers:\n  A: [x]\n  B: [y]\npayofs: {}\n")
    result = runner.invoke(app, ["validate", str(good), str(bad), "--format", "markdown"])
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0] == "# Scenario validation"
    assert "1 valid, 1 invalid" in lines
    assert "| file | status |" in lines
    assert f"| `{good}` | ok (sequential form, 1 player, 3 nodes, 1 decision point) |" in lines
    problems = result.stdout.split("## Problems", 1)[1]
    assert f"### `{bad}`" in problems
    assert "unknown key 'payofs'" in problems
    # The same problems went to stderr, one located line each.
    assert f"{bad}:5:1: unknown key 'payofs'" in result.stderr


def test_validate_json_unchanged_in_shape(tmp_path: Path) -> None:
    good = tmp_path / "alone.efg"
    good.write_text(ONE_PLAYER_EFG)
    result = runner.invoke(app, ["validate", str(good), "--format", "json"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document == {
        "files": [
            {
                "file": str(good),
                "valid": True,
                "problems": [],
                "status": "ok (sequential form, 1 player, 3 nodes, 1 decision point)",
            }
        ],
        "invalid": 0,
    }
