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
from typing import Iterable, Iterator

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy import text

from ..extensions import db
from ..models import CORE_TABLES
from .discovery import LoadedPlugin, dependency_order

CORE_MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
LOCK_KEY = zlib.crc32(b"cms-migrations")


def version_table(plugin_name: str | None) -> str:
    return f"alembic_version_{plugin_name}" if plugin_name else "alembic_version"


def table_owner(table: str, plugin_names: Iterable[str]) -> str | None:
    """The plugin a table belongs to: the longest plugin name that, with an
    underscore, prefixes it (so ``news_feed_item`` is ``news_feed``'s when
    both ``news`` and ``news_feed`` are installed); ``None`` for others."""
    owners = [name for name in plugin_names if table.startswith(f"{name}_")]
    return max(owners, key=len) if owners else None


def include_object(plugin_name: str | None, plugin_names: Iterable[str] = ()):
    """Alembic filter: the tables (and their parts) one history owns."""
    names = set(plugin_names) | ({plugin_name} if plugin_name else set())

    def include(obj, name, type_, reflected, compare_to) -> bool:
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
        if table is None or table.startswith("alembic_version"):
            return type_ != "table"
        if plugin_name is None:
            return table in CORE_TABLES
        return table_owner(table, names) == plugin_name

    return include


def alembic_config(plugin: LoadedPlugin | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(CORE_MIGRATIONS))
    config.set_main_option("path_separator", "os")
    versions = plugin.migrations if plugin else CORE_MIGRATIONS / "versions"
    config.set_main_option("version_locations", str(versions))
    config.attributes["cms_plugin"] = plugin.name if plugin else None
    return config


def configure_context(context, connection, plugin_names: Iterable[str]) -> None:
    """Used by ``env.py`` for every history, from here or from ``flask db``;
    ``plugin_names`` are the plugins loaded, which tell whose tables are whose."""
    plugin_name = context.config.attributes.get("cms_plugin")
    context.configure(
        connection=connection,
        target_metadata=db.metadata,
        version_table=version_table(plugin_name),
        include_object=include_object(plugin_name, plugin_names),
        render_as_batch=True,
        compare_type=True,
    )


def upgrade_core() -> None:
    with migration_lock():
        command.upgrade(alembic_config(), "heads")


def upgrade_plugin(plugin: LoadedPlugin) -> None:
    """Bring a plugin's tables to its newest revision, under the lock."""
    if not plugin.migrations.is_dir():
        return
    with migration_lock():
        command.upgrade(alembic_config(plugin), "heads")


def upgrade_all(enabled: Iterable[LoadedPlugin]) -> None:
    """The core, then the ``enabled`` plugins (dependencies first)."""
    upgrade_core()
    for plugin in dependency_order(enabled):
        upgrade_plugin(plugin)


def heads(plugin: LoadedPlugin | None = None) -> set[str]:
    """The newest revisions of one history, as its files say."""
    return set(ScriptDirectory.from_config(alembic_config(plugin)).get_heads())


def current(plugin: LoadedPlugin | None = None) -> set[str]:
    """The revisions the database records for one history (empty if none)."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": version_table(
            plugin.name if plugin else None)})
        return set(context.get_current_heads())


def pending(plugin: LoadedPlugin | None = None) -> bool:
    """Whether the history has revisions the database has not run."""
    if plugin is not None and not plugin.migrations.is_dir():
        return False
    return current(plugin) != heads(plugin)


def new_revision(plugin: LoadedPlugin | None, message: str) -> None:
    """Autogenerate a revision for one history from its models' differences."""
    config = alembic_config(plugin)
    folder = plugin.migrations if plugin else CORE_MIGRATIONS / "versions"
    folder.mkdir(exist_ok=True)
    command.revision(config, message=message, autogenerate=True, version_path=str(folder))


def drift(plugin: LoadedPlugin | None = None, plugin_names: Iterable[str] = ()) -> list:
    """Differences between one history's models and the database (empty when
    in step); ``plugin_names``, the plugins loaded, tell whose tables are whose."""
    include = include_object(plugin.name if plugin else None, plugin_names)
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": include, "compare_type": True})
        return compare_metadata(context, db.metadata)


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
