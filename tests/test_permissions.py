"""Every admin route, found by walking ``app.url_map`` (plugins' included):
anonymous visitors are sent to the login page, and a logged-in user whose
role is below what the route declares with ``role_required`` gets 403.
"""
from __future__ import annotations

import pytest
from werkzeug.routing import AnyConverter, IntegerConverter, Rule

from cms.accounts.auth import required_role
from cms.models import Role

STAFF_PREFIXES = ("/admin", "/account")
METHODS = ("GET", "POST")


def staff_rules(app) -> list[Rule]:
    rules = [rule for rule in app.url_map.iter_rules() if rule.rule.startswith(STAFF_PREFIXES)]
    assert len(rules) > 20, "the walk found too few admin routes to be meaningful"
    return rules


def url_for_rule(app, rule: Rule) -> str:
    values = {}
    for name in rule.arguments:
        converter = rule._converters[name]
        if isinstance(converter, IntegerConverter):
            values[name] = 999_999
        elif isinstance(converter, AnyConverter):
            values[name] = sorted(converter.items)[0]
        else:
            values[name] = "khong-co"
    return app.url_map.bind("portal.test").build(rule.endpoint, values, method=next(iter(rule.methods & set(METHODS))))


def expected_role(app, rule: Rule) -> Role:
    """The highest role declared on the view or on a ``before_request`` of its blueprint(s)."""
    parts = rule.endpoint.split(".")[:-1]
    blueprints = [".".join(parts[: i + 1]) for i in range(len(parts))]
    guards = [app.view_functions[rule.endpoint]] + [f for bp in blueprints for f in app.before_request_funcs.get(bp, ())]
    declared = [Role(role) for role in map(required_role, guards) if role]
    return max(declared, key=lambda role: role.rank, default=Role.AUTHOR)


def requests_for(app):
    for rule in staff_rules(app):
        url = url_for_rule(app, rule)
        for method in sorted(rule.methods & set(METHODS)):
            yield rule, method, url


def test_anonymous_visitors_are_sent_to_login(app, client):
    problems = []
    for _rule, method, url in requests_for(app):
        response = client.open(url, method=method)
        if response.status_code != 302 or "/login" not in response.location:
            problems.append(f"{method} {url}: {response.status_code}")
    assert not problems, problems


@pytest.mark.slow  # walks every admin route for each role
def test_roles_below_the_declared_one_get_403(app, users, login, client):
    problems = []
    walked = {role: 0 for role in Role}
    for role in (Role.AUTHOR, Role.EDITOR, Role.ADMIN):
        login(role.value)
        for rule, method, url in requests_for(app):
            needed = expected_role(app, rule)
            response = client.open(url, method=method)
            status = response.status_code
            if not role.covers(needed):
                walked[role] += 1
                if status != 403:
                    problems.append(f"{role.value} {method} {url}: {status}, expected 403 (needs {needed.value})")
            elif status in (401, 403) or "/login" in (response.location or ""):
                problems.append(f"{role.value} {method} {url}: {status}, but {role.value} covers {needed.value}")
        client.post("/logout")
    assert not problems, "\n".join(problems)
    assert walked[Role.AUTHOR] > walked[Role.EDITOR] > 0, "expected routes reserved for editors and admins"


def test_core_sections_declare_their_roles(app):
    """Guards against a section silently losing its decorator."""
    declared = {rule.endpoint: expected_role(app, rule) for rule in staff_rules(app)}
    assert declared["admin.users_index"] is Role.ADMIN
    assert declared["admin.site_settings_edit"] is Role.ADMIN
    assert declared["admin.audit_index"] is Role.ADMIN
    assert declared["admin.page_move"] is Role.EDITOR
    assert declared["admin.media_delete"] is Role.EDITOR
    assert declared["admin.page_new"] is Role.AUTHOR
