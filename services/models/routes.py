"""ORM models of individual educational routes (ИОМ): the activity catalogue, routes, items, evidence, history."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.models.people import Base, UtcDateTime, enum_column


class Area(StrEnum):
    """Competence areas in which a diagnostic finds deficits (DOMAIN.md)."""

    SUBJECT = "subject"
    METHODICAL = "methodical"
    PSYCHOLOGICAL = "psychological"
    COMMUNICATIVE = "communicative"
    DIGITAL = "digital"


class ActivityKind(StrEnum):
    COURSE = "course"
    SEMINAR = "seminar"
    MASTER_CLASS = "master_class"
    INTERNSHIP = "internship"
    CONSULTATION = "consultation"
    ASSOCIATION = "association"
    MENTORING = "mentoring"
    SELF_EDUCATION = "self_education"
    CONTEST = "contest"


class Registry(StrEnum):
    """Whether a course is in the federal (ФР ДПП) or regional (РР ДПП) registry."""

    NONE = "none"
    FEDERAL = "federal"
    REGIONAL = "regional"


class RouteStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    IN_PROGRESS = "in_progress"
    IMPLEMENTED = "implemented"


class ItemStatus(StrEnum):
    PLANNED = "planned"
    REPORTED = "reported"
    CONFIRMED = "confirmed"
    RETURNED = "returned"


class EvidenceKind(StrEnum):
    DOCUMENT = "document"
    PHOTO = "photo"
    LINK = "link"
    TEXT = "text"


class Activity(Base):
    """A catalogue entry that closes deficits in some competence areas."""

    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[ActivityKind] = mapped_column(enum_column(ActivityKind))
    hours: Mapped[int | None]
    course_registry: Mapped[Registry] = mapped_column("registry", enum_column(Registry), default=Registry.NONE)
    areas: Mapped[str] = mapped_column(String(200))  # comma-separated Area values
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Route(Base):
    __tablename__ = "routes"
    # Routes by status; the developed ones' diagnostic and person, read from the index alone by the indicators.
    __table_args__ = (Index("ix_routes_developed", "status", "approved_at", "diagnostic_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    diagnostic_id: Mapped[int | None] = mapped_column(ForeignKey("diagnostics.id", ondelete="SET NULL"))
    status: Mapped[RouteStatus] = mapped_column(enum_column(RouteStatus), default=RouteStatus.DRAFT)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    implemented_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    items: Mapped[list["RouteItem"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="RouteItem.id"
    )


class RouteItem(Base):
    __tablename__ = "route_items"
    __table_args__ = (
        Index("ix_route_items_status_reported_at", "status", "reported_at"),
        # The indicator measures: confirmed items of a registry or of a kind, read from the index alone.
        Index("ix_route_items_confirmed_registry", "status", "registry", "confirmed_at", "route_id", "area"),
        Index("ix_route_items_confirmed_kind", "status", "kind", "confirmed_at", "route_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("routes.id", ondelete="CASCADE"), index=True)
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activities.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[ActivityKind] = mapped_column(enum_column(ActivityKind))
    area: Mapped[Area | None] = mapped_column(enum_column(Area))
    hours: Mapped[int | None]
    course_registry: Mapped[Registry] = mapped_column("registry", enum_column(Registry), default=Registry.NONE)
    deadline: Mapped[date] = mapped_column(Date)
    status: Mapped[ItemStatus] = mapped_column(enum_column(ItemStatus), default=ItemStatus.PLANNED)
    comment: Mapped[str | None] = mapped_column(Text)
    reported_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Evidence(Base):
    """What a teacher attached to show an item is done: a Telegram file, a link or a text."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("route_items.id", ondelete="CASCADE"), index=True)
    kind: Mapped[EvidenceKind] = mapped_column(enum_column(EvidenceKind))
    file_id: Mapped[str | None] = mapped_column(String(200))
    file_name: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class RouteEvent(Base):
    """The history of a route: who submitted, approved, returned, reported or confirmed what, and when."""

    __tablename__ = "route_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("routes.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("route_items.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(24))
    comment: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class ItemReminder(Base):
    """A deadline reminder already sent for an item: each kind goes out once."""

    __tablename__ = "item_reminders"

    item_id: Mapped[int] = mapped_column(ForeignKey("route_items.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12), primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime())


class DeadlineRequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"


class DeadlineRequest(Base):
    """A teacher's request to move an item of an approved route to a new deadline, and the reviewer's answer."""

    __tablename__ = "deadline_requests"
    __table_args__ = (Index("ix_deadline_requests_item_id_status", "item_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("route_items.id", ondelete="CASCADE"))
    deadline: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[DeadlineRequestStatus] = mapped_column(
        enum_column(DeadlineRequestStatus), default=DeadlineRequestStatus.PENDING
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
