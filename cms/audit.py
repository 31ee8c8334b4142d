"""The audit log: who did what to which object, and when."""
from __future__ import annotations

from typing import Any

from flask_login import current_user

from .extensions import db
from .models import AuditEntry


def record(action: str, obj: Any = None, detail: str = "", user: Any = None) -> AuditEntry:
    """Add an entry to the session; it is committed with the change it records.

    ``obj`` may be a model instance (its class name and ``id`` are kept) or
    ``None``. ``user`` defaults to the logged-in user.
    """
    user = user if user is not None else (current_user if current_user and current_user.is_authenticated else None)
    entry = AuditEntry(
        action=action,
        object_type=_type_name(obj),
        object_id=str(getattr(obj, "id", "") or "") if obj is not None else "",
        detail=detail[:2000],
        user_id=getattr(user, "id", None),
        username=getattr(user, "username", "") or "",
    )
    db.session.add(entry)
    return entry


def _type_name(obj: Any) -> str:
    if obj is None:
        return ""
    table = getattr(obj, "__tablename__", None)
    return table or type(obj).__name__.lower()
