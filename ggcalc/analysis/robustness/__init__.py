"""``ggcalc robustness``: how robust the answer is to uncertain parameters (Monte Carlo).

Each varied parameter gets a distribution (``uniform:A:B``, ``normal:MEAN:SD`` or
``triangular:LOW:MODE:HIGH``); the scenario is solved at every sample of the parameters, and
the report counts, for every pure strategy profile, in how many samples it is an equilibrium,
and in how many samples only mixed equilibria (or none) were found.

Exact values
------------
Parameters in ggcalc are exact fractions, so every draw (a float) is made exact by rounding it
to :data:`DIGITS` significant digits, ``Fraction(f"{x:.6g}")``: a sampled value is the decimal
a user would type, and ``--set NAME=VALUE`` with it reproduces the sample exactly. A bounded
distribution's draw is then clipped into its bounds (rounding ``0.99999996`` up must not leave
``uniform:0:1``).

Reproducibility
---------------
All samples are drawn in the calling process from one ``random.Random(seed)`` (Mersenne
Twister), sample after sample and, within a sample, parameter after parameter in the order
given. Worker processes (``jobs > 1``) only solve the samples they are sent and return counts,
which are added up in sample order; so the result depends on the seed, the distributions and
the number of samples, never on ``jobs``.

The work is split by what it is: :mod:`.distributions` (the ``NAME=DIST`` language and exact
draws), :mod:`.tally` (solving a sample and adding up what it found), :mod:`.pool` (worker
processes) and :mod:`.run` (the whole run, :func:`robustness`).
"""

from ggcalc.analysis.robustness.distributions import (
    DIGITS,
    DISTRIBUTIONS,
    MAX_SAMPLES,
    Distribution,
    Varied,
    draw_samples,
    iter_samples,
    parse_varied,
    sample_text,
)
from ggcalc.analysis.robustness.run import robustness
from ggcalc.analysis.robustness.tally import Outcome, RobustnessResult
from ggcalc.errors import SampleError

__all__ = [
    "DIGITS",
    "DISTRIBUTIONS",
    "MAX_SAMPLES",
    "Distribution",
    "Outcome",
    "RobustnessResult",
    "SampleError",
    "Varied",
    "draw_samples",
    "iter_samples",
    "parse_varied",
    "robustness",
    "sample_text",
]
