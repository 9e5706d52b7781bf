"""The package's layers (docs/architecture.md): each folder imports only the layers below it.

Every ``import`` in every module is read with :mod:`ast` (those inside functions too: a
deferred import is still a dependency), and compared with :data:`ALLOWED`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "ggcalc"

#: Each layer and the layers it may import (besides itself). Lowest first.
ALLOWED: dict[str, set[str]] = {
    "ggcalc._version": set(),
    "ggcalc.errors": set(),
    "ggcalc.exact": {"ggcalc.errors"},
    "ggcalc.model": {"ggcalc.errors", "ggcalc.exact"},
    "ggcalc.algorithms": {"ggcalc.errors", "ggcalc.exact", "ggcalc.model"},
    "ggcalc.certification": {"ggcalc.errors", "ggcalc.exact", "ggcalc.model"},
    "ggcalc.io": {"ggcalc.errors", "ggcalc.exact", "ggcalc.model"},
    "ggcalc.solvers": {
        "ggcalc.errors",
        "ggcalc.exact",
        "ggcalc.model",
        "ggcalc.algorithms",
        "ggcalc.certification",
    },
    "ggcalc.analysis": {
        "ggcalc.errors",
        "ggcalc.exact",
        "ggcalc.model",
        "ggcalc.io",
        "ggcalc.solvers",
    },
    "ggcalc.render": {
        "ggcalc.errors",
        "ggcalc.exact",
        "ggcalc.model",
        "ggcalc.io",
        "ggcalc.analysis",
    },
    "ggcalc.cli": {
        "ggcalc._version",
        "ggcalc.errors",
        "ggcalc.exact",
        "ggcalc.model",
        "ggcalc.io",
        "ggcalc.solvers",
        "ggcalc.analysis",
        "ggcalc.render",
    },
    "ggcalc.__main__": {"ggcalc.cli"},
}
#: The public API (``ggcalc/__init__.py``) may use every layer but the command line.
ALLOWED["ggcalc"] = set(ALLOWED) - {"ggcalc", "ggcalc.cli", "ggcalc.__main__"}

#: The one call that goes upward on purpose: ``Scenario.solve()`` is the model's thin umbrella
#: over the solvers (GUIDE: ``Game.solve(...)``), imported when it is called.
UPWARD = {("ggcalc.model.scenario", "ggcalc.solvers")}

#: Third-party packages that only some layers may import.
RESTRICTED = {
    "typer": {"ggcalc.cli"},
    "rich": {"ggcalc.render"},
    "matplotlib": {"ggcalc.render"},
    "nashpy": {"ggcalc.solvers"},
    # Exact algebra for three or more players: Groebner bases, and factoring root(...) forms.
    "sympy": {"ggcalc.algorithms.polynomial_systems", "ggcalc.exact.algebraic_text"},
    # FLINT's Groebner bases, factoring and root isolation, the fast path of the same solver.
    "flint": {"ggcalc.algorithms.polynomial_systems_flint"},
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> str:
    """The entry of :data:`ALLOWED` a module belongs to (the longest matching prefix)."""
    matches = [name for name in ALLOWED if module == name or module.startswith(name + ".")]
    assert matches, f"{module} belongs to no layer: add it to ALLOWED and docs/architecture.md"
    return max(matches, key=len)


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            # ``from ggcalc import x`` names a submodule or a name of the package's __init__.
            if node.module == "ggcalc":
                found += [(node.lineno, f"ggcalc.{alias.name}") for alias in node.names]
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_only_layers_below(path: Path) -> None:
    module = _module_name(path)
    layer = _layer(module)
    wrong = []
    for line, imported in _imports(path):
        top = imported.split(".")[0]
        if top == "ggcalc":
            if imported == "ggcalc":
                wrong.append(f"line {line}: imports the package root")
                continue
            target = _layer(imported)
            if (module, target) in UPWARD:
                continue
            if target != layer and target not in ALLOWED[layer]:
                wrong.append(f"line {line}: {layer} imports {imported} ({target})")
        elif top in RESTRICTED and not {layer, module} & RESTRICTED[top]:
            wrong.append(f"line {line}: only {sorted(RESTRICTED[top])} may import {top}")
    assert not wrong, f"{module}:\n" + "\n".join(wrong)


def test_every_module_is_documented_in_the_architecture_page() -> None:
    page = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    folders = {p.parent.relative_to(PACKAGE.parent).as_posix() + "/" for p in MODULES}
    missing = sorted(f for f in folders if f"`{f}`" not in page)
    assert not missing, f"docs/architecture.md does not describe {missing}"


def test_a_layer_importing_upwards_is_caught(tmp_path: Path) -> None:
    """The check itself can fail: a model module importing a solver is reported."""
    bad = tmp_path / "bad.py"
    bad.write_text("from ggcalc.solvers.normal_form import solve\n")
    imported = [name for _, name in _imports(bad)]
    assert imported == ["ggcalc.solvers.normal_form"]
    assert _layer(imported[0]) not in ALLOWED["ggcalc.model"]


#: Lines past which a module must say, in its docstring, why it is one module.
LONG_MODULE = 400
LONG_REASON = "Why one module:"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_long_module_says_why_it_is_one(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if text.count("\n") <= LONG_MODULE:
        return
    docstring = ast.get_docstring(ast.parse(text)) or ""
    assert LONG_REASON in docstring, (
        f"{path.relative_to(PACKAGE)} has {text.count(chr(10))} lines: split it, or say "
        f"'{LONG_REASON} ...' in its docstring"
    )
