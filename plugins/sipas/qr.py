"""QR codes that open the questionnaire with a service point filled in."""
from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from flask import url_for

from .models import Point, Survey

BORDER = 2


def form_url(point: Point, survey: Survey) -> str:
    """The absolute address a poster's QR code opens (channel: QR code)."""
    return url_for("plugin_sipas.questionnaire", slug=None if survey.is_default else survey.slug,
                   point=point.code, src="qr", _external=True)


def _code(data: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=BORDER)
    code.add_data(data)
    code.make(fit=True)
    return code


def svg(data: str) -> str:
    """A scalable QR code: one path, no inline style (the CSP forbids it)."""
    image = _code(data).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    text = image.to_string(encoding="unicode")
    return text[text.index("<svg"):]


def png(data: str, box_size: int = 12) -> bytes:
    code = _code(data)
    code.box_size = box_size
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return buffer.getvalue()
