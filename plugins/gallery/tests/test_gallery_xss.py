"""Hostile input in the gallery: every vector of the corpus goes in as a
photo's alt text, caption and credit and as an album's title and
description, and the album list, the albums, the photo pages, the lightbox
and the admin pages stay inert in a real browser (see
:mod:`cms.testing.hostile`).

The browser ignores the Content-Security-Policy (``bypass_csp``), so the
test proves the escaping itself; the CSP is a second wall behind it.
"""
from __future__ import annotations

import pytest

from cms.testing.forms import submit
from cms.testing.hostile import FIND_INJECTIONS, assert_inert, assert_shown_as_text, links_to, saved, vectors

VECTORS = vectors()
PER_ALBUM = 7

# Escaping does not depend on the database; the journeys cover PostgreSQL.
pytestmark = [pytest.mark.browser, pytest.mark.viewports("desktop"), pytest.mark.plugins("gallery"),
              pytest.mark.parametrize("cms_backend", ["sqlite"], indirect=True)]


def test_gallery_keeps_hostile_input_inert(app, staff_client, staff_tab, make_album):
    albums = []
    for start in range(0, len(VECTORS), PER_ALBUM):
        chunk = VECTORS[start:start + PER_ALBUM]
        album = make_album(f"xss-{start}", photos=len(chunk), published=True, title=f"Album {start}")
        rows = {f"photos-{n}-{name}": vector for n, vector in enumerate(chunk) for name in ("alt", "caption", "credit")}
        saved(submit(staff_client, f"/admin/gallery/{album.id}/", rows, form_action=f"/admin/gallery/{album.id}/photos"),
              f"the photos of album {start}")
        saved(submit(staff_client, f"/admin/gallery/{album.id}/edit", {"title": chunk[0], "description": chunk[-1]}),
              f"album {start}")
        albums.append(album)
    paths = ["/", "/gallery/", *(f"/gallery/{a.slug}/" for a in albums), *(f"/admin/gallery/{a.id}/" for a in albums)]
    paths += [link for a in albums for link in links_to(staff_client, f"/gallery/{a.slug}/", f"/gallery/{a.slug}/")]
    assert_inert(staff_tab, paths)
    for album in albums:  # the lightbox writes captions with script
        staff_tab.goto(f"/gallery/{album.slug}/")
        staff_tab.locator("a.gallery-link").first.click()
        for _ in range(PER_ALBUM):
            found = staff_tab.evaluate(FIND_INJECTIONS)
            assert not found, f"the lightbox of {album.slug} shows an injection: {found}"
            staff_tab.keyboard.press("ArrowRight")
    for album in albums[:3]:
        assert_shown_as_text(staff_tab, f"/gallery/{album.slug}/", VECTORS[int(album.slug.removeprefix("xss-"))])
