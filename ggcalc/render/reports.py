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


def _markdown(
    title: str,
    summary: str,
    header: list[str],
    rows: list[list[str]],
    details_title: str,
    sections: list[tuple[str, list[str]]],
) -> str:
    """A report: ``# title``, the summary, a table, then a ``## details_title`` section with
    one ``###`` heading per entry that has details (none when no entry has any)."""
    lines = [f"# {title}", "", summary, ""]
    lines += ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    if sections:
        lines += ["", f"## {details_title}", ""]
        for heading, body in sections:
            lines += [f"### {heading}", "", *body, ""]
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
    rows = [
        [f"`{_cell(r.file)}`", r.concept or "", r.status, _cell(r.message)] for r in report.results
    ]
    sections = [
        (f"`{r.file}` ({r.concept})", [f"    {detail}" for detail in r.details()])
        for r in report.results
        if r.details()
    ]
    header = ["file", "concept", "status", "result"]
    return _markdown(
        "Published equilibria", _check_line(report), header, rows, "Differences", sections
    )


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
    rows = [[f"`{_cell(f.file)}`", _cell(f.status)] for f in report.files]
    sections = [
        (f"`{f.file}`", [f"- `{problem}`" for problem in f.problems])
        for f in report.files
        if f.problems
    ]
    line = _validation_line(report)
    return _markdown("Scenario validation", line, ["file", "status"], rows, "Problems", sections)
