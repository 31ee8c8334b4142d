"""Alembic environment shared by the core's history and every plugin's."""
from alembic import context

from cms.extensions import db
from cms.schema import configure_context

with db.engine.connect() as connection:
    configure_context(context, connection)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
