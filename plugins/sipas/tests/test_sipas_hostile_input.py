"""What a hostile citizen or a careless click can send the survey: comments
that a spreadsheet would run as formulas, redirect targets that leave the
site, dates and numbers no report can hold, NUL characters."""
from __future__ import annotations

import csv
import io
from datetime import date
from urllib.parse import urlsplit

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from cms.plugin import db

from ..models import Comment
from .sipas_helpers import answer, form_data, stored

pytestmark = pytest.mark.plugins("sipas")

MARCH = "survey=khao-sat-thu&period=month&year=2024&month=3"
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)",
            "\t=1+1", "\r=1+1", "＝HYPERLINK(\"http://evil.example\")"]
RATINGS = {"a1": 4, "a2": 4, "b1": 4}


@pytest.fixture
def hostile_comments(sipas):
    for number, text in enumerate(FORMULAS, 1):
        answer(sipas.survey, sipas.points["p1"], date(2024, 3, number), RATINGS, text=text)
    sipas.points["p1"].name = "=1+2 xã Một"  # an admin's typo in a name is not a formula either
    db.session.commit()
    return sipas


def test_the_csv_export_keeps_formulas_inert(client, login, hostile_comments):
    login("editor")
    text = client.get(f"/admin/sipas/results.csv?{MARCH}").get_data().decode("utf-8").lstrip("\ufeff")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    for formula in FORMULAS + ["=1+2 xã Một"]:
        assert "'" + formula in cells, f"{formula!r} is not neutralised"
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert str(len(FORMULAS)) in cells, "numbers stay numbers (the count of responses)"


def test_the_excel_export_keeps_formulas_inert(client, login, hostile_comments):
    login("editor")
    book = load_workbook(io.BytesIO(client.get(f"/admin/sipas/results.xlsx?{MARCH}").get_data()))
    cells = [cell for row in book.active.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"], "no cell is a formula"
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    for formula in FORMULAS + ["=1+2 xã Một"]:
        assert "'" + formula.replace("\r", "\n") in texts, f"{formula!r} is not neutralised"  # XML keeps no CR
    assert [cell.value for cell in cells if cell.data_type == "n"], "numbers stay numbers"


HOSTILE_TARGETS = ["//evil.example/", "/%09/evil.example", "/\t/evil.example", "/\\evil.example",
                   "/%5Cevil.example", "%2F%2Fevil.example", "/%2F/evil.example", "https://evil.example/",
                   "javascript:alert(1)", "/%0d%0a/evil.example", "/%252F%252Fevil.example"]


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_moderation_comes_back_only_to_this_site(client, login, sipas, target):
    answer(sipas.survey, sipas.points["p1"], date(2024, 3, 5), RATINGS, text="Cần thêm ghế chờ")
    comment = db.session.scalar(select(Comment))
    login("editor")
    reply = client.post(f"/admin/sipas/comments/{comment.id}/visibility", data={"hidden": "1", "next": target})
    assert reply.status_code == 302
    assert urlsplit(reply.headers["Location"]).path == "/admin/sipas/results/"


@pytest.mark.parametrize("query", [
    "period=custom&start=2024-01-01&end=9999-12-31", "period=custom&start=0001-01-01&end=0001-12-31",
    "period=year&year=%C2%B2", "period=custom&start=9999-12-31&end=9999-12-31", "level=%C2%B2",
    "level=99999999999999999999",
])
def test_public_results_refuse_dates_and_numbers_out_of_bounds(client, sipas, query):
    sipas.survey.public_results = True
    db.session.commit()
    page = client.get(f"/sipas/ket-qua/khao-sat-thu?{query}")
    assert page.status_code == 400 and "<main" in page.get_data(as_text=True)
    assert client.get(f"/sipas/ket-qua/khao-sat-thu.json?{query}").status_code == 400


def test_staff_results_refuse_odd_page_numbers(client, login, sipas):
    login("editor")
    for page in ("%C2%B2", "99999999999999999999", "0", "-1"):
        assert client.get(f"/admin/sipas/results/?{MARCH}&page={page}").status_code == 404


@pytest.mark.parametrize("field", ["point", "q_t1", "case_code"])
def test_a_nul_character_in_the_form_is_refused(client, sipas, field):
    reply = client.post("/sipas/", data=form_data(**{field: "p1\x00" if field == "point" else "ghế\x00chờ"}))
    assert reply.status_code == 400
    assert stored()["sipas_response"] == 0
