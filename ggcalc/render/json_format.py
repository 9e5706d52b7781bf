"""JSON output: the serialisation of a result's ``to_dict()``, nothing more (CONTRACT 3).

Every command's JSON is written here, so all of them are indented and encoded alike.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

__all__ = ["to_json"]


class _Serialisable(Protocol):
    def to_dict(self) -> Any: ...


def to_json(result: _Serialisable) -> str:
    """One JSON object, UTF-8 names kept readable, ending in a newline.

    Parameters
    ----------
    result : Solution, SweepResult, RobustnessResult, CheckReport or ValidationReport
        Anything with a ``to_dict()`` giving its JSON document.

    Returns
    -------
    str
        ``result.to_dict()``, indented by two spaces, with non-ASCII names written as they
        are (not ``\\u`` escapes).
    """
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
