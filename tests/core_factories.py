"""Small helpers the core's tests share: making pages the way the admin does."""
from __future__ import annotations

from datetime import timedelta

from cms.models import Page, PageStatus, User, utcnow
from cms.pages.services import PageInput, create_page


def make_page(author: User, title: str, parent: Page | None = None, **fields) -> Page:
    """A page saved through the page service (revision, audit, events and all)."""
    fields.setdefault("status", PageStatus.PUBLISHED.value)
    fields.setdefault("body", f"<p>{title}</p>")
    data = PageInput(title=title, parent_id=parent.id if parent else None, **fields)
    return create_page(data, author)


def form_data(page: Page | None = None, **changes) -> dict:
    """What the page form posts for ``page`` (or a new page), with changes."""
    data = {
        "title": page.title if page else "Trang thử",
        "slug": page.slug if page else "",
        "parent_id": str(page.parent_id or "") if page else "",
        "body": page.body if page else "<p>Nội dung</p>",
        "summary": page.summary if page else "",
        "meta_description": page.meta_description if page else "",
        "status": page.status if page else PageStatus.PUBLISHED.value,
        "publish_at": "",
        "show_in_menu": "y",
    }
    if page is not None and page.is_home:
        data["is_home"] = "y"
    data.update({key: value for key, value in changes.items() if value is not None})
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
    return data


def hours_from_now(hours: float):
    return utcnow() + timedelta(hours=hours)
