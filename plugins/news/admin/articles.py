"""The article admin: the list with filters and bulk actions, the editor
with preview, deleting with confirmation. The package's ``__init__`` maps
the URLs; the rules and writes are in :mod:`plugins.news.services`."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from cms.plugin import User, ValidationError, db, make_slug, page_number, parse_int, role_required, sanitize_html

from .. import queries, services
from ..category_tree import tree
from ..forms import STATUS_LABELS, ArticleForm
from ..models import Article, Status, Tag

ADMIN_PER_PAGE = 30
BULK_LIMIT = 500
BULK_ACTIONS = {
    "publish": _l("Đăng"),
    "unpublish": _l("Gỡ xuống (chuyển về nháp)"),
    "delete": _l("Xoá"),
}


def _user() -> User:
    return current_user._get_current_object()


def _editable(article_id: int) -> Article:
    article = db.session.get(Article, article_id) or abort(404)
    if not services.can_edit(_user(), article):
        abort(403, _("Bạn chỉ được sửa bài nháp của chính mình."))
    return article


def _int_arg(name: str) -> int | None:
    return parse_int(request.args.get(name))


def _filters() -> queries.AdminFilters:
    author_id = _int_arg("author")
    if not services.can_publish(_user()):
        author_id = _user().id
    return queries.AdminFilters(
        status=request.args.get("status", ""),
        category_id=_int_arg("category"),
        author_id=author_id,
        text=request.args.get("q", "").strip()[:200])


@role_required("author")
def index():
    number = page_number()
    try:
        page = queries.admin_listing(_filters(), number, ADMIN_PER_PAGE)
    except queries.PageOutOfRange:
        abort(404)
    may_publish = services.can_publish(_user())
    return render_template("news/admin/list.html", page=page, statuses=STATUS_LABELS,
                           authors=queries.authors() if may_publish else [],
                           category_choices=tree().choices(), bulk_actions=BULK_ACTIONS, may_publish=may_publish)


def _article_form(article: Article | None) -> ArticleForm:
    initial = None if request.method == "POST" else _initial(article)
    return ArticleForm(data=initial, article_id=article.id if article else None, categories=tree().choices(),
                       may_publish=services.can_publish(_user()))


def _initial(article: Article | None) -> dict | None:
    if article is None:
        return {"status": Status.DRAFT.value}
    return {
        "title": article.title, "slug": article.slug, "summary": article.summary, "body": article.body,
        "categories": [c.id for c in article.categories], "tags": ", ".join(t.name for t in article.tags),
        "byline": article.byline, "source": article.source, "status": article.effective_status().value,
        "publish_at": article.publish_at, "featured": article.featured, "cover_alt": article.cover_alt,
        "cover_caption": article.cover_caption, "cover_credit": article.cover_credit,
    }


def _fill(article: Article, form: ArticleForm) -> None:
    """Copy the validated form onto the article (the cover aside)."""
    with db.session.no_autoflush:
        article.title = form.title.data.strip()
        article.slug = form.slug.data or services.free_slug(article.title, article.id)
        article.summary = (form.summary.data or "").strip()
        article.body = sanitize_html(form.body.data or "")
        article.byline = (form.byline.data or "").strip()
        article.source = (form.source.data or "").strip()
        article.categories = [tree().by_id[i] for i in form.categories.data]
        article.tags = services.resolve_tags(form.tag_names())
        article.cover_alt = (form.cover_alt.data or "").strip()
        article.cover_caption = (form.cover_caption.data or "").strip()
        article.cover_credit = (form.cover_credit.data or "").strip()
        if "status" in form:
            services.set_status(article, form.status.data, form.publish_at.data)
            article.featured = bool(form.featured.data)
        else:
            article.status = Status.DRAFT.value
            article.publish_at = form.publish_at.data
        article.search_text = services.search_text(article)


def _save(article: Article, form: ArticleForm, was_status: str | None) -> bool:
    """Apply the form, store the cover and commit; ``False`` (with a flash)
    when a concurrent change took the same slug or tag first."""
    _fill(article, form)
    stale = services.replace_cover(article, form.cover_image, bool(form.remove_cover.data))
    fresh = (article.cover_stem, article.cover_width) if form.cover_image is not None else (None, 0)
    try:
        services.save(article, was_status, fresh, stale)
    except ValidationError as refused:
        flash(str(refused), "error")
        return False
    return True


def _editor(form: ArticleForm, article: Article | None):
    return render_template("news/admin/edit.html", form=form, article=article, statuses=STATUS_LABELS,
                           category_rows=tree().flat(), may_publish=services.can_publish(_user()))


@role_required("author")
def create():
    form = _article_form(None)
    if form.validate_on_submit():
        article = Article(author_id=_user().id)
        if _save(article, form, None):
            flash(_("Đã tạo bài viết “%(title)s”.", title=article.title), "success")
            return redirect(url_for(".edit", article_id=article.id))
    return _editor(form, None)


@role_required("author")
def edit(article_id: int):
    article = _editable(article_id)
    form = _article_form(article)
    if form.validate_on_submit() and _save(article, form, article.status):
        flash(_("Đã lưu bài viết."), "success")
        return redirect(url_for(".edit", article_id=article.id))
    return _editor(form, article)


def _preview_article(form: ArticleForm, existing: Article | None) -> Article:
    """A transient article built from the unsaved form, never added to the session."""
    title = (form.title.data or "").strip() or _("(Chưa có tiêu đề)")
    shown = Article(
        title=title, slug=form.slug.data or make_slug(title) or "xem-truoc",
        summary=(form.summary.data or "").strip(), body=sanitize_html(form.body.data or ""),
        byline=(form.byline.data or "").strip(), source=(form.source.data or "").strip(),
        status=Status.DRAFT.value, publish_at=form.publish_at.data or (existing.publish_at if existing else None),
        cover_alt=form.cover_alt.data or "", cover_caption=form.cover_caption.data or "",
        cover_credit=form.cover_credit.data or "")
    if existing is not None and existing.cover_stem and not form.remove_cover.data:
        shown.cover_stem, shown.cover_width, shown.cover_height = (
            existing.cover_stem, existing.cover_width, existing.cover_height)
    shown.categories = [tree().by_id[i] for i in form.categories.data or () if i in tree().by_id]
    shown.tags = [Tag(name=name, slug=make_slug(name, 80)) for name in form.tag_names()]
    return shown


@role_required("author")
def preview(article_id: int | None = None):
    existing = _editable(article_id) if article_id else None
    form = _article_form(existing)
    form.validate()
    shown = _preview_article(form, existing)
    primary = shown.primary_category
    return render_template(
        "news/article.html", article=shown, trail=tree().ancestors(primary) if primary else [], related=[],
        older=None, newer=None, views=None, preview=True, preview_errors=form.errors, share_url="")


def _confirm(action: str, chosen: list[Article], target: str):
    return render_template("news/admin/confirm.html", action=action, label=BULK_ACTIONS[action],
                           articles=chosen, target=target)


@role_required("author")
def delete(article_id: int):
    article = _editable(article_id)
    if request.method == "GET":
        return _confirm("delete", [article], url_for(".delete", article_id=article_id))
    title = article.title
    services.delete([article])
    flash(_("Đã xoá bài viết “%(title)s”.", title=title), "success")
    return redirect(url_for(".index"))


def _chosen_ids() -> list[int]:
    return [int(v) for v in request.form.getlist("ids") if v.isdigit()][:BULK_LIMIT]


@role_required("editor")
def bulk():
    action = request.form.get("action", "")
    chosen = queries.by_ids(_chosen_ids())
    if action not in BULK_ACTIONS or not chosen:
        flash(_("Hãy chọn ít nhất một bài viết và một thao tác."), "error")
        return redirect(url_for(".index"))
    if request.form.get("confirm") != "yes":
        return _confirm(action, chosen, url_for(".bulk"))
    services.apply_bulk(action, chosen)
    flash(_("Đã thực hiện “%(action)s” cho %(n)d bài viết.", action=BULK_ACTIONS[action], n=len(chosen)), "success")
    return redirect(url_for(".index"))
