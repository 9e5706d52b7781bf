"""Exact linear feasibility (phase one of the simplex method), against SciPy's HiGHS."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from ggcalc.exact.feasibility import feasible

small = st.integers(min_value=-3, max_value=3)


@st.composite
def systems(draw):
    n = draw(st.integers(1, 4))
    m_eq, m_ub = draw(st.integers(0, 2)), draw(st.integers(0, 3))
    row = st.lists(small, min_size=n, max_size=n)
    return (
        draw(st.lists(row, min_size=m_eq, max_size=m_eq)),
        draw(st.lists(small, min_size=m_eq, max_size=m_eq)),
        draw(st.lists(row, min_size=m_ub, max_size=m_ub)),
        draw(st.lists(small, min_size=m_ub, max_size=m_ub)),
        n,
    )


@settings(max_examples=300, deadline=None)
@given(systems())
def test_agrees_with_highs(system) -> None:
    a_eq, b_eq, a_ub, b_ub, n = system
    exact = feasible(
        [[F(v) for v in r] for r in a_eq],
        [F(v) for v in b_eq],
        [[F(v) for v in r] for r in a_ub],
        [F(v) for v in b_ub],
    )
    result = linprog(
        np.zeros(n),
        A_ub=np.array(a_ub, dtype=float) if a_ub else None,
        b_ub=np.array(b_ub, dtype=float) if a_ub else None,
        A_eq=np.array(a_eq, dtype=float) if a_eq else None,
        b_eq=np.array(b_eq, dtype=float) if a_eq else None,
        bounds=[(0, None)] * n,
        method="highs",
    )
    # Small integer data: HiGHS's answer is reliable, and a disagreement would be ours.
    assert exact == (result.status == 0)


def test_known_cases() -> None:
    assert feasible([[F(1), F(1)]], [F(1)], [], [])  # x + y = 1
    assert not feasible([[F(1), F(1)]], [F(-1)], [], [])  # x + y = -1, x, y >= 0
    assert not feasible([], [], [[F(1)], [F(-1)]], [F(1), F(-2)])  # x <= 1 and x >= 2
    assert feasible([], [], [[F(1)], [F(-1)]], [F(2), F(-2)])  # x = 2, exactly
    assert feasible([], [], [], [])
