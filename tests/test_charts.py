"""The chart helper plugins draw their SVG charts with (cms.charts through cms.plugin)."""
from __future__ import annotations

from flask import render_template_string

from cms.plugin import ChartBox, bar_chart, line_chart


def test_axis_has_round_numbers_and_room_for_values_still_to_come():
    drawn = bar_chart([("a", 33), ("b", 1_200)], ["a", "b", "c", "d"])
    assert [tick.label for tick in drawn.y_ticks] == ["0", "500", "1.000", "1.500", "2.000"]
    assert len(drawn.points) == 2 and len(drawn.x_ticks) == 4
    assert drawn.points[1].x + drawn.points[1].width < drawn.right / 2 + drawn.left
    assert [tick.label for tick in bar_chart([("a", 33)], ["a"]).y_ticks] == ["0", "10", "20", "30", "40"]


def test_a_line_breaks_where_a_value_is_missing_and_labels_only_named_slots():
    drawn = line_chart([("T1", 50), ("T2", None), ("T3", 75), ("T4", 100)], ["T1", "", "T3", "T4"],
                       box=ChartBox(width=640, left=44, right=28), maximum=100, number=lambda v: f"{v}%")
    assert len(drawn.segments) == 2 and len(drawn.points) == 3
    assert [tick.label for tick in drawn.x_ticks] == ["T1", "T3", "T4"]
    assert [tick.label for tick in drawn.y_ticks] == ["0%", "25%", "50%", "75%", "100%"]
    assert drawn.points[-1].y == drawn.y_ticks[-1].at  # 100 % is the top of the plot


def test_the_svg_is_a_named_image_with_a_tooltip_per_value(app):
    with app.test_request_context():
        html = render_template_string(
            '{% from "macros.html" import svg_chart %}{{ svg_chart(c, "views", "Lượt xem", "Bảng ở dưới") }}',
            c=bar_chart([("Thứ hai", 1_500), ("Thứ ba", 7)], ["T2", "T3"]))
    assert 'role="img" aria-labelledby="views-title views-desc"' in html
    assert '<title id="views-title">Lượt xem</title>' in html and '<desc id="views-desc">Bảng ở dưới</desc>' in html
    assert html.count('<rect class="chart-bar"') == 2 and "<title>Thứ hai: 1.500</title>" in html
    assert "style=" not in html
