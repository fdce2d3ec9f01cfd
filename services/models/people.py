"""ORM models: organisations, the staff roster, Telegram accounts, roles, invites, join requests."""

from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    MetaData,
    String,
    TypeDecorator,
    UniqueConstraint,
    true,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names let Alembic alter tables on SQLite (batch mode) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Stores naive UTC and returns aware UTC, because SQLite keeps no time zone."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def enum_column(enum_class: type[StrEnum]) -> Enum:
    return Enum(
        enum_class,
        native_enum=False,
        length=24,
        values_callable=lambda members: [member.value for member in members],
    )


class OrgKind(StrEnum):
    REGION = "region"
    MUNICIPALITY = "municipality"
    SCHOOL = "school"


class OrgType(StrEnum):
    """What kind of educational organisation a school-level organisation is: indicators about
    «общеобразовательных организаций» or «школ» count only the general-education ones."""

    GENERAL = "general"  # общеобразовательная
    PRESCHOOL = "preschool"  # дошкольная (ДОО)
    ADDITIONAL = "additional"  # дополнительного образования (ДОД)
    VOCATIONAL = "vocational"  # профессиональная (ПОО)
    OTHER = "other"


class DiagnosticKind(StrEnum):
    """Who ran a diagnostic. A self-assessment is the teacher's own rating, not a diagnostic procedure."""

    FEDERAL = "federal"
    REGIONAL = "regional"
    MUNICIPAL = "municipal"
    SCHOOL = "school"
    SELF = "self"


PROCEDURES = tuple(kind for kind in DiagnosticKind if kind != DiagnosticKind.SELF)


class Role(StrEnum):
    """Granted roles. "Teacher" is not granted: it is having a roster person."""

    ADMIN = "admin"
    METHODIST = "methodist"
    COORDINATOR = "coordinator"
    MENTOR = "mentor"


class JoinStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Organisation(Base):
    __tablename__ = "organisations"
    __table_args__ = (UniqueConstraint("parent_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[OrgKind] = mapped_column(enum_column(OrgKind))
    name: Mapped[str] = mapped_column(String(300))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    # Meaningful for schools (ОО); a region or municipality keeps the default.
    org_type: Mapped[OrgType] = mapped_column(
        enum_column(OrgType), default=OrgType.GENERAL, server_default=OrgType.GENERAL.value
    )
    timezone: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Person(Base):
    """A row of the staff roster: the denominator of every indicator."""

    __tablename__ = "people"
    __table_args__ = (
        Index("ix_people_name_key_birth_date", "name_key", "birth_date"),
        # A school's roster with what the indicators test per person, read from the index alone.
        Index("ix_people_roster", "school_id", "left_on", "created_at", "is_manager", "birth_date", "work_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    full_name: Mapped[str] = mapped_column(String(300))
    # Normalised ФИО (case, ё, spaces) used to match re-imported rows to the same person.
    name_key: Mapped[str] = mapped_column(String(300))
    position: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date | None] = mapped_column(Date)
    work_start: Mapped[date | None] = mapped_column(Date)
    is_manager: Mapped[bool] = mapped_column(default=False)
    is_active: Mapped[bool] = mapped_column(default=True)
    # The day the person left the roster (not working any more); with created_at it tells who was on the
    # roster on a past reporting date, the denominator of the indicators.
    left_on: Mapped[date | None] = mapped_column(Date)
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())

    subjects: Mapped[list["PersonSubject"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="PersonSubject.subject"
    )


class PersonSubject(Base):
    __tablename__ = "person_subjects"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    subject: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)


class Diagnostic(Base):
    """A diagnostic of professional deficits (federal, regional, school or self-assessment)."""

    __tablename__ = "diagnostics"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    taken_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(24))
    level: Mapped[str] = mapped_column(String(24))

    deficits: Mapped[list["DiagnosticDeficit"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="DiagnosticDeficit.area"
    )


class DiagnosticDeficit(Base):
    """One competence area in which a diagnostic found a deficit."""

    __tablename__ = "diagnostic_deficits"

    diagnostic_id: Mapped[int] = mapped_column(ForeignKey("diagnostics.id", ondelete="CASCADE"), primary_key=True)
    area: Mapped[str] = mapped_column(String(100), primary_key=True)


class User(Base):
    """A Telegram account, linked to at most one roster person."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    tg_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), unique=True)
    display_name: Mapped[str] = mapped_column(String(300), default="")
    language: Mapped[str] = mapped_column(String(8), default="ru")
    consent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    blocked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())  # bulk sends skip them until they return
    digest_enabled: Mapped[bool] = mapped_column(default=True, server_default=true())
    digest_weekday: Mapped[int] = mapped_column(default=0, server_default="0")  # Monday
    digest_hour: Mapped[int] = mapped_column(default=9, server_default="9")  # local time of their organisation
    # An admin's chosen municipality, where they act as its methodist (services.people.access).
    acting_municipality_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))


class RoleGrant(Base):
    __tablename__ = "role_grants"
    __table_args__ = (UniqueConstraint("user_id", "role", "org_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(enum_column(Role))
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    granted_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Invite(Base):
    """A single-use deep-link token: links a roster person, grants a role, or both."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role | None] = mapped_column(enum_column(Role))
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    used_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class JoinRequest(Base):
    __tablename__ = "join_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    full_name: Mapped[str] = mapped_column(String(300))
    status: Mapped[JoinStatus] = mapped_column(enum_column(JoinStatus), default=JoinStatus.PENDING)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    decided_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
