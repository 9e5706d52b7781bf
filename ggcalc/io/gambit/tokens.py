"""What Gambit's two text formats (``.nfg`` and ``.efg``) share: tokens, names, numbers, problems.

Both formats are streams of the same tokens (Gambit reads both with one lexer, in its
``src/games/file.cc``): the punctuation ``{``, ``}`` and ``,``; strings in double quotes, where
``\\"`` is a quote and ``\\\\`` a backslash (any other backslash is kept as written, as Gambit
does); and *words*, any other run of characters without whitespace (numbers, the ``NFG``/``EFG``
keywords, the node letters of ``.efg`` files). Whitespace is not significant outside strings.

:class:`GambitParser` holds what every reader of these tokens needs: one token of lookahead over
a lazy token stream, locations as 1-based line and column, problems collected or raised as a
:class:`~ggcalc.errors.ScenarioError`, exact numbers through
:func:`ggcalc.exact.expressions.parse_number`, names trimmed and length-limited, and notes about
renamings. :mod:`ggcalc.io.gambit.nfg` and :mod:`ggcalc.io.gambit.efg` build on it.

Why one module: the lexer, the parser's lookahead and the problem and name rules are one
grammar that both Gambit readers share; split, each piece would be read only with the others.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import NamedTuple, NoReturn

from ggcalc.errors import Location, Problem, ScenarioError, excerpt, plural
from ggcalc.exact.expressions import ExpressionError, parse_number

__all__ = [
    "DIGITS",
    "MAX_NAME_LENGTH",
    "MAX_PROBLEMS",
    "NUMBER_HINT",
    "GambitParser",
    "Token",
    "describe",
    "distinct_names",
]

# Longest player name, strategy or action label, node or outcome name, or title.
MAX_NAME_LENGTH = 1000

# Problems reported at once (bad numbers in a long payoff list) before giving up.
MAX_PROBLEMS = 20

NUMBER_HINT = "write numbers like 3, -1.5, 2/3 or 1e-3"

# After optional whitespace, every character starts exactly one of these, so ``finditer`` skips
# nothing but trailing whitespace: a lone '"' (the ``quote`` group) is a string that never ends.
_TOKEN = re.compile(
    r'\s*(?:(?P<punct>[{},])|(?P<string>"(?:[^"\\]|\\.)*")|(?P<quote>")|(?P<word>[^\s{},"]+))',
    re.DOTALL,
)
_ESCAPE = re.compile(r'\\(["\\])')
DIGITS = re.compile(r"[0-9]+")


class Token(NamedTuple):
    """One token of a Gambit file.

    Attributes
    ----------
    kind : str
        ``"{"``, ``"}"``, ``","``, ``"string"``, ``"word"`` or ``"end"``.
    text : str
        The token as written (strings with their quotes).
    start, end : int
        0-based offsets into the text.
    """

    kind: str
    text: str  # as written (strings with their quotes)
    start: int  # 0-based offsets into the text
    end: int


def describe(token: Token) -> str:
    """How a message names what was found instead of what was expected.

    Parameters
    ----------
    token : Token
        The token found.

    Returns
    -------
    str
        ``"the end of the file"``, ``"the text ..."`` for a string, else the token quoted.
    """
    if token.kind == "end":
        return "the end of the file"
    if token.kind == "string":
        return f"the text {excerpt(token.text)}"
    return f"'{excerpt(token.text)}'"


def distinct_names(names: Sequence[str]) -> bool:
    """Whether every name is non-empty and no two are equal (what ggcalc needs of names).

    Parameters
    ----------
    names : sequence of str
        Player, strategy or action names.

    Returns
    -------
    bool
        True if the names can be used as they are.
    """
    return all(names) and len(set(names)) == len(names)


class GambitParser:
    """A reader over a lazy token stream with one token of lookahead.

    Parameters
    ----------
    text : str
        The file's contents (a leading byte-order mark is ignored).
    file : str or None
        The file's name, for locations; ``None`` for text given directly.
    notes : list of Problem or None
        Where renaming notes go (:meth:`note`); ``None`` to drop them.

    Attributes
    ----------
    text : str
        The text being read (without a byte-order mark).
    file : str or None
        The file's name.
    notes : list of Problem or None
        Where renaming notes go.
    problems : list of Problem
        The problems recorded so far (:meth:`problem`).
    token : Token
        The current token (the lookahead).

    Raises
    ------
    ggcalc.errors.ScenarioError
        If the first token is a string that never ends.
    """

    def __init__(self, text: str, file: str | None, notes: list[Problem] | None):
        self.text = text[1:] if text.startswith("\ufeff") else text
        self.file = file
        self.notes = notes
        self.problems: list[Problem] = []
        self._numbers: dict[str, Fraction] = {}
        self._line_starts: list[int] | None = None
        self._tokens = self._scan()
        self.token = next(self._tokens)

    # ----------------------------------------------------------------------------------------
    # Tokens, locations and problems

    def _scan(self) -> Iterator[Token]:
        end = 0
        for match in _TOKEN.finditer(self.text):
            group = str(match.lastgroup)
            start = match.start(group)
            if group == "quote":
                self.fail(
                    start,
                    "unterminated string: this '\"' has no closing '\"'",
                    "end the text with a '\"' (write a quote inside text as \\\")",
                )
            text = match.group(group)
            kind = text if group == "punct" else group
            end = match.end()
            yield Token(kind, text, start, end)
        while True:
            yield Token("end", "", end, end)

    def advance(self) -> Token:
        """Consume the current token.

        Returns
        -------
        Token
            The token that was current; the next one becomes current.

        Raises
        ------
        ggcalc.errors.ScenarioError
            If the next token is a string that never ends.
        """
        token = self.token
        self.token = next(self._tokens)
        return token

    def location(self, offset: int) -> Location:
        """The 1-based line and column of a 0-based offset into the text.

        Parameters
        ----------
        offset : int
            A 0-based offset into :attr:`text`.

        Returns
        -------
        Location
            The file, line and column.
        """
        # Line starts are found once, when the first location is asked for, so that a reader
        # reporting many notes on a large file does not rescan the text for each.
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        index = bisect_right(self._line_starts, offset) - 1
        return Location(self.file, index + 1, offset - self._line_starts[index] + 1)

    def problem(self, offset: int, message: str, hint: str | None = None) -> None:
        """Record a problem and carry on, unless there are too many already.

        Parameters
        ----------
        offset : int
            Where the problem is, as a 0-based offset into :attr:`text`.
        message : str
            What is wrong.
        hint : str or None, optional
            How to fix it.

        Raises
        ------
        ggcalc.errors.ScenarioError
            With every problem so far, once there are :data:`MAX_PROBLEMS` of them.
        """
        self.problems.append(Problem(message, self.location(offset), hint))
        if len(self.problems) >= MAX_PROBLEMS:
            raise ScenarioError(self.problems)

    def fail(self, offset: int, message: str, hint: str | None = None) -> NoReturn:
        """Stop reading: report every problem so far and this one.

        Parameters
        ----------
        offset : int
            Where the problem is, as a 0-based offset into :attr:`text`.
        message : str
            What is wrong.
        hint : str or None, optional
            How to fix it.

        Raises
        ------
        ggcalc.errors.ScenarioError
            Always.
        """
        raise ScenarioError([*self.problems, Problem(message, self.location(offset), hint)])

    def expect(self, kind: str, what: str, hint: str | None = None) -> Token:
        """The current token if it is of ``kind`` (then advance); otherwise fail.

        Parameters
        ----------
        kind : str
            The expected :attr:`Token.kind`.
        what : str
            What was expected, for the message (``"'{' before the strategies"``).
        hint : str or None, optional
            How to fix it, for the message.

        Returns
        -------
        Token
            The token of the expected kind.

        Raises
        ------
        ggcalc.errors.ScenarioError
            If the current token is of another kind.
        """
        if self.token.kind != kind:
            self.fail(self.token.start, f"expected {what}, got {describe(self.token)}", hint)
        return self.advance()

    def string(self, token: Token) -> str:
        """A string token's text, without its quotes and escapes.

        Parameters
        ----------
        token : Token
            A ``"string"`` token.

        Returns
        -------
        str
            The text: ``\\"`` read as a quote, ``\\\\`` as a backslash, any other
            backslash kept.
        """
        return _ESCAPE.sub(r"\1", token.text[1:-1])

    def name(self, token: Token, what: str) -> str:
        """A name or title, trimmed, within the length limit.

        Parameters
        ----------
        token : Token
            A ``"string"`` token.
        what : str
            What the name is, for the message (``"a player's name"``).

        Returns
        -------
        str
            The string's text without surrounding whitespace.

        Raises
        ------
        ggcalc.errors.ScenarioError
            If it is longer than :data:`MAX_NAME_LENGTH` characters.
        """
        value = self.string(token).strip()
        if len(value) > MAX_NAME_LENGTH:
            self.fail(
                token.start,
                f"{what} is {len(value):,} characters long; the limit is {MAX_NAME_LENGTH:,}",
                "shorten it",
            )
        return value

    def number(self, token: Token, what: str) -> Fraction | None:
        """The exact value of a number token, or ``None`` (with a problem recorded).

        Read by :func:`ggcalc.exact.expressions.parse_number` (remembered per text).

        Parameters
        ----------
        token : Token
            A ``"word"`` token.
        what : str
            What the number is, for the message (``"a payoff"``).

        Returns
        -------
        Fraction or None
            The exact value; ``None`` if the word is not a number (a problem is recorded).

        Raises
        ------
        ggcalc.errors.ScenarioError
            If recording the problem makes too many (:meth:`problem`).
        """
        value = self._numbers.get(token.text)
        if value is not None:
            return value
        try:
            value = parse_number(token.text)
        except ExpressionError as exc:
            self.problem(token.start + exc.offset, exc.message, exc.hint)
            return None
        if value is None:
            self.problem(
                token.start, f"{what} must be a number, got '{excerpt(token.text)}'", NUMBER_HINT
            )
            return None
        self._numbers[token.text] = value
        return value

    def header(self, kind: str, version: str, other: str, other_hint: str) -> str:
        """Read the header ``KIND VERSION R "title"`` (``NFG 1 R`` or ``EFG 2 R``).

        The data type may also be ``D`` (old files); numbers are read exactly either way.

        Parameters
        ----------
        kind : str
            The format's keyword, ``"NFG"`` or ``"EFG"``.
        version : str
            The supported version, ``"1"`` or ``"2"``.
        other : str
            The other Gambit format's keyword, answered with ``other_hint``.
        other_hint : str
            The hint for a file of the other format.

        Returns
        -------
        str
            The game's title.

        Raises
        ------
        ggcalc.errors.ScenarioError
            If the header is missing or malformed, or of another version.
        """
        first = self.token
        suffix = kind.lower()
        if first.kind != "word" or first.text != kind:
            if first.kind == "word" and first.text == other:
                hint = other_hint
            else:
                hint = (
                    f'a Gambit .{suffix} file starts with: {kind} {version} R "title" {{ players }}'
                )
            what = "an empty file" if first.kind == "end" else describe(first)
            self.fail(
                first.start, f"not a Gambit .{suffix} file: expected '{kind}', got {what}", hint
            )
        self.advance()
        start = f"Gambit .{suffix} files start with '{kind} {version} R'"
        found = self.token
        if found.kind != "word" or found.text != version:
            if found.kind == "word" and DIGITS.fullmatch(found.text):
                message = f"unsupported {kind} version {excerpt(found.text)}"
            else:
                message = f"expected the {kind} version {version}, got {describe(found)}"
            self.fail(found.start, message, start)
        self.advance()
        data_type = self.token
        if data_type.kind != "word" or data_type.text not in ("R", "D"):
            self.fail(
                data_type.start,
                f"expected the data type R or D, got {describe(data_type)}",
                f"{start} (or '{kind} {version} D' in old files)",
            )
        self.advance()
        title = self.expect("string", "the game's title in double quotes", 'e.g. "My game"')
        return self.name(title, "the title")

    def player_names(self, limit: int) -> list[str]:
        """Read the player names ``{ "name" ... }``, made distinct and non-empty.

        If the names are not all non-empty and distinct, every player is named ``"Player 1"``,
        ``"Player 2"``, ... instead, with a note (:meth:`note`).

        Parameters
        ----------
        limit : int
            The most players allowed.

        Returns
        -------
        list of str
            The player names.

        Raises
        ------
        ggcalc.errors.ScenarioError
            If the list is malformed, empty, or longer than ``limit``.
        """
        opening = self.expect("{", "'{' before the player names", '{ "Player 1" "Player 2" }')
        tokens: list[Token] = []
        while self.token.kind == "string":
            if len(tokens) == limit:
                self.fail(
                    self.token.start,
                    f"more than {limit} players",
                    f"ggcalc reads games of at most {limit} players",
                )
            tokens.append(self.advance())
        closing = self.expect(
            "}", "a player name in double quotes or '}'", 'player names are quoted: "Player 1"'
        )
        if not tokens:
            self.fail(closing.start, "the game has no players", "list at least one player")
        names = [self.name(token, "a player's name") for token in tokens]
        if distinct_names(names):
            return names
        defaults = [f"Player {i + 1}" for i in range(len(names))]
        self.note(opening, "the players", names, defaults)
        return defaults

    def note(self, token: Token, what: str, names: Sequence[str], replacements: list[str]) -> None:
        """Tell the user that ``what`` (e.g. "the players") were renamed, and why.

        Appends a :class:`~ggcalc.errors.Problem` to :attr:`notes` (nothing if it is None).

        Parameters
        ----------
        token : Token
            Where the names are (the note's location).
        what : str
            What was renamed, e.g. ``"the players"``.
        names : sequence of str
            The names as written (empty or repeated ones are the reasons given).
        replacements : list of str
            The names used instead.
        """
        if self.notes is None:
            return
        # Counted in one pass: a hostile file may give one information set 100,000 actions.
        counts = Counter(names)
        empty = counts.pop("", 0)
        repeated = sorted(name for name, times in counts.items() if times > 1)
        reasons = []
        if empty:
            reasons.append(f"{plural(empty, 'name')} empty")
        if repeated:
            reasons.append("repeated: " + ", ".join(f"'{excerpt(name)}'" for name in repeated))
        shown = [f"'{name}'" for name in replacements]
        if len(shown) > 3:
            shown[2:-1] = ["..."]
        self.notes.append(
            Problem(
                f"{what} are named {', '.join(shown)} instead ({'; '.join(reasons)})",
                self.location(token.start),
                "give them distinct names in the file to keep your own",
            )
        )
