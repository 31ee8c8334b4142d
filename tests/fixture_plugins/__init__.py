"""Plugins used only by the tests: ``good`` holds working ones that use
every hook, ``broken`` holds one of each way a plugin can fail.

The tests folder is on ``sys.path`` while pytest runs, so these import as
``fixture_plugins.good.hello`` and so on.
"""
GOOD = "fixture_plugins.good"
BROKEN = "fixture_plugins.broken"
BROKEN_REASONS = {
    "raises_at_import": "broken on purpose at import",
    "lacks_dependency": "does_not_exist",
    "old_core": "<0.1",
    "unknown_hook": "widget",
    "raises_at_startup": "broken on purpose at startup",
}
LIFECYCLE = "fixture_plugins.lifecycle"
FAILING = "fixture_plugins.failing"
CLASHING = "fixture_plugins.clashing"
