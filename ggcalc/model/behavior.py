"""Behaviour strategies for game trees, and the equilibria of trees.

A behaviour profile gives, at every decision point (information set) of a :class:`GameTree`, a
probability for each action. By Kuhn's theorem (1953) behaviour strategies are as expressive as
mixed strategies in games with perfect recall, which every ggcalc tree has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

from ggcalc.model.tree import GameTree

__all__ = ["BehaviorProfile", "Threat", "TreeEquilibrium", "pure_action", "pure_choice"]

#: Per information set (index into ``GameTree.infosets``): a probability per action.
BehaviorProfile = tuple[tuple[Fraction, ...], ...]

_ONE, _ZERO = Fraction(1), Fraction(0)
_PURE: dict[tuple[int, int], tuple[Fraction, ...]] = {}
#: For each shared pure choice (they live as long as the process): its action, by ``id``.
_PURE_ACTION: dict[int, int] = {}


def pure_choice(n_actions: int, action: int) -> tuple[Fraction, ...]:
    """The probabilities of playing ``action`` for sure, as a shared tuple.

    Equal pure choices are one shared object, kept for the life of the process, so a
    million-node tree's pure profile costs one pointer per decision point, and
    :func:`pure_action` recognises them by identity.

    Parameters
    ----------
    n_actions : int
        The number of actions at the decision point.
    action : int
        The 0-based index of the action played with probability 1.

    Returns
    -------
    tuple of Fraction
        1 at ``action`` and 0 elsewhere.
    """
    key = (n_actions, action)
    choice = _PURE.get(key)
    if choice is None:
        choice = tuple(_ONE if a == action else _ZERO for a in range(n_actions))
        _PURE[key] = choice
        _PURE_ACTION[id(choice)] = action
    return choice


def pure_action(mix: tuple[Fraction, ...]) -> int | None:
    """The action ``mix`` plays for sure, or None if it mixes.

    Fast (one dictionary look-up) for the shared tuples of :func:`pure_choice`; any other tuple
    is scanned up to its first nonzero probability.

    Parameters
    ----------
    mix : tuple of Fraction
        A behaviour strategy at one decision point: a probability per action.

    Returns
    -------
    int or None
        The 0-based index of the action whose probability is 1 while every other is 0, or
        None otherwise (a mix, all zeros, or a vector that is no probability vector).
    """
    # The shared choices are never freed, so no other object can ever have their id.
    action = _PURE_ACTION.get(id(mix))
    if action is not None:
        return action
    for index, p in enumerate(mix):
        if p:
            # Pure only if every later probability is 0: (1, 1/2) is no strategy at all, and
            # must reach the probability check of whoever asks, not pass as action 0.
            return index if p == 1 and not any(mix[index + 1 :]) else None
    return None


def _mix_key(mix: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    """Orders mixes: more weight on earlier actions first."""
    return tuple(-p for p in mix)


@dataclass(frozen=True)
class Threat:
    """A threat that is not credible: where an equilibrium fails to be subgame perfect.

    At ``decision_point`` the ``player`` would not carry out ``action`` if it came to it,
    because ``better`` pays them more. ``str(threat)`` says so in one sentence.

    Attributes
    ----------
    decision_point : str
        The decision point's id (CONTRACT 1.2).
    player : str
        The name of the player who moves there.
    action : str
        The action the equilibrium prescribes there.
    better : str
        An action that pays the player more there.
    payoff : Fraction
        The player's expected payoff there (conditional on reaching the decision point) from
        ``action``.
    better_payoff : Fraction
        The same from ``better``.
    """

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

    Instances are made by :func:`ggcalc.certification.tree.certify_tree`, which checks in exact
    arithmetic that no player gains by deviating and decides whether the profile is subgame
    perfect.

    Attributes
    ----------
    behavior : BehaviorProfile
        Per decision point, the probability of each action.
    payoffs : tuple of Fraction
        Each player's exact expected payoff.
    path : tuple of str or None
        The moves actually played from the root, when play is deterministic (no chance move
        and no mixing is reached); otherwise None.
    subgame_perfect : bool
        Whether the profile is a Nash equilibrium of every subgame (certified exactly).
    threats : tuple of Threat
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
        """The key that orders equilibria for display.

        Pure first, then subgame-perfect first, then by probabilities (first action highest
        first).

        Returns
        -------
        tuple
            A key for :func:`sorted`.
        """
        order = self.actions if self.actions is not None else tuple(map(_mix_key, self.behavior))
        return (not self.pure, not self.subgame_perfect, order)

    def strategies(self, tree: GameTree) -> dict[str, dict[str, dict[str, Fraction]]]:
        """The behaviour strategies by name, as the JSON document gives them.

        Parameters
        ----------
        tree : GameTree
            The tree this is an equilibrium of.

        Returns
        -------
        dict
            Player name -> decision point id -> action name -> probability (CONTRACT 3,
            sequential).
        """
        result: dict[str, dict[str, dict[str, Fraction]]] = {p: {} for p in tree.players}
        for h, mix in zip(tree.infosets, self.behavior, strict=True):
            result[tree.players[h.player]][h.name] = dict(zip(h.actions, mix, strict=True))
        return result


def _text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value}"
