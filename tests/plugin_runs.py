"""Running a plugin's own tests the way its author would: ``pytest`` in a
fresh interpreter, with the plugin's folder named in ``CMS_PLUGIN_PACKAGES``."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cms.config import PROJECT_ROOT


def assert_plugin_tests_pass(package: Path, plugin: str, timeout: float) -> None:
    """``package`` holds the plugin ``plugin``; its tests must pass, and under
    a configured PostgreSQL none may be skipped."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    env.update({
        "PYTHONPATH": os.pathsep.join([str(package.parent), str(PROJECT_ROOT), env.get("PYTHONPATH", "")]),
        "CMS_PLUGIN_PACKAGES": package.name,
    })
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(package / plugin / "tests"), "-q", "-p", "no:cacheprovider"],
        cwd=package.parent, env=env, capture_output=True, text=True, timeout=timeout,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert " passed" in output and "failed" not in output
    if os.environ.get("CMS_TEST_DATABASE_URL"):
        assert "skipped" not in output, output[-2000:]
