"""Renderers: every human-facing text of a result. Only these modules import rich and matplotlib.

A :class:`~ggcalc.model.solution.Solution` becomes a terminal table, Markdown or JSON; sweep,
robustness, check and validation results get their own tables, Markdown, CSV, JUnit XML and
plots. :mod:`~ggcalc.render.dispatch` maps each result and ``--format`` to its renderer.
"""

from ggcalc.render.json_format import to_json
from ggcalc.render.markdown import to_markdown

__all__ = ["to_json", "to_markdown"]
