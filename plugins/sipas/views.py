"""The public pages: the questionnaire (web, QR code, kiosk), the thank-you
page and the published results."""
from __future__ import annotations

from functools import partial
from typing import Any

from flask import Blueprint, abort, current_app, jsonify, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from cms.plugin import ValidationError, client_key, limiter, local_now

from . import display, kiosks, plugin
from .filtering import filter_args, filters_or_default
from .forms import KioskSetupForm, ResponseForm, answers_of, questionnaire_form
from .models import RATING, Point, ServiceField, Survey
from .queries import (active_by_code, current_version, default_survey, fields, group_points, point_by_code, points,
                      public_surveys, survey_by_slug)
from .report import build_report
from .services.responses import Submission, save

bp = Blueprint("plugin_sipas", __name__, template_folder="templates")
display.register(bp)

KIOSK_THANKS_SECONDS = 8


#: One limit for sending answers through the web form and the kiosk pages alike.
answers_limit = limiter.shared_limit(kiosks.answer_limit, scope="sipas-answers", key_func=kiosks.answer_key,
                                     methods=["POST"])


def _survey(slug: str | None) -> Survey:
    survey = survey_by_slug(slug) if slug else default_survey()
    if survey is None:
        abort(404)
    return survey


def _offer_places(form: ResponseForm, kiosk: Point | None) -> None:
    """Which points and fields the form accepts: active ones, or the kiosk's point."""
    form.point.find = {kiosk.code: kiosk}.get if kiosk else partial(active_by_code, Point)
    form.field.find = partial(active_by_code, ServiceField)


def _places(kiosk: Point | None) -> dict[str, Any]:
    """What the template draws to choose a point and a field."""
    context = {"point_groups": group_points([kiosk] if kiosk else points(active_only=True)),
               "fields": fields(active_only=True), "kiosk": kiosk}
    if kiosk:
        context.update(idle_seconds=plugin.setting("kiosk_idle_seconds"), start=_kiosk_start(kiosk))
    return context


def _kiosk_start(point: Point) -> str:
    """A fresh kiosk form for the same point and survey."""
    return url_for(".kiosk", point_code=point.code, survey=request.args.get("survey") or None)


def _handle(survey: Survey, channel: str, kiosk: Point | None = None):
    """Show or take the questionnaire; the view functions only pick the survey and channel."""
    version = current_version(survey)
    template = "sipas/kiosk.html" if kiosk else "sipas/form.html"
    if not survey.is_open or version is None or not version.active(RATING):
        return render_template("sipas/closed.html", survey=survey), 400 if request.method == "POST" else 200
    form = questionnaire_form(version)
    _offer_places(form, kiosk)
    if request.method == "GET":
        form.point.data = kiosk.code if kiosk else request.args.get("point", "")
        form.field.data = request.args.get("field", "")
        form.src.data = "qr" if request.args.get("src") == "qr" else ""
    elif form.website.data:
        # Filled in by a bot: nothing is stored, nothing is explained.
        return render_template("sipas/rejected.html", survey=survey), 400
    elif form.validate():
        response = _save(form, survey, version, channel)
        if response is not None:
            if kiosk:
                return redirect(url_for(".kiosk_thanks", point_code=kiosk.code,
                                        survey=request.args.get("survey") or None), 303)
            return redirect(url_for(".thanks", survey=survey.slug), 303)
    status = 400 if request.method == "POST" else 200
    return render_template(template, survey=survey, version=version, form=form, **_places(kiosk)), status


def _save(form: ResponseForm, survey: Survey, version, channel: str):
    digits, texts = answers_of(form, version)
    if channel == "web" and form.src.data == "qr":
        channel = "qr"
    submission = Submission(survey=survey, version=version, point=form.point.chosen, field=form.field.chosen,
                            channel=channel, answered_on=local_now().date(), answers=digits, texts=texts,
                            case_code=form.case_code.data or "")
    try:
        return save(submission, one_per_case=plugin.setting("one_per_case"))
    except ValidationError as exc:
        for name, message in exc.errors.items():
            form[name].errors = [*form[name].errors, message]
        return None


@bp.route("/", methods=["GET", "POST"], defaults={"slug": None})
@bp.route("/khao-sat/<slug>", methods=["GET", "POST"])
@answers_limit
def questionnaire(slug: str | None):
    return _handle(_survey(slug), "web")


@bp.route("/kiosk/<point_code>", methods=["GET", "POST"])
@answers_limit
def kiosk(point_code: str):
    point = active_by_code(Point, point_code)
    if point is None:
        abort(404)
    return _handle(_survey(request.args.get("survey")), "kiosk", kiosk=point)


@bp.route("/thiet-bi-kiosk", methods=["GET", "POST"])
@limiter.limit("10 per minute", key_func=client_key, methods=["POST"])
def kiosk_setup():
    """A kiosk device is registered here with the token an admin issued; a
    cookie keeps it (the token is entered, or filled in from the link's
    fragment, which never reaches the server's logs)."""
    form = KioskSetupForm()
    if form.validate_on_submit():
        token = form.token.data.strip()
        device = kiosks.device_for(token)
        if device is not None:
            response = make_response(render_template("sipas/kiosk_setup.html", form=None, device=device))
            response.set_cookie(kiosks.COOKIE, token, max_age=kiosks.COOKIE_DAYS * 86400, httponly=True,
                                samesite="Lax", secure=current_app.config.get("SESSION_COOKIE_SECURE", False))
            return response
        form.token.errors.append(_("Mã thiết bị không đúng hoặc đã bị thu hồi."))
    status = 400 if form.errors else 200
    return render_template("sipas/kiosk_setup.html", form=form, device=kiosks.current_device()), status


@bp.get("/cam-on")
def thanks():
    survey = _survey(request.args.get("survey"))
    return render_template("sipas/thanks.html", survey=survey)


@bp.get("/kiosk/<point_code>/cam-on")
def kiosk_thanks(point_code: str):
    point = point_by_code(point_code)
    if point is None:
        abort(404)
    survey = _survey(request.args.get("survey"))
    return render_template("sipas/kiosk_thanks.html", survey=survey, point=point, start=_kiosk_start(point),
                           seconds=KIOSK_THANKS_SECONDS)


# -- published results ------------------------------------------------------------

def _public_survey(slug: str) -> Survey:
    survey = survey_by_slug(slug)
    if survey is None or not survey.public_results:
        abort(404)
    return survey


@bp.get("/ket-qua/")
def results_index():
    return render_template("sipas/results_index.html", surveys=public_surveys())


@bp.get("/ket-qua/<slug>")
def public_results(slug: str):
    survey = _public_survey(slug)
    filters, errors = filters_or_default(request.args, survey, plugin.setting("points_max"), public=True)
    report = build_report(filters)
    return render_template("sipas/results_public.html", survey=survey, report=report,
                           chart=display.trend_chart(report.trend),
                           filters=filters, errors=errors, points=points(active_only=True),
                           args=filter_args(filters, public=True)), 400 if errors else 200


@bp.get("/ket-qua/<slug>.json")
def public_results_json(slug: str):
    survey = _public_survey(slug)
    filters, errors = filters_or_default(request.args, survey, plugin.setting("points_max"), public=True)
    if errors:
        return jsonify(errors=errors), 400
    return jsonify(build_report(filters).as_dict())
