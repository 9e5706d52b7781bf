"""Start-up time of ggcalc: ``import ggcalc``, ``ggcalc --help``, ``python -m ggcalc --help``
and ``ggcalc solve FILE`` on every shipped scenario (``games/*.yaml``).

Each command runs ``--runs`` times (default 10) in a fresh subprocess, the commands taking
turns, after ``--warmup`` untimed rounds (default 1) that warm the file and bytecode caches.
The wall time of each run (``time.perf_counter`` around ``subprocess.run``) is reported as
median, min and max in milliseconds, beside ``python -c "pass"`` as the baseline and the
*floor* (importing typer, PyYAML and rich, which every ``ggcalc solve`` needs). Commands
with a target (issue 13: ``ggcalc --help`` ≤ 120 ms, each ``ggcalc solve`` ≤ 200 ms, median
wall time) are marked ``ok`` or ``OVER`` against it; the targets are meant for the ``cached``
environment below, the one a user with an ordinary install has.

Bytecode matters here: when ``PYTHONDONTWRITEBYTECODE`` is set (as on the project's machines),
Python never caches the compiled form of ggcalc's own modules (installed editable, so they are
compiled from source on every start), while an ordinary install has them cached. So each command
is measured in two environments (``--bytecode both``, the default):

* ``inherited``: this process's environment as it is;
* ``cached``: ``PYTHONDONTWRITEBYTECODE`` removed and ``PYTHONPYCACHEPREFIX`` pointed at a
  temporary directory, so bytecode is cached there (not in the source tree) after the warm-up.

Run from the repository root::

    . .venv/bin/activate
    python bench/bench_startup.py                 # 10 runs each, both environments
    python bench/bench_startup.py --runs 30 --importtime
    python bench/bench_startup.py --games bench/data   # solve other scenarios
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

#: The shipped scenarios, solved by ``ggcalc solve`` (the default of ``--games``).
GAMES = Path(__file__).resolve().parent.parent / "games"

#: What ``ggcalc solve`` cannot start faster than: importing the libraries it runs on.
FLOOR = "import typer, yaml, rich.console, rich.table"

#: Issue 13's targets: median wall time in milliseconds, by the start of a command's label.
TARGETS = {"ggcalc --help": 120.0, "ggcalc solve ": 200.0}


@dataclass
class Timing:
    """Wall times of one command in one environment.

    Attributes
    ----------
    label
        How the command is shown in the table.
    command
        The argument vector that was run.
    environment
        ``"inherited"`` or ``"cached"``.
    milliseconds
        Wall time of each timed run.
    failures
        Runs that exited with a non-zero status (their times are still recorded).
    """

    label: str
    command: list[str]
    environment: str
    milliseconds: list[float]
    failures: int = 0

    @property
    def target(self) -> float | None:
        """The median this command should not exceed (``TARGETS``), if it has one."""
        return next((ms for start, ms in TARGETS.items() if self.label.startswith(start)), None)

    @property
    def verdict(self) -> str:
        """``ok`` or ``OVER`` against :attr:`target`, or ``-`` without one."""
        if self.target is None:
            return "-"
        return "ok" if self.median <= self.target else "OVER"

    @property
    def median(self) -> float:
        """Median wall time in milliseconds."""
        return statistics.median(self.milliseconds)

    @property
    def minimum(self) -> float:
        """Fastest run in milliseconds."""
        return min(self.milliseconds)


def ggcalc_script() -> str:
    """The ``ggcalc`` console script beside this interpreter, or the one on ``PATH``.

    Returns
    -------
    str
        Path of the script.

    Raises
    ------
    SystemExit
        If no ``ggcalc`` script can be found.
    """
    beside = Path(sys.executable).with_name("ggcalc")
    if beside.exists():
        return str(beside)
    found = shutil.which("ggcalc")
    if found is None:
        raise SystemExit("no 'ggcalc' script found: activate the venv (. .venv/bin/activate)")
    return found


def scenarios(folder: Path) -> list[Path]:
    """The scenarios ``ggcalc solve`` is timed on: every ``*.yaml`` file in ``folder``, sorted.

    Parameters
    ----------
    folder
        Where the scenarios are (``--games``).

    Returns
    -------
    list of Path
        The files, shown relative to the working directory when they are under it.

    Raises
    ------
    SystemExit
        If ``folder`` holds no ``.yaml`` file.
    """
    found = sorted(folder.glob("*.yaml"))
    if not found:
        raise SystemExit(f"no .yaml scenario in {folder}")
    here = Path.cwd()
    return [path.relative_to(here) if path.is_relative_to(here) else path for path in found]


def commands(games: list[Path]) -> list[tuple[str, list[str]]]:
    """The commands to time, baseline first, as ``(label, argv)`` pairs.

    Parameters
    ----------
    games
        The scenarios to time ``ggcalc solve`` on, one command each.
    """
    python = sys.executable
    script = ggcalc_script()
    return [
        ('python -c "pass"', [python, "-c", "pass"]),
        ('python -c "import ggcalc"', [python, "-c", "import ggcalc"]),
        # The floor under every ggcalc command: importing the base dependencies it prints
        # with (typer parses, PyYAML reads, rich draws), before any ggcalc code runs.
        ("floor: import typer, yaml, rich", [python, "-c", FLOOR]),
        ("ggcalc --help", [script, "--help"]),
        ("python -m ggcalc --help", [python, "-m", "ggcalc", "--help"]),
        *((f"ggcalc solve {game}", [script, "solve", str(game)]) for game in games),
    ]


def time_commands(
    argvs: list[list[str]], env: dict[str, str], runs: int, warmup: int
) -> list[tuple[list[float], int]]:
    """Time each command ``runs`` times, round-robin, after ``warmup`` untimed rounds.

    Running the commands in turn (rather than each one ``runs`` times in a row) spreads any
    passing load on the machine over all of them alike.

    Parameters
    ----------
    argvs
        The commands.
    env
        Their environment.
    runs
        Timed rounds.
    warmup
        Untimed rounds first.

    Returns
    -------
    list of (list of float, int)
        Per command: milliseconds of each timed run, and how many timed runs failed.
    """
    results: list[tuple[list[float], int]] = [([], 0) for _ in argvs]
    for round_ in range(warmup + runs):
        for k, argv in enumerate(argvs):
            start = time.perf_counter()
            done = subprocess.run(
                argv,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
            elapsed = (time.perf_counter() - start) * 1000
            if round_ >= warmup:
                times, failures = results[k]
                times.append(elapsed)
                results[k] = (times, failures + (done.returncode != 0))
    return results


def load_average() -> str:
    """The 1-, 5- and 15-minute load averages: other work on the machine skews the times."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover - not on every platform
        return "n/a"


def format_table(timings: list[Timing]) -> str:
    """A plain aligned table: median, min, max, median minus the baseline's median, and the
    median against the command's target.

    Parameters
    ----------
    timings
        One environment's timings, baseline first.

    Returns
    -------
    str
        The table.
    """
    baseline = timings[0].median
    headers = [
        "command",
        "median ms",
        "min ms",
        "max ms",
        "median - baseline",
        "target ms",
        "median vs target",
        "failed",
    ]
    rows = [
        [
            t.label,
            f"{t.median:.1f}",
            f"{t.minimum:.1f}",
            f"{max(t.milliseconds):.1f}",
            "-" if i == 0 else f"{t.median - baseline:+.1f}",
            "-" if t.target is None else f"<= {t.target:.0f}",
            t.verdict,
            str(t.failures),
        ]
        for i, t in enumerate(timings)
    ]
    widths = [max(len(h), *(len(r[c]) for r in rows)) for c, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.ljust(w) if c == 0 else cell.rjust(w)
            for c, (cell, w) in enumerate(zip(cells, widths, strict=True))
        )

    return "\n".join([line(headers), "  ".join("-" * w for w in widths), *map(line, rows)])


def import_profile(argv: list[str], env: dict[str, str], top: int) -> str:
    """The slowest imports of a command by cumulative time (``python -X importtime``).

    Parameters
    ----------
    argv
        What follows ``python -X importtime``: ``["-c", "import ggcalc"]``, or the ``ggcalc``
        script and its arguments (the script is Python, so the interpreter can run it).
    env
        Environment to run in.
    top
        How many modules to list.

    Returns
    -------
    str
        One line per module: cumulative microseconds and the module name.
    """
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *argv],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    entries = []
    for raw in done.stderr.splitlines():
        fields = raw.removeprefix("import time:").split("|")
        if not raw.startswith("import time:") or len(fields) != 3:
            continue
        try:
            cumulative = int(fields[1])
        except ValueError:
            continue  # the header line
        entries.append((cumulative, fields[2].strip()))
    entries.sort(reverse=True)
    return "\n".join(f"{cum / 1000:8.1f} ms  {name}" for cum, name in entries[:top])


def profiled(games: list[Path], profile_game: str | None) -> list[tuple[str, list[str]]]:
    """The commands ``--importtime`` profiles, as ``(label, argv after -X importtime)`` pairs.

    Parameters
    ----------
    games
        The timed scenarios.
    profile_game
        The scenario to profile ``ggcalc solve`` on (``--profile-game``); by default the issue's
        example, ``us_pakistan_deal.yaml``, when it is among ``games``, else the first of them.
    """
    if profile_game is None:
        named = [game for game in games if game.name == "us_pakistan_deal.yaml"]
        profile_game = str((named or games)[0])
    script = ggcalc_script()
    return [
        ("import ggcalc", ["-c", "import ggcalc"]),
        ("ggcalc --help", [script, "--help"]),
        (f"ggcalc solve {profile_game}", [script, "solve", profile_game]),
    ]


def target_summary(timings: list[Timing]) -> str:
    """One line per command with a target: its median against the target, in one environment.

    Parameters
    ----------
    timings
        One environment's timings.
    """
    judged = [t for t in timings if t.target is not None]
    over = [t for t in judged if t.verdict == "OVER"]
    lines = [
        f"targets ({timings[0].environment} environment): {len(judged) - len(over)} of "
        f"{len(judged)} met"
    ]
    lines += [f"  OVER: {t.label}: {t.median:.1f} ms > {t.target:.0f} ms" for t in over]
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(
        description="Time ggcalc's start-up in fresh subprocesses (median/min in ms)."
    )
    parser.add_argument("--runs", type=int, default=10, help="timed runs per command (default 10)")
    parser.add_argument(
        "--warmup", type=int, default=1, help="untimed runs per command first (default 1)"
    )
    parser.add_argument(
        "--bytecode",
        choices=("inherited", "cached", "both"),
        default="both",
        help="environment(s) to measure in (default both; see the module doc)",
    )
    parser.add_argument(
        "--games",
        metavar="DIR",
        type=Path,
        default=GAMES,
        help="time 'ggcalc solve' on every *.yaml file in DIR (default: the shipped games/)",
    )
    parser.add_argument(
        "--importtime",
        action="store_true",
        help="also list the slowest imports (-X importtime) of 'import ggcalc', "
        "'ggcalc --help' and one 'ggcalc solve'",
    )
    parser.add_argument(
        "--profile-game",
        metavar="FILE",
        help="the scenario --importtime profiles 'ggcalc solve' on "
        "(default games/us_pakistan_deal.yaml)",
    )
    parser.add_argument("--json", metavar="FILE", help="save raw timings as JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Time every command in the chosen environments and print one table per environment.

    Parameters
    ----------
    argv
        Command-line arguments (default ``sys.argv[1:]``).

    Returns
    -------
    int
        0 when every run succeeded, 1 otherwise.
    """
    args = build_parser().parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        raise SystemExit("--runs must be at least 1 and --warmup at least 0")
    print(
        f"bench_startup: {args.runs} runs per command (+{args.warmup} warm-up), "
        f"python {platform.python_version()} ({sys.executable}), cpus {os.cpu_count()}, "
        f"PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r}, "
        f"load average {load_average()}"
    )
    modes = ["inherited", "cached"] if args.bytecode == "both" else [args.bytecode]
    games = scenarios(args.games)
    timings: list[Timing] = []
    with tempfile.TemporaryDirectory(prefix="ggcalc-bench-pycache-") as cache:
        environments = {"inherited": dict(os.environ)}
        cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = cache
        environments["cached"] = cached
        for mode in modes:
            env = environments[mode]
            todo = commands(games)
            measured = time_commands([argv for _, argv in todo], env, args.runs, args.warmup)
            mode_timings = [
                Timing(label, argv, mode, times, failures)
                for (label, argv), (times, failures) in zip(todo, measured, strict=True)
            ]
            timings.extend(mode_timings)
            print()
            print(
                "environment: inherited (as is)"
                if mode == "inherited"
                else "environment: cached (bytecode cached in a temporary PYTHONPYCACHEPREFIX)"
            )
            print(format_table(mode_timings))
            print(target_summary(mode_timings))
            if args.importtime:
                for label, profile_argv in profiled(games, args.profile_game):
                    print(f"\nslowest imports of '{label}' (cumulative, under -X importtime):")
                    print(import_profile(profile_argv, env, 12))
    if "cached" in modes:
        print(
            "\nthe targets are judged on the cached environment (an ordinary install caches "
            "bytecode)"
        )
    print(f"\nload average at the end {load_average()}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(
                {
                    "runs": args.runs,
                    "warmup": args.warmup,
                    "targets_ms": TARGETS,
                    "timings": [
                        {**asdict(t), "median": t.median, "target": t.target, "verdict": t.verdict}
                        for t in timings
                    ],
                },
                handle,
                indent=1,
            )
        print(f"\nraw timings saved to {args.json}")
    return 1 if any(t.failures for t in timings) else 0


if __name__ == "__main__":
    sys.exit(main())
