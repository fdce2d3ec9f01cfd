"""ORM models of methodical events: the event, its audience, registrations with a waitlist, reminders."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.models.people import Base, UtcDateTime, enum_column


class EventKind(StrEnum):
    SEMINAR = "seminar"
    MASTER_CLASS = "master_class"
    WEBINAR = "webinar"
    INTERNSHIP = "internship"
    ASSOCIATION = "association"  # заседание МО
    CONFERENCE = "conference"
    CONTEST = "contest"


class EventStatus(StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"


class RegistrationStatus(StrEnum):
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"
    ATTENDED = "attended"
    NO_SHOW = "no_show"


class Event(Base):
    __tablename__ = "events"
    # The seat counter can never pass the capacity: the database refuses the last seat twice.
    __table_args__ = (CheckConstraint("capacity IS NULL OR taken <= capacity", name="seats"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    organiser_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime())
    timezone: Mapped[str] = mapped_column(String(64))
    place: Mapped[str] = mapped_column(String(500), default="")
    capacity: Mapped[int | None]
    taken: Mapped[int] = mapped_column(default=0)
    young_only: Mapped[bool] = mapped_column(default=False)
    # Only people holding this role (mentor, coordinator) or roster managers ("manager"); None: everyone.
    audience_role: Mapped[str | None] = mapped_column(String(16))
    registration_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    status: Mapped[EventStatus] = mapped_column(enum_column(EventStatus), default=EventStatus.ACTIVE)
    checkin_code: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class EventSchool(Base):
    """An event open to chosen schools only; an event with none is open to the whole municipality."""

    __tablename__ = "event_schools"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), primary_key=True)


class EventSubject(Base):
    """An event for teachers of chosen subjects only; an event with none is for every subject."""

    __tablename__ = "event_subjects"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    subject: Mapped[str] = mapped_column(String(100), primary_key=True)


class Registration(Base):
    __tablename__ = "registrations"
    __table_args__ = (
        UniqueConstraint("event_id", "person_id"),
        # An event's queue in order; person_id rides along for the indicators' attendance sets.
        Index("ix_registrations_event_status_person", "event_id", "status", "id", "person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    status: Mapped[RegistrationStatus] = mapped_column(enum_column(RegistrationStatus))
    # Waitlist order: the moment of joining it (ids break ties).
    queued_at: Mapped[datetime] = mapped_column(UtcDateTime())
    route_item_id: Mapped[int | None] = mapped_column(ForeignKey("route_items.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class EventReminder(Base):
    """A reminder already sent for an event (24 h or 1 h before): each goes out once."""

    __tablename__ = "event_reminders"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime())
