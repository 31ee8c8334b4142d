"""Demo content for ``cms init --demo``: loaded once, marked in settings."""
from __future__ import annotations

import secrets
from typing import Callable

from .extensions import db
from .models import Role, Setting, User
from .pluginhost import host

DEMO_MARK = "demo_loaded"
DEMO_ADMIN = "admin"


def load_demo(say: Callable[[str], None]) -> None:
    if db.session.get(Setting, DEMO_MARK) is not None:
        say(f"Demo site already loaded; log in as {DEMO_ADMIN!r} (the password was shown on the first run;"
            " reset it with: flask --app wsgi cms create-user admin --role admin).")
        return
    password = secrets.token_urlsafe(12)
    admin = User(username=DEMO_ADMIN, display_name="Quản trị viên", role=Role.ADMIN.value)
    admin.set_password(password)
    db.session.add(admin)
    db.session.flush()
    db.session.add(Setting(key=DEMO_MARK, value=True))
    db.session.commit()
    host().call("load_demo_content", soft=False)
    say(f"Demo site loaded. Log in at /login as {DEMO_ADMIN!r} with password: {password}")
