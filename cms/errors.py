"""Domain exceptions and their one mapping to HTTP."""
from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from .extensions import db

THEMED = (400, 403, 404, 405, 413, 429, 500)


class ValidationError(ValueError):
    """Input was refused; ``errors`` maps field names to messages."""

    def __init__(self, errors: dict[str, str] | str) -> None:
        self.errors = errors if isinstance(errors, dict) else {"": errors}
        super().__init__("; ".join(self.errors.values()))


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def _render(error: HTTPException):
    if wants_json():
        return jsonify(error=error.name, message=error.description, status=error.code), error.code
    return render_template("errors/error.html", error=error), error.code


def _server_error(error):
    db.session.rollback()
    return _render(InternalServerError())


def init_app(app: Flask) -> None:
    for code in THEMED:
        if code == 500:
            app.register_error_handler(500, _server_error)
        else:
            app.register_error_handler(code, _render)
