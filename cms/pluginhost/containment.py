"""Containing what a plugin adds to the app outside the hooks the host calls.

A plugin's blueprint, or its ``startup`` hook, can add app-wide callables that
Flask, Jinja, click and blinker call directly: request hooks, context
processors, URL value preprocessors and defaults, error handlers, template
filters, globals and tests, CLI commands and signal receivers. One that raises
would answer every URL with a 500 (``/admin/``, ``/login`` and ``/healthz``
included), and none of them would stop when the plugin is disabled.

So the registry notes what the app holds before a plugin registers
(:func:`take_inventory`) and, once it has, replaces each new callable with a
wrapper (:func:`contain_additions`) that skips it while the plugin is
disabled and contains its exception like a soft hook's: logged, counted as a
fault of the plugin, and replaced by a safe value (see :data:`FALLBACKS` and
docs/plugins.md). An ``HTTPException`` (``abort(403)``) is the plugin's answer,
not a fault, and goes through. Hooks scoped to the plugin's own blueprints
only run for its own pages: they are skipped while it is disabled and their
exceptions stay faults of those pages.
"""
from __future__ import annotations

import functools
import sys
import weakref
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import blinker
import click
from flask import Flask, current_app, has_app_context, has_request_context, request
from flask.cli import with_appcontext
from markupsafe import escape
from werkzeug.exceptions import HTTPException

from .running import describe, invoke

EXTENSION = "cms_plugins"

#: Registries of request hooks: attribute of the app -> (the name a fault is
#: recorded under, what a skipped or failed one gives back).
REQUEST_HOOKS: dict[str, tuple[str, Callable[..., Any]]] = {
    "before_request_funcs": ("before_app_request", lambda: None),
    "after_request_funcs": ("after_app_request", lambda response: response),
    "teardown_request_funcs": ("teardown_app_request", lambda exc=None: None),
    "template_context_processors": ("app_context_processor", lambda: {}),
    "url_value_preprocessors": ("app_url_value_preprocessor", lambda endpoint, values: None),
    "url_default_functions": ("app_url_defaults", lambda endpoint, values: None),
}
#: App-wide lists of callables, with the same meaning.
APP_LISTS: dict[str, tuple[str, Callable[..., Any]]] = {
    "teardown_appcontext_funcs": ("teardown_appcontext", lambda exc=None: None),
    "shell_context_processors": ("shell_context_processor", lambda: {}),
}
#: The Jinja tables: name -> (the name a fault is recorded under, the value
#: a skipped or failed global or test gives; a filter gives its input, escaped).
JINJA_TABLES = {
    "filters": ("app_template_filter", None),
    "globals": ("app_template_global", ""),
    "tests": ("app_template_test", False),
}


class PluginCallable:
    """A plugin's callable as the app holds it: skipped while the plugin is
    disabled, its exceptions contained, ``fallback`` answering instead."""

    def __init__(self, plugin: str, kind: str, function: Callable, fallback: Callable[..., Any]) -> None:
        functools.update_wrapper(self, function)  # keeps Jinja's pass_context marks
        self.plugin, self.kind, self.function, self.fallback = plugin, kind, function, fallback

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        plugin_host = _host()
        if not runs(plugin_host, self.plugin):
            return self.fallback(*args, **kwargs)
        try:
            return invoke(self.plugin, self.function, *args, **kwargs)
        except HTTPException:
            raise
        except Exception as exc:
            plugin_host.contain(self.plugin, f"{self.kind} {getattr(self.function, '__name__', '?')}", exc)
            return self.fallback(*args, **kwargs)


def _host() -> Any:
    """The plugin host of the running app, if any (signals fire for every app)."""
    return current_app.extensions.get(EXTENSION) if has_app_context() else None


def runs(plugin_host: Any, plugin: str) -> bool:
    """Whether ``plugin``'s contributions run now: the one test every wrapper
    here makes. A plugin unknown to the running app, disabled, or
    quarantined by the breaker for too many faults does not run."""
    return plugin_host is not None and plugin in plugin_host.active_names()


# -- fallbacks for the Jinja environment and error handlers --------------------


def _escaped_input(previous: Any, function: Callable) -> Callable[..., Any]:
    """A filter's fallback: the filter it replaced, or its input escaped."""
    passes = getattr(function, "jinja_pass_arg", None)

    def fallback(*args: Any, **kwargs: Any) -> Any:
        if previous is not None and getattr(previous, "jinja_pass_arg", None) == passes:
            return previous(*args, **kwargs)
        values = args[1:] if passes else args
        return escape(values[0]) if values else ""

    return fallback


def _replaced_or(previous: Any, value: Any) -> Callable[..., Any]:
    return (lambda *args, **kwargs: previous(*args, **kwargs)) if callable(previous) else (lambda *a, **k: value)


def _core_error_handler(replaced: Callable | None) -> Callable[[BaseException], Any]:
    """A plugin's error handler's fallback: the handler it replaced, or what
    the core does with the error, as if no plugin handled it."""
    if replaced is not None:
        return lambda error: current_app.ensure_sync(replaced)(error)
    return _unhandled


def _unhandled(error: BaseException) -> Any:
    app = current_app
    code = error.code if isinstance(error, HTTPException) else None
    blueprints = request.blueprints if has_request_context() else []
    for key in ((code, None) if code is not None else (None,)):
        for scope in (*blueprints, None):
            handlers = app.error_handler_spec.get(scope, {}).get(key) or {}
            for cls in type(error).__mro__:
                handler = handlers.get(cls)
                if handler is not None and not isinstance(handler, PluginCallable):
                    return app.ensure_sync(handler)(error)
    if isinstance(error, HTTPException):
        return error  # Flask's own error page
    raise error  # the core's 500 page


# -- inventory and wrapping --------------------------------------------------------


@dataclass
class Inventory:
    """What the app held before one plugin registered."""

    request_hooks: dict[str, dict[Any, list]] = field(default_factory=dict)
    app_lists: dict[str, list] = field(default_factory=dict)
    error_handlers: dict[tuple, Callable] = field(default_factory=dict)
    jinja: dict[str, dict[str, Any]] = field(default_factory=dict)
    commands: dict[str, dict[str, click.Command]] = field(default_factory=dict)
    receivers: dict[int, set] = field(default_factory=dict)


def take_inventory(app: Flask) -> Inventory:
    env = app.jinja_env
    return Inventory(
        request_hooks={attr: {k: list(v) for k, v in getattr(app, attr).items()} for attr in REQUEST_HOOKS},
        app_lists={attr: list(getattr(app, attr)) for attr in APP_LISTS},
        error_handlers=dict(_error_handlers(app)),
        jinja={"filters": dict(env.filters), "globals": dict(env.globals), "tests": dict(env.tests)},
        commands={path: dict(group.commands) for path, group in _command_groups(app)},
        receivers={id(signal): set(signal.receivers) for signal in known_signals()},
    )


def contain_additions(app: Flask, plugin: str, before: Inventory, own_blueprints: set[str]) -> None:
    """Wrap every callable ``plugin`` added to ``app`` since ``before``."""
    for attr, (kind, fallback) in REQUEST_HOOKS.items():
        for scope, functions in getattr(app, attr).items():
            known = before.request_hooks[attr].get(scope, [])
            for i, function in enumerate(functions):
                if not any(function is old for old in known):
                    functions[i] = _wrap(plugin, kind, function, fallback,
                                         own=scope is not None and scope.split(".")[0] in own_blueprints)
    for attr, (kind, fallback) in APP_LISTS.items():
        functions = getattr(app, attr)
        for i, function in enumerate(functions):
            if not any(function is old for old in before.app_lists[attr]):
                functions[i] = PluginCallable(plugin, kind, function, fallback)
    _contain_error_handlers(app, plugin, before)
    _contain_jinja(app, plugin, before)
    _contain_commands(app, plugin, before)
    _contain_receivers(plugin, before)


def _wrap(plugin: str, kind: str, function: Callable, fallback: Callable, own: bool) -> Callable:
    if not own:
        return PluginCallable(plugin, kind, function, fallback)

    @functools.wraps(function)
    def own_hook(*args: Any, **kwargs: Any) -> Any:
        if not runs(_host(), plugin):
            return fallback(*args, **kwargs)
        return function(*args, **kwargs)

    return own_hook


def _error_handlers(app: Flask) -> Iterator[tuple[tuple, Callable]]:
    for scope, by_code in app.error_handler_spec.items():
        for code, by_class in by_code.items():
            for cls, handler in by_class.items():
                yield (scope, code, cls), handler


def _contain_error_handlers(app: Flask, plugin: str, before: Inventory) -> None:
    for key, handler in list(_error_handlers(app)):
        replaced = before.error_handlers.get(key)
        if replaced is not handler:
            scope, code, cls = key
            app.error_handler_spec[scope][code][cls] = PluginCallable(
                plugin, "app_errorhandler", handler, _core_error_handler(replaced))


def _contain_jinja(app: Flask, plugin: str, before: Inventory) -> None:
    env = app.jinja_env
    for attr, (kind, safe) in JINJA_TABLES.items():
        table, old = getattr(env, attr), before.jinja[attr]
        for name, value in list(table.items()):
            if old.get(name) is value or not callable(value) or isinstance(value, type):
                continue
            fallback = _escaped_input(old.get(name), value) if attr == "filters" else _replaced_or(old.get(name), safe)
            table[name] = PluginCallable(plugin, kind, value, fallback)


# -- CLI commands -----------------------------------------------------------------


def _command_groups(app: Flask) -> Iterator[tuple[str, click.Group]]:
    yield "", app.cli
    cms = app.cli.commands.get("cms")
    if isinstance(cms, click.Group):
        yield "cms", cms


def _contain_commands(app: Flask, plugin: str, before: Inventory) -> None:
    for path, group in _command_groups(app):
        for name, command in group.commands.items():
            if before.commands.get(path, {}).get(name) is not command:
                _contain_command(plugin, command)


def _contain_command(plugin: str, command: click.Command) -> None:
    """Refuse to run while the plugin is disabled; report a crash in one line.

    Click objects may be shared by every app the plugin joins (a blueprint's
    ``cli`` group), so the wrapper is added once and asks the running app."""
    if isinstance(command, click.Group):
        command.callback = _command_callback(plugin, command.callback or (lambda: None))
        for sub in command.commands.values():
            _contain_command(plugin, sub)
    elif command.callback is not None:
        command.callback = _command_callback(plugin, command.callback)


def _command_callback(plugin: str, callback: Callable) -> Callable:
    if getattr(callback, "cms_plugin", None) == plugin:
        return callback

    @functools.wraps(callback)
    @with_appcontext
    def run(*args: Any, **kwargs: Any) -> Any:
        plugin_host = current_app.extensions[EXTENSION]
        if not runs(plugin_host, plugin):
            raise click.ClickException(f"The {plugin} plugin is disabled; enable it first: "
                                       f"flask --app wsgi cms plugin enable {plugin}")
        try:
            return invoke(plugin, callback, *args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            plugin_host.contain(plugin, f"command {callback.__name__}", exc)
            raise click.ClickException(f"The {plugin} plugin failed: {describe(exc)}") from exc

    run.cms_plugin = plugin  # type: ignore[attr-defined]
    return run


# -- signals ------------------------------------------------------------------------

_signals_seen: tuple[int, list[blinker.Signal]] = (0, [])


def known_signals() -> list[blinker.Signal]:
    """Every blinker signal a loaded module holds (Flask's, Flask-Login's, the
    core's, a plugin's own...), rescanned only when modules were imported."""
    global _signals_seen
    modules = list(sys.modules.values())
    if _signals_seen[0] != len(modules):
        found: dict[int, blinker.Signal] = {}
        for module in modules:
            for value in list(getattr(module, "__dict__", {}).values()):
                if isinstance(value, blinker.Signal):
                    found[id(value)] = value
        found.update((id(s), s) for s in blinker.default_namespace.values())
        _signals_seen = (len(modules), list(found.values()))
    return _signals_seen[1]


_receivers: dict[tuple[str, int], PluginCallable] = {}


def _contain_receivers(plugin: str, before: Inventory) -> None:
    """Reconnect each receiver the plugin connected through a wrapper, to the
    same senders; one wrapper per function, so a second app's ``startup``
    connecting it again does not make it run twice."""
    for signal in known_signals():
        old = before.receivers.get(id(signal), set())
        for receiver_id in [rid for rid in signal.receivers if rid not in old]:
            receiver = signal.receivers[receiver_id]
            function = receiver() if isinstance(receiver, weakref.ref) else receiver
            if function is None or isinstance(function, PluginCallable):
                continue
            senders = [_sender(signal, sid) for sid in signal._by_receiver.get(receiver_id, ())]
            wrapper = _receivers.setdefault((plugin, id(function)),
                                            PluginCallable(plugin, "signal", function, lambda *a, **k: None))
            signal.disconnect(function)
            for sender in senders:
                if sender is not None:
                    signal.connect(wrapper, sender=sender, weak=False)


def _sender(signal: blinker.Signal, sender_id: Any) -> Any:
    if sender_id == blinker.base.ANY_ID:
        return blinker.ANY
    ref = signal._weak_senders.get(sender_id)
    return ref() if ref is not None else None


@contextmanager
def contained_registration(app: Flask, plugin: str, own_blueprints: Callable[[], set[str]]) -> Iterator[None]:
    """Wrap whatever ``plugin`` adds to ``app`` inside the block, even when
    the block fails (the plugin is then dropped, and its leftovers stay off)."""
    before = take_inventory(app)
    try:
        yield
    finally:
        contain_additions(app, plugin, before, own_blueprints())
