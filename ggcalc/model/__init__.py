"""The game models: normal-form games, game trees, strategy profiles and solutions.

Plain data with exact (:class:`~fractions.Fraction`) payoffs and probabilities; the algorithms
that solve them live in :mod:`ggcalc.algorithms`, the checks in :mod:`ggcalc.certification`.
"""
