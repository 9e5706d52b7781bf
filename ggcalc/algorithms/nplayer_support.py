"""Every Nash equilibrium of a small n-player game, exactly: support enumeration.

An equilibrium plays some support ``S_i`` (the strategies with positive probability) for each
player ``i``; on its support a player is indifferent, and nothing outside pays more. So for every
*support profile* ``(S_1, ..., S_n)``:

1. **Prune.** If a strategy in ``S_i`` earns no more than some other strategy of ``i`` against
   every profile of the others' supports, and less against one, it earns less against every mix
   with exactly those supports (each such profile has positive probability), so ``S_i`` cannot
   be a best-response set: skip. This is the conditional dominance of Porter, Nudelman & Shoham
   (2008), whose order the profiles are visited in too: smaller total support first, then more
   balanced.
   Where three or more players mix (the costly case), a linear test comes first: each player
   needs a belief over the others' support profiles, positive on each, against which its
   support is its set of best responses (an exact feasibility problem; it catches dominance by
   mixed strategies too).
2. **Solve.** The indifference conditions, with each mix summing to one, form a polynomial system
   in the probabilities (linear when at most two players mix). Every real solution is found
   exactly (:func:`ggcalc.algorithms.polynomial_systems.real_solutions`): rational, or algebraic
   numbers in one number field.
3. **Decide.** A solution is an equilibrium when every probability on the supports is positive
   (so the support is exactly ``S``) and no strategy outside a support earns more; each test is an
   exact sign decision.

An isolated equilibrium has exactly one support profile; a vertex of a lone mixer's polytope
(below) may also be found with its own, smaller support, so callers drop repeats. A profile
whose equations have infinitely many solutions (a continuum, in a degenerate game) and where two
or more players mix is reported as *undecided*, never sampled: the list is complete only when no
profile was undecided and the scan was not stopped. The scan checks its deadline between
profiles.

A profile where one player mixes alone and its equations leave that mix free is decided
anyway: every condition is then linear in that mix, so the equilibria form a polytope whose
vertices are listed (``continua`` names it), as the extreme equilibria of a degenerate
two-player game are.

Why one module: the scan, its pruning, the equations and the lone-mixer polytope all work on the
same support profiles and flat payoff tables; apart, each would re-derive the others' indexing.

References: R. Porter, E. Nudelman, Y. Shoham, "Simple search methods for finding a Nash
equilibrium", Games and Economic Behavior 63 (2008) 642-662; R. McKelvey, A. McLennan,
"The maximal number of regular totally mixed Nash equilibria", J. Econ. Theory 72 (1997).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations, product
from math import prod

from ggcalc.algorithms.polynomial_systems import Polynomial, real_solutions
from ggcalc.exact.algebraic import Real
from ggcalc.exact.feasibility import feasible
from ggcalc.exact.linear import solve_exact
from ggcalc.model.normal_form import pure_strategy_payoffs, strides_of

__all__ = [
    "MAX_SOLUTIONS",
    "NPlayerResult",
    "SupportDecision",
    "decide_support_profile",
    "nplayer_support_enumeration",
    "solution_bound",
    "support_profile_count",
    "support_profiles",
]

Supports = tuple[tuple[int, ...], ...]

#: Support profiles whose equations can have more isolated solutions than this (their
#: multihomogeneous Bezout number, :func:`solution_bound`) are left undecided: the exact solver
#: would take minutes on each. 10 admits every support of 3x3x3 and 2x2x2x2 games.
MAX_SOLUTIONS = 10


@dataclass
class NPlayerResult:
    """What the n-player enumeration found and what it proved.

    Attributes
    ----------
    equilibria : list of tuple
        Every equilibrium found: one exact probability vector per player (``Fraction`` or
        :class:`~ggcalc.exact.algebraic.Algebraic` entries).
    undecided : list of Supports
        Support profiles whose equations have infinitely many solutions (or could not be
        separated): equilibria there are not listed.
    too_large : list of Supports
        Support profiles not solved because their equations may have more than
        :data:`MAX_SOLUTIONS` isolated solutions.
    continua : list of Supports
        Support profiles where one player mixes and every mix in a polytope of more than one
        point is an equilibrium: its vertices are in ``equilibria`` (the extreme points), the
        points between them are equilibria too.
    examined, total : int
        Support profiles decided (pruned or solved), and how many there are.
    stopped : bool
        Whether the deadline stopped the scan early.
    """

    equilibria: list[tuple[tuple[Real, ...], ...]] = field(default_factory=list)
    undecided: list[Supports] = field(default_factory=list)
    too_large: list[Supports] = field(default_factory=list)
    continua: list[Supports] = field(default_factory=list)
    examined: int = 0
    total: int = 0
    stopped: bool = False

    @property
    def complete(self) -> bool:
        """Whether the list is proven to hold every equilibrium."""
        return not self.stopped and not self.undecided and not self.too_large


def support_profile_count(shape: Sequence[int]) -> int:
    """How many support profiles a game has: one nonempty subset per player.

    Parameters
    ----------
    shape : sequence of int
        Each player's number of strategies.

    Returns
    -------
    int
        The product of ``2^k - 1`` over the players.
    """
    return prod((1 << k) - 1 for k in shape)


def solution_bound(supports: Supports) -> int:
    """The most isolated solutions the equations of ``supports`` can have.

    The multihomogeneous Bezout number (McKelvey & McLennan 1997): player ``i`` contributes
    ``|S_i| - 1`` equations of degree one in each other player's variables, so the bound is
    the coefficient of ``prod z_j^(|S_j| - 1)`` in ``prod_i (sum_{j != i} z_j)^(|S_i| - 1)``.

    Parameters
    ----------
    supports : Supports
        One tuple of strategy indices per player.

    Returns
    -------
    int
        The bound (1 for a linear system).
    """
    sizes = [len(own) - 1 for own in supports]
    # Expand the product factor by factor, keeping only monomials within the target.
    terms: dict[tuple[int, ...], int] = {tuple(0 for _ in sizes): 1}
    for i, d in enumerate(sizes):
        for _ in range(d):
            grown: dict[tuple[int, ...], int] = {}
            for m, c in terms.items():
                for j in range(len(sizes)):
                    if j != i and m[j] < sizes[j]:
                        k = (*m[:j], m[j] + 1, *m[j + 1 :])
                        grown[k] = grown.get(k, 0) + c
            terms = grown
    return terms.get(tuple(sizes), 0)


def support_profiles(shape: Sequence[int]) -> Iterator[Supports]:
    """Every support profile, smaller total size first, then more balanced (PNS 2008).

    Parameters
    ----------
    shape : sequence of int
        Each player's number of strategies.

    Yields
    ------
    Supports
        One ascending tuple of strategy indices per player.
    """
    sizes = sorted(
        product(*(range(1, k + 1) for k in shape)),
        key=lambda s: (sum(s), max(s) - min(s), s),
    )
    for size in sizes:
        yield from product(*(combinations(range(k), z) for k, z in zip(shape, size, strict=True)))


def _against_supports(
    shape: Sequence[int], tables: Sequence[Sequence[Fraction]], supports: Supports, player: int
) -> list[list[Fraction]]:
    """``player``'s payoff of each strategy against each profile of the others' supports."""
    strides = strides_of(shape)
    others = [[s * strides[q] for s in supports[q]] for q in range(len(shape)) if q != player]
    offsets = [sum(c) for c in product(*others)]
    table, step = tables[player], strides[player]
    return [[table[o + s * step] for o in offsets] for s in range(shape[player])]


def _dominated(
    shape: Sequence[int], tables: Sequence[Sequence[Fraction]], supports: Supports
) -> bool:
    """Whether some supported strategy is conditionally dominated given the others' supports."""
    for player, own in enumerate(supports):
        columns = _against_supports(shape, tables, supports, player)
        for a in own:
            mine = columns[a]
            for b in range(shape[player]):
                if b != a:
                    other = columns[b]
                    if all(x >= y for x, y in zip(other, mine, strict=True)) and other != mine:
                        return True
    return False


def _best_responses_possible(
    shape: Sequence[int], tables: Sequence[Sequence[Fraction]], supports: Supports
) -> bool:
    """Whether, for every player, some belief over the others' support profiles that puts
    positive weight on each of them makes that player's support its best responses.

    An equilibrium with exactly these supports gives each player such a belief (the product of
    the others' mixes), so an infeasible player rules the profile out. The belief's weights
    need not multiply out, which makes the test linear: ``w >= 1`` (the conditions are
    homogeneous, so positive weights can be scaled up to 1), equal payoff on the support, no
    more outside it, decided exactly (:func:`~ggcalc.exact.feasibility.feasible` on
    ``w = 1 + t``, ``t >= 0``). It subsumes the dominance test, mixed dominators included.
    """
    for player, own in enumerate(supports):
        rows = _against_supports(shape, tables, supports, player)
        gains = [[x - f for x, f in zip(row, rows[own[0]], strict=True)] for row in rows]
        ties = [gains[a] for a in own[1:]]
        outside = [gains[b] for b in range(shape[player]) if b not in own]
        ties_rhs = [-sum(r, Fraction(0)) for r in ties]
        if not feasible(ties, ties_rhs, outside, [-sum(r, Fraction(0)) for r in outside]):
            return False
    return True


def _equations(
    shape: Sequence[int], tables: Sequence[Sequence[Fraction]], supports: Supports
) -> tuple[list[Polynomial], list[tuple[int, int]]]:
    """The indifference equations and the variables ``(player, strategy)`` they are in.

    Player ``i``'s first supported strategy gets ``1 - (the others)``; one variable for each
    other supported strategy of each mixing player.
    """
    variables = [(p, s) for p, own in enumerate(supports) for s in own[1:]]
    index = {v: k for k, v in enumerate(variables)}
    n = len(variables)
    zero = (0,) * n

    def unit(k: int) -> tuple[int, ...]:
        return tuple(1 if j == k else 0 for j in range(n))

    def probability(player: int, strategy: int) -> Polynomial:
        """The probability of ``strategy`` as a linear polynomial."""
        own = supports[player]
        if strategy != own[0]:
            return {unit(index[(player, strategy)]): Fraction(1)}
        first: Polynomial = {zero: Fraction(1)}
        for s in own[1:]:
            first[unit(index[(player, s)])] = Fraction(-1)
        return first

    strides = strides_of(shape)
    equations = []
    for player, own in enumerate(supports):
        if len(own) < 2:
            continue
        others = [q for q in range(len(shape)) if q != player]
        # The others' weight of each profile of their supports, as polynomials (multilinear).
        weights: list[tuple[int, Polynomial]] = [(0, {zero: Fraction(1)})]
        for q in others:
            weights = [
                (at + s * strides[q], _multiply(w, probability(q, s)))
                for at, w in weights
                for s in supports[q]
            ]
        table, step = tables[player], strides[player]
        for a in own[1:]:
            difference: Polynomial = {}
            for at, w in weights:
                gain = table[at + a * step] - table[at + own[0] * step]
                if gain:
                    for monomial, c in w.items():
                        difference[monomial] = difference.get(monomial, Fraction(0)) + gain * c
            equations.append(difference)
    return equations, variables


def _multiply(a: Polynomial, b: Polynomial) -> Polynomial:
    out: Polynomial = {}
    for ma, ca in a.items():
        for mb, cb in b.items():
            m = tuple(x + y for x, y in zip(ma, mb, strict=True))
            out[m] = out.get(m, Fraction(0)) + ca * cb
    return out


def nplayer_support_enumeration(
    shape: Sequence[int],
    tables: Sequence[Sequence[Fraction]],
    *,
    timeout: float | None = None,
) -> NPlayerResult:
    """Every Nash equilibrium of a finite game, exactly (see the module docstring).

    Parameters
    ----------
    shape : sequence of int
        Each player's number of strategies.
    tables : sequence of sequences of Fraction
        One flat exact payoff table per player, first player's strategy slowest.
    timeout : float or None, optional
        Seconds after which the scan stops between support profiles (``stopped``).

    Returns
    -------
    NPlayerResult
        The equilibria, the undecided profiles and what was examined.
    """
    shape = tuple(shape)
    result = NPlayerResult(total=support_profile_count(shape))
    deadline = None if timeout is None else time.monotonic() + timeout
    for supports in support_profiles(shape):
        if deadline is not None and time.monotonic() > deadline:
            result.stopped = True
            break
        result.examined += 1
        decision = decide_support_profile(shape, tables, supports)
        result.equilibria.extend(decision.equilibria)
        if decision.status == "too large":
            result.too_large.append(supports)
        elif decision.status == "undecided":
            result.undecided.append(supports)
        elif decision.status == "continuum":
            result.continua.append(supports)
    return result


@dataclass
class SupportDecision:
    """The equilibria whose supports are exactly one support profile, and how sure that is.

    Attributes
    ----------
    equilibria : list of tuple
        The equilibria found (one exact probability vector per player); for a ``"continuum"``
        the extreme points of the lone mixer's polytope, some of which may have smaller supports.
    status : str
        ``"ruled out"`` (pruned before solving), ``"decided"`` (every equilibrium with this
        support is listed), ``"continuum"`` (one player mixes over a polytope of equilibria;
        its vertices are listed), ``"undecided"`` (infinitely many solutions with two or more
        mixers, or not separated: nothing listed) or ``"too large"`` (more than
        :data:`MAX_SOLUTIONS` possible solutions: not solved).
    """

    equilibria: list[tuple[tuple[Real, ...], ...]] = field(default_factory=list)
    status: str = "decided"


def decide_support_profile(
    shape: Sequence[int], tables: Sequence[Sequence[Fraction]], supports: Supports
) -> SupportDecision:
    """Every Nash equilibrium whose supports are ``supports``, exactly (steps 1-3 above).

    Parameters
    ----------
    shape : sequence of int
        Each player's number of strategies.
    tables : sequence of sequences of Fraction
        One flat exact payoff table per player, first player's strategy slowest.
    supports : tuple of tuple of int
        One nonempty ascending tuple of strategy indices per player.

    Returns
    -------
    SupportDecision
        The equilibria found and whether that is all of them.
    """
    shape = tuple(shape)
    if _dominated(shape, tables, supports):
        return SupportDecision(status="ruled out")
    if solution_bound(supports) > MAX_SOLUTIONS:
        return SupportDecision(status="too large")
    if sum(len(own) > 1 for own in supports) > 2 and not _best_responses_possible(
        shape, tables, supports
    ):
        return SupportDecision(status="ruled out")  # a linear test before a Groebner basis
    equations, variables = _equations(shape, tables, supports)
    solutions = real_solutions(equations, len(variables))
    if not solutions.finite:
        mixers = [p for p, own in enumerate(supports) if len(own) > 1]
        if len(mixers) != 1:
            return SupportDecision(status="undecided")
        vertices = _lone_mixer(shape, tables, supports, mixers[0])
        return SupportDecision(vertices, "continuum" if len(vertices) > 1 else "decided")
    found = []
    for point in solutions.points:
        profile = _profile(shape, supports, variables, point)
        if profile is not None and _no_gain(shape, tables, supports, profile):
            found.append(profile)
    return SupportDecision(found)


def _lone_mixer(
    shape: Sequence[int],
    tables: Sequence[Sequence[Fraction]],
    supports: Supports,
    mixer: int,
) -> list[tuple[tuple[Real, ...], ...]]:
    """The extreme equilibria where only ``mixer`` mixes and is indifferent on its support.

    Everyone else plays one strategy, so every condition is linear in the mixer's
    probabilities ``x`` over its support: ``x >= 0``, ``sum x = 1`` and, for each other player
    and each alternative, "the alternative earns no more". Those define a polytope; its
    vertices (``k - 1`` tight constraints and the sum, solved exactly) are equilibria. The
    support's own equilibria (every ``x > 0``) exist exactly when the average of the vertices,
    a relative interior point, has every ``x > 0``; otherwise none are listed here (vertices
    with smaller supports are found with those supports).
    """
    own = supports[mixer]
    k = len(own)
    base = [s[0] for s in supports]
    strides = strides_of(shape)

    def at(player: int, strategy: int, a: int) -> Fraction:
        """``player``'s payoff when ``player`` plays ``strategy`` and the mixer plays ``a``."""
        profile = list(base)
        profile[player], profile[mixer] = strategy, a
        if player == mixer:
            profile[mixer] = strategy
        return tables[player][sum(p * st for p, st in zip(profile, strides, strict=True))]

    # The mixer's other strategies earn a constant; it must not beat the support.
    for b in range(shape[mixer]):
        if b not in own and at(mixer, b, b) > at(mixer, own[0], own[0]):
            return []
    rows: list[list[Fraction]] = []  # each row r: r . x <= 0
    for player in range(len(shape)):
        if player != mixer:
            for b in range(shape[player]):
                if b != base[player]:
                    rows.append([at(player, b, a) - at(player, base[player], a) for a in own])
    for a in range(k):
        rows.append([Fraction(-1) if j == a else Fraction(0) for j in range(k)])  # -x_a <= 0
    vertices: list[tuple[Fraction, ...]] = []
    for tight in combinations(range(len(rows)), k - 1):
        matrix = [rows[r] for r in tight] + [[Fraction(1)] * k]
        solved = solve_exact(matrix, [Fraction(0)] * (k - 1) + [Fraction(1)])
        if solved is None:
            continue
        point = tuple(solved)
        if any(sum(r * x for r, x in zip(row, point, strict=True)) > 0 for row in rows):
            continue
        if point not in vertices:
            vertices.append(point)
    if not vertices:
        return []
    middle = [sum(v[j] for v in vertices) for j in range(k)]
    if any(m == 0 for m in middle):
        return []
    found = []
    for vertex in vertices:
        mixes: list[tuple[Real, ...]] = []
        for player, choice in enumerate(supports):
            mix = [Fraction(0)] * shape[player]
            if player == mixer:
                for a, x in zip(own, vertex, strict=True):
                    mix[a] = x
            else:
                mix[choice[0]] = Fraction(1)
            mixes.append(tuple(mix))
        found.append(tuple(mixes))
    return found


def _profile(
    shape: Sequence[int],
    supports: Supports,
    variables: list[tuple[int, int]],
    point: tuple[Real, ...],
) -> tuple[tuple[Real, ...], ...] | None:
    """The profile of a solution, or None unless every supported probability is positive."""
    values = dict(zip(variables, point, strict=True))
    profile = []
    for player, own in enumerate(supports):
        mix: list[Real] = [Fraction(0)] * shape[player]
        rest: Real = Fraction(1)
        for s in own[1:]:
            p = values[(player, s)]
            if not p > 0:
                return None
            mix[s] = p
            rest = rest - p
        if not rest > 0:
            return None
        mix[own[0]] = rest
        profile.append(tuple(mix))
    return tuple(profile)


def _no_gain(
    shape: Sequence[int],
    tables: Sequence[Sequence[Fraction]],
    supports: Supports,
    profile: tuple[tuple[Real, ...], ...],
) -> bool:
    """Whether no strategy outside a player's support earns more than the support does."""
    for player, own in enumerate(supports):
        if len(own) == shape[player]:
            continue
        earned = pure_strategy_payoffs(shape, tables[player], profile, player)
        level = earned[own[0]]
        if any(earned[s] > level for s in range(shape[player]) if s not in own):
            return False
    return True
