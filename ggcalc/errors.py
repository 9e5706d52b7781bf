"""One exception hierarchy for everything ggcalc reports to its users.

Every error carries what a user needs to fix it: where (file, line, column, when known), what is
wrong, and a hint. The CLI catches only :class:`GgcalcError` and maps ``exit_code`` to the
process exit status, so no user error ever ends in a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """A place in a file; ``line`` and ``column`` are 1-based, as editors show them."""

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
        """The same place moved ``columns`` characters to the right on its line."""
        if self.column is None:
            return self
        return Location(self.file, self.line, self.column + columns)


@dataclass(frozen=True)
class Problem:
    """One located thing wrong with an input: ``FILE:LINE:COL: message (hint)``."""

    message: str
    location: Location | None = None
    hint: str | None = None

    def __str__(self) -> str:
        text = self.message if self.hint is None else f"{self.message}; {self.hint}"
        return text if self.location is None else f"{self.location}: {text}"


class GgcalcError(Exception):
    """Base of every error ggcalc raises on purpose.

    ``exit_code`` is what the command line exits with: 2 for invalid input or usage, 1 when the
    input was fine but no answer could be given (CONTRACT section 2).
    """

    exit_code = 2

    def __init__(self, message: str, *, location: Location | None = None, hint: str | None = None):
        self.problem = Problem(message, location, hint)
        super().__init__(str(self.problem))

    @property
    def problems(self) -> list[Problem]:
        """Every problem this error reports, one line each."""
        return [self.problem]

    @property
    def location(self) -> Location | None:
        return self.problem.location


class InputError(GgcalcError):
    """The user's input (a file, an option, an override) is invalid."""


class ScenarioError(InputError):
    """A scenario file has one or more problems; all of them are reported at once."""

    def __init__(self, problems: list[Problem]):
        if not problems:
            raise ValueError("ScenarioError needs at least one problem")
        self._problems = list(problems)
        first = self._problems[0]
        super().__init__(first.message, location=first.location, hint=first.hint)
        self.args = ("\n".join(str(p) for p in self._problems),)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self._problems)

    @property
    def problems(self) -> list[Problem]:
        return list(self._problems)


class UsageError(InputError):
    """A command-line option or API argument is invalid (unknown method, bad --set, ...)."""


class SolverError(GgcalcError):
    """The input was valid but no certified answer could be produced."""

    exit_code = 1


class SolverTimeout(SolverError):
    """A solver (typically a third-party one) did not finish within its time limit."""
