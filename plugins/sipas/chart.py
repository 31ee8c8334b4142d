"""The trend chart's geometry, drawn as SVG by a template (no script, no
inline style: the Content-Security-Policy allows neither)."""
from __future__ import annotations

from dataclasses import dataclass, field

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 28, 14, 34
GRID = (0, 25, 50, 75, 100)
MAX_LABELS = 12


@dataclass
class Dot:
    x: float
    y: float
    label: str
    value: float


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    lines: list[str] = field(default_factory=list)  # polyline points, broken at empty periods
    dots: list[Dot] = field(default_factory=list)
    grid: list[tuple[float, int]] = field(default_factory=list)  # (y, percent)
    ticks: list[tuple[float, str]] = field(default_factory=list)  # (x, label)
    left: int = LEFT
    right: int = WIDTH - RIGHT
    bottom: int = HEIGHT - BOTTOM


def trend_chart(periods: list) -> Chart:
    """A line of the overall index (0–100 %) over ``periods`` (objects with
    ``label`` and ``index``); periods without answers leave a gap."""
    chart = Chart()
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_width / max(len(periods) - 1, 1)
    every = max(1, -(-len(periods) // MAX_LABELS))

    def y_of(percent: float) -> float:
        return round(TOP + plot_height * (1 - percent / 100), 1)

    chart.grid = [(y_of(p), p) for p in GRID]
    segment: list[str] = []
    for i, period in enumerate(periods):
        x = round(LEFT + (step * i if len(periods) > 1 else plot_width / 2), 1)
        if i % every == 0 or i == len(periods) - 1:
            chart.ticks.append((x, period.label))
        if period.index is None:
            if segment:
                chart.lines.append(" ".join(segment))
            segment = []
            continue
        y = y_of(period.index)
        segment.append(f"{x},{y}")
        chart.dots.append(Dot(x, y, period.label, period.index))
    if segment:
        chart.lines.append(" ".join(segment))
    return chart
