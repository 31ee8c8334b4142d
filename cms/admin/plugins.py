"""The plugins page, for admins: every plugin found with its state,
dependencies, problems and runtime faults (counted by every worker, with
the quarantine and the button that lifts it); enabling and disabling; and a
settings form per plugin, built from the plugin's settings schema."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, SelectField, StringField, TextAreaField
from wtforms.validators import ValidationError as FieldError
from wtforms.widgets import NumberInput

try:
    from wtforms.fields.choices import SelectChoice
except ImportError:  # WTForms < 3.3 takes pairs
    SelectChoice = None

from ..audit import record
from ..accounts.auth import role_required
from ..errors import ValidationError
from ..extensions import db
from ..plugin import Setting
from ..pluginhost.discovery import LoadedPlugin, PluginProblem
from ..pluginhost import PluginError, PluginFault, host
from ..pluginhost.migrations import pending
from ..pluginhost.overview import forget, removed_names, state_of
from .blueprint import bp
from .forms import attach_errors

log = logging.getLogger("cms.plugins")


@dataclass
class PluginRow:
    """What the plugins page shows about one plugin."""

    name: str
    state: str  # a key of cms.pluginhost.overview.STATE_LABELS
    loaded: LoadedPlugin | None = None
    problem: PluginProblem | None = None
    fault: PluginFault | None = None
    requires: list[tuple[str, bool]] = field(default_factory=list)
    required_by: list[str] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)
    pending_migrations: bool = False
    prefix: str | None = None


def plugin_rows() -> list[PluginRow]:
    """Every plugin found or once enabled, running ones first."""
    plugins = host()
    enabled = plugins.enabled_names()
    faults = plugins.faults
    rows = []
    for name, loaded in sorted(plugins.plugins.items()):
        requires = [(dep, dep in enabled) for dep in loaded.meta.dependencies]
        rows.append(PluginRow(
            name, state_of(plugins, name), loaded,
            fault=faults.get(name), requires=requires, required_by=plugins.dependents(name),
            blockers=[dep for dep, on in requires if not on], pending_migrations=_pending(loaded),
            prefix=plugins.prefixes.get(name),
        ))
    rows += [PluginRow(name, "broken", problem=problem, fault=faults.get(name))
             for name, problem in sorted(plugins.problems.items())]
    rows += [PluginRow(name, "removed") for name in removed_names(plugins)]
    return rows


def _pending(loaded: LoadedPlugin) -> bool:
    try:
        return pending(loaded)
    except Exception:  # an unreadable history is reported, not fatal to the page
        log.exception("plugin %s: cannot read its migrations", loaded.name)
        return True


@bp.get("/plugins/")
@role_required("admin")
def plugins():
    return render_template("admin/plugins.html", rows=plugin_rows())


@bp.post("/plugins/<name>/enable")
@role_required("admin")
def plugin_enable(name: str):
    return _set_enabled(name, True)


@bp.post("/plugins/<name>/disable")
@role_required("admin")
def plugin_disable(name: str):
    return _set_enabled(name, False)


@bp.post("/plugins/<name>/release")
@role_required("admin")
def plugin_release(name: str):
    """Lift a quarantine: the plugin runs again and its fault count restarts."""
    if host().release(name):
        flash(_("Đã gỡ cách ly plugin %(name)s; số lỗi được tính lại từ đầu.", name=name), "success")
    else:
        flash(_("Plugin %(name)s không bị cách ly.", name=name), "error")
    return redirect(url_for(".plugins"))


@bp.post("/plugins/<name>/upgrade")
@role_required("admin")
def plugin_upgrade(name: str):
    """Run an outdated plugin's pending migrations; it comes back on."""
    try:
        host().upgrade(name)
    except PluginError as exc:
        flash(str(exc), "error")
    else:
        flash(_("Đã nâng cấp plugin %(title)s.", title=host().plugins[name].meta.title), "success")
    return redirect(url_for(".plugins"))


@bp.post("/plugins/<name>/forget")
@role_required("admin")
def plugin_forget(name: str):
    """Forget a removed plugin's state; its tables are kept."""
    try:
        forget(host(), name)
    except PluginError as exc:
        flash(str(exc), "error")
    else:
        flash(_("Đã xóa trạng thái của plugin %(name)s; các bảng dữ liệu của nó vẫn được giữ.", name=name),
              "success")
    return redirect(url_for(".plugins"))


def _set_enabled(name: str, enabled: bool):
    try:
        host().set_enabled(name, enabled)
    except PluginError as exc:
        flash(str(exc), "error")
    else:
        title = host().plugins[name].meta.title
        flash(_("Đã bật plugin %(title)s.", title=title) if enabled else
              _("Đã tắt plugin %(title)s; dữ liệu của nó vẫn được giữ.", title=title), "success")
    return redirect(url_for(".plugins"))


# -- settings ---------------------------------------------------------------


def editable_settings(loaded: LoadedPlugin) -> list[Setting]:
    """The schema shown in the form; the URL prefix only for plugins with public pages."""
    mounted = loaded.name in host().prefixes
    return [s for s in loaded.meta.settings if s.key != "url_prefix" or mounted]


def settings_form(loaded: LoadedPlugin, data: dict[str, Any] | None) -> FlaskForm:
    """A form class made for this plugin's schema, then an instance of it."""

    class PluginSettingsForm(FlaskForm):
        pass

    for setting in editable_settings(loaded):
        setattr(PluginSettingsForm, setting.key, _form_field(loaded.name, setting))
    return PluginSettingsForm(data=data)


def _form_field(plugin_name: str, setting: Setting) -> Field:
    """One field; the schema itself (``Setting.clean``) checks the value so
    that the form, the command line and the API refuse the same things."""
    options: dict[str, Any] = {"label": setting.label, "description": setting.description,
                               "default": setting.default, "validators": [_schema_check(plugin_name, setting)]}
    if setting.type is bool:
        return BooleanField(**options)
    attributes: dict[str, Any] = {"required": True} if setting.required else {}
    if setting.choices:
        choices = [_choice(str(value), label) for value, label in setting.choices]
        return SelectField(choices=choices, validate_choice=False, render_kw=attributes, **options)
    if setting.type in (int, float):
        attributes.update({k: v for k, v in (("min", setting.min), ("max", setting.max)) if v is not None})
        step = 1 if setting.type is int else "any"
        return StringField(widget=NumberInput(step=step), render_kw=attributes, **options)
    if setting.max is not None:
        attributes["maxlength"] = int(setting.max)
    kind = TextAreaField if setting.multiline else StringField
    return kind(render_kw=attributes, **options)


def _choice(value: str, label: Any):
    """A select option; ``SelectChoice`` where WTForms has it (3.3+)."""
    return SelectChoice(value, label) if SelectChoice else (value, label)


def _schema_check(plugin_name: str, setting: Setting):
    def check(form: FlaskForm, field: Field) -> None:
        try:
            value = setting.clean(field.data)
        except ValueError as exc:
            raise FieldError(str(exc)) from None
        if setting.key == "url_prefix":
            conflict = host().prefix_conflict(plugin_name, value)
            if conflict:
                raise FieldError(_("Đường dẫn này đã được dùng cho %(rule)s.", rule=conflict))

    return check


@bp.route("/plugins/<name>/settings", methods=["GET", "POST"])
@role_required("admin")
def plugin_settings(name: str):
    loaded = host().plugins.get(name)
    if loaded is None:
        abort(404)
    current = dict(host().settings_of(name))
    form = settings_form(loaded, current if request.method == "GET" else None)
    if form.validate_on_submit():
        values = {setting.key: form[setting.key].data for setting in editable_settings(loaded)}
        try:
            changed = host().save_settings(name, values)
        except ValidationError as error:
            attach_errors(form, error.errors)
        else:
            detail = "; ".join(f"{key}: {old!r} → {new!r}" for key, (old, new) in changed.items())
            record("plugin.settings", None, f"plugin={name} {detail or '-'}")
            db.session.commit()
            flash(_("Đã lưu cài đặt của %(title)s.", title=loaded.meta.title), "success")
            return redirect(url_for(".plugin_settings", name=name))
    status = 400 if request.method == "POST" else 200
    return render_template("admin/plugins_settings.html", form=form, plugin=loaded,
                           mounted_prefix=host().prefixes.get(name), stored_prefix=current["url_prefix"]), status
