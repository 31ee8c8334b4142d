"""``flask --app wsgi cms ...``: set up the database, manage users and plugins.

The ``cms`` group is made per app so that plugins' command groups, added by
the plugin host, never leak from one app to another.
"""
from __future__ import annotations

import sys

import click
from flask import Flask
from flask.cli import AppGroup

from .accounts import sessions
from .audit import record
from .demo import load_demo
from .extensions import db
from .pluginhost.install import install
from .models import Role, User
from .operations.cli import COMMANDS as OPERATIONS_COMMANDS
from .accounts.passwords import password_problem
from .pluginhost.cli import make_plugin_group
from .pluginhost.running import describe

ROLES = [role.value for role in Role]


def make_group() -> AppGroup:
    group = AppGroup("cms", help="Manage the Sen CMS site.")
    group.add_command(init)
    group.add_command(create_user)
    group.add_command(make_plugin_group())
    for command in OPERATIONS_COMMANDS:
        group.add_command(command)
    return group


@click.command("init")
@click.option("--demo", is_flag=True, help="Load the demo site (once).")
def init(demo: bool) -> None:
    """Create or upgrade the database to every head; idempotent.

    A plugin whose migration fails is reported in one line and left off
    (rolled back); the others are still upgraded, and the exit status is 1.
    """
    failures = install()
    for failure in failures:
        click.echo(f"Plugin {failure.plugin}, revision {failure.revision}: {describe(failure.error)}", err=True)
    if failures:
        raise click.ClickException(f"{len(failures)} plugin(s) not upgraded; they stay off until "
                                   "`flask --app wsgi cms plugin upgrade NAME` succeeds.")
    click.echo("Database is up to date.")
    if demo:
        load_demo(click.echo)


@click.command("create-user")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), default=Role.AUTHOR.value, show_default=True)
@click.option("--display-name", default="")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user(username: str, role: str, display_name: str, password_stdin: bool) -> None:
    """Create a user account (or reset its password and role)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    problem = password_problem(password, username)
    if problem:
        raise click.ClickException(problem)
    user = User.by_username(username)
    created = user is None
    if user is None:
        user = User(username=username)
        db.session.add(user)
    else:
        sessions.end_others(user)
    user.role = role
    user.display_name = display_name or user.display_name or username
    user.set_password(password)
    db.session.flush()
    record("user.created" if created else "user.reset", user, f"role={role} (command line)")
    db.session.commit()
    click.echo(f"{'Created' if created else 'Updated'} {role} {username}.")


def init_app(app: Flask) -> None:
    app.cli.add_command(make_group())
