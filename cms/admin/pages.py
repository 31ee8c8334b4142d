"""The admin's page tree: create, edit, reorder, delete, revisions."""
from __future__ import annotations

import difflib

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField

from ..accounts.auth import role_required
from ..errors import ValidationError
from ..extensions import db
from ..models import Page, PageRevision, PageStatus
from ..pages import services as page_service
from ..pages.queries import descendants, has_children, page_tree, revisions_of
from ..pages.services import MAX_META_LENGTH, MAX_TITLE_LENGTH, PageInput
from .blueprint import bp
from .forms import LocalDateTimeField, attach_errors, optional_int

STATUS_LABELS = {
    PageStatus.DRAFT.value: _l("Bản nháp"),
    PageStatus.PUBLISHED.value: _l("Đã xuất bản"),
    PageStatus.SCHEDULED.value: _l("Hẹn giờ xuất bản"),
}


class PageForm(FlaskForm):
    title = StringField(_l("Tiêu đề"), render_kw={"maxlength": MAX_TITLE_LENGTH, "required": True})
    slug = StringField(_l("Đường dẫn (slug)"), description=_l(
        "Để trống để tạo từ tiêu đề, ví dụ “Cải cách hành chính” → cai-cach-hanh-chinh."))
    parent_id = SelectField(_l("Trang cha"), coerce=optional_int, validate_choice=False)
    summary = TextAreaField(_l("Tóm tắt"), render_kw={"rows": 3})
    body = TextAreaField(_l("Nội dung"), render_kw={"rows": 18})
    meta_description = TextAreaField(_l("Mô tả cho công cụ tìm kiếm"), render_kw={"rows": 2, "maxlength": MAX_META_LENGTH})
    status = SelectField(_l("Trạng thái"), validate_choice=False)
    publish_at = LocalDateTimeField(_l("Thời điểm xuất bản"), description=_l(
        "Theo giờ của trang web. Bắt buộc khi hẹn giờ xuất bản."))
    show_in_menu = BooleanField(_l("Hiện trong menu"), default=True)
    is_home = BooleanField(_l("Là trang chủ"))

    def setup(self, page: Page | None) -> None:
        """Choices depend on the user and on where the page sits in the tree."""
        excluded = {page.id} | {p.id for p in descendants(page)} if page else set()
        self.parent_id.choices = [("", _("— Cấp cao nhất —"))] + [
            (row.page.id, "\u2003" * row.depth + row.page.title) for row in page_tree() if row.page.id not in excluded
        ]
        statuses = STATUS_LABELS if page_service.can_publish(current_user) else {
            PageStatus.DRAFT.value: STATUS_LABELS[PageStatus.DRAFT.value]}
        self.status.choices = list(statuses.items())
        if not page_service.can_restructure(current_user):
            del self.is_home

    def to_input(self, page: Page | None) -> PageInput:
        return PageInput(
            title=self.title.data or "", slug=self.slug.data or "", parent_id=self.parent_id.data,
            body=self.body.data or "", summary=self.summary.data or "",
            meta_description=self.meta_description.data or "", status=self.status.data or "",
            publish_at=self.publish_at.data, show_in_menu=bool(self.show_in_menu.data),
            is_home=bool(self.is_home.data) if "is_home" in self._fields else bool(page and page.is_home),
        )


@bp.context_processor
def _status_labels():
    return {"status_labels": STATUS_LABELS}


def _page_or_404(page_id: int) -> Page:
    return db.get_or_404(Page, page_id)


def _editable_or_403(page_id: int) -> Page:
    page = _page_or_404(page_id)
    if not page_service.can_edit(current_user, page):
        abort(403)
    return page


def _save(form: PageForm, page: Page | None):
    """Validate and save; on any error re-render the form with messages."""
    valid = form.validate_on_submit()
    if request.method == "POST":
        data = form.to_input(page)
        try:
            if not valid:
                page_service.check(data, page, current_user)
            elif page is None:
                page = page_service.create_page(data, current_user)
            else:
                page_service.update_page(page, data, current_user)
        except ValidationError as error:
            attach_errors(form, error.errors)
            valid = False
        if valid and page is not None:
            flash(_("Đã lưu trang “%(title)s”.", title=page.title), "success")
            return redirect(url_for(".page_edit", page_id=page.id))
    status = 400 if request.method == "POST" else 200
    return render_template("admin/pages/form.html", form=form, page=page, status_labels=STATUS_LABELS), status


@bp.get("/pages/")
def pages_index():
    return render_template("admin/pages/index.html", rows=page_tree(), status_labels=STATUS_LABELS,
                           can_edit=page_service.can_edit, can_restructure=page_service.can_restructure(current_user))


@bp.route("/pages/new", methods=["GET", "POST"])
def page_new():
    form = PageForm()
    form.setup(None)
    if request.method == "GET":
        form.parent_id.data = optional_int(request.args.get("parent"))
        form.status.data = PageStatus.DRAFT.value
    return _save(form, None)


@bp.route("/pages/<int:page_id>/edit", methods=["GET", "POST"])
def page_edit(page_id: int):
    page = _editable_or_403(page_id)
    form = PageForm(obj=page) if request.method == "GET" else PageForm()
    form.setup(page)
    return _save(form, page)


@bp.route("/pages/<int:page_id>/delete", methods=["GET", "POST"])
def page_delete(page_id: int):
    page = _editable_or_403(page_id)
    form = FlaskForm()
    blocked = has_children(page) or page.is_home
    if form.validate_on_submit():
        try:
            page_service.delete_page(page, current_user)
        except ValidationError as error:
            flash(str(error), "error")
            return redirect(url_for(".page_delete", page_id=page.id))
        flash(_("Đã xóa trang “%(title)s”.", title=page.title), "success")
        return redirect(url_for(".pages_index"))
    return render_template("admin/pages/delete.html", page=page, blocked=blocked)


@bp.post("/pages/<int:page_id>/move/<any(up, down):direction>")
@role_required("editor")
def page_move(page_id: int, direction: str):
    page = _page_or_404(page_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    if not page_service.move_page(page, -1 if direction == "up" else 1, current_user):
        flash(_("Trang “%(title)s” đã ở vị trí đầu hoặc cuối.", title=page.title), "info")
    return redirect(url_for(".pages_index", _anchor=f"page-{page.id}"))


@bp.get("/pages/<int:page_id>/revisions/")
def page_revisions(page_id: int):
    page = _editable_or_403(page_id)
    return render_template("admin/pages/revisions.html", page=page, revisions=revisions_of(page))


@bp.get("/pages/<int:page_id>/revisions/<int:revision_id>")
def page_revision(page_id: int, revision_id: int):
    page = _editable_or_403(page_id)
    revision = _revision_or_404(page, revision_id)
    diff = list(difflib.unified_diff(_lines(revision), _lines(page), _("Phiên bản này"), _("Hiện tại"), lineterm="", n=2))
    return render_template("admin/pages/revision.html", page=page, revision=revision, diff=diff, form=FlaskForm())


@bp.post("/pages/<int:page_id>/revisions/<int:revision_id>/restore")
def page_revision_restore(page_id: int, revision_id: int):
    page = _editable_or_403(page_id)
    revision = _revision_or_404(page, revision_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    page_service.restore_revision(page, revision, current_user)
    flash(_("Đã khôi phục phiên bản lúc %(when)s.", when=format_datetime(revision.created_at, "dd/MM/yyyy HH:mm")), "success")
    return redirect(url_for(".page_edit", page_id=page.id))


def _revision_or_404(page: Page, revision_id: int) -> PageRevision:
    revision = db.session.get(PageRevision, revision_id)
    if revision is None or revision.page_id != page.id:
        abort(404)
    return revision


def _lines(obj) -> list[str]:
    """Text of a page or revision, one tag per line, for a readable diff."""
    body = obj.body.replace("><", ">\n<")
    return [obj.title, "", obj.summary, "", obj.meta_description, "", *body.splitlines()]
