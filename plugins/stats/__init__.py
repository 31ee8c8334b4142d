"""Visitor statistics: the "Thống kê truy cập" widget, per-page view counts
for other plugins, and charts and CSV exports for staff.

Views are counted in the ``page_viewed`` hook into a per-worker buffer that
a background thread writes in batches to the SQL database or, when
``CMS_REDIS_URL`` is set, to Redis. ``README.md`` says what each module
holds, what is stored and for how long.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from cms.plugin import Plugin, Setting

plugin = Plugin(
    name="stats",
    title=_l("Thống kê truy cập"),
    version="1.0.0",
    description=_l("Đếm lượt xem trang, số người đang truy cập; biểu đồ và xuất CSV cho quản trị."),
    url_prefix="/stats/",
    settings=(
        Setting("slot", _l("Vị trí khung thống kê"), str, "footer",
                choices=(("footer", _l("Chân trang")), ("sidebar", _l("Cột bên")))),
        Setting("online_minutes", _l("Cửa sổ \"đang truy cập\" (phút)"), int, 5,
                _l("Người xem có hoạt động trong khoảng này được tính là đang truy cập."), min=1, max=60),
        Setting("exclude_staff", _l("Không đếm lượt xem của cán bộ quản trị"), bool, True,
                _l("Bỏ qua lượt xem của người đang đăng nhập (quản trị, biên tập, tác giả).")),
    ),
)
