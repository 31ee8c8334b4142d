"""Survey definitions are versioned: an edit after the first answer makes a
new version, so old answers and old reports never change."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from cms.plugin import db

from ..models import Answer, Response, Survey, Version
from ..periods import Period
from ..queries import current_version, default_survey, version_by_number
from ..report import Filters, build_report
from .sipas_helpers import answer

pytestmark = pytest.mark.plugins("sipas")


def report(survey, period):
    return build_report(Filters(survey=survey, period=period)).as_dict()


def march():
    return Period.month(2024, 3)


def edit_through_the_admin(client, survey_id: int) -> None:
    base = f"/admin/sipas/surveys/{survey_id}"
    replies = [
        client.post(f"{base}/questions/a1/edit", data={"text": "Biển chỉ dẫn rõ ràng, dễ thấy", "required": "y"}),
        client.post(f"{base}/elements/B/edit", data={"title": "Thủ tục hành chính", "weight": "1"}),
        client.post(f"{base}/questions/a2/retire", data={"retired": "1"}),
        client.post(f"{base}/questions/new?kind=rating&element=A", data={"text": "Có nước uống", "required": "y"}),
    ]
    assert [r.status_code for r in replies] == [302] * 4


def test_an_edit_after_answers_makes_a_new_version_and_old_reports_stay(client, login, answered):
    before = report(answered.survey, march())
    answers_before = sorted(tuple(r) for r in db.session.execute(select(Answer.__table__)).all())
    login("admin")
    edit_through_the_admin(client, answered.survey.id)
    db.session.expire_all()

    current = current_version(answered.survey)
    assert current.number == 2, "one new version for the whole series of edits"
    first = version_by_number(answered.survey, 1)
    assert first.question("a1").text == "Biển chỉ dẫn rõ ràng" and not first.question("a2").retired
    assert first.element("B").weight == 2.0 and first.question("a3") is None
    assert current.question("a1").text == "Biển chỉ dẫn rõ ràng, dễ thấy" and current.question("a2").retired
    assert current.element("B").weight == 1.0 and current.question("a3").element.code == "A"
    assert set(db.session.scalars(select(Response.version_id))) == {first.id}
    assert sorted(tuple(r) for r in db.session.execute(select(Answer.__table__)).all()) == answers_before
    assert report(answered.survey, march()) == before, "the report of March is unchanged"


def test_new_answers_use_the_new_version_and_reports_follow_it(client, login, answered):
    login("admin")
    edit_through_the_admin(client, answered.survey.id)
    db.session.expire_all()
    response = answer(answered.survey, answered.points["p1"], date(2024, 4, 2), {"a1": 5, "a3": 4, "b1": 2})
    assert response.version_id == current_version(answered.survey).id
    april = report(answered.survey, Period.month(2024, 4))
    assert april["structure_version"] == 2
    assert [[s["key"] for s in e["statements"]] for e in april["elements"]] == [["a1", "a3"], ["b1", "b2"]]
    both = report(answered.survey, Period.custom(date(2024, 3, 1), date(2024, 4, 30)))
    assert both["responses_by_version"] == {"1": 4, "2": 1}
    a1 = both["elements"][0]["statements"][0]
    assert (a1["valid"], a1["satisfied"]) == (5, 3), "a1 counts its answers in both versions"
    # A = mean(a1 3/5 = 60, a3 1/1 = 100) = 80; B = mean(b1 3/5 = 60, b2 1/2 = 50) = 55; weights now 1 and 1
    assert both["index"] == 67.5
    assert db.session.scalar(select(func.count(Response.id))) == 5


def test_form_follows_the_current_version(client, login, answered):
    login("admin")
    edit_through_the_admin(client, answered.survey.id)
    page = client.get("/sipas/").get_data(as_text=True)
    assert "Có nước uống" in page and "Đủ chỗ ngồi" not in page, "retired statements leave the form"
    assert "dễ thấy" in page


def test_an_unanswered_version_is_edited_in_place(client, login, sipas):
    login("admin")
    reply = client.post(f"/admin/sipas/surveys/{sipas.survey.id}/questions/a1/edit",
                        data={"text": "Biển chỉ dẫn mới", "required": "y"}, follow_redirects=True)
    assert "Đã lưu." in reply.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Version.id)).where(Version.survey_id == sipas.survey.id)) == 1
    assert current_version(sipas.survey).question("a1").text == "Biển chỉ dẫn mới"


def test_the_admin_is_told_when_a_new_version_starts(client, login, answered):
    login("admin")
    reply = client.post(f"/admin/sipas/surveys/{answered.survey.id}/questions/a1/retire", data={"retired": "1"},
                        follow_redirects=True)
    assert "phiên bản mới số 2" in reply.get_data(as_text=True)
    history = client.get(f"/admin/sipas/surveys/{answered.survey.id}/versions").get_data(as_text=True)
    assert "(hiện tại)" in history
    old = client.get(f"/admin/sipas/surveys/{answered.survey.id}/versions/1").get_data(as_text=True)
    assert "Biển chỉ dẫn rõ ràng" in old and "ngừng sử dụng" not in old


def test_reorder_questions_and_elements(client, login, sipas):
    login("admin")
    base = f"/admin/sipas/surveys/{sipas.survey.id}"
    client.post(f"{base}/questions/a2/move", data={"step": "up"})
    client.post(f"{base}/elements/B/move", data={"step": "up"})
    client.post(f"{base}/elements/B/move", data={"step": "up"})  # already first: nothing happens
    db.session.expire_all()
    version = current_version(sipas.survey)
    assert [e.code for e in sorted(version.elements, key=lambda e: e.position)] == ["B", "A"]
    assert [q.key for q in version.element("A").statements()] == ["a2", "a1"]
    assert version.question("a2").label == "A1"


def test_answered_questions_can_only_be_retired_and_their_keys_stay_taken(client, login, answered):
    login("admin")
    base = f"/admin/sipas/surveys/{answered.survey.id}"
    client.post(f"{base}/questions/new?kind=rating&element=A", data={"text": "Mới", "required": "y"})
    db.session.expire_all()
    assert current_version(answered.survey).question("a3") is not None
    refused = client.post(f"{base}/questions/a1/delete", follow_redirects=True).get_data(as_text=True)
    assert "chỉ có thể ngừng sử dụng" in refused
    client.post(f"{base}/questions/a3/delete")  # never answered, added since the last answered version
    db.session.expire_all()
    assert current_version(answered.survey).question("a3") is None
    client.post(f"{base}/questions/new?kind=rating&element=A", data={"text": "Mới nữa", "required": "y"})
    client.post(f"{base}/questions/new?kind=choice", data={"text": "Hỏi thêm", "options": "Có\nKhông"})
    db.session.expire_all()
    version = current_version(answered.survey)
    assert version.question("a3").text == "Mới nữa", "a3 was never answered, so its key is free again"
    assert version.question("p1").options == ["Có", "Không"]


def test_a_choice_question_needs_two_options(client, login, sipas):
    login("admin")
    reply = client.post(f"/admin/sipas/surveys/{sipas.survey.id}/questions/new?kind=choice",
                        data={"text": "Giới tính", "options": "Nam"})
    assert reply.status_code == 200 and "Cần ít nhất hai phương án." in reply.get_data(as_text=True)


def test_weights_accept_a_decimal_comma_and_refuse_nonsense(client, login, sipas):
    login("admin")
    url = f"/admin/sipas/surveys/{sipas.survey.id}/elements/A/edit"
    refused = client.post(url, data={"title": "A", "weight": "nhiều"}).get_data(as_text=True)
    assert "Nhập một số từ 0 đến 100." in refused
    assert client.post(url, data={"title": "Tiếp cận", "weight": "1,5"}).status_code == 302
    db.session.expire_all()
    assert current_version(sipas.survey).element("A").weight == 1.5


def test_copy_a_survey(client, login, answered):
    login("admin")
    reply = client.post(f"/admin/sipas/surveys/{answered.survey.id}/copy", data={"title": "Khảo sát năm 2025"})
    assert reply.status_code == 302
    copy = db.session.scalar(select(Survey).where(Survey.title == "Khảo sát năm 2025"))
    assert copy.slug == "khao-sat-nam-2025" and not copy.is_open and not copy.is_default
    source, copied = current_version(answered.survey), current_version(copy)
    assert copied.number == 1
    assert [(q.key, q.text, q.kind) for q in copied.questions] == [(q.key, q.text, q.kind) for q in source.questions]
    assert [(e.code, e.weight) for e in copied.elements] == [("A", 1.0), ("B", 2.0)]
    assert not {q.id for q in copied.questions} & {q.id for q in source.questions}


def test_create_a_survey_and_make_it_the_default(client, login, sipas):
    login("admin")
    reply = client.post("/admin/sipas/surveys/new", data={"title": "Khảo sát chính sách", "is_open": "y",
                                                          "is_default": "y"})
    assert reply.status_code == 302
    created = db.session.scalar(select(Survey).where(Survey.slug == "khao-sat-chinh-sach"))
    assert default_survey().id == created.id
    assert db.session.scalar(select(func.count(Survey.id)).where(Survey.is_default.is_(True))) == 1
    page = client.get("/sipas/")
    assert "không nhận phiếu" in page.get_data(as_text=True), "a survey without statements takes no answers"
