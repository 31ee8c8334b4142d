"""Changing articles: who may, slugs, tags, status, and the events that
follow a change. Views call these; nothing here reads the request."""
from __future__ import annotations

from datetime import datetime
from typing import Iterable, Sequence

from sqlalchemy import select

from cms.extensions import db
from cms.models import User, utcnow
from cms.plugin import audit, call_hook, make_slug, unique_slug

from . import images
from .models import Article, Status, Tag

KIND = "news.article"
SLUG_MAX = 200


def can_publish(user: User) -> bool:
    """Editors and admins publish; authors write drafts."""
    return user.has_role("editor")


def can_edit(user: User, article: Article) -> bool:
    """Editors edit anything; an author only their own drafts."""
    if can_publish(user):
        return True
    return article.author_id == user.id and article.status == Status.DRAFT.value


def slug_taken(slug: str, exclude_id: int | None = None) -> bool:
    query = select(Article.id).where(Article.slug == slug)
    if exclude_id is not None:
        query = query.where(Article.id != exclude_id)
    return db.session.scalar(query.limit(1)) is not None


def free_slug(title: str, exclude_id: int | None = None) -> str:
    """A slug made from ``title`` that no other article uses."""
    return unique_slug(make_slug(title, SLUG_MAX) or "bai-viet", lambda s: slug_taken(s, exclude_id), SLUG_MAX)


def search_key(text: str) -> str:
    """Lowercase ASCII words without tone marks: ``tan chau`` finds ``Tân Châu``."""
    return make_slug(text, max_length=0).replace("-", " ")


def search_text(article: Article) -> str:
    """What the admin's text filter searches: title, lead, byline, source."""
    parts = (article.title, article.summary, article.byline, article.source)
    return search_key(" ".join(part or "" for part in parts))


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
