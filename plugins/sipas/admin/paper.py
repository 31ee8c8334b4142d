"""Entering paper questionnaires: one digit per answer, keyboard only.

Point, field and date stay filled in from one form to the next, the cursor
starts on the first answer, and each digit moves to the next box (with
JavaScript; without it, Tab does). A paper form is entered as the person
filled it in, so any answer may be left blank.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cms.plugin import Role, ValidationError, db, local_now, role_required

from .. import plugin
from ..forms import ConfirmForm, answers_of, questionnaire_form
from ..models import Response
from ..queries import all_surveys, current_version, fields, group_points, points, recent_paper_forms
from ..services.responses import Submission, enter_paper, take_back_paper
from .blueprint import bp

RECENT = 10


def _survey():
    slug = request.args.get("survey")
    surveys = all_surveys()
    chosen = next((s for s in surveys if s.slug == slug), None) if slug else (surveys[0] if surveys else None)
    if chosen is None:
        abort(404)
    return chosen, surveys


@bp.route("/paper/", methods=["GET", "POST"])
@role_required("author")
def paper():
    survey, surveys = _survey()
    version = current_version(survey)
    form = questionnaire_form(version, paper=True)
    offered, offered_fields = points(active_only=True), fields(active_only=True)
    form.point.find = {p.code: p for p in offered}.get
    form.field.find = {f.code: f for f in offered_fields}.get
    if request.method == "GET":
        form.point.data = request.args.get("point", "")
        form.field.data = request.args.get("field", "")
        form.answered_on.process_formdata([request.args.get("day") or local_now().date().isoformat()])
    elif form.validate_on_submit():
        saved = _save(form, survey, version)
        if saved is not None:
            flash(_("Đã lưu phiếu số %(id)d. Mời nhập phiếu tiếp theo.", id=saved.id), "success")
            return redirect(url_for(".paper", survey=survey.slug, point=form.point.data,
                                    field=form.field.data or None, day=form.answered_on.data.isoformat()), 303)
    return render_template("sipas/admin/paper.html", survey=survey, surveys=surveys, version=version, form=form,
                           point_groups=group_points(offered), fields=offered_fields,
                           recent=recent_paper_forms(current_user.id, RECENT),
                           confirm=ConfirmForm()), 400 if form.errors else 200


def _save(form, survey, version) -> Response | None:
    digits, texts = answers_of(form, version)
    submission = Submission(
        survey=survey, version=version, point=form.point.chosen, field=form.field.chosen, channel="paper",
        answered_on=form.answered_on.data, answers=digits, texts=texts, case_code=form.case_code.data or "",
        entered_by=current_user._get_current_object())
    try:
        return enter_paper(submission, one_per_case=plugin.setting("one_per_case"))
    except ValidationError as exc:
        for name, message in exc.errors.items():
            form[name].errors = [*form[name].errors, message]
        return None


@bp.post("/paper/<int:response_id>/delete")
@role_required("author")
def delete_paper(response_id: int):
    """Take back a paper form entered by mistake (its author, or an editor)."""
    response = db.session.get(Response, response_id)
    if response is None or response.channel != "paper":
        abort(404)
    if response.entered_by_id != current_user.id and not current_user.has_role(Role.EDITOR):
        abort(403)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    survey_slug = response.version.survey.slug
    take_back_paper(response)
    flash(_("Đã xoá phiếu số %(id)d.", id=response_id), "success")
    return redirect(url_for(".paper", survey=survey_slug))
