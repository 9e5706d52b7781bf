"""Renderers: turn a :class:`~ggcalc.solution.Solution` into text. Only these import rich."""

from ggcalc.render.json_format import to_json
from ggcalc.render.markdown import to_markdown

__all__ = ["to_json", "to_markdown"]
