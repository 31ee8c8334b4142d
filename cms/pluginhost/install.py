"""Bringing a database to the current schema: what ``cms init`` does."""
from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..models import PluginState
from ..statecache import bump_generation
from . import host, shortcodes
from .migrations import MigrationFailed, upgrade_core, upgrade_plugins


def install() -> list[MigrationFailed]:
    """Create or upgrade the core and every plugin switched on; idempotent.

    A new site starts with every plugin found enabled; on an existing site,
    a newly installed plugin waits for an admin to enable it. A plugin whose
    migration fails is rolled back and left off (shown as needing an
    upgrade) while the others go on; the failures are returned.
    """
    upgrade_core()
    if db.session.scalar(select(PluginState.name).limit(1)) is None:
        for name in host().plugins:
            db.session.add(PluginState(name=name, enabled=True))
        bump_generation()
        db.session.commit()
    failures = upgrade_plugins(host().states.switched_on_plugins())
    shortcodes.remember(host().plugins.values())
    bump_generation()  # every worker re-reads which plugins are up to date
    db.session.commit()
    return failures
