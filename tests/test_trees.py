"""Game trees: textbook answers (sources cited), the threats behind Nash equilibria, deep trees,
and properties of backward induction checked against brute force."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from examples import ENTRY
from hypothesis import given, settings
from hypothesis import strategies as st

import ggcalc
from ggcalc.algorithms.subgame_perfect import backward_induction
from ggcalc.certification.tree import certify_tree
from ggcalc.model.tree import CHANCE, DECISION, TERMINAL, GameTree, TreeBuilder
from ggcalc.solvers.tree import solve_tree


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


# --- the tree builder (the Python API) ---------------------------------------------------


def test_builder_refuses_malformed_trees() -> None:
    builder = TreeBuilder(["A"])
    root = builder.add(-1, kind=CHANCE)
    with pytest.raises(ValueError, match="prob"):
        builder.add(root, "x", kind=TERMINAL, payoffs=[Fraction(1)])
    builder.add(root, "x", kind=TERMINAL, prob=Fraction(1, 3), payoffs=[Fraction(1)])
    builder.add(root, "y", kind=TERMINAL, prob=Fraction(1, 3), payoffs=[Fraction(0)])
    with pytest.raises(ValueError, match="do not sum to 1"):
        builder.build()
    with pytest.raises(ValueError, match="needs a player"):
        TreeBuilder(["A"]).add(-1, kind=DECISION, actions=["x"])
    with pytest.raises(ValueError, match="preorder"):
        other = TreeBuilder(["A"])
        top = other.add(-1, kind=DECISION, player=0, actions=["x", "y"])
        left = other.add(top, "x", kind=DECISION, player=0, actions=["z"])
        other.add(left, "z", kind=TERMINAL, payoffs=[Fraction(0)])
        other.add(top, "y", kind=TERMINAL, payoffs=[Fraction(0)])
        other.add(left, "w", kind=TERMINAL, payoffs=[Fraction(0)])


def test_a_label_equal_to_another_decision_points_path_is_renamed() -> None:
    # Gambit files may label the root "In" while the node reached by the move In is unnamed.
    builder = TreeBuilder(["A", "B"])
    root = builder.add(-1, kind=DECISION, player=0, actions=["In", "Out"], label="In")
    inner = builder.add(root, "In", kind=DECISION, player=1, actions=["x", "y"])
    builder.add(inner, "x", kind=TERMINAL, payoffs=[Fraction(1), Fraction(1)])
    builder.add(inner, "y", kind=TERMINAL, payoffs=[Fraction(2), Fraction(0)])
    builder.add(root, "Out", kind=TERMINAL, payoffs=[Fraction(0), Fraction(2)])
    tree = builder.build()
    assert [h.name for h in tree.infosets] == ["In (A #1)", "In"]


@st.composite
def trees_with_information_sets(draw: st.DrawFn) -> GameTree:
    """Small random two-player trees whose decision points may hide the previous move: a block
    where one player moves and the other answers without seeing it (one information set), with
    more blocks, chance moves or payoffs after it. Perfect recall holds by construction."""
    builder = TreeBuilder(["P0", "P1"])
    blocks = [0]
    budget = [draw(st.integers(1, 3))]

    def payoff() -> list[Fraction]:
        return [Fraction(draw(st.integers(-2, 3))) for _ in range(2)]

    stack: list[tuple[int, str, Fraction | None]] = [(-1, "", None)]
    while stack:
        parent, move, prob = stack.pop()
        if budget[0] <= 0 or (parent != -1 and draw(st.integers(0, 2)) == 0):
            builder.add(parent, move, kind=TERMINAL, prob=prob, payoffs=payoff())
            continue
        budget[0] -= 1
        if parent != -1 and draw(st.integers(0, 3)) == 0:
            node = builder.add(parent, move, kind=CHANCE, prob=prob)
            stack += [(node, "heads", Fraction(1, 3)), (node, "tails", Fraction(2, 3))][::-1]
            continue
        first = draw(st.integers(0, 1))
        hidden = draw(st.booleans())
        blocks[0] += 1
        actions = [f"a{k}" for k in range(draw(st.integers(1, 3)))]
        answers = [f"b{k}" for k in range(draw(st.integers(1, 2)))]
        node = builder.add(parent, move, kind=DECISION, prob=prob, player=first, actions=actions)
        pending = []
        for action in actions:
            # The answer nodes come in preorder right after their parent, so build each now.
            answer = builder.add(
                node,
                action,
                kind=DECISION,
                player=1 - first,
                actions=answers,
                infoset=("block", blocks[0]) if hidden else None,
            )
            for reply in answers[::-1]:
                pending.append((answer, reply, None))
            # Children of this answer node must be added before the next action's node.
            while pending:
                stack.append(pending.pop())
                # Drain the stack for this answer node's subtree.
                while stack and stack[-1][0] >= answer:
                    parent2, move2, prob2 = stack.pop()
                    if budget[0] <= 0 or draw(st.booleans()):
                        builder.add(parent2, move2, kind=TERMINAL, prob=prob2, payoffs=payoff())
                    else:
                        budget[0] -= 1
                        inner = builder.add(
                            parent2,
                            move2,
                            kind=DECISION,
                            prob=prob2,
                            player=first,
                            actions=["x", "y"],
                        )
                        stack += [(inner, "y", None), (inner, "x", None)]
    return builder.build()


@settings(max_examples=80, deadline=None)
@given(trees_with_information_sets())
def test_subgame_perfect_equilibria_with_information_sets_certify(tree: GameTree) -> None:
    assert not tree.recall_violations()
    solution = solve_tree(tree)
    assert solution.equilibria
    for eq in solution.equilibria:
        assert eq.subgame_perfect
        assert certify_tree(tree, eq.behavior) == eq
    nash = solve_tree(tree, concept="nash")
    assert nash.complete
    assert any(eq.subgame_perfect for eq in nash.equilibria)
    for eq in nash.equilibria:
        assert certify_tree(tree, eq.behavior) == eq
    if solution.complete:
        # Every subgame-perfect equilibrium is a Nash equilibrium: its payoffs lie in the
        # set of Nash payoffs (the extreme ones when the SPE is pure).
        pure_nash = {eq.payoffs for eq in nash.equilibria if eq.pure}
        for eq in solution.equilibria:
            if eq.pure:
                assert eq.payoffs in pure_nash
