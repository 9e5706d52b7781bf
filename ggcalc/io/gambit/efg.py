"""Read Gambit extensive-form game files (``.efg``) into a :class:`GameTree`, exactly.

Gambit, the field's reference tool, saves game trees as ``.efg`` text (its
``doc/formats.efg.rst``; the grammar below follows Gambit's own reader, ``src/games/file.cc``)::

    EFG 2 R "title" { "Player 1" "Player 2" }        header: version 2, data type R or D
    "an optional comment"
    c "node" 1 "event" { "Heads" 1/2 "Tails" 1/2 } 0
    p "node" 1 1 "infoset" { "Left" "Right" } 0
    t "node" 1 "outcome" { 1, -1 }
    ...

The nodes come in depth-first preorder: each chance (``c``) or player (``p``) node is followed by
one subtree per action, in the order of its actions. A node gives

- ``c``: its name, an *event* number, then (optionally) the event's name and its outcomes with
  their probabilities;
- ``p``: its name, the player's number (1 for the first player in the header), an *information
  set* number, then (optionally) the information set's name and its action names;
- ``t``: its name;

and then an *outcome* number, optionally followed by the outcome's name and payoffs
``{ p1, p2, ... }`` (one per player, commas optional). Outcome 0 means none.

Numbers. An information set is identified by its player and its number, so player 1's set 1
and player 2's set 1 are different sets; chance events are numbered on their own. The second
and later nodes of an information set (or event) may leave out its name and actions (and
probabilities): they are those of its first node. If they are given again they must be the same.
Likewise an outcome's name and payoffs are given where it is first used and may be left out (or
repeated identically) later.

Payoffs. Outcomes may sit at any node, not only terminal ones: a player's payoff at the end of a
play is the sum of the outcomes met on the way from the root, the terminal node's included
(Gambit's *incremental* payoffs). A play that meets no outcome pays 0 to everyone. Numbers are
read exactly, whether the file says ``R`` or ``D``: ``0.80`` is 4/5, never a float; ``2/7``
and ``1.5e-3`` are accepted too (:func:`ggcalc.exact.expressions.parse_number`). Chance
probabilities must be non-negative and sum to exactly 1.

Names. Surrounding whitespace is trimmed from every name. ggcalc needs distinct non-empty player
names and, at each node, distinct non-empty action names; Gambit needs neither. If the players'
names are not so, every player is named ``"Player 1"``, ``"Player 2"``, ...; if an information
set's (or event's) action names are not so, its actions are named ``"1"``, ``"2"``, ... (their
positions). Each renaming is reported as a note (see :func:`read_efg`). A decision point is
identified (CONTRACT 1.2) by its information set's name if it has one, else its node's name,
else its path from the root; :class:`~ggcalc.model.tree.TreeBuilder` makes names shared by different
information sets distinct. The title is kept; comments, event and outcome names are not used.

Perfect recall. ggcalc's methods (the reduced strategic form, behaviour strategies) are exact only
for games in which no player forgets what it did or knew, so a file whose information sets violate
perfect recall is refused, at the node where the player has forgotten.

Limits, because files come from outside: at most :data:`MAX_PLAYERS` players and
:data:`MAX_NODES` nodes, names and titles of at most :data:`MAX_NAME_LENGTH` characters, and
numbers (of players, information sets, outcomes) of at most :data:`MAX_ID_DIGITS` digits. The
tree is read with an explicit stack, never recursion, so any depth within the node limit reads.

Why one module: it is the reader of one whole file format (header, node lines, information
sets, outcomes, chance, checks and renames), each part needing the state the others build.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ggcalc.errors import InputError, Location, Problem, ScenarioError, excerpt, plural
from ggcalc.io.gambit.tokens import (
    DIGITS,
    MAX_NAME_LENGTH,
    MAX_PROBLEMS,
    GambitParser,
    Token,
    describe,
    distinct_names,
)
from ggcalc.model.tree import CHANCE, DECISION, TERMINAL, GameTree, TreeBuilder

__all__ = [
    "MAX_ID_DIGITS",
    "MAX_NAME_LENGTH",
    "MAX_NODES",
    "MAX_PLAYERS",
    "MAX_PROBLEMS",
    "read_efg",
]

# A tree this large is far beyond what any exact method finishes on; the cap stops a hostile
# file from filling memory with nodes (each costs a few hundred bytes in the builder).
MAX_NODES = 5_000_000

# Trees are solved through their reduced strategic form, a NumPy array with an axis per player
# (at most 32 axes in NumPy 1.x), so the limit of Gambit's strategic-form files applies here too.
MAX_PLAYERS = 31

# Player, information set, event and outcome numbers: Gambit reads them into a C ``int``, and
# the cap keeps int() of a huge digit string from being slow or hitting Python's own limit.
MAX_ID_DIGITS = 9

_NODE_HINT = "each node starts with c (chance), p (a player's decision) or t (terminal)"
_ACTIONS_HINT = 'e.g. p "" 1 1 "name" { "Left" "Right" } 0'
_CHANCE_HINT = 'e.g. c "" 1 "name" { "Heads" 1/2 "Tails" 1/2 } 0'
_PAYOFFS_HINT = 'give one payoff per player: 1 "name" { 3, -1 }'


def read_efg(text: str, file: str | None, notes: list[Problem] | None = None) -> GameTree:
    """Read a Gambit ``.efg`` file's text into a game tree, with exact payoffs and probabilities.

    Parameters
    ----------
    text : str
        The file's contents.
    file : str or None
        The file's name, for the locations of problems; ``None`` for text given directly.
    notes : list of Problem, optional
        If given, a list to which one :class:`~ggcalc.errors.Problem` is appended for every
        renaming made to obtain distinct non-empty names (see the module's documentation).
        Notes are not errors: the game is read all the same.

    Returns
    -------
    GameTree
        Nodes in the file's order (its depth-first preorder); every terminal node carries the
        sum of the outcomes on its path; a decision node's information set is the file's
        (player, number) pair.

    Raises
    ------
    ggcalc.errors.ScenarioError
        For every way the text is not a valid ``.efg`` file, exceeds the limits, or describes a
        game without perfect recall, each problem located at the 1-based line and column of the
        offending token or node.

    Examples
    --------
    >>> tree = read_efg('''EFG 2 R "Entry" { "Entrant" "Incumbent" }
    ... p "" 1 1 "" { "Out" "In" } 0
    ... t "" 1 "" { 0, 2 }
    ... p "" 2 1 "" { "Fight" "Accommodate" } 0
    ... t "" 2 "" { -1, -1 }
    ... t "" 3 "" { 1, 1 }''', "entry.efg")
    >>> [h.name for h in tree.infosets]
    ['start', 'In']
    >>> tree.payoffs[4]
    (Fraction(1, 1), Fraction(1, 1))
    """
    return _Parser(text, file, notes).parse()


@dataclass
class _Infoset:
    """An information set (or chance event) as its first node described it."""

    label: str  # the name as written, trimmed
    written: tuple[str, ...]  # the action names as written, trimmed
    actions: tuple[str, ...]  # the action names used (renamed if the written ones would not do)
    probs: tuple[Fraction, ...] | None  # chance events only
    offset: int  # where its first node starts


@dataclass
class _Outcome:
    label: str
    payoffs: tuple[Fraction, ...]
    offset: int


@dataclass
class _Frame:
    """A chance or decision node whose children are still being read."""

    node: int
    actions: tuple[str, ...]
    probs: tuple[Fraction, ...] | None
    payoffs: tuple[Fraction, ...] | None  # the outcomes on the path so far, summed
    next: int = 0


class _Parser(GambitParser):
    """Reads the header, then the nodes with an explicit stack of unfinished nodes."""

    def __init__(self, text: str, file: str | None, notes: list[Problem] | None):
        super().__init__(text, file, notes)
        self.players: list[str] = []
        self.infosets: dict[tuple[int, int], _Infoset] = {}  # (player, number); chance is -1
        self.outcomes: dict[int, _Outcome] = {}
        # Per builder node: the offset of its first token, for locating problems found only
        # once the tree is built. Offsets (not Locations) so a big file costs 8 bytes a node.
        self.offsets = array("q")
        self.renamed = 0  # information sets whose actions were renamed
        self.zero: tuple[Fraction, ...] = ()  # the payoffs of a play without outcomes

    # ----------------------------------------------------------------------------------------
    # The file, part by part

    def parse(self) -> GameTree:
        title = self.header(
            "EFG", "2", "NFG", "this is a strategic-form game (.nfg); read it as an .nfg file"
        )
        self.players = self.player_names(MAX_PLAYERS)
        self.zero = (Fraction(0),) * len(self.players)
        if self.token.kind == "string":
            self.advance()  # the optional comment
        builder = TreeBuilder(self.players, title)
        self.body(builder)
        if self.token.kind != "end":
            self.fail(
                self.token.start,
                f"unexpected {describe(self.token)} after the last node of the tree",
                "the tree is complete here: every node already has all its subtrees",
            )
        if self.renamed > MAX_PROBLEMS and self.notes is not None:
            more = self.renamed - MAX_PROBLEMS
            self.notes.append(
                Problem(
                    f"{plural(more, 'more information set')} had "
                    f"{'its' if more == 1 else 'their'} actions renamed likewise",
                    Location(self.file),
                )
            )
        if self.problems:
            raise ScenarioError(self.problems)
        for problem in builder.problems:  # none expected: (player, number) keys one player
            self.problem(self.offsets[problem.node], problem.message, problem.hint)
        if self.problems:
            raise ScenarioError(self.problems)
        try:
            tree = builder.build()
        except ValueError as exc:  # pragma: no cover - the reader checks what build() checks
            raise InputError(
                f"cannot build the game tree: {exc}", location=Location(self.file)
            ) from None
        self.check_recall(tree)
        return tree

    def body(self, builder: TreeBuilder) -> None:
        """Every node, in preorder: the stack holds the nodes still waiting for subtrees."""
        stack: list[_Frame] = []
        parent, move, prob, path_payoffs = -1, "", None, None
        while True:
            frame = self.node(builder, parent, move, prob, path_payoffs)
            if frame is not None:
                stack.append(frame)
            if not stack:
                return
            top = stack[-1]
            parent, move, path_payoffs = top.node, top.actions[top.next], top.payoffs
            prob = top.probs[top.next] if top.probs is not None else None
            top.next += 1
            if top.next == len(top.actions):
                stack.pop()  # its last subtree comes next
            if self.token.kind == "end":
                self.fail(
                    self.token.start,
                    f"the file ends before the tree does: the node at line "
                    f"{self.location(self.offsets[parent]).line} has no subtree for its "
                    f"move '{excerpt(move)}'",
                    "a c or p node is followed by one subtree per action, in order",
                )

    def node(
        self,
        builder: TreeBuilder,
        parent: int,
        move: str,
        prob: Fraction | None,
        path_payoffs: tuple[Fraction, ...] | None,
    ) -> _Frame | None:
        """One node: add it, and return it as a frame if subtrees must follow."""
        letter = self.token
        if letter.kind != "word" or letter.text not in ("c", "p", "t"):
            if letter.kind == "end":
                self.fail(letter.start, "the file has no nodes", _NODE_HINT)
            self.fail(letter.start, f"unknown node type {describe(letter)}", _NODE_HINT)
        if len(self.offsets) == MAX_NODES:
            self.fail(
                letter.start,
                f"the tree has more than {MAX_NODES:,} nodes",
                "no exact method finishes on a tree this large; reduce the game",
            )
        self.advance()
        label = self.name(
            self.expect("string", "the node's name in double quotes", 'it may be empty: ""'),
            "a node's name",
        )
        self.offsets.append(letter.start)
        kind = letter.text
        if kind == "t":
            payoffs = _add(path_payoffs, self.outcome()) or self.zero
            builder.add(
                parent, move, kind=TERMINAL, prob=prob, label=label or None, payoffs=payoffs
            )
            return None
        if kind == "c":
            number = self.whole("the chance event's number", 1, "events are numbered from 1")
            infoset = self.chance_event(number, letter)
            node = builder.add(parent, move, kind=CHANCE, prob=prob, label=label or None)
        else:
            player = self.player_number()
            number = self.whole(
                f"the information set number of '{self.players[player]}'",
                1,
                "information sets are numbered from 1",
            )
            infoset = self.decision_infoset(player, number, letter)
            node = builder.add(
                parent,
                move,
                kind=DECISION,
                prob=prob,
                player=player,
                actions=infoset.actions,
                infoset=(player, number),
                infoset_name=infoset.label or None,
                label=label or None,
            )
        return _Frame(node, infoset.actions, infoset.probs, _add(path_payoffs, self.outcome()))

    # ----------------------------------------------------------------------------------------
    # Numbers, information sets and outcomes

    def whole(self, what: str, minimum: int, hint: str) -> int:
        """A whole number of at most :data:`MAX_ID_DIGITS` digits, at least ``minimum``."""
        token = self.token
        if token.kind != "word":
            self.fail(token.start, f"expected {what}, got {describe(token)}")
        self.advance()
        negative = token.text.startswith("-")
        digits = token.text[1:] if negative or token.text.startswith("+") else token.text
        if not DIGITS.fullmatch(digits):
            self.fail(token.start, f"{what} must be a whole number, got '{excerpt(token.text)}'")
        if len(digits.lstrip("0")) > MAX_ID_DIGITS:
            self.fail(
                token.start,
                f"{what} is too large: {excerpt(token.text)}",
                f"use numbers of at most {MAX_ID_DIGITS} digits",
            )
        value = -int(digits) if negative else int(digits)
        if value < minimum:
            self.fail(
                token.start,
                f"{what} must be {minimum} or more, got {token.text}",
                hint,
            )
        return value

    def player_number(self) -> int:
        """The 0-based index of the player a ``p`` node names (1-based in the file)."""
        token = self.token
        number = self.whole("the player's number", 1, "the first player in the header is 1")
        if number > len(self.players):
            self.fail(
                token.start,
                f"player number {number} is out of range: the game has "
                f"{plural(len(self.players), 'player')}",
                f"players are numbered 1 to {len(self.players)} in the order of the header",
            )
        return number - 1

    def decision_infoset(self, player: int, number: int, letter: Token) -> _Infoset:
        """The information set of a ``p`` node: described here, or by an earlier node."""
        what = f"information set {number} of '{self.players[player]}'"
        known = self.infosets.get((player, number))
        if self.token.kind != "string":
            if known is None:
                self.fail(
                    self.token.start,
                    f"{what} is used before its name and actions are given",
                    "its first node must describe it: " + _ACTIONS_HINT,
                )
            return known
        named = self.advance()
        label = self.name(named, "an information set's name")
        opening = self.expect("{", f"'{{' before the actions of {what}", _ACTIONS_HINT)
        tokens: list[Token] = []
        while self.token.kind == "string":
            tokens.append(self.advance())
        closing = self.expect("}", "an action name in double quotes or '}'", _ACTIONS_HINT)
        if not tokens:
            self.fail(
                closing.start,
                f"{what} has no actions",
                "a decision node needs at least one action (a node without moves is 't')",
            )
        written = tuple(self.name(token, "an action name") for token in tokens)
        if known is not None:
            self.check_repeat(known, what, (named, label), written, None, opening)
            return known
        actions = self.usable(written, what, label, opening, "actions")
        infoset = _Infoset(label, written, actions, None, letter.start)
        self.infosets[player, number] = infoset
        return infoset

    def chance_event(self, number: int, letter: Token) -> _Infoset:
        """The event of a ``c`` node: its outcomes and probabilities, here or earlier."""
        what = f"chance event {number}"
        known = self.infosets.get((-1, number))
        if self.token.kind != "string":
            if known is None:
                self.fail(
                    self.token.start,
                    f"{what} is used before its outcomes and probabilities are given",
                    "its first node must describe it: " + _CHANCE_HINT,
                )
            return known
        named = self.advance()
        label = self.name(named, "a chance event's name")
        opening = self.expect("{", f"'{{' before the outcomes of {what}", _CHANCE_HINT)
        tokens: list[Token] = []
        probs: list[Fraction] = []
        readable = True  # every probability is a number (else its problem is reported already)
        while self.token.kind == "string":
            tokens.append(self.advance())
            token = self.token
            if token.kind != "word":
                self.fail(
                    token.start,
                    f"expected the probability of '{excerpt(self.string(tokens[-1]))}', "
                    f"got {describe(token)}",
                    _CHANCE_HINT,
                )
            self.advance()
            value = self.number(token, "a probability")
            if value is not None and value < 0:
                self.problem(
                    token.start,
                    f"the probability of '{excerpt(self.string(tokens[-1]))}' is negative "
                    f"({value})",
                    "probabilities are between 0 and 1",
                )
            readable = readable and value is not None
            probs.append(Fraction(0) if value is None else value)
        closing = self.expect("}", "a chance outcome's name in double quotes or '}'", _CHANCE_HINT)
        if not tokens:
            self.fail(
                closing.start,
                f"{what} has no outcomes",
                "a chance node needs at least one outcome (a node without moves is 't')",
            )
        written = tuple(self.name(token, "a chance outcome's name") for token in tokens)
        if known is not None:
            self.check_repeat(known, what, (named, label), written, tuple(probs), opening)
            return known
        total = sum(probs, Fraction(0))
        if readable and total != 1:
            self.problem(
                letter.start,
                f"the probabilities of {what} sum to {total}, not 1",
                "chance probabilities must add up to exactly 1 (write 1/3, not 0.333)",
            )
        actions = self.usable(written, what, label, opening, "outcomes")
        infoset = _Infoset(label, written, actions, tuple(probs), letter.start)
        self.infosets[-1, number] = infoset
        return infoset

    def usable(
        self, written: tuple[str, ...], what: str, label: str, opening: Token, noun: str
    ) -> tuple[str, ...]:
        """The written action names if distinct and non-empty, else ``"1"``, ``"2"``, ...."""
        if distinct_names(written):
            return written
        numbers = tuple(str(k + 1) for k in range(len(written)))
        self.renamed += 1
        # A file may have thousands of such sets: the first ones are noted, the rest counted.
        if self.renamed <= MAX_PROBLEMS:
            named = f"{what} ('{excerpt(label)}')" if label else what
            self.note(opening, f"the {noun} of {named}", written, list(numbers))
        return numbers

    def check_repeat(
        self,
        known: _Infoset,
        what: str,
        named: tuple[Token, str],
        written: tuple[str, ...],
        probs: tuple[Fraction, ...] | None,
        opening: Token,
    ) -> None:
        """A repeated description must be the first one (Gambit refuses a file otherwise)."""
        token, label = named
        first = self.location(known.offset).line
        hint = "repeat the first description exactly, or leave it out"
        if written != known.written:
            # Stop here: the number of subtrees that follow is in doubt.
            self.fail(
                opening.start,
                f"{what} has actions {_names(written)} here but {_names(known.written)} at "
                f"line {first}",
                hint,
            )
        if label != known.label:
            self.problem(
                token.start,
                f"{what} is named '{excerpt(label)}' here but '{excerpt(known.label)}' at "
                f"line {first}",
                hint,
            )
        if probs is not None and probs != known.probs:
            shown = _listed([str(p) for p in probs])
            before = _listed([str(p) for p in known.probs or ()])
            self.problem(
                opening.start,
                f"{what} has probabilities {shown} here but {before} at line {first}",
                hint,
            )

    def outcome(self) -> tuple[Fraction, ...] | None:
        """A node's outcome: its number, then its name and payoffs the first time."""
        token = self.token
        if token.kind == "{":
            self.fail(
                token.start,
                "expected the outcome's number before its payoffs",
                'write the outcome number and name first: 1 "name" { 3, -1 }',
            )
        number = self.whole(
            "the outcome number (0 for none)", 0, "outcomes are numbered from 1; 0 means none"
        )
        known = self.outcomes.get(number)
        if self.token.kind != "string":
            if self.token.kind == "{":
                self.fail(
                    self.token.start,
                    f"expected the name of outcome {number} before its payoffs",
                    'the name may be empty: 1 "" { 3, -1 }',
                )
            if number == 0:
                return None
            if known is None:
                self.fail(
                    token.start,
                    f"outcome {number} is used before its payoffs are given",
                    f'give them where it is first used: {number} "name" {{ 3, -1 }}',
                )
            return known.payoffs
        if number == 0:
            self.fail(
                self.token.start,
                "outcome 0 means no outcome: it cannot have a name or payoffs",
                "number the outcome from 1, or drop its name and payoffs",
            )
        label = self.name(self.advance(), "an outcome's name")
        payoffs = self.payoffs(number)
        if known is None:
            self.outcomes[number] = _Outcome(label, payoffs, token.start)
            return payoffs
        first = self.location(known.offset).line
        if payoffs != known.payoffs:
            self.problem(
                token.start,
                f"outcome {number} has payoffs {_numbers(payoffs)} here but "
                f"{_numbers(known.payoffs)} at line {first}",
                "an outcome number stands for one set of payoffs: give the new ones a new number",
            )
        elif label != known.label:
            self.problem(
                token.start,
                f"outcome {number} is named '{excerpt(label)}' here but "
                f"'{excerpt(known.label)}' at line {first}",
                "repeat the first name exactly, or leave out the name and payoffs",
            )
        return known.payoffs

    def payoffs(self, number: int) -> tuple[Fraction, ...]:
        """``{ p1, p2, ... }``: one exact payoff per player, commas optional."""
        n = len(self.players)
        self.expect("{", f"'{{' before the payoffs of outcome {number}", _PAYOFFS_HINT)
        values: list[Fraction] = []
        while self.token.kind == "word":
            token = self.advance()
            if len(values) == n:
                self.fail(
                    token.start,
                    f"outcome {number} has more payoffs than the game has players ({n})",
                    "give one payoff per player",
                )
            value = self.number(token, "a payoff")
            values.append(Fraction(0) if value is None else value)
            if self.token.kind == ",":
                self.advance()
        if self.token.kind != "}":
            self.fail(
                self.token.start,
                f"expected a payoff or '}}' in outcome {number}, got {describe(self.token)}",
                _PAYOFFS_HINT,
            )
        if len(values) < n:
            self.fail(
                self.token.start,
                f"outcome {number} has {plural(len(values), 'payoff')}, expected {n} "
                "(one per player)",
                "give one payoff per player",
            )
        self.advance()
        return tuple(values)

    # ----------------------------------------------------------------------------------------
    # After the tree is built

    def check_recall(self, tree: GameTree) -> None:
        """Refuse a game without perfect recall, at the node where the player forgot."""
        for index, first, other in tree.recall_violations():
            h = tree.infosets[index]
            player = tree.players[h.player]
            self.problem(
                self.offsets[other],
                f"decision point '{h.name}' violates perfect recall: {player} cannot tell this "
                f"node from the one at line {self.location(self.offsets[first]).line}, yet "
                "reaches them after different moves of its own",
                "ggcalc needs games with perfect recall (no player forgets what it chose or "
                "knew); give these nodes different information sets",
            )
        if self.problems:
            raise ScenarioError(self.problems)


def _add(
    a: tuple[Fraction, ...] | None, b: tuple[Fraction, ...] | None
) -> tuple[Fraction, ...] | None:
    """The sum of two payoff vectors, ``None`` standing for none (so shared, not copied)."""
    if a is None:
        return b
    if b is None:
        return a
    return tuple(x + y for x, y in zip(a, b, strict=True))


def _listed(items: Sequence[str], limit: int = 6) -> str:
    """Items for a message, the middle left out of a long list."""
    shown = list(items) if len(items) <= limit else [*items[: limit - 1], "...", items[-1]]
    return ", ".join(shown)


def _names(names: Sequence[str]) -> str:
    return _listed([f"'{excerpt(name)}'" for name in names])


def _numbers(values: Sequence[Fraction]) -> str:
    return "{ " + ", ".join(str(value) for value in values) + " }"
