"""News: articles in hierarchical categories with tags, cover images,
scheduled publishing, feeds, widgets and an editorial admin."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from cms.plugin import MenuItem, Plugin, Setting, Widget, hookimpl, static_url

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


@hookimpl
def public_blueprint():
    from .views import bp

    return bp


@hookimpl
def admin_blueprint():
    from .admin import bp

    return bp


@hookimpl
def admin_menu_items():
    return [
        MenuItem(_l("Tin tức"), "plugin_news_admin.index", role="author", order=20),
        MenuItem(_l("Danh mục tin"), "plugin_news_admin.categories", role="editor", order=21),
    ]


@hookimpl
def widgets():
    from .panels import render_latest, render_most_read

    return [
        Widget("home", "latest", render_latest, order=10),
        Widget("sidebar", "most_read", render_most_read, order=20),
    ]


@hookimpl
def extra_css_urls():
    return [static_url("news", "news.css")]


@hookimpl
def extra_js_urls():
    return [static_url("news", "news.js")]


@hookimpl
def commands():
    from .cli import reindex

    return [reindex]


@hookimpl
def sitemap_entries():
    from .views import sitemap_entries as entries

    return entries()


@hookimpl
def load_demo_content():
    from .demo import load

    load()
