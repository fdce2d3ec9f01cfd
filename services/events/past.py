"""Past events: for organisers the municipality's held and cancelled ones, newest first, each with how many came;
for coordinators those their schools' teachers signed up for, with who of them came."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import Forbidden, NotFound
from services.events.events import EventCard, card_of
from services.models.events import Event, EventStatus, Registration, RegistrationStatus
from services.models.people import Person, Role
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
    attended = select(func.count()).where(
        Registration.event_id == Event.id, Registration.status == RegistrationStatus.ATTENDED
    )
    return await _past_page(session, where, attended, page, per_page)


async def _past_page(
    session: AsyncSession, where: ColumnElement[bool], attended: Select[int], page: int, per_page: int
) -> PastPage:
    """One page of the events `where` picks, newest first, each with its `attended` count (correlated to the
    event); a page past the end shows the last one."""
    total = await session.scalar(select(func.count()).select_from(Event).where(where)) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 0), pages - 1)
    rows = await session.execute(
        select(Event, attended.correlate(Event).scalar_subquery())
        .where(where)
        .order_by(Event.starts_at.desc(), Event.id.desc())
        .offset(page * per_page)
        .limit(per_page)
    )
    return PastPage([PastEvent(card_of(event), count) for event, count in rows], page, pages, total, per_page)


@dataclass(frozen=True)
class SchoolSeat:
    name: str
    status: RegistrationStatus


def _of_schools(actor: Actor) -> ColumnElement[bool]:
    """Registrations of people from the coordinator's schools."""
    schools = actor.orgs(Role.COORDINATOR)
    if not schools:
        raise Forbidden()
    return and_(
        Registration.person_id == Person.id,
        Person.school_id.in_(schools),
        Registration.status != RegistrationStatus.CANCELLED,
    )


async def school_past_events(
    session: AsyncSession, *, actor: Actor, now: datetime, page: int = 0, per_page: int = 8
) -> PastPage:
    """For a coordinator: past events their schools' teachers signed up for, newest first, each with how many of
    them came."""
    ours = _of_schools(actor)
    where = and_(is_over(now), Event.id.in_(select(Registration.event_id).join(Person, ours)))
    attended = (
        select(func.count())
        .select_from(Registration)
        .join(Person, ours)
        .where(Registration.event_id == Event.id, Registration.status == RegistrationStatus.ATTENDED)
    )
    return await _past_page(session, where, attended, page, per_page)


async def school_attendance(
    session: AsyncSession, *, actor: Actor, event_id: int, now: datetime
) -> tuple[EventCard, list[SchoolSeat]]:
    """A past event's card and who of the coordinator's schools signed up, with whether they came."""
    ours = _of_schools(actor)
    event = await session.get(Event, event_id)
    if event is None or not event_is_over(card_of(event), now):
        raise NotFound()
    rows = await session.execute(
        select(Person.full_name, Registration.status)
        .select_from(Registration)
        .join(Person, ours)
        .where(Registration.event_id == event_id)
        .order_by(Person.full_name)
    )
    seats = [SchoolSeat(name, status) for name, status in rows]
    if not seats:
        raise NotFound()  # an event none of theirs attended is not theirs to look at
    return card_of(event), seats
