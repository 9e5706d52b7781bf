"""Reading and writing scenario files: the YAML format, Gambit's formats, and atomic writes.

:mod:`~ggcalc.io.sources` finds scenario files and tells their format, :mod:`~ggcalc.io.load`
reads any of them into a document or a :class:`~ggcalc.model.scenario.Scenario`,
:mod:`~ggcalc.io.yaml` and :mod:`~ggcalc.io.gambit` are the readers of each format, and
:mod:`~ggcalc.io.atomic` writes a file so that it is never left half-written.
"""
