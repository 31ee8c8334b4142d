"""Where to send a visitor back to: only a path on this site.

Every redirect whose target comes from the request (``?next=``, a form's
``next`` field, the ``Referer`` header) goes through :func:`safe_next`.
Browsers forgive a great deal in a ``Location`` header: they drop tabs and
line breaks, read ``\\`` as ``/`` and take ``//host`` or ``/\\host`` as
another site, so ``/%09/evil.example`` would leave the site. A target
passes only when, decoded as often as it would be, it is a path that starts
with exactly one ``/`` and holds no whitespace, backslash, scheme or host
(and no control character in its query either).
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

from flask import has_request_context, request

MAX_TARGET_LENGTH = 2000
DECODE_ROUNDS = 4


def safe_next(target: str | None, fallback: str = "/") -> str:
    """``target`` when it is a path on this site, ``fallback`` otherwise.

    A full URL on this very host (what the ``Referer`` header holds) is
    turned into its path first; any other host, scheme or odd form is
    refused, not repaired.
    """
    if not isinstance(target, str) or not target or len(target) > MAX_TARGET_LENGTH:
        return fallback
    if has_request_context() and target.startswith(request.host_url):
        target = "/" + target[len(request.host_url):]
    return target if _is_local_path(_fully_decoded(target)) else fallback


def _fully_decoded(text: str) -> str:
    """``%252F`` is ``%2F`` is ``/``: decode until nothing changes."""
    for _round in range(DECODE_ROUNDS):
        decoded = unquote(text)
        if decoded == text:
            return text
        text = decoded
    return text


def _is_local_path(target: str) -> bool:
    """The path (before ``?`` or ``#``) is held strictly; the query may hold
    spaces (``?q=a b``) but no control character anywhere."""
    decoded = _fully_decoded(target)
    path = re.split(r"[?#]", decoded, maxsplit=1)[0]
    if not path.startswith("/") or path[1:2] in ("/", "\\") or "\\" in path:
        return False
    if any(char.isspace() for char in path) or any(unicodedata.category(char).startswith("C") for char in decoded):
        return False
    parts = urlsplit(decoded)
    return not parts.scheme and not parts.netloc
