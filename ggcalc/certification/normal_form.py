"""Certification: the exact check that a profile is a Nash equilibrium.

Every equilibrium ggcalc shows passes through :func:`certify` (or :func:`certify_all`). The
check is the definition itself, in exact arithmetic: each player's mix is a probability vector,
and no pure strategy earns a player more than the mix does against the others' mixes. Checking
pure deviations is enough because a mixed deviation earns an average of pure ones. For two
players the same inequalities are checked in integers, each side multiplied by the positive
common denominators of the payoffs and the mixes; other games use rational arithmetic.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from math import lcm
from typing import cast

from ggcalc.exact.algebraic import Algebraic, Real, exact_text
from ggcalc.exact.linear import indifference_mix
from ggcalc.exact.rationals import round_probabilities
from ggcalc.model.normal_form import NormalFormGame, pure_strategy_payoffs
from ggcalc.model.profiles import ApproximateEquilibrium, Equilibrium, MixedProfile

__all__ = [
    "approximate_equilibrium",
    "certify",
    "certify_all",
    "deviation_payoffs",
    "failure_reason",
    "integer_tables",
]


def deviation_payoffs(game: NormalFormGame, profile: MixedProfile, player: int) -> list[Fraction]:
    """What ``player`` earns with each of its pure strategies while the others play ``profile``.

    Parameters
    ----------
    game : NormalFormGame
        The game, with exact payoffs.
    profile : MixedProfile
        One exact probability vector per player (``player``'s own mix is not used).
    player : int
        The deviating player's 0-based index.

    Returns
    -------
    list of Fraction
        The exact expected payoff of each of ``player``'s pure strategies, in order.
    """
    return pure_strategy_payoffs(game.shape, game.tables[player], profile, player)


def _check(game: NormalFormGame, profile: MixedProfile) -> tuple[str | None, tuple[Real, ...]]:
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
            gain = exact_text(best - earned)
            return f"{game.players[player]} gains {gain} by switching to '{strategy}'", ()
        earned_by_player.append(earned)
    return None, tuple(earned_by_player)


def failure_reason(game: NormalFormGame, profile: MixedProfile) -> str | None:
    """Why ``profile`` is not an exact Nash equilibrium of ``game``, or ``None`` if it is one.

    Parameters
    ----------
    game : NormalFormGame
        The game, with exact payoffs.
    profile : MixedProfile
        One exact probability vector per player.

    Returns
    -------
    str or None
        The first failure in plain words (a mix of the wrong length, a negative probability,
        probabilities not summing to 1, or a player who gains by switching to a named pure
        strategy, and by how much); ``None`` for an equilibrium.
    """
    return _check(game, profile)[0]


def approximate_equilibrium(
    game: NormalFormGame, profile: Sequence[Sequence[Fraction]], origin: str = ""
) -> ApproximateEquilibrium:
    """The exact ε of a rational profile: how much the player who gains most could gain.

    Parameters
    ----------
    game : NormalFormGame
        The game, with exact payoffs.
    profile : sequence of sequences of Fraction
        One exact rational probability vector per player.
    origin : str, optional
        How the profile was found, for the report.

    Returns
    -------
    ApproximateEquilibrium
        The profile with each player's exact payoff and regret, and ε, their maximum.

    Raises
    ------
    ValueError
        If a mix is not a probability vector of the right length.
    """
    exact = tuple(tuple(Fraction(p) for p in mix) for mix in profile)
    payoffs, regrets = [], []
    for player, (mix, k) in enumerate(zip(exact, game.shape, strict=True)):
        if len(mix) != k or any(p < 0 for p in mix) or sum(mix) != 1:
            raise ValueError(f"{game.players[player]}'s mix is not a probability vector")
        values = deviation_payoffs(game, exact, player)
        earned = sum((p * v for p, v in zip(mix, values, strict=True)), Fraction(0))
        payoffs.append(earned)
        regrets.append(max(values) - earned)
    return ApproximateEquilibrium(exact, tuple(payoffs), tuple(regrets), max(regrets), origin)


def certify(game: NormalFormGame, profile: MixedProfile) -> Equilibrium | None:
    """Return the :class:`Equilibrium` if ``profile`` is an exact Nash equilibrium, else ``None``.

    Parameters
    ----------
    game : NormalFormGame
        The game, with exact payoffs.
    profile : MixedProfile
        One exact probability vector per player (ints or Fractions).

    Returns
    -------
    Equilibrium or None
        The certified equilibrium, with each player's exact expected payoff; ``None`` if a
        mix is not a probability vector of the right length or some player gains by
        deviating to a pure strategy.
    """
    return certify_all(game, [profile])[0]


def certify_all(game: NormalFormGame, profiles: Sequence[MixedProfile]) -> list[Equilibrium | None]:
    """:func:`certify` for each of ``profiles``, sharing the work that depends on the game only.

    Two-player games are checked in integer arithmetic (:func:`_bimatrix_payoffs`): the same
    definition, with every quantity multiplied by one positive common denominator.

    Parameters
    ----------
    game : NormalFormGame
        The game, with exact payoffs.
    profiles : sequence of MixedProfile
        The profiles to check, each one exact probability vector per player.

    Returns
    -------
    list of Equilibrium or None
        For each profile in order, its certified :class:`Equilibrium`, or ``None``.
    """
    tables = integer_tables(game) if game.n_players == 2 else None
    certified: list[Equilibrium | None] = []
    for profile in profiles:
        exact = tuple(tuple(_exact(p) for p in mix) for mix in profile)
        if tables is None:
            reason, payoffs = _check(game, exact)
            certified.append(None if reason is not None else Equilibrium(exact, payoffs))
            continue
        bimatrix = _bimatrix_payoffs(tables, exact) if _shaped(game, exact) else None
        certified.append(None if bimatrix is None else Equilibrium(exact, bimatrix))
    return certified


def _exact(p: Real | int) -> Real:
    """An int or Fraction as a Fraction; an algebraic number (already exact) as it is."""
    return p if type(p) is Fraction or isinstance(p, Algebraic) else Fraction(p)


IntegerTable = tuple[list[list[int]], int]


def integer_tables(game: NormalFormGame) -> list[IntegerTable]:
    """Each player's payoffs of a two-player game as ``(rows of integers, d)``.

    ``d`` is the least common denominator of the player's payoffs, so the table is exactly
    ``rows / d`` and ``rows`` equals
    :attr:`~ggcalc.model.normal_form.NormalFormGame.scaled_tables` as rows.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.

    Returns
    -------
    list of (list of list of int, int)
        One ``(rows, d)`` per player; ``rows[i][j]`` is the scaled payoff when the row player
        plays ``i`` and the column player ``j``.
    """
    width = game.shape[1]
    return [
        ([list(ints[i : i + width]) for i in range(0, len(ints), width)], d)
        for ints, d in game.scaled_tables
    ]


def _shaped(game: NormalFormGame, profile: MixedProfile) -> bool:
    return len(profile) == game.n_players and all(
        len(mix) == k for mix, k in zip(profile, game.shape, strict=True)
    )


def _scaled(mix: tuple[Fraction, ...]) -> tuple[list[int], int]:
    """``(numerators, d)`` with ``mix == numerators / d`` exactly and ``d > 0``."""
    d = lcm(*(p.denominator for p in mix))
    return [p.numerator * (d // p.denominator) for p in mix], d


def _bimatrix_payoffs(
    tables: list[IntegerTable], profile: MixedProfile
) -> tuple[Fraction, Fraction] | None:
    """Both players' expected payoffs if ``profile`` is an exact equilibrium, else ``None``.

    With ``A = a / d_A``, ``x = x' / d_x`` and ``y = y' / d_y`` (integers over positive common
    denominators), row ``i`` earns ``(a y')_i / (d_A d_y)`` and the mix ``x' a y' / (d_A d_x
    d_y)``, so "no pure strategy earns more than the mix" is ``d_x max_i (a y')_i <= x' a y'``
    in integers; likewise for the column player. The probability checks are ``x' >= 0`` and
    ``sum x' = d_x``.
    """
    (a, da), (b, db) = tables
    # Two players: every probability is rational (irrational ones need three players).
    x, dx = _scaled(cast("tuple[Fraction, ...]", profile[0]))
    y, dy = _scaled(cast("tuple[Fraction, ...]", profile[1]))
    if min(x) < 0 or min(y) < 0 or sum(x) != dx or sum(y) != dy:
        return None
    played_y = [(j, q) for j, q in enumerate(y) if q]
    rows = [sum(row[j] * q for j, q in played_y) for row in a]
    earned_a = sum(p * r for p, r in zip(x, rows, strict=True) if p)
    if dx * max(rows) > earned_a:
        return None
    played_x = [(b[i], p) for i, p in enumerate(x) if p]
    columns = [sum(row[j] * p for row, p in played_x) for j in range(len(y))]
    earned_b = sum(q * c for q, c in zip(y, columns, strict=True) if q)
    if dy * max(columns) > earned_b:
        return None
    return Fraction(earned_a, da * dx * dy), Fraction(earned_b, db * dx * dy)


def rebuild_bimatrix_profile(
    game: NormalFormGame, x: object, y: object, tolerance: float = 1e-9
) -> MixedProfile | None:
    """Rebuild a float profile of a two-player game as an exact rational one.

    The supports are read off the floats (probabilities above ``tolerance``); each player's
    exact mix is then the solution of the opponent's indifference equations on those supports.
    When the supports do not determine a unique solution (degenerate games), the floats are
    rounded to nearby fractions instead. Either way the result still has to pass
    :func:`certify`; this only proposes.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game, with exact payoffs.
    x, y : array_like
        The row and the column player's float mixes (e.g. from nashpy).
    tolerance : float, optional
        Probabilities at most this are read as 0.

    Returns
    -------
    MixedProfile or None
        The proposed exact profile; ``None`` when a mix has the wrong length or an empty
        support.
    """
    import numpy as np  # only nashpy's floats come here, and nashpy has imported NumPy

    xs = [float(v) for v in np.asarray(x, dtype=float).ravel()]
    ys = [float(v) for v in np.asarray(y, dtype=float).ravel()]
    if len(xs) != game.shape[0] or len(ys) != game.shape[1]:
        return None
    rows = [i for i, p in enumerate(xs) if p > tolerance]
    cols = [j for j, p in enumerate(ys) if p > tolerance]
    if not rows or not cols:
        return None
    a, b = game.rows(0), game.rows(1)
    y_solved = indifference_mix(a, rows, cols)
    x_solved = indifference_mix([list(column) for column in zip(*b, strict=True)], cols, rows)
    if y_solved is not None and x_solved is not None:
        x_mix = dict(zip(rows, x_solved[0], strict=True))
        y_mix = dict(zip(cols, y_solved[0], strict=True))
        return (
            tuple(x_mix.get(i, Fraction(0)) for i in range(game.shape[0])),
            tuple(y_mix.get(j, Fraction(0)) for j in range(game.shape[1])),
        )
    return tuple(round_probabilities(values, 10**6, tolerance) for values in (xs, ys))
