"""Deadline reminders for route items: 7 days and 1 day before, and once overdue — each once, by day."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.people import Organisation, Person, User
from services.models.routes import ItemReminder, ItemStatus, Route, RouteItem, RouteStatus
from services.outbox import NewDelivery, enqueue

# Reminders go out in the organisation's daytime only, never at night.
DAY_STARTS, DAY_ENDS = 9, 20
KINDS = ("overdue", "1d", "7d")  # most urgent first


@dataclass(frozen=True)
class Reminder:
    item_id: int
    tg_id: int
    language: str
    kind: str
    title: str
    deadline: date


def reminder_kind(deadline: date, today: date) -> str | None:
    """Which reminder an item is due for today, if any."""
    days_left = (deadline - today).days
    if days_left < 0:
        return "overdue"
    if days_left <= 1:
        return "1d"
    if days_left <= 7:
        return "7d"
    return None


async def queue_reminders(session: AsyncSession, *, now: datetime, render: Callable[[Reminder], NewDelivery]) -> int:
    """Put the reminders due now into the outbox and mark them sent, in one transaction; returns how many."""
    due = await _claim_reminders(session, now=now)
    await enqueue(session, [render(reminder) for reminder in due], now=now)
    await session.commit()
    return len(due)


async def _claim_reminders(session: AsyncSession, *, now: datetime) -> list[Reminder]:
    """Reminders due now in daytime zones, marked as sent (so never twice); the caller commits."""
    horizon = now.date() + timedelta(days=8)  # local dates differ from UTC by under a day
    open_items = select(RouteItem.id).where(
        RouteItem.status.in_((ItemStatus.PLANNED, ItemStatus.RETURNED)), RouteItem.deadline <= horizon
    )
    rows = await session.execute(
        select(RouteItem.id, RouteItem.title, RouteItem.deadline, Organisation.timezone, User.tg_id, User.language)
        .join(Route, Route.id == RouteItem.route_id)
        .join(Person, Person.id == Route.person_id)
        .join(Organisation, Organisation.id == Person.school_id)
        .join(User, User.person_id == Person.id)
        .where(Route.status.in_((RouteStatus.APPROVED, RouteStatus.IN_PROGRESS)), RouteItem.id.in_(open_items))
    )
    sent = set(
        await session.execute(
            select(ItemReminder.item_id, ItemReminder.kind).where(ItemReminder.item_id.in_(open_items))
        )
    )
    due: list[Reminder] = []
    records: list[dict[str, object]] = []
    for item_id, title, deadline, timezone, tg_id, language in rows:
        local = now.astimezone(ZoneInfo(timezone))
        kind = reminder_kind(deadline, local.date())
        if kind is None or not DAY_STARTS <= local.hour < DAY_ENDS or (item_id, kind) in sent:
            continue
        due.append(Reminder(item_id, tg_id, language, kind, title, deadline))
        # A more urgent reminder makes the milder ones pointless: mark them as done too.
        milder = KINDS[KINDS.index(kind) :]
        records += [
            {"item_id": item_id, "kind": each, "sent_at": now} for each in milder if (item_id, each) not in sent
        ]
    if records:
        await session.execute(insert(ItemReminder), records)
    return due
