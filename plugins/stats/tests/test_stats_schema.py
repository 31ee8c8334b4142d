"""The statistics tables match their migrations."""
from __future__ import annotations

import pytest

from cms.testing import schema_drift


@pytest.mark.plugins("stats")
def test_models_and_migrations_do_not_drift(app):
    assert schema_drift("stats") == []
