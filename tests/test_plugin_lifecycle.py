"""A plugin's life after installation: ``cms init`` going on past a failing
migration (rolled back whole, on SQLite too), a plugin whose code is newer
than its database kept off until upgraded, removed plugins listed and
forgotten, their shortcodes hidden, and names that would share tables refused."""
from __future__ import annotations

import pytest
from alembic import command
from core_factories import make_page
from fixture_plugins import CLASHING, FAILING, LIFECYCLE
from sqlalchemy import inspect, text

from cms.extensions import db
from cms.models import PluginState
from cms.pluginhost import host
from cms.pluginhost.migrations import alembic_config, current
from cms.statecache import bump_generation
from cms.testing import audit_count, set_plugin_enabled

LIFECYCLE_ONLY = pytest.mark.cms_config({"PLUGIN_PACKAGES": [LIFECYCLE]})


def text_of(response) -> str:
    return response.get_data(as_text=True)


def switch_on(name: str) -> None:
    """As an earlier ``cms init`` or admin left it: stored as enabled."""
    db.session.merge(PluginState(name=name, enabled=True))
    bump_generation()
    db.session.commit()


def tables() -> set[str]:
    db.session.remove()
    return set(inspect(db.engine).get_table_names())


# -- cms init and failing migrations ------------------------------------------


@pytest.fixture
def with_failing(app, make_app):
    """A site (as after installing the failing plugin and restarting) whose
    admin had switched the failing plugin on."""
    site = make_app(PLUGIN_PACKAGES=[FAILING, LIFECYCLE])
    with site.app_context():
        switch_on("fails_midway")
        yield site


@LIFECYCLE_ONLY
def test_cms_init_reports_a_failing_plugin_in_one_line_and_upgrades_the_others(with_failing):
    db.session.remove()
    command.downgrade(alembic_config(host().plugins["evolving"]), "evolving_0001")
    result = with_failing.test_cli_runner().invoke(args=["cms", "init"])
    assert result.exit_code == 1
    assert "Plugin fails_midway, revision fails_midway_0001: RuntimeError: broken on purpose half-way" in result.output
    assert "Traceback" not in result.output
    assert current(host().plugins["evolving"]) == {"evolving_0002"}, "the plugin after the failing one was upgraded"
    assert host().is_outdated("fails_midway") and not host().is_enabled("fails_midway")
    assert host().is_enabled("evolving")


@LIFECYCLE_ONLY
def test_a_failed_migration_leaves_nothing_behind_so_a_retry_fails_the_same_way(with_failing):
    for _attempt in range(2):
        result = with_failing.test_cli_runner().invoke(args=["cms", "init"])
        assert "RuntimeError: broken on purpose half-way" in result.output, result.output
        assert "fails_midway_item" not in tables()
        assert current(host().plugins["fails_midway"]) == set()


# -- outdated plugins ---------------------------------------------------------


def make_outdated() -> None:
    """As after installing version 2 of the code over a version 1 database."""
    db.session.remove()  # the test's session would hold locks the downgrade waits for
    command.downgrade(alembic_config(host().plugins["evolving"]), "evolving_0001")
    bump_generation()
    db.session.commit()


@LIFECYCLE_ONLY
def test_an_outdated_plugin_is_off_whole_until_an_admin_upgrades_it(app, client, users, login):
    assert 'class="evolving-widget"' in text_of(client.get("/"))
    make_outdated()
    assert 'class="evolving-widget"' not in text_of(client.get("/"))
    assert client.get("/evolving/").status_code == 404, "its page is off too, not failing"
    login("admin")
    page = text_of(client.get("/admin/plugins/"))
    assert 'plugin-outdated' in page and "Cần nâng cấp" in page
    response = client.post("/admin/plugins/evolving/upgrade")
    assert response.status_code == 302
    assert current(host().plugins["evolving"]) == {"evolving_0002"}
    assert audit_count("plugin.upgraded") == 1
    assert client.get("/evolving/").status_code == 200
    assert 'class="evolving-widget"' in text_of(client.get("/"))


@LIFECYCLE_ONLY
def test_the_command_line_lists_and_upgrades_an_outdated_plugin_and_other_workers_follow(app, runner, make_app):
    make_outdated()
    other = make_app()
    with other.app_context():
        assert not host().is_enabled("evolving") and host().is_outdated("evolving")
    listing = runner.invoke(args=["cms", "plugin", "list"]).output
    assert "evolving" in listing and "Cần nâng cấp" in listing
    result = runner.invoke(args=["cms", "plugin", "upgrade", "evolving"])
    assert result.exit_code == 0, result.output
    assert "Đang bật" in runner.invoke(args=["cms", "plugin", "list"]).output
    with other.app_context():
        assert host().is_enabled("evolving")


@LIFECYCLE_ONLY
def test_upgrading_is_for_admins_only(app, client, users, login):
    login("editor")
    assert client.post("/admin/plugins/evolving/upgrade").status_code == 403


# -- removed plugins ----------------------------------------------------------


def leave_remains_of(name: str) -> None:
    """What a plugin removed from the code leaves: a state row, its version
    table and a data table."""
    db.session.add(PluginState(name=name, enabled=True))
    db.session.execute(text(f"CREATE TABLE alembic_version_{name} (version_num VARCHAR(32) NOT NULL)"))
    db.session.execute(text(f"CREATE TABLE {name}_data (id INTEGER PRIMARY KEY)"))
    bump_generation()
    db.session.commit()


@LIFECYCLE_ONLY
def test_a_removed_plugin_is_listed_alike_by_the_admin_and_the_command_line_then_forgotten(app, client, runner,
                                                                                             users, login):
    leave_remains_of("vanished")
    listing = runner.invoke(args=["cms", "plugin", "list"]).output
    assert "vanished" in listing and "Đã gỡ bỏ" in listing
    login("admin")
    assert 'id="plugin-vanished"' in text_of(client.get("/admin/plugins/"))
    response = client.post("/admin/plugins/vanished/forget", follow_redirects=True)
    assert 'id="plugin-vanished"' not in text_of(response)
    assert "vanished" not in runner.invoke(args=["cms", "plugin", "list"]).output
    assert "vanished_data" in tables(), "its data is kept"
    assert audit_count("plugin.forgotten") == 1


@LIFECYCLE_ONLY
def test_only_a_removed_plugin_can_be_forgotten(app, runner):
    result = runner.invoke(args=["cms", "plugin", "forget", "sharer"])
    assert result.exit_code == 1
    assert db.session.get(PluginState, "sharer") is not None


# -- shortcodes of plugins that are gone --------------------------------------


@LIFECYCLE_ONLY
def test_a_gone_plugins_shortcode_renders_as_nothing_for_readers_and_as_a_note_for_staff(app, client, runner, users,
                                                                                         login):
    assert runner.invoke(args=["cms", "init"]).exit_code == 0  # records the plugins' shortcode names
    make_page(users["editor"], "Chia sẻ", body="<p>Mời bạn [sharer facebook] nhé</p>")
    assert 'class="sharer"' in text_of(client.get("/chia-se"))
    set_plugin_enabled("sharer", False)
    page = text_of(client.get("/chia-se"))
    assert "[sharer" not in page and "Mời bạn" in page
    login("editor")
    page = text_of(client.get("/chia-se"))
    assert 'class="shortcode-absent"' in page and "sharer" in page


# -- names that would share tables --------------------------------------------


@pytest.mark.cms_config({"PLUGIN_PACKAGES": [CLASHING]})
@pytest.mark.plugins()
def test_plugin_names_that_would_share_tables_are_refused_with_the_reason(app, client, users, login):
    assert set(host().plugins) == {"alpha"}
    assert "plugin_settings" in str(host().problems["plugin"])
    assert "user_recovery_codes" in str(host().problems["users"]) or "users" in str(host().problems["users"])
    assert "alpha" in str(host().problems["alpha_beta"])
    login("admin")
    page = text_of(client.get("/admin/plugins/"))
    assert "trùng tiền tố bảng của plugin alpha" in page
