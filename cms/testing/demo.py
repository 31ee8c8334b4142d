"""The demo site as a fixture, for acceptance tests (part of the
:mod:`cms.testing` pytest plugin).

``demo_site``
    The demo site (``cms init --demo``: core pages and every bundled plugin's
    demo content) built once per test worker on SQLite, with the staff
    accounts of :data:`cms.testing.PASSWORD`. Read-only: tests that change
    content use the per-test ``app`` instead.
``demo_server``
    ``demo_site`` served on loopback; yields the base URL.
``sign_in``
    ``sign_in(tab, "editor")`` logs a browser tab in through the login form.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import pytest

from .fixtures import FAST_HASH, PASSWORD, ROLES


@contextmanager
def _instance_folder(folder: Path) -> Iterator[None]:
    previous = os.environ.get("CMS_INSTANCE")
    os.environ["CMS_INSTANCE"] = str(folder)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("CMS_INSTANCE", None)
        else:
            os.environ["CMS_INSTANCE"] = previous


def _staff_accounts() -> None:
    """The demo admin gets the test password; the other roles are added."""
    from cms.extensions import db
    from cms.models import User

    for role in ROLES:
        user = User.by_username(role) or User(username=role, display_name=role.title(), role=role)
        user.set_password(PASSWORD)
        db.session.add(user)
    db.session.commit()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    from cms import create_app
    from cms.demo import load_demo
    from cms.extensions import db
    from cms.pluginhost.install import install

    folder = tmp_path_factory.mktemp("demo-instance")
    with _instance_folder(folder):
        app = create_app({
            "TESTING": True,
            "SECRET_KEY": "demo-test-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'cms.db'}",
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": True,
            "PLUGIN_REFRESH_SECONDS": 0.0,
            "PASSWORD_HASH_METHOD": FAST_HASH,
            "PLUGIN_WIDGET_BUDGET_MS": 0,
        })
    with app.app_context():
        install()
        load_demo(lambda message: None)
        _staff_accounts()
        db.session.remove()
    return app


@pytest.fixture(scope="session")
def demo_server(demo_site, serve) -> Iterator[str]:
    with serve(demo_site) as url:
        yield url


@pytest.fixture
def sign_in() -> Callable:
    def do_sign_in(tab, username: str) -> None:
        tab.goto("/login")
        tab.get_by_label("Tên đăng nhập").fill(username)
        tab.get_by_label("Mật khẩu").fill(PASSWORD)
        with tab.expect_navigation():
            tab.get_by_label("Mật khẩu").press("Enter")
        assert "/login" not in tab.url, f"{username} could not log in"

    return do_sign_in
