"""The names of the solution concepts and methods, kept apart from the solvers themselves so
that the command line can list them without importing numpy or any algorithm."""

from __future__ import annotations

__all__ = [
    "DEFAULT_TIMEOUT",
    "NASHPY_METHODS",
    "NORMAL_FORM_CONCEPTS",
    "NORMAL_FORM_METHODS",
    "TREE_CONCEPTS",
]

#: nashpy's algorithms, run in a child process under a time limit and certified exactly.
NASHPY_METHODS = ("nashpy-support-enumeration", "nashpy-vertex-enumeration", "nashpy-lemke-howson")
#: Every method a normal-form solve accepts; ``auto`` picks the best proven method for the game.
NORMAL_FORM_METHODS = (
    "auto",
    "support-enumeration",
    "vertex-enumeration",
    "pure",
    "logit",
    *NASHPY_METHODS,
)
#: Solution concepts of normal-form games.
NORMAL_FORM_CONCEPTS = ("nash",)
#: Solution concepts of game trees (the first is the default).
TREE_CONCEPTS = ("subgame-perfect", "nash")
#: Seconds a third-party solver may run before it is stopped when no limit is given.
#: ggcalc's own exact enumeration has no default limit: it runs until the list is complete.
DEFAULT_TIMEOUT = 60.0
