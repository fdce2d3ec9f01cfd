"""The composition root: bot, dispatcher, routers and middlewares wired from settings."""

import asyncio
import logging

from aiogram import Bot, Dispatcher, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseStorage
from aiogram.fsm.storage.memory import MemoryStorage

from bot.context import Resources
from bot.i18n import Translations
from bot.jobs import build_scheduler
from bot.middlewares import ContextMiddleware
from bot.retry import RetryMiddleware
from bot.sender import Sender
from bot.settings import Settings
from handlers import (
    communities,
    diagnostics,
    errors,
    event_admin,
    events,
    indicators,
    invites,
    join,
    mentoring,
    mentoring_meetings,
    mentoring_pairs,
    mentoring_plan,
    news,
    orgs,
    roster,
    route_items,
    route_review,
    routes,
    settings,
    start,
)
from services.clock import Clock
from services.db import create_engine, create_session_factory, migrate
from services.orgs import ensure_region

logger = logging.getLogger(__name__)


def build_bot(settings: Settings, session: BaseSession | None = None, retry: RetryMiddleware | None = None) -> Bot:
    """A bot that speaks HTML, retries 429s and transient errors, and may use a local Bot API server."""
    if session is None:
        session = AiohttpSession()
    if settings.bot_api_url:
        session.api = TelegramAPIServer.from_base(settings.bot_api_url)
    session.middleware(retry or RetryMiddleware())
    return Bot(
        token=settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )


def get_routers() -> list[Router]:
    """Feature routers in the order they are tried; the fallback answers what nobody else took."""
    return [
        errors.router,
        start.router,
        join.router,
        settings.router,
        roster.router,
        invites.router,
        orgs.router,
        routes.router,
        route_items.router,
        route_review.router,
        diagnostics.router,
        events.router,
        event_admin.router,
        mentoring.router,
        mentoring_pairs.router,
        mentoring_meetings.router,
        mentoring_plan.router,
        news.router,
        indicators.router,
        communities.router,
        errors.fallback,
    ]


def build_dispatcher(storage: BaseStorage | None = None) -> Dispatcher:
    """The dispatcher with our middlewares and routers; resources come with start_polling or feed_update."""
    dispatcher = Dispatcher(storage=storage or MemoryStorage())
    dispatcher.update.outer_middleware(ContextMiddleware())
    dispatcher.include_routers(*get_routers())
    return dispatcher


async def run_polling(settings: Settings) -> None:
    """Migrate, then serve updates by long polling until stopped."""
    engine = create_engine(settings.database_url)
    try:
        await migrate(engine)
        session_factory = create_session_factory(engine)
        clock = Clock()
        async with session_factory() as session:
            region = await ensure_region(
                session, name=settings.region_name, timezone=settings.default_timezone, now=clock.now()
            )
        resources = Resources(settings, session_factory, region.id, clock, Translations())
        bot = build_bot(settings)
        scheduler = build_scheduler(resources)
        scheduler.start()
        sender = Sender(bot, resources)
        sending = asyncio.create_task(sender.run(), name="sender")
        logger.info("starting long polling")
        try:
            await build_dispatcher().start_polling(bot, handle_signals=True, **resources.as_data())
        finally:
            scheduler.shutdown(wait=False)
            sender.stop()  # finishes the messages in flight and records them
            await sending
    finally:
        await engine.dispose()
