"""Deadline reminders for route items, driven by a controllable clock, sent through the real bot."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.jobs import send_route_reminders
from services.models.routes import ItemReminder, RouteItem
from services.outbox import NewDelivery
from services.routes.reminders import queue_reminders, reminder_kind
from tests.conftest import FrozenClock
from tests.support.conversation import Harness, Person, shows
from tests.support.delivery import RenderingFailed, fails_on_second, outbox_size, run_job
from tests.support.route_setup import approved_route, methodist_and_teacher

DEADLINE = date(2026, 12, 10)


@pytest.fixture
async def people(harness: Harness) -> tuple[Person, Person]:
    return await methodist_and_teacher(harness)


def at_moscow(day: int, month: int, hour: int) -> datetime:
    return datetime(2026, month, day, hour - 3, 0, tzinfo=UTC)  # Moscow is UTC+3


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        (date(2026, 12, 1), None),
        (date(2026, 12, 3), "7d"),
        (date(2026, 12, 9), "1d"),
        (date(2026, 12, 10), "1d"),
        (date(2026, 12, 11), "overdue"),
    ],
)
def test_reminder_kind_by_days_left(today: date, kind: str | None) -> None:
    assert reminder_kind(DEADLINE, today) == kind


async def reminders_sent(harness: Harness, teacher: Person) -> list[str]:
    before = len(teacher.messages())
    await run_job(harness, send_route_reminders)
    return [sent.text for sent in teacher.messages()[before:]]


async def test_each_reminder_goes_once_in_daytime_only(
    harness: Harness,
    people: tuple[Person, Person],
    session: AsyncSession,
    clock: FrozenClock,
) -> None:
    _methodist, teacher = await approved_route(people)
    await session.execute(update(RouteItem).values(deadline=DEADLINE))
    await session.commit()

    clock.moment = at_moscow(3, 12, 6)  # a week before, but 6 in the morning
    assert await reminders_sent(harness, teacher) == []
    clock.moment = at_moscow(3, 12, 10)
    sent = await reminders_sent(harness, teacher)
    assert len(sent) == 2 and all(shows(text, "reminder-7d") for text in sent)
    assert await reminders_sent(harness, teacher) == []

    clock.moment = at_moscow(9, 12, 12)
    assert all(shows(text, "reminder-1d") for text in await reminders_sent(harness, teacher))
    clock.moment = at_moscow(11, 12, 23)  # overdue, but late at night
    assert await reminders_sent(harness, teacher) == []
    clock.moment = at_moscow(12, 12, 9)
    sent = await reminders_sent(harness, teacher)
    assert len(sent) == 2 and all(shows(text, "reminder-overdue") for text in sent)
    assert await reminders_sent(harness, teacher) == []


async def test_reported_items_and_blocked_chats_are_skipped_without_errors(
    harness: Harness,
    people: tuple[Person, Person],
    session: AsyncSession,
    clock: FrozenClock,
) -> None:
    _methodist, teacher = await approved_route(people)
    first = await session.scalar(select(RouteItem.id).order_by(RouteItem.id))
    await session.execute(update(RouteItem).values(deadline=DEADLINE))
    await session.execute(update(RouteItem).where(RouteItem.id == first).values(status="reported"))
    await session.commit()
    clock.moment = at_moscow(9, 12, 12)
    assert len(await reminders_sent(harness, teacher)) == 1
    clock.moment = at_moscow(12, 12, 12)
    harness.telegram.blocked.add(teacher.user.id)
    assert await reminders_sent(harness, teacher) == []


async def test_a_failure_while_queueing_reminders_marks_none_sent_and_the_next_run_sends_them_all(
    harness: Harness,
    people: tuple[Person, Person],
    session: AsyncSession,
    session_factory: async_sessionmaker[AsyncSession],
    clock: FrozenClock,
) -> None:
    _methodist, teacher = await approved_route(people)
    await session.execute(update(RouteItem).values(deadline=DEADLINE))
    await session.commit()
    clock.moment = at_moscow(3, 12, 10)
    queued = await outbox_size(session)
    async with session_factory() as job_session:
        with pytest.raises(RenderingFailed):
            await queue_reminders(job_session, now=clock.now(), render=fails_on_second(NewDelivery("first", 1)))
    assert await session.scalar(select(func.count()).select_from(ItemReminder)) == 0
    assert await outbox_size(session) == queued
    sent = await reminders_sent(harness, teacher)
    assert len(sent) == 2 and all(shows(text, "reminder-7d") for text in sent)
