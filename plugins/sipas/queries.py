"""Reads: the small select functions the views, the admin, the widget and
the services call. The index itself is computed in :mod:`.report`."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, selectinload

from cms.plugin import db

from .models import Comment, KioskDevice, Level, Point, Response, ServiceField, Survey, Version

# -- surveys and their versions ---------------------------------------------------

def default_survey() -> Survey | None:
    return db.session.scalar(
        select(Survey).order_by(Survey.is_default.desc(), Survey.id).limit(1))


def survey_by_slug(slug: str) -> Survey | None:
    return db.session.scalar(select(Survey).where(Survey.slug == slug))


def all_surveys() -> list[Survey]:
    return list(db.session.scalars(select(Survey).order_by(Survey.is_default.desc(), Survey.title)
                                   .options(selectinload(Survey.versions))))


def surveys_oldest_first(slug: str | None = None) -> list[Survey]:
    """Every survey in the order they were made, or only the one with ``slug``."""
    query = select(Survey).order_by(Survey.id)
    if slug:
        query = query.where(Survey.slug == slug)
    return list(db.session.scalars(query))


def public_surveys() -> list[Survey]:
    return list(db.session.scalars(select(Survey).where(Survey.public_results.is_(True)).order_by(Survey.title)))


def _versions(survey: Survey) -> Any:
    """A survey's versions with their questions (the elements load on first
    use, in one query: taking an answer does not need them)."""
    return select(Version).where(Version.survey_id == survey.id).options(selectinload(Version.questions))


def current_version(survey: Survey) -> Version | None:
    return db.session.scalar(_versions(survey).order_by(Version.number.desc()).limit(1))


def version_by_number(survey: Survey, number: int) -> Version | None:
    return db.session.scalar(_versions(survey).where(Version.number == number))


# -- responses and comments -------------------------------------------------------

def response_counts_by_version(survey: Survey) -> dict[int, int]:
    rows = db.session.execute(
        select(Response.version_id, func.count()).where(Response.survey_id == survey.id).group_by(Response.version_id))
    return {version_id: n for version_id, n in rows}


def response_counts_by_survey() -> dict[int, int]:
    rows = db.session.execute(select(Response.survey_id, func.count()).group_by(Response.survey_id))
    return {survey_id: n for survey_id, n in rows}


def has_responses(version: Version) -> bool:
    return db.session.scalar(select(Response.id).where(Response.version_id == version.id).limit(1)) is not None


def recent_paper_forms(user_id: int, limit: int) -> list[Response]:
    """The paper forms ``user_id`` entered last, newest first."""
    query = (select(Response).where(Response.channel == "paper", Response.entered_by_id == user_id)
             .options(selectinload(Response.point)).order_by(Response.id.desc()).limit(limit))
    return list(db.session.scalars(query))


def comment_rows(survey_id: int, conditions: list[Any], limit: int) -> list[tuple[date, str, str]]:
    """(day, service point, text) of the visible comments, newest first, for exports."""
    query = (select(Response.answered_on, Point.name, Comment.body)
             .join(Response, Response.id == Comment.response_id).join(Point, Point.id == Response.point_id)
             .where(Comment.survey_id == survey_id, Comment.hidden.is_(False), *conditions)
             .order_by(Response.answered_on.desc(), Comment.id.desc()).limit(limit))
    return [tuple(row) for row in db.session.execute(query)]


def comments_query(survey_id: int, conditions: list[Any]) -> Any:
    """Comments of a survey whose responses match ``conditions``, newest first (for paging)."""
    return (select(Comment).join(Response, Response.id == Comment.response_id)
            .where(Comment.survey_id == survey_id, *conditions)
            .options(selectinload(Comment.response).selectinload(Response.point))
            .order_by(Response.answered_on.desc(), Comment.id.desc()))


# -- service points, levels and fields --------------------------------------------

def levels() -> list[Level]:
    return list(db.session.scalars(select(Level).order_by(Level.position, Level.name)))


def level_by_id(level_id: int) -> Level | None:
    return db.session.get(Level, level_id)


def active_by_code(model: Any, code: str) -> Any:
    """The active point or field with that code, or ``None``."""
    return db.session.scalar(select(model).where(model.code == code, model.active.is_(True)))


def points(active_only: bool = False) -> list[Point]:
    query = (select(Point).join(Point.level).options(contains_eager(Point.level))
             .order_by(Level.position, Point.position, Point.name))
    if active_only:
        query = query.where(Point.active.is_(True))
    return list(db.session.scalars(query))


def group_points(items: list[Point]) -> list[tuple[Level, list[Point]]]:
    """Points by level, in the order given (levels first seen first)."""
    groups: dict[int, tuple[Level, list[Point]]] = {}
    for point in items:
        groups.setdefault(point.level_id, (point.level, []))[1].append(point)
    return list(groups.values())


def point_by_code(code: str) -> Point | None:
    return db.session.scalar(select(Point).where(Point.code == code))


def fields(active_only: bool = False) -> list[ServiceField]:
    query = select(ServiceField).order_by(ServiceField.position, ServiceField.name)
    if active_only:
        query = query.where(ServiceField.active.is_(True))
    return list(db.session.scalars(query))


def field_by_code(code: str) -> ServiceField | None:
    return db.session.scalar(select(ServiceField).where(ServiceField.code == code))


def code_taken(model: type[Point] | type[ServiceField], code: str, item_id: int | None) -> bool:
    """Whether another point (or field) than ``item_id`` has ``code``."""
    owner = db.session.scalar(select(model.id).where(model.code == code))
    return owner is not None and owner != item_id


def in_use(item: Point | ServiceField | Level) -> bool:
    """Whether responses name the point or field, or points the level."""
    column = {Point: Response.point_id, ServiceField: Response.field_id, Level: Point.level_id}[type(item)]
    return db.session.scalar(select(column).where(column == item.id).limit(1)) is not None


# -- kiosk devices ----------------------------------------------------------------

def kiosk_devices() -> list[KioskDevice]:
    return list(db.session.scalars(select(KioskDevice).options(selectinload(KioskDevice.created_by))
                                   .order_by(KioskDevice.name, KioskDevice.id)))


def kiosk_device_by_hash(token_hash: str) -> KioskDevice | None:
    return db.session.scalar(select(KioskDevice).where(KioskDevice.token_hash == token_hash))
