"""The logit QRE path tracer (ggcalc/algorithms/logit_path.py) against answers derived by hand.

Every expected number is derived here, independently of the tracer: QRE fixed points by
bisection on one-dimensional equations, Nash equilibria from indifference conditions, and
regrets by brute-force summation over all pure profiles.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
import time
from pathlib import Path

import numpy as np
import pytest

from ggcalc.algorithms.logit_path import LogitPoint, logit_path, logit_qre

DATA = Path(__file__).parent / "data" / "nfg"


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


def _deviation_payoffs(payoffs: list[np.ndarray], profile: list[np.ndarray]) -> list[np.ndarray]:
    """Each player's expected payoff for each pure strategy, summed cell by cell (no
    tensordot: independent of the tracer's contractions)."""
    shape = payoffs[0].shape
    values = [np.zeros(m) for m in shape]
    for cell in itertools.product(*(range(m) for m in shape)):
        for i in range(len(shape)):
            weight = math.prod(float(profile[j][cell[j]]) for j in range(len(shape)) if j != i)
            values[i][cell[i]] += weight * float(payoffs[i][cell])
    return values


def _regret(payoffs: list[np.ndarray], profile: list[np.ndarray]) -> float:
    """The largest gain from a pure deviation, in the payoffs' units."""
    values = _deviation_payoffs(payoffs, profile)
    return max(float(v.max() - v @ x) for v, x in zip(values, profile, strict=True))


def _qre_error(payoffs: list[np.ndarray], point: LogitPoint) -> float:
    """How far ``point`` is from the logit fixed point x_i = softmax(λ u_i(·, x_-i))."""
    values = _deviation_payoffs(payoffs, point.profile)
    return max(
        float(np.abs(x - _softmax(point.lam * v)).max())
        for v, x in zip(values, point.profile, strict=True)
    )


def _read_nfg(path: Path) -> list[np.ndarray]:
    """The payoff tables of a Gambit outcome-format .nfg file (player 1's strategy varies
    fastest in the final list of outcome numbers)."""
    text = path.read_text(encoding="utf-8")
    header, body = text.split("}\n}", 1)  # the end of the last player's strategies
    _, *strategies = re.findall(r"\{([^{}]*)\}", header + "}")  # players, then strategies
    shape = tuple(len(re.findall(r'"[^"]*"', block)) for block in strategies)
    outcomes = [
        [float(v) for v in numbers.replace(",", " ").split()]
        for numbers in re.findall(r'\{\s*"[^"]*"\s*([^}]*)\}', body)
    ]
    order = [int(k) for k in body.strip().splitlines()[-1].split()]
    tables = [np.zeros(shape) for _ in shape]
    cells = itertools.product(*(range(m) for m in reversed(shape)))  # last player slowest
    for number, reversed_cell in zip(order, cells, strict=True):
        for i, table in enumerate(tables):
            table[tuple(reversed(reversed_cell))] = outcomes[number - 1][i] if number else 0.0
    return tables


# Matching pennies, the asymmetric game and the dominance game, as (row, column) tables.
PENNIES = [np.array([[1.0, -1.0], [-1.0, 1.0]]), np.array([[-1.0, 1.0], [1.0, -1.0]])]
ASYMMETRIC = [np.array([[3.0, 0.0], [0.0, 1.0]]), np.array([[0.0, 2.0], [1.0, 0.0]])]
DOMINANT = [np.array([[2.0, 3.0], [0.0, 1.0]]), np.array([[1.0, 0.0], [0.0, 1.0]])]
# A 3x3 game whose principal branch folds back (found by searching seeded random 3x3 games
# with payoffs 0..9 for a path along which λ decreases; seed 53 of numpy's default_rng).
FOLD = [
    np.array([[7.0, 0.0, 6.0], [7.0, 8.0, 3.0], [5.0, 9.0, 3.0]]),
    np.array([[1.0, 1.0, 6.0], [7.0, 8.0, 1.0], [6.0, 7.0, 9.0]]),
]


def test_matching_pennies_is_uniform_at_every_lambda() -> None:
    # Against q = 1/2 the row player's payoffs are 2q - 1 = 0 and 1 - 2q = 0, equal, so
    # uniform play is a logit fixed point at every λ (and the only one: the game is zero-sum
    # with a unique QRE), and it is also the Nash equilibrium: regret 0 at λ = 0 already.
    result = logit_path(PENNIES)
    assert result.converged and result.reason == "converged"
    assert result.regret <= 1e-12
    for x in result.profile:
        assert x == pytest.approx([0.5, 0.5], abs=1e-12)
    for lam in (0.5, 3.0, 10.0):
        point = logit_qre(PENNIES, lam)
        assert point.lam == lam
        for x in point.profile:
            assert x == pytest.approx([0.5, 0.5], abs=1e-12)


def test_a_strictly_dominant_strategy_is_played_in_the_limit() -> None:
    # Row 0 pays exactly 2 more than row 1 whatever the column does, so at every λ the row
    # player plays it with probability e^{2λ} / (1 + e^{2λ}) = σ(2λ); the column player's
    # advantage of column 0 is p - (1 - p) = 2p - 1, so q = σ(λ (2p - 1)).
    point = logit_qre(DOMINANT, 1.5)
    p, q = point.profile[0][0], point.profile[1][0]
    assert p == pytest.approx(_sigmoid(3.0), abs=1e-12)
    assert q == pytest.approx(_sigmoid(1.5 * (2 * p - 1)), abs=1e-10)
    # In the limit both play their strategy 0: converged means the row regret 2(1 - p) is at
    # most tol × (3 - 0), so 1 - p ≤ 1.5e-10.
    result = logit_path(DOMINANT)
    assert result.converged
    assert result.profile[0][0] >= 1 - 1e-9 and result.profile[1][0] >= 1 - 1e-9
    assert _regret(DOMINANT, result.profile) <= 3e-10


def test_an_asymmetric_game_ends_at_its_unique_mixed_equilibrium() -> None:
    # Row: 3q = 1 - q makes the row player indifferent, so q = 1/4; column: (1 - p) = 2p
    # makes the column player indifferent, so p = 1/3. No pure profile is an equilibrium
    # (best responses cycle), so ((1/3, 2/3), (1/4, 3/4)) is the unique equilibrium.
    result = logit_path(ASYMMETRIC)
    assert result.converged
    assert result.profile[0] == pytest.approx([1 / 3, 2 / 3], abs=1e-6)
    assert result.profile[1] == pytest.approx([1 / 4, 3 / 4], abs=1e-6)
    assert _regret(ASYMMETRIC, result.profile) <= 1e-10
    # Regret at the QRE falls only like 1/λ here, so it is the endgame (Newton on the Nash
    # conditions) that stops the trace, long before λ · (3 - 0) reaches max_lambda = 1e7.
    assert result.lam * 3 < 1e3 and result.steps < 100
    # At a small λ the QRE satisfies its fixed-point equations to rounding.
    point = logit_qre(ASYMMETRIC, 0.3)
    assert point.lam == 0.3
    assert _qre_error(ASYMMETRIC, point) <= 1e-10


def _asymmetric_qre_by_bisection(lam: float) -> tuple[float, float]:
    # q(p) = σ(λ (u2(0) - u2(1))) = σ(λ ((1 - p) - 2p)) = σ(λ (1 - 3p)), and
    # p = σ(λ (u1(0) - u1(1))) = σ(λ (3q - (1 - q))) = σ(λ (4q - 1)). So p solves
    # g(p) = σ(λ (4 σ(λ (1 - 3p)) - 1)) - p = 0, with g strictly decreasing (σ is increasing
    # and 1 - 3p decreasing), g(0) > 0 > g(1): one root, found by bisection.
    def g(p: float) -> float:
        return _sigmoid(lam * (4 * _sigmoid(lam * (1 - 3 * p)) - 1)) - p

    low, high = 0.0, 1.0
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if g(middle) > 0 else (low, middle)
    p = (low + high) / 2
    return p, _sigmoid(lam * (1 - 3 * p))


@pytest.mark.parametrize("lam", [1.0, 2.0])
def test_the_qre_of_a_2x2_game_matches_an_independent_bisection(lam: float) -> None:
    p, q = _asymmetric_qre_by_bisection(lam)
    point = logit_qre(ASYMMETRIC, lam)
    assert point.profile[0] == pytest.approx([p, 1 - p], abs=1e-10)
    assert point.profile[1] == pytest.approx([q, 1 - q], abs=1e-10)


def test_the_qre_equations_hold_in_the_callers_units_for_three_players() -> None:
    game = _read_nfg(DATA / "2x2x2.nfg")
    point = logit_qre(game, 0.4)  # payoffs 0..12: λ = 0.4 is 4.8 on the normalised scale
    assert _qre_error(game, point) <= 1e-10


def test_the_mckelvey_mclennan_game_ends_at_one_of_its_equilibria() -> None:
    game = _read_nfg(DATA / "2x2x2.nfg")
    # Payoffs read from the file: (9, 8, 12) at (1, 1, 1), (9, 8, 2) at (2, 2, 1),
    # (3, 4, 6) at (2, 1, 2) and (1, 2, 2); 0 elsewhere.
    assert game[2][0, 0, 0] == 12 and game[0][1, 1, 0] == 9 and game[1][0, 1, 1] == 4
    result = logit_path(game)
    assert result.converged
    assert _regret(game, result.profile) <= 1e-8
    # The endpoint is this equilibrium: player 3 plays 1, where players 1 and 2 play a
    # coordination game (9/0/0/9 and 8/0/0/8) whose mixed equilibrium is (1/2, 1/2) each;
    # player 3 then gets 12/4 + 2/4 = 3.5 from 1 against 6/4 + 6/4 = 3 from 2.
    assert result.profile[0] == pytest.approx([0.5, 0.5], abs=1e-6)
    assert result.profile[1] == pytest.approx([0.5, 0.5], abs=1e-6)
    assert result.profile[2] == pytest.approx([1.0, 0.0], abs=1e-6)


def test_a_path_that_turns_back_in_lambda_is_followed_to_an_equilibrium() -> None:
    points: list[LogitPoint] = []
    result = logit_path(FOLD, on_point=points.append)
    lams = [point.lam for point in points]
    peak = int(np.argmax(lams[: len(lams) // 2]))
    # The branch climbs past λ = 4, turns back below λ = 1, then climbs again.
    assert lams[peak] > 4.0 and min(lams[peak:]) < 1.0
    assert any(b < a for a, b in itertools.pairwise(lams))
    # Every point on the way, the receding ones included, is a QRE at its λ (the corrector
    # stops at corrections of 1e-7).
    assert max(_qre_error(FOLD, point) for point in points) <= 1e-6
    # The endpoint: (row 1, column 3), a pure equilibrium: column 3 pays the row player
    # 6 > 3, 3 and row 1 pays the column player 6 > 1, 1.
    assert result.converged
    assert result.profile[0] == pytest.approx([1, 0, 0], abs=1e-9)
    assert result.profile[1] == pytest.approx([0, 0, 1], abs=1e-9)
    # λ = 2 is crossed three times; logit_qre gives the first crossing, where row 3 is
    # played most (the last crossing plays row 1 with probability > 0.98).
    first = logit_qre(FOLD, 2.0)
    assert _qre_error(FOLD, first) <= 1e-10
    assert first.profile[0][2] > 0.7


GAMES = {"fold": FOLD, "asymmetric": ASYMMETRIC, "2x2x2": _read_nfg(DATA / "2x2x2.nfg")}


@pytest.mark.parametrize("name", GAMES)
def test_scaling_the_payoffs_scales_lambda_and_regret_only(name: str) -> None:
    # 1000 u + 7 normalises to the same tables as u, so the whole path is the same: the
    # profile, λ / 1000 and 1000 × the regret.
    game = GAMES[name]
    base = logit_path(game)
    scaled = logit_path([1000 * table + 7 for table in game])
    assert scaled.converged and base.converged
    for x, y in zip(base.profile, scaled.profile, strict=True):
        assert x == pytest.approx(y, abs=1e-8)
    assert scaled.regret == pytest.approx(1000 * base.regret, rel=1e-9, abs=1e-12)
    assert scaled.lam == pytest.approx(base.lam / 1000, rel=1e-9)
    assert _regret(game, base.profile) == pytest.approx(base.regret, abs=1e-12)
    # The fold game's endpoint is reached by tracing, at a small positive regret.
    assert name != "fold" or base.regret > 0


@pytest.mark.parametrize("scale, shift", [(1e-3, -2.5), (1e-200, 0.0), (1e200, 1.0)])
def test_inexactly_scaled_payoffs_give_the_same_endpoint(scale: float, shift: float) -> None:
    # Scales that are not exact in binary floating point change the normalised tables by
    # rounding only, so the endpoint moves by about that much.
    for game in GAMES.values():
        base = logit_path(game)
        scaled = logit_path([scale * table + shift for table in game])
        assert scaled.converged
        for x, y in zip(base.profile, scaled.profile, strict=True):
            assert x == pytest.approx(y, abs=1e-8)


@pytest.mark.parametrize(
    "game, expected",
    [
        # All payoffs equal: every profile is an equilibrium; uniform play already is one.
        ([np.full((3, 3), 5.0), np.full((3, 3), 5.0)], [[1 / 3] * 3, [1 / 3] * 3]),
        # One player: logit play splits evenly between the two best strategies (equal
        # payoffs get equal weights at every λ) and the others vanish.
        ([np.array([1.0, 3.0, 3.0, 0.0])], [[0, 0.5, 0.5, 0]]),
        # The row player has one strategy; the column player's best is its third.
        ([np.array([[1.0, 2.0, 3.0]]), np.array([[3.0, 1.0, 4.0]])], [[1], [0, 0, 1]]),
        # Player 2 of 3 has one strategy; player 3's first strategy pays 5 > 0 whatever
        # the others do; against it player 1's strategies pay 0, 2, 1, so it plays its second.
        (
            [
                np.array([[[0.0, 1.0]], [[2.0, 0.0]], [[1.0, 3.0]]]),
                np.ones((3, 1, 2)),
                np.array([[[5.0, 0.0]], [[5.0, 0.0]], [[5.0, 0.0]]]),
            ],
            [[0, 1, 0], [1], [1, 0]],
        ),
        # A 1x1 game, and a 2x2 game in which the row player is indifferent everywhere.
        ([np.array([[2.0]]), np.array([[5.0]])], [[1], [1]]),
        ([np.ones((2, 2)), np.array([[0.0, 1.0], [0.0, 1.0]])], [[0.5, 0.5], [0, 1]]),
    ],
    ids=["all-equal", "one-player", "one-strategy", "three-players-one-strategy", "1x1", "ties"],
)
def test_degenerate_games_converge_without_errors(
    game: list[np.ndarray], expected: list[list[float]]
) -> None:
    result = logit_path(game)
    assert result.converged and result.reason == "converged"
    assert _regret(game, result.profile) <= 1e-9
    for x, e in zip(result.profile, expected, strict=True):
        assert x == pytest.approx(e, abs=1e-8)
        assert x.sum() == pytest.approx(1.0, abs=1e-14) and (x >= 0).all()
    for lam in (0.0, 0.5, 4.0):
        assert _qre_error(game, logit_qre(game, lam)) <= 1e-10


@pytest.mark.parametrize("seed, shape", [(46, (5, 5)), (62, (2, 2, 2)), (96, (3, 3))])
def test_the_endgame_returns_the_limit_of_the_path(seed: int, shape: tuple[int, ...]) -> None:
    # With tol = 1e-300 no polished equilibrium is accepted unless its regret is exactly 0,
    # so the trace runs to λ · (max - min) = 1e7, within about 1e-7 of the path's limit.
    # In these generic games (found by a search), Newton's method from points of the path
    # also reaches other equilibria, which the endgame must not return.
    rng = np.random.default_rng(seed)
    game = [rng.random(shape) for _ in shape]
    limit = logit_path(game, tol=1e-300)
    result = logit_path(game)
    assert result.converged and _regret(game, result.profile) <= 1e-9
    for x, y in zip(result.profile, limit.profile, strict=True):
        assert x == pytest.approx(y, abs=1e-5)


# A 3x3x3 game (seeded integer payoffs) whose path ends on a continuum of equilibria.
CONTINUUM = [
    np.array(table, dtype=float)
    for table in (
        [
            [[36, 47, 51], [12, 45, 36], [41, 38, 0]],
            [[24, 69, 29], [98, 41, 36], [96, 19, 45]],
            [[80, 95, 93], [3, 50, 6], [42, 2, 28]],
        ],
        [
            [[66, 84, 22], [40, 57, 77], [79, 99, 33]],
            [[54, 24, 0], [72, 46, 47], [51, 14, 72]],
            [[8, 6, 73], [37, 86, 82], [89, 19, 51]],
        ],
        [
            [[95, 15, 83], [22, 29, 45], [49, 85, 84]],
            [[65, 45, 27], [27, 75, 36], [43, 29, 98]],
            [[40, 42, 87], [83, 12, 1], [86, 71, 92]],
        ],
    )
]
# A 2x2x2 game (seeded integer payoffs) in which player 1 ends indifferent.
INDIFFERENT = [
    np.array(table, dtype=float)
    for table in (
        [[[19, 78], [3, 55]], [[66, 22], [78, 55]]],
        [[[41, 1], [13, 71]], [[40, 71], [96, 64]]],
        [[[74, 61], [30, 7]], [[61, 24], [12, 57]]],
    )
]


def test_a_path_ending_on_a_continuum_of_equilibria_still_converges() -> None:
    # The path goes to player 2 playing 2 and player 3 playing 3. Then player 1 gets 36 from
    # both its strategies 1 and 2 (6 from 3): it mixes p, 1 - p. Player 3 then gets
    # 29p + 75(1 - p) from 2 and 45p + 36(1 - p) from 3: it plays 3 when p ≥ 39/55, and the
    # path ends on that boundary, p = 39/55, with player 3's second strategy vanishing only
    # like 1/λ: the trace reaches max_lambda and the endgame's coarser support guess ends it.
    result = logit_path(CONTINUUM)
    assert result.converged and result.reason == "converged"
    assert _regret(CONTINUUM, result.profile) / (99 - 0) <= 1e-10
    assert result.profile[0] == pytest.approx([39 / 55, 16 / 55, 0], abs=1e-5)
    assert result.profile[1] == pytest.approx([0, 1, 0], abs=1e-12)
    assert result.profile[2] == pytest.approx([0, 0, 1], abs=1e-12)


def test_an_indifferent_player_ends_at_the_paths_limit() -> None:
    # Players 2 and 3 end on their second strategies, where player 1 gets 55 from both of
    # its own. Every p (player 1's first strategy) in [1/11, 45/68] then makes an equilibrium:
    # player 2 needs 71p + 64(1 - p) ≥ 1p + 71(1 - p), player 3 needs 7p + 57(1 - p) ≥
    # 30p + 12(1 - p). Along the path player 1's payoff difference vanishes exponentially in
    # λ (the others' first strategies do), so its logit odds tend to 1 and the path's limit
    # is p = 1/2: the endgame must not stop at the first equilibrium it polishes.
    assert _regret(INDIFFERENT, [np.array([0.3, 0.7]), np.array([0, 1]), np.array([0, 1])]) == 0
    result = logit_path(INDIFFERENT)
    assert result.converged
    assert result.profile[0] == pytest.approx([0.5, 0.5], abs=1e-6)
    assert result.profile[1] == pytest.approx([0, 1], abs=1e-9)
    assert result.profile[2] == pytest.approx([0, 1], abs=1e-9)


def test_random_games_end_within_their_limits_at_small_regret() -> None:
    rng = np.random.default_rng(20240521)
    shapes = [(3, 3), (2, 2, 2), (3, 3, 3), (2, 2, 2, 2)]
    converged, steps, seconds = 0, [], []
    for k in range(30):
        shape = shapes[k % len(shapes)]
        game = [rng.integers(0, 100, size=shape).astype(float) for _ in shape]
        began = time.monotonic()
        result = logit_path(game, max_steps=2000, timeout=5.0)
        seconds.append(time.monotonic() - began)
        steps.append(result.steps)
        assert result.steps <= 2000 and seconds[-1] < 6.0
        assert result.reason in ("converged", "max lambda", "max steps", "timeout", "path failed")
        for x in result.profile:
            assert x.sum() == pytest.approx(1.0, abs=1e-12) and (x >= 0).all()
        span = max(t.max() for t in game) - min(t.min() for t in game)
        if result.converged:
            converged += 1
            assert _regret(game, result.profile) / span <= 1e-8
            assert result.regret == pytest.approx(_regret(game, result.profile), abs=1e-9)
    # All 30 converged when this test was written (median 20 steps, 0.02 s).
    assert converged >= 28, (converged, statistics.median(steps), statistics.median(seconds))


def test_limits_stop_the_trace_with_their_reason() -> None:
    rng = np.random.default_rng(8)
    big = [rng.integers(0, 100, size=(8, 8, 8)).astype(float) for _ in range(3)]
    began = time.monotonic()
    result = logit_path(big, timeout=0.01)
    assert result.reason == "timeout" and not result.converged
    assert time.monotonic() - began < 1.0
    assert logit_path(big, max_steps=3).reason == "max steps"
    assert logit_path(big, max_steps=3).steps == 3
    # λ · (max - min) ≥ 2 is reached long before the fold game converges.
    stopped = logit_path(FOLD, max_lambda=2.0)
    assert stopped.reason == "max lambda" and not stopped.converged
    assert stopped.lam * 9 >= 2.0
    assert stopped.regret == pytest.approx(_regret(FOLD, stopped.profile), abs=1e-12)
    with pytest.raises(RuntimeError, match="max steps"):
        logit_qre(big, 100.0, max_steps=3)


def test_the_path_starts_uniform_and_every_point_is_a_profile() -> None:
    points: list[LogitPoint] = []
    logit_path(_read_nfg(DATA / "2x2x2.nfg"), on_point=points.append)
    assert points[0].lam == 0.0
    for x in points[0].profile:
        assert x == pytest.approx([0.5, 0.5], abs=1e-15)
    for point in points:
        for x in point.profile:
            assert x.sum() == pytest.approx(1.0, abs=1e-12) and (x >= 0).all()


@pytest.mark.parametrize(
    "game",
    [
        [],
        [np.zeros((2, 2))],
        [np.zeros((2, 2)), np.zeros((2, 3))],
        [np.zeros((2, 2)), np.full((2, 2), np.nan)],
        [np.zeros((0, 2)), np.zeros((0, 2))],
    ],
    ids=["no-players", "axes", "shapes", "nan", "empty"],
)
def test_malformed_games_are_refused(game: list[np.ndarray]) -> None:
    with pytest.raises(ValueError):
        logit_path(game)


def test_a_negative_lambda_is_refused() -> None:
    with pytest.raises(ValueError):
        logit_qre(PENNIES, -1.0)
    with pytest.raises(ValueError):
        logit_qre(PENNIES, math.inf)
