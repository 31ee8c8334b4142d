"""Hostile input in the survey: every vector of the corpus goes in as a
service point's name and address, as a citizen's comment and case code, and
the public form, the staff pages and the form sent back with errors stay
inert in a real browser (see :mod:`cms.testing.hostile`).

The browser ignores the Content-Security-Policy (``bypass_csp``), so the
test proves the escaping itself; the CSP is a second wall behind it.
"""
from __future__ import annotations

import pytest

from cms.testing.forms import read_forms, submit
from cms.testing.hostile import FIND_INJECTIONS, assert_inert, saved, vectors

VECTORS = vectors()

# Escaping does not depend on the database; the journeys cover PostgreSQL.
pytestmark = [pytest.mark.browser, pytest.mark.viewports("desktop"),
              pytest.mark.parametrize("cms_backend", ["sqlite"], indirect=True)]


def test_survey_keeps_hostile_input_inert(app, staff_client, staff_tab, open_page):
    for number, vector in enumerate(VECTORS):
        point = {"name": vector, "code": f"xss-{number}", "address": vector}
        saved(submit(staff_client, "/admin/sipas/points/new", point), f"service point {number}")
    citizen = app.test_client()
    for number, vector in enumerate(VECTORS):
        saved(answer_survey(citizen, f"xss-{number}", vector), f"survey answer {number}")
    assert_inert(staff_tab, ["/sipas/", "/admin/sipas/points/", "/admin/sipas/results/"])
    form_tab = open_page(bypass_csp=True, report_missing_assets=False)
    form_tab.goto("/sipas/")
    for vector in VECTORS:  # the form sent back with errors shows what was typed, and is sent again
        form_tab.locator("#case_code").fill(vector)
        form_tab.locator("form.sipas-form textarea").first.fill(vector)
        form_tab.evaluate("() => { document.querySelector('form.sipas-form').noValidate = true; }")
        form_tab.get_by_role("button", name="Gửi phiếu khảo sát").click()
        form_tab.wait_for_load_state()
        assert form_tab.locator(".sipas-errors").count() == 1, "the incomplete form was accepted"
        found = form_tab.evaluate(FIND_INJECTIONS)
        assert not found, f"the survey's error state shows an injection of {vector!r}: {found}"


def answer_survey(client, point: str, text: str):
    """A complete answer: every rating 4, ``text`` in every free-text box."""
    html = client.get("/sipas/").get_data(as_text=True)
    form = next(f for f in read_forms(html, "http://localhost/sipas/") if f.method == "post")
    values = {name: "4" for name, choices in form.radios.items() if "4" in choices}
    values |= {name: text for name in form.textareas}
    return submit(client, "/sipas/", values | {"point": point})
