"""Keys that identify a client without storing its address."""
from __future__ import annotations

import hashlib
import hmac

from flask import current_app, request


def keyed_hash(*parts: str) -> str:
    """An HMAC of ``parts`` under the site's secret key, as hex."""
    message = "\x1f".join(parts).encode()
    return hmac.new(current_app.config["SECRET_KEY"].encode(), message, hashlib.sha256).hexdigest()


def client_key() -> str:
    """A stable, non-reversible key for the requesting address (rate limits)."""
    return keyed_hash("addr", request.remote_addr or "")
