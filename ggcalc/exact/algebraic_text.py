"""Reading CONTRACT §1.5's exact notation back into numbers: what ``expect`` blocks write.

Two forms are read, the two that :func:`ggcalc.exact.algebraic.exact_text` writes and people
write by hand:

* an arithmetic expression in integers, ``+ - * /``, ``^`` with an integer exponent, parentheses
  and ``sqrt(N)``, with one square root at most (``(53 - sqrt(601))/46``, ``3*sqrt(2) - 1``,
  ``1/(2 + sqrt(3))``): it is evaluated exactly in the field ``Q(sqrt(N))``;
* ``root(POLY, LOW, HIGH)``: the only root in ``[LOW, HIGH]`` of a polynomial in ``x`` with
  integer coefficients (``root(x^3 - 3*x + 1, 0, 1/2)``); the polynomial is factored (sympy) to
  the irreducible factor that root belongs to.

Anything else is refused with a :class:`ValueError` that says what is wrong.
"""

from __future__ import annotations

import re
from fractions import Fraction
from math import isqrt

from ggcalc.exact.algebraic import NumberField, Real
from ggcalc.exact.polynomials import count_roots, evaluate, poly, sturm_sequence

__all__ = ["parse_exact"]

_TOKEN = re.compile(r"\s*(?:(\d+)|(sqrt|root|cbrt)\b|(x)\b|([-+*/^(),]))")


def _tokens(text: str) -> list[str]:
    out, at = [], 0
    while at < len(text):
        match = _TOKEN.match(text, at)
        if match is None:
            if text[at:].strip() == "":
                break
            raise ValueError(f"cannot read {text[at:].strip()!r} in the exact value {text!r}")
        out.append(match.group(match.lastindex or 0))
        at = match.end()
    return out


def parse_exact(text: str) -> Real:
    """The number an exact-value string denotes (see the module docstring).

    Parameters
    ----------
    text : str
        e.g. ``"(-1 + sqrt(5))/2"``, ``"2/3"`` or ``"root(x^3 - 3*x + 1, 0, 1/2)"``.

    Returns
    -------
    Fraction or Algebraic
        The exact number.

    Raises
    ------
    ValueError
        If the text is not in the notation, names two different square roots, divides by
        zero, or a ``root`` interval does not hold exactly one root.
    """
    tokens = _tokens(text)
    if tokens[:2] == ["root", "("]:
        return _root(tokens, text)
    parser = _Parser(tokens, text)
    value = parser.expression()
    if parser.at != len(tokens):
        raise ValueError(f"unexpected {tokens[parser.at]!r} in the exact value {text!r}")
    return value


class _Parser:
    """Recursive descent over the tokens, evaluating in ``Q(sqrt(N))`` as it goes."""

    def __init__(self, tokens: list[str], text: str) -> None:
        self.tokens, self.text, self.at = tokens, text, 0
        self.field: NumberField | None = None
        self.radicand: int | None = None

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            wanted = f"{expected!r}" if expected else "more"
            raise ValueError(f"expected {wanted} in the exact value {self.text!r}")
        self.at += 1
        return token

    def expression(self) -> Real:
        value = self.term()
        while self.peek() in ("+", "-"):
            value = value + self.term() if self.take() == "+" else value - self.term()
        return value

    def term(self) -> Real:
        value = self.unary()
        while self.peek() in ("*", "/"):
            if self.take() == "*":
                value = value * self.unary()
            else:
                divisor = self.unary()
                if divisor == 0:
                    raise ValueError(f"division by zero in the exact value {self.text!r}")
                value = value / divisor
        return value

    def unary(self) -> Real:
        if self.peek() == "-":
            self.take()
            return -self.unary()
        value = self.atom()
        if self.peek() == "^":
            self.take()
            negative = self.peek() == "-"
            if negative:
                self.take()
            exponent = self.take()
            if not exponent.isdigit():
                raise ValueError(f"an exponent must be an integer in {self.text!r}")
            result: Real = Fraction(1)
            for _ in range(int(exponent)):
                result = result * value
            value = 1 / result if negative else result
        return value

    def atom(self) -> Real:
        token = self.take()
        if token.isdigit():
            return Fraction(int(token))
        if token == "(":
            value = self.expression()
            self.take(")")
            return value
        if token == "sqrt":
            self.take("(")
            radicand = self.take()
            self.take(")")
            if not radicand.isdigit():
                raise ValueError(f"sqrt takes a whole number in {self.text!r}")
            return self.sqrt(int(radicand))
        if token == "cbrt":
            raise ValueError(
                f"cbrt is not read yet in {self.text!r}; "
                "write the number as root(x^3 - N, LOW, HIGH)"
            )
        raise ValueError(f"unexpected {token!r} in the exact value {self.text!r}")

    def sqrt(self, n: int) -> Real:
        root = isqrt(n)
        if root * root == n:
            return Fraction(root)
        if self.radicand is not None and self.radicand != n:
            raise ValueError(
                f"the exact value {self.text!r} has two different square roots; "
                "write it as root(POLY, LOW, HIGH)"
            )
        if self.field is None:
            self.radicand = n
            self.field = NumberField(
                (Fraction(-n), Fraction(0), Fraction(1)), Fraction(root), Fraction(root + 1)
            )
        return self.field.generator


def _root(tokens: list[str], text: str) -> Real:
    """``root(POLY, LOW, HIGH)``."""
    try:
        first, second = tokens.index(","), len(tokens) - 1 - tokens[::-1].index(",")
    except ValueError:
        raise ValueError(f"write root(POLY, LOW, HIGH) in {text!r}") from None
    if tokens[-1] != ")" or first == second:
        raise ValueError(f"write root(POLY, LOW, HIGH) in {text!r}")
    polynomial = _polynomial(tokens[2:first], text)
    low, high = (
        _rational(part, text) for part in (tokens[first + 1 : second], tokens[second + 1 : -1])
    )
    if len(polynomial) < 2 or not low < high:
        raise ValueError(f"root needs a polynomial in x and LOW < HIGH in {text!r}")
    import sympy

    x = sympy.Symbol("x")
    factors = sympy.Poly([int(c) for c in reversed(polynomial)], x).factor_list()[1]
    candidates = []
    for factor, _ in factors:
        coefficients = poly([Fraction(int(c)) for c in reversed(factor.all_coeffs())])
        inside = count_roots(sturm_sequence(coefficients), low, high)
        inside += evaluate(coefficients, low) == 0
        if inside:
            candidates.append((coefficients, inside))
    if len(candidates) != 1 or candidates[0][1] != 1:
        raise ValueError(
            f"the polynomial has {sum(c[1] for c in candidates)} roots in [LOW, HIGH] in "
            f"{text!r}; give an interval that holds exactly one"
        )
    coefficients = candidates[0][0]
    if len(coefficients) == 2:
        return -coefficients[0] / coefficients[1]
    return NumberField(coefficients, low, high).generator


def _rational(tokens: list[str], text: str) -> Fraction:
    value = _Parser(tokens, text).expression()
    if not isinstance(value, Fraction):
        raise ValueError(f"the interval ends must be rational in {text!r}")
    return value


def _polynomial(tokens: list[str], text: str) -> tuple[Fraction, ...]:
    """Integer coefficients of a sum of terms ``[-]C[*x[^E]]``, lowest degree first."""
    coefficients: dict[int, int] = {}
    at, sign = 0, 1
    while at < len(tokens):
        if tokens[at] in "+-":
            sign = -1 if tokens[at] == "-" else 1
            at += 1
        coefficient, power, read = 1, 0, False
        if at < len(tokens) and tokens[at].isdigit():
            read = True
            coefficient = int(tokens[at])
            at += 1
            if at < len(tokens) and tokens[at] == "*":
                at += 1
                if at >= len(tokens) or tokens[at] != "x":
                    raise ValueError(f"cannot read the polynomial in {text!r}")
        if at < len(tokens) and tokens[at] == "x":
            read = True
            at += 1
            power = 1
            if at < len(tokens) and tokens[at] == "^":
                if at + 1 >= len(tokens) or not tokens[at + 1].isdigit():
                    raise ValueError(f"cannot read the polynomial in {text!r}")
                power = int(tokens[at + 1])
                at += 2
        if not read:
            raise ValueError(f"cannot read the polynomial in {text!r}")
        coefficients[power] = coefficients.get(power, 0) + sign * coefficient
        sign = 1
        if at < len(tokens) and tokens[at] not in "+-":
            raise ValueError(f"cannot read the polynomial in {text!r}")
    return poly([Fraction(coefficients.get(k, 0)) for k in range(max(coefficients, default=0) + 1)])
