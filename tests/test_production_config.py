"""CMS_ENV=production in any spelling counts as production, and
production refuses a secret key that is long but not random."""
from __future__ import annotations

import secrets

import pytest

from cms import create_app
from cms.config import ConfigError, _check_secret

RANDOM_KEY = "9f1c6e2b7a0d48c3b5e1f7a2d6c04b98e3a1f5c7d2b6"


@pytest.mark.parametrize("spelling", ["Production", "PRODUCTION", " production "])
def test_production_in_any_case_counts_as_production(cms_test_config, monkeypatch, spelling):
    monkeypatch.setenv("CMS_ENV", spelling)
    app = create_app({**cms_test_config, "SECRET_KEY": RANDOM_KEY})
    assert app.config["CMS_ENV"] == "production"
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    with pytest.raises(ConfigError):
        create_app({**cms_test_config, "SECRET_KEY": "dev"})


@pytest.mark.parametrize("key", ["a" * 32, "a" * 64, "ab" * 32, "0123456789" * 4, "password" * 5])
def test_production_refuses_a_secret_key_that_is_not_random(cms_test_config, key):
    with pytest.raises(ConfigError, match="random"):
        create_app({**cms_test_config, "CMS_ENV": "production", "SECRET_KEY": key})


def test_production_accepts_a_random_secret_key(cms_test_config):
    app = create_app({**cms_test_config, "CMS_ENV": "production", "SECRET_KEY": RANDOM_KEY})
    assert app.config["SESSION_COOKIE_SECURE"]
    for make in (lambda: secrets.token_hex(16), lambda: secrets.token_hex(32), lambda: secrets.token_urlsafe(32)):
        for _ in range(200):
            key = make()
            _check_secret(key, production=True)  # raises ConfigError if refused


def test_development_keeps_any_key(cms_test_config):
    assert create_app({**cms_test_config, "CMS_ENV": "development", "SECRET_KEY": "a" * 32})
