"""The rules of the house about imports (see ARCHITECTURE.md), checked by
reading the source with :mod:`ast`: nothing is imported, so a module that
cannot even be imported is still checked.

Every ``import`` statement counts, wherever it is: at module level, inside a
function, or under ``if TYPE_CHECKING:``. A function-local import does not
break a cycle, it only postpones it to the first call, so none is excluded.

``from package import name`` counts as an import of ``package.name`` when that
is a module, else of ``package``. Python also runs a package's
``__init__.py`` before any of its submodules; that implicit import of the
parent is not counted, as an ``__init__`` that gathers its submodules (the
plugin host, the admin) is not a cycle with each of them. A package's
``__init__.py`` is the module named like the package (``cms.pluginhost``).
"""
from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]

#: What a plugin may import of the core: the modules themselves, and for its
#: tests the fixtures' package and ``cms`` itself (``from cms import create_app``).
CORE_API_FOR_PLUGINS = frozenset({"cms.plugin", "cms.hookspecs"})
CORE_API_FOR_PLUGIN_TESTS = CORE_API_FOR_PLUGINS | {"cms", "cms.testing"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _python_files(folder: str) -> tuple[Path, ...]:
    return tuple(sorted(p for p in (PROJECT_ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts))


@cache
def _modules(*folders: str) -> frozenset[str]:
    return frozenset(_module_name(p) for folder in folders for p in _python_files(folder))


def _imports(path: Path) -> set[str]:
    return imports(path, _modules("cms", "plugins", "tests"))


def imports(path: Path, known_modules: frozenset[str] = frozenset()) -> set[str]:
    """The dotted names ``path`` imports anywhere in its body, relative
    imports resolved; ``from p import n`` gives ``p.n`` when that is one of
    ``known_modules``, else ``p``."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known_modules else base)
    return found


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _rel(path: Path) -> str:
    return path.relative_to(PROJECT_ROOT).as_posix()


def core_import_graph() -> dict[str, set[str]]:
    """Each module of ``cms`` and the modules of ``cms`` it imports."""
    modules = _modules("cms")
    return {_module_name(p): {m for m in imports(p, modules) if m in modules and m != _module_name(p)}
            for p in _python_files("cms")}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The shortest cycle (``[a, b, ..., a]``) through each module that is in
    one, without repeats: the groups of modules that import each other are
    found by Tarjan's strongly connected components."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    found: list[list[str]] = []
    for group in groups:
        for start in sorted(group):
            cycle = _cycle_from(graph, group, start)
            if not any(set(cycle) == set(other) for other in found):
                found.append(cycle)
    return found


def _cycle_from(graph: dict[str, set[str]], group: set[str], start: str) -> list[str]:
    """The shortest way from ``start`` back to itself within its group."""
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(graph[node] & group):
                if target == start:
                    return paths[node] + [start]
                if target not in paths:
                    paths[target] = paths[node] + [target]
                    following.append(target)
        frontier = following
    raise AssertionError(f"no cycle through {start}")  # cannot happen in a strongly connected group


def _plugin_files() -> dict[str, list[Path]]:
    """The Python files of each bundled plugin, by plugin name."""
    by_plugin: dict[str, list[Path]] = {}
    for path in _python_files("plugins"):
        parts = path.relative_to(PROJECT_ROOT / "plugins").parts
        if len(parts) > 1:
            by_plugin.setdefault(parts[0], []).append(path)
    return by_plugin


def test_core_modules_import_no_cycle():
    found = cycles(core_import_graph())
    assert not found, "modules of cms that import each other:\n" + "\n".join(" -> ".join(c) for c in found)


def test_the_cycle_finder_finds_cycles():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert cycles(graph) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b", "c"}, "b": {"a"}, "c": {"a"}}) == [["a", "b", "a"], ["c", "a", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_imports_are_read_wherever_they_are(tmp_path, monkeypatch):
    monkeypatch.setattr(f"{__name__}.PROJECT_ROOT", tmp_path)
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "sub.py").write_text("")
    source = package / "mod.py"
    source.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .sub import x\n"
                      "def f():\n    from . import sub\n    import json.decoder\n")
    assert imports(source, frozenset({"pkg", "pkg.sub", "pkg.mod"})) == {"typing", "pkg.sub", "json.decoder"}


def test_the_core_never_imports_plugins():
    offenders = {_rel(p): sorted(m for m in _imports(p) if _within(m, "plugins")) for p in _python_files("cms")}
    assert not {file: names for file, names in offenders.items() if names}


def test_plugins_use_the_core_only_through_its_public_api():
    offenders: dict[str, list[str]] = {}
    for name, files in _plugin_files().items():
        for path in files:
            is_test = "tests" in path.relative_to(PROJECT_ROOT / "plugins" / name).parts
            allowed = CORE_API_FOR_PLUGIN_TESTS if is_test else CORE_API_FOR_PLUGINS
            bad = sorted(m for m in _imports(path) if _within(m, "cms") and not _allowed(m, allowed))
            if bad:
                offenders[_rel(path)] = bad
    assert not offenders


def _allowed(name: str, allowed: frozenset[str]) -> bool:
    """``cms`` itself is allowed as ``cms`` only, not as a prefix of every core module."""
    return name in allowed or any(_within(name, package) for package in allowed - {"cms"})


def test_no_plugin_imports_another():
    offenders = {}
    for name, files in _plugin_files().items():
        for path in files:
            others = sorted(m for m in _imports(path)
                            if _within(m, "plugins") and m != "plugins" and m.split(".")[1] != name)
            if others:
                offenders[_rel(path)] = others
    assert not offenders


def test_core_tests_do_not_import_bundled_plugins():
    """Deleting a plugin's folder must leave the core's tests collectable."""
    offenders = {}
    for path in _python_files("tests"):
        names = sorted(m for m in _imports(path) if _within(m, "plugins"))
        if names:
            offenders[_rel(path)] = names
    assert not offenders
