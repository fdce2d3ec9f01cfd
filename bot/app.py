"""The composition root: bot, dispatcher, routers and middlewares wired from settings."""

import gc
import logging

from aiogram import Bot, Dispatcher, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.fsm.storage.memory import MemoryStorage

from bot.fitting import FitMiddleware
from bot.middlewares import ContextMiddleware
from bot.retry import RetryMiddleware
from bot.settings import Settings
from handlers.common import dates, errors
from handlers.common.callback_answers import CallbackAnswerTracker
from handlers.common.door import HandlerGate, PrivateChatsOnly
from handlers.delivery import compose, news, news_card, news_sending
from handlers.events import attendance, create, events, organise, past, schools
from handlers.events import plan as plan_upload
from handlers.indicators import exports, indicators, manual
from handlers.mentoring import log, meetings, pairs, plan, relay
from handlers.people import communities, invites, joins, orgs, personal_data, roster, self_link, settings, start
from handlers.routes import catalogue, deadlines, diagnostics, items, review, routes

logger = logging.getLogger(__name__)


def build_bot(settings: Settings, session: BaseSession | None = None, retry: RetryMiddleware | None = None) -> Bot:
    """A bot that speaks HTML, fits every text into Telegram's limits, retries 429s and transient errors,
    and may use a local Bot API server."""
    if session is None:
        session = AiohttpSession()
    if settings.bot_api_url:
        session.api = TelegramAPIServer.from_base(settings.bot_api_url)
    session.middleware(FitMiddleware())  # first, so it runs once however often the request is retried
    session.middleware(retry or RetryMiddleware())
    session.middleware(CallbackAnswerTracker())
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
        self_link.router,
        dates.router,
        joins.router,
        settings.router,
        personal_data.router,
        roster.router,
        invites.router,
        orgs.router,
        routes.router,
        items.router,
        review.router,
        diagnostics.router,
        catalogue.router,
        deadlines.router,
        events.router,
        create.router,
        schools.router,
        plan_upload.router,
        organise.router,
        attendance.router,
        past.router,
        relay.router,
        pairs.router,
        meetings.router,
        log.router,
        plan.router,
        news.router,
        compose.router,
        news_card.router,
        news_sending.router,
        indicators.router,
        manual.router,
        exports.router,
        communities.router,
        errors.fallback,
    ]


def build_dispatcher(storage: BaseStorage | None = None, isolation: BaseEventIsolation | None = None) -> Dispatcher:
    """The dispatcher with our middlewares and routers; resources come with start_polling or feed_update.
    A shared storage (Redis) brings its own isolation, so one person's updates run one at a time across
    processes. The door (`handlers.common.door`) lets through only people in private chats, then consent and
    staff-only conversations are checked once the handler is chosen."""
    dispatcher = Dispatcher(storage=storage or MemoryStorage(), events_isolation=isolation)
    dispatcher.update.outer_middleware(PrivateChatsOnly())
    dispatcher.update.outer_middleware(ContextMiddleware())
    dispatcher.message.middleware(HandlerGate())
    dispatcher.callback_query.middleware(HandlerGate())
    dispatcher.include_routers(*get_routers())
    return dispatcher


def settle_heap() -> None:
    """Once everything is built: move what start-up made (modules, models, routers, translations; some 400 000
    objects, all living as long as the process) out of the garbage collector's sight. A full collection runs
    on the event loop all at once, and scanning them all held it for 0.5–2 s during a big roster import;
    now a full collection scans only what was made since."""
    gc.collect()
    gc.freeze()
