"""Readers of Gambit's text formats: strategic-form games (``.nfg``) and game trees (``.efg``).

:func:`ggcalc.io.gambit.nfg.read_nfg` and :func:`ggcalc.io.gambit.efg.read_efg` read them
exactly, on top of the shared tokenizer of :mod:`ggcalc.io.gambit.tokens`.
"""
