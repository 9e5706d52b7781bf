"""Behaviour strategies for game trees, and the equilibria of trees.

A behaviour profile gives, at every decision point (information set) of a :class:`GameTree`, a
probability for each action. By Kuhn's theorem (1953) behaviour strategies are as expressive as
mixed strategies in games with perfect recall, which every ggcalc tree has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

from ggcalc.tree import GameTree

__all__ = ["BehaviorProfile", "Threat", "TreeEquilibrium", "pure_action", "pure_choice"]

#: Per information set (index into ``GameTree.infosets``): a probability per action.
BehaviorProfile = tuple[tuple[Fraction, ...], ...]

_ONE, _ZERO = Fraction(1), Fraction(0)
_PURE: dict[tuple[int, int], tuple[Fraction, ...]] = {}
#: For each shared pure choice (they live as long as the process): its action, by ``id``.
_PURE_ACTION: dict[int, int] = {}


def pure_choice(n_actions: int, action: int) -> tuple[Fraction, ...]:
    """The probabilities of playing ``action`` for sure (shared, so a million-node tree's pure
    profile costs one pointer per decision point)."""
    key = (n_actions, action)
    choice = _PURE.get(key)
    if choice is None:
        choice = tuple(_ONE if a == action else _ZERO for a in range(n_actions))
        _PURE[key] = choice
        _PURE_ACTION[id(choice)] = action
    return choice


def pure_action(mix: tuple[Fraction, ...]) -> int | None:
    """The action ``mix`` plays for sure, or None if it mixes (fast for shared pure choices)."""
    # The shared choices are never freed, so no other object can ever have their id.
    action = _PURE_ACTION.get(id(mix))
    if action is not None:
        return action
    for index, p in enumerate(mix):
        if p:
            return index if p == 1 else None
    return None


def _mix_key(mix: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    """Orders mixes: more weight on earlier actions first."""
    return tuple(-p for p in mix)


@dataclass(frozen=True)
class Threat:
    """Where an equilibrium is not credible: at ``decision_point`` the ``player`` would not
    carry out ``action`` if it came to it, because ``better`` pays them more.

    ``payoff`` and ``better_payoff`` are the player's expected payoffs there (conditional on
    reaching the decision point) from the action played and from the better one."""

    decision_point: str
    player: str
    action: str
    better: str
    payoff: Fraction
    better_payoff: Fraction

    def __str__(self) -> str:
        return (
            f"at {self.decision_point}, {self.player} would not carry out {self.action}: "
            f"{self.better} pays {self.player} {_text(self.better_payoff)} instead of "
            f"{_text(self.payoff)}"
        )


@dataclass(frozen=True)
class TreeEquilibrium:
    """A certified equilibrium of a game tree.

    Attributes
    ----------
    behavior
        Per decision point, the probability of each action.
    payoffs
        Each player's exact expected payoff.
    path
        The moves actually played from the root, when play is deterministic (no chance move
        and no mixing is reached); otherwise None.
    subgame_perfect
        Whether the profile is a Nash equilibrium of every subgame (certified exactly).
    threats
        For a Nash equilibrium that is not subgame perfect: the decision points where a player
        would not carry out what the equilibrium prescribes.
    """

    behavior: BehaviorProfile
    payoffs: tuple[Fraction, ...]
    path: tuple[str, ...] | None
    subgame_perfect: bool
    threats: tuple[Threat, ...] = field(default=())

    @cached_property
    def actions(self) -> tuple[int, ...] | None:
        """The action played at each decision point, if the profile is pure."""
        actions = tuple(map(pure_action, self.behavior))
        return None if None in actions else actions  # type: ignore[return-value]

    @property
    def pure(self) -> bool:
        """Whether every decision point has one action played for sure."""
        return self.actions is not None

    def sort_key(self) -> tuple[object, ...]:
        """Pure first, then subgame-perfect first, then by probabilities (first action
        highest first)."""
        order = self.actions if self.actions is not None else tuple(map(_mix_key, self.behavior))
        return (not self.pure, not self.subgame_perfect, order)

    def strategies(self, tree: GameTree) -> dict[str, dict[str, dict[str, Fraction]]]:
        """Player -> decision point id -> action -> probability (CONTRACT 3, sequential)."""
        result: dict[str, dict[str, dict[str, Fraction]]] = {p: {} for p in tree.players}
        for h, mix in zip(tree.infosets, self.behavior, strict=True):
            result[tree.players[h.player]][h.name] = dict(zip(h.actions, mix, strict=True))
        return result


def _text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value}"
