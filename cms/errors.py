"""Domain exceptions and their one mapping to HTTP.

Browsers get the themed ``errors/error.html``; JSON clients (``Accept:
application/json``, ``/api/`` paths, ``fetch`` uploads) get
``{"error", "message", "status"}`` with the same status code.
"""
from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import BadRequest, Forbidden, HTTPException, InternalServerError, ServiceUnavailable

from .extensions import db

THEMED = (400, 403, 404, 405, 413, 429, 500)


class ValidationError(ValueError):
    """Input was refused; ``errors`` maps field names to messages."""

    def __init__(self, errors: dict[str, str] | str) -> None:
        self.errors = errors if isinstance(errors, dict) else {"": errors}
        super().__init__("; ".join(str(message) for message in self.errors.values()))


class ServerBusy(ValidationError):
    """The server cannot take this now; the same request may work in
    ``retry_after`` seconds. Pages show the message as a form error; JSON
    clients get 503 with a ``Retry-After`` header."""

    retry_after = 10


class PermissionDenied(Forbidden):
    """The user is logged in but may not do this to this object."""

    description = _l("Bạn không có quyền thực hiện thao tác này.")


def wants_json() -> bool:
    if request.path.startswith("/api/") or request.is_json:
        return True
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"


def _render(error: HTTPException):
    code = error.code or 500
    if wants_json():
        return jsonify(error=error.name, message=str(error.description), status=code), code
    # Werkzeug's stock descriptions are English; the template has Vietnamese
    # ones. Only refusals the site words itself (400, 403) carry their own.
    custom = error.description if code in (400, 403) and error.description != type(error).description else None
    return render_template("errors/error.html", error=error, message=custom), code


def _csrf_error(error: CSRFError):
    return _render(BadRequest(_("Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. "
                                "Vui lòng tải lại trang rồi thử lại.")))


def _validation_error(error: ValidationError):
    if wants_json():
        return jsonify(error="Bad Request", message=str(error), errors=error.errors, status=400), 400
    return _render(BadRequest(str(error)))


def _server_busy(error: ServerBusy):
    response: Response | str
    if wants_json():
        response = jsonify(error="Service Unavailable", message=str(error), errors=error.errors, status=503)
    else:
        response = render_template("errors/error.html", error=ServiceUnavailable(), message=str(error))
    return response, 503, {"Retry-After": str(error.retry_after)}


def _server_error(error):
    db.session.rollback()
    return _render(InternalServerError())


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(ValidationError, _validation_error)
    app.register_error_handler(ServerBusy, _server_busy)
    for code in THEMED:
        app.register_error_handler(code, _server_error if code == 500 else _render)
