"""``flask --app wsgi cms plugin ...``: list, enable, disable, configure and
create plugins, write their migrations and the hook reference."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from ..errors import ValidationError
from ..extensions import db
from ..scaffold import ScaffoldError, create_plugin, default_target
from . import PluginError, host
from .docs import DOCS_PATH, update_docs
from .migrations import new_revision
from .overview import STATE_LABELS, forget, removed_names, state_of


def make_plugin_group() -> AppGroup:
    group = AppGroup("plugin", help="List, enable, disable, configure or create plugins.")
    for command in (plugin_list, plugin_enable, plugin_disable, plugin_upgrade, plugin_forget, plugin_settings,
                    plugin_revision, plugin_new, plugin_docs):
        group.add_command(command)
    return group


@click.command("list")
def plugin_list() -> None:
    """Show every plugin found or removed, its state (as the admin page
    shows it) and any problem."""
    plugin_host = host()
    for name, plugin in sorted(plugin_host.plugins.items()):
        click.echo(f"{name:<16} {plugin.meta.version:<8} {_label(plugin_host, name):<16} {plugin.source}")
    for name, problem in sorted(plugin_host.problems.items()):
        click.echo(f"{name:<16} {'-':<8} {_label(plugin_host, name):<16} {problem}")
    for name in removed_names(plugin_host):
        click.echo(f"{name:<16} {'-':<8} {_label(plugin_host, name):<16} "
                   f"(flask --app wsgi cms plugin forget {name})")


def _label(plugin_host, name: str) -> str:
    return str(STATE_LABELS[state_of(plugin_host, name)])


def _run(action: Callable[[], object], done: str) -> None:
    """Run a host action; its refusal becomes the command's one-line error."""
    try:
        action()
    except PluginError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(done)


def _set_enabled(name: str, enabled: bool) -> None:
    _run(lambda: host().set_enabled(name, enabled), f"{name} {'enabled' if enabled else 'disabled'}.")


@click.command("enable")
@click.argument("name")
def plugin_enable(name: str) -> None:
    """Enable a plugin, running its pending migrations first."""
    _set_enabled(name, True)


@click.command("disable")
@click.argument("name")
def plugin_disable(name: str) -> None:
    """Disable a plugin; its data is kept."""
    _set_enabled(name, False)


@click.command("upgrade")
@click.argument("name")
def plugin_upgrade(name: str) -> None:
    """Run plugin NAME's pending migrations (after installing a newer version)."""
    _run(lambda: host().upgrade(name), f"{name} upgraded.")


@click.command("forget")
@click.argument("name")
def plugin_forget(name: str) -> None:
    """Forget removed plugin NAME's state, settings and migration record;
    its tables and their data are kept."""
    _run(lambda: forget(host(), name), f"{name} forgotten; its tables are kept.")


@click.command("settings")
@click.argument("name")
@click.argument("assignments", nargs=-1, metavar="[KEY=VALUE]...")
def plugin_settings(name: str, assignments: tuple[str, ...]) -> None:
    """Show plugin NAME's settings, or change some with KEY=VALUE."""
    if name not in host().plugins:
        raise click.ClickException(f"{name}: {host().problems.get(name, 'is not installed')}")
    if assignments:
        values = dict(_split_assignment(text) for text in assignments)
        try:
            host().save_settings(name, values)
        except ValidationError as exc:
            raise click.ClickException("; ".join(f"{k}: {v}" for k, v in exc.errors.items())) from exc
        db.session.commit()
    for key, value in host().settings_of(name).items():
        click.echo(f"{key} = {value!r}")


def _split_assignment(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep:
        raise click.BadParameter(f"{text!r} is not KEY=VALUE", param_hint="assignments")
    return key.strip(), value


@click.command("revision")
@click.argument("name")
@click.option("-m", "--message", required=True, help="What the revision changes.")
def plugin_revision(name: str, message: str) -> None:
    """Autogenerate a migration for plugin NAME (``core`` for the core).

    Run ``cms init`` (and enable the plugin) first so that the database is
    at the current heads.
    """
    if name == "core":
        new_revision(None, message)
    elif name in host().plugins:
        new_revision(host().plugins[name], message)
    else:
        raise click.ClickException(f"{name}: {host().problems.get(name, 'is not installed')}")


@click.command("new")
@click.argument("name")
@click.option("--path", "target", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of plugin packages to create it in (default: the first of PLUGIN_PACKAGES).")
@click.option("--title", default="", help="The title shown to admins (default: from NAME).")
def plugin_new(name: str, target: Path | None, title: str) -> None:
    """Create a working plugin NAME: pages, a widget, a model with its
    migration, settings, an admin page and a test."""
    target = target or default_target(current_app.config["PLUGIN_PACKAGES"])
    try:
        folder = create_plugin(name, target, title, taken=set(host().plugins) | set(host().problems))
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Created the {name} plugin in {folder}.")
    if not _is_plugin_package(target):
        click.echo(f"{target} is not among PLUGIN_PACKAGES: add its package there (or to CMS_PLUGIN_PACKAGES).")
    click.echo("Next: restart the site (plugins are found at start), then")
    click.echo(f"  flask --app wsgi cms plugin enable {name}")
    click.echo(f"  python -m pytest {folder / 'tests'}")


def _is_plugin_package(folder: Path) -> bool:
    """Whether the site finds plugins in ``folder`` (one of PLUGIN_PACKAGES)."""
    for name in current_app.config["PLUGIN_PACKAGES"]:
        try:
            if default_target([name]).resolve() == folder.resolve():
                return True
        except ScaffoldError:
            continue
    return False


@click.command("docs")
@click.option("--check", is_flag=True, help="Only check that the reference is up to date.")
@click.option("--path", "path", type=click.Path(dir_okay=False, path_type=Path), default=DOCS_PATH,
              show_default=True, help="The Markdown file holding the hook reference.")
def plugin_docs(check: bool, path: Path) -> None:
    """Write the hook and API reference into the plugin docs from the docstrings."""
    changed = update_docs(path, write=not check)
    if check and changed:
        raise click.ClickException(f"{path} is out of date: run flask --app wsgi cms plugin docs")
    click.echo(f"{path} {'is up to date' if not changed else 'updated'}.")
