"""Form pieces the admin sections share.

Rules about content live in the services (``cms.pages.services``,
``cms.accounts.users``); forms only parse what was typed. A service's
:class:`ValidationError` is shown on the fields it names with
:func:`attach_errors`.
"""
from __future__ import annotations

from datetime import datetime

from flask import flash
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import Field, StringField
from wtforms.widgets import DateTimeLocalInput

from ..timeutil import to_local, to_utc

LOCAL_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y")


def parse_local(text: str) -> datetime | None:
    """A time typed in the site's timezone, as naive UTC; ``None`` if unreadable.

    Accepts what a ``datetime-local`` input sends and the Vietnamese
    ``ngày/tháng/năm giờ:phút`` typed by hand where the browser has no picker.
    """
    for fmt in LOCAL_FORMATS:
        try:
            return to_utc(datetime.strptime(text, fmt))
        except ValueError:
            continue
    return None


class LocalDateTimeField(StringField):
    """A date and time in the site's timezone; ``data`` is naive UTC."""

    widget = DateTimeLocalInput()

    def process_formdata(self, valuelist: list[str]) -> None:
        text = valuelist[0].strip() if valuelist else ""
        self.data = None
        if text:
            self.data = parse_local(text)
            if self.data is None:
                raise ValueError(_("Thời điểm không hợp lệ. Hãy nhập theo dạng ngày/tháng/năm giờ:phút, "
                                   "ví dụ 25/12/2025 08:30."))

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return to_local(self.data).strftime("%Y-%m-%dT%H:%M") if self.data else ""


def optional_int(value) -> int | None:
    """Coerce a select's value: empty means none."""
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def attach_errors(form: FlaskForm, errors: dict[str, str]) -> None:
    """Show a service's messages on the named fields (others as a flash).

    A field that already shows the form's own error keeps just that one.
    """
    for name, message in errors.items():
        field: Field | None = form._fields.get(name)
        if field is None:
            flash(message, "error")
        elif not field.errors:
            field.errors = [message]
