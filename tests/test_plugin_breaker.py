"""The circuit breaker: plugin faults counted by every worker together and
kept across restarts, quarantine past the threshold, the admin's view of it
and the button that lifts it; slow widgets counted; cacheable widgets
rendered once per invalidation."""
from __future__ import annotations

import re
import time

import pytest
from fixture_plugins import BROKEN
from fixture_plugins.broken import always_fails, raises_everywhere, slow_widget
from sqlalchemy import select

from cms.extensions import db
from cms.models import AuditEntry, PluginFaultCount
from cms.pluginhost import host
from cms.statecache import bump_generation
from cms.testing import PASSWORD, audit_count
from cms.testing.forms import submit

THRESHOLD = 4
# The site's widget budget (test sites turn it off: a loaded machine is slow,
# not faulty); these tests time widgets with a fake clock.
BUDGET_MS = 200
BREAKER = pytest.mark.cms_config({"PLUGIN_PACKAGES": [BROKEN], "PLUGIN_FAULT_THRESHOLD": THRESHOLD,
                                  "PLUGIN_WIDGET_BUDGET_MS": BUDGET_MS})


class FakeClock:
    """Time that moves only when told to (Unix-like and monotonic alike)."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def widget_clock() -> FakeClock:
    """What widgets are timed with; the slow ones take their time on it."""
    fake = FakeClock()
    slow_widget.CLOCK = fake
    slow_widget.RENDERS.update(slow=0, cached=0)
    yield fake
    slow_widget.CLOCK = None


@pytest.fixture
def clock(app, widget_clock) -> FakeClock:
    """What the breaker counts windows and writes with."""
    fake = FakeClock()
    set_clocks(app, fake, widget_clock)
    always_fails.RENDERS.clear()
    return fake


def set_clocks(application, breaker_clock: FakeClock, widget_clock: FakeClock) -> None:
    calls = application.extensions["cms_plugins"].calls
    calls.breaker.clock = breaker_clock
    calls.widgets.clock = widget_clock


def stored(name: str) -> PluginFaultCount | None:
    """The shared row as a fresh transaction sees it."""
    db.session.rollback()
    return db.session.get(PluginFaultCount, name)


def sign_in(client, username: str) -> None:
    assert submit(client, "/login", {"username": username, "password": PASSWORD}).status_code == 302


def quarantine_audits(name: str) -> int:
    return len(db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "plugin.quarantined", AuditEntry.object_id == name)).all())


def quarantined_in(application, name: str) -> bool:
    with application.test_request_context():
        return application.extensions["cms_plugins"].is_quarantined(name)


@BREAKER
def test_two_workers_count_together_and_both_quarantine(app, make_app, client, clock, widget_clock):
    other = make_app()
    set_clocks(other, clock, widget_clock)
    other_client = other.test_client()
    client.get("/")
    other_client.get("/")
    assert stored("always_fails").recent == 2, "each worker's first fault is written at once"
    client.get("/")
    assert stored("always_fails").recent == 2, "a second fault within the second waits in memory"
    assert host().faults["always_fails"].count == 3, "this worker shows what it has not written yet"
    clock.advance(1.5)
    client.get("/")
    row = stored("always_fails")
    assert (row.recent, row.total) == (THRESHOLD, THRESHOLD) and row.quarantined_at is not None
    assert quarantined_in(app, "always_fails") and quarantined_in(other, "always_fails")
    tried = len(always_fails.RENDERS)
    for _ in range(3):
        assert client.get("/").status_code == 200 and other_client.get("/").status_code == 200
    assert len(always_fails.RENDERS) == tried, "a quarantined plugin's widget is skipped on both workers"
    assert quarantine_audits("always_fails") == 1, "the worker that got there first records it, once"
    restarted = make_app()
    assert quarantined_in(restarted, "always_fails"), "a restart remembers"
    with restarted.test_request_context():
        assert restarted.extensions["cms_plugins"].faults["always_fails"].count == THRESHOLD


@BREAKER
def test_a_plugin_raising_before_every_request_is_quarantined_on_both_workers(app, make_app, client, users, clock,
                                                                               widget_clock):
    other = make_app()
    set_clocks(other, clock, widget_clock)
    other_client = other.test_client()
    sign_in(client, "admin")
    while not quarantined_in(app, "raises_everywhere"):
        for url in ("/", "/admin/", "/healthz"):
            assert client.get(url).status_code == 200, url
        assert other_client.get("/healthz").status_code == 200
        clock.advance(1.5)
    assert quarantined_in(other, "raises_everywhere")
    raises_everywhere.CALLS.clear()
    for url in ("/", "/admin/", "/healthz"):
        assert client.get(url).status_code == 200 and other_client.get(url).status_code in (200, 302)
    assert raises_everywhere.CALLS == [], "a quarantined plugin's app-wide hooks no longer run"


@BREAKER
def test_a_window_that_has_passed_starts_counting_again(app, client, clock):
    for _ in range(THRESHOLD - 1):
        client.get("/")
        clock.advance(1.5)
    clock.advance(app.config["PLUGIN_FAULT_WINDOW_SECONDS"])
    client.get("/")
    row = stored("always_fails")
    assert (row.recent, row.total, row.quarantined_at) == (1, THRESHOLD, None)


@pytest.mark.cms_config({"PLUGIN_PACKAGES": [BROKEN], "PLUGIN_FAULT_THRESHOLD": 1, "WTF_CSRF_ENABLED": True})
def test_the_admin_sees_why_and_releases_the_plugin(app, client, users, clock):
    client.get("/")
    assert quarantined_in(app, "always_fails")
    sign_in(client, "editor")
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/admin/").get_data(as_text=True)).group(1)
    assert client.post("/admin/plugins/always_fails/release", data={"csrf_token": token}).status_code == 403
    client.post("/logout", data={"csrf_token": token})
    sign_in(client, "admin")
    assert client.post("/admin/plugins/always_fails/release").status_code == 400, "CSRF token required"
    assert quarantined_in(app, "always_fails")
    page = client.get("/admin/plugins/").get_data(as_text=True)
    card = page.split('id="plugin-always_fails"', 1)[1].split('<li class="plugin-card', 1)[0]
    for shown in ("Đã cách ly", "the always_fails widget failed on purpose", "widget fails",
                  "Traceback (most recent call last)", 'raise RuntimeError("the always_fails widget'):
        assert shown.replace('"', "&#34;") in card or shown in card, shown
    response = submit(client, "/admin/plugins/", {}, form_action="/admin/plugins/always_fails/release")
    assert response.status_code == 302
    assert not quarantined_in(app, "always_fails") and stored("always_fails") is None
    assert audit_count("plugin.released") == 1
    tried = len(always_fails.RENDERS)
    client.get("/")
    assert len(always_fails.RENDERS) == tried + 1, "the plugin's widget runs again"


@BREAKER
def test_a_widget_over_the_budget_is_counted_as_a_fault(app, client, clock):
    assert app.config["PLUGIN_WIDGET_BUDGET_MS"] == BUDGET_MS
    body = client.get("/").get_data(as_text=True)
    assert "[slow widget #1]" in body, "a slow widget is still shown"
    fault = host().faults["slow_widget"]
    assert fault.count == 2  # the slow one and the first render of the cached one
    assert fault.last_type == "SlowWidget" and "500 ms (budget 200 ms)" in fault.last_message


@BREAKER
@pytest.mark.plugins("slow_widget")  # another plugin's quarantine would expire the cache too
def test_a_cacheable_widget_renders_once_per_invalidation(app, client, clock, widget_clock):
    for _ in range(4):
        assert "[cached widget #1]" in client.get("/").get_data(as_text=True)
    assert slow_widget.RENDERS == {"slow": 4, "cached": 1}
    widget_clock.advance(61)
    assert "[cached widget #2]" in client.get("/").get_data(as_text=True), "after cache_seconds"
    bump_generation()
    db.session.commit()
    assert "[cached widget #3]" in client.get("/").get_data(as_text=True), "after a state or settings change"
    client.set_cookie("lang", "en", domain="portal.test")
    assert "[cached widget #4]" in client.get("/").get_data(as_text=True), "one output per language"
    assert "[cached widget #4]" in client.get("/").get_data(as_text=True)


@BREAKER
def test_a_fault_while_the_session_holds_a_write_does_not_hang(app, clock):
    db.session.add(AuditEntry(action="test.holding_the_lock"))
    db.session.flush()  # on SQLite this session now holds the database's write lock
    started = time.monotonic()
    host().record_fault("always_fails", "hook page_viewed", RuntimeError("while a write is open"))
    assert time.monotonic() - started < 5, "the fault write gives up quickly instead of waiting 30 s"
    db.session.commit()
    assert host().faults["always_fails"].count == 1, "the count is kept in memory meanwhile"
    clock.advance(1.5)
    host().calls.breaker.write_due()
    assert stored("always_fails").total == 1
