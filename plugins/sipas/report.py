"""The satisfaction index, computed in SQL over the running totals.

For a survey, a period and optional filters:

* statement index = answers of 4 or 5 ÷ answers from 1 to 5 × 100
  ("don't know" and blanks are left out; a neutral 3 is not satisfied);
* element index = mean of its statements' indices (statements nobody
  rated are left out of the mean);
* overall index = mean of the element indices weighted by the elements'
  weights.

All three levels are SQL: ``GROUP BY`` over :class:`~.models.Tally` rows
for the statements, an outer ``GROUP BY`` for the elements and a window
function for the weighted mean, optionally per service point (ranking) or
per month, quarter or year (trend).

A report uses the structure and weights of the newest version answered in
the period (or the version asked for): answers to a statement in earlier
versions count toward the statement with the same key. An edit therefore
never changes the report of a period before it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable

from sqlalchemy import Float, and_, case, cast, func, select, union_all
from sqlalchemy.orm import aliased

from cms.plugin import db

from .models import (DAY, MONTH, RATING, TALLY_COUNTS, Count, Element, Level, Point, Question, Response,
                     ServiceField, Survey, Tally, Version)
from .periods import Period, spans
from .queries import current_version, version_by_number

SCALE_COLUMNS = ("n1", "n2", "n3", "n4", "n5")


def rounded(value: float | None, places: int = 2) -> float | None:
    """Half-up rounding, the way a figure is rounded by hand, used by every output."""
    if value is None:
        return None
    return float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))


@dataclass(frozen=True)
class Filters:
    survey: Survey
    period: Period
    point: Point | None = None
    level: Level | None = None
    field: ServiceField | None = None
    channel: str | None = None
    version: Version | None = None
    points_max: float = 32.0

    def cell_conditions(self, table: Any) -> list:
        """Conditions on a totals table (``sipas_tally`` or ``sipas_count``)."""
        conditions = [table.c.survey_id == self.survey.id]
        if self.point is not None:
            conditions.append(table.c.point_id == self.point.id)
        if self.level is not None:
            conditions.append(table.c.point_id.in_(select(Point.id).where(Point.level_id == self.level.id)))
        if self.field is not None:
            conditions.append(table.c.field_id == self.field.id)
        if self.channel:
            conditions.append(table.c.channel == self.channel)
        if self.version is not None:
            if "version_id" in table.c:
                conditions.append(table.c.version_id == self.version.id)
            else:
                conditions.append(table.c.question_id.in_(
                    select(Question.id).where(Question.version_id == self.version.id)))
        return conditions

    def response_conditions(self) -> list:
        """The same filters on responses (for comments)."""
        conditions = [Response.survey_id == self.survey.id,
                      Response.answered_on.between(self.period.start, self.period.end)]
        if self.point is not None:
            conditions.append(Response.point_id == self.point.id)
        if self.level is not None:
            conditions.append(Response.point_id.in_(select(Point.id).where(Point.level_id == self.level.id)))
        if self.field is not None:
            conditions.append(Response.field_id == self.field.id)
        if self.channel:
            conditions.append(Response.channel == self.channel)
        if self.version is not None:
            conditions.append(Response.version_id == self.version.id)
        return conditions

    def as_dict(self) -> dict[str, Any]:
        return {
            "survey": self.survey.slug,
            "period": self.period.as_dict(),
            "point": self.point.code if self.point else None,
            "level": self.level.name if self.level else None,
            "field": self.field.code if self.field else None,
            "channel": self.channel,
            "version": self.version.number if self.version else None,
            "points_max": self.points_max,
        }


# -- results ------------------------------------------------------------------

@dataclass
class StatementResult:
    key: str
    label: str
    text: str
    counts: dict[int, int]  # 0 ("don't know") and 1..5
    blank: int
    index: float | None

    @property
    def valid(self) -> int:
        return sum(self.counts[v] for v in range(1, 6))

    @property
    def satisfied(self) -> int:
        return self.counts[4] + self.counts[5]

    def share(self, value: int) -> float | None:
        """Percentage of valid answers with ``value``."""
        return self.counts[value] * 100 / self.valid if self.valid else None

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "text": self.text,
                "answers": {str(v): self.counts[v] for v in range(1, 6)}, "dont_know": self.counts[0],
                "blank": self.blank, "valid": self.valid, "satisfied": self.satisfied, "index": rounded(self.index)}


@dataclass
class ElementResult:
    code: str
    title: str
    weight: float
    index: float | None
    statements: list[StatementResult] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "title": self.title, "weight": self.weight, "index": rounded(self.index),
                "statements": [s.as_dict() for s in self.statements]}


@dataclass
class GroupResult:
    """The index of one service point (ranking) or one period (trend)."""

    key: Any
    label: str
    responses: int
    index: float | None
    elements: dict[str, float | None]
    rank: int | None = None
    level: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "rank": self.rank, "level": self.level or None,
                "responses": self.responses, "index": rounded(self.index),
                "elements": {code: rounded(value) for code, value in self.elements.items()}}


@dataclass
class Report:
    filters: Filters
    version: Version
    versions: dict[int, int]  # version number -> responses
    responses: int
    elements: list[ElementResult]
    overall: float | None
    ranking: list[GroupResult]
    trend: list[GroupResult]
    trend_granularity: str

    @property
    def points(self) -> float | None:
        """The scorecard points: index × the criterion's maximum."""
        return None if self.overall is None else rounded(self.overall * self.filters.points_max / 100)

    @property
    def element_codes(self) -> list[str]:
        return [e.code for e in self.elements]

    @property
    def change(self) -> float | None:
        """Percentage points since the previous period of the same kind."""
        if self.filters.period.kind == "custom" or len(self.trend) < 2:
            return None
        current, previous = self.trend[-1].index, self.trend[-2].index
        if current is None or previous is None:
            return None
        return rounded(current) - rounded(previous)

    def as_dict(self) -> dict[str, Any]:
        return {
            "survey": {"slug": self.filters.survey.slug, "title": self.filters.survey.title},
            "filters": self.filters.as_dict(),
            "structure_version": self.version.number,
            "responses": self.responses,
            "responses_by_version": {str(number): n for number, n in sorted(self.versions.items())},
            "index": rounded(self.overall),
            "points": self.points,
            "elements": [e.as_dict() for e in self.elements],
            "ranking": [r.as_dict() for r in self.ranking],
            "trend": {"granularity": self.trend_granularity, "periods": [t.as_dict() for t in self.trend]},
        }


# -- SQL ----------------------------------------------------------------------

def _source(model: Any, filters: Filters, start, end, columns: tuple[str, ...]) -> Any:
    """Rows of a totals table for a range of days: monthly rows for whole
    months, daily rows for the days at the edges, each with its ``month``."""
    table = model.__table__
    parts = []
    for grain, low, high in spans(start, end):
        month = table.c.period if grain == "month" else table.c.period // 100
        parts.append(select(month.label("month"), *(table.c[name] for name in columns)).where(
            *filters.cell_conditions(table), table.c.grain == (MONTH if grain == "month" else DAY),
            table.c.period.between(low, high)))
    return (union_all(*parts) if len(parts) > 1 else parts[0]).subquery("src")


def _tally(filters: Filters, start, end) -> Any:
    return _source(Tally, filters, start, end, ("point_id", "question_id", *TALLY_COUNTS))


def _counts(filters: Filters, start, end) -> Any:
    return _source(Count, filters, start, end, ("point_id", "version_id", "n"))


def _statement_map(survey: Survey, reference: Version) -> Any:
    """Every rated question of the survey, mapped by key to the statement of
    the reference version it counts toward."""
    question, statement = aliased(Question), aliased(Question)
    return (select(question.id.label("question_id"), statement.id.label("statement_id"),
                   statement.element_id.label("element_id"))
            .join(Version, Version.id == question.version_id)
            .join(statement, and_(statement.key == question.key, statement.version_id == reference.id,
                                  statement.kind == RATING, statement.retired.is_(False)))
            .where(Version.survey_id == survey.id, question.kind == RATING)).subquery("smap")


def _statement_level(src: Any, smap: Any, groups: dict[str, Any]) -> Any:
    """Counts and index per statement (and per group).

    The totals are first summed per question in a subquery without a join,
    so the database reads the range once, then the few resulting rows are
    mapped to statements."""
    per_question = (select(*(expr.label(name) for name, expr in groups.items()), src.c.question_id,
                           *(func.sum(src.c[name]).label(name) for name in TALLY_COUNTS))
                    .group_by(*groups.values(), src.c.question_id)).subquery("pq")
    names = [per_question.c[name] for name in groups]
    satisfied = func.sum(per_question.c.n4 + per_question.c.n5)
    valid = func.sum(per_question.c.n1 + per_question.c.n2 + per_question.c.n3 + per_question.c.n4
                     + per_question.c.n5)
    index = cast(satisfied, Float) * 100.0 / func.nullif(valid, 0)
    return (select(*names, smap.c.statement_id, smap.c.element_id,
                   *(func.sum(per_question.c[name]).label(name) for name in TALLY_COUNTS), index.label("idx"))
            .join(smap, smap.c.question_id == per_question.c.question_id)
            .group_by(*names, smap.c.statement_id, smap.c.element_id))


def _element_level(src: Any, smap: Any, groups: dict[str, Any]) -> Any:
    """Element index per group, with the group's weighted overall index
    alongside (a window over the group's elements)."""
    statements = _statement_level(src, smap, groups).subquery("st")
    names = list(groups)
    by_element = (select(*(statements.c[n] for n in names), statements.c.element_id, Element.weight,
                         func.avg(statements.c.idx).label("idx"))
                  .join(Element, Element.id == statements.c.element_id)
                  .group_by(*(statements.c[n] for n in names), statements.c.element_id, Element.weight)
                  ).subquery("el")
    partition = [by_element.c[n] for n in names] or None
    weighted = func.sum(by_element.c.weight * by_element.c.idx).over(partition_by=partition)
    weights = func.sum(case((by_element.c.idx.isnot(None), by_element.c.weight))).over(partition_by=partition)
    overall = (weighted / func.nullif(weights, 0)).label("overall")
    return select(*(by_element.c[n] for n in names), by_element.c.element_id, by_element.c.idx, overall)


def _responses(filters: Filters, start, end, key: Callable[[Any], Any]) -> dict:
    """Responses per ``key(src)``: a column or expression of the count rows."""
    src = _counts(filters, start, end)
    column = key(src)
    return dict(db.session.execute(select(column, func.sum(src.c.n)).group_by(column)).all())


# -- building a report --------------------------------------------------------

def build_report(filters: Filters) -> Report:
    period = filters.period
    by_version = _responses(filters, period.start, period.end, lambda src: src.c.version_id)
    reference = filters.version or _newest(filters.survey, by_version) or current_version(filters.survey)
    smap = _statement_map(filters.survey, reference)
    elements, overall = _elements(filters, reference, smap)
    codes = {element.id: element.code for element in reference.elements}
    numbers = dict(db.session.execute(select(Version.id, Version.number).where(Version.id.in_(by_version))).all())
    return Report(
        filters=filters, version=reference, versions={numbers[v]: int(n) for v, n in by_version.items()},
        responses=int(sum(by_version.values())), elements=elements, overall=overall,
        ranking=_ranking(filters, smap, codes) if filters.point is None else [],
        trend=_trend(filters, smap, codes), trend_granularity=period.trend().granularity,
    )


def _newest(survey: Survey, by_version: dict[int, int]) -> Version | None:
    if not by_version:
        return None
    number = db.session.scalar(select(func.max(Version.number)).where(Version.id.in_(by_version)))
    return version_by_number(survey, number)


def _elements(filters: Filters, reference: Version, smap: Any) -> tuple[list[ElementResult], float | None]:
    src = _tally(filters, filters.period.start, filters.period.end)
    rows = db.session.execute(_statement_level(src, smap, {})).mappings().all()
    by_statement = {row["statement_id"]: row for row in rows}
    indices = db.session.execute(_element_level(src, smap, {})).all()
    element_index = {row.element_id: row.idx for row in indices}
    overall = indices[0].overall if indices else None
    results = []
    for element in sorted(reference.elements, key=lambda e: e.position):
        statements = [_statement_result(q, by_statement.get(q.id)) for q in element.statements()]
        results.append(ElementResult(element.code, element.title, element.weight, element_index.get(element.id),
                                     statements))
    return results, overall


def _statement_result(question: Question, row: Any) -> StatementResult:
    counts = {v: int(row[f"n{v}"]) if row else 0 for v in range(6)}
    return StatementResult(question.key, question.label, question.text, counts,
                           int(row["nb"]) if row else 0, row["idx"] if row else None)


def _group_results(rows: list, codes: dict[int, str]) -> dict[Any, dict]:
    """Fold (group, element, idx, overall) rows into one entry per group, keeping the SQL order."""
    groups: dict[Any, dict] = {}
    for row in rows:
        entry = groups.setdefault(row[0], _empty_group(codes))
        entry["index"] = row.overall
        entry["elements"][codes[row.element_id]] = row.idx
    return groups


def _empty_group(codes: dict[int, str]) -> dict:
    return {"index": None, "elements": dict.fromkeys(codes.values())}


def _ranking(filters: Filters, smap: Any, codes: dict[int, str]) -> list[GroupResult]:
    """Service points by overall index, best first; tied points share a rank."""
    period = filters.period
    src = _tally(filters, period.start, period.end)
    query = _element_level(src, smap, {"point_id": src.c.point_id}).subquery("ranked")
    rows = db.session.execute(select(query).order_by(query.c.overall.desc().nulls_last(), query.c.point_id)).all()
    groups = _group_results(rows, codes)
    responses = _responses(filters, period.start, period.end, lambda src: src.c.point_id)
    points = {p.id: p for p in db.session.scalars(select(Point).where(Point.id.in_(responses)))}
    results: list[GroupResult] = []
    for position, point_id in enumerate(list(groups) + [p for p in responses if p not in groups], 1):
        entry = groups.get(point_id) or _empty_group(codes)
        index = rounded(entry["index"])
        tied = results and index is not None and rounded(results[-1].index) == index
        rank = results[-1].rank if tied else (position if index is not None else None)
        point = points[point_id]
        results.append(GroupResult(point.code, point.name, int(responses.get(point_id, 0)), entry["index"],
                                   entry["elements"], rank, point.level.name))
    return results


def _trend(filters: Filters, smap: Any, codes: dict[int, str]) -> list[GroupResult]:
    trend = filters.period.trend()
    src = _tally(filters, trend.start, trend.end)
    rows = db.session.execute(_element_level(src, smap, {"bucket": trend.bucket(src.c.month)})).all()
    groups = _group_results(rows, codes)
    responses = _responses(filters, trend.start, trend.end, lambda src: trend.bucket(src.c.month))
    results = []
    for key in trend.keys():
        entry = groups.get(key) or _empty_group(codes)
        results.append(GroupResult(key, trend.label(key), int(responses.get(key, 0)), entry["index"],
                                   entry["elements"]))
    return results
