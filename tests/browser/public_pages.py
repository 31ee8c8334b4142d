"""One URL of each public page type of a site, found the way a visitor or a
crawler finds them: through ``sitemap.xml`` and the links on the listings.
The acceptance tests follow the site as it grows instead of hard-coding
paths; a page type that cannot be found is a failure, never a skip. Page
types of a plugin that is not installed are left out: their tests are
deselected (see :func:`page_type_params`), as the ``plugins`` marker does."""
from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

import pytest

from cms.testing import plugin_installed

NEWS, GALLERY, SIPAS = "/news/", "/gallery/", "/sipas/"
PLUGIN_PREFIXES = (NEWS, GALLERY, SIPAS, "/stats/")
MISSING_PATH = "/trang-nay-khong-ton-tai"
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


class PageTypeMissing(AssertionError):
    """The site offers no page of a type the acceptance tests must check."""


def _get_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response.get_data(as_text=True)


def sitemap_paths(client) -> list[str]:
    xml = _get_text(client, "/sitemap.xml")
    return [urlsplit(unescape(loc)).path for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]


def links(html: str, pattern: str) -> list[str]:
    """Same-site link targets on a page that match ``pattern`` entirely."""
    found = (urlsplit(unescape(href)).path for href in re.findall(r'href="([^"]+)"', html))
    return [path for path in dict.fromkeys(found) if re.fullmatch(pattern, path)]


def first(what: str, candidates: list[str]) -> str:
    if not candidates:
        raise PageTypeMissing(f"the site offers no {what} to check")
    return candidates[0]


def core_pages(client) -> dict[str, str]:
    paths = [p for p in sitemap_paths(client) if p != "/" and not p.startswith(PLUGIN_PREFIXES)]
    return {
        "home": "/",
        "page": first("published page", [p for p in paths if p.count("/") == 1]),
        "subpage": first("nested page", [p for p in paths if p.count("/") > 1]),
        "not found": MISSING_PATH,
    }


def news_pages(client) -> dict[str, str]:
    listing = _get_text(client, NEWS)
    articles = [p for p in sitemap_paths(client) if p.startswith(NEWS) and p != NEWS]
    return {
        "news listing": NEWS,
        "news category": first("news category", links(listing, r"/news/danh-muc/[^/]+")),
        "article": first("news article", articles),
    }


def gallery_pages(client) -> dict[str, str]:
    album = first("album", [p for p in sitemap_paths(client) if p.startswith(GALLERY) and p != GALLERY])
    photos = links(_get_text(client, album), re.escape(album) + r"\d+")
    return {"album list": GALLERY, "album": album, "photo": first("photo page", photos)}


def sipas_pages(client) -> dict[str, str]:
    _get_text(client, SIPAS)
    return {"survey form": SIPAS}


FINDERS = {
    "home": core_pages, "page": core_pages, "subpage": core_pages, "not found": core_pages,
    "news listing": news_pages, "news category": news_pages, "article": news_pages,
    "album list": gallery_pages, "album": gallery_pages, "photo": gallery_pages,
    "survey form": sipas_pages,
}

# The plugin each page type belongs to; the others are the core's.
PLUGIN_OF = {
    "news listing": "news", "news category": "news", "article": "news",
    "album list": "gallery", "album": "gallery", "photo": "gallery",
    "survey form": "sipas",
}


def page_type_params(page_types=tuple(FINDERS)) -> list:
    """``page_types`` as test parameters, each marked with the plugin it
    needs, so that a test of an absent plugin's page is deselected."""
    return [pytest.param(page_type, marks=pytest.mark.plugins(PLUGIN_OF[page_type]), id=page_type)
            if page_type in PLUGIN_OF else page_type for page_type in page_types]


def installed_page_types() -> list[str]:
    """The page types whose plugin (if any) is installed."""
    return [page_type for page_type in FINDERS if page_type not in PLUGIN_OF or plugin_installed(PLUGIN_OF[page_type])]


class PublicPages:
    """``pages["article"]``: the path of one page of that type, looked up on
    first use, so a missing type fails only the tests that need it."""

    def __init__(self, client) -> None:
        self.client = client
        self.found: dict[str, str] = {}

    def __getitem__(self, page_type: str) -> str:
        if page_type not in self.found:
            self.found.update(FINDERS[page_type](self.client))
        return self.found[page_type]

    def all(self) -> dict[str, str]:
        """Every page type of the installed plugins; fails on the first that the site lacks."""
        return {page_type: self[page_type] for page_type in installed_page_types()}


def csrf_token(html: str) -> str:
    match = CSRF_FIELD.search(html)
    assert match, "the form carries no CSRF token"
    return match.group(1) or match.group(2)
