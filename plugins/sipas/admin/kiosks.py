"""Kiosk devices: an admin issues a device token (shown once) that lets a
kiosk answer under the kiosk limit, and revokes it."""
from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cms.plugin import db, role_required

from ..forms import ConfirmForm, KioskDeviceForm
from ..models import KioskDevice
from ..queries import kiosk_devices
from ..services.devices import issue_device, revoke_device
from .blueprint import bp


def _page(form: KioskDeviceForm, issued: tuple[KioskDevice, str] | None = None, status: int = 200):
    setup_link = None
    if issued is not None:
        setup_link = url_for("plugin_sipas.kiosk_setup", _external=True) + "#ma=" + issued[1]
    response = make_response(render_template("sipas/admin/kiosks.html", form=form, devices=kiosk_devices(),
                                             issued=issued, setup_link=setup_link, confirm=ConfirmForm()), status)
    response.cache_control.no_store = True  # the token is shown on this page once
    return response


@bp.get("/kiosks/")
@role_required("admin")
def kiosks():
    return _page(KioskDeviceForm())


@bp.post("/kiosks/")
@role_required("admin")
def issue_kiosk():
    form = KioskDeviceForm()
    if not form.validate_on_submit():
        return _page(form, status=400)
    issued = issue_device(form.name.data, current_user._get_current_object())
    return _page(KioskDeviceForm(formdata=None), issued=issued)


@bp.post("/kiosks/<int:device_id>/revoke")
@role_required("admin")
def revoke_kiosk(device_id: int):
    device = db.session.get(KioskDevice, device_id)
    if device is None:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    revoke_device(device)
    flash(_("Đã thu hồi mã của thiết bị “%(name)s”.", name=device.name), "success")
    return redirect(url_for(".kiosks"))
