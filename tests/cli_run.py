"""Running ``ggcalc`` in-process for CLI tests (stdout and stderr kept apart by typer's
``CliRunner``), and writing scenario files for them."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

from ggcalc.cli import app

runner = CliRunner()


def run(*args: str | Path) -> Result:
    """Invoke ``ggcalc ARGS``; check that no exception other than the exit escaped."""
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__}: {result.exception}"
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


def write(directory: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``directory/name`` (UTF-8) and return the path."""
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path
