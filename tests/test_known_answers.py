"""Known answers: textbook games whose complete equilibrium sets are published.

Every game is written inline in the scenario syntax of CONTRACT section 1.1, solved through the
public Python API of CONTRACT section 4, and compared with the known answer through the JSON
document of CONTRACT section 3:

* the equilibria are compared as a set (order does not matter, each must appear once), every
  probability and expected payoff as the exact rational string the contract prescribes
  ("1/2", "3", "-1/6"), every strategy of every player listed;
* ``complete`` must be true for the two-player games (all nondegenerate, so support enumeration
  is exhaustive) and false for the games with three players, where only pure equilibria are
  searched.

Each game carries a comment saying where its answer comes from. Every expected answer was also
recomputed exactly (fractions, support enumeration, nondegeneracy check) outside the repository.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import ggcalc

Strategies = dict[str, "str | dict[str, str]"]
Expected = list[tuple[Strategies, dict[str, str]]]

# --------------------------------------------------------------------------------------------
# Two-player games
# --------------------------------------------------------------------------------------------

# Osborne, *An Introduction to Game Theory* (2004), section 2.2 (the game) and section 2.7
# (its unique Nash equilibrium: both Fink, since Fink strictly dominates Quiet).
PRISONERS_DILEMMA = """
title: Prisoner's Dilemma
players:
  Suspect 1: [Quiet, Fink]
  Suspect 2: [Quiet, Fink]
payoffs:
  Quiet:
    Quiet: [2, 2]
    Fink: [0, 3]
  Fink:
    Quiet: [3, 0]
    Fink: [1, 1]
"""
PRISONERS_DILEMMA_NASH: Expected = [
    ({"Suspect 1": "Fink", "Suspect 2": "Fink"}, {"Suspect 1": "1", "Suspect 2": "1"}),
]

# Osborne (2004), section 2.4 (the game: no pure equilibrium) and chapter 4, section 4.3
# (its unique mixed equilibrium: each player plays Head with probability 1/2; value 0).
MATCHING_PENNIES = """
title: Matching Pennies
players:
  Person 1: [Head, Tail]
  Person 2: [Head, Tail]
payoffs:
  Head:
    Head: [1, -1]
    Tail: [-1, 1]
  Tail:
    Head: [-1, 1]
    Tail: [1, -1]
"""
MATCHING_PENNIES_NASH: Expected = [
    (
        {"Person 1": {"Head": "1/2", "Tail": "1/2"}, "Person 2": {"Head": "1/2", "Tail": "1/2"}},
        {"Person 1": "0", "Person 2": "0"},
    ),
]

# Osborne (2004), section 2.3 (Bach or Stravinsky?; two pure equilibria, section 2.7) and
# section 4.3 (the mixed equilibrium: player 1 plays Bach with probability 2/3, player 2 with
# probability 1/3; each then expects 2/3).
BATTLE_OF_THE_SEXES = """
title: Bach or Stravinsky? (Battle of the Sexes)
players:
  Player 1: [Bach, Stravinsky]
  Player 2: [Bach, Stravinsky]
payoffs:
  Bach:
    Bach: [2, 1]
    Stravinsky: [0, 0]
  Stravinsky:
    Bach: [0, 0]
    Stravinsky: [1, 2]
"""
BATTLE_OF_THE_SEXES_NASH: Expected = [
    ({"Player 1": "Bach", "Player 2": "Bach"}, {"Player 1": "2", "Player 2": "1"}),
    (
        {"Player 1": "Stravinsky", "Player 2": "Stravinsky"},
        {"Player 1": "1", "Player 2": "2"},
    ),
    (
        {
            "Player 1": {"Bach": "2/3", "Stravinsky": "1/3"},
            "Player 2": {"Bach": "1/3", "Stravinsky": "2/3"},
        },
        {"Player 1": "2/3", "Player 2": "2/3"},
    ),
]

# The CONTRACT's own example (section 1.1, with a mapping leaf) and its published answer
# (section 1.3; the JSON example of section 3 shows the mixed payoffs 5/2). The ordinal
# Chicken model of the crisis is Brams, *Superpower Games* (1985), ch. 1. Mixed equilibrium by
# the indifference condition: 3q + 2(1 - q) = 4q + 1(1 - q) gives q = 1/2, payoff 5/2.
CHICKEN = """
title: Cuban missile crisis as Chicken
players:
  United States: [Blockade, Air strike]
  Soviet Union: [Withdraw, Maintain]
payoffs:
  Blockade:
    Withdraw: [3, 3]
    Maintain: [2, 4]
  Air strike:
    Withdraw: {United States: 4, Soviet Union: 2}
    Maintain: [1, 1]
"""
CHICKEN_NASH: Expected = [
    (
        {"United States": "Blockade", "Soviet Union": "Maintain"},
        {"United States": "2", "Soviet Union": "4"},
    ),
    (
        {"United States": "Air strike", "Soviet Union": "Withdraw"},
        {"United States": "4", "Soviet Union": "2"},
    ),
    (
        {
            "United States": {"Blockade": "1/2", "Air strike": "1/2"},
            "Soviet Union": {"Withdraw": "1/2", "Maintain": "1/2"},
        },
        {"United States": "5/2", "Soviet Union": "5/2"},
    ),
]

# Rock-Paper-Scissors: the unique Nash equilibrium is uniform, value 0. Proof:
# van den Nouweland, "Rock-Paper-Scissors; A New and Elegant Proof", University of Oregon
# Economics Working Paper 2007-12; the method is Osborne (2004), section 4.10.
ROCK_PAPER_SCISSORS = """
title: Rock-Paper-Scissors
players:
  Alice: [Rock, Paper, Scissors]
  Bob: [Rock, Paper, Scissors]
payoffs:
  Rock:
    Rock: [0, 0]
    Paper: [-1, 1]
    Scissors: [1, -1]
  Paper:
    Rock: [1, -1]
    Paper: [0, 0]
    Scissors: [-1, 1]
  Scissors:
    Rock: [-1, 1]
    Paper: [1, -1]
    Scissors: [0, 0]
"""
THIRD = {"Rock": "1/3", "Paper": "1/3", "Scissors": "1/3"}
ROCK_PAPER_SCISSORS_NASH: Expected = [
    ({"Alice": THIRD, "Bob": THIRD}, {"Alice": "0", "Bob": "0"}),
]

# Osborne (2004), section 2.5 (two-hunter Stag Hunt) and section 2.7 (its two pure equilibria).
# The mixed equilibrium follows from the indifference condition of section 4.3:
# 2p = 1, so each hunter chases the stag with probability 1/2 and expects 1.
STAG_HUNT = """
title: Stag Hunt
players:
  Hunter 1: [Stag, Hare]
  Hunter 2: [Stag, Hare]
payoffs:
  Stag:
    Stag: [2, 2]
    Hare: [0, 1]
  Hare:
    Stag: [1, 0]
    Hare: [1, 1]
"""
STAG_HUNT_NASH: Expected = [
    ({"Hunter 1": "Stag", "Hunter 2": "Stag"}, {"Hunter 1": "2", "Hunter 2": "2"}),
    ({"Hunter 1": "Hare", "Hunter 2": "Hare"}, {"Hunter 1": "1", "Hunter 2": "1"}),
    (
        {"Hunter 1": {"Stag": "1/2", "Hare": "1/2"}, "Hunter 2": {"Stag": "1/2", "Hare": "1/2"}},
        {"Hunter 1": "1", "Hunter 2": "1"},
    ),
]

# von Stengel's running 3x2 example: "Equilibrium computation for two-player games in strategic
# and extensive form", ch. 3 of Nisan, Roughgarden, Tardos & Vazirani (eds.), *Algorithmic Game
# Theory* (2007), equation (3.3), also the example of von Stengel, "Computing equilibria for
# two-person games", Handbook of Game Theory vol. 3 (2002). A = [[3,3],[2,5],[0,6]],
# B = [[3,2],[2,6],[3,1]]; three equilibria: ((1,0,0),(1,0)), ((4/5,1/5,0),(2/3,1/3)) and
# ((0,1/3,2/3),(1/3,2/3)).
VON_STENGEL_3X2 = """
title: von Stengel's 3x2 example
players:
  I: [Top, Middle, Bottom]
  II: [Left, Right]
payoffs:
  Top:
    Left: [3, 3]
    Right: [3, 2]
  Middle:
    Left: [2, 2]
    Right: [5, 6]
  Bottom:
    Left: [0, 3]
    Right: [6, 1]
"""
VON_STENGEL_3X2_NASH: Expected = [
    ({"I": "Top", "II": "Left"}, {"I": "3", "II": "3"}),
    (
        {"I": {"Top": "4/5", "Middle": "1/5"}, "II": {"Left": "2/3", "Right": "1/3"}},
        {"I": "3", "II": "14/5"},
    ),
    (
        {"I": {"Middle": "1/3", "Bottom": "2/3"}, "II": {"Left": "1/3", "Right": "2/3"}},
        {"I": "4", "II": "8/3"},
    ),
]

# A 3x3 coordination game with unequal diagonal payoffs (row: 2, 3, 6; column: 6, 3, 2; zero
# off the diagonal). Like the identity "coordination game" that attains 2^d - 1 equilibria
# (von Stengel, "New maximal numbers of equilibria in bimatrix games", Discrete & Computational
# Geometry 21 (1999)), it has one equilibrium for every nonempty common support S: 7 in all.
# Computed by hand: on S the column player weights strategy i by 1/a_i and the row player by
# 1/b_i, so the row player gets 1 / sum_{i in S} 1/a_i and the column player
# 1 / sum_{i in S} 1/b_i. Example S = {North, South}: column (3/4, 0, 1/4), row (1/4, 0, 3/4),
# payoffs 3/2 and 3/2.
COORDINATION_3X3 = """
title: Three-way coordination with unequal stakes
players:
  Row: [North, Centre, South]
  Column: [North, Centre, South]
payoffs:
  North:
    North: [2, 6]
    Centre: [0, 0]
    South: [0, 0]
  Centre:
    North: [0, 0]
    Centre: [3, 3]
    South: [0, 0]
  South:
    North: [0, 0]
    Centre: [0, 0]
    South: [6, 2]
"""
COORDINATION_3X3_NASH: Expected = [
    ({"Row": "North", "Column": "North"}, {"Row": "2", "Column": "6"}),
    ({"Row": "Centre", "Column": "Centre"}, {"Row": "3", "Column": "3"}),
    ({"Row": "South", "Column": "South"}, {"Row": "6", "Column": "2"}),
    (
        {"Row": {"North": "1/3", "Centre": "2/3"}, "Column": {"North": "3/5", "Centre": "2/5"}},
        {"Row": "6/5", "Column": "2"},
    ),
    (
        {"Row": {"North": "1/4", "South": "3/4"}, "Column": {"North": "3/4", "South": "1/4"}},
        {"Row": "3/2", "Column": "3/2"},
    ),
    (
        {"Row": {"Centre": "2/5", "South": "3/5"}, "Column": {"Centre": "2/3", "South": "1/3"}},
        {"Row": "2", "Column": "6/5"},
    ),
    (
        {
            "Row": {"North": "1/6", "Centre": "1/3", "South": "1/2"},
            "Column": {"North": "1/2", "Centre": "1/3", "South": "1/6"},
        },
        {"Row": "1", "Column": "1"},
    ),
]

# Shapley's 3x3 game (Shapley, "Some topics in two-person games", Advances in Game Theory,
# Annals of Mathematics Studies 52, 1964), the classic example where fictitious play cycles
# (Fudenberg & Levine, *The Theory of Learning in Games*, 1998, ch. 2). Its unique equilibrium
# is uniform with payoff 1/3 each; checked by hand with the indifference conditions (each
# player's best response to a pure strategy is unique, so no pure equilibrium exists).
SHAPLEY = """
title: Shapley's game
players:
  Row: [Top, Middle, Bottom]
  Column: [Left, Centre, Right]
payoffs:
  Top:
    Left: [0, 0]
    Centre: [1, 0]
    Right: [0, 1]
  Middle:
    Left: [0, 1]
    Centre: [0, 0]
    Right: [1, 0]
  Bottom:
    Left: [1, 0]
    Centre: [0, 1]
    Right: [0, 0]
"""
THIRD_LCR = {"Left": "1/3", "Centre": "1/3", "Right": "1/3"}
THIRD_TMB = {"Top": "1/3", "Middle": "1/3", "Bottom": "1/3"}
SHAPLEY_NASH: Expected = [
    ({"Row": THIRD_TMB, "Column": THIRD_LCR}, {"Row": "1/3", "Column": "1/3"}),
]

# Gibbons, *Game Theory for Applied Economists* (1992), section 1.1.B, Figure 1.1.1: Right is
# strictly dominated by Middle; after deleting it Down is dominated by Up, then Left by Middle.
# Iterated strict dominance leaves (Up, Middle), which is therefore the unique equilibrium.
DOMINATED_2X3 = """
title: Iterated elimination of strictly dominated strategies
players:
  Player 1: [Up, Down]
  Player 2: [Left, Middle, Right]
payoffs:
  Up:
    Left: [1, 0]
    Middle: [1, 2]
    Right: [0, 1]
  Down:
    Left: [0, 3]
    Middle: [0, 1]
    Right: [2, 0]
"""
DOMINATED_2X3_NASH: Expected = [
    ({"Player 1": "Up", "Player 2": "Middle"}, {"Player 1": "1", "Player 2": "2"}),
]

# Decimal and fraction payoffs, read exactly (CONTRACT section 1: 0.1 means exactly 1/10).
# A 2x2 game with a best-response cycle (Up->Right->Down->Left->Up), so its only equilibrium
# is mixed (Osborne 2004, section 4.3). By hand: Column makes Row indifferent with
# 0.1 q = 0.05 (1 - q), q = 1/3 on Left, so Row gets 1/30; Row makes Column indifferent with
# -p/3 + (1 - p)/4 = 2p/3, p = 1/5 on Up, so Column gets 2/15. With binary floats Row's payoff
# would not be 1/30.
DECIMALS = """
title: Exact decimals and fractions
players:
  Row: [Up, Down]
  Column: [Left, Right]
payoffs:
  Up:
    Left: [0.1, "-1/3"]
    Right: [0, "2/3"]
  Down:
    Left: [0, 0.25]
    Right: [0.05, 0]
"""
DECIMALS_NASH: Expected = [
    (
        {"Row": {"Up": "1/5", "Down": "4/5"}, "Column": {"Left": "1/3", "Right": "2/3"}},
        {"Row": "1/30", "Column": "2/15"},
    ),
]

# --------------------------------------------------------------------------------------------
# Three-player games (only pure equilibria are searched, so `complete` is false)
# --------------------------------------------------------------------------------------------

# Osborne (2004), section 2.5: the Stag Hunt with n hunters (here 3). The stag is caught only
# if every hunter pursues it (each then gets 2); a hare is worth 1 whatever the others do.
# Section 2.7: the pure equilibria are "all Stag" and "all Hare".
STAG_HUNT_3 = """
title: Stag Hunt with three hunters
players:
  Hunter 1: [Stag, Hare]
  Hunter 2: [Stag, Hare]
  Hunter 3: [Stag, Hare]
payoffs:
  Stag:
    Stag:
      Stag: [2, 2, 2]
      Hare: [0, 0, 1]
    Hare:
      Stag: [0, 1, 0]
      Hare: [0, 1, 1]
  Hare:
    Stag:
      Stag: [1, 0, 0]
      Hare: [1, 0, 1]
    Hare:
      Stag: [1, 1, 0]
      Hare: [1, 1, 1]
"""
STAG_HUNT_3_NASH: Expected = [
    (
        {"Hunter 1": "Stag", "Hunter 2": "Stag", "Hunter 3": "Stag"},
        {"Hunter 1": "2", "Hunter 2": "2", "Hunter 3": "2"},
    ),
    (
        {"Hunter 1": "Hare", "Hunter 2": "Hare", "Hunter 3": "Hare"},
        {"Hunter 1": "1", "Hunter 2": "1", "Hunter 3": "1"},
    ),
    # Stag pays 2 when both others hunt stag, Hare always 1: with p, q, r the stag
    # probabilities a mixer needs 2qr = 1, so all three mix with p = q = r = sqrt(1/2), an
    # irrational equilibrium (worked by hand). Two mixers facing a third who hunts stag need
    # p = q = 1/2, but then the third earns 2pq = 1/2 < 1 and hunts hare; a lone mixer needs
    # 2qr = 1 with q, r in {0, 1}: impossible. So these three are all the equilibria.
    (
        {
            hunter: {"Stag": "sqrt(2)/2", "Hare": "(2 - sqrt(2))/2"}
            for hunter in ("Hunter 1", "Hunter 2", "Hunter 3")
        },
        {"Hunter 1": "1", "Hunter 2": "1", "Hunter 3": "1"},
    ),
]

# Jordan's three-player matching pennies (J. S. Jordan, "Three problems in learning
# mixed-strategy Nash equilibria", Games and Economic Behavior 5 (1993) 368-386): player 1
# wants to match player 2, player 2 to match player 3, player 3 to mismatch player 1. The three
# wishes cannot hold at once, so there is no pure equilibrium (the only equilibrium is mixed).
JORDAN = """
title: Jordan's three-player matching pennies
players:
  Player 1: [Heads, Tails]
  Player 2: [Heads, Tails]
  Player 3: [Heads, Tails]
payoffs:
  Heads:
    Heads:
      Heads: [1, 1, -1]
      Tails: [1, -1, 1]
    Tails:
      Heads: [-1, -1, -1]
      Tails: [-1, 1, 1]
  Tails:
    Heads:
      Heads: [-1, 1, 1]
      Tails: [-1, -1, -1]
    Tails:
      Heads: [1, -1, 1]
      Tails: [1, 1, -1]
"""
# Each player is indifferent only when the player it watches mixes 1/2-1/2, so the only
# equilibrium has every player mixing equally, each earning 0 (Jordan 1993).
JORDAN_NASH: Expected = [
    (
        {p: {"Heads": "1/2", "Tails": "1/2"} for p in ("Player 1", "Player 2", "Player 3")},
        {"Player 1": "0", "Player 2": "0", "Player 3": "0"},
    )
]

# Constructed for this suite, in the mapping-leaf form with keys out of player order. Carol's
# Right strictly dominates her Left; Bob wants to match Carol, Ann wants to differ from Bob.
# Iterated strict dominance (Osborne 2004, section 2.9; Gibbons 1992, section 1.1.B) leaves
# only (Left, Right, Right), so it is the unique pure equilibrium, with payoffs (1, 4, 3).
CHAIN_3 = """
title: A chain of best responses between three players
players:
  Ann: [Left, Right]
  Bob: [Left, Right]
  Carol: [Left, Right]
payoffs:
  Left:
    Left:
      Left: {Carol: 1, Ann: -1, Bob: 4}
      Right: {Bob: 0, Carol: 3, Ann: -1}
    Right:
      Left: {Ann: 1, Bob: 0, Carol: 1}
      Right: {Ann: 1, Bob: 4, Carol: 3}
  Right:
    Left:
      Left: {Ann: 1, Bob: 4, Carol: 0}
      Right: {Ann: 1, Bob: 0, Carol: 2}
    Right:
      Left: {Ann: -1, Bob: 0, Carol: 0}
      Right: {Ann: -1, Bob: 4, Carol: 2}
"""
CHAIN_3_NASH: Expected = [
    ({"Ann": "Left", "Bob": "Right", "Carol": "Right"}, {"Ann": "1", "Bob": "4", "Carol": "3"}),
]

KNOWN_GAMES = [
    pytest.param(PRISONERS_DILEMMA, PRISONERS_DILEMMA_NASH, True, id="prisoners-dilemma"),
    pytest.param(MATCHING_PENNIES, MATCHING_PENNIES_NASH, True, id="matching-pennies"),
    pytest.param(BATTLE_OF_THE_SEXES, BATTLE_OF_THE_SEXES_NASH, True, id="battle-of-the-sexes"),
    pytest.param(CHICKEN, CHICKEN_NASH, True, id="chicken"),
    pytest.param(ROCK_PAPER_SCISSORS, ROCK_PAPER_SCISSORS_NASH, True, id="rock-paper-scissors"),
    pytest.param(STAG_HUNT, STAG_HUNT_NASH, True, id="stag-hunt"),
    pytest.param(VON_STENGEL_3X2, VON_STENGEL_3X2_NASH, True, id="von-stengel-3x2"),
    pytest.param(COORDINATION_3X3, COORDINATION_3X3_NASH, True, id="coordination-3x3"),
    pytest.param(SHAPLEY, SHAPLEY_NASH, True, id="shapley-3x3"),
    pytest.param(DOMINATED_2X3, DOMINATED_2X3_NASH, True, id="dominated-2x3"),
    pytest.param(DECIMALS, DECIMALS_NASH, True, id="decimals-and-fractions"),
    pytest.param(STAG_HUNT_3, STAG_HUNT_3_NASH, True, id="stag-hunt-3-players"),
    pytest.param(JORDAN, JORDAN_NASH, True, id="jordan-3-players-no-pure"),
    pytest.param(CHAIN_3, CHAIN_3_NASH, True, id="chain-3-players"),
]


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

Canonical = tuple[frozenset[tuple[str, str, str]], frozenset[tuple[str, str]]]


def players_of(game_yaml: str) -> dict[str, list[str]]:
    """The game's players and their strategies, in order, read straight from the YAML."""
    players = yaml.safe_load(game_yaml)["players"]
    return {str(name): [str(s) for s in strategies] for name, strategies in players.items()}


def expected_set(game_yaml: str, expected: Expected) -> set[Canonical]:
    """The known answer as a set of (probability triples, payoff pairs).

    A pure strategy is written as its name; a mixed one as a mapping in which omitted strategies
    have probability "0" (as in CONTRACT 1.3). Every strategy of every player is filled in, as
    the JSON document lists them all.
    """
    players = players_of(game_yaml)
    out: set[Canonical] = set()
    for strategies, payoffs in expected:
        assert set(strategies) == set(players) == set(payoffs), "malformed expectation"
        triples = set()
        for player, names in players.items():
            given = strategies[player]
            probabilities = {given: "1"} if isinstance(given, str) else dict(given)
            assert set(probabilities) <= set(names), "malformed expectation"
            for name in names:
                triples.add((player, name, probabilities.get(name, "0")))
        out.add((frozenset(triples), frozenset(payoffs.items())))
    assert len(out) == len(expected), "an expected equilibrium is listed twice"
    return out


def found_list(doc: dict[str, Any]) -> list[Canonical]:
    """The equilibria of a solution document in the same canonical form."""
    found = []
    for equilibrium in doc["equilibria"]:
        # An irrational number is {"exact": ..., "approx": ...} (CONTRACT 1.5): its exact text.
        triples = frozenset(
            (player, name, probability["exact"] if isinstance(probability, dict) else probability)
            for player, distribution in equilibrium["strategies"].items()
            for name, probability in distribution.items()
        )
        found.append((triples, frozenset(equilibrium["payoffs"].items())))
    return found


def solve_to_dict(source: str | Path) -> dict[str, Any]:
    solution = ggcalc.load(source).solve()
    doc = solution.to_dict()
    assert isinstance(doc, dict)
    return doc


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("game_yaml", "expected", "complete"), KNOWN_GAMES)
def test_known_equilibrium_set(game_yaml: str, expected: Expected, complete: bool) -> None:
    doc = solve_to_dict(game_yaml)

    assert doc["concept"] == "nash"
    assert doc["scenario"]["form"] == "normal"
    assert doc["scenario"]["players"] == list(players_of(game_yaml))

    found = found_list(doc)
    assert len(found) == len(set(found)), "an equilibrium is listed more than once"
    assert set(found) == expected_set(game_yaml, expected)

    assert doc["complete"] is complete
    if not complete:
        assert doc["warnings"], "an incomplete answer must say why in `warnings`"


@pytest.mark.parametrize(("game_yaml", "expected", "complete"), KNOWN_GAMES)
def test_pure_flag_matches_probabilities(
    game_yaml: str, expected: Expected, complete: bool
) -> None:
    doc = solve_to_dict(game_yaml)
    for equilibrium in doc["equilibria"]:
        probabilities = [
            probability
            for distribution in equilibrium["strategies"].values()
            for probability in distribution.values()
        ]
        assert equilibrium["pure"] is all(p in ("0", "1") for p in probabilities)


def test_decimal_payoffs_are_read_exactly() -> None:
    """0.1 and 0.05 are exactly 1/10 and 1/20: Row's equilibrium payoff is exactly 1/30."""
    doc = solve_to_dict(DECIMALS)
    assert len(doc["equilibria"]) == 1
    equilibrium = doc["equilibria"][0]
    assert equilibrium["payoffs"] == {"Row": "1/30", "Column": "2/15"}
    assert equilibrium["strategies"] == {
        "Row": {"Up": "1/5", "Down": "4/5"},
        "Column": {"Left": "1/3", "Right": "2/3"},
    }
    assert equilibrium["pure"] is False


def test_load_accepts_a_path(tmp_path: Path) -> None:
    """CONTRACT 4: ggcalc.load takes a path as well as YAML text; the answer is the same."""
    path = tmp_path / "chicken.yaml"
    path.write_text(CHICKEN, encoding="utf-8")
    doc = solve_to_dict(str(path))
    assert set(found_list(doc)) == expected_set(CHICKEN, CHICKEN_NASH)
    assert doc["complete"] is True
