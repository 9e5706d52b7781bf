"""Subgames where three or more players move (issue 14).

Such a subgame is solved by the exact n-player enumeration, mixed equilibria included, so a
subgame without a pure equilibrium (it crashed once, then gave an honest empty answer) now gives
its mixed subgame-perfect equilibrium. The minimal case is the one in the issue: A moves; B and C
then move without seeing each other or A; payoffs A = [a = b], B = [b = c], C = [c != a]. Each
player is indifferent only when the one it watches mixes equally, so the only equilibrium has
all three mixing 1/2-1/2, each earning 1/2 (as in Jordan's matching pennies).
"""

from __future__ import annotations

import itertools
import json
from fractions import Fraction
from pathlib import Path

import pytest
from cli_run import run, write

import ggcalc

DATA = Path(__file__).parent / "data" / "efg"


def _cycle(indent: str, extra_players: int = 0) -> str:
    """The three-player cycle as a YAML subtree, each line prefixed by ``indent``; players
    after A, B and C get 0."""
    lines = ["player: A", "moves:"]
    for a in (0, 1):
        lines += [f"  a{a}:", "    player: B", "    infoset: B", "    moves:"]
        for b in (0, 1):
            lines += [f"      b{b}:", "        player: C", "        infoset: C", "        moves:"]
            for c in (0, 1):
                payoffs = [int(a == b), int(b == c), int(c != a)]
                lines.append(f"          c{c}: {{payoffs: {payoffs + [0] * extra_players}}}")
    return "\n".join(indent + line for line in lines) + "\n"


CYCLE = "title: Three-player cycle\nplayers: [A, B, C]\ntree:\n" + _cycle("  ")

# The same subgame after a first mover D, who can stay out: the missing answer must travel up.
BEHIND_A_CHOICE = (
    "title: Cycle behind a choice\nplayers: [A, B, C, D]\ntree:\n  player: D\n  moves:\n"
    "    Out: {payoffs: [0, 0, 0, 1]}\n    In:\n" + _cycle("      ", 1)
)


def test_the_cycle_has_no_pure_equilibrium() -> None:
    """The premise, checked by brute force: every pure profile has a player who gains."""
    for a, b, c in itertools.product((0, 1), repeat=3):
        payoff = [int(a == b), int(b == c), int(c != a)]
        gains = [
            int(1 - a == b) > payoff[0],
            int(1 - b == c) > payoff[1],
            int(1 - c != a) > payoff[2],
        ]
        assert any(gains), (a, b, c)


HALF = (Fraction(1, 2), Fraction(1, 2))


@pytest.mark.parametrize("text", [CYCLE, BEHIND_A_CHOICE], ids=["at the root", "behind D"])
def test_a_three_player_subgame_without_pure_equilibria_has_its_mixed_one(
    tmp_path: Path, text: str
) -> None:
    solution = ggcalc.load(text).solve()
    assert solution.complete and solution.warnings == []
    (eq,) = solution.equilibria
    assert not eq.pure
    mixes = [mix for mix in eq.behavior if len(mix) == 2 and mix != (1, 0) and mix != (0, 1)]
    assert mixes == [HALF, HALF, HALF]
    behind = text is BEHIND_A_CHOICE
    assert eq.payoffs == ((0, 0, 0, 1) if behind else (Fraction(1, 2),) * 3)

    result = run("solve", write(tmp_path, "cycle.yaml", text))
    assert result.exit_code == 0 and result.stderr == ""
    assert "1/2 b0 + 1/2 b1" in result.stdout


@pytest.mark.parametrize(("name", "count"), [("g1.efg", 1), ("g2.efg", 1), ("g3.efg", 5)])
def test_gambit_examples_that_crashed_have_their_mixed_equilibria(name: str, count: int) -> None:
    """g1, g2, g3 have no pure equilibrium; their mixed ones (g3: van der Laan et al.'s five,
    some irrational) are the subgame-perfect ones, since the whole game is the only subgame."""
    result = run("solve", DATA / name, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["complete"] is True and document["warnings"] == []
    assert len(document["equilibria"]) == count
    assert not any(eq["pure"] for eq in document["equilibria"])


def test_mckelvey_mclennan_tree_has_its_nine_subgame_perfect_equilibria() -> None:
    """2x2x2.efg is McKelvey & McLennan's game as a tree with one subgame: 9 equilibria."""
    solution = ggcalc.load(DATA / "2x2x2.efg").solve()
    assert solution.complete and len(solution.equilibria) == 9
    assert not any("infinitely many" in w for w in solution.warnings)
