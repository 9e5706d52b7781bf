"""Exact real algebraic numbers and their notation (CONTRACT §1.5; issue 14)."""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import pytest
from cli_run import run, write
from hypothesis import given
from hypothesis import strategies as st

from ggcalc.exact.algebraic import (
    Algebraic,
    NumberField,
    approx_text,
    exact_key,
    exact_text,
    human_text,
    json_number,
    rounded_text,
)
from ggcalc.exact.algebraic_text import parse_exact

SQRT5 = NumberField((F(-5), F(0), F(1)), F(2), F(3)).generator
CUBIC = NumberField((F(1), F(-3), F(0), F(1)), F(0), F(1)).generator  # x^3 - 3x + 1


def test_field_arithmetic_is_exact() -> None:
    phi = (SQRT5 - 1) / 2
    assert phi * phi + phi == 1  # x^2 + x - 1 = 0
    assert isinstance(phi * phi + phi, F)
    assert 1 / phi == phi + 1
    assert phi > F(618, 1000) and phi < F(619, 1000)
    assert -phi < 0 and abs(-phi) == phi
    assert CUBIC * CUBIC * CUBIC - 3 * CUBIC + 1 == 0


def test_the_notation_of_contract_1_5() -> None:
    assert exact_text((SQRT5 - 1) / 2) == "(-1 + sqrt(5))/2"
    assert exact_text((53 - NumberField((F(-601), 0, 1), 24, 25).generator) / 46) == (
        "(53 - sqrt(601))/46"
    )
    assert approx_text((53 - NumberField((F(-601), 0, 1), 24, 25).generator) / 46) == (
        "0.6192325795"
    )  # CONTRACT §1.5's own example
    assert exact_text(CUBIC) == "root(x^3 - 3*x + 1, 355/1024, 89/256)"
    assert exact_text(3 * SQRT5) == "3*sqrt(5)"
    assert exact_text(-SQRT5 / 7) == "-sqrt(5)/7"
    assert json_number(F(2, 3)) == "2/3"
    assert json_number(SQRT5) == {"exact": "sqrt(5)", "approx": "2.236067977"}
    assert human_text((SQRT5 - 1) / 2) == "(-1 + √5)/2 ≈ 0.618034"
    assert human_text(CUBIC) == "≈ 0.347296"
    assert rounded_text(CUBIC) == "0.3473"


def test_equal_numbers_from_different_fields_are_one_number() -> None:
    other = NumberField((F(-1), F(1), F(1)), F(0), F(1)).generator  # the root of x^2 + x - 1
    phi = (SQRT5 - 1) / 2
    assert other == phi and hash(other) == hash(phi)
    assert exact_key(other) == exact_key(phi)
    assert sorted([SQRT5, CUBIC, F(1)]) == [CUBIC, F(1), SQRT5]
    assert other != CUBIC


@pytest.mark.parametrize(
    "text",
    ["(-1 + sqrt(5))/2", "2/3", "-7", "root(x^3 - 3*x + 1, 0, 1/2)", "3*sqrt(8) - 1"],
)
def test_parse_reads_what_is_written(text: str) -> None:
    value = parse_exact(text)
    assert parse_exact(exact_text(value)) == value


def test_parse_evaluates_expressions() -> None:
    assert parse_exact("1/(2 + sqrt(3))") == parse_exact("2 - sqrt(3)")
    assert parse_exact("sqrt(4)/2") == 1
    assert parse_exact("root(x^2 + x - 1, 0, 1)") == (SQRT5 - 1) / 2
    assert parse_exact("(sqrt(5) - 1)^2") == 6 - 2 * SQRT5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sqrt(2) + sqrt(3)", "two different square roots"),
        ("1/0", "division by zero"),
        ("root(x^2 - 2, -2, 2)", "2 roots in [LOW, HIGH]"),
        ("cbrt(2)", "cbrt is not read yet"),
        ("2 x", "unexpected 'x'"),
        ("pi", "cannot read"),
    ],
)
def test_parse_refuses_clearly(text: str, message: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_exact(text)
    assert message in str(error.value)


@given(st.integers(-50, 50), st.integers(1, 50), st.integers(1, 30))
def test_quadratic_surds_round_trip(a: int, b: int, c: int) -> None:
    d = 2 if b % 2 else 3
    field = NumberField((F(-d), F(0), F(1)), F(1), F(2))
    value = (a + b * field.generator) / c
    assert isinstance(value, Algebraic)
    assert parse_exact(exact_text(value)) == value
    assert abs(float(value) - (a + b * d**0.5) / c) < 1e-9


def test_expect_with_irrational_probabilities_round_trips(tmp_path: Path) -> None:
    from test_nplayer_nash import CYCLE_YAML

    path = write(tmp_path, "cycle.yaml", CYCLE_YAML)
    recorded = run("solve", str(path), "--record")
    assert recorded.exit_code == 0, recorded.stderr
    text = path.read_text(encoding="utf-8")
    assert text.startswith(CYCLE_YAML)
    assert '{exact: "(-1 + sqrt(5))/2", approx: "0.6180339887"}' in text
    checked = run("check", str(path))
    assert checked.exit_code == 0 and "pass (nash: 3 equilibria)" in checked.stdout
    # Another spelling of the same numbers matches: exact values decide.
    path.write_text(
        text.replace('"(-1 + sqrt(5))/2"', '"(sqrt(5) - 1)/2"').replace(
            '"(3 - sqrt(5))/2"', '"root(x^2 - 3*x + 1, 0, 1/2)"'
        ),
        encoding="utf-8",
    )
    assert run("check", str(path)).exit_code == 0
    # A wrong decimal is an error at its location; a wrong exact value a failed check.
    path.write_text(text.replace("0.6180339887", "0.6180339888", 1), encoding="utf-8")
    wrong = run("check", str(path))
    assert wrong.exit_code == 2
    assert "does not match its exact value (-1 + sqrt(5))/2" in wrong.stderr
    path.write_text(
        text.replace('"(-1 + sqrt(5))/2", approx: "0.6180339887"', '"(-1 + sqrt(3))/2"'),
        encoding="utf-8",
    )
    failed = run("check", str(path))
    assert failed.exit_code == 2
    assert "probabilities for A do not sum to 1" in failed.stderr
