"""Organising events: the checks every field passes, creating one or many, editing, seats, cancelling, and
telling the participants; only the methodists of the event's municipality (and admins) may."""

import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, false, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import Forbidden, InvalidInput, NotFound
from services.events.events import AUDIENCE_ROLES, CardPage, EventCard, ParticipantNotice, card_of, card_page, organises
from services.events.seats import Promotion, PromotionNotice, promote_waitlist
from services.models.events import (
    Event,
    EventKind,
    EventReminder,
    EventSchool,
    EventStatus,
    EventSubject,
    Registration,
    RegistrationStatus,
)
from services.models.people import Organisation, OrgKind, User
from services.numbers import parse_whole
from services.outbox import enqueue
from services.people.access import Actor, organiser_municipality

MAX_TITLE = 300
MAX_DESCRIPTION = 2000
MAX_PLACE = 500
MAX_CAPACITY = 10_000
MAX_SUBJECT = 100
LONGEST_EVENT = timedelta(days=60)
MAX_MINUTES = LONGEST_EVENT // timedelta(minutes=1)


@dataclass(frozen=True)
class EventInput:
    """What an organiser fills in; times are aware datetimes."""

    title: str
    kind: EventKind
    starts_at: datetime
    ends_at: datetime
    place: str = ""
    description: str = ""
    capacity: int | None = None
    registration_until: datetime | None = None
    young_only: bool = False
    audience_role: str | None = None
    subjects: tuple[str, ...] = ()
    school_ids: tuple[int, ...] = ()


def parse_local(text: str, timezone: str) -> datetime:
    """A date and time typed as ДД.ММ.ГГГГ ЧЧ:ММ in the organiser's time zone, as an aware datetime."""
    for pattern in ("%d.%m.%Y %H:%M", "%d.%m.%y %H:%M"):
        try:
            return datetime.strptime(" ".join(text.split()), pattern).replace(tzinfo=ZoneInfo(timezone))
        except ValueError:
            continue
    raise InvalidInput("event-bad-datetime")


def parse_clock(text: str) -> time:
    """A time of day typed as ЧЧ:ММ (or ЧЧ.ММ)."""
    try:
        return datetime.strptime(text.strip().replace(".", ":"), "%H:%M").time()
    except ValueError:
        raise InvalidInput("event-bad-time") from None


def local_moment(day: date, clock: time, timezone: str) -> datetime:
    """A day and a time of day in the municipality's time zone, as an aware datetime."""
    return datetime.combine(day, clock, tzinfo=ZoneInfo(timezone))


def parse_end(text: str, starts_at: datetime, timezone: str) -> datetime:
    """The end, typed as minutes after the start («90»), a time on the start's day («17:00»), or a full date
    and time; checked against the start."""
    minutes = parse_whole(text, low=1, high=MAX_MINUTES)
    if minutes is not None:
        return check_end(starts_at, starts_at + timedelta(minutes=minutes))
    if len(text.strip()) <= 5:
        return check_end(
            starts_at, local_moment(starts_at.astimezone(ZoneInfo(timezone)).date(), parse_clock(text), timezone)
        )
    return check_end(starts_at, parse_local(text, timezone))


def clean_event_title(text: str) -> str:
    title = " ".join(text.split())
    if not title or len(title) > MAX_TITLE:
        raise InvalidInput("event-bad-title", limit=MAX_TITLE)
    return title


def check_start(starts_at: datetime, now: datetime) -> datetime:
    if starts_at <= now:
        raise InvalidInput("event-in-past")
    return starts_at


def check_end(starts_at: datetime, ends_at: datetime) -> datetime:
    if ends_at <= starts_at:
        raise InvalidInput("event-ends-before-start")
    if ends_at - starts_at > LONGEST_EVENT:
        raise InvalidInput("event-too-long")
    return ends_at


def check_registration_until(until: datetime, starts_at: datetime, now: datetime) -> datetime:
    if not now < until <= starts_at:
        raise InvalidInput("event-bad-deadline")
    return until


def check_description(description: str) -> str:
    if len(description) > MAX_DESCRIPTION:
        raise InvalidInput("event-too-much-text", limit=MAX_DESCRIPTION)
    return description


def check_subjects(subjects: tuple[str, ...]) -> tuple[str, ...]:
    if any(len(subject) > MAX_SUBJECT for subject in subjects):
        raise InvalidInput("event-bad-subjects")
    return subjects


def check_event(data: EventInput, now: datetime) -> EventInput:
    """Every rule an event obeys, whether made step by step, from a plan file or edited."""
    clean_event_title(data.title)
    check_start(data.starts_at, now)
    check_end(data.starts_at, data.ends_at)
    if data.capacity is not None and not 1 <= data.capacity <= MAX_CAPACITY:
        raise InvalidInput("event-bad-capacity", limit=MAX_CAPACITY)
    if data.registration_until is not None:
        check_registration_until(data.registration_until, data.starts_at, now)
    check_description(data.description)
    if len(data.place) > MAX_PLACE:
        raise InvalidInput("event-too-much-text", limit=MAX_DESCRIPTION)
    check_subjects(data.subjects)
    if data.audience_role is not None and data.audience_role not in AUDIENCE_ROLES:
        raise InvalidInput("error-invalid-input")
    return data


async def create_event(session: AsyncSession, *, actor: Actor, data: EventInput, now: datetime) -> EventCard:
    """A methodist's event for their municipality (or chosen schools in it)."""
    event = await add_event(session, actor=actor, data=data, now=now)
    await session.commit()
    return card_of(event)


async def add_event(session: AsyncSession, *, actor: Actor, data: EventInput, now: datetime) -> Event:
    """Check and add an event without committing, so that several can be created in one transaction."""
    municipality_id = organiser_municipality(actor)
    data = check_event(data, now)
    municipality = await session.get_one(Organisation, municipality_id)
    if data.school_ids:
        inside = set(
            await session.scalars(
                select(Organisation.id).where(
                    Organisation.id.in_(data.school_ids),
                    Organisation.parent_id == municipality_id,
                    Organisation.kind == OrgKind.SCHOOL,
                )
            )
        )
        if inside != set(data.school_ids):
            raise Forbidden()
    event = Event(
        municipality_id=municipality_id,
        organiser_user_id=actor.user_id,
        title=" ".join(data.title.split()),
        kind=data.kind,
        description=data.description.strip(),
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        timezone=municipality.timezone,
        place=data.place.strip(),
        capacity=data.capacity,
        registration_until=data.registration_until,
        young_only=data.young_only,
        audience_role=data.audience_role,
        checkin_code=f"{secrets.randbelow(10**6):06d}",
        created_at=now,
    )
    session.add(event)
    await session.flush()
    session.add_all(
        [EventSchool(event_id=event.id, school_id=school_id) for school_id in dict.fromkeys(data.school_ids)]
    )
    session.add_all([EventSubject(event_id=event.id, subject=subject) for subject in dict.fromkeys(data.subjects)])
    return event


async def organised_event(session: AsyncSession, actor: Actor, event_id: int) -> Event:
    """An event the actor may manage: a methodist of its municipality."""
    event = await session.get(Event, event_id)
    if event is None:
        raise NotFound()
    if not organises(actor, event):
        raise Forbidden()
    return event


async def set_capacity(
    session: AsyncSession,
    *,
    actor: Actor,
    event_id: int,
    capacity: int | None,
    now: datetime,
    notice: PromotionNotice,
) -> list[Promotion]:
    """Change the number of seats; more seats go to the waitlist at once (who are told), fewer than taken
    is refused."""
    event = await organised_event(session, actor, event_id)
    if event.status != EventStatus.ACTIVE or event.starts_at <= now:
        raise InvalidInput("event-cancelled" if event.status != EventStatus.ACTIVE else "event-already-started")
    if capacity is not None and not 1 <= capacity <= MAX_CAPACITY:
        raise InvalidInput("event-bad-capacity", limit=MAX_CAPACITY)
    if capacity is not None and capacity < event.taken:
        raise InvalidInput("event-capacity-below", taken=event.taken)
    event.capacity = capacity
    await session.flush()
    promoted = await promote_waitlist(session, event_id, now, notice)
    await session.commit()
    return promoted


async def cancel_event(
    session: AsyncSession, *, actor: Actor, event_id: int, now: datetime, notice: ParticipantNotice
) -> int:
    """Cancel an event and tell everyone registered or waitlisted; returns how many were told."""
    event = await organised_event(session, actor, event_id)
    if event.status != EventStatus.ACTIVE:
        raise InvalidInput("event-cancelled")
    event.status = EventStatus.CANCELLED
    told = await _tell_participants(session, card_of(event), notice, now)
    await session.commit()
    return told


async def _tell_participants(session: AsyncSession, card: EventCard, notice: ParticipantNotice, now: datetime) -> int:
    chats = await participant_chats(session, card.id)
    await enqueue(session, [notice(card, chat_id, language) for chat_id, language in chats], now=now)
    return len(chats)


async def participant_chats(session: AsyncSession, event_id: int) -> list[tuple[int, str]]:
    rows = await session.execute(
        select(User.tg_id, User.language)
        .join(Registration, Registration.person_id == User.person_id)
        .where(
            Registration.event_id == event_id,
            Registration.status.in_((RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)),
        )
    )
    return [(tg_id, language) for tg_id, language in rows]


async def organised_page(
    session: AsyncSession, *, actor: Actor, now: datetime, page: int = 0, per_page: int = 8
) -> CardPage:
    """The municipality's events from a week ago on, soonest first, for its methodists."""
    municipality_id = organiser_municipality(actor)
    query = (
        select(Event, Registration)
        .outerjoin(Registration, false())  # an organiser's list shows no registration of their own
        .where(Event.municipality_id == municipality_id, Event.ends_at > now - timedelta(days=7))
    )
    return await card_page(session, query, page=page, per_page=per_page)


async def require_organiser(session: AsyncSession, *, actor: Actor, event_id: int) -> None:
    """Refuse (Forbidden) unless the actor may manage the event; NotFound if there is none."""
    await organised_event(session, actor, event_id)


async def checkin_code(session: AsyncSession, *, actor: Actor, event_id: int) -> str:
    return (await organised_event(session, actor, event_id)).checkin_code


EDITABLE_EVENT_FIELDS = ("title", "place", "description", "start", "end")


async def edit_event(
    session: AsyncSession,
    *,
    actor: Actor,
    event_id: int,
    field: str,
    value: str,
    now: datetime,
    notice: ParticipantNotice,
) -> tuple[EventCard, int]:
    """Change one detail of an active event, by the same rules as creating it, and tell the participants;
    returns the event and how many were told."""
    event = await organised_event(session, actor, event_id)
    if event.status != EventStatus.ACTIVE or event.starts_at <= now:
        raise InvalidInput("event-cancelled" if event.status != EventStatus.ACTIVE else "event-already-started")
    current = EventInput(
        title=event.title,
        kind=event.kind,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        place=event.place,
        description=event.description,
        capacity=event.capacity,
        registration_until=event.registration_until,
    )
    if field == "title":
        changed = replace(current, title=value)
    elif field == "place":
        changed = replace(current, place="" if value.strip() == "-" else value.strip())
    elif field == "description":
        changed = replace(current, description="" if value.strip() == "-" else value.strip())
    elif field == "start":
        starts_at = parse_local(value, event.timezone)
        changed = replace(current, starts_at=starts_at, ends_at=starts_at + (event.ends_at - event.starts_at))
        if current.registration_until is not None and current.registration_until > starts_at:
            changed = replace(changed, registration_until=None)
    elif field == "end":
        changed = replace(current, ends_at=parse_end(value, event.starts_at, event.timezone))
    else:
        raise InvalidInput("error-invalid-input")
    changed = check_event(changed, now)
    event.title, event.place, event.description = " ".join(changed.title.split()), changed.place, changed.description
    event.starts_at, event.ends_at, event.registration_until = (
        changed.starts_at,
        changed.ends_at,
        changed.registration_until,
    )
    # The reminders follow the new time.
    await session.execute(delete(EventReminder).where(EventReminder.event_id == event_id))
    card = card_of(event)
    told = await _tell_participants(session, card, notice, now)
    await session.commit()
    return card, told
