"""``ggcalc sweep --plot FILE``: a sweep as a picture (PNG or SVG), drawn with matplotlib.

* One varied parameter: a line chart, one panel per player, of every equilibrium payoff at
  every grid point. A pure equilibrium found at neighbouring points is joined by a line (its
  profile is its identity), mixed equilibria are hollow markers; the regimes are shaded bands
  labelled with the letters of the text output, the thresholds dashed lines.
* Two varied parameters: a map of the grid coloured by regime.

matplotlib is optional (``pip install 'ggcalc[plot]'``): it is imported only when a plot is
drawn, with the non-interactive Agg canvas (no window ever opens). Exact fractions become
floats only for drawing; every number written as text stays exact.

Why one module: both charts share one sweep's letters, colours and the text under them, and
this module is where matplotlib is confined (only ``render/`` may import it).
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from ggcalc.analysis.sweep import Signature, SweepResult, describe
from ggcalc.errors import UsageError
from ggcalc.exact.rationals import fraction_text
from ggcalc.io.atomic import atomic_write
from ggcalc.io.yaml.flow import profile_text
from ggcalc.model.solution import solution_profiles
from ggcalc.render.sweep_format import _letter, letter_order, sweep_lines

__all__ = ["FORMATS", "check_plot", "plot_sweep"]

#: File suffix (lower case) -> matplotlib output format.
FORMATS = {".png": "png", ".svg": "svg"}

_DPI = 150
#: Characters per line of the wrapped text under a chart.
_WRAP = 118
#: Regime colours (one per letter, the same in both kinds of chart): a qualitative palette.
_PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#b07aa1",
    "#76b7b2",
    "#edc948",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)
#: Equilibrium line colours (one per pure profile) and markers.
_LINE_COLOURS = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#7f7f7f",
    "#bcbd22",
)
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "<", ">", "h")


def plot_sweep(result: SweepResult, path: Path) -> None:
    """Write a PNG or SVG (chosen by the file suffix) of a sweep.

    One varied parameter gives a line chart of the equilibrium payoffs with the regimes as
    shaded bands and the thresholds as dashed lines; two give a map of the grid coloured by
    regime. The letters are those of the text output
    (:func:`~ggcalc.render.sweep_format.sweep_lines`). The file is written atomically; an SVG
    carries no date, so the same sweep gives the same file.

    Parameters
    ----------
    result : SweepResult
        What a sweep of one or two parameters found.
    path : Path
        The file to write: its suffix (``.png`` or ``.svg``, in any case) picks the format.

    Raises
    ------
    UsageError
        For a suffix other than ``.png`` or ``.svg``, more than two varied parameters, a sweep
        without points, or when matplotlib is not installed.
    InputError
        When the file cannot be written (the directory does not exist, permissions, ...).
    """
    path = Path(path)
    check_plot(path, len(result.axes))
    if not result.points:
        raise UsageError("the sweep has no points to plot")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    suffix = path.suffix.lower()
    figure = Figure(dpi=_DPI)
    FigureCanvasAgg(figure)  # attaches itself: renders off screen
    if len(result.axes) == 1:
        _line_chart(figure, result)
    else:
        _regime_map(figure, result)
    buffer = io.BytesIO()
    metadata = {"Date": None} if FORMATS[suffix] == "svg" else {}
    figure.savefig(
        buffer,
        format=FORMATS[suffix],
        bbox_inches="tight",
        pad_inches=0.2,
        facecolor="white",
        metadata=metadata,
    )
    atomic_write(path, buffer.getvalue())


def check_plot(path: Path, parameters: int) -> None:
    """Check, before a sweep runs, that :func:`plot_sweep` can draw ``parameters`` varied
    parameters into ``path``: the suffix, the number of parameters, matplotlib installed.

    Parameters
    ----------
    path : Path
        The file the plot will be written to.
    parameters : int
        How many parameters the sweep varies.

    Raises
    ------
    UsageError
        As :func:`plot_sweep` does.
    """
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise UsageError(
            f"cannot plot to '{path.name}': the file must end in .png or .svg",
            hint="e.g. --plot sweep.png (a picture) or --plot sweep.svg (scalable, for documents)",
        )
    if parameters not in (1, 2):
        raise UsageError(
            f"plots show one or two varied parameters, not {parameters}",
            hint="vary one parameter (a line chart) or two (a regime map); fix the others "
            "with --set",
        )
    try:
        import matplotlib  # noqa: F401  (lazy: plotting is optional)
    except ImportError:
        raise UsageError("plotting needs matplotlib", hint="pip install 'ggcalc[plot]'") from None


# --- what the charts say ------------------------------------------------------------------


class _Key:
    """Letters for regimes (as the text output names them) and numbers ``P1, P2, ...`` for
    pure profiles, so that long profiles are written once, under the chart."""

    def __init__(self, result: SweepResult) -> None:
        self.result = result
        # The same letters as the text output.
        self.signatures: list[Signature] = letter_order(result)
        # Profiles numbered by first appearance along the grid, in the solver's order.
        self.profiles: list[str] = []
        for point in result.points:
            solution = point.solution
            for profile, eq in zip(solution_profiles(solution), solution.equilibria, strict=True):
                if eq.pure:
                    self._number(profile_text(solution.game, profile))
        self.on_grid = len(self.profiles)
        for sig in self.signatures:
            for text in sig[0]:
                self._number(text)

    def _number(self, text: str) -> None:
        if text not in self.profiles:
            self.profiles.append(text)

    def letter(self, sig: Signature) -> str:
        return _letter(self.signatures.index(sig))

    def profile(self, text: str) -> str:
        return f"P{self.profiles.index(text) + 1}"

    def describe(self, sig: Signature) -> str:
        """``'P1; P3; 2 mixed'``: :func:`ggcalc.analysis.sweep.describe` with profile numbers."""
        pure = sorted(sig[0], key=self.profiles.index)
        return describe((tuple(self.profile(p) for p in pure), sig[1]))

    def regime_lines(self) -> list[str]:
        lines = []
        for k, sig in enumerate(self.signatures):
            note = "" if k < len(self.result.signatures) else " (only between grid points)"
            lines.append(f"{_letter(k)}{note}: {self.describe(sig)}")
        return lines

    def profile_lines(self, start: int = 0) -> list[str]:
        return [f"P{k + 1} = {text}" for k, text in enumerate(self.profiles) if k >= start]

    def notes(self) -> list[str]:
        """The threshold sentences of the text output, and where the list is not complete."""
        result = self.result
        _caption, _rows, sentences, _legend = sweep_lines(result)
        lines = []
        if result.thresholds and result.precision is not None:
            precision = fraction_text(result.precision)
            lines.append(f"Thresholds (dashed; by bisection, to within {precision}):")
            lines += [f"  {s}" for s in sentences[: len(result.thresholds)]]
        lines += sentences[len(result.thresholds) :]
        incomplete = [p for p in result.points if not p.solution.complete]
        if incomplete and len(result.axes) == 1:
            name = result.axes[0].name
            shown = ", ".join(fraction_text(p.values[name]) for p in incomplete[:12])
            more = f" and {len(incomplete) - 12} more" if len(incomplete) > 12 else ""
            lines.append(f"  (at {name} = {shown}{more})")
        return lines


def _wrap(lines: Sequence[str], width: int = _WRAP) -> str:
    return "\n".join(
        textwrap.fill(line, width, subsequent_indent="      ", break_on_hyphens=False)
        for line in lines
    )


def _title(result: SweepResult) -> str:
    solution = result.points[0].solution
    return solution.source.title or solution.game.title or "Sweep"


def _concept(result: SweepResult) -> str:
    return "Nash" if result.concept == "nash" else result.concept


def _light(colour: str, amount: float) -> tuple[float, float, float]:
    """``colour`` mixed with white: ``amount`` 0 is the colour, 1 is white."""
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(colour)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def _regime_colour(index: int) -> str:
    return _PALETTE[index % len(_PALETTE)]


def _headings(ax: Any, title: str, subtitle: str, pad: float) -> None:
    """A bold scenario title above a plain subtitle, centred over ``ax``."""
    sub = ax.set_title(subtitle, fontsize=10, pad=pad)
    ax.annotate(
        textwrap.fill(title, 90),
        xy=(0.5, 1),
        xycoords=sub,
        xytext=(0, 4),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=12,
        fontweight="bold",
    )


def _footer(ax: Any, handles: list[Any], labels: list[str], text: str, ncol: int = 1) -> None:
    """A legend below ``ax`` (below its tick labels and axis label), and ``text`` below it.
    The file is saved with a tight bounding box, so both extend the picture downwards."""
    from matplotlib.transforms import ScaledTranslation

    below = ax.transAxes + ScaledTranslation(0, -0.62, ax.figure.dpi_scale_trans)
    legend = ax.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(0, 0),
        bbox_transform=below,
        fontsize=8,
        frameon=False,
        ncol=ncol,
        borderaxespad=0,
        handlelength=3,
        alignment="left",
    )
    ax.annotate(
        text,
        xy=(0, 0),
        xycoords=legend,
        xytext=(0, -6),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=8,
        linespacing=1.35,
        annotation_clip=False,
    )


# --- one parameter ------------------------------------------------------------------------


def _line_chart(figure: Any, result: SweepResult) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    axis = result.axes[0]
    key = _Key(result)
    solution = result.points[0].solution
    players = list(solution.game.players)
    xs = [float(v) for v in axis.values]
    n = len(xs)
    nan = float("nan")

    # Each pure profile's payoffs (NaN where it is not an equilibrium) and the mixed ones.
    pure: dict[str, list[list[float]]] = {p: [[nan] * n for _ in players] for p in key.profiles}
    mixed: list[list[tuple[float, float]]] = [[] for _ in players]
    for k, point in enumerate(result.points):
        sol = point.solution
        for profile, eq in zip(solution_profiles(sol), sol.equilibria, strict=True):
            for i in range(len(players)):
                y = float(eq.payoffs[i])
                if eq.pure:
                    pure[profile_text(sol.game, profile)][i][k] = y
                else:
                    mixed[i].append((xs[k], y))

    panel = 2.35 if len(players) <= 3 else 1.9
    figure.set_size_inches(10, 0.4 + panel * len(players))
    axes = list(figure.subplots(len(players), 1, sharex=True, squeeze=False)[:, 0])
    figure.subplots_adjust(left=0.1, right=0.97, top=0.97, bottom=0.03, hspace=0.14)

    # Regime bands: between the thresholds (their simplest fraction), else midway.
    regimes = result.regimes
    edges = [xs[0]]
    for k in range(len(regimes) - 1):
        if len(result.thresholds) == len(regimes) - 1:
            edges.append(float(result.thresholds[k].simplest))
        else:
            edges.append((float(regimes[k].last) + float(regimes[k + 1].first)) / 2)
    edges.append(xs[-1])
    span = abs(xs[-1] - xs[0]) or 1.0
    bands = []
    for k, regime in enumerate(regimes):
        index = key.signatures.index(regime.signature)
        colour = _regime_colour(index)
        left, right = sorted((edges[k], edges[k + 1]))
        bands.append(((left + right) / 2, key.letter(regime.signature), colour))
        for ax in axes:
            if right - left < span * 0.004:  # a regime at one point only: a thin strip
                ax.axvline((left + right) / 2, color=_light(colour, 0.35), lw=3.5, zorder=0)
            else:
                ax.axvspan(left, right, color=_light(colour, 0.8), lw=0, zorder=0)
    for t in result.thresholds:
        for ax in axes:
            ax.axvline(float(t.simplest), color="0.35", ls="--", lw=0.9, zorder=1)

    size = 1.0 if n <= 60 else max(0.45, 60 / n)
    handles: list[Any] = []
    labels: list[str] = []
    drawn = [p for p in key.profiles if any(not math.isnan(y) for ys in pure[p] for y in ys)]
    for number, text in enumerate(key.profiles):
        if text not in drawn:
            continue
        colour = _LINE_COLOURS[number % len(_LINE_COLOURS)]
        marker = _MARKERS[number % len(_MARKERS)]
        # Earlier profiles drawn wider, so that equal payoffs show as nested markers.
        rank = min(drawn.index(text), 4)
        style: dict[str, Any] = {
            "color": colour,
            "marker": marker,
            "markersize": (8.5 - 1.3 * rank) * size,
            "lw": 3.2 - 0.5 * rank,
            "alpha": 0.9,
            "zorder": 2 + rank * 0.01,
            "clip_on": False,  # markers at the ends of the axis are not cut in half
        }
        for i, ax in enumerate(axes):
            ax.plot(xs, pure[text][i], **style)
        handles.append(Line2D([], [], **style))
        labels.append(textwrap.fill(f"{key.profile(text)}  {text}", _WRAP - 12))
    mixed_style: dict[str, Any] = {
        "marker": "o",
        "ls": "none",
        "markerfacecolor": "none",
        "markeredgecolor": "0.15",
        "markeredgewidth": 1.1,
        "markersize": 6.5 * size,
        "zorder": 3,
        "clip_on": False,
    }
    for i, ax in enumerate(axes):
        if mixed[i]:
            ax.plot([x for x, _ in mixed[i]], [y for _, y in mixed[i]], **mixed_style)
    if any(mixed):
        handles.append(Line2D([], [], **mixed_style))
        labels.append("a mixed equilibrium's payoff")
    if result.thresholds:
        handles.append(Line2D([], [], color="0.35", ls="--", lw=0.9))
        labels.append("threshold: where the equilibria change")
    handles.append(Patch(facecolor=_light(_PALETTE[0], 0.8), edgecolor="none"))
    labels.append("regime: a range with the same equilibria (letters as in the text output)")

    for ax, player in zip(axes, players, strict=True):
        ax.set_ylabel(textwrap.fill(f"{player}'s payoff", 18), fontsize=9)
        ax.grid(axis="y", color="0.85", lw=0.6, zorder=0)
        ax.set_axisbelow(True)
        ax.tick_params(labelsize=8)
        ax.margins(x=0.01, y=0.12)
    bottom = axes[-1]
    bottom.set_xlim(min(xs), max(xs))
    bottom.set_xlabel(axis.name, fontsize=10)

    # Regime letters above the top panel, staggered where bands are too narrow for them.
    top = axes[0]
    x_min, x_max = min(xs), max(xs)
    rows: list[list[float]] = []  # per row of letters, where they are (axes fraction)
    for centre, letter, colour in bands:
        fraction = (centre - x_min) / ((x_max - x_min) or 1.0)
        row = next(
            (r for r, taken in enumerate(rows) if all(abs(fraction - f) > 0.035 for f in taken)),
            len(rows),
        )
        if row == len(rows):
            rows.append([])
        rows[row].append(fraction)
        top.annotate(
            letter,
            xy=(centre, 1),
            xycoords=("data", "axes fraction"),
            xytext=(0, 3 + 15 * row),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=9,
            fontweight="bold",
            bbox={"boxstyle": "round,pad=0.2", "fc": _light(colour, 0.6), "ec": colour, "lw": 0.8},
            annotation_clip=False,
        )
    _headings(
        top,
        _title(result),
        f"{_concept(result)} equilibrium payoffs as {axis.name} varies "
        f"({fraction_text(axis.values[0])} to {fraction_text(axis.values[-1])}, {n} points)",
        pad=10 + 15 * len(rows),
    )

    lines = ["Regimes (shaded; the equilibria found there):"]
    lines += [f"  {line}" for line in key.regime_lines()]
    extra = key.profile_lines(key.on_grid)
    if extra:
        lines.append("Equilibria seen only between grid points:")
        lines += [f"  {line}" for line in extra]
    lines += key.notes()
    _footer(bottom, handles, labels, _wrap(lines))


# --- two parameters -----------------------------------------------------------------------


def _cell_edges(values: Sequence[Fraction]) -> list[float]:
    """Cell boundaries around evenly spaced grid values: midway, and half a step outside."""
    half = (values[1] - values[0]) / 2
    return [float(values[0] - half)] + [float(v + half) for v in values]


def _regime_map(figure: Any, result: SweepResult) -> None:
    from matplotlib.colors import ListedColormap
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    key = _Key(result)
    first, second = result.axes
    width = len(second.values)
    # Rows of the picture are the second parameter (y), columns the first (x).
    grid = [[result.labels[i * width + j] for i in range(len(first.values))] for j in range(width)]
    count = len(result.signatures)
    colours = [_light(_regime_colour(k), 0.35) for k in range(count)]

    figure.set_size_inches(8.5, 6.2)
    ax = figure.subplots()
    figure.subplots_adjust(left=0.12, right=0.97, top=0.95, bottom=0.05)
    many = max(len(first.values), width) > 45
    ax.pcolormesh(
        _cell_edges(first.values),
        _cell_edges(second.values),
        grid,
        cmap=ListedColormap(colours),
        vmin=-0.5,
        vmax=count - 0.5,
        shading="flat",
        edgecolors="none" if many else "white",
        linewidth=0 if many else 0.4,
    )
    ax.set_xlabel(first.name, fontsize=10)
    ax.set_ylabel(second.name, fontsize=10)
    ax.tick_params(labelsize=8)

    # Each regime's letter on the cell nearest the middle of its cells.
    for k in range(count):
        cells = [(i, j) for j, row in enumerate(grid) for i, label in enumerate(row) if label == k]
        ci = sum(i for i, _ in cells) / len(cells)
        cj = sum(j for _, j in cells) / len(cells)
        i, j = min(cells, key=lambda c: (c[0] - ci) ** 2 + (c[1] - cj) ** 2)
        ax.text(
            float(first.values[i]),
            float(second.values[j]),
            _letter(k),
            ha="center",
            va="center",
            fontsize=11,
            fontweight="bold",
            bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": _regime_colour(k), "lw": 1},
            zorder=4,
        )
    incomplete = [p for p in result.points if not p.solution.complete]
    handles: list[Any] = [
        Patch(facecolor=colours[k], edgecolor=_regime_colour(k)) for k in range(count)
    ]
    labels = [textwrap.fill(line, 52) for line in key.regime_lines()[:count]]
    if incomplete:
        style: dict[str, Any] = {
            "marker": "x",
            "ls": "none",
            "color": "0.2",
            "markersize": 5,
            "mew": 1,
        }
        ax.plot(
            [float(p.values[first.name]) for p in incomplete],
            [float(p.values[second.name]) for p in incomplete],
            zorder=3,
            **style,
        )
        handles.append(Line2D([], [], **style))
        labels.append("list not proven complete")
    _headings(
        ax,
        _title(result),
        f"{_concept(result)} equilibria: regimes over {first.name} ({len(first.values)} points) "
        f"and {second.name} ({width} points)",
        pad=8,
    )
    lines = ["Equilibria named in the regimes:"]
    lines += [f"  {line}" for line in key.profile_lines()]
    lines += key.notes()
    _footer(ax, handles, labels, _wrap(lines, 104), ncol=2 if count > 3 else 1)


# --- writing ------------------------------------------------------------------------------
