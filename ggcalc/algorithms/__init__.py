"""Equilibrium algorithms: each takes plain arrays and returns plain results (no I/O, no names).

Pure equilibria, support enumeration and vertex matching for bimatrix games, linear programming
for zero-sum games, maximal Nash subsets, the reduced strategic form of a game tree, and
backward induction over subgames. Every result is exact; :mod:`ggcalc.certification` checks it.
"""
