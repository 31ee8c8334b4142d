"""The core's tables: users, pages and their revisions, site settings, the
audit log, and the plugin host's state. Plugins import ``User`` and ``Page``
from here; their own tables live in their packages with their name as prefix.
"""
from __future__ import annotations

import enum
from datetime import datetime, timezone
from typing import Any

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship
from .extensions import Model, db
from .accounts.passwords import hash_password, verify_password


frozen_now: datetime | None = None
"""When set, what :func:`utcnow` returns: the one seam through which tests
move time (only the ``clock`` fixture of :mod:`cms.testing` sets it)."""


def utcnow() -> datetime:
    """Naive UTC, the one form of time the database stores."""
    if frozen_now is not None:
        return frozen_now
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Role(str, enum.Enum):
    """Ordered roles: each one can do everything the ones before it can."""

    AUTHOR = "author"
    EDITOR = "editor"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def covers(self, other: "Role | str") -> bool:
        return self.rank >= Role(other).rank


class User(UserMixin, Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120), default="")
    email: Mapped[str | None] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default=Role.AUTHOR.value)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # Sessions carry the generation they were opened under (``get_id``);
    # raising it ends every session of the account (cms.accounts.sessions).
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    # Second factor (cms.accounts.twofactor): the TOTP secret is set at enrolment and
    # counts once ``totp_enabled_at`` is set; ``totp_last_step`` refuses a
    # code seen before (a replay within its 30-second window).
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled_at: Mapped[datetime | None]
    totp_last_step: Mapped[int | None]

    def set_password(self, password: str) -> None:
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        return verify_password(self.password_hash, password)

    def get_id(self) -> str:  # Flask-Login: what the session cookie names
        return f"{self.id}:{self.session_generation}"

    @property
    def has_second_factor(self) -> bool:
        return self.totp_enabled_at is not None

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    def has_role(self, role: Role | str) -> bool:
        return Role(self.role).covers(role)

    @property
    def name(self) -> str:
        return self.display_name or self.username

    @classmethod
    def by_username(cls, username: str) -> "User | None":
        return db.session.scalar(select(cls).where(func.lower(cls.username) == username.lower()))


class RecoveryCode(Model):
    """A one-time code that stands in for the second factor; only its hash is kept."""

    __tablename__ = "user_recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None]


class PageStatus(str, enum.Enum):
    DRAFT = "draft"
    PUBLISHED = "published"
    SCHEDULED = "scheduled"


class Page(Model):
    """A node of the page tree. ``path`` is the parent's path plus the slug,
    kept up to date on save so that a URL resolves in one query."""

    __tablename__ = "pages"
    __table_args__ = (
        UniqueConstraint("parent_id", "slug", name="uq_pages_parent_slug"),
        Index("ix_pages_menu", "parent_id", "show_in_menu", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("pages.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(200))
    path: Mapped[str] = mapped_column(String(1000), unique=True)
    body: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    meta_description: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(16), default=PageStatus.DRAFT.value)
    publish_at: Mapped[datetime | None]
    show_in_menu: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)
    is_home: Mapped[bool] = mapped_column(default=False)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    parent: Mapped["Page | None"] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["Page"]] = relationship(back_populates="parent", order_by="Page.position")
    author: Mapped[User | None] = relationship()

    def is_visible(self, now: datetime | None = None) -> bool:
        """Published, or scheduled with its time come (no cron job needed)."""
        now = now or utcnow()
        if self.status == PageStatus.PUBLISHED.value:
            return True
        return self.status == PageStatus.SCHEDULED.value and self.publish_at is not None and self.publish_at <= now

    @staticmethod
    def visible_clause(now: datetime | None = None):
        """The SQL form of :meth:`is_visible`."""
        now = now or utcnow()
        return (Page.status == PageStatus.PUBLISHED.value) | (
            (Page.status == PageStatus.SCHEDULED.value) & (Page.publish_at <= now)
        )


class PageRevision(Model):
    __tablename__ = "page_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    meta_description: Mapped[str] = mapped_column(String(300), default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User | None] = relationship()


class SiteSetting(Model):
    """A site-wide value as JSON: a site setting (read through ``cms.settings``),
    the state cache's generation token (``cms.statecache``) or the demo mark."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class AuditEntry(Model):
    """Who did what to which object, and when."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    username: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(64), default="")
    object_id: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(Text, default="")


class LoginThrottle(Model):
    """Failed logins per account-and-address pair; the address is hashed."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class RateLimitCounter(Model):
    """A fixed-window counter of the rate limits (and of failed logins per
    account), kept in the database so that every worker and node counts
    together when there is no Redis. ``expires_at`` is Unix time."""

    __tablename__ = "rate_limit_counter"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
    expires_at: Mapped[float] = mapped_column(index=True)


class Media(Model):
    """An image uploaded from the page editor."""

    __tablename__ = "media"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(255), unique=True)
    original_name: Mapped[str] = mapped_column(String(255), default="")
    content_type: Mapped[str] = mapped_column(String(64))
    width: Mapped[int] = mapped_column(default=0)
    height: Mapped[int] = mapped_column(default=0)
    size: Mapped[int] = mapped_column(default=0)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PluginState(Model):
    """Whether a plugin is enabled; absent means never enabled."""

    __tablename__ = "plugin_state"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    enabled: Mapped[bool] = mapped_column(default=False)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class PluginSetting(Model):
    """One setting of one plugin, scoped by the plugin's name."""

    __tablename__ = "plugin_settings"

    plugin: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class PluginFaultCount(Model):
    """Faults of one plugin, shared by every worker and node (see
    :mod:`cms.pluginhost.breaker`): the count in the current window
    (``window_ends`` is Unix time), the count since the last reset, the last
    fault, and when the plugin was quarantined for too many faults."""

    __tablename__ = "plugin_fault"

    plugin: Mapped[str] = mapped_column(String(64), primary_key=True)
    recent: Mapped[int] = mapped_column(default=0)
    window_ends: Mapped[float] = mapped_column(default=0.0)
    total: Mapped[int] = mapped_column(default=0)
    last_at: Mapped[datetime | None]
    last_where: Mapped[str] = mapped_column(String(200), default="")
    last_type: Mapped[str] = mapped_column(String(200), default="")
    last_message: Mapped[str] = mapped_column(Text, default="")
    last_traceback: Mapped[str] = mapped_column(Text, default="")
    quarantined_at: Mapped[datetime | None]


class PluginShortcode(Model):
    """A shortcode name a plugin declared once, kept after the plugin is
    gone so that its ``[name …]`` in stored text can be hidden from readers."""

    __tablename__ = "plugin_shortcodes"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    plugin: Mapped[str] = mapped_column(String(64))


CORE_TABLES = frozenset(
    m.__table__.name for m in (User, RecoveryCode, Page, PageRevision, SiteSetting, AuditEntry, LoginThrottle,
                               RateLimitCounter, Media, PluginState, PluginSetting, PluginFaultCount,
                               PluginShortcode)
)
