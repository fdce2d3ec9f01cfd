"""The organisers' archive: the municipality's held and cancelled events, newest first, each with how many came."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.events.events import EventCard, card_of
from services.models.events import Event, EventStatus, Registration, RegistrationStatus
from services.people.access import Actor, organiser_municipality


@dataclass(frozen=True)
class PastEvent:
    card: EventCard
    attended: int


@dataclass(frozen=True)
class PastPage:
    """One page of past events, with the count of all of them."""

    events: list[PastEvent]
    page: int
    pages: int
    total: int
    per_page: int


def is_over(now: datetime) -> ColumnElement[bool]:
    """An event that has ended or was cancelled: nothing is ahead of it but its attendance and materials."""
    return or_(Event.ends_at <= now, Event.status == EventStatus.CANCELLED)


def event_is_over(card: EventCard, now: datetime) -> bool:
    return card.ends_at <= now or card.status == EventStatus.CANCELLED


async def past_events(
    session: AsyncSession, *, actor: Actor, now: datetime, page: int = 0, per_page: int = 8
) -> PastPage:
    """The municipality's held and cancelled events, newest first, for its methodists; a page past the end shows
    the last one. Who came is counted in the same query."""
    where = and_(Event.municipality_id == organiser_municipality(actor), is_over(now))
    total = await session.scalar(select(func.count()).select_from(Event).where(where)) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 0), pages - 1)
    attended = (
        select(func.count())
        .where(Registration.event_id == Event.id, Registration.status == RegistrationStatus.ATTENDED)
        .correlate(Event)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(Event, attended)
        .where(where)
        .order_by(Event.starts_at.desc(), Event.id.desc())
        .offset(page * per_page)
        .limit(per_page)
    )
    return PastPage([PastEvent(card_of(event), count) for event, count in rows], page, pages, total, per_page)
