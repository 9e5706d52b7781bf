"""Sequential scenarios (CONTRACT 1.2): reading ``players`` and ``tree`` into a ``GameTree``.

Valid trees are checked to load with exact numbers, the right decision point ids and children
in action order. Every broken tree is checked the way ``tests/test_loader_errors.py`` checks
normal-form scenarios: the exact 1-based line and column of each problem and the key words of
its message and hint, because a user must be able to fix the file from the message alone.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from examples import ENTRY

import ggcalc
from ggcalc import InputError, Problem
from ggcalc.io.yaml.node_reader import NodeReader
from ggcalc.io.yaml.nodes import read_yaml
from ggcalc.io.yaml.tree import read_tree
from ggcalc.model.tree import CHANCE, DECISION, TERMINAL, GameTree

# CONTRACT 1.2's example. Line numbers matter below: line 6 is "    Out: {payoffs: [0, 2]}"
# (the node's '{' at column 10, 'payoffs' at 11, its '[' at 20); line 8 is the Incumbent's
# "      player: Incumbent" (the name at column 15); line 10 is
# "        Fight: {payoffs: [-1, -1]}" (the '[' at column 26).

# A chance node at the root; line 5 is "  chance: true", line 7 is
# "    Rain: {prob: p, payoffs: [3, 1]}" (p at column 18) and line 8 is
# "    Drought: {prob: 0.4, payoffs: [-1, 2]}" (its node's '{' at 14, 0.4 at 21).
HARVEST = """\
title: Harvest
parameters: {p: 3/5}
players: [Farmer, Buyer]
tree:
  chance: true
  moves:
    Rain: {prob: p, payoffs: [3, 1]}
    Drought: {prob: 0.4, payoffs: [-1, 2]}
"""

# The Buyer cannot tell a good car from a bad one: one information set of two nodes. The
# second node's "      infoset: Guess" is line 16 (the name at column 16).
LEMONS = """\
title: Lemons
players: [Seller, Buyer]
tree:
  chance: true
  moves:
    Good:
      prob: 1/2
      player: Buyer
      infoset: Guess
      moves:
        Buy: {payoffs: [1, 2]}
        Pass: {payoffs: [0, 0]}
    Bad:
      prob: 1/2
      player: Buyer
      infoset: Guess
      moves:
        Buy: {payoffs: [2, -1]}
        Pass: {payoffs: [0, 0]}
"""

# Ann decides twice, and at her second decision has forgotten her first (lines 7 and 13 start
# the two nodes of 'Later'; line 14's "      infoset: Later" has the name at column 16).
FORGETFUL = """\
title: Forgetful driver
players: [Ann]
tree:
  player: Ann
  moves:
    Left:
      player: Ann
      infoset: Later
      moves:
        Stop: {payoffs: [1]}
        Go: {payoffs: [0]}
    Right:
      player: Ann
      infoset: Later
      moves:
        Stop: {payoffs: [0]}
        Go: {payoffs: [2]}
"""


def replaced(base: str, old: str, new: str) -> str:
    """``base`` with ``old`` (which must occur exactly once) replaced by ``new``."""
    assert base.count(old) == 1, old
    return base.replace(old, new)


def problems_of(text: str, **overrides) -> list[Problem]:
    with pytest.raises(InputError) as info:
        ggcalc.load(text, **overrides)
    return info.value.problems


def only_problem(text: str, **overrides) -> Problem:
    problems = problems_of(text, **overrides)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def where(problem: Problem) -> tuple[int | None, int | None]:
    assert problem.location is not None, str(problem)
    return problem.location.line, problem.location.column


def tree_of(text: str, **overrides) -> GameTree:
    scenario = ggcalc.load(text, **overrides)
    assert scenario.form == "sequential"
    assert isinstance(scenario.game, GameTree)
    return scenario.game


# --------------------------------------------------------------------------------------------
# Valid trees
# --------------------------------------------------------------------------------------------


def test_the_contract_example_loads():
    scenario = ggcalc.load(ENTRY)
    assert scenario.form == "sequential"
    tree = scenario.game
    assert isinstance(tree, GameTree)
    assert tree.players == ("Entrant", "Incumbent")
    assert tree.title == "Entry deterrence"
    assert [h.name for h in tree.infosets] == ["start", "In"]
    assert [h.actions for h in tree.infosets] == [("Out", "In"), ("Fight", "Accommodate")]
    assert [tree.players[h.player] for h in tree.infosets] == ["Entrant", "Incumbent"]
    # Preorder, in document order.
    assert list(tree.move) == ["", "Out", "In", "Fight", "Accommodate"]
    assert list(tree.kind) == [DECISION, TERMINAL, DECISION, TERMINAL, TERMINAL]
    assert tree.payoffs[1] == (0, 2)
    assert tree.payoffs[3] == (-1, -1)
    assert tree.payoffs[4] == (1, 1)
    assert all(type(x) is Fraction for v in tree.terminals() for x in tree.payoffs[v] or ())


def test_read_tree_returns_the_tree_or_none_with_the_problems_on_the_reader():
    root = read_yaml(ENTRY)
    players, tree_node = root.value[1][1], root.value[2][1]
    reader = NodeReader("entry.yaml")
    tree = read_tree(reader, players, tree_node, "Entry")
    assert isinstance(tree, GameTree)
    assert tree.title == "Entry"
    assert reader.problems == []

    root = read_yaml(replaced(ENTRY, "[-1, -1]", "[-1]"))
    reader = NodeReader("entry.yaml")
    assert read_tree(reader, root.value[1][1], root.value[2][1], "Entry") is None
    assert [str(p.location) for p in reader.problems] == ["entry.yaml:10:26"]


@pytest.mark.parametrize(
    ("rain", "drought", "expected"),
    [
        ("'1/3'", '"2/3"', (Fraction(1, 3), Fraction(2, 3))),
        ("0.25", "0.75", (Fraction(1, 4), Fraction(3, 4))),
        ("0.1", "0.9", (Fraction(1, 10), Fraction(9, 10))),
        ("p", "1 - p", (Fraction(3, 5), Fraction(2, 5))),
        ("'p / 3'", "'1 - p/3'", (Fraction(1, 5), Fraction(4, 5))),
        ("0", "1", (Fraction(0), Fraction(1))),
    ],
    ids=["fractions", "decimals", "tenths", "formula", "quoted-formula", "zero"],
)
def test_chance_probabilities_are_exact(rain, drought, expected):
    text = replaced(HARVEST, "prob: p,", f"prob: {rain},")
    text = replaced(text, "prob: 0.4,", f"prob: {drought},")
    tree = tree_of(text)
    assert tree.kind[0] == CHANCE
    assert (tree.prob[1], tree.prob[2]) == expected
    assert all(type(tree.prob[v]) is Fraction for v in (1, 2))
    assert len(tree.infosets) == 0


def test_probability_formulas_follow_parameter_overrides():
    text = replaced(HARVEST, "prob: 0.4,", "prob: 1 - p,")
    tree = tree_of(text, p="1/4")
    assert (tree.prob[1], tree.prob[2]) == (Fraction(1, 4), Fraction(3, 4))


@pytest.mark.parametrize(
    ("written", "label"), [("true", None), ("yes", None), ("Weather", "Weather")]
)
def test_chance_true_or_a_label(written, label):
    tree = tree_of(replaced(HARVEST, "chance: true", f"chance: {written}"))
    assert tree.kind[0] == CHANCE
    assert tree.label[0] == label


def test_an_infoset_joins_two_nodes():
    tree = tree_of(LEMONS)
    assert len(tree.infosets) == 1
    [guess] = tree.infosets
    assert guess.name == "Guess"
    assert tree.players[guess.player] == "Buyer"
    assert guess.actions == ("Buy", "Pass")
    assert guess.nodes == (1, 4)
    assert not tree.perfect_information
    assert tree.prob[1] == tree.prob[4] == Fraction(1, 2)


def test_infoset_nodes_may_list_their_actions_in_another_order():
    text = replaced(
        LEMONS,
        "        Buy: {payoffs: [2, -1]}\n        Pass: {payoffs: [0, 0]}\n",
        "        Pass: {payoffs: [0, 0]}\n        Buy: {payoffs: [2, -1]}\n",
    )
    tree = tree_of(text)
    # Children follow the information set's action order (its first node's).
    assert [tree.move[c] for c in tree.children(4)] == ["Buy", "Pass"]
    assert tree.payoffs[tree.children(4)[0]] == (2, -1)


def test_payoffs_as_a_player_mapping():
    text = replaced(ENTRY, "{payoffs: [0, 2]}", "{payoffs: {Incumbent: '5/2', Entrant: 0.1}}")
    tree = tree_of(text)
    assert tree.payoffs[1] == (Fraction(1, 10), Fraction(5, 2))


def test_decision_point_ids_come_from_infoset_label_or_path():
    text = replaced(ENTRY, "  player: Entrant\n", "  player: Entrant\n  label: Entry\n")
    text = replaced(
        text,
        "        Fight: {payoffs: [-1, -1]}\n",
        "        Fight:\n          player: Entrant\n          moves:\n"
        "            Quit: {payoffs: [0, 0]}\n            Stay: {payoffs: [-2, -2]}\n",
    )
    tree = tree_of(text)
    assert [h.name for h in tree.infosets] == ["Entry", "In", "In > Fight"]


def test_a_player_who_never_moves_is_allowed():
    text = replaced(ENTRY, "[Entrant, Incumbent]", "[Entrant, Incumbent, Regulator]")
    text = text.replace("[0, 2]", "[0, 2, 0]").replace("[-1, -1]", "[-1, -1, 1]")
    text = text.replace("[1, 1]", "[1, 1, 0]")
    tree = tree_of(text)
    assert tree.players == ("Entrant", "Incumbent", "Regulator")
    assert tree.payoffs[3] == (-1, -1, 1)


def test_a_subtree_repeated_with_an_alias_loads():
    text = replaced(ENTRY, "    In:\n", "    In: &reply\n")
    text += "    Again: *reply\n"
    tree = tree_of(text)
    assert [h.name for h in tree.infosets] == ["start", "In", "Again"]
    assert tree.n_nodes == 8


def chain(moves: int) -> str:
    """A tree in which the players alternate ``moves`` times, each able to stop."""
    node = "{payoffs: [1, 1]}"
    for depth in reversed(range(moves)):
        player = "A" if depth % 2 == 0 else "B"
        node = f"{{player: {player}, moves: {{Go: {node}, Stop: {{payoffs: [0, 0]}}}}}}"
    return f"title: Centipede\nplayers: [A, B]\ntree: {node}\n"


def test_a_60_move_deep_tree_loads():
    tree = tree_of(chain(60))
    assert tree.depth() == 60
    assert tree.n_nodes == 121
    assert tree.infosets[59].name == " > ".join(["Go"] * 59)


def test_a_tree_deeper_than_the_yaml_nesting_cap_is_a_located_error():
    # Each move nests two YAML levels (its node and 'moves'); io.yaml.nodes caps nesting at 200.
    problem = only_problem(chain(100))
    assert where(problem)[0] == 3
    assert "nested more than 200 levels" in problem.message


# --------------------------------------------------------------------------------------------
# One problem each: the exact place, and what the message and hint must say
# --------------------------------------------------------------------------------------------

OUT = "Out: {payoffs: [0, 2]}"
INCUMBENT_MOVES = (
    "      moves:\n        Fight: {payoffs: [-1, -1]}\n        Accommodate: {payoffs: [1, 1]}\n"
)

CASES = {
    # Nodes that are not mappings.
    "node-is-a-list": (
        ENTRY,
        OUT,
        "Out: [0, 2]",
        (6, 10),
        "the node at 'Out' must be a mapping, got a list",
        "payoffs:",
    ),
    "node-is-empty": (ENTRY, OUT, "Out:", (6, 5), "the node at 'Out' is empty", "'payoffs'"),
    "node-is-a-number": (ENTRY, OUT, "Out: 0", (6, 10), "got a single value", "'player: NAME'"),
    # Kinds.
    "payoffs-and-moves": (
        ENTRY,
        "      player: Incumbent\n",
        "      payoffs: [1, 1]\n",
        (9, 7),
        "the node at 'In' has both 'payoffs' (a terminal node) and 'moves'",
        "remove 'moves'",
    ),
    "player-and-chance": (
        ENTRY,
        "  player: Entrant\n",
        "  player: Entrant\n  chance: true\n",
        (5, 3),
        "the root node has both 'player' (a decision node) and 'chance' (a chance node)",
        "exactly one kind",
    ),
    "player-and-payoffs": (
        ENTRY,
        "      player: Incumbent\n",
        "      player: Incumbent\n      payoffs: [1, 1]\n",
        (9, 7),
        "has both 'player' (a decision node) and 'payoffs' (a terminal node)",
        "exactly one kind",
    ),
    "moves-without-player": (
        ENTRY,
        "      player: Incumbent\n",
        "",
        (8, 7),
        "the node at 'In' has 'moves' but no 'player' or 'chance'",
        "'player: NAME'",
    ),
    "no-kind": (
        ENTRY,
        OUT,
        "Out: {label: quit}",
        (6, 10),
        "the node at 'Out' is not a decision, chance or terminal node (it has 'label')",
        "'payoffs'",
    ),
    "unknown-key-close": (
        ENTRY,
        OUT,
        "Out: {payofs: [0, 2]}",
        (6, 11),
        "unknown key 'payofs' in the node at 'Out'",
        "did you mean 'payoffs'?",
    ),
    "unknown-key": (
        ENTRY,
        "  player: Entrant\n",
        "  player: Entrant\n  colour: red\n",
        (5, 3),
        "unknown key 'colour' in the root node",
        "player, moves, label, infoset, chance, payoffs, prob",
    ),
    # Decision nodes.
    "unknown-player": (
        ENTRY,
        "player: Incumbent",
        "player: Incumbant",
        (8, 15),
        "'Incumbant' is not a player (expected one of: Entrant, Incumbent)",
        "did you mean 'Incumbent'?",
    ),
    "moves-empty": (
        ENTRY,
        INCUMBENT_MOVES,
        "      moves: {}\n",
        (9, 14),
        "'moves' of the node at 'In' is empty",
        "'name: node'",
    ),
    "moves-a-list": (
        ENTRY,
        INCUMBENT_MOVES,
        "      moves: [Fight, Accommodate]\n",
        (9, 14),
        "'moves' of the node at 'In' must be a mapping, got a list",
        "'name: node'",
    ),
    "player-without-moves": (
        ENTRY,
        INCUMBENT_MOVES,
        "",
        (8, 7),
        "the node at 'In' has 'player' but no 'moves'",
        "add 'moves:'",
    ),
    "action-twice-up-to-spaces": (
        ENTRY,
        "        Accommodate:",
        "        'Fight ':",
        (11, 9),
        "two moves called 'Fight' at 'In' (first at line 10)",
        "different name",
    ),
    "action-not-a-name": (
        ENTRY,
        "        Accommodate:",
        "        [Accommodate]:",
        (11, 9),
        "an action of Incumbent must be a name, got a list",
        "plain text",
    ),
    # Chance nodes and probabilities.
    "chance-false": (
        HARVEST,
        "chance: true",
        "chance: false",
        (5, 11),
        "'chance: false' does not make a chance node",
        "'chance: true'",
    ),
    "chance-a-number": (
        HARVEST,
        "chance: true",
        "chance: 1",
        (5, 11),
        "'chance' must be true or a label, got '1'",
        "'chance: true'",
    ),
    "chance-a-list": (
        HARVEST,
        "chance: true",
        "chance: [Rain, Drought]",
        (5, 11),
        "'chance' must be true or a label, got a list",
        "'chance: true'",
    ),
    "chance-without-moves": (
        "title: T\nplayers: [A]\ntree:\n  chance: true\n",
        "  chance: true\n",
        "  chance: true\n  label: Sky\n",
        (4, 3),
        "the root node has 'chance' but no 'moves'",
        "'prob: NUMBER'",
    ),
    "chance-with-two-labels": (
        HARVEST,
        "  chance: true\n",
        "  chance: Weather\n  label: Sky\n",
        (6, 3),
        "the root node has two labels: 'chance: Weather' and 'label: Sky'",
        "keep one",
    ),
    "prob-missing": (
        HARVEST,
        "{prob: 0.4, payoffs: [-1, 2]}",
        "{payoffs: [-1, 2]}",
        (8, 14),
        "outcome 'Drought' of the chance node at 'start' has no 'prob'",
        "'prob: NUMBER'",
    ),
    "prob-under-a-decision": (
        ENTRY,
        OUT,
        "Out: {prob: 1, payoffs: [0, 2]}",
        (6, 11),
        "the node at 'Out' has 'prob', but the node above it is a decision node",
        "only the outcomes of a chance node",
    ),
    "prob-at-the-root": (
        ENTRY,
        "  player: Entrant\n",
        "  prob: 1\n  player: Entrant\n",
        (4, 3),
        "the root node has 'prob'",
        "remove 'prob'",
    ),
    "prob-negative": (
        HARVEST,
        "prob: 0.4",
        "prob: -0.4",
        (8, 21),
        "the probability of 'Drought' is -2/5, below 0",
        "between 0 and 1",
    ),
    "prob-above-one-formula": (
        HARVEST,
        "prob: p,",
        "prob: p + 1/2,",
        (7, 18),
        "the probability of 'Rain' is 11/10 (with p = 3/5), above 1",
        "between 0 and 1",
    ),
    "prob-not-a-number": (
        HARVEST,
        "prob: 0.4",
        "prob: yes",
        (8, 21),
        "the probability of 'Drought' must be a number, got 'yes' (a yes/no value)",
        "fraction",
    ),
    "probs-sum-below-one": (
        HARVEST,
        "prob: 0.4",
        "prob: 0.3",
        (5, 3),
        "the probabilities of the chance node at 'start' sum to 9/10 (with p = 3/5), not 1",
        "1/10 is missing",
    ),
    "probs-sum-above-one": (
        HARVEST,
        "prob: p,",
        "prob: 0.7,",
        (5, 3),
        "the probabilities of the chance node at 'start' sum to 11/10, not 1",
        "1/10 too much",
    ),
    "infoset-on-a-chance-node": (
        HARVEST,
        "  chance: true\n",
        "  chance: true\n  infoset: Sky\n",
        (6, 3),
        "the root node is a chance node, which has no information set",
        "only decision nodes",
    ),
    "infoset-on-a-terminal": (
        ENTRY,
        OUT,
        "Out: {infoset: H, payoffs: [0, 2]}",
        (6, 11),
        "the node at 'Out' is a terminal node, which has no information set",
        "remove it",
    ),
    # Information sets.
    "infoset-mixes-players": (
        LEMONS,
        "      player: Buyer\n      infoset: Guess\n      moves:\n        Buy: {payoffs: [2, -1]}",
        "      player: Seller\n      infoset: Guess\n      moves:\n        Buy: {payoffs: [2, -1]}",
        (16, 16),
        "information set 'Guess' mixes players: this node belongs to Seller, an earlier one to "
        "Buyer (its first node is at line 9)",
        "must all be that player's",
    ),
    "infoset-different-actions": (
        LEMONS,
        "        Buy: {payoffs: [2, -1]}\n        Pass:",
        "        Buy: {payoffs: [2, -1]}\n        Wait:",
        (16, 16),
        "information set 'Guess' offers different actions at different nodes: here Buy, Wait, "
        "at an earlier node Buy, Pass",
        "same actions",
    ),
    "perfect-recall": (
        FORGETFUL,
        "title: Forgetful driver",
        "title: Forgetful driver",
        (14, 16),
        "information set 'Later' breaks perfect recall: Ann cannot tell 'Left' (line 7) from "
        "'Right' (line 13), though different moves of their own lead there (to 'Left': Left "
        "at 'start'; to 'Right': Right at 'start')",
        "different 'infoset' names",
    ),
    "absent-minded": (
        "title: T\nplayers: [Ann]\ntree:\n  player: Ann\n  infoset: Exit\n  moves:\n"
        "    Go: {player: Ann, infoset: Exit, moves: {Go: {payoffs: [1]}, Stop: {payoffs: [4]}}}\n"
        "    Stop: {payoffs: [0]}\n",
        "title: T",
        "title: T",
        (7, 32),
        "Ann cannot tell 'start' (line 4) from 'Go' (line 7), though different moves of their "
        "own lead there (to 'start': no move yet; to 'Go': Go at 'Exit')",
        "different 'infoset' names",
    ),
    # Payoffs.
    "payoff-count": (
        ENTRY,
        "[-1, -1]",
        "[-1, -1, 0]",
        (10, 26),
        "3 payoffs at 'In > Fight', expected 2 (one per player: Entrant, Incumbent)",
        "player order",
    ),
    "payoff-missing-player": (
        ENTRY,
        OUT,
        "Out: {payoffs: {Entrant: 0}}",
        (6, 20),
        "no payoff for Incumbent at 'Out'",
        "every player",
    ),
    "payoffs-a-number": (
        ENTRY,
        OUT,
        "Out: {payoffs: 0}",
        (6, 20),
        "the payoffs at 'Out' must be a list [Entrant, Incumbent] or a mapping player: payoff",
        "[0, 0]",
    ),
    "payoff-not-a-number": (
        ENTRY,
        OUT,
        "Out: {payoffs: [0, lots]}",
        (6, 24),
        "Incumbent's payoff at 'Out' must be a number, got 'lots'",
        "fraction",
    ),
    # Labels and infoset names.
    "label-twice": (
        replaced(ENTRY, "  player: Entrant\n", "  player: Entrant\n  label: Entry\n"),
        "      player: Incumbent\n",
        "      player: Incumbent\n      label: Entry\n",
        (10, 14),
        "label 'Entry' is used twice (first at line 5)",
        "unique",
    ),
    "label-is-an-infoset-name": (
        LEMONS,
        "        Buy: {payoffs: [1, 2]}\n",
        "        Buy:\n          player: Seller\n          label: Guess\n"
        "          moves: {Ship: {payoffs: [1, 2]}}\n",
        (13, 18),
        "label 'Guess' is also the name of an information set (line 9)",
        "unique",
    ),
    "label-is-a-path-id": (
        ENTRY,
        "  player: Entrant\n",
        "  player: Entrant\n  label: In\n",
        (5, 10),
        "label 'In' is also the id of the decision point at the node reached by the move 'In' "
        "(line 9), which has no label",
        "label that node",
    ),
    "infoset-is-start": (
        ENTRY,
        "      player: Incumbent\n",
        "      player: Incumbent\n      infoset: start\n",
        (9, 16),
        "infoset 'start' is also the id of the decision point at the root (line 4)",
        "unique",
    ),
    "label-with-path-separator": (
        ENTRY,
        "      player: Incumbent\n",
        "      player: Incumbent\n      label: Entry > In\n",
        (9, 14),
        "label 'Entry > In' contains ' > ', which would read as a path of moves",
        "without ' > '",
    ),
    "infoset-with-path-separator": (
        ENTRY,
        "      player: Incumbent\n",
        "      player: Incumbent\n      infoset: In > Reply\n",
        (9, 16),
        "infoset 'In > Reply' contains ' > '",
        "without ' > '",
    ),
    # Players.
    "players-a-mapping": (
        ENTRY,
        "[Entrant, Incumbent]",
        "{Entrant: [Out, In], Incumbent: [Fight, Accommodate]}",
        (2, 10),
        "'players' of a sequential game must be a list of names, got a mapping",
        "players: [Entrant, Incumbent]",
    ),
    "players-a-name": (
        ENTRY,
        "[Entrant, Incumbent]",
        "Entrant",
        (2, 10),
        "'players' must be a list, got a single value",
        "players: [",
    ),
    "players-empty": (ENTRY, "[Entrant, Incumbent]", "[]", (2, 10), "'players' is empty", "["),
    "players-twice": (
        ENTRY,
        "[Entrant, Incumbent]",
        "[Entrant, Entrant]",
        (2, 20),
        "two players called 'Entrant'",
        "different name",
    ),
    "player-not-a-name": (
        ENTRY,
        "[Entrant, Incumbent]",
        "[Entrant, [Incumbent]]",
        (2, 20),
        "a player must be a name, got a list",
        "plain text",
    ),
    "player-empty-name": (
        ENTRY,
        "[Entrant, Incumbent]",
        "[Entrant, '']",
        (2, 20),
        "a player is empty",
        "name",
    ),
}


@pytest.mark.parametrize(
    ("base", "old", "new", "place", "message", "hint"), CASES.values(), ids=CASES.keys()
)
def test_each_problem_is_located_and_explained(base, old, new, place, message, hint):
    problem = only_problem(replaced(base, old, new))
    assert where(problem) == place, str(problem)
    assert message in problem.message, str(problem)
    assert hint in (problem.hint or ""), str(problem)


def test_the_bases_of_the_cases_load():
    # Guards the cases above: each is one of these valid trees with one thing broken.
    for base in (ENTRY, HARVEST.replace("0.4", "1 - p"), LEMONS):
        tree_of(base)


def test_a_payoff_mapping_with_an_unknown_player():
    problems = problems_of(replaced(ENTRY, OUT, "Out: {payoffs: {Entrant: 0, Incumbant: 2}}"))
    assert [where(p) for p in problems] == [(6, 20), (6, 33)]
    assert "no payoff for Incumbent at 'Out'" in problems[0].message
    assert "'Incumbant' is not a player" in problems[1].message
    assert problems[1].hint == "did you mean 'Incumbent'?"


def test_an_action_written_twice_is_reported_once():
    # io.yaml.nodes refuses the duplicate key; the tree reader must not report it again.
    text = replaced(ENTRY, "        Accommodate:", "        Fight:")
    problem = only_problem(text)
    assert where(problem) == (11, 9)
    assert "duplicate key 'Fight' (first given at line 10)" in problem.message


def test_the_probability_sum_names_overridden_parameter_values():
    text = replaced(HARVEST, "prob: 0.4", "prob: '1/2 - p/4'")
    problem = only_problem(text, p="1/2")
    assert where(problem) == (5, 3)
    assert "sum to 7/8 (with p = 1/2), not 1" in problem.message
    assert "1/8 is missing" in (problem.hint or "")


def test_a_label_in_a_subtree_repeated_with_an_alias():
    text = (
        "title: T\nplayers: [A, B]\ntree:\n  player: A\n  moves:\n"
        "    In: &reply\n"
        "      player: B\n"
        "      label: Reply\n"
        "      moves: {Fight: {payoffs: [0, 0]}}\n"
        "    Again: *reply\n"
    )
    problem = only_problem(text)
    assert where(problem) == (8, 14)
    assert "label 'Reply' is used twice" in problem.message
    assert "alias" in (problem.hint or "")


def test_every_problem_in_a_tree_is_reported_at_once():
    text = replaced(ENTRY, "player: Entrant", "player: Entrnt")
    text = replaced(text, OUT, "Out: {payofs: [0, 2]}")
    text = replaced(text, "[-1, -1]", "[-1]")
    text = replaced(text, "[1, 1]", "[1, x]")
    text = replaced(text, "title: Entry deterrence\n", "title: Entry deterrence\nextra: 1\n")
    problems = problems_of(text)
    assert [where(p) for p in problems] == [(2, 1), (5, 11), (7, 11), (11, 26), (12, 36)]
    assert "unknown key 'extra'" in problems[0].message
    assert "'Entrnt' is not a player" in problems[1].message
    assert "unknown key 'payofs'" in problems[2].message
    assert "1 payoff at 'In > Fight', expected 2" in problems[3].message
    assert "Incumbent's payoff at 'In > Accommodate' must be a number" in problems[4].message


def test_tree_problems_are_reported_even_when_players_cannot_be_read():
    text = replaced(ENTRY, "[Entrant, Incumbent]", "[Entrant, Entrant]")
    text = replaced(text, "[1, 1]", "[1, x]")
    text = replaced(text, OUT, "Out: [0, 2]")
    problems = problems_of(text)
    assert [where(p) for p in problems] == [(2, 20), (6, 10), (11, 36)]
    assert "two players called 'Entrant'" in problems[0].message
    assert "must be a mapping" in problems[1].message
    assert "must be a number, got 'x'" in problems[2].message


def test_several_probability_problems_in_one_chance_node():
    text = replaced(HARVEST, "prob: p,", "prob: -1,")
    text = replaced(text, "{prob: 0.4, payoffs: [-1, 2]}", "{payoffs: [-1, 2]}")
    problems = problems_of(text)
    assert [where(p) for p in problems] == [(7, 18), (8, 14)]
    assert "below 0" in problems[0].message
    assert "has no 'prob'" in problems[1].message


@pytest.mark.parametrize(
    "tree",
    [
        "tree: [1, 2]\n",
        "tree:\n",
        "tree: {player: A}\n",
        "tree: {player: A, moves: {x: {}}}\n",
        "tree: {player: A, moves: {x: {player: B, moves: {y: 1}}}}\n",
        "tree: {chance: true, moves: {x: {prob: 1}}}\n",
        "tree: {player: A, infoset: H, moves: {x: {player: A, infoset: H, moves: {}}}}\n",
    ],
)
def test_structural_problems_never_reach_the_builder_unreported(tree):
    # TreeBuilder.build() raises a bare ValueError on a malformed structure: each of these must
    # end in located problems instead (and never in the reader's safety net).
    problems = problems_of("title: T\nplayers: [A, B]\n" + tree)
    assert problems
    assert all(p.location is not None and p.location.line for p in problems)
    assert not any("not well formed" in p.message for p in problems)
