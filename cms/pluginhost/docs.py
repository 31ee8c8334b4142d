"""The hook and API reference of ``docs/plugins.md``, generated from the
docstrings of :mod:`cms.hookspecs` and :mod:`cms.plugin` so that it cannot
drift from the code (``flask --app wsgi cms plugin docs``; a test checks it).
"""
from __future__ import annotations

import ast
import dataclasses
import inspect
import re
from pathlib import Path
from typing import Any

from .. import hookspecs, plugin
from ..config import PROJECT_ROOT

DOCS_PATH = PROJECT_ROOT / "docs" / "plugins.md"
NOTES = {
    "hookimpl": "Marks a function of the plugin's module as the implementation of the hook of the same name "
                "(`@hookimpl`). `@hookimpl(optionalhook=True)` allows a hook this core version does not have; "
                "otherwise an unknown hook name stops the plugin from loading (a typo would be silent).",
    "API_VERSION": "The version of this API (`major.minor`): a minor release adds, a major one may remove what "
                   "was deprecated. See CHANGELOG.md and the deprecation policy below.",
    "SLOTS": "The named slots of the public layout a `Widget` can go into: " + ", ".join(
        f"`{slot}`" for slot in plugin.SLOTS) + ".",
}
START = "<!-- reference:start — generated from the docstrings by `flask --app wsgi cms plugin docs`; do not edit -->"
END = "<!-- reference:end -->"


def hook_specs() -> list[tuple[str, Any]]:
    """Every hookspec, in the order of the source file."""
    specs = [(name, fn) for name, fn in vars(hookspecs).items() if callable(fn) and hasattr(fn, "cms_spec")]
    return sorted(specs, key=lambda pair: inspect.getsourcelines(pair[1])[1])


def undocumented_hooks() -> list[str]:
    return [name for name, fn in hook_specs() if not (inspect.getdoc(fn) or "").strip()]


def render_reference() -> str:
    parts = [START, "", "## Hook reference", ""]
    for name, fn in hook_specs():
        args = ", ".join(inspect.signature(fn).parameters)
        parts.append(f"### `{name}({args})`")
        parts.append("")
        if fn.cms_spec.get("firstresult"):
            parts += ["*First result:* the first enabled plugin (by name) that returns a value answers.", ""]
        parts += [_markdown(inspect.getdoc(fn) or ""), ""]
    parts += ["## API reference: `cms.plugin`", "", _markdown(inspect.getdoc(plugin) or ""), ""]
    own: list[tuple[str, Any]] = []
    reexported: list[tuple[str, Any]] = []
    for name in sorted(plugin.__all__, key=str.lower):
        obj = getattr(plugin, name)
        (own if _defined_in_plugin(name, obj) else reexported).append((name, obj))
    for name, obj in own:
        parts += [f"### `{name}{_signature(obj)}`", "", _markdown(_doc(name, obj)), ""]
    parts += ["### Also available from `cms.plugin`", "", "| name | defined in |", "| --- | --- |"]
    parts += [f"| `{name}` | `{_origin(name)}` |" for name, _obj in reexported]
    parts += ["", END]
    return "\n".join(parts)


def update_docs(path: Path, write: bool = True) -> bool:
    """Put the generated reference between the markers of ``path`` (or at
    its end); return whether the file's content changed or would change."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        new = before + render_reference() + after
    else:
        new = text.rstrip("\n") + ("\n\n" if text else "") + render_reference() + "\n"
    if new == text:
        return False
    if write:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(new, encoding="utf-8")
    return True


def _defined_in_plugin(name: str, obj: Any) -> bool:
    return name in NOTES or getattr(obj, "__module__", None) == plugin.__name__


def _doc(name: str, obj: Any) -> str:
    return NOTES.get(name) or inspect.getdoc(obj) or ""


def _origin(name: str) -> str:
    """Where ``cms.plugin`` imports a re-exported name from, read from its source."""
    tree = ast.parse(Path(plugin.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    return "cms." + (node.module or "") if node.level else node.module or ""
    return "?"


def _signature(obj: Any) -> str:
    if not callable(obj) or not (inspect.isclass(obj) or inspect.isfunction(obj)):
        return ""
    if dataclasses.is_dataclass(obj):
        return "(" + ", ".join(_field(f) for f in dataclasses.fields(obj)) + ")"
    params = []
    for param in inspect.signature(obj).parameters.values():
        text = param.name if param.kind is not param.VAR_KEYWORD else f"**{param.name}"
        if param.annotation is not param.empty:
            text += f": {param.annotation}"
        if param.default is not param.empty:
            text += f" = {param.default!r}"
        params.append(text)
    return "(" + ", ".join(params) + ")"


def _field(f: dataclasses.Field) -> str:
    text = f"{f.name}: {f.type}"
    if f.default is not dataclasses.MISSING:
        default = f.default.__name__ if isinstance(f.default, type) else repr(f.default)
        text += f" = {default}"
    elif f.default_factory is not dataclasses.MISSING:
        text += f" = {f.default_factory()!r}"
    return text


def _markdown(doc: str) -> str:
    """The reStructuredText habits of docstrings, as Markdown."""
    doc = re.sub(r":(?:class|func|meth|mod|data|attr):`~?([^`]+)`", r"``\1``", doc)
    doc = doc.replace("``", "`")
    lines, out, in_code = doc.splitlines(), [], False
    for index, line in enumerate(lines):
        if in_code and line.strip() and not line.startswith("    "):
            out.append("```")
            in_code = False
        if line.rstrip().endswith("::") and not in_code:
            out.append(line.rstrip()[:-1])
            continue
        if not in_code and line.startswith("    ") and index and _opens_code(lines, index):
            out.append("```python")
            in_code = True
        out.append(line[4:] if in_code else line)
    while in_code and out and not out[-1].strip():
        out.pop()
    if in_code:
        out.append("```")
    return "\n".join(out).strip()


def _opens_code(lines: list[str], index: int) -> bool:
    """Whether the indented line at ``index`` starts a block announced by ``::``."""
    previous = [line for line in lines[:index] if line.strip()]
    return bool(previous) and previous[-1].rstrip().endswith("::")
