"""Shared machinery for reading scenario nodes: located problems, names and exact numbers.

A :class:`NodeReader` walks the located YAML tree (:mod:`ggcalc.yaml_reader`) and collects every
problem it finds instead of stopping at the first, so ``ggcalc validate`` can list them all.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from fractions import Fraction

import yaml

from ggcalc.errors import Location, Problem, ScenarioError
from ggcalc.expressions import MAX_DIGITS, ExpressionError, parse_cached, parse_number
from ggcalc.yaml_reader import MappingNode, Node, ScalarNode, SequenceNode, location_of

__all__ = ["NodeReader", "did_you_mean"]

_NUMBER_HINT = 'write an integer (3), a decimal (0.1) or a fraction in quotes ("2/3")'
_KIND = {ScalarNode: "a single value", SequenceNode: "a list", MappingNode: "a mapping"}


_NAME = re.compile(r"^[^\W\d]\w*$")


def _excerpt(text: str, limit: int = 40) -> str:
    """``text`` shortened for a message: a 5,000-digit number is not quoted in full."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
        #: Declared parameters whose value was invalid (already reported).
        self.unusable: set[str] = set()
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
            self.problem(
                node,
                f"{what} must be a name, got {kind_of(node)}",
                "a name is plain text: put a name containing ': ' or brackets in quotes",
            )
            return None
        if node.tag.endswith(":merge"):
            self.problem(
                node,
                "YAML merge keys ('<<') are not supported in scenarios",
                "write the entries out (an alias such as *name may stand for a whole value)",
            )
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

    def number(self, node: Node, what: str, formulas: bool = True) -> Fraction | None:
        """An exact number: a literal, a fraction string, or (if ``formulas``) a formula over
        the parameters."""
        if not isinstance(node, ScalarNode):
            self.problem(node, f"{what} must be a number, got {kind_of(node)}", _NUMBER_HINT)
            return None
        text = node.value.strip()
        if node.tag.endswith(":bool"):
            self._not_a_number(node, what, " (a yes/no value)")
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
        if not node.tag.endswith(":str") or not text:
            self._not_a_number(node, what)
            return None
        if not formulas:
            self._not_a_number(node, what, hint=f"{_NUMBER_HINT}; formulas belong in payoffs")
            return None
        if not any(c in text for c in "+-*/() ") and not _NAME.match(text):
            # One word that is neither a number nor a name (0o17, 3x, $5): not a formula.
            self._not_a_number(node, what)
            return None
        return self._formula(node, what)

    def _not_a_number(
        self, node: ScalarNode, what: str, note: str = "", hint: str = _NUMBER_HINT
    ) -> None:
        self.problem(node, f"{what} must be a number, got '{_excerpt(node.value)}'{note}", hint)

    def _yaml_integer(self, node: ScalarNode, what: str) -> Fraction | None:
        # YAML 1.1 integers such as 0x1F or 1:30 (base 60): let PyYAML read them, after the
        # same size limit as every other literal so a 4,000-digit hex number is refused.
        if len(node.value) > MAX_DIGITS:
            self.problem(
                node,
                f"{what} '{_excerpt(node.value)}' has too many digits "
                f"({len(node.value)}; the limit is {MAX_DIGITS})",
                "write very large or very small values with an exponent, e.g. '2.5e30'",
            )
            return None
        try:
            value = int(yaml.SafeLoader("").construct_yaml_int(node))
        except (ValueError, TypeError):
            self._not_a_number(node, what)
            return None
        if ":" in node.value:
            # YAML 1.1 reads 1:30 as 90 (base 60): refuse the surprise.
            self.problem(
                node,
                f"{what} '{node.value}' is ambiguous: YAML 1.1 reads it as {value}",
                'write the number without colons (or in quotes as a fraction such as "3/2")',
            )
            return None
        return Fraction(value)

    def _formula(self, node: ScalarNode, what: str) -> Fraction | None:
        try:
            expression = parse_cached(node.value)  # a sweep evaluates it at every point
            if expression.names & self.unusable:
                return None  # the broken parameter was reported where it is declared
            if expression.names - self.parameters.keys() and not self.parameters:
                self._not_a_number(
                    node,
                    what,
                    hint=_NUMBER_HINT + ", or declare 'parameters' to use names in formulas",
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
            Problem(f"in {what} '{_excerpt(node.value)}': {exc.message}", location, exc.hint)
        )
