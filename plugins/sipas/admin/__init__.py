"""The staff pages under ``/admin/sipas/``: results and comments (editors),
paper entry (authors and up), questionnaires and service points (admins)."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from .. import numbers
from ..labels import template_labels

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

bp = Blueprint("plugin_sipas_admin", __name__, template_folder=str(TEMPLATES))
bp.context_processor(template_labels)
numbers.register(bp)

from . import paper, places, results, surveys  # noqa: E402,F401  (register the routes)
