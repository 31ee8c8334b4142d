"""The gallery's admin, under ``/admin/gallery/``; editors and admins only.

Uploading works two ways: the page's script sends each file in its own
request (JSON answer, progress per file, CSRF token in ``X-CSRFToken``), and
without JavaScript the same endpoint takes a plain multi-file form and
reports per file in flash messages.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.datastructures import FileStorage

from cms.plugin import ValidationError, db, role_required

from . import services, worker
from .forms import AlbumForm, ConfirmForm, PhotosForm, UploadForm
from .imaging import ImageRefused
from .models import Album, Photo
from .queries import album_photos, all_albums, photo_counts

bp = Blueprint("plugin_gallery_admin", __name__, template_folder="templates")


@bp.before_request
@role_required("editor")
def _editors_only():
    """Every route of the blueprint needs an editor (or an admin)."""
    return None


def _album(album_id: int) -> Album:
    album = db.session.get(Album, album_id)
    if album is None:
        abort(404)
    return album


def _show_errors(form, error: ValidationError) -> None:
    for name, message in error.errors.items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = list(field.errors) + [message]
        else:
            flash(message, "error")


# -- albums --------------------------------------------------------------------------


@bp.get("/")
def index():
    albums = all_albums()
    return render_template("gallery/admin/index.html", albums=albums, counts=photo_counts([a.id for a in albums]))


@bp.route("/new", methods=["GET", "POST"])
def new_album():
    return _album_form(Album(), AlbumForm())


@bp.route("/<int:album_id>/edit", methods=["GET", "POST"])
def edit_album(album_id: int):
    album = _album(album_id)
    form = AlbumForm(obj=album) if request.method == "GET" else AlbumForm()
    if request.method == "GET":
        form.cover_id.data = album.cover_id or 0
    return _album_form(album, form)


def _album_form(album: Album, form: AlbumForm):
    is_new = album.id is None
    form.set_cover_choices([] if is_new else album_photos(album))
    if form.validate_on_submit():
        try:
            action = services.save_album(album, form.values())
        except ValidationError as error:
            _show_errors(form, error)
        else:
            flash(_("Đã tạo album. Hãy tải ảnh lên.") if action == "created" else _("Đã lưu album."), "success")
            return redirect(url_for(".album", album_id=album.id))
    status = 400 if request.method == "POST" else 200
    return render_template("gallery/admin/album_form.html", form=form, album=album, is_new=is_new), status


@bp.route("/<int:album_id>/delete", methods=["GET", "POST"])
def delete_album(album_id: int):
    album = _album(album_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        title = album.title
        services.delete_album(album)
        flash(_("Đã xóa album “%(title)s” cùng toàn bộ ảnh.", title=title), "success")
        return redirect(url_for(".index"))
    count = photo_counts([album.id]).get(album.id, (0, 0))[1]
    return render_template("gallery/admin/confirm_delete.html", album=album, count=count, form=form)


# -- photos ---------------------------------------------------------------------------


@bp.get("/<int:album_id>/")
def album(album_id: int):
    album = _album(album_id)
    worker.queue(services.requeue_stale(album))
    photos = album_photos(album)
    form = PhotosForm(data={"photos": [_row_data(photo) for photo in photos]})
    return _photos_page(album, photos, form)


def _row_data(photo: Photo) -> dict:
    return {"id": str(photo.id), "caption": photo.caption, "alt": photo.alt, "credit": photo.credit,
            "position": photo.position, "published": photo.published, "delete": False}


def _photos_page(album: Album, photos: list[Photo], form: PhotosForm, status: int = 200):
    rows = {int(entry.form.id.data): entry.form for entry in form.photos if str(entry.form.id.data).isdigit()}
    upload = UploadForm()
    return render_template("gallery/admin/album.html", album=album, photos=photos, rows=rows, form=form,
                           upload=upload, max_bytes=services.max_bytes()), status


@bp.post("/<int:album_id>/photos")
def save_photos(album_id: int):
    album = _album(album_id)
    form = PhotosForm()
    if form.validate_on_submit():
        changes = [services.PhotoChange(int(row.id.data), row.caption.data or "", row.alt.data or "",
                                       row.credit.data or "", row.position.data or 0, row.published.data, row.delete.data)
                   for row in (entry.form for entry in form.photos)]
        try:
            updated, deleted = services.update_photos(album, changes)
        except ValidationError as error:
            flash(next(iter(error.errors.values())), "error")
        else:
            message = _("Đã lưu %(n)s ảnh.", n=updated)
            if deleted:
                message += " " + ngettext("Đã xóa %(num)s ảnh.", "Đã xóa %(num)s ảnh.", deleted)
            flash(message, "success")
            return redirect(url_for(".album", album_id=album.id))
    else:
        flash(_("Chưa lưu: vui lòng sửa các ô được đánh dấu."), "error")
    return _photos_page(album, album_photos(album), form, status=400)


@bp.post("/<int:album_id>/upload")
def upload(album_id: int):
    album = _album(album_id)
    form = UploadForm()
    wants_json = request.accept_mimetypes.best == "application/json"
    if not form.validate_on_submit():
        message = " ".join(error for errors in form.errors.values() for error in errors)
        if wants_json:
            return jsonify(ok=False, error=message or _("Yêu cầu không hợp lệ.")), 400
        flash(message or _("Yêu cầu không hợp lệ."), "error")
        return redirect(url_for(".album", album_id=album.id))
    files = [f for f in request.files.getlist("files") if f and f.filename]
    outcomes = [_accept(album, f, form.credit.data or "") for f in files]
    worker.queue([outcome.photo.id for outcome in outcomes if outcome.photo is not None])
    if wants_json:
        return _json_result(outcomes)
    _flash_results(outcomes)
    return redirect(url_for(".album", album_id=album.id))


@dataclass
class Outcome:
    """What became of one uploaded file."""

    name: str
    photo: Photo | None = None
    error: str = ""
    status: int = 201
    retry_after: int | None = None  # seconds, when the server was too busy to take it


def _accept(album: Album, upload: FileStorage, credit: str) -> Outcome:
    # Read one byte past the limit: enough to refuse, never the whole of a huge file.
    data = upload.stream.read(services.max_bytes() + 1)
    try:
        photo = services.add_photo(album, upload.filename, data, credit, current_user._get_current_object())
    except ImageRefused as refused:
        return Outcome(upload.filename, error=str(refused), status=refused.status,
                       retry_after=getattr(refused, "retry_after", None))
    return Outcome(upload.filename, photo=photo)


def _json_result(outcomes: list[Outcome]):
    if not outcomes:
        return jsonify(ok=False, error=_("Chưa chọn tệp nào.")), 400
    outcome = outcomes[0]
    if outcome.photo is None:
        headers = {"Retry-After": str(outcome.retry_after)} if outcome.retry_after else {}
        return jsonify(ok=False, name=outcome.name, error=outcome.error), outcome.status, headers
    return jsonify(ok=True, name=outcome.name, id=outcome.photo.id, message=_("Đã tải lên, đang xử lý ảnh…")), 201


def _flash_results(outcomes: list[Outcome]) -> None:
    if not outcomes:
        flash(_("Chưa chọn tệp nào."), "error")
        return
    accepted = sum(1 for outcome in outcomes if outcome.photo is not None)
    if accepted:
        flash(_("Đã tải lên %(n)s ảnh; ảnh sẽ hiển thị khi xử lý xong.", n=accepted), "success")
    for outcome in outcomes:
        if outcome.photo is None:
            flash(_("%(name)s: %(error)s", name=outcome.name, error=outcome.error), "error")


@bp.post("/photo/<int:photo_id>/retry")
def retry(photo_id: int):
    photo = db.session.get(Photo, photo_id)
    if photo is None:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.retry(photo)
    worker.queue([photo.id])
    flash(_("Đang xử lý lại ảnh."), "info")
    return redirect(url_for(".album", album_id=photo.album_id))
