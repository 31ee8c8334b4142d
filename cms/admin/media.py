"""The media library: images uploaded for pages, and the editor's upload endpoint."""
from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from ..accounts.auth import role_required
from ..errors import ValidationError, wants_json
from ..extensions import db
from ..safeguards.inputs import page_number
from ..media import delete_media, media_url, recent_media, save_upload
from ..models import Media
from .blueprint import bp

PER_PAGE = 48


@bp.get("/media/")
def media_index():
    page = page_number()
    items = recent_media(PER_PAGE + 1, (page - 1) * PER_PAGE)
    return render_template("admin/media/index.html", items=items[:PER_PAGE], page=page,
                           has_next=len(items) > PER_PAGE, media_url=media_url, form=FlaskForm())


@bp.post("/media/upload")
def media_upload():
    """Multipart ``file``; JSON ``{url, id, width, height}`` for the editor,
    or back to the library with a message for the plain form."""
    upload = request.files.get("file")
    try:
        media = save_upload(upload.read() if upload else b"", upload.filename if upload else "", current_user)
    except ValidationError as error:
        if wants_json():
            raise
        flash(str(error), "error")
        return redirect(url_for(".media_index"))
    if wants_json():
        return jsonify(id=media.id, url=media_url(media), width=media.width, height=media.height), 201
    flash(_("Đã tải lên ảnh “%(name)s”.", name=media.original_name), "success")
    return redirect(url_for(".media_index"))


@bp.route("/media/<int:media_id>/delete", methods=["GET", "POST"])
@role_required("editor")
def media_delete(media_id: int):
    media = db.get_or_404(Media, media_id)
    form = FlaskForm()
    if form.validate_on_submit():
        delete_media(media, current_user)
        flash(_("Đã xóa ảnh."), "success")
        return redirect(url_for(".media_index"))
    return render_template("admin/media/delete.html", media=media, media_url=media_url)
