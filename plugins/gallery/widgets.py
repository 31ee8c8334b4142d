"""The sidebar box with the latest published album."""
from __future__ import annotations

from flask import render_template
from markupsafe import Markup

from . import queries


def latest_album() -> Markup | str:
    album = queries.latest_album()
    if album is None:
        return ""
    return Markup(render_template("gallery/widget.html", album=album))
