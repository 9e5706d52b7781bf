"""What every human-readable format shows for a game tree, as plain strings."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ggcalc.exact.rationals import fraction_text
from ggcalc.model.behavior import TreeEquilibrium
from ggcalc.model.solution import Solution
from ggcalc.model.tree import CHANCE, DECISION, TERMINAL, GameTree
from ggcalc.render.content import equilibria_caption, mix_text, number_text, numbers_text

__all__ = ["DRAW_LIMIT", "TreeLine", "TreeReport", "tree_report"]

#: Largest tree (in nodes) that is drawn.
DRAW_LIMIT = 300
#: How many equilibria get a drawing of their own.
DRAWINGS = 3


@dataclass(frozen=True)
class TreeLine:
    """One node of a drawn tree: its depth, its text, and whether play reaches it.

    Attributes
    ----------
    depth : int
        The node's depth (0 for the root).
    text : str
        The move leading to it (``»`` when play reaches it), then who moves there and what is
        played, or the payoffs at a terminal node.
    reached : bool
        Whether the equilibrium drawn reaches the node with positive probability (False when
        the tree is drawn without an equilibrium).
    """

    depth: int
    text: str
    reached: bool


@dataclass
class TreeReport:
    """The parts of a game tree's solution report, as text.

    Made by :func:`tree_report`; the terminal table and Markdown lay the same parts out.

    Attributes
    ----------
    title : str
        The scenario's or tree's title (``"Untitled game"`` without one).
    summary : str
        One line: players, nodes and decision points, concept and method, and whether the
        list is complete.
    drawings : list of tuple of (str, list of TreeLine)
        ``(caption, lines)`` per drawn equilibrium (the first 3), or the bare tree when none
        was found; empty for a tree of more than :data:`DRAW_LIMIT` nodes.
    drawing_note : str
        Why the tree, or some equilibria, are not drawn; else empty.
    equilibria_caption : str
        The equilibria table's caption.
    equilibria_header : list of str
        The equilibria table's header row.
    equilibria_rows : list of list of list of str
        Per equilibrium, one row per player: number, player, strategy (decision point:
        action) and expected payoff.
    equilibria_notes : list of list of str
        Per equilibrium, its path of play and (for Nash equilibria) whether it is subgame
        perfect; then, when there are any, the convex sets of equilibria and the solution's
        notes, one list each.
    warnings : list of str
        The solution's warnings.
    """

    title: str
    summary: str
    drawings: list[tuple[str, list[TreeLine]]]  # (caption, lines) per drawn equilibrium
    drawing_note: str
    equilibria_caption: str
    equilibria_header: list[str]
    equilibria_rows: list[list[list[str]]]  # per equilibrium, one row per player
    equilibria_notes: list[list[str]]  # per equilibrium: path, credibility
    warnings: list[str]


def tree_report(solution: Solution) -> TreeReport:
    """The parts of a game tree's solution report, as text.

    Parameters
    ----------
    solution : Solution
        A solution of a game tree (normal-form games are reported by
        :func:`~ggcalc.render.content.report`).

    Returns
    -------
    TreeReport
        The title, summary, drawings, equilibria table and notes, and warnings.
    """
    tree = solution.game
    assert isinstance(tree, GameTree)
    equilibria: list[TreeEquilibrium] = solution.equilibria
    title = solution.source.title or tree.title or "Untitled game"
    status = "complete" if solution.complete else "not proven complete"
    n = tree.n_players
    summary = (
        f"{n} player{'s' if n != 1 else ''} · {_count(tree.n_nodes, 'node')}, "
        f"{_count(len(tree.infosets), 'decision point')} · "
        f"{solution.concept} by {solution.method} · {status}"
    )
    drawings: list[tuple[str, list[TreeLine]]] = []
    note = ""
    if tree.n_nodes > DRAW_LIMIT:
        note = f"(the tree has {tree.n_nodes:,} nodes; trees of up to {DRAW_LIMIT} are drawn)"
    elif not equilibria:
        drawings.append(("The game tree", draw(tree, None)))
    else:
        for number, eq in enumerate(equilibria[:DRAWINGS], start=1):
            caption = (
                f"Equilibrium #{number}: each decision point shows what is played there; "
                "» marks moves on the path of play"
            )
            drawings.append((caption, draw(tree, eq)))
        if len(equilibria) > DRAWINGS:
            note = f"(trees are drawn for the first {DRAWINGS} equilibria)"
    concept = "Nash equilibria" if solution.concept == "nash" else "Subgame-perfect equilibria"
    caption = equilibria_caption(concept, solution)
    header = ["#", "Player", "Strategy (decision point: action)", "Expected payoff"]
    rows = []
    notes = []
    for number, eq in enumerate(equilibria, start=1):
        strategies = eq.strategies(tree)
        rows.append(
            [
                [
                    str(number) if p == 0 else "",
                    player,
                    _strategy_text(strategies[player]),
                    number_text(eq.payoffs[p]),
                ]
                for p, player in enumerate(tree.players)
            ]
        )
        notes.append(_notes(tree, number, eq, solution.concept))
    mixes = [
        f"In the strategic form, every mix of equilibria {numbers_text(c)} is also an "
        "equilibrium (one convex set)."
        for c in solution.components or []
        if len(c) > 1
    ]
    if mixes:
        notes.append(mixes)
    if solution.notes:
        notes.append(list(solution.notes))
    return TreeReport(
        title, summary, drawings, note, caption, header, rows, notes, list(solution.warnings)
    )


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'s' if number != 1 else ''}"


def _strategy_text(points: dict[str, dict[str, Fraction]]) -> str:
    if not points:
        return "(never moves)"
    parts = []
    for point, mix in points.items():
        names = tuple(mix)
        text = mix_text(names, tuple(mix.values()))
        parts.append(text if len(points) == 1 else f"{point}: {text}")
    return "; ".join(parts)


def _notes(tree: GameTree, number: int, eq: TreeEquilibrium, concept: str) -> list[str]:
    notes = [f"#{number} path of play: {_play(tree, eq)}"]
    if concept == "nash":
        if eq.subgame_perfect:
            notes.append(f"#{number} is subgame perfect.")
        else:
            threats = "; ".join(str(t) for t in eq.threats) or "some subgame is not in equilibrium"
            notes.append(
                f"#{number} is not subgame perfect: {threats} (the payoffs compared are those "
                "the equilibrium's own later play gives)."
            )
    return notes


#: A chance move on the path of play is followed into each outcome when it has at most this
#: many outcomes (otherwise the path stops at it).
_CHANCE_BRANCHES_SHOWN = 6


def _play(tree: GameTree, eq: TreeEquilibrium) -> str:
    """The moves played from the root, up to the first mixed choice. At the first chance
    move the path goes on separately after each outcome (when there are few and some of them
    lead to further moves), up to the next chance move or mixed choice."""
    moves, v, ending = _moves_from(tree, eq, 0)
    if tree.kind[v] == CHANCE and len(tree.children(v)) <= _CHANCE_BRANCHES_SHOWN:
        branches = []
        for child in tree.children(v):
            after, _, stop = _moves_from(tree, eq, child)
            path = ", ".join(part for part in (" > ".join(after), stop) if part)
            outcome = f"{tree.move[child]} ({fraction_text(tree.prob[child])})"
            branches.append((outcome, path))
        if any(path for _, path in branches):  # else every outcome ends the game
            told = (f"{outcome}: {path}" if path else outcome for outcome, path in branches)
            ending += ": " + "; ".join(told)
    if not moves:
        ending = ending.removeprefix("then ")
    return ", ".join(part for part in (" > ".join(moves), ending) if part) or "(no move)"


def _moves_from(tree: GameTree, eq: TreeEquilibrium, v: int) -> tuple[list[str], int, str]:
    """The pure moves played from node ``v`` on, the node where they stop, and why they stop
    there (a chance move or a mixed choice; empty at the end of the game)."""
    moves: list[str] = []
    while tree.kind[v] != TERMINAL:
        if tree.kind[v] == CHANCE:
            return moves, v, "then chance" + (f" ({tree.label[v]})" if tree.label[v] else "")
        h = tree.infoset[v]
        mix = eq.behavior[h]
        if max(mix) != 1:
            return moves, v, f"then {tree.players[tree.owner(v)]} mixes at {tree.infoset_name(h)}"
        v = tree.children(v)[mix.index(Fraction(1))]
        moves.append(tree.move[v])
    return moves, v, ""


def draw(tree: GameTree, eq: TreeEquilibrium | None) -> list[TreeLine]:
    """The tree in preorder, each node as one line: the move that leads to it, then who moves
    there and what the equilibrium plays, or the payoffs at the end.

    Parameters
    ----------
    tree : GameTree
        The tree to draw.
    eq : TreeEquilibrium or None
        The equilibrium whose play is shown (moves on its path of play marked ``»``), or None
        to draw the bare tree.

    Returns
    -------
    list of TreeLine
        One line per node, in preorder; a chance move's outcomes show their probabilities.
    """
    lines: list[TreeLine] = []
    reach: dict[int, Fraction] = {0: Fraction(1)}
    stack = [(0, 0)]
    while stack:
        v, depth = stack.pop()
        parts = []
        if v:
            move = tree.move[v]
            if tree.kind[tree.parent[v]] == CHANCE:
                move += f" ({fraction_text(tree.prob[v])})"
            parts.append(f"» {move}" if eq is not None and reach[v] else move)
        kind = tree.kind[v]
        if kind == DECISION:
            h = tree.infoset[v]
            info = tree.infosets[h]
            text = f"{tree.players[info.player]} at {info.name}"
            if eq is not None:
                text += f" plays {mix_text(info.actions, eq.behavior[h])}"
            parts.append(text)
        elif kind == CHANCE:
            parts.append("chance" + (f" ({tree.label[v]})" if tree.label[v] else ""))
        else:
            payoffs = tree.payoffs[v]
            assert payoffs is not None
            parts.append(
                "payoffs "
                + ", ".join(
                    f"{p} {fraction_text(x)}" for p, x in zip(tree.players, payoffs, strict=True)
                )
            )
        lines.append(TreeLine(depth, ": ".join(parts), eq is not None and bool(reach[v])))
        children = tree.children(v)
        for a, c in enumerate(children):
            if kind == CHANCE:
                weight = tree.prob[c]
            elif kind == DECISION and eq is not None:
                weight = eq.behavior[tree.infoset[v]][a]
            else:
                weight = Fraction(1)
            reach[c] = reach[v] * weight
        stack.extend((c, depth + 1) for c in reversed(children))
    return lines
