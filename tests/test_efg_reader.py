"""Reading Gambit extensive-form files (``.efg``): ``ggcalc.io.gambit.efg.read_efg``.

Gambit's own 65 example game trees (``tests/data/efg/``) must all load, and each equilibrium
Gambit 16.7 reported for them (``tests/data/gambit_efg_games.jsonl``) must give, when played in
the tree read here, exactly the payoffs Gambit reported: that checks payoffs (outcomes added up
along paths), chance probabilities, information sets and action order at once. Hand-written files
check exactness, omitted and repeated descriptions, names, and every kind of broken input with the
1-based line and column of the offending token; a fuzz test checks that no input ends in a
traceback.
"""

from __future__ import annotations

import json
import random
from fractions import Fraction
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from ggcalc.errors import InputError, Location, Problem, ScenarioError
from ggcalc.io.gambit import efg as efg_reader
from ggcalc.io.gambit.efg import MAX_NAME_LENGTH, MAX_PLAYERS, MAX_PROBLEMS, read_efg
from ggcalc.model.tree import CHANCE, DECISION, TERMINAL, GameTree, TreeBuilder, TreeProblem

DATA = Path(__file__).parent / "data"
EFG = DATA / "efg"
REFERENCE = {
    Path(entry["file"]).name: entry
    for entry in map(
        json.loads, (DATA / "gambit_efg_games.jsonl").read_text(encoding="utf-8").splitlines()
    )
}
FILES = sorted(path.name for path in EFG.glob("*.efg"))

#: Example files without perfect recall (refused with a located error). Checked by brute force
#: in ``test_example_files_load``: none of Gambit's examples is one.
IMPERFECT_RECALL: set[str] = set()

F = Fraction


def read(text: str, notes: list[Problem] | None = None) -> GameTree:
    return read_efg(text, "game.efg", notes=notes)


def problems(text: str) -> list[Problem]:
    with pytest.raises(ScenarioError) as info:
        read(text)
    return info.value.problems


def problem(text: str) -> Problem:
    """The single problem reported for ``text``."""
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def at(line: int, column: int) -> Location:
    return Location("game.efg", line, column)


def efg(*nodes: str, players: str = '"A" "B"') -> str:
    """A file with a standard header (line 1), an empty comment (line 2) and one node a line
    from line 3 on."""
    return "\n".join([f'EFG 2 R "test" {{ {players} }}', '""', *nodes])


def node_named(tree: GameTree, path: str) -> int:
    """The node reached by the moves in ``path`` (``"a > b"``; ``""`` for the root)."""
    node = 0
    for move in filter(None, path.split(" > ")):
        node = next(c for c in tree.children(node) if tree.move[c] == move)
    return node


def own_history(tree: GameTree, node: int, player: int) -> tuple[tuple[int, str], ...]:
    """The player's own (information set, action) pairs on the way to ``node``."""
    path = tree.path(node)
    return tuple(
        (tree.infoset[a], tree.move[b])
        for a, b in pairwise(path)
        if tree.kind[a] == DECISION and tree.owner(a) == player
    )


def play(tree: GameTree, behavior: dict[int, dict[str, Fraction]]) -> list[Fraction]:
    """Expected payoffs when each information set (by index) plays ``behavior``."""
    reach = [F(0)] * tree.n_nodes
    reach[0] = F(1)
    total = [F(0)] * tree.n_players
    for v in range(tree.n_nodes):  # preorder: parents before children
        if not reach[v]:
            continue
        if tree.kind[v] == TERMINAL:
            payoffs = tree.payoffs[v]
            assert payoffs is not None
            for p in range(tree.n_players):
                total[p] += reach[v] * payoffs[p]
        for child in tree.children(v):
            step = tree.prob[child] if tree.kind[v] == CHANCE else None
            if step is None:
                step = behavior[tree.infoset[v]][tree.move[child]]
            reach[child] = reach[v] * step
    return total


# --------------------------------------------------------------------------------------------
# Gambit's example games


def test_every_example_game_is_here() -> None:
    assert len(FILES) == 65
    assert sorted(REFERENCE) == FILES
    assert set(FILES) >= IMPERFECT_RECALL


@pytest.mark.parametrize("name", FILES)
def test_example_files_load(name: str) -> None:
    text = (EFG / name).read_text(encoding="utf-8")
    if name in IMPERFECT_RECALL:
        found = problems(text)
        assert all("perfect recall" in p.message for p in found)
        return
    notes: list[Problem] = []
    tree = read_efg(text, name, notes=notes)
    assert notes == []  # every example has distinct, non-empty names
    assert list(tree.players) == REFERENCE[name]["players"]
    assert all(type(x) is Fraction for v in tree.terminals() for x in tree.payoffs[v] or ())
    # Perfect recall, checked the slow way: every node of an information set is reached after
    # the same own moves (what GameTree.recall_violations decides faster).
    for index, h in enumerate(tree.infosets):
        histories = {own_history(tree, v, h.player) for v in h.nodes}
        assert len(histories) == 1, (index, h.name)


@pytest.mark.parametrize("name", sorted(set(FILES) - IMPERFECT_RECALL))
def test_gambit_equilibria_pay_what_gambit_says(name: str) -> None:
    """Gambit's behaviour profiles are keyed ``"k:label"``, k being the player's k-th
    information set in file order, which is the order ggcalc keeps."""
    tree = read_efg((EFG / name).read_text(encoding="utf-8"), name)
    equilibria = REFERENCE[name]["equilibria"]
    checked = 0
    for profiles, payoffs in [
        ("enumpure", "enumpure_payoffs"),
        ("enummixed_behavior", "enummixed_payoffs"),
        ("lcp", "lcp_payoffs"),
    ]:
        for profile, expected in zip(
            equilibria.get(profiles, []), equilibria.get(payoffs, []), strict=True
        ):
            behavior: dict[int, dict[str, Fraction]] = {}
            for player, name_ in enumerate(tree.players):
                own = [i for i, h in enumerate(tree.infosets) if h.player == player]
                assert len(profile[name_]) == len(own)
                for key, mix in profile[name_].items():
                    index = own[int(key.split(":")[0]) - 1]
                    assert set(mix) == set(tree.infosets[index].actions)
                    behavior[index] = {action: F(p) for action, p in mix.items()}
            assert play(tree, behavior) == [F(x) for x in expected]
            checked += 1
    # condjury etc. have no pure equilibrium but Gambit found mixed ones for every 2-player game.
    assert checked or not any(equilibria.get(k) for k in ("enumpure", "enummixed", "lcp"))


def test_poker() -> None:
    tree = read_efg((EFG / "poker.efg").read_text(encoding="utf-8"), "poker.efg")
    assert tree.title == "One card poker game, after Myerson (1991)"
    assert tree.players == ("Alice", "Bob")
    assert tree.kind[0] == CHANCE
    king, queen = tree.children(0)
    assert (tree.move[king], tree.move[queen]) == ("King", "Queen")
    assert tree.prob[king] == tree.prob[queen] == F(1, 2)
    alice = [h for h in tree.infosets if h.player == 0]
    bob = [h for h in tree.infosets if h.player == 1]
    assert [h.nodes for h in alice] == [(king,), (queen,)]
    assert [h.actions for h in alice] == [("Raise", "Fold")] * 2
    # Alice's single-node decision points are named by their paths; Bob's has two nodes.
    assert [h.name for h in alice] == ["King", "Queen"]
    assert len(bob) == 1
    assert bob[0].actions == ("Meet", "Pass")
    assert bob[0].nodes == (node_named(tree, "King > Raise"), node_named(tree, "Queen > Raise"))
    assert tree.payoffs[node_named(tree, "King > Raise > Meet")] == (F(2), F(-2))
    assert tree.payoffs[node_named(tree, "Queen > Raise > Meet")] == (F(-2), F(2))
    assert tree.payoffs[node_named(tree, "Queen > Fold")] == (F(-1), F(1))
    assert tree.n_nodes == 11
    assert tree.recall_violations() == []


def test_cent2_decimals_are_exact() -> None:
    tree = read_efg((EFG / "cent2.efg").read_text(encoding="utf-8"), "cent2.efg")
    assert tree.title == "Centipede game. Two inning, with probability of altruists."
    rational, altruist = tree.children(0)
    assert (tree.prob[rational], tree.prob[altruist]) == (F(19, 20), F(1, 20))
    first = node_named(tree, "1=rational > 2=rational > t")
    assert tree.payoffs[first] == (F(4, 5), F(1, 5))  # written .80, .20
    assert tree.payoffs[node_named(tree, "1=rational > 2=rational > p > t")] == (
        F(2, 5),
        F(8, 5),
    )
    names = {h.name for h in tree.infosets}
    assert {"(1,1)", "(2,1)", "(1,2)", "(2,2)"} <= names


def test_load_gives_a_sequential_scenario() -> None:
    import ggcalc

    scenario = ggcalc.load(str(EFG / "poker.efg"))
    assert scenario.form == "sequential"
    assert isinstance(scenario.game, GameTree)
    assert scenario.title == "One card poker game, after Myerson (1991)"
    assert scenario.notes == []


# --------------------------------------------------------------------------------------------
# Payoffs, probabilities and descriptions


def test_outcomes_at_nonterminal_nodes_add_up() -> None:
    tree = read(
        efg(
            'c "" 1 "" { "x" 1/3 "y" 2/3 } 1 "entry fee" { -1, 1/2 }',
            'p "" 1 1 "" { "L" "R" } 2 "stage" { 10 20 }',
            't "" 3 "end" { 0.25, -0.5 }',
            't "" 0',
            't "" 1',  # outcome 1 again, without its payoffs
        )
    )
    assert tree.payoffs[node_named(tree, "x > L")] == (F(-1 + 10) + F(1, 4), F(1, 2) + 20 - F(1, 2))
    assert tree.payoffs[node_named(tree, "x > R")] == (F(9), F(41, 2))
    assert tree.payoffs[node_named(tree, "y")] == (F(-2), F(1))
    assert tree.prob[node_named(tree, "y")] == F(2, 3)


def test_a_play_without_outcomes_pays_zero() -> None:
    tree = read(efg('p "" 1 1 "" { "L" "R" } 0', 't "" 0', 't "" 1 "" { 1 2 }'))
    assert tree.payoffs[1] == (F(0), F(0))
    assert tree.payoffs[2] == (F(1), F(2))


def test_a_single_terminal_node_is_a_tree() -> None:
    tree = read(efg('t "end" 1 "o" { 3, 4 }'))
    assert tree.n_nodes == 1
    assert tree.payoffs[0] == (F(3), F(4))
    assert tree.label[0] == "end"


def test_omitted_descriptions_reuse_the_first() -> None:
    tree = read(
        efg(
            'c "" 1 "nature" { "a" 1/2 "b" 1/2 } 0',
            'c "" 2 "coin" { "h" 1/4 "t" 3/4 } 0',
            'p "" 1 1 "info" { "L" "R" } 0',
            't "" 1 "one" { 1, 1 }',
            't "" 2 "two" { 2, 2 }',
            'p "" 1 1 0',  # the same information set, description left out
            't "" 2',
            't "" 1 "one" { 1, 1 }',  # outcome repeated identically
            'c "" 2 0',  # the same chance event, left out
            'p "" 2 1 "" { "l" "r" } 0',
            't "" 0',
            't "" 0',
            'p "" 2 1 "" { "l" "r" } 0',  # repeated identically
            't "" 0',
            't "" 0',
        )
    )
    info = tree.decision_point("info")
    assert info is not None
    assert info.actions == ("L", "R")
    assert info.nodes == (node_named(tree, "a > h"), node_named(tree, "a > t"))
    assert tree.payoffs[node_named(tree, "a > t > L")] == (F(2), F(2))
    assert tree.payoffs[node_named(tree, "a > t > R")] == (F(1), F(1))
    second = node_named(tree, "b")
    assert tree.kind[second] == CHANCE
    assert [tree.prob[c] for c in tree.children(second)] == [F(1, 4), F(3, 4)]
    assert [tree.move[c] for c in tree.children(second)] == ["h", "t"]
    bob = [h for h in tree.infosets if h.player == 1]
    assert len(bob) == 1 and len(bob[0].nodes) == 2


def test_information_set_numbers_are_per_player() -> None:
    tree = read(
        efg(
            'p "" 1 1 "" { "L" "R" } 0',
            'p "" 2 1 "" { "l" "r" } 0',
            't "" 0',
            't "" 0',
            'p "" 2 1 0',
            't "" 0',
            't "" 0',
        )
    )
    assert [(h.player, len(h.nodes)) for h in tree.infosets] == [(0, 1), (1, 2)]


def test_decision_point_names() -> None:
    tree = read(
        efg(
            'p "root node" 1 1 "" { "a" "b" "c" } 0',
            'p "" 2 1 "Bob decides" { "x" "y" } 0',
            't "" 0',
            't "" 0',
            'p "  labelled  " 2 2 "" { "x" "y" } 0',
            't "" 0',
            't "" 0',
            'p "" 2 3 "  " { "x" "y" } 0',
            't "" 0',
            't "" 0',
        )
    )
    assert [h.name for h in tree.infosets] == ["root node", "Bob decides", "labelled", "c"]
    assert tree.label[0] == "root node"
    unnamed = read(efg('p "" 1 1 "" { "a" "b" } 0', 't "" 0', 't "" 0'))
    assert unnamed.infosets[0].name == "start"


def test_same_label_for_different_information_sets_stays_distinct() -> None:
    tree = read(
        efg(
            'p "" 1 1 "same" { "a" "b" } 0',
            'p "" 2 1 "same" { "x" "y" } 0',
            't "" 0',
            't "" 0',
            't "" 0',
        )
    )
    names = [h.name for h in tree.infosets]
    assert len(set(names)) == 2
    assert all(name.startswith("same") for name in names)


def test_header_variants() -> None:
    text = 'EFG 2 D "old" { "A" } p "" 1 1 "" { "x" "y" } 0 t "" 0 t "" 1 "" { 1 }'
    tree = read(text)  # no comment, data type D, everything on one line
    assert tree.title == "old"
    assert tree.payoffs[2] == (F(1),)
    with_bom = read("\ufeff" + efg('t "" 0'))
    assert with_bom.payoffs[0] == (F(0), F(0))
    escaped = read(efg('p "" 1 1 "" { "say \\"hi\\"" "back\\\\slash" } 0', 't "" 0', 't "" 0'))
    assert escaped.infosets[0].actions == ('say "hi"', "back\\slash")


def test_numbers_are_exact() -> None:
    tree = read(efg('t "" 1 "" { 1.5e-3, -2/7 }'))
    assert tree.payoffs[0] == (F(3, 2000), F(-2, 7))
    tree = read(efg('c "" 1 "" { "a" 0.1 "b" .9 } 0', 't "" 0', 't "" 0'))
    assert [tree.prob[c] for c in tree.children(0)] == [F(1, 10), F(9, 10)]


def test_zero_probability_outcomes_are_allowed() -> None:
    tree = read(efg('c "" 1 "" { "a" 1 "b" 0 } 0', 't "" 0', 't "" 0'))
    assert tree.prob[2] == 0


# --------------------------------------------------------------------------------------------
# Names


def test_bad_action_names_are_numbered_with_a_note() -> None:
    notes: list[Problem] = []
    tree = read(
        efg(
            'c "" 1 "" { "" 1/2 " " 1/2 } 0',
            'p "" 1 1 "menu" { "x" "x" "" } 0',
            't "" 0',
            't "" 0',
            't "" 0',
            'p "" 2 1 "" { "a" "b" } 0',
            't "" 0',
            't "" 0',
        ),
        notes,
    )
    assert [tree.move[c] for c in tree.children(0)] == ["1", "2"]
    assert tree.infosets[0].actions == ("1", "2", "3")
    assert tree.infosets[1].actions == ("a", "b")
    assert tree.infosets[1].name == "2"  # its path: the renamed chance outcome
    assert len(notes) == 2
    assert notes[0].location == at(3, 11)
    assert notes[0].message == (
        "the outcomes of chance event 1 are named '1', '2' instead (2 names empty)"
    )
    assert notes[1].location == at(4, 17)
    assert notes[1].message == (
        "the actions of information set 1 of 'A' ('menu') are named '1', '2', '3' instead "
        "(1 name empty; repeated: 'x')"
    )
    assert notes[1].hint == "give them distinct names in the file to keep your own"


def test_many_renamed_information_sets_are_summed_up() -> None:
    count = MAX_PROBLEMS + 5
    nodes = []
    for i in range(count):
        nodes += [f'p "" 1 {i + 1} "" {{ "" "" }} 0', 't "" 0']
    nodes.append('t "" 0')
    notes: list[Problem] = []
    read(efg(*nodes, players='"A"'), notes)
    assert len(notes) == MAX_PROBLEMS + 1
    assert notes[-1].message == "5 more information sets had their actions renamed likewise"


def test_bad_player_names_are_numbered_with_a_note() -> None:
    notes: list[Problem] = []
    tree = read(efg('t "" 0', players='"Ann" " Ann "'), notes)
    assert tree.players == ("Player 1", "Player 2")
    assert len(notes) == 1
    assert notes[0].location == at(1, 16)
    assert "repeated: 'Ann'" in notes[0].message
    assert read(efg('t "" 0', players='"" "B"')).players == ("Player 1", "Player 2")


# --------------------------------------------------------------------------------------------
# Perfect recall


def test_imperfect_recall_is_refused_where_the_player_forgets() -> None:
    # Player A chooses, then cannot tell which choice it made: the absent-minded classic.
    text = efg(
        'p "" 1 1 "first" { "L" "R" } 0',
        'p "" 1 2 "second" { "l" "r" } 0',
        't "" 1 "" { 1, 0 }',
        't "" 2 "" { 0, 1 }',
        'p "" 1 2 0',
        't "" 2',
        't "" 1',
    )
    found = problem(text)
    assert found.location == at(7, 1)
    assert found.message.startswith(
        "decision point 'second' violates perfect recall: A cannot tell this node from the one "
        "at line 4"
    )
    assert found.hint is not None and "ggcalc needs games with perfect recall" in found.hint
    assert str(found).startswith("game.efg:7:1: decision point 'second'")


def test_absent_mindedness_is_imperfect_recall() -> None:
    text = efg(
        'p "" 1 1 "exit?" { "exit" "go" } 0',
        't "" 1 "" { 0, 0 }',
        'p "" 1 1 0',
        't "" 2 "" { 4, 0 }',
        't "" 3 "" { 1, 0 }',
    )
    assert problem(text).location == at(5, 1)


# --------------------------------------------------------------------------------------------
# Broken files: every problem at FILE:LINE:COL


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("", 1, 1, "not a Gambit .efg file: expected 'EFG', got an empty file"),
        ('NFG 1 R "x" { "A" } { 1 } 0', 1, 1, "not a Gambit .efg file: expected 'EFG', got 'NFG'"),
        ('EFG 3 R "x" { "A" }', 1, 5, "unsupported EFG version 3"),
        ('EFG two R "x" { "A" }', 1, 5, "expected the EFG version 2, got 'two'"),
        ('EFG 2 Q "x" { "A" }', 1, 7, "expected the data type R or D, got 'Q'"),
        ('EFG 2 R { "A" }', 1, 9, "expected the game's title in double quotes, got '{'"),
        ('EFG 2 R "x" "A"', 1, 13, "expected '{' before the player names, got the text \"A\""),
        ('EFG 2 R "x" { A }', 1, 15, "expected a player name in double quotes or '}', got 'A'"),
        ('EFG 2 R "x" { }', 1, 15, "the game has no players"),
        ('EFG 2 R "x" { "A" }', 1, 20, "the file has no nodes"),
        ('EFG 2 R "x" { "A" } "comment"\n', 1, 30, "the file has no nodes"),
        (efg('x "" 0'), 3, 1, "unknown node type 'x'"),
        (efg('{ "" 0'), 3, 1, "unknown node type '{'"),
        (efg("t 0"), 3, 3, "expected the node's name in double quotes, got '0'"),
        (efg('p "" 3 1 "" { "a" } 0'), 3, 6, "player number 3 is out of range: the game has 2"),
        (efg('p "" 0 1 "" { "a" } 0'), 3, 6, "the player's number must be 1 or more, got 0"),
        (efg('p "" 1.5 1 "" { "a" } 0'), 3, 6, "the player's number must be a whole number"),
        (
            efg('p "" 1 0 "" { "a" } 0'),
            3,
            8,
            "the information set number of 'A' must be 1 or more, got 0",
        ),
        (
            efg('p "" 1 -2 "" { "a" } 0'),
            3,
            8,
            "the information set number of 'A' must be 1 or more, got -2",
        ),
        (efg('c "" 0 "" { "a" 1 } 0'), 3, 6, "the chance event's number must be 1 or more"),
        (efg('p "" 1 1 "" { } 0'), 3, 15, "information set 1 of 'A' has no actions"),
        (efg('c "" 1 "" { } 0'), 3, 13, "chance event 1 has no outcomes"),
        (efg('p "" 1 1 "" "a" "b" 0'), 3, 13, "expected '{' before the actions of information"),
        (efg('p "" 1 1 "" { a } 0'), 3, 15, "expected an action name in double quotes or '}'"),
        (efg('p "" 1 1 0'), 3, 10, "information set 1 of 'A' is used before its name and actions"),
        (efg('c "" 4 0'), 3, 8, "chance event 4 is used before its outcomes and probabilities"),
        (efg('c "" 1 "" { "a" "b" } 0'), 3, 17, "expected the probability of 'a', got the text"),
        (efg('c "" 1 "" { "a" 1/2 "b" 1/3 } 0'), 3, 1, "the probabilities of chance event 1 sum"),
        (efg('t "" 1 { 1 2 }'), 3, 8, "expected the name of outcome 1 before its payoffs"),
        (efg('t "" { 1 2 }'), 3, 6, "expected the outcome's number before its payoffs"),
        (efg('t "" 0 "none" { 1 2 }'), 3, 8, "outcome 0 means no outcome"),
        (efg('t "" 3'), 3, 6, "outcome 3 is used before its payoffs are given"),
        (efg('t "" -1'), 3, 6, "the outcome number (0 for none) must be 0 or more, got -1"),
        (efg('t "" one'), 3, 6, "the outcome number (0 for none) must be a whole number"),
        (efg('t "" 1234567890'), 3, 6, "the outcome number (0 for none) is too large"),
        (efg('t "" 1 "o" 1 2'), 3, 12, "expected '{' before the payoffs of outcome 1"),
        (efg('t "" 1 "o" { 1 }'), 3, 16, "outcome 1 has 1 payoff, expected 2 (one per player)"),
        (efg('t "" 1 "o" { 1 2 3 }'), 3, 18, "outcome 1 has more payoffs than the game has"),
        (efg('t "" 1 "o" { 1 "2" }'), 3, 16, "expected a payoff or '}' in outcome 1"),
        (efg('t "" 1 "o" { 1 x }'), 3, 16, "a payoff must be a number, got 'x'"),
        (efg('t "" 1 "o" { 1 2 }', 't "" 0'), 4, 1, "unexpected 't' after the last node"),
        (efg('t "" 1 "o" { 1 2 } }'), 3, 20, "unexpected '}' after the last node of the tree"),
        (
            efg('p "" 1 1 "" { "a" "b" } 0', 't "" 0'),
            4,
            7,
            "the file ends before the tree does: the node at line 3 has no subtree for its move "
            "'b'",
        ),
        (efg('p "" 1 1 "" { "a" "b" } 0'), 3, 26, "the file ends before the tree does"),
        (efg('p "" 1 1 "" { "a" "b" }'), 3, 24, "expected the outcome number (0 for none), got"),
        (efg('p "" 1 1 "" { "a"'), 3, 18, "expected an action name in double quotes or '}'"),
        (efg('t "x'), 3, 3, "unterminated string"),
    ],
)
def test_broken_files(text: str, line: int, column: int, message: str) -> None:
    found = problems(text)
    assert found[0].location == at(line, column), found
    assert found[0].message.startswith(message), found
    assert str(found[0]).startswith(f"game.efg:{line}:{column}: ")


def test_negative_probability() -> None:
    found = problems(efg('c "" 1 "" { "a" -1/2 "b" 3/2 } 0', 't "" 0', 't "" 0'))
    assert [(p.location, p.message) for p in found] == [
        (at(3, 17), "the probability of 'a' is negative (-1/2)"),
    ]


def test_probability_sum_is_reported_exactly() -> None:
    found = problem(efg('c "" 1 "" { "a" 0.3 "b" 0.3 "c" 0.3 } 0', *['t "" 0'] * 3))
    assert found.location == at(3, 1)
    assert found.message == "the probabilities of chance event 1 sum to 9/10, not 1"


def test_repeated_descriptions_must_agree() -> None:
    actions = problem(
        efg(
            'p "" 1 1 "" { "L" "R" } 0',
            'p "" 1 2 "" { "l" "r" } 0',
            't "" 0',
            't "" 0',
            'p "" 1 2 "" { "l" "m" } 0',
        )
    )
    assert actions.location == at(7, 13)
    assert actions.message == (
        "information set 2 of 'A' has actions 'l', 'm' here but 'l', 'r' at line 4"
    )
    label = problem(
        efg(
            'p "" 1 1 "" { "L" "R" } 0',
            'p "" 2 1 "Bob" { "l" "r" } 0',
            't "" 0',
            't "" 0',
            'p "" 2 1 "Rob" { "l" "r" } 0',
            't "" 0',
            't "" 0',
        )
    )
    assert label.location == at(7, 10)
    assert label.message == "information set 1 of 'B' is named 'Rob' here but 'Bob' at line 4"
    probs = problem(
        efg(
            'p "" 1 1 "" { "L" "R" } 0',
            'c "" 1 "" { "h" 1/2 "t" 1/2 } 0',
            't "" 0',
            't "" 0',
            'c "" 1 "" { "h" 1/3 "t" 2/3 } 0',
            't "" 0',
            't "" 0',
        )
    )
    assert probs.location == at(7, 11)
    assert probs.message == (
        "chance event 1 has probabilities 1/3, 2/3 here but 1/2, 1/2 at line 4"
    )
    payoffs = problem(efg('p "" 1 1 "" { "L" "R" } 0', 't "" 1 "o" { 1 2 }', 't "" 1 "o" { 1 3 }'))
    assert payoffs.location == at(5, 6)
    assert payoffs.message == "outcome 1 has payoffs { 1, 3 } here but { 1, 2 } at line 4"
    name = problem(efg('p "" 1 1 "" { "L" "R" } 0', 't "" 1 "o" { 1 2 }', 't "" 1 "p" { 1, 2.0 }'))
    assert name.location == at(5, 6)
    assert name.message == "outcome 1 is named 'p' here but 'o' at line 4"


def test_same_numbers_written_differently_agree() -> None:
    tree = read(
        efg(
            'p "" 1 1 "" { "L" "R" } 0',
            'c "" 1 "" { "h" 1/2 "t" 0.5 } 0',
            't "" 1 "o" { 1, 2 }',
            't "" 0',
            'c "" 1 "" { "h" 0.50 "t" 2/4 } 0',
            't "" 1 "o" { 1.0 2/1 }',
            't "" 0',
        )
    )
    assert tree.payoffs[node_named(tree, "R > h")] == (F(1), F(2))


def test_limits() -> None:
    long_name = "x" * (MAX_NAME_LENGTH + 1)
    found = problem(efg(f't "{long_name}" 0'))
    assert found.location == at(3, 3)
    assert found.message.startswith(f"a node's name is {MAX_NAME_LENGTH + 1:,} characters long")
    players = " ".join(f'"P{i}"' for i in range(MAX_PLAYERS + 1))
    found = problem(efg('t "" 0', players=players))
    assert found.message == f"more than {MAX_PLAYERS} players"
    assert found.location is not None and found.location.line == 1


def test_node_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(efg_reader, "MAX_NODES", 3)
    assert read(efg('p "" 1 1 "" { "a" "b" } 0', 't "" 0', 't "" 0')).n_nodes == 3
    found = problem(efg('p "" 1 1 "" { "a" "b" "c" } 0', 't "" 0', 't "" 0', 't "" 0'))
    assert found.location == at(6, 1)
    assert found.message == "the tree has more than 3 nodes"


def test_many_bad_numbers_stop_at_the_problem_limit() -> None:
    nodes = ['p "" 1 1 "" { ' + " ".join(f'"a{i}"' for i in range(30)) + " } 0"]
    nodes += [f't "" {i + 1} "" {{ x{i} 0 }}' for i in range(30)]
    found = problems(efg(*nodes))
    assert len(found) == MAX_PROBLEMS
    assert all(p.message.startswith("a payoff must be a number") for p in found)


def test_errors_are_input_errors_with_exit_code_2() -> None:
    with pytest.raises(InputError) as info:
        read(efg('x ""'))
    assert info.value.exit_code == 2


# --------------------------------------------------------------------------------------------
# Size and robustness


def test_a_path_10000_moves_deep_loads_without_recursion() -> None:
    depth = 10_000
    nodes = []
    for i in range(depth):
        nodes.append(f'p "" {i % 2 + 1} {i // 2 + 1} "" {{ "stop" "go" }} 1 "step" {{ 1, -1 }}')
        nodes.append(f't "" {i + 2} "" {{ {i}, 0 }}')
    nodes.append('t "" 0')
    tree = read(efg(*nodes))
    assert tree.n_nodes == 2 * depth + 1
    assert tree.depth() == depth
    # The last leaf sums the outcome "step" of every decision node above it.
    assert tree.payoffs[tree.n_nodes - 1] == (F(depth), F(-depth))
    # The first "stop": one step, then its own outcome.
    assert tree.payoffs[1] == (F(1), F(-1))


def _mutations(text: str, rng: random.Random) -> list[str]:
    alphabet = '{}",0123456789-./ cpt\n\\eEx'
    out = [text[: rng.randrange(len(text) + 1)]]  # truncated
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(chars))
        action = rng.randrange(3)
        if action == 0:
            del chars[i]
        elif action == 1:
            chars[i] = rng.choice(alphabet)
        else:
            chars.insert(i, rng.choice(alphabet))
    out.append("".join(chars))
    lines = text.splitlines()
    i, j = sorted(rng.randrange(len(lines)) for _ in range(2))
    out.append("\n".join(lines[:i] + lines[j:]))  # lines removed
    out.append("\n".join(lines[:j] + lines[i:]))  # lines repeated
    return out


def test_fuzz_never_a_traceback() -> None:
    rng = random.Random(20240611)
    texts = [(EFG / name).read_text(encoding="utf-8") for name in FILES]
    outcomes = {"loaded": 0, "refused": 0}
    for _ in range(20):
        for text in texts:
            for mutated in _mutations(text, rng):
                try:
                    read(mutated, notes=[])
                except InputError as exc:
                    for found in exc.problems:
                        where = found.location
                        assert where is not None and where.file == "game.efg"
                        assert where.line is not None and where.column is not None
                    assert str(exc).startswith("game.efg:")
                    outcomes["refused"] += 1
                else:
                    outcomes["loaded"] += 1
    assert outcomes["loaded"] > 50 and outcomes["refused"] > 500, outcomes


def test_tree_builder_problems_are_located(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file cannot make the builder object (an information set is keyed by its player), but
    should it ever, the problem is reported at the node's line."""

    class Objecting(TreeBuilder):
        def add(self, parent: int, move: str = "", **kwargs: Any) -> int:
            node = super().add(parent, move, **kwargs)
            if node == 2:
                self.problems.append(TreeProblem(node, "information set 'x' mixes players"))
            return node

    monkeypatch.setattr(efg_reader, "TreeBuilder", Objecting)
    found = problem(efg('p "" 1 1 "" { "a" "b" } 0', 't "" 0', '  t "" 0'))
    assert found.location == at(5, 3)
    assert found.message == "information set 'x' mixes players"
