"""Strategy profiles and equilibria, in exact arithmetic."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ggcalc.expressions import ExpressionError, parse_number
from ggcalc.rationals import fraction_text

__all__ = ["Equilibrium", "MixedProfile", "pure_profile"]

#: One probability vector per player, each over that player's strategies, exact.
MixedProfile = tuple[tuple[Fraction, ...], ...]


def pure_profile(shape: tuple[int, ...], profile: tuple[int, ...]) -> MixedProfile:
    """The mixed profile that plays pure strategy ``profile[p]`` for every player ``p``."""
    return tuple(
        tuple(Fraction(1) if s == chosen else Fraction(0) for s in range(k))
        for k, chosen in zip(shape, profile, strict=True)
    )


@dataclass(frozen=True)
class Equilibrium:
    """A certified Nash equilibrium: the profile and each player's exact expected payoff.

    Instances are made by :func:`ggcalc.certify.certify`, which checks in exact arithmetic that
    no player gains by deviating to any pure strategy.
    """

    profile: MixedProfile
    payoffs: tuple[Fraction, ...]

    @property
    def pure(self) -> bool:
        """Whether every player plays one strategy with probability 1."""
        return all(max(mix) == 1 for mix in self.profile)

    def support(self, player: int) -> tuple[int, ...]:
        """The strategies ``player`` plays with positive probability."""
        return tuple(i for i, p in enumerate(self.profile[player]) if p > 0)

    def sort_key(self) -> tuple[object, ...]:
        """Pure equilibria first, then by probabilities, highest on the first strategy first."""
        return (not self.pure, tuple(tuple(-p for p in mix) for mix in self.profile))


def describe_mix(names: tuple[str, ...], mix: tuple[Fraction, ...]) -> str:
    """``'Blockade'`` for a pure strategy, ``'1/2 Blockade + 1/2 Air strike'`` for a mix."""

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
    return " + ".join(f"{fraction_text(p)} {label(name)}" for name, p in played)
