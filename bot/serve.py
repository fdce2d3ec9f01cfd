"""How a process runs: everything in one (long polling, the default), the webhook server only (`web`,
several behind a load balancer), or the scheduler and the bulk sender only (`worker`, exactly one).

Bulk messages are paced by the one sender, so pacing stays global however many web processes answer
updates. Several web processes need REDIS_URL: conversation state and per-person ordering then live
in Redis instead of one process's memory."""

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator, Awaitable, Callable

from aiogram import Bot, Dispatcher
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web
from sqlalchemy import text

from bot.app import build_bot, build_dispatcher, settle_heap
from bot.jobs import build_scheduler
from bot.resources import Resources
from bot.sender import Sender
from bot.settings import Settings
from handlers.common.i18n import Translations
from services.clock import Clock
from services.db import create_engine, create_session_factory, migrate
from services.files.worker import start_worker
from services.people.orgs import ensure_region

logger = logging.getLogger(__name__)
WEBHOOK_PATH = "/webhook"


@contextlib.asynccontextmanager
async def runtime(settings: Settings) -> AsyncIterator[tuple[Bot, Resources]]:
    """Migrate the database, make sure the region exists, and hand out the bot and the resources."""
    engine = create_engine(settings.database_url)
    try:
        await migrate(engine)
        session_factory = create_session_factory(engine)
        clock = Clock()
        async with session_factory() as session:
            region = await ensure_region(
                session, name=settings.region_name, timezone=settings.default_timezone, now=clock.now()
            )
        bot = build_bot(settings)
        try:
            yield bot, Resources(settings, session_factory, region.id, clock, Translations())
        finally:
            await bot.session.close()
    finally:
        await engine.dispose()


@contextlib.asynccontextmanager
async def background(bot: Bot, resources: Resources) -> AsyncIterator[None]:
    """The scheduler's jobs and the bulk sender, for as long as the block runs."""
    scheduler = build_scheduler(resources)
    scheduler.start()
    sender = Sender(bot, resources)
    sending = asyncio.create_task(sender.run(), name="sender")
    try:
        yield
    finally:
        scheduler.shutdown(wait=False)
        sender.stop()  # finishes the messages in flight and records them
        await sending


def dispatcher_for(settings: Settings) -> Dispatcher:
    storage: BaseStorage | None = None
    isolation: BaseEventIsolation | None = None
    if settings.redis_url:
        from aiogram.fsm.storage.redis import RedisStorage

        redis_storage = RedisStorage.from_url(settings.redis_url)
        storage, isolation = redis_storage, redis_storage.create_isolation()
    return build_dispatcher(storage, isolation)


async def run_polling(settings: Settings) -> None:
    async with runtime(settings) as (bot, resources), background(bot, resources):
        dispatcher = dispatcher_for(settings)
        await start_worker()
        settle_heap()
        logger.info("starting long polling")
        await dispatcher.start_polling(bot, handle_signals=True, **resources.as_data())


async def run_worker(settings: Settings) -> None:
    async with runtime(settings) as (bot, resources), background(bot, resources):
        logger.info("worker: scheduler and bulk sender running")
        await _until_stopped()


async def run_web(settings: Settings, *, with_background: bool) -> None:
    """Serve updates by webhook (the secret token is checked) and a health endpoint."""
    async with runtime(settings) as (bot, resources):
        dispatcher = dispatcher_for(settings)
        app = web.Application()
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        # The resources reach handlers as workflow data with every update the handler feeds.
        handler = SimpleRequestHandler(dispatcher, bot, secret_token=secret, **resources.as_data())
        handler.register(app, path=WEBHOOK_PATH)
        setup_application(app, dispatcher, bot=bot)
        app.router.add_get("/health", _health(resources))
        if settings.webhook_url:
            await bot.set_webhook(f"{settings.webhook_url.rstrip('/')}{WEBHOOK_PATH}", secret_token=secret)
        runner = web.AppRunner(app)
        await runner.setup()
        await start_worker()
        settle_heap()
        await web.TCPSite(runner, settings.web_host, settings.web_port).start()
        logger.info("webhook server on %s:%s", settings.web_host, settings.web_port)
        try:
            if with_background:
                async with background(bot, resources):
                    await _until_stopped()
            else:
                await _until_stopped()
        finally:
            await runner.cleanup()


def _health(resources: Resources) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    async def health(_request: web.Request) -> web.Response:
        try:
            async with resources.session_factory() as session:
                await session.execute(text("SELECT 1"))
        except Exception:
            logger.exception("health check: the database does not answer")
            return web.json_response({"status": "database unavailable"}, status=503)
        return web.json_response({"status": "ok"})

    return health


async def _until_stopped() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
