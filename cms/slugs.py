"""URL slugs from Vietnamese text: ``Cải cách hành chính`` → ``cai-cach-hanh-chinh``.

python-slugify transliterates with Unidecode, which maps ``đ`` to ``d`` and
drops the tone marks, so Vietnamese titles make readable ASCII URLs.
"""
from __future__ import annotations

from typing import Callable

from slugify import slugify

MAX_SLUG_LENGTH = 200


def make_slug(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """Lowercase ASCII words joined by hyphens; empty when nothing is left."""
    return slugify(text or "", max_length=max_length, word_boundary=True)


def unique_slug(base: str, taken: Callable[[str], bool], max_length: int = MAX_SLUG_LENGTH) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever ``taken`` does not claim."""
    candidate, number = base, 1
    while taken(candidate):
        number += 1
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
    return candidate
