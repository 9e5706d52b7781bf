"""What sweeps and robustness runs check before they solve anything: the parameters a user
varies and fixes exist, and none is named twice."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from ggcalc.errors import UsageError
from ggcalc.exact.values import parse_override
from ggcalc.io.load import ScenarioDocument

__all__ = ["check_varied"]


def check_varied(
    document: ScenarioDocument, names: Sequence[str], fixed: Mapping[str, object]
) -> dict[str, Fraction]:
    """Check the varied and fixed parameters against the scenario before the first solve, so
    that a typo is a usage error rather than a failure at the first point or sample.

    Parameters
    ----------
    document
        The scenario, read once.
    names
        The varied parameters, in order.
    fixed
        Other parameters set to a value (``--set``).

    Returns
    -------
    dict of str to Fraction
        The fixed values, exact.

    Raises
    ------
    UsageError
        A parameter varied twice, both varied and fixed, or unknown to the scenario.
    ScenarioError
        When the file itself is invalid (all its problems, whatever the values).
    """
    if len(set(names)) != len(names):
        raise UsageError("a parameter is varied twice", hint="vary each parameter once")
    for name in names:
        if name in fixed:
            raise UsageError(
                f"parameter '{name}' is given both to {{vary}} and to {{fixed}}", fields=True
            )
    if document.problems:
        document.scenario(expectations=False)
    document.require_parameters([*names, *fixed])
    return {name: parse_override(value, name, document.file) for name, value in fixed.items()}
