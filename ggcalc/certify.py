"""Certification: the exact check that a profile is a Nash equilibrium.

Every equilibrium ggcalc shows passes through :func:`certify`. The check is the definition
itself, in rational arithmetic: each player's mix is a probability vector, and no pure strategy
earns a player more than the mix does against the others' mixes. Checking pure deviations is
enough because a mixed deviation earns an average of pure ones.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ggcalc.exact_linear import indifference_mix
from ggcalc.game import NormalFormGame
from ggcalc.profiles import Equilibrium, MixedProfile

__all__ = ["certify", "deviation_payoffs", "failure_reason"]


def deviation_payoffs(game: NormalFormGame, profile: MixedProfile, player: int) -> list[Fraction]:
    """What ``player`` earns with each of its pure strategies while the others play ``profile``."""
    table = game.payoffs[player]
    # Contract the other players' axes, last first so the remaining axis indices stay valid;
    # restricting each axis to its support keeps pure and small-support profiles cheap.
    for q in reversed(range(game.n_players)):
        if q == player:
            continue
        mix = profile[q]
        support = [s for s, p in enumerate(mix) if p != 0]
        table = np.take(table, support, axis=q)
        weights = np.array([mix[s] for s in support], dtype=object)
        table = np.tensordot(table, weights, axes=([q], [0]))
    return [Fraction(v) for v in np.atleast_1d(table)]


def _check(game: NormalFormGame, profile: MixedProfile) -> tuple[str | None, tuple[Fraction, ...]]:
    """``(why it fails or None, each player's expected payoff)``."""
    if len(profile) != game.n_players:
        return f"profile has {len(profile)} players, the game {game.n_players}", ()
    for player, (mix, k) in enumerate(zip(profile, game.shape, strict=True)):
        name = game.players[player]
        if len(mix) != k:
            return f"{name}'s mix has {len(mix)} entries for {k} strategies", ()
        if any(p < 0 for p in mix):
            return f"{name}'s mix has a negative probability", ()
        if sum(mix) != 1:
            return f"{name}'s probabilities sum to {sum(mix)}, not 1", ()
    earned_by_player = []
    for player in range(game.n_players):
        values = deviation_payoffs(game, profile, player)
        earned = sum((p * v for p, v in zip(profile[player], values, strict=True)), Fraction(0))
        best = max(values)
        if best > earned:
            strategy = game.strategies[player][values.index(best)]
            return f"{game.players[player]} gains {best - earned} by switching to '{strategy}'", ()
        earned_by_player.append(earned)
    return None, tuple(earned_by_player)


def failure_reason(game: NormalFormGame, profile: MixedProfile) -> str | None:
    """Why ``profile`` is not an exact Nash equilibrium of ``game``, or ``None`` if it is one."""
    return _check(game, profile)[0]


def certify(game: NormalFormGame, profile: MixedProfile) -> Equilibrium | None:
    """Return the :class:`Equilibrium` if ``profile`` is an exact Nash equilibrium, else ``None``.

    Parameters
    ----------
    game
        The game, with exact payoffs.
    profile
        One exact probability vector per player (ints or Fractions).
    """
    exact = tuple(tuple(Fraction(p) for p in mix) for mix in profile)
    reason, payoffs = _check(game, exact)
    if reason is not None:
        return None
    return Equilibrium(exact, payoffs)


def rebuild_bimatrix_profile(
    game: NormalFormGame, x: object, y: object, tolerance: float = 1e-9
) -> MixedProfile | None:
    """Rebuild a float profile of a two-player game as an exact rational one.

    The supports are read off the floats (probabilities above ``tolerance``); each player's
    exact mix is then the solution of the opponent's indifference equations on those supports.
    When the supports do not determine a unique solution (degenerate games), the floats are
    rounded to nearby fractions instead. Either way the result still has to pass
    :func:`certify`; this only proposes.
    """
    xs = [float(v) for v in np.asarray(x, dtype=float).ravel()]
    ys = [float(v) for v in np.asarray(y, dtype=float).ravel()]
    if len(xs) != game.shape[0] or len(ys) != game.shape[1]:
        return None
    rows = [i for i, p in enumerate(xs) if p > tolerance]
    cols = [j for j, p in enumerate(ys) if p > tolerance]
    if not rows or not cols:
        return None
    A, B = game.payoffs[0], game.payoffs[1]
    y_solved = indifference_mix(A.tolist(), rows, cols)
    x_solved = indifference_mix(B.T.tolist(), cols, rows)
    if y_solved is not None and x_solved is not None:
        x_mix = dict(zip(rows, x_solved[0], strict=True))
        y_mix = dict(zip(cols, y_solved[0], strict=True))
        return (
            tuple(x_mix.get(i, Fraction(0)) for i in range(game.shape[0])),
            tuple(y_mix.get(j, Fraction(0)) for j in range(game.shape[1])),
        )
    return tuple(_round_mix(values, tolerance) for values in (xs, ys))


def _round_mix(values: list[float], tolerance: float) -> tuple[Fraction, ...]:
    approx = [
        Fraction(v).limit_denominator(10**6) if v > tolerance else Fraction(0) for v in values
    ]
    total = sum(approx, Fraction(0))
    return tuple(p / total for p in approx) if total > 0 else tuple(approx)
