"""Test-only plugins that stand in for other plugins, so that the news tests
of a hook contract need no other plugin installed. Loaded only by tests
marked with :data:`plugins.news.tests.conftest.WITH_STANDINS`."""
from __future__ import annotations

import pytest

#: Marks a test whose app loads the stand-ins beside the bundled plugins;
#: a fixture then enables the one it needs (see ``view_stats``).
loaded = pytest.mark.cms_config({"PLUGIN_PACKAGES": ["plugins", __name__]})
