"""The hand-worked figures of conftest.py, as staff and the public see them:
the dashboard, the JSON endpoint, the CSV and Excel exports and the public
page all show the same numbers. And who may see them."""
from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from cms.plugin import db

from ..models import Comment, Point
from ..report import rounded
from .sipas_helpers import answer

pytestmark = pytest.mark.plugins("sipas")

MARCH = "survey=khao-sat-thu&period=month&year=2024&month=3"


def text_of(page: str, attribute: str, value: str) -> str:
    """The text of the table row marked ``data-<attribute>="<value>"``, tags removed."""
    row = re.search(rf'<tr data-{attribute}="{value}">(.*?)</tr>', page, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", row).split())


def test_dashboard_shows_the_hand_worked_index(client, login, answered):
    login("editor")
    page = client.get(f"/admin/sipas/results/?{MARCH}").get_data(as_text=True)
    assert re.search(r'data-figure="overall">58,33%', page)
    assert re.search(r'data-figure="responses">4<', page)
    assert re.search(r'data-figure="points">18,67<small>/32', page)
    assert text_of(page, "element", "A").endswith("1 50,00")
    assert text_of(page, "element", "B").endswith("2 62,50")
    assert text_of(page, "statement", "a1").endswith("1 0 1 1 1 0 0 4 50,00")
    assert text_of(page, "statement", "b1").endswith("0 0 1 2 1 0 0 4 75,00")
    assert text_of(page, "statement", "b2").endswith("0 1 0 0 1 1 1 2 50,00"), "1 don't know, 1 blank, 2 valid"
    assert text_of(page, "point", "p2").startswith("1 Trung tâm tỉnh Cấp tỉnh 2 50,00 75,00 66,67")
    assert text_of(page, "point", "p1").startswith("2 Điểm phục vụ xã Một Cấp xã 2 50,00 50,00 50,00")


def test_json_gives_the_same_figures(client, login, answered):
    login("editor")
    data = client.get(f"/admin/sipas/results.json?{MARCH}").get_json()
    assert (data["responses"], data["index"], data["points"]) == (4, 58.33, 18.67)
    assert [(e["code"], e["weight"], e["index"]) for e in data["elements"]] == [("A", 1.0, 50.0), ("B", 2.0, 62.5)]
    b2 = data["elements"][1]["statements"][1]
    assert (b2["answers"], b2["dont_know"], b2["blank"], b2["valid"], b2["satisfied"], b2["index"]) == (
        {"1": 0, "2": 1, "3": 0, "4": 0, "5": 1}, 1, 1, 2, 1, 50.0)
    assert [(r["key"], r["rank"], r["index"]) for r in data["ranking"]] == [("p2", 1, 66.67), ("p1", 2, 50.0)]
    assert data["filters"]["period"] == {"kind": "month", "start": "2024-03-01", "end": "2024-03-31",
                                         "label": "Tháng 3/2024"}


def _rows(table) -> dict[str, list]:
    """Rows of an export by their first cell (and by statement label)."""
    return {str(row[0]): list(row) for row in table if row and row[0] not in (None, "")}


def test_csv_export_gives_the_same_figures(client, login, answered):
    login("editor")
    reply = client.get(f"/admin/sipas/results.csv?{MARCH}")
    assert reply.headers["Content-Disposition"].endswith('sipas-khao-sat-thu-20240301-20240331.csv"')
    text = reply.get_data().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = _rows(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows["Chỉ số hài lòng chung (%)"][1] == "58.33"
    assert rows["Điểm quy đổi"][1:] == ["18.67", "trên 32 điểm"]
    assert rows["Số phiếu"][1] == "4"
    assert rows["A"][2:] == ["1.0", "50.0"] and rows["B"][2:] == ["2.0", "62.5"]
    assert rows["B2"][2:] == ["0", "1", "0", "0", "1", "1", "1", "2", "1", "50.0"]
    assert rows["1"][1:5] == ["Trung tâm tỉnh", "Cấp tỉnh", "2", "66.67"]
    assert "Kết quả khảo sát do đơn vị tự tổ chức, không phải Chỉ số SIPAS chính thức" in text


def test_excel_export_gives_the_same_figures(client, login, answered):
    login("editor")
    reply = client.get(f"/admin/sipas/results.xlsx?{MARCH}")
    assert reply.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(reply.get_data())).active
    rows = _rows(sheet.iter_rows(values_only=True))
    assert "BÁO CÁO KẾT QUẢ KHẢO SÁT" in sheet["A2"].value
    assert rows["Kỳ báo cáo"][1] == "Tháng 3/2024"
    assert rows["Chỉ số hài lòng chung (%)"][1] == 58.33
    assert rows["Điểm quy đổi"][1] == 18.67
    assert rows["A"][2:4] == [1.0, 50.0] and rows["B"][2:4] == [2.0, 62.5]
    assert rows["B2"][2:12] == [0, 1, 0, 0, 1, 1, 1, 2, 1, 50.0]
    assert rows["2"][1:5] == ["Điểm phục vụ xã Một", "Cấp xã", 2, 50.0]


def test_points_use_the_maximum_asked_for(client, login, answered):
    login("editor")
    data = client.get(f"/admin/sipas/results.json?{MARCH}&max=24").get_json()
    assert data["points"] == 14.0  # 58.333... x 24 / 100


def test_the_reference_towns_scorecard_conversions():
    assert [rounded(index * maximum / 100) for index, maximum in ((78.06, 24), (71.04, 24), (91.75, 32))] == [
        18.73, 17.05, 29.36]


def test_filters_are_validated(client, login, answered):
    login("editor")
    reply = client.get("/admin/sipas/results.json?period=month&year=2024&month=13&channel=fax&point=nowhere")
    assert reply.status_code == 400
    assert set(reply.get_json()["errors"]) == {"month", "channel", "point"}
    page = client.get("/admin/sipas/results/?period=custom&start=2024-05-01&end=2024-04-01")
    assert page.status_code == 400 and "Ngày kết thúc phải sau ngày bắt đầu." in page.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/admin/sipas/results/", "/admin/sipas/results.json", "/admin/sipas/results.csv",
                                 "/admin/sipas/results.xlsx"])
def test_results_are_for_editors_and_admins(client, login, answered, url):
    assert client.get(url).status_code == 302, "anonymous visitors are sent to the login page"
    login("author")
    assert client.get(url).status_code == 403
    login("editor")
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/admin/sipas/surveys/", "/admin/sipas/points/new", "/admin/sipas/fields/",
                                 "/admin/sipas/levels/", "/admin/sipas/surveys/new"])
def test_questionnaires_and_points_are_for_admins(client, login, sipas, url):
    login("editor")
    assert client.get(url).status_code == 403
    login("admin")
    assert client.get(url).status_code == 200


def test_comments_are_moderated(client, login, sipas):
    ratings = {"a1": 4, "a2": 4, "b1": 4}
    answer(sipas.survey, sipas.points["p1"], date(2024, 3, 5), ratings, text="Số điện thoại riêng 0900")
    answer(sipas.survey, sipas.points["p2"], date(2024, 3, 6), ratings, text="Cần thêm ghế chờ")
    comment = db.session.scalar(select(Comment).where(Comment.body.startswith("Số")))
    login("author")
    assert client.post(f"/admin/sipas/comments/{comment.id}/visibility", data={"hidden": "1"}).status_code == 403
    login("editor")
    reply = client.post(f"/admin/sipas/comments/{comment.id}/visibility",
                        data={"hidden": "1", "next": f"/admin/sipas/results/?{MARCH}"})
    assert reply.status_code == 302 and reply.headers["Location"].endswith(MARCH)
    page = client.get(f"/admin/sipas/results/?{MARCH}").get_data(as_text=True)
    assert "Đã ẩn" in page and "Hiện lại" in page
    exported = client.get(f"/admin/sipas/results.csv?{MARCH}").get_data().decode()
    assert "Cần thêm ghế chờ" in exported and "0900" not in exported
    client.post(f"/admin/sipas/comments/{comment.id}/visibility", data={"hidden": "0"})
    assert "0900" in client.get(f"/admin/sipas/results.csv?{MARCH}").get_data().decode()


def test_the_dashboard_query_count_does_not_grow_with_points_or_comments(client, login, answered, count_queries):
    def add_points(numbers) -> None:
        for n in numbers:
            point = Point(code=f"p{n}", name=f"Xã số {n}", level_id=answered.level.id)
            db.session.add(point)
            db.session.commit()
            answer(answered.survey, point, date(2024, 3, n), {"a1": 5, "a2": 4, "b1": 4}, text=f"Ý kiến {n}")
        db.session.expire_all()  # the test shares the app's session: each count starts from the database

    login("editor")
    add_points([3])  # one commented point, so the baseline runs every query a comment needs
    client.get(f"/admin/sipas/results/?{MARCH}")  # and warm the per-worker caches
    db.session.expire_all()
    with count_queries() as before:
        client.get(f"/admin/sipas/results/?{MARCH}")
    add_points(range(4, 9))
    with count_queries() as after:
        page = client.get(f"/admin/sipas/results/?{MARCH}").get_data(as_text=True)
    assert "Xã số 8" in page and "Ý kiến 8" in page
    assert len(after) == len(before)


def test_the_public_page_is_switched_on_per_survey(client, answered):
    url = "/sipas/ket-qua/khao-sat-thu?period=month&year=2024&month=3"
    assert client.get(url).status_code == 404
    assert client.get("/sipas/ket-qua/khao-sat-thu.json").status_code == 404
    answered.survey.public_results = True
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert re.search(r'data-figure="overall">58,33%', page)
    assert text_of(page, "point", "p2").endswith("66,67")
    assert "không phải Chỉ số hài lòng (SIPAS) chính thức" in page
    assert "Cần thêm" not in page and "sipas-comments" not in page, "no comments in public"
    data = client.get("/sipas/ket-qua/khao-sat-thu.json?period=month&year=2024&month=3&channel=qr").get_json()
    assert data["index"] == 58.33 and data["filters"]["channel"] is None, "the public JSON ignores staff filters"
    assert "Khảo sát thử" in client.get("/sipas/ket-qua/").get_data(as_text=True)
