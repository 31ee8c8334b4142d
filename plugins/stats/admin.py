"""Staff side: charts of daily and hourly views, top pages, CSV exports."""
from __future__ import annotations

import csv
import io
from datetime import date

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _

from cms.plugin import Chart, bar_chart, line_chart, role_required, safe_row, static_url

from . import clock, plugin, queries

bp = Blueprint("plugin_stats_admin", __name__, template_folder="templates")

CHART_DAYS = (30, 365)
TOP_PERIODS = ("1", "7", "30", "365", "all")
TOP_LIMIT = 20
EXPORT_TOP_LIMIT = 1000


def _top_period() -> str:
    period = request.args.get("top", "30")
    return period if period in TOP_PERIODS else "30"


def _days(period: str) -> int | None:
    return None if period == "all" else int(period)


def daily_chart(count: int) -> Chart:
    series = queries.daily(count)
    every = 5 if count <= 31 else 30
    axis = [f"{d:%d/%m}" if index % every == 0 else "" for index, (d, _views) in enumerate(series)]
    return bar_chart([(f"{d:%d/%m/%Y}", views) for d, views in series], axis)


def hourly_chart() -> Chart:
    """Today's hours so far, on an axis of the whole day."""
    now = clock.local(clock.now()).hour
    hours = [(f"{h:02d}:00–{h:02d}:59", views) for h, views in queries.hourly() if h <= now]
    return line_chart(hours, [f"{h}h" if h % 3 == 0 else "" for h in range(24)])


@bp.get("/")
@role_required("editor")
def index():
    period = _top_period()
    return render_template(
        "stats/admin/index.html",
        summary=queries.summary(),
        charts=[(count, daily_chart(count)) for count in CHART_DAYS],
        hourly=hourly_chart(),
        today=clock.today(),
        period=period,
        periods=TOP_PERIODS,
        top=queries.top_paths("/", TOP_LIMIT, _days(period)),
        exclude_staff=plugin.setting("exclude_staff"),
        stylesheet=static_url(plugin.name, "admin.css"),
    )


def _csv(filename: str, header: list[str], rows: list) -> Response:
    """CSV with a byte-order mark, so spreadsheet programs read Vietnamese
    right; cells that would read as formulas are made inert."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(safe_row(header))
    writer.writerows(safe_row(row) for row in rows)
    response = Response("\ufeff" + buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _stamp() -> str:
    return f"{clock.today():%Y%m%d}"


@bp.get("/daily.csv")
@role_required("editor")
def export_daily():
    count = request.args.get("days", type=int)
    count = count if count in CHART_DAYS else CHART_DAYS[0]
    rows = [(day.isoformat(), views) for day, views in queries.daily(count)]
    return _csv(f"luot-xem-theo-ngay-{count}-ngay-{_stamp()}.csv", [_("Ngày"), _("Lượt xem")], rows)


@bp.get("/hourly.csv")
@role_required("editor")
def export_hourly():
    today: date = clock.today()
    rows = [(f"{today.isoformat()} {hour:02d}:00", views) for hour, views in queries.hourly(today)]
    return _csv(f"luot-xem-theo-gio-{_stamp()}.csv", [_("Giờ"), _("Lượt xem")], rows)


@bp.get("/pages.csv")
@role_required("editor")
def export_pages():
    period = _top_period()
    rows = queries.top_paths("/", EXPORT_TOP_LIMIT, _days(period))
    return _csv(f"trang-xem-nhieu-{period}-{_stamp()}.csv", [_("Đường dẫn"), _("Lượt xem")], rows)
