"""The core's admin menu entries, declared once like a plugin's."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .plugin import MenuItem

CORE_MENU = (
    MenuItem(_l("Tổng quan"), "admin.dashboard", role="author", order=0),
)


def core_menu(user) -> list[MenuItem]:
    return [item for item in CORE_MENU if user.has_role(item.role)]
