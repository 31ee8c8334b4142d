"""Alembic environment shared by the core's history and every plugin's.

The whole upgrade of one history is one transaction, DDL included, on
SQLite as on PostgreSQL (see ``migration_connection``): a revision that
raises leaves the database as it was.
"""
from alembic import context

from cms.pluginhost import host
from cms.pluginhost.migrations import configure_context, migration_connection

with migration_connection() as connection, connection.begin():
    configure_context(context, connection, list(host().plugins))
    context.run_migrations()
