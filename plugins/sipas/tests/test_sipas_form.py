"""The public questionnaire: what it shows, what it stores, and every way a
submission is refused (with nothing stored)."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from cms.plugin import db
from cms.testing import save_plugin_settings, store_raw_plugin_setting

from ..models import Answer, Comment, Response
from .sipas_helpers import form_data, stored

pytestmark = pytest.mark.plugins("sipas")

NOTHING = {"sipas_response": 0, "sipas_answer": 0, "sipas_comment": 0, "sipas_tally": 0, "sipas_count": 0}


def test_form_asks_every_statement_in_fieldsets_with_the_scale(client, sipas):
    page = client.get("/sipas/").get_data(as_text=True)
    assert page.count('<fieldset class="sipas-q') == 4
    assert "A1." in page and "B2." in page and "Biển chỉ dẫn rõ ràng" in page
    for label in ("Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"):
        assert label in page
    # "don't know" only for the optional statement b2
    assert page.count('value="0"') == 1 and "Không biết / không áp dụng" in page
    assert 'name="website"' in page and 'class="sipas-hp" aria-hidden="true"' in page
    assert 'name="csrf_token"' in page or "csrf" not in page  # CSRF is off in tests unless asked for


def test_point_and_field_come_from_the_address(client, sipas):
    page = client.get("/sipas/?point=p2&field=dat-dai-thu&src=qr").get_data(as_text=True)
    assert '<option value="p2" selected>' in page
    assert '<option value="dat-dai-thu" selected>' in page
    assert '<input type="hidden" name="src" value="qr">' in page
    assert '<optgroup label="Cấp tỉnh">' in page, "points are grouped by level"


def test_a_complete_questionnaire_is_stored_anonymously(client, sipas):
    reply = client.post("/sipas/", data=form_data(field="dat-dai-thu"), environ_base={"REMOTE_ADDR": "203.0.113.77"})
    assert reply.status_code == 303 and reply.headers["Location"].endswith("/sipas/cam-on?survey=khao-sat-thu")
    response = db.session.scalar(select(Response))
    assert (response.channel, response.point.code, response.field.code, response.case_hash) == (
        "web", "p1", "dat-dai-thu", None)
    values = {a.question_id: a.value for a in db.session.scalars(select(Answer))}
    assert sorted(values.values()) == [0, 3, 4, 5]
    assert db.session.scalar(select(Comment.body)) == "Cần thêm ghế chờ."
    dump = " ".join(str(v) for row in db.session.execute(select(Response.__table__)).all() for v in row)
    assert "203.0.113" not in dump
    assert "Cảm ơn" in client.get(reply.headers["Location"]).get_data(as_text=True)


def test_a_qr_code_visit_is_counted_as_such(client, sipas):
    client.post("/sipas/", data=form_data(src="qr"))
    assert db.session.scalar(select(Response.channel)) == "qr"


@pytest.mark.parametrize("changes, field, message", [
    ({"q_a1": None}, "q_a1", "Vui lòng chọn mức độ hài lòng."),
    ({"q_a1": ""}, "q_a1", "Vui lòng chọn mức độ hài lòng."),
    ({"q_a2": "6"}, "q_a2", "Câu trả lời không hợp lệ."),
    ({"q_a2": "-1"}, "q_a2", "Câu trả lời không hợp lệ."),
    ({"q_b1": "abc"}, "q_b1", "Câu trả lời không hợp lệ."),
    ({"q_b1": "²"}, "q_b1", "Câu trả lời không hợp lệ."),
    ({"q_b1": "0"}, "q_b1", "Câu trả lời không hợp lệ."),  # "don't know" is not offered for a required statement
    ({"q_b2": "7"}, "q_b2", "Câu trả lời không hợp lệ."),
    ({"point": ""}, "point", "Vui lòng chọn nơi Ông/Bà đã giải quyết hồ sơ."),
    ({"point": "khong-co"}, "point", "Lựa chọn không hợp lệ."),
    ({"field": "khong-co"}, "field", "Lựa chọn không hợp lệ."),
    ({"case_code": "<script>"}, "case_code", "Mã hồ sơ chỉ gồm chữ, số"),
    ({"q_t1": "x" * 2001}, "q_t1", "Tối đa 2000 ký tự."),
])
def test_invalid_answers_are_refused_in_vietnamese_and_nothing_is_stored(client, sipas, changes, field, message):
    reply = client.post("/sipas/", data=form_data(**changes))
    page = reply.get_data(as_text=True)
    assert reply.status_code == 400
    assert message in page
    assert 'class="sipas-errors" role="alert"' in page and f'href="#{field}"' in page
    assert stored() == NOTHING


def test_an_inactive_point_is_not_offered_nor_accepted(client, sipas):
    sipas.points["p2"].active = False
    db.session.commit()
    assert 'value="p2"' not in client.get("/sipas/").get_data(as_text=True)
    assert client.post("/sipas/", data=form_data(point="p2")).status_code == 400
    assert stored() == NOTHING


def test_answers_are_kept_when_the_form_comes_back(client, sipas):
    page = client.post("/sipas/", data=form_data(q_a1=None, q_a2="2")).get_data(as_text=True)
    assert re.search(r'name="q_a2" value="2" checked', page)
    assert "Cần thêm ghế chờ." in page


def test_the_honeypot_refuses_a_bot_quietly(client, sipas):
    reply = client.post("/sipas/", data=form_data(website="http://spam.example"))
    assert reply.status_code == 400
    assert "Không thể ghi nhận phiếu" in reply.get_data(as_text=True)
    assert stored() == NOTHING


@pytest.mark.cms_config({"WTF_CSRF_ENABLED": True})
def test_a_post_without_the_csrf_token_is_refused(client, sipas):
    assert client.post("/sipas/", data=form_data()).status_code == 400
    assert stored() == NOTHING
    page = client.get("/sipas/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert client.post("/sipas/", data=form_data(csrf_token=token)).status_code == 303


@pytest.mark.cms_config({"RATELIMIT_ENABLED": True})
def test_a_client_is_rate_limited(client, sipas):
    save_plugin_settings("sipas", rate_limit="2 per minute")
    assert [client.post("/sipas/", data=form_data()).status_code for _ in range(3)] == [303, 303, 429]
    assert stored()["sipas_response"] == 2
    other = client.post("/sipas/", data=form_data(), environ_base={"REMOTE_ADDR": "198.51.100.9"})
    assert other.status_code == 303, "another client is not affected"


@pytest.mark.cms_config({"RATELIMIT_ENABLED": True})
def test_a_broken_rate_limit_setting_falls_back_to_the_default(client, sipas):
    store_raw_plugin_setting("sipas", "rate_limit", "lots")
    assert client.post("/sipas/", data=form_data()).status_code == 303


def test_one_response_per_case_code(client, sipas):
    assert client.post("/sipas/", data=form_data(case_code="000.00.23.H01-240304-0001")).status_code == 303
    again = client.post("/sipas/", data=form_data(case_code=" 000.00.23.h01-240304-0001 "))
    assert again.status_code == 400
    assert "Hồ sơ này đã được đánh giá" in again.get_data(as_text=True)
    assert stored()["sipas_response"] == 1
    kept = db.session.scalar(select(Response.case_hash))
    assert len(kept) == 64 and "H01" not in kept, "only a keyed hash is kept"
    assert client.post("/sipas/", data=form_data(case_code="000.00.23.H01-240304-0002")).status_code == 303


def test_case_codes_may_repeat_when_the_setting_is_off(client, sipas):
    save_plugin_settings("sipas", one_per_case=False)
    for _ in range(2):
        assert client.post("/sipas/", data=form_data(case_code="HS-1")).status_code == 303
    assert db.session.scalars(select(Response.case_hash)).all() == [None, None]


def test_a_closed_survey_takes_no_answers(client, sipas):
    sipas.survey.is_open = False
    db.session.commit()
    assert "không nhận phiếu" in client.get("/sipas/").get_data(as_text=True)
    assert client.post("/sipas/", data=form_data()).status_code == 400
    assert stored() == NOTHING


def test_an_unknown_survey_is_not_found(client, sipas):
    assert client.get("/sipas/khao-sat/khong-co").status_code == 404


def test_the_kiosk_fixes_the_point_and_returns_to_a_fresh_form(client, sipas):
    page = client.get("/sipas/kiosk/p2").get_data(as_text=True)
    assert 'class="sipas-kiosk"' in page and 'data-idle-seconds="90"' in page
    assert 'data-start-url="/sipas/kiosk/p2"' in page
    assert '<input type="hidden" name="point" value="p2">' in page and "kiosk.js" in page
    assert "site-header" not in page, "no site navigation to wander off into"
    reply = client.post("/sipas/kiosk/p2", data=form_data(point="p2"))
    assert reply.status_code == 303 and reply.headers["Location"] == "/sipas/kiosk/p2/cam-on"
    thanks = client.get(reply.headers["Location"]).get_data(as_text=True)
    assert 'data-idle-seconds="8" data-start-url="/sipas/kiosk/p2"' in thanks and "kiosk.js" in thanks
    assert db.session.scalar(select(Response.channel)) == "kiosk"
    assert client.post("/sipas/kiosk/p2", data=form_data(point="p1")).status_code == 400, "another point is refused"
    assert client.get("/sipas/kiosk/khong-co").status_code == 404
