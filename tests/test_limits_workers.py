"""Limits hold in total, not per worker: the site served by gunicorn with two
worker processes, as in production, on SQLite without Redis (the counts live
in the database) and, when ``CMS_TEST_REDIS_URL`` is set, with Redis. The
site trusts one proxy hop (``CMS_PROXY_COUNT=1``), so a test can speak for
many addresses.

Requests go out concurrently on fresh connections, so both workers answer
some of them; with the counts kept in each worker's memory 38 of 50 logins
went through instead of 20.
"""
from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterator
from urllib.parse import urlencode

import pytest
from test_deploy import BIN, GUNICORN_CONF, ROOT, environment, free_port, wait_for

from cms.testing import require, with_server

pytestmark = pytest.mark.slow

LOGIN_LIMIT, SURVEY_LIMIT = 20, 5  # the shipped defaults: 20 per minute, 5 per minute
ACCOUNT_LIMIT = 20  # failures per account within 15 minutes


class Site:
    """A served site and a visitor's session on it (one address: loopback)."""

    def __init__(self, port: int) -> None:
        self.port = port
        status, headers, body = self.request("GET", "/login")
        assert status == 200
        self.cookie = headers["set-cookie"].split(";", 1)[0]
        self.csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', body).group(1)

    def request(self, method: str, path: str, form: dict | None = None, cookie: str = "",
                forwarded_for: str = "") -> tuple[int, dict, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=90)
        headers = {"Connection": "close", "Cookie": cookie}
        if forwarded_for:
            headers["X-Forwarded-For"] = forwarded_for
        if form is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=urlencode(form) if form is not None else None, headers=headers)
        response = connection.getresponse()
        result = response.status, {k.lower(): v for k, v in response.getheaders()}, response.read().decode()
        connection.close()
        return result

    def post_many(self, path: str, forms: list[dict], addresses: list[str] | None = None) -> list[int]:
        """Send the forms at once, each on its own connection (from the
        ``addresses`` given, as the trusted proxy reports them)."""
        def post(form: dict, address: str) -> int:
            return self.request("POST", path, {**form, "csrf_token": self.csrf}, self.cookie, address)[0]

        with ThreadPoolExecutor(max_workers=8) as pool:
            return list(pool.map(post, forms, addresses or [""] * len(forms)))


def served(instance: Path, **env: str) -> Iterator[Site]:
    port = free_port()
    process = subprocess.Popen([BIN / "gunicorn", "--config", str(GUNICORN_CONF), "wsgi:app"], cwd=ROOT,
                               env=environment(CMS_INSTANCE=str(instance), PORT=str(port), CMS_WORKERS="2",
                                               CMS_THREADS="4", CMS_PROXY_COUNT="1", **env),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(port, process, seconds=90)
        yield Site(port)
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    assert output.count("Booting worker") == 2, output


@pytest.fixture(scope="module", params=with_server("database", "redis", "CMS_TEST_REDIS_URL"))
def site(request, tmp_path_factory) -> Iterator[Site]:
    """A new site on SQLite, its limits counted in the database or in Redis
    (shared by the tests below: each counts under addresses of its own)."""
    tmp_path = tmp_path_factory.mktemp(f"limits-{request.param}")
    env = {}
    if request.param == "redis":
        url = os.environ.get("CMS_TEST_REDIS_URL")
        require(bool(url), "the Redis variant needs CMS_TEST_REDIS_URL")
        env["CMS_REDIS_URL"] = url
        # A prefix of its own, so counts left in Redis by other runs do not count.
        (tmp_path / "config.py").write_text(f"RATELIMIT_KEY_PREFIX = {uuid.uuid4().hex!r}\n")
    done = subprocess.run([BIN / "flask", "--app", "wsgi", "cms", "init"], cwd=ROOT, capture_output=True, text=True,
                          env=environment(CMS_INSTANCE=str(tmp_path)))
    assert done.returncode == 0, done.stderr
    yield from served(tmp_path, **env)


@pytest.mark.plugins("sipas")
def test_the_login_and_survey_limits_hold_across_two_workers(site):
    logins = site.post_many("/login", [{"username": f"khach{n}", "password": "sai"} for n in range(50)])
    assert logins.count(401) == LOGIN_LIMIT and logins.count(429) == 50 - LOGIN_LIMIT, logins
    answers = site.post_many("/sipas/", [{"website": ""}] * 12)
    assert sum(status != 429 for status in answers) == SURVEY_LIMIT, answers


def test_one_account_guessed_from_many_addresses_locks_after_20_failures_in_total(site):
    """Behind the trusted proxy each guess comes from another address."""
    guesses = site.post_many("/login", [{"username": "admin", "password": "sai"}] * 30,
                             addresses=[f"203.0.113.{n}" for n in range(30)])
    assert guesses.count(401) == ACCOUNT_LIMIT - 1 and guesses.count(429) == 30 - ACCOUNT_LIMIT + 1, guesses
