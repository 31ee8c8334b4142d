"""Migrations: models never drift from them, each plugin keeps its own
history, and removing a plugin's files leaves a working site."""
from __future__ import annotations

import threading

import pytest
from alembic import command
from fixture_plugins import GOOD
from sqlalchemy import inspect, select

from cms.extensions import db
from cms.models import PluginState
from cms.plugin import is_enabled
from cms.pluginhost import host
from cms.pluginhost.migrations import alembic_config, pending, table_owner
from cms.statecache import bump_generation
from cms.testing import schema_drift

WITH_GOOD = pytest.mark.cms_config({"PLUGIN_PACKAGES": [GOOD]})


def test_core_and_every_bundled_plugin_match_their_migrations(app):
    drifts = {name or "core": schema_drift(name) for name in [None, *sorted(host().plugins)]}
    assert {name: diff for name, diff in drifts.items() if diff} == {}


@WITH_GOOD
def test_fixture_plugins_match_their_migrations(app):
    assert schema_drift("hello") == []


def test_a_table_belongs_to_the_longest_matching_plugin_name():
    names = ["news", "news_feed", "stats"]
    assert table_owner("news_article", names) == "news"
    assert table_owner("news_feed_item", names) == "news_feed"
    assert table_owner("pages", names) is None


@pytest.fixture
def unmigrated_hello(app):
    """hello's tables taken away for the test and brought back after it (the
    PostgreSQL database is shared by the session's tests)."""
    hello = host().plugins["hello"]
    if not pending(hello):
        command.downgrade(alembic_config(hello), "base")
    assert "hello_greeting" not in inspect(db.engine).get_table_names()
    yield hello
    db.session.remove()
    command.upgrade(alembic_config(hello), "heads")


def _mark_enabled(name: str) -> None:
    """Set the flag alone, as an operator editing the database would."""
    db.session.merge(PluginState(name=name, enabled=True))
    bump_generation()
    db.session.commit()


@WITH_GOOD
def test_a_removed_plugin_leaves_a_working_site(app, make_app):
    from fixture_plugins.good.hello.models import HelloGreeting

    db.session.add(HelloGreeting(text="còn đây"))
    db.session.commit()
    without = make_app(PLUGIN_PACKAGES=["plugins"])
    with without.app_context():
        assert "hello" not in host().plugins
        assert without.test_client().get("/").status_code == 200
        assert without.test_client().get("/xin-chao/").status_code == 404
        result = without.test_cli_runner().invoke(args=["cms", "init"])
        assert result.exit_code == 0, result.output
        assert schema_drift() == []
    assert db.session.scalar(select(HelloGreeting.text)) == "còn đây"


@pytest.mark.plugins()
@WITH_GOOD
def test_nothing_migrates_when_a_worker_starts(unmigrated_hello, make_app):
    _mark_enabled("hello")
    make_app()
    assert "hello_greeting" not in inspect(db.engine).get_table_names()


@pytest.mark.plugins()
@WITH_GOOD
def test_init_upgrades_the_enabled_plugins_only(unmigrated_hello, runner):
    assert runner.invoke(args=["cms", "init"]).exit_code == 0
    assert pending(unmigrated_hello)
    _mark_enabled("hello")
    result = runner.invoke(args=["cms", "init"])
    assert result.exit_code == 0, result.output
    assert not pending(unmigrated_hello)


@pytest.mark.plugins()
@WITH_GOOD
def test_enabling_runs_pending_migrations(unmigrated_hello, client, login):
    login("admin")
    client.post("/admin/plugins/hello/enable")
    assert is_enabled("hello")
    assert "hello_greeting" in inspect(db.engine).get_table_names()
    assert not pending(unmigrated_hello)
    assert client.get("/xin-chao/").status_code == 200


@pytest.mark.plugins()
@WITH_GOOD
def test_two_workers_enabling_at_once_migrate_once(unmigrated_hello, make_app):
    workers = [make_app(), make_app()]
    errors: list[BaseException] = []
    start = threading.Barrier(len(workers))

    def enable(worker) -> None:
        with worker.app_context():
            start.wait()
            try:
                host().set_enabled("hello", True)
            except BaseException as exc:  # noqa: BLE001 (reported below, with the other worker's)
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=enable, args=(worker,)) for worker in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert not pending(unmigrated_hello)
    assert db.session.get(PluginState, "hello").enabled
