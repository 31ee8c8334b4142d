"""Hostile input: every vector of ``xss_vectors.txt`` goes through the fields
an editor or a citizen can fill in the core — page, site settings, display
names — and every page that shows them, public or staff_client, stays
inert in a real browser: no dialog, no injected script, no event handler or
script URL left in the document.

The browser here ignores the Content-Security-Policy (``bypass_csp``), so
the tests prove the escaping and sanitizing themselves; the CSP is a second
wall behind them, checked by every other browser test.
"""
from __future__ import annotations

import pytest
from flask import Response

from cms.testing import PASSWORD
from cms.testing.forms import submit
from cms.testing.hostile import FIND_INJECTIONS, assert_inert, assert_shown_as_text, injections, links_to, saved, vectors

VECTORS = vectors()

# Escaping does not depend on the database; the journeys cover PostgreSQL.
pytestmark = [pytest.mark.browser, pytest.mark.viewports("desktop"),
              pytest.mark.parametrize("cms_backend", ["sqlite"], indirect=True)]


def test_the_corpus_is_large_and_the_checks_can_fail(app, open_page):
    """A page that shows the corpus raw is caught, vector by vector."""
    assert len(VECTORS) >= 50

    @app.get("/_raw/<int:number>")
    def raw(number: int):
        return Response(f"<!doctype html><html lang=vi><title>raw</title><body><p>{VECTORS[number]}</p>")

    tab = open_page(bypass_csp=True, report_missing_assets=False)
    caught = [n for n in range(len(VECTORS)) if tab.goto(f"/_raw/{n}", wait_until="load") and tab.evaluate(FIND_INJECTIONS)]
    assert len(caught) >= 45, f"only {len(caught)} of {len(VECTORS)} raw vectors were noticed"
    assert any("dialog opened" in problem for problem in open_page.problems), "no dialog was noticed"
    open_page.problems.clear()


def test_pages_keep_hostile_input_inert(staff_client, staff_tab):
    for number, vector in enumerate(VECTORS):
        saved(submit(staff_client, "/admin/pages/new", {
            "title": vector, "slug": f"xss-{number}", "summary": vector, "meta_description": vector[:300],
            "body": vector, "status": "published"}), f"page {number}")
    edits = links_to(staff_client, "/admin/pages/", "/admin/pages/")
    assert_inert(staff_tab, ["/", "/sitemap.xml", *(f"/xss-{n}" for n in range(len(VECTORS))), *edits])
    for number in (0, 9, 20, 62):
        assert_shown_as_text(staff_tab, f"/xss-{number}", VECTORS[number])


def test_site_settings_keep_hostile_input_inert(staff_client, staff_tab):
    count = len(VECTORS)
    for number in range(count):
        saved(submit(staff_client, "/admin/settings", {
            "site_name": VECTORS[number], "tagline": VECTORS[(number + 1) % count],
            "footer": VECTORS[(number + 2) % count]}), f"settings {number}")
        for path in ("/", "/admin/"):
            found = injections(staff_tab, path)
            assert not found, f"site settings with vector {number}: {found}"


def test_the_logo_address_keeps_hostile_input_inert(staff_client, staff_tab):
    """The logo is an address: hostile ones are refused, or shown inert."""
    for vector in VECTORS + ["javascript:window.__xss=1//.png", "data:text/html,<script>window.__xss=1</script>"]:
        response = submit(staff_client, "/admin/settings", {"logo": vector})
        if response.status_code in (302, 303):
            found = injections(staff_tab, "/")
            assert not found, f"logo address {vector!r}: {found}"


def accounts(count: int) -> list[int]:
    """Staff accounts to rename; one password hash for all (hashing is slow)."""
    from cms.extensions import db
    from cms.models import User

    template = User(username="template")
    template.set_password(PASSWORD)
    made = [User(username=f"xss{n}", display_name="", role="author", password_hash=template.password_hash)
            for n in range(count)]
    db.session.add_all(made)
    db.session.commit()
    return [user.id for user in made]


def test_display_names_keep_hostile_input_inert(staff_client, staff_tab, users):
    """Each name is shown in the user list, the audit log, the user's edit
    page and — as the admin's own name — in the admin layout's header."""
    admin_id = users["admin"].id
    ids = accounts(len(VECTORS))
    for user_id, vector in zip(ids, VECTORS, strict=True):
        saved(submit(staff_client, f"/admin/users/{user_id}/edit", {"display_name": vector[:120]}), f"user {user_id}")
        saved(submit(staff_client, f"/admin/users/{admin_id}/edit", {"display_name": vector[:120]}), "the admin's name")
        found = injections(staff_tab, f"/admin/users/{user_id}/edit")
        assert not found, f"display name {vector!r}: {found}"
    assert_inert(staff_tab, ["/admin/users/", "/admin/audit/"])
