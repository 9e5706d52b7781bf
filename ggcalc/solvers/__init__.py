"""The solving umbrellas: pick an algorithm, certify what it returns, say what is proven.

:func:`ggcalc.solvers.normal_form.solve` solves normal-form games and
:func:`ggcalc.solvers.tree.solve_tree` game trees; nashpy's methods run in a child process
(:mod:`~ggcalc.solvers.nashpy`), and :mod:`~ggcalc.solvers.methods` names the concepts and
methods without importing any algorithm, for the command line's help.
"""
