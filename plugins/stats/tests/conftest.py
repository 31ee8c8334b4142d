"""Fixtures for the statistics plugin's tests.

``stats_store`` runs a test once on the SQL backend and once on Redis (when
``CMS_TEST_REDIS_URL`` names a server; required under CI). ``clock`` freezes
the site's now at a known hour. ``record`` adds views without HTTP.
"""
from __future__ import annotations

import os
import uuid
from datetime import datetime

import pytest

from cms.testing import require, with_server

from .. import clock as stats_clock
from ..queries import summary
from ..recorder import install, recorder

BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"
REDIS_URL = os.environ.get("CMS_TEST_REDIS_URL")
DEFAULT_IP = "198.51.100.7"


@pytest.fixture(params=with_server("sql", "redis", "CMS_TEST_REDIS_URL"))
def stats_store(request, app):
    """The backend the plugin counts into; Redis replaces the recorder the app started with."""
    if request.param == "redis":
        require(bool(REDIS_URL), "Redis tests need CMS_TEST_REDIS_URL")
        app.config["REDIS_URL"] = REDIS_URL
        app.config["STATS_REDIS_PREFIX"] = f"test:stats:{uuid.uuid4().hex}:"
        install(app)
    store = recorder().store
    assert store.name == request.param
    yield store
    if request.param == "redis":
        store.clear()


@pytest.fixture
def clock(clock):
    """The site's clock (:mod:`cms.testing`), frozen at a known hour (naive UTC)."""
    clock.set(datetime(2024, 5, 10, 3, 0, 0))
    return clock


@pytest.fixture
def record(app):
    """``record(path, views=1, visitor="v")`` counts views now, without HTTP."""
    def add(path: str, views: int = 1, visitor: str = "v") -> None:
        moment = stats_clock.now()
        recorder().add_view(stats_clock.hour_start(moment), path, visitor, moment, views)
        recorder().flush()

    return add


@pytest.fixture
def view(app, client):
    """``view(path="/", user_agent=..., ip=..., **headers)``: a GET by a browser.

    Each address is its own browser with its own cookies; the default one
    is the ``client`` fixture's (the one ``login`` logs in).
    """
    browsers = {DEFAULT_IP: client}

    def browser(ip: str = DEFAULT_IP):
        return browsers.setdefault(ip, app.test_client())

    def get(path: str = "/", user_agent: str = BROWSER_UA, ip: str = DEFAULT_IP, **headers):
        return browser(ip).get(path, headers={"User-Agent": user_agent, **headers}, environ_base={"REMOTE_ADDR": ip})

    get.browser = browser
    return get


@pytest.fixture
def numbers(app):
    """``numbers()``: the widget's numbers, read now."""
    return summary
