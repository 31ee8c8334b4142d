"""Every app-wide contribution of its blueprint, and a signal receiver and a
command from its ``startup``, raises: the site must keep answering, and none
of them may run while the plugin is disabled.

``CALLS`` names each contribution that ran, so a test can tell "skipped"
from "ran and was contained".
"""
from __future__ import annotations

from flask import Blueprint, request_started

from cms.plugin import Plugin, hookimpl

plugin = Plugin(name="raises_everywhere", title="Hỏng khắp nơi")

CALLS: list[str] = []

bp = Blueprint("plugin_raises_everywhere", __name__)


def _fail(kind: str):
    CALLS.append(kind)
    raise RuntimeError(f"broken on purpose in {kind}")


@bp.before_app_request
def before():
    _fail("before_request")


@bp.after_app_request
def after(response):
    _fail("after_request")


@bp.teardown_app_request
def teardown(exc):
    _fail("teardown_request")


@bp.app_context_processor
def context():
    _fail("context_processor")


@bp.app_url_value_preprocessor
def preprocess(endpoint, values):
    _fail("url_value_preprocessor")


@bp.app_url_defaults
def defaults(endpoint, values):
    _fail("url_defaults")


@bp.app_template_filter("shout")
def shout(value):
    _fail("template_filter")


@bp.app_template_global("everywhere_global")
def everywhere_global():
    _fail("template_global")


@bp.app_template_test("everywhere_test")
def everywhere_test(value):
    _fail("template_test")


@bp.app_errorhandler(404)
def not_found(error):
    _fail("errorhandler")


@bp.cli.command("explode")
def explode():
    """A command that fails."""
    _fail("command")


def _on_request_started(sender, **extra):
    _fail("signal")


@hookimpl
def public_blueprint():
    return bp


@hookimpl
def startup(app):
    request_started.connect(_on_request_started, app)
