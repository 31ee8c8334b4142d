"""Deleting a bundled plugin's folder leaves a suite that collects: no core
test or other plugin's test imports it, and tests that need it are marked
``plugins(name)`` and so deselected. (The site side of the promise, a
working site without the plugin, is tested in test_plugin_host.)"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted(p.name for p in (ROOT / "plugins").iterdir() if (p / "__init__.py").exists())
LEFT_BEHIND = shutil.ignore_patterns(".git", ".venv", "node_modules", "test-artifacts", "instance", "__pycache__",
                                     "*.egg-info", ".pytest_cache")


@pytest.mark.slow  # copies the tree and collects the whole suite in another process
@pytest.mark.parametrize("name", BUNDLED)
def test_the_suite_collects_without_a_bundled_plugin(name, tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(ROOT, tree, ignore=LEFT_BEHIND, symlinks=True)
    shutil.rmtree(tree / "plugins" / name)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                          cwd=tree, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert f"plugins/{name}/" not in done.stdout
    assert "tests collected" in done.stdout
