"""A citizen who reads with difficulty makes the text larger; the choice
stays after a reload and on the next page, with or without JavaScript, and
the controls work from the keyboard."""
from __future__ import annotations

import pytest

# One worker builds the demo site and runs every test that reads it.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("demo_site")]

TEXT_SIZE = "() => parseFloat(getComputedStyle(document.querySelector('main p, main li, main')).fontSize)"


@pytest.fixture
def live_server(demo_server):
    """Font size is the visitor's own setting; the demo site is not changed."""
    return demo_server


def choose(tab, name: str) -> None:
    tab.get_by_role("link", name=name).first.click()
    tab.wait_for_load_state()


def current_choice(tab) -> str:
    return tab.locator(".font-size [aria-current=true]").inner_text()


@pytest.mark.plugins("news")  # its listing is the next page
def test_larger_text_survives_a_reload_and_the_next_page(page):
    page.goto("/")
    normal = page.evaluate(TEXT_SIZE)
    choose(page, "Chữ lớn")
    large = page.evaluate(TEXT_SIZE)
    assert large >= normal * 1.15, f"text went from {normal}px to only {large}px"
    assert "Chữ lớn" in current_choice(page)
    page.reload()
    assert page.evaluate(TEXT_SIZE) == large
    page.goto("/news/")
    assert "Chữ lớn" in current_choice(page)
    choose(page, "Chữ nhỏ")
    page.goto("/")
    assert page.evaluate(TEXT_SIZE) < normal
    choose(page, "Chữ thường")
    page.reload()
    assert page.evaluate(TEXT_SIZE) == normal


@pytest.mark.viewports("desktop")
def test_the_controls_work_from_the_keyboard(page):
    page.goto("/")
    normal = page.evaluate(TEXT_SIZE)
    page.get_by_role("link", name="Chữ lớn").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.reload()
    assert page.evaluate(TEXT_SIZE) > normal


@pytest.mark.plugins("news")
@pytest.mark.viewports("phone")
def test_the_controls_work_without_javascript(open_page):
    tab = open_page(java_script_enabled=False)
    tab.goto("/news/")
    normal = tab.evaluate(TEXT_SIZE)
    choose(tab, "Chữ lớn")
    assert tab.url.endswith("/news/"), "the server sends the visitor back to the page they were reading"
    assert tab.evaluate(TEXT_SIZE) > normal
    tab.reload()
    assert tab.evaluate(TEXT_SIZE) > normal
