"""The tutorial in docs/plugins.md runs as written.

Its code blocks are marked with the file they belong to (a line
``<!-- file: hotline/hooks.py -->`` before the fence); the files are written
into a temporary package of plugins, loaded through ``CMS_PLUGIN_PACKAGES``
as a reader's ``plugins/`` folder would be, and the tutorial's own tests run
against them in a fresh interpreter.
"""
from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest
from plugin_runs import assert_plugin_tests_pass

from cms.pluginhost.docs import DOCS_PATH

TUTORIAL_TIMEOUT = 600
FILE_BLOCK = re.compile(r"^<!-- file: (?P<path>\S+) -->\n```[^\n]*\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


def tutorial_files(markdown: str) -> dict[str, str]:
    """``{path: text}`` of the marked blocks, blocks naming one file joined in order."""
    parts: dict[str, list[str]] = defaultdict(list)
    for block in FILE_BLOCK.finditer(markdown):
        parts[block["path"]].append(block["body"])
    return {path: "\n\n".join(chunks) for path, chunks in parts.items()}


@pytest.fixture(scope="module")
def tutorial_package(tmp_path_factory) -> Path:
    """A package of plugins holding the tutorial's ``hotline`` plugin."""
    package = tmp_path_factory.mktemp("tutorial") / "tutorial_plugins"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for path, text in tutorial_files(DOCS_PATH.read_text(encoding="utf-8")).items():
        target = package / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return package


def test_the_blocks_are_found_and_follow_the_plugin_layout(tutorial_package):
    folder = tutorial_package / "hotline"
    written = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert {"__init__.py", "hooks.py", "models.py", "queries.py", "views.py", "admin.py", "widgets.py",
            "templates/hotline/widget.html", "templates/hotline/index.html", "templates/hotline/admin/index.html",
            "static/hotline.css", "migrations/0001_hotline_table.py",
            "tests/__init__.py", "tests/test_hotline.py"} <= written
    init = ast.parse((folder / "__init__.py").read_text())
    assert [node.targets[0].id for node in init.body if isinstance(node, ast.Assign)] == ["plugin"]
    assert "hookimpl" not in (folder / "__init__.py").read_text(), "__init__.py declares; hooks.py implements"
    for path in written:
        if path.endswith(".py"):
            compile((folder / path).read_text(), path, "exec")


def test_a_block_naming_a_file_twice_appends():
    markdown = ("<!-- file: p/a.py -->\n```python\nx = 1\n```\n\ntext\n\n"
                "<!-- file: p/a.py -->\n```python\ny = 2\n```\n")
    assert tutorial_files(markdown) == {"p/a.py": "x = 1\n\n\ny = 2\n"}


def test_the_tutorial_plugin_passes_its_own_tests(tutorial_package):
    """Its page answers, its widget and stylesheet show, its admin page loads,
    its shortcode and command work, and its models match its migration."""
    assert_plugin_tests_pass(tutorial_package, "hotline", TUTORIAL_TIMEOUT)
