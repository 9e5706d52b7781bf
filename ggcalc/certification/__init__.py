"""Certification: exact checks that proposed profiles are equilibria.

Every equilibrium ggcalc reports has passed one of these checks in exact arithmetic, whatever
algorithm proposed it: :mod:`~ggcalc.certification.normal_form` for Nash equilibria of
normal-form games, :mod:`~ggcalc.certification.tree` for Nash and subgame-perfect equilibria of
game trees.
"""
