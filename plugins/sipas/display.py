"""What the survey's templates show with the figures: the words of the
rating scale and of the channels, numbers written the Vietnamese way (a
decimal comma, dots between thousands) and the trend chart. :func:`register`
gives the words and numbers to a blueprint's templates."""
from __future__ import annotations

from typing import Any, Sequence

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from cms.plugin import Chart, ChartBox, line_chart, vn_number

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

TREND_BOX = ChartBox(width=640, height=260, left=44, right=28, top=14, bottom=34)
TREND_MAX_LABELS = 12


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


def trend_chart(periods: Sequence[Any]) -> Chart:
    """A line of the overall index (0–100 %) over ``periods`` (objects with
    ``label`` and ``index``); periods without answers leave a gap. At most
    about a dozen periods are named under the chart, always the latest."""
    every = max(1, -(-len(periods) // TREND_MAX_LABELS))
    last = len(periods) - 1
    axis = [p.label if i % every == 0 or i == last else "" for i, p in enumerate(periods)]
    return line_chart([(p.label, p.index) for p in periods], axis, box=TREND_BOX, maximum=100,
                      number=lambda v: f"{v}%", value_text=lambda v: f"{decimal(v)}%", dot_radius=4)


def weight(value: float) -> str:
    """1.0 → ``1``, 1.5 → ``1,5``."""
    return f"{value:g}".replace(".", ",")


def register(bp: Blueprint) -> None:
    """The labels in the blueprint's templates; the filters ``sipas_decimal``
    and ``sipas_weight`` in every template."""
    bp.context_processor(template_labels)
    bp.add_app_template_filter(decimal, "sipas_decimal")
    bp.add_app_template_filter(weight, "sipas_weight")
