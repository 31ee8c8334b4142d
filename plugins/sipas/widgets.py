"""The sidebar box inviting visitors to rate a service they used."""
from __future__ import annotations

from flask import render_template
from markupsafe import Markup

from .queries import default_survey


def invite() -> Markup:
    return Markup(render_template("sipas/widget.html", survey=default_survey()))
