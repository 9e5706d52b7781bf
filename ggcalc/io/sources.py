"""Finding scenario files under the paths a user names."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ggcalc.errors import InputError, Location

__all__ = ["SCENARIO_SUFFIXES", "scenario_files", "source_format"]

SCENARIO_SUFFIXES = (".yaml", ".yml", ".nfg", ".efg")


def scenario_files(paths: Iterable[Path]) -> list[Path]:
    """The scenario files a user names: files as given, and those found below directories.

    A file named directly is kept whatever its suffix. Below a named directory, every scenario
    file (``*.yaml``, ``*.yml``, Gambit ``*.nfg`` and ``*.efg``, in any case) is found, sorted
    per directory; hidden directories (``.git``, ``.venv``) are skipped.

    Parameters
    ----------
    paths : iterable of Path
        Files and directories, as the user named them.

    Returns
    -------
    list of Path
        The files, in the order the paths were named, each once (its first occurrence).

    Raises
    ------
    ggcalc.errors.InputError
        If a path does not exist (located at that path).
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in SCENARIO_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.exists():
            found.append(path)
        else:
            raise InputError(
                "no such file or directory",
                location=Location(str(path)),
                hint="check the path and its spelling",
            )
    return list(dict.fromkeys(found))


def source_format(file: str | None, text: str = "") -> str:
    """The format of a scenario: ``"yaml"``, ``"nfg"`` or ``"efg"``.

    Parameters
    ----------
    file : str or None
        The file's name: its suffix decides (``.nfg``, ``.efg``, in any case; anything else is
        YAML).
    text : str, optional
        The text, for a scenario given without a file: Gambit files start with ``NFG`` or
        ``EFG`` (after any leading white space).

    Returns
    -------
    str
        ``"nfg"``, ``"efg"`` or ``"yaml"``.
    """
    suffix = Path(file).suffix.lower() if file else ""
    if suffix in (".nfg", ".efg"):
        return suffix[1:]
    if file is None and text.lstrip()[:3] in ("NFG", "EFG"):
        return text.lstrip()[:3].lower()
    return "yaml"
