"""Equilibria from the logit path (issue 14, "larger games: honest approximation").

What the numbers in floats may and may not do: the path's end either leads to an exact
equilibrium (the equations of its support, solved exactly, then certified) or is reported as an
ε-equilibrium whose ε is recomputed here independently, in exact arithmetic, by brute force.
Neither is ever counted as a proof of completeness.
"""

from __future__ import annotations

import itertools
import json
import random
from fractions import Fraction as F
from pathlib import Path

import pytest
from cli_run import run

import ggcalc
from ggcalc.certification.normal_form import approximate_equilibrium, failure_reason
from ggcalc.exact.rationals import round_probabilities
from ggcalc.model.normal_form import NormalFormGame
from ggcalc.solvers.normal_form import solve

NFG = Path(__file__).parent / "data" / "nfg"
GAMES = Path(__file__).parent.parent / "games"


def _random_game(shape: tuple[int, ...], seed: int) -> NormalFormGame:
    rng = random.Random(f"logit/{shape}/{seed}")
    profiles = list(itertools.product(*(range(k) for k in shape)))
    tables = [[F(rng.randint(0, 99)) for _ in profiles] for _ in shape]
    return NormalFormGame.from_tables(
        [f"P{p + 1}" for p in range(len(shape))],
        [[f"s{i + 1}" for i in range(k)] for k in shape],
        tables,
    )


def _regret(game: NormalFormGame, profile, player: int) -> F:
    """Brute force: the best pure deviation's payoff minus the mix's, summing every cell."""
    profiles = list(itertools.product(*(range(k) for k in game.shape)))

    def value(own: tuple[F, ...]) -> F:
        total = F(0)
        for cell in profiles:
            weight = F(1)
            for p, s in enumerate(cell):
                weight *= own[s] if p == player else profile[p][s]
            total += weight * game.payoff(player, cell)
        return total

    k = game.shape[player]
    pure = [value(tuple(F(int(s == t)) for s in range(k))) for t in range(k)]
    return max(pure) - value(profile[player])


# -- the exact route ----------------------------------------------------------------------------


def test_logit_on_mckelvey_mclennan_ends_at_an_exact_certified_equilibrium() -> None:
    """Gambit's ``2x2x2.nfg`` (9 equilibria): the path ends at one of them, found exactly."""
    game = ggcalc.load(NFG / "2x2x2.nfg").game
    solution = solve(game, method="logit")
    assert solution.method == "logit" and not solution.complete
    assert len(solution.equilibria) == 1 and not solution.approximate
    eq = solution.equilibria[0]
    assert failure_reason(game, eq.profile) is None
    complete = {eq.profile for eq in solve(game).equilibria}
    assert eq.profile in complete  # one of the nine, exactly
    assert any("logit path finds one equilibrium" in w for w in solution.warnings)


@pytest.mark.parametrize("shape", [(3, 3, 3), (2, 2, 2, 2), (4, 4, 4)])
@pytest.mark.parametrize("seed", range(4))
def test_every_answer_is_certified_or_bounded_exactly(shape: tuple[int, ...], seed: int) -> None:
    game = _random_game(shape, seed)
    solution = solve(game, method="logit")
    assert not solution.complete
    assert solution.equilibria or solution.approximate
    for eq in solution.equilibria:
        assert failure_reason(game, eq.profile) is None
    for approx in solution.approximate:
        regrets = tuple(_regret(game, approx.profile, p) for p in range(game.n_players))
        assert approx.regrets == regrets and approx.epsilon == max(regrets) > 0


def test_logit_equilibria_are_among_the_complete_list() -> None:
    """Where the exact enumeration finishes, what the path finds is one of its equilibria."""
    for seed in range(3):
        game = _random_game((3, 3, 3), seed)
        everything = {eq.profile for eq in solve(game).equilibria}
        for eq in solve(game, method="logit").equilibria:
            assert eq.profile in everything


# -- the ε route --------------------------------------------------------------------------------

#: A random 5 × 5 × 5 game whose logit path ends where three, four and three strategies are
#: played: equations with more possible solutions than the exact solver takes on, so its end is
#: reported as an ε-equilibrium (found by trying seeds; ε ≈ 8e-15 on the machine it was found).
EPSILON_GAME = ((5, 5, 5), 32)


def _nfg(game: NormalFormGame, path: Path) -> Path:
    """Write ``game`` in Gambit's payoff-list .nfg format (first player's strategy fastest)."""
    players = " ".join(f'"{p}"' for p in game.players)
    strategies = "\n".join("{ " + " ".join(f'"{s}"' for s in own) + " }" for own in game.strategies)
    cells = itertools.product(*(range(k) for k in reversed(game.shape)))
    payoffs = []
    for reversed_cell in cells:
        cell = tuple(reversed(reversed_cell))
        payoffs += [str(game.payoff(p, cell)) for p in range(game.n_players)]
    path.write_text(
        f'NFG 1 R "random" {{ {players} }}\n\n{{ {strategies}\n}}\n""\n\n{" ".join(payoffs)}\n'
    )
    return path


def test_an_end_without_exact_form_is_an_epsilon_equilibrium() -> None:
    """Where the support's equations are beyond the exact solver, the rounded end point is an
    ε-equilibrium, apart from the equilibria, with ε recomputed here by brute force."""
    game = _random_game(*EPSILON_GAME)
    solution = solve(game, method="logit")
    assert solution.equilibria == [] and len(solution.approximate) == 1
    approx = solution.approximate[0]
    assert all(sum(mix) == 1 and min(mix) >= 0 for mix in approx.profile)
    assert [sum(p > 0 for p in mix) >= 3 for mix in approx.profile] == [True] * 3
    regrets = tuple(_regret(game, approx.profile, p) for p in range(3))
    assert approx.regrets == regrets
    assert approx.epsilon == max(regrets)
    assert 0 < approx.epsilon < F(1, 10**9)  # payoffs 0..99: an ε far below any payoff step
    assert approx.origin.startswith("end of the logit path")
    assert any("ε-equilibrium" in w and "not counted" in w for w in solution.warnings)
    assert any("more solutions than the exact solver takes on" in w for w in solution.warnings)


def test_an_end_inside_a_continuum_is_not_listed() -> None:
    """A and B are indifferent everywhere, C prefers x: the path stays at uniform play for A
    and B (the logit response to indifference) and C plays x. That end is exactly an
    equilibrium, but inside the continuum where A and B mix freely; a list of extreme
    equilibria must not hold it, so it is named in a warning, not listed, and ``auto``
    (complete enumeration with an undecided continuum) does not follow the path at all."""
    shape = (2, 2, 2)
    cells = list(itertools.product(range(2), repeat=3))
    game = NormalFormGame.from_tables(
        ["A", "B", "C"],
        [["x", "y"]] * 3,
        [[F(0)] * 8, [F(0)] * 8, [F(int(cell[2] == 0)) for cell in cells]],
    )
    assert game.shape == shape
    solution = solve(game, method="logit")
    assert solution.equilibria == [] and solution.approximate == []
    assert any("inside a continuum" in w for w in solution.warnings)
    auto = solve(game)
    assert "logit" not in auto.method and not any("logit" in w for w in auto.warnings)


def test_epsilon_equilibria_in_json_table_and_markdown(tmp_path: Path) -> None:
    path = _nfg(_random_game(*EPSILON_GAME), tmp_path / "random.nfg")
    result = run("solve", path, "--method", "logit", "-f", "json")
    assert result.exit_code == 1  # no equilibrium certified: an ε-equilibrium is not one
    assert result.stderr == (
        f"{path}: no equilibrium could be certified (only an ε-equilibrium, which is not an "
        "equilibrium)\n"
    )
    document = json.loads(result.stdout)
    assert document["equilibria"] == [] and document["complete"] is False
    (entry,) = document["approximate"]
    assert set(entry) == {"strategies", "payoffs", "regrets", "epsilon", "origin"}
    epsilon = F(entry["epsilon"])
    assert epsilon == max(F(v) for v in entry["regrets"].values()) > 0
    for player, mix in entry["strategies"].items():
        assert sum(F(p) for p in mix.values()) == 1, player

    table = run("solve", path, "--method", "logit")
    assert table.exit_code == 1
    assert "Approximate equilibria (ε-equilibria, not equilibria): 1 found" in table.stdout
    assert "Could gain" in table.stdout and "ε1" in table.stdout
    assert "Nash equilibria: 0 found: no equilibrium was found." in table.stdout

    markdown = run("solve", path, "--method", "logit", "-f", "markdown")
    assert "**Approximate equilibria (ε-equilibria, not equilibria): 1 found" in markdown.stdout
    assert "| # | Player | Strategy (rounded) | Expected payoff | Could gain |" in markdown.stdout


def test_approximate_equilibrium_is_exact_and_refuses_non_probabilities() -> None:
    game = ggcalc.load(NFG / "2x2x2.nfg").game
    half = (F(1, 2), F(1, 2))
    approx = approximate_equilibrium(game, (half, half, half))
    assert approx.regrets == tuple(_regret(game, (half, half, half), p) for p in range(3))
    assert approx.epsilon == max(approx.regrets)
    with pytest.raises(ValueError, match="not a probability vector"):
        approximate_equilibrium(game, ((F(1), F(1)), half, half))


def test_round_probabilities_sums_to_one_exactly() -> None:
    mix = round_probabilities([1 / 3, 1 / 3, 1 / 3 + 1e-13, 1e-18], 10**12, 1e-15)
    assert sum(mix) == 1 and mix[3] == 0 and all(p > 0 for p in mix[:3])
    assert round_probabilities([0.0, 0.0], 10**6) == (F(0), F(0))


# -- where auto uses it -------------------------------------------------------------------------


def test_auto_adds_the_logit_path_where_enumeration_cannot_finish() -> None:
    """A random 5 × 5 × 5 game (29,791 support profiles, beyond what auto enumerates) without
    a pure equilibrium: auto lists the mixed one the logit path leads to, exactly."""
    game = _random_game((5, 5, 5), 2)
    solution = solve(game)
    assert not solution.complete and solution.method == "pure and logit"
    (eq,) = solution.equilibria
    assert not eq.pure and failure_reason(game, eq.profile) is None
    assert any("No pure-strategy equilibrium exists" in w for w in solution.warnings)
    assert any(w.startswith("The equilibrium was found by following") for w in solution.warnings)
    pure_only = solve(game, fallback=False)
    assert pure_only.method == "pure" and pure_only.equilibria == []


def test_china_response_strategic_form_logit_end_is_inside_a_continuum() -> None:
    """China's response in strategic form (2 × 9 × 9, 783,363 support profiles): the reduced
    form of a tree is full of ties, and the path ends inside a continuum of equilibria, which
    is said, not listed; the pure equilibria stay as they were."""
    scenario = ggcalc.load(GAMES / "china_response.yaml")
    solution = scenario.solve(concept="nash")
    pure_only = solve(scenario.strategic().game, fallback=False)
    assert not solution.complete and solution.method == "pure on the reduced strategic form"
    assert len(solution.equilibria) == len(pure_only.equilibria) == 27
    assert any("inside a continuum" in w for w in solution.warnings)


@pytest.mark.parametrize(
    ("file", "unreached"),
    [
        ("china_response.yaml", {"China": 9}),
        ("great_game.yaml", {"China": 9, "Baloch insurgents": 64}),
    ],
)
def test_the_docs_reading_of_where_the_logit_path_ends(file: str, unreached: dict) -> None:
    """docs/scenarios.md: the path ends on the transactional hedge, played for sure, with the
    generals hedging after it and every unreached move at even odds."""
    from ggcalc.algorithms.logit_path import logit_path

    game = ggcalc.load(GAMES / file).strategic().game
    end = logit_path(game.float_payoffs)
    assert end.converged

    def played(player: str) -> dict[str, float]:
        p = game.players.index(player)
        return {
            name: float(x)
            for name, x in zip(game.strategies[p], end.profile[p], strict=True)
            if x > 1e-6
        }

    assert played("United States") == pytest.approx({"Transactional deal": 1.0})
    generals = played("Pakistan military")
    assert generals and all(name.endswith("/ Hedge") for name in generals)
    for player, count in unreached.items():
        assert played(player) == pytest.approx(
            dict.fromkeys(game.strategies[game.players.index(player)], 1 / count)
        )


def _simultaneous_tree(game: NormalFormGame, entry: bool) -> str:
    """A three-player ``game`` as a tree where P2 and P3 do not see earlier moves; with
    ``entry``, P1 first chooses between Out (all 0) and In (the game)."""
    lines = [f"title: {'Entry into a' if entry else 'A'} large three-player game"]
    lines += ["players: [P1, P2, P3]", "tree:"]
    indent = "  "
    if entry:
        lines += ["  player: P1", "  moves:", "    Out: {payoffs: [0, 0, 0]}", "    In:"]
        indent = "      "
    lines += [f"{indent}player: P1", f"{indent}moves:"]
    for a in range(game.shape[0]):
        lines += [f"{indent}  s{a + 1}:", f"{indent}    player: P2", f"{indent}    infoset: P2"]
        lines.append(f"{indent}    moves:")
        for b in range(game.shape[1]):
            inner = indent + "      "
            lines += [f"{inner}s{b + 1}:", f"{inner}  player: P3", f"{inner}  infoset: P3"]
            lines.append(f"{inner}  moves:")
            for c in range(game.shape[2]):
                payoffs = ", ".join(str(game.payoff(p, (a, b, c))) for p in range(3))
                lines.append(f"{inner}    s{c + 1}: {{payoffs: [{payoffs}]}}")
    return "\n".join(lines) + "\n"


def test_a_large_subgame_without_pure_equilibrium_gets_its_logit_equilibrium(
    tmp_path: Path,
) -> None:
    """A tree whose subgame after ``In`` is the 5 × 5 × 5 game above (no pure equilibrium,
    beyond what auto enumerates): its mixed equilibrium from the logit path, exact and
    certified in the tree, makes a subgame-perfect equilibrium; the list says it is partial."""
    path = tmp_path / "entry.yaml"
    path.write_text(_simultaneous_tree(_random_game((5, 5, 5), 2), entry=True), encoding="utf-8")
    solution = ggcalc.load(path).solve()
    assert not solution.complete
    (eq,) = solution.equilibria
    assert eq.subgame_perfect and not eq.pure
    assert any("too large to enumerate exactly" in w for w in solution.warnings)


def test_a_tree_whose_strategic_form_ends_at_an_epsilon_equilibrium(tmp_path: Path) -> None:
    """``--concept nash`` on a tree solves its reduced strategic form; an ε-equilibrium found
    there is not an equilibrium of the tree: the warning says where to see it (the strategic
    form), and ``--strategic`` lists it."""
    path = tmp_path / "simultaneous.yaml"
    path.write_text(_simultaneous_tree(_random_game(*EPSILON_GAME), entry=False), encoding="utf-8")
    result = run("solve", path, "--concept", "nash", "-f", "json")
    document = json.loads(result.stdout)
    assert "approximate" not in document and document["complete"] is False
    assert any(
        "ε-equilibrium of the strategic form (see --strategic)" in w for w in document["warnings"]
    )
    strategic = json.loads(run("solve", path, "--strategic", "-f", "json").stdout)
    assert len(strategic["approximate"]) == 1
