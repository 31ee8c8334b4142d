"""A test plugin that contributes through every hook."""
from __future__ import annotations

import click
from flask import render_template
from markupsafe import Markup

from cms.plugin import MenuItem, Plugin, Setting, SitemapEntry, Widget, db, hookimpl, static_url

EVENTS: list[tuple] = []

plugin = Plugin(
    name="hello",
    title="Xin chào",
    version="1.2.0",
    description="Plugin thử nghiệm dùng mọi hook.",
    url_prefix="/xin-chao/",
    settings=(
        Setting("greeting", "Lời chào", str, "Xin chào bà con", required=True, max=50),
        Setting("times", "Số lần", int, 1, min=1, max=5),
        Setting("shout", "Viết hoa", bool, False),
        Setting("ratio", "Tỉ lệ", float, 0.5, min=0, max=1),
        Setting("color", "Màu", str, "red", choices=(("red", "Đỏ"), ("blue", "Xanh"))),
        Setting("note", "Ghi chú", str, "", multiline=True),
    ),
)


def greeting() -> str:
    text = " ".join([plugin.setting("greeting")] * plugin.setting("times"))
    return text.upper() if plugin.setting("shout") else text


@hookimpl
def public_blueprint():
    from .views import bp

    return bp


@hookimpl
def admin_blueprint():
    from .views import admin_bp

    return admin_bp


@hookimpl
def admin_menu_items():
    return [MenuItem("Xin chào", "plugin_hello_admin.index", role="editor", order=300)]


@hookimpl
def widgets():
    from .models import greeting_count

    return [
        Widget("sidebar", "greeting", lambda: Markup(render_template("hello/widget.html", count=greeting_count(),
                                                                       text=greeting())), order=20),
        Widget("head", "meta", lambda: Markup('<meta name="hello" content="1">')),
        Widget("header", "banner", lambda: Markup('<p class="hello-banner">Banner xin chào</p>')),
        Widget("home", "home", lambda: Markup('<p class="hello-home">Trang chủ xin chào</p>')),
        Widget("after_content", "after", lambda: Markup('<p class="hello-after">Sau nội dung</p>')),
        Widget("footer", "footer", lambda: "<b>chân trang & thử</b>"),
    ]


@hookimpl
def extra_css_urls():
    return [static_url("hello", "hello.css")]


@hookimpl
def extra_js_urls(endpoint):
    """Everywhere hello.js; on its own page only, hello-page.js too."""
    only_here = [static_url("hello", "hello-page.js")] if endpoint == "plugin_hello.index" else []
    return [static_url("hello", "hello.js"), *only_here]


@hookimpl
def extra_admin_css_urls(request, endpoint):
    return [static_url("hello", "hello-admin.css")] if endpoint == "plugin_hello_admin.index" else []


@hookimpl
def extra_admin_js_urls():
    return [static_url("hello", "hello-admin.js")]


@hookimpl
def commands():
    @click.command("greet")
    @click.option("--name", default="bạn")
    def greet(name: str) -> None:
        """Print the greeting."""
        click.echo(f"{greeting()}, {name}!")

    return [greet]


@hookimpl
def filter_content(html, context):
    return html.replace("[hello]", str(Markup('<mark class="hello">{}</mark>').format(greeting())))


@hookimpl
def sanitizer_allowlist():
    return {"tags": ["mark"], "attributes": {"mark": ["data-hello"]}}


@hookimpl
def page_viewed(request):
    EVENTS.append(("page_viewed", request.path))


@hookimpl
def content_changed(kind, obj, action):
    EVENTS.append(("content_changed", kind, action))


@hookimpl
def sitemap_entries():
    return [SitemapEntry("/xin-chao/")]


@hookimpl
def page_view_counts(paths):
    return {path: 7 for path in paths}


@hookimpl
def load_demo_content():
    from .models import HelloGreeting

    db.session.add(HelloGreeting(text="Lời chào mẫu"))
    db.session.commit()
