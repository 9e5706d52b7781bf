"""Read Gambit strategic-form game files (``.nfg``) into a :class:`NormalFormGame`, exactly.

Gambit, the field's reference tool, saves normal-form games as ``.nfg`` text (its
``doc/formats.nfg.rst``; the grammar below follows Gambit's own reader, ``src/games/file.cc``)::

    NFG 1 R "title" { "Player 1" "Player 2" }        header: version 1, data type R or D
    { 3 2 }                                          strategy counts, one per player ...
    { { "U" "M" "D" } { "L" "R" } }                  ... or strategy labels per player
    "an optional comment"
    body

and the body is either a *payoff list*, every player's payoff (in player order) for each pure
strategy profile::

    3 2  0 0  1 1  ...

or an *outcome list* followed by one outcome number per profile (1-based; 0 means every payoff
is zero); payoffs inside an outcome may be separated by commas, spaces or both::

    { { "name" 3, 2 } { "" 0 0 } ... }
    1 2 2 0 ...

Either way the profiles come with the **first** player's strategy changing fastest (the
opposite of ggcalc's own first-player-slowest order). Either strategy form goes with either
body. Whitespace is not significant outside strings; strings are in double quotes, where ``\\"``
is a quote and ``\\\\`` a backslash (any other backslash is kept as written, as Gambit does).

Numbers are read exactly, whether the file says ``R`` (rational) or ``D`` (decimal, old files):
``0.1`` is 1/10, never a float; ``2/7`` and ``1.5e-3`` are accepted too
(:func:`ggcalc.exact.expressions.parse_number` reads every literal, with its length limits).

Names. ggcalc needs every player's strategies, and the players, to have distinct non-empty
names; Gambit does not. Surrounding whitespace is trimmed from names (as ggcalc does for its own
scenarios). If a player's strategy labels are then all non-empty and distinct they are kept;
otherwise *all* of that player's strategies are named by number, ``"1"``, ``"2"``, ... (what
Gambit calls them in a file without labels), so that the names still say where each strategy
stands. Likewise, if the player names are not all non-empty and distinct, every player is named
``"Player 1"``, ``"Player 2"``, ... . Each such renaming is reported as a note (see
:func:`read_nfg`). The title is kept as written; comments and outcome names are not used.

Limits, because files come from outside: at most :data:`MAX_PLAYERS` players and
:data:`MAX_PROFILES` pure strategy profiles, names and titles of at most
:data:`MAX_NAME_LENGTH` characters. Payoffs are only stored as the file provides them, so memory
grows with the file, never with what its header claims.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from math import prod
from typing import cast

from ggcalc.errors import Problem, ScenarioError, excerpt, plural
from ggcalc.io.gambit.tokens import (
    DIGITS,
    MAX_NAME_LENGTH,
    MAX_PROBLEMS,
    GambitParser,
    Token,
    describe,
    distinct_names,
)
from ggcalc.model.normal_form import NormalFormGame

__all__ = ["MAX_NAME_LENGTH", "MAX_PLAYERS", "MAX_PROBLEMS", "MAX_PROFILES", "read_nfg"]

# More pure strategy profiles than this is not a game any exact method finishes on.
MAX_PROFILES = 10**7

# A game is stored as one array with an axis per player plus one for the players, and NumPy
# arrays have at most 32 axes in NumPy 1.x (64 in 2.x).
MAX_PLAYERS = 31


def read_nfg(
    text: str, file: str | None = None, *, notes: list[Problem] | None = None
) -> NormalFormGame:
    """Read a Gambit ``.nfg`` file's text into a game, with exact payoffs.

    Parameters
    ----------
    text : str
        The file's contents.
    file : str or None, optional
        The file's name, for the locations of problems; ``None`` for text given directly.
    notes : list of Problem, optional
        If given, a list to which one :class:`~ggcalc.errors.Problem` is appended for every
        renaming made to obtain distinct non-empty names (see the module's documentation).
        Notes are not errors: the game is read all the same.

    Returns
    -------
    NormalFormGame
        ``payoffs[p][s1, ..., sn]`` is player ``p``'s payoff when player ``i`` plays its
        strategy ``si`` (0-based), whatever order the file lists the profiles in.

    Raises
    ------
    ggcalc.errors.ScenarioError
        For every way the text is not a valid ``.nfg`` file (or exceeds the limits), each
        problem located at the 1-based line and column of the offending token.

    Examples
    --------
    >>> game = read_nfg('NFG 1 R "PD" { "A" "B" } { 2 2 }  3 3  5 0  0 5  1 1')
    >>> game.strategies
    (('1', '2'), ('1', '2'))
    >>> game.payoffs[0][1, 0], game.payoffs[1][1, 0]
    (Fraction(5, 1), Fraction(0, 1))
    """
    return _Parser(text, file, notes).parse()


class _Parser(GambitParser):
    """A recursive-descent reader of ``.nfg`` files (tokens, problems, names and numbers come
    from :class:`~ggcalc.io.gambit.tokens.GambitParser`)."""

    # ----------------------------------------------------------------------------------------
    # The file, part by part

    def parse(self) -> NormalFormGame:
        title = self.header(
            "NFG",
            "1",
            "EFG",
            "this is an extensive-form game (.efg); read it as an .efg file",
        )
        players = self.player_names(MAX_PLAYERS)
        strategies, opening = self.strategies(players)
        if self.token.kind == "string":
            self.advance()  # the optional comment
        shape = tuple(len(labels) for labels in strategies)
        profiles = prod(shape)
        if profiles > MAX_PROFILES:
            self.fail(
                opening.start,
                f"the game has {profiles:,} pure strategy profiles; the limit is {MAX_PROFILES:,}",
                "no exact method finishes on a game this large; reduce the strategies",
            )
        if self.token.kind == "{":
            table = self.outcome_body(len(players), profiles)
        elif self.token.kind == "word":
            table = self.payoff_body(len(players), profiles)
        else:
            self.fail(
                self.token.start,
                f"expected the payoffs, got {describe(self.token)}",
                "after the strategies come either payoff numbers or an outcome list '{ ... }'",
            )
        if self.problems:
            raise ScenarioError(self.problems)
        # ``table`` lists each profile's payoff vector, first player's strategy fastest; the
        # model's flat tables have the first player's strategy slowest.
        # Without problems, every payoff was read (None marks one that was not).
        exact = cast("list[list[Fraction]]", table)
        gambit_steps = [prod(shape[:i]) for i in range(len(shape))]
        order = [
            sum(s * step for s, step in zip(profile, gambit_steps, strict=True))
            for profile in itertools.product(*(range(k) for k in shape))
        ]
        return NormalFormGame.from_tables(
            players,
            strategies,
            [[exact[k][p] for k in order] for p in range(len(players))],
            title,
        )

    def strategies(self, players: list[str]) -> tuple[list[list[str]], Token]:
        """Strategy counts ``{ 3 2 }`` or labels ``{ { "U" "D" } { "L" "R" } }``."""
        opening = self.expect(
            "{", "'{' before the strategies", "give strategy counts { 3 2 } or labels"
        )
        if self.token.kind == "{":
            strategies = [self.labels(player, i, len(players)) for i, player in enumerate(players)]
            if self.token.kind == "{":
                self.fail(
                    self.token.start,
                    f"more strategy lists than players ({len(players)})",
                    "give one list of strategy labels per player",
                )
        elif self.token.kind == "word":
            strategies = [
                [str(k + 1) for k in range(self.strategy_count(player, i, len(players)))]
                for i, player in enumerate(players)
            ]
            if self.token.kind == "word":
                self.fail(
                    self.token.start,
                    f"more strategy counts than players ({len(players)})",
                    "give one strategy count per player",
                )
        else:
            self.fail(
                self.token.start,
                f"expected strategy counts or labels, got {describe(self.token)}",
                'write counts, e.g. { 3 2 }, or labels, e.g. { { "U" "D" } { "L" "R" } }',
            )
        self.expect("}", "'}' after the strategies")
        return strategies, opening

    def strategy_count(self, player: str, index: int, n: int) -> int:
        token = self.token
        if token.kind != "word":
            self.fail(
                token.start,
                f"strategy counts are given for {plural(index, 'player')} only, "
                f"but the game has {plural(n, 'player')}",
                "give one strategy count per player",
            )
        self.advance()
        if not DIGITS.fullmatch(token.text):
            self.fail(
                token.start,
                f"the number of strategies of '{player}' must be a whole number, "
                f"got '{excerpt(token.text)}'",
                "e.g. { 3 2 } for 3 and 2 strategies",
            )
        if len(token.text.lstrip("0")) > len(str(MAX_PROFILES)):
            count = MAX_PROFILES + 1  # checked with the profiles below; int() would be costly
        else:
            count = int(token.text)
        if count == 0:
            self.fail(token.start, f"'{player}' has no strategies", "give at least 1")
        if count > MAX_PROFILES:
            self.fail(
                token.start,
                f"'{player}' has more than {MAX_PROFILES:,} strategies",
                "no exact method finishes on a game this large; reduce the strategies",
            )
        return count

    def labels(self, player: str, index: int, n: int) -> list[str]:
        """One player's ``{ "label" ... }``, made distinct and non-empty."""
        opening = self.token
        if opening.kind != "{":
            self.fail(
                opening.start,
                f"strategy labels are given for {plural(index, 'player')} only, "
                f"but the game has {plural(n, 'player')}",
                "give one list of strategy labels per player",
            )
        self.advance()
        tokens: list[Token] = []
        while self.token.kind == "string":
            tokens.append(self.advance())
        closing = self.expect(
            "}",
            f"a strategy label of '{player}' in double quotes or '}}'",
            'strategy labels are quoted: { "Up" "Down" }',
        )
        if not tokens:
            self.fail(closing.start, f"'{player}' has no strategies", "list at least one")
        labels = [self.name(token, f"a strategy label of '{player}'") for token in tokens]
        if distinct_names(labels):
            return labels
        numbers = [str(k + 1) for k in range(len(labels))]
        self.note(opening, f"the strategies of '{player}'", labels, numbers)
        return numbers

    def payoff_body(self, n: int, profiles: int) -> list[list[Fraction | None]]:
        """``p1 p2 ... p1 p2 ...``: n payoffs per profile, first player's strategy fastest."""
        expected = n * profiles
        values: list[Fraction | None] = []
        # The hot loop of big files: advance() and number() inlined for the common case.
        known, tokens, token = self._numbers, self._tokens, self.token
        while token.kind == "word" and len(values) < expected:
            value = known.get(token.text)
            values.append(self.number(token, "a payoff") if value is None else value)
            token = next(tokens)
        self.token = token
        size = (
            f"{expected:,} payoffs ({plural(n, 'player')} for each of "
            f"{plural(profiles, 'strategy profile')})"
        )
        if len(values) < expected:
            if self.token.kind == "end":
                self.fail(
                    self.token.start,
                    f"the payoff list is too short: expected {size}, got {len(values):,}",
                    "give every player's payoff for every strategy profile, "
                    "first player's strategy changing fastest",
                )
            hint = None
            if self.token.kind == ",":
                hint = "separate payoffs with spaces (commas belong in outcome lists only)"
            self.fail(self.token.start, f"expected a payoff, got {describe(self.token)}", hint)
        self.trailing(expected, size, "payoff")
        return [values[i : i + n] for i in range(0, expected, n)]

    def outcome_body(self, n: int, profiles: int) -> list[list[Fraction | None]]:
        """``{ { "name" p1, p2 } ... }`` then one outcome number per profile."""
        zero = Fraction(0)
        outcomes: list[list[Fraction | None]] = [[zero] * n]
        self.advance()
        while self.token.kind == "{":
            outcomes.append(self.outcome(len(outcomes), n))
        self.expect(
            "}",
            "'{' starting an outcome or '}' ending the outcome list",
            'each outcome is { "name" payoff, payoff, ... }',
        )
        table: list[list[Fraction | None]] = []
        defined = len(outcomes) - 1
        while self.token.kind == "word" and len(table) < profiles:
            token = self.advance()
            table.append(outcomes[0])
            digits = token.text.removeprefix("-")
            if not DIGITS.fullmatch(digits):
                self.problem(
                    token.start,
                    f"expected an outcome number, got '{excerpt(token.text)}'",
                    f"give one outcome number (1 to {defined}, or 0) per strategy profile",
                )
            elif (
                token.text.startswith("-")
                or len(digits.lstrip("0")) > len(str(defined))
                or int(digits) > defined
            ):
                self.problem(
                    token.start,
                    f"outcome number {excerpt(token.text)} is out of range: "
                    f"the file defines {plural(defined, 'outcome')}",
                    f"use 1 to {defined} for an outcome, or 0 for all payoffs zero"
                    if defined
                    else "use 0 for all payoffs zero",
                )
            else:
                table[-1] = outcomes[int(token.text)]
        size = f"{profiles:,} outcome numbers (one per strategy profile)"
        if len(table) < profiles:
            if self.token.kind == "end":
                self.fail(
                    self.token.start,
                    f"the outcome numbers are too few: expected {size}, got {len(table):,}",
                    "give one outcome number per strategy profile, "
                    "first player's strategy changing fastest",
                )
            self.fail(self.token.start, f"expected an outcome number, got {describe(self.token)}")
        self.trailing(profiles, size, "outcome number")
        return table

    def outcome(self, number: int, n: int) -> list[Fraction | None]:
        """One ``{ "name" p1, p2, ... }`` with exactly n payoffs (commas optional)."""
        self.advance()
        name = self.expect(
            "string", f"the name of outcome {number} in double quotes", 'it may be empty: ""'
        )
        what = f"outcome {number}" + (f" ({excerpt(name.text)})" if name.text != '""' else "")
        payoffs: list[Fraction | None] = []
        while self.token.kind == "word":
            token = self.advance()
            if len(payoffs) == n:
                self.fail(
                    token.start,
                    f"{what} has more payoffs than the game has players ({n})",
                    "give one payoff per player",
                )
            payoffs.append(self.number(token, "a payoff"))
            if self.token.kind == ",":
                self.advance()
        if self.token.kind != "}":
            self.fail(
                self.token.start,
                f"expected a payoff or '}}' in {what}, got {describe(self.token)}",
                'each outcome is { "name" payoff, payoff, ... }',
            )
        if len(payoffs) < n:
            self.fail(
                self.token.start,
                f"{what} has {plural(len(payoffs), 'payoff')}, expected {n} (one per player)",
                "give one payoff per player",
            )
        self.advance()
        return payoffs

    def trailing(self, expected: int, size: str, noun: str) -> None:
        """Report anything after the last expected number."""
        extra = self.token
        if extra.kind == "end":
            return
        if extra.kind == "word":
            more = 0
            while self.token.kind == "word":
                self.advance()
                more += 1
            self.problem(
                extra.start,
                f"too many {noun}s: expected {size}, got {expected + more:,}",
                "check the strategy counts and the list",
            )
            if self.token.kind == "end":
                raise ScenarioError(self.problems)
        self.fail(
            self.token.start,
            f"unexpected {describe(self.token)} after the last {noun}",
            "nothing may follow the payoffs",
        )
