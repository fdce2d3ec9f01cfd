"""Reminders to registered participants 24 hours and 1 hour before an event starts, each once."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.events import Event, EventReminder, EventStatus, Registration, RegistrationStatus
from services.models.people import User
from services.outbox import NewDelivery, enqueue

LEADS = {"24h": timedelta(hours=24), "1h": timedelta(hours=1)}  # the nearer one last


@dataclass(frozen=True)
class EventNotice:
    tg_id: int
    language: str
    kind: str
    event_id: int
    title: str
    starts_at: datetime
    timezone: str
    place: str


async def queue_event_reminders(
    session: AsyncSession, *, now: datetime, render: Callable[[EventNotice], NewDelivery]
) -> int:
    """Put the reminders due now into the outbox and mark them sent, in one transaction; returns how many."""
    due = await _claim_event_reminders(session, now=now)
    await enqueue(session, [render(notice) for notice in due], now=now)
    await session.commit()
    return len(due)


async def _claim_event_reminders(session: AsyncSession, *, now: datetime) -> list[EventNotice]:
    """Reminders due now, marked as sent so that none goes twice; the caller commits."""
    due_events: dict[int, str] = {}
    for kind, lead in LEADS.items():
        events = await session.scalars(
            select(Event.id).where(
                Event.status == EventStatus.ACTIVE,
                Event.starts_at > now,
                Event.starts_at <= now + lead,
                ~select(EventReminder.event_id)
                .where(EventReminder.event_id == Event.id, EventReminder.kind == kind)
                .exists(),
            )
        )
        for event_id in events:
            due_events[event_id] = kind  # within an hour: the 1 h reminder replaces the 24 h one
    if not due_events:
        return []
    # The milder reminder is marked too, so an event created 30 minutes ahead gets one message.
    records = [
        {"event_id": event_id, "kind": each, "sent_at": now}
        for event_id, kind in due_events.items()
        for each in list(LEADS)[: list(LEADS).index(kind) + 1]
    ]
    sent = set(
        await session.execute(
            select(EventReminder.event_id, EventReminder.kind).where(EventReminder.event_id.in_(due_events))
        )
    )
    fresh = [record for record in records if (record["event_id"], record["kind"]) not in sent]
    if fresh:
        await session.execute(insert(EventReminder), fresh)
    rows = await session.execute(
        select(User.tg_id, User.language, Event.id, Event.title, Event.starts_at, Event.timezone, Event.place)
        .join(Registration, Registration.event_id == Event.id)
        .join(User, User.person_id == Registration.person_id)
        .where(Event.id.in_(due_events), Registration.status == RegistrationStatus.REGISTERED)
    )
    notices = [
        EventNotice(tg_id, language, due_events[event_id], event_id, title, starts_at, timezone, place)
        for tg_id, language, event_id, title, starts_at, timezone, place in rows
    ]
    return notices
