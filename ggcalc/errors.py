"""One exception hierarchy for everything ggcalc reports to its users.

Every error carries what a user needs to fix it: where (file, line, column, when known), what is
wrong, and a hint. The CLI catches only :class:`GgcalcError` and maps ``exit_code`` to the
process exit status, so no user error ever ends in a traceback.

Why one module: it is the one error tree every layer imports, and it imports nothing of
ggcalc (docs/architecture.md), with the few message helpers every message uses; it is about
130 lines of code, the rest is documentation.
"""

from __future__ import annotations

import copy
import difflib
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """A place in a file; ``line`` and ``column`` are 1-based, as editors show them.

    Written ``FILE:LINE:COL`` (``<input>`` for text that came from no file), the prefix of a
    located message.

    Attributes
    ----------
    file : str or None
        The file's name as the user gave it, or None for text read from no file.
    line : int or None
        The 1-based line, or None when the place is the whole file.
    column : int or None
        The 1-based column on ``line``, or None when only the line is known.
    """

    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def shifted(self, columns: int) -> Location:
        """The same place moved ``columns`` characters to the right on its line.

        Parameters
        ----------
        columns : int
            How many characters to move right (negative: to the left).

        Returns
        -------
        Location
            The moved place; this location itself when it has no column.
        """
        if self.column is None:
            return self
        return Location(self.file, self.line, self.column + columns)


@dataclass(frozen=True)
class Problem:
    """One located thing wrong with an input: ``FILE:LINE:COL: message (hint)``.

    Attributes
    ----------
    message : str
        What is wrong, in plain words.
    location : Location or None
        Where it is wrong, when known.
    hint : str or None
        How to fix it, when there is something useful to say.
    """

    message: str
    location: Location | None = None
    hint: str | None = None

    def __str__(self) -> str:
        text = self.message if self.hint is None else f"{self.message}; {self.hint}"
        return text if self.location is None else f"{self.location}: {text}"

    def to_dict(self, file: str | None = None) -> dict[str, object]:
        """The problem in a JSON report: line, column, message and hint.

        The file is included when ``file`` is given: the file of the problem's location if it
        has one, else ``file``.

        Parameters
        ----------
        file : str or None, optional
            The file the report is about, or None to leave the file out.

        Returns
        -------
        dict
            ``{"file"?, "line", "column", "message", "hint"}``; line and column are None for a
            problem without a location.
        """
        where = self.location
        entry: dict[str, object] = {}
        if file is not None:
            entry["file"] = where.file if where else file
        entry["line"] = where.line if where else None
        entry["column"] = where.column if where else None
        entry["message"] = self.message
        entry["hint"] = self.hint
        return entry


class GgcalcError(Exception):
    """Base of every error ggcalc raises on purpose.

    Library code names the arguments a message is about through fields of its message and hint,
    so that each interface spells them its own way: with ``fields=True``, ``{timeout}`` is
    ``timeout`` in the library and ``--timeout`` on the command line, and ``{timeout=60}`` is
    ``timeout=60`` or ``--timeout 60`` (:meth:`spelled`). Literal braces are then doubled
    (:func:`literal`); without ``fields`` the message is plain text.

    ``exit_code`` is what the command line exits with: 2 for invalid input or usage, 1 when the
    input was fine but no answer could be given (CONTRACT section 2).

    Parameters
    ----------
    message : str
        What is wrong (a template when ``fields`` is True).
    location : Location or None, optional
        Where it is wrong, when known.
    hint : str or None, optional
        How to fix it (a template when ``fields`` is True).
    fields : bool, optional
        Whether ``message`` and ``hint`` name arguments through ``{name}`` and
        ``{name=value}`` fields; they are spelled for the library until :meth:`spelled`.

    Attributes
    ----------
    problem : Problem
        The message, location and hint, as spelled for the interface at hand.
    exit_code : int
        The command line's exit status for this error (2 here; 1 for :class:`SolverError`).
    template : tuple of (str, str or None) or None
        The ``(message, hint)`` templates when the error names arguments through fields.
    """

    exit_code = 2
    #: ``(message, hint)`` templates when the error names arguments through fields.
    template: tuple[str, str | None] | None = None

    def __init__(
        self,
        message: str,
        *,
        location: Location | None = None,
        hint: str | None = None,
        fields: bool = False,
    ):
        if fields:
            self.template = (message, hint)
            message, hint = spell(message, api_spelling) or "", spell(hint, api_spelling)
        self.problem = Problem(message, location, hint)
        super().__init__(str(self.problem))

    def spelled(self, spelling: Spelling) -> GgcalcError:
        """The same error with its arguments spelled by ``spelling`` (plain errors unchanged).

        Parameters
        ----------
        spelling
            ``spelling(name, value)`` gives how an interface writes the argument ``name``
            (``value`` None) or an assignment of ``value`` to it.

        Returns
        -------
        GgcalcError
            A copy of this error (same class and exit code) with the new spelling, or this
            error itself when its message names no argument.
        """
        if self.template is None:
            return self
        message, hint = self.template
        respelled = copy.copy(self)
        respelled.problem = Problem(
            spell(message, spelling) or "", self.location, spell(hint, spelling)
        )
        respelled.args = (str(respelled.problem),)
        return respelled

    @property
    def problems(self) -> list[Problem]:
        """Every problem this error reports, one line each."""
        return [self.problem]

    @property
    def location(self) -> Location | None:
        """Where the (first) problem is, when known."""
        return self.problem.location


class InputError(GgcalcError):
    """The user's input (a file, an option, an override) is invalid."""


class ScenarioError(InputError):
    """A scenario file has one or more problems; all of them are reported at once.

    The problems are kept in file order (by file, then line and column; problems about a whole
    file after the located ones), and the first of them is the error's own message, location
    and hint.

    Parameters
    ----------
    problems : list of Problem
        Every problem found, in any order.

    Raises
    ------
    ValueError
        If ``problems`` is empty.
    """

    def __init__(self, problems: list[Problem]):
        if not problems:
            raise ValueError("ScenarioError needs at least one problem")
        self._problems = _in_file_order(problems)
        first = self._problems[0]
        super().__init__(first.message, location=first.location, hint=first.hint)
        self.args = ("\n".join(str(p) for p in self._problems),)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self._problems)

    @property
    def problems(self) -> list[Problem]:
        """Every problem of the file, in file order (a new list each time)."""
        return list(self._problems)


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    """``problems`` sorted as they occur in their file: by line, then column.

    Readers find problems in the order they walk the document (duplicate keys before the rest,
    a whole mapping's missing entries after its children), but a user fixes them top to bottom.
    The sort is stable: problems at the same place keep their order. A problem about the whole
    file (no line) has no place among the lines, so those come after the located ones, in the
    order found; this also keeps the first problem (the error's own location) a located one
    whenever there is one. Problems of several files stay grouped by file, in the order the
    files first appear.
    """
    files: dict[str | None, int] = {}
    for problem in problems:
        files.setdefault(problem.location.file if problem.location else None, len(files))

    def position(problem: Problem) -> tuple[int, int, int, int]:
        location = problem.location
        rank = files[location.file if location else None]
        if location is None or location.line is None:
            return (rank, 1, 0, 0)
        return (rank, 0, location.line, location.column or 0)

    return sorted(problems, key=position)


class UsageError(InputError):
    """An argument of a call (an option of a command) is invalid: an unknown method, a bad
    parameter value, a malformed ``vary`` specification, ... (its message usually names the
    argument through fields, see :class:`GgcalcError`)."""


#: How an interface writes an argument: ``spelling(name, None)`` or ``spelling(name, value)``.
Spelling = Callable[[str, str | None], str]


def api_spelling(name: str, value: str | None) -> str:
    """The library's spelling of an argument (``timeout``) or an assignment (``timeout=60``).

    A value that is not plain (letters, digits, ``.``, ``/``, ``-``) is written as a Python
    literal: ``vary='cost=0:1:3'``.

    Parameters
    ----------
    name : str
        The argument's name, as a keyword of the library call.
    value : str or None
        The value assigned to it, or None to name the argument alone.

    Returns
    -------
    str
        ``name`` or ``name=value``.
    """
    if value is None:
        return name
    plain = value.replace(".", "").replace("/", "").replace("-", "").isalnum()
    return f"{name}={value}" if plain else f"{name}={value!r}"


def spell(template: str | None, spelling: Spelling) -> str | None:
    """``template`` with its ``{name}`` and ``{name=value}`` fields spelled by ``spelling``.

    Parameters
    ----------
    template : str or None
        Text whose fields name arguments (literal braces doubled), or None.
    spelling : Spelling
        How to write each field (see :data:`Spelling`).

    Returns
    -------
    str or None
        The text with every field spelled and doubled braces made single; None when
        ``template`` is None.
    """
    if template is None:
        return None
    parts = []
    for text, field_name, _spec, _conversion in string.Formatter().parse(template):
        parts.append(text)
        if field_name is not None:
            name, equals, value = field_name.partition("=")
            parts.append(spelling(name, value if equals else None))
    return "".join(parts)


def quote(text: str) -> str:
    """``'text'``: what a user wrote, quoted in a message.

    Parameters
    ----------
    text : str
        What the user wrote.

    Returns
    -------
    str
        ``text`` between single quotes (not escaped).
    """
    return f"'{text}'"


def literal(text: str) -> str:
    """User text made safe inside a template: its braces are kept as braces.

    Parameters
    ----------
    text : str
        What the user wrote, to be put inside a message or hint template.

    Returns
    -------
    str
        ``text`` with every ``{`` and ``}`` doubled.
    """
    return text.replace("{", "{{").replace("}", "}}")


class SolverError(GgcalcError):
    """The input was valid but no certified answer could be produced.

    Its ``exit_code`` is 1 (CONTRACT section 2).
    """

    exit_code = 1


class SolverTimeout(SolverError):
    """A solver (typically a third-party one) did not finish within its time limit."""


def excerpt(text: str, limit: int = 40) -> str:
    """``text`` shortened for a message: a 5,000-digit number helps nobody read it.

    Parameters
    ----------
    text : str
        What the user wrote.
    limit : int, optional
        The most characters to keep (the last one becomes ``…`` when text is cut).

    Returns
    -------
    str
        ``text`` itself when it fits, else its first ``limit - 1`` characters and ``…``.
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


def did_you_mean(word: str, options: Iterable[str], *, most: int = 1) -> str | None:
    """``"did you mean 'X'?"`` (or ``'X' or 'Y'``) for the closest options, if any is close.

    Parameters
    ----------
    word : str
        What the user wrote.
    options : iterable of str
        The names that would have been accepted.
    most : int, optional
        How many suggestions to give at most.

    Returns
    -------
    str or None
        The hint, or None when nothing is close enough (``difflib`` similarity below 0.6).
    """
    close = difflib.get_close_matches(word, list(options), n=most, cutoff=0.6)
    if not close:
        return None
    return "did you mean " + " or ".join(f"'{match}'" for match in close) + "?"


def plural(number: int, noun: str) -> str:
    """``"1 player"``, ``"3 players"``, ``"1,024 nodes"``: a count and its noun, in agreement.

    Parameters
    ----------
    number : int
        The count (written with thousands separators).
    noun : str
        The singular noun; its plural adds an ``s``.

    Returns
    -------
    str
        The count and the noun, e.g. ``"3 players"``.
    """
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


class SampleError(ScenarioError):
    """A scenario could not be solved at one sample of its parameters (a probability out of
    range, a division by zero, ...): its problems, each saying at which sample and values.

    Parameters
    ----------
    problems : list of Problem
        The problems found at that sample.
    exit_code : int, optional
        2 when the scenario is invalid at that sample, 1 when it was valid but not solved.

    Raises
    ------
    ValueError
        If ``problems`` is empty.
    """

    def __init__(self, problems: list[Problem], exit_code: int = 2):
        super().__init__(problems)
        self.exit_code = exit_code
