"""Security headers on every response.

The Content-Security-Policy allows no inline script or style and nothing from
other origins: every script, style and font ships with the site, so an
injected ``<script>`` or ``onerror=`` attribute that slipped past the
sanitizer still does not run. Staff pages (the admin, the login steps and
the account area, where a recovery code or a QR secret is shown) are never
stored by the browser or a proxy cache, so the back button on a shared office computer shows nothing
after logout. A view may set its own value for any of these headers; the
defaults only fill what is missing.
"""
from __future__ import annotations

from flask import Flask, Response, current_app, request

CSP_DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)
CSP = "; ".join(CSP_DIRECTIVES)
PRODUCTION_CSP = "; ".join((*CSP_DIRECTIVES, "upgrade-insecure-requests"))
HSTS = "max-age=31536000; includeSubDomains"
STAFF_PREFIXES = ("/admin/", "/login", "/account/")

BASE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


def _production(app: Flask) -> bool:
    return app.config.get("CMS_ENV") == "production"


def _add_headers(response: Response) -> Response:
    headers = response.headers
    production = _production(current_app)
    headers.setdefault("Content-Security-Policy", PRODUCTION_CSP if production else CSP)
    for name, value in BASE_HEADERS.items():
        headers.setdefault(name, value)
    if production:
        headers.setdefault("Strict-Transport-Security", HSTS)
    if request.path.startswith(STAFF_PREFIXES):
        headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    app.after_request(_add_headers)
