"""Broken scenario inputs through the Python API: ``ggcalc.load(path_or_text)``.

Every test feeds one kind of broken input and checks what a user needs to fix it (CONTRACT
sections 1, 1.1, 1.4 and 4): the exception class, the exact 1-based line and column of every
problem, and the key words of its message and hint. Valid corner cases (exact numbers, aliases,
``Yes``/``No`` names, a byte-order mark) are checked to load with the right values.

Most inputs are small YAML texts (``load`` accepts text); ``tmp_path`` files are used where the
file itself matters (encoding, missing files, directories, file names in locations).
"""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path

import pytest

import ggcalc
from ggcalc import InputError, Problem, ScenarioError, UsageError

# A valid 2x2 game. Line numbers matter below:
#   line 7 is "    Left: [1, 2]": the '[' is column 11, the first payoff column 12,
#   the second payoff column 15.
GAME = """\
title: T
players:
  Row: [Up, Down]
  Col: [Left, Right]
payoffs:
  Up:
    Left: [1, 2]
    Right: [3, 4]
  Down:
    Left: [5, 6]
    Right: [7, 8]
"""

# The same game with one parameter declared on a first line, so the game's lines move down by
# one: line 8 is "    Left: [...]", and its first payoff starts at column 12.
PARAMETERS = "parameters: {aid: 3}\n"


def game_with(old: str, new: str, base: str = GAME) -> str:
    """``base`` with ``old`` (which must occur) replaced by ``new``, once."""
    assert old in base, old
    return base.replace(old, new, 1)


def failure(source: str | Path, expected: type[ggcalc.GgcalcError] = InputError, **overrides):
    """The error ``load`` raises for ``source``, checked to be ``expected``."""
    with pytest.raises(expected) as info:
        ggcalc.load(source, **overrides)
    return info.value


def problems_of(source: str | Path, **overrides) -> list[Problem]:
    """Every problem reported for ``source``."""
    return failure(source, InputError, **overrides).problems


def only_problem(source: str | Path, **overrides) -> Problem:
    """The single problem reported for ``source``."""
    problems = problems_of(source, **overrides)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def where(problem: Problem) -> tuple[int | None, int | None]:
    assert problem.location is not None, str(problem)
    return problem.location.line, problem.location.column


def words(problem: Problem) -> str:
    """Message and hint together, lower-cased, for key-word checks."""
    return f"{problem.message} {problem.hint or ''}".lower()


def test_the_reference_game_loads():
    # Guards every test below: their inputs are this game with one thing broken.
    scenario = ggcalc.load(GAME)
    assert scenario.title == "T"
    assert scenario.game.players == ("Row", "Col")
    assert scenario.game.strategies == (("Up", "Down"), ("Left", "Right"))
    assert scenario.game.payoffs[0, 0, 0] == 1
    assert scenario.game.payoffs[1, 1, 1] == 8


# --------------------------------------------------------------------------------------------
# YAML syntax and document shape
# --------------------------------------------------------------------------------------------


def test_bad_indentation_is_located_on_the_misindented_key():
    text = "title: T\nplayers:\n  Row: [Up, Down]\n   Col: [Left, Right]\n"
    problem = only_problem(text)
    assert where(problem) == (4, 4)
    assert "invalid yaml" in problem.message.lower()
    assert "indentation" in (problem.hint or "")


@pytest.mark.parametrize(
    ("text", "line", "column", "opened"),
    [
        # Noticed at the ':' after 'Col' on line 4; the '[' was opened on line 3, column 8.
        ("title: T\nplayers:\n  Row: [Up, Down\n  Col: [Left, Right]\n", 4, 6, "line 3"),
        # Noticed only at the end of the file, three lines after the '[' (line 2, column 10).
        ("title: T\nplayers: [Up, Down\n\n# a comment\n", 5, 1, "line 2"),
    ],
    ids=["next-key", "end-of-file"],
)
def test_unclosed_bracket_says_where_the_bracket_was_opened(text, line, column, opened):
    problem = only_problem(text)
    assert where(problem) == (line, column)
    assert "invalid yaml" in problem.message.lower()
    assert "]" in problem.message
    # The place the parser stops can be far from the mistake: the error must point the user
    # at the bracket that is never closed, not only at "this line and the one before".
    assert opened in words(problem)


def test_tab_indentation_is_named_as_such():
    text = "title: T\nplayers:\n\tRow: [Up, Down]\n\tCol: [Left, Right]\n"
    problem = only_problem(text)
    assert where(problem) == (3, 1)
    # PyYAML's "found character '\t' that cannot start any token" does not tell a user that
    # YAML forbids tabs for indentation; the message or hint must say "tab" and "spaces".
    assert "tab" in words(problem)
    assert "space" in words(problem)


def test_several_documents_are_refused_at_the_separator():
    problem = only_problem("title: T\n---\ntitle: U\n")
    assert where(problem) == (2, 1)
    assert "more than one yaml document" in problem.message.lower()
    assert "---" in (problem.hint or "")


@pytest.mark.parametrize(
    "text", ["", "\n\n", "# only a comment\n"], ids=["empty", "blank", "comment"]
)
def test_empty_file(text):
    problem = only_problem(text)
    assert where(problem) == (1, 1)
    assert "empty" in problem.message


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [("- title: T\n- players: {}\n", 1, 1), ("# comment\n\n[1, 2]\n", 3, 1), ("hello\n", 1, 1)],
    ids=["block-list", "flow-list", "scalar"],
)
def test_top_level_must_be_a_mapping(text, line, column):
    problem = only_problem(text)
    assert where(problem) == (line, column)
    assert "must be a mapping" in problem.message
    assert "title" in (problem.hint or "")


# --------------------------------------------------------------------------------------------
# Top-level keys
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typo", "key", "line"),
    [("payofs", "payoffs", 5), ("tittle", "title", 1), ("player", "players", 2)],
)
def test_unknown_top_level_key_suggests_the_close_one(typo, key, line):
    text = game_with(f"{key}:", f"{typo}:")
    error = failure(text, ScenarioError)
    # The key it leaves missing is reported too, at the top of the file: in line order, that
    # comes first for 'payofs' and 'player'.
    [unknown] = [p for p in error.problems if p.message.startswith("unknown key")]
    assert where(unknown) == (line, 1)
    assert unknown.message == f"unknown key '{typo}'"
    assert unknown.hint == f"did you mean '{key}'?"
    assert [where(p) for p in error.problems] == sorted(where(p) for p in error.problems)


def test_unknown_top_level_key_without_a_close_one_lists_the_keys():
    problem = only_problem(GAME + "colour: red\n")
    assert where(problem) == (12, 1)
    assert "unknown key 'colour'" in problem.message
    for key in ("title", "players", "payoffs", "parameters"):
        assert key in (problem.hint or "")


def test_duplicate_top_level_key_is_reported_not_silently_overwritten():
    error = failure(GAME + "title: U\n", ScenarioError)
    [problem] = error.problems
    assert where(problem) == (12, 1)
    assert "duplicate key 'title'" in problem.message
    assert "line 1" in problem.message


def test_duplicate_strategy_key_inside_payoffs_is_reported():
    text = GAME + "  Down:\n    Left: [0, 0]\n    Right: [0, 0]\n"
    [problem] = failure(text, ScenarioError).problems
    assert where(problem) == (12, 3)
    assert "duplicate key 'Down'" in problem.message
    assert "line 9" in problem.message
    assert problem.hint


def test_duplicate_player_inside_a_payoff_mapping_is_reported():
    text = game_with("[1, 2]", "{Row: 1, Col: 2, Row: 3}")
    [problem] = failure(text, ScenarioError).problems
    assert where(problem) == (7, 28)
    assert "duplicate key 'Row'" in problem.message


@pytest.mark.parametrize(
    ("remove", "key", "hint_word"),
    [
        ("title: T\n", "title", "title:"),
        ("players:\n  Row: [Up, Down]\n  Col: [Left, Right]\n", "players", "players:"),
        (GAME[GAME.index("payoffs:") :], "payoffs", "payoffs:"),
    ],
)
def test_missing_required_key(remove, key, hint_word):
    problem = only_problem(game_with(remove, ""))
    assert where(problem) == (1, 1)
    assert problem.message == f"the scenario has no '{key}'"
    assert hint_word in (problem.hint or "")


@pytest.mark.parametrize("title", ["title:", "title: ''", "title: '   '"])
def test_empty_title_is_refused(title):
    # 'title' is required and "one line" (CONTRACT 1): an empty one must not pass silently.
    problem = only_problem(game_with("title: T", title))
    assert where(problem)[0] == 1
    assert "title" in problem.message
    assert "empty" in problem.message


def test_multi_line_title_is_refused():
    problem = only_problem(game_with("title: T", "title: |\n  one\n  two"))
    assert where(problem) == (1, 8)
    assert "'title' must be one line" in problem.message


# --------------------------------------------------------------------------------------------
# Players and strategies
# --------------------------------------------------------------------------------------------


def test_players_as_a_list_without_a_tree():
    text = "title: T\nplayers: [Row, Col]\npayoffs:\n  Up: {Left: [1, 2]}\n"
    problem = only_problem(text)
    assert where(problem) == (2, 10)
    assert "'players' is a list" in problem.message
    assert "players: {" in (problem.hint or "")


def test_player_with_no_strategies():
    problem = only_problem(game_with("Col: [Left, Right]", "Col: []"))
    assert where(problem) == (4, 8)
    assert problem.message == "'Col' has no strategies"
    assert problem.hint


def test_player_whose_strategies_are_not_a_list():
    problem = only_problem(game_with("Col: [Left, Right]", "Col: Left"))
    assert where(problem) == (4, 8)
    assert "the strategies of 'Col' must be a list" in problem.message


def test_duplicate_strategy_names_within_a_player():
    problem = only_problem(game_with("Row: [Up, Down]", "Row: [Up, Down, Up]"))
    assert where(problem) == (3, 19)
    assert problem.message == "'Row' has two strategies called 'Up'"
    assert "different name" in (problem.hint or "")


def test_strategy_name_that_is_a_mapping():
    # "Down: 1" inside the list is read by YAML as a one-pair mapping.
    problem = only_problem(game_with("Row: [Up, Down]", "Row: [Up, Down: 1]"))
    assert where(problem) == (3, 13)
    assert "a strategy of 'Row' must be a name, got a mapping" in problem.message
    # Every problem carries a hint (ggcalc.errors); here: a name is plain text, quote it.
    assert problem.hint


@pytest.mark.parametrize("empty", ["''", "null", "~"])
def test_empty_strategy_name(empty):
    problem = only_problem(game_with("Row: [Up, Down]", f"Row: [Up, {empty}]"))
    assert where(problem) == (3, 13)
    assert "a strategy of 'Row' is empty" in problem.message


def test_yes_and_no_as_strategy_names_stay_strings():
    text = (
        "title: Referendum\n"
        "players:\n  Voter: [Yes, No]\n  Rival: [On, Off]\n"
        "payoffs:\n"
        "  Yes: {On: [1, 0], Off: [0, 1]}\n"
        "  No: {On: [0, 1], Off: [1, 0]}\n"
    )
    game = ggcalc.load(text).game
    assert game.strategies == (("Yes", "No"), ("On", "Off"))
    assert all(type(name) is str for names in game.strategies for name in names)
    assert game.payoffs[0, 0, 0] == 1  # Voter's payoff at (Yes, On)
    assert game.payoffs[1, 1, 0] == 1  # Rival's payoff at (No, On)


# --------------------------------------------------------------------------------------------
# Payoff structure
# --------------------------------------------------------------------------------------------


def test_unknown_strategy_in_payoffs_suggests_the_close_one():
    error = failure(game_with("  Down:\n", "  Dwn:\n"), ScenarioError)
    missing, unknown = error.problems  # in line order
    assert where(unknown) == (9, 3)
    assert "'Dwn' is not a strategy of 'Row'" in unknown.message
    assert "Up, Down" in unknown.message
    assert unknown.hint == "did you mean 'Down'?"
    # ... and the profiles left without payoffs are reported too, where the mapping starts.
    assert where(missing) == (6, 3)
    assert "'Down'" in missing.message and "no payoffs" in missing.message


def test_missing_strategy_profile_is_named():
    problem = only_problem(game_with("    Right: [7, 8]\n", ""))
    assert where(problem) == (10, 5)
    assert "no payoffs for 'Right' of 'Col'" in problem.message
    assert "Row: Down, Col: Right" in problem.message
    assert "Right:" in (problem.hint or "")


def test_missing_row_names_a_profile_and_counts_them():
    problem = only_problem(game_with("  Down:\n    Left: [5, 6]\n    Right: [7, 8]\n", ""))
    assert where(problem) == (6, 3)
    assert "no payoffs for 'Down' of 'Row'" in problem.message
    assert "2 profiles" in problem.message
    assert "Row: Down, Col: Left" in problem.message


def test_extra_level_of_nesting_is_called_so():
    # Two players, so the value under 'Left' must be the payoffs; instead it nests a third level.
    problem_list = problems_of(game_with("    Left: [1, 2]\n", "    Left:\n      Left: [1, 2]\n"))
    assert where(problem_list[0]) == (8, 7)
    # "'Left' is not a player" (the current message) sends the user looking for a player; the
    # real mistake is one level of nesting too many, which the message or hint must say.
    text = " ".join(words(p) for p in problem_list)
    assert "level" in text or "nest" in text
    assert any(p.hint for p in problem_list if where(p) == (8, 7))


def test_payoffs_that_are_not_a_mapping():
    text = game_with(GAME[GAME.index("payoffs:") :], "payoffs: [1, 2]\n")
    problem = only_problem(text)
    assert where(problem) == (5, 10)
    assert "'payoffs' must be a mapping, got a list" in problem.message
    assert "Row" in (problem.hint or "")


@pytest.mark.parametrize(
    ("leaf", "count"),
    [("[1, 2, 3]", "3 payoffs"), ("[1]", "1 payoff "), ("[]", "0 payoffs")],
)
def test_wrong_number_of_payoffs_in_a_list_leaf(leaf, count):
    problem = only_problem(game_with("[1, 2]", leaf))
    assert where(problem) == (7, 11)
    assert count in problem.message
    assert "expected 2" in problem.message
    assert "Row: Up, Col: Left" in problem.message
    assert "player order" in (problem.hint or "")


def test_scalar_leaf_is_neither_list_nor_mapping():
    problem = only_problem(game_with("[1, 2]", "3"))
    assert where(problem) == (7, 11)
    assert "must be a list" in problem.message
    assert "Row: Up, Col: Left" in problem.message


def test_mapping_leaf_with_an_unknown_player_suggests_the_close_one():
    missing, unknown = problems_of(game_with("[1, 2]", "{Row: 1, Coll: 2}"))  # in line order
    assert where(unknown) == (7, 20)
    assert "'Coll' is not a player" in unknown.message
    assert unknown.hint == "did you mean 'Col'?"
    # The real player left without a payoff is reported too, at the leaf.
    assert where(missing) == (7, 11)
    assert "no payoff for Col" in missing.message


def test_mapping_leaf_with_a_missing_player():
    problem = only_problem(game_with("[1, 2]", "{Row: 1}"))
    assert where(problem) == (7, 11)
    assert "no payoff for Col" in problem.message
    assert "Row: Up, Col: Left" in problem.message


def test_mapping_leaf_gives_the_same_game_as_a_list_leaf():
    scenario = ggcalc.load(game_with("[1, 2]", "{Col: 2, Row: 1}"))
    assert scenario.game.payoffs[0, 0, 0] == 1
    assert scenario.game.payoffs[1, 0, 0] == 2


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("abc", "'abc'"),
        ("yes", "yes/no"),
        ("No", "yes/no"),
        ("[1]", "got a list"),
        ("{a: 1}", "got a mapping"),
        ("null", "'null'"),
        ("~", "'~'"),
        (".inf", "'.inf'"),
        ("-.inf", "'-.inf'"),
        (".nan", "'.nan'"),
        ("'inf'", "'inf'"),
        ("2024-01-01", "'2024-01-01'"),
        ("''", "''"),
    ],
)
def test_non_number_payoffs(value, shown):
    problem = only_problem(game_with("[1, 2]", f"[{value}, 2]"))
    assert where(problem) == (7, 12)
    assert "Row's payoff at (Row: Up, Col: Left) must be a number" in problem.message
    assert shown in problem.message
    assert "fraction" in (problem.hint or "")


def test_a_plain_word_without_parameters_hints_at_declaring_them():
    problem = only_problem(game_with("[1, 2]", "[cost, 2]"))
    assert where(problem) == (7, 12)
    assert "got 'cost'" in problem.message
    assert "parameters" in (problem.hint or "")


@pytest.mark.parametrize(
    ("written", "exact"),
    [
        ("0.1", Fraction(1, 10)),
        ("-0.25", Fraction(-1, 4)),
        ("'2/3'", Fraction(2, 3)),
        ('"-7/4"', Fraction(-7, 4)),
        ("1e3", Fraction(1000)),
        ("2.5e-3", Fraction(1, 400)),
        ("0x10", Fraction(16)),
        ("1_000", Fraction(1000)),
        ("'0.1 + 0.2'", Fraction(3, 10)),
        ("0.30000000000000004", Fraction(30000000000000004, 10**17)),
    ],
)
def test_numbers_are_exact(written, exact):
    payoffs = ggcalc.load(game_with("[1, 2]", f"[{written}, 2]")).game.payoffs
    value = payoffs[0, 0, 0]
    assert type(value) is Fraction
    assert value == exact


@pytest.mark.parametrize(
    "literal",
    ["9" * 5000, "0x" + "f" * 4000],
    ids=["decimal-5000-digits", "hex-4000-digits"],
)
def test_enormous_integer_literals_are_refused_briefly(literal):
    # Decimal: the message currently quotes all 5000 digits and does not say what is wrong.
    # Hex: the value is accepted and later crashes the solver's output (an integer of more
    # than 4300 decimal digits cannot be printed).
    problem = only_problem(game_with("[1, 2]", f"[{literal}, 2]"))
    assert where(problem) == (7, 12)
    assert "digits" in problem.message or "too large" in problem.message
    assert len(str(problem)) < 400


def test_yaml_1_2_octal_is_never_read_as_a_multiplication():
    # '0o17' is an octal integer in YAML 1.2 but a plain string to PyYAML (YAML 1.1).
    try:
        scenario = ggcalc.load(game_with("[1, 2]", "[0o17, 2]"))
    except ScenarioError as error:
        [problem] = error.problems
        assert where(problem) == (7, 12)
        assert "0o17" in problem.message
        assert "multiply" not in words(problem)
        assert "0*o17" not in words(problem)
    else:
        assert scenario.game.payoffs[0, 0, 0] == 15


# --------------------------------------------------------------------------------------------
# Parameters and formulas (CONTRACT 1.4)
# --------------------------------------------------------------------------------------------

FORMULA_GAME = PARAMETERS + game_with("[1, 2]", "['aid * 2 - 1/2', 2]")


def test_formula_is_evaluated_exactly():
    scenario = ggcalc.load(FORMULA_GAME)
    assert scenario.parameters == {"aid": Fraction(3)}
    assert scenario.game.payoffs[0, 0, 0] == Fraction(11, 2)


@pytest.mark.parametrize(
    ("leaf", "column"),
    [
        # quote at 12, expression from 13: 'ai' is at offset 10
        ("['aid * 2 - ai', 2]", 23),
        ('["aid * 2 - ai", 2]', 23),
        # unquoted: the expression starts at 12
        ("[aid * 2 - ai, 2]", 22),
    ],
    ids=["single-quoted", "double-quoted", "plain"],
)
def test_unknown_name_in_formula_is_located_inside_the_expression(leaf, column):
    text = PARAMETERS + game_with("[1, 2]", leaf)
    problem = only_problem(text)
    assert where(problem) == (8, column)
    assert "unknown parameter 'ai'" in problem.message
    assert "aid * 2 - ai" in problem.message
    assert problem.hint == "did you mean 'aid'?"


@pytest.mark.parametrize(
    ("parameters", "formula", "column", "message"),
    [
        ("{aid: 0}", "3 / aid", 15, "division by zero: 'aid' is 0"),
        ("{aid: 2}", "3 / (aid - 2)", 15, "division by zero: 'aid - 2' is 0"),
        ("{aid: 2}", "1/0", 14, "division by zero"),
    ],
)
def test_division_by_zero_is_located_at_the_slash(parameters, formula, column, message):
    text = f"parameters: {parameters}\n" + game_with("[1, 2]", f"['{formula}', 2]")
    problem = only_problem(text)
    assert where(problem) == (8, column)
    assert message in problem.message
    assert formula in problem.message


@pytest.mark.parametrize(
    ("formula", "column", "key"),
    [("aid ** 2", 17, "'**'"), ("__import__('os')", 13, "function calls"), ("aid +", 17, "ends")],
)
def test_formula_syntax_errors_are_located(formula, column, key):
    quoted = formula.replace("'", "''")
    text = PARAMETERS + game_with("[1, 2]", f"['{quoted}', 2]")
    problem = only_problem(text)
    assert where(problem) == (8, column)
    assert key in problem.message


def test_override_changes_the_payoff():
    assert ggcalc.load(FORMULA_GAME, aid=5).game.payoffs[0, 0, 0] == Fraction(19, 2)
    assert ggcalc.load(FORMULA_GAME, aid="1/3").game.payoffs[0, 0, 0] == Fraction(1, 6)
    # A Python float is read through its repr: 0.1 is exactly 1/10.
    assert ggcalc.load(FORMULA_GAME, aid=0.1).game.payoffs[0, 0, 0] == Fraction(-3, 10)
    assert ggcalc.load(FORMULA_GAME, aid=Fraction(1, 4)).parameters == {"aid": Fraction(1, 4)}


def test_override_to_zero_divisor_is_a_located_error():
    text = PARAMETERS + game_with("[1, 2]", "['1 / aid', 2]")
    problem = only_problem(text, aid=0)
    assert where(problem) == (8, 15)
    assert "division by zero" in problem.message


def test_unknown_override_name_is_a_usage_error():
    error = failure(FORMULA_GAME, UsageError, aif=5)
    assert "unknown parameter 'aif'" in error.problem.message
    assert "aid" in error.problem.message
    assert error.problem.hint == "did you mean 'aid'?"
    assert error.exit_code == 2


def test_override_on_a_scenario_without_parameters_is_a_usage_error():
    error = failure(GAME, UsageError, aid=5)
    assert "unknown parameter 'aid'" in error.problem.message


@pytest.mark.parametrize("value", ["abc", "", "1/0", True, None, float("nan"), float("inf"), [1]])
def test_bad_override_value_is_a_usage_error(value):
    error = failure(FORMULA_GAME, UsageError, aid=value)
    assert "parameter 'aid'" in error.problem.message
    assert "must be a number" in error.problem.message or "division by zero" in str(error)


@pytest.mark.parametrize("name", ["aid-cost", "2x", "a b", "'x.y'"])
def test_parameter_name_must_be_an_identifier(name):
    text = f"parameters:\n  {name}: 3\n" + GAME
    problem = only_problem(text)
    assert where(problem) == (2, 3)
    assert "cannot be a parameter name" in problem.message
    assert "letters, digits and underscores" in (problem.hint or "")


@pytest.mark.parametrize("value", ["abc", "'aid + 1'", "[1, 2]"])
def test_parameter_value_must_be_a_number_without_a_misleading_hint(value):
    text = f"parameters:\n  aid: 1\n  cost: {value}\n" + GAME
    problem = only_problem(text)
    assert where(problem) == (3, 9)
    assert "parameter 'cost' must be a number" in problem.message
    # The scenario DOES declare parameters; telling the user to "declare parameters to use
    # names in formulas" sends them the wrong way (parameter values are plain numbers).
    assert "declare parameters" not in (problem.hint or "")


def test_parameters_must_be_a_mapping():
    problem = only_problem("parameters: [aid]\n" + GAME)
    assert where(problem) == (1, 13)
    assert "'parameters' must be a mapping, got a list" in problem.message


# --------------------------------------------------------------------------------------------
# Sequential games, several problems at once
# --------------------------------------------------------------------------------------------


def test_tree_with_an_unknown_player_is_located_with_a_suggestion():
    # Sequential games are read (tests/test_tree_reader.py has the details); a mistake in the
    # tree is located like any other.
    text = (
        "title: Entry\nplayers: [Entrant, Incumbent]\n"
        "tree:\n  player: Entrant\n  moves:\n    Out: {payoffs: [0, 2]}\n"
        "    In: {player: Incumbnt, moves: {Fight: {payoffs: [-1, -1]}}}\n"
    )
    problem = only_problem(text)
    assert where(problem) == (7, 18)
    assert "'Incumbnt' is not a player" in problem.message
    assert problem.hint == "did you mean 'Incumbent'?"


def test_tree_and_payoffs_together_are_refused():
    text = (
        "title: Entry\nplayers: [Entrant, Incumbent]\npayoffs: {}\n"
        "tree:\n  player: Entrant\n  moves:\n    Out: {payoffs: [0, 2]}\n"
    )
    problem = only_problem(text)
    assert where(problem) == (3, 1)
    assert "either 'payoffs' (normal form) or 'tree' (sequential)" in problem.message


def test_every_payoff_problem_is_reported_at_once():
    text = game_with("[1, 2]", "[1, abc]")
    text = game_with("[3, 4]", "[3]", text)
    text = game_with("[5, 6]", "[yes, 6]", text)
    text = game_with("[7, 8]", "{Row: 7}", text)
    problems = problems_of(text)
    assert [where(p) for p in problems] == [(7, 15), (8, 12), (10, 12), (11, 12)]
    assert "Col's payoff" in problems[0].message and "'abc'" in problems[0].message
    assert "1 payoff at (Row: Up, Col: Right)" in problems[1].message
    assert "yes/no" in problems[2].message
    assert "no payoff for Col at (Row: Down, Col: Right)" in problems[3].message


def test_problems_in_different_sections_are_reported_at_once():
    # An unknown key, a 'sources' that is not a list and two bad payoffs: four independent
    # mistakes, all of which `ggcalc validate` promises to list in one run.
    text = game_with("title: T\n", "title: T\ncolour: red\nsources: a web page\n")
    text = game_with("[1, 2]", "[1, abc]", text)
    text = game_with("[7, 8]", "[7]", text)
    problems = problems_of(text)
    assert [where(p) for p in problems] == [(2, 1), (3, 10), (9, 15), (13, 12)]


# --------------------------------------------------------------------------------------------
# Hostile documents
# --------------------------------------------------------------------------------------------


def billion_laughs() -> str:
    lines = ["title: Laughs", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_without_being_expanded():
    started = time.perf_counter()
    problem = only_problem(billion_laughs())
    elapsed = time.perf_counter() - started
    # Measured on the shared node graph: a6 (9**7 values) is the first to pass the limit.
    assert where(problem) == (8, 5)
    assert "expands to more than" in problem.message
    assert "aliases" in problem.message
    assert elapsed < 2, "the aliases were expanded"


def test_alias_cycle_is_refused():
    problem = only_problem("&a [*a]\n")
    assert where(problem) == (1, 1)
    assert "cycle" in problem.message


def test_small_aliases_are_allowed_for_repeated_payoffs():
    text = game_with("    Left: [1, 2]\n", "    Left: &same [1, 2]\n")
    text = game_with("    Left: [5, 6]\n", "    Left: *same\n", text)
    payoffs = ggcalc.load(text).game.payoffs
    assert payoffs[0, 1, 0] == 1
    assert payoffs[1, 1, 0] == 2


@pytest.mark.parametrize(
    ("text", "column"),
    [("[" * 10000, 201), ("{a: " * 10000, 798), ("- " * 10000, 401)],
    ids=["flow-lists", "flow-mappings", "block-lists"],
)
def test_deep_nesting_is_an_input_error_not_a_recursion_error(text, column):
    problem = only_problem(text)
    assert where(problem) == (1, column)
    assert "nested more than 200 levels" in problem.message


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("title: a\x07b\n", 1, 9),
        ("title: T\nplayers:\n  Row: [Up\x01, Down]\n", 3, 11),
        ("title: T\x00\n", 1, 9),
    ],
    ids=["bell", "control-in-name", "nul"],
)
def test_control_characters_are_a_located_input_error(text, line, column):
    # PyYAML refuses them with a ReaderError while constructing its reader, which must not
    # escape as a non-ggcalc exception.
    problem = only_problem(text)
    assert where(problem) == (line, column)
    assert "character" in problem.message.lower()


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


def test_locations_carry_the_file_name(tmp_path):
    path = tmp_path / "typo.yaml"
    path.write_text(game_with("payoffs:", "payofs:"), encoding="utf-8")
    for source in (path, str(path)):
        missing, unknown = problems_of(source)  # in line order
        assert missing.location == ggcalc.Location(str(path), 1, 1)
        assert str(missing).startswith(f"{path}:1:1: the scenario has no 'payoffs'")
        assert unknown.location == ggcalc.Location(str(path), 5, 1)
        assert str(unknown).startswith(f"{path}:5:1: unknown key 'payofs'")


def test_non_utf8_file_is_located_at_the_bad_byte(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"# comment\ntitle: Caf\xe9\nplayers: {}\n")
    problem = only_problem(path)
    assert problem.location == ggcalc.Location(str(path), 2, 11)
    assert "UTF-8" in problem.message
    assert "0xe9" in problem.message
    assert "UTF-8" in (problem.hint or "")


def test_file_with_a_utf8_byte_order_mark_loads(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + game_with("title: T", "title: Café").encode("utf-8"))
    scenario = ggcalc.load(path)
    assert scenario.title == "Café"
    assert scenario.file == str(path)
    assert scenario.game.players == ("Row", "Col")


@pytest.mark.parametrize("as_text", [False, True], ids=["Path", "str"])
def test_missing_file(tmp_path, as_text):
    path = tmp_path / "nope.yaml"
    problem = only_problem(str(path) if as_text else path)
    assert problem.location is not None
    assert problem.location.file == str(path)
    assert "no such file" in problem.message
    assert problem.hint


@pytest.mark.parametrize("as_text", [False, True], ids=["Path", "str"])
def test_directory_given_as_a_file(tmp_path, as_text):
    # A string naming an existing directory is a path, not the YAML text "/tmp/...".
    problem = only_problem(str(tmp_path) if as_text else tmp_path)
    assert problem.location is not None
    assert problem.location.file == str(tmp_path)
    assert "is a directory" in problem.message


def test_yaml_merge_keys_are_refused_by_name():
    text = game_with(
        "    Left: [1, 2]\n    Right: [3, 4]\n", "    <<: {Left: [1, 2]}\n    Right: [3, 4]\n"
    )
    problem = problems_of(text)[0]
    assert where(problem) == (7, 5)
    assert "merge keys ('<<') are not supported" in problem.message
    assert "write the entries out" in (problem.hint or "")


def test_base_60_integers_are_refused_as_ambiguous():
    # YAML 1.1 reads 1:30 as 90; nobody writing a payoff means that.
    problem = only_problem(game_with("[1, 2]", "[1:30, 2]"))
    assert where(problem) == (7, 12)
    assert "'1:30' is ambiguous: YAML 1.1 reads it as 90" in problem.message


def test_leading_zeros_are_decimal_not_octal():
    # YAML 1.1 would read 010 as octal 8; ggcalc reads the digits as written.
    scenario = ggcalc.load(game_with("[1, 2]", "[010, 2]"))
    assert scenario.game.payoffs[0][0][0] == 10


def test_a_path_like_string_that_does_not_exist_is_a_missing_file():
    problem = only_problem("games/no_such_scenario")
    assert problem.location is not None
    assert problem.location.file == "games/no_such_scenario"
    assert problem.message == "no such file"
