"""The core as the operations commands see it.

This is the only module of :mod:`cms.operations` that imports the core, and
it does so inside functions: the core's layout may change under one file.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

CORE = "core"  # the core's migration history, as manifests name it


def core_version() -> str:
    from cms.version import __version__

    return __version__


def engine() -> "Engine":
    from cms.extensions import db

    return db.engine


def release_connections() -> None:
    """Give back the session's connection and close the pool, so the
    database can be replaced underneath."""
    from cms.extensions import db

    db.session.remove()
    db.engine.dispose()


def upgrade_schema() -> None:
    """What ``cms init`` does, without demo content: run pending migrations;
    raises the first plugin migration that failed (the others still ran)."""
    from cms.pluginhost.install import install

    failures = install()
    if failures:
        raise failures[0]


def plugin_versions() -> dict[str, str]:
    """Every plugin found by this code, with its version."""
    from cms.pluginhost import host

    return {name: plugin.meta.version for name, plugin in sorted(host().plugins.items())}


def known_revisions(history: str) -> set[str] | None:
    """Every revision this code has for one history (``core`` or a plugin's
    name); ``None`` for a plugin that is not installed or has no migrations."""
    from alembic.script import ScriptDirectory

    from cms.pluginhost import host
    from cms.pluginhost.migrations import alembic_config

    if history == CORE:
        config = alembic_config()
    else:
        plugin = host().plugins.get(history)
        if plugin is None or not plugin.migrations.is_dir():
            return None
        config = alembic_config(plugin)
    return {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
