"""Behind a trusted proxy visitors are told apart by the address the proxy
reports; without one, a forwarded address changes nothing."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.plugins("stats")


def two_visitors_behind_one_proxy(view) -> None:
    for address in ("203.0.113.1", "203.0.113.2"):
        view("/", ip="10.0.0.5", DNT="1", **{"X-Forwarded-For": address})


@pytest.mark.cms_config({"STATS_CACHE_SECONDS": 0, "PROXY_COUNT": 1})
def test_behind_a_trusted_proxy_each_forwarded_address_is_a_visitor(stats_store, view, numbers):
    two_visitors_behind_one_proxy(view)
    assert (numbers().total, numbers().online) == (2, 2)


@pytest.mark.cms_config({"STATS_CACHE_SECONDS": 0})
def test_without_a_trusted_proxy_the_forwarded_address_is_ignored(stats_store, view, numbers):
    two_visitors_behind_one_proxy(view)
    assert (numbers().total, numbers().online) == (2, 1)
