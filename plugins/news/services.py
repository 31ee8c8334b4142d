"""Writes: who may change an article, slugs, tags, status, covers, and the
audit entries and ``content_changed`` events that follow a change to an
article or a category. Views call these; nothing here reads the request."""
from __future__ import annotations

from datetime import datetime
from typing import Iterable, Sequence

from flask_babel import gettext as _
from PIL import Image
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from cms.plugin import User, ValidationError, audit, call_hook, db, make_slug, unique_slug, utcnow

from . import images, queries
from .category_tree import forget, tree
from .models import Article, Category, Status, Tag

KIND = "news.article"
CATEGORY_KIND = "news.category"
SLUG_MAX = 200
CATEGORY_SLUG_MAX = 150


def can_publish(user: User) -> bool:
    """Editors and admins publish; authors write drafts."""
    return user.has_role("editor")


def can_edit(user: User, article: Article) -> bool:
    """Editors edit anything; an author only their own drafts."""
    if can_publish(user):
        return True
    return article.author_id == user.id and article.status == Status.DRAFT.value


def can_preview(user: User, article: Article) -> bool:
    """Who may read an article that is not published yet at its public
    address: its author, editors and admins (not the other authors)."""
    return user.is_authenticated and (can_publish(user) or article.author_id == user.id)


def free_slug(title: str, exclude_id: int | None = None) -> str:
    """A slug made from ``title`` that no other article uses."""
    return unique_slug(make_slug(title, SLUG_MAX) or "bai-viet", lambda s: queries.slug_taken(s, exclude_id),
                       SLUG_MAX)


def search_text(article: Article) -> str:
    """What the admin's text filter searches: title, lead, byline, source."""
    parts = (article.title, article.summary, article.byline, article.source)
    return queries.search_key(" ".join(part or "" for part in parts))


def resolve_tags(names: Iterable[str]) -> list[Tag]:
    """Existing tags by slug, new ones created for the rest."""
    wanted: dict[str, str] = {}
    for name in names:
        slug = make_slug(name, max_length=80)
        if slug and slug not in wanted:
            wanted[slug] = name.strip()
    if not wanted:
        return []
    found = {t.slug: t for t in db.session.scalars(select(Tag).where(Tag.slug.in_(list(wanted))))}
    tags = []
    for slug, name in wanted.items():
        tag = found.get(slug)
        if tag is None:
            tag = Tag(name=name[:80], slug=slug)
            db.session.add(tag)
        tags.append(tag)
    return tags


def set_status(article: Article, status: str, publish_at: datetime | None, now: datetime | None = None) -> None:
    """Apply a status as an editor meant it.

    Published without a date means now; published with a future date is
    scheduled; scheduled with a past date is simply published.
    """
    now = (now or utcnow()).replace(microsecond=0)
    article.publish_at = publish_at
    if status == Status.DRAFT.value:
        article.status = status
        return
    if article.publish_at is None:
        article.publish_at = now
    article.status = Status.SCHEDULED.value if article.publish_at > now else Status.PUBLISHED.value


def publish(article: Article, now: datetime | None = None) -> None:
    """Publish a draft, keeping a date it already has (future dates schedule it)."""
    set_status(article, Status.PUBLISHED.value, article.publish_at, now)


def unpublish(article: Article) -> None:
    article.status = Status.DRAFT.value


def replace_cover(article: Article, image: Image.Image | None, remove: bool) -> tuple[str | None, int]:
    """Store a new cover (``image``) or drop the old one (``remove``); return
    the old files, to be deleted once the change is committed."""
    old = (article.cover_stem, article.cover_width)
    if image is not None:
        article.cover_stem, article.cover_width, article.cover_height = images.store(image)
        return old
    if remove and article.cover_stem:
        article.cover_stem, article.cover_width, article.cover_height = None, 0, 0
        return old
    return None, 0


def save(article: Article, was_status: str | None, fresh: tuple[str | None, int],
         stale: tuple[str | None, int]) -> None:
    """Commit a new or edited article, then delete the replaced cover files
    (``stale``) and announce the change.

    Raises :class:`ValidationError` when a concurrent change took the same
    slug or tag first: the session is rolled back and the newly stored
    cover files (``fresh``) are deleted.
    """
    db.session.add(article)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        images.remove(*fresh)
        raise ValidationError(
            _("Không lưu được: đường dẫn hoặc từ khoá vừa được người khác dùng. Vui lòng lưu lại.")) from None
    committed(article, change_action(was_status, article))
    images.remove(*stale)


def committed(article: Article, action: str) -> None:
    """Record and announce a change: audit entry, commit, ``content_changed``."""
    audit(f"news.article.{action}", article, detail=article.title[:200])
    db.session.commit()
    call_hook("content_changed", kind=KIND, obj=article, action=action)


def change_action(was_status: str | None, article: Article) -> str:
    """``created``, ``published`` (left the drafts) or ``updated``."""
    if was_status is None:
        return "created"
    if was_status == Status.DRAFT.value and article.status != Status.DRAFT.value:
        return "published"
    return "updated"


def apply_bulk(action: str, chosen: Sequence[Article]) -> None:
    """``publish``, ``unpublish`` or ``delete`` several articles at once."""
    if action == "delete":
        delete(chosen)
        return
    changes = []
    for article in chosen:
        was_status = article.status
        if action == "publish":
            publish(article)
        else:
            unpublish(article)
        changes.append((article, change_action(was_status, article)))
        audit(f"news.article.{action}", article, detail=article.title[:200])
    db.session.commit()
    for article, event in changes:
        call_hook("content_changed", kind=KIND, obj=article, action=event)


def delete(chosen: Sequence[Article]) -> None:
    """Delete, commit, then remove the cover files and announce it."""
    covers = [(a.cover_stem, a.cover_width) for a in chosen if a.cover_stem]
    for article in chosen:
        audit("news.article.deleted", article, detail=article.title[:200])
        db.session.delete(article)
    db.session.commit()
    for article in chosen:
        call_hook("content_changed", kind=KIND, obj=article, action="deleted")
    for stem, width in covers:
        images.remove(stem, width)


def free_category_slug(name: str, exclude_id: int | None = None) -> str:
    """A slug made from ``name`` that no other category uses."""
    return unique_slug(make_slug(name, CATEGORY_SLUG_MAX) or "danh-muc",
                       lambda s: queries.category_slug_taken(s, exclude_id), CATEGORY_SLUG_MAX)


def save_category(category: Category, action: str) -> None:
    """Commit a new (``created``) or edited (``updated``) category and announce it."""
    db.session.add(category)
    db.session.flush()
    audit(f"news.category.{action}", category, detail=category.name)
    db.session.commit()
    forget()
    call_hook("content_changed", kind=CATEGORY_KIND, obj=category, action=action)


def _refusal(category: Category) -> str | None:
    """Why this category cannot be deleted, or ``None``."""
    held = queries.article_counts().get(category.id, 0)
    if held:
        return _("Không thể xoá danh mục “%(name)s” vì còn %(n)d bài viết. "
                 "Hãy chuyển các bài sang danh mục khác trước.", name=category.name, n=held)
    if tree().children.get(category.id):
        return _("Không thể xoá danh mục “%(name)s” vì còn danh mục con.", name=category.name)
    return None


def delete_category(category: Category) -> None:
    """Delete a category that holds no articles and no subcategories;
    raises :class:`ValidationError` with the reason otherwise."""
    reason = _refusal(category)
    if reason:
        raise ValidationError(reason)
    audit("news.category.deleted", category, detail=category.name)
    db.session.delete(category)
    db.session.commit()
    forget()
    call_hook("content_changed", kind=CATEGORY_KIND, obj=category, action="deleted")
