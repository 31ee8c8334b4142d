"""The limits on sending the questionnaire, which an admin sets per plugin
(``5 per minute; 30 per hour``)."""
from __future__ import annotations

from limits import parse_many

#: What the settings form accepts: one or more limits separated by ``;``.
RATE_LIMIT_PATTERN = r"\s*\d+\s*(/|per)\s*\d*\s*[a-z]+\s*(;\s*\d+\s*(/|per)\s*\d*\s*[a-z]+\s*)*"


def usable_limit(value: str | None, fallback: str) -> str:
    """``value``, or ``fallback`` when it is empty or does not parse (a value
    stored before the settings form checked it)."""
    value = value or fallback
    try:
        parse_many(value)
    except ValueError:
        return fallback
    return value
