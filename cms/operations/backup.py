"""``cms backup``: the database, the uploads and the instance folder's other
files in one archive, with a manifest, written while the site keeps serving."""
from __future__ import annotations

import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from flask import Flask

from . import OperationError, dumps, site
from .archive import PRIVATE, ArchiveWriter
from .manifest import Manifest
from .sitefiles import BACKUPS, CONFIG, PRIVATE_FILES, SECRET, Layout, database_files, redact_config

Say = Callable[[str], None]


def default_path(instance: Path) -> Path:
    """``<instance>/backups/sen-cms-<UTC date and time>.tar.gz`` (with
    ``-2``, ``-3``... after the time when that second already has one)."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%SZ")
    path = instance / BACKUPS / f"sen-cms-{stamp}.tar.gz"
    number = 1
    while path.exists():
        number += 1
        path = path.with_name(f"sen-cms-{stamp}-{number}.tar.gz")
    return path


def make_backup(app: Flask, out: Path | None, with_secret: bool, say: Say) -> Path:
    """Write the archive and return its path; nothing is left behind on failure."""
    engine = site.engine()
    database = dumps.kind(engine)
    target = (out or default_path(Path(app.instance_path))).resolve()
    if target.exists():
        raise OperationError(f"{target} already exists; choose another name.")
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    manifest = Manifest(core_version=site.core_version(), database=database,
                        migrations=dumps.migration_heads(engine), plugins=site.plugin_versions(),
                        with_secret=with_secret)
    with tempfile.TemporaryDirectory(prefix=".sen-cms-backup-", dir=target.parent) as scratch, \
            ArchiveWriter(target) as archive:
        say(f"Database ({database}): taking a consistent copy…")
        dumped = Path(scratch) / "database"
        dumps.dump(engine, dumped)
        archive.add_file(dumps.member_name(database), dumped, mode=PRIVATE)
        skip = database_files(dumps.sqlite_path(engine)) | {target, archive.partial, Path(scratch)}
        layout = Layout.of(app.instance_path, app.config["UPLOAD_FOLDER"], skip)
        count = _add_site_files(archive, layout, with_secret)
        say(f"Files: {count} from the uploads and the instance folder.")
        archive.finish(manifest)
    _say_what_is_missing(app, with_secret, say)
    say(f"Backup written: {target} ({_megabytes(target.stat().st_size)}; Sen CMS {manifest.core_version}, "
        f"{database} database, {count} files).")
    return target


def _add_site_files(archive: ArchiveWriter, layout: Layout, with_secret: bool) -> int:
    count = 0
    for name, path in layout.files(with_secret):
        relative = name.removeprefix("instance/")
        mode = PRIVATE if name.startswith("instance/") and relative in PRIVATE_FILES else 0o644
        if relative == CONFIG and not with_secret:
            archive.add_bytes(name, redact_config(path.read_text()).encode(), mode)
        else:
            archive.add_file(name, path, mode)
        count += 1
    return count


def _say_what_is_missing(app: Flask, with_secret: bool, say: Say) -> None:
    if not with_secret:
        say("The secret key is not in the archive: keep it separately, or back up with --with-secret.")
    elif not (Path(app.instance_path) / SECRET).is_file():
        say("The secret key is set outside the instance folder (CMS_SECRET_KEY or config.py): "
            "keep it with your other secrets.")
    if app.config.get("REDIS_URL"):
        say("Redis is in use: what it holds (visitor counters, when kept there) is not in the archive; "
            "see docs/deploy.md.")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
