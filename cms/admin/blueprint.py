"""The admin blueprint: staff only, with the menu of the core and the plugins.

Its own module so that the sections import it without importing the
package that imports them.
"""
from __future__ import annotations

from flask import Blueprint
from flask_login import current_user

from ..accounts.auth import staff_required_response
from ..pluginhost import host
from .menu import core_menu

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def _staff_only():
    return staff_required_response()


@bp.app_context_processor
def _admin_menu():
    def admin_menu():
        if not current_user.is_authenticated:
            return []
        items = core_menu(current_user) + host().menu_for(current_user)
        return sorted(items, key=lambda item: item.order)

    return {"admin_menu": admin_menu}
