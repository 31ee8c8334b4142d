"""``flask --app wsgi cms plugin new NAME``: a working plugin to start from.

The files under ``plugin/`` are :class:`string.Template` texts (``${name}``
and friends); a folder or file called ``__name__`` takes the plugin's name.
The first migration is written from a template too, so a new plugin needs
no database to be created.
"""
from __future__ import annotations

import importlib
import keyword
import uuid
from datetime import datetime, timezone
from pathlib import Path
from string import Template
from typing import Iterable

TEMPLATES = Path(__file__).resolve().parent / "plugin"
SUFFIX = ".tmpl"


class ScaffoldError(Exception):
    """The plugin cannot be created; the message says why."""


def default_target(packages: Iterable[str]) -> Path:
    """The folder of the first importable plugin package (``plugins/``)."""
    for package_name in packages:
        try:
            package = importlib.import_module(package_name)
        except ImportError:
            continue
        return Path(next(iter(package.__path__)))
    raise ScaffoldError("No plugin package is importable; pass --path.")


def check_name(name: str, taken: Iterable[str] = ()) -> None:
    if not name.isidentifier() or not name.islower() or keyword.iskeyword(name) or name.startswith("_"):
        raise ScaffoldError(f"{name!r} is not a valid plugin name: use lowercase letters, digits and underscores.")
    if name in set(taken):
        raise ScaffoldError(f"A plugin called {name} is already installed.")


def create_plugin(name: str, target: Path, title: str = "", taken: Iterable[str] = ()) -> Path:
    """Write the plugin ``name`` into ``target/name``; returns that folder."""
    check_name(name, taken)
    folder = Path(target) / name
    if folder.exists():
        raise ScaffoldError(f"{folder} already exists.")
    context = {
        "name": name,
        "title": title or name.replace("_", " ").capitalize(),
        "model": "".join(part.capitalize() for part in name.split("_")) + "Item",
        "revision": uuid.uuid4().hex[:12],
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S"),
    }
    for source in sorted(TEMPLATES.rglob(f"*{SUFFIX}")):
        relative = source.relative_to(TEMPLATES).as_posix().replace("__name__", name)[: -len(SUFFIX)]
        destination = folder / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(Template(source.read_text(encoding="utf-8")).substitute(context), encoding="utf-8")
    return folder
