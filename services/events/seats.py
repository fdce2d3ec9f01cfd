"""Seats and the waitlist: signing up (a seat, or a place in the queue told exactly), cancelling, and giving freed
seats to the waitlist in order, each promoted person told through the outbox."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import Forbidden, InvalidInput, NotFound
from services.events.events import audience_clause, member_of
from services.models.events import (
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from services.models.people import User
from services.outbox import NewDelivery, enqueue
from services.people.access import Actor


@dataclass(frozen=True)
class SignUp:
    status: RegistrationStatus
    position: int | None  # place on the waitlist, if waitlisted


@dataclass(frozen=True)
class Promotion:
    """Someone moved from the waitlist to a seat, to be told so."""

    person_id: int
    tg_id: int | None
    language: str
    event_id: int
    event_title: str


@dataclass
class CancelOutcome:
    promoted: list[Promotion] = field(default_factory=list)


PromotionNotice = Callable[[Promotion], NewDelivery]


async def _take_seat(session: AsyncSession, event_id: int) -> bool:
    """Take a seat if one is free: one conditional UPDATE, so two people never get the last seat."""
    result = await session.execute(
        update(Event)
        .where(
            Event.id == event_id,
            Event.status == EventStatus.ACTIVE,
            or_(Event.capacity.is_(None), Event.taken < Event.capacity),
        )
        .values(taken=Event.taken + 1)
    )
    return result.rowcount == 1  # type: ignore[attr-defined,no-any-return]


async def sign_up(session: AsyncSession, *, actor: Actor, event_id: int, now: datetime) -> SignUp:
    """Register for an event, or join its waitlist when it is full."""
    member = await member_of(session, actor)
    # One query answers: does the event exist, is it for this person, are they already on it.
    found = (
        await session.execute(
            select(Event, Registration, audience_clause(member, now=now).label("open"))
            .outerjoin(
                Registration, and_(Registration.event_id == Event.id, Registration.person_id == member.person_id)
            )
            .where(Event.id == event_id)
        )
    ).one_or_none()
    if found is None:
        raise NotFound()
    event, existing, open_to_member = found
    if not open_to_member:
        raise InvalidInput("event-not-for-you")
    if event.status != EventStatus.ACTIVE:
        raise InvalidInput("event-cancelled")
    if event.starts_at <= now or (event.registration_until is not None and event.registration_until < now):
        raise InvalidInput("event-registration-closed")
    if existing is not None and existing.status != RegistrationStatus.CANCELLED:
        raise InvalidInput("event-already-registered")
    # Sign-ups for one event take turns from here: PostgreSQL locks the event's row (a full event's
    # UPDATE below matches nothing and would lock nothing); on SQLite that UPDATE opens the write transaction.
    await session.execute(select(Event.id).where(Event.id == event_id).with_for_update())
    seated = await _take_seat(session, event_id)
    status = RegistrationStatus.REGISTERED if seated else RegistrationStatus.WAITLISTED
    queued_at, position = (now, None) if seated else await _end_of_waitlist(session, event_id, now)
    if existing is None:
        existing = Registration(
            event_id=event_id, person_id=member.person_id, status=status, queued_at=queued_at, updated_at=now
        )
        session.add(existing)
    else:
        existing.status, existing.queued_at, existing.updated_at = status, queued_at, now
    try:
        await session.commit()
    except IntegrityError as error:  # the same person twice at once: the unique key keeps one
        await session.rollback()
        raise InvalidInput("event-already-registered") from error
    return SignUp(status, position)


async def _end_of_waitlist(session: AsyncSession, event_id: int, now: datetime) -> tuple[datetime, int]:
    """The queue time and place of one more person on the waitlist, counted under the sign-up lock.

    The queue is the order of arrival at the lock, not of the clock read before it: the new place is
    after everyone already waiting, so the place told now is the place the card shows afterwards."""
    last, waiting = (
        await session.execute(
            select(func.max(Registration.queued_at), func.count()).where(
                Registration.event_id == event_id, Registration.status == RegistrationStatus.WAITLISTED
            )
        )
    ).one()
    queued_at = now if last is None or last < now else last + timedelta(microseconds=1)
    return queued_at, waiting + 1


async def cancel_registration(
    session: AsyncSession, *, actor: Actor, event_id: int, now: datetime, notice: PromotionNotice
) -> CancelOutcome:
    """Cancel one's registration or waitlist place; a freed seat goes to the first on the waitlist, who is told."""
    if actor.person_id is None:
        raise Forbidden()
    registration = await session.scalar(
        select(Registration).where(Registration.event_id == event_id, Registration.person_id == actor.person_id)
    )
    if registration is None or registration.status not in (
        RegistrationStatus.REGISTERED,
        RegistrationStatus.WAITLISTED,
    ):
        raise InvalidInput("event-not-registered")
    event = await session.get_one(Event, event_id)
    if event.starts_at <= now:
        raise InvalidInput("event-already-started")
    had_seat = registration.status == RegistrationStatus.REGISTERED
    registration.status, registration.updated_at = RegistrationStatus.CANCELLED, now
    if had_seat:
        await session.execute(update(Event).where(Event.id == event_id).values(taken=Event.taken - 1))
    promoted = await promote_waitlist(session, event_id, now, notice)
    await session.commit()
    return CancelOutcome(promoted)


async def promote_waitlist(
    session: AsyncSession, event_id: int, now: datetime, notice: PromotionNotice
) -> list[Promotion]:
    """Give free seats to the waitlist in order and queue the news for them (the caller commits)."""
    promoted = await fill_seats(session, event_id, now)
    await enqueue(session, [notice(promotion) for promotion in promoted if promotion.tg_id is not None], now=now)
    return promoted


async def fill_seats(session: AsyncSession, event_id: int, now: datetime) -> list[Promotion]:
    promoted: list[Promotion] = []
    while True:
        first = await session.scalar(
            select(Registration)
            .where(Registration.event_id == event_id, Registration.status == RegistrationStatus.WAITLISTED)
            .order_by(Registration.queued_at, Registration.id)
            .limit(1)
        )
        if first is None or not await _take_seat(session, event_id):
            return promoted
        first.status, first.updated_at = RegistrationStatus.REGISTERED, now
        await session.flush()
        promoted.append(await _promotion(session, first))


async def _promotion(session: AsyncSession, registration: Registration) -> Promotion:
    event = await session.get_one(Event, registration.event_id)
    user = (
        await session.execute(select(User.tg_id, User.language).where(User.person_id == registration.person_id))
    ).one_or_none()
    return Promotion(
        registration.person_id, user[0] if user else None, user[1] if user else "ru", event.id, event.title
    )
