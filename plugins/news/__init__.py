"""News: articles in hierarchical categories with tags, cover images,
scheduled publishing, feeds, widgets and an editorial admin.

The hook implementations are in :mod:`.hooks`; the README lists the modules.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from cms.plugin import Plugin, Setting

plugin = Plugin(
    name="news",
    title=_l("Tin tức"),
    version="1.0.0",
    description=_l("Bài viết theo danh mục, ảnh đại diện, hẹn giờ đăng, RSS/Atom, tin mới và tin xem nhiều."),
    url_prefix="/news/",
    settings=(
        Setting("per_page", _l("Số bài mỗi trang"), int, 20, min=5, max=100),
        Setting("latest_count", _l("Số bài trong khối “Tin mới”"), int, 5, min=1, max=20),
        Setting("most_read_count", _l("Số bài trong khối “Tin xem nhiều”"), int, 5, min=1, max=20),
        Setting("most_read_days", _l("“Tin xem nhiều” tính trong bao nhiêu ngày (0: từ trước đến nay)"),
                int, 30, min=0, max=3650),
        Setting("related_count", _l("Số bài cùng danh mục dưới mỗi bài"), int, 5, min=0, max=20),
        Setting("feed_count", _l("Số bài trong nguồn tin RSS/Atom"), int, 20, min=5, max=100),
        Setting("show_view_counts", _l("Hiện lượt xem (cần plugin thống kê)"), bool, True),
    ),
)
