"""Exact arithmetic expressions over named parameters, such as ``"cost - 2*aid/3"``.

Scenario files may give a payoff or a probability as a formula instead of a number. This module
parses such formulas with a small hand-written tokenizer and recursive-descent parser (never
``eval``: scenario files come from outside and must not run code) and evaluates them in exact
rational arithmetic with :class:`fractions.Fraction`, so ``0.1 + 0.2`` is exactly ``3/10``.

Grammar, with the usual precedence, binary operators left-associative::

    sum     := product (("+" | "-") product)*
    product := operand (("*" | "/") operand)*
    operand := ("+" | "-")* (number | name | "(" sum ")")
    number  := digits ["." [digits]] [("e" | "E") ["+" | "-"] digits]  |  "." digits [exponent]
    name    := a Python-style identifier (letters, digits, "_"; not starting with a digit)

Spaces and tabs may separate tokens. Everything else (``**``, ``%``, ``//``, function calls,
``a.b``, indexing, commas, strings, booleans) is refused with an :class:`ExpressionError` that
says what is wrong, where (a 0-based character offset) and, when possible, how to fix it.

A formula is parsed once into a small tree, and the tree is compiled into nested closures;
:meth:`Expression.evaluate` only runs those closures, because parameter sweeps evaluate the same
formula thousands of times with different values.

Why one module: the formula language's tokenizer, parser, checks and exact evaluator are
one small language; its limits and messages are kept together so they agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from numbers import Rational
from typing import NamedTuple, NoReturn

from ggcalc.errors import did_you_mean, excerpt

__all__ = [
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "Expression",
    "ExpressionError",
    "evaluate",
    "parse",
    "parse_cached",
    "parse_number",
]

# Limits. Scenario files are untrusted input, and exact arithmetic has no overflow to stop a
# runaway computation, so every way of making the parser or the numbers explode is capped.

# A payoff formula longer than this is not something an analyst can review; the cap also bounds
# the work of tokenizing and the size of every tree built from one expression.
MAX_LENGTH = 1000

# Digits in one numeric literal (integer and fractional part together). Also keeps int() well
# below Python's 4300-digit string-conversion limit, so that limit never surfaces as a crash.
MAX_DIGITS = 100

# Largest exponent magnitude in a literal such as ``2.5e-3``. ``1e999999999`` would otherwise
# build a billion-digit integer; the exponent is checked before any power of ten is computed.
MAX_EXPONENT = 1000

# Nesting of parentheses and unary signs. The parser and the compiled evaluator recurse once per
# level (at most four Python frames each), so this keeps them well below Python's recursion limit
# (1000 by default) even when called from inside other code. Long chains such as 1+2+3+...
# are kept flat and cost no depth at all.
MAX_DEPTH = 100

_ONLY_ALLOWED = "expressions only use + - * / and parentheses"
_ANY_OPERATOR = "put one of + - * / between them"


class ExpressionError(ValueError):
    """Raised for any invalid expression or failed evaluation.

    Parameters
    ----------
    message : str
        What is wrong, in plain words for an analyst.
    offset : int
        0-based character offset in the expression text where the problem is.
    hint : str or None, optional
        How to fix it, when there is something useful to say.

    Notes
    -----
    ``str(error)`` is ``"message; hint"`` (or just the message). The offset is not part of it, so
    that callers can turn it into a file line and column of their own.
    """

    message: str
    offset: int
    hint: str | None

    def __init__(self, message: str, offset: int, hint: str | None = None):
        # All three go to ValueError so that the error survives pickling (multiprocessing).
        super().__init__(message, offset, hint)
        self.message = message
        self.offset = offset
        self.hint = hint

    def __str__(self) -> str:
        return self.message if self.hint is None else f"{self.message}; {self.hint}"


# --------------------------------------------------------------------------------------------
# Numbers

_MANTISSA = r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+"
_NUMBER = re.compile(rf"(?P<mantissa>{_MANTISSA})(?P<exponent>[eE][+-]?[0-9]+)?")
_NUMBER_ONLY = re.compile(
    r"\s*(?P<sign>[+-]?)(?:"
    r"(?P<numerator>[0-9]+)/(?P<denominator>[0-9]+)"
    rf"|(?P<mantissa>{_MANTISSA})(?P<exponent>[eE][+-]?[0-9]+)?"
    r")\s*"
)


def _too_many_digits(number: str, count: int, offset: int) -> ExpressionError:
    return ExpressionError(
        f"the number '{excerpt(number)}' has too many digits ({count}; the limit is {MAX_DIGITS})",
        offset,
        "write very large or very small values with an exponent, e.g. '2.5e30'",
    )


def _digits_value(digits: str, offset: int) -> int:
    if len(digits) > MAX_DIGITS:
        raise _too_many_digits(digits, len(digits), offset)
    return int(digits)


def _literal_value(match: re.Match[str]) -> Fraction:
    """The exact value of a literal matched by a pattern with ``mantissa``/``exponent`` groups.

    The match must be against the whole expression, so that its positions are error offsets.
    """
    mantissa = match.group("mantissa")
    whole, _, fraction = mantissa.partition(".")
    digits = whole + fraction
    if len(digits) > MAX_DIGITS:
        raise _too_many_digits(match.group(0).strip(), len(digits), match.start("mantissa"))
    numerator = int(digits)
    scale = len(fraction)
    exponent_text = match.group("exponent")
    if exponent_text:
        negative = exponent_text[1] == "-"
        magnitude = exponent_text[1:].lstrip("+-").lstrip("0")
        # Compare the digit count first: int() of a huge digit string is itself a bomb.
        if len(magnitude) > len(str(MAX_EXPONENT)) or int(magnitude or "0") > MAX_EXPONENT:
            raise ExpressionError(
                f"the exponent in '{excerpt(mantissa + exponent_text)}' is too large; "
                f"exponents must be between -{MAX_EXPONENT} and {MAX_EXPONENT}",
                match.start("exponent"),
            )
        exponent = -int(magnitude or "0") if negative else int(magnitude or "0")
        if exponent >= 0:
            numerator *= 10**exponent
        else:
            scale -= exponent
    return Fraction(numerator, 10**scale)


def parse_number(text: str) -> Fraction | None:
    """Read ``text`` as one exact number literal, or return None if it is not exactly one.

    Accepted forms, each with an optional leading sign and optional surrounding whitespace:
    integers (``"3"``), decimals (``"0.1"``, exactly 1/10), exponents (``"2.5E-2"``) and
    fractions of two integers (``"2/3"``).

    Parameters
    ----------
    text : str
        The text to read.

    Returns
    -------
    Fraction or None
        The exact value, or None when ``text`` is anything other than a single number
        (a formula such as ``"1+2"``, a name, an empty string, ...).

    Raises
    ------
    ExpressionError
        When ``text`` has the form of a number but cannot be one: more than
        :data:`MAX_DIGITS` digits, an exponent beyond :data:`MAX_EXPONENT`, or a zero
        denominator (``"1/0"``).

    Examples
    --------
    >>> parse_number(" -2/3 ")
    Fraction(-2, 3)
    >>> parse_number("0.1")
    Fraction(1, 10)
    >>> parse_number("a + 1") is None
    True
    """
    match = _NUMBER_ONLY.fullmatch(text)
    if match is None:
        return None
    if match.group("numerator") is not None:
        numerator = _digits_value(match.group("numerator"), match.start("numerator"))
        denominator = _digits_value(match.group("denominator"), match.start("denominator"))
        if denominator == 0:
            raise ExpressionError("division by zero", match.start("denominator") - 1)
        value = Fraction(numerator, denominator)
    else:
        value = _literal_value(match)
    return -value if match.group("sign") == "-" else value


# --------------------------------------------------------------------------------------------
# Tokens


class _Token(NamedTuple):
    kind: str  # "number", "name", "op" (one of + - * /), "(", ")" or "end"
    text: str
    offset: int
    value: Fraction | None = None


# Operators people bring from Python, spreadsheets or maths, with what to do instead.
_REFUSED_OPERATORS: dict[str, str | None] = {
    "**": "powers are not supported; write repeated multiplication, e.g. 'x*x'",
    "//": "use '/' for exact division",
    "^": "powers are not supported; write repeated multiplication, e.g. 'x*x'",
    "%": "for a percentage, divide by 100, e.g. '5/100'",
    ",": "write decimals with a point, e.g. '0.5', and numbers without thousands separators",
    ";": None,
    "==": "comparisons are not supported",
    "!=": "comparisons are not supported",
    "<=": "comparisons are not supported",
    ">=": "comparisons are not supported",
    "=": "comparisons and assignments are not supported",
    "<": "comparisons are not supported",
    ">": "comparisons are not supported",
    "!": None,
    "&": None,
    "|": None,
    "~": None,
    "[": "use parentheses '(' and ')' for grouping",
    "]": "use parentheses '(' and ')' for grouping",
    "{": "use parentheses '(' and ')' for grouping",
    "}": "use parentheses '(' and ')' for grouping",
    ":": None,
    "@": None,
    "$": None,
    "#": None,
    "?": None,
    "\\": None,
    "`": None,
}

# Words that read like Python or logic rather than a parameter name. ``lambda`` and the like stay
# usable as names on purpose: Greek-letter parameters are common in game theory.
_REFUSED_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ("True", "False", "true", "false", "TRUE", "FALSE"),
        "booleans are not supported; use the numbers 1 and 0",
    ),
    **dict.fromkeys(("and", "or", "not", "if", "else"), "logic and conditions are not supported"),
}

_QUOTE_HINT = "write parameter names and numbers without quotes"

# Characters that look like allowed ones, typically pasted from a word processor.
_LOOKALIKES: dict[str, str] = {
    **dict.fromkeys("−–—‒﹣－", "use the ordinary minus sign '-'"),
    **dict.fromkeys("＋", "use the ordinary plus sign '+'"),
    **dict.fromkeys("×✕✖∗·⋅•＊", "use '*' to multiply"),
    **dict.fromkeys("÷∕⁄／", "use '/' to divide"),
    **dict.fromkeys("（［", "use the ordinary parenthesis '('"),
    **dict.fromkeys("）］", "use the ordinary parenthesis ')'"),
    **dict.fromkeys(
        "⁰¹²³⁴⁵⁶⁷⁸⁹", "powers are not supported; write repeated multiplication, e.g. 'x*x'"
    ),
    **dict.fromkeys("'\"‘’‚“”„«»", _QUOTE_HINT),
    **dict.fromkeys("\u00a0\u2007\u2009\u202f\u200b\u2002\u2003\u3000", "use an ordinary space"),
}


def _describe(char: str) -> str:
    """A character as a message shows it: visibly, and named when it is not plain ASCII."""
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}" + (f" {name}" if name else "")
    if unicodedata.category(char)[0] in "CZ" and char != " ":
        return code
    if char.isascii():
        return f"'{char}'"
    return f"'{char}' ({code})"


def _is_name_start(char: str) -> bool:
    return char == "_" or char.isidentifier()


def _is_name_char(char: str) -> bool:
    # Per-character XID_Continue test; str.isidentifier is exactly the rule Python uses.
    return char == "_" or ("a" + char).isidentifier()


def _tokenize(text: str) -> Iterator[_Token]:
    """Yield the tokens of ``text``, ending with an "end" token.

    A generator, so that the parser reports problems in the order they occur in the text:
    in ``max(a, b)`` the function call is the problem, not the comma that follows it.
    """
    position = 0
    length = len(text)
    while position < length:
        char = text[position]
        if char in " \t":
            position += 1
            continue
        if char == "." and position > 0 and _is_name_char(text[position - 1]):
            _refuse_dot(text, position)  # "a.b", "a.5": the point is glued to a name
        if char in "0123456789" or (
            char == "." and position + 1 < length and text[position + 1] in "0123456789"
        ):
            token = _number_token(text, position)
            yield token
            position += len(token.text)
            continue
        if _is_name_start(char):
            end = position + 1
            while end < length and _is_name_char(text[end]):
                end += 1
            word = text[position:end]
            if word in _REFUSED_WORDS:
                raise ExpressionError(
                    f"'{word}' is not allowed: {_ONLY_ALLOWED}", position, _REFUSED_WORDS[word]
                )
            yield _Token("name", word, position)
            position = end
            continue
        if char in "+-*/":
            pair = text[position : position + 2]
            if pair in ("**", "//"):
                raise ExpressionError(
                    f"'{pair}' is not allowed: {_ONLY_ALLOWED}", position, _REFUSED_OPERATORS[pair]
                )
            yield _Token("op", char, position)
            position += 1
            continue
        if char in "()":
            yield _Token(char, char, position)
            position += 1
            continue
        _refuse_character(text, position)
    yield _Token("end", "", length)


def _number_token(text: str, position: int) -> _Token:
    match = _NUMBER.match(text, position)
    assert match is not None  # the caller saw a digit, or a point followed by a digit
    end = match.end()
    if end < len(text) and (_is_name_char(text[end]) or text[end] == "."):
        # "2x", "1e", "1.2.3", "1_000": glued characters make the whole run meaningless.
        stop = end
        while stop < len(text) and (_is_name_char(text[stop]) or text[stop] == "."):
            stop += 1
        glued = text[position:stop]
        rest = text[end:stop]
        if rest[0] in "eE":
            hint = "write an exponent with digits, e.g. '2.5e3', or use '*' to multiply"
        elif rest[0] == "_":
            hint = "write numbers without '_' separators"
        elif rest[0] == ".":
            hint = "a number has at most one decimal point"
        elif _is_name_start(rest[0]):
            hint = f"to multiply, write '{excerpt(match.group(0))}*{excerpt(rest)}'"
        else:
            hint = None
        raise ExpressionError(f"'{excerpt(glued)}' is not a valid number", position, hint)
    return _Token("number", match.group(0), position, _literal_value(match))


def _refuse_dot(text: str, position: int) -> NoReturn:
    start = position
    while start > 0 and _is_name_char(text[start - 1]):
        start -= 1
    end = position + 1
    while end < len(text) and (_is_name_char(text[end]) or text[end] == "."):
        end += 1
    dotted = text[start:end]
    raise ExpressionError(
        f"'{excerpt(dotted)}' is not a valid name: names cannot contain '.'",
        position,
        f"use '_' instead, e.g. '{excerpt(dotted.replace('.', '_'))}'",
    )


def _refuse_character(text: str, position: int) -> NoReturn:
    char = text[position]
    if char in "\n\r\v\f\u2028\u2029\x85":
        raise ExpressionError(
            "line breaks are not allowed in an expression", position, "write it on one line"
        )
    if char in "'\"":
        raise ExpressionError(f"quotes are not allowed: {_ONLY_ALLOWED}", position, _QUOTE_HINT)
    for operator in sorted(_REFUSED_OPERATORS, key=len, reverse=True):
        if text.startswith(operator, position):
            raise ExpressionError(
                f"'{operator}' is not allowed: {_ONLY_ALLOWED}",
                position,
                _REFUSED_OPERATORS[operator],
            )
    if char == ".":
        raise ExpressionError(f"'.' is not allowed here: {_ONLY_ALLOWED}", position)
    raise ExpressionError(
        f"unexpected character {_describe(char)}",
        position,
        _LOOKALIKES.get(
            char, "expressions only use numbers, parameter names, + - * / and parentheses"
        ),
    )


# --------------------------------------------------------------------------------------------
# Tree

_Evaluator = Callable[[Mapping[str, Fraction]], Fraction]


class _Node:
    """A parsed sub-expression covering ``text[start:end]``."""

    __slots__ = ("end", "start")

    def __init__(self, start: int, end: int):
        self.start = start
        self.end = end

    def compile(self) -> _Evaluator:
        raise NotImplementedError

    def children(self) -> Iterator[_Node]:
        return iter(())


class _Constant(_Node):
    __slots__ = ("value",)

    def __init__(self, value: Fraction, start: int, end: int):
        super().__init__(start, end)
        self.value = value

    def compile(self) -> _Evaluator:
        value = self.value
        return lambda parameters: value


class _Name(_Node):
    __slots__ = ("name",)

    def __init__(self, name: str, start: int):
        super().__init__(start, start + len(name))
        self.name = name

    def compile(self) -> _Evaluator:
        name = self.name
        offset = self.start

        def load(parameters: Mapping[str, Fraction]) -> Fraction:
            try:
                value = parameters[name]
            except KeyError:
                raise _unknown_name(name, offset, parameters) from None
            # An exact type test is the cheap common case; anything else gets converted or
            # refused, because a float would silently make the whole result inexact.
            if type(value) is Fraction:
                return value
            return _exact_parameter(name, offset, value)

        return load


class _Negation(_Node):
    __slots__ = ("operand",)

    def __init__(self, operand: _Node, start: int):
        super().__init__(start, operand.end)
        self.operand = operand

    def compile(self) -> _Evaluator:
        operand = self.operand.compile()
        return lambda parameters: -operand(parameters)

    def children(self) -> Iterator[_Node]:
        yield self.operand


class _Sum(_Node):
    """``first ± term ± term ...`` kept flat, so a long chain costs no recursion depth."""

    __slots__ = ("first", "rest")

    def __init__(self, first: _Node, rest: list[tuple[bool, _Node]]):
        super().__init__(first.start, rest[-1][1].end)
        self.first = first
        self.rest = rest  # (True for '+', term)

    def compile(self) -> _Evaluator:
        first = self.first.compile()
        if len(self.rest) == 1:
            adding, node = self.rest[0]
            second = node.compile()
            if adding:
                return lambda parameters: first(parameters) + second(parameters)
            return lambda parameters: first(parameters) - second(parameters)
        terms = tuple((adding, node.compile()) for adding, node in self.rest)

        def add(parameters: Mapping[str, Fraction]) -> Fraction:
            total = first(parameters)
            for adding, term in terms:
                total = total + term(parameters) if adding else total - term(parameters)
            return total

        return add

    def children(self) -> Iterator[_Node]:
        yield self.first
        for _, node in self.rest:
            yield node


class _Product(_Node):
    """``first */ factor */ factor ...``, flat like :class:`_Sum`."""

    __slots__ = ("first", "rest", "text")

    def __init__(self, first: _Node, rest: list[tuple[_Token, _Node]], text: str):
        super().__init__(first.start, rest[-1][1].end)
        self.first = first
        self.rest = rest  # (the '*' or '/' token, factor)
        self.text = text  # the whole expression, to quote a zero divisor

    def compile(self) -> _Evaluator:
        first = self.first.compile()
        text = self.text
        factors = tuple(
            (operator.text == "/", operator.offset, node, node.compile())
            for operator, node in self.rest
        )

        def multiply(parameters: Mapping[str, Fraction]) -> Fraction:
            result = first(parameters)
            for dividing, offset, node, factor in factors:
                value = factor(parameters)
                if not dividing:
                    result = result * value
                elif value:
                    result = result / value
                else:
                    raise _division_by_zero(text, offset, node, parameters)
            return result

        return multiply

    def children(self) -> Iterator[_Node]:
        yield self.first
        for _, node in self.rest:
            yield node


def _names_in(node: _Node) -> Iterator[_Name]:
    # Only used to write an error message, and the tree depth is capped by MAX_DEPTH.
    if isinstance(node, _Name):
        yield node
    for child in node.children():
        yield from _names_in(child)


def _unknown_name(name: str, offset: int, parameters: Mapping[str, Fraction]) -> ExpressionError:
    known = sorted(key for key in parameters if isinstance(key, str))
    suggestion = did_you_mean(name, known, most=3)
    if suggestion:
        hint = suggestion
    elif not known:
        hint = "no parameters are defined"
    elif len(known) <= 10:
        hint = "known parameters: " + ", ".join(f"'{key}'" for key in known)
    else:
        hint = f"check the spelling against the {len(known)} defined parameters"
    return ExpressionError(f"unknown parameter '{name}'", offset, hint)


def _exact_parameter(name: str, offset: int, value: object) -> Fraction:
    if isinstance(value, Rational) and not isinstance(value, bool):
        return Fraction(value)
    if isinstance(value, Decimal) and value.is_finite():
        return Fraction(value)
    raise ExpressionError(
        f"parameter '{name}' has the value {value!r}, which is not an exact number",
        offset,
        "give parameter values as integers or fractions.Fraction, e.g. Fraction('0.1')",
    )


def _division_by_zero(
    text: str, offset: int, divisor: _Node, parameters: Mapping[str, Fraction] | None
) -> ExpressionError:
    quoted = text[divisor.start : divisor.end]
    if _NUMBER.fullmatch(quoted):
        return ExpressionError("division by zero", offset)
    message = f"division by zero: '{excerpt(quoted, 60)}' is 0"
    if parameters is None or isinstance(divisor, _Name):
        # Nothing to add when the divisor is a lone name: the message already says it is 0.
        return ExpressionError(message, offset)
    values: dict[str, Fraction] = {}
    for node in _names_in(divisor):
        values.setdefault(node.name, parameters[node.name])
    shown = [f"{name} = {value}" for name, value in list(values.items())[:6]]
    return ExpressionError(message, offset, "with " + ", ".join(shown))


# --------------------------------------------------------------------------------------------
# Parser


class _Parser:
    """Recursive descent with one token of lookahead; one method per grammar rule."""

    def __init__(self, text: str):
        self.text = text
        self.tokens = _tokenize(text)
        self.current = next(self.tokens)
        self.previous: _Token | None = None
        self.depth = 0
        self.names: set[str] = set()

    def peek(self) -> _Token:
        return self.current

    def take(self) -> _Token:
        token = self.previous = self.current
        if token.kind != "end":
            self.current = next(self.tokens)
        return token

    def parse(self) -> _Node:
        if self.peek().kind == "end":
            raise ExpressionError(
                "the expression is empty",
                0,
                "write a number, a parameter name or a formula such as 'cost - 2*aid/3'",
            )
        node = self.sum()
        token = self.peek()
        if token.kind == ")":
            raise ExpressionError(
                "unmatched ')'", token.offset, "remove it or add an opening '(' before it"
            )
        assert token.kind == "end"  # operand() refuses anything else that could follow
        return node

    def sum(self, before: _Token | None = None) -> _Node:
        """``before`` is the token preceding the sum (its opening parenthesis), for errors."""
        first = self.product(before)
        rest: list[tuple[bool, _Node]] = []
        while self.peek().kind == "op" and self.peek().text in "+-":
            operator = self.take()
            rest.append((operator.text == "+", self.product(operator)))
        if not rest:
            return first
        if isinstance(first, _Constant) and all(isinstance(n, _Constant) for _, n in rest):
            total = first.value
            for adding, node in rest:
                assert isinstance(node, _Constant)
                total = total + node.value if adding else total - node.value
            return _Constant(total, first.start, rest[-1][1].end)
        return _Sum(first, rest)

    def product(self, before: _Token | None = None) -> _Node:
        first = self.operand(before)
        rest: list[tuple[_Token, _Node]] = []
        while self.peek().kind == "op" and self.peek().text in "*/":
            operator = self.take()
            node = self.operand(operator)
            # A divisor that is zero whatever the parameters is reported now, not on evaluation.
            if operator.text == "/" and isinstance(node, _Constant) and node.value == 0:
                raise _division_by_zero(self.text, operator.offset, node, None)
            rest.append((operator, node))
        if not rest:
            return first
        if isinstance(first, _Constant) and all(isinstance(n, _Constant) for _, n in rest):
            result = first.value
            for operator, node in rest:
                assert isinstance(node, _Constant)
                result = result / node.value if operator.text == "/" else result * node.value
            return _Constant(result, first.start, rest[-1][1].end)
        return _Product(first, rest, self.text)

    def operand(self, before: _Token | None = None) -> _Node:
        """A signed number, name or parenthesized sum; ``before`` is the token preceding it."""
        signs: list[_Token] = []
        token = self.peek()
        while token.kind == "op" and token.text in "+-":
            # Signs are read in a loop, but still count as nesting: the limit is documented as
            # covering both, and the compiled negations do nest.
            signs.append(self.take())
            self.enter(token)
            before = token
            token = self.peek()

        node: _Node
        if token.kind == "number":
            self.take()
            assert token.value is not None
            node = _Constant(token.value, token.offset, token.offset + len(token.text))
        elif token.kind == "name":
            self.take()
            if self.peek().kind == "(":
                raise ExpressionError(
                    f"function calls such as '{excerpt(token.text)}(...)' are not allowed: "
                    f"{_ONLY_ALLOWED}",
                    token.offset,
                    f"to multiply, write '{excerpt(token.text)}*(...)'",
                )
            self.names.add(token.text)
            node = _Name(token.text, token.offset)
        elif token.kind == "(":
            node = self.parenthesized()
        else:
            raise self.missing_operand(before, token)

        following = self.peek()
        if following.kind in ("number", "name", "("):
            previous = self.previous
            assert previous is not None
            raise ExpressionError(
                f"missing operator between '{excerpt(previous.text)}' and "
                f"'{excerpt(following.text)}'",
                following.offset,
                _ANY_OPERATOR,
            )

        self.depth -= len(signs)
        for sign in reversed(signs):
            if sign.text == "-":
                if isinstance(node, _Constant):
                    node = _Constant(-node.value, sign.offset, node.end)
                else:
                    node = _Negation(node, sign.offset)
        return node

    def parenthesized(self) -> _Node:
        opening = self.take()
        self.enter(opening)
        if self.peek().kind == ")":
            raise ExpressionError(
                "empty parentheses '()'", opening.offset, "put a formula inside or remove them"
            )
        node = self.sum(opening)
        if self.peek().kind != ")":
            # sum() stops only at ')' or at the end, as operand() refuses anything else.
            raise ExpressionError("unmatched '('", opening.offset, "add a closing ')'")
        self.take()
        self.depth -= 1
        return node

    def enter(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(
                f"the expression is nested too deeply (more than {MAX_DEPTH} levels of "
                "parentheses and signs)",
                token.offset,
                "simplify it",
            )

    def missing_operand(self, before: _Token | None, token: _Token) -> ExpressionError:
        if token.kind == "end":
            assert before is not None  # an empty expression was refused up front
            return ExpressionError(
                f"expression ends after '{before.text}'",
                before.offset,
                "add a number or a parameter name after it",
            )
        if before is None and token.kind == ")":
            return ExpressionError(
                "unmatched ')'", token.offset, "remove it or add an opening '(' before it"
            )
        if before is None:
            return ExpressionError(
                f"expression cannot start with '{token.text}'",
                token.offset,
                "add a number or a parameter name before it",
            )
        return ExpressionError(
            f"missing number or name between '{before.text}' and '{token.text}'",
            token.offset,
        )


# --------------------------------------------------------------------------------------------
# Public interface


class Expression:
    """A parsed arithmetic expression, ready to evaluate many times.

    Parameters
    ----------
    text : str
        The expression, e.g. ``"cost - 2*aid/3"``.

    Attributes
    ----------
    text : str
        The expression as given.
    names : frozenset of str
        The parameter names it uses.

    Raises
    ------
    ExpressionError
        If ``text`` is not a valid expression, or divides by something that is always zero.
    TypeError
        If ``text`` is not a :class:`str`.
    """

    __slots__ = ("_evaluator", "names", "text")

    text: str
    names: frozenset[str]

    def __init__(self, text: str):
        if not isinstance(text, str):
            raise TypeError(f"an expression must be a str, not {type(text).__name__}")
        if len(text) > MAX_LENGTH:
            raise ExpressionError(
                f"the expression is too long ({len(text)} characters; the limit is {MAX_LENGTH})",
                MAX_LENGTH,
            )
        parser = _Parser(text)
        tree = parser.parse()
        self.text = text
        self.names = frozenset(parser.names)
        self._evaluator = tree.compile()

    def evaluate(self, parameters: Mapping[str, Fraction]) -> Fraction:
        """Compute the exact value for the given parameter values.

        Parameters
        ----------
        parameters : Mapping[str, Fraction]
            A value for every name in :attr:`names` (more are fine). Integers and finite
            :class:`decimal.Decimal` values are accepted too; floats are refused as inexact.

        Returns
        -------
        Fraction
            The exact value.

        Raises
        ------
        ExpressionError
            For an unknown parameter name, a parameter value that is not exact, or a division
            by zero; ``offset`` points at the name or at the ``/``.
        """
        return self._evaluator(parameters)

    def __reduce__(self) -> tuple[type[Expression], tuple[str]]:
        # The compiled closures cannot be pickled; re-parsing the text rebuilds them.
        return (Expression, (self.text,))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Expression):
            return NotImplemented
        return self.text == other.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"Expression({self.text!r})"

    def __str__(self) -> str:
        return self.text


def parse(text: str) -> Expression:
    """Parse ``text`` into an :class:`Expression`.

    Parameters
    ----------
    text : str
        An arithmetic expression over numbers and parameter names, e.g. ``"cost - 2*aid/3"``.

    Returns
    -------
    Expression
        The parsed expression; call :meth:`Expression.evaluate` on it as often as needed.

    Raises
    ------
    ExpressionError
        If ``text`` is empty, too long, nested too deeply, contains anything other than
        numbers, names, ``+ - * /`` and parentheses, or is malformed (unbalanced parentheses,
        a missing operand or operator). ``offset`` points at the offending character.
    TypeError
        If ``text`` is not a :class:`str`.

    Examples
    --------
    >>> expression = parse("cost - 2*aid/3")
    >>> sorted(expression.names)
    ['aid', 'cost']
    >>> expression.evaluate({"cost": Fraction(5), "aid": Fraction(3)})
    Fraction(3, 1)
    """
    return Expression(text)


@lru_cache(maxsize=4096)
def parse_cached(text: str) -> Expression:
    """:func:`parse`, remembering recent texts.

    Expressions are immutable, so evaluating the same formulas at many parameter values (a
    sweep) parses each once. The 4096 most recently used texts are kept.

    Parameters
    ----------
    text : str
        An arithmetic expression, as accepted by :func:`parse`.

    Returns
    -------
    Expression
        The parsed expression, shared with every other caller that parsed the same text.

    Raises
    ------
    ExpressionError
        For any problem :func:`parse` reports (errors are not cached).
    TypeError
        If ``text`` is not a :class:`str`.
    """
    return Expression(text)


def evaluate(text: str, parameters: Mapping[str, Fraction]) -> Fraction:
    """Parse ``text`` and evaluate it with ``parameters``.

    Parameters
    ----------
    text : str
        An arithmetic expression, as accepted by :func:`parse`.
    parameters : Mapping[str, Fraction]
        A value for every parameter name the expression uses.

    Returns
    -------
    Fraction
        The exact value.

    Raises
    ------
    ExpressionError
        For any problem :func:`parse` or :meth:`Expression.evaluate` reports.
    TypeError
        If ``text`` is not a :class:`str`.

    Examples
    --------
    >>> evaluate("0.1 + 0.2", {})
    Fraction(3, 10)
    """
    if not isinstance(text, str):
        raise TypeError(f"an expression must be a str, not {type(text).__name__}")
    return parse_cached(text).evaluate(parameters)
