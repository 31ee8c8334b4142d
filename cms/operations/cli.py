"""``flask --app wsgi cms backup`` and ``cms restore``."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from . import OperationError


@click.command("backup")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="The archive to write (default: backups/sen-cms-<date>-<time>.tar.gz in the instance folder).")
@click.option("--with-secret", is_flag=True, help="Include the secret key (then guard the archive like the key).")
def backup(out: Path | None, with_secret: bool) -> None:
    """Write the database, uploads, instance files and a manifest to one archive."""
    from .backup import make_backup

    try:
        make_backup(current_app, out, with_secret, click.echo)
    except OperationError as exc:
        raise click.ClickException(str(exc)) from exc


@click.command("restore")
@click.argument("archive", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database and site files that are already there.")
def restore(archive: Path, force: bool) -> None:
    """Restore ARCHIVE into an empty site, then run pending migrations."""
    from .restore import restore_backup

    try:
        restore_backup(current_app, archive, force, click.echo)
    except OperationError as exc:
        raise click.ClickException(str(exc)) from exc


COMMANDS = (backup, restore)
