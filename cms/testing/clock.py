"""The ``clock`` fixture: the site's "now", moved by hand.

Everything that asks the core or a plugin for the time goes through
:func:`cms.models.utcnow` (``cms.plugin.utcnow`` for plugins), so freezing
``cms.models.frozen_now`` moves every clock at once, with no patching of
the modules that imported it. Until ``set`` or ``advance`` is called the
clock runs as usual; the test's end unfreezes it.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Iterator

import pytest


class Clock:
    """``clock.set(datetime)`` freezes now (naive UTC); ``clock.advance(hours=2)``
    moves it forward from the frozen or the current time."""

    @property
    def now(self) -> datetime:
        from cms.models import utcnow

        return utcnow()

    def set(self, when: datetime) -> None:
        import cms.models

        cms.models.frozen_now = when

    def advance(self, **delta) -> None:
        self.set(self.now + timedelta(**delta))


@pytest.fixture
def clock() -> Iterator[Clock]:
    import cms.models

    yield Clock()
    cms.models.frozen_now = None
