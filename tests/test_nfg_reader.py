"""Reading Gambit strategic-form files (``.nfg``): ``ggcalc.io.gambit.nfg.read_nfg``.

Gambit's own 44 example games (``tests/data/nfg/``) are checked against the payoffs Gambit
reported for them (``tests/data/gambit_nfg_games.jsonl``: flat per player, first player's
strategy *slowest*, while ``.nfg`` files list profiles first player *fastest*). Hand-written files
check exactness (``0.1`` is 1/10), both body forms, names, and every kind of broken input with
the 1-based line and column of the offending token.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from ggcalc.errors import InputError, Location, Problem, ScenarioError
from ggcalc.io.gambit.nfg import MAX_NAME_LENGTH, MAX_PLAYERS, MAX_PROBLEMS, read_nfg
from ggcalc.model.normal_form import NormalFormGame

DATA = Path(__file__).parent / "data"
REFERENCE = [
    json.loads(line)
    for line in (DATA / "gambit_nfg_games.jsonl").read_text(encoding="utf-8").splitlines()
]


def read(text: str) -> NormalFormGame:
    return read_nfg(text, "game.nfg")


def problems(text: str) -> list[Problem]:
    with pytest.raises(ScenarioError) as info:
        read_nfg(text, "game.nfg")
    return info.value.problems


def problem(text: str) -> Problem:
    """The single problem reported for ``text``."""
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def at(line: int, column: int) -> Location:
    return Location("game.nfg", line, column)


def table(game: NormalFormGame, player: int) -> list:
    """A player's payoffs as nested lists, indexed [s1][s2]..."""
    return game.payoffs[player].tolist()


def assert_exact(game: NormalFormGame) -> None:
    assert game.payoffs.dtype == object
    assert all(type(value) is Fraction for value in game.payoffs.flat)


# --------------------------------------------------------------------------------------------
# Gambit's example games


def test_every_example_game_is_here() -> None:
    files = sorted(path.name for path in (DATA / "nfg").glob("*.nfg"))
    assert files == sorted(Path(entry["file"]).name for entry in REFERENCE)
    assert len(files) == 44


@pytest.mark.parametrize("entry", REFERENCE, ids=lambda entry: Path(entry["file"]).name)
def test_example_game_matches_gambit(entry: dict) -> None:
    path = DATA / "nfg" / Path(entry["file"]).name
    notes: list[Problem] = []
    game = read_nfg(path.read_text(encoding="utf-8"), str(path), notes=notes)
    assert_exact(game)
    assert list(game.shape) == entry["shape"]
    assert [list(labels) for labels in game.strategies] == entry["strategies"]
    if path.name == "sww1.nfg":
        # Both players are unnamed ("" ""); the oracle's extraction called them _1 and _2.
        assert entry["players"] == ["_1", "_2"]
        assert game.players == ("Player 1", "Player 2")
        assert len(notes) == 1
    else:
        assert list(game.players) == entry["players"]
        assert notes == []
    for player, flat in enumerate(entry["payoffs"]):
        # The reference is row-major (first player slowest): exactly NumPy's C order.
        assert list(game.payoffs[player].flatten()) == [Fraction(value) for value in flat]


def test_example_titles_and_decimals() -> None:
    game = read((DATA / "nfg" / "loopback.nfg").read_text(encoding="utf-8"))
    assert game.title == "Backward-bending principal logit branch"
    assert game.payoffs[0][1, 0] == Fraction(732, 100)  # "7.32": outcome 3 at profile (2, 1)
    game = read((DATA / "nfg" / "todd3.nfg").read_text(encoding="utf-8"))
    assert game.payoffs[0][4, 0] == Fraction(2, 7)


# --------------------------------------------------------------------------------------------
# Hand-written valid files

# Three players with 2, 3 and 2 strategies: the payoff list gives (p1, p2, p3) for each
# profile, player 1's strategy fastest, then player 2's, then player 3's. Player p's payoff at
# 0-based profile (a, b, c) is written as the decimal "p.abc" ("1.021"), except where noted.
PAYOFF_VERSION = """\
NFG 1 R "Payoff version, 2x3x2" { "Ann" "Bob" "Cy" } { 2 3 2 }
"a comment"

1.000 2.000 3.000   1.100 2.100 3.100
1.010 2.010 3.010   1.110 2.110 3.110
1.020 2.020 3.020   1.120 2.120 3.120
1.001 2.001 3.001   1.101 2.101 3.101
1.011 2.011 3.011   1.111 2.111 3.111
1/3   -2/7  1e-3    0.1   -.5   2.5E2
"""


def test_payoff_version_first_player_fastest_and_exact() -> None:
    game = read(PAYOFF_VERSION)
    assert_exact(game)
    assert game.title == "Payoff version, 2x3x2"
    assert game.players == ("Ann", "Bob", "Cy")
    assert game.strategies == (("1", "2"), ("1", "2", "3"), ("1", "2"))
    assert game.payoffs.shape == (3, 2, 3, 2)
    for p in range(3):
        for a in range(2):
            for b in range(3):
                for c in range(2):
                    if (b, c) != (2, 1):
                        expected = Fraction(f"{p + 1}.{a}{b}{c}")
                        assert game.payoffs[p][a, b, c] == expected, (p, a, b, c)
    # The last line, profiles (0, 2, 1) and (1, 2, 1): fractions, exponents, decimals.
    assert [game.payoffs[p][0, 2, 1] for p in range(3)] == [
        Fraction(1, 3),
        Fraction(-2, 7),
        Fraction(1, 1000),
    ]
    assert [game.payoffs[p][1, 2, 1] for p in range(3)] == [
        Fraction(1, 10),
        Fraction(-1, 2),
        Fraction(250),
    ]


# Strategy labels, a multi-line comment, then outcomes listed out of order, with commas, spaces
# or both, a trailing comma, an unused outcome, and outcome 0 (all payoffs zero).
OUTCOME_VERSION = """\
NFG 1 D "Outcome version" { "Row" "Column" }

{ { "Up" "Down" }
{ "Left" "Middle" "Right" }
}
"A comment
over two lines with { braces } and 1 2 3"

{
{ "UL" 0.1, 0.2 }
{ "DL" 1/3 -1/3 }
{ "UM" 3 ,4, }
{ "unused" 99 99 }
{ "DR" -0.25,1.5e1 }
}
1 2 3 0 0 5
"""


def test_outcome_version_exact() -> None:
    game = read(OUTCOME_VERSION)
    assert_exact(game)
    assert game.players == ("Row", "Column")
    assert game.strategies == (("Up", "Down"), ("Left", "Middle", "Right"))
    assert table(game, 0) == [
        [Fraction(1, 10), Fraction(3), Fraction(0)],
        [Fraction(1, 3), Fraction(0), Fraction(-1, 4)],
    ]
    assert table(game, 1) == [
        [Fraction(2, 10), Fraction(4), Fraction(0)],
        [Fraction(-1, 3), Fraction(0), Fraction(15)],
    ]


def test_labels_with_payoff_list_and_counts_with_outcomes() -> None:
    # Gambit pairs either strategy form with either body (coord2.nfg has labels + payoffs).
    labels = read('NFG 1 R "" { "A" "B" } { { "x" "y" } { "z" } } 1 2 3 4')
    assert labels.strategies == (("x", "y"), ("z",))
    assert table(labels, 0) == [[1], [3]] and table(labels, 1) == [[2], [4]]
    counts = read('NFG 1 R "" { "A" "B" } { 2 1 } { { "" 1 2 } { "" 3 4 } } 2 1')
    assert counts.strategies == (("1", "2"), ("1",))
    assert table(counts, 0) == [[3], [1]] and table(counts, 1) == [[4], [2]]


def test_empty_outcome_list_means_all_zero() -> None:
    game = read('NFG 1 R "zero" { "A" "B" } { 2 2 } { } 0 0 0 0')
    assert all(value == 0 for value in game.payoffs.flat)


def test_one_player_one_strategy() -> None:
    game = read('NFG 1 R "solo" { "Me" } { 1 } 7/2')
    assert game.payoffs.shape == (1, 1)
    assert game.payoffs[0][0] == Fraction(7, 2)


def test_whitespace_is_free_and_tokens_may_touch() -> None:
    text = 'NFG\t1\r\nR"t"{"A""B"}{{"x""y"}{"z"}}""{{""1,2}{""3 4}}1\r\n2'
    game = read(text)
    assert game.strategies == (("x", "y"), ("z",))
    assert table(game, 0) == [[1], [3]]


def test_byte_order_mark_is_ignored() -> None:
    game = read('\ufeffNFG 1 R "t" { "A" } { 1 } 5')
    assert game.payoffs[0][0] == 5


def test_strings_escapes() -> None:
    game = read(r'NFG 1 R "say \"hi\"" { "back\\slash" "new\nline" } { 1 1 } 1 2')
    assert game.title == 'say "hi"'
    # \\ is one backslash; any other backslash is kept as written (as Gambit does).
    assert game.players == ("back\\slash", "new\\nline")


def test_titles_and_names_are_trimmed() -> None:
    game = read('NFG 1 R "  T  " { " A " "B" } { { " u " "d" } { "l" } } 1 2 3 4')
    assert game.title == "T"
    assert game.players == ("A", "B")
    assert game.strategies == (("u", "d"), ("l",))


# --------------------------------------------------------------------------------------------
# Names that ggcalc cannot use as they are


def test_duplicate_strategy_labels_are_numbered_for_that_player_only() -> None:
    notes: list[Problem] = []
    text = 'NFG 1 R "" { "A" "B" }\n{ { "U" "U" "D" } { "L" "R" } }\n1 1 2 2 3 3 4 4 5 5 6 6'
    game = read_nfg(text, "game.nfg", notes=notes)
    assert game.strategies == (("1", "2", "3"), ("L", "R"))
    assert notes == [
        Problem(
            "the strategies of 'A' are named '1', '2', '3' instead (repeated: 'U')",
            at(2, 3),
            "give them distinct names in the file to keep your own",
        )
    ]
    assert table(game, 0) == [[1, 4], [2, 5], [3, 6]]


def test_empty_strategy_labels_are_numbered() -> None:
    notes: list[Problem] = []
    text = 'NFG 1 R "" { "A" "B" } { { "U" } { "" " " "R" "R" "S" } } 1 1 2 2 3 3 4 4 5 5'
    game = read_nfg(text, "game.nfg", notes=notes)
    assert game.strategies == (("U",), ("1", "2", "3", "4", "5"))
    assert len(notes) == 1
    assert notes[0].message == (
        "the strategies of 'B' are named '1', '2', ..., '5' instead (2 names empty; repeated: 'R')"
    )
    assert notes[0].location == at(1, 34)


def test_unnamed_or_repeated_players_are_numbered() -> None:
    notes: list[Problem] = []
    game = read_nfg('NFG 1 R "" { "A" "" } { 1 1 } 1 2', notes=notes)
    assert game.players == ("Player 1", "Player 2")
    assert notes[0].message == "the players are named 'Player 1', 'Player 2' instead (1 name empty)"
    assert notes[0].location == Location(None, 1, 12)
    game = read('NFG 1 R "" { "A" "A" "B" } { 1 1 1 } 1 2 3')
    assert game.players == ("Player 1", "Player 2", "Player 3")


def test_notes_are_optional() -> None:
    game = read('NFG 1 R "" { "" "" } { { "a" "a" } { "b" } } 1 2 3 4')
    assert game.players == ("Player 1", "Player 2")
    assert game.strategies == (("1", "2"), ("b",))


# --------------------------------------------------------------------------------------------
# Broken files: message, line and column


HEADER = 'NFG 1 R "t" { "A" "B" }\n'  # line 1; the body starts on line 2


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        # Not an NFG header.
        ("", 1, 1, "expected 'NFG', got an empty file"),
        ("   \n\n", 1, 1, "expected 'NFG', got an empty file"),
        ('EFG 2 R "t" { "A" }', 1, 1, "expected 'NFG', got 'EFG'"),
        ("title: PD\nplayers: {}", 1, 1, "not a Gambit .nfg file"),
        ('"NFG" 1 R', 1, 1, "expected 'NFG', got the text \"NFG\""),
        # Wrong version or data type, missing title.
        ('NFG 2 R "t" { "A" }', 1, 5, "unsupported NFG version 2"),
        ('NFG x R "t" { "A" }', 1, 5, "expected the NFG version 1, got 'x'"),
        ('NFG 1 F "t" { "A" }', 1, 7, "expected the data type R or D, got 'F'"),
        ('NFG 1 R { "A" }', 1, 9, "expected the game's title in double quotes, got '{'"),
        # Unterminated strings.
        ('NFG 1 R "t" { "A" "B } { 2 2 }', 1, 19, "unterminated string"),
        ('NFG 1 R "t', 1, 9, "unterminated string"),
        ('NFG 1 R "t" { "A" } { 1 } 1 "x\\"', 1, 29, "unterminated string"),
        # Players.
        ('NFG 1 R "t" "A" "B"', 1, 13, "expected '{' before the player names"),
        ('NFG 1 R "t" { "A" B }', 1, 19, "expected a player name in double quotes or '}', got 'B'"),
        ('NFG 1 R "t" { } { }', 1, 15, "the game has no players"),
        # Strategy counts and labels that do not match the players.
        (HEADER + "{ 2 }", 2, 5, "strategy counts are given for 1 player only, but the game has"),
        (HEADER + "{ 2 2 2 }", 2, 7, "more strategy counts than players (2)"),
        (HEADER + "{ 2 0 } 1 2", 2, 5, "'B' has no strategies"),
        (HEADER + "{ 2 1.5 } 1 2", 2, 5, "strategies of 'B' must be a whole number, got '1.5'"),
        (HEADER + '{ { "U" } }', 2, 11, "strategy labels are given for 1 player only"),
        (HEADER + '{ { "U" } { "L" } { "X" } }', 2, 19, "more strategy lists than players (2)"),
        (HEADER + '{ { "U" } { } } 1 2', 2, 13, "'B' has no strategies"),
        (HEADER + '{ { "U" } { L } } 1 2', 2, 13, "a strategy label of 'B' in double quotes"),
        (HEADER + '{ { "U" } 2 } 1 2', 2, 11, "strategy labels are given for 1 player only"),
        (HEADER + "2 2 1 2 3 4", 2, 1, "expected '{' before the strategies"),
        (HEADER + '{ "U" "D" } 1 2', 2, 3, "expected strategy counts or labels, got the text"),
        (HEADER + "{ 1 1 ", 2, 6, "expected '}' after the strategies, got the end of the file"),
        # No body.
        (HEADER + "{ 1 1 }", 2, 8, "expected the payoffs, got the end of the file"),
        (HEADER + '{ 1 1 } "comment" "again"', 2, 19, "expected the payoffs, got the text"),
        # Payoff lists of the wrong length, and anything else out of place in them.
        (
            HEADER + "{ 2 2 }\n1 2 3 4 5 6 7",
            3,
            14,
            "the payoff list is too short: expected 8 payoffs "
            "(2 players for each of 4 strategy profiles), got 7",
        ),
        (HEADER + "{ 1 1 }\n1 2 3 4 5", 3, 5, "too many payoffs: expected 2 payoffs"),
        (HEADER + "{ 1 1 } 1, 2", 2, 10, "expected a payoff, got ','"),
        (HEADER + "{ 1 1 } 1 2 }", 2, 13, "unexpected '}' after the last payoff"),
        (HEADER + '{ 1 1 } 1 2 "x"', 2, 13, "unexpected the text"),
        # Non-numbers and oversized literals where numbers belong.
        (HEADER + "{ 1 1 } 1 two", 2, 11, "a payoff must be a number, got 'two'"),
        (HEADER + "{ 1 1 } 1 0x10", 2, 11, "a payoff must be a number, got '0x10'"),
        (HEADER + "{ 1 1 } 1 1+1", 2, 11, "a payoff must be a number, got '1+1'"),
        (HEADER + "{ 1 1 } 1 nan", 2, 11, "a payoff must be a number, got 'nan'"),
        (HEADER + "{ 1 1 } 1 2/0", 2, 12, "division by zero"),
        (HEADER + "{ 1 1 } 1 " + "9" * 101, 2, 11, "has too many digits (101; the limit is 100)"),
        (HEADER + "{ 1 1 } 1 1e1001", 2, 12, "the exponent in '1e1001' is too large"),
        # Outcome lists.
        (HEADER + "{ 1 1 } { 1 2 } 1", 2, 11, "expected '{' starting an outcome or '}' ending"),
        (HEADER + "{ 1 1 } { { 1 2 } } 1", 2, 13, "expected the name of outcome 1 in double"),
        (HEADER + '{ 1 1 } { { "o" 1 } } 1', 2, 19, 'outcome 1 ("o") has 1 payoff, expected 2'),
        (HEADER + '{ 1 1 } { { "" 1 2 3 } } 1', 2, 20, "outcome 1 has more payoffs than the game"),
        (HEADER + '{ 1 1 } { { "" 1, , 2 } } 1', 2, 19, "expected a payoff or '}' in outcome 1"),
        (HEADER + '{ 1 1 } { { "" x 2 } } 1', 2, 16, "a payoff must be a number, got 'x'"),
        (HEADER + '{ 1 1 } { { "" 1 2 } 1', 2, 22, "expected '{' starting an outcome or '}'"),
        # Outcome numbers: out of range, not numbers, too few, too many, trailing garbage.
        (
            HEADER + '{ 2 1 } { { "" 1 2 } }\n1 2',
            3,
            3,
            "outcome number 2 is out of range: the file defines 1 outcome",
        ),
        (HEADER + '{ 1 1 } { { "" 1 2 } } -1', 2, 24, "outcome number -1 is out of range"),
        (HEADER + "{ 1 1 } { } 1", 2, 13, "outcome number 1 is out of range"),
        (HEADER + '{ 1 1 } { { "" 1 2 } } 1.0', 2, 24, "expected an outcome number, got '1.0'"),
        (HEADER + '{ 1 1 } { { "" 1 2 } } ' + "9" * 60, 2, 24, "out of range"),
        (
            HEADER + '{ 2 2 } { { "" 1 2 } }\n1 1 1',
            3,
            6,
            "the outcome numbers are too few: expected 4 outcome numbers "
            "(one per strategy profile), got 3",
        ),
        (HEADER + '{ 1 1 } { { "" 1 2 } } 1 1 1', 2, 26, "too many outcome numbers: expected 1"),
        (HEADER + '{ 1 1 } { { "" 1 2 } } 1 "x"', 2, 26, "unexpected the text"),
        (HEADER + '{ 2 1 } { { "" 1 2 } } 1 {', 2, 26, "expected an outcome number, got '{'"),
    ],
)
def test_broken_file(text: str, line: int, column: int, words: str) -> None:
    found = problems(text)
    assert found[0].location == at(line, column), found
    assert words in found[0].message, found


def test_errors_are_input_errors_without_file() -> None:
    with pytest.raises(InputError) as info:
        read_nfg('NFG 1 R "t" { "A" } { 1 } x')
    assert info.value.exit_code == 2
    assert str(info.value) == (
        "<input>:1:27: a payoff must be a number, got 'x'; write numbers like 3, -1.5, 2/3 or 1e-3"
    )


def test_every_bad_number_is_reported_at_once() -> None:
    found = problems(HEADER + "{ 3 1 }\n1 a 3\nb 5/0 6")
    assert [(p.location, p.message) for p in found] == [
        (at(3, 3), "a payoff must be a number, got 'a'"),
        (at(4, 1), "a payoff must be a number, got 'b'"),
        (at(4, 4), "division by zero"),
    ]


def test_bad_numbers_and_wrong_length_together() -> None:
    found = problems(HEADER + "{ 1 1 } x 2 3")
    assert [p.location for p in found] == [at(2, 9), at(2, 13)]
    assert "too many payoffs" in found[1].message


def test_too_many_payoffs_then_garbage() -> None:
    found = problems(HEADER + "{ 1 1 } 1 2 3 4 }")
    assert [p.location for p in found] == [at(2, 13), at(2, 17)]
    assert "got 4" in found[0].message
    assert "unexpected '}'" in found[1].message


def test_every_bad_outcome_number_is_reported() -> None:
    found = problems(HEADER + '{ 2 2 } { { "" 1 2 } } 1 7 x 0')
    assert [p.location for p in found] == [at(2, 26), at(2, 28)]


def test_problem_count_is_capped() -> None:
    found = problems(HEADER + "{ 100 1 } " + " ".join(["x"] * 200))
    assert len(found) == MAX_PROBLEMS


# --------------------------------------------------------------------------------------------
# Limits


def test_too_many_profiles_is_refused_before_reading_payoffs() -> None:
    found = problem('NFG 1 R "t" { "A" "B" "C" } { 1000 1000 11 } 1 2 3')
    assert found.location == at(1, 29)
    assert found.message == (
        "the game has 11,000,000 pure strategy profiles; the limit is 10,000,000"
    )


def test_huge_strategy_count_is_refused() -> None:
    found = problem('NFG 1 R "t" { "A" } { ' + "9" * 5000 + " } 1")
    assert found.location == at(1, 23)
    assert "more than 10,000,000 strategies" in found.message


def test_too_many_players_is_refused() -> None:
    names = " ".join(f'"P{i}"' for i in range(MAX_PLAYERS + 1))
    found = problem(f'NFG 1 R "t" {{ {names} }}')
    assert found.message == f"more than {MAX_PLAYERS} players"
    assert found.location == at(1, 15 + 5 * 10 + 6 * (MAX_PLAYERS - 10))


def test_most_players_allowed() -> None:
    names = " ".join(f'"P{i}"' for i in range(MAX_PLAYERS))
    ones = " ".join(["1"] * MAX_PLAYERS)
    game = read(f'NFG 1 R "t" {{ {names} }} {{ {ones} }} {ones}')
    assert game.n_players == MAX_PLAYERS
    assert game.payoffs.shape == (MAX_PLAYERS,) + (1,) * MAX_PLAYERS


@pytest.mark.parametrize(
    ("text", "column", "what"),
    [
        ('NFG 1 R "{long}" {{ "A" }} {{ 1 }} 1', 9, "the title"),
        ('NFG 1 R "t" {{ "{long}" }} {{ 1 }} 1', 15, "a player's name"),
        ('NFG 1 R "t" {{ "A" }} {{ {{ "{long}" }} }} 1', 25, "a strategy label of 'A'"),
    ],
)
def test_long_names_are_refused(text: str, column: int, what: str) -> None:
    found = problem(text.format(long="x" * (MAX_NAME_LENGTH + 1)))
    assert found.location == at(1, column)
    assert found.message == f"{what} is 1,001 characters long; the limit is 1,000"


def test_longest_name_allowed() -> None:
    game = read('NFG 1 R "t" { "' + "x" * MAX_NAME_LENGTH + '" } { 1 } 1')
    assert game.players == ("x" * MAX_NAME_LENGTH,)


def test_large_game_reads_exactly() -> None:
    rows, cols = 60, 50
    values = [f"{k % 97}/{k % 13 + 1}" for k in range(2 * rows * cols)]
    game = read(f'NFG 1 R "big" {{ "A" "B" }} {{ {rows} {cols} }} ' + " ".join(values))
    # Profile (r, c) is number c * rows + r in the file (first player fastest).
    expected = np.array(
        [[Fraction(values[2 * (c * rows + r)]) for c in range(cols)] for r in range(rows)],
        dtype=object,
    )
    assert (game.payoffs[0] == expected).all()
    assert game.payoffs[1][rows - 1, cols - 1] == Fraction(values[-1])
