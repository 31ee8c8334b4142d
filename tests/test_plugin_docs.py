"""The plugin docs: every hook documented, the committed reference current."""
from __future__ import annotations

import ast
import inspect
import textwrap
from pathlib import Path

from cms import hookspecs, plugin
from cms.pluginhost.docs import DOCS_PATH, hook_specs, render_reference, undocumented_hooks, update_docs


def test_every_hook_has_a_docstring():
    assert len(hook_specs()) >= 15
    assert undocumented_hooks() == []


def test_an_undocumented_hook_is_caught(monkeypatch):
    @hookspecs.hookspec
    def new_hook_without_docs():
        pass

    monkeypatch.setattr(hookspecs, "new_hook_without_docs", new_hook_without_docs, raising=False)
    assert undocumented_hooks() == ["new_hook_without_docs"]


def test_the_public_api_is_documented():
    own = [name for name in plugin.__all__ if getattr(getattr(plugin, name), "__module__", None) == plugin.__name__]
    assert {"Plugin", "Setting", "Widget", "call_hook", "static_url"} <= set(own)
    assert [name for name in own if not inspect.getdoc(getattr(plugin, name))] == []


def test_committed_docs_match_the_docstrings():
    assert not update_docs(DOCS_PATH, write=False), "docs/plugins.md is stale: run flask --app wsgi cms plugin docs"
    text = DOCS_PATH.read_text(encoding="utf-8")
    for name, _spec in hook_specs():
        assert f"### `{name}(" in text
    assert render_reference() in text


def test_docs_check_command(runner):
    result = runner.invoke(args=["cms", "plugin", "docs", "--check"])
    assert result.exit_code == 0, result.output


def test_every_name_cms_plugin_offers_is_in_its_all():
    """A helper re-exported for plugins is part of the API, and of its docs."""
    source = ast.parse(Path(plugin.__file__).read_text(encoding="utf-8"))
    offered = {alias.asname or alias.name for node in source.body if isinstance(node, ast.ImportFrom) and node.level
               for alias in node.names}
    defined = {node.name for node in source.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))
               and not node.name.startswith("_")}
    assert offered | defined <= set(plugin.__all__)


def test_every_hook_has_an_example_that_parses():
    """Python code after ``Example::`` in each hook's docstring (one
    implementation, or a call through ``call_hook``)."""
    missing, broken = [], []
    for name, spec in hook_specs():
        doc = inspect.getdoc(spec) or ""
        if "Example::" not in doc:
            missing.append(name)
            continue
        try:
            ast.parse(textwrap.dedent(doc.split("Example::", 1)[1]).strip())
        except SyntaxError as exc:
            broken.append(f"{name}: {exc}")
    assert missing == [] and broken == []
