"""A statistics provider for the news tests: answers ``page_view_counts``
and ``most_viewed_paths`` from :data:`provider`, which the ``view_stats``
fixture fills and empties, and records how each hook was asked."""
from __future__ import annotations

from dataclasses import dataclass, field

from cms.plugin import Plugin, hookimpl

plugin = Plugin(name="viewstats", title="Lượt xem (bản thử)")


@dataclass
class Provider:
    views: dict[str, int] = field(default_factory=dict)
    calls: list[tuple[str, dict]] = field(default_factory=list)


provider = Provider()


@hookimpl
def page_view_counts(paths):
    provider.calls.append(("page_view_counts", {"paths": paths}))
    return {path: provider.views[path] for path in paths if path in provider.views}


@hookimpl
def most_viewed_paths(prefix, limit, days):
    provider.calls.append(("most_viewed_paths", {"prefix": prefix, "limit": limit, "days": days}))
    ranked = sorted(((path, views) for path, views in provider.views.items() if path.startswith(prefix)),
                    key=lambda pair: -pair[1])
    return ranked[:limit]
