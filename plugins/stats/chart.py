"""Charts drawn on the server as SVG geometry (no JavaScript, no library).

The functions here only compute coordinates; ``stats/admin/_chart.html``
turns a :class:`Chart` into ``<svg>`` markup, styled by the admin CSS.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from cms.plugin import vn_number

WIDTH, HEIGHT = 760, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 12, 12, 30
Y_TICKS = 4


@dataclass(frozen=True)
class Point:
    """One value: a bar's box, or a line's vertex at (x + width / 2, y)."""

    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass
class Chart:
    points: list[Point]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    total: int = field(init=False)

    def __post_init__(self) -> None:
        self.total = sum(point.value for point in self.points)

    @property
    def polyline(self) -> str:
        """The ``points`` attribute of a line through the values."""
        return " ".join(f"{p.x + p.width / 2:.1f},{p.y:.1f}" for p in self.points)


def nice_step(value: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten that is at least ``value``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if factor * step >= value:
                return factor * step
        step *= 10


def chart(values: list[tuple[str, str, int]], label_every: int = 1, axis: list[str] | None = None) -> Chart:
    """Geometry for ``(label, axis label, value)`` items, left to right.

    Every ``label_every``-th item gets its axis label under the chart.
    ``axis`` (one label per slot) makes room for values still to come.
    """
    axis = axis or [axis_label for _label, axis_label, _value in values]
    step = nice_step(-(-max((v for _l, _a, v in values), default=0) // Y_TICKS))
    top_value = step * Y_TICKS
    plot_width, plot_height = WIDTH - RIGHT - LEFT, HEIGHT - BOTTOM - TOP
    slot = plot_width / max(len(axis), 1)
    gap = min(slot * 0.2, 4) if slot > 3 else 0
    points, x_ticks = [], []
    for index, (label, _axis_label, value) in enumerate(values):
        height = plot_height * value / top_value
        x = LEFT + index * slot
        points.append(Point(x + gap / 2, TOP + plot_height - height, slot - gap, height, label, value))
    for index in range(0, len(axis), label_every):
        x_ticks.append(Tick(LEFT + index * slot + slot / 2, axis[index]))
    y_ticks = [Tick(TOP + plot_height * (1 - n / Y_TICKS), vn_number(step * n)) for n in range(Y_TICKS + 1)]
    return Chart(points, y_ticks, x_ticks)
