from __future__ import annotations

from flask import Blueprint, render_template

from cms.plugin import is_enabled, role_required

from . import greeting
from .models import greeting_count

bp = Blueprint("plugin_hello", __name__, template_folder="templates")
admin_bp = Blueprint("plugin_hello_admin", __name__, template_folder="templates")

#: Steps the ``midway`` page runs between reading the state and rendering
#: (a test puts a toggle from another worker here).
MIDWAY: list = []


@bp.get("/")
def index():
    return render_template("hello/index.html", text=greeting(), count=greeting_count())


@bp.get("/midway")
def midway():
    first = greeting()
    for step in MIDWAY:
        step()
    return render_template("hello/midway.html", first=first, then=greeting(), needs_hello=is_enabled("needs_hello"))


@bp.errorhandler(404)
def no_such_greeting(error):
    return "Không có lời chào này", 404


@bp.get("/boom")
def boom():
    raise RuntimeError("the hello page failed")


@admin_bp.get("/", endpoint="index")
@role_required("editor")
def admin_index():
    return render_template("hello/admin.html", text=greeting())
