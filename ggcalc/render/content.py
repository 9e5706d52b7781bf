"""What every human-readable format shows, as plain strings; formats only lay it out."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from ggcalc.exact.algebraic import Real, human_text, is_rational, rounded_text
from ggcalc.exact.rationals import decimal_text, fraction_text
from ggcalc.model.normal_form import NormalFormGame
from ggcalc.model.profiles import describe_mix
from ggcalc.model.solution import Solution

__all__ = ["MATRIX_LIMIT", "Report", "report"]

#: Largest number of strategies per player for which the payoff matrix is printed.
MATRIX_LIMIT = 12
#: Largest number of profiles listed for games with three or more players.
PROFILE_LIST_LIMIT = 64


@dataclass
class Report:
    """The parts of a solution report, as text.

    Made by :func:`report` for a normal-form game; the terminal table and Markdown lay the
    same parts out.

    Attributes
    ----------
    title : str
        The scenario's or game's title (``"Untitled game"`` without one).
    summary : str
        One line: players, shape, form, concept and method, and whether the list is complete.
    matrix_caption : str
        The payoff table's caption (empty when no table is shown).
    matrix_header : list of str
        The payoff table's header row.
    matrix_rows : list of list of str
        The payoff table's rows: a bimatrix for two players (up to :data:`MATRIX_LIMIT`
        strategies each), else one row per profile (up to 64 profiles).
    matrix_marked : set of tuple of (int, int)
        The ``(row, column)`` cells of :attr:`matrix_rows` that mark a pure equilibrium (their
        text starts with ``"* "``).
    matrix_note : str
        Why the payoff table is not shown, when it is too large; else empty.
    equilibria_caption : str
        The equilibria table's caption (:func:`equilibria_caption`).
    equilibria_header : list of str
        The equilibria table's header row.
    equilibria_rows : list of list of list of str
        Per equilibrium, one row per player: number, player, strategy and expected payoff.
    components : list of str
        One sentence per set of equilibria that mix into each other (a convex set).
    zero_sum : str
        The value and security strategies of a constant-sum game, or ``""``.
    warnings : list of str
        The solution's warnings (why the list may be incomplete, solver messages).
    notes : list of str
        How to read the result.
    approximate_caption : str
        The ε-equilibria table's caption (empty when there are none).
    approximate_rows : list of list of list of str
        Per ε-equilibrium, one row per player: number, player, strategy (decimals), expected
        payoff and the most the player could gain by deviating.
    """

    title: str
    summary: str
    matrix_caption: str
    matrix_header: list[str]
    matrix_rows: list[list[str]]
    matrix_marked: set[tuple[int, int]]
    matrix_note: str
    equilibria_caption: str
    equilibria_header: list[str]
    equilibria_rows: list[list[list[str]]]  # per equilibrium, one row per player
    components: list[str]  # one sentence per set of equilibria that mix into each other
    zero_sum: str  # the value and security strategies of a constant-sum game, or ""
    warnings: list[str]
    notes: list[str] = field(default_factory=list)  # how to read the result
    approximate_caption: str = ""
    approximate_rows: list[list[list[str]]] = field(default_factory=list)


#: Header of the ε-equilibria table.
APPROXIMATE_HEADER = ["#", "Player", "Strategy (rounded)", "Expected payoff", "Could gain"]


def number_text(value: Real) -> str:
    """``'1/3 (0.3333)'`` for non-integers, ``'3'`` for integers.

    Parameters
    ----------
    value : Fraction
        An exact number (a payoff or a value).

    Returns
    -------
    str
        The exact fraction, followed for a non-integer by its decimal approximation.
    """
    if not isinstance(value, Fraction):
        return human_text(value)
    exact = fraction_text(value)
    return exact if value.denominator == 1 else f"{exact} ({decimal_text(value)})"


def mix_text(names: tuple[str, ...], mix: tuple[Fraction, ...]) -> str:
    """A player's strategy: the name if pure, else the exact mix with decimals.

    Parameters
    ----------
    names : tuple of str
        The player's strategy (or action) names.
    mix : tuple of Fraction
        The exact probability of each.

    Returns
    -------
    str
        The pure strategy's name, or the exact mix followed by the decimals of the
        probabilities that are not 0, e.g. ``1/3 Up + 2/3 Down (0.3333 / 0.6667)``.
    """
    exact = describe_mix(names, mix)
    if max(mix) == 1:
        return exact
    if not all(map(is_rational, mix)):
        return exact  # irrational mixes carry their decimals already
    decimals = " / ".join(rounded_text(p) for p in mix if p != 0)
    return f"{exact} ({decimals})"


def report(solution: Solution) -> Report:
    """The parts of a normal-form solution's report, as text.

    Parameters
    ----------
    solution : Solution
        A solution of a normal-form game (trees are reported by
        :func:`~ggcalc.render.tree_content.tree_report`).

    Returns
    -------
    Report
        The title, summary, payoff table (pure equilibria marked with ``*``), equilibria
        table, convex sets of equilibria, constant-sum value, warnings and notes.
    """
    game = solution.game
    assert isinstance(game, NormalFormGame), "trees are reported by render.tree_content"
    players = game.players
    title = solution.source.title or game.title or "Untitled game"
    shape = " × ".join(str(k) for k in game.shape)
    status = "complete" if solution.complete else "not proven complete"
    # Short enough for one 80-column line in the usual cases.
    summary = (
        f"{game.n_players} player{'s' if game.n_players != 1 else ''} · {shape} · "
        f"{solution.source.form} form · {solution.concept} by {solution.method} · {status}"
    )
    pure_equilibria = {
        tuple(mix.index(Fraction(1)) for mix in eq.profile) for eq in solution.equilibria if eq.pure
    }
    header: list[str] = []
    rows: list[list[str]] = []
    marked: set[tuple[int, int]] = set()
    note = ""
    caption = ""
    if game.n_players == 2 and max(game.shape) <= MATRIX_LIMIT:
        caption = f"Payoffs ({players[0]}, {players[1]}); * marks a pure equilibrium"
        header = [f"{players[0]} \\ {players[1]}", *game.strategies[1]]
        for i, row_name in enumerate(game.strategies[0]):
            row = [row_name]
            for j in range(game.shape[1]):
                cell = ", ".join(fraction_text(game.payoff(p, (i, j))) for p in range(2))
                if (i, j) in pure_equilibria:
                    marked.add((i, j + 1))
                    cell = f"* {cell}"
                row.append(cell)
            rows.append(row)
    elif game.n_players != 2 and _profile_count(game.shape) <= PROFILE_LIST_LIMIT:
        caption = "Payoffs at every profile; * marks a pure equilibrium"
        header = [*players, *(f"{p} payoff" for p in players)]
        for index, profile in enumerate(game.profiles()):
            row = [game.strategies[p][s] for p, s in enumerate(profile)]
            row += [fraction_text(game.payoff(p, profile)) for p in range(game.n_players)]
            if profile in pure_equilibria:
                row[0] = f"* {row[0]}"
                marked.add((index, 0))
            rows.append(row)
    else:
        note = f"(payoff table of {shape} strategies not shown)"
    concept = "Nash equilibria" if solution.concept == "nash" else solution.concept
    eq_caption = equilibria_caption(concept, solution)
    eq_header = ["#", "Player", "Strategy", "Expected payoff"]
    eq_rows = [
        [
            [
                str(number) if p == 0 else "",
                players[p],
                mix_text(game.strategies[p], eq.profile[p]),
                number_text(eq.payoffs[p]),
            ]
            for p in range(game.n_players)
        ]
        for number, eq in enumerate(solution.equilibria, start=1)
    ]
    components = [
        f"Every mix of equilibria {numbers_text(c)} is also an equilibrium (one convex set)."
        for c in solution.components or []
        if len(c) > 1
    ]
    zero_sum = ""
    if solution.zero_sum is not None:
        zs = solution.zero_sum
        kind = "zero-sum" if zs.constant == 0 else f"constant-sum (payoffs add up to {zs.constant})"
        guarantees = "; ".join(
            f"{players[p]} can guarantee {number_text(zs.values[p])} by playing "
            f"{mix_text(game.strategies[p], zs.maximin[p])}"
            for p in range(2)
        )
        zero_sum = f"This is a {kind} game: {guarantees} (maximin, by linear programming)."
    approximate_caption, approximate_rows = _approximate(solution)
    return Report(
        title,
        summary,
        caption,
        header,
        rows,
        marked,
        note,
        eq_caption,
        eq_header,
        eq_rows,
        components,
        zero_sum,
        list(solution.warnings),
        list(solution.notes),
        approximate_caption,
        approximate_rows,
    )


def _approximate(solution: Solution) -> tuple[str, list[list[list[str]]]]:
    """The ε-equilibria: caption and rows (probabilities as decimals, gains as ≤ bounds)."""
    game = solution.game
    assert isinstance(game, NormalFormGame)
    if not solution.approximate:
        return "", []
    largest = max(a.epsilon for a in solution.approximate)
    caption = (
        f"Approximate equilibria (ε-equilibria, not equilibria): {len(solution.approximate)} "
        f"found; no player can gain more than ε = {_small(largest)} by deviating (exact "
        "bounds, computed from the rounded probabilities shown in full in the JSON)"
    )
    groups = []
    for number, approx in enumerate(solution.approximate, start=1):
        groups.append(
            [
                [
                    f"ε{number}" if p == 0 else "",
                    game.players[p],
                    _decimal_mix(game.strategies[p], approx.profile[p]),
                    rounded_text(approx.payoffs[p], 6),
                    _small(approx.regrets[p]),
                ]
                for p in range(game.n_players)
            ]
        )
    return caption, groups


def _decimal_mix(names: tuple[str, ...], mix: tuple[Fraction, ...]) -> str:
    """``0.333333 Up + 0.666667 Down``: a rounded mix, strategies below 5e-7 left out."""
    shown = [(name, p) for name, p in zip(names, mix, strict=True) if p >= Fraction(1, 2_000_000)]
    if len(shown) == 1 and shown[0][1] == 1:
        return shown[0][0]
    return " + ".join(f"{rounded_text(p, 6)} {name}" for name, p in shown)


def _small(value: Fraction) -> str:
    """A nonnegative bound for people: ``0``, ``1/8`` style when short, else ``3.1e-13``."""
    if value == 0:
        return "0"
    if value.denominator <= 10_000 and abs(value.numerator) <= 10_000:
        return fraction_text(value)
    return f"{float(value):.2g}"


def equilibria_caption(concept: str, solution: Solution) -> str:
    """``'Nash equilibria: 5 found (the complete set)'``, or just the count if not complete.

    When some listed equilibria mix into one another (a convex set), the list is every
    *extreme* equilibrium, and the caption says so.

    Parameters
    ----------
    concept : str
        How the caption names the equilibria (``"Nash equilibria"``, ``"subgame-perfect"``).
    solution : Solution
        The solution whose equilibria are counted.

    Returns
    -------
    str
        The caption.
    """
    caption = f"{concept}: {len(solution.equilibria)} found"
    if not solution.complete:
        return caption
    if any(len(c) > 1 for c in solution.components or []):
        return caption + " (every extreme equilibrium; some mix into one another, see below)"
    return caption + " (the complete set)"


def numbers_text(indices: list[int]) -> str:
    """``[0, 2, 3]`` -> ``'#1, #3 and #4'`` (1-based, as the tables number equilibria).

    Parameters
    ----------
    indices : list of int
        0-based indices of equilibria (at least one).

    Returns
    -------
    str
        Their 1-based numbers, the last two joined by ``and``.
    """
    labels = [f"#{i + 1}" for i in indices]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _profile_count(shape: tuple[int, ...]) -> int:
    count = 1
    for k in shape:
        count *= k
    return count
