"""Site settings, for admins: name, tagline, logo, footer, language, timezone,
and whether editors and admins must use a second factor."""
from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField, StringField, TextAreaField

from ..audit import record
from ..accounts.auth import role_required
from ..errors import ValidationError
from ..extensions import db
from ..media import media_url, save_upload
from ..settings import save_site_settings, site_settings
from .blueprint import bp
from .forms import attach_errors

MAX_NAME = 200
MAX_TEXT = 1000


@cache
def timezones() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


class SiteSettingsForm(FlaskForm):
    site_name = StringField(_l("Tên trang web"), render_kw={"maxlength": MAX_NAME, "required": True})
    tagline = StringField(_l("Khẩu hiệu"), render_kw={"maxlength": MAX_NAME})
    logo = StringField(_l("Địa chỉ ảnh biểu trưng"), description=_l(
        "Một đường dẫn trên chính trang web, ví dụ /media/abc.png; hoặc tải ảnh lên bên dưới."))
    logo_file = FileField(_l("Tải lên biểu trưng mới"), render_kw={"accept": "image/png,image/jpeg,image/webp,image/gif"})
    remove_logo = BooleanField(_l("Bỏ biểu trưng"))
    footer = TextAreaField(_l("Chân trang (bản quyền, địa chỉ)"), render_kw={"rows": 3, "maxlength": MAX_TEXT})
    language = SelectField(_l("Ngôn ngữ mặc định"), validate_choice=False)
    timezone = SelectField(_l("Múi giờ"), validate_choice=False)
    require_second_factor = BooleanField(
        _l("Bắt buộc xác thực hai bước cho quản trị viên và biên tập viên"),
        description=_l("Người chưa bật sẽ được đưa đến trang cài đặt mã xác thực ngay sau khi nhập mật khẩu."))

    def setup(self) -> None:
        self.language.choices = list(current_app.config["LANGUAGES"].items())
        self.timezone.choices = [(zone, zone) for zone in timezones()]


def _values(form: SiteSettingsForm) -> dict:
    """The submitted settings, checked; raises ValidationError."""
    errors = {}
    name = (form.site_name.data or "").strip()
    if not name or len(name) > MAX_NAME:
        errors["site_name"] = _("Tên trang web không được để trống và dài tối đa %(n)d ký tự.", n=MAX_NAME)
    logo = "" if form.remove_logo.data else (form.logo.data or "").strip()
    if logo and (not logo.startswith("/") or logo.startswith("//") or any(c in logo for c in "\"'<> ")):
        errors["logo"] = _("Chỉ dùng ảnh nằm trên chính trang web (đường dẫn bắt đầu bằng /): "
                           "trang không tải tài nguyên từ nơi khác.")
    if form.language.data not in current_app.config["LANGUAGES"]:
        errors["language"] = _("Ngôn ngữ không hợp lệ.")
    if form.timezone.data not in timezones():
        errors["timezone"] = _("Múi giờ không hợp lệ.")
    footer = (form.footer.data or "").strip()
    if len(footer) > MAX_TEXT:
        errors["footer"] = _("Chân trang dài tối đa %(n)d ký tự.", n=MAX_TEXT)
    if errors:
        raise ValidationError(errors)
    return {"site_name": name, "tagline": (form.tagline.data or "").strip()[:MAX_NAME], "logo": logo,
            "footer": footer, "language": form.language.data, "timezone": form.timezone.data,
            "require_second_factor": bool(form.require_second_factor.data)}


@bp.route("/settings", methods=["GET", "POST"])
@role_required("admin")
def site_settings_edit():
    form = SiteSettingsForm(data=site_settings() if request.method == "GET" else None)
    form.setup()
    if form.validate_on_submit():
        try:
            values = _values(form)
            upload = form.logo_file.data
            if upload and upload.filename:
                values["logo"] = media_url(save_upload(upload.read(), upload.filename, current_user))
        except ValidationError as error:
            attach_errors(form, {"logo_file" if k == "file" else k: v for k, v in error.errors.items()})
        else:
            before = site_settings()
            save_site_settings(values)
            changed = ", ".join(key for key, value in values.items() if before.get(key) != value)
            record("settings.updated", None, changed or "-")
            db.session.commit()
            flash(_("Đã lưu cài đặt."), "success")
            return redirect(url_for(".site_settings_edit"))
    return render_template("admin/settings.html", form=form), 400 if request.method == "POST" else 200
