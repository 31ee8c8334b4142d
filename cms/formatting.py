"""Formatting numbers the Vietnamese way."""
from __future__ import annotations


def vn_number(value: int | float | None) -> str:
    """1234567 → ``1.234.567`` (dots group thousands in Vietnamese)."""
    return f"{int(value or 0):,}".replace(",", ".")
