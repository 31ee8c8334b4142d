"""Bounds on what a request may carry before it reaches the database.

Odd input is refused with a 400 or 404 on the themed error page, never a
500: NUL characters (PostgreSQL refuses them in text) anywhere in the path,
query string, form fields or upload names; ids in URLs beyond what an
``INTEGER`` column holds; page numbers that are not plain ASCII digits
(``"²".isdigit()`` is true, ``int("²")`` fails) or absurdly large.
"""
from __future__ import annotations

from flask import Flask, abort, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # the largest INTEGER on PostgreSQL
MAX_PAGE = 100_000
NUL = "\x00"


def parse_int(raw: str | None, low: int = 0, high: int = MAX_ID) -> int | None:
    """``raw`` as an integer in ``low..high``, or ``None``: only ASCII
    digits count, so ``"²"``, ``"٣"``, ``" 1"``, ``"-1"`` and ``"1e9"`` do not."""
    if not raw or not raw.isascii() or not raw.isdigit() or len(raw) > len(str(high)):
        return None
    number = int(raw)
    return number if low <= number <= high else None


def page_number(name: str = "page", maximum: int = MAX_PAGE) -> int:
    """The page a listing is asked for in ``?page=`` (1 when absent).
    Anything that is not a page of a listing is a 404, as a page past the
    end is."""
    raw = request.args.get(name, "")
    if raw == "":
        return 1
    number = parse_int(raw, 1, maximum)
    if number is None:
        raise NotFound()
    return number


class IdConverter(IntegerConverter):
    """``<int:...>`` in URLs, bounded by what an id column holds: a longer
    number does not match the route (404) instead of overflowing the query."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = MAX_ID,
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits, min, max, signed)


def _has_nul() -> bool:
    if NUL in request.path:
        return True
    fields = [request.args]
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        fields.append(request.form)
    for multidict in fields:
        for key, values in multidict.lists():
            if NUL in key or any(NUL in value for value in values):
                return True
    return request.method != "GET" and any(NUL in (upload.filename or "") for upload in request.files.values())


def _refuse_nul() -> None:
    if _has_nul():
        abort(400, _l("Yêu cầu chứa ký tự không hợp lệ."))


def init_app(app: Flask) -> None:
    """Before any route is added (converters are bound when a rule is)."""
    app.url_map.converters["int"] = IdConverter
    app.before_request(_refuse_nul)
