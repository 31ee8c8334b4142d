"""One account of every plugin, for ``cms plugin list`` and the admin page
alike: those found (enabled, disabled, outdated or broken) and those removed
(state left in the database, code gone), and forgetting a removed one."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, text

from ..audit import record
from ..extensions import db
from ..models import PluginSetting, PluginState
from ..statecache import bump_generation
from .migrations import recorded_histories, version_table
from .registry import PluginError

STATE_LABELS = {
    "enabled": _l("Đang bật"),
    "disabled": _l("Đang tắt"),
    "outdated": _l("Cần nâng cấp"),
    "broken": _l("Không chạy được"),
    "removed": _l("Đã gỡ bỏ"),
}


def state_of(plugin_host, name: str) -> str:
    """One of :data:`STATE_LABELS`' keys for a plugin found or once stored."""
    if name in plugin_host.plugins:
        if plugin_host.is_outdated(name):
            return "outdated"
        return "enabled" if plugin_host.is_enabled(name) else "disabled"
    return "broken" if name in plugin_host.problems else "removed"


def removed_names(plugin_host) -> list[str]:
    """Plugins the database remembers (a state row, settings or a version
    table) whose code is no longer found."""
    remembered = set(plugin_host.stored_states) | recorded_histories()
    remembered |= set(db.session.scalars(select(PluginSetting.plugin).distinct()))
    return sorted(remembered - set(plugin_host.plugins) - set(plugin_host.problems))


def forget(plugin_host, name: str) -> None:
    """Drop what the core keeps about a removed plugin (its state, settings
    and migration record), audited and committed. Its own tables are left
    alone: they hold the site's data."""
    if name not in removed_names(plugin_host):
        raise PluginError(_l("Chỉ có thể xóa trạng thái của plugin đã gỡ bỏ; %(name)s không phải.", name=name))
    db.session.execute(delete(PluginState).where(PluginState.name == name))
    db.session.execute(delete(PluginSetting).where(PluginSetting.plugin == name))
    if name in recorded_histories():
        db.session.execute(text(f'DROP TABLE "{version_table(name)}"'))
    record("plugin.forgotten", detail=f"plugin={name}")
    bump_generation()
    db.session.commit()
