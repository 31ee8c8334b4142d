"""``flask --app wsgi cms sipas ...``"""
from __future__ import annotations

import click

from cms.plugin import db

from .queries import surveys_oldest_first
from .tally import rebuild


@click.command("rebuild-tally")
@click.option("--survey", "slug", help="Only this survey (its slug); every survey by default.")
def rebuild_tally(slug: str | None) -> None:
    """Recompute the running totals the reports read from the stored responses.

    Safe at any time; useful after restoring a backup or importing responses
    by hand.
    """
    surveys = surveys_oldest_first(slug)
    if not surveys:
        raise click.ClickException(f"No survey {slug!r}." if slug else "No survey yet.")
    for survey in surveys:
        rebuild(survey.id)
        db.session.commit()
        click.echo(f"Rebuilt the totals of {survey.slug}.")
