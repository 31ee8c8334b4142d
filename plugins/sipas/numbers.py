"""Figures written the Vietnamese way: a decimal comma, dots between thousands."""
from __future__ import annotations

from flask import Blueprint

from cms.plugin import vn_number

from .report import rounded

NONE = "–"


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
    bp.add_app_template_filter(decimal, "sipas_decimal")
    bp.add_app_template_filter(weight, "sipas_weight")
