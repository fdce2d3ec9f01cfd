"""ORM models of mentoring: pairs of a mentor and a mentee, and the meetings the mentor logs."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Index, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column

from services.models.people import Base, UtcDateTime, enum_column


class PairKind(StrEnum):
    YOUNG = "young"  # a young specialist
    AFTER_BREAK = "after_break"  # back after a long break
    DEFICITS = "deficits"  # a teacher with professional deficits
    PEER = "peer"


class PairStatus(StrEnum):
    ACTIVE = "active"
    COMPLETED = "completed"
    DISSOLVED = "dissolved"


class MeetingStatus(StrEnum):
    PENDING = "pending"  # waiting for the other side (the one who did not log it) to confirm
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"


class MentorPair(Base):
    __tablename__ = "mentor_pairs"
    # One active pair per mentor and mentee, kept by the database (a partial unique index).
    __table_args__ = (
        Index(
            "uq_mentor_pairs_active",
            "mentor_id",
            "mentee_id",
            unique=True,
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[PairKind] = mapped_column(enum_column(PairKind))
    status: Mapped[PairStatus] = mapped_column(enum_column(PairStatus), default=PairStatus.ACTIVE)
    started_on: Mapped[date] = mapped_column(Date)
    planned_end: Mapped[date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    result: Mapped[str | None] = mapped_column(Text)  # the mentor's summary at the end of the planned period
    result_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class PlanTopic(Base):
    """One topic of a pair's mentoring plan, in a month (stored as the month's first day)."""

    __tablename__ = "mentor_plan_topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("mentor_pairs.id", ondelete="CASCADE"), index=True)
    month: Mapped[date] = mapped_column(Date)
    topic: Mapped[str] = mapped_column(String(300))


class Meeting(Base):
    __tablename__ = "mentor_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("mentor_pairs.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int]
    online: Mapped[bool] = mapped_column(default=False)
    topic: Mapped[str] = mapped_column(String(300))
    plan_topic_id: Mapped[int | None] = mapped_column(
        ForeignKey("mentor_plan_topics.id", ondelete="SET NULL"), index=True
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[MeetingStatus] = mapped_column(enum_column(MeetingStatus), default=MeetingStatus.PENDING)
    # The mentor logs meetings and the mentee confirms them; a mentee may propose an entry the mentor confirms.
    logged_by_mentee: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PairNudge(Base):
    """A nudge sent about a silent pair, once per silence: `since` is the last meeting (or the start)."""

    __tablename__ = "pair_nudges"

    pair_id: Mapped[int] = mapped_column(ForeignKey("mentor_pairs.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12), primary_key=True)  # "mentor" or "managers"
    since: Mapped[date] = mapped_column(Date, primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime())
