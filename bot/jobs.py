"""Scheduled jobs: one APScheduler per process, calling services that claim and queue in one transaction;
the messages are rendered by the handlers' notice functions; the jobs' state lives in the database."""

import logging
from functools import partial

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.resources import Resources
from handlers.delivery.digests import digest_text
from handlers.events.notices import event_reminder
from handlers.mentoring.notices import nudge_message
from handlers.routes.notices import deadline_reminder
from services.delivery.digests import queue_digests
from services.events.reminders import queue_event_reminders
from services.indicators.snapshots import take_last_month
from services.mentoring.nudges import queue_nudges
from services.routes.reminders import queue_reminders

logger = logging.getLogger(__name__)
REMINDER_INTERVAL_MINUTES = 15
EVENT_REMINDER_INTERVAL_MINUTES = 5  # the 1 h reminder must not come 15 minutes late
NUDGE_INTERVAL_MINUTES = 60
DIGEST_INTERVAL_MINUTES = 15
SNAPSHOT_INTERVAL_MINUTES = 360  # the month's snapshot is taken within hours of its end, restart or not


async def send_route_reminders(resources: Resources) -> int:
    """Queue reminders of route items due in 7 days, in 1 day, or overdue; returns how many."""
    now = resources.clock.now()
    async with resources.session_factory() as session:
        return await queue_reminders(
            session, now=now, render=partial(deadline_reminder, resources.translations, now=now)
        )


async def send_event_reminders(resources: Resources) -> int:
    """Queue reminders to registered participants 24 hours and 1 hour before an event; returns how many."""
    async with resources.session_factory() as session:
        return await queue_event_reminders(
            session, now=resources.clock.now(), render=partial(event_reminder, resources.translations)
        )


async def send_mentoring_nudges(resources: Resources) -> int:
    """Queue reminders to mentors of silent pairs, notices to the school's managers when the silence goes
    on, and requests for the result when the planned period is over."""
    settings, now = resources.settings, resources.clock.now()
    async with resources.session_factory() as session:
        return await queue_nudges(
            session,
            now=now,
            mentor_after=settings.nudge_days,
            managers_after=settings.escalate_days,
            render=partial(nudge_message, resources.translations, now=now),
        )


async def enqueue_digests(resources: Resources) -> int:
    """Put this week's digest of everyone whose moment has come into the outbox; the sender delivers."""
    async with resources.session_factory() as session:
        queued = await queue_digests(
            session,
            now=resources.clock.now(),
            silent_days=resources.settings.nudge_days,
            render=partial(digest_text, resources.translations),
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
