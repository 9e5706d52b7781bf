"""``ggcalc robustness``: reproducible for a seed and for any ``--jobs``, counts equal to a
direct loop over the same samples, shares that add up, known answers, trees, and every
distribution checked."""

from __future__ import annotations

import csv
import io
import json
import random
from fractions import Fraction
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

import ggcalc
from ggcalc.analysis.robustness import (
    Distribution,
    SampleError,
    draw_samples,
    parse_varied,
    robustness,
    sample_text,
)
from ggcalc.cli import app
from ggcalc.io.yaml.flow import profile_text
from ggcalc.model.solution import solution_profiles
from ggcalc.render.robustness_format import progress_bar, robustness_lines

ROOT = Path(__file__).parent.parent
CHINA = ROOT / "games" / "china_response.yaml"

# (A, Left) is an equilibrium exactly when c >= 2 (Row's deviation to B pays 2) and (B, Right)
# always is; see tests/test_sweep.py. With c ~ uniform:0:4, (A, Left) holds in half the
# samples.
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

# Matching pennies with Row's payoff a at (U, Left). For a > 0 Row wants to match and Column
# to mismatch: no pure equilibrium, one mixed. For a <= 0, D is (weakly, at 0) dominant for
# Row and (D, Left) the only equilibrium. So a ~ uniform:-1:1 splits the samples between
# "(D, Left)" and "only mixed".
PENNIES = """\
title: Pennies or not
parameters:
  a: 1
players:
  Row: [U, D]
  Column: [Left, Right]
payoffs:
  U: {Left: [a, 0], Right: [0, 1]}
  D: {Left: [0, 1], Right: [1, 0]}
"""

# Three players in a cycle: A wants to match B (paid x), B to match C, C to mismatch A. For
# x > 0 no pure profile is stable (each best reply chases the next); for x < 0, A wants to
# mismatch B and (H, T, T) and (T, H, H) are equilibria. With three players ggcalc searches
# pure equilibria only, so no list is proven complete.
CYCLE = """\
title: Cycle
parameters:
  x: 1
players:
  A: [H, T]
  B: [H, T]
  C: [H, T]
payoffs:
  H:
    H: {H: [x, 1, 0], T: [x, 0, 1]}
    T: {H: [0, 0, 0], T: [0, 1, 1]}
  T:
    H: {H: [0, 1, 1], T: [0, 0, 0]}
    T: {H: [x, 0, 1], T: [x, 1, 0]}
"""

A_LEFT = "{Row: A, Column: Left}"
B_RIGHT = "{Row: B, Column: Right}"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


def run_json(*args: str | Path) -> dict:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


@pytest.fixture
def switch(tmp_path: Path) -> Path:
    path = tmp_path / "switch.yaml"
    path.write_text(SWITCH, encoding="utf-8")
    return path


@pytest.fixture
def pennies(tmp_path: Path) -> Path:
    path = tmp_path / "pennies.yaml"
    path.write_text(PENNIES, encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# Reproducibility
# --------------------------------------------------------------------------------------------


def test_same_seed_same_json_and_another_seed_differs(switch: Path) -> None:
    args = ("robustness", switch, "--vary", "c=uniform:0:4", "--samples", "40")
    first = run(*args, "--seed", "7", "-f", "json")
    again = run(*args, "--seed", "7", "-f", "json")
    assert first.exit_code == again.exit_code == 0
    assert first.stdout == again.stdout
    other = json.loads(run(*args, "--seed", "9", "-f", "json").stdout)
    assert other["seed"] == 9  # seed 7: 15 of 40 samples have c >= 2; seed 9: 17
    counts = {o["text"]: o["count"] for o in json.loads(first.stdout)["outcomes"]}
    assert counts[A_LEFT] != {o["text"]: o["count"] for o in other["outcomes"]}[A_LEFT]


def test_jobs_two_gives_the_same_output_as_one(switch: Path) -> None:
    args = ("robustness", switch, "--vary", "c=uniform:0:4", "--samples", "40", "--seed", "3")
    one = run(*args, "--jobs", "1", "-f", "json")
    two = run(*args, "--jobs", "2", "-f", "json")
    assert one.exit_code == two.exit_code == 0, two.stderr
    assert one.stdout == two.stdout
    assert two.stderr == ""


def test_the_samples_follow_the_documented_recipe() -> None:
    """One ``random.Random(seed)``, sample-major, rounded to 6 significant digits."""
    varied = [parse_varied("c=uniform:0:4"), parse_varied("d=normal:1:2")]
    rng = random.Random(11)
    expected = []
    for _ in range(5):
        c = Fraction(f"{rng.uniform(0.0, 4.0):.6g}")
        d = Fraction(f"{rng.normalvariate(1.0, 2.0):.6g}")
        expected.append((c, d))
    assert draw_samples(varied, 5, seed=11) == expected


# --------------------------------------------------------------------------------------------
# Counts and shares
# --------------------------------------------------------------------------------------------


def test_known_answer_counts_equal_the_samples_where_c_reaches_two() -> None:
    varied = [parse_varied("c=uniform:0:4")]
    result = robustness(SWITCH, varied, samples=400, seed=5)
    expected = sum(1 for (c,) in draw_samples(varied, 400, seed=5) if c >= 2)
    counts = {o.text: o.count for o in result.outcomes}
    assert counts == {B_RIGHT: 400, A_LEFT: expected}
    assert abs(result.share(expected) - 0.5) < 0.1
    assert [o.text for o in result.outcomes] == [B_RIGHT, A_LEFT]  # most frequent first
    assert result.outcomes[1].profile == {"Row": "A", "Column": "Left"}
    assert (result.with_pure, result.only_mixed, result.none_found) == (400, 0, 0)
    assert result.incomplete == 0


def test_shares_add_up_and_only_mixed_is_counted(pennies: Path) -> None:
    document = run_json(
        "robustness", pennies, "--vary", "a=uniform:-1:1", "--samples", "200", "--seed", "2"
    )
    samples = draw_samples([parse_varied("a=uniform:-1:1")], 200, seed=2)
    pure = sum(1 for (a,) in samples if a <= 0)
    [outcome] = document["outcomes"]
    assert outcome["profile"] == {"Row": "D", "Column": "Left"}
    assert outcome["count"] == pure and outcome["share"] == pure / 200
    assert document["only_mixed"] == {"count": 200 - pure, "share": (200 - pure) / 200}
    assert document["with_pure"]["count"] + document["only_mixed"]["count"] == 200
    assert document["none_found"]["count"] == 0
    assert 0 < pure < 200


def test_samples_with_only_mixed_equilibria_are_counted() -> None:
    varied = [parse_varied("x=uniform:-1:1")]
    result = robustness(CYCLE, varied, samples=60, seed=1)
    negative = sum(1 for (x,) in draw_samples(varied, 60, seed=1) if x < 0)
    assert 0 < negative < 60
    assert {o.text: o.count for o in result.outcomes} == {
        "{A: H, B: T, C: T}": negative,
        "{A: T, B: H, C: H}": negative,
    }
    # For x > 0 the cycle has no pure equilibrium, only mixed ones, which the exact n-player
    # enumeration finds; every list is proven complete.
    assert (result.with_pure, result.only_mixed, result.none_found) == (negative, 60 - negative, 0)
    assert result.incomplete == 0
    table = robustness_lines(result)[3]
    assert f"Only mixed equilibria: {60 - negative} of 60 samples" in table[0]


def test_counts_equal_a_direct_loop_on_a_tree() -> None:
    """games/china_response.yaml: the subgame-perfect answer changes with faction_success
    (around 1/5 and 1/3), so several pure behaviour profiles share the samples."""
    varied = [parse_varied("faction_success=uniform:0:1")]
    result = robustness(CHINA, varied, samples=30, seed=4)
    direct: dict[str, int] = {}
    for (value,) in draw_samples(varied, 30, seed=4):
        solution = ggcalc.load(CHINA, faction_success=value).solve()
        for profile, eq in zip(solution_profiles(solution), solution.equilibria, strict=True):
            if eq.pure:
                text = profile_text(solution.game, profile)
                direct[text] = direct.get(text, 0) + 1
    assert {o.text: o.count for o in result.outcomes} == direct
    assert len(direct) >= 2
    assert result.concept == "subgame-perfect" and result.form == "sequential"


def test_tree_json_profiles_map_players_to_decision_points() -> None:
    document = run_json(
        "robustness",
        CHINA,
        "--vary",
        "faction_success=uniform:0:1",
        "--samples",
        "20",
        "--seed",
        "1",
    )
    assert document["concept"] == "subgame-perfect"
    profile = document["outcomes"][0]["profile"]
    assert set(profile) == {"United States", "Pakistan military", "China"}
    assert profile["United States"] == {"US offer": profile["United States"]["US offer"]}
    assert set(profile["China"]) == {
        "China, generous deal signed",
        "China, transactional deal signed",
    }
    assert sum(o["count"] for o in document["outcomes"]) >= 20


def test_set_and_concept_are_passed_on(switch: Path) -> None:
    text = SWITCH.replace("  c: 3\n", "  c: 3\n  d: 1\n").replace("Right: [1, 1]", "Right: [d, 1]")
    switch.write_text(text, encoding="utf-8")
    document = run_json(
        "robustness",
        switch,
        "--vary",
        "c=uniform:0:4",
        "--set",
        "d=3",
        "--samples",
        "10",
        "--seed",
        "1",
        "--concept",
        "nash",
    )
    assert document["fixed"] == {"d": "3"}
    assert document["parameters"] == {"c": "uniform:0:4"}
    # With d = 3, B pays Row 3 at Right: (B, Right) stays; (A, Left) needs c >= 2 as before.
    assert document["outcomes"][0]["text"] == B_RIGHT


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def test_table_prints_the_seed_when_none_is_given(switch: Path) -> None:
    result = run("robustness", switch, "--vary", "c=uniform:0:4", "--samples", "20")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "nash equilibria in 20 samples (seed " in result.stdout
    seed = int(result.stdout.split("(seed ", 1)[1].split(")", 1)[0])
    again = run_json(
        "robustness", switch, "--vary", "c=uniform:0:4", "--samples", "20", "--seed", str(seed)
    )
    counts = {o["text"]: o["count"] for o in again["outcomes"]}
    assert f"Repeat this run with --seed {seed}." in result.stdout
    for text, count in counts.items():
        assert text in result.stdout and f" {count} " in result.stdout


def test_json_has_the_seed_when_none_is_given(switch: Path) -> None:
    document = run_json("robustness", switch, "--vary", "c=uniform:0:4", "--samples", "5")
    assert isinstance(document["seed"], int) and document["seed"] >= 0
    assert document["samples"] == 5


def test_table_markdown_csv(switch: Path) -> None:
    args = ("robustness", switch, "--vary", "c=triangular:0:3:4", "--samples", "50", "--seed", "9")
    document = run_json(*args)
    table = run(*args)
    assert table.exit_code == 0 and table.stderr == ""
    assert "Robustness of 'Switch at two': nash equilibria in 50 samples (seed 9)" in table.stdout
    assert "c: triangular from 0 to 4, mode 3" in table.stdout
    assert "Only mixed equilibria: 0 of 50 samples (0%)." in table.stdout

    markdown = run(*args, "-f", "markdown").stdout
    assert markdown.startswith("**Robustness of 'Switch at two'")
    assert f"| {B_RIGHT} | 50 | 100% |" in markdown

    rows = list(csv.reader(io.StringIO(run(*args, "-f", "csv").stdout)))
    assert rows[0] == ["kind", "profile", "count", "share", "samples", "seed"]
    assert rows[1] == ["profile", B_RIGHT, "50", "1.0", "50", "9"]
    a_left = document["outcomes"][1]["count"]
    assert rows[2][:3] == ["profile", A_LEFT, str(a_left)]
    assert [row[0] for row in rows[3:]] == ["with_pure", "only_mixed", "none_found", "incomplete"]


def test_help_has_an_example() -> None:
    result = run("robustness", "--help")
    assert result.exit_code == 0 and result.stderr == ""
    assert "ggcalc robustness games/" in result.stdout
    for option in ("--vary", "--samples", "--seed", "--jobs", "--set", "--concept", "Exit codes"):
        assert option in result.stdout


def test_progress_bar_draws_on_its_console_only() -> None:
    out = io.StringIO()
    console = Console(file=out, width=80, force_terminal=True, color_system=None)
    with progress_bar(10, console) as advance:
        advance(4, 10)
        advance(10, 10)
    assert "solving samples" in out.getvalue() and "10/10" in out.getvalue()


def test_progress_is_reported_to_the_end() -> None:
    seen: list[tuple[int, int]] = []
    robustness(
        SWITCH,
        [parse_varied("c=uniform:0:4")],
        samples=120,
        seed=1,
        progress=lambda *a: seen.append(a),
    )
    assert seen[-1] == (120, 120)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


# --------------------------------------------------------------------------------------------
# Distributions and errors
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "arguments"),
    [
        ("c=uniform:0:4", "uniform", (0, 4)),
        ("c = uniform: -1/2 : 0.5", "uniform", (Fraction(-1, 2), Fraction(1, 2))),
        ("c=normal:3:1/4", "normal", (3, Fraction(1, 4))),
        ("c=triangular:0:0:2", "triangular", (0, 0, 2)),
        ("c=triangular:1:2:3", "triangular", (1, 2, 3)),
    ],
)
def test_distributions_are_read_exactly(text: str, kind: str, arguments: tuple) -> None:
    varied = parse_varied(text)
    assert varied.name == "c"
    assert varied.distribution == Distribution(kind, tuple(Fraction(a) for a in arguments))


def test_draws_are_exact_and_stay_in_their_bounds() -> None:
    third = parse_varied("p=uniform:1/3:2/3")
    values = [v for (v,) in draw_samples([third], 2000, seed=3)]
    assert all(Fraction(1, 3) <= v <= Fraction(2, 3) for v in values)
    assert all(isinstance(v, Fraction) for v in values)
    triangle = [v for (v,) in draw_samples([parse_varied("t=triangular:0:1:4")], 500, seed=3)]
    assert all(0 <= v <= 4 for v in triangle)
    assert abs(sum(triangle) / len(triangle) - Fraction(5, 3)) < Fraction(1, 5)  # mean (0+1+4)/3
    normal = [v for (v,) in draw_samples([parse_varied("n=normal:10:2")], 500, seed=3)]
    assert abs(float(sum(normal)) / 500 - 10) < 0.5
    assert sample_text(Fraction(1234, 1000)) == "1.234" and sample_text(Fraction(1, 3)) == "1/3"


@pytest.mark.parametrize(
    ("vary", "message"),
    [
        ("c", "is not NAME=DIST"),
        ("c=", "is not NAME=DIST"),
        ("c=unifrom:0:1", "unknown distribution 'unifrom'"),
        ("c=0:4:9", "unknown distribution '0'"),
        ("c=uniform:0", "uniform takes 2 numbers (A:B), got 1"),
        ("c=normal:1:2:3", "normal takes 2 numbers (MEAN:SD), got 3"),
        ("c=uniform:x:1", "A 'x' is not a number"),
        ("c=uniform:0:1/0", "B "),
        ("c=uniform:0:1e400", "B is too large to sample"),
        ("c=uniform:1:1", "A must be less than B"),
        ("c=uniform:2:1", "A must be less than B"),
        ("c=normal:0:0", "the standard deviation SD must be positive"),
        ("c=normal:0:-1", "the standard deviation SD must be positive"),
        ("c=triangular:0:5:4", "MODE must lie between LOW and HIGH"),
        ("c=triangular:2:2:2", "LOW must be less than HIGH"),
        ("c=triangular:4:1:0", "LOW must be less than HIGH"),
        ("e=uniform:0:1", "unknown parameter 'e'"),
    ],
)
def test_bad_distributions_are_usage_errors(switch: Path, vary: str, message: str) -> None:
    result = run("robustness", switch, "--vary", vary, "--samples", "3", "--seed", "1")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_hints_point_to_the_fix(switch: Path) -> None:
    assert "did you mean 'uniform'?" in run("robustness", switch, "--vary", "c=unifrom:0:1").stderr
    sweep_like = run("robustness", switch, "--vary", "c=0:4:9").stderr
    assert "e.g. uniform:0:4 (sweep takes a grid)" in sweep_like


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--samples", "0"], "--samples must be between 1 and 1,000,000, got 0"),
        (["--samples", "1000001"], "--samples must be between 1 and 1,000,000"),
        (["--jobs", "0"], "--jobs must be at least 1, got 0"),
        (["--seed", "-1"], "--seed must be a whole number >= 0, got -1"),
        (["--vary", "c=normal:0:1"], "a parameter is varied twice"),
        (["--set", "c=1"], "parameter 'c' is given both to --vary and to --set"),
        (["--set", "x=1"], "unknown parameter 'x' (this scenario's parameters: c)"),
        (["--set", "c"], "--set 'c' is not NAME=VALUE"),
        (["--concept", "subgame-perfect"], "subgame"),
    ],
)
def test_bad_options_are_usage_errors(switch: Path, options: list[str], message: str) -> None:
    result = run("robustness", switch, "--vary", "c=uniform:0:4", "--seed", "1", *options)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_an_invalid_sample_is_reported_with_its_values() -> None:
    # faction_success is a chance probability: a normal draw leaves [0, 1] sooner or later.
    args = ("robustness", CHINA, "--vary", "faction_success=normal:0.5:1", "--seed", "1")
    result = run(*args, "--samples", "40")
    assert result.exit_code == 2
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{CHINA}:")
    assert "the probability of 'Factions" in first
    assert "(at sample " in first and ": faction_success = " in first
    # The same first bad sample, whatever the number of processes.
    assert run(*args, "--samples", "40", "--jobs", "2").stderr == result.stderr


def test_an_invalid_sample_names_the_values_that_reproduce_it() -> None:
    varied = [parse_varied("faction_success=normal:0.5:1")]
    with pytest.raises(SampleError) as raised:
        robustness(CHINA, varied, samples=40, seed=1)
    message = raised.value.problems[0].message
    number = int(message.split("(at sample ", 1)[1].split(":", 1)[0])
    (value,) = draw_samples(varied, number, seed=1)[-1]
    assert f"faction_success = {sample_text(value)})" in message
    assert not 0 <= value <= 1
    assert all(0 <= v <= 1 for (v,) in draw_samples(varied, number - 1, seed=1))


def test_a_broken_file_is_reported_as_such(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(SWITCH.replace("payoffs:", "payofs:"), encoding="utf-8")
    result = run("robustness", path, "--vary", "c=uniform:0:4", "--seed", "1")
    assert result.exit_code == 2
    assert "unknown key 'payofs'" in result.stderr
    assert "(at sample" not in result.stderr


def test_gambit_files_have_no_parameters() -> None:
    efg = next((ROOT / "tests" / "data" / "efg").glob("*.efg"))
    result = run("robustness", efg, "--vary", "c=uniform:0:1", "--seed", "1")
    assert result.exit_code == 2
    assert "Gambit files have no parameters" in result.stderr


def test_readme_robustness_example_finds_what_it_describes(monkeypatch: pytest.MonkeyPatch) -> None:
    import re
    import shlex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", readme, flags=re.S)
    command = next(line for b in blocks for line in b.splitlines() if "ggcalc robustness" in line)
    monkeypatch.chdir(ROOT)
    table = run(*shlex.split(command)[1:])
    assert table.exit_code == 0, table.stderr
    assert "1,255   62.8%" in table.stdout
    document = run_json(*shlex.split(command)[1:])
    counts = {o["text"]: o["count"] for o in document["outcomes"]}
    assert counts["{United States: Generous deal, Pakistan military: Accept deal}"] == 1255
    assert document["with_pure"]["count"] == 2000 and len(counts) == 3
    assert "in 1,255 of the 2,000 (62.8%), exactly the samples where the leverage is at most 5" in (
        " ".join(readme.split())
    )
    varied = [parse_varied("china_leverage=uniform:0:8")]
    assert sum(1 for (c,) in draw_samples(varied, 2000, seed=1) if c <= 5) == 1255
