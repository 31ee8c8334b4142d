"""Storing a completed questionnaire, whatever channel it came through,
taking back a paper form, and moderating comments.

Validation of the form happens before (see :mod:`..forms`); this module
enforces what needs the database: one response per case code, and the
running totals written in the same transaction as the answers.
"""
from __future__ import annotations

import fcntl
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterator

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from cms.plugin import User, ValidationError, audit, db, keyed_hash, utcnow

from .. import tally
from ..models import Answer, Comment, Point, Response, ServiceField, Survey, Version

CASE_CODE = re.compile(r"^[A-Z0-9][A-Z0-9.\-/_]{2,49}$")


def normalize_case_code(raw: str) -> str:
    """Case codes are printed on receipts in varying case and spacing."""
    return re.sub(r"\s+", "", raw or "").upper()


def valid_case_code(code: str) -> bool:
    return bool(CASE_CODE.match(code))


def case_hash(survey: Survey, code: str) -> str:
    """A keyed hash: the same case gives the same value, yet the code itself
    cannot be read back from the database."""
    return keyed_hash("sipas-case", str(survey.id), code)


@dataclass
class Submission:
    survey: Survey
    version: Version
    point: Point
    field: ServiceField | None
    channel: str
    answered_on: date
    answers: dict[int, int] = field(default_factory=dict)  # question id -> value
    texts: dict[int, str] = field(default_factory=dict)  # question id -> comment
    case_code: str = ""
    entered_by: User | None = None


def duplicate_case_error() -> ValidationError:
    return ValidationError({"case_code": _("Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần.")})


@contextmanager
def one_writer() -> Iterator[None]:
    """On SQLite, let one process at a time write a response, queued by the
    operating system.

    SQLite allows one writer; a second one polls with growing sleeps (up to
    100 ms) until the first commits, which wastes most of the time under a
    burst of submissions from several workers. A lock file wakes the next
    writer as soon as the previous one is done. PostgreSQL needs nothing.
    """
    if db.session.get_bind().dialect.name != "sqlite":
        yield
        return
    with open(Path(current_app.instance_path) / ".sipas-write.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def save(submission: Submission, one_per_case: bool) -> Response:
    """Store the response, its answers, comments and totals; commit.

    With ``one_per_case`` a case code already rated is refused with a
    :class:`ValidationError` and nothing is stored; otherwise the code is
    not kept at all.
    """
    with one_writer():
        return _save(submission, one_per_case)


def _save(submission: Submission, one_per_case: bool) -> Response:
    code_hash = None
    if one_per_case and submission.case_code:
        code_hash = case_hash(submission.survey, submission.case_code)
        taken = select(Response.id).where(Response.survey_id == submission.survey.id, Response.case_hash == code_hash)
        if db.session.scalar(taken) is not None:
            raise duplicate_case_error()
    response = Response(
        survey_id=submission.survey.id, version_id=submission.version.id, point_id=submission.point.id,
        field_id=submission.field.id if submission.field else None, channel=submission.channel,
        answered_on=submission.answered_on, case_hash=code_hash,
        entered_by_id=submission.entered_by.id if submission.entered_by else None,
    )
    db.session.add(response)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        if code_hash:  # the same case submitted twice at the same moment
            raise duplicate_case_error() from None
        raise
    _store_answers(response, submission)
    db.session.commit()
    return response


def _store_answers(response: Response, submission: Submission) -> None:
    if submission.answers:
        db.session.execute(insert(Answer), [
            {"response_id": response.id, "question_id": qid, "value": value}
            for qid, value in submission.answers.items()])
    if submission.texts:
        db.session.execute(insert(Comment), [
            {"response_id": response.id, "question_id": qid, "survey_id": response.survey_id, "body": body}
            for qid, body in submission.texts.items()])
    tally.record(response)


def delete_response(response: Response) -> None:
    """Remove a response and take it out of the totals (in the caller's transaction)."""
    tally.record(response, sign=-1)
    db.session.execute(delete(Comment).where(Comment.response_id == response.id))
    db.session.execute(delete(Answer).where(Answer.response_id == response.id))
    db.session.delete(response)


def enter_paper(submission: Submission, one_per_case: bool) -> Response:
    """Store a paper form typed in by staff (see :func:`save`) and record who did."""
    response = save(submission, one_per_case)
    audit("sipas.paper.entered", response, f"survey={submission.survey.slug}")
    db.session.commit()
    return response


def take_back_paper(response: Response) -> None:
    """Remove a paper form entered by mistake, recorded and committed."""
    audit("sipas.paper.deleted", response, f"survey={response.version.survey.slug}")
    delete_response(response)
    db.session.commit()


def moderate(comment: Comment, hidden: bool, moderator: User) -> None:
    """Hide a comment from reports and exports (abuse, personal data), or show it again."""
    comment.hidden = hidden
    comment.moderated_by_id, comment.moderated_at = moderator.id, utcnow()
    audit("sipas.comment.hidden" if hidden else "sipas.comment.shown", comment)
    db.session.commit()
