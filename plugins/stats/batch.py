"""What one worker has counted since its last flush."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Batch:
    """Views and visitor activity not yet written to the store.

    ``hours`` counts views per local hour (naive local time of the hour's
    start), ``pages`` per (local day, path); ``visitors`` maps a visitor id
    to when it was last seen (naive UTC). Day totals and all-time totals
    are derived from these, so they always agree.
    """

    hours: Counter = field(default_factory=Counter)
    pages: Counter = field(default_factory=Counter)
    visitors: dict[str, datetime] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.hours or self.visitors)

    def add_view(self, hour: datetime, path: str, views: int = 1) -> None:
        self.hours[hour] += views
        self.pages[(hour.date(), path)] += views

    def see(self, visitor: str, moment: datetime) -> None:
        if moment > self.visitors.get(visitor, datetime.min):
            self.visitors[visitor] = moment

    def merge(self, other: "Batch") -> None:
        """Take back a batch whose write failed, so no view is lost."""
        self.hours.update(other.hours)
        self.pages.update(other.pages)
        for visitor, moment in other.visitors.items():
            self.see(visitor, moment)

    @property
    def views(self) -> int:
        return sum(self.hours.values())

    def days(self) -> Counter:
        totals: Counter = Counter()
        for hour, views in self.hours.items():
            totals[hour.date()] += views
        return totals

    def paths(self) -> Counter:
        totals: Counter = Counter()
        for (_day, path), views in self.pages.items():
            totals[path] += views
        return totals

