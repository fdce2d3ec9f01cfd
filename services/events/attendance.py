"""Attendance at events, and the link between events and routes: attending confirms the route item."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import Forbidden, InvalidInput, NotFound
from services.events.organise import organised_event
from services.models.events import Event, EventKind, EventStatus, Registration, RegistrationStatus
from services.models.people import Organisation, Person, User
from services.models.routes import ActivityKind, ItemStatus, Route, RouteItem, RouteStatus
from services.people.access import Actor
from services.routes.routes import log_event

CHECK_IN_OPENS = timedelta(hours=1)  # before the start
CHECK_IN_CLOSES = timedelta(hours=2)  # after the end
ROUTE_KIND = {
    EventKind.SEMINAR: ActivityKind.SEMINAR,
    EventKind.MASTER_CLASS: ActivityKind.MASTER_CLASS,
    EventKind.WEBINAR: ActivityKind.SEMINAR,
    EventKind.INTERNSHIP: ActivityKind.INTERNSHIP,
    EventKind.ASSOCIATION: ActivityKind.ASSOCIATION,
    EventKind.CONFERENCE: ActivityKind.SEMINAR,
    EventKind.CONTEST: ActivityKind.CONTEST,
}
ROUTE_OPEN = (RouteStatus.DRAFT, RouteStatus.RETURNED, RouteStatus.APPROVED, RouteStatus.IN_PROGRESS)


async def _my_registration(session: AsyncSession, actor: Actor, event_id: int) -> Registration:
    if actor.person_id is None:
        raise Forbidden()
    registration = await session.scalar(
        select(Registration).where(Registration.event_id == event_id, Registration.person_id == actor.person_id)
    )
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        raise InvalidInput("event-not-registered")
    return registration


async def add_to_route(session: AsyncSession, *, actor: Actor, event_id: int, now: datetime) -> str:
    """Put an event one is registered for into one's current route as an item; returns its title."""
    registration = await _my_registration(session, actor, event_id)
    if registration.route_item_id is not None:
        raise InvalidInput("event-already-in-route")
    route = await session.scalar(
        select(Route)
        .where(Route.person_id == actor.person_id, Route.status.in_(ROUTE_OPEN))
        .order_by(Route.id.desc())
        .limit(1)
    )
    if route is None:
        raise InvalidInput("event-no-route")
    event = await session.get_one(Event, event_id)
    item = RouteItem(
        route_id=route.id,
        title=event.title,
        kind=ROUTE_KIND[event.kind],
        deadline=event.ends_at.date() if event.ends_at.date() >= now.date() else now.date(),
    )
    session.add(item)
    await session.flush()
    registration.route_item_id = item.id
    if registration.status == RegistrationStatus.ATTENDED:
        await _confirm_item(session, actor, item, now)
    await session.commit()
    return event.title


async def check_in(session: AsyncSession, *, actor: Actor, event_id: int, code: str, now: datetime) -> str:
    """Confirm one's presence with the code shown at the venue, around the event's time; once."""
    registration = await _my_registration(session, actor, event_id)  # first: nothing said of others' events
    event = await session.get_one(Event, event_id)
    if event.status != EventStatus.ACTIVE:
        raise NotFound()
    if registration.status == RegistrationStatus.ATTENDED:
        raise InvalidInput("event-already-checked-in")
    if registration.status != RegistrationStatus.REGISTERED:
        raise InvalidInput("event-check-in-waitlisted")
    if not event.starts_at - CHECK_IN_OPENS <= now <= event.ends_at + CHECK_IN_CLOSES:
        raise InvalidInput("event-check-in-closed")
    if code.strip() != event.checkin_code:
        raise InvalidInput("event-bad-code")
    await _attend(session, actor, registration, now)
    await session.commit()
    return event.title


async def mark_attendance(
    session: AsyncSession, *, actor: Actor, registration_id: int, attended: bool, now: datetime
) -> int:
    """The organiser marks a participant present or absent from the list (after the start); returns the
    event's id."""
    registration = await session.get(Registration, registration_id)
    if registration is None:
        raise NotFound()
    event = await organised_event(session, actor, registration.event_id)
    if now < event.starts_at - CHECK_IN_OPENS:
        raise InvalidInput("event-not-started")
    if registration.status not in (
        RegistrationStatus.REGISTERED,
        RegistrationStatus.ATTENDED,
        RegistrationStatus.NO_SHOW,
    ):
        raise InvalidInput("event-not-registered")
    if attended:
        await _attend(session, actor, registration, now)
    else:
        registration.status, registration.updated_at = RegistrationStatus.NO_SHOW, now
    await session.commit()
    return event.id


async def _attend(session: AsyncSession, actor: Actor, registration: Registration, now: datetime) -> None:
    registration.status, registration.updated_at = RegistrationStatus.ATTENDED, now
    if registration.route_item_id is not None:
        item = await session.get(RouteItem, registration.route_item_id)
        if item is not None:
            await _confirm_item(session, actor, item, now)


async def _confirm_item(session: AsyncSession, actor: Actor, item: RouteItem, now: datetime) -> None:
    """Attendance is the evidence: the linked item is confirmed, and the route implemented if it was the last."""
    if item.status == ItemStatus.CONFIRMED:
        return
    route = await session.get_one(Route, item.route_id)
    item.status, item.confirmed_at, item.reported_at = ItemStatus.CONFIRMED, now, item.reported_at or now
    log_event(session, route, item, actor, "confirmed", None, now)
    await session.flush()
    await session.refresh(route, ["items"])
    if route.status in (RouteStatus.APPROVED, RouteStatus.IN_PROGRESS):
        route.status = RouteStatus.IN_PROGRESS
        if all(each.status == ItemStatus.CONFIRMED for each in route.items):
            route.status, route.implemented_at = RouteStatus.IMPLEMENTED, now
            log_event(session, route, None, actor, "implemented", None, now)


async def attendance_counts(session: AsyncSession, *, actor: Actor, event_id: int) -> dict[RegistrationStatus, int]:
    await organised_event(session, actor, event_id)
    rows = await session.execute(
        select(Registration.status, func.count()).where(Registration.event_id == event_id).group_by(Registration.status)
    )
    return {status: count for status, count in rows}


async def participants(
    session: AsyncSession, *, actor: Actor, event_id: int
) -> list[tuple[int, str, str, RegistrationStatus]]:
    """Registration id, ФИО, school and status of everyone who signed up, seats first then the waitlist."""
    await organised_event(session, actor, event_id)
    rows = await session.execute(
        select(Registration.id, Person.full_name, Organisation.name, Registration.status)
        .join(Person, Person.id == Registration.person_id)
        .join(Organisation, Organisation.id == Person.school_id)
        .where(Registration.event_id == event_id)
        .order_by(Registration.status, Registration.queued_at, Registration.id)
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


@dataclass(frozen=True)
class Seat:
    registration_id: int
    name: str
    status: RegistrationStatus


@dataclass(frozen=True)
class SeatPage:
    """One page of those holding a seat (marked or not), by name, with the count of all of them."""

    seats: list[Seat]
    page: int
    pages: int
    total: int
    per_page: int


SEATED = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW)


async def seat_page(
    session: AsyncSession, *, actor: Actor, event_id: int, page: int = 0, per_page: int = 10
) -> SeatPage:
    """The organiser's attendance list, a page at a time; a page past the end shows the last one."""
    await organised_event(session, actor, event_id)
    seated = (Registration.event_id == event_id, Registration.status.in_(SEATED))
    total = await session.scalar(select(func.count()).where(*seated)) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 0), pages - 1)
    rows = await session.execute(
        select(Registration.id, Person.full_name, Registration.status)
        .join(Person, Person.id == Registration.person_id)
        .where(*seated)
        .order_by(Person.full_name, Registration.id)
        .offset(page * per_page)
        .limit(per_page)
    )
    return SeatPage([Seat(*row) for row in rows], page, pages, total, per_page)


async def material_chats(session: AsyncSession, *, actor: Actor, event_id: int) -> list[int]:
    """Chats of the event's participants for materials: those who came, or everyone seated if nobody was marked."""
    await organised_event(session, actor, event_id)
    seated = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED)
    rows = list(
        await session.execute(
            select(User.tg_id, Registration.status)
            .join(Registration, Registration.person_id == User.person_id)
            .where(Registration.event_id == event_id, Registration.status.in_(seated))
        )
    )
    attended = [tg_id for tg_id, status in rows if status == RegistrationStatus.ATTENDED]
    return attended or [tg_id for tg_id, _status in rows]
