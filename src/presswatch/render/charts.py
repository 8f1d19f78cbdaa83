"""Small inline SVG pictures drawn by the project: a timeline of dated items in rows, and a
dot plot of the figures each outlet gave. No library and nothing loaded: each function
returns one `<svg>` element whose every label is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from presswatch.render.page import text

ROW = 22
LEFT = 170
RIGHT = 30
WIDTH = 760
# Dot colours by row, so one outlet keeps its colour across a picture.
PALETTE = ("#1971c2", "#f08c00", "#2f9e44", "#c2255c", "#6741d9", "#0c8599", "#d9480f")
# Two figures within one percent are one figure rounded two ways, not a disagreement.
AGREEING_RATIO = 1.01


@dataclass(frozen=True)
class Dot:
    """One item of a row: where it goes (a date or a number), what its tooltip says, and
    the page it links to (or none)."""

    at: str | float
    label: str
    href: str | None = None


def parse_day(value: str | None) -> date | None:
    """An ISO date (or its YYYY-MM / YYYY prefix) as a date; None when it is not one."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
        return date(numbers[0], numbers[1], numbers[2])
    except (ValueError, IndexError):
        return None


def _dot(x: float, y: float, colour: str, dot: Dot) -> str:
    circle = (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}" fill-opacity="0.8">'
        f"<title>{text(dot.label)}</title></circle>"
    )
    return f'<a href="{text(dot.href)}">{circle}</a>' if dot.href else circle


def _frame(rows: int, body: str, axis: str, label: str) -> str:
    height = rows * ROW + 34
    return (
        f'<svg class="chart" role="img" aria-label="{text(label)}" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" xmlns="http://www.w3.org/2000/svg">'
        f"{body}{axis}</svg>"
    )


def _row_label(index: int, label: str) -> str:
    y = 16 + index * ROW
    shown = label if len(label) <= 26 else label[:25] + "…"
    return (
        f'<text x="6" y="{y + 4}"><title>{text(label)}</title>{text(shown)}</text>'
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" stroke="#e9ecef"/>'
    )


def timeline_svg(rows: Sequence[tuple[str, Sequence[Dot]]], label: str = "timeline") -> str:
    """Rows of dated dots on one time axis (dots whose date cannot be read are left out);
    empty when nothing is dated."""
    days = [d for _, dots in rows for d in (parse_day(str(x.at)) for x in dots) if d]
    if not days:
        return ""
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    scale = (WIDTH - LEFT - RIGHT) / span
    parts = []
    for index, (name, dots) in enumerate(rows):
        parts.append(_row_label(index, name))
        colour = PALETTE[index % len(PALETTE)]
        for dot in dots:
            day = parse_day(str(dot.at))
            if day is not None:
                x = LEFT + (day - first).days * scale if first != last else (WIDTH + LEFT) / 2
                parts.append(_dot(x, 16 + index * ROW, colour, dot))
    bottom = len(rows) * ROW + 14
    axis = (
        f'<text x="{LEFT}" y="{bottom}">{first.isoformat()}</text>'
        f'<text x="{WIDTH - RIGHT}" y="{bottom}" text-anchor="end">{last.isoformat()}</text>'
    )
    return _frame(len(rows), "".join(parts), axis, label)


def disagree(values: Sequence[float]) -> bool:
    """Whether figures differ by more than the way one figure is rounded."""
    low, high = min(values), max(values)
    return high > 0 and (low <= 0 or high / low > AGREEING_RATIO)


def dot_plot_svg(rows: Sequence[tuple[str, Sequence[Dot]]], label: str = "figures") -> str:
    """Rows (outlets) of figures on one number axis, with the spread between the lowest and
    highest figure drawn in red when they disagree; empty without a figure."""
    values = [float(d.at) for _, dots in rows for d in dots if isinstance(d.at, float | int)]
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or max(abs(high), 1.0)
    scale = (WIDTH - LEFT - RIGHT) / span

    def x_of(value: float) -> float:
        return LEFT + (value - low) * scale if high != low else (WIDTH + LEFT) / 2

    parts = []
    if disagree(values):
        parts.append(
            f'<rect x="{x_of(low):.1f}" y="4" width="{x_of(high) - x_of(low):.1f}" '
            f'height="{len(rows) * ROW}" fill="#c1121f" fill-opacity="0.08"/>'
        )
    for index, (name, dots) in enumerate(rows):
        parts.append(_row_label(index, name))
        colour = PALETTE[index % len(PALETTE)]
        for dot in dots:
            if isinstance(dot.at, float | int):
                parts.append(_dot(x_of(float(dot.at)), 16 + index * ROW, colour, dot))
    bottom = len(rows) * ROW + 14
    axis = (
        f'<text x="{LEFT}" y="{bottom}">{low:,.6g}</text>'
        f'<text x="{WIDTH - RIGHT}" y="{bottom}" text-anchor="end">{high:,.6g}</text>'
    )
    return _frame(len(rows), "".join(parts), axis, label)
