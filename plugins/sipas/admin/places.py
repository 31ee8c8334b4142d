"""Service points, their levels, fields of procedures, and the QR posters."""
from __future__ import annotations

from typing import Any

from flask import Response as HttpResponse
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from cms.plugin import ValidationError, db, role_required

from .. import qr
from ..forms import ConfirmForm, FieldForm, LevelForm, PointForm
from ..models import Level, Point, ServiceField, Survey
from ..queries import all_surveys, default_survey, fields, group_points, levels, points, survey_by_slug
from ..services.places import Place, delete_place, save_place
from .blueprint import bp


def _get(model: Any, item_id: int) -> Any:
    item = db.session.get(model, item_id)
    if item is None:
        abort(404)
    return item


def _save(item: Place, form: Any, names: tuple[str, ...], **values: Any) -> bool:
    """Store the form's fields ``names`` (and ``values``); False with the
    error on the form when the code is taken."""
    try:
        save_place(item, {**values, **{name: form[name].data for name in names}})
    except ValidationError as exc:
        form.code.errors.append(exc.errors["code"])
        return False
    flash(_("Đã lưu."), "success")
    return True


def _delete(item: Place, back: str):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        delete_place(item)
    except ValidationError as exc:
        flash(str(exc), "error")
    else:
        flash(_("Đã xoá."), "success")
    return redirect(url_for(back))


# -- service points ----------------------------------------------------------------

@bp.get("/points/")
@role_required("editor")
def points_list():
    """Editors come here for posters and kiosk links; only admins change points."""
    survey = default_survey()
    return render_template("sipas/admin/points.html", groups=group_points(points()), survey=survey,
                           confirm=ConfirmForm())


@bp.route("/points/new", methods=["GET", "POST"])
@bp.route("/points/<int:point_id>/edit", methods=["GET", "POST"])
@role_required("admin")
def point(point_id: int | None = None):
    item = _get(Point, point_id) if point_id else None
    form = PointForm(obj=item)
    form.level.choices = [(level.id, level.name) for level in levels()]
    if request.method == "GET" and item is not None:
        form.level.data = item.level_id
    names = ("name", "code", "address", "position", "active")
    if form.validate_on_submit() and _save(item or Point(), form, names, level_id=form.level.data):
        return redirect(url_for(".points_list"))
    return render_template("sipas/admin/item_form.html", form=form, item=item, back=url_for(".points_list"),
                           heading=_("Điểm phục vụ"))


@bp.post("/points/<int:point_id>/delete")
@role_required("admin")
def delete_point(point_id: int):
    item = _get(Point, point_id)
    return _delete(item, ".points_list")


def _poster_survey() -> Survey:
    slug = request.args.get("survey")
    survey = survey_by_slug(slug) if slug else default_survey()
    if survey is None:
        abort(404)
    return survey


@bp.get("/points/<int:point_id>/poster")
@role_required("editor")
def poster(point_id: int):
    """An A4 page to print and put up at the counter."""
    item, survey = _get(Point, point_id), _poster_survey()
    url = qr.form_url(item, survey)
    return render_template("sipas/admin/poster.html", point=item, survey=survey, url=url, code=qr.svg(url),
                           surveys=all_surveys())


@bp.get("/points/<int:point_id>/qr.<fmt>")
@role_required("editor")
def qr_image(point_id: int, fmt: str):
    item, survey = _get(Point, point_id), _poster_survey()
    url = qr.form_url(item, survey)
    if fmt == "svg":
        body, mimetype = qr.svg(url), "image/svg+xml"
    elif fmt == "png":
        body, mimetype = qr.png(url), "image/png"
    else:
        abort(404)
    response = HttpResponse(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="qr-{item.code}.{fmt}"'
    return response


# -- fields and levels -------------------------------------------------------------

@bp.get("/fields/")
@role_required("admin")
def fields_list():
    return render_template("sipas/admin/catalog.html", items=fields(), kind="field", confirm=ConfirmForm(),
                           heading=_("Lĩnh vực thủ tục"))


@bp.route("/fields/new", methods=["GET", "POST"])
@bp.route("/fields/<int:field_id>/edit", methods=["GET", "POST"])
@role_required("admin")
def field(field_id: int | None = None):
    item = _get(ServiceField, field_id) if field_id else None
    form = FieldForm(obj=item)
    if form.validate_on_submit() and _save(item or ServiceField(), form, ("name", "code", "position", "active")):
        return redirect(url_for(".fields_list"))
    return render_template("sipas/admin/item_form.html", form=form, item=item, back=url_for(".fields_list"),
                           heading=_("Lĩnh vực thủ tục"))


@bp.post("/fields/<int:field_id>/delete")
@role_required("admin")
def delete_field(field_id: int):
    item = _get(ServiceField, field_id)
    return _delete(item, ".fields_list")


@bp.get("/levels/")
@role_required("admin")
def levels_list():
    return render_template("sipas/admin/catalog.html", items=levels(), kind="level", confirm=ConfirmForm(),
                           heading=_("Cấp hành chính"))


@bp.route("/levels/new", methods=["GET", "POST"])
@bp.route("/levels/<int:level_id>/edit", methods=["GET", "POST"])
@role_required("admin")
def level(level_id: int | None = None):
    item = _get(Level, level_id) if level_id else None
    form = LevelForm(obj=item)
    if form.validate_on_submit() and _save(item or Level(), form, ("name", "position")):
        return redirect(url_for(".levels_list"))
    return render_template("sipas/admin/item_form.html", form=form, item=item, back=url_for(".levels_list"),
                           heading=_("Cấp hành chính"))


@bp.post("/levels/<int:level_id>/delete")
@role_required("admin")
def delete_level(level_id: int):
    item = _get(Level, level_id)
    return _delete(item, ".levels_list")
