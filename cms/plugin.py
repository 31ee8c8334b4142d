"""The public plugin API.

A plugin is a Python package whose ``__init__.py`` defines ``plugin``, a
:class:`Plugin` describing it, and functions marked ``@hookimpl`` that
implement hooks from :mod:`cms.hookspecs`. Bundled plugins live in
``plugins/``; installed distributions are found through the ``cms.plugins``
entry-point group. A plugin imports only this module, ``cms.models`` (User,
Page) and ``cms.extensions`` (``db``); see ``docs/plugins.md``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

import pluggy
from flask import current_app
from markupsafe import Markup

from .audit import record as audit  # noqa: F401  (re-exported for plugins)
from .auth import role_required  # noqa: F401
from .errors import ValidationError  # noqa: F401
from .extensions import db, limiter  # noqa: F401
from .models import Role, utcnow  # noqa: F401
from .privacy import client_key, keyed_hash  # noqa: F401
from .sanitize import sanitize_html  # noqa: F401
from .formatting import vn_number  # noqa: F401
from .timeutil import local_now, site_zone, to_local, to_utc  # noqa: F401

hookimpl = pluggy.HookimplMarker("cms")

SLOTS = ("head", "header", "home", "sidebar", "after_content", "footer")


@dataclass(frozen=True)
class Setting:
    """One field of a plugin's settings schema.

    ``type`` is one of ``str``, ``int``, ``bool`` or ``float``; ``choices``
    turns it into a select. The admin plugins page builds a validated form
    from the schema and stores values in the database.
    """

    key: str
    label: Any
    type: type = str
    default: Any = None
    description: Any = ""
    choices: tuple[tuple[Any, Any], ...] = ()
    min: float | None = None
    max: float | None = None
    required: bool = False


@dataclass
class Plugin:
    """What a plugin declares about itself.

    ``core`` is a PEP 440 specifier of the core versions the plugin works
    with; ``requires`` names plugins that must be loaded and enabled first.
    """

    name: str
    title: Any
    version: str = "0.1.0"
    description: Any = ""
    core: str = ">=0.1"
    requires: tuple[str, ...] = ()
    url_prefix: str | None = None
    settings: tuple[Setting, ...] = ()

    def __post_init__(self) -> None:
        if not self.name.isidentifier() or not self.name.islower():
            raise ValueError(f"plugin name {self.name!r} must be a lowercase identifier")
        self.settings = tuple(self.settings) + (
            Setting("url_prefix", "URL prefix", str, self.url_prefix or f"/{self.name}/",
                    "Where the plugin's public pages live; takes effect after a restart."),
        )

    def setting(self, key: str) -> Any:
        """The current value of one of this plugin's settings."""
        return current_app.extensions["cms_plugins"].settings_of(self.name)[key]

    @property
    def enabled(self) -> bool:
        return is_enabled(self.name)


@dataclass(frozen=True)
class Widget:
    """Something a plugin renders into a slot of the layout.

    ``render`` takes no arguments and returns a string (escaped) or
    ``Markup``. Lower ``order`` comes first.
    """

    slot: str
    name: str
    render: Callable[[], Any]
    order: int = 100

    def __post_init__(self) -> None:
        if self.slot not in SLOTS:
            raise ValueError(f"unknown slot {self.slot!r}; slots are {', '.join(SLOTS)}")


@dataclass(frozen=True)
class MenuItem:
    """An entry of the admin sidebar, shown to users whose role covers ``role``."""

    label: Any
    endpoint: str
    role: str = "editor"
    order: int = 100
    url_args: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: datetime | None = None


def is_enabled(name: str) -> bool:
    """Whether plugin ``name`` is loaded and enabled (cached per worker)."""
    return current_app.extensions["cms_plugins"].is_enabled(name)


def call_hook(name: str, **kwargs) -> list:
    """Call hook ``name`` on every enabled plugin, containing their errors.

    Returns the non-``None`` results. For ``firstresult`` hooks (such as
    ``page_view_counts``) the list has at most one item.
    """
    return current_app.extensions["cms_plugins"].call(name, **kwargs)


def render_content(html: str, **context: Any) -> Markup:
    """Rich text (sanitized on save) passed through the enabled plugins'
    ``filter_content`` hooks, ready to render. ``context`` names what is
    rendered, for example ``kind="news.article", object=article``."""
    return Markup(current_app.extensions["cms_plugins"].pipe("filter_content", html or "", context=context))


def static_url(plugin_name: str, filename: str) -> str:
    """URL of a file in a plugin's ``static/`` folder, with a cache-busting tag."""
    return current_app.extensions["cms_plugins"].static_url(plugin_name, filename)


def plugin_path(plugin_name: str) -> Path:
    """The folder a loaded plugin's package lives in."""
    return current_app.extensions["cms_plugins"].plugins[plugin_name].path
