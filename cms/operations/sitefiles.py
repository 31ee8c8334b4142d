"""Which files make up a site, and where each goes in an archive.

``uploads/`` holds ``UPLOAD_FOLDER``; ``instance/`` holds every other file
of the instance folder: ``config.py``, plugin folders (``gallery/``) and
whatever else a site keeps there. Left out: the ``backups/`` folder, the
database file (it travels as a consistent copy), hidden files at the top of
the instance folder (locks, a restore's staging folder), and the secret key
unless asked for. A ``SECRET_KEY = ...`` line in ``config.py`` is blanked
in the archive for the same reason.
"""
from __future__ import annotations

import ast
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import OperationError

BACKUPS = "backups"
CONFIG = "config.py"
SECRET = "secret_key"
PRIVATE_FILES = {CONFIG, SECRET}  # restored readable by their owner only
SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")
REDACTED = "# SECRET_KEY is left out of backups made without --with-secret."


@dataclass(frozen=True)
class Layout:
    """Where a site's files live: its instance folder and its uploads."""

    instance: Path
    uploads: Path
    skip: frozenset[Path] = frozenset()  # more files to leave out (the database, the archive itself)

    @classmethod
    def of(cls, instance_path: str, upload_folder: str, skip: Iterable[Path] = ()) -> "Layout":
        return cls(Path(instance_path).resolve(), Path(upload_folder).resolve(),
                   frozenset(Path(p).resolve() for p in skip))

    def root(self, area: str) -> Path:
        return self.uploads if area == "uploads" else self.instance

    def files(self, with_secret: bool) -> Iterator[tuple[str, Path]]:
        """Every site file as (member name, path), in a stable order."""
        yield from (("uploads/" + rel, path) for rel, path in _walk(self.uploads, self.skip, lambda name: False))
        leave_out = {BACKUPS} | (set() if with_secret else {SECRET})

        def runtime_or_left_out(name: str) -> bool:
            return name.startswith(".") or name in leave_out

        skip = self.skip | {self.uploads}
        yield from (("instance/" + rel, path) for rel, path in _walk(self.instance, skip, runtime_or_left_out))

    def content(self) -> list[str]:
        """The site files already here, besides the config and the secret
        key that a new instance folder may start with."""
        return [name for name, _path in self.files(with_secret=False) if name != f"instance/{CONFIG}"]


def database_files(path: Path | None) -> set[Path]:
    """A SQLite database file with its companions (nothing for others)."""
    return {path.with_name(path.name + suffix) for suffix in SQLITE_COMPANIONS} if path else set()


def _walk(root: Path, skip: frozenset[Path], top_level_skip: Callable[[str], bool]) -> Iterator[tuple[str, Path]]:
    """Regular files under ``root`` (symbolic links are not followed)."""
    if not root.is_dir():
        return
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        top = here == root
        dirs[:] = sorted(d for d in dirs if (here / d) not in skip and not (top and top_level_skip(d)))
        for name in sorted(files):
            path = here / name
            if path in skip or (top and top_level_skip(name)):
                continue
            if stat.S_ISREG(path.lstat().st_mode):
                yield path.relative_to(root).as_posix(), path


def redact_config(source: str) -> str:
    """``config.py`` with every top-level assignment to SECRET_KEY blanked."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise OperationError(f"{CONFIG} cannot be read, so its secret key cannot be left out: {exc}.") from exc
    lines = source.splitlines(keepends=True)
    for node in reversed(tree.body):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and _assigns_secret(node):
            lines[node.lineno - 1:node.end_lineno] = [REDACTED + "\n"]
    return "".join(lines)


def _assigns_secret(node: ast.Assign | ast.AnnAssign) -> bool:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    return any(isinstance(t, ast.Name) and t.id == "SECRET_KEY" for t in targets)
