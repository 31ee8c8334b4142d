"""Front-end packages installed by npm, served from ``node_modules``.

Only the files named in :data:`FILES` are reachable; nothing is copied into
the tree, and every URL carries the package's version so browsers may cache
it for a year.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from flask import Flask, abort, request, send_file, url_for

from .config import PROJECT_ROOT

NODE_MODULES = PROJECT_ROOT / "node_modules"
FILES = {
    "quill/quill.js": ("quill", "dist/quill.js"),
    "quill/quill.snow.css": ("quill", "dist/quill.snow.css"),
}
MAX_AGE = 365 * 24 * 3600


@cache
def package_version(package: str) -> str:
    try:
        return json.loads((NODE_MODULES / package / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return "0"


def vendor_url(name: str) -> str:
    package, _file = FILES[name]
    return url_for("vendor", filename=name, v=package_version(package))


def serve(filename: str):
    if filename not in FILES:
        abort(404)
    package, relative = FILES[filename]
    path: Path = NODE_MODULES / package / relative
    if not path.is_file():
        abort(404)
    return send_file(path, max_age=MAX_AGE if request.args.get("v") else None)


def init_app(app: Flask) -> None:
    app.add_url_rule("/_vendor/<path:filename>", "vendor", serve)
    app.jinja_env.globals["vendor_url"] = vendor_url
