"""The public plugin API.

A plugin is a Python package whose ``__init__.py`` defines ``plugin``, a
:class:`Plugin` describing it, and whose ``hooks`` module holds the functions
marked ``@hookimpl`` that implement hooks from :mod:`cms.hookspecs` (a
single-module plugin may keep them beside ``plugin``). Bundled plugins live in
``plugins/``; installed distributions are found through the ``cms.plugins``
entry-point group. A plugin imports from the core only this module and
:mod:`cms.hookspecs`: everything it needs (``db``, ``User``, ``Page``,
``Role``, ...) is re-exported here; see ``docs/plugins.md``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

import pluggy
from flask import current_app
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from .audit import record as audit
from .accounts.auth import role_required
from .charts import Box as ChartBox, Chart, bar_chart, line_chart
from .errors import ValidationError
from .extensions import db, limiter
from .models import Page, PageStatus, Role, User, utcnow
from .safeguards.privacy import client_key, keyed_hash
from .safeguards.redirects import safe_next
from .sanitize import sanitize_html
from .slugs import make_slug, unique_slug
from .safeguards.spreadsheet import safe_cell, safe_row
from .formatting import vn_number
from .images import Decoded as DecodedImage, ImageRefused, ImagesBusy, decode_slot
from .images import encode as encode_image, open_image, pixel_budget as image_pixel_budget
from .images import prepare as prepare_image, strip as strip_metadata
from .safeguards.inputs import page_number, parse_int
from .timeutil import local_now, site_zone, to_local, to_utc

hookimpl = pluggy.HookimplMarker("cms")

#: The version of this API; see CHANGELOG.md and the deprecation policy in docs/plugins.md.
API_VERSION = "1.4"

SLOTS = ("head", "header", "home", "sidebar", "after_content", "footer")
SETTING_TYPES = (str, int, bool, float)
URL_PREFIX_PATTERN = r"/?[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*/?"
SHORTCODE_NAME = re.compile(r"[a-z][a-z0-9_-]*")


@dataclass(frozen=True)
class Setting:
    """One field of a plugin's settings schema.

    ``type`` is one of ``str``, ``int``, ``bool`` or ``float``; ``choices``
    (pairs of value and label) turns it into a select. ``min``/``max`` bound
    a number, or the length of a string; ``pattern`` is a regular expression
    a string must match in full; ``multiline`` shows a text area. The admin
    plugins page builds a validated form from the schema and stores the
    values in the database; read them with :meth:`Plugin.setting`.
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
    pattern: str | None = None
    multiline: bool = False

    def __post_init__(self) -> None:
        if self.type not in SETTING_TYPES:
            raise ValueError(f"setting {self.key!r}: type must be one of str, int, bool, float")
        object.__setattr__(self, "choices", tuple(tuple(pair) for pair in self.choices))

    def clean(self, value: Any) -> Any:
        """``value`` converted to the declared type and checked against the
        schema; raises :class:`ValueError` with a message for the admin."""
        if value is None or value == "":
            if self.required:
                raise ValueError(_l("Trường này là bắt buộc."))
            return "" if self.type is str and value == "" else None
        value = _convert(self.type, value)
        if self.choices and value not in {choice for choice, _label in self.choices}:
            raise ValueError(_l("Giá trị không nằm trong danh sách cho phép."))
        if self.type in (int, float):
            _check_range(value, self.min, self.max, _l("Giá trị phải từ %(min)s trở lên."),
                         _l("Giá trị không được lớn hơn %(max)s."))
        elif self.type is str:
            _check_range(len(value), self.min, self.max, _l("Cần ít nhất %(min)s ký tự."),
                         _l("Không được dài quá %(max)s ký tự."))
            if self.pattern and not re.fullmatch(self.pattern, value):
                raise ValueError(_l("Giá trị không đúng định dạng."))
        return value


def _convert(kind: type, value: Any) -> Any:
    if kind is bool:
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "on", "yes", "y")
        return bool(value)
    if kind is int and isinstance(value, float) and not value.is_integer():
        raise ValueError(_l("Cần một số nguyên."))
    if isinstance(value, str) and kind is not str:
        value = value.strip().replace(",", ".") if kind is float else value.strip()
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise ValueError(_l("Cần một số nguyên.") if kind is int else _l("Cần một số.")) from None


def _check_range(number: float, low: float | None, high: float | None, too_low: Any, too_high: Any) -> None:
    if low is not None and number < low:
        raise ValueError(too_low % {"min": vn_number(low)})
    if high is not None and number > high:
        raise ValueError(too_high % {"max": vn_number(high)})


@dataclass
class Plugin:
    """What a plugin declares about itself.

    ``core`` is a PEP 440 specifier of the core versions the plugin works
    with. ``requires`` names plugins that must be loaded and enabled first,
    each optionally with a version specifier (``"stats>=1.0"``).
    ``url_prefix`` is the default of the ``url_prefix`` setting that every
    plugin gets, where its public blueprint is mounted (``/<name>/`` when
    not given). ``shortcodes`` names the ``[name …]`` shortcodes its
    ``filter_content`` expands: the core remembers them, so that they render
    as nothing while the plugin is off or removed.
    """

    name: str
    title: Any
    version: str = "0.1.0"
    description: Any = ""
    core: str = ">=0.1"
    requires: tuple[str, ...] = ()
    url_prefix: str | None = None
    settings: tuple[Setting, ...] = ()
    shortcodes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.name.isidentifier() or not self.name.islower():
            raise ValueError(f"plugin name {self.name!r} must be a lowercase identifier")
        self.requires = tuple(self.requires)
        self.shortcodes = tuple(self.shortcodes)
        if not all(SHORTCODE_NAME.fullmatch(name) for name in self.shortcodes):
            raise ValueError(f"plugin {self.name!r}: shortcode names are lowercase words")
        self.settings = tuple(self.settings) + (
            Setting("url_prefix", _l("Đường dẫn các trang công khai"), str, self.url_prefix or f"/{self.name}/",
                    _l("Ví dụ /tin-tuc/. Có hiệu lực sau khi khởi động lại máy chủ."),
                    required=True, max=100, pattern=URL_PREFIX_PATTERN),
        )
        keys = [setting.key for setting in self.settings]
        if len(set(keys)) != len(keys):
            raise ValueError(f"plugin {self.name!r} declares a setting twice (url_prefix is built in)")

    @property
    def dependencies(self) -> dict[str, SpecifierSet]:
        """``requires`` parsed: plugin name to the versions accepted."""
        parsed = {}
        for text in self.requires:
            requirement = Requirement(text)
            parsed[requirement.name] = requirement.specifier
        return parsed

    def declared(self, key: str) -> Setting:
        """The schema of one setting."""
        for setting in self.settings:
            if setting.key == key:
                return setting
        raise KeyError(f"plugin {self.name!r} has no setting {key!r}")

    def setting(self, key: str) -> Any:
        """The current value of one of this plugin's settings (cached, no query)."""
        return current_app.extensions["cms_plugins"].settings_of(self.name)[key]

    @property
    def enabled(self) -> bool:
        """Whether this plugin is enabled right now (cached per worker)."""
        return is_enabled(self.name)


@dataclass(frozen=True)
class Widget:
    """Something a plugin renders into a slot of the layout.

    ``render`` takes no arguments and returns a string (escaped) or
    ``Markup``. Lower ``order`` comes first; ties go by plugin name. A
    render slower than the site's budget (``PLUGIN_WIDGET_BUDGET_MS``,
    200 ms) counts as a fault of the plugin.

    ``cache_seconds`` makes the output reusable for that long (per worker)
    or until the plugin state or settings change. The cached output is kept
    per language of the request and per value of ``vary_on`` (no argument,
    returns something hashable), so a widget cacheable at all shows only
    what depends on its plugin's settings, the language, time (within
    ``cache_seconds``) and ``vary_on``: never the user, the current URL or
    a form (``vary_on=lambda: current_user.is_authenticated`` if it shows
    something to logged-in users). Links from ``url_for`` are fine.
    """

    slot: str
    name: str
    render: Callable[[], Any]
    order: int = 100
    cache_seconds: int = 0
    vary_on: Callable[[], Any] | None = None

    def __post_init__(self) -> None:
        if self.slot not in SLOTS:
            raise ValueError(f"unknown slot {self.slot!r}; slots are {', '.join(SLOTS)}")
        if self.cache_seconds < 0:
            raise ValueError(f"widget {self.name!r}: cache_seconds cannot be negative")


@dataclass(frozen=True)
class MenuItem:
    """An entry of the admin sidebar, shown to users whose role covers ``role``."""

    label: Any
    endpoint: str
    role: str = "editor"
    order: int = 100
    url_args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SitemapEntry:
    """A URL for ``/sitemap.xml``: a path on this site (``/news/a-title``)
    or a full URL, with the time it last changed (naive UTC) if known."""

    url: str
    lastmod: datetime | None = None


def is_enabled(name: str) -> bool:
    """Whether plugin ``name`` is loaded and enabled (cached per worker)."""
    enabled: bool = current_app.extensions["cms_plugins"].is_enabled(name)
    return enabled


def call_hook(name: str, **kwargs: Any) -> list[Any]:
    """Call hook ``name`` on every enabled plugin, containing their errors.

    Returns the non-``None`` results. For ``firstresult`` hooks (such as
    ``page_view_counts``) the list has at most one item.
    """
    results: list[Any] = current_app.extensions["cms_plugins"].call(name, **kwargs)
    return results


def render_content(html: str, **context: Any) -> Markup:
    """Rich text (sanitized on save) passed through the enabled plugins'
    ``filter_content`` hooks, ready to render. ``context`` names what is
    rendered, for example ``kind="news.article", object=article``.
    Shortcodes of plugins that are off or removed are then hidden."""
    plugins = current_app.extensions["cms_plugins"]
    return Markup(plugins.hide_absent_shortcodes(plugins.pipe("filter_content", html or "", context=context)))


def static_url(plugin_name: str, filename: str) -> str:
    """URL of a file in a plugin's ``static/`` folder, with a cache-busting tag."""
    url: str = current_app.extensions["cms_plugins"].static_url(plugin_name, filename)
    return url


def plugin_path(plugin_name: str) -> Path:
    """The folder a loaded plugin's package lives in."""
    path: Path = current_app.extensions["cms_plugins"].plugins[plugin_name].path
    return path


__all__ = [
    "API_VERSION", "SLOTS", "Chart", "ChartBox", "DecodedImage", "ImageRefused", "ImagesBusy", "MenuItem", "Page",
    "PageStatus", "Plugin", "Role", "Setting", "SitemapEntry", "User", "ValidationError", "Widget", "audit",
    "bar_chart", "call_hook", "client_key", "db", "decode_slot", "encode_image", "hookimpl", "image_pixel_budget",
    "is_enabled", "keyed_hash", "limiter", "line_chart", "local_now", "make_slug", "open_image", "page_number",
    "parse_int", "plugin_path", "prepare_image", "render_content", "role_required", "safe_cell", "safe_next",
    "safe_row", "sanitize_html", "site_zone", "static_url", "strip_metadata", "to_local", "to_utc", "unique_slug",
    "utcnow", "vn_number",
]
