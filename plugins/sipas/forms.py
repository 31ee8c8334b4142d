"""Forms: the questionnaire, built from a version's questions, and the
admin's forms. WTForms has no Vietnamese catalogue, so every message a
validator can show is given here."""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any, Callable, Iterable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp, StopValidation, ValidationError

from cms.plugin import local_now

from .models import CHOICE, RATING, SCALE, TEXT, Version
from .periods import FIRST_DAY
from .services.responses import normalize_case_code, valid_case_code

REQUIRED = _l("Vui lòng nhập thông tin này.")
TOO_LONG = _l("Tối đa %(max)d ký tự.")
NOT_A_CHOICE = _l("Lựa chọn không hợp lệ.")
CODE_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
CODE_MESSAGE = _l("Chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ: xa-tan-an.")
TEXT_MAX = 2000


class DigitField(Field):
    """An answer given as one number: a rating 1–5 (0 for "don't know"
    when the statement is optional) or a profile option 1..n. Templates
    render it as radio buttons, or as a one-digit box for paper entry."""

    def __init__(self, label: Any = None, validators: Any = None, *, values: Iterable[int] = SCALE,
                 required: bool = False, required_message: Any = REQUIRED, **kwargs: Any) -> None:
        super().__init__(label, validators, **kwargs)
        self.values = tuple(values)
        self.required = required
        self.required_message = required_message
        if required:
            self.flags.required = True

    def process_formdata(self, valuelist: list[str]) -> None:
        raw = (valuelist[0] if valuelist else "").strip()
        self.data = int(raw) if raw.isascii() and raw.isdigit() else (raw or None)

    def pre_validate(self, form: Any) -> None:
        if self.data is None:
            if self.required:
                raise StopValidation(self.required_message)
            return
        if self.data not in self.values:
            raise StopValidation(_l("Câu trả lời không hợp lệ."))

    def _value(self) -> str:
        return "" if self.data is None else str(self.data)


class CodeField(SelectField):
    """A choice by code, looked up per request: ``find`` returns the object
    with that code if it may be chosen, else ``None``; the object found is
    kept in ``chosen``. The template draws the options, grouped as it sees fit."""

    def __init__(self, label: Any = None, *, required_message: Any = None, **kwargs: Any) -> None:
        super().__init__(label, coerce=str, validate_choice=False, **kwargs)
        self.required_message = required_message
        self.find: Callable[[str], Any] = lambda code: None
        self.chosen: Any = None

    def pre_validate(self, form: Any) -> None:
        if not self.data:
            if self.required_message:
                raise StopValidation(self.required_message)
            self.data = None
            return
        self.chosen = self.find(self.data)
        if self.chosen is None:
            raise StopValidation(NOT_A_CHOICE)


class DayField(StringField):
    """A date typed as ``YYYY-MM-DD`` (what ``<input type=date>`` sends) or ``DD/MM/YYYY``."""

    def process_formdata(self, valuelist: list[str]) -> None:
        raw = (valuelist[0] if valuelist else "").strip()
        self.raw_data = [raw]
        self.data = _parse_day(raw)

    def pre_validate(self, form: Any) -> None:
        if self.raw_data and self.raw_data[0] and self.data is None:
            raise StopValidation(_l("Ngày không hợp lệ."))

    def _value(self) -> str:
        if self.raw_data and self.data is None:
            return self.raw_data[0]
        return self.data.isoformat() if self.data else ""


def _parse_day(raw: str) -> date | None:
    try:
        if "/" in raw:
            day, month, year = (int(part) for part in raw.split("/"))
            return date(year, month, day)
        return date.fromisoformat(raw)
    except ValueError:
        return None


class DecimalCommaField(StringField):
    """A number that may be typed the Vietnamese way, with a decimal comma."""

    def __init__(self, label: Any = None, validators: Any = None, *, low: float = 0, high: float = 1000,
                 **kwargs: Any) -> None:
        super().__init__(label, validators, **kwargs)
        self.low, self.high = low, high

    def process_formdata(self, valuelist: list[str]) -> None:
        raw = (valuelist[0] if valuelist else "").strip().replace(",", ".")
        self.raw_data = [raw]
        try:
            self.data = float(raw)
        except ValueError:
            self.data = None

    def pre_validate(self, form: Any) -> None:
        if self.data is None or not self.low <= self.data <= self.high:
            raise StopValidation(_l("Nhập một số từ %(low)s đến %(high)s.", low=self.low, high=self.high))

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else f"{self.data:g}"


# -- the questionnaire ------------------------------------------------------------

def check_case_code(form: Any, field: Any) -> None:
    if field.data and not valid_case_code(field.data):
        raise ValidationError(_l("Mã hồ sơ chỉ gồm chữ, số và các dấu . - / _ (3 đến 50 ký tự)."))


class ResponseForm(FlaskForm):
    point = CodeField(_l("Nơi giải quyết hồ sơ"),
                      required_message=_l("Vui lòng chọn nơi Ông/Bà đã giải quyết hồ sơ."))
    field = CodeField(_l("Lĩnh vực thủ tục"))
    case_code = StringField(_l("Mã hồ sơ (số biên nhận)"), filters=[normalize_case_code],
                            validators=[Optional(), check_case_code])
    website = StringField(_l("Để trống ô này"))  # a honeypot: people never see it, bots fill it in
    src = HiddenField()


class PaperForm(ResponseForm):
    answered_on = DayField(_l("Ngày trả lời phiếu"), validators=[InputRequired(message=REQUIRED)])

    def validate_answered_on(self, field: Any) -> None:
        if field.data and field.data > local_now().date():
            raise ValidationError(_l("Ngày trả lời không thể ở tương lai."))
        if field.data and field.data < FIRST_DAY:
            # No report reaches further back: an older date is a typing error.
            raise ValidationError(_l("Ngày trả lời không thể trước ngày %(day)s.", day=FIRST_DAY.strftime("%d/%m/%Y")))


def _question_field(kind: str, text: str, required: bool, options: int, paper: bool) -> Field:
    """The field for one question. On paper any answer may have been left
    blank, and staff enter the form as it was filled in."""
    must = required and not paper
    if kind == RATING:
        return DigitField(text, values=SCALE if required else (0, *SCALE), required=must,
                          required_message=_l("Vui lòng chọn mức độ hài lòng."))
    if kind == CHOICE:
        return DigitField(text, values=range(1, options + 1), required=must,
                          required_message=_l("Vui lòng chọn một câu trả lời."))
    validators = [InputRequired(message=REQUIRED) if must else Optional(), Length(max=TEXT_MAX, message=TOO_LONG)]
    return TextAreaField(text, validators=validators, filters=[lambda v: v.strip() if v else v])


def questionnaire_form(version: Version, *, paper: bool = False, **kwargs: Any) -> ResponseForm:
    """A form with one field per active question of ``version`` (``q_<key>``)."""
    shape = tuple((q.key, q.kind, q.text, q.required, len(q.options or ()))
                  for kind in (RATING, CHOICE, TEXT) for q in version.active(kind))
    return _form_class(shape, paper)(**kwargs)


@lru_cache(maxsize=64)
def _form_class(shape: tuple, paper: bool) -> type:
    """One form class per questionnaire shape, made once per worker: the
    questions of a version rarely change, and every submission needs it."""
    fields = {f"q_{key}": _question_field(kind, text, required, options, paper)
              for key, kind, text, required, options in shape}
    return type("QuestionnaireForm", (PaperForm if paper else ResponseForm,), fields)


def answers_of(form: ResponseForm, version: Version) -> tuple[dict[int, int], dict[int, str]]:
    """The validated answers: digits by question id, and non-empty texts."""
    digits = {q.id: form[q.field_name].data for kind in (RATING, CHOICE) for q in version.active(kind)
              if form[q.field_name].data is not None}
    texts = {q.id: form[q.field_name].data for q in version.active(TEXT) if form[q.field_name].data}
    return digits, texts


# -- the admin's forms --------------------------------------------------------------

class SurveyForm(FlaskForm):
    title = StringField(_l("Tên cuộc khảo sát"), validators=[InputRequired(message=REQUIRED),
                                                             Length(max=200, message=TOO_LONG)])
    intro = TextAreaField(_l("Lời giới thiệu trên phiếu"), validators=[Length(max=TEXT_MAX, message=TOO_LONG)])
    is_open = BooleanField(_l("Đang nhận phiếu"))
    public_results = BooleanField(_l("Công bố kết quả trên cổng thông tin"))
    is_default = BooleanField(_l("Là phiếu mặc định tại /sipas/"))


class CopyForm(FlaskForm):
    title = StringField(_l("Tên cuộc khảo sát mới"), validators=[InputRequired(message=REQUIRED),
                                                                 Length(max=200, message=TOO_LONG)])


class ElementForm(FlaskForm):
    title = StringField(_l("Tên yếu tố"), validators=[InputRequired(message=REQUIRED),
                                                      Length(max=300, message=TOO_LONG)])
    weight = DecimalCommaField(_l("Trọng số"), default=1.0, low=0, high=100,
                               description=_l("Các yếu tố có trọng số bằng nhau theo mặc định."))


class QuestionForm(FlaskForm):
    text = TextAreaField(_l("Nội dung câu hỏi"), validators=[InputRequired(message=REQUIRED),
                                                              Length(max=500, message=TOO_LONG)])
    options = TextAreaField(_l("Các phương án trả lời, mỗi dòng một phương án"),
                            validators=[Length(max=TEXT_MAX, message=TOO_LONG)])
    required = BooleanField(_l("Bắt buộc trả lời"))

    def __init__(self, *args: Any, kind: str = RATING, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind

    def option_list(self) -> list[str]:
        return [line.strip() for line in (self.options.data or "").splitlines() if line.strip()]

    def validate_options(self, field: Any) -> None:
        if self.kind != CHOICE:
            return
        options = self.option_list()
        if len(options) < 2:
            raise ValidationError(_l("Cần ít nhất hai phương án."))
        if len(options) > 9:
            raise ValidationError(_l("Tối đa chín phương án (để nhập phiếu bằng một phím số)."))
        if any(len(option) > 200 for option in options):
            raise ValidationError(_l("Mỗi phương án tối đa 200 ký tự."))


class PointForm(FlaskForm):
    name = StringField(_l("Tên điểm phục vụ"), validators=[InputRequired(message=REQUIRED),
                                                           Length(max=200, message=TOO_LONG)])
    code = StringField(_l("Mã (dùng trong đường dẫn và mã QR)"), validators=[
        InputRequired(message=REQUIRED), Length(max=64, message=TOO_LONG), Regexp(CODE_PATTERN, message=CODE_MESSAGE)])
    level = SelectField(_l("Cấp"), coerce=int, validate_choice=False)
    address = StringField(_l("Địa chỉ"), validators=[Length(max=300, message=TOO_LONG)])
    position = IntegerField(_l("Thứ tự hiển thị"), default=0, validators=[
        Optional(), NumberRange(min=0, max=10000, message=_l("Nhập một số từ 0 đến 10000."))])
    active = BooleanField(_l("Đang hoạt động"), default=True)

    def validate_level(self, field: Any) -> None:
        if field.data not in {value for value, _label in field.choices}:
            raise ValidationError(NOT_A_CHOICE)


class FieldForm(FlaskForm):
    name = StringField(_l("Tên lĩnh vực"), validators=[InputRequired(message=REQUIRED),
                                                       Length(max=200, message=TOO_LONG)])
    code = StringField(_l("Mã (dùng trong đường dẫn)"), validators=[
        InputRequired(message=REQUIRED), Length(max=64, message=TOO_LONG), Regexp(CODE_PATTERN, message=CODE_MESSAGE)])
    position = IntegerField(_l("Thứ tự hiển thị"), default=0, validators=[
        Optional(), NumberRange(min=0, max=10000, message=_l("Nhập một số từ 0 đến 10000."))])
    active = BooleanField(_l("Đang sử dụng"), default=True)


class LevelForm(FlaskForm):
    name = StringField(_l("Tên cấp"), validators=[InputRequired(message=REQUIRED), Length(max=120, message=TOO_LONG)])
    position = IntegerField(_l("Thứ tự hiển thị"), default=0, validators=[
        Optional(), NumberRange(min=0, max=10000, message=_l("Nhập một số từ 0 đến 10000."))])


class KioskDeviceForm(FlaskForm):
    name = StringField(_l("Tên thiết bị (ví dụ: Kiosk quầy 1, xã Tân An)"), validators=[
        InputRequired(message=REQUIRED), Length(max=120, message=TOO_LONG)])


class KioskSetupForm(FlaskForm):
    token = StringField(_l("Mã thiết bị kiosk"), validators=[InputRequired(message=REQUIRED),
                                                            Length(max=100, message=TOO_LONG)],
                        render_kw={"autocomplete": "off", "spellcheck": "false"})


class ConfirmForm(FlaskForm):
    """For buttons that change something: only the CSRF token."""
