"""Exact mixed equilibria of games with three or more players (issue 14).

Known answers (each derived by hand below), properties with hypothesis (every reported profile
is certified; adding a strictly dominated strategy changes nothing; permuting the players
permutes the answer), the irrational notation of CONTRACT §1.5 in every output, and the honest
answer where a support profile has a continuum of solutions.
"""

from __future__ import annotations

import itertools
import json
from fractions import Fraction as F
from pathlib import Path

import pytest
from cli_run import run, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ggcalc
from ggcalc.algorithms.nplayer_support import (
    nplayer_support_enumeration,
    solution_bound,
    support_profile_count,
    support_profiles,
)
from ggcalc.certification.normal_form import failure_reason
from ggcalc.exact.algebraic import Algebraic, NumberField, exact_key, exact_text
from ggcalc.model.normal_form import NormalFormGame

NFG = Path(__file__).parent / "data" / "nfg"

GOLDEN = (F(-1), F(1), F(1))  # x^2 + x - 1: its root in (0, 1) is (-1 + sqrt(5))/2


def _game(shape: tuple[int, ...], payoff) -> NormalFormGame:
    """A game from ``payoff(player, profile)``, profiles with the first player slowest."""
    profiles = list(itertools.product(*(range(k) for k in shape)))
    tables = [[F(payoff(p, s)) for s in profiles] for p in range(len(shape))]
    return NormalFormGame.from_tables(
        [f"P{p + 1}" for p in range(len(shape))],
        [[f"s{i + 1}" for i in range(k)] for k in shape],
        tables,
    )


def _keys(solution) -> set:
    return {tuple(tuple(map(exact_key, mix)) for mix in eq.profile) for eq in solution.equilibria}


def _profile(*mixes) -> tuple:
    return tuple(tuple(F(p) for p in mix) for mix in mixes)


# -- known answers ---------------------------------------------------------------------------


def test_mckelvey_mclennan_2x2x2_has_nine_equilibria() -> None:
    """McKelvey & McLennan's 2x2x2 game (Gambit's ``2x2x2.nfg``): 9 equilibria, 2 totally mixed.

    With p, q, r the probabilities of strategy 1 of players 1, 2, 3, the indifferences are
    9qr + 3(1-q)(1-r) = 9(1-q)r + 3q(1-r), 8pr + 4(1-p)(1-r) = 8(1-p)r + 4p(1-r) and
    12pq + 2(1-p)(1-q) = 6(1-p)q + 6p(1-q). (p, q, r) = (2/5, 1/2, 1/3) gives 5/2 = 5/2,
    8/3 = 8/3, 3 = 3; (1/2, 2/5, 1/4) gives 9/4 = 9/4, 5/2 = 5/2, 3 = 3 (worked by hand).
    """
    solution = ggcalc.load(NFG / "2x2x2.nfg").solve()
    assert solution.complete and solution.method == "support-enumeration"
    assert len(solution.equilibria) == 9
    pure = [eq for eq in solution.equilibria if eq.pure]
    assert len(pure) == 4
    profiles = {eq.profile: eq.payoffs for eq in solution.equilibria}
    mixed_1 = _profile((F(2, 5), F(3, 5)), (F(1, 2), F(1, 2)), (F(1, 3), F(2, 3)))
    mixed_2 = _profile((F(1, 2), F(1, 2)), (F(2, 5), F(3, 5)), (F(1, 4), F(3, 4)))
    assert profiles[mixed_1] == (F(5, 2), F(8, 3), F(3))
    assert profiles[mixed_2] == (F(9, 4), F(5, 2), F(3))


def _golden_cycle(player: int, profile: tuple[int, ...]) -> int:
    """Strategy 2 pays 0; strategy 1 pays D(q, r) = qr + r - 1 at the corners, where q and r
    are the next and the one after next player's probabilities of strategy 1."""
    if profile[player] == 1:
        return 0
    q = 1 - profile[(player + 1) % 3]
    r = 1 - profile[(player + 2) % 3]
    return q * r + r - 1


def test_a_three_player_game_with_an_irrational_equilibrium() -> None:
    """A cyclic 2x2x2 game built for this test, solved by hand.

    Player i's gain from strategy 1 is D_i = x_{i+1} x_{i+2} + x_{i+2} - 1, so a totally mixed
    equilibrium has x_i = 1 / (1 + x_{i+2}) for each i: x = f(f(f(x))) with f(x) = 1/(1 + x), a
    Moebius map whose third iterate has the same fixed points as f, so x_1 = x_2 = x_3 =
    (-1 + sqrt(5))/2, the root of x^2 + x - 1 in (0, 1), each payoff 0. The pure equilibria are
    (1, 1, 1) and (2, 2, 2) (D_i = 1 at all-1 and -1 at all-2; every other profile has a player
    who gains). A player who mixes alone faces D_i = 0 only where the next plays 2 and the one
    after plays 1, and there that one's strategy 2 is strictly better: no other equilibrium.
    """
    game = _game((2, 2, 2), _golden_cycle)
    solution = ggcalc.solve(game)
    assert solution.complete
    assert len(solution.equilibria) == 3
    mixed = [eq for eq in solution.equilibria if not eq.pure]
    assert len(mixed) == 1
    (eq,) = mixed
    phi = NumberField(GOLDEN, F(0), F(1)).generator
    for mix in eq.profile:
        assert isinstance(mix[0], Algebraic)
        assert mix[0] == phi and exact_text(mix[0]) == "(-1 + sqrt(5))/2"
        assert exact_text(mix[1]) == "(3 - sqrt(5))/2"
    assert eq.payoffs == (0, 0, 0)
    assert failure_reason(game, eq.profile) is None


def test_van_der_laan_four_players_five_mixed() -> None:
    """Gambit's ``g3.nfg`` (van der Laan, Talman & van der Heyden's 2x2x2x2 example): no pure
    equilibrium and five mixed ones, as its title says; several are irrational."""
    solution = ggcalc.load(NFG / "g3.nfg").solve()
    assert solution.complete and len(solution.equilibria) == 5
    assert not any(eq.pure for eq in solution.equilibria)
    assert any(
        isinstance(p, Algebraic) for eq in solution.equilibria for mix in eq.profile for p in mix
    )
    game = solution.game
    for eq in solution.equilibria:
        assert failure_reason(game, eq.profile) is None


@pytest.mark.parametrize("name", ["g1", "g2"])
def test_gambit_games_without_pure_equilibria(name: str) -> None:
    """g1 (2x2x2) and g2 (3x3x3) have no pure equilibrium (Gambit's enumpure finds none)."""
    solution = ggcalc.load(NFG / f"{name}.nfg").solve()
    assert solution.complete and solution.equilibria
    assert not any(eq.pure for eq in solution.equilibria)


# -- the pieces ------------------------------------------------------------------------------


def test_support_profiles_are_all_visited_once_smallest_first() -> None:
    shape = (2, 3, 2)
    seen = list(support_profiles(shape))
    assert len(seen) == len(set(seen)) == support_profile_count(shape) == 3 * 7 * 3
    sizes = [sum(map(len, s)) for s in seen]
    assert sizes == sorted(sizes)


def test_solution_bound_is_the_mckelvey_mclennan_number() -> None:
    # Totally mixed 2x..x2 games with n players: 1, 2, 9, 44 (the derangement numbers).
    assert [solution_bound(((0, 1),) * n) for n in (2, 3, 4, 5)] == [1, 2, 9, 44]
    assert solution_bound(((0, 1, 2),) * 3) == 10


def test_a_lone_mixers_continuum_is_listed_by_its_extreme_points() -> None:
    """A is indifferent everywhere; B and C prefer x. Every mix of A's is an equilibrium: the
    extreme ones are A's two pure strategies, and the list of them is complete."""
    game = _game((2, 2, 2), lambda p, s: 0 if p == 0 else int(s[p] == 0))
    result = nplayer_support_enumeration(game.shape, game.tables)
    assert result.complete and ((0, 1), (0,), (0,)) in result.continua
    solution = ggcalc.solve(game)
    assert solution.complete and solution.degenerate
    assert any("every mix of P1's between the extreme equilibria" in w for w in solution.warnings)
    assert {eq.profile for eq in solution.equilibria} == {
        _profile((1, 0), (1, 0), (1, 0)),
        _profile((0, 1), (1, 0), (1, 0)),
    }


def test_a_lone_mixer_held_inside_by_a_threshold() -> None:
    """A is indifferent; B plays x unless A's x-probability exceeds 1/2 (B: x pays 1/2, y pays
    A's x-probability); C always x. The equilibria with C = x: B = x for A's p <= 1/2, B = y
    for p >= 1/2 (lone-mixer polytopes, listed by their extreme points p in {0, 1/2} and
    {1/2, 1}), and at p = 1/2 B may mix too: a continuum where two players mix, which is
    reported, not listed, so the list is not proven complete."""

    def payoff(p: int, s: tuple[int, ...]) -> F:
        if p == 0:
            return F(0)
        if p == 1:
            return F(1, 2) if s[1] == 0 else F(int(s[0] == 0))
        return F(int(s[2] == 0))

    solution = ggcalc.solve(_game((2, 2, 2), payoff))
    assert not solution.complete
    assert any("P1 plays {s1, s2}; P2 plays {s1, s2}; P3 plays s1" in w for w in solution.warnings)
    assert {eq.profile for eq in solution.equilibria} == {
        _profile((0, 1), (1, 0), (1, 0)),
        _profile((F(1, 2), F(1, 2)), (1, 0), (1, 0)),
        _profile((F(1, 2), F(1, 2)), (0, 1), (1, 0)),
        _profile((1, 0), (0, 1), (1, 0)),
    }


def test_two_mixers_continua_are_reported_not_sampled() -> None:
    """A and B are indifferent everywhere; C prefers x: A and B may mix together freely."""
    game = _game((2, 2, 2), lambda p, s: 0 if p < 2 else int(s[2] == 0))
    result = nplayer_support_enumeration(game.shape, game.tables)
    assert not result.complete and ((0, 1), (0, 1), (0,)) in result.undecided
    solution = ggcalc.solve(game)
    assert not solution.complete
    assert any("form a continuum" in w for w in solution.warnings)


def test_timeout_is_honest() -> None:
    solution = ggcalc.solve(ggcalc.load(NFG / "3x3x3.nfg").game, timeout=1e-9)
    assert not solution.complete
    assert any("time limit" in w for w in solution.warnings)


# -- properties ------------------------------------------------------------------------------

payoff_values = st.integers(min_value=-3, max_value=3)


@st.composite
def small_games(draw) -> NormalFormGame:
    shape = draw(st.sampled_from([(2, 2, 2), (2, 2, 3), (3, 2, 2), (2, 2, 2, 2)]))
    n = len(list(itertools.product(*(range(k) for k in shape))))
    tables = [draw(st.lists(payoff_values, min_size=n, max_size=n)) for _ in shape]
    return NormalFormGame.from_tables(
        [f"P{p}" for p in range(len(shape))],
        [[f"s{i}" for i in range(k)] for k in shape],
        [[F(v) for v in t] for t in tables],
    )


SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(small_games())
def test_every_reported_profile_is_an_equilibrium(game: NormalFormGame) -> None:
    solution = ggcalc.solve(game)
    for eq in solution.equilibria:
        assert failure_reason(game, eq.profile) is None
    if solution.complete:
        assert solution.equilibria  # Nash: every finite game has one


@SETTINGS
@given(small_games())
def test_its_pure_equilibria_are_the_pure_methods(game: NormalFormGame) -> None:
    """Two independent searches agree: the pure equilibria in the enumeration's list are
    exactly those the pure-strategy scan finds."""
    mixed, pure = ggcalc.solve(game), ggcalc.solve(game, method="pure")
    assert {eq.profile for eq in mixed.equilibria if eq.pure} == {
        eq.profile for eq in pure.equilibria
    }


@SETTINGS
@given(small_games(), st.data())
def test_permuting_players_permutes_the_answer(game: NormalFormGame, data) -> None:
    n = game.n_players
    order = data.draw(st.permutations(range(n)))
    shape = tuple(game.shape[p] for p in order)
    profiles = list(itertools.product(*(range(k) for k in shape)))

    def original(profile: tuple[int, ...]) -> tuple[int, ...]:
        at = [0] * n
        for new, old in enumerate(order):
            at[old] = profile[new]
        return tuple(at)

    permuted = NormalFormGame.from_tables(
        [game.players[p] for p in order],
        [game.strategies[p] for p in order],
        [[game.payoff(old, original(s)) for s in profiles] for old in order],
    )
    first, second = ggcalc.solve(game), ggcalc.solve(permuted)
    assert first.complete == second.complete
    moved = {tuple(key[p] for p in order) for key in _keys(first)}
    assert moved == _keys(second)


@SETTINGS
@given(small_games())
def test_a_strictly_dominated_strategy_changes_nothing(game: NormalFormGame) -> None:
    """Player 0 gets a new last strategy paying less than its first one everywhere."""
    shape = (game.shape[0] + 1, *game.shape[1:])
    profiles = list(itertools.product(*(range(k) for k in shape)))

    def payoff(p: int, s: tuple[int, ...]) -> F:
        if s[0] == game.shape[0]:
            base = (0, *s[1:])
            return game.payoff(p, base) - (1 if p == 0 else 0)
        return game.payoff(p, s)

    bigger = NormalFormGame.from_tables(
        game.players,
        [(*game.strategies[0], "dominated"), *game.strategies[1:]],
        [[payoff(p, s) for s in profiles] for p in range(game.n_players)],
    )
    first, second = ggcalc.solve(game), ggcalc.solve(bigger)
    padded = {(key[0] + (exact_key(F(0)),), *key[1:]) for key in _keys(first)}
    if first.complete and second.complete:
        assert padded == _keys(second)
    else:
        assert padded >= _keys(second) or _keys(second) >= padded or not first.complete


# -- what users see --------------------------------------------------------------------------

CYCLE_YAML = """\
title: Golden cycle
players: {A: [one, two], B: [one, two], C: [one, two]}
payoffs:
  one:
    one: {one: [1, 1, 1], two: [-1, 0, 0]}
    two: {one: [0, 0, -1], two: [-1, 0, 0]}
  two:
    one: {one: [0, -1, 0], two: [0, -1, 0]}
    two: {one: [0, 0, -1], two: [0, 0, 0]}
"""


def test_cycle_yaml_is_the_golden_game(tmp_path: Path) -> None:
    """The YAML above is :func:`_golden_cycle` with names (checked entry by entry)."""
    game = ggcalc.load(write(tmp_path, "cycle.yaml", CYCLE_YAML)).game
    for profile in itertools.product(range(2), repeat=3):
        for p in range(3):
            assert game.payoff(p, profile) == _golden_cycle(p, profile)


def test_json_writes_irrational_numbers_exactly(tmp_path: Path) -> None:
    path = write(tmp_path, "cycle.yaml", CYCLE_YAML)
    result = run("solve", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["complete"] is True and document["method"] == "support-enumeration"
    mixed = [eq for eq in document["equilibria"] if not eq["pure"]]
    assert len(mixed) == 1
    assert mixed[0]["strategies"]["A"]["one"] == {
        "exact": "(-1 + sqrt(5))/2",
        "approx": "0.6180339887",
    }
    assert mixed[0]["strategies"]["C"]["two"] == {
        "exact": "(3 - sqrt(5))/2",
        "approx": "0.3819660113",
    }
    assert mixed[0]["payoffs"] == {"A": "0", "B": "0", "C": "0"}


def test_table_and_markdown_show_radicals_and_decimals(tmp_path: Path) -> None:
    path = write(tmp_path, "cycle.yaml", CYCLE_YAML)
    table = run("solve", str(path))
    assert table.exit_code == 0 and table.stderr == ""
    assert "((-1 + √5)/2 ≈ 0.618034) one" in " ".join(table.stdout.split())
    assert "the complete set" in table.stdout
    markdown = run("solve", str(path), "--format", "markdown")
    assert markdown.exit_code == 0
    assert "(-1 + √5)/2 ≈ 0.618034" in markdown.stdout


def test_auto_lists_pure_equilibria_of_games_with_too_many_support_profiles() -> None:
    """13 x 1 x 1 has 8,191 support profiles, more than auto enumerates: pure ones, said so."""
    game = _game((13, 1, 1), lambda p, s: s[0] % 3 if p == 0 else 0)
    solution = ggcalc.solve(game)
    assert solution.method == "pure" and not solution.complete
    assert any("8,191 support profiles" in w for w in solution.warnings)
    explicit = ggcalc.solve(game, method="support-enumeration", timeout=30)
    assert explicit.method == "support-enumeration"
    assert {eq.profile for eq in solution.equilibria} <= {eq.profile for eq in explicit.equilibria}


STAG_PARAMETER = """\
title: Stag hunt, three hunters, stag worth s
parameters: {s: 2}
players: {H1: [Stag, Hare], H2: [Stag, Hare], H3: [Stag, Hare]}
payoffs:
  Stag:
    Stag: {Stag: [s, s, s], Hare: [0, 0, 1]}
    Hare: {Stag: [0, 1, 0], Hare: [0, 1, 1]}
  Hare:
    Stag: {Stag: [1, 0, 0], Hare: [1, 0, 1]}
    Hare: {Stag: [1, 1, 0], Hare: [1, 1, 1]}
"""


def test_sweep_finds_where_a_mixed_three_player_equilibrium_appears(tmp_path: Path) -> None:
    """A mixer needs s q r = 1: all hunt stag with p = sqrt(1/s), which is a probability
    below 1 exactly when s > 1. So the totally mixed equilibrium appears just above s = 1 (at
    s = 1 it is the all-stag one), and all-stag is an equilibrium from s = 1 on."""
    path = write(tmp_path, "stag.yaml", STAG_PARAMETER)
    result = run("sweep", str(path), "--vary", "s=0:4:9", "--format", "json")
    assert result.exit_code == 0, result.stderr
    thresholds = json.loads(result.stdout)["thresholds"]
    appears = [t for t in thresholds if t["before"]["mixed"] == 0 and t["after"]["mixed"] == 1]
    assert len(appears) == 1 and appears[0]["low"] == "1"
    stag = "{H1: Stag, H2: Stag, H3: Stag}"
    (joins,) = [
        t for t in thresholds if stag in t["after"]["pure"] and stag not in t["before"]["pure"]
    ]
    assert joins["simplest"] == "1"
