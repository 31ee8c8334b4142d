"""Which registered kiosk a request comes from, and the limit on sending
answers that follows from it.

The questionnaire and the kiosk pages share one limit per address (the
``rate_limit`` setting), so the kiosk URL is no way around it. A kiosk an
admin registered presents its token in a cookie (set on the setup page) and
answers under its own, higher ``kiosk_rate_limit``, counted per device.
"""
from __future__ import annotations

from flask import request

from cms.plugin import client_key

from . import plugin
from .models import KioskDevice
from .queries import kiosk_device_by_hash
from .ratelimits import usable_limit
from .services.devices import token_hash

COOKIE = "sipas_kiosk"
COOKIE_DAYS = 365
WEB_LIMIT = "5 per minute; 30 per hour"
KIOSK_LIMIT = "30 per minute"


def device_for(token: str) -> KioskDevice | None:
    return kiosk_device_by_hash(token_hash(token)) if token else None


def current_device() -> KioskDevice | None:
    """The registered kiosk whose live token the request carries (looked up once per request)."""
    if "sipas.kiosk_device" not in request.environ:
        request.environ["sipas.kiosk_device"] = device_for(request.cookies.get(COOKIE, ""))
    return request.environ["sipas.kiosk_device"]


def answer_limit() -> str:
    """The limit an admin set for this sender, or the default when it does not parse."""
    if current_device() is not None:
        return usable_limit(plugin.setting("kiosk_rate_limit"), KIOSK_LIMIT)
    return usable_limit(plugin.setting("rate_limit"), WEB_LIMIT)


def answer_key() -> str:
    """Whom the limit counts: the registered kiosk, or else the address."""
    device = current_device()
    return f"kiosk-device/{device.id}" if device is not None else client_key()
