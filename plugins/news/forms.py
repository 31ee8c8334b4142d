"""Admin forms. Every message is Vietnamese; invalid input re-renders the
form and saves nothing."""
from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from cms.plugin import to_local, to_utc

from . import images
from .models import Status
from .queries import category_slug_taken, slug_taken

BODY_MAX_BYTES = 1024 * 1024
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y")
TAG_MAX = 20
TAG_LENGTH = 80

STATUS_LABELS = {
    Status.DRAFT.value: _l("Bản nháp"),
    Status.PUBLISHED.value: _l("Đã đăng"),
    Status.SCHEDULED.value: _l("Hẹn giờ đăng"),
}


def required(message) -> DataRequired:
    return DataRequired(message=message)


def at_most(n: int) -> Length:
    return Length(max=n, message=_l("Tối đa %(n)d ký tự.", n=n))


class LocalDateTimeField(StringField):
    """A time typed in the site's timezone, kept as naive UTC in ``data``.

    Accepts what a ``datetime-local`` input sends and ``dd/mm/yyyy hh:mm``.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("render_kw", {"type": "datetime-local"})
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        text = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not text:
            return
        for fmt in DATE_FORMATS:
            try:
                self.data = to_utc(datetime.strptime(text, fmt))
                return
            except ValueError:
                continue
        raise ValueError(_("Ngày đăng không đúng định dạng (ngày/tháng/năm giờ:phút)."))

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        local = to_local(self.data)
        return local.strftime("%Y-%m-%dT%H:%M") if local else ""


class CategoryField(SelectMultipleField):
    """Category ids; an unknown id is an error, not silently dropped."""

    def process_formdata(self, valuelist):
        try:
            self.data = [int(v) for v in valuelist if str(v).strip()]
        except ValueError as exc:
            self.data = []
            raise ValueError(_("Danh mục không hợp lệ.")) from exc

    def pre_validate(self, form):
        known = {value for value, _label in self.choices}
        if any(value not in known for value in self.data or ()):
            raise ValidationError(_("Danh mục không tồn tại."))
        if not self.data:
            raise ValidationError(_("Chọn ít nhất một danh mục."))


class WholeNumberField(IntegerField):
    """An integer, refused in Vietnamese."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(_("Vui lòng nhập một số nguyên.")) from exc


class ArticleForm(FlaskForm):
    title = StringField(_l("Tiêu đề"), validators=[required(_l("Vui lòng nhập tiêu đề.")), at_most(300)])
    slug = StringField(_l("Đường dẫn (slug)"), validators=[
        Optional(), at_most(200),
        Regexp(SLUG_PATTERN, message=_l("Chỉ dùng chữ thường không dấu, số và dấu gạch ngang."))],
        description=_l("Để trống để tạo từ tiêu đề."))
    summary = TextAreaField(_l("Tóm tắt (sapo)"), validators=[at_most(1000)],
                            description=_l("Đoạn mở đầu, hiện ở danh sách tin và trong nguồn tin RSS."))
    body = TextAreaField(_l("Nội dung"), render_kw={"rows": 20})
    categories = CategoryField(_l("Danh mục"), coerce=int)
    tags = StringField(_l("Từ khoá"), validators=[at_most(1000)],
                       description=_l("Cách nhau bằng dấu phẩy, ví dụ: cải cách hành chính, SIPAS"))
    byline = StringField(_l("Tác giả (hiển thị)"), validators=[at_most(200)],
                         description=_l("Tên in trên bài, có thể khác tài khoản viết bài."))
    source = StringField(_l("Nguồn"), validators=[at_most(300)])
    status = SelectField(_l("Trạng thái"), validate_choice=False)
    publish_at = LocalDateTimeField(
        _l("Ngày đăng"), description=_l("Để trống khi đăng ngay; chọn thời điểm trong tương lai để hẹn giờ."))
    featured = BooleanField(_l("Tin nổi bật"))
    cover = FileField(_l("Ảnh đại diện"))
    cover_alt = StringField(_l("Mô tả ảnh (cho người khiếm thị)"), validators=[at_most(300)])
    cover_caption = StringField(_l("Chú thích ảnh"), validators=[at_most(500)])
    cover_credit = StringField(_l("Người chụp / nguồn ảnh"), validators=[at_most(200)])
    remove_cover = BooleanField(_l("Gỡ ảnh đại diện"))

    def __init__(self, *args, article_id: int | None = None, categories: list[tuple[int, str]] = (),
                 may_publish: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.article_id = article_id
        self.categories.choices = list(categories)
        self.cover_image = None
        if may_publish:
            self.status.choices = list(STATUS_LABELS.items())
        else:
            del self.status
            del self.featured

    def validate_slug(self, field) -> None:
        if field.data and slug_taken(field.data, self.article_id):
            raise ValidationError(_("Đường dẫn này đã được bài khác dùng."))

    def validate_body(self, field) -> None:
        if len((field.data or "").encode("utf-8")) > BODY_MAX_BYTES:
            raise ValidationError(_("Nội dung quá dài: tối đa 1 MB."))

    def validate_status(self, field) -> None:
        if field.data not in STATUS_LABELS:
            raise ValidationError(_("Trạng thái không hợp lệ."))
        if field.data == Status.SCHEDULED.value and self.publish_at.data is None and not self.publish_at.errors:
            raise ValidationError(_("Hẹn giờ đăng cần có ngày đăng."))

    def validate_tags(self, field) -> None:
        names = self.tag_names()
        if len(names) > TAG_MAX:
            raise ValidationError(_("Tối đa %(n)d từ khoá.", n=TAG_MAX))
        if any(len(name) > TAG_LENGTH for name in names):
            raise ValidationError(_("Mỗi từ khoá tối đa %(n)d ký tự.", n=TAG_LENGTH))

    def validate_cover(self, field) -> None:
        upload = field.data
        if not upload or not getattr(upload, "filename", ""):
            return
        try:
            self.cover_image = images.decode(upload.stream, current_app.config["MAX_IMAGE_BYTES"])
        except images.ImageRefused as exc:
            raise ValidationError(str(exc)) from exc

    def tag_names(self) -> list[str]:
        return [name.strip() for name in (self.tags.data or "").split(",") if name.strip()]


class CategoryForm(FlaskForm):
    name = StringField(_l("Tên danh mục"), validators=[required(_l("Vui lòng nhập tên danh mục.")), at_most(150)])
    slug = StringField(_l("Đường dẫn (slug)"), validators=[
        Optional(), at_most(150),
        Regexp(SLUG_PATTERN, message=_l("Chỉ dùng chữ thường không dấu, số và dấu gạch ngang."))],
        description=_l("Để trống để tạo từ tên."))
    parent_id = SelectField(_l("Danh mục cha"), coerce=int, validate_choice=False)
    description = TextAreaField(_l("Mô tả"), validators=[at_most(2000)])
    position = WholeNumberField(_l("Thứ tự"), default=0, validators=[
        Optional(), NumberRange(min=-1000, max=1000, message=_l("Thứ tự từ -1000 đến 1000."))])

    def __init__(self, *args, category_id: int | None = None, parents: list[tuple[int, str]] = (), **kwargs):
        """``parents`` are the allowed parents: never the category itself
        or one of its descendants."""
        super().__init__(*args, **kwargs)
        self.category_id = category_id
        self.parent_id.choices = [(0, _("— Không có (cấp cao nhất) —"))] + list(parents)

    def validate_slug(self, field) -> None:
        if field.data and category_slug_taken(field.data, self.category_id):
            raise ValidationError(_("Đường dẫn này đã được danh mục khác dùng."))

    def validate_parent_id(self, field) -> None:
        if field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_("Danh mục cha không hợp lệ."))
