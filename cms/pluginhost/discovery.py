"""Finding plugins and checking them before anything of theirs runs.

Plugins come from the packages named in ``PLUGIN_PACKAGES`` (each
sub-package is one plugin) and from installed distributions exposing the
``cms.plugins`` entry-point group (each entry point names a plugin's module).
A plugin that fails to import, does not declare itself properly, supports
another core version or lacks a dependency becomes a :class:`PluginProblem`
instead: the site starts without it and the admin sees why.
"""
from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import logging
import pkgutil
import traceback
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterable, Iterator, NamedTuple

from flask_babel import lazy_gettext as _l
from packaging.requirements import InvalidRequirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet

from ..version import __version__
from ..plugin import Plugin
from .running import describe

log = logging.getLogger("cms.plugins")


@dataclass(frozen=True)
class PluginProblem:
    """Why a plugin that was found is not running; shown to the admin.

    ``message`` is for people (translated when shown); ``detail`` keeps the
    traceback of an import error for the developer.
    """

    message: Any
    detail: str = ""

    def __str__(self) -> str:
        return str(self.message)


@dataclass
class LoadedPlugin:
    """A plugin whose module imported and whose declaration checks out."""

    meta: Plugin
    module: ModuleType
    source: str
    hooks: ModuleType | None = None

    @property
    def hook_module(self) -> ModuleType:
        """Where the plugin's ``@hookimpl`` functions live: its ``hooks``
        module when it has one (the bundled layout), else the module itself."""
        return self.hooks or self.module

    @property
    def name(self) -> str:
        return self.meta.name

    @property
    def path(self) -> Path:
        return Path(self.module.__file__).resolve().parent  # type: ignore[arg-type]  # a plugin is a regular package

    @property
    def migrations(self) -> Path:
        return self.path / "migrations"


class Candidate(NamedTuple):
    name: str
    load: Callable[[], Any]
    source: str


def candidates(packages: Iterable[str], group: str) -> Iterator[Candidate]:
    """Every plugin on offer, bundled packages first, each group by name."""
    for package_name in packages:
        try:
            package = importlib.import_module(package_name)
        except ImportError:
            log.warning("plugin package %s is not importable; skipped", package_name)
            continue
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            if info.ispkg and not info.name.startswith("_"):
                dotted = f"{package_name}.{info.name}"
                yield Candidate(info.name, partial(importlib.import_module, dotted), package_name)
    for ep in sorted(importlib.metadata.entry_points(group=group), key=lambda e: e.name):
        dist = ep.dist.name if ep.dist else "?"
        yield Candidate(ep.name, ep.load, f"{dist} ({group})")


def import_plugin(candidate: Candidate) -> LoadedPlugin | PluginProblem:
    """Import one candidate and check what it declares."""
    try:
        module = candidate.load()
    except Exception as exc:
        return PluginProblem(_l("Lỗi khi nạp mã nguồn: %(error)s", error=describe(exc)), traceback.format_exc())
    if not isinstance(module, ModuleType):
        return PluginProblem(_l("Entry point phải trỏ tới module của plugin, không phải %(what)s.",
                                what=type(module).__name__))
    meta = getattr(module, "plugin", None)
    if not isinstance(meta, Plugin):
        return PluginProblem(_l("Module không khai báo biến plugin = Plugin(...)."))
    if meta.name != candidate.name:
        return PluginProblem(_l("Plugin tự khai báo tên %(declared)s, khác với tên gói %(name)s.",
                                declared=meta.name, name=candidate.name))
    if not supports_core(meta.core):
        return PluginProblem(_l("Plugin cần phiên bản lõi %(spec)s, máy chủ đang chạy %(version)s.",
                                spec=meta.core, version=__version__))
    try:
        meta.dependencies  # noqa: B018 (parsing the declaration is the check)
    except InvalidRequirement as exc:
        return PluginProblem(_l("Khai báo phụ thuộc không hợp lệ: %(error)s", error=str(exc)))
    try:
        hooks = _hooks_module(module)
    except Exception as exc:
        return PluginProblem(_l("Lỗi khi nạp mã nguồn: %(error)s", error=describe(exc)), traceback.format_exc())
    return LoadedPlugin(meta, module, candidate.source, hooks)


def _hooks_module(module: ModuleType) -> ModuleType | None:
    """The package's ``hooks`` submodule, imported, or ``None`` if it has none."""
    if not hasattr(module, "__path__"):
        return None
    dotted = f"{module.__name__}.hooks"
    if importlib.util.find_spec(dotted) is None:
        return None
    return importlib.import_module(dotted)


def supports_core(spec: str) -> bool:
    try:
        return SpecifierSet(spec).contains(__version__, prereleases=True)
    except InvalidSpecifier:
        return False


def unmet_dependencies(plugin: LoadedPlugin, available: dict[str, LoadedPlugin]) -> PluginProblem | None:
    """What keeps ``plugin`` from running among ``available``, if anything."""
    for dep, spec in plugin.meta.dependencies.items():
        other = available.get(dep)
        if other is None:
            return PluginProblem(_l("Thiếu plugin phụ thuộc: %(dep)s.", dep=dep))
        if spec and not spec.contains(other.meta.version, prereleases=True):
            return PluginProblem(_l("Cần plugin %(dep)s phiên bản %(spec)s, đang có %(version)s.",
                                    dep=dep, spec=str(spec), version=other.meta.version))
    return None


def drop_unrunnable(plugins: dict[str, LoadedPlugin], problems: dict[str, PluginProblem]) -> None:
    """Move plugins with unmet or circular dependencies to ``problems``,
    repeating until what is left can all run."""
    while True:
        blocked = {name: problem for name, plugin in plugins.items()
                   if (problem := unmet_dependencies(plugin, plugins)) is not None}
        cyclic = sorted(_in_cycles(plugins) - set(blocked))
        for name in cyclic:
            blocked[name] = PluginProblem(_l("Phụ thuộc vòng tròn giữa các plugin: %(names)s.",
                                             names=", ".join(cyclic)))
        if not blocked:
            return
        for name, problem in blocked.items():
            problems[name] = problem
            del plugins[name]


def _in_cycles(plugins: dict[str, LoadedPlugin]) -> set[str]:
    """Names of plugins that depend on themselves through others."""
    cyclic = set()
    for start in plugins:
        seen, stack = set(), list(plugins[start].meta.dependencies)
        while stack:
            name = stack.pop()
            if name == start:
                cyclic.add(start)
                break
            if name in seen or name not in plugins:
                continue
            seen.add(name)
            stack.extend(plugins[name].meta.dependencies)
    return cyclic


def dependency_order(plugins: Iterable[LoadedPlugin]) -> list[LoadedPlugin]:
    """``plugins`` with each one's dependencies before it (then by name)."""
    by_name = {p.name: p for p in plugins}
    ordered: list[LoadedPlugin] = []

    def visit(plugin: LoadedPlugin) -> None:
        if plugin in ordered:
            return
        for dep in plugin.meta.dependencies:
            if dep in by_name:
                visit(by_name[dep])
        ordered.append(plugin)

    for plugin in sorted(by_name.values(), key=lambda p: p.name):
        visit(plugin)
    return ordered


def table_clash(name: str, others: Iterable[str]) -> PluginProblem | None:
    """Why plugin ``name``'s tables (``<name>_*``) could be mistaken for the
    core's or another plugin's, if they could: a core table named ``name``
    or starting ``name_``, or another plugin whose name starts ``name_``
    or is the start of it (``news`` and ``news_extra``: the one found second is refused)."""
    from ..models import CORE_TABLES

    core = sorted(t for t in CORE_TABLES if t == name or t.startswith(f"{name}_"))
    if core:
        return PluginProblem(_l("Tên plugin %(name)s trùng với bảng của lõi (%(tables)s); hãy đổi tên plugin.",
                                name=name, tables=", ".join(core)))
    plugins = sorted(o for o in others if name.startswith(f"{o}_") or o.startswith(f"{name}_"))
    if plugins:
        return PluginProblem(_l("Tên plugin %(name)s trùng tiền tố bảng của plugin %(other)s; hãy đổi tên plugin.",
                                name=name, other=plugins[0]))
    return None


def discover(packages: Iterable[str], group: str,
             entry_point_names: Iterable[str] | None = None) -> tuple[dict[str, LoadedPlugin], dict[str, PluginProblem]]:
    """Every plugin found: those that can run, and the problems of the rest.
    ``entry_point_names``, when given, limits which entry-point plugins are
    looked at (tests restricted to some plugins)."""
    plugins: dict[str, LoadedPlugin] = {}
    problems: dict[str, PluginProblem] = {}
    allowed = None if entry_point_names is None else set(entry_point_names)
    for candidate in candidates(packages, group):
        if allowed is not None and candidate.source.endswith(f"({group})") and candidate.name not in allowed:
            continue
        clash = table_clash(candidate.name, list(plugins) + list(problems))
        if clash is not None:
            problems[candidate.name] = clash
            continue
        if candidate.name in plugins or candidate.name in problems:
            log.warning("plugin %s found twice; %s is ignored", candidate.name, candidate.source)
            continue
        result = import_plugin(candidate)
        if isinstance(result, PluginProblem):
            problems[candidate.name] = result
        else:
            plugins[candidate.name] = result
    drop_unrunnable(plugins, problems)
    for name, problem in sorted(problems.items()):
        log.error("plugin %s not loaded: %s%s", name, problem, "\n" + problem.detail if problem.detail else "")
    return plugins, problems
