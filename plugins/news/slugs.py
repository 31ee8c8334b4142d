"""URL slugs from Vietnamese text: ``Cải cách hành chính`` → ``cai-cach-hanh-chinh``."""
from __future__ import annotations

from typing import Callable

from slugify import slugify


def make_slug(text: str, max_length: int = 200) -> str:
    """Lowercase ASCII words joined by hyphens (tone marks dropped, ``đ`` → ``d``)."""
    return slugify(text or "", max_length=max_length, word_boundary=True)


def unique_slug(base: str, taken: Callable[[str], bool], max_length: int) -> str:
    """``base`` or ``base-2``, ``base-3``...: the first one ``taken`` does not claim."""
    candidate, number = base, 1
    while taken(candidate):
        number += 1
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
    return candidate
