"""Strategy profiles and equilibria of normal-form games, in exact arithmetic.

A mixed strategy profile gives each player a probability distribution over that player's pure
strategies; an :class:`Equilibrium` is a profile certified to be a Nash equilibrium.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ggcalc.exact.algebraic import Real, human_text, is_rational
from ggcalc.exact.expressions import ExpressionError, parse_number

__all__ = ["ApproximateEquilibrium", "Equilibrium", "MixedProfile", "pure_profile"]

#: One probability vector per player, each over that player's strategies, exact (rational, or
#: irrational algebraic in games of three or more players).
MixedProfile = tuple[tuple[Real, ...], ...]


def pure_profile(shape: tuple[int, ...], profile: tuple[int, ...]) -> MixedProfile:
    """The mixed profile that plays pure strategy ``profile[p]`` for every player ``p``.

    Parameters
    ----------
    shape : tuple of int
        The number of pure strategies of each player.
    profile : tuple of int
        A pure strategy profile: one 0-based strategy index per player.

    Returns
    -------
    MixedProfile
        For each player, probability 1 on the chosen strategy and 0 on the others.
    """
    return tuple(
        tuple(Fraction(1) if s == chosen else Fraction(0) for s in range(k))
        for k, chosen in zip(shape, profile, strict=True)
    )


@dataclass(frozen=True)
class Equilibrium:
    """A certified Nash equilibrium: the profile and each player's exact expected payoff.

    Instances are made by :func:`ggcalc.certification.normal_form.certify`, which checks in
    exact arithmetic that no player gains by deviating to any pure strategy.

    Attributes
    ----------
    profile : MixedProfile
        One exact probability vector per player, over that player's pure strategies.
    payoffs : tuple of Fraction
        Each player's exact expected payoff under ``profile``.
    """

    profile: MixedProfile
    payoffs: tuple[Real, ...]

    @property
    def pure(self) -> bool:
        """Whether every player plays one strategy with probability 1."""
        return all(max(mix) == 1 for mix in self.profile)

    def support(self, player: int) -> tuple[int, ...]:
        """The strategies ``player`` plays with positive probability.

        Parameters
        ----------
        player : int
            The player's 0-based index.

        Returns
        -------
        tuple of int
            The 0-based indices of the strategies in the support, ascending.
        """
        return tuple(i for i, p in enumerate(self.profile[player]) if p > 0)

    def sort_key(self) -> tuple[object, ...]:
        """The key that orders equilibria for display.

        Pure equilibria first, then by probabilities, highest on the first strategy first.

        Returns
        -------
        tuple
            A key for :func:`sorted`.
        """
        return (not self.pure, tuple(tuple(-p for p in mix) for mix in self.profile))


@dataclass(frozen=True)
class ApproximateEquilibrium:
    """An ε-equilibrium: a profile no player can improve on by more than ``epsilon``.

    Found numerically where the exact enumeration would not finish, then written with exact
    rational probabilities; ``regrets`` and ``epsilon`` are computed from those rationals in
    exact arithmetic, so the bound is proven, not estimated. It is *not* a Nash equilibrium
    unless ``epsilon`` is 0 (and then it would have been certified as one).

    Attributes
    ----------
    profile : tuple of tuple of Fraction
        One exact probability vector per player.
    payoffs : tuple of Fraction
        Each player's exact expected payoff under ``profile``.
    regrets : tuple of Fraction
        For each player, what its best pure strategy earns against the others' mixes minus
        what its own mix earns: the most it can gain by deviating (never negative).
    epsilon : Fraction
        The largest regret: the ε of the ε-equilibrium.
    origin : str
        How it was found, in words (e.g. ``"end of the logit path at λ = 3.2e+06"``).
    """

    profile: tuple[tuple[Fraction, ...], ...]
    payoffs: tuple[Fraction, ...]
    regrets: tuple[Fraction, ...]
    epsilon: Fraction
    origin: str = ""


def describe_mix(names: tuple[str, ...], mix: tuple[Real, ...]) -> str:
    """Describe one player's mixed strategy in words.

    ``'Blockade'`` for a pure strategy, ``'1/2 Blockade + 1/2 Air strike'`` for a mix (the
    strategies played with positive probability, in order). A strategy whose name reads as a
    number, or contains ``+``, is quoted so that the description stays unambiguous.

    Parameters
    ----------
    names : tuple of str
        The player's strategy names, in order.
    mix : tuple of Fraction
        The probability of each strategy.

    Returns
    -------
    str
        The description.
    """

    def label(name: str) -> str:
        # A strategy called "2" would read as a number inside "1/3 2 + 2/3 3": quote it.
        try:
            numeric = parse_number(name) is not None
        except ExpressionError:
            numeric = True
        return f"'{name}'" if numeric or "+" in name else name

    played = [(name, p) for name, p in zip(names, mix, strict=True) if p != 0]
    if len(played) == 1 and played[0][1] == 1:
        return played[0][0]
    # An irrational probability reads "(2 - √2 ≈ 0.585786) x": parentheses keep it one term.
    return " + ".join(
        f"{human_text(p) if is_rational(p) else '(' + human_text(p) + ')'} {label(name)}"
        for name, p in played
    )
