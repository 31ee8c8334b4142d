"""Which plugin's code is running: attribution for faults and queries."""
from __future__ import annotations

from contextvars import ContextVar
from typing import Any, Callable

#: The plugin whose code is running (a hook, a widget), for attribution.
running_plugin: ContextVar[str | None] = ContextVar("cms_running_plugin", default=None)


def invoke(name: str, function: Callable, /, *args: Any, **kwargs: Any) -> Any:
    """Run a plugin's function with the plugin named as the one running."""
    token = running_plugin.set(name)
    try:
        return function(*args, **kwargs)
    finally:
        running_plugin.reset(token)


def describe(exc: BaseException) -> str:
    """An exception in one line, for logs and the admin plugins page."""
    return f"{type(exc).__name__}: {exc}"
