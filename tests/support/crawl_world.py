"""The crawler's world: its own database, whose file is saved before each tap and brought back for it, the
harness wired to it, what a moment of the walk holds, and the recorders of which handlers ran and what was logged."""

import itertools
import logging
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiogram import BaseMiddleware, Dispatcher
from aiogram.dispatcher.event.handler import HandlerObject
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.types import TelegramObject

from bot.app import build_bot
from bot.resources import Resources
from bot.settings import Settings
from handlers.common.i18n import Translations
from handlers.common.menu import ROLE_COMMANDS
from services.db import create_engine, create_session_factory
from services.people.orgs import ensure_region
from tests.conftest import ADMIN_ID, TOKEN, FrozenClock, sqlite_url
from tests.support.conversation import Harness, Person
from tests.support.fake_telegram import FakeTelegram, Sent

CLOCK_START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # the `clock` fixture's moment


def handler_name(handler: HandlerObject) -> str:
    return f"{handler.callback.__module__}.{handler.callback.__qualname__}"


def callback_handlers(dispatcher: Dispatcher) -> set[str]:
    """Every registered callback query handler, walking the routers."""
    return {handler_name(handler) for router in dispatcher.chain_tail for handler in router.callback_query.handlers}


def menu_commands() -> set[str]:
    return {command for commands in ROLE_COMMANDS.values() for command in commands}


class HandlerRecorder(BaseMiddleware):
    """An inner middleware, installed only while crawling: notes which handler each update reached."""

    def __init__(self) -> None:
        self.ran: list[str] = []

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        self.ran.append(handler_name(data["handler"]))
        return await handler(event, data)


class ErrorRecords(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@asynccontextmanager
async def recording(dispatcher: Dispatcher) -> AsyncIterator[tuple[HandlerRecorder, ErrorRecords]]:
    recorder, errors = HandlerRecorder(), ErrorRecords()
    dispatcher.callback_query.middleware(recorder)
    dispatcher.message.middleware(recorder)
    logging.getLogger().addHandler(errors)
    try:
        yield recorder, errors
    finally:
        logging.getLogger().removeHandler(errors)
        dispatcher.message.middleware.unregister(recorder)
        dispatcher.callback_query.middleware.unregister(recorder)


class CrawlDatabase:
    """A SQLite database of the crawl's own, built by the real migrations, whose file can be saved and brought back,
    so each tap is taken on the world exactly as its screen was shown, whatever destructive taps did meanwhile."""

    def __init__(self, template: str, directory: Path) -> None:
        self.directory = directory
        self.path = directory / "crawl.sqlite3"
        shutil.copy(template, self.path)
        self.engine = create_engine(sqlite_url(self.path))
        self.session_factory = create_session_factory(self.engine)
        self._saved = itertools.count()

    async def save(self) -> Path:
        await self.engine.dispose()  # the last connection to close folds the write-ahead log into the file
        saved = self.directory / f"{next(self._saved)}.sqlite3"
        shutil.copy(self.path, saved)
        return saved

    async def bring_back(self, saved: Path) -> None:
        await self.engine.dispose()
        for leftover in (Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copy(saved, self.path)


@asynccontextmanager
async def crawl_harness(dispatcher: Dispatcher, database: CrawlDatabase) -> AsyncIterator[Harness]:
    """The same wiring the `harness` fixture gives a test, on the crawl's own database."""
    clock = FrozenClock(CLOCK_START)
    url = sqlite_url(database.path)
    settings = Settings(_env_file=None, bot_token=TOKEN, database_url=url, admin_ids=frozenset({ADMIN_ID}))
    async with database.session_factory() as session:
        region = await ensure_region(session, name="Тестовый регион", timezone="Europe/Moscow", now=clock.now())
    dispatcher.fsm.storage = MemoryStorage()
    telegram = FakeTelegram()
    resources = Resources(settings, database.session_factory, region.id, clock, Translations())
    try:
        yield Harness(dispatcher, build_bot(settings, session=telegram), telegram, resources.as_data())
    finally:
        await database.engine.dispose()


@dataclass(frozen=True)
class Moment:
    """Everything a tap depends on, saved when its screen was shown: the database, the conversation, the chat."""

    database: Path
    state: str | None
    data: dict[str, Any]
    screens: tuple[Sent, ...]


def screens_of(person: Person) -> tuple[Sent, ...]:
    """What the person's chat shows now: each message as last drawn, newest first."""
    latest: dict[int, Sent] = {}
    for sent in person.messages():
        if (message_id := sent.message_id) is None:
            continue
        if sent.method == "EditMessageReplyMarkup" and message_id in latest:
            sent = replace(latest[message_id], markup=sent.markup)
        latest[message_id] = sent
    return tuple(sorted(latest.values(), key=lambda sent: sent.message_id or 0, reverse=True))
