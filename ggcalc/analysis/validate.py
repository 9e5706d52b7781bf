"""``ggcalc validate``: load scenario files without solving them and collect every problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ggcalc.errors import GgcalcError, Problem, plural
from ggcalc.io.load import load
from ggcalc.model.tree import GameTree

__all__ = ["FileValidation", "ValidationReport", "validate_file"]


@dataclass
class FileValidation:
    """What loading one file found.

    Attributes
    ----------
    file : str
        The path as given.
    problems : list of Problem
        Every problem found (none when the file is valid).
    summary : str
        For a valid file, what it holds (``"normal form, 2 players, 4×3 strategies"``).
    """

    file: str
    problems: list[Problem] = field(default_factory=list)
    summary: str = ""

    @property
    def valid(self) -> bool:
        """True when the file loaded without a problem."""
        return not self.problems

    @property
    def status(self) -> str:
        """``ok (what it holds)`` or ``INVALID (n problems)``."""
        if self.valid:
            return f"ok ({self.summary})"
        return f"INVALID ({plural(len(self.problems), 'problem')})"

    def to_dict(self) -> dict[str, object]:
        """This file's entry in the JSON document of ``ggcalc validate --format json``.

        Returns
        -------
        dict
            ``file``, ``valid``, ``problems`` (each with its file, see
            :meth:`~ggcalc.errors.Problem.to_dict`) and ``status``.
        """
        return {
            "file": self.file,
            "valid": self.valid,
            "problems": [p.to_dict(self.file) for p in self.problems],
            "status": self.status,
        }


@dataclass
class ValidationReport:
    """Every file of one ``ggcalc validate`` run, in order.

    Attributes
    ----------
    files : list of FileValidation
        One :class:`FileValidation` per file.
    """

    files: list[FileValidation]

    @property
    def invalid(self) -> int:
        """How many files have problems."""
        return sum(1 for f in self.files if not f.valid)

    def to_dict(self) -> dict[str, object]:
        """The JSON document of ``ggcalc validate --format json``.

        Returns
        -------
        dict
            ``{"files": [...], "invalid": n}``: each file's :meth:`FileValidation.to_dict` and
            how many files have problems.
        """
        return {"files": [f.to_dict() for f in self.files], "invalid": self.invalid}


def validate_file(path: Path) -> FileValidation:
    """Load one scenario file and describe it, or collect its problems.

    Errors are data here: a file that cannot be read or is invalid gives a
    :class:`FileValidation` with its problems, not an exception.

    Parameters
    ----------
    path : Path
        A YAML scenario or a Gambit ``.nfg`` / ``.efg`` file.

    Returns
    -------
    FileValidation
        Its problems (every one the readers found), or a one-line summary of its game.
    """
    try:
        scenario = load(path)
    except GgcalcError as error:
        return FileValidation(str(path), problems=error.problems)
    game = scenario.game
    if isinstance(game, GameTree):
        summary = (
            f"sequential form, {plural(game.n_players, 'player')}, "
            f"{plural(game.n_nodes, 'node')}, {plural(len(game.infosets), 'decision point')}"
        )
    else:
        shape = "×".join(str(k) for k in game.shape)
        summary = f"{scenario.form} form, {plural(game.n_players, 'player')}, {shape} strategies"
    return FileValidation(str(path), summary=summary)
