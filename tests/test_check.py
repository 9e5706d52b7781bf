"""``expect`` blocks (CONTRACT 1.3), ``ggcalc check`` and ``ggcalc solve --record``.

CLI tests assert the exit code, stdout and stderr separately."""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

import pytest
from examples import ENTRY
from test_known_answers import CHICKEN as CHICKEN_GAME
from typer.testing import CliRunner, Result

import ggcalc
from ggcalc.cli import app

GAMES = Path(__file__).parent.parent / "games"

# CONTRACT 1.1's Chicken with CONTRACT 1.3's expect block: the complete set of its equilibria.
CHICKEN = (
    CHICKEN_GAME.lstrip("\n")
    + """\
expect:
  nash:                       # the COMPLETE set of (extreme) Nash equilibria, any order
    - {United States: Blockade, Soviet Union: Maintain}
    - {United States: Air strike, Soviet Union: Withdraw}
    - United States: {Blockade: 1/2, Air strike: 1/2}
      Soviet Union: {Withdraw: 1/2, Maintain: 1/2}
"""
)

ENTRY_EXPECT = (
    ENTRY
    + """\
expect:
  subgame-perfect:
    - {Entrant: In, Incumbent: Accommodate}
  nash:
    - {Entrant: In, Incumbent: Accommodate}
    - {Entrant: Out, Incumbent: Fight}
    - {Entrant: Out, Incumbent: {Fight: 1/2, Accommodate: 1/2}}
"""
)


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


# --- reading expect blocks ---------------------------------------------------------------


def test_expect_block_is_read_exactly() -> None:
    scenario = ggcalc.load(CHICKEN)
    assert scenario.expectations is not None
    [(first, where), _, (mixed, _)] = scenario.expectations.concepts["nash"]
    assert first == ((1, 0), (0, 1))
    assert where.line == 14
    assert mixed == ((Fraction(1, 2),) * 2, (Fraction(1, 2),) * 2)


def test_sequential_expectations_accept_both_forms() -> None:
    # Entrant has one decision point, so the action may be given directly or by point.
    text = (
        ENTRY
        + "expect:\n  subgame-perfect:\n    - {Entrant: {start: In}, Incumbent: Accommodate}\n"
    )
    scenario = ggcalc.load(text)
    assert scenario.expectations is not None
    [(profile, _)] = scenario.expectations.concepts["subgame-perfect"]
    assert profile == ((0, 1), (0, 1))


EXPECT_PROBLEMS = {
    "unknown player": (
        CHICKEN.replace("- {United States: Blockade, Soviet", "- {United Sates: Blockade, Soviet"),
        (14, 8),
        "unknown player 'United Sates'; did you mean 'United States'?",
    ),
    "unknown strategy": (
        CHICKEN.replace("Soviet Union: Maintain}", "Soviet Union: Maintian}"),
        (14, 47),
        "unknown strategy 'Maintian' for Soviet Union; did you mean 'Maintain'?",
    ),
    "probabilities": (
        CHICKEN.replace("{Blockade: 1/2, Air strike: 1/2}", "{Blockade: 1/2, Air strike: 1/3}"),
        (16, 22),
        "the probabilities for United States sum to 5/6, not 1",
    ),
    "missing player": (
        CHICKEN.replace(
            "- {United States: Blockade, Soviet Union: Maintain}", "- {United States: Blockade}"
        ),
        (14, 7),
        "this equilibrium does not give the strategy of Soviet Union",
    ),
    "listed twice": (
        CHICKEN.replace(
            "    - {United States: Air strike, Soviet Union: Withdraw}",
            "    - {United States: Blockade, Soviet Union: Maintain}",
        ),
        (15, 7),
        "this equilibrium is listed twice under 'nash' (first at line 14)",
    ),
    "unknown concept": (
        CHICKEN.replace("  nash:", "  nahs:"),
        (13, 3),
        "unknown solution concept 'nahs'; did you mean 'nash'?",
    ),
    "subgame-perfect in normal form": (
        CHICKEN.replace("  nash:", "  subgame-perfect:"),
        (13, 3),
        "'subgame-perfect' equilibria are for sequential (tree) scenarios",
    ),
    "unknown decision point": (
        ENTRY + "expect:\n  nash:\n    - {Entrant: {begin: In}, Incumbent: Fight}\n",
        (14, 18),
        "Entrant has no decision point 'begin'",
    ),
    "unknown action": (
        ENTRY + "expect:\n  nash:\n    - {Entrant: In, Incumbent: Fold}\n",
        (14, 32),
        "unknown action 'Fold' for Incumbent; the actions are: Fight, Accommodate",
    ),
}


@pytest.mark.parametrize("case", EXPECT_PROBLEMS, ids=list(EXPECT_PROBLEMS))
def test_expect_problems_are_located(case: str, tmp_path: Path) -> None:
    text, (line, column), message = EXPECT_PROBLEMS[case]
    path = write(tmp_path, "bad.yaml", text)
    result = run("check", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:{line}:{column}: {message}"), result.stderr
    assert f"{path}: error" in result.stdout
    validated = run("validate", str(path))
    assert validated.exit_code == 2 and message in validated.stderr


# --- ggcalc check ------------------------------------------------------------------------


def test_check_passes(tmp_path: Path) -> None:
    write(tmp_path, "chicken.yaml", CHICKEN)
    write(tmp_path, "entry.yaml", ENTRY_EXPECT)
    result = run("check", str(tmp_path))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert f"{tmp_path / 'chicken.yaml'}: pass (nash: 3 equilibria)" in lines
    assert f"{tmp_path / 'entry.yaml'}: pass (subgame-perfect: 1 equilibrium)" in lines
    assert f"{tmp_path / 'entry.yaml'}: pass (nash: 3 equilibria)" in lines
    assert lines[-1] == "2 files: 3 passed, 0 failed, 0 unproven, 0 skipped, 0 errors"


def test_changed_payoff_breaks_the_expectation(tmp_path: Path) -> None:
    # Blockade/Maintain now pays the Soviet Union 0: Withdraw dominates, and only
    # (Air strike, Withdraw) is left.
    path = write(tmp_path, "chicken.yaml", CHICKEN.replace("Maintain: [2, 4]", "Maintain: [2, 0]"))
    result = run("check", str(path))
    assert result.exit_code == 1
    assert result.stderr == ""
    out = result.stdout
    assert f"{path}: FAIL (nash: 2 expected not found)" in out
    assert (
        "    expected but not found:\n      - {United States: Blockade, Soviet Union: Maintain}"
        in out
    )
    assert "found but not expected" not in out


def test_an_incomplete_expected_list_fails(tmp_path: Path) -> None:
    text = CHICKEN.replace("    - {United States: Air strike, Soviet Union: Withdraw}\n", "")
    path = write(tmp_path, "chicken.yaml", text)
    result = run("check", str(path))
    assert result.exit_code == 1
    assert "FAIL (nash: 1 found not expected)" in result.stdout
    assert "      - {United States: Air strike, Soviet Union: Withdraw}" in result.stdout


def test_skipped_and_broken_files(tmp_path: Path) -> None:
    write(tmp_path, "no_expect.yaml", ENTRY)
    broken = write(tmp_path, "broken.yaml", CHICKEN.replace("title:", "titel:"))
    result = run("check", str(tmp_path))
    assert result.exit_code == 2
    assert f"{tmp_path / 'no_expect.yaml'}: skipped (no expect)" in result.stdout
    assert f"{broken}: error" in result.stdout
    assert result.stderr.startswith(f"{broken}:1:1: unknown key 'titel'")


def test_unproven_lists_fail_unless_allowed(tmp_path: Path) -> None:
    # Three players; A and B are indifferent everywhere, C prefers x: A and B can mix
    # together in a continuum the n-player enumeration reports but does not list, so the list
    # of the four pure equilibria cannot be proven complete.
    text = (
        "title: Three\nplayers: {A: [x, y], B: [x, y], C: [x, y]}\npayoffs:\n"
        "  x: {x: {x: [0, 0, 1], y: [0, 0, 0]}, y: {x: [0, 0, 1], y: [0, 0, 0]}}\n"
        "  y: {x: {x: [0, 0, 1], y: [0, 0, 0]}, y: {x: [0, 0, 1], y: [0, 0, 0]}}\n"
        "expect:\n  nash:\n    - {A: x, B: x, C: x}\n    - {A: y, B: x, C: x}\n"
        "    - {A: x, B: y, C: x}\n    - {A: y, B: y, C: x}\n"
    )
    path = write(tmp_path, "three.yaml", text)
    result = run("check", str(path))
    assert result.exit_code == 1
    assert f"{path}: unproven" in result.stdout
    assert "form a continuum" in result.stdout
    allowed = run("check", str(path), "--allow-incomplete")
    assert allowed.exit_code == 0
    assert "pass (nash: 4 equilibria (not proven complete, allowed))" in allowed.stdout


def test_check_json_and_junit(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", CHICKEN)
    write(tmp_path, "bad.yaml", CHICKEN.replace("Maintain: [2, 4]", "Maintain: [2, 0]"))
    write(tmp_path, "plain.yaml", ENTRY)
    report = tmp_path / "report.xml"
    result = run("check", str(tmp_path), "--format", "json", "--junit", str(report))
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    statuses = {Path(r["file"]).name: r["status"] for r in document["results"]}
    assert statuses == {"good.yaml": "pass", "bad.yaml": "fail", "plain.yaml": "skipped"}
    assert document["summary"]["fail"] == 1
    suite = ET.parse(report).getroot().find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("3", "1", "1")
    failures = [case for case in suite.iter("testcase") if case.find("failure") is not None]
    assert [Path(case.get("file", "")).name for case in failures] == ["bad.yaml"]
    failure = failures[0].find("failure")
    assert failure is not None and "expected but not found" in (failure.text or "")


def test_check_markdown(tmp_path: Path) -> None:
    path = write(tmp_path, "chicken.yaml", CHICKEN)
    result = run("check", str(path), "--format", "markdown")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "# Published equilibria"
    assert "1 file: 1 passed, 0 failed, 0 unproven, 0 skipped, 0 errors" in lines
    assert f"| `{path}` | nash | pass | nash: 3 equilibria |" in lines
    assert "## Differences" not in result.stdout


def test_check_markdown_lists_the_differences(tmp_path: Path) -> None:
    changed = CHICKEN.replace("Maintain: [2, 4]", "Maintain: [2, 0]", 1)
    assert changed != CHICKEN
    path = write(tmp_path, "chicken.yaml", changed)
    result = run("check", str(path), "--format", "markdown")
    assert result.exit_code == 1
    assert f"| `{path}` | nash | FAIL |" in result.stdout
    differences = result.stdout.split("## Differences", 1)[1]
    assert f"### `{path}` (nash)" in differences
    assert "expected but not found:" in differences


def test_shipped_scenarios_pass() -> None:
    result = run("check", str(GAMES))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert ", 0 failed, 0 unproven, 0 skipped, 0 errors" in result.stdout


# --- ggcalc solve --record ----------------------------------------------------------------


def test_record_keeps_every_comment_then_check_passes(tmp_path: Path) -> None:
    original = (GAMES / "us_pakistan_deal.yaml").read_text(encoding="utf-8")
    without = original.split("\nexpect:")[0].rstrip("\n") + "\n"
    path = write(tmp_path, "deal.yaml", without + "# a closing comment\n")
    result = run("solve", str(path), "--record")
    assert result.exit_code == 0, result.stderr
    assert f"{path}: recorded the expect block" in result.stderr
    text = path.read_text(encoding="utf-8")
    assert text.startswith(without + "# a closing comment\n")
    assert "expect:\n  nash:\n" in text
    assert run("check", str(path)).exit_code == 0
    # Recording again changes nothing.
    assert run("solve", str(path), "--record").exit_code == 0
    assert path.read_text(encoding="utf-8") == text


def test_record_replaces_a_wrong_block_and_keeps_what_follows(tmp_path: Path) -> None:
    broken = CHICKEN.replace("Maintain: [2, 4]", "Maintain: [2, 0]") + "# the end\n"
    path = write(tmp_path, "chicken.yaml", broken)
    assert run("check", str(path)).exit_code == 1
    result = run("solve", str(path), "--record", "--format", "json")
    assert result.exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith(broken[: broken.index("expect:")])
    assert text.endswith("# the end\n")
    assert run("check", str(path)).exit_code == 0


def test_record_records_every_concept_of_a_tree(tmp_path: Path) -> None:
    path = write(tmp_path, "entry.yaml", ENTRY + "expect:\n  nash: []\n")
    assert run("solve", str(path), "--record").exit_code == 0
    scenario = ggcalc.load(path)
    assert scenario.expectations is not None
    assert list(scenario.expectations.concepts) == ["subgame-perfect", "nash"]
    assert len(scenario.expectations.concepts["nash"]) == 3
    assert run("check", str(path)).exit_code == 0


def test_record_refuses_what_it_cannot_publish(tmp_path: Path) -> None:
    efg = tmp_path / "poker.efg"
    shutil.copy(Path(__file__).parent / "data" / "efg" / "poker.efg", efg)
    result = run("solve", str(efg), "--record")
    assert result.exit_code == 2
    assert "this file is not one" in result.stderr
    assert result.stdout == ""
    path = write(tmp_path, "chicken.yaml", CHICKEN)
    for extra in (["--strategic"], ["--set", "x=1"]):
        refused = run("solve", str(path), "--record", *extra)
        assert refused.exit_code == 2
        assert refused.stdout == ""
        assert "--record" in refused.stderr
    assert path.read_text(encoding="utf-8") == CHICKEN


def test_interrupted_record_leaves_the_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = CHICKEN.replace("Maintain: [2, 4]", "Maintain: [2, 0]")
    path = write(tmp_path, "chicken.yaml", broken)

    def interrupted(source: object, target: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        from ggcalc.analysis.check import record

        scenario = ggcalc.load(path)
        record(path, scenario, scenario.solve())
    assert path.read_text(encoding="utf-8") == broken
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chicken.yaml"]
