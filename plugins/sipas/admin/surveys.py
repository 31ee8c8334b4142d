"""Questionnaires: create, copy, settings, and editing questions.

Every change goes through :mod:`..services.definitions`, which copies a
version that has answers before changing it; the page says when that happened.
"""
from __future__ import annotations

from typing import Callable

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from cms.plugin import db, role_required

from ..forms import ConfirmForm, CopyForm, ElementForm, QuestionForm, SurveyForm
from ..models import CHOICE, KINDS, RATING, TEXT, Survey
from ..queries import (all_surveys, current_version, has_responses, response_counts_by_survey,
                       response_counts_by_version, version_by_number)
from ..services import definitions
from .blueprint import bp

KIND_LABELS = {RATING: _l("Nội dung đánh giá (thang 1–5)"), CHOICE: _l("Câu hỏi về người trả lời"),
               TEXT: _l("Câu hỏi mở (góp ý)")}


def _survey(survey_id: int) -> Survey:
    survey = db.session.get(Survey, survey_id)
    if survey is None:
        abort(404)
    return survey


def _user():
    return current_user._get_current_object()


def _change(survey: Survey, action: str, detail: str, change: Callable[[], object]) -> bool:
    """Apply a change to the questionnaire and tell the admin whether a new
    version was started. False if it was refused."""
    try:
        before, after = definitions.change(survey, action, detail, change)
    except definitions.DefinitionError as exc:
        flash(str(exc), "error")
        return False
    if after != before:
        flash(_("Đã lưu vào phiên bản mới số %(n)d. Phiên bản %(old)d đã có phiếu trả lời nên được giữ nguyên.",
                n=after, old=before), "success")
    else:
        flash(_("Đã lưu."), "success")
    return True


def _to_editor(survey: Survey):
    return redirect(url_for(".survey", survey_id=survey.id))


@bp.get("/surveys/")
@role_required("admin")
def surveys():
    return render_template("sipas/admin/surveys.html", surveys=all_surveys(), counts=response_counts_by_survey())


@bp.route("/surveys/new", methods=["GET", "POST"])
@role_required("admin")
def new_survey():
    form = SurveyForm()
    if form.validate_on_submit():
        survey = definitions.new_survey(_settings(form), _user())
        flash(_("Đã tạo cuộc khảo sát. Hãy thêm các yếu tố và câu hỏi."), "success")
        return _to_editor(survey)
    return render_template("sipas/admin/survey_form.html", form=form, survey=None)


def _settings(form: SurveyForm) -> definitions.SurveySettings:
    return definitions.SurveySettings(
        title=form.title.data.strip(), intro=(form.intro.data or "").strip(), is_open=form.is_open.data,
        public_results=form.public_results.data, is_default=form.is_default.data)


@bp.route("/surveys/<int:survey_id>/settings", methods=["GET", "POST"])
@role_required("admin")
def survey_settings(survey_id: int):
    survey = _survey(survey_id)
    form = SurveyForm(obj=survey)
    if form.validate_on_submit():
        definitions.save_settings(survey, _settings(form))
        flash(_("Đã lưu."), "success")
        return _to_editor(survey)
    return render_template("sipas/admin/survey_form.html", form=form, survey=survey)


@bp.get("/surveys/<int:survey_id>/")
@role_required("admin")
def survey(survey_id: int):
    survey = _survey(survey_id)
    version = current_version(survey)
    deletable = {q.key for q in version.questions if definitions.deletable(survey, version, q)}
    return render_template("sipas/admin/survey.html", survey=survey, version=version, answered=has_responses(version),
                           deletable=deletable, kinds=KIND_LABELS, copy_form=CopyForm(
                               title=_("Bản sao của %(title)s", title=survey.title)), confirm=ConfirmForm())


@bp.post("/surveys/<int:survey_id>/copy")
@role_required("admin")
def copy_survey(survey_id: int):
    source = _survey(survey_id)
    form = CopyForm()
    if not form.validate_on_submit():
        flash(" ".join(form.title.errors) or _("Không sao chép được."), "error")
        return _to_editor(source)
    copy = definitions.copy_survey(source, form.title.data.strip(), _user())
    flash(_("Đã sao chép. Cuộc khảo sát mới đang tạm dừng nhận phiếu cho đến khi được mở."), "success")
    return _to_editor(copy)


@bp.get("/surveys/<int:survey_id>/versions")
@role_required("admin")
def versions(survey_id: int):
    survey = _survey(survey_id)
    return render_template("sipas/admin/versions.html", survey=survey, counts=response_counts_by_version(survey),
                           current=current_version(survey))


@bp.get("/surveys/<int:survey_id>/versions/<int:number>")
@role_required("admin")
def version(survey_id: int, number: int):
    survey = _survey(survey_id)
    shown = version_by_number(survey, number)
    if shown is None:
        abort(404)
    return render_template("sipas/admin/version.html", survey=survey, version=shown, kinds=KIND_LABELS)


# -- elements -------------------------------------------------------------------

@bp.route("/surveys/<int:survey_id>/elements/new", methods=["GET", "POST"])
@bp.route("/surveys/<int:survey_id>/elements/<code>/edit", methods=["GET", "POST"])
@role_required("admin")
def element(survey_id: int, code: str | None = None):
    survey = _survey(survey_id)
    existing = current_version(survey).element(code) if code else None
    if code and existing is None:
        abort(404)
    form = ElementForm(obj=existing)
    if form.validate_on_submit():
        title, weight = form.title.data.strip(), form.weight.data
        if existing is None:
            done = _change(survey, "element.added", title,
                           lambda: definitions.add_element(survey, title, weight, _user()))
        else:
            done = _change(survey, "element.edited", f"{code}: {title} ({weight:g})",
                           lambda: definitions.update_element(survey, code, title, weight, _user()))
        if done:
            return _to_editor(survey)
    return render_template("sipas/admin/element_form.html", form=form, survey=survey, element=existing)


@bp.post("/surveys/<int:survey_id>/elements/<code>/move")
@role_required("admin")
def move_element(survey_id: int, code: str):
    survey = _survey(survey_id)
    if ConfirmForm().validate_on_submit():
        step = -1 if request.form.get("step") == "up" else 1
        _change(survey, "element.moved", code, lambda: definitions.move_element(survey, code, step, _user()))
    return _to_editor(survey)


@bp.post("/surveys/<int:survey_id>/elements/<code>/delete")
@role_required("admin")
def delete_element(survey_id: int, code: str):
    survey = _survey(survey_id)
    if ConfirmForm().validate_on_submit():
        _change(survey, "element.deleted", code, lambda: definitions.delete_element(survey, code, _user()))
    return _to_editor(survey)


# -- questions ------------------------------------------------------------------

@bp.route("/surveys/<int:survey_id>/questions/new", methods=["GET", "POST"])
@role_required("admin")
def new_question(survey_id: int):
    survey = _survey(survey_id)
    kind = request.args.get("kind", RATING)
    element_code = request.args.get("element")
    version = current_version(survey)
    if kind not in KINDS or (kind == RATING and version.element(element_code or "") is None):
        abort(404)
    form = QuestionForm(kind=kind, required=kind == RATING)
    if form.validate_on_submit():
        text = form.text.data.strip()
        if _change(survey, "question.added", text[:200], lambda: definitions.add_question(
                survey, kind, text, _user(), element_code=element_code, options=form.option_list(),
                required=form.required.data)):
            return _to_editor(survey)
    return render_template("sipas/admin/question_form.html", form=form, survey=survey, kind=kind,
                           kinds=KIND_LABELS, element=version.element(element_code or ""), question=None)


@bp.route("/surveys/<int:survey_id>/questions/<key>/edit", methods=["GET", "POST"])
@role_required("admin")
def edit_question(survey_id: int, key: str):
    survey = _survey(survey_id)
    question = current_version(survey).question(key)
    if question is None:
        abort(404)
    form = QuestionForm(kind=question.kind, obj=question)
    if request.method == "GET":
        form.options.data = "\n".join(question.options or [])
    if form.validate_on_submit():
        text = form.text.data.strip()
        if _change(survey, "question.edited", f"{key}: {text[:200]}", lambda: definitions.update_question(
                survey, key, text, _user(), options=form.option_list(), required=form.required.data)):
            return _to_editor(survey)
    return render_template("sipas/admin/question_form.html", form=form, survey=survey, kind=question.kind,
                           kinds=KIND_LABELS, element=question.element, question=question)


@bp.post("/surveys/<int:survey_id>/questions/<key>/move")
@role_required("admin")
def move_question(survey_id: int, key: str):
    survey = _survey(survey_id)
    if ConfirmForm().validate_on_submit():
        step = -1 if request.form.get("step") == "up" else 1
        _change(survey, "question.moved", key, lambda: definitions.move_question(survey, key, step, _user()))
    return _to_editor(survey)


@bp.post("/surveys/<int:survey_id>/questions/<key>/retire")
@role_required("admin")
def retire_question(survey_id: int, key: str):
    survey = _survey(survey_id)
    if ConfirmForm().validate_on_submit():
        retired = request.form.get("retired") == "1"
        _change(survey, "question.retired" if retired else "question.restored", key,
                lambda: definitions.set_retired(survey, key, retired, _user()))
    return _to_editor(survey)


@bp.post("/surveys/<int:survey_id>/questions/<key>/delete")
@role_required("admin")
def delete_question(survey_id: int, key: str):
    survey = _survey(survey_id)
    if ConfirmForm().validate_on_submit():
        _change(survey, "question.deleted", key, lambda: definitions.delete_question(survey, key, _user()))
    return _to_editor(survey)
