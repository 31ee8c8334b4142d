"""Templates share one head per kind of page and one CSRF idiom (the kit in
cms/templates/macros.html), so neither is copied into a page again."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = {"templates/layout.html", "templates/bare.html", "cms/templates/admin/layout.html"}
HAND_WRITTEN_TOKEN = re.compile(r"""<input[^>]*name=["']csrf_token["']""", re.IGNORECASE)


def templates() -> list[Path]:
    folders = [ROOT / "templates", ROOT / "cms" / "templates", ROOT / "cms" / "scaffold",
               *sorted((ROOT / "plugins").glob("*/templates"))]
    return [path for folder in folders for path in folder.rglob("*") if path.name.endswith((".html", ".html.tmpl"))]


def test_only_the_layouts_write_a_document_head():
    copies = [str(path.relative_to(ROOT)) for path in templates()
              if re.search(r"<!doctype|<html", path.read_text(encoding="utf-8"), re.IGNORECASE)
              and str(path.relative_to(ROOT)) not in LAYOUTS]
    assert copies == [], "extend layout.html, bare.html or admin/layout.html instead"


def test_forms_get_their_csrf_token_from_the_macros():
    copies = [str(path.relative_to(ROOT)) for path in templates()
              if HAND_WRITTEN_TOKEN.search(path.read_text(encoding="utf-8"))
              and path != ROOT / "cms" / "templates" / "macros.html"]
    assert copies == [], 'use {% from "macros.html" import csrf_field, post_button, confirm_form %}'
