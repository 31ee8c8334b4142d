"""The core's admin menu entries, declared once like a plugin's."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..plugin import MenuItem

CORE_MENU = (
    MenuItem(_l("Tổng quan"), "admin.dashboard", role="author", order=0),
    MenuItem(_l("Trang"), "admin.pages_index", role="author", order=10),
    MenuItem(_l("Thư viện ảnh"), "admin.media_index", role="author", order=20),
    MenuItem(_l("Người dùng"), "admin.users_index", role="admin", order=900),
    MenuItem(_l("Cài đặt trang web"), "admin.site_settings_edit", role="admin", order=910),
    MenuItem(_l("Plugin"), "admin.plugins", role="admin", order=915),
    MenuItem(_l("Nhật ký hoạt động"), "admin.audit_index", role="admin", order=920),
)


def core_menu(user) -> list[MenuItem]:
    return [item for item in CORE_MENU if user.has_role(item.role)]
