"""Pages: the core's one content type, a tree of pages served at their path.

``views`` is the public blueprint (registered last: its catch-all route
must not shadow plugin prefixes), ``queries`` the reads, ``services`` the
writes with their rules (permissions, slugs, revisions), ``demo`` the demo
site's page tree. The admin's page screens are in :mod:`cms.admin.pages`.
"""
from .views import bp

__all__ = ["bp"]
