"""Scheduled jobs: one APScheduler per process, calling services; their state lives in the database."""

import logging
from zoneinfo import ZoneInfo

from aiogram.utils.keyboard import InlineKeyboardBuilder
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.resources import Resources
from handlers.common.keyboards import MenuAction
from handlers.common.notify import outgoing
from handlers.delivery.digests import render_digest
from handlers.events.views import EventOpen
from handlers.mentoring.callbacks import MentorAct
from handlers.routes.views import RouteAction
from services.delivery.digests import Digest, queue_digests
from services.events.reminders import EventNotice, queue_event_reminders
from services.indicators.snapshots import take_last_month
from services.mentoring.nudges import Nudge, queue_nudges
from services.outbox import NewDelivery
from services.routes.reminders import Reminder, queue_reminders

logger = logging.getLogger(__name__)
REMINDER_INTERVAL_MINUTES = 15
EVENT_REMINDER_INTERVAL_MINUTES = 5  # the 1 h reminder must not come 15 minutes late
NUDGE_INTERVAL_MINUTES = 60
DIGEST_INTERVAL_MINUTES = 15
SNAPSHOT_INTERVAL_MINUTES = 360  # the month's snapshot is taken within hours of its end, restart or not


async def send_route_reminders(resources: Resources) -> int:
    """Queue reminders of route items due in 7 days, in 1 day, or overdue; returns how many."""
    now = resources.clock.now()

    def render(reminder: Reminder) -> NewDelivery:
        t = resources.translations.get(reminder.language)
        builder = InlineKeyboardBuilder()
        builder.button(text=t.plain("route-open"), callback_data=RouteAction(action="show"))
        text = t(f"reminder-{reminder.kind}", title=reminder.title, deadline=f"{reminder.deadline:%d.%m.%Y}")
        key = f"reminder:{reminder.item_id}:{reminder.kind}:{now:%Y%m%d}"
        return outgoing(key, reminder.tg_id, text, builder.as_markup())

    async with resources.session_factory() as session:
        return await queue_reminders(session, now=now, render=render)


async def send_event_reminders(resources: Resources) -> int:
    """Queue reminders to registered participants 24 hours and 1 hour before an event; returns how many."""

    def render(notice: EventNotice) -> NewDelivery:
        t = resources.translations.get(notice.language)
        builder = InlineKeyboardBuilder()
        builder.button(text=t.plain("event-open"), callback_data=EventOpen(event=notice.event_id))
        start = notice.starts_at.astimezone(ZoneInfo(notice.timezone))
        text = t(
            f"event-reminder-{notice.kind}",
            title=notice.title,
            start=f"{start:%d.%m.%Y %H:%M}",
            place=notice.place or "—",
        )
        key = f"event-reminder:{notice.event_id}:{notice.kind}:{notice.tg_id}"
        return outgoing(key, notice.tg_id, text, builder.as_markup())

    async with resources.session_factory() as session:
        return await queue_event_reminders(session, now=resources.clock.now(), render=render)


async def send_mentoring_nudges(resources: Resources) -> int:
    """Queue reminders to mentors of silent pairs, notices to the school's managers when the silence goes
    on, and requests for the result when the planned period is over."""
    settings, now = resources.settings, resources.clock.now()

    def render(nudge: Nudge) -> NewDelivery:
        t = resources.translations.get(nudge.language)
        text = t(f"nudge-{nudge.kind}", mentor=nudge.mentor, mentee=nudge.mentee, days=nudge.days)
        builder = InlineKeyboardBuilder()
        if nudge.kind == "result":
            builder.button(
                text=t.plain("pair-result-write"), callback_data=MentorAct(action="result", pair=nudge.pair_id)
            )
        else:
            builder.button(text=t.plain("menu-mentor"), callback_data=MenuAction(item="mentor"))
        key = f"nudge:{nudge.pair_id}:{nudge.kind}:{nudge.tg_id}:{now:%Y%m%d}"
        return outgoing(key, nudge.tg_id, text, builder.as_markup())

    async with resources.session_factory() as session:
        return await queue_nudges(
            session,
            now=now,
            mentor_after=settings.nudge_days,
            managers_after=settings.escalate_days,
            render=render,
        )


async def enqueue_digests(resources: Resources) -> int:
    """Put this week's digest of everyone whose moment has come into the outbox; the sender delivers."""

    def render(digest: Digest) -> str:
        return render_digest(resources.translations.get(digest.recipient.language), digest)

    async with resources.session_factory() as session:
        queued = await queue_digests(
            session, now=resources.clock.now(), silent_days=resources.settings.nudge_days, render=render
        )
    if queued:
        logger.info("queued %d weekly digests", queued)
    return queued


async def take_snapshots(resources: Resources) -> int:
    """After a month ends, store every municipality's indicators for it (the trend charts read them)."""
    async with resources.session_factory() as session:
        return await take_last_month(session, now=resources.clock.now())


def build_scheduler(resources: Resources) -> AsyncIOScheduler:
    """One scheduler per process; each job reads and records its own state in the database."""
    scheduler = AsyncIOScheduler(timezone="UTC")
    jobs = (
        (send_route_reminders, REMINDER_INTERVAL_MINUTES),
        (send_event_reminders, EVENT_REMINDER_INTERVAL_MINUTES),
        (send_mentoring_nudges, NUDGE_INTERVAL_MINUTES),
        (enqueue_digests, DIGEST_INTERVAL_MINUTES),
        (take_snapshots, SNAPSHOT_INTERVAL_MINUTES),
    )
    for job, minutes in jobs:
        scheduler.add_job(
            job, "interval", minutes=minutes, args=(resources,), id=job.__name__, max_instances=1, coalesce=True
        )
    return scheduler
