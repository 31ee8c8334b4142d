"""Who is visiting, without storing who they are.

A visitor is known by a first-party cookie holding an opaque 32-hex-digit
token. A visitor without one (first view, cookies refused) is known for
the day by a keyed hash of address and user agent under that day's random
salt; that hash is also what the new cookie holds, so a first view and the
views after it are one visitor. Neither the token nor the address is
stored: the store keeps only a keyed hash of the token.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from crawlerdetect import CrawlerDetect
from flask import Request, Response, current_app

from cms.plugin import keyed_hash

from .models import VISITOR_ID_LENGTH

COOKIE = "sen_visitor"
COOKIE_MAX_AGE = 24 * 3600
TOKEN = re.compile(r"[0-9a-f]{32}")


@cache
def _detector() -> CrawlerDetect:
    return CrawlerDetect()


@lru_cache(maxsize=4096)
def is_bot(user_agent: str) -> bool:
    """Known crawlers, and clients that send no user agent at all."""
    return not user_agent.strip() or _detector().is_crawler(user_agent)


def cookie_token(request: Request) -> str | None:
    value = request.cookies.get(COOKIE, "")
    return value if TOKEN.fullmatch(value) else None


def daily_token(request: Request, salt: str) -> str:
    """The day's pseudonym for a visitor without a cookie."""
    agent = request.headers.get("User-Agent", "")
    return keyed_hash("stats.visitor", salt, request.remote_addr or "", agent)[:32]


def visitor_id(token: str) -> str:
    """What the store keeps: a keyed hash of the token, never the token."""
    return keyed_hash("stats.id", token)[:VISITOR_ID_LENGTH]


def refuses_tracking(request: Request) -> bool:
    """Global Privacy Control or Do Not Track: no cookie is set."""
    return request.headers.get("Sec-GPC") == "1" or request.headers.get("DNT") == "1"


def give_cookie(response: Response, token: str) -> None:
    """``Set-Cookie`` written directly: the token is plain hex, and this runs on
    every first view, where Werkzeug's general cookie builder costs more."""
    secure = "; Secure" if current_app.config.get("SESSION_COOKIE_SECURE") else ""
    response.headers.add("Set-Cookie", f"{COOKIE}={token}; Max-Age={COOKIE_MAX_AGE}; Path=/; HttpOnly{secure}; SameSite=Lax")
