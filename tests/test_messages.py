"""Library errors speak in the library's arguments; only the command line spells them as flags.

The same mistake through the API and through ``ggcalc`` names ``samples=1000`` in one and
``--samples 1000`` in the other (errors.UsageError's fields).
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from ggcalc.analysis.robustness import parse_varied, robustness
from ggcalc.analysis.sweep import parse_axis
from ggcalc.cli import app
from ggcalc.errors import UsageError

SWITCH = """\
title: Switch
parameters: {c: 3}
players: {Row: [A, B], Col: [L, R]}
payoffs:
  A: {L: [c, 1], R: [0, 0]}
  B: {L: [2, 0], R: [1, 1]}
"""


def test_api_errors_name_arguments_not_flags() -> None:
    varied = [parse_varied("c=uniform:0:4")]
    with pytest.raises(UsageError) as raised:
        robustness(SWITCH, varied, samples=0, seed=1)
    assert str(raised.value) == "samples must be between 1 and 1,000,000, got 0; e.g. samples=1000"
    with pytest.raises(UsageError) as raised:
        robustness(SWITCH, varied, samples=10, seed=-1)
    assert "--" not in str(raised.value) and str(raised.value).startswith("seed must be")
    with pytest.raises(UsageError) as raised:
        parse_axis("c=0:4")
    assert str(raised.value).startswith("vary 'c=0:4' is not NAME=START:STOP:STEPS")
    assert "--" not in str(raised.value)


def test_the_command_line_spells_the_same_errors_as_flags(tmp_path) -> None:
    path = tmp_path / "switch.yaml"
    path.write_text(SWITCH)
    runner = CliRunner()
    result = runner.invoke(
        app, ["robustness", str(path), "--vary", "c=uniform:0:4", "--samples", "0"]
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "--samples must be between 1 and 1,000,000, got 0; e.g. --samples 1000\n"
    )
    result = runner.invoke(app, ["sweep", str(path), "--vary", "c=0:4"])
    assert result.exit_code == 2
    assert result.stderr.startswith("--vary 'c=0:4' is not NAME=START:STOP:STEPS")


def test_braces_a_user_wrote_stay_braces() -> None:
    with pytest.raises(UsageError) as raised:
        parse_varied("c={x}:1")
    assert "'c={x}:1'" in str(raised.value)
