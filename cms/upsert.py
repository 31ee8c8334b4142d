"""One INSERT-or-UPDATE statement for SQLite and PostgreSQL alike."""
from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite

from .extensions import db


def upsert(table: Table):
    """An INSERT for the current database that takes ``on_conflict_do_update``:
    a row written or updated in one statement, so that concurrent requests
    (in any worker) never collide on a new key nor lose an update."""
    return {"sqlite": sqlite.insert, "postgresql": postgresql.insert}[db.engine.dialect.name](table)
