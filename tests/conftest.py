"""Fixtures: a real migrated SQLite database per test, a controllable clock, the real bot wiring."""

import asyncio
import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiogram import Dispatcher
from aiogram.fsm.storage.memory import MemoryStorage
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.app import build_bot, build_dispatcher
from bot.context import Resources
from bot.i18n import Translations
from bot.settings import Settings
from services.clock import Clock
from services.db import create_engine, create_session_factory, migrate
from services.orgs import Org, ensure_region
from tests.conversation import Harness
from tests.fake_telegram import FakeTelegram

pytest_plugins = ["tests.mentoring_setup"]  # the mentoring fixtures, shared by several test modules

TOKEN = "123456789:AAEXAMPLEexampleEXAMPLEexample_-123"
ADMIN_ID = 1


class FrozenClock(Clock):
    """A clock that stands still until a test moves it."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real migrations, run once; each test gets a copy of the result."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"

    async def build() -> None:
        engine = create_engine(sqlite_url(path))
        await migrate(engine)
        await engine.dispose()

    asyncio.run(build())
    return path


@pytest.fixture
def database_url(migrated_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "test.sqlite3"
    shutil.copy(migrated_template, path)
    return sqlite_url(path)


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(engine)


@pytest.fixture
async def session(session_factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with session_factory() as session:
        yield session


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(_env_file=None, bot_token=TOKEN, database_url=database_url, admin_ids=frozenset({ADMIN_ID}))


@pytest.fixture
async def region(session: AsyncSession, clock: FrozenClock) -> Org:
    return await ensure_region(session, name="Тестовый регион", timezone="Europe/Moscow", now=clock.now())


@pytest.fixture(scope="session")
def dispatcher() -> Dispatcher:
    """aiogram routers attach to one dispatcher only, so the tests share one, as production does."""
    return build_dispatcher()


@pytest.fixture(scope="session")
def translations() -> Translations:
    return Translations()


@pytest.fixture
def harness(
    dispatcher: Dispatcher,
    settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
    region: Org,
    clock: FrozenClock,
    translations: Translations,
) -> Harness:
    dispatcher.fsm.storage = MemoryStorage()  # a fresh conversation state for every test
    telegram = FakeTelegram()
    resources = Resources(settings, session_factory, region.id, clock, translations)
    return Harness(dispatcher, build_bot(settings, session=telegram), telegram, resources.as_data())
