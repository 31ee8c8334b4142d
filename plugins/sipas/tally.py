"""Running totals of the ratings, kept in step with the responses.

Every response adds one to a cell of ``sipas_count`` and, for each rated
statement of its version, one to ``n0``–``n5`` (the answer) or ``nb`` (left
blank) in ``sipas_tally`` — once at the grain of the day and once at the
grain of the month, in the transaction that stores the response. A report
over any range then adds up a few thousand monthly rows plus the days at its
edges instead of millions of answers. :func:`rebuild` recomputes both tables
from the responses with ``INSERT ... SELECT ... GROUP BY``.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import (Integer, String, and_, bindparam, case, cast, delete, extract, func, insert, literal, select,
                        true, union_all)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from cms.plugin import db

from .models import CELL_KEY, DAY, MONTH, RATING, TALLY_COUNTS, Answer, Count, Question, Response, Tally
from .periods import add_months, day_key, month_end, month_key


def record(response: Response, sign: int = 1) -> None:
    """Add a stored response (``sign=-1``: take it away) to the running totals.

    One ``INSERT ... SELECT ... ON CONFLICT DO UPDATE`` per table: the
    database pairs each rated statement of the response's version with the
    answer, if any, at the grain of the day and of the month. Call it after
    the answers are written (and before they are deleted). Rows go in key
    order, so concurrent writers lock them in the same order.
    """
    dialect = db.session.get_bind().dialect.name
    values = {"survey": response.survey_id, "point": response.point_id, "field": response.field_id or 0,
              "channel": response.channel, "day": day_key(response.answered_on),
              "month": month_key(response.answered_on), "response": response.id, "version": response.version_id,
              "sign": sign}
    for statement in _recording_statements(dialect):
        db.session.execute(statement, values)


@lru_cache(maxsize=4)
def _recording_statements(dialect: str) -> tuple[Any, Any]:
    """The two statements of :func:`record`, built once per backend: this is
    the path of every submission, and building them costs more than running them."""
    sign = bindparam("sign", type_=Integer)
    grains = union_all(
        select(literal(DAY).label("grain"), bindparam("day", type_=Integer).label("period")),
        select(literal(MONTH), bindparam("month", type_=Integer)),
    ).subquery("g")
    cell = [bindparam("survey", type_=Integer), grains.c.grain, grains.c.period, bindparam("point", type_=Integer),
            bindparam("field", type_=Integer), bindparam("channel", type_=String)]
    statements = (select(*cell, Question.id, *_answer_counts(sign))
                  .select_from(Question).join(grains, true())
                  .outerjoin(Answer, and_(Answer.response_id == bindparam("response", type_=Integer),
                                          Answer.question_id == Question.id))
                  .where(*_rated(Question.version_id == bindparam("version", type_=Integer)))
                  .order_by(grains.c.grain, Question.id))
    responses = select(*cell, bindparam("version", type_=Integer), sign).where(true()).order_by(grains.c.grain)
    return (_upsert(dialect, Tally, statements, ("question_id",), TALLY_COUNTS),
            _upsert(dialect, Count, responses, ("version_id",), ("n",)))


def _answer_counts(sign: Any = 1) -> list[Any]:
    """Which of ``n0``–``n5`` a statement's answer adds to, or ``nb`` when there is none."""
    return [case((Answer.value == value, sign), else_=0) for value in range(6)] + [
        case((Answer.value.is_(None), sign), else_=0)]


def _rated(version: Any) -> list[Any]:
    """The rated statements a version asks (its retired ones are not)."""
    return [version, Question.kind == RATING, Question.retired.is_(False)]


def _upsert(dialect: str, model: Any, query: Any, key: tuple[str, ...], sums: tuple[str, ...]) -> Any:
    """INSERT ... SELECT ... ON CONFLICT DO UPDATE adding ``sums`` (SQLite and PostgreSQL)."""
    table = model.__table__
    statement = (pg_insert if dialect == "postgresql" else sqlite_insert)(table).from_select(
        [*CELL_KEY, *key, *sums], query)
    return statement.on_conflict_do_update(
        index_elements=[column.name for column in table.primary_key],
        set_={name: table.c[name] + statement.excluded[name] for name in sums},
    )


def _day_expression(column: Any) -> Any:
    """``YYYYMMDD`` of a date column, the same on every backend."""
    return (cast(extract("year", column), Integer) * 10000 + cast(extract("month", column), Integer) * 100
            + cast(extract("day", column), Integer))


def rebuild(survey_id: int) -> None:
    """Recompute one survey's totals from its responses (in the caller's transaction).

    Month by month, so that each ``GROUP BY`` sorts one month of answers
    in memory rather than years of them on disk."""
    db.session.execute(delete(Tally).where(Tally.survey_id == survey_id))
    db.session.execute(delete(Count).where(Count.survey_id == survey_id))
    first, last = db.session.execute(select(func.min(Response.answered_on), func.max(Response.answered_on))
                                     .where(Response.survey_id == survey_id)).one()
    if first is None:
        return
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        days = (date(year, month, 1), month_end(year, month))
        _rebuild_day_counts(survey_id, days)
        _rebuild_day_tally(survey_id, days)
        _roll_up_month(Count, ("version_id",), ("n",), survey_id, days)
        _roll_up_month(Tally, ("question_id",), TALLY_COUNTS, survey_id, days)
        year, month = add_months(year, month, 1)


def _cell_columns(response: Any) -> list[Any]:
    return [response.survey_id, literal(DAY).label("grain"), _day_expression(response.answered_on).label("period"),
            response.point_id, func.coalesce(response.field_id, 0).label("field_id"), response.channel]


def _responses_of(survey_id: int, days: tuple[date, date]) -> list[Any]:
    return [Response.survey_id == survey_id, Response.answered_on.between(*days)]


def _rebuild_day_counts(survey_id: int, days: tuple[date, date]) -> None:
    columns = _cell_columns(Response) + [Response.version_id]
    query = (select(*columns, func.count().label("n")).where(*_responses_of(survey_id, days))
             .group_by(*columns[:1], *columns[2:]))
    db.session.execute(insert(Count).from_select([*CELL_KEY, "version_id", "n"], query))


def _rebuild_day_tally(survey_id: int, days: tuple[date, date]) -> None:
    """Every response times its version's rated statements, looked up in
    the answers by primary key; no answer means left blank."""
    cell = _cell_columns(Response)
    query = (
        select(*cell, Question.id, *(func.sum(count) for count in _answer_counts()))
        .join(Question, and_(*_rated(Question.version_id == Response.version_id)))
        .outerjoin(Answer, and_(Answer.response_id == Response.id, Answer.question_id == Question.id))
        .where(*_responses_of(survey_id, days))
        .group_by(*cell[:1], *cell[2:], Question.id)
    )
    db.session.execute(insert(Tally).from_select([*CELL_KEY, "question_id", *TALLY_COUNTS], query))


def _roll_up_month(model: Any, extra: tuple[str, ...], sums: tuple[str, ...], survey_id: int,
                   days: tuple[date, date]) -> None:
    """The month's row of each cell: the sum of its days' rows."""
    table = model.__table__
    keys = [table.c.survey_id, literal(MONTH).label("grain"), (table.c.period // 100).label("period"),
            table.c.point_id, table.c.field_id, table.c.channel, *(table.c[name] for name in extra)]
    query = (select(*keys, *(func.sum(table.c[name]).label(name) for name in sums))
             .where(table.c.survey_id == survey_id, table.c.grain == DAY,
                    table.c.period.between(day_key(days[0]), day_key(days[1])))
             .group_by(*keys[:1], *keys[2:]))
    db.session.execute(insert(table).from_select([*CELL_KEY, *extra, *sums], query))
