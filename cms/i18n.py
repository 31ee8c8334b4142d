"""Vietnamese by default, English second; the site's timezone.

The language is, in order: the visitor's choice (a cookie set by the links
in the header), the site setting, the configured default. Catalogs live in
``cms/translations/<lang>/LC_MESSAGES/messages.po``; ``make install``
compiles them, and a missing or stale ``.mo`` is compiled at start-up too,
so a checkout run without make still speaks English.
"""
from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, current_app, has_request_context, request
from flask_babel import refresh

from .extensions import babel
from .settings import site_setting

log = logging.getLogger(__name__)
TRANSLATIONS = Path(__file__).resolve().parent / "translations"


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    chosen = request.cookies.get("lang") if has_request_context() else None
    if chosen and chosen in languages:
        return chosen
    setting = site_setting("language")
    return setting if setting in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return site_setting("timezone") or current_app.config["BABEL_DEFAULT_TIMEZONE"]


def compile_catalogs(folder: Path = TRANSLATIONS) -> list[Path]:
    """Compile every ``.po`` whose ``.mo`` is missing or older; return those written.

    Written to a temporary file and renamed, so concurrent workers never
    read half a catalog.
    """
    written = []
    for po_path in sorted(folder.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        fd, temporary = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo.tmp")
        with os.fdopen(fd, "wb") as handle:
            write_mo(handle, catalog)
        os.chmod(temporary, 0o644)
        os.replace(temporary, mo_path)
        written.append(mo_path)
    return written


def init_app(app: Flask) -> None:
    try:
        compile_catalogs()
    except OSError as exc:  # a read-only install: its .mo files were built with it
        log.warning("could not compile translations: %s", exc)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    # Flask-Babel caches the choice on ``g``, which can outlive a request
    # (an app context pushed around several, as in tests): choose afresh.
    app.before_request(refresh)
