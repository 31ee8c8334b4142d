"""The site fixtures of the :mod:`cms.testing` pytest plugin.

``app``
    A site on a freshly migrated database with every plugin found enabled,
    inside an app context. ``@pytest.mark.plugins("news", ...)`` enables
    only those plugins (and what they require), running their pending
    migrations; ``@pytest.mark.cms_config({...})`` overrides configuration
    (CSRF and rate limits are off unless a test turns them on). Every test
    runs once on SQLite and, when ``CMS_TEST_DATABASE_URL`` names a
    PostgreSQL server, once more on PostgreSQL.
``client``, ``runner``
    Flask's test client and CLI runner for ``app``
    (``runner.invoke(args=["cms", "plugin", "disable", "news"])``).
``users``
    An admin, an editor and an author (passwords in :data:`PASSWORD`).
``login``
    ``login("editor")`` logs the test client in as that user.
``count_queries``
    ``with count_queries() as queries:`` records the SQL statements run.
``make_app``
    ``make_app(**config)`` builds another app on the same database, as a
    second worker process or machine would be.

Helpers: :func:`schema_drift` (models against migrations),
:func:`use_plugins` (what the ``plugins`` marker does) and :func:`require`.
Plugins outside ``plugins/`` are found through their ``cms.plugins`` entry
point, or through ``CMS_PLUGIN_PACKAGES=mypackage`` for a folder of plugins.

A test that needs a server or browser that is absent is skipped with the
reason, except under ``CI=true``, where the skip is a failure.
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import shutil
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pytest
from sqlalchemy import Integer, create_engine, event, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

PASSWORD = "correct horse battery"
FAST_HASH = "pbkdf2:sha256:1000"
"""Test sites hash passwords with this instead of scrypt (a tenth of a second or more a
hash, most of a short test's time): the code paths are the same."""
ROLES = ("admin", "editor", "author")


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "plugins(*names): enable only these plugins (migrated) for the app fixture")
    config.addinivalue_line("markers", "cms_config(dict): configuration overrides for the app fixture")
    config.addinivalue_line("markers", "viewports(*names): run the browser test only at these viewports")


def plugin_installed(name: str) -> bool:
    """Whether plugin ``name`` is on offer: a sub-package of one of the
    plugin packages (``plugins`` and ``CMS_PLUGIN_PACKAGES``) or a
    ``cms.plugins`` entry point. A plugin that is on offer but fails to load
    still counts, so its tests fail rather than vanish."""
    packages = ["plugins"] + [p.strip() for p in os.environ.get("CMS_PLUGIN_PACKAGES", "").split(",") if p.strip()]
    for package in packages:
        try:
            if importlib.util.find_spec(f"{package}.{name}") is not None:
                return True
        except ImportError:
            continue
    return any(ep.name == name for ep in importlib.metadata.entry_points(group="cms.plugins"))


def pytest_collection_modifyitems(config, items) -> None:
    """Tests marked ``plugins(...)`` with a plugin that is not installed are
    deselected, not skipped: deleting a plugin's folder leaves the rest of
    the suite green (under ``CI=true`` a skip would be a failure)."""
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        marker = item.get_closest_marker("plugins")
        absent = [name for name in (marker.args if marker else ()) if not plugin_installed(name)]
        (drop if absent else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def with_server(local: str, server: str, env_var: str) -> list[str]:
    """Parameters for a fixture that runs on ``local`` and, when ``env_var``
    names a server (always under CI, where its absence then fails), on
    ``server`` too: a local run does not collect hundreds of skipped variants."""
    return [local, server] if os.environ.get(env_var) or in_ci() else [local]


def require(condition: bool, reason: str) -> None:
    """Skip with ``reason`` unless the condition holds; under CI, fail instead."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@dataclass
class Backend:
    """A migrated database per test worker, reset for each test."""

    name: str
    url: str
    template: Path | None = None  # SQLite: a migrated file copied per test
    seed: dict[str, list[dict]] = field(default_factory=dict)  # PostgreSQL: rows the migrations wrote

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
    from cms.pluginhost.install import install

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
        db.session.remove()  # return the connection, so dispose closes it and SQLite checkpoints its WAL
        db.engine.dispose()


@pytest.fixture(scope="session", params=with_server("sqlite", "postgresql", "CMS_TEST_DATABASE_URL"))
def cms_backend(request, tmp_path_factory) -> Iterator[Backend]:
    """The database backend a test runs on (session-wide, one per worker)."""
    instance = tmp_path_factory.mktemp("template-instance")
    if request.param == "sqlite":
        template = instance / "template.db"
        _migrate(f"sqlite:///{template}", instance)
        yield Backend("sqlite", "", template)
        return
    admin_url = os.environ.get("CMS_TEST_DATABASE_URL", "")
    require(bool(admin_url), "PostgreSQL tests need CMS_TEST_DATABASE_URL")
    url = _postgres_database(admin_url)
    _migrate(url, instance)
    try:
        yield Backend("postgresql", url, seed=_seed_rows(url))
    finally:
        _drop_postgres_database(admin_url, url)


def _seed_rows(url: str) -> dict[str, list[dict]]:
    """Rows a fresh install holds (default data some migrations insert), so
    each test starts from them on PostgreSQL as it does on SQLite."""
    engine = create_engine(url)
    with engine.connect() as connection:
        tables = [row[0] for row in connection.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))]
        seed = {table: [dict(row) for row in connection.execute(text(f'SELECT * FROM "{table}"')).mappings()]  # noqa: S608
                for table in tables if not table.startswith("alembic_version")}
    engine.dispose()
    return {table: rows for table, rows in seed.items() if rows}


def _reset_postgres(db, seed: dict[str, list[dict]]) -> None:
    """Empty the tables the test wrote, then put back the rows of a fresh
    install (plugin states included) and move each id sequence back.

    One query finds the written tables (rows present, or an id sequence
    used since the last reset); they and the seeded tables are emptied with
    DELETE, children first. TRUNCATE of every table (and, through CASCADE,
    of every table that refers to users) cost most of a second a test, as
    it replaces each table's files; a DELETE of a few small tables costs
    milliseconds. Servers a test started in other processes write to the
    same database, so the query sees their rows too."""
    try:
        with db.engine.begin() as connection:
            _empty_and_seed(connection, _present_tables(db, connection), seed, everything=False)
    except IntegrityError:  # a table outside the models still refers to a row: empty them all
        with db.engine.begin() as connection:
            names = ", ".join(f'"{name}"' for name in _table_names(connection) if not name.startswith("alembic_version"))
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            _empty_and_seed(connection, _present_tables(db, connection), seed, everything=True)


def _table_names(connection) -> set[str]:
    return {row[0] for row in connection.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))}


def _present_tables(db, connection) -> list:
    """The models' tables that exist in the database, parents first."""
    existing = _table_names(connection)
    return [t for t in db.metadata.sorted_tables if t.name in existing]


def _empty_and_seed(connection, present: list, seed: dict[str, list[dict]], everything: bool) -> None:
    """Empty the written tables (all when ``everything``) and the seeded ones, children first; put the seed back."""
    written = set(seed) | (
        {t.name for t in present} if everything else _written_tables(connection, [t for t in present if t.name not in seed]))
    emptied = [t for t in present if t.name in written]
    for table in reversed(emptied):
        connection.execute(table.delete())
    for table in emptied:
        rows = seed.get(table.name)
        if rows:
            connection.execute(table.insert(), rows)
        if _has_serial_id(table):  # the next id as on a fresh install: 1, or past the seed rows
            restart = (f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'),"  # noqa: S608 (model names)
                       f" COALESCE((SELECT MAX(id) FROM \"{table.name}\"), 1), {'true' if rows else 'false'})")
            connection.execute(text(restart))


def _has_serial_id(table) -> bool:
    return "id" in table.c and isinstance(table.c.id.type, Integer)


def _written_tables(connection, tables: list) -> set[str]:
    """Which of ``tables`` hold rows or have used their id sequence (a row
    added and deleted again still moves the next id), in one query."""
    if not tables:
        return set()

    def check(table) -> str:
        used = (f" OR pg_sequence_last_value(pg_get_serial_sequence('\"{table.name}\"', 'id')::regclass) IS NOT NULL"
                if _has_serial_id(table) else "")
        return f"SELECT '{table.name}' WHERE EXISTS (SELECT 1 FROM \"{table.name}\"){used}"  # noqa: S608 (model names)

    return {row[0] for row in connection.execute(text(" UNION ALL ".join(map(check, tables))))}


@contextmanager
def register_temporarily(app, implementation: object, name: str | None = None) -> Iterator[str]:
    """Register ``implementation`` (a module or object holding ``@hookimpl``
    functions) with ``app``'s plugins for the ``with`` block, then remove it.

    Within the block it counts as an enabled plugin named ``name`` (by
    default a unique ``test_...``), which is yielded: the hooks the host calls
    per request or per event (``call_hook``, ``filter_content``, the asset
    hooks, events, ``page_view_counts``...) reach it, contained and counted
    like any plugin's. Hooks read once at start (blueprints, widgets, menu
    items, commands, ``startup``) are not read again. Nothing is left behind
    after the block, even when it raises (Wagtail's ``register_temporarily``).
    """
    registry = app.extensions["cms_plugins"].registry
    name = name or f"test_{uuid.uuid4().hex[:8]}"
    registry.pm.register(implementation, name=name)
    registry.temporary.add(name)
    try:
        yield name
    finally:
        registry.temporary.discard(name)
        registry.pm.unregister(name=name)


def use_plugins(app, names: Iterable[str] | None = None) -> None:
    """Enable exactly ``names`` and what they require (every plugin loaded
    when ``None``), running their pending migrations; the rest are disabled."""
    from cms.extensions import db
    from cms.models import PluginState
    from cms.pluginhost.discovery import dependency_order
    from cms.pluginhost.migrations import pending, upgrade_plugin
    from cms.statecache import bump_generation

    plugin_host = app.extensions["cms_plugins"]
    wanted = set(plugin_host.plugins if names is None else names)
    unknown = wanted - set(plugin_host.plugins)
    if unknown:
        pytest.fail("plugins not loaded: " + "; ".join(
            f"{name}: {plugin_host.problems.get(name, 'not found')}" for name in sorted(unknown)))
    wanted |= _requirements(plugin_host, wanted)
    if plugin_host.enabled_names() == wanted:
        return
    for plugin in dependency_order(plugin_host.plugins[name] for name in wanted):
        if pending(plugin):
            upgrade_plugin(plugin)
    rows = {row.name: row for row in db.session.scalars(select(PluginState))}
    for name in set(plugin_host.plugins) | set(rows):
        if name in rows:
            rows[name].enabled = name in wanted
        else:
            db.session.add(PluginState(name=name, enabled=name in wanted))
    bump_generation()
    db.session.commit()


def _requirements(plugin_host, names: set[str]) -> set[str]:
    found, todo = set(), list(names)
    while todo:
        for dep in plugin_host.plugins[todo.pop()].meta.dependencies:
            if dep not in found:
                found.add(dep)
                todo.append(dep)
    return found


def save_plugin_settings(name: str, **values) -> None:
    """Store settings of plugin ``name`` as the admin's form would, and commit."""
    from cms.extensions import db
    from cms.pluginhost import host

    host().save_settings(name, values)
    db.session.commit()


def store_raw_plugin_setting(name: str, key: str, value) -> None:
    """Store a value without checking it against the schema (as an older
    version of the plugin may have left it), and commit."""
    from cms.extensions import db
    from cms.models import PluginSetting
    from cms.statecache import bump_generation

    db.session.merge(PluginSetting(plugin=name, key=key, value=value))
    bump_generation()
    db.session.commit()


def set_plugin_enabled(name: str, enabled: bool) -> None:
    """Enable (migrating first) or disable plugin ``name``, as the admin would."""
    from cms.pluginhost import host

    host().set_enabled(name, enabled)


def expire_widget_caches() -> None:
    """Forget the cached output of cacheable widgets (``Widget(cache_seconds=...)``)
    in the current app, as their time running out would."""
    from cms.pluginhost import host

    host().calls.widgets.expire()


def audit_count(action: str) -> int:
    """How many audit entries record ``action`` (``"gallery.album.created"``)."""
    from sqlalchemy import func

    from cms.extensions import db
    from cms.models import AuditEntry

    return db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == action)) or 0


@contextmanager
def empty_database(backend: "Backend", folder: Path) -> Iterator[str]:
    """The URL of a new, empty database on ``backend`` (a file in ``folder``
    on SQLite), dropped afterwards: for tests of ``cms init`` itself."""
    if backend.name == "sqlite":
        yield f"sqlite:///{folder / 'empty.db'}"
        return
    admin_url = os.environ["CMS_TEST_DATABASE_URL"]
    url = _postgres_database(admin_url)
    try:
        yield url
    finally:
        _drop_postgres_database(admin_url, url)


def schema_drift(plugin_name: str | None = None) -> list:
    """Differences between the models and the migrated database, for the
    core (``None``) or one plugin: ``[]`` when migrations match the models.
    Needs an app context (the ``app`` fixture gives one)."""
    from cms.pluginhost import host
    from cms.pluginhost.migrations import drift

    return drift(host().plugins[plugin_name] if plugin_name else None, host().plugins)


@pytest.fixture
def cms_test_config(cms_backend, tmp_path, monkeypatch, request) -> dict:
    """The configuration of ``app`` (and of ``make_app``'s apps)."""
    instance = tmp_path / "instance"
    instance.mkdir(exist_ok=True)
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
        "PASSWORD_HASH_METHOD": FAST_HASH,
        "PLUGIN_WIDGET_BUDGET_MS": 0,  # timing on a loaded test machine is not a fault
    }
    restricted = request.node.get_closest_marker("plugins")
    if restricted is not None:  # entry-point plugins installed in the venv are restricted too
        config["PLUGIN_ENTRY_POINT_NAMES"] = tuple(restricted.args)
    marker = request.node.get_closest_marker("cms_config")
    if marker:
        config.update(marker.args[0])
    return config


def _forget_cached_user(sender, **extra) -> None:
    """Flask reuses the fixture's app context for the test client's requests,
    so ``g`` would carry Flask-Login's user from one request to the next, even
    from one client to another; each request loads its user from its own
    cookie, as it does in production."""
    from flask import g

    g.pop("_login_user", None)


@pytest.fixture
def app(cms_backend, cms_test_config, request):
    """A site on a migrated database; see the module docstring."""
    from flask import request_started

    from cms import create_app
    from cms.extensions import db

    application = create_app(cms_test_config)
    request_started.connect(_forget_cached_user, application)
    with application.app_context():
        marker = request.node.get_closest_marker("plugins")
        use_plugins(application, marker.args if marker is not None else None)
        yield application
        db.session.remove()
        if cms_backend.name == "postgresql":
            _reset_postgres(db, cms_backend.seed)
        db.engine.dispose()


@pytest.fixture
def make_app(app, cms_test_config) -> Iterator[Callable[..., object]]:
    """``make_app(**config)``: another app on ``app``'s database, built like
    a second worker process (its own plugin host, state cache and engine)."""
    from cms import create_app
    from cms.extensions import db

    made = []

    def factory(**overrides):
        other = create_app({**cms_test_config, **overrides})
        made.append(other)
        return other

    yield factory
    for other in made:
        with other.app_context():
            db.session.remove()
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
