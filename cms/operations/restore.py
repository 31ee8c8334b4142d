"""``cms restore``: an archive of ``cms backup`` back into an empty site.

Everything is checked before anything changes: the target must be empty
(unless forced), the archive whole (every checksum) and no newer than the
code. Then the database is loaded, the files are put in place and pending
migrations run, as ``cms init`` would.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from flask import Flask
from packaging.version import InvalidVersion, Version

from . import OperationError, dumps, site
from .archive import PRIVATE, read_verified
from .manifest import Manifest
from .sitefiles import CONFIG, PRIVATE_FILES, Layout, database_files

Say = Callable[[str], None]
AREAS = ("database", "uploads", "instance")
KEPT_CONFIG = "config.py.restored"


def restore_backup(app: Flask, archive: Path, force: bool, say: Say) -> None:
    """Restore ``archive`` into ``app``'s database and folders. Every refusal
    (OperationError) comes before the first change."""
    if not archive.is_file():
        raise OperationError(f"{archive} does not exist.")
    engine = site.engine()
    database = dumps.kind(engine)
    skip = database_files(dumps.sqlite_path(engine)) | {archive.resolve()}
    layout = Layout.of(app.instance_path, app.config["UPLOAD_FOLDER"], skip)
    _check_empty(layout, dumps.tables(engine), force)
    layout.instance.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=layout.instance))
    try:
        manifest = read_verified(archive, staging)
        say(f"Checked {archive.name}: {len(manifest.members)} members, all checksums match "
            f"(made {manifest.created} by Sen CMS {manifest.core_version}, {manifest.database} database).")
        _check_compatible(manifest, database, say)
        site.release_connections()
        if force:
            dumps.drop_tables(engine)
        dumps.load(engine, staging / dumps.member_name(database))
        say("Database loaded.")
        _place_files(staging, manifest, layout, say)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        site.release_connections()
    site.upgrade_schema()
    say("Database is up to date. Restore finished.")


def _check_empty(layout: Layout, tables: list[str], force: bool) -> None:
    problems = []
    if tables:
        problems.append(f"the database holds {len(tables)} tables")
    files = layout.content()
    if files:
        problems.append(f"the site's folders hold {len(files)} files (such as {files[0]})")
    if problems and not force:
        raise OperationError("The target site is not empty: " + " and ".join(problems) + ". Restore into an empty "
                             "database and instance folder, or pass --force to replace what is there.")


def _check_compatible(manifest: Manifest, database: str, say: Say) -> None:
    code = site.core_version()
    try:
        newer = Version(manifest.core_version) > Version(code)
    except InvalidVersion as exc:
        raise OperationError(f"The manifest names an unreadable version: {manifest.core_version!r}.") from exc
    if newer:
        raise OperationError(f"The archive was made by Sen CMS {manifest.core_version}, newer than this code "
                             f"({code}): update the code first, then restore.")
    if manifest.database != database:
        raise OperationError(f"The archive holds a {manifest.database} database but this site uses {database}; "
                             f"restoring across database kinds is not supported: point CMS_DATABASE_URL at an "
                             f"empty {manifest.database} database.")
    strays = [name for name in manifest.members if name.split("/", 1)[0] not in AREAS]
    if strays or dumps.member_name(database) not in manifest.members:
        raise OperationError("The archive's members do not form a Sen CMS backup"
                             + (f" (unexpected: {strays[0]})." if strays else " (no database)."))
    for history, revisions in sorted(manifest.migrations.items()):
        known = site.known_revisions(history)
        if known is None:
            say(f"Warning: the archive holds data of the {history} plugin, which this code does not have; "
                "its tables are restored and left unused.")
        elif unknown := sorted(set(revisions) - known):
            raise OperationError(f"The archive's {history} schema is at revision {', '.join(unknown)}, which this "
                                 "code does not know: it was made by newer code. Update the code first.")


def _place_files(staging: Path, manifest: Manifest, layout: Layout, say: Say) -> None:
    count = 0
    for name in sorted(manifest.members):
        area, relative = name.split("/", 1)
        if area == "database":
            continue
        target = layout.root(area) / relative
        private = area == "instance" and relative in PRIVATE_FILES
        if area == "instance" and relative == CONFIG and _differs(target, staging / name):
            target = target.with_name(KEPT_CONFIG)
            say(f"Kept this instance's own {CONFIG}; the archived one is {target}: compare and merge them.")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(staging / name, target)
        if private:
            os.chmod(target, PRIVATE)
        count += 1
    say(f"Files restored: {count}.")


def _differs(existing: Path, archived: Path) -> bool:
    return existing.is_file() and existing.read_bytes() != archived.read_bytes()
