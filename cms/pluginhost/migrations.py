"""Migrations: the core's Alembic history and one per plugin.

All histories share one ``env.py`` (``cms/migrations``). A plugin's
revisions live in its own ``migrations/`` folder and are recorded in its own
version table, ``alembic_version_<name>``, and each history sees only its own
tables (the core's by name, a plugin's by its name as prefix). Removing a
plugin's files therefore never leaves Alembic looking for a revision it
cannot find.

Each upgrade runs in one transaction, on SQLite too (see
:func:`migration_connection`): a revision that fails leaves nothing of itself
behind, so the next attempt starts from the same state.
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
from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.pool import NullPool

from ..database import MIGRATIONS_DIR, sqlite_pragmas
from ..extensions import db
from ..models import CORE_TABLES
from .discovery import LoadedPlugin, dependency_order
from .running import describe

CORE_MIGRATIONS = MIGRATIONS_DIR
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
        on_version_apply=_note_applied(context.config.attributes.get("cms_applied")),
    )


def _note_applied(applied: list | None):
    """An ``on_version_apply`` callback adding each revision run to ``applied``."""
    if applied is None:
        return None

    def note(ctx, step, heads, run_args) -> None:
        applied.append(step.up_revision_id)

    return note


@contextmanager
def migration_connection() -> Iterator[Connection]:
    """A connection whose ``begin()`` starts a real transaction, DDL included.

    PostgreSQL does that already. The pysqlite driver opens transactions on
    its own and commits before DDL, which would leave a failed migration half
    applied; the SQLAlchemy recipe for transactional DDL on SQLite turns its
    handling off and emits ``BEGIN`` itself, on an engine of its own so that
    the app's pooled connections keep the driver's usual behaviour.
    """
    if db.engine.dialect.name != "sqlite":
        with db.engine.connect() as connection:
            yield connection
        return
    engine = create_engine(db.engine.url, poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        sqlite_pragmas(dbapi_connection, _record)

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql("BEGIN")

    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def upgrade_core() -> None:
    with migration_lock():
        command.upgrade(alembic_config(), "heads")


class MigrationFailed(Exception):
    """A plugin's upgrade failed and was rolled back; says which revision."""

    def __init__(self, plugin: str, revision: str, error: BaseException) -> None:
        super().__init__(f"{plugin} {revision}: {describe(error)}")
        self.plugin, self.revision, self.error = plugin, revision, error


def upgrade_plugin(plugin: LoadedPlugin) -> None:
    """Bring a plugin's tables to its newest revision, under the lock, in one
    transaction; raises :class:`MigrationFailed` naming the failing revision."""
    if not plugin.migrations.is_dir():
        return
    config = alembic_config(plugin)
    applied: list[str] = []
    config.attributes["cms_applied"] = applied
    with migration_lock():
        before = current(plugin)
        try:
            command.upgrade(config, "heads")
        except Exception as exc:
            raise MigrationFailed(plugin.name, _failing_revision(config, before, applied), exc) from exc


def _failing_revision(config: Config, before: set[str], applied: list[str]) -> str:
    """The first revision due after ``before`` that did not finish."""
    script = ScriptDirectory.from_config(config)
    due = reversed(list(script.iterate_revisions("heads", tuple(before) or "base")))
    for revision in due:
        if revision.revision not in applied and revision.revision not in before:
            return revision.revision
    return "?"


def upgrade_plugins(plugins: Iterable[LoadedPlugin]) -> list[MigrationFailed]:
    """Upgrade each of ``plugins`` (dependencies first), going on after a
    failure; a plugin whose dependency failed is not tried. Returns the failures."""
    failures: list[MigrationFailed] = []
    failed: set[str] = set()
    for plugin in dependency_order(plugins):
        blocked = sorted(set(plugin.meta.dependencies) & failed)
        if blocked:
            failed.add(plugin.name)
            failures.append(MigrationFailed(plugin.name, "-", RuntimeError(
                f"not upgraded: its dependency {', '.join(blocked)} failed")))
            continue
        try:
            upgrade_plugin(plugin)
        except MigrationFailed as failure:
            failed.add(plugin.name)
            failures.append(failure)
    return failures


def heads(plugin: LoadedPlugin | None = None) -> set[str]:
    """The newest revisions of one history, as its files say."""
    return set(ScriptDirectory.from_config(alembic_config(plugin)).get_heads())


def current(plugin: LoadedPlugin | None = None) -> set[str]:
    """The revisions the database records for one history (empty if none)."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": version_table(
            plugin.name if plugin else None)})
        return set(context.get_current_heads())


def pending(plugin: LoadedPlugin | None = None, known_heads: set[str] | None = None) -> bool:
    """Whether the history has revisions the database has not run
    (``known_heads``: the history's heads, when already read)."""
    if plugin is not None and not plugin.migrations.is_dir():
        return False
    return current(plugin) != (heads(plugin) if known_heads is None else known_heads)


def recorded_histories() -> set[str]:
    """Names of the plugins whose version table exists in the database."""
    prefix = version_table(None) + "_"
    return {name.removeprefix(prefix) for name in inspect(db.engine).get_table_names()
            if name.startswith(prefix) and name != prefix}


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
