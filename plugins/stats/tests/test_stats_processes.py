"""Exact totals when several processes count at once, on every backend."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cms.plugin import call_hook

pytestmark = [pytest.mark.slow, pytest.mark.plugins("stats"), pytest.mark.cms_config({"STATS_CACHE_SECONDS": 0})]

VIEWER = Path(__file__).with_name("stats_viewer.py")
ROOT = Path(__file__).resolve().parents[3]


def run_viewers(app, store, tmp_path, processes: int, threads: int, views: int, crash_after: float = 0.0) -> list:
    """Start the viewer processes together and wait for them; returns their results."""
    command = [sys.executable, str(VIEWER), "--database", app.config["SQLALCHEMY_DATABASE_URI"],
               "--threads", str(threads), "--views", str(views), "--crash-after", str(crash_after)]
    if store.name == "redis":
        command += ["--redis", app.config["REDIS_URL"], "--prefix", app.config["STATS_REDIS_PREFIX"]]
    env = {**os.environ, "CMS_INSTANCE": str(tmp_path / "viewer-instance"), "PYTHONPATH": str(ROOT)}
    env.pop("CMS_REDIS_URL", None)
    children = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                for _ in range(processes)]
    return [(child.wait(timeout=120), child.stdout.read().decode(errors="replace")[-2000:]) for child in children]


def test_totals_rise_by_exactly_the_views_made_by_several_processes(app, stats_store, tmp_path, record, numbers):
    record("/", 7)
    before = numbers()
    results = run_viewers(app, stats_store, tmp_path, processes=3, threads=4, views=25)
    assert [code for code, _output in results] == [0, 0, 0], results
    after = numbers()
    assert after.total - before.total == 300, results
    assert after.today - before.today == 300
    assert call_hook("page_view_counts", paths=["/"]) == [{"/": 307}]


def test_a_crash_loses_at_most_the_last_second(app, stats_store, tmp_path, numbers):
    results = run_viewers(app, stats_store, tmp_path, processes=1, threads=2, views=10, crash_after=2.5)
    assert results[0][0] == -9, results
    assert numbers().total == 20  # written by the background flusher before the kill

