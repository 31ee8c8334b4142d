"""The survey's tables.

Definitions are versioned: a survey has numbered versions, and a version owns
its elements (weighted groups of statements) and questions. A version that
has responses is never changed again; editing it makes a copy (see
:mod:`.services.definitions`). Responses keep the version they answered, so
old answers and old reports stay exactly as they were.

``sipas_tally`` and ``sipas_count`` are running totals kept in step with the
responses in the same transaction (see :mod:`.tally`): reports aggregate
them with ``GROUP BY`` instead of scanning every answer.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (JSON, Date, Float, ForeignKey, Index, Integer, PrimaryKeyConstraint, SmallInteger, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cms.plugin import User, db, utcnow

CHANNELS = ("web", "qr", "kiosk", "paper")
RATING, CHOICE, TEXT = "rating", "choice", "text"
KINDS = (RATING, CHOICE, TEXT)
SCALE = (1, 2, 3, 4, 5)  # and 0 for "don't know"
DAY, MONTH = 1, 2  # tally grains


class Level(db.Model):
    """A tier of government a service point belongs to (province, commune...)."""

    __tablename__ = "sipas_level"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)


class Point(db.Model):
    """A service point: a one-stop office or public-service centre."""

    __tablename__ = "sipas_point"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level_id: Mapped[int] = mapped_column(ForeignKey("sipas_level.id", ondelete="RESTRICT"), index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    active: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)

    level: Mapped[Level] = relationship(lazy="joined")


class ServiceField(db.Model):
    """A field of procedures (land, civil status, construction...)."""

    __tablename__ = "sipas_field"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)


class Survey(db.Model):
    __tablename__ = "sipas_survey"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    intro: Mapped[str] = mapped_column(Text, default="")
    is_default: Mapped[bool] = mapped_column(default=False)
    is_open: Mapped[bool] = mapped_column(default=True)
    public_results: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    versions: Mapped[list["Version"]] = relationship(back_populates="survey", order_by="Version.number")


class Version(db.Model):
    """One frozen-once-answered revision of a survey's questionnaire."""

    __tablename__ = "sipas_version"
    __table_args__ = (UniqueConstraint("survey_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("sipas_survey.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    survey: Mapped[Survey] = relationship(back_populates="versions")
    created_by: Mapped[User | None] = relationship()
    elements: Mapped[list["Element"]] = relationship(
        back_populates="version", order_by="Element.position", cascade="all, delete-orphan")
    questions: Mapped[list["Question"]] = relationship(
        back_populates="version", order_by="Question.position", cascade="all, delete-orphan")

    def active(self, kind: str) -> list["Question"]:
        """The questions of one kind that the form asks, in order."""
        return [q for q in self.questions if q.kind == kind and not q.retired]

    def element(self, code: str) -> "Element | None":
        return next((e for e in self.elements if e.code == code), None)

    def question(self, key: str) -> "Question | None":
        return next((q for q in self.questions if q.key == key), None)


class Element(db.Model):
    """A weighted group of rated statements (A. Access to the service, ...)."""

    __tablename__ = "sipas_element"
    __table_args__ = (UniqueConstraint("version_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("sipas_version.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(300))
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    position: Mapped[int] = mapped_column(default=0)

    version: Mapped[Version] = relationship(back_populates="elements")

    def questions(self) -> list["Question"]:
        """Its statements in order, retired ones included (read from the
        version's questions, which are loaded with it: no query)."""
        return sorted((q for q in self.version.questions if q.element_id == self.id), key=lambda q: q.position)

    def statements(self) -> list["Question"]:
        """The statements the form asks and the index counts."""
        return [q for q in self.questions() if not q.retired]


class Question(db.Model):
    """A rated statement (``rating``, in an element), a profile question
    (``choice``, options numbered from 1) or a free-text question (``text``).

    ``key`` identifies the same question across versions: reports add up the
    answers of every version by key.
    """

    __tablename__ = "sipas_question"
    __table_args__ = (UniqueConstraint("version_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("sipas_version.id", ondelete="CASCADE"))
    element_id: Mapped[int | None] = mapped_column(ForeignKey("sipas_element.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(8), default=RATING)
    text: Mapped[str] = mapped_column(String(500))
    options: Mapped[list[str]] = mapped_column(JSON, default=list)
    required: Mapped[bool] = mapped_column(default=False)
    retired: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)

    version: Mapped[Version] = relationship(back_populates="questions")
    element: Mapped[Element | None] = relationship()

    @property
    def field_name(self) -> str:
        return f"q_{self.key}"

    @property
    def label(self) -> str:
        """``A2`` for the second active statement of element A; empty otherwise."""
        if self.element is None or self.retired:
            return ""
        return f"{self.element.code}{self.element.statements().index(self) + 1}"


class Response(db.Model):
    """One completed questionnaire. Anonymous: no address, no time of day;
    a case code is kept only as a keyed hash, to refuse a second rating."""

    __tablename__ = "sipas_response"
    __table_args__ = (
        UniqueConstraint("survey_id", "case_hash"),
        Index("ix_sipas_response_survey_day", "survey_id", "answered_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("sipas_survey.id", ondelete="RESTRICT"))
    version_id: Mapped[int] = mapped_column(ForeignKey("sipas_version.id", ondelete="RESTRICT"))
    point_id: Mapped[int] = mapped_column(ForeignKey("sipas_point.id", ondelete="RESTRICT"))
    field_id: Mapped[int | None] = mapped_column(ForeignKey("sipas_field.id", ondelete="RESTRICT"))
    channel: Mapped[str] = mapped_column(String(8), default="web")
    answered_on: Mapped[date] = mapped_column(Date)
    case_hash: Mapped[str | None] = mapped_column(String(64))
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    version: Mapped[Version] = relationship()
    point: Mapped[Point] = relationship()
    field: Mapped[ServiceField | None] = relationship()


class Answer(db.Model):
    """A rating (1–5, or 0 for "don't know") or a profile option (1..n).
    A question left blank has no row."""

    __tablename__ = "sipas_answer"
    __table_args__ = {"sqlite_with_rowid": False}

    response_id: Mapped[int] = mapped_column(ForeignKey("sipas_response.id", ondelete="CASCADE"), primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("sipas_question.id", ondelete="RESTRICT"), primary_key=True)
    value: Mapped[int] = mapped_column(SmallInteger)


class Comment(db.Model):
    """The answer to a free-text question; staff may hide it from reports."""

    __tablename__ = "sipas_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("sipas_response.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("sipas_question.id", ondelete="RESTRICT"))
    survey_id: Mapped[int] = mapped_column(ForeignKey("sipas_survey.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    hidden: Mapped[bool] = mapped_column(default=False)
    moderated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    moderated_at: Mapped[datetime | None]

    response: Mapped[Response] = relationship()
    question: Mapped[Question] = relationship()


CELL_KEY = ("survey_id", "grain", "period", "point_id", "field_id", "channel")


class _Cell:
    """The dimensions of a running total: survey, a day (``YYYYMMDD``) or a
    month (``YYYYMM``), point, field (0 for none) and channel. Derived data
    with no foreign keys, so that updating it stays cheap; rebuilt from the
    responses by ``flask cms sipas rebuild-tally``. The primary key starts
    with survey, grain and period, the range every report reads."""

    survey_id: Mapped[int] = mapped_column(Integer)
    grain: Mapped[int] = mapped_column(SmallInteger)
    period: Mapped[int] = mapped_column(Integer)
    point_id: Mapped[int] = mapped_column(Integer)
    field_id: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(8))


class Tally(_Cell, db.Model):
    """Answers to one rated statement in one cell: ``n0`` "don't know",
    ``n1``–``n5`` the scale, ``nb`` left blank."""

    __tablename__ = "sipas_tally"
    __table_args__ = (PrimaryKeyConstraint(*CELL_KEY, "question_id"), {"sqlite_with_rowid": False})

    question_id: Mapped[int] = mapped_column(Integer)
    n0: Mapped[int] = mapped_column(Integer, default=0)
    n1: Mapped[int] = mapped_column(Integer, default=0)
    n2: Mapped[int] = mapped_column(Integer, default=0)
    n3: Mapped[int] = mapped_column(Integer, default=0)
    n4: Mapped[int] = mapped_column(Integer, default=0)
    n5: Mapped[int] = mapped_column(Integer, default=0)
    nb: Mapped[int] = mapped_column(Integer, default=0)


class Count(_Cell, db.Model):
    """Responses to one version of a survey in one cell."""

    __tablename__ = "sipas_count"
    __table_args__ = (PrimaryKeyConstraint(*CELL_KEY, "version_id"), {"sqlite_with_rowid": False})

    version_id: Mapped[int] = mapped_column(Integer)
    n: Mapped[int] = mapped_column(Integer, default=0)


TALLY_COUNTS = ("n0", "n1", "n2", "n3", "n4", "n5", "nb")


class KioskDevice(db.Model):
    """A kiosk an admin registered: it presents its token (a cookie set on
    the setup page) and answers under the kiosk limit instead of the
    per-address one. Only a hash of the token is kept."""

    __tablename__ = "sipas_kiosk_device"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    created_by: Mapped[User | None] = relationship()
