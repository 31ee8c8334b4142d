"""Configuration: core defaults, then ``instance/config.py``, then ``CMS_*`` variables.

The instance folder holds everything that belongs to one site and is never
committed. On first use it is created with a random secret key (mode 0600).
"""
from __future__ import annotations

import math
import os
import secrets
from collections import Counter
from pathlib import Path

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEV_SECRET = "dev"
SECRET_FILE = "secret_key"
MIN_SECRET_LENGTH = 32
MIN_SECRET_BITS = 96


class ConfigError(RuntimeError):
    """The site cannot start with this configuration."""


class Defaults:
    SECRET_KEY = None
    CMS_ENV = "development"
    SQLALCHEMY_DATABASE_URI = None  # filled in from the instance folder
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    REDIS_URL = None
    THEME_FOLDER = str(PROJECT_ROOT / "templates")
    PLUGIN_PACKAGES = ["plugins"]
    PLUGIN_ENTRY_POINT_GROUP = "cms.plugins"
    PLUGIN_ENTRY_POINT_NAMES = None  # None: every entry-point plugin; else only these (tests restrict it)
    PLUGIN_REFRESH_SECONDS = 1.0
    # The circuit breaker (cms.pluginhost.breaker): this many faults of one
    # plugin within the window quarantine it; each worker writes a plugin's
    # fault counts at most once per PLUGIN_FAULT_WRITE_SECONDS. A widget
    # render slower than PLUGIN_WIDGET_BUDGET_MS counts as a fault (0: no budget).
    PLUGIN_FAULT_THRESHOLD = 20
    PLUGIN_FAULT_WINDOW_SECONDS = 300
    PLUGIN_FAULT_WRITE_SECONDS = 1.0
    PLUGIN_WIDGET_BUDGET_MS = 200
    UPLOAD_FOLDER = None  # default: <instance>/uploads
    MAX_CONTENT_LENGTH = 200 * 1024 * 1024
    MAX_IMAGE_BYTES = 20 * 1024 * 1024
    # Uploaded images (cms.images): pixels read from the header before any
    # decoding, decodes at once per worker process, and how long an upload
    # waits for one before "server busy, try again".
    MAX_IMAGE_PIXELS = 40_000_000
    IMAGE_CONCURRENCY = 1
    IMAGE_QUEUE_SECONDS = 20.0
    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
    LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    PASSWORD_HASH_METHOD = "scrypt"  # werkzeug's method string; the test suite uses a cheap one
    LOGIN_MAX_FAILURES = 5
    LOGIN_LOCK_SECONDS = 15 * 60
    STAFF_IDLE_MINUTES = 30  # a staff session idle this long ends (0: never); see cms.accounts.sessions
    # Failures for one account from any addresses within the window lock the
    # account itself for LOGIN_LOCK_SECONDS, and the admins are told.
    LOGIN_ACCOUNT_MAX_FAILURES = 20
    LOGIN_ACCOUNT_WINDOW_SECONDS = 15 * 60
    # Proxy hops in front of the app (the shipped nginx site: 1); 0 trusts no
    # X-Forwarded-* header. The address found drives limits, lockouts and statistics.
    PROXY_COUNT = 0
    RATELIMIT_HEADERS_ENABLED = True
    PAGE_BODY_MAX_BYTES = 1024 * 1024
    # A rich-text field may hold PAGE_BODY_MAX_BYTES; leave room for a longer
    # one to reach the form's own check instead of a bare 413 (Flask's default is 500 kB).
    MAX_FORM_MEMORY_SIZE = 4 * PAGE_BODY_MAX_BYTES
    SEND_FILE_MAX_AGE_DEFAULT = 3600


ENV_VARS = {
    "CMS_DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "CMS_REDIS_URL": "REDIS_URL",
    "CMS_SECRET_KEY": "SECRET_KEY",
    "CMS_ENV": "CMS_ENV",
}


def instance_path() -> str:
    """The instance folder: ``CMS_INSTANCE`` or ``./instance``."""
    return str(Path(os.environ.get("CMS_INSTANCE", "instance")).resolve())


def load(app: Flask, overrides: dict | None) -> None:
    """Fill ``app.config`` in order of precedence and check it."""
    folder = Path(app.instance_path)
    folder.mkdir(parents=True, exist_ok=True)
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    for var, key in ENV_VARS.items():
        if os.environ.get(var):
            app.config[key] = os.environ[var]
    if os.environ.get("CMS_PROXY_COUNT"):
        app.config["PROXY_COUNT"] = os.environ["CMS_PROXY_COUNT"]
    if os.environ.get("CMS_PLUGIN_PACKAGES"):  # comma-separated importable packages of plugins
        app.config["PLUGIN_PACKAGES"] = [p.strip() for p in os.environ["CMS_PLUGIN_PACKAGES"].split(",") if p.strip()]
    if overrides:
        app.config.update(overrides)
    config = app.config
    if not config["SQLALCHEMY_DATABASE_URI"]:
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{folder / 'cms.db'}"
    if not config["UPLOAD_FOLDER"]:
        config["UPLOAD_FOLDER"] = str(folder / "uploads")
    config["CMS_ENV"] = str(config["CMS_ENV"] or "development").strip().lower()  # "Production" counts too
    config["PROXY_COUNT"] = _proxy_count(config["PROXY_COUNT"])
    production = config["CMS_ENV"] == "production"
    if not config["SECRET_KEY"]:
        config["SECRET_KEY"] = _instance_secret(folder, create=not production)
    _check_secret(config["SECRET_KEY"], production)
    if production:
        config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True, PREFERRED_URL_SCHEME="https")


def _proxy_count(value) -> int:
    """A whole number of proxy hops; anything else stops the start, since a
    wrong guess would let visitors forge their address or share one."""
    text = str(value).strip()
    if not text.isdigit():
        raise ConfigError(f"CMS_PROXY_COUNT (PROXY_COUNT) must be a whole number of proxies, 0 or more, not {value!r}")
    return int(text)


def _instance_secret(folder: Path, create: bool) -> str | None:
    path = folder / SECRET_FILE
    if path.exists():
        return path.read_text().strip()
    if not create:
        return None
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def _check_secret(key: str | None, production: bool) -> None:
    if not production:
        return
    if not key or key == DEV_SECRET or len(key) < MIN_SECRET_LENGTH or not _looks_random(key):
        raise ConfigError(
            "CMS_ENV=production needs a random secret key of at least "
            f"{MIN_SECRET_LENGTH} characters (32 times the same letter or a word repeated is not random): "
            f"set CMS_SECRET_KEY (python -c 'import secrets; print(secrets.token_hex(32))') or write "
            f"{SECRET_FILE} in the instance folder."
        )


def _looks_random(key: str) -> bool:
    """A rough check, not a proof: the key is not one short piece repeated
    (``aaaa...``, ``password`` five times) and the Shannon entropy of its
    characters, times its length, reaches :data:`MIN_SECRET_BITS`. Any key
    from ``secrets.token_hex(16)`` (about 115 bits) or longer passes."""
    repeated = key in (key + key)[1:-1]
    counts = Counter(key)
    bits = -sum(n * math.log2(n / len(key)) for n in counts.values())
    return not repeated and bits >= MIN_SECRET_BITS
