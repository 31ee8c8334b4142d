"""The plugin's declaration and settings, importable by its modules."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from cms.plugin import Plugin, Setting

SLOT_CHOICES = (("footer", _l("Chân trang")), ("sidebar", _l("Cột bên")))

plugin = Plugin(
    name="stats",
    title=_l("Thống kê truy cập"),
    version="1.0.0",
    description=_l("Đếm lượt xem trang, số người đang truy cập; biểu đồ và xuất CSV cho quản trị."),
    url_prefix="/stats/",
    settings=(
        Setting("slot", _l("Vị trí khung thống kê"), str, "footer", choices=SLOT_CHOICES),
        Setting("online_minutes", _l("Cửa sổ \"đang truy cập\" (phút)"), int, 5,
                _l("Người xem có hoạt động trong khoảng này được tính là đang truy cập."), min=1, max=60),
        Setting("exclude_staff", _l("Không đếm lượt xem của cán bộ quản trị"), bool, True,
                _l("Bỏ qua lượt xem của người đang đăng nhập (quản trị, biên tập, tác giả).")),
    ),
)
