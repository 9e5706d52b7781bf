"""JSON output: the serialisation of :meth:`Solution.to_dict`, nothing more (CONTRACT 3)."""

from __future__ import annotations

import json

from ggcalc.solution import Solution

__all__ = ["to_json"]


def to_json(solution: Solution) -> str:
    """One JSON object, UTF-8 names kept readable, ending in a newline."""
    return json.dumps(solution.to_dict(), indent=2, ensure_ascii=False) + "\n"
