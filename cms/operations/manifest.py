"""``manifest.json``: what an archive says about itself.

It names the core version and database kind that made the archive, the
Alembic heads of every history in the database (the core's ``alembic_version``
and each plugin's ``alembic_version_<plugin>``), the plugins the code had,
and the size and SHA-256 checksum of every other member, so a restore can
refuse an archive that is damaged or newer than its code before it changes
anything.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

from . import OperationError

NAME = "manifest.json"
FORMAT = 1
APPLICATION = "sen-cms"


@dataclass(frozen=True)
class Member:
    sha256: str
    size: int


@dataclass
class Manifest:
    core_version: str
    database: str  # "sqlite" or "postgresql"
    migrations: dict[str, list[str]]  # history ("core" or a plugin) -> heads
    plugins: dict[str, str]  # plugin -> version, as found by the code that made it
    with_secret: bool
    members: dict[str, Member] = field(default_factory=dict)
    created: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))
    format: int = FORMAT
    application: str = APPLICATION

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> "Manifest":
        """Parse a manifest; OperationError when it is not one this code reads."""
        try:
            raw = json.loads(data)
            if raw.get("application") != APPLICATION:
                raise OperationError(f"{NAME} is not a Sen CMS backup manifest.")
            if raw.get("format") != FORMAT:
                raise OperationError(f"{NAME} has format {raw.get('format')!r}; this code reads format {FORMAT}.")
            members = {name: Member(**member) for name, member in raw.pop("members").items()}
            return cls(**raw, members=members)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise OperationError(f"{NAME} cannot be read ({type(exc).__name__}: {exc}).") from exc


class Checksum:
    """A running SHA-256 and byte count of one member."""

    def __init__(self) -> None:
        self.digest = hashlib.sha256()
        self.size = 0

    def update(self, chunk: bytes) -> None:
        self.digest.update(chunk)
        self.size += len(chunk)

    def member(self) -> Member:
        return Member(self.digest.hexdigest(), self.size)
