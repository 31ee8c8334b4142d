"""The admin: one blueprint under ``/admin/``; each section is a module.

Every route needs a logged-in user (any staff role); sections ask for more
with ``role_required``. Plugins add sections through ``admin_blueprint`` and
``admin_menu_items``.
"""
from __future__ import annotations

from . import audit_log, dashboard, media, pages, plugins, site_settings, users  # noqa: F401  (registers the routes)
from .blueprint import bp

__all__ = ["bp"]
