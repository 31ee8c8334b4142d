"""What several news test modules read or post."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from cms.plugin import db

from ..models import Article


def article_form(category, **overrides) -> dict:
    """The editor's fields for a valid article in ``category``."""
    form = {
        "title": "Khai mạc hội chợ nông sản",
        "slug": "",
        "summary": "Hơn 150 gian hàng tham gia.",
        "body": "<p>Nội dung <strong>bài viết</strong>.</p><script>alert(1)</script>",
        "categories": [str(category.id)],
        "tags": "hội chợ, OCOP",
        "byline": "Minh Khoa",
        "source": "",
        "status": "published",
        "publish_at": "",
        "cover_alt": "", "cover_caption": "", "cover_credit": "",
    }
    form.update(overrides)
    return form


def article_count() -> int:
    return db.session.scalar(select(func.count(Article.id)))


def titles(html: str) -> list[str]:
    """The article titles a listing shows, in order."""
    return re.findall(r'class="news-card-title"><a href="[^"]+">([^<]+)</a>', html)
