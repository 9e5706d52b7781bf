"""What the exact two-player enumeration returns: extreme equilibria, vertices, degeneracy.

Shared by :mod:`ggcalc.algorithms.support_enumeration` (the entry point and the small-game
path) and :mod:`ggcalc.algorithms.support_batches` (the NumPy pipeline for larger games).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

__all__ = ["DegeneracyWitness", "SupportEnumerationResult", "Vertex"]


@dataclass(frozen=True)
class DegeneracyWitness:
    """A mixed strategy with more pure best responses than strategies in its support.

    Its existence proves the bimatrix game degenerate (see the module docstring).

    Attributes
    ----------
    player : int
        The player who mixes: 0 for the row player, 1 for the column player.
    mix : tuple of Fraction
        The mixed strategy, exact, over all of ``player``'s strategies.
    best_responses : tuple of int
        The opponent's pure best responses to ``mix``, which all earn the same, maximal payoff
        against it (more of them than ``mix`` has strategies in its support).
    """

    player: int
    mix: tuple[Fraction, ...]
    best_responses: tuple[int, ...]


@dataclass(frozen=True)
class Vertex:
    """A vertex of a best-response polyhedron: a mix and the opponent's best responses to it.

    Attributes
    ----------
    mix : tuple of Fraction
        The mixed strategy, exact, over all of the mixing player's strategies.
    best_responses : frozenset of int
        The opponent's pure best responses to ``mix``.
    support : frozenset of int
        The strategies ``mix`` plays with positive probability (derived from ``mix``).
    """

    mix: tuple[Fraction, ...]
    best_responses: frozenset[int]
    support: frozenset[int] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "support", frozenset(i for i, p in enumerate(self.mix) if p))


@dataclass
class SupportEnumerationResult:
    """Exact extreme equilibria ``(x, y)`` of a bimatrix game and how they were proven complete.

    ``witness`` is None for a nondegenerate game (every equilibrium has equal-size supports);
    otherwise it shows the degeneracy, and the equilibria come from vertex matching. Either way
    ``equilibria`` is the complete set of extreme equilibria, unless ``stopped`` says the time
    limit cut the scan short after ``pairs`` of ``total_pairs`` support pairs.

    Attributes
    ----------
    equilibria : list of (tuple of Fraction, tuple of Fraction)
        The extreme equilibria, each as the row player's and the column player's mix.
    witness : DegeneracyWitness or None
        A witness of degeneracy, or None if the scan found none (a nondegenerate game, when
        the scan was not stopped).
    pairs : int
        The support pairs scanned.
    total_pairs : int
        The support pairs of equal size there are, ``C(m + n, m) - 1``.
    stopped : bool
        Whether the time limit ended the scan: the list may then be incomplete.
    """

    equilibria: list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]] = field(
        default_factory=list
    )
    witness: DegeneracyWitness | None = None
    pairs: int = 0
    total_pairs: int = 0
    stopped: bool = False  # the time limit ended the scan: the list may be incomplete
