"""One list of certified Nash equilibria: each once, in a stable order, with its convex sets."""

from __future__ import annotations

from fractions import Fraction

from ggcalc.algorithms.nash_subsets import maximal_nash_subsets
from ggcalc.exact.algebraic import Real, exact_key
from ggcalc.model.normal_form import NormalFormGame
from ggcalc.model.profiles import Equilibrium
from ggcalc.model.solution import Solution, SourceInfo

__all__ = ["finish", "profile_key"]


def finish(
    game: NormalFormGame,
    equilibria: list[Equilibrium],
    *,
    method: str,
    complete: bool,
    warnings: list[str],
    source: SourceInfo,
    degenerate: bool | None = None,
) -> Solution:
    """The :class:`~ggcalc.model.solution.Solution` of certified ``equilibria``.

    Parameters
    ----------
    game : NormalFormGame
        The game solved.
    equilibria : list of Equilibrium
        Certified equilibria, possibly with repeats.
    method : str
        The algorithm that found them.
    complete : bool
        Whether the list is proven complete.
    warnings : list of str
        Why it may not be, and solver messages.
    source : SourceInfo
        Where the game came from.
    degenerate : bool or None, optional
        Whether a two-player game is degenerate (None: not decided).

    Returns
    -------
    Solution
        Each equilibrium once, pure ones first; for a complete two-player list, its maximal
        Nash subsets.
    """
    unique = {profile_key(eq.profile): eq for eq in equilibria}
    ordered_keys = sorted(unique, key=lambda key: unique[key].sort_key())
    ordered = [unique[key] for key in ordered_keys]
    components = None
    if complete and game.n_players == 2:
        # Meaningful only for the complete list of extreme equilibria.
        components = maximal_nash_subsets([(key[0], key[1]) for key in ordered_keys])
    return Solution(
        game, "nash", method, complete, ordered, warnings, source, degenerate, components
    )


def profile_key(profile: tuple[tuple[Real, ...], ...]) -> tuple[tuple[object, ...], ...]:
    """Exact keys that hash fast: equal keys exactly when the profiles are equal.

    Parameters
    ----------
    profile : tuple of tuple
        One exact probability vector per player.

    Returns
    -------
    tuple
        Per player, the probabilities as ``(numerator, denominator)`` pairs (rationals) or
        :func:`~ggcalc.exact.algebraic.exact_key` values.
    """
    return tuple(map(_mix_key, profile))


def _mix_key(mix: tuple[Real, ...]) -> tuple[object, ...]:
    if all(type(p) is Fraction for p in mix):
        return tuple(p.as_integer_ratio() for p in mix)  # type: ignore[union-attr]
    return tuple(map(exact_key, mix))
