"""The ``ggcalc`` command: a thin shell over the library, and the only package importing typer.

``app`` is the typer application and ``main`` the console-script entry point; each command lives
in its own module (``ggcalc.cli.solve``, ...), and the options they share are declared once in
:mod:`ggcalc.cli.options`.
"""

from ggcalc.cli.app import app, main

__all__ = ["app", "main"]
