"""The index formula on the hand-worked fixture of conftest.py."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from cms.plugin import db

from ..models import Count, Tally
from ..periods import Period
from ..report import Filters, build_report
from ..tally import rebuild

pytestmark = pytest.mark.plugins("sipas")


def build(survey, **kwargs):
    kwargs.setdefault("period", Period.month(2024, 3))
    return build_report(Filters(survey=survey, **kwargs))


def test_statement_element_and_overall_index(answered):
    report = build(answered.survey)
    assert report.responses == 4
    a, b = report.elements
    assert [s.index for s in a.statements] == [50.0, 50.0]
    assert [s.index for s in b.statements] == [75.0, 50.0]
    assert (a.index, b.index) == (50.0, 62.5)
    assert round(report.overall, 2) == 58.33
    assert report.points == 18.67


def test_distribution_counts_dont_know_and_blank_apart(answered):
    b2 = build(answered.survey).elements[1].statements[1]
    assert b2.counts == {0: 1, 1: 0, 2: 1, 3: 0, 4: 0, 5: 1}
    assert (b2.blank, b2.valid, b2.satisfied) == (1, 2, 1)


def test_ranking_of_service_points(answered):
    ranking = build(answered.survey).ranking
    assert [(r.key, r.rank, round(r.index, 2), r.responses) for r in ranking] == [
        ("p2", 1, 66.67, 2), ("p1", 2, 50.0, 2)]
    assert ranking[1].elements == {"A": 50.0, "B": 50.0}


def test_point_filter_and_edges_of_a_custom_range(answered):
    only_p1 = build(answered.survey, point=answered.points["p1"])
    assert (only_p1.responses, only_p1.overall) == (2, 50.0)
    assert only_p1.ranking == []
    # 15–20 March: one response at each point, read from the daily totals.
    middle = build(answered.survey, period=Period.custom(date(2024, 3, 15), date(2024, 3, 20)))
    assert middle.responses == 2
    assert [s.index for s in middle.elements[0].statements] == [50.0, 50.0]


def test_trend_by_month(answered):
    trend = build(answered.survey, period=Period.quarter(2024, 1)).trend
    assert len(trend) == 8
    assert [(t.label, t.responses) for t in trend[-2:]] == [("IV/2023", 0), ("I/2024", 4)]
    assert round(trend[-1].index, 2) == 58.33 and trend[-2].index is None


def test_totals_match_a_rebuild_from_the_answers(answered):
    def snapshot():
        tally = sorted(tuple(r) for r in db.session.execute(select(Tally.__table__)).all())
        count = sorted(tuple(r) for r in db.session.execute(select(Count.__table__)).all())
        return tally, count

    before = snapshot()
    rebuild(answered.survey.id)
    db.session.commit()
    assert snapshot() == before
    # 4 days x 4 statements at the grain of the day, 2 points x 4 statements at the grain of the month
    assert len(before[0]) == 16 + 8
