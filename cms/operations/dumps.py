"""The database in an archive: SQLite through its online backup API (a
consistent copy while the site keeps writing, never the live file), PostgreSQL
through ``pg_dump --format=custom`` and ``pg_restore``."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import column, inspect, select, table, text
from sqlalchemy.engine import Engine, URL

from . import OperationError
from .site import CORE

KINDS = {"sqlite": "database/sqlite.db", "postgresql": "database/postgresql.dump"}
VERSION_TABLE = "alembic_version"
SQLITE_BUSY_SECONDS = 30
CLIENT_TOOLS_HINT = ("install PostgreSQL's client tools, of the server's major version or newer "
                     "(on Debian: apt install postgresql-client), and try again")


def kind(engine: Engine) -> str:
    name = engine.dialect.name
    if name not in KINDS:
        raise OperationError(f"Backups support SQLite and PostgreSQL, not {name}.")
    return name


def member_name(database_kind: str) -> str:
    return KINDS[database_kind]


def sqlite_path(engine: Engine) -> Path | None:
    """The database file of a SQLite engine (``None`` for other kinds)."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise OperationError("The SQLite database is not a plain file; it cannot be backed up or restored.")
    return Path(database).resolve()


def tables(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())


def migration_heads(engine: Engine) -> dict[str, list[str]]:
    """Each history's recorded revisions: ``core`` from ``alembic_version``,
    a plugin's from ``alembic_version_<plugin>``."""
    heads: dict[str, list[str]] = {}
    with engine.connect() as connection:
        for name in tables(engine):
            if name == VERSION_TABLE or name.startswith(f"{VERSION_TABLE}_"):
                history = name.removeprefix(VERSION_TABLE).removeprefix("_") or CORE
                heads[history] = sorted(connection.scalars(select(column("version_num")).select_from(table(name))))
    return heads


def dump(engine: Engine, target: Path) -> None:
    """Write the database to ``target`` (a file of the engine's kind)."""
    database = sqlite_path(engine)
    if database is not None:
        _sqlite_copy(database, target)
    else:
        _run("pg_dump", ["--format=custom", "--no-password", f"--file={target}", _conninfo(engine.url)], engine.url)


def load(engine: Engine, source: Path) -> None:
    """Put the dumped database ``source`` into the engine's database, which
    is empty (PostgreSQL) or is overwritten as a whole (SQLite)."""
    target = sqlite_path(engine)
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        _sqlite_copy(source, target)
    else:
        _run("pg_restore", ["--no-owner", "--no-acl", "--single-transaction", "--exit-on-error", "--no-password",
                            f"--dbname={_conninfo(engine.url)}", str(source)], engine.url)


def drop_tables(engine: Engine) -> None:
    """Empty a PostgreSQL schema of its tables (``restore --force``); on
    SQLite the online copy replaces the whole file anyway."""
    if kind(engine) != "postgresql":
        return
    preparer = engine.dialect.identifier_preparer
    with engine.begin() as connection:
        for name in tables(engine):
            connection.execute(text(f"DROP TABLE IF EXISTS {preparer.quote(name)} CASCADE"))


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy a whole SQLite database page by page (the online backup API)."""
    origin = sqlite3.connect(source, timeout=SQLITE_BUSY_SECONDS)
    destination = sqlite3.connect(target, timeout=SQLITE_BUSY_SECONDS)
    try:
        origin.backup(destination)
    except sqlite3.Error as exc:
        raise OperationError(f"Copying the SQLite database {source} failed: {exc}.") from exc
    finally:
        destination.close()
        origin.close()


def _conninfo(url: URL) -> str:
    """A libpq URL without the password (that goes in PGPASSWORD, not on a
    command line that ``ps`` shows)."""
    return url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)


def _run(tool: str, arguments: list[str], url: URL) -> None:
    executable = shutil.which(tool)
    if executable is None:
        raise OperationError(f"{tool} was not found on PATH: {CLIENT_TOOLS_HINT}.")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    done = subprocess.run([executable, *arguments], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise OperationError(f"{tool} failed (exit status {done.returncode}): {done.stderr.strip()[-2000:]}")
