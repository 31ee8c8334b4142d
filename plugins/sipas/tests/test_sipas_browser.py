"""In a real browser: the kiosk resets itself when left alone, paper forms are
typed with digit keys only, and the staff pages keep to the
Content-Security-Policy (the ``page`` fixture fails on any violation)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from cms.plugin import db

from ..models import Answer, Response
from .sipas_helpers import answer

pytestmark = [pytest.mark.browser, pytest.mark.plugins("sipas")]


def test_the_kiosk_goes_back_to_a_fresh_form_when_left_alone(page, live_server, sipas):
    page.clock.install()
    page.goto(f"{live_server}/sipas/kiosk/p1?survey=khao-sat-thu")
    page.locator("fieldset#q_a1 input[value='4']").check()
    page.clock.fast_forward("00:30")
    assert page.locator("fieldset#q_a1 input[value='4']").is_checked(), "30 s is not idle enough"
    with page.expect_navigation(url=f"{live_server}/sipas/kiosk/p1?survey=khao-sat-thu"):
        page.clock.fast_forward("01:05")
    assert not page.locator("fieldset#q_a1 input[value='4']").is_checked()


def test_a_kiosk_answer_with_big_buttons(page, live_server, sipas):
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{live_server}/sipas/kiosk/p2")
    box = page.locator("fieldset#q_a1 label.sipas-option").first.bounding_box()
    assert box["height"] >= 64, "kiosk buttons are large enough to touch"
    for key in ("a1", "a2", "b1"):
        page.locator(f"fieldset#q_{key} label.sipas-option").nth(4).click()
    page.clock.install()
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi phiếu").click()
    assert "Cảm ơn" in page.locator("h1").inner_text()
    assert db.session.scalar(select(Response.channel)) == "kiosk"
    with page.expect_navigation(url=f"{live_server}/sipas/kiosk/p2"):
        page.clock.fast_forward("00:09")
    assert page.locator("fieldset#q_a1").count() == 1, "the thank-you screen gave way to a fresh form"


def test_paper_forms_are_typed_with_digits(page, live_server, users, sign_in, sipas):
    sign_in(page, "author")
    page.goto(f"{live_server}/admin/sipas/paper/?point=p2&day=2024-03-08")
    assert page.evaluate("document.activeElement.id") == "q_a1", "the cursor starts on the first answer"
    page.keyboard.type("5")
    assert page.evaluate("document.activeElement.id") == "q_a2", "a digit moves on to the next answer"
    page.keyboard.type("9")  # not on the scale: refused, the cursor stays
    assert page.evaluate("document.activeElement.id") == "q_a2" and page.locator("#q_a2").input_value() == ""
    page.keyboard.type("34")
    page.keyboard.press("Backspace")  # q_b2 is empty: back to q_b1
    assert page.evaluate("document.activeElement.id") == "q_b1"
    page.keyboard.press("ArrowDown")
    page.keyboard.type("0")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Đã lưu phiếu số" in page.locator(".flashes").inner_text()
    response = db.session.scalar(select(Response))
    assert response.channel == "paper"
    values = dict(db.session.execute(select(Answer.question_id, Answer.value)).all())
    assert sorted(values.values()) == [0, 3, 4, 5]
    assert page.evaluate("document.activeElement.id") == "q_a1", "ready for the next form"


def test_staff_pages_keep_to_the_content_security_policy(page, live_server, users, sign_in, answered):
    answer(answered.survey, answered.points["p1"], answered.survey.created_at.date(), {"a1": 5, "a2": 4, "b1": 4},
           text="Góp ý")
    sign_in(page, "admin")
    survey = answered.survey.id
    poster = f"/admin/sipas/points/{answered.points['p1'].id}/poster"
    for path in ("/admin/sipas/results/?period=month&year=2024&month=3&survey=khao-sat-thu",
                 f"/admin/sipas/surveys/{survey}/", "/admin/sipas/points/", poster, "/admin/sipas/paper/",
                 "/sipas/?point=p1"):
        page.goto(f"{live_server}{path}")
        page.wait_for_load_state()
        assert page.locator("h1").count() == 1, path
    page.goto(f"{live_server}/admin/sipas/results/?period=month&year=2024&month=3&survey=khao-sat-thu")
    assert page.locator("svg.sipas-chart polyline").count() == 1
    assert "58,33%" in page.locator("[data-figure=overall]").inner_text()
