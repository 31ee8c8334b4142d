"""The "Thống kê truy cập" box and the assets every public page loads for it."""
from __future__ import annotations

from flask import current_app, render_template, url_for
from flask_babel import get_locale
from markupsafe import Markup

from cms.plugin import static_url

from . import plugin
from .queries import cache_seconds, summary
from .recorder import recorder

REFRESH_SECONDS = 60
ASSET_URL_SECONDS = 3600


def _widget_html() -> Markup:
    refresh = current_app.config.get("STATS_REFRESH_SECONDS", REFRESH_SECONDS)
    return Markup(render_template("stats/widget.html", summary=summary(), refresh=refresh,
                                  counter_url=url_for("plugin_stats.counter")))


def render_widget(slot: str) -> Markup | str:
    """The box, in the slot the admin chose.

    The HTML is kept as long as the numbers in it (per worker and language),
    so most pages pay for neither a query nor a template.
    """
    if plugin.setting("slot") != slot:
        return ""
    recorder().sync()
    return recorder().cache.get(("widget", str(get_locale())), cache_seconds(), _widget_html)


def asset_urls(filename: str) -> list[str]:
    """The file's URL, built once per worker (it changes only with the file, on restart)."""
    if current_app.debug:
        return [static_url(plugin.name, filename)]
    return [recorder().cache.get(("asset", filename), ASSET_URL_SECONDS, lambda: static_url(plugin.name, filename))]
