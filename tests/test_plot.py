"""``ggcalc.render.plot``: sweep pictures are valid PNG and SVG files, for one and two varied
parameters and for a game tree; bad requests and a missing matplotlib are clear user errors."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ggcalc.analysis.sweep import SweepResult, describe, parse_axis, sweep
from ggcalc.cli import app
from ggcalc.errors import InputError, UsageError
from ggcalc.io.atomic import atomic_write
from ggcalc.io.yaml.document import read_document
from ggcalc.render.plot import _Key, check_plot, plot_sweep
from ggcalc.render.sweep_format import _letter, sweep_lines

# The 2x2 of test_sweep.py, with a second parameter d: (A, Left) is an equilibrium from c = 2
# on, (B, Right) while d >= 0.
SWITCH = """\
title: Switch at two
parameters:
  c: 3
  d: 1
players:
  Row: [A, B]
  Column: [Left, Right]
payoffs:
  A: {Left: [c, 1], Right: [0, 0]}
  B: {Left: [2, 0], Right: [d, 1]}
"""

# Entry deterrence: the incumbent fights while fighting costs it less than 1, so the entrant
# stays out; above 1 it accommodates and the entrant comes in; at exactly 1, both.
ENTRY = """\
title: Entry with a fighting cost
parameters:
  f: 1/2
  o: 4
players: [Entrant, Incumbent]
tree:
  player: Entrant
  moves:
    Out: {payoffs: [0, o]}
    In:
      player: Incumbent
      moves:
        Fight: {payoffs: [-1, "2 - f"]}
        Accommodate: {payoffs: [1, 1]}
"""

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_ROOT = "{http://www.w3.org/2000/svg}svg"


def run_sweep(text: str, *varies: str) -> SweepResult:
    return sweep(read_document(text, None), [parse_axis(v) for v in varies])


@pytest.fixture(scope="module")
def one() -> SweepResult:
    return run_sweep(SWITCH, "c=0:4:9")


@pytest.fixture(scope="module")
def two() -> SweepResult:
    return run_sweep(SWITCH, "c=0:4:9", "d=-1:1:5")


@pytest.fixture(scope="module")
def tree() -> SweepResult:
    return run_sweep(ENTRY, "f=0:2:9")


def assert_png(path: Path) -> None:
    image = pytest.importorskip("matplotlib.image")
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    pixels = image.imread(path)
    height, width = pixels.shape[:2]
    assert height > 100 and width > 100


def assert_svg(path: Path) -> None:
    root = ElementTree.parse(path).getroot()
    assert root.tag == SVG_ROOT
    assert float(root.attrib["width"].removesuffix("pt")) > 100


@pytest.fixture(scope="module")
def tree_grid() -> SweepResult:
    return run_sweep(ENTRY, "f=0:2:5", "o=2:6:3")  # at f = 1 the list is not proven complete


@pytest.mark.parametrize("which", ["one", "two", "tree", "tree_grid"])
def test_png_and_svg(which: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    result = request.getfixturevalue(which)
    png, svg = tmp_path / f"{which}.png", tmp_path / f"{which}.SVG"
    plot_sweep(result, png)
    plot_sweep(result, svg)
    assert_png(png)
    assert_svg(svg)
    assert set(tmp_path.iterdir()) == {png, svg}


def test_svg_text_names_regimes_and_profiles(one: SweepResult, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    path = tmp_path / "one.svg"
    with matplotlib.rc_context({"svg.fonttype": "none"}):  # text as text, to read it back
        plot_sweep(one, path)
    text = path.read_text(encoding="utf-8")
    assert "Switch at two" in text
    assert "P1  {Row: B, Column: Right}" in text
    assert "A: P1" in text and "B: P1; P2; 1 mixed" in text
    assert "c between" in text  # the threshold sentence of the text output


def test_overwrites_an_existing_plot(one: SweepResult, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    path = tmp_path / "sweep.png"
    path.write_bytes(b"old")
    plot_sweep(one, path)
    assert_png(path)
    assert [p.name for p in tmp_path.iterdir()] == ["sweep.png"]  # no temporary left


def test_letters_agree_with_the_text_output() -> None:
    result = run_sweep(ENTRY, "f=0:2:4")  # f = 1 falls between grid points: only bisected
    key = _Key(result)
    legend = sweep_lines(result)[3]
    assert legend == [f"{_letter(k)}: {describe(sig)}" for k, sig in enumerate(key.signatures)]
    assert len(key.signatures) > len(result.signatures)
    assert key.regime_lines()[-1].startswith("C (only between grid points): P1; P2")


@pytest.mark.parametrize("name", ["sweep.pdf", "sweep", "sweep.png.txt", "sweep.jpg"])
def test_bad_suffix(one: SweepResult, tmp_path: Path, name: str) -> None:
    with pytest.raises(UsageError, match=r"\.png or \.svg") as error:
        plot_sweep(one, tmp_path / name)
    assert error.value.problem.hint
    assert not list(tmp_path.iterdir())


def test_three_parameters_are_refused(tmp_path: Path) -> None:
    text = SWITCH.replace("  d: 1\n", "  d: 1\n  e: 0\n").replace("Right: [0, 0]", "Right: [e, 0]")
    result = run_sweep(text, "c=0:4:2", "d=0:1:2", "e=0:1:2")
    with pytest.raises(UsageError, match="plots show one or two varied parameters"):
        plot_sweep(result, tmp_path / "three.png")
    assert not list(tmp_path.iterdir())


def test_missing_matplotlib(
    one: SweepResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ImportError
    with pytest.raises(UsageError, match="plotting needs matplotlib") as error:
        plot_sweep(one, tmp_path / "sweep.png")
    assert error.value.problem.hint == "pip install 'ggcalc[plot]'"
    assert not list(tmp_path.iterdir())
    with pytest.raises(UsageError, match="plotting needs matplotlib"):
        check_plot(tmp_path / "sweep.svg", 2)  # what the CLI asks before sweeping


def test_check_plot_before_sweeping(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    check_plot(tmp_path / "a.PNG", 1)
    check_plot(tmp_path / "a.svg", 2)
    with pytest.raises(UsageError, match=r"\.png or \.svg"):
        check_plot(tmp_path / "a.pdf", 1)
    with pytest.raises(UsageError, match="one or two varied parameters, not 3"):
        check_plot(tmp_path / "a.png", 3)


def test_import_ggcalc_does_not_import_matplotlib() -> None:
    code = "import sys, ggcalc, ggcalc.render.plot; print('matplotlib' in sys.modules)"
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "False"


def test_write_errors_are_located(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist") as error:
        atomic_write(tmp_path / "missing" / "sweep.png", b"data")
    assert error.value.location is not None
    assert error.value.location.file == str(tmp_path / "missing" / "sweep.png")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # root may write anything: os.access says so
        return
    protected = tmp_path / "protected.png"
    protected.write_bytes(b"old")
    protected.chmod(0o444)
    try:
        with pytest.raises(InputError, match="read-only"):
            atomic_write(protected, b"new")
        assert protected.read_bytes() == b"old"
    finally:
        protected.chmod(0o644)


def test_cli_sweep_plot(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    game = tmp_path / "switch.yaml"
    game.write_text(SWITCH, encoding="utf-8")
    picture = tmp_path / "sweep.png"
    result = CliRunner().invoke(
        app, ["sweep", str(game), "--vary", "c=0:4:9", "--plot", str(picture)]
    )
    assert result.exit_code == 0, result.stderr
    assert "Thresholds" in result.stdout
    assert result.stderr == ""
    assert_png(picture)


@pytest.mark.parametrize(
    ("plot", "varies", "message"),
    [
        ("sweep.pdf", ["c=0:4:9"], "must end in .png or .svg"),
        ("sweep.png", ["c=0:4:3", "d=0:1:2", "c=1:2:2"], "one or two varied parameters"),
    ],
)
def test_cli_bad_plot_is_refused_before_sweeping(
    tmp_path: Path, plot: str, varies: list[str], message: str
) -> None:
    game = tmp_path / "switch.yaml"
    game.write_text(SWITCH, encoding="utf-8")
    arguments = ["sweep", str(game), "--format", "json", "--plot", str(tmp_path / plot)]
    for vary in varies:
        arguments += ["--vary", vary]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert not (tmp_path / plot).exists()
