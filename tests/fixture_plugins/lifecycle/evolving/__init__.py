"""A plugin at its second revision: its page and widget read a column the
second revision adds, so running them against the first would fail."""
from flask import Blueprint
from markupsafe import Markup
from sqlalchemy import text

from cms.plugin import Plugin, Widget, db, hookimpl

plugin = Plugin(name="evolving", title="Đang phát triển", version="2.0.0")
bp = Blueprint("plugin_evolving", __name__)


def notes() -> int:
    return db.session.execute(text("SELECT COUNT(colour) FROM evolving_note")).scalar()


@bp.get("/")
def index():
    return f"evolving notes: {notes()}"


@hookimpl
def public_blueprint():
    return bp


@hookimpl
def widgets():
    return [Widget("footer", "notes", lambda: Markup('<p class="evolving-widget">{}</p>').format(notes()))]
