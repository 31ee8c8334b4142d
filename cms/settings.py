"""Site settings: the site's name, tagline, logo, footer, language and time
zone, stored as :class:`cms.models.SiteSetting` rows and read through the
per-worker cache of :mod:`cms.statecache` (a row absent means the default).
"""
from __future__ import annotations

from typing import Any

from flask import Flask, current_app
from sqlalchemy import select

from .extensions import db
from .models import SiteSetting
from .statecache import bump_generation, state

SITE_DEFAULTS: dict[str, Any] = {
    "site_name": "Cổng Thông tin điện tử",
    "tagline": "",
    "logo": "",
    "footer": "",
    "language": "vi",
    "timezone": "Asia/Ho_Chi_Minh",
    "require_second_factor": False,
}


class SiteSettings:
    """The site settings of one app, as last loaded; in ``app.extensions``."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = dict(SITE_DEFAULTS)

    def reload(self) -> None:
        values = dict(SITE_DEFAULTS)
        values.update({row.key: row.value for row in db.session.scalars(select(SiteSetting))
                       if row.key in SITE_DEFAULTS})
        self.values = values


def init_app(app: Flask) -> None:
    """Call after :func:`cms.statecache.init_app`."""
    site = app.extensions["cms_site_settings"] = SiteSettings()
    app.extensions["cms_state"].on_reload(site.reload)


def _values() -> dict[str, Any]:
    state()
    return current_app.extensions["cms_site_settings"].values


def site_setting(key: str) -> Any:
    return _values().get(key, SITE_DEFAULTS.get(key))


def site_settings() -> dict[str, Any]:
    return dict(_values())


def save_site_settings(values: dict[str, Any]) -> None:
    """Store site settings (unknown keys are refused) and bump the generation."""
    unknown = set(values) - set(SITE_DEFAULTS)
    if unknown:
        raise KeyError(f"unknown site settings: {', '.join(sorted(unknown))}")
    for key, value in values.items():
        row = db.session.get(SiteSetting, key)
        if row is None:
            db.session.add(SiteSetting(key=key, value=value))
        else:
            row.value = value
    bump_generation()
