"""The ``ggcalc`` command line (CONTRACT sections 2 and 3), through typer's ``CliRunner``.

The installed typer's ``CliRunner`` keeps stdout and stderr apart (``result.stdout``,
``result.stderr``; there is no ``mix_stderr`` argument), so every test checks the exit code, what
went to stdout and what went to stderr separately. A user error must end with exit code 2,
located ``FILE:LINE:COL: message`` lines on stderr, nothing on stdout and no traceback; the
runner records any exception that escaped the command in ``result.exception``, which must then
be nothing but the ``SystemExit`` of the exit code.

The broken fixtures in ``tests/data/broken/`` hold one problem each, described on their first
line; :data:`BROKEN` says where each problem is.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import run, write

import ggcalc

BROKEN_DIR = Path(__file__).parent / "data" / "broken"

#: Each broken fixture: the line and column of its (first) problem, and a word of its message.
BROKEN: dict[str, tuple[int, int, str]] = {
    "alias_bomb.yaml": (8, 5, "aliases"),
    "bad_indentation.yaml": (5, 4, "YAML"),
    "bad_parameter_name.yaml": (4, 3, "parameter name"),
    "deep_nesting.yaml": (2, 207, "nested"),
    "division_by_zero.yaml": (9, 19, "division by zero"),
    "duplicate_key.yaml": (9, 3, "duplicate key 'Up'"),
    "duplicate_strategy.yaml": (4, 13, "two strategies called 'Up'"),
    "empty.yaml": (1, 1, "empty"),
    "extra_nesting.yaml": (9, 7, "Left"),
    "missing_profile.yaml": (8, 9, "Row: Down, Col: Right"),
    "missing_title.yaml": (2, 1, "no 'title'"),
    "no_strategies.yaml": (5, 8, "no strategies"),
    "non_number_payoff.yaml": (7, 18, "must be a number"),
    "not_utf8.yaml": (2, 11, "UTF-8"),
    "players_list.yaml": (3, 10, "'players' is a list"),
    "tab_indentation.yaml": (5, 1, "tab"),
    "top_level_list.yaml": (2, 1, "must be a mapping"),
    "tree_duplicate_action.yaml": (13, 9, "duplicate key 'Fight'"),
    "tree_infoset_players.yaml": (17, 16, "mixes players"),
    "tree_payoff_count.yaml": (11, 26, "expected 2"),
    "tree_perfect_recall.yaml": (15, 16, "perfect recall"),
    "tree_probabilities.yaml": (7, 3, "sum to 9/10"),
    "tree_two_kinds.yaml": (10, 7, "both 'player'"),
    "tree_unknown_player.yaml": (5, 11, "did you mean 'Entrant'?"),
    "two_documents.yaml": (9, 1, "more than one YAML document"),
    "unclosed_bracket.yaml": (5, 6, "]"),
    # The misspelt key (6:1, "did you mean 'payoffs'?") leaves the scenario without 'payoffs',
    # reported at the top of the file: problems are listed in line order.
    "unknown_key.yaml": (2, 1, "no 'payoffs'"),
    "unknown_parameter.yaml": (9, 20, "did you mean 'bonus'?"),
    # Likewise: 'Dwn' (8:3, "did you mean 'Down'?") leaves 'Down' without payoffs, reported at
    # the start of the payoffs mapping.
    "unknown_strategy.yaml": (7, 3, "no payoffs for 'Down'"),
    "wrong_payoff_count.yaml": (8, 16, "expected 2"),
}

CHICKEN = """\
title: Chicken
parameters:
  crash: -10
players:
  Row: [Swerve, Straight]
  Col: [Swerve, Straight]
payoffs:
  Swerve:
    Swerve: [0, 0]
    Straight: [-1, 1]
  Straight:
    Swerve: [1, -1]
    Straight: [crash, crash]
"""

# Three players; A wants to match B, B wants to mismatch A, C is indifferent: like matching
# pennies, there is no pure equilibrium, and mixed ones are not searched for three players.
THREE_PLAYERS = """\
title: Three-player pennies
players:
  A: [Heads, Tails]
  B: [Heads, Tails]
  C: [Watch]
payoffs:
  Heads:
    Heads: {Watch: [1, -1, 0]}
    Tails: {Watch: [-1, 1, 0]}
  Tails:
    Heads: {Watch: [-1, 1, 0]}
    Tails: {Watch: [1, -1, 0]}
"""

SWERVE_STRAIGHT = {"Swerve": "1", "Straight": "0"}
STRAIGHT = {"Swerve": "0", "Straight": "1"}
MIXED = {"Swerve": "9/10", "Straight": "1/10"}
CHICKEN_NASH = [
    ({"Row": SWERVE_STRAIGHT, "Col": STRAIGHT}, {"Row": "-1", "Col": "1"}, True),
    ({"Row": STRAIGHT, "Col": SWERVE_STRAIGHT}, {"Row": "1", "Col": "-1"}, True),
    ({"Row": MIXED, "Col": MIXED}, {"Row": "-1/10", "Col": "-1/10"}, False),
]
CHICKEN_PURE = CHICKEN_NASH[:2]


@pytest.fixture
def chicken(tmp_path: Path) -> Path:
    return write(tmp_path, "chicken.yaml", CHICKEN)


def as_set(equilibria: list[dict]) -> list[tuple]:
    """Equilibria as comparable tuples (strategies, payoffs, pure), sorted."""
    return sorted(
        (json.dumps(eq["strategies"], sort_keys=True), json.dumps(eq["payoffs"]), eq["pure"])
        for eq in equilibria
    )


def expected_set(expected: list[tuple[dict, dict, bool]]) -> list[tuple]:
    return as_set([{"strategies": s, "payoffs": p, "pure": pure} for s, p, pure in expected])


def solve_json(*args: str | Path) -> dict:
    result = run("solve", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


# --------------------------------------------------------------------------------------------
# Version and help
# --------------------------------------------------------------------------------------------


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"ggcalc {ggcalc.__version__}\n"
    assert result.stderr == ""


def test_python_dash_m_ggcalc_version():
    completed = subprocess.run(
        [sys.executable, "-m", "ggcalc", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == f"ggcalc {ggcalc.__version__}\n"
    assert completed.stderr == ""


def test_python_dash_m_ggcalc_reports_a_broken_file_without_traceback():
    path = BROKEN_DIR / "unknown_key.yaml"
    completed = subprocess.run(
        [sys.executable, "-m", "ggcalc", "solve", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.splitlines() == [
        f"{path}:2:1: the scenario has no 'payoffs'; add 'payoffs:' nested by strategy, one "
        "level per player",
        f"{path}:6:1: unknown key 'payofs'; did you mean 'payoffs'?",
    ]
    assert "Traceback" not in completed.stderr


def test_root_help_lists_the_commands_and_an_example():
    result = run("--help")
    assert result.exit_code == 0
    assert result.stderr == ""
    for command in ("solve", "validate"):
        assert re.search(rf"^\s+{command}\s", result.stdout, re.MULTILINE), command
    # The callback's docstring has an example ("ggcalc solve games/..."), but Typer(help=...)
    # replaces it, so `ggcalc --help` shows none.
    assert "ggcalc solve " in result.stdout


@pytest.mark.parametrize("command", ["solve", "validate"])
def test_command_help_has_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert f"Usage: ggcalc {command}" in result.stdout
    assert "Example" in result.stdout
    assert f"ggcalc {command} " in result.stdout
    assert "Exit codes" in result.stdout


def test_solve_help_lists_the_contract_options():
    result = run("solve", "--help")
    assert result.exit_code == 0
    for option in ("--format", "table", "json", "markdown", "--concept", "subgame-perfect"):
        assert option in result.stdout
    assert "--set" in result.stdout
    assert "NAME=VALUE" in result.stdout


# --------------------------------------------------------------------------------------------
# solve: valid files
# --------------------------------------------------------------------------------------------


def test_solve_json_matches_the_contract_exactly(chicken):
    document = solve_json(chicken)
    # CONTRACT 3's keys, plus the documented extensions (docs/json.md).
    assert set(document) == {
        "scenario",
        "concept",
        "method",
        "complete",
        "equilibria",
        "warnings",
        "degenerate",
        "components",
    }
    assert document["degenerate"] is False
    assert document["components"] == [[0], [1], [2]]
    assert document["scenario"] == {
        "title": "Chicken",
        "file": str(chicken),
        "form": "normal",
        "players": ["Row", "Col"],
    }
    assert document["concept"] == "nash"
    assert document["method"] == "support-enumeration"
    assert document["complete"] is True
    assert document["warnings"] == []
    for equilibrium in document["equilibria"]:
        assert set(equilibrium) == {"strategies", "payoffs", "pure"}
        assert list(equilibrium["strategies"]) == ["Row", "Col"]
        for player in ("Row", "Col"):
            assert list(equilibrium["strategies"][player]) == ["Swerve", "Straight"]
    assert as_set(document["equilibria"]) == expected_set(CHICKEN_NASH)


def test_solve_table(chicken):
    result = run("solve", chicken)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.startswith("Chicken\n")
    out = " ".join(result.stdout.split())  # rich wraps long lines
    assert "support-enumeration" in out
    assert "3 found (the complete set)" in out
    assert "9/10 Swerve + 1/10 Straight" in out
    assert "-1/10" in out
    assert "-10, -10" in out


def test_solve_table_is_the_default_and_format_table_is_the_same(chicken):
    assert run("solve", chicken).stdout == run("solve", chicken, "--format", "table").stdout


def test_solve_markdown(chicken):
    result = run("solve", chicken, "--format", "markdown")
    assert result.exit_code == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "## Chicken"
    assert "| Straight | **1, -1** | -10, -10 |" in lines
    assert "| 3 | Row | 9/10 Swerve + 1/10 Straight (0.9 / 0.1) | -1/10 (-0.1) |" in lines


def test_solve_set_overrides_a_parameter(chicken):
    document = solve_json(chicken, "--set", "crash=1")
    # Crashing now pays 1 > 0: Straight strictly dominates, one pure equilibrium.
    assert as_set(document["equilibria"]) == expected_set(
        [({"Row": STRAIGHT, "Col": STRAIGHT}, {"Row": "1", "Col": "1"}, True)]
    )
    assert document["complete"] is True


def test_solve_set_accepts_fractions_and_negative_values(chicken):
    document = solve_json(chicken, "--set", "crash=-3/2")
    mixed = [eq for eq in document["equilibria"] if not eq["pure"]]
    # Against Swerve with probability q, Swerve pays q - 1 and Straight q - 3/2 (1 - q):
    # equal at q = 1/3.
    assert mixed == [
        {
            "strategies": {
                "Row": {"Swerve": "1/3", "Straight": "2/3"},
                "Col": {"Swerve": "1/3", "Straight": "2/3"},
            },
            "payoffs": {"Row": "-2/3", "Col": "-2/3"},
            "pure": False,
        }
    ]


@pytest.mark.parametrize("assignment", ["crash", "crash=", "=5"])
def test_solve_set_without_name_and_value_is_a_usage_error(chicken, assignment):
    result = run("solve", chicken, "--set", assignment)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"--set '{assignment}' is not NAME=VALUE" in result.stderr
    assert "e.g. --set" in result.stderr


def test_solve_set_unknown_name(chicken):
    result = run("solve", chicken, "--set", "crsh=1")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown parameter 'crsh'" in result.stderr
    assert "did you mean 'crash'?" in result.stderr
    assert result.stderr.count("\n") == 1


def test_solve_set_bad_value(chicken):
    result = run("solve", chicken, "--set", "crash=lots")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "parameter 'crash' must be a number, got 'lots'" in result.stderr


def test_solve_subgame_perfect_on_a_normal_form_file(chicken):
    result = run("solve", chicken, "--concept", "subgame-perfect")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "subgame-perfect" in result.stderr
    assert "normal form" in result.stderr
    assert "--concept nash" in result.stderr


def test_solve_unknown_format_is_a_usage_error(chicken):
    result = run("solve", chicken, "--format", "xml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "xml" in result.stderr


def test_solve_method_pure_on_two_players_warns_and_is_not_complete(chicken):
    document = solve_json(chicken, "--method", "pure")
    assert document["method"] == "pure"
    assert document["complete"] is False
    assert as_set(document["equilibria"]) == expected_set(CHICKEN_PURE)
    assert len(document["warnings"]) == 1
    assert "pure-strategy" in document["warnings"][0]
    assert "incomplete" in document["warnings"][0]


def test_solve_method_pure_table_shows_the_warning(chicken):
    result = run("solve", chicken, "--method", "pure")
    assert result.exit_code == 0
    assert result.stderr == ""
    out = " ".join(result.stdout.split())  # rich wraps long lines
    assert "not proven complete" in out
    assert "Only pure-strategy equilibria were searched" in out


def test_solve_with_nashpy_vertex_enumeration_certifies_but_is_not_complete(chicken):
    document = solve_json(chicken, "--method", "nashpy-vertex-enumeration")
    assert document["method"] == "nashpy-vertex-enumeration"
    assert document["complete"] is False
    assert as_set(document["equilibria"]) == expected_set(CHICKEN_NASH)
    assert any("floating point" in warning for warning in document["warnings"])


def test_solve_three_players_without_pure_equilibrium_finds_the_mixed_one(tmp_path):
    path = write(tmp_path, "three.yaml", THREE_PLAYERS)
    result = run("solve", path)
    assert result.exit_code == 0
    assert result.stderr == ""
    out = " ".join(result.stdout.split())  # rich wraps long lines
    assert "Nash equilibria: 1 found (the complete set)" in out
    assert "1/2 Heads + 1/2 Tails (0.5 / 0.5)" in out


def test_solve_three_players_pure_only_without_pure_equilibrium_exits_1(tmp_path):
    path = write(tmp_path, "three.yaml", THREE_PLAYERS)
    result = run("solve", path, "--method", "pure")
    assert result.exit_code == 1
    assert result.stdout.startswith("Three-player pennies\n")
    out = " ".join(result.stdout.split())
    assert "0 found" in out
    assert "No pure-strategy equilibrium exists" in out
    assert result.stderr == f"{path}: no equilibrium could be certified\n"


def test_solve_three_players_json(tmp_path):
    path = write(tmp_path, "three.yaml", THREE_PLAYERS)
    result = run("solve", path, "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["scenario"]["players"] == ["A", "B", "C"]
    assert document["method"] == "support-enumeration"
    assert document["complete"] is True
    assert document["warnings"] == []
    assert document["equilibria"] == [
        {
            "strategies": {
                "A": {"Heads": "1/2", "Tails": "1/2"},
                "B": {"Heads": "1/2", "Tails": "1/2"},
                "C": {"Watch": "1"},
            },
            "payoffs": {"A": "0", "B": "0", "C": "0"},
            "pure": False,
        }
    ]
    pure = json.loads(run("solve", path, "--format", "json", "--method", "pure").stdout)
    assert pure["method"] == "pure" and pure["equilibria"] == [] and not pure["complete"]
    assert len(pure["warnings"]) == 2


def test_solve_three_players_with_a_two_player_method_is_a_usage_error(tmp_path):
    path = write(tmp_path, "three.yaml", THREE_PLAYERS)
    result = run("solve", path, "--method", "vertex-enumeration")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "3 players" in result.stderr


# --------------------------------------------------------------------------------------------
# solve: broken input
# --------------------------------------------------------------------------------------------


def test_every_broken_fixture_is_listed():
    assert sorted(p.name for p in BROKEN_DIR.iterdir()) == sorted(BROKEN)
    for path in BROKEN_DIR.iterdir():
        assert path.read_bytes().startswith(b"# BROKEN: "), path.name


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_solve_broken_file(name):
    path = BROKEN_DIR / name
    line, column, word = BROKEN[name]
    result = run("solve", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines, "nothing on stderr"
    for text in lines:
        assert re.match(rf"{re.escape(str(path))}:\d+:\d+: \S", text), text
    prefix = f"{path}:{line}:{column}: "
    assert lines[0].startswith(prefix), lines[0]
    assert word.lower() in lines[0][len(prefix) :].lower()


def test_solve_missing_file(tmp_path):
    path = tmp_path / "nope.yaml"
    result = run("solve", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"{path}: no such file; check the path and its spelling\n"


def test_solve_directory(tmp_path):
    result = run("solve", tmp_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"{tmp_path}: is a directory")


def test_solve_file_with_control_character(tmp_path):
    path = tmp_path / "bell.yaml"
    path.write_bytes(b"title: T\nplayers:\n  Row: [Up\x07, Down]\n")
    result = run("solve", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"{path}:3:11: ")


def test_solve_enormous_hex_payoff_is_invalid_input_not_a_crash(tmp_path):
    text = CHICKEN.replace("Swerve: [0, 0]", "Swerve: [0x" + "f" * 4000 + ", 0]")
    path = write(tmp_path, "huge.yaml", text)
    # The table prints the payoff matrix, so the 4817-digit payoff must be written out.
    result = run("solve", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"{path}:9:14: ")


# --------------------------------------------------------------------------------------------
# validate
# --------------------------------------------------------------------------------------------


@pytest.fixture
def mixed_directory(tmp_path: Path) -> Path:
    """A directory with every broken fixture and two good scenarios, one in a subdirectory."""
    directory = tmp_path / "scenarios"
    shutil.copytree(BROKEN_DIR, directory / "broken")
    write(directory, "chicken.yaml", CHICKEN)
    (directory / "more").mkdir()
    write(directory / "more", "three.yml", THREE_PLAYERS)
    write(directory, "notes.txt", "not a scenario: not looked at\n")
    return directory


def test_validate_directory_with_good_and_broken_files(mixed_directory):
    result = run("validate", mixed_directory)
    assert result.exit_code == 2
    out = result.stdout.splitlines()
    assert f"{mixed_directory / 'chicken.yaml'}: ok (normal form, 2 players, 2×2 strategies)" in out
    assert (
        f"{mixed_directory / 'more' / 'three.yml'}: ok (normal form, 3 players, 2×2×1 strategies)"
        in out
    )
    assert out[-1] == f"2 valid, {len(BROKEN)} invalid"
    assert len(out) == len(BROKEN) + 3
    errors = result.stderr.splitlines()
    for name, (line, column, _word) in BROKEN.items():
        path = mixed_directory / "broken" / name
        status = [text for text in out if text.startswith(f"{path}: ")]
        assert len(status) == 1, name
        mine = [text for text in errors if text.startswith(f"{path}:")]
        count = len(mine)
        assert status[0] == f"{path}: INVALID ({count} problem{'s' if count != 1 else ''})"
        assert mine[0].startswith(f"{path}:{line}:{column}: "), mine[0]
    assert all(re.match(r".+:\d+:\d+: \S", text) for text in errors)


def test_validate_only_good_files(tmp_path):
    first = write(tmp_path, "chicken.yaml", CHICKEN)
    second = write(tmp_path, "three.yaml", THREE_PLAYERS)
    result = run("validate", first, second)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"{first}: ok (normal form, 2 players, 2×2 strategies)",
        f"{second}: ok (normal form, 3 players, 2×2×1 strategies)",
        "2 valid, 0 invalid",
    ]


def test_validate_json(mixed_directory):
    result = run("validate", mixed_directory, "--format", "json")
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert document["invalid"] == len(BROKEN)
    reports = {Path(report["file"]).name: report for report in document["files"]}
    assert set(reports) == {*BROKEN, "chicken.yaml", "three.yml"}
    assert reports["chicken.yaml"]["valid"] is True
    assert reports["chicken.yaml"]["problems"] == []
    for name, (line, column, _word) in BROKEN.items():
        report = reports[name]
        assert report["valid"] is False
        first = report["problems"][0]
        assert first["file"] == str(mixed_directory / "broken" / name)
        assert (first["line"], first["column"]) == (line, column), name
        assert first["message"]
    # The problems also go to stderr, one line each.
    total = sum(len(report["problems"]) for report in document["files"])
    assert len(result.stderr.splitlines()) == total


def test_validate_keeps_going_after_a_file_with_a_control_character(tmp_path):
    bad = tmp_path / "a_bell.yaml"
    bad.write_bytes(b"title: T\x07\n")
    good = write(tmp_path, "b_chicken.yaml", CHICKEN)
    result = run("validate", tmp_path)
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        f"{bad}: INVALID (1 problem)",
        f"{good}: ok (normal form, 2 players, 2×2 strategies)",
        "1 valid, 1 invalid",
    ]
    assert result.stderr.startswith(f"{bad}:1:9: ")


def test_validate_missing_path(tmp_path):
    path = tmp_path / "nowhere"
    result = run("validate", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"{path}: no such file or directory")


def test_validate_directory_without_scenarios(tmp_path):
    result = run("validate", tmp_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no scenario files" in result.stderr


# --------------------------------------------------------------------------------------------
# Gambit .nfg files

NFG_DIR = Path(__file__).parent / "data" / "nfg"


def test_solve_gambit_nfg_file():
    # e04.nfg from Gambit's examples: Gambit's enummixed gives 3 extreme equilibria, two of
    # which (with player 1 on strategy 1) span a segment.
    document = solve_json(NFG_DIR / "e04.nfg")
    assert document["complete"] is True
    assert document["degenerate"] is True
    assert document["scenario"]["players"] == ["Player 1", "Player 2"]
    assert len(document["equilibria"]) == 3
    assert {"1": "3/5", "2": "2/5"} in [
        eq["strategies"]["Player 2"] for eq in document["equilibria"]
    ]
    assert sorted(map(len, document["components"])) == [1, 2]


def test_broken_nfg_file_is_located(tmp_path: Path):
    path = write(tmp_path, "broken.nfg", 'NFG 1 R "t" { "A" "B" } { 2 2 }\n1 2 3 4 5 6 7\n')
    result = run("solve", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"{path}:")
    assert "expected 8 payoffs" in result.stderr


def test_validate_reads_nfg_files_in_directories():
    result = run("validate", NFG_DIR)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith("44 valid, 0 invalid")
