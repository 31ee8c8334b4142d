"""The one rich-text policy: bleach on save, ``|safe`` only after that.

Plugins may widen the allowlist through the ``sanitizer_allowlist`` hook, but
never to scripts, styles, event handlers or script-capable URL schemes.

Beyond bleach's allowlist, two rules: elements whose content is code or
foreign markup (``script``, ``style``, ``svg``...) go with their content
rather than leaving it behind as text, and images must come from this site
(a relative URL), because the pages make no requests elsewhere.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import bleach
from bleach.css_sanitizer import CSSSanitizer
from bleach.html5lib_shim import Filter
from flask import current_app, has_app_context

TAGS = frozenset({
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "blockquote", "pre", "code", "ul", "ol", "li", "a", "img", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "span", "div",
})
ATTRIBUTES = {
    "a": ["href", "title", "rel", "target"],
    "img": ["src", "alt", "title", "width", "height", "loading"],
    "th": ["colspan", "rowspan", "scope"],
    "td": ["colspan", "rowspan"],
    "ol": ["start"],
    "*": ["class"],
}
PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})
FORBIDDEN_TAGS = frozenset({"script", "style", "iframe", "object", "embed", "frame", "frameset", "base", "meta", "link", "form", "svg", "math"})
FORBIDDEN_PROTOCOLS = frozenset({"javascript", "vbscript", "data", "file"})
CLASS_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,40}$")
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "svg", "math", "iframe", "object", "noembed",
                                  "noframes", "xmp", "title", "textarea", "select"})


class _DropFilter(Filter):
    """Remove code-bearing elements with their content, and off-site or empty images."""

    def __iter__(self):
        depth = 0
        for token in super().__iter__():
            kind, name = token["type"], token.get("name")
            if name in DROPPED_WITH_CONTENT and kind in ("StartTag", "EndTag", "EmptyTag"):
                depth += {"StartTag": 1, "EndTag": -1}.get(kind, 0)
                depth = max(depth, 0)
                continue
            if depth:
                continue
            if name == "img" and kind in ("StartTag", "EmptyTag") and not _local_url(_attr(token, "src")):
                continue
            yield token


def _attr(token: dict, name: str) -> str:
    return next((value for (_ns, key), value in token.get("data", {}).items() if key == name), "")


def _local_url(url: str) -> bool:
    """A URL on this site: a path with no scheme and no host."""
    parts = urlsplit(url.strip())
    return bool(url.strip()) and not parts.scheme and not parts.netloc


def _attribute_filter(attributes: dict[str, list[str]]):
    def allow(tag: str, name: str, value: str) -> bool:
        if name.lower().startswith("on") or name == "style":
            return False
        if name == "class":
            return all(CLASS_PATTERN.match(c) for c in value.split())
        return name in attributes.get(tag, ()) or name in attributes.get("*", ())

    return allow


def policy() -> tuple[set[str], dict[str, list[str]], set[str]]:
    """The core allowlist plus what enabled plugins add, minus what is never allowed."""
    tags, protocols = set(TAGS), set(PROTOCOLS)
    attributes = {tag: list(names) for tag, names in ATTRIBUTES.items()}
    if has_app_context() and "cms_plugins" in current_app.extensions:
        for extra in current_app.extensions["cms_plugins"].call("sanitizer_allowlist"):
            tags.update(extra.get("tags", ()))
            protocols.update(extra.get("protocols", ()))
            for tag, names in extra.get("attributes", {}).items():
                attributes.setdefault(tag, []).extend(names)
    return tags - FORBIDDEN_TAGS, attributes, protocols - FORBIDDEN_PROTOCOLS


def sanitize_html(html: str) -> str:
    """Clean untrusted rich text; the result may be rendered with ``|safe``."""
    tags, attributes, protocols = policy()
    cleaner = bleach.Cleaner(
        tags=tags | DROPPED_WITH_CONTENT,  # let them through to _DropFilter, which removes them whole
        attributes=_attribute_filter(attributes),
        protocols=protocols,
        strip=True,
        strip_comments=True,
        css_sanitizer=CSSSanitizer(allowed_css_properties=[]),
        filters=[_DropFilter],
    )
    return cleaner.clean(html or "").strip()
