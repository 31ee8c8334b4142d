"""The staff pages under ``/admin/sipas/``, one module per section: results
and comments (editors), paper entry (authors and up), questionnaires,
service points and kiosk devices (admins)."""
from __future__ import annotations

from . import kiosks, paper, places, results, surveys  # noqa: F401  (each adds its routes)
from .blueprint import bp

__all__ = ["bp"]
