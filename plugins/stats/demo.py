"""Demo history, so a new demo site's charts and widget are not empty."""
from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select

from cms.plugin import Page, db

from . import clock
from .batch import Batch
from .recorder import FORGET_VISITORS_AFTER, recorder

DEMO_DAYS = 365
HOURLY_SHAPE = (1, 1, 1, 1, 1, 2, 4, 7, 9, 10, 9, 8, 6, 7, 9, 9, 8, 7, 6, 6, 5, 4, 2, 1)


def _paths() -> list[str]:
    pages = db.session.scalars(select(Page.path).where(Page.visible_clause(), Page.is_home.is_(False)).limit(8))
    return ["/"] + ["/" + path.lstrip("/") for path in pages]


def load() -> None:
    """A year of plausible views of the home page and the published pages."""
    rng = random.Random(13)
    paths = _paths()
    now = clock.local(clock.now()).replace(minute=0, second=0, microsecond=0)
    batch = Batch()
    hour = now - timedelta(days=DEMO_DAYS - 1, hours=now.hour)
    while hour <= now:
        busy = 0.6 if hour.weekday() >= 5 else 1.0
        for _view in range(int(HOURLY_SHAPE[hour.hour] * busy * rng.uniform(2, 6))):
            batch.add_view(hour, rng.choices(paths, weights=range(len(paths) * 2, len(paths), -1))[0])
        hour += timedelta(hours=1)
    recorder().store.write(batch, clock.now() - FORGET_VISITORS_AFTER)
