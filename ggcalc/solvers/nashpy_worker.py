"""Child process for :mod:`ggcalc.solvers.nashpy`.

Reads ``{"method": ..., "A": [[...]], "B": [[...]]}`` as JSON on stdin and writes one JSON
line per event on stdout, flushing each, so the parent keeps every result that arrived even if
it has to stop this process: ``{"profile": [x, y]}``, ``{"warning": text}``, then
``{"done": true}`` or ``{"error": text}``.
"""

from __future__ import annotations

import json
import sys
import warnings
from typing import Any


def _emit(event: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def main() -> None:
    """Read one request from standard input, run nashpy, and stream the results as JSON lines.

    Lemke–Howson is run once per initial dropped label (every label of the game). nashpy's
    warnings are reported after its profiles. Any exception is reported as an ``error`` event
    rather than raised, for the parent to explain.
    """
    request = json.load(sys.stdin)
    try:
        import nashpy
        import numpy as np

        A = np.array(request["A"], dtype=float)
        B = np.array(request["B"], dtype=float)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            game = nashpy.Game(A, B)
            if request["method"] == "lemke_howson":
                # One label at a time, so a label that cycles does not hide the others.
                profiles: Any = (
                    game.lemke_howson(initial_dropped_label=label) for label in range(sum(A.shape))
                )
            else:
                profiles = getattr(game, request["method"])()
            for x, y in profiles:
                _emit({"profile": [np.asarray(x).tolist(), np.asarray(y).tolist()]})
        for item in caught:
            _emit({"warning": f"nashpy: {item.message}"})
        _emit({"done": True})
    except Exception as exc:  # report any nashpy failure to the parent, which explains it
        _emit({"error": f"{type(exc).__name__}: {exc}"})


if __name__ == "__main__":
    main()
