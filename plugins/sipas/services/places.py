"""Service points, their levels and the fields of procedures: saving and
deleting them, each change recorded in the audit log and committed.

One that responses (or, for a level, points) refer to is never deleted but
switched off, so that old answers and reports keep their names.
"""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from cms.plugin import ValidationError, audit, db

from ..models import Level, Point, ServiceField
from ..queries import code_taken, in_use

Place = Point | ServiceField | Level

KIND = {Point: "point", ServiceField: "field", Level: "level"}
CODE_TAKEN = {Point: _l("Mã này đã được dùng cho điểm phục vụ khác."),
              ServiceField: _l("Mã này đã được dùng cho lĩnh vực khác.")}


def save_place(item: Place, values: dict[str, Any]) -> None:
    """Set ``values`` on ``item`` (text stripped) and store it. A code that
    another point or field has is refused with a :class:`ValidationError`
    on ``code``."""
    code = values.get("code")
    if code is not None and code_taken(type(item), code, item.id):
        raise ValidationError({"code": str(CODE_TAKEN[type(item)])})
    for name, value in values.items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    db.session.add(item)
    db.session.flush()
    audit(f"sipas.{KIND[type(item)]}.saved", item, item.name)
    db.session.commit()


def delete_place(item: Place) -> None:
    """Delete ``item``, or refuse with a :class:`ValidationError` while it is in use."""
    if in_use(item):
        raise ValidationError(_("Không thể xoá vì đang được sử dụng. Hãy chuyển sang trạng thái ngừng hoạt động."))
    audit(f"sipas.{KIND[type(item)]}.deleted", item, item.name)
    db.session.delete(item)
    db.session.commit()
