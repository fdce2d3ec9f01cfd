"""Events for participants: those open to a person, the card, one's registrations (taking and giving up a seat:
services.events.seats)."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, and_, exists, false, func, not_, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from services.errors import Forbidden, NotFound
from services.models.events import (
    Event,
    EventKind,
    EventSchool,
    EventStatus,
    EventSubject,
    Registration,
    RegistrationStatus,
)
from services.models.people import Organisation, Person, PersonSubject, Role, RoleGrant, User
from services.outbox import NewDelivery
from services.people.access import Actor
from services.people.persons import young_specialist_clause

AUDIENCE_ROLES = ("mentor", "coordinator", "manager")


@dataclass(frozen=True)
class EventCard:
    id: int
    title: str
    kind: EventKind
    starts_at: datetime
    ends_at: datetime
    timezone: str
    place: str
    description: str
    capacity: int | None
    taken: int
    status: EventStatus
    registration_until: datetime | None
    my_status: RegistrationStatus | None = None
    my_position: int | None = None
    waiting: int = 0  # people on the waitlist (told only where it matters: cancelling a seat)

    @property
    def seats_left(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - self.taken)

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(ZoneInfo(self.timezone))


@dataclass(frozen=True)
class CardPage:
    """One page of events, with the count of all of them."""

    cards: list[EventCard]
    page: int
    pages: int
    total: int
    per_page: int


async def card_page(session: AsyncSession, query: Select[Event, Registration], *, page: int, per_page: int) -> CardPage:
    """A page of (event, the actor's registration or None) rows as cards, soonest first, with the total;
    a page past the end shows the last one."""
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 0), pages - 1)
    rows = await session.execute(query.order_by(Event.starts_at, Event.id).offset(page * per_page).limit(per_page))
    return CardPage([card_of(event, registration) for event, registration in rows], page, pages, total, per_page)


def _mine(person_id: int) -> ColumnElement[bool]:
    """Joins an event to the person's own live registration."""
    return and_(
        Registration.event_id == Event.id,
        Registration.person_id == person_id,
        Registration.status.in_((RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)),
    )


# The message for one participant (chat and language) about a change to an event.
ParticipantNotice = Callable[[EventCard, int, str], NewDelivery]


def card_of(event: Event, registration: Registration | None = None, position: int | None = None) -> EventCard:
    return EventCard(
        event.id,
        event.title,
        event.kind,
        event.starts_at,
        event.ends_at,
        event.timezone,
        event.place,
        event.description,
        event.capacity,
        event.taken,
        event.status,
        event.registration_until,
        registration.status if registration else None,
        position,
    )


@dataclass(frozen=True)
class Member:
    """Who is asking, as far as an event's audience cares."""

    person_id: int
    school_id: int
    municipality_id: int
    is_manager: bool


def subject_clause(member: Member) -> ColumnElement[bool]:
    return exists().where(
        EventSubject.event_id == Event.id,
        EventSubject.subject.in_(select(PersonSubject.subject).where(PersonSubject.person_id == member.person_id)),
    )


def audience_clause(member: Member, *, now: datetime) -> ColumnElement[bool]:
    """Events this person may attend: their municipality, their school if schools are chosen, one of their
    subjects if subjects are chosen, young-specialist-only events for young specialists, role events by role."""
    has_schools = exists().where(EventSchool.event_id == Event.id)
    in_school = exists().where(EventSchool.event_id == Event.id, EventSchool.school_id == member.school_id)
    has_subjects = exists().where(EventSubject.event_id == Event.id)
    my_subject = subject_clause(member)
    young = exists().where(Person.id == member.person_id, young_specialist_clause(now.date()))
    holds = exists().where(
        RoleGrant.user_id == User.id, User.person_id == member.person_id, RoleGrant.role == Event.audience_role
    )
    role_ok = or_(
        Event.audience_role.is_(None),
        and_(Event.audience_role == "manager", true() if member.is_manager else false()),
        holds,
    )
    return and_(
        Event.municipality_id == member.municipality_id,
        or_(not_(has_schools), in_school),
        or_(not_(has_subjects), my_subject),
        or_(not_(Event.young_only), young),
        role_ok,
    )


async def member_of(session: AsyncSession, actor: Actor) -> Member:
    """The actor's roster facts in one query (events are for roster people)."""
    if actor.person_id is None:
        raise Forbidden("events-need-roster")
    row = (
        await session.execute(
            select(Person.school_id, Organisation.parent_id, Person.is_manager)
            .join(Organisation, Organisation.id == Person.school_id)
            .where(Person.id == actor.person_id)
        )
    ).one()
    school_id, municipality_id, is_manager = row
    assert municipality_id is not None  # a school always belongs to a municipality
    return Member(actor.person_id, school_id, municipality_id, is_manager)


async def upcoming_events(
    session: AsyncSession,
    *,
    actor: Actor,
    now: datetime,
    kind: EventKind | None = None,
    my_subjects: bool = False,
    page: int = 0,
    per_page: int = 6,
) -> CardPage:
    """Active events still ahead that the person may attend, soonest first, each with the person's
    registration (so the list can mark them)."""
    member = await member_of(session, actor)
    query = (
        select(Event, Registration)
        .outerjoin(Registration, _mine(member.person_id))
        .where(Event.status == EventStatus.ACTIVE, Event.starts_at > now, audience_clause(member, now=now))
    )
    if kind is not None:
        query = query.where(Event.kind == kind)
    if my_subjects:  # only events meant for one of the person's subjects
        query = query.where(subject_clause(member))
    return await card_page(session, query, page=page, per_page=per_page)


async def my_registrations(
    session: AsyncSession, *, actor: Actor, now: datetime, page: int = 0, per_page: int = 6
) -> CardPage:
    """The actor's seats and waitlist places on events still ahead, soonest first, with their places in line."""
    member = await member_of(session, actor)
    query = (
        select(Event, Registration)
        .join(Registration, _mine(member.person_id))
        .where(Event.status == EventStatus.ACTIVE, Event.starts_at > now)
    )
    found = await card_page(session, query, page=page, per_page=per_page)
    positions = await _positions(session, member.person_id, [card.id for card in found.cards])
    cards = [replace(card, my_position=positions.get(card.id)) for card in found.cards]
    return replace(found, cards=cards)


async def _positions(session: AsyncSession, person_id: int, event_ids: list[int]) -> dict[int, int]:
    """The person's place on each of these events' waitlists (where they wait), in one query."""
    ahead = aliased(Registration)
    rows = await session.execute(
        select(Registration.event_id, func.count(ahead.id) + 1)
        .outerjoin(
            ahead,
            and_(
                ahead.event_id == Registration.event_id,
                ahead.status == RegistrationStatus.WAITLISTED,
                or_(
                    ahead.queued_at < Registration.queued_at,
                    and_(ahead.queued_at == Registration.queued_at, ahead.id < Registration.id),
                ),
            ),
        )
        .where(
            Registration.person_id == person_id,
            Registration.event_id.in_(event_ids),
            Registration.status == RegistrationStatus.WAITLISTED,
        )
        .group_by(Registration.event_id)
    )
    return {event_id: position for event_id, position in rows}


async def event_for(session: AsyncSession, *, actor: Actor, event_id: int, now: datetime) -> EventCard:
    """An event as the actor may see it, with their registration and waitlist place: its organisers
    (methodists of its municipality) and admins see any event, a teacher one whose audience includes
    them, as the list of events does, or one they signed up for."""
    event = await session.get(Event, event_id)
    if event is None:
        raise NotFound()
    registration = None
    if actor.person_id is not None:
        registration = await session.scalar(
            select(Registration).where(Registration.event_id == event_id, Registration.person_id == actor.person_id)
        )
    if registration is None and not organises(actor, event):
        member = await member_of(session, actor)
        audience = select(audience_clause(member, now=now)).where(Event.id == event_id)
        if not await session.scalar(audience):
            raise Forbidden("event-not-for-you")
    position = (await _positions(session, registration.person_id, [event_id])).get(event_id) if registration else None
    waiting = await session.scalar(
        select(func.count()).where(
            Registration.event_id == event_id, Registration.status == RegistrationStatus.WAITLISTED
        )
    )
    return replace(card_of(event, registration, position), waiting=waiting or 0)


def organises(actor: Actor, event: Event) -> bool:
    return event.municipality_id in actor.orgs(Role.METHODIST) or actor.has(Role.ADMIN)
