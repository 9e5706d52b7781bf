"""Exact arithmetic: rational numbers, formulas over named parameters, and linear algebra.

Everything a solver decides or a user sees is computed here without floating point:
:mod:`~ggcalc.exact.rationals` reads and writes rationals, :mod:`~ggcalc.exact.expressions`
parses and evaluates payoff formulas, and :mod:`~ggcalc.exact.linear` and
:mod:`~ggcalc.exact.modular` solve the indifference systems of equilibrium supports.
"""
