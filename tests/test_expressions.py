"""Tests for ggcalc.exact.expressions: exact arithmetic formulas over named parameters."""

from __future__ import annotations

import inspect
import pickle
import sys
import time
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ggcalc.exact.expressions as expressions
from ggcalc.exact.expressions import (
    MAX_DEPTH,
    MAX_DIGITS,
    MAX_EXPONENT,
    MAX_LENGTH,
    Expression,
    ExpressionError,
    evaluate,
    parse,
    parse_number,
)

F = Fraction


def error_of(text: str, parameters: dict[str, Fraction] | None = None) -> ExpressionError:
    """The ExpressionError that parsing (and, given parameters, evaluating) ``text`` raises."""
    with pytest.raises(ExpressionError) as info:
        expression = parse(text)
        if parameters is not None:
            expression.evaluate(parameters)
    return info.value


# ------------------------------------------------------------------------------------------
# Values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8/4/2", F(1)),
        ("2-3-4", F(-5)),
        ("1-2+3", F(2)),
        ("12/2*3", F(18)),
        ("-2*3", F(-6)),
        ("--2", F(2)),
        ("-+-2", F(2)),
        ("+2", F(2)),
        ("2*3+4", F(10)),
        ("2+3*4", F(14)),
        ("(2+3)*4", F(20)),
        ("2*(3+4)", F(14)),
        ("-2-3", F(-5)),
        ("2--3", F(5)),
        ("2*-3", F(-6)),
        ("-(2+3)", F(-5)),
        ("-2/-4", F(1, 2)),
        ("1/3+1/6", F(1, 2)),
        ("2/3*3/2", F(1)),
        ("((((7))))", F(7)),
        ("  1 +\t2 ", F(3)),
        ("0", F(0)),
    ],
)
def test_precedence_and_associativity(text: str, expected: Fraction) -> None:
    assert evaluate(text, {}) == expected


def test_decimals_are_exact() -> None:
    result = evaluate("0.1+0.2", {})
    assert type(result) is Fraction
    assert result == F(3, 10)
    assert evaluate("0.1*3", {}) == F(3, 10)
    assert evaluate("1 - 0.9", {}) == F(1, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1e3", F(1000)),
        ("2.5E-2", F(1, 40)),
        ("1E+2", F(100)),
        (".5e1", F(5)),
        ("5.e-1", F(1, 2)),
        ("1e0", F(1)),
        ("0e5", F(0)),
        ("1e-3 * 1e3", F(1)),
        (".5", F(1, 2)),
        ("5.", F(5)),
    ],
)
def test_exponents_and_decimal_forms(text: str, expected: Fraction) -> None:
    assert evaluate(text, {}) == expected


def test_names_are_looked_up_on_each_evaluation() -> None:
    expression = parse("cost - 2*aid/3")
    assert expression.text == "cost - 2*aid/3"
    assert expression.names == frozenset({"cost", "aid"})
    assert expression.evaluate({"cost": F(5), "aid": F(3)}) == F(3)
    assert expression.evaluate({"cost": F(1, 2), "aid": F(3, 4)}) == F(0)
    assert expression.evaluate({"cost": F(0), "aid": F(1), "unused": F(9)}) == F(-2, 3)


def test_identifiers_with_digits_underscores_and_unicode() -> None:
    expression = parse("β_1 * größe + _x2 - lambda")
    assert expression.names == frozenset({"β_1", "größe", "_x2", "lambda"})
    values = {"β_1": F(2), "größe": F(3), "_x2": F(1, 2), "lambda": F(1)}
    assert expression.evaluate(values) == F(11, 2)


def test_constant_expressions_use_no_names() -> None:
    assert parse("1/3 + 2").names == frozenset()
    assert parse("1/3 + 2").evaluate({}) == F(7, 3)


def test_integer_and_decimal_parameter_values_are_exact() -> None:
    result = parse("x").evaluate({"x": 2})  # type: ignore[dict-item]
    assert type(result) is Fraction
    assert result == F(2)
    assert parse("x / 3").evaluate({"x": Decimal("0.3")}) == F(1, 10)  # type: ignore[dict-item]


@pytest.mark.parametrize("value", [0.1, True, Decimal("NaN"), "1"])
def test_inexact_parameter_values_are_refused(value: object) -> None:
    error = error_of("1 + x", {"x": value})  # type: ignore[dict-item]
    assert error.message == f"parameter 'x' has the value {value!r}, which is not an exact number"
    assert error.offset == 4


def test_evaluate_does_not_tokenize_again(monkeypatch: pytest.MonkeyPatch) -> None:
    expression = parse("a*b + c/2")

    def refuse(text: str) -> None:
        raise AssertionError("tokenized during evaluate")

    monkeypatch.setattr(expressions, "_tokenize", refuse)
    for value in range(1, 50):
        values = {"a": F(value), "b": F(2), "c": F(value)}
        assert expression.evaluate(values) == F(5 * value, 2)


def test_long_chains_evaluate_without_deep_recursion() -> None:
    # A left-nested tree for 500 terms would need hundreds of frames; a flat chain needs few.
    text = "+".join(["a"] * 250) + "*" + "*".join(["2"] * 249)
    assert len(text) <= MAX_LENGTH
    depth = len(inspect.stack(0))
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + 60)
    try:
        expression = parse(text)
        value = expression.evaluate({"a": F(1)})
    finally:
        sys.setrecursionlimit(limit)
    assert value == 249 + 2**249


def test_expression_objects() -> None:
    expression = parse("a + 1")
    assert repr(expression) == "Expression('a + 1')"
    assert str(expression) == "a + 1"
    assert expression == Expression("a + 1")
    assert hash(expression) == hash(Expression("a + 1"))
    assert expression != parse("1 + a")
    copy = pickle.loads(pickle.dumps(expression))
    assert copy.evaluate({"a": F(2)}) == F(3)
    assert copy.names == frozenset({"a"})


def test_non_text_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        parse(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        evaluate(None, {})  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------
# parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2/3", F(2, 3)),
        ("4/6", F(2, 3)),
        (" -2/3 ", F(-2, 3)),
        ("+2/3", F(2, 3)),
        ("3", F(3)),
        ("-0", F(0)),
        ("0.1", F(1, 10)),
        ("\t-0.25\n", F(-1, 4)),
        ("1e3", F(1000)),
        ("2.5E-2", F(1, 40)),
        ("+.5", F(1, 2)),
        ("007", F(7)),
    ],
)
def test_parse_number_reads_exact_literals(text: str, expected: Fraction) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "-",
        "a",
        "1+2",
        "2 / 3",
        "2/-3",
        "1.5/2",
        "1e3/2",
        "1/2/3",
        "2/",
        "/2",
        "--2",
        "- 2",
        "1_000",
        "0x10",
        "inf",
        "nan",
        "½",
        "٣",
        "1,5",
        "1e",
        "(2)",
    ],
)
def test_parse_number_returns_none_for_anything_else(text: str) -> None:
    assert parse_number(text) is None


def test_parse_number_refuses_impossible_numbers() -> None:
    with pytest.raises(ExpressionError) as info:
        parse_number(" 1/0")
    assert (info.value.message, info.value.offset) == ("division by zero", 2)

    with pytest.raises(ExpressionError) as info:
        parse_number("1/" + "1" * (MAX_DIGITS + 1))
    assert info.value.offset == 2
    assert "too many digits" in info.value.message

    started = time.perf_counter()
    with pytest.raises(ExpressionError) as info:
        parse_number("1e" + "9" * 1_000_000)
    assert time.perf_counter() - started < 1
    assert info.value.offset == 1
    assert "exponent" in info.value.message


@given(st.integers(-(10**30), 10**30), st.integers(1, 10**30))
def test_parse_number_fractions(numerator: int, denominator: int) -> None:
    assert parse_number(f"{numerator}/{denominator}") == F(numerator, denominator)


@given(
    st.decimals(
        min_value=Decimal("-1e50"),
        max_value=Decimal("1e50"),
        allow_nan=False,
        allow_infinity=False,
        places=40,  # at most 51 + 40 digits: within MAX_DIGITS (the limit has its own test)
    )
)
def test_decimal_literals_are_exact(number: Decimal) -> None:
    for text in (str(number), f"{number:f}"):
        assert parse_number(text) == F(number)
        assert evaluate(text, {}) == F(number)


# ------------------------------------------------------------------------------------------
# Errors


@pytest.mark.parametrize(
    ("text", "message", "offset"),
    [
        ("", "the expression is empty", 0),
        (" \t ", "the expression is empty", 0),
        ("a @ b", "'@' is not allowed: expressions only use + - * / and parentheses", 2),
        ("a $ b", "'$' is not allowed: expressions only use + - * / and parentheses", 2),
        ("1 + ٣", "unexpected character '٣' (U+0663 ARABIC-INDIC DIGIT THREE)", 4),
        ("a − b", "unexpected character '−' (U+2212 MINUS SIGN)", 2),
        ("a\u00a0+ b", "unexpected character U+00A0 NO-BREAK SPACE", 1),
        ("a +\nb", "line breaks are not allowed in an expression", 3),
        ("x²", "unexpected character '²' (U+00B2 SUPERSCRIPT TWO)", 1),
        ("(a + b", "unmatched '('", 0),
        ("((a + b)", "unmatched '('", 0),
        ("a * (b + (c", "unmatched '('", 9),
        ("a + b)", "unmatched ')'", 5),
        ("(a))", "unmatched ')'", 3),
        (")", "unmatched ')'", 0),
        ("a +", "expression ends after '+'", 2),
        ("a + b *  ", "expression ends after '*'", 6),
        ("-", "expression ends after '-'", 0),
        ("a * (", "expression ends after '('", 4),
        ("* a", "expression cannot start with '*'", 0),
        ("/2", "expression cannot start with '/'", 0),
        ("a + * b", "missing number or name between '+' and '*'", 4),
        ("(/ a)", "missing number or name between '(' and '/'", 1),
        ("a - )", "missing number or name between '-' and ')'", 4),
        ("()", "empty parentheses '()'", 0),
        ("a b", "missing operator between 'a' and 'b'", 2),
        ("2 (3)", "missing operator between '2' and '('", 2),
        ("(a)(b)", "missing operator between ')' and '('", 3),
        ("(a) 2", "missing operator between ')' and '2'", 4),
        ("2x", "'2x' is not a valid number", 0),
        ("1 + 1e", "'1e' is not a valid number", 4),
        ("1.2.3", "'1.2.3' is not a valid number", 0),
        ("1_000", "'1_000' is not a valid number", 0),
    ],
)
def test_syntax_errors(text: str, message: str, offset: int) -> None:
    error = error_of(text)
    assert error.message == message
    assert error.offset == offset
    assert isinstance(error, ValueError)


@pytest.mark.parametrize(
    ("text", "offset", "operator", "hint"),
    [
        ("a**2", 1, "**", "powers are not supported"),
        ("a ^ 2", 2, "^", "powers are not supported"),
        ("a // 2", 2, "//", "use '/' for exact division"),
        ("5%", 1, "%", "divide by 100"),
        ("a, b", 1, ",", "write decimals with a point"),
        ("1,5", 1, ",", "write decimals with a point"),
        ("a[0]", 1, "[", "use parentheses"),
        ("{a}", 0, "{", "use parentheses"),
        ("a == b", 2, "==", "comparisons are not supported"),
        ("a < b", 2, "<", "comparisons are not supported"),
        ("a = 1", 2, "=", "assignments are not supported"),
        ("True", 0, "True", "booleans are not supported"),
        ("1 + false", 4, "false", "booleans are not supported"),
        ("a and b", 2, "and", "logic and conditions are not supported"),
        ("1 if a else 2", 2, "if", "logic and conditions are not supported"),
    ],
)
def test_refused_operators(text: str, offset: int, operator: str, hint: str) -> None:
    error = error_of(text)
    assert error.message == (
        f"'{operator}' is not allowed: expressions only use + - * / and parentheses"
    )
    assert error.offset == offset
    assert error.hint is not None
    assert hint in error.hint


def test_function_calls_are_refused() -> None:
    error = error_of("1 + max(a, b)")
    assert error.message == (
        "function calls such as 'max(...)' are not allowed: "
        "expressions only use + - * / and parentheses"
    )
    assert error.offset == 4
    assert error.hint == "to multiply, write 'max*(...)'"
    assert error_of("f (x)").offset == 0


@pytest.mark.parametrize(
    ("text", "offset", "dotted"),
    [("a.b", 1, "a.b"), ("2 * x.real", 5, "x.real"), ("a.5", 1, "a.5")],
)
def test_attribute_access_is_refused(text: str, offset: int, dotted: str) -> None:
    error = error_of(text)
    assert error.message == f"'{dotted}' is not a valid name: names cannot contain '.'"
    assert error.offset == offset
    assert error.hint == f"use '_' instead, e.g. '{dotted.replace('.', '_')}'"


@pytest.mark.parametrize(("text", "offset"), [("'a'", 0), ('1 + "b"', 4), ("“a”", 0)])
def test_strings_are_refused(text: str, offset: int) -> None:
    error = error_of(text)
    assert error.offset == offset
    assert error.hint == "write parameter names and numbers without quotes"


def test_error_text_and_pickling() -> None:
    error = ExpressionError("unknown parameter 'x'", 4, "did you mean 'y'?")
    assert str(error) == "unknown parameter 'x'; did you mean 'y'?"
    assert str(ExpressionError("the expression is empty", 0)) == "the expression is empty"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.message, copy.offset, copy.hint) == (error.message, 4, error.hint)


def test_lookalike_characters_get_a_hint() -> None:
    assert error_of("a − b").hint == "use the ordinary minus sign '-'"
    assert error_of("a × b").hint == "use '*' to multiply"
    assert error_of("a ÷ b").hint == "use '/' to divide"


# ------------------------------------------------------------------------------------------
# Unknown names


def test_unknown_name_suggests_close_match() -> None:
    error = error_of("2 * cots + aid", {"cost": F(1), "aid": F(2), "benefit": F(3)})
    assert error.message == "unknown parameter 'cots'"
    assert error.offset == 4
    assert error.hint == "did you mean 'cost'?"


def test_unknown_name_lists_few_known_names() -> None:
    error = error_of("aid + zzz", {"cost": F(1), "aid": F(2)})
    assert error.message == "unknown parameter 'zzz'"
    assert error.offset == 6
    assert error.hint == "known parameters: 'aid', 'cost'"


def test_unknown_name_with_many_or_no_parameters() -> None:
    many = {f"p{i}": F(i) for i in range(20)}
    assert error_of("zzz", many).hint == "check the spelling against the 20 defined parameters"
    assert error_of("1 + x", {}).hint == "no parameters are defined"
    assert error_of("1 + x", {}).offset == 4


# ------------------------------------------------------------------------------------------
# Division by zero


def test_division_by_zero_names_the_zero_sub_expression() -> None:
    error = error_of("a / (b - c)", {"a": F(1), "b": F(3), "c": F(3)})
    assert error.message == "division by zero: 'b - c' is 0"
    assert error.offset == 2
    assert error.hint == "with b = 3, c = 3"


def test_division_by_zero_points_at_the_right_operator() -> None:
    values = {"a": F(1), "b": F(2), "c": F(0)}
    error = error_of("a/b/c", values)
    assert (error.message, error.offset) == ("division by zero: 'c' is 0", 3)

    error = error_of("x/(y/(z-1))", {"x": F(1), "y": F(1), "z": F(1)})
    assert (error.message, error.offset) == ("division by zero: 'z-1' is 0", 4)

    error = error_of("0/a", {"a": F(0)})
    assert error.offset == 1

    assert parse("a*0/b").evaluate({"a": F(5), "b": F(7)}) == 0


def test_constant_zero_divisor_is_reported_when_parsing() -> None:
    error = error_of("a + 1/0")
    assert (error.message, error.offset) == ("division by zero", 5)
    error = error_of("a / (2 - 2)")
    assert (error.message, error.offset) == ("division by zero: '2 - 2' is 0", 2)
    error = error_of("a / 0.0e5")
    assert (error.message, error.offset) == ("division by zero", 2)


# ------------------------------------------------------------------------------------------
# Limits


def test_limits_are_generous_but_present() -> None:
    assert MAX_LENGTH >= 200
    assert MAX_DIGITS >= 30
    assert MAX_EXPONENT >= 100
    assert MAX_DEPTH >= 20


def test_expression_length_limit() -> None:
    terms = (MAX_LENGTH + 1) // 2
    fitting = ("1+" * terms)[:-1].ljust(MAX_LENGTH)
    assert len(fitting) == MAX_LENGTH
    assert parse(fitting).evaluate({}) == terms

    error = error_of(fitting + " ")
    assert error.message == (
        f"the expression is too long ({MAX_LENGTH + 1} characters; the limit is {MAX_LENGTH})"
    )
    assert error.offset == MAX_LENGTH


def test_digit_limit() -> None:
    assert evaluate("1" * MAX_DIGITS, {}) == int("1" * MAX_DIGITS)
    error = error_of("a + " + "1" * (MAX_DIGITS + 1))
    assert error.message.startswith("the number '1111")
    assert error.message.endswith(f"has too many digits ({MAX_DIGITS + 1}; the limit is 100)")
    assert error.offset == 4
    # Digits after the point count too.
    assert error_of("0." + "0" * (MAX_DIGITS - 1) + "1").offset == 0


def test_exponent_limit() -> None:
    assert evaluate(f"1e{MAX_EXPONENT}", {}) == 10**MAX_EXPONENT
    assert evaluate(f"1e-{MAX_EXPONENT}", {}) == F(1, 10**MAX_EXPONENT)
    # Leading zeros do not make an exponent large.
    assert evaluate("1e" + "0" * 500 + "5", {}) == 10**5

    error = error_of(f"2.5E-{MAX_EXPONENT + 1}")
    assert error.message == (
        f"the exponent in '2.5E-{MAX_EXPONENT + 1}' is too large; "
        f"exponents must be between -{MAX_EXPONENT} and {MAX_EXPONENT}"
    )
    assert error.offset == 3

    started = time.perf_counter()
    error = error_of("x * 1e999999999")
    assert time.perf_counter() - started < 1
    assert error.offset == 5


def test_nesting_limit() -> None:
    fitting = "(" * MAX_DEPTH + "a" + ")" * MAX_DEPTH
    assert parse(fitting).evaluate({"a": F(3)}) == 3
    assert parse("-(" * (MAX_DEPTH // 2) + "a" + ")" * (MAX_DEPTH // 2)).evaluate({"a": F(3)}) == 3

    message = (
        f"the expression is nested too deeply (more than {MAX_DEPTH} levels of parentheses "
        "and signs)"
    )
    error = error_of("(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1))
    assert (error.message, error.offset) == (message, MAX_DEPTH)
    error = error_of("-" * (MAX_DEPTH + 1) + "a")
    assert (error.message, error.offset) == (message, MAX_DEPTH)


@pytest.mark.parametrize(
    "text",
    ["(" * 10_000 + "1" + ")" * 10_000, "-" * 10_000 + "1", "(-" * 5_000 + "1" + ")" * 5_000],
)
def test_very_deep_nesting_fails_cleanly(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    started = time.perf_counter()
    with pytest.raises(ExpressionError):
        parse(text)
    # Even without the length limit, the depth limit stops the recursion in time.
    monkeypatch.setattr(expressions, "MAX_LENGTH", 10**6)
    error = error_of(text)
    assert error.message.startswith("the expression is nested too deeply")
    assert error.offset == MAX_DEPTH
    assert time.perf_counter() - started < 2


# ------------------------------------------------------------------------------------------
# Properties

# A tree is ("number", n), ("name", s), ("neg", tree) or (operator, left, right).
_Tree = tuple[Any, ...]
_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}
_ATOM = 3
_NAMES = ("x", "y", "z")

_leaves = st.one_of(
    st.integers(0, 12).map(lambda n: ("number", n)),
    st.sampled_from(_NAMES).map(lambda name: ("name", name)),
)
_trees = st.recursive(
    _leaves,
    lambda children: st.one_of(
        st.tuples(st.just("neg"), children),
        st.tuples(st.sampled_from("+-*/"), children, children),
    ),
    max_leaves=12,
)


def _direct(tree: _Tree, values: dict[str, Fraction]) -> Fraction:
    """The tree's value computed with Fraction; ZeroDivisionError on a zero divisor."""
    kind = tree[0]
    if kind == "number":
        return F(tree[1])
    if kind == "name":
        return values[tree[1]]
    if kind == "neg":
        return -_direct(tree[1], values)
    left, right = _direct(tree[1], values), _direct(tree[2], values)
    if kind == "+":
        return left + right
    if kind == "-":
        return left - right
    if kind == "*":
        return left * right
    return left / right


@st.composite
def _cases(draw: st.DrawFn) -> tuple[_Tree, dict[str, Fraction], str]:
    tree = draw(_trees)
    values = {
        name: draw(st.fractions(min_value=-4, max_value=4, max_denominator=4)) for name in _NAMES
    }

    def render(node: _Tree) -> tuple[str, int]:
        kind = node[0]
        if kind in ("number", "name"):
            text, precedence = str(node[1]), _ATOM
        elif kind == "neg":
            inner, inner_precedence = render(node[1])
            if inner_precedence < _ATOM:
                inner = f"({inner})"
            text, precedence = "-" + inner, _ATOM
        else:
            precedence = _PRECEDENCE[kind]
            left, left_precedence = render(node[1])
            right, right_precedence = render(node[2])
            # Minimal parentheses: the parser's precedence and left associativity must do the
            # rest, which is what this property is about.
            if left_precedence < precedence:
                left = f"({left})"
            if right_precedence <= precedence:
                right = f"({right})"
            space = draw(st.sampled_from(["", " ", "\t"]))
            text = f"{left}{space}{kind}{space}{right}"
        if draw(st.integers(0, 9)) == 0:
            text, precedence = f"( {text})", _ATOM
        return text, precedence

    return tree, values, render(tree)[0]


@settings(max_examples=300, deadline=None)
@given(_cases())
def test_evaluate_matches_direct_fraction_arithmetic(
    case: tuple[_Tree, dict[str, Fraction], str],
) -> None:
    tree, values, text = case
    try:
        expected = _direct(tree, values)
    except ZeroDivisionError:
        with pytest.raises(ExpressionError) as info:
            evaluate(text, values)
        assert info.value.message.startswith("division by zero")
        assert text[info.value.offset] == "/"
    else:
        assert evaluate(text, values) == expected
        assert parse(text).evaluate(values) == expected


_FUZZ_ALPHABET = "0123456789.eE+-*/()xy _,%^*[]'\"\t\n=<>!βλ−×²"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_FUZZ_ALPHABET, max_size=40))
def test_any_text_parses_or_raises_expression_error(text: str) -> None:
    try:
        expression = parse(text)
    except ExpressionError as error:
        assert 0 <= error.offset <= len(text)
        assert error.message
        return
    assert all(name.isidentifier() and name in text for name in expression.names)
    values = dict.fromkeys(expression.names, F(1, 3))
    try:
        result = expression.evaluate(values)
    except ExpressionError as error:
        assert error.message.startswith("division by zero")
        assert text[error.offset] == "/"
    else:
        assert type(result) is Fraction
