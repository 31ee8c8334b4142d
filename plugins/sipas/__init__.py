"""SIPAS: citizen satisfaction surveys of public administrative services.

Collects answers on the portal, by QR code and kiosk at the counter, and from
paper forms entered by staff; reports the satisfaction index the way the
Ministry of Home Affairs' method computes it (see ``docs/sipas.md``). The
figures are the site's own survey, not the official national index.
"""
from __future__ import annotations

from flask import render_template, url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from cms.plugin import MenuItem, Plugin, Setting, SitemapEntry, Widget, hookimpl, static_url

from . import models, queries  # noqa: F401  (the tables, for migrations)

RATE_LIMIT_PATTERN = r"\s*\d+\s*(/|per)\s*\d*\s*[a-z]+\s*(;\s*\d+\s*(/|per)\s*\d*\s*[a-z]+\s*)*"

plugin = Plugin(
    name="sipas",
    title=_l("Khảo sát sự hài lòng (SIPAS)"),
    version="0.1.0",
    description=_l("Phiếu khảo sát sự hài lòng của người dân, tổ chức đối với dịch vụ hành chính công: "
                   "biểu mẫu trực tuyến, mã QR, kiosk, nhập phiếu giấy và báo cáo chỉ số."),
    url_prefix="/sipas/",
    settings=(
        Setting("one_per_case", _l("Mỗi mã hồ sơ chỉ được đánh giá một lần"), bool, True,
                _l("Chỉ lưu giá trị băm có khóa của mã hồ sơ, không lưu chính mã hồ sơ.")),
        Setting("points_max", _l("Điểm tối đa của tiêu chí SIPAS trong bộ chỉ số cải cách hành chính"), float, 32.0,
                _l("Điểm quy đổi = chỉ số hài lòng × điểm tối đa, ví dụ 91,75% × 32 = 29,36."), min=0.01, max=1000),
        Setting("rate_limit", _l("Giới hạn gửi phiếu trực tuyến cho mỗi thiết bị"), str, "5 per minute; 30 per hour",
                _l("Ví dụ: 5 per minute; 30 per hour."), pattern=RATE_LIMIT_PATTERN, max=100),
        Setting("kiosk_rate_limit", _l("Giới hạn gửi phiếu tại kiosk"), str, "30 per minute",
                _l("Một kiosk dùng chung cho nhiều người nên giới hạn cao hơn."), pattern=RATE_LIMIT_PATTERN, max=100),
        Setting("kiosk_idle_seconds", _l("Kiosk tự quay về phiếu mới sau (giây) không thao tác"), int, 90,
                min=15, max=900),
    ),
)


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


def _invite() -> Markup:
    """A sidebar box inviting visitors to rate a service they used."""
    return Markup(render_template("sipas/widget.html", survey=queries.default_survey()))


@hookimpl
def widgets():
    return [Widget("sidebar", "sipas-invite", _invite, order=40)]


@hookimpl
def sitemap_entries():
    entries = [SitemapEntry(url_for("plugin_sipas.questionnaire", _external=True))]
    entries += [SitemapEntry(url_for("plugin_sipas.public_results", slug=survey.slug, _external=True))
                for survey in queries.public_surveys()]
    return entries


@hookimpl
def commands():
    from .cli import rebuild_tally

    return [rebuild_tally]


@hookimpl
def load_demo_content():
    from .demo import load

    load()
