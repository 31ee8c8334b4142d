"""Words shown with the figures: the rating scale and the channels."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

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


def template_labels() -> dict[str, Any]:
    """What the survey's templates call ``scale``, ``dont_know`` and ``channel_labels``."""
    return {"scale": SCALE_LABELS, "dont_know": DONT_KNOW_LABEL, "channel_labels": CHANNEL_LABELS}
