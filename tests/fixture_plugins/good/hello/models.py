from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, func, select
from sqlalchemy.orm import Mapped, mapped_column

from cms.plugin import db, utcnow


class HelloGreeting(db.Model):
    __tablename__ = "hello_greeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def greeting_count() -> int:
    return db.session.scalar(select(func.count(HelloGreeting.id)))
