"""The news admin under ``/admin/news/``: articles in :mod:`.articles`
(authors and up; bulk actions for editors) and the category tree in
:mod:`.categories` (editors).

The blueprint and its URL table live here and the views in the section
modules, so that no section imports this package back.
"""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from . import articles, categories

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

bp = Blueprint("plugin_news_admin", __name__, template_folder=str(TEMPLATES))

bp.add_url_rule("/", view_func=articles.index)
bp.add_url_rule("/new", view_func=articles.create, methods=["GET", "POST"])
bp.add_url_rule("/<int:article_id>", view_func=articles.edit, methods=["GET", "POST"])
bp.add_url_rule("/preview", view_func=articles.preview, methods=["POST"])
bp.add_url_rule("/<int:article_id>/preview", view_func=articles.preview, methods=["POST"])
bp.add_url_rule("/<int:article_id>/delete", view_func=articles.delete, methods=["GET", "POST"])
bp.add_url_rule("/bulk", view_func=articles.bulk, methods=["POST"])
bp.add_url_rule("/categories", view_func=categories.categories, methods=["GET", "POST"])
bp.add_url_rule("/categories/<int:category_id>", view_func=categories.edit_category, methods=["GET", "POST"])
bp.add_url_rule("/categories/<int:category_id>/delete", view_func=categories.delete_category, methods=["POST"])
