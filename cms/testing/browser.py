"""Browser fixtures, part of the :mod:`cms.testing` pytest plugin, so a
plugin's own tests drive a real Chromium the way the core's do:

``live_server``
    ``app`` served by a real HTTP server on a free loopback port, with CSRF
    protection on (the browser submits real forms); yields the base URL.
``browser``
    One headless Chromium per test worker (``/usr/bin/chromium``, or
    ``CMS_CHROMIUM``).
``page``
    A fresh browser tab on ``live_server`` (relative URLs work), once at a
    desktop and once at a phone viewport unless the test is marked
    ``@pytest.mark.viewports("phone")``. The test fails if the page breaks the
    Content-Security-Policy, throws, opens a dialog, fails to load one of its
    own assets or asks another origin for anything.
``open_page``
    ``open_page(**context_options)`` opens another such tab in its own
    browser context (a second person: a citizen next to the admin);
    ``report_missing_assets=False`` tolerates images that do not load (hostile
    input points them anywhere).
``serve``
    ``with serve(app) as url:`` serves an app built by the test itself.

When a browser test fails, a screenshot and the HTML of every tab it opened
go to ``test-artifacts/``. Under ``CI=true`` a skipped test is a failure: CI
must run everything.
"""
from __future__ import annotations

import os
import re
import threading
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from .fixtures import in_ci, require

CHROMIUM = os.environ.get("CMS_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("CMS_TEST_ARTIFACTS", "test-artifacts")).resolve()
WATCH_SCRIPT = Path(__file__).resolve().parent / "watch.js"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
]
VIEWPORTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
ASSET_TYPES = {"stylesheet", "script", "image", "font", "media"}


def pytest_generate_tests(metafunc) -> None:
    """Browser tests run at every viewport unless marked otherwise."""
    if "viewport" not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker("viewports")
    names = marker.args if marker else tuple(VIEWPORTS)
    unknown = set(names) - set(VIEWPORTS)
    if unknown:
        raise pytest.UsageError(f"unknown viewport(s) {sorted(unknown)}; known: {sorted(VIEWPORTS)}")
    metafunc.parametrize("viewport", names, indirect=True)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, where every test must run: {reason}"
    setattr(item, f"rep_{report.when}", report)
    return report


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:
        """The access log would only drown the test output."""


@contextmanager
def serving(app) -> Iterator[str]:
    """Serve ``app`` on a free loopback port in a thread, with CSRF protection
    on (a browser submits real forms); yields the base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    app.config.update(SERVER_NAME=f"127.0.0.1:{server.server_port}", WTF_CSRF_ENABLED=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def serve() -> Callable:
    """``with serve(app) as url:`` serves another app, e.g. one built once per worker."""
    return serving


@pytest.fixture
def live_server(app) -> Iterator[str]:
    """Serve ``app`` for this test; yields the base URL."""
    with serving(app) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    require(Path(CHROMIUM).exists(), f"browser tests need Chromium at {CHROMIUM} (install it, or set CMS_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def viewport(request) -> str:
    """The viewport name; parametrized by :func:`pytest_generate_tests`."""
    return getattr(request, "param", "desktop")


class PageWatch:
    """Collects what a citizen would call broken on the tabs of one test."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.problems: list[str] = []
        self.tabs: list = []

    def attach(self, context, missing_assets: bool = True) -> None:
        context.on("request", self._on_request)
        context.on("page", lambda tab: self._on_tab(tab, missing_assets))

    def _on_tab(self, tab, missing_assets: bool) -> None:
        self.tabs.append(tab)
        tab.on("pageerror", lambda exc: self.problems.append(f"script error on {tab.url}: {exc}"))
        tab.on("console", lambda msg: self._on_console(tab, msg))
        tab.on("dialog", lambda dialog: self._on_dialog(tab, dialog))
        tab.on("response", lambda response: self._on_response(response, missing_assets))

    def _on_console(self, tab, message) -> None:
        """Chromium's own report and the init script's (which names the
        directive and the source line) both arrive as console errors."""
        text = message.text
        if message.type == "error" and ("[csp-violation]" in text or "Content Security Policy" in text):
            self.problems.append(f"CSP violation on {tab.url}: {text}")

    def _on_dialog(self, tab, dialog) -> None:
        self.problems.append(f"a {dialog.type} dialog opened on {tab.url}: {dialog.message!r}")
        dialog.dismiss()

    def _on_request(self, request) -> None:
        url = request.url
        if url.startswith(("http:", "https:", "ws:", "wss:")) and not url.startswith(self.base + "/"):
            self.problems.append(f"request to another origin: {url}")

    def _on_response(self, response, missing_assets: bool) -> None:
        request = response.request
        broken_asset = missing_assets and response.status >= 400 and request.resource_type in ASSET_TYPES
        if response.status >= 500 or broken_asset:
            self.problems.append(f"{response.status} for {request.resource_type} {response.url}")

    def flush(self) -> None:
        """A round trip to each tab delivers the events still in flight."""
        for tab in self.tabs:
            if not tab.is_closed():
                with suppress(Exception):  # a tab mid-navigation has no document to ask
                    tab.evaluate("0")

    def save_artifacts(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        for number, tab in enumerate(t for t in self.tabs if not t.is_closed()):
            stem = ARTIFACTS / f"{name}-{number}"
            try:
                tab.screenshot(path=f"{stem}.png", full_page=True)
                Path(f"{stem}.html").write_text(tab.content(), encoding="utf-8")
            except Exception as exc:  # noqa: BLE001 (the screenshot must never hide the real failure)
                Path(f"{stem}.txt").write_text(f"no screenshot: {exc}\n", encoding="utf-8")
        if self.problems:
            (ARTIFACTS / f"{name}-problems.txt").write_text("\n".join(self.problems) + "\n", encoding="utf-8")


def _artifact_name(nodeid: str) -> str:
    return re.sub(r"[^\w.-]+", "_", nodeid).strip("_")[-150:]


@pytest.fixture
def open_page(browser, live_server, viewport, request) -> Iterator[Callable[..., object]]:
    """``open_page(**context_options)``: a watched tab in a new browser context."""
    watch = PageWatch(live_server)
    contexts = []

    def opener(report_missing_assets: bool = True, **options):
        settings = {**VIEWPORTS[viewport], "base_url": live_server, "locale": "vi-VN",
                    "timezone_id": "Asia/Ho_Chi_Minh", **options}
        context = browser.new_context(**settings)
        context.set_default_timeout(10_000)
        context.add_init_script(path=str(WATCH_SCRIPT))
        watch.attach(context, report_missing_assets)
        contexts.append(context)
        return context.new_page()

    opener.problems = watch.problems  # type: ignore[attr-defined]  # the harness's own tests read and clear them
    yield opener
    report = getattr(request.node, "rep_call", None)
    watch.flush()
    if (report is not None and report.failed) or watch.problems:
        watch.save_artifacts(_artifact_name(request.node.nodeid))
    for context in contexts:
        context.close()
    if watch.problems:
        pytest.fail("the browser reported:\n  " + "\n  ".join(watch.problems), pytrace=False)


@pytest.fixture
def page(open_page):
    """A watched browser tab on ``live_server``; see the module docstring."""
    return open_page()
