"""The hooks the survey plugin implements (registered by the plugin host).

Views, the admin and the rest are imported inside the hook bodies, so that
loading the plugin does no more than declare it.
"""
from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l

from cms.plugin import MenuItem, SitemapEntry, Widget, hookimpl, static_url


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
    return [
        MenuItem(_l("Kết quả khảo sát"), "plugin_sipas_admin.results", role="editor", order=60),
        MenuItem(_l("Nhập phiếu giấy"), "plugin_sipas_admin.paper", role="author", order=61),
        MenuItem(_l("Phiếu khảo sát"), "plugin_sipas_admin.surveys", role="admin", order=62),
    ]


@hookimpl
def extra_css_urls():
    return [static_url("sipas", "sipas.css")]


@hookimpl
def widgets():
    from .widgets import invite

    return [Widget("sidebar", "sipas-invite", invite, order=40)]


@hookimpl
def sitemap_entries():
    from .queries import public_surveys

    entries = [SitemapEntry(url_for("plugin_sipas.questionnaire", _external=True))]
    entries += [SitemapEntry(url_for("plugin_sipas.public_results", slug=survey.slug, _external=True))
                for survey in public_surveys()]
    return entries


@hookimpl
def commands():
    from .cli import rebuild_tally

    return [rebuild_tally]


@hookimpl
def load_demo_content():
    from .demo import load

    load()
