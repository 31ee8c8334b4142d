"""A small survey worked out by hand, and helpers to answer it.

Two elements: A (weight 1) with statements a1, a2 (required) and B
(weight 2) with b1 (required) and b2 (optional). Four responses in March
2024, two at each of two service points::

            a1  a2  b1  b2
    P1 r1    5   3   4   don't know
    P1 r2    4   2   3   (blank)
    P2 r3    3   5   5   5
    P2 r4    1   4   4   2

Statement indices (4 and 5 count, 3 does not, blanks and "don't know" are
left out): a1 2/4 = 50, a2 2/4 = 50, b1 3/4 = 75, b2 1/2 = 50.
Elements: A = (50 + 50) / 2 = 50, B = (75 + 50) / 2 = 62.5.
Overall, weighted: (1 × 50 + 2 × 62.5) / 3 = 58.33; × 32 points = 18.67.
Per point: P1 A = (100 + 0) / 2 = 50, B = 50 (b2 has no valid answer),
overall 50; P2 A = 50, B = (100 + 50) / 2 = 75, overall (50 + 150) / 3 = 66.67.
"""
from __future__ import annotations

import pytest

from cms.plugin import db

from ..models import RATING, TEXT, Level, Point, ServiceField
from ..services import definitions as surveys
from .sipas_helpers import HAND_WORKED, answer


@pytest.fixture
def sipas(app):
    """The hand-worked survey, its points and a field, as a namespace."""
    level = Level(name="Cấp xã", position=1)
    province = Level(name="Cấp tỉnh", position=0)
    db.session.add_all([level, province])
    db.session.flush()
    points = {
        "p1": Point(code="p1", name="Điểm phục vụ xã Một", level_id=level.id, position=1),
        "p2": Point(code="p2", name="Trung tâm tỉnh", level_id=province.id, position=0),
    }
    land = ServiceField(code="dat-dai-thu", name="Đất đai (thử)", position=1)
    db.session.add_all([*points.values(), land])
    survey = surveys.create_survey("Khảo sát thử", None)
    survey.is_open = True
    surveys.make_default(survey)
    surveys.add_element(survey, "Tiếp cận dịch vụ", 1.0, None)
    surveys.add_element(survey, "Thủ tục hành chính", 2.0, None)
    for code, text, required in (("A", "Biển chỉ dẫn rõ ràng", True), ("A", "Đủ chỗ ngồi", True),
                                 ("B", "Thủ tục niêm yết công khai", True), ("B", "Phí đúng quy định", False)):
        surveys.add_question(survey, RATING, text, None, element_code=code, required=required)
    surveys.add_question(survey, TEXT, "Góp ý của Ông/Bà", None)
    db.session.commit()

    class Namespace:
        pass

    ns = Namespace()
    ns.survey, ns.points, ns.field, ns.level = survey, points, land, level
    return ns


@pytest.fixture
def answered(sipas):
    """The hand-worked survey with its four responses."""
    for point, day, ratings in HAND_WORKED:
        answer(sipas.survey, sipas.points[point], day, ratings)
    return sipas
