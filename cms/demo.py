"""Demo content for ``cms init --demo``: loaded once, marked in settings.

It creates the demo admin (with a generated password, printed once), the
site settings and page tree of :mod:`cms.pages.demo`, two images drawn with
Pillow (the logo and a landscape), and then asks every enabled plugin for its
own demo content.
"""
from __future__ import annotations

import io
import math
import secrets
from typing import Callable

from PIL import Image, ImageDraw

from .extensions import db
from .media import media_url, save_upload
from .models import PageStatus, Role, SiteSetting, User
from .pages import demo as demo_pages
from .pages.services import PageInput, create_page
from .pluginhost import host
from .settings import save_site_settings

DEMO_MARK = "demo_loaded"
DEMO_ADMIN = "admin"
RED, GOLD, PINK, LEAF = (166, 27, 27), (242, 193, 78), (236, 120, 150), (46, 125, 50)


def load_demo(say: Callable[[str], None]) -> None:
    if db.session.get(SiteSetting, DEMO_MARK) is not None:
        say(f"Demo site already loaded; log in as {DEMO_ADMIN!r} (the password was shown on the first run;"
            " reset it with: flask --app wsgi cms create-user admin --role admin).")
        return
    password = secrets.token_urlsafe(12)
    admin = User.by_username(DEMO_ADMIN) or User(username=DEMO_ADMIN)
    admin.display_name, admin.role, admin.active = "Quản trị viên", Role.ADMIN.value, True
    admin.set_password(password)
    db.session.add(admin)
    db.session.flush()
    _load_site(admin)
    db.session.add(SiteSetting(key=DEMO_MARK, value=True))
    db.session.commit()
    for name in _load_plugin_content():
        say(f"Warning: the {name} plugin's demo content failed to load; see the log above.")
    say(f"Demo site loaded. Log in at /login as {DEMO_ADMIN!r} with password: {password}")
    say("This password is shown only once: note it down or change it after logging in.")


def _load_plugin_content() -> list[str]:
    """Each enabled plugin's demo content; a failing plugin is named, not fatal,
    so the admin's password is always printed."""
    plugins = host()
    before = {name: fault.count for name, fault in plugins.faults.items()}
    plugins.call("load_demo_content")
    return sorted(name for name, fault in plugins.faults.items() if fault.count > before.get(name, 0))


def _load_site(admin: User) -> None:
    logo = save_upload(_png(_draw_logo()), "bieu-trung-sen-hong.png", admin)
    landscape = save_upload(_png(_draw_landscape(), "JPEG"), "song-sen.jpg", admin)
    save_site_settings({**demo_pages.SITE, "logo": media_url(logo)})
    figure = (f'<figure><img src="{media_url(landscape)}" alt="Đầm sen ven sông Sen lúc bình minh" '
              f'width="{landscape.width}" height="{landscape.height}"><figcaption>Đầm sen ven sông Sen '
              "(ảnh minh họa)</figcaption></figure>")
    home = demo_pages.HOME
    _page(admin, None, home["slug"], home["title"], home["summary"], home["body"], is_home=True)
    for slug, title, summary, body, children in demo_pages.TREE:
        parent = _page(admin, None, slug, title, summary, body)
        for child_slug, child_title, child_summary, child_body, _ in children:
            if child_slug == "dieu-kien-tu-nhien":
                child_body = figure + child_body
            _page(admin, parent.id, child_slug, child_title, child_summary, child_body)
    for slug, title, summary, body in demo_pages.HIDDEN:
        _page(admin, None, slug, title, summary, body, show_in_menu=False)
    slug, title, summary, body = demo_pages.DRAFT
    _page(admin, None, slug, title, summary, body, status=PageStatus.DRAFT.value, show_in_menu=False)


def _page(admin: User, parent_id: int | None, slug: str, title: str, summary: str, body: str,
          status: str = PageStatus.PUBLISHED.value, show_in_menu: bool = True, is_home: bool = False):
    data = PageInput(title=title, slug=slug, parent_id=parent_id, body=body.strip(), summary=summary,
                     meta_description=summary, status=status, show_in_menu=show_in_menu, is_home=is_home)
    return create_page(data, admin)


def _png(image: Image.Image, fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, quality=88)
    return out.getvalue()


def _draw_logo(size: int = 256) -> Image.Image:
    """A round emblem: a pink lotus on red, ringed in gold."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, size - 4, size - 4), fill=GOLD)
    draw.ellipse((16, 16, size - 16, size - 16), fill=RED)
    centre = size / 2
    for angle in (-60, -30, 0, 30, 60):
        _petal(draw, centre, size * 0.62, size * 0.36, angle)
    draw.rectangle((centre - 3, size * 0.62, centre + 3, size * 0.82), fill=LEAF)
    draw.ellipse((size * 0.3, size * 0.76, size * 0.7, size * 0.86), fill=LEAF)
    return image


def _petal(draw: ImageDraw.ImageDraw, x: float, y: float, length: float, angle: float) -> None:
    """A pointed petal from (x, y), turned ``angle`` degrees from upright."""
    turn = math.radians(angle)
    side = [(math.sin(math.pi * step / 40) * length * 0.28, -step / 40 * length) for step in range(41)]
    points = side + [(-px, py) for px, py in reversed(side)]
    rotated = [(x + px * math.cos(turn) - py * math.sin(turn), y + px * math.sin(turn) + py * math.cos(turn))
               for px, py in points]
    draw.polygon(rotated, fill=PINK, outline=(250, 225, 235))


def _draw_landscape(width: int = 1200, height: int = 600) -> Image.Image:
    """Dawn over a river, with lotus flowers in the foreground."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.55)
    for y in range(horizon):
        t = y / horizon
        draw.line((0, y, width, y), fill=(int(250 - 60 * t), int(200 - 40 * t), int(150 + 70 * t)))
    draw.ellipse((width * 0.62, horizon - 140, width * 0.62 + 160, horizon + 20), fill=(255, 226, 140))
    for y in range(horizon, height):
        t = (y - horizon) / (height - horizon)
        draw.line((0, y, width, y), fill=(int(70 + 40 * (1 - t)), int(120 + 30 * (1 - t)), int(150 + 20 * (1 - t))))
    draw.polygon([(0, horizon), (width * 0.3, horizon - 40), (width * 0.55, horizon)], fill=(60, 110, 70))
    for index in range(9):
        x = 80 + index * 130
        y = height - 60 - (index % 3) * 35
        draw.ellipse((x - 55, y - 10, x + 55, y + 18), fill=LEAF)
        for angle in (-35, 0, 35):
            _petal(draw, x, y, 70, angle)
    return image
