"""Game trees: textbook answers (sources cited), the threats behind Nash equilibria, deep trees,
and properties of backward induction checked against brute force."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ggcalc
from ggcalc.algorithms.subgame_perfect import backward_induction
from ggcalc.tree import CHANCE, DECISION, TERMINAL, GameTree, TreeBuilder
from ggcalc.tree_certify import certify_tree
from ggcalc.tree_solve import solve_tree

ENTRY = """
title: Entry deterrence
players: [Entrant, Incumbent]
tree:
  player: Entrant
  moves:
    Out: {payoffs: [0, 2]}
    In:
      player: Incumbent
      moves:
        Fight: {payoffs: [-1, -1]}
        Accommodate: {payoffs: [1, 1]}
"""


def strategies(solution: ggcalc.Solution) -> list[dict[str, dict[str, dict[str, str]]]]:
    return [eq["strategies"] for eq in solution.to_dict()["equilibria"]]


def test_entry_deterrence_subgame_perfect() -> None:
    # Selten (1978), the chain-store paradox; the one-shot game as in Gibbons (1992),
    # "A Primer in Game Theory", section 2.1: the only SPE is (In, Accommodate).
    solution = ggcalc.load(ENTRY).solve()
    document = solution.to_dict()
    assert document["scenario"]["form"] == "sequential"
    assert document["concept"] == "subgame-perfect"
    assert document["complete"] is True
    [eq] = document["equilibria"]
    assert eq["strategies"] == {
        "Entrant": {"start": {"Out": "0", "In": "1"}},
        "Incumbent": {"In": {"Fight": "0", "Accommodate": "1"}},
    }
    assert eq["path"] == ["In", "Accommodate"]
    assert eq["payoffs"] == {"Entrant": "1", "Incumbent": "1"}


def test_entry_deterrence_nash_equilibria_and_the_threat() -> None:
    # The Nash equilibria: (In, Accommodate), and Out backed by the threat to fight with
    # probability at least 1/2 (extreme points: Fight, and 1/2 Fight + 1/2 Accommodate).
    solution = ggcalc.load(ENTRY).solve(concept="nash")
    document = solution.to_dict()
    assert document["complete"] is True
    found = {
        (
            eq["strategies"]["Entrant"]["start"]["In"],
            eq["strategies"]["Incumbent"]["In"]["Fight"],
            eq["subgame_perfect"],
        )
        for eq in document["equilibria"]
    }
    assert found == {("1", "0", True), ("0", "1", False), ("0", "1/2", False)}
    threats = [eq["threats"] for eq in document["equilibria"] if not eq["subgame_perfect"]]
    assert threats[0] == [
        "at In, Incumbent would not carry out Fight: Accommodate pays Incumbent 1 instead of -1"
    ]


CENTIPEDE = """
title: Four-move centipede
players: [Red, Blue]
tree:
  player: Red
  moves:
    Take: {payoffs: ["0.40", "0.10"]}
    Pass:
      player: Blue
      moves:
        Take: {payoffs: ["0.20", "0.80"]}
        Pass:
          player: Red
          moves:
            Take: {payoffs: ["1.60", "0.40"]}
            Pass:
              player: Blue
              moves:
                Take: {payoffs: ["0.80", "3.20"]}
                Pass: {payoffs: ["6.40", "1.60"]}
"""


def test_centipede_take_at_once() -> None:
    # Rosenthal (1981); payoffs of McKelvey and Palfrey (1992), Econometrica 60(4), Fig. 1:
    # backward induction takes at every node, so play ends at once with (0.40, 0.10).
    solution = ggcalc.load(CENTIPEDE).solve()
    [eq] = solution.to_dict()["equilibria"]
    assert eq["path"] == ["Take"]
    assert eq["payoffs"] == {"Red": "2/5", "Blue": "1/10"}
    assert all(
        mix["Take"] == "1" for player in eq["strategies"].values() for mix in player.values()
    )
    assert set(eq["strategies"]["Red"]) == {"start", "Pass > Pass"}


def stackelberg_yaml(quantities: list[int], intercept: int = 12) -> str:
    lines = ["title: Stackelberg", "players: [Leader, Follower]", "tree:", "  player: Leader"]
    lines.append("  moves:")
    for q1 in quantities:
        lines += [f"    q{q1}:", "      player: Follower", "      moves:"]
        for q2 in quantities:
            price = intercept - q1 - q2
            lines.append(f"        q{q2}: {{payoffs: [{q1 * price}, {q2 * price}]}}")
    return "\n".join(lines) + "\n"


def test_stackelberg_commitment() -> None:
    # Gibbons (1992), section 2.1.B: with inverse demand 12 - Q and no costs, the leader
    # produces 6 and the follower 3 (profits 18 and 9), beating the Cournot 4 and 4 (16 each).
    solution = ggcalc.load(stackelberg_yaml([3, 4, 6])).solve()
    [eq] = solution.to_dict()["equilibria"]
    assert eq["path"] == ["q6", "q3"]
    assert eq["payoffs"] == {"Leader": "18", "Follower": "9"}
    follower = eq["strategies"]["Follower"]
    assert {point: max(mix, key=lambda a: Fraction(mix[a])) for point, mix in follower.items()} == {
        "q3": "q4",
        "q4": "q4",
        "q6": "q3",
    }


CHANCE_GAME = """
title: Investment under demand uncertainty
players: [Firm, Rival]
tree:
  chance: Demand
  moves:
    High:
      prob: 2/3
      player: Firm
      label: Firm knows demand is high
      moves:
        Invest:
          player: Rival
          moves:
            Enter: {payoffs: [2, 1]}
            Stay out: {payoffs: [5, 0]}
        Wait: {payoffs: [1, 0]}
    Low:
      prob: 1/3
      player: Firm
      label: Firm knows demand is low
      moves:
        Invest:
          player: Rival
          moves:
            Enter: {payoffs: [-2, -1]}
            Stay out: {payoffs: [1, 0]}
        Wait: {payoffs: [0, 0]}
"""


def test_chance_moves_expected_payoffs() -> None:
    # Worked by hand: with high demand the rival enters (1 > 0) and investing pays 2 > 1; with
    # low demand the rival stays out (0 > -1) and investing pays 1 > 0. Expected payoffs:
    # Firm 2/3 * 2 + 1/3 * 1 = 5/3, Rival 2/3 * 1 + 1/3 * 0 = 2/3.
    solution = ggcalc.load(CHANCE_GAME).solve()
    assert solution.complete
    [eq] = solution.to_dict()["equilibria"]
    assert eq["payoffs"] == {"Firm": "5/3", "Rival": "2/3"}
    assert "path" not in eq  # a chance move is reached
    firm = eq["strategies"]["Firm"]
    assert firm["Firm knows demand is high"]["Invest"] == "1"
    assert firm["Firm knows demand is low"]["Invest"] == "1"
    rival = eq["strategies"]["Rival"]
    assert rival["High > Invest"]["Enter"] == "1"
    assert rival["Low > Invest"]["Stay out"] == "1"


MATCHING_PENNIES = """
title: Matching pennies, moves in sequence but unobserved
players: [Matcher, Mismatcher]
tree:
  player: Matcher
  moves:
    Heads:
      player: Mismatcher
      infoset: guess
      moves:
        Heads: {payoffs: [1, -1]}
        Tails: {payoffs: [-1, 1]}
    Tails:
      player: Mismatcher
      infoset: guess
      moves:
        Heads: {payoffs: [-1, 1]}
        Tails: {payoffs: [1, -1]}
"""


def test_information_set_without_proper_subgame() -> None:
    # Osborne and Rubinstein (1994), section 11.1: an information set makes the sequential
    # game equivalent to the simultaneous one; the only equilibrium mixes 1/2-1/2, value 0.
    for concept in ("subgame-perfect", "nash"):
        solution = ggcalc.load(MATCHING_PENNIES).solve(concept=concept)
        assert solution.complete
        [eq] = solution.to_dict()["equilibria"]
        assert eq["strategies"] == {
            "Matcher": {"start": {"Heads": "1/2", "Tails": "1/2"}},
            "Mismatcher": {"guess": {"Heads": "1/2", "Tails": "1/2"}},
        }
        assert eq["payoffs"] == {"Matcher": "0", "Mismatcher": "0"}
        assert "path" not in eq


TIES = """
title: An indifferent follower
players: [Leader, Follower]
tree:
  player: Leader
  moves:
    Left:
      player: Follower
      moves:
        a: {payoffs: [2, 1]}
        b: {payoffs: [0, 1]}
    Right: {payoffs: [1, 0]}
"""


def test_ties_give_every_pure_subgame_perfect_equilibrium() -> None:
    # The follower is indifferent after Left: following a, the leader goes Left (2 > 1);
    # following b, Right (1 > 0). Both are subgame perfect (e.g. Osborne 2004, "An
    # Introduction to Game Theory", section 5.5, on indifference in backward induction).
    solution = ggcalc.load(TIES).solve()
    assert not solution.complete
    assert any("indifferent" in w and "'Left'" in w for w in solution.warnings)
    found = {
        (eq["path"][0], max(eq["strategies"]["Follower"]["Left"].items(), key=lambda x: x[1])[0])
        for eq in solution.to_dict()["equilibria"]
    }
    assert found == {("Left", "a"), ("Right", "b")}


def test_one_card_poker_matches_gambit() -> None:
    # Myerson (1991), section 2.3; Gambit 16.7's enummixed on poker.efg (copied into
    # tests/data/gambit_efg_games.jsonl): Alice raises with the King, raises 1/3 of the time
    # with the Queen; Bob meets 2/3 of the time; Alice expects 1/3.
    solution = ggcalc.load("tests/data/efg/poker.efg").solve()
    assert solution.complete
    [eq] = solution.to_dict()["equilibria"]
    assert eq["payoffs"] == {"Alice": "1/3", "Bob": "-1/3"}
    alice = sorted(mix["Raise"] for mix in eq["strategies"]["Alice"].values())
    assert alice == ["1", "1/3"]
    [bob] = eq["strategies"]["Bob"].values()
    assert bob == {"Meet": "2/3", "Pass": "1/3"}


def test_strategic_form_of_a_tree() -> None:
    scenario = ggcalc.load(CENTIPEDE).strategic()
    assert scenario.form == "normal"
    assert scenario.game.strategies == (
        ("Take / *", "Pass / Take", "Pass / Pass"),
        ("Take / *", "Pass / Take", "Pass / Pass"),
    )


def chain(depth: int) -> GameTree:
    """A centipede-like path ``depth`` decisions long: Stop ends it, Go continues."""
    builder = TreeBuilder(["A", "B"], "deep")
    parent = builder.add(-1, kind=DECISION, player=0, actions=["Stop", "Go"])
    for d in range(1, depth):
        builder.add(parent, "Stop", kind=TERMINAL, payoffs=[Fraction(d), Fraction(-d)])
        parent = builder.add(parent, "Go", kind=DECISION, player=d % 2, actions=["Stop", "Go"])
    builder.add(parent, "Stop", kind=TERMINAL, payoffs=[Fraction(depth), Fraction(-depth)])
    builder.add(parent, "Go", kind=TERMINAL, payoffs=[Fraction(0), Fraction(0)])
    return builder.build()


def test_deep_tree_has_no_recursion_limit() -> None:
    tree = chain(10_000)
    assert tree.depth() == 10_000
    solution = solve_tree(tree)
    [eq] = solution.equilibria
    assert eq.subgame_perfect
    assert eq.path is not None


# --- properties: backward induction against brute force -------------------------------


@st.composite
def perfect_information_trees(draw: st.DrawFn) -> GameTree:
    """Small random perfect-information trees with chance nodes and many ties."""
    players = draw(st.integers(1, 3))
    builder = TreeBuilder([f"P{i}" for i in range(players)])
    budget = [draw(st.integers(1, 6))]  # decision/chance nodes still allowed
    stack: list[tuple[int, str, Fraction | None]] = [(-1, "", None)]
    while stack:
        parent, move, prob = stack.pop()
        if budget[0] > 0 and (parent == -1 or draw(st.booleans())):
            budget[0] -= 1
            actions = [f"m{k}" for k in range(draw(st.integers(1, 3)))]
            if draw(st.integers(0, 4)) == 0:
                node = builder.add(parent, move, kind=CHANCE, prob=prob)
                weights = [draw(st.integers(1, 3)) for _ in actions]
                probs = [Fraction(w, sum(weights)) for w in weights]
            else:
                player = draw(st.integers(0, players - 1))
                node = builder.add(
                    parent, move, kind=DECISION, prob=prob, player=player, actions=actions
                )
                probs = [None] * len(actions)
            for action, p in reversed(list(zip(actions, probs, strict=True))):
                stack.append((node, action, p))
        else:
            payoffs = [Fraction(draw(st.integers(0, 3))) for _ in range(players)]
            builder.add(parent, move, kind=TERMINAL, prob=prob, payoffs=payoffs)
    return builder.build()


def brute_force_pure_spe(tree: GameTree) -> set[tuple[int, ...]]:
    """Every pure profile whose every decision is a best move given the play that follows
    (the one-shot deviation principle for perfect-information trees)."""
    found = set()
    for choice in itertools.product(*(range(len(h.actions)) for h in tree.infosets)):
        values: list[tuple[Fraction, ...]] = [()] * tree.n_nodes
        ok = True
        for v in range(tree.n_nodes - 1, -1, -1):
            children = tree.children(v)
            if tree.kind[v] == TERMINAL:
                values[v] = tree.payoffs[v]  # type: ignore[assignment]
            elif tree.kind[v] == CHANCE:
                values[v] = tuple(
                    sum((tree.prob[c] * values[c][i] for c in children), Fraction(0))
                    for i in range(tree.n_players)
                )
            else:
                h = tree.infoset[v]
                i = tree.owner(v)
                values[v] = values[children[choice[h]]]
                ok = ok and values[v][i] == max(values[c][i] for c in children)
        if ok:
            found.add(choice)
    return found


@settings(max_examples=150, deadline=None)
@given(perfect_information_trees())
def test_every_pure_subgame_perfect_equilibrium_is_found(tree: GameTree) -> None:
    solution = solve_tree(tree)
    found = {tuple(mix.index(Fraction(1)) for mix in eq.behavior) for eq in solution.equilibria}
    assert found == brute_force_pure_spe(tree)
    for eq in solution.equilibria:
        assert certify_tree(tree, eq.behavior) == eq
    # Without a tie the answer is unique and complete; an incomplete list says why.
    if backward_induction(tree) is not None:
        assert solution.complete and len(solution.equilibria) == 1
    if not solution.complete:
        assert any("indifferent" in w for w in solution.warnings)


@settings(max_examples=60, deadline=None)
@given(perfect_information_trees())
def test_subgame_perfect_equilibria_are_nash_equilibria(tree: GameTree) -> None:
    nash = solve_tree(tree, concept="nash")
    payoffs = {eq.payoffs for eq in nash.equilibria}
    for eq in solve_tree(tree).equilibria:
        assert eq.subgame_perfect
        assert eq.payoffs in payoffs  # a pure equilibrium is an extreme one
    assert any(eq.subgame_perfect for eq in nash.equilibria)


@pytest.mark.parametrize("concept", ["subgame-perfect", "nash"])
def test_every_tree_equilibrium_certifies(concept: str) -> None:
    for text in (ENTRY, CENTIPEDE, CHANCE_GAME, MATCHING_PENNIES, TIES):
        for eq in ggcalc.load(text).solve(concept=concept).equilibria:
            tree = ggcalc.load(text).game
            assert isinstance(tree, GameTree)
            assert certify_tree(tree, eq.behavior) == eq  # type: ignore[union-attr]
