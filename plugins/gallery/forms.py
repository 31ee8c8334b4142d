"""Admin forms. Messages are Vietnamese; WTForms ships no Vietnamese catalog,
so the few built-in messages an editor can meet are replaced here."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, FieldList, Form, FormField, HiddenField, IntegerField,
                     MultipleFileField, SelectField, StringField, TextAreaField)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
POSITION_RANGE = NumberRange(-100000, 100000, message=_l("Thứ tự phải nằm trong khoảng -100000 đến 100000."))


class VnDateField(DateField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(_l("Ngày không hợp lệ (định dạng năm-tháng-ngày).")) from None


class VnIntegerField(IntegerField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(_l("Vui lòng nhập một số nguyên.")) from None


class AlbumForm(FlaskForm):
    title = StringField(_l("Tên album"), validators=[
        DataRequired(message=_l("Vui lòng nhập tên album.")),
        Length(max=200, message=_l("Tên album dài tối đa 200 ký tự."))])
    slug = StringField(_l("Đường dẫn"), description=_l("Để trống để tạo tự động từ tên album."), validators=[
        Optional(), Length(max=200, message=_l("Đường dẫn dài tối đa 200 ký tự.")),
        Regexp(SLUG_PATTERN, message=_l("Chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang."))])
    description = TextAreaField(_l("Mô tả"), validators=[Length(max=5000, message=_l("Mô tả dài tối đa 5000 ký tự."))])
    event_date = VnDateField(_l("Ngày diễn ra sự kiện"), validators=[Optional()])
    position = VnIntegerField(_l("Thứ tự hiển thị"), default=0, description=_l("Số nhỏ hiển thị trước."),
                              validators=[Optional(), POSITION_RANGE])
    cover_id = SelectField(_l("Ảnh bìa"), coerce=int, default=0)
    published = BooleanField(_l("Xuất bản album"))

    def set_cover_choices(self, photos) -> None:
        self.cover_id.choices = [(0, _l("Tự động (ảnh đầu tiên)"))] + [
            (photo.id, photo.caption or photo.alt or photo.original_name) for photo in photos if photo.published
        ]

    def values(self) -> dict:
        return {
            "title": self.title.data, "slug": (self.slug.data or "").strip(), "description": self.description.data or "",
            "event_date": self.event_date.data, "position": self.position.data or 0,
            "published": self.published.data, "cover_id": self.cover_id.data or None,
        }


class PhotoRowForm(Form):
    id = HiddenField()
    caption = StringField(_l("Chú thích"), validators=[Length(max=500, message=_l("Chú thích dài tối đa 500 ký tự."))])
    alt = StringField(_l("Mô tả thay thế (alt)"), validators=[
        Length(max=300, message=_l("Mô tả thay thế dài tối đa 300 ký tự."))])
    credit = StringField(_l("Tác giả ảnh"), validators=[Length(max=200, message=_l("Tên tác giả dài tối đa 200 ký tự."))])
    position = VnIntegerField(_l("Thứ tự"), default=0, validators=[Optional(), POSITION_RANGE])
    published = BooleanField(_l("Hiển thị"))
    delete = BooleanField(_l("Xóa"))

    def validate_alt(self, field) -> None:
        if self.published.data and not self.delete.data and not (field.data or "").strip():
            raise ValidationError(_l("Cần nhập mô tả thay thế (alt) trước khi xuất bản ảnh."))

    def validate_id(self, field) -> None:
        if not str(field.data or "").isdigit():
            raise ValidationError(_l("Ảnh không hợp lệ."))


class PhotosForm(FlaskForm):
    photos = FieldList(FormField(PhotoRowForm))


class UploadForm(FlaskForm):
    files = MultipleFileField(_l("Chọn ảnh"))
    credit = StringField(_l("Tác giả ảnh (áp dụng cho các ảnh tải lên)"), validators=[
        Length(max=200, message=_l("Tên tác giả dài tối đa 200 ký tự."))])


class ConfirmForm(FlaskForm):
    """No fields: a confirmation button's CSRF token."""
