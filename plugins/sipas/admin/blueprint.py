"""The admin blueprint the sections add their routes to (a module of its
own, so that a section never imports the package that imports it)."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from .. import display

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

bp = Blueprint("plugin_sipas_admin", __name__, template_folder=str(TEMPLATES))
display.register(bp)
