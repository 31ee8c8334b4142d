"""Results for staff: the dashboard, the same figures as JSON, CSV and
Excel, and moderation of the comments."""
from __future__ import annotations

from flask import Response as HttpResponse
from flask import abort, flash, jsonify, redirect, render_template, render_template_string, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cms.plugin import db, page_number, role_required, safe_next

from .. import plugin
from ..display import trend_chart
from ..exports import MAX_COMMENTS, scope, to_csv, to_xlsx
from ..filtering import filter_args, filters_or_default, survey_from_args
from ..forms import ConfirmForm
from ..models import CHANNELS, Comment
from ..queries import all_surveys, comment_rows, comments_query, fields, levels, points
from ..report import Filters, Report, build_report
from ..services.responses import moderate
from .blueprint import bp

COMMENTS_PER_PAGE = 20


def _filters() -> tuple[Filters, dict[str, str]]:
    survey = survey_from_args(request.args)
    if survey is None:
        abort(404)
    return filters_or_default(request.args, survey, plugin.setting("points_max"))


def _visible_comments(filters: Filters) -> list[tuple]:
    return comment_rows(filters.survey.id, filters.response_conditions(), MAX_COMMENTS)


def _site_name() -> str:
    """The site's name, as every template sees it, to head the report."""
    return render_template_string("{{ site.site_name }}")


@bp.get("/results/")
@role_required("editor")
def results():
    filters, errors = _filters()
    report = build_report(filters)
    page = db.paginate(comments_query(filters.survey.id, filters.response_conditions()),
                       page=page_number(), per_page=COMMENTS_PER_PAGE, error_out=False)
    args = filter_args(filters)
    return render_template(
        "sipas/admin/results.html", report=report, filters=filters, errors=errors, args=args, comments=page,
        chart=trend_chart(report.trend), scope=scope(report), surveys=all_surveys(), points=points(),
        levels=levels(), fields=fields(), channels=CHANNELS, versions=filters.survey.versions, confirm=ConfirmForm(),
    ), 400 if errors else 200


@bp.get("/results.json")
@role_required("editor")
def results_json():
    filters, errors = _filters()
    if errors:
        return jsonify(errors=errors), 400
    return jsonify(build_report(filters).as_dict())


def _download(report: Report, body: bytes, extension: str, mimetype: str) -> HttpResponse:
    period = report.filters.period
    name = f"sipas-{report.filters.survey.slug}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{extension}"
    response = HttpResponse(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/results.csv")
@role_required("editor")
def results_csv():
    filters, errors = _filters()
    if errors:
        abort(400)
    report = build_report(filters)
    return _download(report, to_csv(report, _visible_comments(filters), _site_name()), "csv",
                     "text/csv")


@bp.get("/results.xlsx")
@role_required("editor")
def results_xlsx():
    filters, errors = _filters()
    if errors:
        abort(400)
    report = build_report(filters)
    return _download(report, to_xlsx(report, _visible_comments(filters), _site_name()), "xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _back() -> str:
    return safe_next(request.form.get("next"), url_for(".results"))


@bp.post("/comments/<int:comment_id>/visibility")
@role_required("editor")
def comment_visibility(comment_id: int):
    """Hide a comment from reports and exports (abuse, personal data), or show it again."""
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    moderate(comment, request.form.get("hidden") == "1", current_user._get_current_object())
    flash(_("Đã ẩn ý kiến.") if comment.hidden else _("Đã hiện lại ý kiến."), "success")
    return redirect(_back())
