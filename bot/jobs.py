"""Scheduled jobs: one APScheduler per process, calling services; their state lives in the database."""

import asyncio
import logging
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.utils.keyboard import InlineKeyboardBuilder
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.context import Resources
from handlers.event_views import EventOpen
from handlers.keyboards import MenuAction
from handlers.mentoring_callbacks import MentorAct
from handlers.notify import notify
from handlers.route_views import RouteAction
from services.event_reminders import claim_event_reminders
from services.mentoring_nudges import claim_nudges
from services.reminders import claim_reminders

logger = logging.getLogger(__name__)
REMINDER_INTERVAL_MINUTES = 15
EVENT_REMINDER_INTERVAL_MINUTES = 5  # the 1 h reminder must not come 15 minutes late
NUDGE_INTERVAL_MINUTES = 60
# Bulk messages stay well under Telegram's ~30 per second overall (issue #7 brings the shared outbox).
BULK_PAUSE_SECONDS = 1 / 25


async def send_route_reminders(bot: Bot, resources: Resources) -> int:
    """Tell teachers about route items due in 7 days, in 1 day, or overdue; returns how many were sent."""
    async with resources.session_factory() as session:
        due = await claim_reminders(session, now=resources.clock.now())
    for reminder in due:
        t = resources.translations.get(reminder.language)
        builder = InlineKeyboardBuilder()
        builder.button(text=t.plain("route-open"), callback_data=RouteAction(action="show"))
        text = t(f"reminder-{reminder.kind}", title=reminder.title, deadline=f"{reminder.deadline:%d.%m.%Y}")
        await notify(bot, reminder.tg_id, text, builder.as_markup())
        await asyncio.sleep(BULK_PAUSE_SECONDS)
    if due:
        logger.info("sent %d route reminders", len(due))
    return len(due)


async def send_event_reminders(bot: Bot, resources: Resources) -> int:
    """Remind registered participants 24 hours and 1 hour before an event; returns how many were sent."""
    async with resources.session_factory() as session:
        due = await claim_event_reminders(session, now=resources.clock.now())
    for notice in due:
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
        await notify(bot, notice.tg_id, text, builder.as_markup())
        await asyncio.sleep(BULK_PAUSE_SECONDS)
    return len(due)


async def send_mentoring_nudges(bot: Bot, resources: Resources) -> int:
    """Remind mentors of silent pairs, tell the school's managers when the silence goes on, and ask mentors
    for the result when the planned period is over."""
    settings = resources.settings
    async with resources.session_factory() as session:
        due = await claim_nudges(
            session, now=resources.clock.now(), mentor_after=settings.nudge_days, managers_after=settings.escalate_days
        )
    for nudge in due:
        t = resources.translations.get(nudge.language)
        text = t(f"nudge-{nudge.kind}", mentor=nudge.mentor, mentee=nudge.mentee, days=nudge.days)
        builder = InlineKeyboardBuilder()
        if nudge.kind == "result":
            builder.button(
                text=t.plain("pair-result-write"), callback_data=MentorAct(action="result", pair=nudge.pair_id)
            )
        else:
            builder.button(text=t.plain("menu-mentor"), callback_data=MenuAction(item="mentor"))
        await notify(bot, nudge.tg_id, text, builder.as_markup())
        await asyncio.sleep(BULK_PAUSE_SECONDS)
    return len(due)


def build_scheduler(bot: Bot, resources: Resources) -> AsyncIOScheduler:
    """One scheduler per process; each job reads and records its own state in the database."""
    scheduler = AsyncIOScheduler(timezone="UTC")
    jobs = (
        (send_route_reminders, REMINDER_INTERVAL_MINUTES),
        (send_event_reminders, EVENT_REMINDER_INTERVAL_MINUTES),
        (send_mentoring_nudges, NUDGE_INTERVAL_MINUTES),
    )
    for job, minutes in jobs:
        scheduler.add_job(
            job, "interval", minutes=minutes, args=(bot, resources), id=job.__name__, max_instances=1, coalesce=True
        )
    return scheduler
