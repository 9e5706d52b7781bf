"""The principal branch of the logit quantal response equilibrium (QRE) correspondence.

A logit QRE at precision λ ≥ 0 (McKelvey and Palfrey 1995, "Quantal response equilibria for
normal form games", Games Econ. Behav. 10:6-38) is a mixed profile in which each player plays
each pure strategy with probability proportional to ``exp(λ · its expected payoff)``. From
uniform play at λ = 0, one smooth branch of QREs, the *principal branch*, leads as λ → ∞ to a
Nash equilibrium (for generic games). It is followed as in Turocy (2005, "A dynamic homotopy
interpretation of the logistic quantal response equilibrium correspondence", Games Econ. Behav.
51:243-263) and Gambit's ``gambit-logit``: in log-probabilities ``v`` it is the curve

    H_i0 = Σ_s exp(v_is) - 1 = 0,   H_is = v_is - v_i0 - λ (u_i(s) - u_i(0)) = 0   (s ≥ 1),

``u_i(s)`` being i's expected payoff for s against ``exp(v)``, traced by arc length with a
predictor-corrector method (Allgower and Georg 1990, "Numerical Continuation Methods", ch. 6):
the predictor follows the tangent at the last point, the null space of the Jacobian of H in
``(v, λ)`` (the last column of Q in the QR decomposition of its transpose); the corrector is
Newton's method with the Moore-Penrose inverse of the Jacobian at the predicted point. Steps
grow when easy and are halved and retried when the corrector strays or contracts badly, or the
tangent turns too fast; the tangent keeps its orientation (positive dot product with the last),
so the path may turn back in λ at folds.

Units: payoffs are first mapped to [0, 1] by ``(u - min) / (max - min)`` over the whole game,
so the path is the same for payoffs 0..1 and 0..1000. Reported λ (and :func:`logit_qre`'s) is
in the caller's payoff units: the QRE equations hold with the caller's payoffs and that λ.
``tol`` and ``max_lambda`` are relative: they bound regret / (max - min) and λ · (max - min).

Endgame: near a mixed equilibrium regret falls only like 1/λ, so from λ · (max - min) = 10 on,
at every 25% growth of λ, Newton's method is run on the Nash conditions (indifference among the
strategies played with probability ≥ 1e-6, else ≥ 1e-3; Σ = 1) from the current point. When two
successive runs reach the same equilibrium, with regret ≤ tol and near the point (no played
strategy's probability moves by over half of itself, or 0.05), it is the result; when the
trace stops at ``max_lambda`` or ``max_steps``, one such run suffices.

Why one module: the tracer, its landing on a given λ and its endgame share one private view of
the game (normalised tables, H and its Jacobian); a third of the length is documentation.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["LogitPoint", "LogitResult", "logit_path", "logit_qre"]

# Step control (first step, first correction and contraction limits as Gambit's): the first
# arc-length step; the shortest step tried; the factor a step grows by at most, and shrinks by
# when refused; the largest first Newton correction; the largest ratio of successive ones; the
# smallest cosine between successive tangents; the corrector's tolerance and iterations.
_H_START, _H_MIN, _GROWTH, _MAX_DIST, _MAX_CONTRACTION = 0.03, 1e-9, 2.0, 0.4, 0.6
_MIN_COS, _TOL, _ITERATIONS = 0.8, 1e-7, 40
# The endgame: the normalised λ it starts at; how far it may move a probability; its guesses
# of the support (the strategies played with probability at least this).
_POLISH_FROM, _POLISH_RADIUS, _PLAYED = 10.0, 0.05, (1e-6, 1e-3)

Profile = list[np.ndarray]


@dataclass
class LogitPoint:
    """A point of the principal branch: the logit QRE at precision ``lam``.

    Attributes
    ----------
    lam
        λ, in the caller's payoff units.
    profile
        One probability vector per player (each sums to 1; tiny ones may underflow to 0).
    """

    lam: float
    profile: Profile


@dataclass
class LogitResult:
    """Where a trace of the principal branch stopped, and why.

    Attributes
    ----------
    profile
        The last point's mixed profile or, if the endgame succeeded, the Nash equilibrium it
        polished from it (off its support the probabilities are exactly 0).
    lam, regret
        The last traced λ; the largest gain any player has from a pure deviation at
        ``profile``. Both in the caller's payoff units.
    converged, steps
        Whether ``regret <= tol × (max payoff - min payoff)``; the accepted path steps.
    reason
        ``"converged"``, ``"max lambda"``, ``"max steps"``, ``"timeout"`` or ``"path failed"``.
    """

    profile: Profile
    lam: float
    regret: float
    converged: bool
    steps: int
    reason: str


def _exp(v: np.ndarray) -> np.ndarray:
    """``exp(v)``, with results below 1e-250 flushed to 0 (subnormals slow arithmetic)."""
    x = np.exp(v)
    x[x < 1e-250] = 0.0
    return x


def _contract(table: np.ndarray, xs: Profile, keep: tuple[int, ...]) -> np.ndarray:
    """``table`` summed against ``xs[k]`` over every axis ``k`` not in ``keep``."""
    for k in range(table.ndim - 1, -1, -1):  # from the last axis, so axis k stays axis k
        if k not in keep:
            table = np.tensordot(table, xs[k], axes=([k], [0]))
    return table


def _finite(*arrays: np.ndarray) -> bool:
    return all(bool(np.isfinite(a).all()) for a in arrays)


def _same(a: Profile, b: Profile) -> bool:
    return all(float(np.abs(p - q).max()) < 1e-9 for p, q in zip(a, b, strict=True))


class _Game:
    """Normalised payoff tables, and the QRE system H(v, λ) with its Jacobian."""

    def __init__(self, payoffs: Sequence[np.ndarray]) -> None:
        tables = [np.asarray(table, dtype=float) for table in payoffs]
        shape = tables[0].shape if tables else ()
        if not tables or len(shape) != len(tables) or min(shape) < 1:
            raise ValueError(f"{len(tables)} players need tables with {len(tables)} axes")
        if any(table.shape != shape for table in tables) or not _finite(*tables):
            raise ValueError("the payoff tables must be finite and all of the same shape")
        low = min(float(table.min()) for table in tables)
        high = max(float(table.max()) for table in tables)
        self.scale = high - low if high > low else 1.0
        self.tables = [(table - low) / self.scale for table in tables]
        self.sizes = shape
        self.starts = [0, *itertools.accumulate(shape)]
        self.n = self.starts[-1]

    def split(self, v: np.ndarray) -> Profile:
        return [v[a:b] for a, b in itertools.pairwise(self.starts)]

    def profile(self, v: np.ndarray) -> Profile:
        """The mixed profile with log-probabilities ``v``, each player's part normalised."""
        weights = [_exp(part - part.max()) for part in self.split(v)]
        return [w / w.sum() for w in weights]

    def payoffs(self, xs: Profile) -> Profile:
        return [_contract(table, xs, (i,)) for i, table in enumerate(self.tables)]

    def blocks(self, xs: Profile) -> dict[tuple[int, int], np.ndarray]:
        """``∂u_i(s)/∂x_jt`` as an ``(m_i, m_j)`` array, for every pair of players i ≠ j."""
        out = {}
        for (i, table), j in itertools.product(enumerate(self.tables), range(len(xs))):
            if j != i:
                block = _contract(table, xs, (min(i, j), max(i, j)))
                out[i, j] = block if i < j else block.T
        return out

    def regret(self, xs: Profile) -> float:
        """The largest normalised gain from a pure deviation at ``xs``."""
        return max(float(u.max() - u @ x) for u, x in zip(self.payoffs(xs), xs, strict=True))

    def residual(self, y: np.ndarray) -> np.ndarray:
        parts, lam = self.split(y[:-1]), y[-1]
        xs = [_exp(part) for part in parts]
        h = np.empty(self.n)
        for a, part, x, u in zip(self.starts, parts, xs, self.payoffs(xs), strict=False):
            h[a] = x.sum() - 1.0
            h[a + 1 : a + len(x)] = part[1:] - part[0] - lam * (u[1:] - u[0])
        return h

    def jacobian(self, y: np.ndarray) -> np.ndarray:
        xs, lam = [_exp(part) for part in self.split(y[:-1])], y[-1]
        blocks = self.blocks(xs)
        jac = np.zeros((self.n, self.n + 1))
        for i, (a, x, u) in enumerate(zip(self.starts, xs, self.payoffs(xs), strict=False)):
            m = len(x)
            jac[a, a : a + m] = x
            if m > 1:
                rows = slice(a + 1, a + m)
                jac[rows, a + 1 : a + m] = np.eye(m - 1)
                jac[rows, a] = -1.0
                jac[rows, -1] = -(u[1:] - u[0])
                for j, (b, xj) in enumerate(zip(self.starts, xs, strict=False)):
                    if j != i:
                        block = blocks[i, j]
                        jac[rows, b : b + len(xj)] = -lam * (block[1:] - block[0]) * xj
        return jac


def _tangent(game: _Game, y: np.ndarray) -> np.ndarray | None:
    """A unit vector spanning the Jacobian's null space at ``y``, in either orientation."""
    jac = game.jacobian(y)
    return np.linalg.qr(jac.T, mode="complete")[0][:, -1] if _finite(jac) else None


def _correct(game: _Game, u: np.ndarray) -> tuple[np.ndarray, float] | None:
    """Newton's corrector from the predicted point ``u``, with the Moore-Penrose inverse of
    the Jacobian at ``u`` (a chord method, as Gambit's): the point on the path and the factor
    to divide the step by; ``None`` if the step must be shortened."""
    jac = game.jacobian(u)
    if not _finite(jac):
        return None
    q, r = np.linalg.qr(jac.T)
    try:
        inverse = q @ np.linalg.inv(r.T)
    except np.linalg.LinAlgError:
        return None
    decel, previous = 1.0 / _GROWTH, 0.0
    for iteration in range(_ITERATIONS):
        correction = inverse @ game.residual(u)
        u = u - correction
        dist = float(np.linalg.norm(correction))
        if not dist < _MAX_DIST:  # also when it is NaN
            return None
        decel = max(decel, math.sqrt(dist / _MAX_DIST) * _GROWTH)
        if iteration:
            contraction = dist / (previous + 1e-8)
            if contraction > _MAX_CONTRACTION:
                return None
            decel = max(decel, math.sqrt(contraction / _MAX_CONTRACTION) * _GROWTH)
        if dist <= _TOL * max(1.0, float(np.abs(u).max())):
            return u, decel
        previous = dist
    return None


def _land(game: _Game, y0: np.ndarray, y1: np.ndarray, lam: float) -> np.ndarray | None:
    """The path's point at λ = ``lam`` between ``y0`` and ``y1``, by Newton at fixed λ."""
    y = y0 + (lam - y0[-1]) / (y1[-1] - y0[-1]) * (y1 - y0)
    y[-1] = lam
    for _ in range(50):
        try:
            step = np.linalg.solve(game.jacobian(y)[:, :-1], game.residual(y))
        except np.linalg.LinAlgError:
            return None
        y[:-1] -= step
        if not (_finite(step) and np.abs(step).max() < 1.0):
            return None
        if np.abs(step).max() <= 1e-14 * max(1.0, float(np.abs(y).max())):
            return y
    return None


def _polish(game: _Game, xs: Profile, tol: float) -> Profile | None:
    """A Nash equilibrium near ``xs`` with regret ≤ tol, found by Newton's method on a support
    guessed from ``xs``, or ``None`` (see the module's docstring)."""
    flat = np.concatenate(xs)
    for played in _PLAYED:
        supports = [np.flatnonzero(x >= played) for x in xs]
        starts = [0, *itertools.accumulate(len(s) for s in supports)]
        where = np.concatenate([a + s for a, s in zip(game.starts, supports, strict=False)])
        z = np.concatenate([x[s] / x[s].sum() for x, s in zip(xs, supports, strict=True)])
        previous = math.inf
        for _ in range(12 if z.size > len(xs) else 0):  # nothing to solve if pure
            full = np.zeros(game.n)
            full[where] = z
            payoffs, blocks = game.payoffs(game.split(full)), game.blocks(game.split(full))
            f, jac = np.zeros(z.size), np.zeros((z.size, z.size))
            for (i, s), a in zip(enumerate(supports), starts, strict=False):
                f[a] = z[a : a + len(s)].sum() - 1.0
                f[a + 1 : a + len(s)] = payoffs[i][s[1:]] - payoffs[i][s[0]]
                jac[a, a : a + len(s)] = 1.0
                for (j, t), b in zip(enumerate(supports), starts, strict=False):
                    if j != i and len(s) > 1:
                        block = blocks[i, j][:, t]
                        jac[a + 1 : a + len(s), b : b + len(t)] = block[s[1:]] - block[s[0]]
            step = np.linalg.lstsq(jac, f, rcond=None)[0]  # ties can make jac singular
            z, size = z - step, float(np.abs(step).max())
            if not (_finite(z) and size < 0.5 and (size < 1e-6 or size < previous / 4)):
                break  # Newton is not converging quickly: the support is wrong
            if size <= 1e-14:
                break
            previous = size
        if not (_finite(z) and z.min() > -1e-9):
            continue
        full = np.zeros(game.n)
        full[where] = np.maximum(z, 0.0)
        polished = [p / p.sum() for p in game.split(full)]
        moved = np.abs(np.concatenate(polished) - flat)
        near = (moved <= np.minimum(flat / 2, _POLISH_RADIUS) + (flat < played)).all()
        if near and game.regret(polished) <= tol:
            return polished
    return None


def _trace(
    game: _Game,
    target: float | None,
    tol: float,
    max_lambda: float,
    max_steps: int,
    timeout: float | None,
    on_point: Callable[[LogitPoint], None] | None,
) -> tuple[np.ndarray, Profile | None, int, str]:
    """Follow the branch from λ = 0 until it crosses ``target`` (normalised; landing on it)
    or, without a target, until the regret is ≤ tol: the last point, the endgame's
    equilibrium if any, the number of steps and the reason for stopping."""
    begun = time.monotonic()
    y = np.concatenate([-np.log(np.repeat(game.sizes, game.sizes)), [0.0]])

    def emit(point: np.ndarray) -> None:
        if on_point is not None:
            on_point(LogitPoint(float(point[-1]) / game.scale, game.profile(point[:-1])))

    emit(y)
    if target == 0.0 or (target is None and game.regret(game.profile(y[:-1])) <= tol):
        return y, None, 0, "converged"
    tangent = _tangent(game, y)
    if tangent is None:
        return y, None, 0, "path failed"
    tangent = tangent if tangent[-1] >= 0.0 else -tangent  # start towards λ > 0
    h, steps, polish_at, candidate = _H_START, 0, _POLISH_FROM, None
    while True:
        if timeout is not None and time.monotonic() - begun > timeout:
            return y, None, steps, "timeout"
        if steps >= max_steps or (target is None and y[-1] >= max_lambda):
            polished = None if target is not None else _polish(game, game.profile(y[:-1]), tol)
            reason = "max steps" if steps >= max_steps else "max lambda"
            return y, polished, steps, reason if polished is None else "converged"
        if h < _H_MIN or y[-1] < 0.0:
            return y, None, steps, "path failed"
        corrected = _correct(game, y + h * tangent)
        new = None if corrected is None else _tangent(game, corrected[0])
        if corrected is None or new is None or abs(new @ tangent) < _MIN_COS:
            h /= _GROWTH
            continue
        u, decel = corrected
        if target is not None and y[-1] < target <= u[-1]:
            landed = _land(game, y, u, target)
            if landed is None:
                h /= _GROWTH
                continue
            emit(landed)
            return landed, None, steps + 1, "converged"
        y, tangent, steps = u, (new if new @ tangent > 0.0 else -new), steps + 1
        h /= decel
        emit(y)
        if target is not None:
            continue
        xs = game.profile(y[:-1])
        if game.regret(xs) <= tol:
            return y, None, steps, "converged"
        if y[-1] >= polish_at:
            polish_at = 1.25 * y[-1]
            polished = _polish(game, xs, tol)
            if polished is not None and candidate is not None and _same(polished, candidate):
                return y, polished, steps, "converged"
            candidate = polished


def logit_path(
    payoffs: Sequence[np.ndarray],
    *,
    tol: float = 1e-10,
    max_lambda: float = 1e7,
    max_steps: int = 100_000,
    timeout: float | None = None,
    on_point: Callable[[LogitPoint], None] | None = None,
) -> LogitResult:
    """Follow the principal logit QRE branch from uniform play towards a Nash equilibrium.

    Parameters
    ----------
    payoffs
        ``payoffs[i]`` is player i's payoff array; all have shape ``(m_1, ..., m_n)``.
    tol
        Stop once the regret is at most ``tol × (max payoff - min payoff)``.
    max_lambda
        Stop once ``λ × (max payoff - min payoff)`` reaches this (it is dimensionless).
    max_steps, timeout
        Stop after this many accepted path steps, or seconds (``time.monotonic``, checked
        between steps; ``None``: no limit).
    on_point
        Called with each accepted point of the path, the first at λ = 0.

    Returns
    -------
    LogitResult
        The last point (or the endgame's equilibrium) and why the trace stopped. A hard game
        does not raise: the trace stops with ``reason == "path failed"`` instead.
    """
    game = _Game(payoffs)
    with np.errstate(all="ignore"):
        y, polished, steps, why = _trace(game, None, tol, max_lambda, max_steps, timeout, on_point)
        profile = polished if polished is not None else game.profile(y[:-1])
        regret = game.regret(profile)
    return LogitResult(
        profile=profile,
        lam=float(y[-1]) / game.scale,
        regret=regret * game.scale,
        converged=regret <= tol,
        steps=steps,
        reason="converged" if regret <= tol else why,
    )


def logit_qre(
    payoffs: Sequence[np.ndarray],
    lam: float,
    *,
    max_steps: int = 100_000,
    timeout: float | None = None,
    on_point: Callable[[LogitPoint], None] | None = None,
) -> LogitPoint:
    """The principal-branch logit QRE at ``lam``: where the branch first reaches that λ.

    Parameters
    ----------
    payoffs
        ``payoffs[i]`` is player i's payoff array; all have shape ``(m_1, ..., m_n)``.
    lam
        λ ≥ 0 in the caller's payoff units: each player plays each strategy with probability
        proportional to ``exp(lam × its expected payoff)``.
    max_steps, timeout
        Give up after this many accepted path steps, or seconds (``None``: no limit).
    on_point
        Called with each accepted point of the path, the last at ``lam``.

    Returns
    -------
    LogitPoint
        The QRE at exactly ``lam``, its equations solved by Newton's method to rounding.

    Raises
    ------
    ValueError
        If ``lam`` is negative or not finite, or the payoff tables are malformed.
    RuntimeError
        If a limit is hit, or the path fails, before λ reaches ``lam``.
    """
    if not (math.isfinite(lam) and lam >= 0.0):
        raise ValueError(f"λ must be finite and non-negative, not {lam}")
    game = _Game(payoffs)
    with np.errstate(all="ignore"):
        y, _, _, why = _trace(game, lam * game.scale, 0.0, 0.0, max_steps, timeout, on_point)
        if why != "converged":
            raise RuntimeError(f"the logit path stopped at λ = {y[-1] / game.scale:g}: {why}")
        return LogitPoint(lam=float(lam), profile=game.profile(y[:-1]))
