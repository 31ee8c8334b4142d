"""Bar and line charts drawn on the server as inline SVG.

No JavaScript and no inline style (the Content-Security-Policy allows
neither): this module computes the geometry, and the ``svg_chart`` macro of
``macros.html`` turns a :class:`Chart` into ``<svg>`` markup with a title
and description for screen readers. Colours come from the caller's CSS
through the classes the macro sets (``chart-bar``, ``chart-line``,
``chart-dot``, ``chart-grid``, ``chart-axis``, ``chart-label``).

Each value has a slot on the x axis; a bar fills its slot, a line passes
through the slots' centres and breaks where a value is ``None``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from .formatting import vn_number

Y_TICKS = 4


@dataclass(frozen=True)
class Box:
    """The canvas (``width`` × ``height``) and the margins around the plot."""

    width: int = 760
    height: int = 260
    left: int = 64
    right: int = 12
    top: int = 12
    bottom: int = 30


@dataclass(frozen=True)
class Point:
    """One value: a bar's box, or a line's vertex at (``cx``, ``y``).
    ``text`` is the value as the reader sees it (in the tooltip)."""

    x: float
    y: float
    width: float
    height: float
    label: str
    value: float
    text: str

    @property
    def cx(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass
class Chart:
    kind: str  # "bars" or "line"
    box: Box
    points: list[Point]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    segments: list[str] = field(default_factory=list)  # polyline ``points`` attributes
    dot_radius: int = 3

    @property
    def width(self) -> int:
        return self.box.width

    @property
    def height(self) -> int:
        return self.box.height

    @property
    def left(self) -> int:
        return self.box.left

    @property
    def right(self) -> int:
        return self.box.width - self.box.right

    @property
    def bottom(self) -> int:
        return self.box.height - self.box.bottom

    @property
    def total(self) -> float:
        return sum(point.value for point in self.points)


def nice_step(value: float) -> int:
    """The smallest 1, 2 or 5 times a power of ten that is at least ``value``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if factor * step >= value:
                return factor * step
        step *= 10


Values = Sequence[tuple[str, float | None]]


def bar_chart(values: Values, axis: Sequence[str], *, box: Box = Box(), maximum: float | None = None,
              number: Callable[[float], str] = vn_number, value_text: Callable[[float], str] | None = None) -> Chart:
    """Bars for ``(label, value)`` pairs, left to right, one per slot of
    ``axis``. ``axis`` holds one label per slot (an empty string draws no
    label there) and may be longer than ``values``, making room for values
    still to come. The y axis runs from 0 to ``maximum`` (by default a round
    number above the largest value) in four steps labelled by ``number``;
    ``value_text`` (by default ``number``) writes a value in its tooltip."""
    return _chart("bars", values, axis, box, maximum, number, value_text or number, dot_radius=3)


def line_chart(values: Values, axis: Sequence[str], *, box: Box = Box(), maximum: float | None = None,
               number: Callable[[float], str] = vn_number, value_text: Callable[[float], str] | None = None,
               dot_radius: int = 3) -> Chart:
    """A line through ``(label, value)`` pairs, arguments as for
    :func:`bar_chart`; a ``None`` value leaves a gap in the line."""
    return _chart("line", values, axis, box, maximum, number, value_text or number, dot_radius)


def _whole(value: float) -> float:
    """10.0 → 10, so that tick labels read as whole numbers."""
    return int(value) if float(value).is_integer() else value


def _chart(kind: str, values: Values, axis: Sequence[str], box: Box, maximum: float | None,
           number: Callable[[float], str], value_text: Callable[[float], str], dot_radius: int) -> Chart:
    if maximum is None:
        largest = max((v for _label, v in values if v is not None), default=0)
        maximum = nice_step(-(-largest // Y_TICKS)) * Y_TICKS
    plot_width = box.width - box.left - box.right
    plot_height = box.height - box.top - box.bottom
    slot = plot_width / max(len(axis), len(values), 1)
    gap = min(slot * 0.2, 4) if kind == "bars" and slot > 3 else 0

    def y_of(value: float) -> float:
        return box.top + plot_height * (1 - value / maximum)

    points: list[Point] = []
    segments: list[str] = []
    segment: list[str] = []
    for index, (label, value) in enumerate(values):
        if value is None:
            if segment:
                segments.append(" ".join(segment))
            segment = []
            continue
        x = box.left + index * slot
        point = Point(x + gap / 2, y_of(value), slot - gap, plot_height * value / maximum, label, value, value_text(value))
        points.append(point)
        segment.append(f"{point.cx:.1f},{point.y:.1f}")
    if segment:
        segments.append(" ".join(segment))
    x_ticks = [Tick(box.left + index * slot + slot / 2, label) for index, label in enumerate(axis) if label]
    y_ticks = [Tick(y_of(maximum * n / Y_TICKS), number(_whole(maximum * n / Y_TICKS))) for n in range(Y_TICKS + 1)]
    return Chart(kind, box, points, y_ticks, x_ticks, segments if kind == "line" else [], dot_radius)
