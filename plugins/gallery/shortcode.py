"""``[gallery slug]`` in rich text becomes the album's photo grid.

Runs on sanitized HTML through the ``filter_content`` hook. Shortcodes are
expanded only in text (never inside a tag's attributes, ``<code>`` or
``<pre>``); a shortcode alone in its paragraph replaces the paragraph. An
unknown or unpublished album leaves nothing behind. Everything inserted
comes from an autoescaped template.
"""
from __future__ import annotations

import re

from flask import render_template

from . import plugin
from .models import Album
from .queries import published_albums_by_slug, published_photo_counts, published_photos

SHORTCODE = re.compile(r"\[gallery\s+([a-z0-9]+(?:-[a-z0-9]+)*)\s*\]")
# A whole tag: quoted attribute values may hold ">" (the sanitizer keeps it
# raw), so they are skipped as units; otherwise title="a>[gallery x]" would
# count as text and the embed would land inside the attribute.
TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")
LITERAL_TAGS = {"code", "pre"}


def expand(html: str) -> str:
    if "[gallery" not in html:
        return html
    albums = published_albums_by_slug(set(SHORTCODE.findall(html)))
    parts = TAG.split(html)
    literal_depth = 0
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            literal_depth += _literal_change(part)
            continue
        if literal_depth or "[gallery" not in part:
            continue
        parts[i] = SHORTCODE.sub(lambda match: _embed(albums.get(match.group(1))), part)
        if SHORTCODE.fullmatch(part.strip()) and _is_paragraph(parts, i):
            parts[i - 1] = parts[i + 1] = ""
    return "".join(parts)


def _literal_change(tag: str) -> int:
    match = re.match(r"<(/?)([a-zA-Z0-9]+)", tag)
    if not match or match.group(2).lower() not in LITERAL_TAGS:
        return 0
    return -1 if match.group(1) else 1


def _is_paragraph(parts: list[str], i: int) -> bool:
    return 0 < i < len(parts) - 1 and parts[i - 1].lower() == "<p>" and parts[i + 1].lower() == "</p>"


def _embed(album: Album | None) -> str:
    if album is None:
        return ""
    photos = published_photos(album, limit=int(plugin.setting("embed_limit")))
    total = published_photo_counts([album.id]).get(album.id, 0)
    return render_template("gallery/embed.html", album=album, photos=photos, total=total)
