"""Shortcodes of plugins that are gone: ``[gallery …]`` left in a page after
the gallery plugin was removed (or while it is off) renders as nothing for
readers, and as a short note for staff, who can then edit the text.

Plugins declare their shortcode names (``Plugin(shortcodes=...)``); the core
records them when it migrates or enables the plugin, so the names outlive
the plugin's code.
"""
from __future__ import annotations

import re
from typing import Iterable

from flask import has_request_context
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..models import PluginShortcode
from .discovery import LoadedPlugin


def remember(plugins: Iterable[LoadedPlugin]) -> None:
    """Record the shortcode names these plugins declare; the caller commits."""
    for plugin in plugins:
        for name in plugin.meta.shortcodes:
            db.session.merge(PluginShortcode(name=name, plugin=plugin.name))


def recorded() -> dict[str, str]:
    """Every shortcode name recorded, with the plugin that declared it
    (none before ``cms init`` created the table: the site must still answer)."""
    try:
        with db.session.begin_nested():
            return dict(db.session.execute(select(PluginShortcode.name, PluginShortcode.plugin)).all())
    except SQLAlchemyError:
        return {}


def pattern(names: Iterable[str]) -> re.Pattern | None:
    """Matches ``[name]`` or ``[name …]`` for any of ``names`` (``None`` if there are none)."""
    names = sorted(names)
    if not names:
        return None
    return re.compile(r"\[(%s)(?:\s[^\[\]<>]*)?\]" % "|".join(map(re.escape, names)))


def hide(html: str, absent: re.Pattern | None, owners: dict[str, str]) -> str:
    """``html`` with the absent plugins' shortcodes removed, or noted for staff."""
    if absent is None or "[" not in html:
        return html
    if not _is_staff():
        return absent.sub("", html)
    return absent.sub(lambda match: str(Markup('<span class="shortcode-absent">{}</span>').format(
        _("[%(code)s: plugin %(plugin)s đã tắt hoặc đã gỡ; người đọc không thấy gì ở đây]",
          code=match.group(1), plugin=owners.get(match.group(1), "?")))), html)


def _is_staff() -> bool:
    """Every account is staff (admin, editor or author)."""
    return has_request_context() and current_user.is_authenticated
