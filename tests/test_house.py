"""Defects found while trying the package as a new user would (issue 13), each pinned down:
the same answer from every command about a Gambit file's parameters, a public API whose names
shadow nothing, and ``import ggcalc`` that does not load numpy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ggcalc
from ggcalc.cli import app

ROOT = Path(__file__).parent.parent
EFG = ROOT / "tests" / "data" / "efg" / "holdout7.efg"
NFG = next((ROOT / "tests" / "data" / "nfg").glob("*.nfg"))


@pytest.mark.parametrize("path", [EFG, NFG], ids=["efg", "nfg"])
def test_sweep_on_a_gambit_file_says_it_has_no_parameters(path: Path) -> None:
    result = CliRunner().invoke(app, ["sweep", str(path), "--vary", "x=0:1:2"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"{path}: unknown parameter 'x' (Gambit files have no parameters); "
        "describe the game as a YAML scenario with named parameters\n"
    )


def test_solve_set_on_a_gambit_file_says_the_same() -> None:
    result = CliRunner().invoke(app, ["solve", str(EFG), "--set", "x=1"])
    assert result.exit_code == 2
    assert "unknown parameter 'x' (Gambit files have no parameters)" in result.stderr


def test_public_functions_do_not_shadow_submodules() -> None:
    import importlib

    for name in ("solve", "certify", "solve_tree", "certify_tree", "load"):
        value = getattr(ggcalc, name)
        assert callable(value) and not isinstance(value, type(ggcalc)), name
        with pytest.raises(ModuleNotFoundError):
            importlib.import_module(f"ggcalc.{name}")
    assert set(ggcalc.__all__) <= set(dir(ggcalc))


def test_import_ggcalc_and_the_command_line_load_no_numpy() -> None:
    code = (
        "import sys, ggcalc, ggcalc.cli; "
        "print(sorted(m for m in ('numpy', 'rich', 'yaml', 'nashpy', 'matplotlib') "
        "if m in sys.modules))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == "[]"


def test_every_result_has_a_renderer_for_each_of_its_formats() -> None:
    from importlib import import_module

    from ggcalc.render.dispatch import FORMATS, RENDERERS

    for kind, formats in FORMATS.items():
        for format in formats:
            if format == "json":
                continue
            module, name = RENDERERS[kind, format]
            assert callable(getattr(import_module(module), name)), (kind, format)


@pytest.mark.parametrize("format", ["table", "markdown"])
def test_sweep_refuses_three_axes_where_it_would_draw_two(format: str) -> None:
    text = (
        "title: Three\nparameters: {a: 1, b: 1, c: 1}\nplayers: {R: [x, y], C: [l, r]}\n"
        "payoffs:\n  x: {l: [a, 1], r: [0, 0]}\n  y: {l: [b, 0], r: [c, 1]}\n"
    )
    result = CliRunner().invoke(
        app,
        ["sweep", "-", "--vary", "a=0:1:2", "--vary", "b=0:1:2", "--vary", "c=0:1:2", "-f", format],
        input=text,
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"the {format} shows one or two varied parameters" in result.stderr


def test_certify_tree_refuses_a_vector_that_only_looks_pure() -> None:
    """(1, 1/2) starts like 'Take for sure' but is no probability vector (found in review)."""
    from fractions import Fraction

    from ggcalc.certification.tree import certify_tree
    from ggcalc.model.behavior import pure_action
    from ggcalc.model.tree import DECISION, TERMINAL, TreeBuilder

    builder = TreeBuilder(["A"])
    root = builder.add(-1, kind=DECISION, player=0, actions=["x", "y"])
    builder.add(root, "x", kind=TERMINAL, payoffs=[Fraction(1)])
    builder.add(root, "y", kind=TERMINAL, payoffs=[Fraction(0)])
    tree = builder.build()
    assert pure_action((Fraction(1), Fraction(0))) == 0
    assert pure_action((Fraction(1), Fraction(1, 2))) is None
    assert certify_tree(tree, [(Fraction(1), Fraction(0))]) is not None
    with pytest.raises(ValueError):
        certify_tree(tree, [(Fraction(1), Fraction(1, 2))])


def test_a_missing_file_with_an_upper_case_suffix_is_a_missing_file() -> None:
    from ggcalc.errors import InputError

    with pytest.raises(InputError) as raised:
        ggcalc.load("NO_SUCH_GAME.YAML")
    assert "no such file" in str(raised.value)


def test_a_tree_without_simultaneous_moves_is_solved_without_numpy() -> None:
    """Start-up: backward induction needs no matrix solver, so a tree scenario loads no numpy."""
    code = (
        "import sys, ggcalc; "
        "s = ggcalc.load('games/china_response.yaml').solve(); "
        "print(len(s.equilibria), 'numpy' in sys.modules)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert completed.stdout.split() == ["1", "False"]
