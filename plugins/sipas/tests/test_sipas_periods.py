"""Reporting periods: how a range of days is read from the totals, and the
buckets of the trend chart."""
from __future__ import annotations

from datetime import date

import pytest

from cms.plugin import ValidationError

from ..periods import Period, parse_period, spans

pytestmark = pytest.mark.plugins("sipas")


@pytest.mark.parametrize("start, end, expected", [
    (date(2024, 3, 1), date(2024, 3, 31), [("month", 202403, 202403)]),
    (date(2024, 3, 1), date(2024, 3, 15), [("day", 20240301, 20240315)]),
    (date(2024, 2, 15), date(2024, 3, 31), [("month", 202403, 202403), ("day", 20240215, 20240229)]),
    (date(2023, 12, 15), date(2024, 12, 14),
     [("month", 202401, 202411), ("day", 20231215, 20231231), ("day", 20241201, 20241214)]),
    (date(2024, 3, 5), date(2024, 4, 2), [("day", 20240305, 20240402)]),
])
def test_whole_months_come_from_monthly_totals_and_edges_from_daily_ones(start, end, expected):
    assert spans(start, end) == expected


def test_trend_buckets():
    assert Period.month(2024, 3).trend().keys() == [202304 + n for n in range(9)] + [202401, 202402, 202403]
    assert Period.quarter(2024, 2).trend().keys() == [20223, 20224, 20231, 20232, 20233, 20234, 20241, 20242]
    assert Period.year(2024).trend().keys() == [2020, 2021, 2022, 2023, 2024]
    custom = Period.custom(date(2023, 12, 15), date(2024, 2, 10)).trend()
    assert (custom.granularity, custom.keys()) == ("month", [202312, 202401, 202402])
    assert Period.custom(date(2020, 1, 1), date(2024, 12, 31)).trend().granularity == "quarter"


def test_labels_and_parsing(app):
    assert Period.quarter(2024, 4).label == "Quý IV/2024"
    assert parse_period({"period": "month", "year": "2024", "month": "3"}) == Period.month(2024, 3)
    assert parse_period({"period": "custom", "start": "2023-12-15", "end": "2024-12-14"}).label == (
        "Từ 15/12/2023 đến 14/12/2024")
    with pytest.raises(ValidationError) as refused:
        parse_period({"period": "quarter", "year": "2024", "quarter": "5"})
    assert refused.value.errors == {"quarter": "Quý không hợp lệ."}
    with pytest.raises(ValidationError):
        parse_period({"period": "custom", "start": "2020-01-01", "end": "2026-01-01"})
