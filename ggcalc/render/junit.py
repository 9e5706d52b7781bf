"""JUnit XML for ``ggcalc check --junit FILE``: the report format CI dashboards read (one
test case per file and concept; failures and errors carry the equilibria that differ)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ggcalc.analysis.check import ERROR, FAIL, SKIPPED, UNPROVEN, CheckResult

__all__ = ["to_junit"]


def to_junit(results: list[CheckResult]) -> str:
    """The XML document (UTF-8 text with its declaration).

    One ``testsuite`` with a ``testcase`` per result: a failed or unproven check is a
    ``failure`` (its details: the equilibria that differ, the solver's warnings), an invalid or
    unsolvable file an ``error`` (its problems), a file without ``expect`` is ``skipped``.

    Parameters
    ----------
    results : list of CheckResult
        Every check of a ``ggcalc check`` run.

    Returns
    -------
    str
        The document, indented, ending in a newline.
    """
    suite = ET.Element(
        "testsuite",
        name="ggcalc check",
        tests=str(len(results)),
        failures=str(sum(1 for r in results if r.status in (FAIL, UNPROVEN))),
        errors=str(sum(1 for r in results if r.status == ERROR)),
        skipped=str(sum(1 for r in results if r.status == SKIPPED)),
        time=f"{sum(r.seconds for r in results):.3f}",
    )
    for result in results:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=result.file,
            name=result.concept or "scenario",
            file=result.file,
            time=f"{result.seconds:.3f}",
        )
        if result.status in (FAIL, UNPROVEN):
            failure = ET.SubElement(case, "failure", message=result.message, type=result.status)
            failure.text = "\n".join(result.details())
        elif result.status == ERROR:
            error = ET.SubElement(case, "error", message=result.message, type="error")
            error.text = "\n".join(str(p) for p in result.problems)
        elif result.status == SKIPPED:
            ET.SubElement(case, "skipped", message="no expect block")
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
