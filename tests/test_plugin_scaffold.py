"""``cms plugin new``: the scaffolded plugin works and passes its own tests."""
from __future__ import annotations

from pathlib import Path

import pytest
from plugin_runs import assert_plugin_tests_pass

from cms.scaffold import ScaffoldError, create_plugin

SCAFFOLD_TIMEOUT = 600


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory) -> Path:
    """A package of plugins holding one freshly scaffolded plugin, ``weather``."""
    root = tmp_path_factory.mktemp("scaffold")
    package = root / "scaffolded_plugins"
    package.mkdir()
    (package / "__init__.py").write_text("")
    create_plugin("weather", package, "Thời tiết")
    return package


def test_the_files_of_a_working_plugin_are_written(scaffolded):
    folder = scaffolded / "weather"
    expected = {"__init__.py", "hooks.py", "models.py", "queries.py", "services.py", "views.py", "admin.py",
                "widgets.py", "README.md", "static/weather.css",
                "templates/weather/index.html", "templates/weather/item.html", "templates/weather/widget.html",
                "templates/weather/admin/index.html", "migrations/0001_create_weather_item.py",
                "tests/__init__.py", "tests/test_weather.py"}
    written = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert expected <= written
    init = (folder / "__init__.py").read_text()
    assert 'name="weather"' in init and '_l("Thời tiết")' in init and "${" not in init
    assert "hookimpl" not in init, "__init__.py declares the plugin only; hooks go in hooks.py"
    assert all("${" not in (folder / name).read_text() for name in expected if not name.startswith("static/"))
    migration = (folder / "migrations" / "0001_create_weather_item.py").read_text()
    assert 'op.create_table(\n        "weather_item"' in migration


@pytest.mark.slow  # runs pytest in another process
def test_the_generated_tests_pass_unchanged(scaffolded):
    """In a fresh interpreter, as the plugin's author would run them."""
    assert_plugin_tests_pass(scaffolded, "weather", SCAFFOLD_TIMEOUT)


def test_the_command_writes_into_the_given_folder(runner, tmp_path):
    result = runner.invoke(args=["cms", "plugin", "new", "town_events", "--path", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "town_events" / "migrations" / "0001_create_town_events_item.py").is_file()
    assert "cms plugin enable town_events" in result.output
    again = runner.invoke(args=["cms", "plugin", "new", "town_events", "--path", str(tmp_path)])
    assert again.exit_code != 0 and "already exists" in again.output


@pytest.mark.parametrize("name", ["Weather", "1st", "class", "_private", "with-dash"])
def test_bad_names_are_refused(name, tmp_path):
    with pytest.raises(ScaffoldError):
        create_plugin(name, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_installed_plugin_names_are_refused(tmp_path):
    with pytest.raises(ScaffoldError, match="already installed"):
        create_plugin("news", tmp_path, taken={"news"})
