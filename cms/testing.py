"""Pytest fixtures for the core's tests and for plugin authors.

Installed as a pytest plugin (the ``pytest11`` entry point), so a plugin's
own repository gets them with no configuration:

``app``
    A site on a freshly migrated database with every plugin found enabled
    (narrow it with ``@pytest.mark.plugins("news", ...)``). Runs once on
    SQLite and, when ``CMS_TEST_DATABASE_URL`` names a PostgreSQL server,
    once more on PostgreSQL.
``client``, ``runner``
    Flask's test client and CLI runner for ``app``.
``users``
    An admin, an editor and an author (passwords in :data:`PASSWORD`).
``login``
    ``login("editor")`` logs the test client in as that user.
``count_queries``
    ``with count_queries() as queries:`` records the SQL statements run.

A test that needs a server or browser that is absent is skipped with the
reason, except under ``CI=true``, where the skip is a failure.
"""
from __future__ import annotations

import os
import shutil
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

PASSWORD = "correct horse battery"
ROLES = ("admin", "editor", "author")


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "plugins(*names): enable only these plugins for the test")


def require(condition: bool, reason: str) -> None:
    """Skip with ``reason`` unless the condition holds; under CI, fail instead."""
    if condition:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@dataclass
class Backend:
    """A migrated database per test worker, reset for each test."""

    name: str
    url: str
    template: Path | None = None  # SQLite: a migrated file copied per test

    def url_for_test(self, tmp_path: Path) -> str:
        if self.template is None:
            return self.url
        target = tmp_path / "cms.db"
        shutil.copyfile(self.template, target)
        return f"sqlite:///{target}"


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def _postgres_database(admin_url: str) -> str:
    """Create a fresh database for this worker; return its URL."""
    url = make_url(admin_url)
    name = f"cms_test_{_worker()}_{uuid.uuid4().hex[:6]}"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def _drop_postgres_database(admin_url: str, test_url: str) -> None:
    name = make_url(test_url).database
    engine = create_engine(make_url(admin_url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def _migrate(url: str, instance: Path) -> None:
    from cms import create_app
    from cms.extensions import db
    from cms.install import install

    previous = os.environ.get("CMS_INSTANCE")
    os.environ["CMS_INSTANCE"] = str(instance)
    try:
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "test-secret"})
    finally:
        if previous is None:
            del os.environ["CMS_INSTANCE"]
        else:
            os.environ["CMS_INSTANCE"] = previous
    with app.app_context():
        install()
        db.engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def cms_backend(request, tmp_path_factory) -> Iterator[Backend]:
    """The database backend a test runs on (session-wide, one per worker)."""
    instance = tmp_path_factory.mktemp("template-instance")
    if request.param == "sqlite":
        template = instance / "template.db"
        _migrate(f"sqlite:///{template}", instance)
        yield Backend("sqlite", "", template)
        return
    admin_url = os.environ.get("CMS_TEST_DATABASE_URL")
    require(bool(admin_url), "PostgreSQL tests need CMS_TEST_DATABASE_URL")
    url = _postgres_database(admin_url)
    _migrate(url, instance)
    try:
        yield Backend("postgresql", url)
    finally:
        _drop_postgres_database(admin_url, url)


def _reset_postgres(db) -> None:
    """Empty every table but the migration records, and restore plugin state."""
    tables = [t.name for t in db.metadata.sorted_tables]
    with db.engine.begin() as connection:
        states = connection.execute(text("SELECT name, enabled FROM plugin_state")).all()
        existing = {row[0] for row in connection.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))}
        names = ", ".join(f'"{t}"' for t in tables if t in existing)
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        for name, _enabled in states:
            connection.execute(text("INSERT INTO plugin_state (name, enabled, changed_at) VALUES (:n, true, now())"),
                               {"n": name})


def _enable_only(app, names: tuple[str, ...]) -> None:
    from cms.extensions import db
    from cms.models import PluginState
    from cms.settings import bump_generation

    for state in db.session.query(PluginState).all():
        state.enabled = state.name in names
    bump_generation()
    db.session.commit()


@pytest.fixture
def app(cms_backend, tmp_path, monkeypatch, request):
    """A site on a migrated database; see the module docstring."""
    from cms import create_app
    from cms.extensions import db

    instance = tmp_path / "instance"
    instance.mkdir()
    monkeypatch.setenv("CMS_INSTANCE", str(instance))
    monkeypatch.delenv("CMS_REDIS_URL", raising=False)
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": cms_backend.url_for_test(tmp_path),
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "SERVER_NAME": "portal.test",
        "PLUGIN_REFRESH_SECONDS": 0.0,
    }
    marker = request.node.get_closest_marker("cms_config")
    if marker:
        config.update(marker.args[0])
    application = create_app(config)
    with application.app_context():
        plugins = request.node.get_closest_marker("plugins")
        if plugins is not None:
            _enable_only(application, plugins.args)
        yield application
        db.session.remove()
        if cms_backend.name == "postgresql":
            _reset_postgres(db)
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def users(app) -> dict:
    """An admin, an editor and an author, each with :data:`PASSWORD`."""
    from cms.extensions import db
    from cms.models import User

    made = {}
    for role in ROLES:
        user = User(username=role, display_name=role.title(), role=role)
        user.set_password(PASSWORD)
        db.session.add(user)
        made[role] = user
    db.session.commit()
    return made


@pytest.fixture
def login(client, users) -> Callable[[str], None]:
    """``login(role)`` logs the test client in as the user of that role."""

    def do_login(username: str) -> None:
        response = client.post("/login", data={"username": username, "password": PASSWORD})
        assert response.status_code == 302, f"login as {username} failed: {response.status_code}"

    return do_login


@pytest.fixture
def count_queries(app):
    """A context manager collecting the SQL statements run inside it."""
    from cms.extensions import db

    @contextmanager
    def counting() -> Iterator[list[str]]:
        statements: list[str] = []

        def before(conn, cursor, statement, *args):
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", before)
        try:
            yield statements
        finally:
            event.remove(db.engine, "before_cursor_execute", before)

    return counting
