"""Editing survey definitions without rewriting what was answered.

Every change to a questionnaire goes to :func:`editable_version`: the newest
version while nobody has answered it, otherwise a fresh copy numbered one
higher. Old responses keep pointing at the version they answered, whose
questions never change again, so old answers and old reports stay as they
were. Items are addressed by their stable ``key`` (questions) or ``code``
(elements), which survive the copy.

The building blocks change the session and leave committing to the caller
(tests put a survey together with them); the admin's actions at the end
record an audit entry and commit.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from flask_babel import gettext as _
from sqlalchemy import select, update

from cms.plugin import User, audit, db, make_slug, unique_slug

from ..models import CHOICE, RATING, TEXT, Element, Question, Survey, Version
from ..queries import current_version, has_responses


class DefinitionError(Exception):
    """A change to a survey was refused; the message is for the admin."""


def editable_version(survey: Survey, user: User | None) -> Version:
    """The version changes go to (copied first if it has answers)."""
    version = current_version(survey)
    if version is None:
        version = Version(survey=survey, number=1, created_by=user)
        db.session.add(version)
        db.session.flush()
        return version
    if not has_responses(version):
        return version
    copy = clone_version(version, survey, version.number + 1, user)
    db.session.expire(survey, ["versions"])
    return copy


def clone_version(source: Version, survey: Survey, number: int, user: User | None) -> Version:
    """A copy of ``source``'s elements and questions as version ``number`` of ``survey``."""
    copy = Version(survey=survey, number=number, created_by=user)
    db.session.add(copy)
    elements = {}
    for element in source.elements:
        elements[element.id] = Element(code=element.code, title=element.title, weight=element.weight,
                                       position=element.position)
        copy.elements.append(elements[element.id])
    for question in source.questions:
        copy.questions.append(Question(
            key=question.key, kind=question.kind, text=question.text, options=list(question.options or []),
            required=question.required, retired=question.retired, position=question.position,
            element=elements.get(question.element_id)))
    db.session.flush()
    return copy


def survey_slug(title: str) -> str:
    """A free slug for a new survey's public address."""
    base = make_slug(title, max_length=70) or "khao-sat"
    return unique_slug(base, lambda slug: db.session.scalar(select(Survey.id).where(Survey.slug == slug)) is not None,
                       max_length=80)


def create_survey(title: str, user: User | None, intro: str = "") -> Survey:
    """A new survey with an empty first version."""
    survey = Survey(title=title, slug=survey_slug(title), intro=intro, is_open=False)
    db.session.add(survey)
    db.session.add(Version(survey=survey, number=1, created_by=user))
    db.session.flush()
    return survey


def make_default(survey: Survey) -> None:
    """The survey ``/sipas/`` shows; exactly one at a time."""
    db.session.execute(update(Survey).where(Survey.id != survey.id).values(is_default=False))
    survey.is_default = True


# -- elements -----------------------------------------------------------------

def _known_codes(survey: Survey) -> set[str]:
    return set(db.session.scalars(select(Element.code).join(Version).where(Version.survey_id == survey.id)))


def _next_code(survey: Survey) -> str:
    """The first letter never used by any version: codes keep their meaning."""
    used = _known_codes(survey)
    letters = string.ascii_uppercase
    for code in list(letters) + [a + b for a in letters for b in letters]:
        if code not in used:
            return code
    raise DefinitionError(_("Không thể thêm yếu tố mới."))


def _element(version: Version, code: str) -> Element:
    element = version.element(code)
    if element is None:
        raise DefinitionError(_("Không tìm thấy yếu tố %(code)s.", code=code))
    return element


def add_element(survey: Survey, title: str, weight: float, user: User | None) -> Element:
    version = editable_version(survey, user)
    element = Element(code=_next_code(survey), title=title, weight=weight,
                      position=max((e.position for e in version.elements), default=-1) + 1)
    version.elements.append(element)
    db.session.flush()
    return element


def update_element(survey: Survey, code: str, title: str, weight: float, user: User | None) -> Element:
    element = _element(editable_version(survey, user), code)
    element.title, element.weight = title, weight
    return element


def move_element(survey: Survey, code: str, step: int, user: User | None) -> None:
    version = editable_version(survey, user)
    _swap(version.elements, _element(version, code), step)


def delete_element(survey: Survey, code: str, user: User | None) -> None:
    """Only an element without statements can go (retire its statements first)."""
    version = editable_version(survey, user)
    element = _element(version, code)
    if any(q.element_id == element.id for q in version.questions):
        raise DefinitionError(_("Yếu tố còn câu hỏi: hãy xoá hoặc ngừng dùng các câu hỏi trước."))
    version.elements.remove(element)
    _renumber(version.elements)


# -- questions ----------------------------------------------------------------

KEY_PREFIX = {CHOICE: "p", TEXT: "t"}


def _next_key(survey: Survey, prefix: str) -> str:
    """A key never used by any version, so answers of different questions never merge."""
    used = set(db.session.scalars(select(Question.key).join(Version).where(Version.survey_id == survey.id)))
    numbers = [int(m.group(1)) for key in used if (m := re.fullmatch(rf"{prefix}(\d+)", key))]
    return f"{prefix}{max(numbers, default=0) + 1}"


def _question(version: Version, key: str) -> Question:
    question = version.question(key)
    if question is None:
        raise DefinitionError(_("Không tìm thấy câu hỏi."))
    return question


def _siblings(version: Version, question: Question) -> list[Question]:
    """The questions ``question`` is ordered among: its element's, or those of its kind."""
    if question.kind == RATING:
        return [q for q in version.questions if q.element_id == question.element_id]
    return [q for q in version.questions if q.kind == question.kind]


def add_question(survey: Survey, kind: str, text: str, user: User | None, *, element_code: str | None = None,
                 options: Sequence[str] = (), required: bool = False) -> Question:
    version = editable_version(survey, user)
    element = _element(version, element_code) if kind == RATING else None
    prefix = element.code.lower() if element else KEY_PREFIX[kind]
    question = Question(key=_next_key(survey, prefix), kind=kind, text=text, options=list(options),
                        required=required, element=element)
    question.position = max((q.position for q in _siblings(version, question)), default=-1) + 1
    version.questions.append(question)
    db.session.flush()
    return question


def update_question(survey: Survey, key: str, text: str, user: User | None, *, options: Sequence[str] = (),
                    required: bool = False) -> Question:
    question = _question(editable_version(survey, user), key)
    question.text, question.required = text, required
    if question.kind == CHOICE:
        question.options = list(options)
    return question


def move_question(survey: Survey, key: str, step: int, user: User | None) -> None:
    version = editable_version(survey, user)
    question = _question(version, key)
    _swap(_siblings(version, question), question, step)


def set_retired(survey: Survey, key: str, retired: bool, user: User | None) -> Question:
    """A retired question leaves the form and the index; its answers stay."""
    question = _question(editable_version(survey, user), key)
    question.retired = retired
    return question


def deletable(survey: Survey, version: Version, question: Question) -> bool:
    """Only a question added since the last answered version can be deleted."""
    earlier = select(Question.id).join(Version).where(
        Version.survey_id == survey.id, Version.id != version.id, Question.key == question.key)
    return not has_responses(version) and db.session.scalar(earlier.limit(1)) is None


def delete_question(survey: Survey, key: str, user: User | None) -> None:
    version = current_version(survey)
    question = _question(version, key)
    if not deletable(survey, version, question):
        raise DefinitionError(_("Câu hỏi đã có người trả lời: chỉ có thể ngừng sử dụng, không thể xoá."))
    siblings = [q for q in _siblings(version, question) if q is not question]
    version.questions.remove(question)
    _renumber(siblings)


def _swap(items: Iterable, item, step: int) -> None:
    ordered = sorted(items, key=lambda i: i.position)
    index = ordered.index(item)
    other = index + step
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    _set_order(ordered)


def _renumber(items: Iterable) -> None:
    _set_order(sorted(items, key=lambda i: i.position))


def _set_order(ordered: list) -> None:
    for position, item in enumerate(ordered):
        item.position = position


# -- the admin's actions: recorded in the audit log and committed ---------------

@dataclass(frozen=True)
class SurveySettings:
    """What the admin's survey form sets."""

    title: str
    intro: str
    is_open: bool
    public_results: bool
    is_default: bool


def _apply(survey: Survey, settings: SurveySettings) -> None:
    survey.title, survey.intro = settings.title, settings.intro
    survey.is_open, survey.public_results = settings.is_open, settings.public_results
    if settings.is_default:
        make_default(survey)


def new_survey(settings: SurveySettings, user: User | None) -> Survey:
    """A new survey with an empty first version."""
    survey = create_survey(settings.title, user, settings.intro)
    _apply(survey, settings)
    audit("sipas.survey.created", survey, survey.title)
    db.session.commit()
    return survey


def save_settings(survey: Survey, settings: SurveySettings) -> None:
    _apply(survey, settings)
    audit("sipas.survey.settings", survey, f"open={survey.is_open} public={survey.public_results}")
    db.session.commit()


def copy_survey(source: Survey, title: str, user: User | None) -> Survey:
    """A new survey whose first version copies ``source``'s newest one.
    It starts closed, so it can be adjusted before anyone answers."""
    survey = Survey(title=title, slug=survey_slug(title), intro=source.intro, is_open=False)
    db.session.add(survey)
    db.session.flush()
    clone_version(current_version(source), survey, 1, user)
    audit("sipas.survey.copied", survey, f"from {source.slug}")
    db.session.commit()
    return survey


def change(survey: Survey, action: str, detail: str, edit: Callable[[], object]) -> tuple[int, int]:
    """Apply ``edit`` (one of the building blocks above) to the
    questionnaire, record and commit it; return the numbers of the current
    version before and after, which differ when the edit started a new one.
    A refused edit is rolled back and its :class:`DefinitionError` raised."""
    before = current_version(survey).number
    try:
        edit()
    except DefinitionError:
        db.session.rollback()
        raise
    after = current_version(survey).number
    audit(f"sipas.{action}", survey, detail)
    db.session.commit()
    return before, after
