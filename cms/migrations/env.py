"""Alembic environment shared by the core's history and every plugin's."""
from alembic import context

from cms.extensions import db
from cms.pluginhost import host
from cms.pluginhost.migrations import configure_context

with db.engine.connect() as connection:
    configure_context(context, connection, list(host().plugins))
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
