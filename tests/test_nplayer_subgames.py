"""Subgames where three or more players move (issue 14).

Until mixed equilibria of such subgames are computed, a subgame with no pure equilibrium must
give an honest answer (no equilibrium listed, the list incomplete, a warning naming the
subgame, exit code 1), never a crash; and an incomplete list of pure equilibria must not be
reported as a continuum. The minimal case is the one in the issue: A moves; B and C then move
without seeing each other or A; payoffs A = [a = b], B = [b = c], C = [c != a].
"""

from __future__ import annotations

import itertools
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


@pytest.mark.parametrize("text", [CYCLE, BEHIND_A_CHOICE], ids=["at the root", "behind D"])
def test_a_three_player_subgame_without_pure_equilibria_is_an_honest_empty_answer(
    tmp_path: Path, text: str
) -> None:
    solution = ggcalc.load(text).solve()
    assert solution.equilibria == [] and not solution.complete
    assert any("no equilibrium in pure strategies" in w for w in solution.warnings)
    assert not any("infinitely many" in w for w in solution.warnings)

    result = run("solve", write(tmp_path, "cycle.yaml", text))
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("no equilibrium could be certified")
    assert "three or more players who move and no equilibrium in pure strategies" in (
        " ".join(result.stdout.split())
    )


@pytest.mark.parametrize("name", ["g1.efg", "g2.efg", "g3.efg"])
def test_gambit_examples_that_crashed_now_say_what_is_missing(name: str) -> None:
    result = run("solve", DATA / name, "--format", "json")
    assert result.exit_code == 1, result.stderr
    assert "internal error" not in result.stderr
    import json

    document = json.loads(result.stdout)
    assert document["complete"] is False and document["equilibria"] == []
    assert any("mixed equilibria are not computed yet" in w for w in document["warnings"])


def test_an_incomplete_pure_list_is_not_called_a_continuum() -> None:
    """2x2x2.efg's subgame has pure equilibria but is searched for pure ones only: that says
    nothing about infinitely many equilibria (it has 9, McKelvey & McLennan)."""
    solution = ggcalc.load(DATA / "2x2x2.efg").solve()
    assert solution.equilibria and not solution.complete
    assert not any("infinitely many" in w for w in solution.warnings)
    assert any("only its pure equilibria were searched" in w for w in solution.warnings)
