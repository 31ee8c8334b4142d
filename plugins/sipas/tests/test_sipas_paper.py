"""Staff entering paper questionnaires, and the QR-code posters."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from cms.plugin import db

from ..models import Answer, Level, Point, Response, ServiceField
from ..periods import Period
from ..report import Filters, build_report
from .sipas_helpers import stored

pytestmark = pytest.mark.plugins("sipas")


def paper_form(**changes) -> dict[str, str]:
    data = {"answered_on": "2024-03-08", "point": "p2", "field": "", "case_code": "",
            "q_a1": "5", "q_a2": "", "q_b1": "4", "q_b2": "", "q_t1": ""}
    data.update(changes)
    return data


def test_the_paper_form_is_made_for_the_keyboard(client, login, sipas):
    login("author")
    page = client.get("/admin/sipas/paper/?point=p2&day=2024-03-08").get_data(as_text=True)
    boxes = re.findall(r'<input type="text" id="(q_\w+)"[^>]*class="sipas-digit-input"[^>]*inputmode="numeric" '
                       r'maxlength="1"', page)
    assert boxes == ["q_a1", "q_a2", "q_b1", "q_b2"]
    assert re.search(r'id="q_a1"[^>]*autofocus', page), "the cursor starts on the first answer"
    assert 'data-values="012345"' in page and 'data-values="12345"' in page
    assert '<option value="p2" selected>' in page and 'value="2024-03-08"' in page
    assert "paper.js" in page


def test_a_paper_form_is_stored_as_such_with_blanks(client, login, users, sipas):
    login("author")
    reply = client.post("/admin/sipas/paper/", data=paper_form())
    assert reply.status_code == 303
    assert reply.headers["Location"].endswith("/admin/sipas/paper/?survey=khao-sat-thu&point=p2&day=2024-03-08")
    response = db.session.scalar(select(Response))
    assert (response.channel, response.answered_on, response.entered_by_id) == ("paper", date(2024, 3, 8),
                                                                                users["author"].id)
    assert sorted(db.session.scalars(select(Answer.value))) == [4, 5], "a2 was left blank on paper"
    page = client.get(reply.headers["Location"]).get_data(as_text=True)
    assert f"Đã lưu phiếu số {response.id}" in page


@pytest.mark.parametrize("changes, message", [
    ({"q_a1": "7"}, "Câu trả lời không hợp lệ."),
    ({"q_a1": "0"}, "Câu trả lời không hợp lệ."),
    ({"answered_on": "31/02/2024"}, "Ngày không hợp lệ."),
    ({"answered_on": (date.today() + timedelta(days=3)).isoformat()}, "Ngày trả lời không thể ở tương lai."),
    ({"answered_on": "0001-01-01"}, "Ngày trả lời không thể trước ngày 01/01/2000."),
    ({"answered_on": "31/12/1999"}, "Ngày trả lời không thể trước ngày 01/01/2000."),
    ({"answered_on": ""}, "Vui lòng nhập thông tin này."),
    ({"point": ""}, "Vui lòng chọn nơi"),
])
def test_a_mistyped_paper_form_is_refused(client, login, sipas, changes, message):
    login("author")
    reply = client.post("/admin/sipas/paper/", data=paper_form(**changes))
    assert reply.status_code == 400 and message in reply.get_data(as_text=True)
    assert stored()["sipas_response"] == 0


def test_a_paper_form_entered_by_mistake_can_be_taken_back(client, login, sipas):
    login("author")
    client.post("/admin/sipas/paper/", data=paper_form())
    client.post("/admin/sipas/paper/", data=paper_form(q_a1="1"))
    first, second = db.session.scalars(select(Response.id).order_by(Response.id)).all()
    login("editor")
    client.post("/admin/sipas/paper/", data=paper_form())  # someone else's form
    login("author")
    third = db.session.scalar(select(Response.id).order_by(Response.id.desc()))
    assert client.post(f"/admin/sipas/paper/{third}/delete").status_code == 403
    assert client.post(f"/admin/sipas/paper/{second}/delete").status_code == 302
    db.session.expire_all()
    result = build_report(Filters(survey=sipas.survey, period=Period.month(2024, 3)))
    assert result.responses == 2 and result.elements[0].statements[0].counts[1] == 0, "the totals forget it too"
    assert db.session.get(Response, first) is not None


def test_only_paper_forms_can_be_taken_back(client, login, sipas):
    client.post("/sipas/", data={"point": "p1", "q_a1": "4", "q_a2": "4", "q_b1": "4"})
    login("admin")
    web = db.session.scalar(select(Response.id))
    assert client.post(f"/admin/sipas/paper/{web}/delete").status_code == 404


def test_the_poster_opens_the_form_with_the_point_filled_in(client, login, sipas):
    login("editor")
    point = sipas.points["p1"]
    page = client.get(f"/admin/sipas/points/{point.id}/poster").get_data(as_text=True)
    assert "<svg" in page and 'id="qr-path"' in page and "style=" not in page.split("<svg", 1)[1].split("</svg>")[0]
    assert "http://portal.test/sipas/?point=p1&amp;src=qr" in page
    assert "Điểm phục vụ xã Một" in page
    png = client.get(f"/admin/sipas/points/{point.id}/qr.png")
    assert png.mimetype == "image/png" and png.get_data()[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get(f"/admin/sipas/points/{point.id}/qr.svg").mimetype == "image/svg+xml"
    form = client.get("/sipas/?point=p1&src=qr").get_data(as_text=True)
    assert '<option value="p1" selected>' in form and 'name="src" value="qr"' in form
    listing = client.get("/admin/sipas/points/").get_data(as_text=True)
    assert "Áp phích mã QR" in listing and "Thêm điểm phục vụ" not in listing, "editors print, admins edit"


def test_points_levels_and_fields_are_configured_by_admins(client, login, sipas):
    login("admin")
    assert client.post("/admin/sipas/levels/new", data={"name": "Cấp huyện (cũ)", "position": "5"}).status_code == 302
    level = db.session.scalar(select(Level).where(Level.name == "Cấp huyện (cũ)"))
    reply = client.post("/admin/sipas/points/new", data={"name": "Điểm mới", "code": "diem-moi", "level": level.id,
                                                         "position": "1", "active": "y"})
    assert reply.status_code == 302 and db.session.scalar(select(Point).where(Point.code == "diem-moi")).active
    taken = client.post("/admin/sipas/points/new", data={"name": "Trùng", "code": "p1", "level": level.id})
    assert "Mã này đã được dùng" in taken.get_data(as_text=True)
    bad = client.post("/admin/sipas/fields/new", data={"name": "Tư pháp", "code": "Tư Pháp"})
    assert "Chỉ dùng chữ thường không dấu" in bad.get_data(as_text=True)
    added = client.post("/admin/sipas/fields/new", data={"name": "Tư pháp", "code": "tu-phap", "active": "y"})
    assert added.status_code == 302
    assert db.session.scalar(select(ServiceField.name).where(ServiceField.code == "tu-phap")) == "Tư pháp"
    refused = client.post(f"/admin/sipas/levels/{level.id}/delete", follow_redirects=True)
    assert "đang được sử dụng" in refused.get_data(as_text=True), "a level with points stays"
