"""ORM models of the indicators: each organisation's chosen set and adjusted targets (with history),
manual values, methodical associations and communities with their members, and monthly snapshots."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, Float, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.models.people import Base, UtcDateTime, enum_column


class IndicatorChoice(Base):
    """The indicator set an organisation (municipality or region) reports by."""

    __tablename__ = "indicator_choices"

    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True)
    set_code: Mapped[str] = mapped_column(String(32))
    chosen_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    chosen_at: Mapped[datetime] = mapped_column(UtcDateTime())


class TargetChange(Base):
    """A methodist's target for one indicator of their organisation; the latest one counts, all are kept."""

    __tablename__ = "indicator_targets"
    __table_args__ = (Index("ix_indicator_targets_lookup", "org_id", "set_code", "indicator_no", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    set_code: Mapped[str] = mapped_column(String(32))
    indicator_no: Mapped[str] = mapped_column(String(16))
    target: Mapped[float] = mapped_column(Float)
    changed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ManualValue(Base):
    """A fact the bot cannot know (a yes/no "наличие положения", vacancies), entered per period; the
    latest entry for the same organisation, indicator and period counts, all are kept."""

    __tablename__ = "indicator_manual_values"
    __table_args__ = (Index("ix_manual_values_lookup", "org_id", "measure_key", "period_start", "period_end", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    measure_key: Mapped[str] = mapped_column(String(64))  # set code and indicator number
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    entered_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    entered_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CommunityLevel(StrEnum):
    SCHOOL = "school"
    MUNICIPAL = "municipal"
    REGIONAL = "regional"
    NETWORK = "network"


class Community(Base):
    """A methodical association (МО) or professional community (ПОС, club) kept by the methodists."""

    __tablename__ = "communities"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    level: Mapped[CommunityLevel] = mapped_column(enum_column(CommunityLevel))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CommunityMember(Base):
    __tablename__ = "community_members"
    __table_args__ = (UniqueConstraint("community_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    joined_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)


class Snapshot(Base):
    """One indicator's value for one scope in one month, for the trend chart; rebuilt on demand."""

    __tablename__ = "indicator_snapshots"
    __table_args__ = (UniqueConstraint("org_id", "set_code", "indicator_no", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    set_code: Mapped[str] = mapped_column(String(32))
    indicator_no: Mapped[str] = mapped_column(String(16))
    month: Mapped[date] = mapped_column(Date)
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    value: Mapped[float | None] = mapped_column(Float)
    computed_at: Mapped[datetime] = mapped_column(UtcDateTime())
