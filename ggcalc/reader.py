"""Shared machinery for reading scenario nodes: located problems, names and exact numbers.

A :class:`NodeReader` walks the located YAML tree (:mod:`ggcalc.yaml_reader`) and collects every
problem it finds instead of stopping at the first, so ``ggcalc validate`` can list them all.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from fractions import Fraction

from ggcalc.errors import Location, Problem, ScenarioError
from ggcalc.expressions import ExpressionError, parse_number
from ggcalc.expressions import parse as parse_expression
from ggcalc.yaml_reader import MappingNode, Node, ScalarNode, SequenceNode, location_of

__all__ = ["NodeReader", "did_you_mean"]

_NUMBER_HINT = 'write an integer (3), a decimal (0.1) or a fraction in quotes ("2/3")'
_KIND = {ScalarNode: "a single value", SequenceNode: "a list", MappingNode: "a mapping"}


def did_you_mean(word: str, options: Iterable[str]) -> str | None:
    """``"did you mean 'X'?"`` for the closest option, if one is close enough."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def kind_of(node: Node) -> str:
    """How a user would call this kind of YAML value."""
    return _KIND.get(type(node), "a value")


class NodeReader:
    """Reads values from located nodes of one file, collecting problems.

    Parameters
    ----------
    file
        The file name reported in every problem (``None`` for text given directly).
    parameters
        Values of the scenario's parameters, used by payoff expressions.
    """

    def __init__(self, file: str | None, parameters: Mapping[str, Fraction] | None = None):
        self.file = file
        self.parameters: dict[str, Fraction] = dict(parameters or {})
        self.problems: list[Problem] = []

    def where(self, node: Node) -> Location:
        return location_of(node, self.file)

    def problem(self, node: Node | None, message: str, hint: str | None = None) -> None:
        """Record a problem at ``node`` (or at the file itself)."""
        location = self.where(node) if node is not None else Location(self.file)
        self.problems.append(Problem(message, location, hint))

    def raise_if_problems(self) -> None:
        if self.problems:
            raise ScenarioError(self.problems)

    def expect_kind(self, node: Node, kind: type[Node], what: str, hint: str | None = None) -> bool:
        """Whether ``node`` is of ``kind``; records "WHAT must be K, got K2" otherwise."""
        if isinstance(node, kind):
            return True
        self.problem(node, f"{what} must be {_KIND[kind]}, got {kind_of(node)}", hint)
        return False

    def name(self, node: Node, what: str) -> str | None:
        """A non-empty name exactly as the user wrote it (``Yes`` stays ``'Yes'``)."""
        if not isinstance(node, ScalarNode):
            self.problem(node, f"{what} must be a name, got {kind_of(node)}")
            return None
        text = node.value.strip()
        if not text or (node.tag.endswith(":null") and node.value in ("", "~", "null")):
            self.problem(node, f"{what} is empty", "give it a name")
            return None
        return text

    def text(self, node: Node, what: str) -> str | None:
        if not isinstance(node, ScalarNode):
            self.problem(node, f"{what} must be text, got {kind_of(node)}")
            return None
        return str(node.value)

    def number(self, node: Node, what: str) -> Fraction | None:
        """An exact number: literal, fraction string, or expression over the parameters."""
        if not isinstance(node, ScalarNode):
            self.problem(node, f"{what} must be a number, got {kind_of(node)}", _NUMBER_HINT)
            return None
        text = node.value
        if node.tag.endswith(":bool"):
            self.problem(
                node, f"{what} must be a number, got '{text}' (a yes/no value)", _NUMBER_HINT
            )
            return None
        try:
            value = parse_number(text)
        except ExpressionError as exc:
            self._expression_problem(node, what, exc)
            return None
        if value is not None:
            return value
        if node.tag.endswith(":int"):
            return self._yaml_integer(node, what)
        if not node.tag.endswith(":str") or not text.strip():
            self.problem(node, f"{what} must be a number, got '{text}'", _NUMBER_HINT)
            return None
        return self._expression(node, what)

    def _yaml_integer(self, node: ScalarNode, what: str) -> Fraction | None:
        # YAML 1.1 integers such as 0x1F, 0o17 or 1:30 (base 60): let PyYAML read them.
        import yaml

        try:
            return Fraction(yaml.SafeLoader.construct_yaml_int(yaml.SafeLoader(""), node))
        except (ValueError, TypeError):
            self.problem(node, f"{what} must be a number, got '{node.value}'", _NUMBER_HINT)
            return None

    def _expression(self, node: ScalarNode, what: str) -> Fraction | None:
        try:
            expression = parse_expression(node.value)
            unknown = sorted(expression.names - self.parameters.keys())
            if unknown and not self.parameters:
                self.problem(
                    node,
                    f"{what} must be a number, got '{node.value}'",
                    _NUMBER_HINT + ", or declare parameters to use names in formulas",
                )
                return None
            return expression.evaluate(self.parameters)
        except ExpressionError as exc:
            self._expression_problem(node, what, exc)
            return None

    def _expression_problem(self, node: ScalarNode, what: str, exc: ExpressionError) -> None:
        # Point at the offending character inside the formula (past an opening quote).
        quote = 1 if node.style in ("'", '"') else 0
        location = self.where(node).shifted(quote + exc.offset)
        self.problems.append(
            Problem(f"in {what} '{node.value}': {exc.message}", location, exc.hint)
        )
