"""Finding scenario files under the paths a user names."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ggcalc.errors import InputError, Location

__all__ = ["SCENARIO_SUFFIXES", "scenario_files"]

SCENARIO_SUFFIXES = (".yaml", ".yml", ".nfg", ".efg")


def scenario_files(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus every scenario file (``*.yaml``, ``*.yml``, Gambit ``*.nfg``
    and ``*.efg``) below named directories, sorted.

    Hidden directories (``.git``, ``.venv``) are skipped. A path that does not exist is an
    :class:`~ggcalc.errors.InputError`.
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
