"""Migrations: the core's Alembic history and one per plugin.

All histories share one ``env.py`` (``cms/migrations``). A plugin's
revisions live in its own ``migrations/`` folder and are recorded in its own
version table, ``alembic_version_<name>``, and each history sees only its own
tables (the core's by name, a plugin's by its name as prefix). Removing a
plugin's files therefore never leaves Alembic looking for a revision it
cannot find.
"""
from __future__ import annotations

import fcntl
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from flask import current_app
from sqlalchemy import text

from .extensions import db
from .models import CORE_TABLES

if TYPE_CHECKING:
    from .pluginhost import LoadedPlugin

CORE_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
LOCK_KEY = zlib.crc32(b"cms-migrations")


def version_table(plugin_name: str | None) -> str:
    return f"alembic_version_{plugin_name}" if plugin_name else "alembic_version"


def include_object(plugin_name: str | None):
    """Alembic filter: the tables (and their parts) one history owns."""

    def include(obj, name, type_, reflected, compare_to) -> bool:
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
        if table is None or table.startswith("alembic_version"):
            return type_ != "table"
        if plugin_name is None:
            return table in CORE_TABLES
        return table.startswith(f"{plugin_name}_")

    return include


def alembic_config(plugin: "LoadedPlugin | None" = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(CORE_MIGRATIONS))
    config.set_main_option("path_separator", "os")
    versions = plugin.migrations if plugin else CORE_MIGRATIONS / "versions"
    config.set_main_option("version_locations", str(versions))
    config.attributes["cms_plugin"] = plugin.name if plugin else None
    return config


def configure_context(context, connection) -> None:
    """Used by ``env.py`` for every history, from here or from ``flask db``."""
    plugin_name = context.config.attributes.get("cms_plugin")
    context.configure(
        connection=connection,
        target_metadata=db.metadata,
        version_table=version_table(plugin_name),
        include_object=include_object(plugin_name),
        render_as_batch=True,
        compare_type=True,
    )


def upgrade_core() -> None:
    with migration_lock():
        command.upgrade(alembic_config(), "heads")


def upgrade_plugin(plugin: "LoadedPlugin") -> None:
    """Bring a plugin's tables to its newest revision, under the lock."""
    if not plugin.migrations.is_dir():
        return
    with migration_lock():
        command.upgrade(alembic_config(plugin), "heads")


def upgrade_all() -> None:
    """The core, then every enabled plugin (dependencies first)."""
    from .pluginhost import host

    upgrade_core()
    for plugin in _dependency_order(host().enabled_plugins()):
        upgrade_plugin(plugin)


def new_revision(plugin: "LoadedPlugin | None", message: str) -> None:
    """Autogenerate a revision for one history from its models' differences."""
    config = alembic_config(plugin)
    folder = plugin.migrations if plugin else CORE_MIGRATIONS / "versions"
    folder.mkdir(exist_ok=True)
    command.revision(config, message=message, autogenerate=True, version_path=str(folder))


def drift(plugin: "LoadedPlugin | None" = None) -> list:
    """Differences between one history's models and the database (empty when in step)."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"include_object": include_object(plugin.name if plugin else None), "compare_type": True},
        )
        return compare_metadata(context, db.metadata)


def _dependency_order(plugins: list["LoadedPlugin"]) -> list["LoadedPlugin"]:
    by_name = {p.name: p for p in plugins}
    ordered: list[LoadedPlugin] = []

    def visit(plugin: "LoadedPlugin") -> None:
        if plugin in ordered:
            return
        for dep in plugin.meta.requires:
            if dep in by_name:
                visit(by_name[dep])
        ordered.append(plugin)

    for plugin in plugins:
        visit(plugin)
    return ordered


@contextmanager
def migration_lock() -> Iterator[None]:
    """One migrator at a time: an advisory lock on PostgreSQL, a file lock on SQLite."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": LOCK_KEY})
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": LOCK_KEY})
                connection.commit()
        return
    lock_path = Path(current_app.instance_path) / ".migrations.lock"
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
