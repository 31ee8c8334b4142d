"""Photo galleries: albums of photos with a responsive grid and a lightbox,
a ``[gallery slug]`` shortcode for pages and articles, a sidebar widget with
the latest album, and ``flask cms gallery import`` for folders of photos.

Uploads are checked by decoding them with Pillow; published renditions
(320, 1024 and 1920 px wide, WebP and JPEG) are made in the background
(see :mod:`.worker`) and carry no EXIF or GPS data; originals stay in the
gallery's private storage (see :mod:`.storage`).
"""
from __future__ import annotations

from flask import render_template
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from cms.plugin import MenuItem, Plugin, Setting, SitemapEntry, Widget, hookimpl, static_url

plugin = Plugin(
    name="gallery",
    title=_l("Thư viện ảnh"),
    version="1.0.0",
    description=_l("Album ảnh sự kiện, tải ảnh hàng loạt, xem ảnh phóng to và chèn album vào bài viết."),
    url_prefix="/gallery/",
    settings=(
        Setting("max_upload_mb", _l("Dung lượng tối đa mỗi ảnh (MB)"), int, 20, min=1, max=200),
        Setting("max_megapixels", _l("Số điểm ảnh tối đa (megapixel)"), int, 60, min=1, max=89,
                description=_l("Ảnh lớn hơn bị từ chối để tránh làm quá tải máy chủ.")),
        Setting("albums_per_page", _l("Số album mỗi trang"), int, 24, min=6, max=100),
        Setting("embed_limit", _l("Số ảnh tối đa khi chèn album vào bài viết"), int, 12, min=1, max=60),
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
    return [MenuItem(_l("Album ảnh"), "plugin_gallery_admin.index", role="editor", order=40)]


@hookimpl
def widgets():
    return [Widget("sidebar", "latest_album", _latest_album_widget, order=50)]


def _latest_album_widget() -> Markup | str:
    from .models import latest_album

    album = latest_album()
    if album is None:
        return ""
    return Markup(render_template("gallery/widget.html", album=album))


@hookimpl
def extra_css_urls():
    return [static_url("gallery", "gallery.css")]


@hookimpl
def extra_js_urls():
    return [static_url("gallery", "lightbox.js")]


@hookimpl
def filter_content(html, context):
    from .shortcode import expand

    return expand(html)


@hookimpl
def commands():
    from .cli import commands as gallery_commands

    return gallery_commands()


@hookimpl
def sitemap_entries():
    from flask import url_for

    from .models import published_album_stamps

    return [SitemapEntry(url_for("plugin_gallery.album", slug=slug), updated_at)
            for slug, updated_at in published_album_stamps()]


@hookimpl
def load_demo_content():
    from .demo import load

    load()
