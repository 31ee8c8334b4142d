"""Every GET route of the site, public and admin, with odd values in its
URL and a corpus of odd query arguments: nothing answers with a server
error. Refusals are 400 or 404 on the themed page.

The routes come from ``app.url_map``, so a route added later (by the core
or a bundled plugin) is walked without touching this test.
"""
from __future__ import annotations

import re

import pytest

from cms.extensions import db
from cms.models import Page

# Every query argument a view of the project reads, and a few it does not.
ARGS = ("page", "year", "month", "quarter", "start", "end", "period", "point", "level", "field", "channel",
        "version", "max", "survey", "q", "status", "category", "author", "days", "top", "parent", "user",
        "action", "kind", "element", "day", "src", "next", "v", "id", "slug")
# Raw (already encoded) values: %00 is NUL, %ff is not UTF-8, %C2%B2 is "²".
ODD_VALUES = ("%C2%B2", "99999999999999999999", "-1", "0", "9999-12-31", "0001-01-01", "%00", "%ff", "1.5",
              "x" * 2000)
EXTRA_QUERIES = ("period=custom&start=9999-12-31&end=9999-12-31", "period=custom&start=0001-01-01&end=9999-12-31",
                 "period=month&year=2024&month=13", "period=quarter&year=99999999999999999999&quarter=%C2%B2",
                 "page=1&page=2&page[]=3&year[]=2024&q[]=x", "survey=%00&point=%00", "")
# Values for the URL's own parts: what a real link holds, then odd ones.
PLAIN = {"int": "1", "path": "gioi-thieu", "default": "gioi-thieu"}
ODD_PARTS = {"int": ("2147483647", "99999999999999999999"),
             "path": ("%C2%B2", "a/%00/b", "%ff", "..%2F..%2Fetc%2Fpasswd"),
             "default": ("%C2%B2", "%00", "%ff", "x" * 300)}
SKIPPED = {"static", "vendor"}  # files of the repository, no input reaches a query


PART = re.compile(r"<(?:([a-z]+)(?:\([^)]*\))?:)?(\w+)>")


def _url(rule, values: dict[str, str]) -> str:
    """The rule's path with ``values`` put in raw (they are already encoded)."""
    return PART.sub(lambda match: values[match.group(2)], rule.rule)


def urls_of(rule) -> tuple[str, list[str]]:
    """The plausible URL of a rule and the URLs with one odd part each."""
    kinds = {name: converter if converter in ("int", "path") else "default"
             for converter, name in PART.findall(rule.rule)}
    plain = {name: PLAIN[kind] for name, kind in kinds.items()}
    odd = [_url(rule, {**plain, name: value}) for name, kind in kinds.items() for value in ODD_PARTS[kind]]
    return _url(rule, plain), odd


def queries() -> list[str]:
    every_arg = ["&".join(f"{name}={value}" for name in ARGS) for value in ODD_VALUES]
    return every_arg + list(EXTRA_QUERIES)


def get_routes(app) -> list:
    return sorted((rule for rule in app.url_map.iter_rules()
                   if "GET" in rule.methods and rule.endpoint not in SKIPPED), key=lambda rule: rule.rule)


def walk(client, urls: list[str]) -> list[str]:
    """Request each URL; the ones that failed, with their status or exception."""
    failures = []
    for url in urls:
        try:
            status = client.get(url).status_code
        except Exception as exc:  # noqa: BLE001 (the walk reports every failure at once)
            failures.append(f"{url[:160]}: {type(exc).__name__}: {str(exc)[:160]}")
            db.session.rollback()
            continue
        if status >= 500:
            failures.append(f"{url[:160]}: {status}")
    return failures


@pytest.mark.slow
@pytest.mark.cms_config({"PROPAGATE_EXCEPTIONS": True})
@pytest.mark.parametrize("audience", ["public", "admin"])
def test_no_get_route_answers_odd_input_with_a_server_error(app, client, users, login, audience):
    """Public routes as a visitor, admin routes as the admin (who may see everything)."""
    db.session.add(Page(title="Giới thiệu", slug="gioi-thieu", path="gioi-thieu", body="<p>Trang.</p>",
                        status="published"))
    db.session.commit()
    if audience == "admin":
        login("admin")
    failures, count = [], 0
    for rule in get_routes(app):
        if rule.rule.startswith("/admin") != (audience == "admin"):
            continue
        plain, odd = urls_of(rule)
        urls = [f"{plain}?{query}" for query in queries()] + odd
        failures += walk(client, urls)
        count += len(urls)
    assert count > 300, "the walk covers the site's routes"
    assert not failures, f"{len(failures)} of {count} requests failed:\n  " + "\n  ".join(failures[:60])
