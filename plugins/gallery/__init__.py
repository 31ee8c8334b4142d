"""Photo galleries: albums of photos with a responsive grid and a lightbox,
a ``[gallery slug]`` shortcode for pages and articles, a sidebar widget with
the latest album, and ``flask cms gallery import`` for folders of photos.

Uploads are checked by decoding them with Pillow; published renditions
(320, 1024 and 1920 px wide, WebP and JPEG) are made in the background
(see :mod:`.worker`) and carry no EXIF or GPS data; originals stay in the
gallery's private storage (see :mod:`.storage`). The hooks are in
:mod:`.hooks`; the modules are listed in the plugin's README.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from cms.plugin import Plugin, Setting

plugin = Plugin(
    name="gallery",
    title=_l("Thư viện ảnh"),
    version="1.0.0",
    description=_l("Album ảnh sự kiện, tải ảnh hàng loạt, xem ảnh phóng to và chèn album vào bài viết."),
    url_prefix="/gallery/",
    shortcodes=("gallery",),
    settings=(
        Setting("max_upload_mb", _l("Dung lượng tối đa mỗi ảnh (MB)"), int, 20, min=1, max=200),
        Setting("max_megapixels", _l("Số điểm ảnh tối đa (megapixel)"), int, 60, min=1, max=89,
                description=_l("Ảnh lớn hơn bị từ chối để tránh làm quá tải máy chủ.")),
        Setting("albums_per_page", _l("Số album mỗi trang"), int, 24, min=6, max=100),
        Setting("embed_limit", _l("Số ảnh tối đa khi chèn album vào bài viết"), int, 12, min=1, max=60),
    ),
)
