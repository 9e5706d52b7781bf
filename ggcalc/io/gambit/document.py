"""A Gambit file (``.nfg`` strategic form, ``.efg`` extensive form) as a scenario document.

Gambit files have no parameters, so a document of one offers the same calls as a YAML one
(:class:`ggcalc.io.yaml.document.Document`) and refuses any parameter by name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from ggcalc.errors import Location, Problem, UsageError
from ggcalc.model.scenario import Scenario

__all__ = ["GambitDocument"]


@dataclass
class GambitDocument:
    """The text of a Gambit file, ready to be read as a scenario (it has no parameters).

    Attributes
    ----------
    text
        The file's text.
    file
        Its name, if it was read from a file.
    kind
        ``"nfg"`` or ``"efg"``.
    """

    text: str
    file: str | None
    kind: str
    parameters: dict[str, Fraction] = field(default_factory=dict)
    unusable: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The game's title, or the file name without its suffix."""
        return self.scenario().title

    def require_parameters(self, names: Iterable[str]) -> None:
        """Refuse the first of ``names``: a Gambit file has no parameters.

        Parameters
        ----------
        names
            Parameter names a user gave (to override, vary or fix).

        Raises
        ------
        UsageError
            When ``names`` is not empty.
        """
        for name in names:
            raise UsageError(
                f"unknown parameter '{name}' (Gambit files have no parameters)",
                location=Location(self.file),
                hint="describe the game as a YAML scenario with named parameters",
            )

    def scenario(
        self, overrides: Mapping[str, object] | None = None, *, expectations: bool = True
    ) -> Scenario:
        """The game as a scenario (``overrides`` must be empty; ``expectations`` is ignored:
        Gambit files publish no equilibria).

        Parameters
        ----------
        overrides
            Parameter values; any is refused.
        expectations
            Unused (kept so that every document is called alike).

        Returns
        -------
        Scenario
            The game, its title (or the file's name) and the readers' notes.

        Raises
        ------
        UsageError
            For any override.
        ScenarioError
            With every problem of the file, located.
        """
        # Imported here: loading any scenario imports this module, and most are YAML.
        from ggcalc.io.gambit.efg import read_efg
        from ggcalc.io.gambit.nfg import read_nfg

        self.require_parameters(overrides or {})
        tree = self.kind == "efg"
        notes: list[Problem] = []
        text, file = self.text, self.file
        game = read_efg(text, file, notes=notes) if tree else read_nfg(text, file, notes=notes)
        return Scenario(
            title=game.title or Path(file or f"game.{self.kind}").stem,
            game=game,
            file=file,
            form="sequential" if tree else "normal",
            notes=[str(note) for note in notes],
        )
