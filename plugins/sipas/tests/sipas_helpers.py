"""Helpers for the SIPAS tests: the hand-worked responses (see conftest.py)
and shortcuts to answer the survey and count what was stored."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from cms.plugin import db

from ..models import Answer, Comment, Count, Response, Tally
from ..queries import current_version
from ..services.responses import Submission, save

HAND_WORKED = [
    ("p1", date(2024, 3, 4), {"a1": 5, "a2": 3, "b1": 4, "b2": 0}),
    ("p1", date(2024, 3, 15), {"a1": 4, "a2": 2, "b1": 3}),
    ("p2", date(2024, 3, 20), {"a1": 3, "a2": 5, "b1": 5, "b2": 5}),
    ("p2", date(2024, 3, 31), {"a1": 1, "a2": 4, "b1": 4, "b2": 2}),
]


def answer(survey, point, day, ratings: dict[str, int], *, channel="web", text="", field=None, case_code=""):
    """Store one response through the same path the forms use."""
    version = current_version(survey)
    by_key = {q.key: q for q in version.questions}
    texts = {q.id: text for q in version.questions if q.kind == "text"} if text else {}
    return save(Submission(survey=survey, version=version, point=point, field=field, channel=channel,
                           answered_on=day, answers={by_key[k].id: v for k, v in ratings.items()}, texts=texts,
                           case_code=case_code), one_per_case=True)


def stored() -> dict[str, int]:
    """How many rows each of the survey's data tables holds."""
    return {model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
            for model in (Response, Answer, Comment, Tally, Count)}


def form_data(**changes) -> dict[str, str]:
    """A complete, valid questionnaire for the hand-worked survey; ``None`` drops a field."""
    data = {"point": "p1", "field": "", "case_code": "", "website": "",
            "q_a1": "4", "q_a2": "5", "q_b1": "3", "q_b2": "0", "q_t1": "Cần thêm ghế chờ."}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
