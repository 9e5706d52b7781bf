"""Every public callable of the documented packages has a NumPy-style (numpydoc) docstring.

A module's public callables are the functions and classes defined in it (not imported from
elsewhere) whose names do not start with ``_``, plus those listed in its ``__all__``, and the
public methods and properties defined in those classes. Each needs a docstring; each function
or method that takes a parameter besides ``self``/``cls`` needs a ``Parameters`` section.
Properties, dunder methods and methods taking only ``self`` need just a summary.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator
from functools import cached_property
from types import ModuleType
from typing import Any

# Packages (or single modules) whose public callables are documented in NumPy style. Packages
# join this tuple as they are documented; a package entry covers all of its submodules (see
# _modules), so a module of a listed package must not be listed again.
DOCUMENTED = (
    "ggcalc.errors",
    "ggcalc.exact",
    "ggcalc.model",
    "ggcalc.algorithms",
    "ggcalc.certification",
    "ggcalc.io",
    "ggcalc.solvers",
    "ggcalc.analysis",
    "ggcalc.render",
    "ggcalc.cli",
)

# Callables of documented packages that still lack a numpydoc docstring (a 'Parameters'
# section, so far) because their modules are being edited by someone else: they are skipped
# here until then. Remove an entry as soon as its docstring is done; keep this set small.
PENDING: set[str] = set()

# The docstring of each command function (``command`` in ggcalc.cli.solve, .sweep, ...) and of
# the typer root callback ``ggcalc.cli.app._root`` is the command's ``--help`` text, which typer
# prints as it is and tests/test_cli_help.py parses: it reads as help, not numpydoc, so these
# need a docstring but no 'Parameters' section (their options carry their own help). ``_root``
# is private, so it is only checked if it is ever exported; it is exempt all the same.
HELP_TEXTS = ("command",)
ROOT_CALLBACK = "ggcalc.cli.app._root"

_PARAMETERS = re.compile(r"^Parameters\n-{10}$", re.MULTILINE)


def _modules() -> Iterator[ModuleType]:
    for name in DOCUMENTED:
        module = importlib.import_module(name)
        yield module
        if hasattr(module, "__path__"):
            for info in pkgutil.walk_packages(module.__path__, prefix=f"{name}."):
                yield importlib.import_module(info.name)


def _public(name: str, exported: set[str]) -> bool:
    return not name.startswith("_") or name in exported


def _callables(module: ModuleType) -> Iterator[tuple[str, object, bool]]:
    """``(qualified name, object, whether it must document parameters)`` for every public
    function, class, method and property defined in ``module``."""
    exported = set(getattr(module, "__all__", ()))
    for name, obj in vars(module).items():
        if not _public(name, exported) or getattr(obj, "__module__", None) != module.__name__:
            continue
        qualified = f"{module.__name__}.{name}"
        if inspect.isfunction(inspect.unwrap(obj)):  # unwrap: e.g. an lru_cache wrapper
            yield qualified, obj, True
        elif inspect.isclass(obj):
            yield qualified, obj, False
            for attribute, member in vars(obj).items():
                if attribute.startswith("_"):
                    continue
                where = f"{qualified}.{attribute}"
                if isinstance(member, property):
                    yield where, member.fget, False
                elif isinstance(member, cached_property):
                    yield where, member.func, False
                elif isinstance(member, staticmethod | classmethod):
                    yield where, member.__func__, True
                elif inspect.isfunction(member):
                    yield where, member, True


def _is_help_text(name: str) -> bool:
    """Whether ``name`` (qualified) is a CLI command function or the root callback."""
    module, _, function = name.rpartition(".")
    return name == ROOT_CALLBACK or (module.startswith("ggcalc.cli.") and function in HELP_TEXTS)


def _has_parameters(function: Any) -> bool:
    parameters = list(inspect.signature(function).parameters)
    if parameters and parameters[0] in ("self", "cls"):
        parameters = parameters[1:]
    return bool(parameters)


def test_public_callables_have_numpy_docstrings() -> None:
    missing: list[str] = []
    no_parameters: list[str] = []
    seen = 0
    for module in _modules():
        for name, obj, takes_parameters in _callables(module):
            seen += 1
            if name in PENDING:
                continue
            doc = inspect.getdoc(obj)
            if not doc or not doc.strip():
                missing.append(name)
            elif _is_help_text(name):
                continue
            elif takes_parameters and _has_parameters(obj) and not _PARAMETERS.search(doc):
                no_parameters.append(name)
    assert seen, "no public callables found: is DOCUMENTED right?"
    assert not missing, "public callables without a docstring:\n  " + "\n  ".join(missing)
    assert not no_parameters, "callables without a numpydoc 'Parameters' section:\n  " + (
        "\n  ".join(no_parameters)
    )
