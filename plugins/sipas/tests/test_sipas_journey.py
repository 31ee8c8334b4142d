"""The satisfaction survey, end to end: an admin adds a service point and
prints its QR poster; a citizen on a phone opens the poster's link, rates the
service, leaves a suggestion and sees the thank-you page; the response shows
in the admin's results."""
from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.viewports("phone")]

POINT, CODE = "Bộ phận Một cửa phường Sen Hồng", "mot-cua-sen-hong"
SUGGESTION = "Nên bố trí thêm ghế chờ và nước uống cho người cao tuổi."
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "is_mobile": False, "has_touch": False}


def add_point_and_read_poster(admin) -> str:
    """Returns the link the poster's QR code carries."""
    admin.goto("/admin/sipas/points/new")
    admin.get_by_label("Tên điểm phục vụ").fill(POINT)
    admin.get_by_label("Mã (dùng trong đường dẫn và mã QR)").fill(CODE)
    admin.get_by_label("Cấp").select_option(label="Cấp xã")
    admin.locator("main form button[type=submit]").first.click()
    admin.wait_for_load_state()
    row = admin.locator("main li, main tr").filter(has_text=POINT).first
    row.get_by_role("link", name="Áp phích mã QR").click()
    admin.wait_for_load_state()
    assert admin.locator(".poster-code svg, .poster-code img").count() == 1, "the poster has no QR code"
    return admin.locator(".poster-url").inner_text().strip()


def answer_survey(citizen, link: str) -> float:
    """Rates one statement of the first element 3 (not satisfied) and every
    other 5; returns the overall index that makes with equal weights."""
    citizen.goto(link)
    assert citizen.locator("#point").input_value() == CODE, "the QR link did not fill in the service point"
    citizen.locator("#field").select_option(label="Hộ tịch")
    questions = citizen.locator(".sipas-element fieldset.sipas-q")
    assert questions.count() >= 5
    for number, question in enumerate(questions.all()):
        rating = "3" if number == 0 else "5"
        question.locator(f"input[type=radio][value='{rating}']").check()
    elements = citizen.locator(".sipas-element")
    first_size = elements.first.locator("fieldset.sipas-q").count()
    expected = 100 * (elements.count() - 1 + (first_size - 1) / first_size) / elements.count()
    citizen.locator("form.sipas-form textarea").first.fill(SUGGESTION)
    citizen.get_by_role("button", name="Gửi phiếu khảo sát").click()
    citizen.wait_for_load_state()
    assert "Cảm ơn" in citizen.get_by_role("heading", level=1).inner_text()
    return expected


def test_a_citizen_answers_from_the_qr_link_and_staff_see_it(open_page, users, sign_in):
    admin = open_page(**DESKTOP)
    sign_in(admin, "admin")
    link = add_point_and_read_poster(admin)
    assert f"point={CODE}" in link or CODE in link

    expected = answer_survey(open_page(), link)

    admin.goto("/admin/sipas/results/")
    results = admin.locator("main")
    assert POINT in results.inner_text(), "the service point is missing from the results"
    assert SUGGESTION in results.inner_text(), "the suggestion is missing from the results"
    assert re.search(r"Số phiếu\s+1\b", results.inner_text()), "the response is not counted"
    assert f"{expected:.2f}%".replace(".", ",") in results.inner_text(), f"the index is not {expected:.2f}%"
