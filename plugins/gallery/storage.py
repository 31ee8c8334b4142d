"""Where the gallery keeps its files, behind a small interface.

Keys are relative, slash-separated names. Two areas share one store:
``originals/...`` (never served) and ``public/...`` (renditions, served by
the public blueprint under content-hashed names). The default store is a
folder in the instance; set ``GALLERY_STORAGE_PATH`` in the instance config to
a folder every machine mounts (NFS, a shared volume) when several machines
serve the site.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Iterator, Protocol

from flask import Response, current_app, send_file

ORIGINALS = "originals"
PUBLIC = "public"
KEY_PATTERN = re.compile(r"^(originals|public)(/[A-Za-z0-9][A-Za-z0-9._-]*)+$")
FOREVER = 365 * 24 * 3600


class Storage(Protocol):
    """What the gallery needs from a file store."""

    def save(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key`` all at once: readers never see half a file."""

    def read(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None:
        """Remove ``key``; a missing key is not an error."""

    def exists(self, key: str) -> bool: ...

    def keys(self) -> Iterator[str]:
        """Every key in the store (for finding orphans)."""

    def modified(self, key: str) -> float:
        """When the file was last written (a POSIX timestamp)."""

    def serve(self, key: str) -> Response:
        """A response sending the file, cacheable for ever (its name changes with it)."""


class LocalStorage:
    """Files in a folder on this machine or on a mount every machine shares."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        if not KEY_PATTERN.match(key) or ".." in key:
            raise ValueError(f"invalid storage key {key!r}")
        return self.root / key

    def save(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    def read(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def delete(self, key: str) -> None:
        path = self._path(key)
        path.unlink(missing_ok=True)
        # Drop emptied shard folders so that deleting leaves nothing behind.
        for folder in (path.parent, path.parent.parent):
            if folder != self.root and folder.is_dir():
                try:
                    folder.rmdir()
                except OSError:
                    break

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def keys(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for path in sorted(self.root.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                yield path.relative_to(self.root).as_posix()

    def modified(self, key: str) -> float:
        return self._path(key).stat().st_mtime

    def serve(self, key: str) -> Response:
        response = send_file(self._path(key), max_age=FOREVER, conditional=True)
        response.headers["Cache-Control"] = f"public, max-age={FOREVER}, immutable"
        return response


def storage_root() -> Path:
    configured = current_app.config.get("GALLERY_STORAGE_PATH")
    return Path(configured) if configured else Path(current_app.instance_path) / "gallery"


def get_storage() -> Storage:
    """The store of the current app (one per app, made on first use)."""
    store = current_app.extensions.get("gallery_storage")
    if store is None:
        store = current_app.extensions["gallery_storage"] = LocalStorage(storage_root())
    return store
