"""``flask --app wsgi cms news ...``: maintenance commands for operators (the
module is not called ``commands``, which would shadow the hook of that name)."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from cms.plugin import db

from .listing_index import rebuild


@click.command("reindex")
@with_appcontext
def reindex() -> None:
    """Rebuild the category and tag listing indexes from the articles.

    Only needed after articles were written to the database directly
    (an import script, a restore from another site's dump).
    """
    with db.engine.begin() as connection:
        rebuild(connection)
    click.echo("Category and tag listings rebuilt.")
