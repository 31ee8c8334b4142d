"""The browser harness itself: each kind of breakage it promises to catch is
caught, and a clean page passes."""
from __future__ import annotations

import pytest
from flask import Response

PROBES = {
    "clean": ("<p>Xin chào</p>", None),
    "inline-script": ("<script>window.ran = 1</script>", "script-src"),
    "inline-style": ('<p style="color: red">đỏ</p>', "style-src"),
    "inline-handler": ('<img src="/_probe/pixel.png" alt="" onload="window.ran = 1">', "script-src"),
    "foreign-image": ('<img src="http://example.invalid/x.png" alt="">', "another origin"),
    "missing-asset": ('<img src="/static/no-such-file.png" alt="">', "for image"),
    "dialog": ('<script src="/_probe/alert.js"></script>', "alert dialog"),
    "script-error": ('<script src="/_probe/throw.js"></script>', "script error"),
}
SCRIPTS = {"alert.js": "alert('boo');", "throw.js": "throw new Error('broken on purpose');"}
PIXEL = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                      "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


@pytest.fixture
def probes(app):
    """Pages that misbehave in one way each, served by the live app."""

    @app.get("/_probe/<name>")
    def probe(name: str):
        if name in SCRIPTS:
            return Response(SCRIPTS[name], mimetype="text/javascript")
        if name == "pixel.png":
            return Response(PIXEL, mimetype="image/png")
        return f"<!doctype html><html lang=vi><title>probe</title>{PROBES[name][0]}</html>"

    return PROBES


@pytest.mark.browser
@pytest.mark.viewports("desktop")
@pytest.mark.parametrize("cms_backend", ["sqlite"], indirect=True)  # the harness does not touch the database
@pytest.mark.parametrize("name", list(PROBES))
def test_the_page_fixture_reports_each_breakage(probes, open_page, name):
    expected = probes[name][1]
    tab = open_page()
    tab.goto(f"/_probe/{name}")
    tab.wait_for_load_state("load")
    tab.evaluate("0")  # deliver the events still in flight
    problems = list(open_page.problems)
    open_page.problems.clear()
    if expected is None:
        assert problems == []
    else:
        assert any(expected in problem for problem in problems), problems
    assert tab.evaluate("window.ran") is None, "blocked code must not have run"


SKIPPING_TESTS = """
import pytest
from cms.testing import require

def test_skips():
    pytest.skip("no server here")

def test_requires():
    require(False, "needs a server")

@pytest.mark.xfail(reason="known")
def test_expected_failure():
    assert False
"""


@pytest.mark.parametrize("ci, outcome", [("true", {"failed": 2, "xfailed": 1}), ("", {"skipped": 2, "xfailed": 1})])
def test_a_skip_fails_under_ci(pytester, monkeypatch, ci, outcome):
    pytester.makepyfile(SKIPPING_TESTS)  # the installed cms.testing plugin applies the rule
    monkeypatch.setenv("CI", ci)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(**outcome)
