"""Accessibility of every public page type and of the staff login and editor,
on the demo site: axe-core finds no serious or critical violation, and every
control can be reached with the Tab key and shows where the focus is."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from public_pages import PublicPages, page_type_params

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
KEYBOARD_PAGE_TYPES = ["home", "page", "article", "album", "survey form"]

# One worker builds the demo site and runs every test that reads it.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("demo_site")]

# Every control a visitor could need, in the order they appear; one entry per
# radio group, since Tab enters a group once and the arrow keys move inside.
FOCUSABLE = """() => {
  const selector = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]),'
    + ' select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
  const groups = new Set();
  const found = [];
  for (const el of document.querySelectorAll(selector)) {
    const folded = el.closest('details:not([open])');
    if (folded && !(el.localName === 'summary' && el.parentElement === folded)) continue;
    if (el.closest('[inert], dialog:not([open])') || el.matches('[tabindex="-1"]') || el.getClientRects().length === 0
        || getComputedStyle(el).visibility === 'hidden') continue;
    if (el.type === 'radio') {
      if (groups.has(el.name)) continue;
      groups.add(el.name);
    }
    found.push(el);
  }
  window.__focusables = found;
  return found.length;
}"""

# Where the focus is now: its index in the list above (the radio group's
# index for any radio of the group) and whether it is visibly marked.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const list = window.__focusables;
  let index = list.indexOf(el);
  if (index < 0 && el.type === 'radio') index = list.findIndex(o => o.type === 'radio' && o.name === el.name);
  const style = getComputedStyle(el);
  const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadowed = style.boxShadow && style.boxShadow !== 'none';
  return {index, marked: outlined || shadowed, label: el.outerHTML.slice(0, 120)};
}"""


@pytest.fixture
def live_server(demo_server):
    """These tests read the demo site; nothing they do changes it."""
    return demo_server


@pytest.fixture(scope="module")
def pages(demo_site) -> PublicPages:
    return PublicPages(demo_site.test_client())


def axe_problems(tab) -> list[str]:
    """Serious and critical axe-core violations on the tab's current document.

    axe is evaluated through the DevTools protocol, which the page's
    Content-Security-Policy does not restrict; a ``<script>`` tag would be.
    Its stylesheet preloading is off: it builds inline ``<style>`` elements,
    which the CSP rightly blocks and the harness would report.
    """
    tab.evaluate(AXE.read_text(encoding="utf-8"))
    result = tab.evaluate("() => axe.run(document, {resultTypes: ['violations'], preload: false})")
    problems = []
    for violation in result["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        targets = "; ".join(json.dumps(node["target"]) + " " + node["html"][:160] for node in violation["nodes"][:4])
        problems.append(f"{violation['impact']} {violation['id']}: {violation['help']} — {targets}")
    return problems


def assert_accessible(tab, what: str) -> None:
    problems = axe_problems(tab)
    assert not problems, f"axe on {what} ({tab.url}):\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("page_type", page_type_params())
def test_public_page_has_no_serious_axe_violation(page, pages, page_type):
    page.goto(pages[page_type])
    assert_accessible(page, page_type)


@pytest.mark.plugins("gallery")
def test_open_lightbox_has_no_serious_axe_violation(page, pages):
    page.goto(pages["album"])
    page.locator(f'a[href^="{pages["album"]}"]').first.click()
    page.locator("dialog[open]").wait_for()
    assert_accessible(page, "the open lightbox")


@pytest.mark.plugins("sipas")
def test_survey_form_error_state_has_no_serious_axe_violation(page, pages):
    page.goto(pages["survey form"])
    form = page.locator("main form").last
    form.evaluate("form => { form.noValidate = true; }")  # the server's own checks, not the browser's
    form.locator("[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator("[role=alert], .has-error, [aria-invalid=true]").count() > 0, "the empty form showed no error"
    assert_accessible(page, "the survey form with errors")


@pytest.mark.viewports("desktop")
def test_staff_login_and_editor_have_no_serious_axe_violation(page, sign_in):
    page.goto("/login")
    assert_accessible(page, "the login page")
    sign_in(page, "editor")
    page.goto("/admin/pages/new")
    page.locator(".ql-editor").wait_for()
    assert_accessible(page, "the page editor")


@pytest.mark.viewports("desktop")
def test_account_pages_have_no_serious_axe_violation(page, sign_in):
    sign_in(page, "editor")
    page.goto("/account/password")
    assert_accessible(page, "the account page")
    page.goto("/account/two-factor")
    assert_accessible(page, "the second factor's enrolment")


def tab_through(tab) -> tuple[int, set[int], list[str]]:
    """Press Tab from the top until the focus leaves the document; returns
    the number of controls, those reached, and those reached without a
    visible focus mark. Menus that open on focus take extra presses."""
    total = tab.evaluate(FOCUSABLE)
    reached, unmarked = set(), []
    for _ in range(4 * total + 20):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(FOCUSED)
        if focused is None:
            if reached:
                break
            continue
        if focused["index"] >= 0:
            reached.add(focused["index"])
        if not focused["marked"]:
            unmarked.append(focused["label"])
    return total, reached, unmarked


@pytest.mark.parametrize("page_type", page_type_params(KEYBOARD_PAGE_TYPES))
def test_every_control_is_reached_by_tab_and_shows_focus(page, pages, page_type):
    page.goto(pages[page_type])
    total, reached, unmarked = tab_through(page)
    labels = page.evaluate("() => window.__focusables.map(el => el.outerHTML.slice(0, 120))")
    missed = [labels[i] for i in range(total) if i not in reached]
    assert not missed, f"Tab never reaches on {page_type}:\n  " + "\n  ".join(missed)
    assert not unmarked, f"no visible focus on {page_type}:\n  " + "\n  ".join(dict.fromkeys(unmarked))


@pytest.mark.viewports("desktop")
def test_the_page_editor_is_operable_by_keyboard(page, sign_in):
    """Tab must lead out of the rich-text area to the fields and the save
    button after it: a text area that swallows Tab is a keyboard trap."""
    sign_in(page, "editor")
    page.goto("/admin/pages/new")
    page.locator(".ql-editor").wait_for()
    total, reached, unmarked = tab_through(page)
    labels = page.evaluate("() => window.__focusables.map(el => el.outerHTML.slice(0, 120))")
    missed = [labels[i] for i in range(total) if i not in reached]
    assert not missed, "Tab never reaches in the editor:\n  " + "\n  ".join(missed)
