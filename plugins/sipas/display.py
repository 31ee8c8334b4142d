"""What the survey's templates show with the figures: the words of the
rating scale and of the channels, and numbers written the Vietnamese way (a
decimal comma, dots between thousands). :func:`register` gives both to a
blueprint's templates."""
from __future__ import annotations

from typing import Any

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from cms.plugin import vn_number

from .report import rounded

SCALE_LABELS = (
    (1, _l("Rất không hài lòng")),
    (2, _l("Không hài lòng")),
    (3, _l("Bình thường")),
    (4, _l("Hài lòng")),
    (5, _l("Rất hài lòng")),
)
DONT_KNOW_LABEL = _l("Không biết / không áp dụng")

CHANNEL_LABELS = {
    "web": _l("Trực tuyến"),
    "qr": _l("Mã QR tại quầy"),
    "kiosk": _l("Kiosk tại quầy"),
    "paper": _l("Phiếu giấy"),
}

NONE = "–"


def template_labels() -> dict[str, Any]:
    """What the survey's templates call ``scale``, ``dont_know`` and ``channel_labels``."""
    return {"scale": SCALE_LABELS, "dont_know": DONT_KNOW_LABEL, "channel_labels": CHANNEL_LABELS}


def decimal(value: float | None, places: int = 2) -> str:
    """58.333 → ``58,33``; ``None`` (nothing to compute from) → ``–``."""
    if value is None:
        return NONE
    whole, _dot, fraction = f"{rounded(value, places) + 0.0:.{places}f}".partition(".")  # + 0.0: no "-0"
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{vn_number(abs(int(whole)))}" + (f",{fraction}" if fraction else "")


def weight(value: float) -> str:
    """1.0 → ``1``, 1.5 → ``1,5``."""
    return f"{value:g}".replace(".", ",")


def register(bp: Blueprint) -> None:
    """The labels in the blueprint's templates; the filters ``sipas_decimal``
    and ``sipas_weight`` in every template."""
    bp.context_processor(template_labels)
    bp.add_app_template_filter(decimal, "sipas_decimal")
    bp.add_app_template_filter(weight, "sipas_weight")
