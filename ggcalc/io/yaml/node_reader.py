"""Shared machinery for reading scenario nodes: located problems, names and exact numbers.

A :class:`NodeReader` walks the located YAML tree (:mod:`ggcalc.io.yaml.nodes`) and collects every
problem it finds instead of stopping at the first, so ``ggcalc validate`` can list them all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fractions import Fraction

import yaml

from ggcalc.errors import Location, Problem, ScenarioError, excerpt
from ggcalc.exact.expressions import MAX_DIGITS, ExpressionError, parse_cached, parse_number
from ggcalc.io.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode, location_of

__all__ = ["NodeReader", "kind_of"]

_NUMBER_HINT = 'write an integer (3), a decimal (0.1) or a fraction in quotes ("2/3")'
_KIND = {ScalarNode: "a single value", SequenceNode: "a list", MappingNode: "a mapping"}


_NAME = re.compile(r"^[^\W\d]\w*$")


def kind_of(node: Node) -> str:
    """How a user would call this kind of YAML value.

    Parameters
    ----------
    node : Node
        A located YAML node.

    Returns
    -------
    str
        ``"a single value"``, ``"a list"``, ``"a mapping"`` or (any other node) ``"a value"``.
    """
    return _KIND.get(type(node), "a value")


class NodeReader:
    """Reads values from located nodes of one file, collecting problems.

    Parameters
    ----------
    file : str or None
        The file name reported in every problem (``None`` for text given directly).
    parameters : mapping of str to Fraction, optional
        Values of the scenario's parameters, used by payoff expressions.

    Attributes
    ----------
    file : str or None
        As given.
    parameters : dict of str to Fraction
        The parameter values formulas are evaluated with.
    unusable : set of str
        Declared parameters whose value was invalid (already reported): a formula using one
        is skipped silently instead of being reported again.
    problems : list of Problem
        Every problem recorded so far, in the order found.
    """

    def __init__(self, file: str | None, parameters: Mapping[str, Fraction] | None = None):
        self.file = file
        self.parameters: dict[str, Fraction] = dict(parameters or {})
        #: Declared parameters whose value was invalid (already reported).
        self.unusable: set[str] = set()
        self.problems: list[Problem] = []

    def where(self, node: Node) -> Location:
        """Where ``node`` starts in this reader's file.

        Parameters
        ----------
        node : Node
            A node of the file.

        Returns
        -------
        Location
            Its 1-based line and column.
        """
        return location_of(node, self.file)

    def problem(self, node: Node | None, message: str, hint: str | None = None) -> None:
        """Record a problem at ``node`` (or at the file itself).

        Parameters
        ----------
        node : Node or None
            Where the problem is; None for a problem about the whole file.
        message : str
            What is wrong.
        hint : str or None, optional
            How to fix it.
        """
        location = self.where(node) if node is not None else Location(self.file)
        self.problems.append(Problem(message, location, hint))

    def raise_if_problems(self) -> None:
        """Stop reading if any problem was recorded.

        Raises
        ------
        ggcalc.errors.ScenarioError
            With every problem recorded so far, when there is at least one.
        """
        if self.problems:
            raise ScenarioError(self.problems)

    def expect_kind(self, node: Node, kind: type[Node], what: str, hint: str | None = None) -> bool:
        """Whether ``node`` is of ``kind``; records "WHAT must be K, got K2" otherwise.

        Parameters
        ----------
        node : Node
            The node to check.
        kind : type of Node
            :class:`ScalarNode`, :class:`SequenceNode` or :class:`MappingNode`.
        what : str
            How the message names the value (``"'players'"``, say).
        hint : str or None, optional
            The problem's hint, if it is recorded.

        Returns
        -------
        bool
            True when ``node`` is of ``kind``.
        """
        if isinstance(node, kind):
            return True
        self.problem(node, f"{what} must be {_KIND[kind]}, got {kind_of(node)}", hint)
        return False

    def name(self, node: Node, what: str) -> str | None:
        """A non-empty name exactly as the user wrote it (``Yes`` stays ``'Yes'``).

        The text is the scalar's own, stripped of surrounding white space: YAML's reading of
        ``Yes``, ``1`` or ``null`` as other types is ignored, so a strategy may be called
        ``Yes`` (an empty or ``~``/``null`` value is still refused as empty).

        Parameters
        ----------
        node : Node
            The node holding the name.
        what : str
            How a problem names the value (``"a strategy name"``, say).

        Returns
        -------
        str or None
            The name; None (with a problem recorded) when the node is not a single value, is
            a YAML merge key (``<<``), or is empty.
        """
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
        """A single value's text, as the user wrote it (not stripped).

        Parameters
        ----------
        node : Node
            The node holding the text.
        what : str
            How a problem names the value.

        Returns
        -------
        str or None
            The text; None (with a problem recorded) when the node is a list or a mapping.
        """
        if not isinstance(node, ScalarNode):
            self.problem(node, f"{what} must be text, got {kind_of(node)}")
            return None
        return str(node.value)

    def number(self, node: Node, what: str, formulas: bool = True) -> Fraction | None:
        """An exact number: a literal, a fraction string, or (if ``formulas``) a formula over
        the parameters.

        Decimals are read exactly (``0.1`` is 1/10). YAML 1.1 integers such as ``0x1F`` are
        accepted, but a sexagesimal one such as ``1:30`` is refused as ambiguous, and a yes/no
        value is never a number.

        Parameters
        ----------
        node : Node
            The node holding the number.
        what : str
            How a problem names the value (``"the payoff"``, say).
        formulas : bool, optional
            Whether a formula over the parameters is accepted (payoffs) or only a literal.

        Returns
        -------
        Fraction or None
            The exact value; None when it is not a number (a problem is then recorded) or when
            the formula uses a parameter whose own value was invalid (reported already).
        """
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
        self.problem(node, f"{what} must be a number, got '{excerpt(node.value)}'{note}", hint)

    def _yaml_integer(self, node: ScalarNode, what: str) -> Fraction | None:
        # YAML 1.1 integers such as 0x1F or 1:30 (base 60): let PyYAML read them, after the
        # same size limit as every other literal so a 4,000-digit hex number is refused.
        if len(node.value) > MAX_DIGITS:
            self.problem(
                node,
                f"{what} '{excerpt(node.value)}' has too many digits "
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
            Problem(f"in {what} '{excerpt(node.value)}': {exc.message}", location, exc.hint)
        )
