"""Writing an archive with a checksum of every member, and reading one back
only into a staging folder, checking every checksum before anything else
happens."""
from __future__ import annotations

import gzip
import io
import os
import tarfile
import time
import zlib
from pathlib import Path, PurePosixPath
from typing import IO, BinaryIO

from . import OperationError
from .manifest import NAME as MANIFEST, Checksum, Manifest, Member

CHUNK = 1024 * 1024
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
PRIVATE = 0o600


class _Hashing(io.RawIOBase):
    """A reader that feeds a checksum as tarfile copies from it."""

    def __init__(self, source: BinaryIO, checksum: Checksum) -> None:
        self.source, self.checksum = source, checksum

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self.source.read(size)
        self.checksum.update(chunk)
        return chunk


class ArchiveWriter:
    """A tar.gz written beside its final name and renamed into place only
    when complete, so a failed backup never leaves a file that looks whole.
    The archive is readable by its owner only: it holds password hashes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.partial = path.with_name(f".{path.name}.partial")
        self.members: dict[str, Member] = {}
        self.partial.unlink(missing_ok=True)
        self.partial.touch(mode=PRIVATE)
        self.tar = tarfile.open(self.partial, "w:gz")  # noqa: SIM115 (closed by __exit__)

    def __enter__(self) -> "ArchiveWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.tar.close()
            self.partial.unlink(missing_ok=True)

    def add_file(self, name: str, source: Path, mode: int = 0o644) -> None:
        stat = source.stat()
        with open(source, "rb") as handle:
            self._add(name, handle, stat.st_size, stat.st_mtime, mode)

    def add_bytes(self, name: str, data: bytes, mode: int = 0o644) -> None:
        self._add(name, io.BytesIO(data), len(data), time.time(), mode)

    def _add(self, name: str, handle: BinaryIO, size: int, mtime: float, mode: int) -> None:
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = size, int(mtime), mode
        checksum = Checksum()
        self.tar.addfile(info, _Hashing(handle, checksum))
        self.members[name] = checksum.member()

    def finish(self, manifest: Manifest) -> None:
        """Add the manifest (with every member's checksum) last, then rename."""
        manifest.members = dict(self.members)
        data = manifest.to_json()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mtime, info.mode = len(data), int(time.time()), 0o644
        self.tar.addfile(info, io.BytesIO(data))
        self.tar.close()
        os.replace(self.partial, self.path)


def _safe_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise OperationError(f"The archive holds a member with an unsafe name: {name!r}.")
    return path


def read_verified(archive: Path, staging: Path) -> Manifest:
    """Unpack ``archive`` into ``staging`` and check it against its manifest.

    Raises OperationError when the file is not a readable tar.gz, has no
    manifest, or any member is missing, extra or differs from its checksum.
    """
    found: dict[str, Member] = {}
    manifest_data = None
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for info in tar:
                content = tar.extractfile(info) if info.isfile() else None
                if content is None:
                    raise OperationError(f"The archive holds {info.name!r}, which is not a regular file.")
                if info.name == MANIFEST:
                    manifest_data = content.read(MAX_MANIFEST_BYTES)
                    continue
                target = staging / _safe_name(info.name)
                target.parent.mkdir(parents=True, exist_ok=True)
                found[info.name] = _unpack(content, target)
    except (tarfile.TarError, gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise OperationError(f"{archive} is damaged or not a tar.gz archive ({exc}).") from exc
    except OSError as exc:  # a full disk, or members that clash (a file and a folder of one name)
        raise OperationError(f"Unpacking {archive} failed, nothing was restored: {exc}.") from exc
    if manifest_data is None:
        raise OperationError(f"{archive} has no {MANIFEST}: it is not a Sen CMS backup, or it is incomplete.")
    manifest = Manifest.from_json(manifest_data)
    _compare(manifest.members, found)
    return manifest


def _unpack(source: IO[bytes], target: Path) -> Member:
    checksum = Checksum()
    with open(target, "wb") as out:
        while chunk := source.read(CHUNK):
            checksum.update(chunk)
            out.write(chunk)
    return checksum.member()


def _compare(expected: dict[str, Member], found: dict[str, Member]) -> None:
    problems = [f"{name}: missing" for name in sorted(expected.keys() - found.keys())]
    problems += [f"{name}: not in the manifest" for name in sorted(found.keys() - expected.keys())]
    problems += [f"{name}: checksum mismatch" for name in sorted(expected.keys() & found.keys())
                 if expected[name] != found[name]]
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise OperationError(f"The archive is corrupt, nothing was restored: {shown}.")
