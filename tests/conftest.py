"""Hypothesis profiles. The default is reproducible (``derandomize``: the same examples on
every run and machine, and no per-example deadline), so that a CI run on a slow machine cannot
fail by the luck of the draw or of the clock; ``HYPOTHESIS_PROFILE=explore`` draws new random
examples on every run, to search for bugs the fixed examples miss."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("reproducible", derandomize=True, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "reproducible"))
