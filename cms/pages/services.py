"""Changing the page tree: every rule a save must respect, in one place.

Views turn a form into a :class:`PageInput` and call these functions. A
refused change raises :class:`ValidationError` (field → message) or
:class:`PermissionDenied` before anything is written; an accepted one is
committed together with a revision and an audit entry, and then announced to
plugins through the ``content_changed`` hook.

Who may do what: authors create drafts and edit or delete their own drafts;
editors and admins do everything, including publishing, reordering and
choosing the home page.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import update

from ..audit import record
from ..errors import PermissionDenied, ValidationError
from ..extensions import db
from ..formatting import vn_number
from ..models import Page, PageRevision, PageStatus, Role, User, utcnow
from ..sanitize import sanitize_html
from ..slugs import MAX_SLUG_LENGTH, make_slug, unique_slug
from .queries import descendants, has_children, next_position, siblings, slug_taken

MAX_TITLE_LENGTH = 200
MAX_META_LENGTH = 300
MAX_PATH_LENGTH = 1000
STATUSES = tuple(status.value for status in PageStatus)


@dataclass
class PageInput:
    """What an editor submits for a page; ``publish_at`` is naive UTC."""

    title: str
    slug: str = ""
    parent_id: int | None = None
    body: str = ""
    summary: str = ""
    meta_description: str = ""
    status: str = PageStatus.DRAFT.value
    publish_at: datetime | None = None
    show_in_menu: bool = True
    is_home: bool = False


# -- permissions ---------------------------------------------------------------

def can_publish(user: User) -> bool:
    return user.has_role(Role.EDITOR)


def can_restructure(user: User) -> bool:
    """Reordering the tree and choosing the home page."""
    return user.has_role(Role.EDITOR)


def can_edit(user: User, page: Page) -> bool:
    if user.has_role(Role.EDITOR):
        return True
    return page.author_id == user.id and page.status == PageStatus.DRAFT.value


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied()


# -- validation ------------------------------------------------------------------

def reserved_slugs() -> set[str]:
    """First URL segments the site already uses (admin, login, plugin prefixes...).

    A top-level page with one of these slugs could never be reached.
    """
    reserved = set()
    for rule in current_app.url_map.iter_rules():
        if rule.endpoint.startswith("pages."):
            continue
        first = rule.rule.strip("/").split("/", 1)[0]
        if first and not first.startswith("<"):
            reserved.add(first)
    return reserved


@dataclass
class _Plan:
    """The checked, derived values of a save."""

    slug: str
    parent: Page | None
    path: str


def check(data: PageInput, page: Page | None, user: User) -> _Plan:
    """Every rule of a save; raises :class:`ValidationError` naming each bad field."""
    errors: dict[str, str] = {}
    title = data.title.strip()
    if not title:
        errors["title"] = _("Vui lòng nhập tiêu đề.")
    elif len(title) > MAX_TITLE_LENGTH:
        errors["title"] = _("Tiêu đề dài tối đa %(n)d ký tự.", n=MAX_TITLE_LENGTH)
    if len(data.meta_description) > MAX_META_LENGTH:
        errors["meta_description"] = _("Mô tả dài tối đa %(n)d ký tự.", n=MAX_META_LENGTH)
    limit = current_app.config["PAGE_BODY_MAX_BYTES"]
    if len(data.body.encode("utf-8")) > limit:
        errors["body"] = _("Nội dung quá dài: tối đa %(kb)s KB.", kb=vn_number(limit // 1024))
    errors.update(_check_status(data, page, user))
    parent, parent_error = _check_parent(data.parent_id, page)
    if parent_error:
        errors["parent_id"] = parent_error
    slug, slug_error = _check_slug(data, page, parent, title)
    if slug_error:
        errors["slug"] = slug_error
    path = f"{parent.path}/{slug}" if parent else slug
    if len(path) > MAX_PATH_LENGTH and "slug" not in errors:
        errors["slug"] = _("Đường dẫn đầy đủ của trang quá dài.")
    if errors:
        raise ValidationError(errors)
    return _Plan(slug, parent, path)


def _check_status(data: PageInput, page: Page | None, user: User) -> dict[str, str]:
    errors = {}
    if data.status not in STATUSES:
        errors["status"] = _("Trạng thái không hợp lệ.")
    elif data.status != PageStatus.DRAFT.value and not can_publish(user):
        errors["status"] = _("Chỉ biên tập viên mới được xuất bản hoặc hẹn giờ xuất bản.")
    elif data.status == PageStatus.SCHEDULED.value and data.publish_at is None:
        errors["publish_at"] = _("Hãy nhập thời điểm xuất bản cho trang hẹn giờ.")
    was_home = bool(page and page.is_home)
    if data.is_home != was_home and not can_restructure(user):
        errors["is_home"] = _("Chỉ biên tập viên mới được chọn trang chủ.")
    elif was_home and not data.is_home:
        errors["is_home"] = _("Trang web cần một trang chủ: hãy đặt trang khác làm trang chủ thay vì bỏ chọn ở đây.")
    return errors


def _check_parent(parent_id: int | None, page: Page | None) -> tuple[Page | None, str | None]:
    if parent_id is None:
        return None, None
    parent = db.session.get(Page, parent_id)
    if parent is None:
        return None, _("Trang cha không tồn tại.")
    if page is not None and (parent.id == page.id or parent.path.startswith(page.path + "/")):
        return None, _("Không thể đặt một trang vào bên trong chính nó hoặc trang con của nó.")
    return parent, None


def _check_slug(data: PageInput, page: Page | None, parent: Page | None, title: str) -> tuple[str, str | None]:
    typed = data.slug.strip()
    slug = make_slug(typed or title)
    if not slug:
        return "", (_("Đường dẫn chỉ gồm chữ cái, chữ số và dấu gạch ngang.") if typed or title else None)
    parent_id = parent.id if parent else None
    exclude = page.id if page else None
    if parent is None and slug in reserved_slugs():
        return slug, _("Đường dẫn “%(slug)s” đã được hệ thống dùng; hãy chọn đường dẫn khác.", slug=slug)
    if slug_taken(parent_id, slug, exclude):
        if typed:
            return slug, _("Đã có một trang cùng cấp với đường dẫn “%(slug)s”.", slug=slug)
        slug = unique_slug(slug, lambda s: slug_taken(parent_id, s, exclude), MAX_SLUG_LENGTH)
    return slug, None


# -- saving ----------------------------------------------------------------------

def create_page(data: PageInput, user: User) -> Page:
    plan = check(data, None, user)
    page = Page(author_id=user.id, position=next_position(plan.parent.id if plan.parent else None))
    _apply(page, data, plan)
    db.session.add(page)
    db.session.flush()
    _finish(page, user, "page.created")
    _announce(page, "published" if page.is_visible() else "created")
    return page


def update_page(page: Page, data: PageInput, user: User) -> Page:
    _require(can_edit(user, page))
    plan = check(data, page, user)
    was_visible = page.is_visible()
    if (plan.parent.id if plan.parent else None) != page.parent_id:
        page.position = next_position(plan.parent.id if plan.parent else None)
    _apply(page, data, plan)
    _finish(page, user, "page.updated")
    _announce(page, "published" if page.is_visible() and not was_visible else "updated")
    return page


def _apply(page: Page, data: PageInput, plan: _Plan) -> None:
    body = sanitize_html(data.body)
    with db.session.no_autoflush:
        page.title = data.title.strip()
        page.slug = plan.slug
        page.parent_id = plan.parent.id if plan.parent else None
        page.body = body
        page.summary = data.summary.strip()
        page.meta_description = data.meta_description.strip()
        page.status = data.status
        page.publish_at = data.publish_at
        if data.status == PageStatus.PUBLISHED.value and page.publish_at is None:
            page.publish_at = utcnow()
        page.show_in_menu = data.show_in_menu
        _move_path(page, plan.path)
    if data.is_home and not page.is_home:
        db.session.execute(update(Page).where(Page.is_home.is_(True)).values(is_home=False))
    page.is_home = data.is_home


def _move_path(page: Page, path: str) -> None:
    """Set the page's path and rewrite its descendants' paths to match."""
    old = page.path
    if old == path:
        return
    below = descendants(page) if old else []
    page.path = path
    for child in below:
        child.path = path + child.path[len(old):]


def _finish(page: Page, user: User, action: str, detail: str = "") -> None:
    """Keep a revision, audit, and commit."""
    db.session.add(PageRevision(
        page_id=page.id, title=page.title, body=page.body, summary=page.summary,
        meta_description=page.meta_description, author_id=user.id,
    ))
    record(action, page, detail or f"{page.title} [{page.status}] /{page.path}", user=user)
    db.session.commit()


def _announce(page: Page, action: str) -> None:
    current_app.extensions["cms_plugins"].call("content_changed", kind="page", obj=page, action=action)


# -- tree operations -------------------------------------------------------------

def delete_page(page: Page, user: User) -> None:
    """Delete a page and its revisions; refused while it has children or is home."""
    _require(can_edit(user, page))
    if page.is_home:
        raise ValidationError(_("Không thể xóa trang chủ. Hãy đặt trang khác làm trang chủ trước."))
    if has_children(page):
        raise ValidationError(_("Không thể xóa trang “%(title)s” vì còn trang con. "
                                "Hãy chuyển hoặc xóa các trang con trước.", title=page.title))
    record("page.deleted", page, f"{page.title} /{page.path}", user=user)
    db.session.delete(page)
    db.session.commit()
    _announce(page, "deleted")


def move_page(page: Page, offset: int, user: User) -> bool:
    """Move a page ``offset`` places among its siblings; False at either end."""
    _require(can_restructure(user))
    ordered = siblings(page.parent_id)
    index = ordered.index(page)
    target = index + offset
    if not 0 <= target < len(ordered):
        return False
    ordered.insert(target, ordered.pop(index))
    for position, sibling in enumerate(ordered):
        sibling.position = position
    record("page.moved", page, f"{page.title}: {index + 1} → {target + 1}", user=user)
    db.session.commit()
    _announce(page, "updated")
    return True


def restore_revision(page: Page, revision: PageRevision, user: User) -> Page:
    """Bring back a revision's text; the restore is itself a new revision."""
    _require(can_edit(user, page) and revision.page_id == page.id)
    page.title = revision.title
    page.body = sanitize_html(revision.body)
    page.summary = revision.summary
    page.meta_description = revision.meta_description
    stamp = revision.created_at.strftime("%Y-%m-%d %H:%M")
    _finish(page, user, "page.restored", f"{page.title}: revision {revision.id} ({stamp} UTC)")
    _announce(page, "updated")
    return page
