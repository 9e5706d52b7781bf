"""The reports of ``ggcalc check`` and ``ggcalc validate``: plain lines for a terminal or a CI
log, and a Markdown document (a heading, a table of files, the details) for a pull request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ggcalc.errors import plural

if TYPE_CHECKING:
    from ggcalc.analysis.check import CheckReport
    from ggcalc.analysis.validate import ValidationReport

__all__ = ["check_markdown", "check_text", "validation_markdown", "validation_text"]


def _check_line(report: CheckReport) -> str:
    counts = report.counts
    return (
        f"{plural(counts['files'], 'file')}: {counts['pass']} passed, {counts['fail']} failed, "
        f"{counts['unproven']} unproven, {counts['skipped']} skipped, "
        f"{plural(counts['error'], 'error')}"
    )


def _validation_line(report: ValidationReport) -> str:
    return f"{len(report.files) - report.invalid} valid, {report.invalid} invalid"


def check_text(report: CheckReport) -> str:
    """``ggcalc check``'s plain lines: one per file and concept, the differences indented, then
    the summary.

    Parameters
    ----------
    report : CheckReport
        What ``ggcalc check`` found.

    Returns
    -------
    str
        The lines, each ending in a newline.
    """
    lines = []
    for r in report.results:
        lines.append(f"{r.file}: {r.status}" + (f" ({r.message})" if r.message else ""))
        lines += [f"    {detail}" for detail in r.details()]
    lines.append(_check_line(report))
    return "\n".join(lines) + "\n"


def validation_text(report: ValidationReport) -> str:
    """``ggcalc validate``'s plain lines: one per file, then the summary.

    Parameters
    ----------
    report : ValidationReport
        What ``ggcalc validate`` found.

    Returns
    -------
    str
        The lines, each ending in a newline.
    """
    lines = [f"{f.file}: {f.status}" for f in report.files]
    lines.append(_validation_line(report))
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _document(lines: list[str]) -> str:
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def check_markdown(report: CheckReport) -> str:
    """``ggcalc check``'s Markdown report: a heading, the summary, a table of checks, then the
    equilibria that differ.

    Parameters
    ----------
    report : CheckReport
        What ``ggcalc check`` found.

    Returns
    -------
    str
        The document, ending in a newline.
    """
    lines = ["# Published equilibria", "", _check_line(report), ""]
    lines += ["| file | concept | status | result |", "| --- | --- | --- | --- |"]
    details = []
    for r in report.results:
        lines.append(f"| `{_cell(r.file)}` | {r.concept or ''} | {r.status} | {_cell(r.message)} |")
        if r.details():
            details += [f"### `{r.file}` ({r.concept})", ""]
            details += [f"    {detail}" for detail in r.details()]
            details.append("")
    if details:
        lines += ["", "## Differences", "", *details]
    return _document(lines)


def validation_markdown(report: ValidationReport) -> str:
    """``ggcalc validate``'s Markdown report: a heading, the summary, a table of files, then
    every problem, located.

    Parameters
    ----------
    report : ValidationReport
        What ``ggcalc validate`` found.

    Returns
    -------
    str
        The document, ending in a newline.
    """
    lines = ["# Scenario validation", "", _validation_line(report), ""]
    lines += ["| file | status |", "| --- | --- |"]
    details = []
    for f in report.files:
        lines.append(f"| `{_cell(f.file)}` | {_cell(f.status)} |")
        if f.problems:
            details += [f"### `{f.file}`", ""]
            details += [f"- `{problem}`" for problem in f.problems]
            details.append("")
    if details:
        lines += ["", "## Problems", "", *details]
    return _document(lines)
