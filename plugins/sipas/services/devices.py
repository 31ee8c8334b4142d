"""Kiosk devices: an admin issues a token for a kiosk (shown once; only its
hash is kept) and may revoke it, each change recorded in the audit log."""
from __future__ import annotations

import hashlib
import secrets

from cms.plugin import User, audit, db

from ..models import KioskDevice

TOKEN_BYTES = 24


def token_hash(token: str) -> str:
    """What is stored of a token: random enough that a plain digest serves."""
    return hashlib.sha256(token.encode()).hexdigest()


def issue_device(name: str, user: User) -> tuple[KioskDevice, str]:
    """Register a kiosk; return it and its token, which is never shown again."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    device = KioskDevice(name=name.strip(), token_hash=token_hash(token), created_by_id=user.id)
    db.session.add(device)
    db.session.flush()
    audit("sipas.kiosk_device.issued", device, device.name)
    db.session.commit()
    return device, token


def revoke_device(device: KioskDevice) -> None:
    """The kiosk's token stops working at once; it answers as any visitor."""
    audit("sipas.kiosk_device.revoked", device, device.name)
    db.session.delete(device)
    db.session.commit()
