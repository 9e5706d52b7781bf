"""Loading the Gambit reference data in tests/data (see tests/data/README.md)."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from ggcalc.model.normal_form import NormalFormGame

DATA = Path(__file__).parent / "data"


def random_bimatrix_games() -> list[dict[str, Any]]:
    with open(DATA / "gambit_random_bimatrix.jsonl", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def gambit_nfg_games() -> list[dict[str, Any]]:
    with open(DATA / "gambit_nfg_games.jsonl", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def nfg_game(record: dict[str, Any]) -> NormalFormGame:
    """The game of a ``gambit_nfg_games.jsonl`` record (flat payoffs, first player slowest)."""
    shape = tuple(record["shape"])
    tables = [
        np.array([Fraction(v) for v in flat], dtype=object).reshape(shape)
        for flat in record["payoffs"]
    ]
    return NormalFormGame.from_arrays(tables, record["players"], record["strategies"])


def profile_set(equilibria: list[Any]) -> set[tuple[tuple[Fraction, ...], ...]]:
    """Gambit's equilibria (lists of probability lists, or player -> strategy -> p) as a set."""
    result = set()
    for eq in equilibria:
        mixes = eq.values() if isinstance(eq, dict) else eq
        result.add(
            tuple(
                tuple(Fraction(p) for p in (mix.values() if isinstance(mix, dict) else mix))
                for mix in mixes
            )
        )
    return result


def gambit_efg_games() -> list[dict[str, Any]]:
    with open(DATA / "gambit_efg_games.jsonl", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]
