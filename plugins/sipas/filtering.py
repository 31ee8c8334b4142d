"""Report filters from query arguments, and back.

The dashboard, the JSON endpoint, the exports and the public page all read
the same arguments, so a link to one with the current arguments gives the
same figures in another form::

    survey=<slug>&period=quarter&year=2024&quarter=2&point=<code>&level=<id>
    &field=<code>&channel=qr&version=<number>&max=32
"""
from __future__ import annotations

from typing import Any, Mapping

from flask_babel import gettext as _
from cms.plugin import ValidationError, parse_int

from .models import CHANNELS, Level, Survey, Version
from .periods import default_period, parse_period
from .queries import default_survey, field_by_code, level_by_id, point_by_code, survey_by_slug, version_by_number
from .report import Filters

PUBLIC_ARGS = ("period", "year", "quarter", "month", "start", "end", "point", "level")


def parse_filters(args: Mapping[str, str], survey: Survey, points_max: float, public: bool = False) -> Filters:
    """Filters for ``survey`` from ``args``; :class:`ValidationError` names the bad ones.
    The public page accepts only the period, a service point and a level."""
    if public:
        args = {key: value for key, value in args.items() if key in PUBLIC_ARGS}
    errors: dict[str, str] = {}
    try:
        period = parse_period(args) if args.get("period") else default_period()
    except ValidationError as exc:
        errors.update(exc.errors)
        period = default_period()
    values: dict[str, Any] = {}
    for name, lookup in (("point", point_by_code), ("field", field_by_code), ("level", _level),
                         ("version", lambda raw: _version(survey, raw))):
        raw = (args.get(name) or "").strip()
        if raw:
            values[name] = lookup(raw)
            if values[name] is None:
                errors[name] = _("Không tìm thấy giá trị đã chọn.")
    channel = (args.get("channel") or "").strip() or None
    if channel is not None and channel not in CHANNELS:
        errors["channel"] = _("Kênh không hợp lệ.")
    maximum = _points_max(args.get("max"), points_max, errors)
    if errors:
        raise ValidationError(errors)
    return Filters(survey=survey, period=period, channel=channel, points_max=maximum, **values)


def filters_or_default(args: Mapping[str, str], survey: Survey, points_max: float,
                       public: bool = False) -> tuple[Filters, dict[str, str]]:
    """The filters asked for, or the default ones with the errors to show."""
    try:
        return parse_filters(args, survey, points_max, public), {}
    except ValidationError as exc:
        return parse_filters({}, survey, points_max), exc.errors


def _level(raw: str) -> Level | None:
    number = parse_int(raw)
    return None if number is None else level_by_id(number)


def _version(survey: Survey, raw: str) -> Version | None:
    number = parse_int(raw)
    return None if number is None else version_by_number(survey, number)


def _points_max(raw: str | None, default: float, errors: dict[str, str]) -> float:
    if not raw or not raw.strip():
        return default
    try:
        value = float(raw.strip().replace(",", "."))
    except ValueError:
        value = -1
    if not 0 < value <= 1000:
        errors["max"] = _("Điểm tối đa phải là một số dương.")
        return default
    return value


def filter_args(filters: Filters, public: bool = False) -> dict[str, Any]:
    """The query arguments that give ``filters`` again."""
    period = filters.period
    args: dict[str, Any] = {"period": period.kind}
    if period.kind == "custom":
        args.update(start=period.start.isoformat(), end=period.end.isoformat())
    else:
        args["year"] = period.start.year
        if period.kind == "month":
            args["month"] = period.start.month
        elif period.kind == "quarter":
            args["quarter"] = (period.start.month - 1) // 3 + 1
    if filters.point is not None:
        args["point"] = filters.point.code
    if filters.level is not None:
        args["level"] = filters.level.id
    if public:
        return args
    args["survey"] = filters.survey.slug
    if filters.field is not None:
        args["field"] = filters.field.code
    if filters.channel:
        args["channel"] = filters.channel
    if filters.version is not None:
        args["version"] = filters.version.number
    args["max"] = f"{filters.points_max:g}"
    return args


def survey_from_args(args: Mapping[str, str]) -> Survey | None:
    slug = (args.get("survey") or "").strip()
    return survey_by_slug(slug) if slug else default_survey()
