"""``flask --app wsgi cms stats ...``: the numbers from the command line."""
from __future__ import annotations

import click

from cms.plugin import vn_number

from . import queries


@click.command("summary")
@click.option("--top", default=10, show_default=True, help="How many of the most viewed pages to list.")
def summary_command(top: int) -> None:
    """Print the widget's numbers and the most viewed pages of all time."""
    numbers = queries.summary()
    for label, value in (("total", numbers.total), ("today", numbers.today), ("yesterday", numbers.yesterday),
                         ("this month", numbers.month), ("online now", numbers.online)):
        click.echo(f"{label:<12} {vn_number(value):>14}")
    for path, views in queries.top_paths("/", top, None):
        click.echo(f"{vn_number(views):>14}  {path}")
