"""The README's examples run, and CI runs exactly the README's test command."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

import ggcalc

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_ci_runs_the_readme_test_command() -> None:
    commands = [line for block in _blocks("bash") for line in block.splitlines() if line]
    test_command = next(c for c in commands if "pytest" in c)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci
    assert ".venv/bin/ggcalc check games/" in ci  # published equilibria keep holding


def test_readme_quick_start_solves_a_shipped_scenario() -> None:
    commands = [line for block in _blocks("bash") for line in block.splitlines() if line]
    solve = next(c for c in commands if "ggcalc solve" in c)
    scenario = re.search(r"ggcalc solve (\S+)", solve)
    assert scenario and (ROOT / scenario.group(1)).is_file()


def test_readme_scenario_example_loads() -> None:
    (example,) = [block for block in _blocks("yaml") if "players:" in block]
    solution = ggcalc.load(example).solve()
    assert solution.complete and len(solution.equilibria) == 3


def test_readme_python_example_runs(capsys: object) -> None:
    (example,) = _blocks("python")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        namespace: dict[str, object] = {}
        exec(compile(example, "README.md", "exec"), namespace)
    finally:
        os.chdir(cwd)
    assert namespace["document"]["complete"] is True  # type: ignore[index]


def test_format_doc_examples_load() -> None:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    examples = [b for b in re.findall(r"```yaml\n(.*?)```", text, flags=re.S) if "players:" in b]
    assert len(examples) >= 2
    for example in examples:
        assert ggcalc.load("title: example\n" + example).solve().equilibria


def test_readme_github_actions_step_runs_check() -> None:
    (step,) = [block for block in _blocks("yaml") if "run:" in block]
    [parsed] = yaml.safe_load(step)
    assert "ggcalc check" in parsed["run"] and "--junit" in parsed["run"]


def test_pre_commit_hooks_offer_check() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {hook["id"]: hook["entry"] for hook in hooks}["ggcalc-check"] == "ggcalc check"


def test_readme_sweep_example_finds_the_threshold_it_describes() -> None:
    import shlex

    from typer.testing import CliRunner

    from ggcalc.cli import app

    commands = [line for block in _blocks("bash") for line in block.splitlines() if line]
    sweep = next(c for c in commands if "ggcalc sweep" in c)
    args = shlex.split(sweep)[1:]
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, args)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.stderr
    assert "china_leverage between 5 and" in result.stdout
    assert "china_leverage between 79/64 (1.2344) and 1265/1024 (1.2354)" in result.stdout


def test_readme_shows_the_real_output_of_the_quick_start() -> None:
    from typer.testing import CliRunner

    from ggcalc.cli import app

    (shown,) = [block for block in _blocks("text") if "Nash equilibria:" in block]
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, ["solve", "games/us_pakistan_deal.yaml"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.stderr
    actual = "\n".join(line.rstrip() for line in result.stdout.rstrip().splitlines())
    assert shown.rstrip("\n") == actual
