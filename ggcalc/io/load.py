"""Reading any scenario: a YAML file, a Gambit ``.nfg`` or ``.efg`` file, or YAML text.

:func:`read` gives a *document* (read once; the game is built from it for any parameter
values, as sweeps and samples need); :func:`load` gives the scenario itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Union

from ggcalc.io.sources import source_format
from ggcalc.io.yaml.document import Document, read_document
from ggcalc.io.yaml.nodes import read_source
from ggcalc.model.scenario import Scenario

if TYPE_CHECKING:
    from ggcalc.io.gambit.document import GambitDocument

__all__ = ["ScenarioDocument", "load", "read", "read_text"]

#: A scenario read once, from which its game is built for any parameter values. (The Gambit
#: readers are imported only for Gambit files, so the alias names them as a string.)
ScenarioDocument = Union[Document, "GambitDocument"]


def read_text(text: str, file: str | None, source: object = None) -> Document | GambitDocument:
    """A scenario document from its text (``file`` names where it came from, if anywhere).

    Parameters
    ----------
    text
        The whole file.
    file
        Its name (its suffix says the format; without one, Gambit text is recognised by its
        first word).
    source
        What the user gave, for messages (a path mistaken for text, say).
    """
    kind = source_format(file, text)
    if kind == "yaml":
        return read_document(text, file, source)
    from ggcalc.io.gambit.document import GambitDocument

    return GambitDocument(text, file, kind)


def read(source: str | Path) -> Document | GambitDocument:
    """A scenario document from a path or from YAML text (see :func:`read_text`).

    Parameters
    ----------
    source
        A path to a ``.yaml``, ``.nfg`` or ``.efg`` file, or the YAML text itself.

    Raises
    ------
    ggcalc.errors.InputError
        When the file cannot be read, or its YAML is broken.
    """
    text, file = read_source(source)
    return read_text(text, file, source)


def load(source: str | Path, **overrides: object) -> Scenario:
    """Load and validate a scenario from a path or from YAML text.

    Parameters
    ----------
    source
        A path to a ``.yaml`` file, or the YAML text itself.
    **overrides
        Parameter values replacing those in the file (what ``--set name=value`` does).

    Raises
    ------
    ggcalc.errors.InputError
        With every problem found, each located as ``FILE:LINE:COL``.

    Examples
    --------
    >>> scenario = load("title: PD\\nplayers: {A: [C, D], B: [C, D]}\\npayoffs:\\n"
    ...     "  C: {C: [3, 3], D: [0, 5]}\\n  D: {C: [5, 0], D: [1, 1]}\\n")
    >>> [eq.profile for eq in scenario.solve().equilibria] == [((0, 1), (0, 1))]
    True
    """
    return read(source).scenario(overrides)
