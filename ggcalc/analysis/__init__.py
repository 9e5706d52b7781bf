"""Runs made of many solves, as data: ``check``, ``sweep``, ``robustness`` and ``validate``.

Each run returns a result object whose ``to_dict()`` is its JSON
(:class:`~ggcalc.analysis.check.CheckReport`, :class:`~ggcalc.analysis.sweep.SweepResult`,
:class:`~ggcalc.analysis.robustness.tally.RobustnessResult`,
:class:`~ggcalc.analysis.validate.ValidationReport`); every other format is made in
:mod:`ggcalc.render`, and nothing here prints.
"""
