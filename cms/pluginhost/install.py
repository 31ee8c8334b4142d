"""Bringing a database to the current schema: what ``cms init`` does."""
from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..models import PluginState
from ..statecache import bump_generation
from . import host
from .migrations import upgrade_all, upgrade_core


def install() -> None:
    """Create or upgrade the core and every enabled plugin; idempotent.

    A new site starts with every plugin found enabled; on an existing site,
    a newly installed plugin waits for an admin to enable it.
    """
    upgrade_core()
    if db.session.scalar(select(PluginState.name).limit(1)) is None:
        for name in host().plugins:
            db.session.add(PluginState(name=name, enabled=True))
        bump_generation()
        db.session.commit()
    upgrade_all(host().enabled_plugins())
